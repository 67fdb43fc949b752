//! Emits the Python binding `xxgk_model`: a `TypedDict` per object of the schema, a `Literal`
//! per closed list, the cell table, and an exact JSON reader and writer — the primary edition in
//! the package itself, another in its module `xxgk_model.edition_<YEAR>`, both reading and writing
//! through the package's one private runtime module, `xxgk_model._runtime`.

use std::fmt::Write as _;

use crate::schema::{EnumDef, FieldType, ROOT_NAME, ScalarJson, SchemaModel, StructDef};
use crate::{
    Binding, CellKind, CodegenError, GeneratedFile, SIGNED_DOC, err, required_cells,
    schema_constants, units_doc,
};

/// The package's folder.
const DIR: &str = "bindings/python/src/xxgk_model";

/// Python's keywords: a property named like one needs the functional `TypedDict` syntax.
const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn string_literal(s: &str) -> String {
    // A JSON string is a valid Python string literal, except that JSON may escape `/` — it does
    // not in serde_json's output.
    serde_json::Value::String(s.to_owned()).to_string()
}

fn is_identifier(key: &str) -> bool {
    key.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&key)
}

fn docstring(out: &mut String, indent: &str, paragraphs: &[&str]) {
    let mut text = paragraphs
        .iter()
        .map(|p| p.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\""))
        .collect::<Vec<_>>()
        .join(&format!("\n\n{indent}"));
    // A quote right before the closing `"""` would end the string early.
    if text.ends_with('"') {
        text.pop();
        text.push_str("\\\"");
    }
    if paragraphs.len() > 1 {
        let _ = writeln!(out, "{indent}\"\"\"{text}\n{indent}\"\"\"");
    } else {
        let _ = writeln!(out, "{indent}\"\"\"{text}\"\"\"");
    }
}

fn py_type(model: &SchemaModel, ty: &FieldType) -> Result<(String, String), CodegenError> {
    Ok(match ty {
        FieldType::Struct(name) | FieldType::Enum(name) => (name.clone(), String::new()),
        FieldType::Count => ("int".to_owned(), " (a count, 0 to 2^64 − 1)".to_owned()),
        FieldType::Scalar(name) => {
            let scalar = model.scalar(name)?;
            let ty = match scalar.json {
                ScalarJson::String => "str",
                ScalarJson::Integer { .. } => "int",
            };
            (
                ty.to_owned(),
                format!(" ({}: {})", scalar.title, scalar.constraint),
            )
        }
        FieldType::Signed => ("int".to_owned(), SIGNED_DOC.to_owned()),
        FieldType::Text => ("str".to_owned(), String::new()),
        FieldType::FreeObject => ("dict[str, Any]".to_owned(), " (any JSON object)".to_owned()),
    })
}

fn typed_dict(out: &mut String, model: &SchemaModel, def: &StructDef) -> Result<(), CodegenError> {
    let functional = !def.fields.iter().all(|f| is_identifier(&f.key));
    if functional {
        // A key that is no identifier (`$schema`) needs the functional syntax; its field docs
        // become `#:` comments.
        let _ = writeln!(
            out,
            "{} = TypedDict(\n    {},\n    {{",
            def.name,
            string_literal(&def.name)
        );
    } else {
        let _ = writeln!(out, "class {}(TypedDict):", def.name);
        docstring(out, "    ", &[&def.title, &def.description]);
    }
    for field in &def.fields {
        let (ty, constraint) = py_type(model, &field.ty)?;
        let ty = if field.required {
            ty
        } else {
            format!("NotRequired[{ty}]")
        };
        let doc = format!("{}: {}{constraint}", field.title, field.description);
        if functional {
            let _ = writeln!(out, "        #: {doc}");
            let _ = writeln!(out, "        {}: {ty},", string_literal(&field.key));
        } else {
            let _ = writeln!(out, "\n    {}: {ty}", field.key);
            docstring(out, "    ", &[&doc]);
        }
    }
    if functional {
        out.push_str("    },\n)\n");
        docstring(out, "", &[&def.title, &def.description]);
    }
    out.push_str("\n\n");
    Ok(())
}

fn literal_alias(out: &mut String, def: &EnumDef) {
    let values: Vec<String> = def.values.iter().map(|v| string_literal(v)).collect();
    let one_line = format!("{} = Literal[{}]", def.name, values.join(", "));
    if one_line.len() <= 100 {
        let _ = writeln!(out, "{one_line}");
    } else {
        let _ = writeln!(
            out,
            "{} = Literal[\n    {},\n]",
            def.name,
            values.join(",\n    ")
        );
    }
    docstring(out, "", &[&def.title, &def.description]);
    out.push_str("\n\n");
}

