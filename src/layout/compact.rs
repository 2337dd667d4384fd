//! The compact layout: the layered layout with a width budget per layer,
//! chosen so that the drawing fits a target aspect ratio.
//!
//! Argument maps are bushy trees: a longest-path layering puts every reason
//! of a thesis on one layer and draws a long thin strip (the speech map was
//! 5:1, a generated 10k map hundreds to one). Here layers are filled in
//! list-scheduling order instead, as in Coffman and Graham's width-bounded
//! layering ("Optimal scheduling for two-processor systems", 1972) and the
//! "wrapping" of long layers in ELK's layered algorithm: nodes are taken
//! layer by layer and in tree order as soon as all their parents are
//! placed, and each goes to the first layer below its parents (with the
//! statement/connector parity) that still has room within the budget. A
//! layer that is full wraps onto the next free statement layer. Big maps
//! ([`SUBTREE_FILL_FROM`]) are filled subtree by subtree instead (ready
//! nodes in tree order alone), so that children stay close below their
//! parents rather than every depth wrapping over many rows. The edge to
//! a wrapped node gets dummy points like any long edge, so it runs through
//! the gaps between boxes and still points up. The co-premises of a linked
//! inference are placed as one group, on one layer, and kept next to each
//! other in the order.
//!
//! Maps whose widest layer fits [`NO_WRAP_WIDTH`] are not wrapped at all.
//! Otherwise the budget is found by measurement: a cheap estimate of the drawing's
//! width and height from the layering alone (the fullest layer, and the sum
//! of the layers' tallest boxes) is searched with a secant step on the
//! square root of the aspect ratio (width grows with the budget, height
//! shrinks with it); trial runs of the pipeline (one crossing-reduction
//! sweep, coordinates, and rows as they will be drawn: one band per layer,
//! or sized per column at compactness 0.75 and above, see `columns.rs`)
//! measure the real aspect ratio and re-aim the estimate, up to five
//! times; the best budget then gets the full crossing reduction, measured
//! and re-aimed once more if it missed by over 10 %.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::columns::{Skyline, column_bands, place_alone};
use super::compact_x::place_x;
use super::dag::{Dag, NONE};
use super::layering::{self, Layered};
use super::ordering;

/// Gaps and target of one compact layout.
#[derive(Clone, Copy, Debug)]
pub(super) struct Target {
    /// Wanted width / height of the drawing (internal frame: along the
    /// layers / across them).
    pub aspect: f64,
    /// Free space between boxes of one layer, in pixels.
    pub node_gap: f64,
    /// Free space between layers, in pixels.
    pub layer_gap: f64,
    /// Crossing-reduction sweeps.
    pub effort: usize,
    /// Keep the rows of placed boxes (see [`super::LayoutOptions::keep_positions`]).
    pub keep_positions: bool,
    /// Rows sized per column ([`column_bands`]) instead of one band per
    /// layer: what the budget search measures, and how kept rows are read.
    pub columns: bool,
    /// Statements with no edge (notes) take no room in the layers and are
    /// packed into the free space last ([`place_alone`]); set by
    /// [`arrange`] for fresh layouts with rows per column and no pins.
    pub free_alone: bool,
    /// No pinned nodes and no kept positions: the roots' direct premises
    /// are gathered (`compact_x.rs`); set by [`arrange`].
    pub fresh: bool,
    /// Factor (at most 1) by which horizontal places are drawn together
    /// about their middle before each layer is spread apart again
    /// (`compact_x.rs`): trades width for height with rows sized per
    /// column, where boxes of different layers give way downwards. 1 for
    /// none; [`fit_tighter`] tries smaller ones.
    pub squeeze: f64,
}

/// Whether node `v` of `dag` has no edge at all (a note, a stray claim).
pub(super) fn edgeless(dag: &Dag, v: usize) -> bool {
    dag.parents[v].is_empty() && dag.children[v].is_empty()
}

/// Layouts of `RETRY_FROM..RETRY_BELOW` layout nodes that miss their aspect
/// ratio by over 20 % are retried aimed to either side ([`RETRY_AIMS`]):
/// cheap there, and the layering of a small map changes in steps big
/// enough that the aim's own layering can land past a closer one (a linked
/// 277-statement map, tight: aimed at 0.7 its own layering draws 0.93,
/// outside the 25 % band; a retry beside the aim comes within it). Tiny
/// maps are left alone: a handful of boxes has no layering near most aims,
/// and retrying would only move them.
const RETRY_BELOW: usize = 2_000;
/// See [`RETRY_BELOW`].
const RETRY_FROM: usize = 100;
/// Factors on the wanted aspect ratio for those retries, nearest first.
const RETRY_AIMS: [f64; 4] = [1.1, 1.0 / 1.1, 1.2, 1.0 / 1.2];

