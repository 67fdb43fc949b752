//! The one loader of the suite: bases, case files (validated against the case-file schema, then
//! read with unknown fields denied), each case's document under test, and known-failure lists.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use json_patch::PatchOperation;
use serde::Deserialize;
use serde_json::Value;

use crate::finding::{Finding, Reply, Verdict};

/// The case-file schema (`conformance/case-file.schema.json`): what the loader accepts.
pub const CASE_FILE_SCHEMA: &str = include_str!("../../../conformance/case-file.schema.json");

/// A case file as written; the schema has already accepted it, and serde denies what it would
/// not.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCaseFile {
    description: String,
    cases: Vec<RawCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    id: String,
    description: String,
    #[serde(default)]
    base: Option<String>,
    #[serde(default)]
    patch: Option<Vec<PatchOperation>>,
    #[serde(default)]
    document: Option<String>,
    #[serde(default)]
    documents: Option<Vec<RawNamedDocument>>,
    expected: Vec<RawFinding>,
    #[serde(default)]
    unreadable: bool,
    #[serde(default)]
    silent: BTreeSet<String>,
}

/// A finding in a case file: unlike a protocol reply's, it has no other members.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFinding {
    rule: String,
    pointer: String,
    #[serde(default)]
    document: Option<String>,
}

/// One document of a case of several: a name, and a patched base or a file of `documents/`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNamedDocument {
    name: String,
    #[serde(default)]
    base: Option<String>,
    #[serde(default)]
    patch: Option<Vec<PatchOperation>>,
    #[serde(default)]
    document: Option<String>,
}

/// One document of a case of several documents (a series of reports).
#[derive(Debug, Clone, PartialEq)]
pub struct NamedDocument {
    /// Its name in the case, unique there: the findings in it name it, and a runner writes it
    /// as `<name>.json`.
    pub name: String,
    /// The base it patches, unless it is given byte for byte.
    pub base: Option<String>,
    /// The patch (empty for a document given byte for byte).
    pub patch: Vec<PatchOperation>,
    /// The document.
    pub document: Document,
}

/// The document under test of a case.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// A base with the case's patch applied, and the text a runner writes for it (pretty JSON).
    Patched {
        /// The patched document.
        value: Value,
        /// Its JSON text.
        text: String,
    },
    /// A file of `documents/`, byte for byte.
    Given {
        /// The file's name in `documents/`.
        name: String,
        /// Its bytes.
        bytes: Vec<u8>,
    },
}

impl Document {
    /// The bytes a runner writes and an implementation reads.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Document::Patched { text, .. } => text.as_bytes(),
            Document::Given { bytes, .. } => bytes,
        }
    }

    /// The patched document, unless it is given byte for byte.
    pub fn value(&self) -> Option<&Value> {
        match self {
            Document::Patched { value, .. } => Some(value),
            Document::Given { .. } => None,
        }
    }
}

/// One case of the suite.
#[derive(Debug, Clone)]
pub struct Case {
    /// Its stable kebab-case id, unique in the suite.
    pub id: String,
    /// What it tests and why.
    pub description: String,
    /// Its case file's name without `.json`.
    pub topic: String,
    /// The base it patches, unless its document is given byte for byte.
    pub base: Option<String>,
    /// The patch (empty for a document given byte for byte).
    pub patch: Vec<PatchOperation>,
    /// The expected findings as listed (a set: order and duplicates do not matter).
    pub expected: Vec<Finding>,
    /// The document is not a readable report.
    pub unreadable: bool,
    /// The rules the case exercises without their firing.
    pub silent: BTreeSet<String>,
    document: Document,
    /// The documents of a case of several (a series), in order; empty for a case of one.
    documents: Vec<NamedDocument>,
}

impl Case {
    /// The document under test; for a case of several documents, the first of
    /// [`Case::documents`].
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The documents of a case of several documents (checked together, as a series), in the
    /// case's order; empty for a case of one document.
    pub fn documents(&self) -> &[NamedDocument] {
        &self.documents
    }

    /// The expected findings as a set.
    pub fn expected_findings(&self) -> BTreeSet<Finding> {
        self.expected.iter().cloned().collect()
    }

    /// The rules the case is about: those it expects to fire and those it expects silent.
    pub fn rules(&self) -> BTreeSet<String> {
        self.expected
            .iter()
            .map(|f| f.rule.clone())
            .chain(self.silent.iter().cloned())
            .collect()
    }

