//! Emits `docs/schema-reference.md` and `docs/rules.md`.

use std::fmt::Write as _;

use std::collections::BTreeMap;

use xxgk_catalogue::{Catalogue, ContentRule, SeriesRule, SeriesTerm, SumRule, Term, Text};

use crate::schema::{Leaf, LeafKind, ScalarJson, SchemaModel};
use crate::{CodegenError, Edition};

fn cell_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

fn row(out: &mut String, cols: &[String]) {
    let _ = writeln!(
        out,
        "| {} |",
        cols.iter()
            .map(|c| cell_escape(c))
            .collect::<Vec<_>>()
            .join(" | ")
    );
}

/// A table's header row and its separator.
fn header(out: &mut String, cols: [&str; 6]) {
    row(out, &cols.map(str::to_owned));
    row(out, &["---"; 6].map(str::to_owned));
}

/// What every kind of rule shows in the reference: its row and the start of its section.
trait Shown {
    fn id(&self) -> &str;
    fn name(&self) -> &str;
    fn severity(&self) -> &'static str;
    fn since(&self) -> &str;
    fn summary(&self) -> &Text;
    fn rationale(&self) -> &str;
}

macro_rules! shown {
    ($($rule:ty),*) => {$(
        impl Shown for $rule {
            fn id(&self) -> &str { &self.id }
            fn name(&self) -> &str { &self.name }
            fn severity(&self) -> &'static str { self.severity.as_str() }
            fn since(&self) -> &str { &self.since }
            fn summary(&self) -> &Text { &self.summary }
            fn rationale(&self) -> &str { &self.rationale }
        }
    )*};
}

shown!(SumRule, SeriesRule, ContentRule);

/// A rule's row, its id linking to its section: id, `name`, three columns of its kind, summary.
fn linked_row(out: &mut String, rule: &impl Shown, columns: [String; 3]) {
    let [a, b, c] = columns;
    let id = rule.id();
    row(
        out,
        &[
            format!("[{id}](#{})", id.to_lowercase()),
            format!("`{}`", rule.name()),
            a,
            b,
            c,
            rule.summary().en.clone(),
        ],
    );
}

/// The table of rules that expand into instances, `count` of each.
fn counted_table<R: Shown>(out: &mut String, rules: &[R], count: impl Fn(&str) -> usize) {
    header(
        out,
        ["id", "name", "severity", "since", "instances", "summary"],
    );
    for rule in rules {
        let columns = [
            rule.severity().to_owned(),
            rule.since().to_owned(),
            count(rule.id()).to_string(),
        ];
        linked_row(out, rule, columns);
    }
}

/// The start of a rule's section: its heading, its line of facts (with the kind of `check` of a
/// content rule), its summary in both languages and its rationale.
fn section(out: &mut String, rule: &impl Shown, check: Option<&str>) {
    let check = check.map(|c| format!("check `{c}` · ")).unwrap_or_default();
    let _ = writeln!(out, "\n### {}\n", rule.id());
    let _ = writeln!(
        out,
        "`{}` · {check}{} · since {}\n",
        rule.name(),
        rule.severity(),
        rule.since()
    );
    let summary = rule.summary();
    let _ = writeln!(
        out,
        "{}\n\n{}\n\n{}\n",
        summary.zh,
        summary.en,
        rule.rationale()
    );
}

/// The line naming the sets a rule's variables range over.
fn for_each(out: &mut String, variables: &BTreeMap<String, String>) {
    let for_each: Vec<String> = variables
        .iter()
        .map(|(v, s)| format!("`{v}` ∈ `{s}`"))
        .collect();
    let _ = writeln!(out, "For each {}:\n", for_each.join(", "));
}

/// A rule's message in both languages.
fn messages(out: &mut String, message: &Text) {
    let _ = writeln!(out, "Message (zh): `{}`\n", message.zh);
    let _ = writeln!(out, "Message (en): `{}`", message.en);
}