/// The compact layering of `dag`, ordered, with horizontal coordinates.
pub(super) fn arrange(dag: &Dag, target: &Target) -> (Layered, Vec<f64>) {
    let first = arrange_aimed(dag, target);
    if target.keep_positions || !(RETRY_FROM..RETRY_BELOW).contains(&dag.len()) {
        return first;
    }
    let groups = Groups::of(dag);
    let fresh = dag.pinned.iter().all(Option::is_none);
    let measured = Target {
        free_alone: target.columns && fresh,
        fresh,
        ..*target
    };
    let wanted = target.aspect.clamp(1e-3, 1e3);
    let miss = |got: &(Layered, Vec<f64>)| {
        (measure(dag, &groups, &got.0, &got.1, &measured) / wanted)
            .ln()
            .abs()
    };
    let good_enough = 1.2f64.ln();
    let mut best_miss = miss(&first);
    let mut best = first;
    for factor in RETRY_AIMS {
        if best_miss <= good_enough {
            break;
        }
        let aimed = Target {
            aspect: target.aspect * factor,
            ..*target
        };
        let got = arrange_aimed(dag, &aimed);
        let m = miss(&got);
        if m < best_miss {
            best_miss = m;
            best = got;
        }
    }
    best
}

/// [`arrange`] aimed once at `target.aspect`.
fn arrange_aimed(dag: &Dag, target: &Target) -> (Layered, Vec<f64>) {
    let groups = Groups::of(dag);
    let fresh = !target.keep_positions && dag.pinned.iter().all(Option::is_none);
    let target = &Target {
        free_alone: target.columns && fresh,
        fresh,
        ..*target
    };
    let placed = (0..dag.len()).filter(|&v| dag.current[v].is_some()).count();
    if target.keep_positions && placed * 2 >= dag.len() {
        // A relayout after a small edit: keep the rows the user knows.
        let layers = if target.columns {
            kept_layers(dag, target.node_gap)
        } else {
            kept_band_layers(dag, target.layer_gap)
        };
        let mut lay = Layered::with_layers(dag, layers);
        ordering::order(dag, &mut lay, target.effort);
        ordering::keep_together(&mut lay, &groups.members);
        let xs = place_x(&lay, dag, target);
        return (lay, xs);
    }
    let wanted = target.aspect.clamp(1e-3, 1e3);
    // A laid-out big map laid out again keeps its rows where it can.
    if placed == dag.len()
        && fills_by_subtree(dag)
        && !target.columns
        && let Some(again) = same_rows(dag, &groups, target, wanted)
    {
        return again;
    }
    // Aim cheap trials (seed order only, linear) at the wanted ratio over
    // the factor by which crossing reduction will widen the drawing,
    // guessed from the dummy points of the layering (see `Widen::Guess`).
    // The full run then measures the real factor and re-aims (below).
    let cheap = dummy_heavy(dag, &groups, target, wanted);
    let how = if cheap {
        Trials {
            effort: 0,
            widen: Widen::Guess,
            within: 1.1,
        }
    } else {
        Trials {
            effort: 1,
            widen: Widen::By(1.0),
            within: 1.1,
        }
    };
    // The layering estimate of a map filled by subtree is far narrower
    // than its drawing: start the trials from where that drawing lands.
    let start = if cheap && fills_by_subtree(dag) {
        wanted / SUBTREE_ESTIMATE_WIDEN
    } else {
        wanted
    };
    let (budget0, aim0, cheap0) = aim_trials(dag, &groups, target, how, start);
    let trial = Trial {
        real: cheap0,
        budget: budget0,
        aim: aim0,
    };
    let (mut budget, mut aim) = (trial.budget, trial.aim);
    // The full run's order can change the drawing's width (with rows sized
    // per column, by 20 % and more): measure it, and re-aim up to
    // `FINAL_AIMS` times while it misses by over 10 % (by over
    // `BIG_WITHIN` for maps with cheap trials), keeping the closest.
    let within = if cheap { BIG_WITHIN } else { 1.1f64 };
    let (lay, xs) = full(dag, &groups, target, budget, target.effort);
    let mut real = measure(dag, &groups, &lay, &xs, target);
    let mut chosen = ((real / wanted).ln().abs(), lay, xs);
    // Budgets known to give a drawing too narrow / too wide (full runs).
    let (mut narrow, mut wide) = (f64::NEG_INFINITY, f64::INFINITY);
    // The cheap trial's aspect ratio at `cheap_at` (the trials' budget).
    let mut cheap_real = Some(trial.real);
    let mut cheap_at = budget;
    for _ in 0..FINAL_AIMS {
        if !(real.is_finite() && real > 0.0) || chosen.0 < within.ln() {
            break;
        }
        if real < wanted {
            narrow = narrow.max(budget);
        } else {
            wide = wide.min(budget);
        }
        // The full order widens the drawing by a factor that hardly
        // changes with the budget (a generated 10k map: 2.3-2.4 between
        // budgets 20k and 26k): aim cheap trials (seed order only) at the
        // wanted ratio over that factor, instead of a full run per step.
        let widen = if cheap {
            let at = *cheap_real.get_or_insert_with(|| {
                let (lay, xs) = full(dag, &groups, target, budget, 0);
                measure(dag, &groups, &lay, &xs, target)
            });
            real / at
        } else {
            f64::NAN
        };
        aim *= wanted / real;
        let mut next = if widen.is_finite() && widen > 0.0 {
            let how = Trials {
                widen: Widen::By(widen),
                ..how
            };
            let (b, a, r) = aim_trials(dag, &groups, target, how, aim);
            aim = a;
            cheap_real = Some(r);
            cheap_at = b;
            b
        } else {
            search(dag, &groups, target, aim)
        };
        // The estimate can be stuck on one layering (its budget steps over
        // no layer's fill): then step the budget itself, as width grows
        // and height shrinks with it (aspect ~ budget squared). Maps that
        // fit unwrapped get the widest budget (see `search`) and stay so.
        let (lo, hi) = budget_range(dag, &groups, target);
        let direct = (budget * (wanted / real).sqrt()).clamp(lo, hi);
        if next >= hi {
            next = hi;
        } else if (next - budget).abs() < 1.0 || (next < budget) != (direct < budget) {
            next = direct;
        } else if (next - budget).abs() < (direct - budget).abs() / 2.0 {
            next = (next + direct) / 2.0;
        }
        // The aspect ratio jumps between layerings: once a budget on each
        // side is known, stay between them (bisect when a step leaves).
        if narrow.is_finite() && wide.is_finite() && !(narrow < next && next < wide) {
            next = (narrow + wide) / 2.0;
        }
        if (next - budget).abs() < 1.0 {
            break;
        }
        if cheap_at != next {
            cheap_real = None; // the step left the cheap trials' budget
        }
        budget = next;
        let (lay, xs) = full(dag, &groups, target, budget, target.effort);
        real = measure(dag, &groups, &lay, &xs, target);
        let miss = (real / wanted).ln().abs();
        if miss < chosen.0 {
            chosen = (miss, lay, xs);
        }
    }
    if target.columns && chosen.0 < (1.2f64).ln() {
        return fit_tighter(dag, &groups, target, budget, (chosen.1, chosen.2));
    }
    (chosen.1, chosen.2)
}

