//! The HTML export in real browsers, one per engine the page must open in:
//! - Chromium (Debian's `chromium`): the speech map, the tour-overlay
//!   fixture and the hostile fixtures, driven over the DevTools protocol by
//!   `tests/browser/viewer.mjs`;
//! - Firefox (Debian's `firefox-esr`, Gecko) over WebDriver BiDi, and WebKit
//!   (Safari's engine: Debian's `webkit2gtk-driver`, whose `WebKitWebDriver`
//!   drives WebKitGTK's MiniBrowser, under Xvfb when there is no display)
//!   over classic W3C WebDriver, both by `tests/browser/engines.mjs`
//!   with the checks shared in `tests/browser/checks.mjs`;
//! - the embedded JSON by a plain Node test (`tests/browser/escape.test.mjs`);
//! - the hand-out shipped beside the speech map (`maps/togo-japan-russia.html`)
//!   against the map, by its data block (no browser needed).
//!
//! Without a browser or node the tests print why and pass, so
//! `cargo test` needs no display and no network. CI installs the browsers
//! and sets `ARGMAP_REQUIRE_BROWSER=1` (`.ci/html-browser.sh`): then a
//! missing tool fails the test instead. `ARGMAP_HTML_SCREENSHOT=PATH` also saves
//! the picture of the speech map after the click on "Hashimoto's 1997
//! doctrine" (the README's `assets/screenshots/html-export-hashimoto.png`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const SPEECH: &str = "maps/togo-japan-russia.argmap.json";
/// A tour whose second step asks for the evaluation label overlay.
const OVERLAY: &str = "tests/fixtures/html/tour-overlay.argmap.json";
const HOSTILE: [&str; 2] = [
    "tests/fixtures/hostile.argmap.json",
    "tests/fixtures/html/hostile-evidence.argmap.json",
];

/// Whether CI asked for the browser tests to really run.
fn required() -> bool {
    std::env::var_os("ARGMAP_REQUIRE_BROWSER").is_some_and(|v| v == "1")
}

/// Says why a test is skipped, or fails when CI requires it.
fn skip(why: &str) {
    assert!(!required(), "ARGMAP_REQUIRE_BROWSER=1 but {why}");
    eprintln!("skipped: {why}");
}

/// The first of `names` found on PATH.
fn find_tool(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ARGMAP_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    find_tool(&["chromium", "chromium-browser", "google-chrome"])
}

/// Firefox (Gecko): `ARGMAP_FIREFOX`, else `firefox-esr` or `firefox`.
fn firefox() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ARGMAP_FIREFOX") {
        return Some(PathBuf::from(p));
    }
    find_tool(&["firefox-esr", "firefox"])
}

/// WebKitGTK's WebDriver and the MiniBrowser it starts, or why not.
fn webkit() -> Result<(PathBuf, PathBuf), String> {
    let driver = find_tool(&["WebKitWebDriver"])
        .ok_or("WebKitWebDriver is not installed (apt-get install webkit2gtk-driver)")?;
    // Debian installs MiniBrowser in the WebKitGTK library directory.
    let browser = std::fs::read_dir("/usr/lib")
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|d| {
            ["webkit2gtk-4.1", "webkit2gtk-4.0", "webkitgtk-6.0"]
                .map(|v| d.path().join(v).join("MiniBrowser"))
        })
        .find(|p| p.is_file())
        .ok_or("WebKitGTK's MiniBrowser is not installed (apt-get install webkit2gtk-driver)")?;
    if std::env::var_os("DISPLAY").is_none() && find_tool(&["Xvfb"]).is_none() {
        return Err("no DISPLAY and no Xvfb for MiniBrowser (apt-get install xvfb)".into());
    }
    Ok((driver, browser))
}

/// A generated map just over the page's level-of-detail threshold
/// ([`argmap::render::html::LOD_MIN_NODES`]), exported to `dir`.
fn big_page(dir: &Path) -> PathBuf {
    let map = argmap::synth::argument_map(600, 1);
    assert!(map.node_count() > argmap::render::html::LOD_MIN_NODES);
    let file = dir.join("big.argmap.json");
    argmap::io::native::save_file(&map, &file).unwrap();
    export(file.to_str().unwrap(), dir)
}

/// Runs `tests/browser/engines.mjs` for `engine` with `browser` (the
/// engine's driver arguments) on the speech map, the overlay fixture and
/// a big map's page.
fn drive_engine(node: &Path, engine: &str, browser: &[PathBuf]) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(node);
    cmd.args([
        "--experimental-websocket",
        "tests/browser/engines.mjs",
        engine,
    ])
    .args(browser)
    .arg(export(SPEECH, dir.path()))
    .arg(SPEECH)
    .arg(export(OVERLAY, dir.path()))
    .arg(OVERLAY)
    .arg(big_page(dir.path()));
    let o = run(&mut cmd, Duration::from_secs(240));
    let out = String::from_utf8_lossy(&o.stdout);
    eprintln!("{out}");
    assert!(
        o.status.success(),
        "{engine}: {out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains(&format!("{engine} speech map:")), "{out}");
    assert!(out.contains(&format!("{engine} tour overlay:")), "{out}");
    assert!(out.contains(&format!("{engine} big map:")), "{out}");
}