    /// The pointers the patch operates on (every document's patch, for a case of several).
    pub fn touched(&self) -> impl Iterator<Item = &str> {
        self.patch
            .iter()
            .chain(self.documents.iter().flat_map(|d| &d.patch))
            .map(|op| op.path().as_str())
    }

    /// Judges an implementation's reply for this case's document.
    pub fn judge(&self, reply: &Reply) -> Verdict {
        Verdict::of(&self.expected_findings(), self.unreadable, reply)
    }
}

/// Why a suite could not be loaded: every problem found, each naming its file and place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    problems: Vec<String>,
}

impl LoadError {
    fn one(path: &Path, message: impl fmt::Display) -> Self {
        Self {
            problems: vec![format!("{}: {message}", path.display())],
        }
    }

    /// The problems, one line each: `FILE: PLACE: what is wrong`.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problems.join("\n"))
    }
}

impl std::error::Error for LoadError {}

/// The conformance suite: its cases, in file order (files sorted by name), each with its
/// document under test.
#[derive(Debug, Clone)]
pub struct Suite {
    dir: PathBuf,
    cases: Vec<Case>,
}

impl Suite {
    /// Loads the suite in `dir`: `base/*.json`, then `cases/*.json`, each validated against
    /// [`CASE_FILE_SCHEMA`]; every case's document is built (the patch applied, or the file of
    /// `documents/` read). Fails with every problem found when a file does not parse or match
    /// the schema, an id is used twice, a description is blank, a base or document does not
    /// exist, or a patch does not apply.
    pub fn load(dir: impl AsRef<Path>) -> Result<Self, LoadError> {
        let dir = dir.as_ref();
        let schema: Value = serde_json::from_str(CASE_FILE_SCHEMA)
            .map_err(|e| LoadError::one(Path::new("case-file.schema.json"), e))?;
        let validator = jsonschema::validator_for(&schema)
            .map_err(|e| LoadError::one(Path::new("case-file.schema.json"), e))?;
        let mut bases = BTreeMap::new();
        for path in json_files(&dir.join("base"))? {
            let value = read_json(&path)?;
            bases.insert(stem(&path), value);
        }
        let files = json_files(&dir.join("cases"))?;
        if files.is_empty() {
            return Err(LoadError::one(&dir.join("cases"), "no case file (*.json)"));
        }
        let mut loader = Loader {
            dir,
            bases,
            cases: Vec::new(),
            seen: BTreeMap::new(),
            problems: Vec::new(),
        };
        for path in files {
            match read_json(&path) {
                Ok(value) => loader.case_file(&validator, &path, &value),
                Err(e) => loader.problems.extend(e.problems),
            }
        }
        if !loader.problems.is_empty() {
            return Err(LoadError {
                problems: loader.problems,
            });
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            cases: loader.cases,
        })
    }

    /// The suite's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every case.
    pub fn cases(&self) -> &[Case] {
        &self.cases
    }

    /// The case with this id.
    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }
}

/// The state of one [`Suite::load`].
struct Loader<'a> {
    dir: &'a Path,
    bases: BTreeMap<String, Value>,
    cases: Vec<Case>,
    /// Case id → the file that defines it.
    seen: BTreeMap<String, PathBuf>,
    problems: Vec<String>,
}