/// Rows per column: the budgets [`NEIGHBOURS`] around `budget` often give a
/// drawing that fits a page or window of the wanted aspect ratio larger
/// (the layering changes in steps, and the packing with it), and so does
/// drawing the boxes together horizontally ([`Target::squeeze`]: boxes of
/// different layers then give way downwards). Tries each budget with each
/// of [`SQUEEZES`] (small maps) or without squeezing, and keeps the
/// arrangement whose size for that aspect (the larger of width / aspect
/// and height) is least, among those within 20 % of the wanted aspect
/// ratio.
fn fit_tighter(
    dag: &Dag,
    groups: &Groups,
    target: &Target,
    budget: f64,
    got: (Layered, Vec<f64>),
) -> (Layered, Vec<f64>) {
    let wanted = target.aspect.clamp(1e-3, 1e3);
    let size = |(w, h): (f64, f64)| (w / wanted).max(h);
    let mut best_size = size(extent(dag, groups, &got.0, &got.1, target));
    let mut best = got;
    let (lo, hi) = budget_range(dag, groups, target);
    let squeezes: &[f64] = if dag.len() <= SQUEEZE_UP_TO {
        &SQUEEZES
    } else {
        &[1.0]
    };
    // Budgets step over no layer's fill often: each layering once.
    let mut seen: Vec<Vec<u32>> = vec![layers(dag, groups, budget, target)];
    for f in NEIGHBOURS {
        let b = (budget * f).clamp(lo, hi);
        let same_budget = (b - budget).abs() < 1.0;
        if !same_budget {
            let layering = layers(dag, groups, b, target);
            if seen.contains(&layering) {
                continue;
            }
            seen.push(layering);
        }
        for &squeeze in squeezes {
            if same_budget && squeeze == 1.0 {
                continue; // that is `got`
            }
            let target = &Target { squeeze, ..*target };
            let (lay, xs) = full(dag, groups, target, b, target.effort);
            let (w, h) = extent(dag, groups, &lay, &xs, target);
            if (w / h / wanted).ln().abs() < (1.2f64).ln() && size((w, h)) < best_size {
                best_size = size((w, h));
                best = (lay, xs);
            }
        }
    }
    best
}

/// Budget factors [`fit_tighter`] tries.
const NEIGHBOURS: [f64; 29] = [
    0.800, 0.825, 0.850, 0.875, 0.900, 0.925, 0.950, 0.975, 1.000, 1.025, 1.050, 1.075, 1.100,
    1.125, 1.150, 1.175, 1.200, 1.225, 1.250, 1.275, 1.300, 1.325, 1.350, 1.375, 1.400, 1.425,
    1.450, 1.475, 1.500,
];

/// Squeeze factors ([`Target::squeeze`]) [`fit_tighter`] tries on maps of
/// up to [`SQUEEZE_UP_TO`] nodes (with the wider budget range, the speech
/// map then fits an A3 page 15 % larger: drawn 2,649 x 1,813 px against
/// 3,035 x 2,082 px).
const SQUEEZES: [f64; 12] = [
    1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.4,
];

/// Maps with more nodes than this are not squeezed: each squeeze is one
/// more full run per budget.
const SQUEEZE_UP_TO: usize = 400;

/// The closest cheap trial run of the budget search.
struct Trial {
    /// The measured aspect ratio.
    real: f64,
    /// The layer budget, in pixels.
    budget: f64,
    /// The aspect ratio the estimate was aimed at.
    aim: f64,
}

