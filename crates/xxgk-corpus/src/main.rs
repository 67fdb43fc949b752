//! `xxgk-corpus` (`cargo corpus`): a deterministic synthetic corpus of realistic reports for
//! benchmarks. Its own package, apart from `xtask`, because it links the model and the renderer:
//! `cargo xtask codegen` must build even when the committed generated code does not compile.
//!
//! Every report starts from `examples/jingyue-2024.json` (its prose and metadata shape) and gets
//! its own organ, year and table cells. The cells are drawn with a realistic spread (most organs
//! receive a handful of applications, a few receive thousands) and then completed so that every
//! identity of the rule catalogue holds; a chosen share of reports then has one to three cells
//! bumped, which breaks at least one identity. Report `i` depends only on the seed and `i`.
//!
//! With `--published-out DIR`, every report is also written as a published report (`.txt`),
//! rendered by `xxgk_render` in the text layouts in turn, for extraction benchmarks.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Value, json};
use xxgk_render::{Layout, render};

const TEMPLATE: &str = include_str!("../../../examples/jingyue-2024.json");

const USAGE: &str = "usage: cargo corpus --count N --seed S --out DIR \
[--yaml-share P] [--broken-share P] [--jsonl FILE] [--published-out DIR]";

/// Reports per subdirectory of the output.
const PER_DIR: usize = 1000;

/// The six applicant columns and their share of applications.
const PARTIES: [(&str, f64); 6] = [
    ("natural_person", 0.86),
    ("commercial_enterprise", 0.08),
    ("research_institution", 0.005),
    ("social_welfare_org", 0.01),
    ("legal_service_org", 0.03),
    ("other_org", 0.015),
];

/// The outcome rows of 表三 (`results/…`) and their share of concluded applications.
const OUTCOMES: [(&str, f64); 21] = [
    ("granted", 0.45),
    ("partially_granted", 0.08),
    ("withheld/state_secret", 0.002),
    ("withheld/prohibited_by_law", 0.004),
    ("withheld/security_stability", 0.002),
    ("withheld/third_party_rights", 0.006),
    ("withheld/internal_affairs", 0.01),
    ("withheld/process_information", 0.015),
    ("withheld/enforcement_case_file", 0.005),
    ("withheld/administrative_inquiry", 0.01),
    ("unable/not_held", 0.18),
    ("unable/needs_creation", 0.03),
    ("unable/still_unclear", 0.02),
    ("not_processed/petition_complaint", 0.04),
    ("not_processed/duplicate", 0.03),
    ("not_processed/publication", 0.005),
    ("not_processed/excessive_repeat", 0.01),
    ("not_processed/confirm_or_reissue", 0.008),
    ("other/no_correction", 0.03),
    ("other/fee_unpaid", 0.001),
    ("other/other", 0.04),
];

const CASE_GROUPS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];
const CASE_OUTCOMES: [&str; 4] = ["upheld", "corrected", "other", "pending"];

const PLACES: [&str; 16] = [
    "东城",
    "海淀",
    "浦东新",
    "越秀",
    "武侯",
    "江北",
    "鼓楼",
    "雁塔",
    "南山",
    "历下",
    "天河",
    "和平",
    "西湖",
    "岳麓",
    "秦淮",
    "金水",
];

const LEVELS: [(&str, &str); 10] = [
    ("state_council_department", "部"),
    ("provincial_government", "省人民政府"),
    ("provincial_department", "省发展和改革委员会"),
    ("prefecture_government", "市人民政府"),
    ("prefecture_department", "市生态环境局"),
    ("county_government", "区人民政府"),
    ("county_department", "区住房和城乡建设局"),
    ("township", "镇人民政府"),
    ("street", "街道办事处"),
    ("development_zone", "经济技术开发区管理委员会"),
];

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
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut count = None;
    let mut seed = None;
    let mut out = None;
    let mut yaml_share = 0.0;
    let mut broken_share = 0.0;
    let mut jsonl = None;
    let mut published_out = None;
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
    })
}

/// splitmix64: small, fast and good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let x = (self.next_u64() >> 11) as f64;
        x / (1u64 << 53) as f64
    }

    /// Uniform in [0, n).
    fn below(&mut self, n: usize) -> usize {
        #[allow(clippy::cast_possible_truncation)]
        let i = (self.next_u64() % n as u64) as usize;
        i
    }

    /// A count near `mean` (±60 %), rounded stochastically so that small means still yield
    /// occasional ones.
    fn count(&mut self, mean: f64) -> u64 {
        let x = mean * (0.4 + 1.2 * self.unit()) + self.unit();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = x.floor() as u64;
        n
    }
}

/// Sets a cell by JSON Pointer (the template holds every cell, so the path exists).
fn set(doc: &mut Value, pointer: &str, n: u64) {
    if let Some(slot) = doc.pointer_mut(pointer) {
        *slot = json!(n);
    }
}

fn get(doc: &Value, pointer: &str) -> u64 {
    doc.pointer(pointer).and_then(Value::as_u64).unwrap_or(0)
}

