//! A typed reading of the canonical schema: the structs and enums it defines and every leaf
//! (cell or field) of a document with its pointer and label path.
//!
//! The generator supports the subset of JSON Schema the standard uses and rejects anything else,
//! so that a schema edit the generator cannot express fails loudly instead of generating wrong code.

use serde_json::{Map, Value};

use crate::{CodegenError, err};

/// What kind of value a leaf holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeafKind {
    /// `$defs/count`: an integer from 0 to 2^64 - 1.
    Count,
    /// A scalar implemented by a hand-written type (`x-rust-type`), e.g. `Decimal`.
    Scalar(String),
    /// `$defs/change`: a signed integer from -(2^63 - 1) to 2^63 - 1.
    Signed,
    /// Free text.
    Text,
    /// One of a closed list of strings.
    Enum(Vec<String>),
    /// Exactly one string.
    Const(String),
    /// A free-form JSON object (the extensions).
    FreeObject,
}

/// A leaf of the document tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    /// JSON Pointer of the value.
    pub pointer: String,
    /// Field names from the root, e.g. `["applications", "new_received", "total"]`.
    pub path: Vec<String>,
    /// The verbatim Chinese labels from the section heading down, headers included.
    pub labels_zh: Vec<String>,
    /// Short English names along the path.
    pub names_en: Vec<String>,
    /// What the value is.
    pub kind: LeafKind,
    /// The unit of a numeric value.
    pub unit: Option<String>,
    /// The template table (`表二`…) the leaf is a cell of.
    pub table: Option<String>,
    /// Whether the leaf is required whenever the document is.
    pub required: bool,
    /// English description.
    pub description: String,
}

impl Leaf {
    /// Whether the leaf is one of the template's numeric table cells.
    pub fn is_cell(&self) -> bool {
        self.table.is_some()
            && matches!(
                self.kind,
                LeafKind::Count | LeafKind::Signed | LeafKind::Scalar(_)
            )
    }
}

/// A property of the document tree (an object or a value), with its annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prop {
    /// JSON Pointer of the property.
    pub pointer: String,
    /// Field names from the root.
    pub path: Vec<String>,
    /// The verbatim Chinese `title`.
    pub title: String,
    /// The `x-header` printed above it in the template.
    pub header: Option<String>,
    /// Its `x-name-en`.
    pub name_en: String,
    /// The verbatim Chinese labels from the top down, headers included.
    pub labels_zh: Vec<String>,
    /// Short English names along the path.
    pub names_en: Vec<String>,
    /// The unit of a numeric value.
    pub unit: Option<String>,
    /// The table number when the property itself carries `x-table`.
    pub table: Option<String>,
    /// Whether it is an object of the template (a generated struct), not a value.
    pub is_object: bool,
}

/// The type of a struct field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    /// A generated struct.
    Struct(String),
    /// A generated enum.
    Enum(String),
    /// A count (`u64`).
    Count,
    /// A signed integer (`i64`).
    Signed,
    /// A hand-written scalar type.
    Scalar(String),
    /// `String`.
    Text,
    /// A JSON object map.
    FreeObject,
}

/// A field of a generated struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The JSON property name.
    pub key: String,
    /// Chinese label.
    pub title: String,
    /// English description.
    pub description: String,
    /// Whether the property is required.
    pub required: bool,
    /// Its type.
    pub ty: FieldType,
}

/// A generated struct (one object schema).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructDef {
    /// Rust name.
    pub name: String,
    /// Chinese title.
    pub title: String,
    /// English description.
    pub description: String,
    /// Fields in schema order.
    pub fields: Vec<Field>,
}

/// A generated enum (an `enum` or `const` string schema).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumDef {
    /// Rust name.
    pub name: String,
    /// Chinese title.
    pub title: String,
    /// English description.
    pub description: String,
    /// The allowed strings.
    pub values: Vec<String>,
}

/// The JSON type a hand-written scalar (`x-rust-type`) is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarJson {
    /// A JSON string (amounts, dates, codes).
    String,
    /// A JSON integer (the report year) within bounds.
    Integer {
        /// `minimum`.
        minimum: u64,
        /// `maximum`.
        maximum: u64,
    },
}