/// By how much crossing reduction widens a cheap trial's drawing.
#[derive(Clone, Copy, Debug)]
enum Widen {
    /// Measured on a full run.
    By(f64),
    /// Guessed from each trial's layering as 1 + ln(all nodes / real
    /// nodes) / 2, from the dummy points (layer-by-layer fill: the
    /// generated 1k / 5k / 10k maps 1.9 / 2.3 / 2.6 guessed, 1.9 / 2.5 /
    /// 2.5 measured), or / 4 for maps filled by subtree (5k / 10k: 1.46 /
    /// 1.53 guessed, 1.3-1.4 / 1.6-1.8 measured).
    Guess,
}

/// How [`aim_trials`] runs its trials.
#[derive(Clone, Copy, Debug)]
struct Trials {
    /// Crossing-reduction sweeps of each trial: 0 is the seed order only.
    effort: usize,
    /// By how much the full run will widen a trial's drawing.
    widen: Widen,
    /// Done once a trial's aspect ratio is within this factor of its goal.
    within: f64,
}

/// Trial runs re-aiming the estimate from `aim` until a trial's aspect
/// ratio times the widening is within `how.within` of the wanted one, up
/// to five runs. Returns the closest trial's budget, the aim that gave
/// it, and its aspect ratio.
fn aim_trials(
    dag: &Dag,
    groups: &Groups,
    target: &Target,
    how: Trials,
    aim: f64,
) -> (f64, f64, f64) {
    let wanted = target.aspect.clamp(1e-3, 1e3);
    let mut aim = aim;
    let mut best = (f64::INFINITY, 0.0, aim, wanted);
    let mut tried: Vec<f64> = Vec::new();
    for _ in 0..5 {
        let budget = search(dag, groups, target, aim);
        if tried.contains(&budget) {
            break;
        }
        tried.push(budget);
        let (lay, xs) = full(dag, groups, target, budget, how.effort);
        let real = measure(dag, groups, &lay, &xs, target);
        let factor = match how.widen {
            Widen::By(f) => f,
            // A laid-out map seeds the order with its drawing's, which is
            // already as wide as crossing reduction makes it.
            Widen::Guess if seeded_by_drawing(dag) => 1.0,
            Widen::Guess => {
                let polished = if ordering::polishes(lay.count()) {
                    POLISH_WIDEN
                } else {
                    1.0
                };
                let per = if fills_by_subtree(dag) { 4.0 } else { 2.0 };
                polished
                    * (1.0 + (lay.count() as f64 / dag.len().max(1) as f64).ln().max(0.0) / per)
            }
        };
        let goal = wanted / factor;
        let miss = (real / goal).ln().abs();
        if miss < best.0 {
            best = (miss, budget, aim, real);
        }
        if !(real.is_finite() && real > 0.0) || miss < how.within.ln() {
            break;
        }
        aim *= goal / real;
    }
    (best.1, best.2, best.3)
}

/// Whether crossing reduction starts from the current drawing's order
/// (most nodes placed or pinned), as `ordering::order` decides.
fn seeded_by_drawing(dag: &Dag) -> bool {
    let n = dag.len();
    let placed = (0..n)
        .filter(|&v| dag.current[v].is_some() || dag.pinned[v].is_some())
        .count();
    n > 1 && placed * 2 >= n
}

/// By how much the full run's polish (`ordering::polish`) widens the
/// drawing besides the sweeps: the generated 5k map drew 1.74 unpolished
/// and 1.87 polished at one budget, so without this its first full run
/// missed the target by over 10 % and was run again (0.5 s).
const POLISH_WIDEN: f64 = 1.07;

/// Maps with cheap trials ([`CHEAP_TRIALS_FROM`]) keep their first full
/// run when it is within this factor (20 %) of the wanted aspect ratio:
/// there a full run costs as much as all the trials together (the
/// generated 5k map: 0.12 s against 5 trials of 0.03 s), and the
/// widening it brings varies from map to map (1.3 to 1.8 on the 5k and
/// 10k maps), so a tighter aim would often cost a second full run.
const BIG_WITHIN: f64 = 1.2;

/// Re-aims of the full run when its aspect ratio misses by over 10 %.
const FINAL_AIMS: usize = 4;

/// Layered graphs (real nodes and dummy points) above this many nodes
/// get cheap budget trials: seed order only, aimed with a guessed
/// widening. Smaller ones order each trial with one sweep, whose drawing
/// is about as wide as the full run's, so that laying out a laid-out map
/// again reproduces it.
const CHEAP_TRIALS_FROM: usize = 20_000;

/// Whether the layering at the estimate's budget for `wanted` has more
/// than [`CHEAP_TRIALS_FROM`] nodes, dummy points included.
fn dummy_heavy(dag: &Dag, groups: &Groups, target: &Target, wanted: f64) -> bool {
    let layer = layers(dag, groups, search(dag, groups, target, wanted), target);
    let dummies: usize = (dag.edges.iter())
        .map(|e| (layer[e.lower as usize].saturating_sub(layer[e.upper as usize] + 1)) as usize)
        .sum();
    dag.len() + dummies > CHEAP_TRIALS_FROM
}

