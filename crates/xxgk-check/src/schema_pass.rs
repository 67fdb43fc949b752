//! The schema pass: JSON Schema errors mapped to the catalogue's stable schema-rule ids.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;
use xxgk_catalogue::{SchemaRule, Severity};
use xxgk_model::Cell;

use crate::diagnostic::{Diagnostic, Kind};
use crate::locate::escape;
use crate::names::{Missing, Names};

/// The human name of the value at a pointer: its label path when it is a node of the schema.
fn what(names: &Names, pointer: &str) -> (String, String) {
    match names.of(pointer) {
        Some((zh, en)) => (zh, format!("{en} ({pointer})")),
        None if pointer.is_empty() => ("文档".to_owned(), "the document".to_owned()),
        None => (pointer.to_owned(), pointer.to_owned()),
    }
}

/// The message of a missing node: a blank cell is not a 0; a whole table, section or group is
/// absent, which is said as such.
fn missing(names: &Names, pointer: &str) -> (String, String) {
    let (zh, en) = what(names, pointer);
    match names.missing(pointer) {
        Missing::Cell => (
            format!("缺少 {zh}（空白不等于0，必须填写）"),
            format!("missing {en} (a blank is not a 0; it must be filled in)"),
        ),
        Missing::Table(table, cells) => (
            format!("缺少 {zh}：整张{table}缺失（{cells} 个单元格都没有填写）"),
            format!("missing {en}: the whole table ({table}, {cells} cells) is absent"),
        ),
        Missing::Section => (
            format!("缺少 {zh}：整节缺失"),
            format!("missing {en}: the whole section is absent"),
        ),
        Missing::Group(cells) => (
            format!("缺少 {zh}：整组 {cells} 个单元格缺失"),
            format!("missing {en}: the whole group of {cells} cells is absent"),
        ),
        Missing::Field => (
            format!("缺少 {zh}（必填项）"),
            format!("missing {en}, a required field"),
        ),
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

fn type_name(kind: &TypeKind) -> String {
    let names: Vec<String> = match kind {
        TypeKind::Single(t) => vec![t.to_string()],
        TypeKind::Multiple(ts) => ts.iter().map(|t| t.to_string()).collect(),
    };
    names.join(" or ")
}

fn type_name_zh(english: &str) -> &'static str {
    match english {
        "integer" => "整数",
        "string" => "字符串",
        "object" => "对象",
        "array" => "数组",
        "number" => "数值",
        "boolean" => "布尔值",
        _ => "其他类型",
    }
}

/// One finding before its rule id is attached.
struct Raw {
    keyword: &'static str,
    pointer: String,
    zh: String,
    en: String,
    expected: Option<String>,
    actual: Option<String>,
}

fn raw(names: &Names, error: &ValidationError<'_>) -> Vec<Raw> {
    let at = error.instance_path().as_str().to_owned();
    let instance = error.instance();
    let (name_zh, name_en) = what(names, &at);
    let one = |keyword, zh: String, en: String, expected: Option<String>| {
        vec![Raw {
            keyword,
            pointer: at.clone(),
            zh,
            en,
            expected,
            actual: Some(short(instance)),
        }]
    };
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let key = property.as_str().unwrap_or_default();
            let pointer = format!("{at}/{}", escape(key));
            let (zh, en) = missing(names, &pointer);
            vec![Raw {
                keyword: "required",
                pointer,
                zh,
                en,
                expected: Some("present".to_owned()),
                actual: None,
            }]
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|key| Raw {
                keyword: "additionalProperties",
                pointer: format!("{at}/{}", escape(key)),
                zh: format!("{name_zh} 中出现标准未定义的字段 {key:?}（自定义数据请放在 /extensions 下）"),
                en: format!("{name_en} has a field the standard does not define: {key:?} (put producer data under /extensions)"),
                expected: None,
                actual: Some(key.clone()),
            })
            .collect(),
        ValidationErrorKind::Type { kind } => {
            let expected = type_name(kind);
            one(
                "type",
                format!("{name_zh} 应为{}，实际为 {}", type_name_zh(&expected), short(instance)),
                format!("{name_en} must be {}, found {}", expected, short(instance)),
                Some(expected),
            )
        }
        ValidationErrorKind::Minimum { limit } => one(
            "minimum",
            format!("{name_zh} 为 {}，不能小于 {limit}", short(instance)),
            format!("{name_en} is {}, below the minimum {limit}", short(instance)),
            Some(format!(">= {limit}")),
        ),
        ValidationErrorKind::Maximum { limit } => one(
            "maximum",
            format!("{name_zh} 为 {}，超过上限 {limit}", short(instance)),
            format!("{name_en} is {}, above the maximum {limit}", short(instance)),
            Some(format!("<= {limit}")),
        ),
        ValidationErrorKind::Pattern { pattern } if names.is_amount(&at) => one(
            "pattern",
            format!("{name_zh} 的格式不符合要求：{}（金额须为不带单位、千位分隔符的数字字符串，如 \"1032.60994\"）", short(instance)),
            format!("{name_en} does not have the required form: {} (amounts are digit strings without unit or separators, e.g. \"1032.60994\")", short(instance)),
            Some(format!("matches {pattern}")),
        ),
        ValidationErrorKind::Pattern { pattern } => one(
            "pattern",
            format!("{name_zh} 的格式不符合要求：{}（须符合 {pattern}）", short(instance)),
            format!("{name_en} does not have the required form: {} (it must match {pattern})", short(instance)),
            Some(format!("matches {pattern}")),
        ),
        ValidationErrorKind::Format { format } => one(
            "format",
            format!("{name_zh} 不是有效日期（YYYY-MM-DD）：{}", short(instance)),
            format!("{name_en} is not a valid {format} (YYYY-MM-DD): {}", short(instance)),
            Some(format.clone()),
        ),
        ValidationErrorKind::Constant { expected_value } => one(
            "const",
            format!("格式版本应为 {expected_value}，实际为 {}；本标准只描述2021年版格式（2019年版格式的报告有不同的表格）", short(instance)),
            format!("the edition must be {expected_value}, found {}; this standard describes the 2021 format only (2019-format reports have other tables)", short(instance)),
            Some(expected_value.to_string()),
        ),
        ValidationErrorKind::Enum { options } => one(
            "enum",
            format!("{name_zh} 的值 {} 不在允许的取值中：{}", short(instance), options),
            format!("{name_en} is {}, not one of {}", short(instance), options),
            Some(options.to_string()),
        ),
        other => one(
            "unknown",
            format!("{name_zh} 不符合模式：{other:?}"),
            format!("{name_en} does not match the schema: {other:?}"),
            None,
        ),
    }
}

