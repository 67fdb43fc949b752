//! `xxgk certify`: a deterministic certificate of which files conform to which standard, checked
//! by which tool, and `xxgk certify --verify` to confirm that files still match a certificate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Args;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use xxgk_check::Checker;
use xxgk_conformance::{Assessment, Level};
use xxgk_document::read::{decode, read_file};

use crate::conformance::format_of;
use crate::{EXIT_CONFORMANT, EXIT_FINDINGS, EXIT_USAGE};

/// Arguments of `xxgk certify`.
#[derive(Debug, Args)]
pub struct CertifyArgs {
    /// The reports to certify, or with `--verify`, to verify against the certificate.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Write the certificate here (default: standard output).
    #[arg(long, value_name = "FILE", conflicts_with = "verify")]
    out: Option<PathBuf>,
    /// Verify that FILE's certificate still holds for the files: same contents, same standard,
    /// same results.
    #[arg(long, value_name = "CERTIFICATE")]
    verify: Option<PathBuf>,
    /// Record when the certificate was issued (UTC); without it the certificate depends only on
    /// the files, the standard and the tool.
    #[arg(long, conflicts_with = "verify")]
    timestamp: bool,
}

/// The standard a certificate refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Standard {
    edition: String,
    schema_id: String,
    schema_version: String,
    schema_sha256: String,
    catalogue_id: String,
    catalogue_version: String,
    catalogue_sha256: String,
}

/// The result for one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FileEntry {
    path: String,
    sha256: String,
    /// `conformant`, `not-conformant` or `unreadable`.
    verdict: String,
    level: Level,
    errors: usize,
    warnings: usize,
    /// Findings counted by rule id.
    findings: BTreeMap<String, usize>,
    /// The edition the file was checked under, when it names another than the certificate's
    /// `standard` (that edition is then in `other_standards`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    edition: Option<String>,
}

/// The certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Certificate {
    certificate: String,
    standard: Standard,
    /// The other editions files were checked under (a 2019-format report under 2019's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    other_standards: Vec<Standard>,
    tool: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    issued: Option<String>,
    level: Level,
    files: Vec<FileEntry>,
}

const KIND: &str = "xxgk conformance certificate v1";

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn standard(checker: &Checker) -> Result<Standard, String> {
    let (model, catalogue) = (checker.standard(), checker.catalogue());
    Ok(Standard {
        edition: catalogue.edition.clone(),
        schema_id: model.schema_id.to_owned(),
        schema_version: model.schema_version.to_owned(),
        schema_sha256: sha256(model.schema_json.as_bytes()),
        catalogue_id: catalogue.id.clone(),
        catalogue_version: catalogue.version.clone(),
        catalogue_sha256: sha256(model.rules_json.as_bytes()),
    })
}

fn certify_file(checker: &Checker, path: &Path) -> Result<FileEntry, String> {
    // Read once: the bytes hashed are the bytes checked.
    let bytes = read_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let sha256 = sha256(&bytes);
    let format = format_of(path);
    let mut edition = None;
    let assessment = decode(bytes)
        .and_then(|text| {
            // The edition the document names, which check_text checks it under.
            let used = xxgk_check::parse(&text, format)
                .map_or(checker, |value| checker.for_document(&value));
            if !std::ptr::eq(used, checker) {
                edition = Some(used.standard().edition.to_owned());
            }
            checker.check_text(&text, format).map_err(|e| e.to_string())
        })
        .map(|outcome| Assessment::of(&outcome.diagnostics));
    let (verdict, assessment) = match assessment {
        Ok(a) if a.errors == 0 => ("conformant", a),
        Ok(a) => ("not-conformant", a),
        Err(_) => ("unreadable", Assessment::unreadable()),
    };
    Ok(FileEntry {
        path: path.display().to_string(),
        sha256,
        verdict: verdict.to_owned(),
        level: assessment.level,
        errors: assessment.errors,
        warnings: assessment.warnings,
        findings: assessment.findings,
        edition,
    })
}

