//! Emits `crates/xxgk-model/src/generated.rs`: serde types, the cell table and its accessor, and
//! the edition's `Standard` value (its published files, nodes and template).

use std::fmt::Write as _;

use crate::schema::{
    EnumDef, Field, FieldType, LeafKind, ROOT_NAME, SchemaModel, StructDef, camel,
};
use crate::template::Template;
use crate::{CodegenError, Edition};

/// Rust keywords a property name could collide with.
const KEYWORDS: [&str; 12] = [
    "type", "match", "fn", "struct", "enum", "impl", "mod", "use", "ref", "self", "move", "where",
];

fn field_name(key: &str) -> String {
    let name = key.trim_start_matches('$');
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

fn doc(out: &mut String, indent: &str, text: &str) {
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            let _ = writeln!(out, "{indent}///");
        } else {
            let _ = writeln!(out, "{indent}/// {line}");
        }
    }
}

fn rust_type(ty: &FieldType) -> String {
    match ty {
        FieldType::Struct(name) | FieldType::Enum(name) | FieldType::Scalar(name) => name.clone(),
        FieldType::Count => "u64".to_owned(),
        FieldType::Signed => "i64".to_owned(),
        FieldType::Text => "String".to_owned(),
        FieldType::FreeObject => "serde_json::Map<String, serde_json::Value>".to_owned(),
    }
}

fn emit_field(out: &mut String, field: &Field) {
    doc(
        out,
        "    ",
        &format!("{}\n\n{}", field.title, field.description),
    );
    let mut serde_args = Vec::new();
    let name = field_name(&field.key);
    if name.trim_start_matches("r#") != field.key {
        serde_args.push(format!("rename = \"{}\"", field.key));
    }
    if !field.required {
        serde_args.push("default".to_owned());
        serde_args.push("skip_serializing_if = \"Option::is_none\"".to_owned());
    }
    let with = match (&field.ty, field.required) {
        (FieldType::Count, true) => Some("crate::de::count"),
        (FieldType::Count, false) => Some("crate::de::present_count"),
        (FieldType::Signed, true) => Some("crate::de::signed"),
        (FieldType::Signed, false) => Some("crate::de::present_signed"),
        (_, false) => Some("crate::de::present"),
        (_, true) => None,
    };
    if let Some(with) = with {
        serde_args.push(format!("deserialize_with = \"{with}\""));
    }
    if !serde_args.is_empty() {
        let _ = writeln!(out, "    #[serde({})]", serde_args.join(", "));
    }
    let ty = rust_type(&field.ty);
    if !field.required {
        // Optional means absent, never null: derive the schema of the value itself.
        let _ = writeln!(
            out,
            "    #[cfg_attr(feature = \"schemars\", schemars(with = \"{ty}\"))]"
        );
    }
    let ty = if field.required {
        ty
    } else {
        format!("Option<{ty}>")
    };
    let _ = writeln!(out, "    pub {name}: {ty},");
}

fn emit_struct(out: &mut String, def: &StructDef) {
    doc(out, "", &format!("{}\n\n{}", def.title, def.description));
    out.push_str("#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]\n");
    out.push_str("#[cfg_attr(feature = \"schemars\", derive(schemars::JsonSchema))]\n");
    out.push_str("#[serde(deny_unknown_fields)]\n");
    let _ = writeln!(out, "pub struct {} {{", def.name);
    for (i, field) in def.fields.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        emit_field(out, field);
    }
    out.push_str("}\n");
}

fn variant_name(value: &str) -> String {
    let name = camel(value);
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else {
        name
    }
}

fn emit_enum(out: &mut String, def: &EnumDef) {
    doc(out, "", &format!("{}\n\n{}", def.title, def.description));
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]\n");
    out.push_str("#[cfg_attr(feature = \"schemars\", derive(schemars::JsonSchema))]\n");
    let _ = writeln!(out, "pub enum {} {{", def.name);
    for value in &def.values {
        let _ = writeln!(out, "    /// `{value}`");
        let _ = writeln!(out, "    #[serde(rename = \"{value}\")]");
        let _ = writeln!(out, "    {},", variant_name(value));
    }
    out.push_str("}\n\n");
    let _ = writeln!(out, "impl {} {{", def.name);
    out.push_str("    /// The value as written in a document.\n");
    out.push_str("    pub fn as_str(self) -> &'static str {\n        match self {\n");
    for value in &def.values {
        let _ = writeln!(
            out,
            "            Self::{} => \"{value}\",",
            variant_name(value)
        );
    }
    out.push_str("        }\n    }\n}\n");
}

fn str_lit(s: &str) -> String {
    format!("{s:?}")
}