/// Validates `doc` and returns schema findings with their stable ids.
pub fn check(
    validator: &Validator,
    rules: &[SchemaRule],
    names: &Names,
    doc: &Value,
) -> Vec<Diagnostic> {
    validator
        .iter_errors(doc)
        .flat_map(|error| raw(names, &error))
        .map(|r| diagnostic(rules, names, r))
        .collect()
}

/// The finding for a required value absent at `pointer`, exactly as the schema pass gives it
/// (`required`, `S1`): for a value whose parent is absent too, which the schema pass reports
/// only at the parent.
pub fn missing_value(rules: &[SchemaRule], names: &Names, pointer: &str) -> Diagnostic {
    let (zh, en) = missing(names, pointer);
    let r = Raw {
        keyword: "required",
        pointer: pointer.to_owned(),
        zh,
        en,
        expected: Some("present".to_owned()),
        actual: None,
    };
    diagnostic(rules, names, r)
}

fn diagnostic(rules: &[SchemaRule], names: &Names, r: Raw) -> Diagnostic {
    let rule = rules.iter().find(|rule| rule.keyword == r.keyword);
    let label_path = names.cell(&r.pointer).map(Cell::label_path);
    Diagnostic {
        rule: rule.map_or_else(|| "S0".to_owned(), |rule| rule.id.clone()),
        name: rule.map_or_else(|| "schema".to_owned(), |rule| rule.name.clone()),
        severity: rule.map_or(Severity::Error, |rule| rule.severity),
        kind: Kind::Schema,
        pointer: r.pointer,
        related: Vec::new(),
        linked: Vec::new(),
        label_path,
        expected: r.expected,
        actual: r.actual,
        discrepancy: None,
        root_cause: None,
        message_zh: r.zh,
        message_en: r.en,
        location: None,
    }
}
