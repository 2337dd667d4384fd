//! `argmap merge-driver %O %A %B %L %P`, git's custom merge driver for map
//! files (gitattributes(5), "Defining a custom merge driver"), and
//! `argmap git-setup [--global]`, which registers it.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use crate::io::native::SourceDir;
use crate::merge::merge_texts;

/// The `.gitattributes` line that routes map files to the driver.
pub const ATTRIBUTES_LINE: &str = "*.argmap.json merge=argmap";

/// The files git hands the driver.
#[derive(Debug)]
pub struct DriverArgs<'a> {
    /// %O: the common ancestor's version (empty when there is none).
    pub base: &'a Path,
    /// %A: our version; the result is written here.
    pub ours: &'a Path,
    /// %B: their version.
    pub theirs: &'a Path,
    /// %P: the file's path in the work tree (sources kept in files are read
    /// relative to its folder).
    pub path: &'a Path,
}

/// Runs the merge driver. Returns `Ok(true)` for a clean merge and
/// `Ok(false)` when conflicts were written into the file; `Err` when an
/// input is not a map (then %A is left as it was). Never panics: a panic
/// inside is caught and reported as an error, since a crash would make git
/// fail the merge.
pub fn merge_driver(args: &DriverArgs) -> Result<bool, String> {
    std::panic::catch_unwind(|| run_driver(args))
        .unwrap_or_else(|_| Err("internal error while merging; nothing was written".into()))
}

fn run_driver(args: &DriverArgs) -> Result<bool, String> {
    let dir = match args.path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let files = SourceDir(dir);
    let read = |side: &str, file: &Path| -> Result<String, String> {
        let bytes =
            std::fs::read(file).map_err(|e| format!("{side} version {}: {e}", file.display()))?;
        String::from_utf8(bytes)
            .map_err(|_| format!("{side} version {}: not valid UTF-8", file.display()))
    };
    let base = read("ancestor", args.base)?;
    let ours = read("our", args.ours)?;
    let theirs = read("their", args.theirs)?;
    let out = merge_texts(&base, &ours, &theirs, &files, args.path).map_err(|e| {
        let file = match e.side {
            "ancestor" => args.base,
            "our" => args.ours,
            _ => args.theirs,
        };
        format!("{} version {}: {}", e.side, file.display(), e.problem)
    })?;
    crate::io::write_atomic(args.ours, out.text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", args.ours.display()))?;
    let merged = out.merged;
    for (old, new) in &merged.renamed {
        eprintln!(
            "argmap merge-driver: {}: both sides added '{old}'; theirs is now '{new}'",
            args.path.display()
        );
    }
    for c in &merged.conflicts {
        eprintln!(
            "CONFLICT (argmap): {}: {}",
            args.path.display(),
            c.describe()
        );
    }
    Ok(merged.is_clean())
}

/// Runs `git` with `args` in the current folder; its stdout, trimmed.
fn git(args: &[&str]) -> Result<String, String> {
    let out = Process::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Quotes `s` for the shell git runs the driver with.
fn shell_quote(s: &str) -> String {
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/._-+:".contains(&b))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// `argmap git-setup [--global]`: sets `merge.argmap.name` and
/// `merge.argmap.driver` (the running binary's full path, so the driver
/// works without `argmap` on the PATH) with the real `git config`, in the
/// current repository or with `--global` for the user, and adds
/// [`ATTRIBUTES_LINE`] to the repository's `.gitattributes` (with `--global`
/// to git's global attributes file). Running it again changes nothing.
/// Returns what it did, one line each.
pub fn git_setup(global: bool) -> Result<Vec<String>, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let driver = format!(
        "{} merge-driver %O %A %B %L %P",
        shell_quote(&exe.to_string_lossy())
    );
    let scope: &[&str] = if global { &["--global"] } else { &["--local"] };
    let mut done = Vec::new();
    for (key, value) in [
        ("merge.argmap.name", "Argmap map merge (by entity id)"),
        ("merge.argmap.driver", driver.as_str()),
    ] {
        let mut args = vec!["config"];
        args.extend_from_slice(scope);
        args.extend_from_slice(&[key, value]);
        git(&args)?;
        done.push(format!("git config {} {key} {value}", scope[0]));
    }
    let attributes = if global {
        global_attributes_file()?
    } else {
        PathBuf::from(git(&["rev-parse", "--show-toplevel"])?).join(".gitattributes")
    };
    let old = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", attributes.display())),
    };
    if old.lines().any(|l| l.trim() == ATTRIBUTES_LINE) {
        done.push(format!(
            "{} already routes map files to argmap",
            attributes.display()
        ));
    } else {
        let mut text = old;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTES_LINE);
        text.push('\n');
        if let Some(parent) = attributes.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        crate::io::write_atomic(&attributes, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", attributes.display()))?;
        done.push(format!(
            "added '{ATTRIBUTES_LINE}' to {}",
            attributes.display()
        ));
    }
    Ok(done)
}

/// git's global attributes file: `core.attributesFile`, else
/// `$XDG_CONFIG_HOME/git/attributes`, else `~/.config/git/attributes`
/// (gitattributes(5)).
fn global_attributes_file() -> Result<PathBuf, String> {
    if let Ok(set) = git(&["config", "--global", "--path", "core.attributesFile"])
        && !set.is_empty()
    {
        return Ok(PathBuf::from(set));
    }
    if let Some(xdg) = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(xdg).join("git").join("attributes"));
    }
    let home = std::env::var_os("HOME").ok_or("HOME is not set")?;
    Ok(PathBuf::from(home)
        .join(".config")
        .join("git")
        .join("attributes"))
}

/// The `merge-driver` subcommand: prints errors to stderr; true when clean.
pub fn run_driver_cli(args: &DriverArgs) -> bool {
    match merge_driver(args) {
        Ok(clean) => clean,
        Err(e) => {
            eprintln!(
                "error: argmap merge-driver: cannot merge {}: {e}; {} is unchanged",
                args.path.display(),
                args.ours.display()
            );
            false
        }
    }
}

/// The `git-setup` subcommand: prints what it did; true on success.
pub fn run_setup_cli(global: bool) -> bool {
    match git_setup(global) {
        Ok(done) => {
            for line in done {
                outln!("{line}");
            }
            true
        }
        Err(e) => {
            eprintln!("error: argmap git-setup: {e}");
            false
        }
    }
}