impl Loader<'_> {
    fn case_file(&mut self, validator: &jsonschema::Validator, path: &Path, value: &Value) {
        let file = path.display();
        let before = self.problems.len();
        for error in validator.iter_errors(value) {
            let pointer = error.instance_path().to_string();
            let place = place(value, &pointer);
            // `oneOf` would print the whole case; say what it means instead.
            let message = if error.schema_path().to_string().ends_with("/oneOf") {
                "a case has either `document`, or `base` and `patch`".to_owned()
            } else {
                error.to_string()
            };
            self.problems.push(format!("{file}: {place}: {message}"));
        }
        if self.problems.len() > before {
            return;
        }
        let raw: RawCaseFile = match serde_json::from_value(value.clone()) {
            Ok(raw) => raw,
            Err(e) => {
                self.problems.push(format!("{file}: {e}"));
                return;
            }
        };
        if raw.description.trim().is_empty() {
            self.problems
                .push(format!("{file}: /description: blank description"));
        }
        let topic = stem(path);
        for case in raw.cases {
            let where_ = format!("{file}: case {:?}", case.id);
            if let Some(other) = self.seen.insert(case.id.clone(), path.to_path_buf()) {
                self.problems.push(format!(
                    "{where_}: duplicate id, already used in {}",
                    other.display()
                ));
            }
            if case.description.trim().is_empty() {
                self.problems.push(format!("{where_}: blank description"));
            }
            let documents = match self.documents(&case) {
                Ok(documents) => documents,
                Err(why) => {
                    self.problems.push(format!("{where_}: {why}"));
                    continue;
                }
            };
            let names: BTreeSet<&str> = documents.iter().map(|d| d.name.as_str()).collect();
            for finding in &case.expected {
                match (&finding.document, documents.is_empty()) {
                    (Some(name), false) if !names.contains(name.as_str()) => self.problems.push(
                        format!("{where_}: a finding names no document of the case: {name:?}"),
                    ),
                    (None, false) => self.problems.push(format!(
                        "{where_}: a finding of a case of several documents names no document"
                    )),
                    (Some(_), true) => self.problems.push(format!(
                        "{where_}: a finding names a document in a case of one"
                    )),
                    _ => {}
                }
            }
            let single = match documents.first() {
                Some(first) => Ok(first.document.clone()),
                None => self.document(&case.base, &case.patch, &case.document),
            };
            match single {
                Ok(document) => self.cases.push(Case {
                    id: case.id,
                    description: case.description,
                    topic: topic.clone(),
                    base: case.base,
                    patch: case.patch.unwrap_or_default(),
                    expected: case
                        .expected
                        .into_iter()
                        .map(|f| Finding {
                            rule: f.rule,
                            pointer: f.pointer,
                            document: f.document,
                        })
                        .collect(),
                    unreadable: case.unreadable,
                    silent: case.silent,
                    document,
                    documents,
                }),
                Err(why) => self.problems.push(format!("{where_}: {why}")),
            }
        }
    }

    /// The documents of a case of several, each built; none for a case of one.
    fn documents(&self, case: &RawCase) -> Result<Vec<NamedDocument>, String> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for raw in case.documents.iter().flatten() {
            if !seen.insert(raw.name.as_str()) {
                return Err(format!("two documents named {:?}", raw.name));
            }
            let document = self
                .document(&raw.base, &raw.patch, &raw.document)
                .map_err(|why| format!("document {:?}: {why}", raw.name))?;
            out.push(NamedDocument {
                name: raw.name.clone(),
                base: raw.base.clone(),
                patch: raw.patch.clone().unwrap_or_default(),
                document,
            });
        }
        Ok(out)
    }

    /// A document under test as the schema accepted it: a patched base or a given file.
    fn document(
        &self,
        base: &Option<String>,
        patch: &Option<Vec<PatchOperation>>,
        document: &Option<String>,
    ) -> Result<Document, String> {
        match (base, patch, document) {
            (Some(base), Some(patch), None) => {
                let mut value = self
                    .bases
                    .get(base)
                    .ok_or_else(|| format!("no base {base:?} in base/"))?
                    .clone();
                json_patch::patch(&mut value, patch)
                    .map_err(|e| format!("the patch does not apply: {e}"))?;
                let text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
                Ok(Document::Patched { value, text })
            }
            (None, None, Some(name)) => {
                let path = self.dir.join("documents").join(name);
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("document {}: {e}", path.display()))?;
                Ok(Document::Given {
                    name: name.clone(),
                    bytes,
                })
            }
            _ => Err("a case has either `document`, or `base` and `patch`".to_owned()),
        }
    }
}

/// A place in a case file for people: the pointer, and the id of the case it is in.
fn place(file: &Value, pointer: &str) -> String {
    let shown = if pointer.is_empty() { "/" } else { pointer };
    let case = pointer
        .strip_prefix("/cases/")
        .and_then(|rest| rest.split('/').next())
        .and_then(|index| file.pointer(&format!("/cases/{index}/id")))
        .and_then(Value::as_str);
    match case {
        Some(id) => format!("{shown} (case {id:?})"),
        None => shown.to_owned(),
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn read_json(path: &Path) -> Result<Value, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|e| LoadError::one(path, e))?;
    serde_json::from_str(&text).map_err(|e| LoadError::one(path, e))
}

/// The `*.json` files of a directory, sorted by name.
fn json_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| LoadError::one(dir, e))? {
        let path = entry.map_err(|e| LoadError::one(dir, e))?.path();
        if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The case ids of a known-failures file: one per line, `#` starts a comment line.
pub fn read_known_failures(path: &Path) -> Result<BTreeSet<String>, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|e| LoadError::one(path, e))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect())
}