/// Layering, crossing reduction and coordinates for one budget.
fn full(
    dag: &Dag,
    groups: &Groups,
    target: &Target,
    budget: f64,
    effort: usize,
) -> (Layered, Vec<f64>) {
    let mut lay = Layered::with_layers(dag, layers(dag, groups, budget, target));
    if effort == 0 {
        ordering::seed_order(dag, &mut lay);
    } else if ordering::keeps_swept_order(lay.count()) {
        ordering::order(dag, &mut lay, effort.min(BIG_EFFORT));
    } else {
        ordering::order(dag, &mut lay, effort);
    }
    ordering::keep_together(&mut lay, &groups.members);
    let mut xs = place_x(&lay, dag, target);
    if target.free_alone {
        let gaps = (target.layer_gap, target.node_gap);
        place_alone(dag, &lay, &mut xs, &groups.of, gaps, target.aspect);
    }
    (lay, xs)
}

/// Sweeps for layerings too big to polish (`ordering::keeps_swept_order`). The tree-order
/// seed of a subtree-by-subtree layering is already good there, and
/// further sweeps gain little for their cost (the generated 5k map: 2
/// sweeps 34,133 crossings in 0.055 s, 8 sweeps 33,725 in 0.15 s; the 10k
/// map: 155,414 in 0.15 s against 153,012 in 0.45 s; dot draws 88,407
/// and 471,797).
const BIG_EFFORT: usize = 2;

/// The narrowest and the widest useful layer budget, in pixels: the widest
/// box or co-premise group (with gaps), and every box on one layer.
fn budget_range(dag: &Dag, groups: &Groups, target: &Target) -> (f64, f64) {
    let widest_box = (0..dag.len())
        .map(|v| dag.size[v].0 as f64 + target.node_gap)
        .fold(0.0, f64::max);
    let widest_group = groups
        .members
        .iter()
        .map(|g| {
            g.iter()
                .map(|&v| dag.size[v as usize].0 as f64 + target.node_gap)
                .sum::<f64>()
        })
        .fold(widest_box, f64::max);
    let total: f64 = (0..dag.len())
        .map(|v| dag.size[v].0 as f64 + target.node_gap)
        .sum();
    (widest_group, total.max(widest_group))
}

/// The layer budget (pixels) whose estimated aspect ratio is closest to
/// `wanted`: the narrowest budget is the widest box, the widest one holds
/// every layer of the longest-path layering.
fn search(dag: &Dag, groups: &Groups, target: &Target, wanted: f64) -> f64 {
    let (lo, hi) = budget_range(dag, groups, target);
    let aspect_at = |budget: f64| {
        let layer = layers(dag, groups, budget, target);
        estimate_layers(dag, &layer, target)
    };
    // A map whose widest layer fits a screen or a page at full size is
    // left unwrapped: wrapping it would only add long edges.
    let unwrapped = layers(dag, groups, hi, target);
    if widest_layer(dag, &unwrapped, target) <= NO_WRAP_WIDTH {
        return hi;
    }
    // Area-based first guess, then secant steps on sqrt(aspect) ~ budget.
    let area: f64 = (0..dag.len())
        .filter(|&v| !dag.inference[v])
        .map(|v| {
            (dag.size[v].0 as f64 + target.node_gap)
                * (dag.size[v].1 as f64 + 2.0 * target.layer_gap + 18.0)
        })
        .sum();
    let mut budget = (area * wanted).sqrt().clamp(lo, hi);
    let mut best = (f64::INFINITY, budget);
    for _ in 0..8 {
        let a = aspect_at(budget);
        let miss = (a / wanted).ln().abs();
        if miss < best.0 {
            best = (miss, budget);
        }
        if miss < 0.03 || !a.is_finite() || a <= 0.0 {
            break;
        }
        let next = (budget * (wanted / a).sqrt()).clamp(lo, hi);
        if (next - budget).abs() < 1.0 {
            break;
        }
        budget = next;
    }
    best.1
}

/// The real aspect ratio of a finished arrangement: the extent of the
/// boxes along the layers over their extent across them, with rows sized
/// per column as [`super::place::finish`] will draw them (with pinned
/// nodes, one band per layer, as `finish` draws those).
fn measure(dag: &Dag, groups: &Groups, lay: &Layered, xs: &[f64], target: &Target) -> f64 {
    let (w, h) = extent(dag, groups, lay, xs, target);
    w / h
}

/// Width and height of a finished arrangement, in pixels, as [`measure`]
/// measures them.
fn extent(dag: &Dag, groups: &Groups, lay: &Layered, xs: &[f64], target: &Target) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for (v, &x) in xs.iter().enumerate().take(dag.len()) {
        let half = dag.size[v].0 as f64 / 2.0;
        lo = lo.min(x - half);
        hi = hi.max(x + half);
    }
    if !target.columns || dag.pinned.iter().any(Option::is_some) {
        return (hi - lo, height(dag, &lay.layer[..dag.len()], target));
    }
    let bands = column_bands(
        dag,
        lay,
        xs,
        &groups.of,
        None,
        target.layer_gap,
        target.node_gap,
    );
    let top = bands.iter().map(|b| b.top).fold(f64::INFINITY, f64::min);
    let bottom = bands
        .iter()
        .map(|b| b.bottom)
        .fold(f64::NEG_INFINITY, f64::max);
    (hi - lo, (bottom - top).max(1.0))
}

