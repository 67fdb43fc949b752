//! Maps JSON Pointers to the line and column where the value stands in the source text.
//!
//! Parsers build values without positions, so only documents with findings pay for this second,
//! cheap scan. A member of an object is located at its key, an array item at its value.

use std::collections::HashMap;

use granit_parser::{Event, Parser};

use crate::diagnostic::Location;
use crate::input::Format;

/// Where every value of a document stands.
#[derive(Debug, Default, Clone)]
pub struct Locations(HashMap<String, Location>);

impl Locations {
    /// Scans a document that has already parsed successfully, recording where the values at the
    /// `wanted` pointers stand, and their ancestors (for missing values).
    pub fn scan(text: &str, format: Format, wanted: &[&str]) -> Self {
        match format {
            Format::Json => JsonScanner::new(text, wanted).run(),
            Format::Yaml => scan_yaml(text, wanted),
        }
    }

    /// The location of the value at `pointer`, or of its nearest present ancestor (a missing
    /// property is located at the object that lacks it).
    pub fn find(&self, pointer: &str) -> Option<Location> {
        let mut p = pointer;
        loop {
            if let Some(l) = self.0.get(p) {
                return Some(*l);
            }
            p = &p[..p.rfind('/')?];
        }
    }
}

/// Escapes a key as a JSON Pointer segment (RFC 6901).
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Whether `path` is `pointer` or one of its ancestors.
fn leads_to(path: &str, pointer: &str) -> bool {
    pointer.starts_with(path) && matches!(pointer.as_bytes().get(path.len()), None | Some(b'/'))
}

/// Nesting beyond this is not scanned (parsers reject it before).
const MAX_DEPTH: usize = 256;

/// A scanner that walks only the paths leading to the wanted pointers and skips every other
/// value without decoding it; columns are computed only where something is recorded.
struct JsonScanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    line_start: usize,
    wanted: &'a [&'a str],
    found: HashMap<String, Location>,
}

impl<'a> JsonScanner<'a> {
    fn new(text: &'a str, wanted: &'a [&'a str]) -> Self {
        Self {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            line_start: 0,
            wanted,
            found: HashMap::new(),
        }
    }

    fn run(mut self) -> Locations {
        let mut path = String::new();
        self.value(&mut path, 0);
        Locations(self.found)
    }

    fn here(&self) -> Location {
        // Count characters, not bytes: continuation bytes do not advance the column.
        let line = self
            .bytes
            .get(self.line_start..self.pos)
            .unwrap_or_default();
        let column = 1 + line.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        Location {
            line: self.line,
            column,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) {
        if let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'\n' {
                self.line += 1;
                self.line_start = self.pos;
            }
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    /// Moves past a string and returns its raw (still escaped) bytes.
    fn skip_string(&mut self) -> &'a [u8] {
        let start = self.pos + 1;
        self.bump();
        while let Some(b) = self.peek() {
            match b {
                b'\\' => {
                    self.bump();
                    self.bump();
                }
                b'"' => break,
                _ => self.bump(),
            }
        }
        let raw = self.bytes.get(start..self.pos).unwrap_or_default();
        self.bump();
        raw
    }

    /// Moves past any value, nested or not, without looking inside.
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    self.skip_string();
                    if depth == 0 {
                        return;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth == 0 => return,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.bump();
                        return;
                    }
                }
                b',' if depth == 0 => return,
                _ => {}
            }
            self.bump();
        }
    }

    fn wants(&self, path: &str) -> bool {
        self.wanted.iter().any(|w| leads_to(path, w))
    }

    /// Appends the decoded key to `path` as a pointer segment.
    fn push_key(path: &mut String, raw: &[u8]) {
        path.push('/');
        match std::str::from_utf8(raw) {
            Ok(plain) if !raw.contains(&b'\\') && !raw.contains(&b'~') && !raw.contains(&b'/') => {
                path.push_str(plain);
            }
            _ => {
                let quoted = [b"\"", raw, b"\""].concat();
                let key: String = serde_json::from_slice(&quoted).unwrap_or_default();
                path.push_str(&escape(&key));
            }
        }
    }

    fn value(&mut self, path: &mut String, depth: usize) {
        self.skip_ws();
        if !self.found.contains_key(path.as_str()) {
            self.found.insert(path.clone(), self.here());
        }
        if depth > MAX_DEPTH {
            return;
        }
        match self.peek() {
            Some(b'{') => {
                self.bump();
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b'"') => {
                            let at = self.here();
                            let raw = self.skip_string();
                            let len = path.len();
                            Self::push_key(path, raw);
                            self.skip_ws();
                            if self.peek() == Some(b':') {
                                self.bump();
                            }
                            if self.wants(path) {
                                self.found.insert(path.clone(), at);
                                self.value(path, depth + 1);
                            } else {
                                self.skip_ws();
                                self.skip_value();
                            }
                            path.truncate(len);
                            self.skip_ws();
                            if self.peek() == Some(b',') {
                                self.bump();
                            }
                        }
                        Some(b'}') => {
                            self.bump();
                            return;
                        }
                        _ => return,
                    }
                }
            }
            Some(b'[') => {
                self.bump();
                let mut index = 0usize;
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b']') => {
                            self.bump();
                            return;
                        }
                        None => return,
                        _ => {
                            let len = path.len();
                            path.push('/');
                            path.push_str(&index.to_string());
                            if self.wants(path) {
                                self.value(path, depth + 1);
                            } else {
                                self.skip_value();
                            }
                            path.truncate(len);
                            index += 1;
                            self.skip_ws();
                            if self.peek() == Some(b',') {
                                self.bump();
                            }
                        }
                    }
                }
            }
            _ => self.skip_value(),
        }
    }
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

