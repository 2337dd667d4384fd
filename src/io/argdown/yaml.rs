//! Multi-line Argdown data blocks (`{` on a line of its own, closed on a
//! later line) read as YAML with the `yaml-rust2` parser.
//!
//! Argdown reads data with js-yaml. A block may be a YAML flow mapping
//! spread over lines (`{a: 1,\n b: [x, y]}`), or, as Argdown writers often
//! do, block-style YAML between the braces:
//!
//! ```text
//! {
//!   vars:
//!     p: "It rains"
//! }
//! ```
//!
//! Both are read. YAML forbids two equal keys in one mapping (YAML 1.2,
//! §3.2.1.1); such a block is refused with the key named, like js-yaml
//! does, and never leaks into the statement text.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::text::DataValue;

/// Why a data block was refused, with its 1-based line and column inside
/// the block's text (line 1 is the line holding the opening `{`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct YamlProblem {
    /// 1-based line within the block.
    pub line: usize,
    /// 1-based column within that line.
    pub column: usize,
    /// What is wrong, in words.
    pub message: String,
}

/// Reads a data block `text` (opening `{` to closing `}`, line breaks
/// kept) into its top-level pairs, in order.
///
/// # Errors
/// A [`YamlProblem`] when neither reading (flow mapping, or block YAML
/// between the braces) gives a mapping; a duplicate key is preferred as
/// the reason, since it is what the writer most likely meant to fix.
pub(super) fn parse_block(text: &str) -> Result<Vec<(String, DataValue)>, YamlProblem> {
    let flow = parse_mapping(text);
    let flow_err = match flow {
        Ok(pairs) => return Ok(pairs),
        Err(e) => e,
    };
    let trimmed = text.trim();
    let inner = trimmed
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or(trimmed);
    // Keep the line numbers true: the inner text starts on line 1.
    let lead = &text[..text.find('{').map_or(0, |i| i + 1)];
    let padded = format!("{}{inner}", " ".repeat(lead.chars().count()));
    match parse_mapping(&padded) {
        Ok(pairs) => Ok(pairs),
        Err(block_err) if block_err.message.starts_with("duplicate key") => Err(block_err),
        Err(_) if flow_err.message.starts_with("duplicate key") => Err(flow_err),
        // Block YAML between braces is what a multi-line block usually
        // is; its error names the real fault more often.
        Err(block_err) if text.contains('\n') => Err(block_err),
        Err(_) => Err(flow_err),
    }
}

/// Parses `text` as one YAML document that must be a mapping.
fn parse_mapping(text: &str) -> Result<Vec<(String, DataValue)>, YamlProblem> {
    let mut builder = TreeBuilder::default();
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, false) {
        let m = e.marker();
        return Err(YamlProblem {
            line: m.line(),
            column: m.col() + 1,
            message: e.info().to_owned(),
        });
    }
    if let Some(problem) = builder.problem {
        return Err(problem);
    }
    match builder.root {
        Some(DataValue::Map(pairs)) => Ok(pairs),
        Some(_) | None => Err(YamlProblem {
            line: 1,
            column: 1,
            message: "the block is not a mapping of `key: value` pairs".into(),
        }),
    }
}

/// A container being filled: a list, or a mapping with a pending key.
enum Open {
    List(Vec<DataValue>),
    Map {
        pairs: Vec<(String, DataValue)>,
        key: Option<String>,
    },
}

/// Builds [`DataValue`]s from parser events, noting the first duplicate
/// key. Anchors and tags are ignored; aliases read as empty scalars.
#[derive(Default)]
struct TreeBuilder {
    stack: Vec<Open>,
    root: Option<DataValue>,
    problem: Option<YamlProblem>,
}

impl TreeBuilder {
    fn push_value(&mut self, value: DataValue, mark: Marker) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(value);
                }
            }
            Some(Open::List(items)) => items.push(value),
            Some(Open::Map { pairs, key }) => match key.take() {
                None => {
                    let k = value.to_text();
                    if pairs.iter().any(|(seen, _)| *seen == k) && self.problem.is_none() {
                        self.problem = Some(YamlProblem {
                            line: mark.line(),
                            column: mark.col() + 1,
                            message: format!("duplicate key \"{k}\" in a mapping"),
                        });
                    }
                    *key = Some(k);
                }
                Some(k) => pairs.push((k, value)),
            },
        }
    }
}

impl MarkedEventReceiver for TreeBuilder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, ..) => self.push_value(DataValue::Scalar(value), mark),
            Event::Alias(_) => self.push_value(DataValue::Scalar(String::new()), mark),
            Event::SequenceStart(..) => self.stack.push(Open::List(Vec::new())),
            Event::MappingStart(..) => self.stack.push(Open::Map {
                pairs: Vec::new(),
                key: None,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                let value = match self.stack.pop() {
                    Some(Open::List(items)) => DataValue::List(items),
                    Some(Open::Map { pairs, .. }) => DataValue::Map(pairs),
                    None => return,
                };
                self.push_value(value, mark);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(s: &str) -> DataValue {
        DataValue::Scalar(s.into())
    }

    #[test]
    fn flow_mapping_over_lines() {
        let pairs = parse_block("{a: 1,\n  b: [x, \"y, z\"]}").unwrap();
        assert_eq!(pairs[0], ("a".into(), scalar("1")));
        assert_eq!(
            pairs[1],
            (
                "b".into(),
                DataValue::List(vec![scalar("x"), scalar("y, z")])
            )
        );
    }

    #[test]
    fn block_yaml_between_braces() {
        let pairs = parse_block("{\n  vars:\n    p: \"It rains\"\n    q: grass\n}").unwrap();
        assert_eq!(
            pairs,
            vec![(
                "vars".into(),
                DataValue::Map(vec![
                    ("p".into(), scalar("It rains")),
                    ("q".into(), scalar("grass"))
                ])
            )]
        );
    }

    #[test]
    fn duplicate_key_is_named_with_its_line() {
        let err =
            parse_block("{\n  vars:\n    \"p\": \"It rains\"\n    \"p\": \"The grass grows\"\n}")
                .unwrap_err();
        assert!(err.message.contains("duplicate key \"p\""), "{err:?}");
        assert_eq!(err.line, 4);
    }

    #[test]
    fn not_a_mapping_and_broken_yaml_are_problems() {
        assert!(parse_block("{\n  - a\n  - b\n}").is_err());
        assert!(parse_block("{\n  a: [unclosed\n}").is_err());
        assert!(parse_block("{\n  [[[[[[[[[[\n}").is_err());
    }
}