/// A leaf's JSON type with the constraints the schema puts on it.
fn type_text(model: &SchemaModel, leaf: &Leaf) -> Result<String, CodegenError> {
    Ok(match &leaf.kind {
        LeafKind::Count => "count: integer, 0 to 18446744073709551615 (2^64 − 1)".to_owned(),
        LeafKind::Scalar(name) => {
            let scalar = model.scalar(name)?;
            match scalar.json {
                ScalarJson::String => {
                    format!("{}: string, {}", name.to_lowercase(), scalar.constraint)
                }
                ScalarJson::Integer { minimum, maximum } => {
                    format!("{}: integer, {minimum} to {maximum}", name.to_lowercase())
                }
            }
        }
        LeafKind::Signed => {
            "signed integer, −9223372036854775807 to 9223372036854775807 (±(2^63 − 1))".to_owned()
        }
        LeafKind::Text => "string".to_owned(),
        LeafKind::Enum(values) => format!("one of {}", values.join(", ")),
        LeafKind::Const(value) => format!("\"{value}\""),
        LeafKind::FreeObject => "object (free-form)".to_owned(),
    })
}

fn leaf_row(out: &mut String, model: &SchemaModel, leaf: &Leaf) -> Result<(), CodegenError> {
    row(
        out,
        &[
            format!("`{}`", leaf.pointer),
            leaf.labels_zh.join(" › "),
            type_text(model, leaf)?,
            leaf.unit.clone().unwrap_or_default(),
            if leaf.required { "yes" } else { "no" }.to_owned(),
            leaf.description.clone(),
        ],
    );
    Ok(())
}

/// The schema reference: every field and every cell with pointer, label path, type and unit.
pub fn schema_reference(model: &SchemaModel) -> Result<String, CodegenError> {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!-- @generated by `cargo xtask codegen` from {}. Do not edit. -->",
        model.source
    );
    let _ = writeln!(out, "# Schema reference: {}\n", model.title);
    let _ = writeln!(out, "- `$id`: `{}`", model.id);
    let _ = writeln!(out, "- version: `{}`", model.version);
    let _ = writeln!(out, "- edition: `{}`", model.edition);
    let _ = writeln!(out, "- numeric table cells: {}\n", model.cells().count());
    out.push_str(
        "Every value of a document, in document order. The label path is the verbatim Chinese \
         labels of the template from the section heading down; a cell's pointer is stable across \
         minor versions (see `schema/README.md`). Counts are numbers whose value is an integer \
         from 0 to 2^64 − 1 (`3`, `3.0`; the number model is in `schema/README.md`); amounts \
         are exact decimals written as JSON strings.\n",
    );
    let header = [
        "pointer",
        "label path",
        "type",
        "unit",
        "required",
        "description",
    ]
    .map(str::to_owned);
    let mut section: Option<&str> = None;
    for leaf in &model.leaves {
        let top = leaf.labels_zh.first().map_or("", String::as_str);
        if section != Some(top) {
            section = Some(top);
            let title = match &leaf.table {
                Some(table) => format!("{top} ({table})"),
                None => top.to_owned(),
            };
            let _ = writeln!(out, "\n## {title}\n");
            row(&mut out, &header);
            row(&mut out, &header.clone().map(|_| "---".to_owned()));
        }
        leaf_row(&mut out, model, leaf)?;
    }
    Ok(out)
}

fn term_text(term: &Term) -> String {
    match term {
        Term::Cell(t) => format!("`{t}`"),
        Term::Sum { sum, over } => {
            let over: Vec<String> = over.iter().map(|(v, s)| format!("`{v}` ∈ `{s}`")).collect();
            format!("Σ `{sum}` for {}", over.join(", "))
        }
    }
}