/// The runtime module every edition's module imports: exact JSON reading and writing, written
/// once for the package.
const RUNTIME: &str = r#"# @generated by `cargo xtask codegen`. Do not edit.
"""The runtime every edition's module shares: JSON read and written with every number exact.

Private to the package: each edition's `parse_report` and `dump_report` type it for its report.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any


def parse_json(text: str) -> Any:
    """Parses JSON text with numbers exact: integral numbers as `int`, others as `Decimal`.

    Duplicate keys, `NaN` and `Infinity` are errors.
    """
    return json.loads(
        text,
        parse_float=_integral,
        parse_constant=_refuse_constant,
        object_pairs_hook=_no_duplicates,
    )


def dump_json(value: object, indent: int) -> str:
    """Serialises a JSON value as text, every number with all its digits."""
    return _dump(value, indent, 1)


def _integral(text: str) -> int | Decimal:
    """Reads a number written with a fraction or exponent: `int` if integral (`3.0`, `1e2`)."""
    value = Decimal(text)
    # Large exponents stay a Decimal rather than expanding into a huge integer.
    if value == value.to_integral_value() and value.adjusted() < 400:
        return int(value)
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _dump(value: object, indent: int, depth: int) -> str:
    inner = "\n" + " " * (indent * depth)
    outer = "\n" + " " * (indent * (depth - 1))
    if isinstance(value, dict):
        items = [
            f"{json.dumps(str(k), ensure_ascii=False)}: {_dump(v, indent, depth + 1)}"
            for k, v in value.items()
        ]
        return "{" + inner + ("," + inner).join(items) + outer + "}" if items else "{}"
    if isinstance(value, list):
        items = [_dump(v, indent, depth + 1) for v in value]
        return "[" + inner + ("," + inner).join(items) + outer + "]" if items else "[]"
    if isinstance(value, Decimal) and value.is_finite():
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    raise TypeError(f"not a JSON value: {value!r}")
"#;

/// The primary edition's reader and writer, documented in full.
const READ_WRITE: &str = r#"def parse_report(text: str) -> AnnualReport:
    """Parses the JSON text of a canonical report with numbers exact.

    Python's integers are unbounded, so counts up to 2^64 − 1 stay exact; a count written `3.0`
    reads as the integer 3, and any other non-integer (only `extensions` may hold one) as a
    `decimal.Decimal`, never a binary float. Duplicate keys, `NaN` and `Infinity` are errors. The
    shape is not validated beyond JSON: run `xxgk check` for conformance.
    """
    report: AnnualReport = _runtime.parse_json(text)
    return report


def dump_report(report: AnnualReport, indent: int = 2) -> str:
    """Serialises a report as JSON text, every number with all its digits.

    The standard library's encoder cannot write a `Decimal` as a number except through a binary
    float, so the JSON is written here.
    """
    return _runtime.dump_json(report, indent)
"#;

/// Another edition's reader and writer: the primary's, typed for its report.
const READ_WRITE_SECONDARY: &str = r#"def parse_report(text: str) -> AnnualReport:
    """Parses a report of this edition as `xxgk_model.parse_report` does."""
    report: AnnualReport = _runtime.parse_json(text)
    return report


def dump_report(report: AnnualReport, indent: int = 2) -> str:
    """Serialises a report of this edition as `xxgk_model.dump_report` does."""
    return _runtime.dump_json(report, indent)
"#;

/// The cell table's types; `{units}`, `{kinds}` and `{values}` are filled in per edition.
const CELL_TYPES: &str = r#"

class Cell(NamedTuple):
    """One numeric cell of the template's tables."""

    pointer: str
    """JSON Pointer of the cell in a canonical document."""

    table: str
    """The table of the template, e.g. `表三`."""

    labels_zh: tuple[str, ...]
    """The verbatim Chinese labels from the section heading down to the cell."""

    name_en: str
    """The English name of the cell."""

    unit: str
    """The unit: {units}."""

    kind: Literal[{kinds}]
    """What the cell holds."""


CellValue = int | str
"""The value of one cell: {values}."""
"#;

/// The runtime module, `xxgk_model/_runtime.py`.
pub(crate) fn runtime() -> GeneratedFile {
    GeneratedFile::text(format!("{DIR}/_runtime.py"), RUNTIME.to_owned())
}