/// Report `index` of the corpus with this seed and broken share.
fn report(template: &Value, seed: u64, index: usize, broken_share: f64) -> (Value, usize) {
    let mut rng = Rng(seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    rng.next_u64();
    let mut doc = template.clone();

    let year = 2021 + rng.below(4) as u64;
    let (level, suffix) = LEVELS[rng.below(LEVELS.len())];
    let place = PLACES[rng.below(PLACES.len())];
    let name = format!("{place}{suffix}（样本{index}）");
    doc["metadata"]["organ"] = json!({ "name": name, "level": level });
    doc["metadata"]["report_year"] = json!(year);
    doc["metadata"]["source_url"] = json!(format!("https://example.gov.cn/xxgk/{year}/{index}"));
    if let Some(Value::String(text)) = doc.pointer_mut("/preamble/text") {
        *text = text
            .replace("长春净月高新技术产业开发区", &name)
            .replace("2024", &year.to_string());
    }

    // Organ size: Pareto-distributed, so most organs are small and a few are very large.
    let size = (5.0 / (1.0 - rng.unit()).powf(1.0 / 0.8)).min(50_000.0);

    for (key, value) in [
        ("regulations", size / 50.0),
        ("normative_documents", size / 10.0),
    ] {
        let issued = rng.count(value);
        let repealed = rng.count(value / 4.0);
        let in_force = issued + rng.count(value * 5.0);
        let at = format!("/active_disclosure/{key}");
        set(&mut doc, &format!("{at}/issued"), issued);
        set(&mut doc, &format!("{at}/repealed"), repealed);
        set(&mut doc, &format!("{at}/in_force"), in_force);
    }
    for (key, value) in [("licensing", 40.0), ("penalty", 8.0), ("coercion", 0.5)] {
        let n = rng.count(size * value);
        set(&mut doc, &format!("/active_disclosure/{key}/decisions"), n);
    }
    let fee = rng.below(20) == 0;
    let amount = if fee { rng.below(100_000) } else { 0 };
    doc["active_disclosure"]["fees"]["amount_wan_yuan"] =
        json!(format!("{}.{:02}", amount / 100, amount % 100));

    // 表三, column by column: outcomes first, then the totals and carried rows that make every
    // identity hold (R2 by summing, R1 by deriving the new applications, R3 by the total column).
    let mut total_column = [0u64; 25];
    for (party, share) in PARTIES {
        let mean = size * share;
        let mut rows = [0u64; 25];
        for (i, (_, weight)) in OUTCOMES.iter().enumerate() {
            rows[2 + i] = rng.count(mean * weight);
        }
        let concluded: u64 = rows[2..23].iter().sum();
        let carried_over = rng.count(mean * 0.03);
        let carried_forward = rng.count(mean * 0.03);
        rows[0] = (concluded + carried_forward).saturating_sub(carried_over);
        rows[1] = concluded + carried_forward - rows[0];
        rows[23] = concluded;
        rows[24] = carried_forward;
        for (i, row) in application_rows().enumerate() {
            set(&mut doc, &format!("/applications/{row}/{party}"), rows[i]);
            total_column[i] += rows[i];
        }
    }
    for (i, row) in application_rows().enumerate() {
        set(
            &mut doc,
            &format!("/applications/{row}/total"),
            total_column[i],
        );
    }

    // 表四: a few cases, mostly upheld.
    for group in CASE_GROUPS {
        let mut total = 0;
        for (outcome, weight) in CASE_OUTCOMES.iter().zip([0.6, 0.1, 0.2, 0.1]) {
            let n = rng.count(size * 0.01 * weight);
            set(
                &mut doc,
                &format!("/review_litigation/{group}/{outcome}"),
                n,
            );
            total += n;
        }
        set(
            &mut doc,
            &format!("/review_litigation/{group}/total"),
            total,
        );
    }

    // Breaking: bump one to three cells of 表三/表四 up, which every such cell's identities see.
    let mut broken = 0;
    if rng.unit() < broken_share {
        let cells: Vec<&str> = xxgk_model::CELLS
            .iter()
            .map(|c| c.pointer)
            .filter(|p| p.starts_with("/applications/") || p.starts_with("/review_litigation/"))
            .collect();
        broken = 1 + rng.below(3);
        for _ in 0..broken {
            let pointer = cells[rng.below(cells.len())];
            let n = get(&doc, pointer) + 1 + rng.below(9) as u64;
            set(&mut doc, pointer, n);
        }
    }
    (doc, broken)
}

/// The 25 rows of 表三 as pointer segments, in template order.
fn application_rows() -> impl Iterator<Item = String> {
    ["new_received".to_owned(), "carried_over".to_owned()]
        .into_iter()
        .chain(OUTCOMES.iter().map(|(o, _)| format!("results/{o}")))
        .chain(["results/total".to_owned(), "carried_forward".to_owned()])
}

/// Block-style YAML for a JSON value (strings double-quoted, so amounts stay strings).
fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    yaml_into(&mut out, value, 0);
    out
}

