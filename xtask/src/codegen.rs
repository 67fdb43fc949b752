//! `cargo xtask codegen`, and the test that fails when generated files drift from the sources.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use xxgk_codegen::{EDITIONS, GeneratedFile, Sources, generated_dirs};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(root().join(path)).map_err(|e| format!("{path}: {e}"))
}

/// Formats Rust source with the toolchain's rustfmt, as `cargo fmt` would.
fn rustfmt(source: &str) -> Result<String, String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("rustfmt has no stdin")?
        .write_all(source.as_bytes())
        .map_err(|e| format!("rustfmt: {e}"))?;
    let output = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "rustfmt failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("rustfmt: {e}"))
}

/// Generates every derived file of every edition, formatted as committed.
pub fn generated_files() -> Result<Vec<GeneratedFile>, String> {
    let texts = EDITIONS
        .iter()
        .map(|e| Ok((*e, read(e.schema_source)?, read(e.rules_source)?)))
        .collect::<Result<Vec<_>, String>>()?;
    let sources: Vec<Sources<'_>> = texts
        .iter()
        .map(|(edition, schema_yaml, rules_yaml)| Sources {
            edition,
            schema_yaml,
            rules_yaml,
        })
        .collect();
    let files = xxgk_codegen::generate(&sources).map_err(|e| e.to_string())?;
    files
        .into_iter()
        .map(|mut f| {
            if f.is_rust {
                f.contents = rustfmt(&f.contents)?;
            }
            Ok(f)
        })
        .collect()
}

/// The paths of committed generated files that differ from `files`, and of files in a generated
/// folder that codegen no longer writes.
#[cfg(test)]
fn stale(files: &[GeneratedFile]) -> Vec<String> {
    let mut stale: Vec<String> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(root().join(&f.path))
                .ok()
                .as_deref()
                != Some(f.contents.as_str())
        })
        .map(|f| f.path.clone())
        .collect();
    stale.extend(orphans(files));
    stale
}

/// Files in a generated folder that no generated file is (a generated folder may hold another
/// one: Java's package of the 2019 edition is inside the 2021 one).
fn orphans(files: &[GeneratedFile]) -> Vec<String> {
    generated_dirs()
        .iter()
        .flat_map(|dir| std::fs::read_dir(root().join(dir)).into_iter().flatten())
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| {
            let path = entry.path();
            let relative = path.strip_prefix(root()).ok()?.to_str()?.to_owned();
            (!files.iter().any(|f| f.path == relative)).then_some(relative)
        })
        .collect()
}

/// Writes every generated file whose contents changed and removes orphans; returns the paths
/// written or removed.
pub fn write_changed(files: &[GeneratedFile]) -> Result<Vec<String>, String> {
    let mut written = Vec::new();
    for file in files {
        let path = root().join(&file.path);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(file.contents.as_str()) {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", file.path))?;
            }
            std::fs::write(&path, &file.contents).map_err(|e| format!("{}: {e}", file.path))?;
            written.push(file.path.clone());
        }
    }
    for orphan in orphans(files) {
        std::fs::remove_file(root().join(&orphan)).map_err(|e| format!("{orphan}: {e}"))?;
        written.push(orphan);
    }
    Ok(written)
}

/// `cargo xtask codegen`.
pub fn run() -> Result<(), String> {
    let files = generated_files()?;
    let written = write_changed(&files)?;
    if written.is_empty() {
        println!("generated files are up to date");
    }
    for path in written {
        println!("wrote {path}");
    }
    Ok(())
}

#[cfg(test)]
mod bindings;

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails when a committed generated file (Rust model, bindings, published JSON, docs) differs
    /// from what the sources generate, or a generated folder holds a file codegen no longer
    /// writes. Locally it also rewrites or removes the files (rerun to pass); under `CI=true` it
    /// only fails.
    #[test]
    fn generated_files_are_fresh() {
        let files = generated_files().unwrap_or_else(|e| panic!("codegen failed: {e}"));
        let stale = stale(&files);
        if stale.is_empty() {
            return;
        }
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("generated files are stale: {stale:?}; run `cargo xtask codegen` and commit");
        }
        write_changed(&files).unwrap_or_else(|e| panic!("{e}"));
        panic!("generated files were stale and have been rewritten: {stale:?}; rerun the tests");
    }

    /// `cargo package` ships only a crate's own folder: a published crate that embeds a file
    /// from elsewhere in the workspace packages but does not build. Doc comments may (doctests
    /// run in the workspace).
    #[test]
    fn published_crates_embed_only_their_own_files() {
        for krate in ["crates/xxgk-catalogue", "crates/xxgk-model"] {
            let dir = root().join(krate);
            let crate_dir = dir.canonicalize().unwrap();
            // Every source file, in subfolders too (`src/edition_2019/generated.rs`).
            let mut sources = Vec::new();
            let mut folders = vec![dir.join("src")];
            while let Some(folder) = folders.pop() {
                for path in std::fs::read_dir(folder)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                {
                    if path.is_dir() {
                        folders.push(path);
                    } else {
                        sources.push(path);
                    }
                }
            }
            for source in sources {
                let text = std::fs::read_to_string(&source).unwrap();
                let code = text.lines().filter(|l| !l.trim_start().starts_with("//"));
                for line in code {
                    let Some((_, rest)) = line.split_once("include_str!(\"") else {
                        continue;
                    };
                    let relative = rest.split('"').next().unwrap();
                    let embedded = source.parent().unwrap().join(relative).canonicalize();
                    assert!(
                        embedded.is_ok_and(|path| path.starts_with(&crate_dir)),
                        "{}: include_str!(\"{relative}\") is outside {krate}",
                        source.display()
                    );
                }
            }
        }
    }
}