#[test]
fn firefox_drives_speech_and_overlay_pages() {
    let Some(firefox) = firefox() else {
        return skip("firefox is not installed (apt-get install firefox-esr)");
    };
    let Some(node) = node_with_websocket() else {
        return skip("node with --experimental-websocket (Node 20.10+) is not installed");
    };
    drive_engine(&node, "firefox", &[firefox]);
}

#[test]
fn webkit_drives_speech_and_overlay_pages() {
    let (driver, browser) = match webkit() {
        Ok(found) => found,
        Err(why) => return skip(&why),
    };
    let Some(node) = node_with_websocket() else {
        return skip("node with --experimental-websocket (Node 20.10+) is not installed");
    };
    drive_engine(&node, "webkit", &[driver, browser]);
}

/// Node with a WebSocket client (`--experimental-websocket`, Node 20.10+).
fn node_with_websocket() -> Option<PathBuf> {
    let node = find_tool(&["node"])?;
    let ok = Command::new(&node)
        .args([
            "--experimental-websocket",
            "-e",
            "process.exit(typeof WebSocket === 'function' ? 0 : 1)",
        ])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(node)
}

/// Runs `cmd`, killing it after `limit`. Its output is read while it runs
/// (a page's DOM is larger than a pipe holds).
fn run(cmd: &mut Command, limit: Duration) -> Output {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let id = child.id();
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if wait.recv_timeout(limit).is_err() {
            // Still running after `limit`: end it (only this child, by id).
            let _ = Command::new("kill").arg(id.to_string()).status();
        }
    });
    let out = child.wait_with_output().unwrap();
    let _ = done.send(());
    let _ = watchdog.join();
    out
}

/// Exports `map` to `dir` as HTML with the real binary; returns the file.
fn export(map: &str, dir: &Path) -> PathBuf {
    let name = Path::new(map).file_name().unwrap().to_string_lossy();
    let out = dir.join(format!("{}.html", name.trim_end_matches(".argmap.json")));
    let o = Command::new(env!("CARGO_BIN_EXE_argmap"))
        .arg("export")
        .arg(map)
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "export {map}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

fn statement_count(map: &str) -> usize {
    let text = std::fs::read_to_string(map).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["statements"].as_array().unwrap().len()
}

/// The shipped hand-out beside the speech map (issue 17).
const SHIPPED: &str = "maps/togo-japan-russia.html";

/// The JSON data block of a page, with the tour cameras taken out: they are
/// drawing coordinates, which move with any layout or text-measuring
/// change, while everything else in the block comes from the map alone.
fn map_data(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/json\" id=\"argmap-data\">";
    let at = html.find(open).expect("the page has a data block") + open.len();
    let end = at + html[at..].find("</script>").expect("the data block ends");
    let mut data: serde_json::Value = serde_json::from_str(&html[at..end]).unwrap();
    for tour in data["tours"].as_array_mut().into_iter().flatten() {
        for step in tour["steps"].as_array_mut().into_iter().flatten() {
            step.as_object_mut().unwrap().remove("camera");
        }
    }
    data
}

/// The shipped hand-out must carry what the map says now. Compared by the
/// embedded data (statements, evidence with passages, inferences, outline,
/// tours), not byte by byte: a byte check would also fail on every change
/// of the viewer script, the drawing code or the version number, none of
/// which makes the hand-out say something the map does not.
#[test]
fn shipped_speech_page_carries_the_current_map() {
    let shipped = std::fs::read_to_string(SHIPPED).unwrap_or_else(|e| panic!("{SHIPPED}: {e}"));
    let map = argmap::io::native::load_file(Path::new(SPEECH))
        .unwrap()
        .map;
    let page = argmap::render::html::export(
        &map,
        &argmap::scene::TextMeasurer::new(),
        &argmap::render::html::HtmlOptions::default(),
    )
    .unwrap();
    assert!(
        map_data(&shipped) == map_data(&page),
        "{SHIPPED} is stale: run `argmap export {SPEECH} {SHIPPED}`"
    );
    assert_eq!(
        shipped.matches("class=\"statement\"").count(),
        map.statement_count(),
        "{SHIPPED} draws every statement"
    );
}

#[test]
fn speech_map_page_is_at_most_2_mb() {
    let dir = tempfile::tempdir().unwrap();
    let page = export(SPEECH, dir.path());
    let size = std::fs::metadata(&page).unwrap().len();
    eprintln!("speech map page: {size} bytes");
    assert!(size <= 2 * 1024 * 1024, "{size} bytes");
}

#[test]
fn embedded_json_is_escaped_node_test() {
    let Some(node) = find_tool(&["node"]) else {
        return skip("node is not installed");
    };
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(node);
    cmd.arg("tests/browser/escape.test.mjs");
    for map in HOSTILE {
        cmd.arg(export(map, dir.path())).arg(map);
    }
    let o = run(&mut cmd, Duration::from_secs(60));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains(&format!("# pass {}", HOSTILE.len())), "{out}");
}