fn emit_cells(out: &mut String, model: &SchemaModel) -> Result<(), CodegenError> {
    let cells: Vec<_> = model.cells().collect();
    let _ = writeln!(
        out,
        "/// The number of numeric cells in the template's tables."
    );
    let _ = writeln!(out, "pub const CELL_COUNT: usize = {};\n", cells.len());
    out.push_str("/// Every numeric cell of the template's tables, in document order.\n");
    out.push_str("pub static CELLS: [Cell; CELL_COUNT] = [\n");
    for cell in &cells {
        let kind = match &cell.kind {
            LeafKind::Count => "CellKind::Count",
            LeafKind::Signed => "CellKind::Signed",
            LeafKind::Scalar(name) if name == "Decimal" => "CellKind::Decimal",
            LeafKind::Scalar(name) if name == "PublishedAmount" => "CellKind::Published",
            _ => {
                return Err(CodegenError(format!(
                    "{}: cell {} is neither a count, a signed change, a decimal nor a published amount",
                    model.source, cell.pointer
                )));
            }
        };
        let labels: Vec<String> = cell.labels_zh.iter().map(|l| str_lit(l)).collect();
        let _ = writeln!(out, "    Cell {{");
        let _ = writeln!(out, "        pointer: {},", str_lit(&cell.pointer));
        let _ = writeln!(
            out,
            "        table: {},",
            str_lit(cell.table.as_deref().unwrap_or(""))
        );
        let _ = writeln!(out, "        labels_zh: &[{}],", labels.join(", "));
        let _ = writeln!(
            out,
            "        name_en: {},",
            str_lit(&cell.names_en.join(" › "))
        );
        let _ = writeln!(
            out,
            "        unit: {},",
            str_lit(cell.unit.as_deref().unwrap_or(""))
        );
        let _ = writeln!(out, "        kind: {kind},");
        let _ = writeln!(out, "    }},");
    }
    out.push_str("];\n\n");

    let _ = writeln!(out, "impl {ROOT_NAME} {{");
    out.push_str("    /// The value of every cell, in the order of [`CELLS`].\n");
    out.push_str("    pub fn cell_values(&self) -> [CellValue<'_>; CELL_COUNT] {\n        [\n");
    for cell in &cells {
        let access = format!(
            "self.{}",
            cell.path
                .iter()
                .map(|k| field_name(k))
                .collect::<Vec<_>>()
                .join(".")
        );
        let value = match &cell.kind {
            LeafKind::Count => format!("CellValue::Count({access})"),
            LeafKind::Signed => format!("CellValue::Signed({access})"),
            LeafKind::Scalar(name) if name == "PublishedAmount" => {
                format!("CellValue::Published(&{access})")
            }
            _ => format!("CellValue::Decimal(&{access})"),
        };
        let _ = writeln!(out, "            {value},");
    }
    out.push_str("        ]\n    }\n}\n");
    Ok(())
}

fn opt_lit(s: Option<&String>) -> String {
    s.map_or_else(|| "None".to_owned(), |s| format!("Some({})", str_lit(s)))
}

