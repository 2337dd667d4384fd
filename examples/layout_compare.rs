//! Helper for `benches/compare_dot.sh`: lays out a generated argument map
//! with Argmap, writes the same graph with the same box sizes as DOT, and
//! counts edge crossings of Graphviz's `-Tplain` drawing with the same
//! counter Argmap's drawing is counted with.
//!
//! ```text
//! layout_compare dot N SEED OUT.dot [compact|wide]
//!                                     # time Argmap, count its crossings, write OUT.dot
//! layout_compare plain FILE.plain     # count the crossings of dot's drawing
//! ```

use std::fmt::Write as _;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use argmap::layout::{
    EstimatedSizes, LayoutOptions, LayoutStyle, NodeSizes, count_crossings, layout,
};
use argmap::model::{Map, Pos};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["dot", n, seed, out] => run_argmap(n.parse()?, seed.parse()?, out, "compact"),
        ["dot", n, seed, out, style] => run_argmap(n.parse()?, seed.parse()?, out, style),
        ["plain", file] => {
            let text = std::fs::read_to_string(file).with_context(|| format!("reading {file}"))?;
            let routes = plain_routes(&text)?;
            println!("dot_edges={}", routes.len());
            if let Some(graph) = text.lines().next().filter(|l| l.starts_with("graph ")) {
                let f = split_plain(graph);
                if let (Some(w), Some(h)) = (f.get(2), f.get(3)) {
                    let (w, h): (f32, f32) = (w.parse()?, h.parse()?);
                    println!("dot_aspect={:.2}", w / h);
                }
            }
            println!("dot_crossings={}", count_crossings(&routes));
            Ok(())
        }
        _ => bail!(
            "usage: layout_compare dot N SEED OUT.dot [compact|wide] | layout_compare plain FILE.plain"
        ),
    }
}

/// Times Argmap's layout of `synth::argument_map(n, seed)`, prints the
/// figures, and writes the graph as DOT to `out`.
fn run_argmap(n: usize, seed: u64, out: &str, style: &str) -> Result<()> {
    let map = argmap::synth::argument_map(n, seed);
    let sizes = EstimatedSizes::new(&map);
    let Some(style) = LayoutStyle::parse(style) else {
        bail!("unknown style '{style}': use compact or wide");
    };
    let options = LayoutOptions {
        style,
        ..LayoutOptions::default()
    };
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..3 {
        let start = Instant::now();
        result = Some(layout(&map, &sizes, &options));
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let result = result.expect("ran");
    let routes: Vec<Vec<Pos>> = result.routes.iter().map(|(_, r)| r.clone()).collect();
    println!(
        "nodes={} edges={}",
        map.node_count(),
        map.graph().edge_count()
    );
    println!("argmap_seconds={:.4}", times[1]);
    println!("argmap_crossings={}", count_crossings(&routes));
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for &(ix, p) in &result.positions {
        let (w, h) = sizes.size(ix);
        x0 = x0.min(p.x - w / 2.0);
        x1 = x1.max(p.x + w / 2.0);
        y0 = y0.min(p.y - h / 2.0);
        y1 = y1.max(p.y + h / 2.0);
    }
    println!("argmap_aspect={:.2}", (x1 - x0) / (y1 - y0));
    std::fs::write(out, to_dot(&map, &sizes, &options))
        .with_context(|| format!("writing {out}"))?;
    Ok(())
}

/// The map as DOT: same boxes (inches = px / 72), same gaps, conclusions on top.
fn to_dot(map: &Map, sizes: &dyn NodeSizes, options: &LayoutOptions) -> String {
    let graph = map.graph();
    let mut dot = String::from("digraph argmap {\n  rankdir=TB;\n");
    let _ = writeln!(
        dot,
        "  nodesep={:.3}; ranksep={:.3};\n  node [label=\"\", fixedsize=true];",
        options.node_gap / 72.0,
        options.layer_gap / 72.0
    );
    for node in map.nodes_sorted() {
        let ix = map.index_of(&node.id).expect("listed");
        let (w, h) = sizes.size(ix);
        let shape = if node.is_statement() { "box" } else { "circle" };
        let _ = writeln!(
            dot,
            "  \"{}\" [shape={shape}, width={:.3}, height={:.3}];",
            node.id,
            w / 72.0,
            h / 72.0
        );
    }
    let mut edges: Vec<_> = graph.edge_references().collect();
    edges.sort_by_key(|e| e.id());
    for e in edges {
        // Drawn conclusion above premise, as Argmap does; the arrow still
        // points from premise to conclusion.
        let _ = writeln!(
            dot,
            "  \"{}\" -> \"{}\" [dir=back];",
            graph[e.target()].id,
            graph[e.source()].id
        );
    }
    dot.push_str("}\n");
    dot
}

/// Edge polylines from `dot -Tplain` output: each edge's B-spline control
/// points, sampled along every cubic piece.
fn plain_routes(text: &str) -> Result<Vec<Vec<Pos>>> {
    let mut routes = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("edge ")) {
        let fields = split_plain(line);
        let n: usize = fields
            .get(3)
            .context("edge line without a point count")?
            .parse()?;
        let mut pts = Vec::with_capacity(n);
        for k in 0..n {
            let x: f32 = fields.get(4 + 2 * k).context("short edge line")?.parse()?;
            let y: f32 = fields.get(5 + 2 * k).context("short edge line")?.parse()?;
            pts.push(Pos::new(x * 72.0, -y * 72.0));
        }
        let mut route = vec![pts[0]];
        for piece in pts[1..].chunks(3) {
            if let [c1, c2, p] = piece {
                let p0 = *route.last().expect("started");
                for step in 1..=4 {
                    let t = step as f32 / 4.0;
                    let u = 1.0 - t;
                    let b = |a: f32, b: f32, c: f32, d: f32| {
                        u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
                    };
                    route.push(Pos::new(b(p0.x, c1.x, c2.x, p.x), b(p0.y, c1.y, c2.y, p.y)));
                }
            } else {
                route.extend_from_slice(piece);
            }
        }
        routes.push(route);
    }
    Ok(routes)
}

/// Splits a `-Tplain` line on spaces, keeping quoted names whole.
fn split_plain(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    fields.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        fields.push(cur);
    }
    fields
}