#[test]
fn chromium_renders_the_page_headless() {
    let Some(chromium) = chromium() else {
        return skip("chromium is not installed (apt-get install chromium)");
    };
    let dir = tempfile::tempdir().unwrap();
    let page = export(SPEECH, dir.path());
    let url = format!("file://{}", page.display());
    let headless = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--window-size=1400,850",
    ];
    // The DOM after the script ran (a timed wait in virtual time).
    let profile = dir.path().join("profile-dom");
    let o = run(
        Command::new(&chromium)
            .args(headless)
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(["--virtual-time-budget=3000", "--dump-dom"])
            .arg(&url),
        Duration::from_secs(90),
    );
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(
        dom.contains("<svg"),
        "no SVG in the DOM:\n{}",
        &dom[..dom.len().min(2000)]
    );
    assert_eq!(
        dom.matches("class=\"statement").count(),
        statement_count(SPEECH),
        "one box per statement"
    );
    // The script ran: the CSP's hash lets it, and it filled the outline.
    assert!(
        dom.contains("data-ready=\"true\""),
        "the viewer script did not run"
    );
    assert!(dom.matches("<li data-id=").count() >= statement_count(SPEECH));
    // A screenshot that is not blank.
    let shot = dir.path().join("shot.png");
    let profile = dir.path().join("profile-shot");
    let o = run(
        Command::new(&chromium)
            .args(headless)
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--screenshot={}", shot.display()))
            .arg(&url),
        Duration::from_secs(90),
    );
    let png = resvg::tiny_skia::Pixmap::load_png(&shot).unwrap_or_else(|e| {
        panic!(
            "no screenshot ({e}): {}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let pixels = png.pixels();
    let first = pixels[0];
    let differing = pixels.iter().filter(|p| **p != first).count();
    let mut colours: Vec<u32> = pixels
        .iter()
        .map(|p| u32::from_be_bytes([p.red(), p.green(), p.blue(), p.alpha()]))
        .collect();
    colours.sort_unstable();
    colours.dedup();
    assert!(
        differing > pixels.len() / 20 && colours.len() > 50,
        "blank screenshot: {differing} pixels differ, {} colours",
        colours.len()
    );
}

#[test]
fn devtools_drive_speech_and_hostile_pages() {
    let Some(chromium) = chromium() else {
        return skip("chromium is not installed (apt-get install chromium)");
    };
    let Some(node) = node_with_websocket() else {
        return skip("node with --experimental-websocket (Node 20.10+) is not installed");
    };
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(node);
    cmd.args(["--experimental-websocket", "tests/browser/viewer.mjs"])
        .arg(&chromium)
        .arg(export(SPEECH, dir.path()))
        .arg(SPEECH);
    for map in HOSTILE {
        cmd.arg(export(map, dir.path())).arg(map);
    }
    cmd.arg("--overlay")
        .arg(export(OVERLAY, dir.path()))
        .arg(OVERLAY)
        .arg("--lod")
        .arg(big_page(dir.path()));
    if let Some(shot) = std::env::var_os("ARGMAP_HTML_SCREENSHOT") {
        cmd.arg("--screenshot").arg(shot);
    }
    let o = run(&mut cmd, Duration::from_secs(180));
    let out = String::from_utf8_lossy(&o.stdout);
    eprintln!("{out}");
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // The first paint is measured and printed (target 1 s), not asserted:
    // a timed test would fail on a busy machine.
    let paint = out
        .lines()
        .find_map(|l| l.strip_prefix("first-paint-ms "))
        .and_then(|n| n.trim().parse::<f64>().ok())
        .expect("the script reports the first paint");
    let drawn = out
        .lines()
        .find_map(|l| l.strip_prefix("drawn-ms "))
        .and_then(|n| n.trim().parse::<f64>().ok())
        .expect("the script reports when the drawing was painted");
    eprintln!(
        "first paint of the speech map: {paint} ms, drawing painted at {drawn} ms (target 1000)"
    );
    assert_eq!(out.matches("nothing ran").count(), HOSTILE.len(), "{out}");
    assert!(out.contains("tour overlay: "), "{out}");
    assert!(out.contains("big map: "), "{out}");
}