fn yaml_into(out: &mut String, value: &Value, indent: usize) {
    let pad = "  ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let key = Value::String(key.clone());
                match v {
                    Value::Object(m) if !m.is_empty() => {
                        let _ = writeln!(out, "{pad}{key}:");
                        yaml_into(out, v, indent + 1);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        let _ = writeln!(out, "{pad}{key}:");
                        yaml_into(out, v, indent + 1);
                    }
                    _ => {
                        let _ = writeln!(out, "{pad}{key}: {v}");
                    }
                }
            }
        }
        Value::Array(items) => {
            for v in items {
                let _ = writeln!(out, "{pad}-");
                yaml_into(out, v, indent + 1);
            }
        }
        scalar => {
            let _ = writeln!(out, "{pad}{scalar}");
        }
    }
}

fn path_of(out: &Path, index: usize, ext: &str) -> PathBuf {
    out.join(format!("{:03}", index / PER_DIR))
        .join(format!("{index:06}.{ext}"))
}

/// The published layout of report `index`: the text layouts in turn.
fn published_layout(index: usize) -> Layout {
    Layout::TEXT[index % Layout::TEXT.len()]
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
    let template: Value = serde_json::from_str(TEMPLATE)?;
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
    let mut share_rng = Rng(options.seed.rotate_left(17) ^ 0x5EED);
    for index in 0..options.count {
        let yaml = share_rng.unit() < options.yaml_share;
        let (doc, broken) = report(&template, options.seed, index, options.broken_share);
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
        "wrote {} reports to {} ({yaml_count} YAML, {broken_count} with broken identities){}{}",
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
            .unwrap_or_default()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_check::{Checker, Format};

    fn template() -> Value {
        serde_json::from_str(TEMPLATE).unwrap()
    }

    #[test]
    fn consistent_reports_conform_and_broken_ones_fail() {
        let checker = Checker::new().unwrap();
        let template = template();
        let (mut consistent, mut broken) = (0, 0);
        for index in 0..300 {
            let (doc, bumped) = report(&template, 7, index, 0.3);
            let json = serde_json::to_string_pretty(&doc).unwrap();
            let outcome = checker.check_text(&json, Format::Json).unwrap();
            let conformant = outcome.tally().conformant();
            assert_eq!(conformant, bumped == 0, "report {index}: {outcome:?}");
            if bumped == 0 {
                consistent += 1;
                // Every finding-free report also has a non-trivial table.
                assert!(
                    doc.pointer("/applications/results/total/total")
                        .unwrap()
                        .is_u64()
                );
            } else {
                broken += 1;
            }
            // The same findings as YAML, at other lines.
            let unlocated = |o: xxgk_check::Outcome| {
                let mut d = o.diagnostics;
                d.iter_mut().for_each(|d| d.location = None);
                d
            };
            let yaml = checker.check_text(&to_yaml(&doc), Format::Yaml).unwrap();
            assert_eq!(
                unlocated(yaml),
                unlocated(outcome),
                "report {index} as YAML"
            );
        }
        assert!(consistent > 150 && broken > 50, "{consistent} {broken}");
    }

    #[test]
    fn reports_are_deterministic_and_spread() {
        let template = template();
        let a = report(&template, 42, 5, 0.1);
        assert_eq!(a, report(&template, 42, 5, 0.1));
        assert_ne!(a, report(&template, 43, 5, 0.1));
        let totals: Vec<u64> = (0..1000)
            .map(|i| {
                get(
                    &report(&template, 1, i, 0.0).0,
                    "/applications/new_received/total",
                )
            })
            .collect();
        let small = totals.iter().filter(|&&n| n < 50).count();
        let large = totals.iter().filter(|&&n| n > 1000).count();
        assert!(small > 500 && large > 5, "small {small}, large {large}");
    }

    #[test]
    fn options_are_parsed() {
        let args: Vec<String> =
            "--count 3 --seed 9 --out x --yaml-share 0.5 --jsonl x.jsonl --published-out p"
                .split(' ')
                .map(str::to_owned)
                .collect();
        let o = parse_args(&args).unwrap();
        assert_eq!((o.count, o.seed, o.yaml_share), (3, 9, 0.5));
        assert_eq!(o.published_out, Some(PathBuf::from("p")));
        assert!(parse_args(&["--count".to_owned()]).is_err());
        assert!(parse_args(&["--broken-share".to_owned(), "2".to_owned()]).is_err());
    }

    #[test]
    fn published_reports_extract_to_their_tables() {
        let template = template();
        for index in 0..Layout::TEXT.len() {
            let (doc, _) = report(&template, 3, index, 0.5);
            let layout = published_layout(index);
            let typed = serde_json::from_value(doc.clone()).unwrap();
            let extraction =
                xxgk_extract::extract(&render(&typed, layout), Some(layout.file_name())).unwrap();
            for table in ["active_disclosure", "applications", "review_litigation"] {
                assert_eq!(extraction.report[table], doc[table], "{layout:?} {table}");
            }
        }
    }
}
