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
    /// Scans a document that has already parsed successfully.
    pub fn scan(text: &str, format: Format) -> Self {
        match format {
            Format::Json => JsonScanner::new(text).run(),
            Format::Yaml => scan_yaml(text),
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

/// Nesting beyond this is not scanned (parsers reject it before).
const MAX_DEPTH: usize = 256;

struct JsonScanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    column: usize,
    found: HashMap<String, Location>,
}

impl<'a> JsonScanner<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            column: 1,
            found: HashMap::new(),
        }
    }

    fn run(mut self) -> Locations {
        self.value(String::new(), 0);
        Locations(self.found)
    }

    fn here(&self) -> Location {
        Location {
            line: self.line,
            column: self.column,
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
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters, not bytes: continuation bytes do not advance the column.
                self.column += 1;
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

    /// Moves past a string and decodes it (keys only: values need no decoding).
    fn string(&mut self) -> String {
        let raw = self.skip_string();
        if !raw.contains(&b'\\')
            && let Ok(plain) = std::str::from_utf8(raw)
        {
            return plain.to_owned();
        }
        let quoted = [b"\"", raw, b"\""].concat();
        serde_json::from_slice(&quoted).unwrap_or_default()
    }

    fn value(&mut self, path: String, depth: usize) {
        self.skip_ws();
        let here = self.here();
        self.found.entry(path.clone()).or_insert(here);
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
                            let key = self.string();
                            let child = format!("{path}/{}", escape(&key));
                            self.found.insert(child.clone(), at);
                            self.skip_ws();
                            if self.peek() == Some(b':') {
                                self.bump();
                            }
                            self.value(child, depth + 1);
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
                            self.value(format!("{path}/{index}"), depth + 1);
                            index += 1;
                            self.skip_ws();
                            if self.peek() == Some(b',') {
                                self.bump();
                            }
                        }
                    }
                }
            }
            Some(b'"') => {
                self.skip_string();
            }
            Some(_) => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.bump();
                }
            }
            None => {}
        }
    }
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

fn scan_yaml(text: &str) -> Locations {
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
                    found.insert(child, at);
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
            found.entry(path.clone()).or_insert(at);
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
        let l = Locations::scan(text, Format::Json);
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
        let l = Locations::scan(text, Format::Yaml);
        assert_eq!(l.find("/a/b/1"), Some(Location { line: 4, column: 7 }));
        assert_eq!(l.find("/名/c"), Some(Location { line: 6, column: 3 }));
    }
}