/// Widest layer that is never wrapped, in pixels: about a laptop screen,
/// or an A3 landscape page at full size (1,491 px).
pub(super) const NO_WRAP_WIDTH: f64 = 1200.0;

/// The widest layer of `layer`, boxes and gaps packed tightly, in pixels.
fn widest_layer(dag: &Dag, layer: &[u32], target: &Target) -> f64 {
    let depth = layer.iter().max().map_or(0, |&l| l as usize + 1);
    let mut used = vec![0.0f64; depth];
    for (v, &l) in layer.iter().enumerate() {
        if !(target.free_alone && edgeless(dag, v)) {
            used[l as usize] += dag.size[v].0 as f64 + target.node_gap;
        }
    }
    used.iter().fold(0.0f64, |a, &b| a.max(b))
}

/// Estimated width over height of a drawing with layers `layer`: the
/// fullest layer's boxes and gaps packed tightly, over the sum of the
/// layers' tallest boxes.
fn estimate_layers(dag: &Dag, layer: &[u32], target: &Target) -> f64 {
    widest_layer(dag, layer, target) / height(dag, layer, target)
}

/// Height of the layer bands: every non-empty layer as tall as its tallest
/// box, `layer_gap` apart.
fn height(dag: &Dag, layer: &[u32], target: &Target) -> f64 {
    let depth = layer.iter().max().map_or(0, |&l| l as usize + 1);
    let mut tallest = vec![-1.0f64; depth];
    for (v, &l) in layer.iter().enumerate() {
        if target.free_alone && edgeless(dag, v) {
            continue;
        }
        let t = &mut tallest[l as usize];
        *t = t.max(dag.size[v].1 as f64);
    }
    let filled: Vec<f64> = tallest.into_iter().filter(|&h| h >= 0.0).collect();
    (filled.iter().sum::<f64>() + target.layer_gap * filled.len().saturating_sub(1) as f64).max(1.0)
}

/// Co-premise groups: the statement premises of each linked inference
/// (two or more), when each of them is a premise of that inference only.
#[derive(Debug, Default)]
pub(super) struct Groups {
    /// The group of every node, or [`NONE`].
    pub of: Vec<u32>,
    /// The members of every group, in premise order.
    pub members: Vec<Vec<u32>>,
}

impl Groups {
    /// The co-premise groups of `dag`.
    pub fn of(dag: &Dag) -> Groups {
        let n = dag.len();
        let mut premise_of = vec![0u32; n];
        for v in (0..n).filter(|&v| dag.inference[v]) {
            for &c in &dag.children[v] {
                if !dag.inference[c as usize] {
                    premise_of[c as usize] += 1;
                }
            }
        }
        let mut groups = Groups {
            of: vec![NONE; n],
            members: Vec::new(),
        };
        for v in (0..n).filter(|&v| dag.inference[v]) {
            let mut members: Vec<u32> = Vec::new();
            for &c in &dag.children[v] {
                let c_ = c as usize;
                if !dag.inference[c_] && premise_of[c_] == 1 && !members.contains(&c) {
                    members.push(c);
                }
            }
            if members.len() >= 2 {
                let g = groups.members.len() as u32;
                for &m in &members {
                    groups.of[m as usize] = g;
                }
                groups.members.push(members);
            }
        }
        groups
    }
}

/// Layout graphs of at least this many nodes (statements and connectors;
/// the generated 1k map has 2,100) are filled subtree by subtree: ready
/// nodes in tree order alone, so a node's subtree is placed before its
/// next sibling and children land just below their parents. Smaller maps
/// are filled layer by layer (every ready node of one depth before the
/// next depth), which keeps the reasons of one conclusion on one row, the
/// way a reader of a small map expects. On big bushy maps that breadth-
/// first filling wraps each depth over many rows, so that most edges span
/// many layers: the generated 5k map had 17 dummy points per node and
/// 85,706 crossings, filled by subtree it has 5 and about 34,000 (dot:
/// 88,407), and ordering them costs a third of the time.
const SUBTREE_FILL_FROM: usize = 2_000;

/// Whether [`layers`] fills `dag` subtree by subtree ([`SUBTREE_FILL_FROM`]).
fn fills_by_subtree(dag: &Dag) -> bool {
    dag.len() >= SUBTREE_FILL_FROM
}

/// By how much wider than [`estimate_layers`] says a map filled by
/// subtree is drawn in seed order, for the first budget trial: the
/// generated 5k and 10k maps (seeds 1 and 2) drew 2.2-2.4 times their
/// estimate, and crossing reduction widens them by about 1.45 more.
const SUBTREE_ESTIMATE_WIDEN: f64 = 3.2;

/// Layers of the real nodes of `dag` with at most `budget` pixels of boxes
/// and gaps per layer (a lone box or group wider than that gets a layer to
/// itself). Every node lies below all its parents, statements on even and
/// connectors on odd layers; co-premise groups share one layer. With
/// `target.free_alone`, statements with no edge take no room.
pub(super) fn layers(dag: &Dag, groups: &Groups, budget: f64, target: &Target) -> Vec<u32> {
    let first_with_room = |_: &[u32], first: u32, need: f64, used: &mut Vec<f64>| {
        let mut l = first;
        loop {
            if used.len() <= l as usize {
                used.resize(l as usize + 1, 0.0);
            }
            if used[l as usize] == 0.0 || used[l as usize] + need <= budget {
                return Some(l);
            }
            l += 2;
        }
    };
    fill(dag, groups, target, first_with_room).unwrap_or_default()
}

