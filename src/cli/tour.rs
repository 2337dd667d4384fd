//! `argmap tour list|show|generate|import …`: the tours stored in a map.
//!
//! Every change goes through an undoable [`Command`] (as in the app) and
//! the map is saved in canonical form, so the file's diff touches only its
//! `tours` section.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::io::native;
use crate::model::{Map, Tour, tour_gen::generate_tour};
use crate::ops::{Command, apply};

/// What `argmap tour` was asked to do.
#[derive(Clone, Debug)]
pub enum TourAction<'a> {
    /// Print each tour's name and step count.
    List,
    /// Print the steps of one tour: what each reveals and its note.
    Show {
        /// The tour's name.
        name: &'a str,
    },
    /// Generate a tour depth first from the thesis and save it in the map.
    Generate {
        /// The new tour's name.
        name: &'a str,
        /// Replace a tour of that name instead of refusing.
        replace: bool,
    },
    /// Add a tour read from a JSON file (the shape of one entry of the map
    /// file's `tours` list) and save it in the map.
    Import {
        /// The JSON file.
        file: &'a Path,
        /// Replace a tour of that name instead of refusing.
        replace: bool,
    },
}

/// Runs `action` on the map file `map`, printing any error. Returns
/// whether it succeeded.
pub fn run(map: &Path, action: &TourAction) -> bool {
    match tour(map, action) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("error: {e:#}");
            false
        }
    }
}

fn tour(path: &Path, action: &TourAction) -> Result<()> {
    let loaded = native::load_file(path)?;
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    let mut map = loaded.map;
    match action {
        TourAction::List => {
            if map.tours().is_empty() {
                outln!("no tours in {}", path.display());
            }
            for t in map.tours() {
                outln!("{}\t{} steps", t.name, t.steps.len());
            }
            Ok(())
        }
        TourAction::Show { name } => {
            let t = map
                .tour(name)
                .with_context(|| format!("no tour named '{name}' in {}", path.display()))?;
            for (k, step) in t.steps.iter().enumerate() {
                outln!("{:>3}. reveal {}", k + 1, step.reveal.join(", "));
                if !step.note.is_empty() {
                    outln!("     {}", step.note);
                }
            }
            Ok(())
        }
        TourAction::Generate { name, replace } => {
            let tour = generate_tour(&map, *name);
            let steps = tour.steps.len();
            put_tour(&mut map, tour, *replace)?;
            save(&map, path)?;
            outln!("added tour '{name}' ({steps} steps) to {}", path.display());
            Ok(())
        }
        TourAction::Import { file, replace } => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let tour: Tour = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a tour", file.display()))?;
            let (name, steps) = (tour.name.clone(), tour.steps.len());
            put_tour(&mut map, tour, *replace)?;
            save(&map, path)?;
            outln!("added tour '{name}' ({steps} steps) to {}", path.display());
            Ok(())
        }
    }
}

/// Adds `tour`, in place of the tour of the same name when `replace`.
fn put_tour(map: &mut Map, tour: Tour, replace: bool) -> Result<()> {
    let existing = map.tours().iter().position(|t| t.name == tour.name);
    let cmd = match existing {
        Some(_) if !replace => bail!(
            "a tour named '{}' already exists (use --replace to overwrite it)",
            tour.name
        ),
        Some(index) => Command::Batch(vec![
            Command::DeleteTour {
                name: tour.name.clone(),
            },
            Command::AddTour {
                index: Some(index),
                tour,
            },
        ]),
        None => Command::AddTour { index: None, tour },
    };
    apply(map, cmd)?;
    Ok(())
}

fn save(map: &Map, path: &Path) -> Result<()> {
    native::save_file(map, path).with_context(|| format!("cannot write {}", path.display()))
}