/// A constrained scalar of `$defs` that the Rust model implements by hand (`x-rust-type`); the
/// other bindings use its JSON type and state the constraint in a doc comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScalarDef {
    /// The Rust type name, from `x-rust-type`.
    pub name: String,
    /// Chinese title.
    pub title: String,
    /// English description.
    pub description: String,
    /// How it is written in JSON.
    pub json: ScalarJson,
    /// The constraint as JSON Schema states it, e.g. ``pattern `^[0-9]{6}$` ``.
    pub constraint: String,
}

/// The schema read as structs, enums and leaves.
#[derive(Debug, Clone)]
pub struct SchemaModel {
    /// The source file, for messages: `schema/annual-report-2021.schema.yaml`.
    pub source: String,
    /// `$id`.
    pub id: String,
    /// `x-version`.
    pub version: String,
    /// `x-edition`.
    pub edition: String,
    /// The root's title.
    pub title: String,
    /// Structs, root first, then `$defs` order.
    pub structs: Vec<StructDef>,
    /// Enums in `$defs` order.
    pub enums: Vec<EnumDef>,
    /// Hand-written scalars in `$defs` order.
    pub scalars: Vec<ScalarDef>,
    /// Every leaf in document order.
    pub leaves: Vec<Leaf>,
    /// Every property of the document tree, objects and leaves, in document order.
    pub props: Vec<Prop>,
}

/// The Rust name of the root struct.
pub const ROOT_NAME: &str = "AnnualReport";

fn str_field<'a>(node: &'a Value, key: &str, at: &str) -> Result<&'a str, CodegenError> {
    match node.get(key).and_then(Value::as_str) {
        Some(s) => Ok(s),
        None => err(format!("{at}: missing string `{key}`")),
    }
}

/// `applicant_row` → `ApplicantRow`.
pub fn camel(name: &str) -> String {
    name.split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

struct Walker<'a> {
    defs: &'a Map<String, Value>,
    leaves: Vec<Leaf>,
    props: Vec<Prop>,
}

/// Where a property's structure is defined: its `$ref` target or itself.
enum Target<'a> {
    Def(&'a str, &'a Value),
    Inline(&'a Value),
}