/// Budgets `[low, high)` with which [`layers`] gives exactly `layer`, if
/// any: the layering is filled again, each unit put on its layer in
/// `layer`; every layer it then passes over had to be too full for it
/// (`high` below that layer's fill plus the unit), and the layer it takes
/// had to have room (`low` at least that).
fn budgets_giving(
    dag: &Dag,
    groups: &Groups,
    target: &Target,
    layer: &[u32],
) -> Option<(f64, f64)> {
    let (mut low, mut high) = (0.0f64, f64::INFINITY);
    let follow = |unit: &[u32], first: u32, need: f64, used: &mut Vec<f64>| {
        let l = layer[*unit.first()? as usize];
        if l < first || (l - first) % 2 == 1 || unit.iter().any(|&u| layer[u as usize] != l) {
            return None;
        }
        if used.len() <= l as usize {
            used.resize(l as usize + 1, 0.0);
        }
        for k in (first..l).step_by(2) {
            if used[k as usize] == 0.0 {
                return None; // an empty layer takes any unit
            }
            high = high.min(used[k as usize] + need);
        }
        if used[l as usize] > 0.0 {
            low = low.max(used[l as usize] + need);
        }
        Some(l)
    };
    fill(dag, groups, target, follow)?;
    (low < high).then_some((low, high))
}

/// The list scheduling of [`layers`]: `choose(unit, first, need, used)`
/// gives the layer of each unit (a node, or a co-premise group) from the
/// first layer it may take, its width with gaps and the room used so far
/// per layer (which it may grow), or `None` to give up.
fn fill(
    dag: &Dag,
    groups: &Groups,
    target: &Target,
    mut choose: impl FnMut(&[u32], u32, f64, &mut Vec<f64>) -> Option<u32>,
) -> Option<Vec<u32>> {
    let gap = target.node_gap;
    let n = dag.len();
    let mut layer = vec![0u32; n];
    let mut placed = vec![false; n];
    let mut waiting: Vec<u32> = (0..n).map(|v| dag.parents[v].len() as u32).collect();
    let mut used: Vec<f64> = Vec::new();
    // Ready nodes by first allowed layer, then tree order (depth-first
    // preorder); big maps by tree order alone, subtree by subtree (see
    // `SUBTREE_FILL_FROM`).
    let by_subtree = fills_by_subtree(dag);
    let key = |layer: &[u32], v: usize| {
        let first = if by_subtree { 0 } else { lowest(dag, layer, v) };
        Reverse((first, dag.preorder[v], v as u32))
    };
    let mut heap: BinaryHeap<Reverse<(u32, u32, u32)>> = BinaryHeap::new();
    // Group members ready so far, and members released to go alone.
    let mut ready_in: Vec<Vec<u32>> = vec![Vec::new(); groups.members.len()];
    let mut alone = vec![false; n];
    for (v, _) in waiting.iter().enumerate().filter(|(_, w)| **w == 0) {
        heap.push(key(&layer, v));
    }
    let cost = |v: usize| {
        if target.free_alone && edgeless(dag, v) {
            0.0
        } else {
            dag.size[v].0 as f64 + gap
        }
    };
    let mut left = n;
    while left > 0 {
        let Some(Reverse((_, _, v))) = heap.pop() else {
            // Members of a group wait for one another in a cycle (one is
            // an ancestor of another): let them go alone.
            for list in &mut ready_in {
                for v in list.drain(..) {
                    alone[v as usize] = true;
                    heap.push(Reverse((0, 0, v)));
                }
            }
            if heap.is_empty() {
                break; // cannot happen: the layout graph is acyclic
            }
            continue;
        };
        let g = groups.of[v as usize];
        let unit: Vec<u32> = if g != NONE && !alone[v as usize] {
            ready_in[g as usize].push(v);
            if ready_in[g as usize].len() < groups.members[g as usize].len() {
                continue;
            }
            std::mem::take(&mut ready_in[g as usize])
        } else {
            vec![v]
        };
        let need: f64 = unit.iter().map(|&u| cost(u as usize)).sum();
        let first = unit
            .iter()
            .map(|&u| lowest(dag, &layer, u as usize))
            .max()
            .unwrap_or(0);
        let l = choose(&unit, first, need, &mut used)?;
        used[l as usize] += need;
        for &u in &unit {
            let u = u as usize;
            layer[u] = l;
            placed[u] = true;
            left -= 1;
            // Dummy points of edges that wrap past full layers take room too.
            for &p in &dag.parents[u] {
                for k in layer[p as usize] + 1..l {
                    used[k as usize] += gap / 2.0;
                }
            }
            for &c in &dag.children[u] {
                let c = c as usize;
                waiting[c] -= 1;
                if waiting[c] == 0 && !placed[c] {
                    heap.push(key(&layer, c));
                }
            }
        }
    }
    Some(layer)
}

