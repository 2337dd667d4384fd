//! JSON paths (`statements[3].evidence[0].id`) and finding the line and
//! column where the value at a path starts, so that errors found after
//! parsing can still point into the file.
//!
//! The scanner is iterative: a file nested 100,000 levels deep cannot
//! overflow the stack here.

use std::fmt;

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// A path from the document root to a value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonPath(pub Vec<Seg>);

impl JsonPath {
    /// The root.
    pub fn root() -> Self {
        JsonPath(Vec::new())
    }

    /// This path extended by an object key.
    pub fn key(&self, key: &str) -> Self {
        let mut segs = self.0.clone();
        segs.push(Seg::Key(key.to_owned()));
        JsonPath(segs)
    }

    /// This path extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(index));
        JsonPath(segs)
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("the top level");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// The 1-based line and column (in characters) of byte offset `at` in `text`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text.as_bytes()[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The line and column where the value at `path` starts in the JSON
/// `text`, or `None` if the text does not have that path.
pub fn locate(text: &str, path: &JsonPath) -> Option<(usize, usize)> {
    locate_offset(text.as_bytes(), path).map(|at| line_col(text, at))
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// Skips a string starting at the opening quote; returns the index after it.
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Skips any value starting at `i`; returns the index after it.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    let mut i = skip_ws(b, i);
    match *b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            loop {
                match *b.get(i)? {
                    b'"' => {
                        i = skip_string(b, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            while i < b.len() && !matches!(b[i], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
            {
                i += 1;
            }
            Some(i)
        }
    }
}

fn locate_offset(b: &[u8], path: &JsonPath) -> Option<usize> {
    let mut i = skip_ws(b, 0);
    for seg in &path.0 {
        match seg {
            Seg::Key(key) => {
                if *b.get(i)? != b'{' {
                    return None;
                }
                i = skip_ws(b, i + 1);
                loop {
                    if *b.get(i)? != b'"' {
                        return None;
                    }
                    let end = skip_string(b, i)?;
                    let name = serde_json::from_slice::<String>(&b[i..end]).ok()?;
                    i = skip_ws(b, end);
                    if *b.get(i)? != b':' {
                        return None;
                    }
                    i = skip_ws(b, i + 1);
                    if name == *key {
                        break;
                    }
                    i = skip_ws(b, skip_value(b, i)?);
                    match *b.get(i)? {
                        b',' => i = skip_ws(b, i + 1),
                        _ => return None,
                    }
                }
            }
            Seg::Index(n) => {
                if *b.get(i)? != b'[' {
                    return None;
                }
                i = skip_ws(b, i + 1);
                for _ in 0..*n {
                    i = skip_ws(b, skip_value(b, i)?);
                    match *b.get(i)? {
                        b',' => i = skip_ws(b, i + 1),
                        _ => return None,
                    }
                }
                if matches!(b.get(i), Some(b']')) {
                    return None;
                }
            }
        }
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "{\n  \"a\": [1, {\"b\": \"x\\\"y\"}, {\"c\": true}],\n  \"d\": {\"e\": null}\n}";

    #[test]
    fn finds_nested_values() {
        let p = JsonPath::root().key("a").index(2).key("c");
        assert_eq!(p.to_string(), "a[2].c");
        assert_eq!(locate(DOC, &p), Some((2, 33)));
        assert_eq!(
            locate(DOC, &JsonPath::root().key("d").key("e")),
            Some((3, 14))
        );
        assert_eq!(
            locate(DOC, &JsonPath::root().key("a").index(1).key("b")),
            Some((2, 18))
        );
    }

    #[test]
    fn missing_paths_are_none() {
        assert_eq!(locate(DOC, &JsonPath::root().key("zz")), None);
        assert_eq!(locate(DOC, &JsonPath::root().key("a").index(3)), None);
        assert_eq!(locate("[[[[", &JsonPath::root().index(0).index(5)), None);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = "[".repeat(200_000);
        assert_eq!(locate(&deep, &JsonPath::root().key("a")), None);
        assert_eq!(skip_value(deep.as_bytes(), 0), None);
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_col("ab\nцц x", 8), (2, 4));
    }
}