/// The reader, the writer and the cell table's types of an edition.
fn support(binding: Binding, model: &SchemaModel) -> Result<String, CodegenError> {
    let read_write = match binding.secondary {
        None => READ_WRITE,
        Some(_) => READ_WRITE_SECONDARY,
    };
    let cell_types = CELL_TYPES
        .replace("{units}", &units_doc(model, |u| format!("`{u}`")))
        .replace("{kinds}", &CellKind::quoted_names(model)?.join(", "))
        .replace("{values}", &CellKind::values_doc(model, "int", "str")?);
    Ok(format!("{read_write}{cell_types}"))
}

/// Generates an edition's module: `xxgk_model/__init__.py` for the primary one.
pub(crate) fn generate(
    binding: Binding,
    model: &SchemaModel,
) -> Result<GeneratedFile, CodegenError> {
    let source = binding.source;
    let (path, summary) = match binding.secondary {
        None => (
            format!("{DIR}/__init__.py"),
            "Types of the xxgk canonical schema of the 政府信息公开工作年度报告, generated from it.\n\n\
             Reports are plain JSON objects typed as `TypedDict`s: counts are `int` (unbounded) and\n\
             amounts `str`, so no number passes through a binary float. Read and write them with\n\
             `parse_report` and `dump_report`, which keep every number exact."
                .to_owned(),
        ),
        Some(edition) => (
            format!("{DIR}/edition_{edition}.py"),
            format!(
                "Types of the xxgk canonical schema of the {edition} edition of the 政府信息公开工作年度报告\n\
                 (`{}`), generated from it;\n\
                 the package itself is the 2021 edition.\n\n\
                 Reports are plain JSON objects typed as `TypedDict`s: counts and signed changes are `int`\n\
                 (unbounded) and amounts `str`, so no number passes through a binary float. Read and write\n\
                 them with `parse_report` and `dump_report`, which keep every number exact. A report of\n\
                 another edition does not type-check as this `AnnualReport`: its `edition` differs (compare\n\
                 it with `EDITION` before choosing a module).",
                model.id
            ),
        ),
    };
    let mut out = format!(
        "# @generated by `cargo xtask codegen` from {source}. Do not edit.\n\
         \"\"\"{summary}\n\"\"\"\n\n\
         from __future__ import annotations\n\n\
         from typing import Any, Final, Literal, NamedTuple, NotRequired, TypedDict\n\n\
         from . import _runtime\n\n"
    );
    for (name, doc, value) in schema_constants(model) {
        let _ = writeln!(out, "{name}: Final = {}", string_literal(value));
        docstring(&mut out, "", &[doc]);
        out.push('\n');
    }
    out.push('\n');
    for def in &model.enums {
        literal_alias(&mut out, def);
    }
    // The functional syntax evaluates its field types at once, so the root (the one that needs
    // it) comes after the types it names.
    let (root, others): (Vec<&StructDef>, Vec<&StructDef>) =
        model.structs.iter().partition(|d| d.name == ROOT_NAME);
    for def in others.into_iter().chain(root) {
        if def.name != ROOT_NAME && !def.fields.iter().all(|f| is_identifier(&f.key)) {
            return err(format!(
                "{}: {} has a key that is no Python identifier; only the root may",
                model.source, def.name
            ));
        }
        typed_dict(&mut out, model, def)?;
    }
    out.push_str(&support(binding, model)?);

    let cells = required_cells(model)?;
    let _ = writeln!(out, "\n\nCELLS: Final[tuple[Cell, ...]] = (");
    for cell in &cells {
        let labels: Vec<String> = cell.labels_zh.iter().map(|l| string_literal(l)).collect();
        let kind = CellKind::of(model, cell)?.name();
        let _ = writeln!(
            out,
            "    Cell(\n        {},\n        {},\n        ({},),\n        {},\n        {},\n        \"{kind}\",\n    ),",
            string_literal(&cell.pointer),
            string_literal(cell.table.as_deref().unwrap_or("")),
            labels.join(", "),
            string_literal(&cell.names_en.join(" › ")),
            string_literal(cell.unit.as_deref().unwrap_or("")),
        );
    }
    let _ = writeln!(out, ")");
    docstring(
        &mut out,
        "",
        &[&format!(
            "Every numeric cell of the template's tables ({}), in document order.",
            cells.len()
        )],
    );
    out.push_str(
        "\n\ndef cell_values(report: AnnualReport) -> list[CellValue]:\n    \
         \"\"\"The value of every cell of a report, in the order of `CELLS`.\"\"\"\n    return [\n",
    );
    for cell in &cells {
        let access: String = cell
            .path
            .iter()
            .map(|k| format!("[{}]", string_literal(k)))
            .collect();
        let _ = writeln!(out, "        report{access},");
    }
    out.push_str("    ]\n");
    Ok(GeneratedFile::text(path, out))
}
