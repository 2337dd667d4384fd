//! The README's shortcut table agrees with the `Action` table, where
//! labels and shortcuts live: every action has a row under its own label,
//! and the row names the action's shortcut.

use argmap::app::actions::Action;
use egui::{KeyboardShortcut, Modifiers};

/// How the README writes `s`: "Ctrl+Shift+P", "Alt+Left", "F5".
fn written(s: KeyboardShortcut) -> String {
    let mut out = String::new();
    if s.modifiers.contains(Modifiers::COMMAND) {
        out.push_str("Ctrl+");
    }
    if s.modifiers.shift {
        out.push_str("Shift+");
    }
    if s.modifiers.alt {
        out.push_str("Alt+");
    }
    let key = match s.logical_key.name() {
        "ArrowUp" | "Up" => "Up",
        "ArrowDown" | "Down" => "Down",
        "ArrowLeft" | "Left" => "Left",
        "ArrowRight" | "Right" => "Right",
        other => other,
    };
    out.push_str(key);
    out
}

#[test]
fn every_action_has_a_readme_row_naming_its_shortcut() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme
        .split("### Keyboard shortcuts")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the README has a shortcut table");
    let rows: Vec<(Vec<&str>, &str)> = table
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            (cells.len() >= 2).then(|| (cells[0].split(" / ").collect(), cells[1]))
        })
        .collect();
    let mut missing = Vec::new();
    for action in Action::ALL {
        let label = action.label();
        let Some((_, keys)) = rows.iter().find(|(names, _)| {
            names.contains(&label)
                || (names.len() > 1 && names.iter().any(|n| label.starts_with(n)))
        }) else {
            missing.push(format!("no row for '{label}'"));
            continue;
        };
        if let Some(s) = action.shortcut() {
            let w = written(s);
            if !keys.contains(&w) {
                missing.push(format!("row '{label}' does not name {w}: {keys}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "README and Action table disagree:\n{}",
        missing.join("\n")
    );
}

/// Every action is reachable from a menu of the menu bar, not only from a
/// shortcut or the palette: each appears in the menu module's lists.
#[test]
fn every_action_is_in_a_menu() {
    let menus =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/app/menus.rs")).unwrap();
    let missing: Vec<String> = Action::ALL
        .iter()
        .map(|a| format!("{a:?}"))
        .filter(|name| {
            ![",", ")", "]"]
                .iter()
                .any(|end| menus.contains(&format!("Action::{name}{end}")))
        })
        .collect();
    assert!(missing.is_empty(), "not in any menu: {missing:?}");
}
