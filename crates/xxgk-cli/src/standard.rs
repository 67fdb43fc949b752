//! `xxgk rules`, `xxgk explain` and `xxgk schema`: an edition's embedded catalogue and schema,
//! offline.

use std::fmt::Write as _;

use clap::ValueEnum;
use xxgk_check::{Checker, Lang};
use xxgk_model::{STANDARD_2019, STANDARD_2021, Standard};

use crate::stdout::emit;
use crate::{EXIT_CONFORMANT, EXIT_USAGE};

/// An edition of the standard, as `--edition` names it.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EditionArg {
    /// The 2019 format (国办公开办函〔2019〕60号), reports on 2019 and 2020.
    #[value(name = "2019")]
    E2019,
    /// The 2021 format (国办公开办函〔2021〕30号), reports on 2021 and later.
    #[value(name = "2021")]
    E2021,
}

impl EditionArg {
    /// The edition's generated `Standard`.
    pub fn standard(self) -> &'static Standard {
        match self {
            Self::E2019 => &STANDARD_2019,
            Self::E2021 => &STANDARD_2021,
        }
    }
}

/// Prints the edition's published JSON schema.
pub fn schema(edition: EditionArg) -> u8 {
    emit(edition.standard().schema_json, EXIT_CONFORMANT)
}

fn checker(edition: EditionArg) -> Option<Checker> {
    match Checker::for_standard(edition.standard()) {
        Ok(c) => Some(c),
        Err(e) => {
            eprintln!("xxgk: {e}");
            None
        }
    }
}

/// Lists every rule and schema-rule id.
pub fn rules(lang: Lang, edition: EditionArg) -> u8 {
    let Some(checker) = checker(edition) else {
        return EXIT_USAGE;
    };
    let catalogue = checker.catalogue();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} ({} identities)",
        catalogue.id,
        catalogue.version,
        checker.identity_count()
    );
    // One line per rule of every kind, the kind's detail (keyword, `series`, check) in brackets.
    let summation = catalogue
        .rules
        .iter()
        .map(|r| (&r.id, &r.name, r.severity, &r.summary, None));
    let schema = catalogue.schema_rules.iter().map(|r| {
        (
            &r.id,
            &r.name,
            r.severity,
            &r.summary,
            Some(r.keyword.as_str()),
        )
    });
    let series = catalogue
        .series_rules
        .iter()
        .map(|r| (&r.id, &r.name, r.severity, &r.summary, Some("series")));
    let content = catalogue.content_rules.iter().map(|r| {
        (
            &r.id,
            &r.name,
            r.severity,
            &r.summary,
            Some(r.check.as_str()),
        )
    });
    for (id, name, severity, summary, detail) in
        summation.chain(schema).chain(series).chain(content)
    {
        let summary = lang.pick(&summary.zh, &summary.en);
        let detail = detail.map(|d| format!(" [{d}]")).unwrap_or_default();
        let _ = writeln!(
            out,
            "{id:<4} {name:<22} {:<8} {summary}{detail}",
            severity.as_str()
        );
    }
    emit(&out, EXIT_CONFORMANT)
}

/// The first lines of `explain`, the same for both kinds of rule.
fn heading(
    out: &mut String,
    id: &str,
    name: &str,
    severity: xxgk_check::Severity,
    since: &str,
    summary: &xxgk_catalogue::Text,
) {
    let _ = writeln!(out, "{id} {name} ({}, since {since})\n", severity.as_str());
    let _ = writeln!(out, "{}\n{}\n", summary.zh, summary.en);
}

/// A rule's `for_each`, as `col in applicant_columns`.
fn for_each(sets: &std::collections::BTreeMap<String, String>) -> String {
    sets.iter()
        .map(|(v, s)| format!("{v} in {s}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Prints one rule's documentation.
pub fn explain(wanted: &str, edition: EditionArg) -> u8 {
    let Some(checker) = checker(edition) else {
        return EXIT_USAGE;
    };
    let catalogue = checker.catalogue();
    let mut out = String::new();
    let matches = |id: &str, name: &str| id.eq_ignore_ascii_case(wanted) || name == wanted;
    if let Some(r) = catalogue.rules.iter().find(|r| matches(&r.id, &r.name)) {
        heading(&mut out, &r.id, &r.name, r.severity, &r.since, &r.summary);
        let _ = writeln!(out, "{}\n", r.rationale);
        let _ = writeln!(out, "For each {}:", for_each(&r.for_each));
        let side = |terms: &[xxgk_catalogue::Term]| {
            terms
                .iter()
                .map(|t| match t {
                    xxgk_catalogue::Term::Cell(p) => p.clone(),
                    xxgk_catalogue::Term::Sum { sum, over } => {
                        let over: Vec<String> =
                            over.iter().map(|(v, s)| format!("{v} in {s}")).collect();
                        format!("sum of {sum} for {}", over.join(", "))
                    }
                })
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let _ = writeln!(out, "  {}\n= {}", side(&r.lhs), side(&r.rhs));
        return emit(&out, EXIT_CONFORMANT);
    }
    if let Some(r) = catalogue
        .schema_rules
        .iter()
        .find(|r| matches(&r.id, &r.name))
    {
        heading(&mut out, &r.id, &r.name, r.severity, &r.since, &r.summary);
        let _ = writeln!(
            out,
            "{}\n\nReported when the JSON Schema keyword `{}` fails.",
            r.rationale, r.keyword
        );
        return emit(&out, EXIT_CONFORMANT);
    }
    if let Some(r) = catalogue
        .series_rules
        .iter()
        .find(|r| matches(&r.id, &r.name))
    {
        heading(&mut out, &r.id, &r.name, r.severity, &r.since, &r.summary);
        let _ = writeln!(out, "{}\n", r.rationale);
        let _ = writeln!(
            out,
            "A series rule: last year's report (previous) and this year's (current) of one organ, \
             under the catalogue of this year's report's edition. For each {}:",
            for_each(&r.for_each)
        );
        let side = |terms: &[xxgk_catalogue::SeriesTerm]| {
            terms
                .iter()
                .filter_map(|t| t.target().ok())
                .map(|(year, pointer)| format!("{} {pointer}", year.as_str()))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let _ = writeln!(
            out,
            "  {}\n{} {}",
            side(&r.lhs),
            r.relation.as_str(),
            side(&r.rhs)
        );
        return emit(&out, EXIT_CONFORMANT);
    }
    if let Some(r) = catalogue
        .content_rules
        .iter()
        .find(|r| matches(&r.id, &r.name))
    {
        heading(&mut out, &r.id, &r.name, r.severity, &r.since, &r.summary);
        let _ = writeln!(
            out,
            "{}\n\nA content rule (check `{}`), reading: {}",
            r.rationale,
            r.check,
            r.reads.join(", ")
        );
        return emit(&out, EXIT_CONFORMANT);
    }
    eprintln!("xxgk: no rule {wanted:?}; `xxgk rules` lists them");
    EXIT_USAGE
}
