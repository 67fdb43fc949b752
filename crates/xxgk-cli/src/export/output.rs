//! Where an export is written: its files, refused when one would replace an input, each written
//! to a new temporary file of its directory and renamed over its name only when complete.

use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use xxgk_document::Source;

use super::ExportFormat;
use crate::inputs::Input;

/// The files an export writes: none for JSON Lines on stdout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Targets {
    /// The reports (and, for XLSX and JSON Lines, the findings too).
    pub main: Option<PathBuf>,
    /// The findings of a CSV export: `NAME.findings.csv` beside `NAME.csv`.
    pub findings: Option<PathBuf>,
}

impl Targets {
    fn iter(&self) -> impl Iterator<Item = &Path> {
        self.main.iter().chain(&self.findings).map(PathBuf::as_path)
    }
}

/// `NAME.findings.EXT` beside `NAME.EXT` (`NAME.findings.csv` when it has no extension).
fn findings_path(out: &Path) -> PathBuf {
    let mut name = out.file_stem().unwrap_or_default().to_owned();
    name.push(".findings.");
    name.push(out.extension().unwrap_or("csv".as_ref()));
    out.with_file_name(name)
}

/// The files to write for `format` and `-o`.
pub fn targets(format: ExportFormat, out: Option<&Path>) -> Result<Targets, String> {
    let Some(out) = out else {
        return match format {
            ExportFormat::Jsonl => Ok(Targets {
                main: None,
                findings: None,
            }),
            ExportFormat::Xlsx | ExportFormat::Csv => {
                Err("--to xlsx and --to csv need -o FILE".into())
            }
        };
    };
    if out.file_name().is_none() || out.is_dir() {
        return Err(format!("-o {}: not a file name", out.display()));
    }
    Ok(Targets {
        main: Some(out.to_owned()),
        findings: (format == ExportFormat::Csv).then(|| findings_path(out)),
    })
}

/// What makes two paths the same file.
#[cfg(unix)]
pub fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// What makes two paths the same file.
#[cfg(not(unix))]
pub fn identity(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// Refuses an export one of whose files is an input (the same file, whatever the path or link
/// that names it), before anything is read or written.
pub fn refuse_inputs(targets: &Targets, inputs: &[Input]) -> Result<(), String> {
    // Only a file that exists can be an input; most exports write new files.
    let existing: Vec<_> = targets
        .iter()
        .filter_map(|t| identity(t).map(|id| (t, id)))
        .collect();
    if existing.is_empty() {
        return Ok(());
    }
    for input in inputs {
        let (Input::Report(Source::File(path)) | Input::Dataset(Source::File(path))) = input else {
            continue;
        };
        let id = identity(path);
        if let Some((target, _)) = existing.iter().find(|(_, t)| Some(t) == id.as_ref()) {
            return Err(format!(
                "{} is an input ({}): nothing written",
                target.display(),
                path.display()
            ));
        }
    }
    Ok(())
}

/// A file written in full before it takes its name: a new file of the target's directory
/// (never an existing path, so a link planted there is not written through), renamed over the
/// target when committed (which replaces a link rather than following it), removed if not.
pub struct AtomicFile {
    target: PathBuf,
    temporary: PathBuf,
    file: BufWriter<File>,
    committed: bool,
}

impl AtomicFile {
    /// Creates the temporary file for `target`, and its directory if needed.
    pub fn create(target: &Path) -> Result<Self, String> {
        let failed = |e: std::io::Error| format!("cannot write {}: {e}", target.display());
        let dir = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir).map_err(failed)?;
        let process = std::process::id();
        // A name left by a process that had this id before is skipped; a hundred are not.
        for n in 0..100 {
            let temporary = dir.join(format!(".xxgk-export-{process}-{n}.tmp"));
            match File::options()
                .write(true)
                .create_new(true)
                .open(&temporary)
            {
                Ok(file) => {
                    return Ok(Self {
                        target: target.to_owned(),
                        temporary,
                        file: BufWriter::with_capacity(1 << 16, file),
                        committed: false,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(failed(e)),
            }
        }
        Err(format!(
            "cannot write {}: no free temporary name in its directory",
            target.display()
        ))
    }

    /// The name the file takes when committed.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The directory the file is written in.
    pub fn directory(&self) -> &Path {
        self.temporary.parent().unwrap_or(Path::new("."))
    }

    /// The file, to write to.
    pub fn writer(&mut self) -> &mut BufWriter<File> {
        &mut self.file
    }

    /// Flushes the file and gives it its name.
    pub fn commit(mut self) -> Result<(), String> {
        let failed = |e: std::io::Error| format!("cannot write {}: {e}", self.target.display());
        self.file.flush().map_err(failed)?;
        std::fs::rename(&self.temporary, &self.target).map_err(failed)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::findings_path;

    #[test]
    fn findings_sit_beside_the_reports() {
        let at = |p: &str| findings_path(Path::new(p));
        assert_eq!(at("out.csv"), Path::new("out.findings.csv"));
        assert_eq!(at("dir/x.y.csv"), Path::new("dir/x.y.findings.csv"));
        assert_eq!(at("out"), Path::new("out.findings.csv"));
        assert_eq!(at("out.CSV"), Path::new("out.findings.CSV"));
    }
}
