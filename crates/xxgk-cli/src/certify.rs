//! `xxgk certify`: a deterministic certificate of which files conform to which standard, checked
//! by which tool, and `xxgk certify --verify` to confirm that files still match a certificate.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Args;
use xxgk_check::Checker;
use xxgk_conformance::certificate::{self, Certificate, FileEntry, KIND};
use xxgk_document::read::read_file;

use crate::conformance::format_of;
use crate::stdout::emit;
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

fn certify_file(checker: &Checker, path: &Path) -> Result<FileEntry, String> {
    // Read once: the bytes hashed are the bytes checked.
    let bytes = read_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(certificate::entry(
        checker,
        path.display().to_string(),
        &bytes,
        format_of(path),
    ))
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
    Ok(Certificate::issue(
        checker,
        files,
        env!("CARGO_PKG_VERSION"),
        issued,
    ))
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
        // Bounded and regular files only, as for reports: a certificate is a few KB.
        let bytes = read_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let stored: Certificate =
            serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(verify(&stored, &fresh));
    }
    let json = serde_json::to_string_pretty(&fresh).map_err(|e| e.to_string())? + "\n";
    let text = match &args.out {
        Some(out) => {
            std::fs::write(out, json).map_err(|e| format!("{}: {e}", out.display()))?;
            let mut text = String::new();
            for f in &fresh.files {
                let _ = writeln!(text, "{}: {} ({})", f.path, f.verdict, f.level.name());
            }
            let _ = writeln!(text, "certificate written to {}", out.display());
            text
        }
        None => json,
    };
    let conformant = fresh.files.iter().all(|f| f.level.conformant());
    Ok(emit(
        &text,
        if conformant {
            EXIT_CONFORMANT
        } else {
            EXIT_FINDINGS
        },
    ))
}

/// Compares a stored certificate with the one the files produce now; prints every difference.
fn verify(stored: &Certificate, fresh: &Certificate) -> u8 {
    let mut text = String::new();
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
            Some(_) => {
                let _ = writeln!(text, "{}: verified ({})", now.path, now.level.name());
            }
        }
    }
    if problems.is_empty() {
        text.push_str("certificate verified\n");
        emit(&text, EXIT_CONFORMANT)
    } else {
        for p in &problems {
            let _ = writeln!(text, "{p}");
        }
        emit(&text, EXIT_FINDINGS)
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