/// The first layer `v` may take, given its parents' layers.
fn lowest(dag: &Dag, layer: &[u32], v: usize) -> u32 {
    layering::lowest_allowed(dag, layer, v)
}

/// A big map laid out again: its drawing's rows (one band per layer), when
/// a budget reproduces them and the drawing is within 25 % of the wanted
/// aspect ratio. The budget search would measure the drawing's own order
/// and could land on another budget, moving every box (a generated 1k map:
/// all 2,100 nodes, one row down).
fn same_rows(
    dag: &Dag,
    groups: &Groups,
    target: &Target,
    wanted: f64,
) -> Option<(Layered, Vec<f64>)> {
    // The drawing's rows, read back as layers.
    let kept = kept_band_layers(dag, target.layer_gap);
    let (low, high) = budgets_giving(dag, groups, target, &kept)?;
    let budget = if high.is_finite() {
        (low + high) / 2.0
    } else {
        low
    };
    let (lay, xs) = full(dag, groups, target, budget, target.effort);
    let real = measure(dag, groups, &lay, &xs, target);
    ((real / wanted).ln().abs() <= 1.25f64.ln()).then_some((lay, xs))
}

/// Layers from the current drawing: placed nodes, taken from the top down,
/// go one layer below the lowest layer already given to anything in their
/// column (their box widened by half a node gap on each side), which reads
/// back the layers of a drawing with rows sized per column as well as one
/// with a band per layer, and below all their parents placed above them;
/// everything else (new nodes, and nodes whose
/// place no longer lies below all their parents) goes to the first layer
/// below its parents. Statements keep even and connectors odd layers.
fn kept_layers(dag: &Dag, node_gap: f64) -> Vec<u32> {
    let n = dag.len();
    let pad = node_gap / 2.0;
    let mut placed: Vec<(f64, usize)> = (0..n)
        .filter_map(|v| {
            let p = dag.current[v]?;
            Some((p.y as f64 - dag.size[v].1 as f64 / 2.0, v))
        })
        .collect();
    placed.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut want = vec![0u32; n];
    let mut seen = vec![false; n];
    let mut sky = Skyline::new();
    for &(_, v) in &placed {
        let x = dag.current[v].map_or(0.0, |p| p.x as f64);
        let half = dag.size[v].0 as f64 / 2.0 + pad;
        let above = sky.max_over(x - half, x + half);
        let mut l = if above.is_finite() {
            above as u32 + 1
        } else {
            0
        };
        for &p in &dag.parents[v] {
            if seen[p as usize] {
                l = l.max(want[p as usize] + 1);
            }
        }
        seen[v] = true;
        if (l % 2 == 1) != dag.inference[v] {
            l += 1;
        }
        want[v] = l;
        sky.raise(&[(x - half, x + half, l as f64)]);
    }
    let mut layer = vec![0u32; n];
    for &v in &dag.topo {
        let v = v as usize;
        let mut l = want[v].max(lowest(dag, &layer, v));
        if (l % 2 == 1) != dag.inference[v] {
            l += 1;
        }
        layer[v] = l;
    }
    layer
}

/// Layers from the current rows of a drawing with one band per layer: placed nodes keep the layer of their
/// row, read off the drawing (the distance between two neighbouring rows,
/// less their half heights, is a whole number of layer gaps, one per layer
/// step, dummy-only layers included); everything else (new nodes, and
/// nodes whose row no longer lies below all their parents) goes to the
/// first layer below its parents.
fn kept_band_layers(dag: &Dag, layer_gap: f64) -> Vec<u32> {
    let n = dag.len();
    // (y, half height, is a connector row) of every distinct row.
    let mut at: Vec<(f64, f64, bool)> = (0..n)
        .filter_map(|v| {
            let p = dag.current[v]?;
            Some((p.y as f64, dag.size[v].1 as f64 / 2.0, dag.inference[v]))
        })
        .collect();
    at.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    // (y, half height of the tallest box, connector row) per row.
    let mut grouped: Vec<(f64, f64, bool)> = Vec::new();
    for (y, half, connector) in at {
        match grouped.last_mut() {
            Some(last) if (y - last.0).abs() < 1.0 => last.1 = last.1.max(half),
            _ => grouped.push((y, half, connector)),
        }
    }
    let mut rows: Vec<(f64, f64, u32)> = Vec::with_capacity(grouped.len());
    for (y, half, connector) in grouped {
        let l = match rows.last() {
            None => 0,
            Some(&(py, phalf, pl)) => {
                let free = y - py - phalf - half;
                pl + ((free / layer_gap.max(1.0)).round().max(1.0) as u32)
            }
        };
        let l = if (l % 2 == 1) != connector { l + 1 } else { l };
        rows.push((y, half, l));
    }
    let row_of = |y: f64| {
        let k = rows.partition_point(|r| r.0 < y - 1.0);
        rows.get(k).map_or(0, |r| r.2)
    };
    let mut layer = vec![0u32; n];
    for &v in &dag.topo {
        let v = v as usize;
        let least = lowest(dag, &layer, v);
        let want = dag.current[v].map_or(0, |p| row_of(p.y as f64));
        let mut l = want.max(least);
        if (l % 2 == 1) != dag.inference[v] {
            l += 1;
        }
        layer[v] = l;
    }
    layer
}