fn scan_yaml(text: &str, wanted: &[&str]) -> Locations {
    let mut found = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, span))) = parser.next_event() {
        let at = Location {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        let is_node = matches!(
            event,
            Event::Scalar(..)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
                | Event::Alias(..)
        );
        if is_node {
            // A scalar in key position names the next member; record the member at its key.
            if let Some(Frame::Map {
                path,
                key: key @ None,
            }) = stack.last_mut()
            {
                if let Event::Scalar(name, ..) = &event {
                    let child = format!("{path}/{}", escape(name));
                    if wanted.iter().any(|w| leads_to(&child, w)) {
                        found.insert(child, at);
                    }
                    *key = Some(name.to_string());
                }
                continue;
            }
            let path = match stack.last_mut() {
                Some(Frame::Map { path, key }) => {
                    let name = key.take().unwrap_or_default();
                    format!("{path}/{}", escape(&name))
                }
                Some(Frame::Seq { path, index }) => {
                    let child = format!("{path}/{index}");
                    *index += 1;
                    child
                }
                None => String::new(),
            };
            if wanted.iter().any(|w| leads_to(&path, w)) {
                found.entry(path.clone()).or_insert(at);
            }
            match event {
                Event::MappingStart(..) if stack.len() < MAX_DEPTH => {
                    stack.push(Frame::Map { path, key: None });
                }
                Event::SequenceStart(..) if stack.len() < MAX_DEPTH => {
                    stack.push(Frame::Seq { path, index: 0 });
                }
                _ => {}
            }
        } else if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
            stack.pop();
        }
    }
    Locations(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_json_members_at_their_keys() {
        let text = "{\n  \"a\": {\"b\": [1, 2]},\n  \"名\": {\"c\": 3}\n}";
        let wanted = ["/a/b/1", "/名/c", "/名/missing"];
        let l = Locations::scan(text, Format::Json, &wanted);
        assert_eq!(
            l.find("/a/b/1"),
            Some(Location {
                line: 2,
                column: 18
            })
        );
        assert_eq!(l.find("/名/c"), Some(Location { line: 3, column: 9 }));
        assert_eq!(l.find("/名/missing"), Some(Location { line: 3, column: 3 }));
    }

    #[test]
    fn locates_yaml_members_at_their_keys() {
        let text = "a:\n  b:\n    - 1\n    - 2\n名:\n  c: 3\n";
        let wanted = ["/a/b/1", "/名/c"];
        let l = Locations::scan(text, Format::Yaml, &wanted);
        assert_eq!(l.find("/a/b/1"), Some(Location { line: 4, column: 7 }));
        assert_eq!(l.find("/名/c"), Some(Location { line: 6, column: 3 }));
    }
}
