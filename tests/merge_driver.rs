//! The git merge driver end to end: each test scripts a temporary
//! repository with the real `git` binary, registers the driver with the
//! real `argmap git-setup`, commits on two branches and runs `git merge`.

use std::path::Path;
use std::process::{Command, Output};

use argmap::io::native;
use argmap::model::{Map, Statement};
use argmap::ops::{Command as Cmd, StatementField, apply};

const BIN: &str = env!("CARGO_BIN_EXE_argmap");
const FILE: &str = "cars.argmap.json";

/// A scratch repository with the driver set up.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repo { dir };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.email", "test@example.org"]);
        repo.git(&["config", "user.name", "Test"]);
        let setup = repo.run(BIN, &["git-setup"]);
        assert!(
            setup.status.success(),
            "{}",
            String::from_utf8_lossy(&setup.stderr)
        );
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, program: &str, args: &[&str]) -> Output {
        Command::new(program)
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("HOME", self.path())
            .output()
            .unwrap()
    }

    fn git(&self, args: &[&str]) -> Output {
        let out = self.run("git", args);
        assert!(
            out.status.success() || args[0] == "merge",
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn save(&self, map: &Map) {
        native::save_file(map, &self.path().join(FILE)).unwrap();
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    fn load(&self) -> Map {
        native::load_file(&self.path().join(FILE))
            .expect("the merged file parses")
            .map
    }

    /// Commits `base`, then `ours` on main and `theirs` on branch `other`,
    /// and merges `other` into main.
    fn merge(&self, base: &Map, ours: &Map, theirs: &Map) -> Output {
        self.save(base);
        self.commit("base");
        self.git(&["checkout", "-q", "-b", "other"]);
        self.save(theirs);
        self.commit("theirs");
        self.git(&["checkout", "-q", "main"]);
        self.save(ours);
        self.commit("ours");
        self.git(&["merge", "--no-edit", "other"])
    }
}

fn run(map: &mut Map, cmds: Vec<Cmd>) {
    for cmd in cmds {
        apply(map, cmd).unwrap();
    }
}

fn add(text: &str) -> Cmd {
    Cmd::AddStatement {
        id: None,
        statement: Statement::new(text),
        pos: None,
    }
}

fn add_as(id: &str, text: &str) -> Cmd {
    Cmd::AddStatement {
        id: Some(id.into()),
        statement: Statement::new(text),
        pos: None,
    }
}

fn base() -> Map {
    let mut map = Map::new("Cars");
    run(
        &mut map,
        vec![
            add("Cities should ban cars."),
            add("Cars pollute."),
            Cmd::support(vec!["s2".into()], "s1"),
        ],
    );
    map
}

fn texts(map: &Map) -> Vec<String> {
    map.nodes_sorted()
        .iter()
        .filter_map(|n| n.as_statement().map(|s| s.text.clone()))
        .collect()
}

#[test]
fn git_setup_writes_the_config_and_attributes_once() {
    let repo = Repo::new();
    let again = repo.run(BIN, &["git-setup"]);
    assert!(again.status.success());
    let attributes = std::fs::read_to_string(repo.path().join(".gitattributes")).unwrap();
    assert_eq!(attributes.matches("*.argmap.json merge=argmap").count(), 1);
    let driver = repo.git(&["config", "merge.argmap.driver"]);
    let driver = String::from_utf8_lossy(&driver.stdout);
    assert!(driver.contains("merge-driver %O %A %B %L %P"), "{driver}");
}

#[test]
fn a_adds_on_both_sides_merge_cleanly() {
    let repo = Repo::new();
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    run(
        &mut o,
        vec![
            add_as("s10", "Buses are cleaner."),
            Cmd::support(vec!["s10".into()], "s1"),
        ],
    );
    run(&mut t, vec![add("Bikes are cleaner.")]);
    let out = repo.merge(&b, &o, &t);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = repo.load();
    assert!(merged.conflicts().is_empty());
    let all = texts(&merged);
    assert!(all.contains(&"Buses are cleaner.".into()));
    assert!(all.contains(&"Bikes are cleaner.".into()));
    assert_eq!(merged.inference_count(), 2);
}

#[test]
fn b_different_edits_of_one_text_conflict_in_the_file() {
    let repo = Repo::new();
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let edit = |text: &str| Cmd::EditStatement {
        id: "s2".into(),
        field: StatementField::Text(text.into()),
    };
    run(&mut o, vec![edit("Cars pollute the air.")]);
    run(&mut t, vec![edit("Cars pollute cities.")]);
    let out = repo.merge(&b, &o, &t);
    assert!(!out.status.success(), "the merge must stop on a conflict");
    let merged = repo.load();
    let conflicts = merged.conflicts();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].id, "s2");
    assert_eq!(conflicts[0].field, "text");
    assert_eq!(conflicts[0].ours, "Cars pollute the air.");
    assert_eq!(conflicts[0].theirs, "Cars pollute cities.");
    let check = repo.run(BIN, &["check", FILE]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains("unresolved merge conflict"));
}

