//! Turning command-line paths into the list of inputs to check; reading them is
//! `xxgk_document::read`'s.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use xxgk_document::Source;
use xxgk_document::read::{Kind, NOT_REGULAR, kind_of};

use crate::render::Artifact;

/// The input as SARIF addresses it.
pub fn artifact(source: &Source) -> Artifact {
    Artifact::new(match source {
        Source::Stdin => None,
        Source::File(p) => Some(Arc::from(p.as_path())),
    })
}

/// What an input holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// One report.
    Report(Source),
    /// A JSON Lines dataset: one report per line.
    Dataset(Source),
}

/// Expands arguments: files as given, directories recursively (regular files with a recognised
/// extension, sorted), `-` as stdin. `.jsonl` files are datasets, and so is every input when
/// `all_datasets`. Unreadable directories, and files of a directory that are not regular files,
/// are reported, not fatal.
pub fn expand(args: &[PathBuf], all_datasets: bool) -> (Vec<Input>, Vec<(PathBuf, String)>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in args {
        if path.as_os_str() == "-" {
            sources.push(Source::Stdin);
        } else if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, &mut errors);
            found.sort();
            sources.extend(found.into_iter().map(Source::File));
        } else {
            sources.push(Source::File(path.clone()));
        }
    }
    let inputs = sources
        .into_iter()
        .map(|source| match &source {
            Source::File(path) if all_datasets || kind_of(path) == Some(Kind::Dataset) => {
                Input::Dataset(source)
            }
            Source::Stdin if all_datasets => Input::Dataset(source),
            _ => Input::Report(source),
        })
        .collect();
    (inputs, errors)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, errors: &mut Vec<(PathBuf, String)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push((dir.to_owned(), format!("cannot read directory: {e}")));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, found, errors),
            Ok(_) if kind_of(&path).is_some() => {
                // Links are followed; a FIFO or device is never opened (it could block or never end).
                match std::fs::metadata(&path) {
                    Ok(meta) if meta.is_file() => found.push(path),
                    Ok(_) => errors.push((path, NOT_REGULAR.to_owned())),
                    Err(e) => errors.push((path, format!("cannot read: {e}"))),
                }
            }
            _ => {}
        }
    }
}