/// The rules reference, generated from the catalogue.
pub fn rules(edition: &Edition, catalogue: &Catalogue) -> Result<String, CodegenError> {
    let rules_source = edition.rules_source;
    let identities = catalogue
        .identities()
        .map_err(|e| CodegenError(format!("{rules_source}: {e}")))?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!-- @generated by `cargo xtask codegen` from {rules_source}. Do not edit. -->"
    );
    let _ = writeln!(out, "# Rules reference\n");
    let _ = writeln!(out, "- catalogue `$id`: `{}`", catalogue.id);
    let _ = writeln!(out, "- version: `{}`", catalogue.version);
    let _ = writeln!(out, "- edition: `{}`", catalogue.edition);
    let _ = writeln!(out, "- schema: `{}`", catalogue.schema);
    let _ = writeln!(out, "- identities after expansion: {}\n", identities.len());
    let _ = write!(
        out,
        "The rules are data in `{rules_source}` (published as `{}`); the format and the exact \
         semantics of evaluation are in `schema/README.md`.\n\n",
        edition.rules_file
    );
    out.push_str("## Summation rules\n\n");
    counted_table(&mut out, &catalogue.rules, |id| {
        identities.iter().filter(|i| i.rule.id == id).count()
    });
    for rule in &catalogue.rules {
        section(&mut out, rule, None);
        for_each(&mut out, &rule.for_each);
        let side = |terms: &[Term]| terms.iter().map(term_text).collect::<Vec<_>>().join(" + ");
        let _ = writeln!(
            out,
            "    {}\n  = {}\n",
            side(&rule.lhs).replace('`', ""),
            side(&rule.rhs).replace('`', "")
        );
        messages(&mut out, &rule.message);
    }
    out.push_str("\n## Schema rules\n\n");
    out.push_str(
        "Violations of the JSON Schema are reported under these ids, by failing keyword.\n\n",
    );
    header(
        &mut out,
        ["id", "name", "keyword", "severity", "since", "summary"],
    );
    for rule in &catalogue.schema_rules {
        row(
            &mut out,
            &[
                rule.id.clone(),
                format!("`{}`", rule.name),
                format!("`{}`", rule.keyword),
                rule.severity.as_str().to_owned(),
                rule.since.clone(),
                format!("{} — {}", rule.summary.en, rule.rationale),
            ],
        );
    }
    series_rules(&mut out, rules_source, catalogue)?;
    content_rules(&mut out, catalogue);
    let sets: Vec<String> = catalogue
        .sets
        .iter()
        .map(|(name, set)| {
            let keys: Vec<&str> = set.members.iter().map(|m| m.key.as_str()).collect();
            format!(
                "- `{name}` ({} members): {} `{}`",
                keys.len(),
                set.description,
                keys.join("`, `")
            )
        })
        .collect();
    let _ = writeln!(out, "\n## Sets\n\n{}", sets.join("\n"));
    Ok(out)
}

/// The series rules' section of the rules reference (none: no section).
fn series_rules(
    out: &mut String,
    rules_source: &str,
    catalogue: &Catalogue,
) -> Result<(), CodegenError> {
    if catalogue.series_rules.is_empty() {
        return Ok(());
    }
    let instances = catalogue
        .series_identities()
        .map_err(|e| CodegenError(format!("{rules_source}: {e}")))?;
    out.push_str("\n## Series rules\n\n");
    out.push_str(
        "Relations between last year's (`previous`) and this year's (`current`) report of one \
         organ, evaluated by `xxgk check --series`; an instance with a term that has no value in \
         its report is not evaluable.\n\n",
    );
    counted_table(out, &catalogue.series_rules, |id| {
        instances.iter().filter(|i| i.rule.id == id).count()
    });
    for rule in &catalogue.series_rules {
        section(out, rule, None);
        for_each(out, &rule.for_each);
        let side = |terms: &[SeriesTerm]| {
            terms
                .iter()
                .map(|t| match t.target() {
                    Ok((year, pointer)) => format!("{}:{pointer}", year.as_str()),
                    Err(e) => e.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let _ = writeln!(
            out,
            "    {}\n  {} {}\n",
            side(&rule.lhs),
            rule.relation.as_str(),
            side(&rule.rhs)
        );
        messages(out, &rule.message);
    }
    Ok(())
}

/// The content rules: what each reads and its messages; how each kind is evaluated is in
/// `schema/README.md`.
fn content_rules(out: &mut String, catalogue: &Catalogue) {
    if catalogue.content_rules.is_empty() {
        return;
    }
    out.push_str("\n## Content rules\n\n");
    out.push_str(
        "Checks of the prose and metadata against the tables, all warnings; the evaluation of \
         each kind of `check` is normative in `schema/README.md` (\"Content rules\").\n\n",
    );
    header(out, ["id", "name", "check", "severity", "since", "summary"]);
    for rule in &catalogue.content_rules {
        let columns = [
            format!("`{}`", rule.check),
            rule.severity.as_str().to_owned(),
            rule.since.clone(),
        ];
        linked_row(out, rule, columns);
    }
    for rule in &catalogue.content_rules {
        section(out, rule, Some(&rule.check));
        let reads: Vec<String> = rule.reads.iter().map(|p| format!("`{p}`")).collect();
        let _ = writeln!(out, "Reads: {}\n", reads.join(", "));
        for (key, message) in &rule.messages {
            let _ = writeln!(out, "Message `{key}` (zh): `{}`\n", message.zh);
            let _ = writeln!(out, "Message `{key}` (en): `{}`\n", message.en);
        }
    }
}
