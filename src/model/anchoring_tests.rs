//! Tests of re-anchoring: shifts, changed quotes, repeats, deletions,
//! multi-byte text and the bundled speech map.

use super::*;
use crate::model::Anchor;

/// An anchor on the first occurrence of `quote` in `text`.
fn anchor_on(text: &str, quote: &str) -> Anchor {
    anchor_on_nth(text, quote, 0)
}

/// An anchor on the `n`th (0-based) occurrence of `quote` in `text`.
fn anchor_on_nth(text: &str, quote: &str, n: usize) -> Anchor {
    let byte = text
        .match_indices(quote)
        .nth(n)
        .expect("quote is in the text")
        .0;
    let start = text[..byte].chars().count();
    Anchor::from_range("src", text, start, start + quote.chars().count()).unwrap()
}

fn span(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

const TEXT: &str = "The committee met on Tuesday. It found that traffic in the old town \
fell by a third after the square was closed to cars. Shops reported steady trade. \
The mayor thanked everyone who took part in the trial.";

#[test]
fn same_text_is_unchanged() {
    let a = anchor_on(TEXT, "traffic in the old town fell by a third");
    assert_eq!(reanchor(&a, TEXT), Reanchored::Unchanged);
}

#[test]
fn insertion_before_the_quote_moves_it() {
    let a = anchor_on(TEXT, "Shops reported steady trade.");
    let inserted = "Preface added later. ";
    let new = format!("{inserted}{TEXT}");
    let n = inserted.chars().count();
    assert_eq!(
        reanchor(&a, &new),
        Reanchored::Moved {
            start: a.start + n,
            end: a.end + n
        }
    );
}

#[test]
fn insertion_after_the_quote_leaves_it() {
    let a = anchor_on(TEXT, "The committee met on Tuesday.");
    let new = format!("{TEXT} A postscript.");
    assert_eq!(reanchor(&a, &new), Reanchored::Unchanged);
}

#[test]
fn a_changed_quote_is_found_fuzzily() {
    let quote = "traffic in the old town fell by a third after the square was closed to cars";
    let a = anchor_on(TEXT, quote);
    let new = TEXT.replace("fell by a third", "fell by a quarter");
    let Reanchored::Fuzzy { start, end, score } = reanchor(&a, &new) else {
        panic!("expected a fuzzy match, got {:?}", reanchor(&a, &new));
    };
    assert!((FUZZY_THRESHOLD..1.0).contains(&score), "{score}");
    assert_eq!(
        span(&new, start, end),
        "traffic in the old town fell by a quarter after the square was closed to cars"
    );
}

#[test]
fn a_quote_changed_too_much_is_orphaned() {
    let a = anchor_on(TEXT, "Shops reported steady trade.");
    let new = TEXT.replace("Shops reported steady trade.", "Several shops closed.");
    assert_eq!(reanchor(&a, &new), Reanchored::Orphaned);
}

#[test]
fn a_deleted_passage_is_orphaned_not_misplaced() {
    let quote = "It found that traffic in the old town fell by a third after the square was closed to cars.";
    let a = anchor_on(TEXT, quote);
    let new = TEXT.replace(quote, "");
    assert_eq!(reanchor(&a, &new), Reanchored::Orphaned);
    // Also when everything before and after shifts.
    let new = format!("A new opening paragraph.\n\n{new}");
    assert_eq!(reanchor(&a, &new), Reanchored::Orphaned);
    assert_eq!(reanchor(&a, ""), Reanchored::Orphaned);
}

const REPEATS: &str = "First speaker: we must act now. Everyone nodded. \
Second speaker, much later: we must act now. Nobody nodded.";

#[test]
fn prefix_and_suffix_choose_among_repeats() {
    let first = anchor_on_nth(REPEATS, "we must act now.", 0);
    let second = anchor_on_nth(REPEATS, "we must act now.", 1);
    // Shorten the text between the two copies so that the first copy now
    // sits nearer the second one's old offset than the second copy does.
    let new = REPEATS.replace("Everyone nodded. ", "");
    let shift = "Everyone nodded. ".chars().count();
    assert_eq!(
        reanchor(&second, &new),
        Reanchored::Moved {
            start: second.start - shift,
            end: second.end - shift
        }
    );
    assert_eq!(reanchor(&first, &new), Reanchored::Unchanged);
    // Text inserted at the top moves both, each to its own copy.
    let new = format!("Minutes. {REPEATS}");
    let n = "Minutes. ".chars().count();
    for a in [&first, &second] {
        assert_eq!(
            reanchor(a, &new),
            Reanchored::Moved {
                start: a.start + n,
                end: a.end + n
            }
        );
    }
}

#[test]
fn identical_contexts_go_to_the_nearest_copy() {
    // A periodic text: several copies have the same 32 chars around them.
    let text = "ab. x y z. ".repeat(10);
    let a = anchor_on_nth(&text, "x y z", 4);
    let new = text[2..].to_owned();
    assert_eq!(
        reanchor(&a, &new),
        Reanchored::Moved {
            start: a.start - 2,
            end: a.end - 2
        }
    );
}

const RUSSIAN: &str =
    "Он сказал: “Россия и Япония — соседи”. Затем — «мир без договора» уже 70 лет.";

#[test]
fn offsets_are_chars_in_multibyte_text() {
    let a = anchor_on(RUSSIAN, "«мир без договора»");
    assert_eq!(a.slice(RUSSIAN), Some("«мир без договора»"));
    let inserted = "Вступление: “цитата”. ";
    let new = format!("{inserted}{RUSSIAN}");
    let n = inserted.chars().count();
    assert!(inserted.len() > n, "the insertion is multi-byte");
    assert_eq!(
        reanchor(&a, &new),
        Reanchored::Moved {
            start: a.start + n,
            end: a.end + n
        }
    );
    assert_eq!(reanchor(&a, RUSSIAN), Reanchored::Unchanged);
}

#[test]
fn fuzzy_match_in_multibyte_text() {
    let a = anchor_on(RUSSIAN, "“Россия и Япония — соседи”. Затем");
    let new = RUSSIAN.replace("соседи", "соседки");
    let Reanchored::Fuzzy { start, end, .. } = reanchor(&a, &new) else {
        panic!("expected fuzzy, got {:?}", reanchor(&a, &new));
    };
    assert_eq!(span(&new, start, end), "“Россия и Япония — соседки”. Затем");
}

#[test]
fn long_quotes_use_several_bit_blocks() {
    let words: Vec<String> = (0..60).map(|i| format!("word{i}")).collect();
    let text = words.join(" ");
    let quote = words[5..40].join(" "); // well over 128 chars
    assert!(quote.chars().count() > 128);
    let a = anchor_on(&text, &quote);
    let new = format!(
        "Intro. {}",
        text.replace("word20", "w20").replace("word33", "word-33")
    );
    let Reanchored::Fuzzy { start, end, score } = reanchor(&a, &new) else {
        panic!("expected fuzzy, got {:?}", reanchor(&a, &new));
    };
    assert!(score > 0.97, "{score}");
    let found = span(&new, start, end);
    assert!(found.starts_with("word5 word6"), "{found}");
    assert!(found.ends_with("word38 word39"), "{found}");
}

#[test]
fn an_orphan_comes_back_when_its_quote_returns() {
    let mut a = anchor_on(TEXT, "Shops reported steady trade.");
    a.orphaned = true;
    assert_eq!(
        reanchor(&a, TEXT),
        Reanchored::Moved {
            start: a.start,
            end: a.end
        }
    );
}

/// A map with source `src` holding `text` and one statement per quote,
/// each with the quote as anchored evidence.
pub(crate) fn map_quoting(text: &str, quotes: &[&str]) -> crate::model::Map {
    use crate::model::{Evidence, Source, Statement};
    let mut map = crate::model::Map::new("t");
    map.add_source(Source {
        id: "src".into(),
        title: "Source".into(),
        text: text.into(),
        ..Source::default()
    })
    .unwrap();
    for (i, q) in quotes.iter().enumerate() {
        let mut st = Statement::new(format!("claim {i}"));
        st.evidence.push(Evidence {
            id: format!("e{i}"),
            text: (*q).into(),
            anchor: Some(anchor_on(text, q)),
            ..Evidence::default()
        });
        map.add_statement(&format!("s{i}"), st, None, false)
            .unwrap();
    }
    map
}

fn speech() -> (crate::model::Map, String) {
    let map = crate::bundled::DEFAULT.load().unwrap().map;
    let text = map.source("togo-speech").unwrap().text.clone();
    (map, text)
}

fn speech_anchors(map: &crate::model::Map) -> Vec<Anchor> {
    map.nodes_sorted()
        .into_iter()
        .filter_map(|n| n.as_statement())
        .flat_map(|s| s.evidence.iter().filter_map(|e| e.anchor.clone()))
        .collect()
}

#[test]
fn every_speech_anchor_is_unchanged_against_its_source() {
    let (map, text) = speech();
    let anchors = speech_anchors(&map);
    assert_eq!(anchors.len(), 81);
    for a in &anchors {
        assert_eq!(reanchor(a, &text), Reanchored::Unchanged, "{}", a.exact);
    }
}

#[test]
fn a_paragraph_inserted_at_the_top_moves_every_speech_anchor() {
    let (map, text) = speech();
    let inserted =
        "Editor’s note: this transcript was checked against the recording — «запись».\n\n";
    let n = inserted.chars().count();
    let new = format!("{inserted}{text}");
    for a in speech_anchors(&map) {
        assert_eq!(
            reanchor(&a, &new),
            Reanchored::Moved {
                start: a.start + n,
                end: a.end + n
            },
            "{}",
            a.exact
        );
    }
    let updated = reanchor_all(&map, "togo-speech", &new);
    assert_eq!(updated.len(), 81);
    for (_, a) in &updated {
        assert!(!a.orphaned);
        assert_eq!(a.slice(&new), Some(a.exact.as_str()));
    }
}

#[test]
fn speech_anchors_survive_an_edit_inside_every_quote() {
    let (map, text) = speech();
    // Change one letter in the middle of every quote at once, then time the
    // fuzzy search for all of them.
    let mut chars: Vec<char> = text.chars().collect();
    let anchors = speech_anchors(&map);
    for a in &anchors {
        let mid = (a.start + a.end) / 2;
        chars[mid] = if chars[mid] == '#' { '%' } else { '#' };
    }
    let new: String = chars.iter().collect();
    let started = std::time::Instant::now();
    let updated = reanchor_all(&map, "togo-speech", &new);
    let elapsed = started.elapsed();
    eprintln!(
        "re-anchored {} speech anchors after edits in {elapsed:?}",
        updated.len()
    );
    let (mut fuzzy, mut orphaned) = (0, 0);
    for ((_, new_anchor), old) in updated.iter().zip(&anchors) {
        if new_anchor.orphaned {
            // Overlapping quotes get several edits in and around them; they
            // may end orphaned, but never somewhere else.
            orphaned += 1;
            assert_eq!(new_anchor.exact, old.exact);
            continue;
        }
        // Same place or within a char or two of it: never somewhere else.
        assert!(new_anchor.start.abs_diff(old.start) <= 2, "{}", old.exact);
        assert!(new_anchor.end.abs_diff(old.end) <= 2, "{}", old.exact);
        fuzzy += usize::from(new_anchor.exact != old.exact);
    }
    eprintln!("{fuzzy} fuzzy, {orphaned} orphaned");
    assert!(fuzzy >= 65, "{fuzzy} fuzzy, {orphaned} orphaned");
    assert!(elapsed.as_secs_f64() < 5.0, "{elapsed:?}");
}

#[test]
fn reanchor_all_marks_orphans_and_keeps_their_quote() {
    let map = map_quoting(
        TEXT,
        &[
            "Shops reported steady trade.",
            "The committee met on Tuesday.",
        ],
    );
    let new = TEXT.replace("Shops reported steady trade. ", "");
    let updated = reanchor_all(&map, "src", &new);
    assert_eq!(updated.len(), 2);
    let (_, orphan) = updated
        .iter()
        .find(|(_, a)| a.exact == "Shops reported steady trade.")
        .unwrap();
    assert!(orphan.orphaned);
    let (_, kept) = updated
        .iter()
        .find(|(_, a)| a.exact == "The committee met on Tuesday.")
        .unwrap();
    assert!(!kept.orphaned);
    assert_eq!(kept.start, 0);
}

/// The speech with one char changed in the middle of every quote.
fn speech_with_edited_quotes() -> (crate::model::Map, String) {
    let (map, text) = speech();
    let mut chars: Vec<char> = text.chars().collect();
    for a in speech_anchors(&map) {
        let mid = (a.start + a.end) / 2;
        chars[mid] = if chars[mid] == '#' { '%' } else { '#' };
    }
    (map, chars.into_iter().collect())
}

#[test]
fn the_prefilter_finds_what_a_full_search_finds() {
    let (map, edited) = speech_with_edited_quotes();
    let hay = Haystack::new(&edited);
    for a in speech_anchors(&map) {
        let pattern: Vec<char> = a.exact.chars().collect();
        let k = ((1.0 - FUZZY_THRESHOLD) * pattern.len() as f64).floor() as usize;
        let full = match_ends(&pattern, &hay.chars);
        let filtered = candidate_ends(&pattern, &hay, k);
        for (j, (&f, &c)) in full.iter().zip(&filtered).enumerate() {
            if f <= k {
                assert_eq!(c, f, "{} at {j}", a.exact);
            }
        }
    }
}

#[test]
fn fifty_kilobytes_with_every_quote_edited() {
    let (map, edited) = speech_with_edited_quotes();
    // Three copies of the text with every letter shifted (no exact matches)
    // before the edited speech: a source of about 52 KB.
    let filler: String = edited
        .chars()
        .map(|c| match c {
            'a'..='y' => char::from(c as u8 + 1),
            'z' => 'a',
            _ => c,
        })
        .collect();
    let big = format!("{}{edited}", filler.repeat(3));
    assert!(big.len() > 50_000);
    let shift = 3 * filler.chars().count();
    let started = std::time::Instant::now();
    let updated = reanchor_all(&map, "togo-speech", &big);
    eprintln!(
        "52 KB, {} fuzzy anchors: {:?}",
        updated.len(),
        started.elapsed()
    );
    for ((_, new), old) in updated.iter().zip(speech_anchors(&map)) {
        assert!(!new.orphaned, "{}", old.exact);
        assert!(new.start.abs_diff(old.start + shift) <= 2, "{}", old.exact);
    }
}