impl<'a> Walker<'a> {
    fn target(&self, prop: &'a Value, at: &str) -> Result<Target<'a>, CodegenError> {
        match prop.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r
                    .strip_prefix("#/$defs/")
                    .ok_or_else(|| CodegenError(format!("{at}: unsupported $ref {r}")))?;
                let def = self
                    .defs
                    .get(name)
                    .ok_or_else(|| CodegenError(format!("{at}: $ref to unknown def {name}")))?;
                Ok(Target::Def(name, def))
            }
            None => Ok(Target::Inline(prop)),
        }
    }

    fn field_type(&self, prop: &'a Value, at: &str) -> Result<FieldType, CodegenError> {
        match self.target(prop, at)? {
            Target::Def(name, def) => {
                if let Some(rust) = def.get("x-rust-type").and_then(Value::as_str) {
                    return Ok(FieldType::Scalar(rust.to_owned()));
                }
                if def.get("const").is_some() || def.get("enum").is_some() {
                    return Ok(FieldType::Enum(camel(name)));
                }
                match def.get("type").and_then(Value::as_str) {
                    Some("object") if def.get("properties").is_some() => {
                        Ok(FieldType::Struct(camel(name)))
                    }
                    Some("integer") if is_count(def) => Ok(FieldType::Count),
                    Some("integer") if is_signed(def) => Ok(FieldType::Signed),
                    _ => err(format!(
                        "{at}: def {name} needs x-rust-type (constrained scalars are hand-written)"
                    )),
                }
            }
            Target::Inline(node) => match node.get("type").and_then(Value::as_str) {
                Some("string") if is_plain_string(node) => Ok(FieldType::Text),
                Some("object") if node.get("properties").is_none() => Ok(FieldType::FreeObject),
                _ => err(format!(
                    "{at}: inline schemas may only be plain strings or free-form objects; put others in $defs"
                )),
            },
        }
    }

    /// The unit of a property: its own `x-unit`, else its definition's.
    fn unit(&self, prop: &'a Value, at: &str) -> Option<String> {
        prop.get("x-unit")
            .or_else(|| match self.target(prop, at) {
                Ok(Target::Def(_, def)) => def.get("x-unit"),
                _ => None,
            })
            .and_then(Value::as_str)
            .map(str::to_owned)
    }

    fn walk(&mut self, ctx: &Ctx, prop: &'a Value, at: &str) -> Result<(), CodegenError> {
        let ty = self.field_type(prop, at)?;
        let kind = match (&ty, self.target(prop, at)?) {
            (FieldType::Struct(_), Target::Def(_, def)) => {
                return self.walk_object(ctx, def, at);
            }
            (FieldType::Count, _) => LeafKind::Count,
            (FieldType::Signed, _) => LeafKind::Signed,
            (FieldType::Scalar(name), _) => LeafKind::Scalar(name.clone()),
            (FieldType::Text, _) => LeafKind::Text,
            (FieldType::FreeObject, _) => LeafKind::FreeObject,
            (FieldType::Enum(_), Target::Def(_, def)) => match def.get("const") {
                Some(c) => LeafKind::Const(c.as_str().unwrap_or_default().to_owned()),
                None => LeafKind::Enum(string_list(def.get("enum"))),
            },
            _ => return err(format!("{at}: unsupported schema")),
        };
        let unit = self.unit(prop, at);
        self.leaves.push(Leaf {
            pointer: format!("/{}", ctx.path.join("/")),
            path: ctx.path.clone(),
            labels_zh: ctx.labels_zh.clone(),
            names_en: ctx.names_en.clone(),
            kind,
            unit,
            table: ctx.table.clone(),
            required: ctx.required,
            description: str_field(prop, "description", at)?.to_owned(),
        });
        Ok(())
    }

    fn walk_object(&mut self, ctx: &Ctx, object: &'a Value, at: &str) -> Result<(), CodegenError> {
        let required = string_list(object.get("required"));
        let Some(props) = object.get("properties").and_then(Value::as_object) else {
            return err(format!("{at}: object without properties"));
        };
        for (key, prop) in props {
            let child_at = format!("{at}/{key}");
            let mut child = ctx.clone();
            child.path.push(key.clone());
            if let Some(header) = prop.get("x-header").and_then(Value::as_str) {
                child.labels_zh.push(header.to_owned());
            }
            child
                .labels_zh
                .push(str_field(prop, "title", &child_at)?.to_owned());
            child
                .names_en
                .push(str_field(prop, "x-name-en", &child_at)?.to_owned());
            child.required = ctx.required && required.contains(key);
            let own_table = prop
                .get("x-table")
                .and_then(Value::as_str)
                .map(str::to_owned);
            if let Some(table) = &own_table {
                child.table = Some(table.clone());
            }
            let is_object = matches!(self.field_type(prop, &child_at)?, FieldType::Struct(_));
            self.props.push(Prop {
                pointer: format!("/{}", child.path.join("/")),
                path: child.path.clone(),
                title: str_field(prop, "title", &child_at)?.to_owned(),
                header: prop
                    .get("x-header")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                name_en: str_field(prop, "x-name-en", &child_at)?.to_owned(),
                labels_zh: child.labels_zh.clone(),
                names_en: child.names_en.clone(),
                unit: self.unit(prop, &child_at),
                table: own_table,
                is_object,
            });
            self.walk(&child, prop, &child_at)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
struct Ctx {
    path: Vec<String>,
    labels_zh: Vec<String>,
    names_en: Vec<String>,
    required: bool,
    table: Option<String>,
}

fn is_count(def: &Value) -> bool {
    def.get("minimum").and_then(Value::as_u64) == Some(0)
        && def.get("maximum").and_then(Value::as_u64) == Some(u64::MAX)
}

fn is_signed(def: &Value) -> bool {
    def.get("minimum").and_then(Value::as_i64) == Some(-i64::MAX)
        && def.get("maximum").and_then(Value::as_i64) == Some(i64::MAX)
}

fn is_plain_string(node: &Value) -> bool {
    [
        "pattern",
        "format",
        "minLength",
        "maxLength",
        "enum",
        "const",
    ]
    .iter()
    .all(|k| node.get(k).is_none())
}

fn string_list(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

impl SchemaModel {
    /// Reads the schema; `source` names its file in messages.
    pub fn new(schema: &Value, source: &str) -> Result<Self, CodegenError> {
        let empty = Map::new();
        let defs = schema
            .get("$defs")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let mut walker = Walker {
            defs,
            leaves: Vec::new(),
            props: Vec::new(),
        };
        let root_ctx = Ctx {
            path: Vec::new(),
            labels_zh: Vec::new(),
            names_en: Vec::new(),
            required: true,
            table: None,
        };
        walker.walk_object(&root_ctx, schema, "#")?;

        let mut structs = vec![struct_def(&walker, ROOT_NAME, schema, "#")?];
        let mut enums = Vec::new();
        let mut scalars = Vec::new();
        for (name, def) in defs {
            let at = format!("#/$defs/{name}");
            if let Some(rust) = def.get("x-rust-type").and_then(Value::as_str) {
                scalars.push(scalar_def(rust, def, &at)?);
                continue;
            }
            if let Some(c) = def.get("const") {
                enums.push(enum_def(
                    name,
                    def,
                    vec![c.as_str().unwrap_or_default().to_owned()],
                    &at,
                )?);
            } else if def.get("enum").is_some() {
                enums.push(enum_def(name, def, string_list(def.get("enum")), &at)?);
            } else if def.get("properties").is_some() {
                structs.push(struct_def(&walker, &camel(name), def, &at)?);
            }
        }
        Ok(Self {
            source: source.to_owned(),
            id: str_field(schema, "$id", "#")?.to_owned(),
            version: str_field(schema, "x-version", "#")?.to_owned(),
            edition: str_field(schema, "x-edition", "#")?.to_owned(),
            title: str_field(schema, "title", "#")?.to_owned(),
            structs,
            enums,
            scalars,
            leaves: walker.leaves,
            props: walker.props,
        })
    }

    /// The hand-written scalar with this Rust name.
    pub fn scalar(&self, name: &str) -> Result<&ScalarDef, CodegenError> {
        match self.scalars.iter().find(|s| s.name == name) {
            Some(scalar) => Ok(scalar),
            None => err(format!("no $defs entry has x-rust-type {name}")),
        }
    }

    /// The template's numeric table cells, in document order.
    pub fn cells(&self) -> impl Iterator<Item = &Leaf> {
        self.leaves.iter().filter(|l| l.is_cell())
    }
}

fn struct_def(
    walker: &Walker<'_>,
    name: &str,
    object: &Value,
    at: &str,
) -> Result<StructDef, CodegenError> {
    if object.get("additionalProperties") != Some(&Value::Bool(false)) {
        return err(format!(
            "{at}: objects must set additionalProperties: false"
        ));
    }
    let required = string_list(object.get("required"));
    let mut fields = Vec::new();
    for (key, prop) in object
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let field_at = format!("{at}/properties/{key}");
        fields.push(Field {
            key: key.clone(),
            title: str_field(prop, "title", &field_at)?.to_owned(),
            description: str_field(prop, "description", &field_at)?.to_owned(),
            required: required.contains(key),
            ty: walker.field_type(prop, &field_at)?,
        });
    }
    for key in &required {
        if !fields.iter().any(|f| &f.key == key) {
            return err(format!("{at}: required property {key} is not defined"));
        }
    }
    Ok(StructDef {
        name: name.to_owned(),
        title: str_field(object, "title", at)?.to_owned(),
        description: str_field(object, "description", at)?.to_owned(),
        fields,
    })
}

fn scalar_def(rust: &str, def: &Value, at: &str) -> Result<ScalarDef, CodegenError> {
    let (json, constraint) = match def.get("type").and_then(Value::as_str) {
        Some("string") => {
            let constraint = match (def.get("pattern"), def.get("format")) {
                (Some(Value::String(p)), None) => format!("pattern `{p}`"),
                (None, Some(Value::String(f))) => format!("format `{f}`"),
                _ => return err(format!("{at}: a string scalar needs one pattern or format")),
            };
            (ScalarJson::String, constraint)
        }
        Some("integer") => match (
            def.get("minimum").and_then(Value::as_u64),
            def.get("maximum").and_then(Value::as_u64),
        ) {
            (Some(minimum), Some(maximum)) => (
                ScalarJson::Integer { minimum, maximum },
                format!("an integer, {minimum} to {maximum}"),
            ),
            _ => return err(format!("{at}: an integer scalar needs minimum and maximum")),
        },
        _ => return err(format!("{at}: x-rust-type needs type string or integer")),
    };
    Ok(ScalarDef {
        name: rust.to_owned(),
        title: str_field(def, "title", at)?.to_owned(),
        description: str_field(def, "description", at)?.to_owned(),
        json,
        constraint,
    })
}

fn enum_def(
    name: &str,
    def: &Value,
    values: Vec<String>,
    at: &str,
) -> Result<EnumDef, CodegenError> {
    if values.is_empty() {
        return err(format!("{at}: enum without string values"));
    }
    Ok(EnumDef {
        name: camel(name),
        title: str_field(def, "title", at)?.to_owned(),
        description: str_field(def, "description", at)?.to_owned(),
        values,
    })
}