#[test]
fn c_delete_against_connect_leaves_no_dangling_edge() {
    let repo = Repo::new();
    let mut b = base();
    run(&mut b, vec![add_as("s3", "Buses pollute less.")]);
    let (mut o, mut t) = (b.clone(), b.clone());
    run(
        &mut o,
        vec![Cmd::Remove {
            ids: vec!["s3".into()],
        }],
    );
    run(&mut t, vec![Cmd::support(vec!["s3".into()], "s1")]);
    let out = repo.merge(&b, &o, &t);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("deleted on the other side"));
    let merged = repo.load();
    assert!(merged.node("s3").is_none());
    assert_eq!(merged.inference_count(), 1, "only the base support is left");
    assert!(
        merged
            .conflicts()
            .iter()
            .any(|c| c.kind == "inference" && c.note.contains("dropped"))
    );
}

#[test]
fn d_identical_edits_merge_cleanly() {
    let repo = Repo::new();
    let b = base();
    let mut o = b.clone();
    run(
        &mut o,
        vec![Cmd::EditStatement {
            id: "s2".into(),
            field: StatementField::Text("Cars pollute a lot.".into()),
        }],
    );
    let out = repo.merge(&b, &o, &o.clone());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        repo.load().statement("s2").unwrap().text,
        "Cars pollute a lot."
    );
}

#[test]
fn e_add_add_without_an_ancestor_works() {
    let repo = Repo::new();
    repo.commit("attributes only");
    repo.git(&["checkout", "-q", "-b", "other"]);
    let mut t = Map::new("Cars");
    run(&mut t, vec![add("Theirs: bikes.")]);
    repo.save(&t);
    repo.commit("theirs");
    repo.git(&["checkout", "-q", "main"]);
    let mut o = Map::new("Cars");
    run(&mut o, vec![add("Ours: buses.")]);
    repo.save(&o);
    repo.commit("ours");
    let out = repo.git(&["merge", "--no-edit", "other"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = repo.load();
    assert_eq!(texts(&merged).len(), 2);
}

#[test]
fn f_a_corrupt_theirs_fails_and_leaves_ours_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (o, a, b) = (
        dir.path().join("o"),
        dir.path().join("a"),
        dir.path().join("b"),
    );
    let base_text = native::to_string(&base(), &Default::default());
    std::fs::write(&o, &base_text).unwrap();
    std::fs::write(&a, &base_text).unwrap();
    std::fs::write(
        &b,
        "{\"format\": \"argmap\", \"schema_version\": 6, \"statements\": [",
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["merge-driver"])
        .args([&o, &a, &b])
        .arg("7")
        .arg(FILE)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&*b.to_string_lossy()),
        "names the file: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&a).unwrap(), base_text);
}

#[test]
fn git_setup_global_writes_the_user_config_and_attributes_file() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("gitconfig");
    let run = || {
        Command::new(BIN)
            .args(["git-setup", "--global"])
            .current_dir(home.path())
            .env("HOME", home.path())
            .env("GIT_CONFIG_GLOBAL", &config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("XDG_CONFIG_HOME")
            .output()
            .unwrap()
    };
    for _ in 0..2 {
        let out = run();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let written = std::fs::read_to_string(&config).unwrap();
    assert!(written.contains("merge-driver %O %A %B %L %P"), "{written}");
    let attributes = std::fs::read_to_string(home.path().join(".config/git/attributes")).unwrap();
    assert_eq!(attributes, "*.argmap.json merge=argmap\n");
}
