//! `xxgk rules` and `xxgk explain`: the embedded rule catalogue, offline.

use xxgk_check::{Checker, Lang};

use crate::{EXIT_CONFORMANT, EXIT_USAGE};

fn checker() -> Option<Checker> {
    match Checker::new() {
        Ok(c) => Some(c),
        Err(e) => {
            eprintln!("xxgk: {e}");
            None
        }
    }
}

/// Lists every rule and schema-rule id.
pub fn rules(lang: Lang) -> u8 {
    let Some(checker) = checker() else {
        return EXIT_USAGE;
    };
    let catalogue = checker.catalogue();
    println!(
        "{} {} ({} identities)",
        catalogue.id,
        catalogue.version,
        checker.identity_count()
    );
    for r in &catalogue.rules {
        let summary = lang.pick(&r.summary.zh, &r.summary.en);
        println!(
            "{:<4} {:<22} {:<8} {summary}",
            r.id,
            r.name,
            r.severity.as_str()
        );
    }
    for r in &catalogue.schema_rules {
        let summary = lang.pick(&r.summary.zh, &r.summary.en);
        println!(
            "{:<4} {:<22} {:<8} {summary} [{}]",
            r.id,
            r.name,
            r.severity.as_str(),
            r.keyword
        );
    }
    for r in &catalogue.content_rules {
        let summary = lang.pick(&r.summary.zh, &r.summary.en);
        println!(
            "{:<4} {:<22} {:<8} {summary} [{}]",
            r.id,
            r.name,
            r.severity.as_str(),
            r.check
        );
    }
    EXIT_CONFORMANT
}

/// The first lines of `explain`, the same for both kinds of rule.
fn print_heading(
    id: &str,
    name: &str,
    severity: xxgk_check::Severity,
    since: &str,
    summary: &xxgk_catalogue::Text,
) {
    println!("{id} {name} ({}, since {since})\n", severity.as_str());
    println!("{}\n{}\n", summary.zh, summary.en);
}

/// Prints one rule's documentation.
pub fn explain(wanted: &str) -> u8 {
    let Some(checker) = checker() else {
        return EXIT_USAGE;
    };
    let catalogue = checker.catalogue();
    let matches = |id: &str, name: &str| id.eq_ignore_ascii_case(wanted) || name == wanted;
    if let Some(r) = catalogue.rules.iter().find(|r| matches(&r.id, &r.name)) {
        print_heading(&r.id, &r.name, r.severity, &r.since, &r.summary);
        println!("{}\n", r.rationale);
        let sets: Vec<String> = r
            .for_each
            .iter()
            .map(|(v, s)| format!("{v} in {s}"))
            .collect();
        println!("For each {}:", sets.join(", "));
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
        println!("  {}\n= {}", side(&r.lhs), side(&r.rhs));
        return EXIT_CONFORMANT;
    }
    if let Some(r) = catalogue
        .schema_rules
        .iter()
        .find(|r| matches(&r.id, &r.name))
    {
        print_heading(&r.id, &r.name, r.severity, &r.since, &r.summary);
        println!(
            "{}\n\nReported when the JSON Schema keyword `{}` fails.",
            r.rationale, r.keyword
        );
        return EXIT_CONFORMANT;
    }
    if let Some(r) = catalogue
        .content_rules
        .iter()
        .find(|r| matches(&r.id, &r.name))
    {
        print_heading(&r.id, &r.name, r.severity, &r.since, &r.summary);
        println!(
            "{}\n\nA content rule (check `{}`), reading: {}",
            r.rationale,
            r.check,
            r.reads.join(", ")
        );
        return EXIT_CONFORMANT;
    }
    eprintln!("xxgk: no rule {wanted:?}; `xxgk rules` lists them");
    EXIT_USAGE
}
