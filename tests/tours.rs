//! Tours end to end: the generated tour of the speech map, the CLI's
//! `tour generate|list|show|import`, and the hand-out PDF with one page per
//! step (counted in the PDF's page tree and, when poppler is installed, by
//! `pdfinfo`).

mod cli_run;
use cli_run::argmap;

mod pdf_pages;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use argmap::bundled;
use argmap::io::native;
use argmap::model::tour_gen::generate_tour;
use argmap::model::{InferenceKind, Map};
use argmap::render::handout::{HandoutOptions, render_tour};
use argmap::scene::TextMeasurer;

fn speech() -> Map {
    bundled::DEFAULT.load().expect("the speech map loads").map
}

fn speech_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("maps/togo-japan-russia.argmap.json")
}

/// `pdfinfo`'s page count, or `None` when poppler is not installed.
fn pdfinfo_pages(file: &Path) -> Option<usize> {
    let out = Command::new("pdfinfo").arg(file).output().ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn generated_tour_of_the_speech_covers_every_node_exactly_once() {
    let map = speech();
    let tour = generate_tour(&map, "Generated");
    let mut step_of: HashMap<&str, usize> = HashMap::new();
    for (k, step) in tour.steps.iter().enumerate() {
        map.check_step(step).unwrap();
        for id in &step.reveal {
            assert!(step_of.insert(id, k).is_none(), "{id} is revealed twice");
        }
    }
    assert_eq!(step_of.len(), map.node_count(), "every node appears");
    assert_eq!(tour.steps[0].reveal, vec!["thesis".to_string()]);
    for node in map.nodes() {
        let Some(inf) = node.as_inference() else {
            continue;
        };
        let k = step_of[node.id.as_str()];
        // Each inference comes with its premises (unless shown earlier),
        // never after its target.
        for p in map.premise_ids(&node.id) {
            assert!(step_of[p] <= k, "{p} after its inference {}", node.id);
        }
        let target = map.target_id(&node.id).unwrap();
        assert!(step_of[target] <= k);
        if inf.kind == InferenceKind::Conflict && step_of[target] < k {
            // An objection never waits for a later, unrelated support of
            // its target: no support into the same target comes between.
            for other in map.inferences_into(map.index_of(target).unwrap()) {
                let o = map.node_at(other).unwrap();
                if o.as_inference().unwrap().kind == InferenceKind::Support {
                    let ko = step_of[o.id.as_str()];
                    assert!(
                        !(step_of[target] < ko && ko < k),
                        "{} comes after the support {}",
                        node.id,
                        o.id
                    );
                }
            }
        }
    }
    // Hashimoto's three principles are linked co-premises: one step.
    let principles = [
        "principle-trust",
        "principle-mutual-interest",
        "principle-long-term",
    ];
    assert!(
        principles
            .iter()
            .all(|p| step_of[p] == step_of[principles[0]])
    );
    // The reduction path is attacked right after it is revealed.
    let reduction = step_of["path-reduction"];
    let first_attack = ["att-red-mistrust", "att-red-security", "uc-red-econ-capped"]
        .iter()
        .map(|id| step_of[id])
        .min()
        .unwrap();
    assert_eq!(first_attack, reduction + 1);
}

#[test]
fn tour_pdf_has_one_page_per_step() {
    let map = speech();
    let tour = generate_tour(&map, "Generated");
    let m = TextMeasurer::new();
    let pdf = render_tour(&map, &tour, &m, &HandoutOptions::default()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(pdf_pages::pages_in(&pdf), tour.steps.len());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tour.pdf");
    std::fs::write(&file, &pdf).unwrap();
    match pdfinfo_pages(&file) {
        Some(n) => assert_eq!(n, tour.steps.len()),
        None => eprintln!("pdfinfo not installed: page count checked by parsing only"),
    }
    let mut empty = tour.clone();
    empty.steps.clear();
    assert!(render_tour(&map, &empty, &m, &HandoutOptions::default()).is_err());
}

#[test]
fn cli_generates_lists_and_exports_a_tour() {
    let dir = tempfile::tempdir().unwrap();
    // A copy of the speech map with its source file beside it.
    let maps = dir.path().join("maps");
    std::fs::create_dir_all(maps.join("sources")).unwrap();
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("maps");
    let file = maps.join("togo.argmap.json");
    std::fs::copy(speech_file(), &file).unwrap();
    for entry in std::fs::read_dir(src.join("sources")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), maps.join("sources").join(entry.file_name())).unwrap();
    }
    let before = native::load_file(&file).unwrap().map;
    let os = |s: &str| std::ffi::OsString::from(s);
    let gen_args = [
        os("tour"),
        os("generate"),
        file.clone().into(),
        os("--name"),
        os("Walk"),
    ];
    let refs: Vec<&std::ffi::OsStr> = gen_args.iter().map(|s| s.as_os_str()).collect();
    let out = argmap(&refs);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A second time refuses, --replace replaces.
    assert!(!argmap(&refs).status.success());
    let mut again = refs.clone();
    again.push(std::ffi::OsStr::new("--replace"));
    assert!(argmap(&again).status.success());

    let after = native::load_file(&file).unwrap().map;
    let walk = after.tour("Walk").expect("the tour was saved");
    assert_eq!(walk.steps.len(), generate_tour(&before, "x").steps.len());
    assert_eq!(after.tours().len(), before.tours().len() + 1);

    let list = argmap(&[
        os("tour").as_os_str(),
        os("list").as_os_str(),
        file.as_os_str(),
    ]);
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(
        listed.contains(&format!("Walk\t{} steps", walk.steps.len())),
        "{listed}"
    );

    let pdf = dir.path().join("walk.pdf");
    let export = argmap(&[
        os("export").as_os_str(),
        file.as_os_str(),
        pdf.as_os_str(),
        os("--tour").as_os_str(),
        os("Walk").as_os_str(),
    ]);
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    assert_eq!(
        pdf_pages::pages_in(&std::fs::read(&pdf).unwrap()),
        walk.steps.len()
    );

    let bad = argmap(&[
        os("export").as_os_str(),
        file.as_os_str(),
        pdf.as_os_str(),
        os("--tour").as_os_str(),
        os("Nope").as_os_str(),
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("Walk"));
    let svg = dir.path().join("walk.svg");
    let wrong = argmap(&[
        os("export").as_os_str(),
        file.as_os_str(),
        svg.as_os_str(),
        os("--tour").as_os_str(),
        os("Walk").as_os_str(),
    ]);
    assert!(!wrong.status.success());

    // Importing a tour file adds it as written.
    let json = dir.path().join("t.json");
    std::fs::write(
        &json,
        r#"{"name": "Short", "steps": [{"reveal": ["thesis"], "note": "Start here."}]}"#,
    )
    .unwrap();
    let import = argmap(&[
        os("tour").as_os_str(),
        os("import").as_os_str(),
        file.as_os_str(),
        json.as_os_str(),
    ]);
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let map = native::load_file(&file).unwrap().map;
    assert_eq!(map.tour("Short").unwrap().steps[0].note, "Start here.");
    std::fs::write(
        &json,
        r#"{"name": "Bad", "steps": [{"reveal": ["ghost"]}]}"#,
    )
    .unwrap();
    let refused = argmap(&[
        os("tour").as_os_str(),
        os("import").as_os_str(),
        file.as_os_str(),
        json.as_os_str(),
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("ghost"));
}
