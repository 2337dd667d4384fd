//! Counting edge crossings in a drawing, for comparing layouts.

use crate::model::Pos;

/// One straight piece of a route.
#[derive(Clone, Copy, Debug)]
struct Segment {
    a: (f64, f64),
    b: (f64, f64),
    route: u32,
}

/// The number of crossings between different polylines of a drawing: pairs
/// of segments that cross at a point inside both. Touching at an end point
/// (edges meeting at a node) and overlapping collinear pieces do not count,
/// nor does a polyline crossing itself.
///
/// Segments go into a grid whose cell size follows their average extent;
/// only segments sharing a cell are compared, and each crossing is counted
/// in the one cell that holds it, so a drawing of 10,000 edges takes
/// milliseconds.
pub fn count_crossings(routes: &[Vec<Pos>]) -> usize {
    let mut segments = Vec::new();
    for (r, points) in routes.iter().enumerate() {
        for pair in points.windows(2) {
            let a = (pair[0].x as f64, pair[0].y as f64);
            let b = (pair[1].x as f64, pair[1].y as f64);
            let finite = a.0.is_finite() && a.1.is_finite() && b.0.is_finite() && b.1.is_finite();
            if finite && a != b {
                segments.push(Segment {
                    a,
                    b,
                    route: r as u32,
                });
            }
        }
    }
    if segments.len() < 2 {
        return 0;
    }
    let (mut min_x, mut min_y) = (f64::INFINITY, f64::INFINITY);
    let (mut sum_dx, mut sum_dy) = (0.0, 0.0);
    for s in &segments {
        min_x = min_x.min(s.a.0.min(s.b.0));
        min_y = min_y.min(s.a.1.min(s.b.1));
        sum_dx += (s.a.0 - s.b.0).abs();
        sum_dy += (s.a.1 - s.b.1).abs();
    }
    let count = segments.len() as f64;
    let cell_w = (sum_dx / count).max(1e-3);
    let cell_h = (sum_dy / count).max(1e-3);
    let cell = |x: f64, y: f64| {
        (
            ((x - min_x) / cell_w).floor().clamp(0.0, 1e9) as i64,
            ((y - min_y) / cell_h).floor().clamp(0.0, 1e9) as i64,
        )
    };
    let range = |s: &Segment| {
        let lo = cell(s.a.0.min(s.b.0), s.a.1.min(s.b.1));
        let hi = cell(s.a.0.max(s.b.0), s.a.1.max(s.b.1));
        (lo, hi)
    };
    let mut entries: Vec<(i64, i64, u32)> = Vec::new();
    for (k, s) in segments.iter().enumerate() {
        let (lo, hi) = range(s);
        for cx in lo.0..=hi.0 {
            for cy in lo.1..=hi.1 {
                entries.push((cx, cy, k as u32));
            }
        }
    }
    entries.sort_unstable();
    let mut total = 0;
    let mut start = 0;
    while start < entries.len() {
        let (cx, cy, _) = entries[start];
        let mut end = start;
        while end < entries.len() && entries[end].0 == cx && entries[end].1 == cy {
            end += 1;
        }
        for i in start..end {
            let s = &segments[entries[i].2 as usize];
            for entry in &entries[i + 1..end] {
                let t = &segments[entry.2 as usize];
                if s.route == t.route {
                    continue;
                }
                if let Some(p) = crossing(s, t) {
                    let (rs, rt) = (range(s), range(t));
                    let (px, py) = cell(p.0, p.1);
                    let px = px.clamp(rs.0.0.max(rt.0.0), rs.1.0.min(rt.1.0));
                    let py = py.clamp(rs.0.1.max(rt.0.1), rs.1.1.min(rt.1.1));
                    if (px, py) == (cx, cy) {
                        total += 1;
                    }
                }
            }
        }
        start = end;
    }
    total
}

/// Twice the signed area of the triangle `o`, `a`, `b`.
fn orient(o: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
}

/// The point where `s` and `t` cross properly, if they do.
fn crossing(s: &Segment, t: &Segment) -> Option<(f64, f64)> {
    let d1 = orient(s.a, s.b, t.a);
    let d2 = orient(s.a, s.b, t.b);
    let d3 = orient(t.a, t.b, s.a);
    let d4 = orient(t.a, t.b, s.b);
    if d1 * d2 < 0.0 && d3 * d4 < 0.0 {
        let f = d3 / (d3 - d4);
        Some((s.a.0 + (s.b.0 - s.a.0) * f, s.a.1 + (s.b.1 - s.a.1) * f))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::count_crossings;
    use crate::model::Pos;

    fn line(points: &[(f32, f32)]) -> Vec<Pos> {
        points.iter().map(|&(x, y)| Pos::new(x, y)).collect()
    }

    #[test]
    fn counts_an_x_once_and_ignores_shared_ends() {
        let x = vec![
            line(&[(0.0, 0.0), (10.0, 10.0)]),
            line(&[(0.0, 10.0), (10.0, 0.0)]),
        ];
        assert_eq!(count_crossings(&x), 1);
        let fan = vec![
            line(&[(5.0, 0.0), (0.0, 10.0)]),
            line(&[(5.0, 0.0), (10.0, 10.0)]),
        ];
        assert_eq!(count_crossings(&fan), 0);
        let parallel = vec![
            line(&[(0.0, 0.0), (10.0, 0.0)]),
            line(&[(0.0, 1.0), (10.0, 1.0)]),
        ];
        assert_eq!(count_crossings(&parallel), 0);
    }

    #[test]
    fn matches_brute_force_on_a_random_drawing() {
        let mut rng = crate::synth::Rng::new(5);
        let mut coord = || (rng.below(1000) as f32, rng.below(300) as f32);
        let routes: Vec<Vec<Pos>> = (0..300)
            .map(|_| {
                let (a, b, c) = (coord(), coord(), coord());
                line(&[a, b, c])
            })
            .collect();
        let mut brute = 0;
        for i in 0..routes.len() {
            for j in i + 1..routes.len() {
                for p in routes[i].windows(2) {
                    for q in routes[j].windows(2) {
                        brute += count_crossings(&[p.to_vec(), q.to_vec()]);
                    }
                }
            }
        }
        assert!(brute > 100);
        assert_eq!(count_crossings(&routes), brute);
    }
}