fn emit_standard(out: &mut String, edition: &Edition, model: &SchemaModel, template: &Template) {
    // From the module's folder up to the crate's root, where the copies are.
    let up = "../".repeat(edition.rust_file.matches('/').count().saturating_sub(2));
    let _ = writeln!(
        out,
        "/// The published JSON schema, embedded so that nothing needs the network (codegen keeps a copy of\n\
         /// `schema/*.json` inside the crate, so that it packages on its own)."
    );
    let _ = writeln!(
        out,
        "pub const SCHEMA_JSON: &str = include_str!(\"{up}schema/{}\");\n",
        edition.schema_file
    );
    out.push_str("/// The published rule catalogue (JSON form), embedded.\n");
    let _ = writeln!(
        out,
        "pub const RULES_JSON: &str = include_str!(\"{up}schema/{}\");\n",
        edition.rules_file
    );
    let _ = writeln!(
        out,
        "/// The {} edition of the standard: its files, cells, nodes and template.",
        model.edition
    );
    let _ = writeln!(
        out,
        "pub static STANDARD_{}: Standard = Standard {{",
        model.edition
    );
    let _ = writeln!(out, "    edition: EDITION,");
    let _ = writeln!(out, "    title: {},", str_lit(&model.title));
    out.push_str("    schema_id: SCHEMA_ID,\n    schema_version: SCHEMA_VERSION,\n");
    out.push_str("    schema_json: SCHEMA_JSON,\n    rules_json: RULES_JSON,\n");
    out.push_str("    cells: &CELLS,\n    nodes: &[\n");
    for prop in &model.props {
        let labels: Vec<String> = prop.labels_zh.iter().map(|l| str_lit(l)).collect();
        let _ = writeln!(
            out,
            "        Node {{ pointer: {}, labels_zh: &[{}], name_en: {}, unit: {} }},",
            str_lit(&prop.pointer),
            labels.join(", "),
            str_lit(&prop.names_en.join(" › ")),
            opt_lit(prop.unit.as_ref()),
        );
    }
    out.push_str("    ],\n    sections: &[\n");
    for section in &template.sections {
        let _ = writeln!(
            out,
            "        Section {{ pointer: {}, heading: {}, numeral: {}, title: {}, name_en: {}, table: {} }},",
            str_lit(&section.pointer),
            str_lit(&section.heading),
            str_lit(&section.numeral),
            str_lit(&section.title),
            str_lit(&section.name_en),
            opt_lit(section.table.as_ref()),
        );
    }
    out.push_str("    ],\n    tables: &[\n");
    for table in &template.tables {
        let _ = writeln!(
            out,
            "        Table {{ number: {}, title: {}, pointer: {}, rows: &[",
            str_lit(&table.number),
            str_lit(&table.title),
            str_lit(&table.pointer),
        );
        for row in &table.rows {
            let groups: Vec<String> = row
                .groups
                .iter()
                .map(|g| {
                    format!(
                        "Group {{ pointer: {}, label: {}, short_label: {}, name_en: {} }}",
                        str_lit(&g.pointer),
                        str_lit(&g.label),
                        str_lit(&g.short_label),
                        str_lit(&g.name_en),
                    )
                })
                .collect();
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|(column, cell)| format!("RowCell {{ column: {column}, cell: {cell} }}"))
                .collect();
            let _ = writeln!(
                out,
                "            Row {{ pointer: {}, label: {}, name: {}, short_label: {}, name_en: {}, \
                 header: {}, groups: &[{}], cells: &[{}] }},",
                str_lit(&row.pointer),
                str_lit(&row.label),
                str_lit(&row.name),
                str_lit(&row.short_label),
                str_lit(&row.name_en),
                opt_lit(row.header.as_ref()),
                groups.join(", "),
                cells.join(", "),
            );
        }
        out.push_str("        ], columns: &[\n");
        for column in &table.columns {
            let _ = writeln!(
                out,
                "            Column {{ key: {}, header: {}, short_header: {}, header_group: {}, name_en: {} }},",
                str_lit(&column.key),
                str_lit(&column.header),
                str_lit(&column.short_header),
                opt_lit(column.header_group.as_ref()),
                str_lit(&column.name_en),
            );
        }
        out.push_str("        ] },\n");
    }
    out.push_str("    ],\n};\n");
}

/// Generates the Rust source of the model (before rustfmt).
pub fn generate(
    edition: &Edition,
    model: &SchemaModel,
    template: &Template,
) -> Result<String, CodegenError> {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// @generated by `cargo xtask codegen` from {}. Do not edit.",
        edition.schema_source
    );
    let _ = writeln!(
        out,
        "//! Types of the canonical schema of the {} edition, generated from it (run `cargo xtask codegen`).\n",
        model.edition
    );
    out.push_str("use serde::{Deserialize, Serialize};\n\n");
    let mut scalars: Vec<&str> = model
        .structs
        .iter()
        .flat_map(|s| &s.fields)
        .filter_map(|f| match &f.ty {
            FieldType::Scalar(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    scalars.sort_unstable();
    scalars.dedup();
    let mut imports = vec![
        "Cell",
        "CellKind",
        "CellValue",
        "Column",
        "Group",
        "Node",
        "Row",
        "RowCell",
        "Section",
        "Standard",
        "Table",
    ];
    imports.extend(scalars);
    imports.sort_unstable();
    let _ = writeln!(out, "use crate::{{{}}};\n", imports.join(", "));

    let _ = writeln!(out, "/// The `$id` of the canonical schema.");
    let _ = writeln!(out, "pub const SCHEMA_ID: &str = {};\n", str_lit(&model.id));
    let _ = writeln!(
        out,
        "/// The semantic version of the canonical schema (`x-version`)."
    );
    let _ = writeln!(
        out,
        "pub const SCHEMA_VERSION: &str = {};\n",
        str_lit(&model.version)
    );
    let _ = writeln!(
        out,
        "/// The edition of the national format the schema describes."
    );
    let _ = writeln!(
        out,
        "pub const EDITION: &str = {};\n",
        str_lit(&model.edition)
    );

    for def in &model.structs {
        emit_struct(&mut out, def);
        out.push('\n');
    }
    for def in &model.enums {
        emit_enum(&mut out, def);
        out.push('\n');
    }
    emit_cells(&mut out, model)?;
    out.push('\n');
    emit_standard(&mut out, edition, model, template);
    Ok(out)
}