/// `YYYY-MM-DDThh:mm:ssZ` for seconds since the Unix epoch (proleptic Gregorian, UTC).
fn rfc3339(secs: u64) -> String {
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = i64::try_from(days).unwrap_or(0) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn certificate(
    checker: &Checker,
    files: &[PathBuf],
    timestamp: bool,
) -> Result<Certificate, String> {
    let files = files
        .iter()
        .map(|f| certify_file(checker, f))
        .collect::<Result<Vec<_>, _>>()?;
    let issued = timestamp.then(|| {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        rfc3339(secs)
    });
    let mut others: Vec<&str> = files.iter().filter_map(|f| f.edition.as_deref()).collect();
    others.sort_unstable();
    others.dedup();
    let other_standards = others
        .into_iter()
        .filter_map(|e| checker.edition(e))
        .map(standard)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Certificate {
        certificate: KIND.to_owned(),
        standard: standard(checker)?,
        other_standards,
        tool: BTreeMap::from([
            ("name".to_owned(), "xxgk".to_owned()),
            ("version".to_owned(), env!("CARGO_PKG_VERSION").to_owned()),
        ]),
        issued,
        level: files.iter().map(|f| f.level).min().unwrap_or(Level::Clean),
        files,
    })
}

/// Runs `xxgk certify` and returns the exit code.
pub fn run(args: &CertifyArgs) -> u8 {
    match run_inner(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("xxgk certify: {message}");
            EXIT_USAGE
        }
    }
}

fn run_inner(args: &CertifyArgs) -> Result<u8, String> {
    let checker = Checker::new().map_err(|e| e.to_string())?;
    let fresh = certificate(&checker, &args.files, args.timestamp)?;
    if let Some(path) = &args.verify {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let stored: Certificate =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(verify(&stored, &fresh));
    }
    let json = serde_json::to_string_pretty(&fresh).map_err(|e| e.to_string())? + "\n";
    match &args.out {
        Some(out) => {
            std::fs::write(out, json).map_err(|e| format!("{}: {e}", out.display()))?;
            for f in &fresh.files {
                println!("{}: {} ({})", f.path, f.verdict, f.level.name());
            }
            println!("certificate written to {}", out.display());
        }
        None => print!("{json}"),
    }
    let conformant = fresh.files.iter().all(|f| f.level.conformant());
    Ok(if conformant {
        EXIT_CONFORMANT
    } else {
        EXIT_FINDINGS
    })
}

/// Compares a stored certificate with the one the files produce now; prints every difference.
fn verify(stored: &Certificate, fresh: &Certificate) -> u8 {
    let mut problems = Vec::new();
    if stored.certificate != KIND {
        problems.push(format!(
            "not a certificate of this kind: {:?}",
            stored.certificate
        ));
    }
    if stored.standard != fresh.standard {
        problems.push(format!(
            "issued for schema {} {} and catalogue {}, this xxgk has schema {} {} and catalogue {}",
            stored.standard.schema_id,
            stored.standard.schema_version,
            stored.standard.catalogue_version,
            fresh.standard.schema_id,
            fresh.standard.schema_version,
            fresh.standard.catalogue_version
        ));
    }
    if stored.other_standards != fresh.other_standards {
        problems
            .push("issued for other editions' schemas or catalogues than this xxgk has".to_owned());
    }
    for now in &fresh.files {
        match stored.files.iter().find(|f| f.path == now.path) {
            None => problems.push(format!("{}: not in the certificate", now.path)),
            Some(then) if then.sha256 != now.sha256 => {
                problems.push(format!("{}: changed since it was certified", now.path));
            }
            Some(then) if then != now => problems.push(format!(
                "{}: certified {}, now {}",
                now.path,
                then.level.name(),
                now.level.name()
            )),
            Some(_) => println!("{}: verified ({})", now.path, now.level.name()),
        }
    }
    if problems.is_empty() {
        println!("certificate verified");
        EXIT_CONFORMANT
    } else {
        for p in &problems {
            println!("{p}");
        }
        EXIT_FINDINGS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_798_761_599), "2026-12-31T23:59:59Z");
    }
}
