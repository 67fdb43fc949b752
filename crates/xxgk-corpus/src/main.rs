//! `xxgk-corpus` (`cargo corpus`): writes a deterministic synthetic corpus of realistic reports
//! for benchmarks, made by the library's [`Generator`] under the embedded rule catalogue or, with
//! `--rules FILE`, under a catalogue given as JSON. Its own package, apart from `xtask`, because
//! it links the model and the renderer: `cargo xtask codegen` must build even when the committed
//! generated code does not compile.
//!
//! With `--published-out DIR`, every report is also written as a published report (`.txt`),
//! rendered by `xxgk_render` in the text layouts in turn, for extraction benchmarks; with
//! `--one-line-out DIR`, as a web page's text with every line break lost, its cells run together
//! (even reports) or a space apart (odd ones), the layout whose digits the identities split.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xxgk_catalogue::Catalogue;
use xxgk_corpus::{Generator, Rng, published_layout, to_yaml};
use xxgk_render::{one_line, one_line_spaced, render};

const USAGE: &str = "usage: cargo corpus --count N --seed S --out DIR \
[--yaml-share P] [--broken-share P] [--jsonl FILE] [--published-out DIR] [--one-line-out DIR] \
[--rules FILE]";

/// Reports per subdirectory of the output.
const PER_DIR: usize = 1000;

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
struct Options {
    count: usize,
    seed: u64,
    out: PathBuf,
    yaml_share: f64,
    broken_share: f64,
    jsonl: Option<PathBuf>,
    /// Where to write each report also as published text, in the text layouts in turn.
    published_out: Option<PathBuf>,
    /// Where to write each report also as one-line text, glued and spaced in turn.
    one_line_out: Option<PathBuf>,
    /// A rule catalogue (published JSON form) to make the reports under, instead of the embedded.
    rules: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut count = None;
    let mut seed = None;
    let mut out = None;
    let mut yaml_share = 0.0;
    let mut broken_share = 0.0;
    let mut jsonl = None;
    let mut published_out = None;
    let mut one_line_out = None;
    let mut rules = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}\n{USAGE}");
        let share = |v: &str| match v.parse::<f64>() {
            Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
            Ok(_) => Err(bad(&"a share is from 0 to 1")),
            Err(e) => Err(bad(&e)),
        };
        match flag.as_str() {
            "--count" => count = Some(value.parse().map_err(|e| bad(&e))?),
            "--seed" => seed = Some(value.parse().map_err(|e| bad(&e))?),
            "--out" => out = Some(PathBuf::from(value)),
            "--yaml-share" => yaml_share = share(value)?,
            "--broken-share" => broken_share = share(value)?,
            "--jsonl" => jsonl = Some(PathBuf::from(value)),
            "--published-out" => published_out = Some(PathBuf::from(value)),
            "--one-line-out" => one_line_out = Some(PathBuf::from(value)),
            "--rules" => rules = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    Ok(Options {
        count: count.ok_or_else(|| format!("--count is required\n{USAGE}"))?,
        seed: seed.ok_or_else(|| format!("--seed is required\n{USAGE}"))?,
        out: out.ok_or_else(|| format!("--out is required\n{USAGE}"))?,
        yaml_share,
        broken_share,
        jsonl,
        published_out,
        one_line_out,
        rules,
    })
}

fn path_of(out: &Path, index: usize, ext: &str) -> PathBuf {
    out.join(format!("{:03}", index / PER_DIR))
        .join(format!("{index:06}.{ext}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let options = match parse_args(&args) {
        Ok(options) => options,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match write(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(options: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let generator = match &options.rules {
        Some(path) => {
            let json =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Generator::new(&Catalogue::from_json(&json)?)
        }
        None => Generator::embedded(),
    }?;
    let mut jsonl = match &options.jsonl {
        Some(path) => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            Some(BufWriter::new(std::fs::File::create(path)?))
        }
        None => None,
    };
    let (mut yaml_count, mut broken_count) = (0, 0);
    let mut share_rng = Rng::new(options.seed.rotate_left(17) ^ 0x5EED);
    for index in 0..options.count {
        let yaml = share_rng.unit() < options.yaml_share;
        let (doc, broken) = generator
            .report(options.seed, index, options.broken_share)
            .map_err(|e| format!("report {index}: {e}"))?;
        let path = path_of(&options.out, index, if yaml { "yaml" } else { "json" });
        if let Some(dir) = path.parent().filter(|_| index % PER_DIR == 0) {
            std::fs::create_dir_all(dir)?;
        }
        let text = if yaml {
            to_yaml(&doc)
        } else {
            serde_json::to_string_pretty(&doc)? + "\n"
        };
        std::fs::write(&path, text)?;
        if let Some(dir) = &options.published_out {
            let path = path_of(dir, index, "txt");
            if let Some(dir) = path.parent().filter(|_| index % PER_DIR == 0) {
                std::fs::create_dir_all(dir)?;
            }
            let typed: xxgk_model::AnnualReport = serde_json::from_value(doc.clone())?;
            std::fs::write(&path, render(&typed, published_layout(index)))?;
        }
        if let Some(dir) = &options.one_line_out {
            let path = path_of(dir, index, "txt");
            if let Some(dir) = path.parent().filter(|_| index % PER_DIR == 0) {
                std::fs::create_dir_all(dir)?;
            }
            let typed: xxgk_model::AnnualReport = serde_json::from_value(doc.clone())?;
            let page = if index.is_multiple_of(2) {
                one_line(&typed, index as u64)
            } else {
                one_line_spaced(&typed, index as u64)
            };
            std::fs::write(&path, page)?;
        }
        if let Some(w) = &mut jsonl {
            serde_json::to_writer(&mut *w, &doc)?;
            w.write_all(b"\n")?;
        }
        yaml_count += usize::from(yaml);
        broken_count += usize::from(broken > 0);
    }
    if let Some(w) = jsonl {
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    }
    println!(
        "wrote {} reports to {} ({yaml_count} YAML, {broken_count} with broken identities){}{}{}",
        options.count,
        options.out.display(),
        options
            .jsonl
            .as_ref()
            .map(|p| format!(" and {}", p.display()))
            .unwrap_or_default(),
        options
            .published_out
            .as_ref()
            .map(|p| format!(", published as text in {}", p.display()))
            .unwrap_or_default(),
        options
            .one_line_out
            .as_ref()
            .map(|p| format!(", as one-line text in {}", p.display()))
            .unwrap_or_default()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_parsed() {
        let args: Vec<String> =
            "--count 3 --seed 9 --out x --yaml-share 0.5 --jsonl x.jsonl --published-out p --one-line-out o --rules r.json"
                .split(' ')
                .map(str::to_owned)
                .collect();
        let o = parse_args(&args).unwrap();
        assert_eq!((o.count, o.seed, o.yaml_share), (3, 9, 0.5));
        assert_eq!(o.published_out, Some(PathBuf::from("p")));
        assert_eq!(o.one_line_out, Some(PathBuf::from("o")));
        assert_eq!(o.rules, Some(PathBuf::from("r.json")));
        assert!(parse_args(&["--count".to_owned()]).is_err());
        assert!(parse_args(&["--broken-share".to_owned(), "2".to_owned()]).is_err());
    }
}
