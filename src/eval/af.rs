//! [`Framework`]: a Dung abstract argumentation framework (Dung 1995,
//! "On the acceptability of arguments…", AIJ 77), arguments `0..n` with
//! names, and an attack relation kept as adjacency lists both ways.

use std::fmt::Write as _;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// An argument's index in its [`Framework`], `0..len()`.
pub type Arg = usize;

/// A finite argumentation framework ⟨A, R⟩. Arguments are `0..len()`, each
/// with a name; attacks are stored once each, sorted, so output built
/// from them is deterministic. Self-attacks are allowed.
///
/// Names live in one buffer (no allocation per argument) and the lookup
/// by name is built on its first use, so translating a 10,000-statement
/// map does not pay for a string map it rarely needs.
#[derive(Clone, Debug, Default)]
pub struct Framework {
    /// Every name, one after another.
    name_buf: String,
    /// `name_ends[a]`: end of argument `a`'s name in `name_buf`, in bytes.
    name_ends: Vec<usize>,
    /// Name → argument (the first one with that name), built lazily.
    by_name: OnceLock<FxHashMap<String, Arg>>,
    /// Attacks given to [`Framework::add_attack`] since the last
    /// [`Framework::finish`].
    pending: Vec<(Arg, Arg)>,
    /// `attacks[attacks_start[a]..attacks_start[a + 1]]` (the last runs
    /// to the end): every `b` with `(a, b)` in R, sorted. One flat table
    /// instead of a list per argument: no allocation per argument.
    attacks_start: Vec<usize>,
    attacks: Vec<Arg>,
    /// The same for attackers: every `a` with `(a, b)` in R, sorted.
    attackers_start: Vec<usize>,
    attackers: Vec<Arg>,
}

impl PartialEq for Framework {
    fn eq(&self, other: &Self) -> bool {
        self.name_buf == other.name_buf
            && self.name_ends == other.name_ends
            && self.attacks_start == other.attacks_start
            && self.attacks == other.attacks
            && self.pending == other.pending
    }
}

impl Eq for Framework {}

impl Framework {
    /// A framework of `n` arguments named `1..=n` (ICCMA numbering) and no attacks.
    pub fn with_args(n: usize) -> Self {
        let mut af = Framework::default();
        for i in 1..=n {
            af.push_arg(format_args!("{i}"));
        }
        af
    }

    /// Builds a framework from `n` arguments named `1..=n` and 0-based
    /// attack pairs; pairs out of range are ignored, repeats kept once.
    pub fn from_pairs(n: usize, pairs: &[(Arg, Arg)]) -> Self {
        let mut af = Framework::with_args(n);
        for &(a, b) in pairs {
            if a < n && b < n {
                af.add_attack(a, b);
            }
        }
        af.finish();
        af
    }

    /// Adds an argument named `name` and returns its index; a name already
    /// present returns the existing argument.
    pub fn add_arg(&mut self, name: &str) -> Arg {
        if let Some(a) = self.arg(name) {
            return a;
        }
        self.push_arg(format_args!("{name}"))
    }

    /// Adds an argument named by formatting `name`, without checking that
    /// the name is new (the caller guarantees it; with a repeat, lookup by
    /// name finds the first). No allocation beyond the shared name buffer.
    pub fn push_arg(&mut self, name: std::fmt::Arguments<'_>) -> Arg {
        let a = self.name_ends.len();
        let _ = self.name_buf.write_fmt(name);
        self.name_ends.push(self.name_buf.len());
        self.attacks_start.push(self.attacks.len());
        self.attackers_start.push(self.attackers.len());
        if let Some(map) = self.by_name.get_mut() {
            let start = if a == 0 { 0 } else { self.name_ends[a - 1] };
            map.entry(self.name_buf[start..].to_owned()).or_insert(a);
        }
        a
    }

    /// Reserves room for `args` more arguments with `name_bytes` more
    /// bytes of names, and `attacks` more attacks.
    pub fn reserve(&mut self, args: usize, name_bytes: usize, attacks: usize) {
        self.name_buf.reserve(name_bytes);
        self.name_ends.reserve(args);
        self.attacks_start.reserve(args);
        self.attackers_start.reserve(args);
        self.pending.reserve(attacks);
    }

    /// Adds the attack `(a, b)`. It counts from the next
    /// [`Framework::finish`] on (which sorts and removes repeats); call
    /// that after the last one. Out-of-range indices are ignored.
    pub fn add_attack(&mut self, a: Arg, b: Arg) {
        if a < self.len() && b < self.len() {
            self.pending.push((a, b));
        }
    }

    /// Takes in the attacks added since the last call: sorts the
    /// adjacency tables and drops repeated attacks.
    pub fn finish(&mut self) {
        let n = self.len();
        let mut pairs = std::mem::take(&mut self.pending);
        if !self.attacks.is_empty() {
            pairs.extend(self.attack_pairs());
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut out_count = vec![0usize; n + 1];
        let mut in_count = vec![0usize; n + 1];
        for &(a, b) in &pairs {
            out_count[a + 1] += 1;
            in_count[b + 1] += 1;
        }
        for i in 0..n {
            out_count[i + 1] += out_count[i];
            in_count[i + 1] += in_count[i];
        }
        self.attacks = pairs.iter().map(|&(_, b)| b).collect();
        self.attackers = vec![0; pairs.len()];
        let mut fill = in_count.clone();
        for &(a, b) in &pairs {
            self.attackers[fill[b]] = a;
            fill[b] += 1;
        }
        out_count.truncate(n);
        in_count.truncate(n);
        self.attacks_start = out_count;
        self.attackers_start = in_count;
    }

    fn span(start: &[usize], list: &[Arg], a: Arg) -> std::ops::Range<usize> {
        start[a]..start.get(a + 1).copied().unwrap_or(list.len())
    }

    /// Number of arguments.
    pub fn len(&self) -> usize {
        self.name_ends.len()
    }

    /// Whether there are no arguments.
    pub fn is_empty(&self) -> bool {
        self.name_ends.is_empty()
    }

    /// Number of attacks.
    pub fn attack_count(&self) -> usize {
        self.attacks.len()
    }

    /// The name of argument `a`.
    pub fn name(&self, a: Arg) -> &str {
        let start = if a == 0 { 0 } else { self.name_ends[a - 1] };
        &self.name_buf[start..self.name_ends[a]]
    }

    /// The argument named `name`.
    pub fn arg(&self, name: &str) -> Option<Arg> {
        self.by_name
            .get_or_init(|| {
                let mut map = FxHashMap::default();
                for a in 0..self.len() {
                    map.entry(self.name(a).to_owned()).or_insert(a);
                }
                map
            })
            .get(name)
            .copied()
    }

    /// Who attacks `a`, sorted.
    pub fn attackers(&self, a: Arg) -> &[Arg] {
        &self.attackers[Self::span(&self.attackers_start, &self.attackers, a)]
    }

    /// Whom `a` attacks, sorted.
    pub fn attacked_by(&self, a: Arg) -> &[Arg] {
        &self.attacks[Self::span(&self.attacks_start, &self.attacks, a)]
    }

    /// Whether `a` attacks `b`.
    pub fn attacks(&self, a: Arg, b: Arg) -> bool {
        self.attacked_by(a).binary_search(&b).is_ok()
    }

    /// Every attack `(a, b)`, sorted by `a` then `b`.
    pub fn attack_pairs(&self) -> impl Iterator<Item = (Arg, Arg)> + '_ {
        (0..self.len()).flat_map(move |a| self.attacked_by(a).iter().map(move |&b| (a, b)))
    }

    /// Whether no two members of `set` attack each other (or themselves).
    /// `set` is a membership vector of length `len()`.
    pub fn is_conflict_free(&self, set: &[bool]) -> bool {
        (0..self.len())
            .filter(|&a| set[a])
            .all(|a| self.attacked_by(a).iter().all(|&b| !set[b]))
    }

    /// Whether `set` defends `a`: every attacker of `a` is attacked by `set`.
    pub fn defends(&self, set: &[bool], a: Arg) -> bool {
        self.attackers(a)
            .iter()
            .all(|&b| self.attackers(b).iter().any(|&c| set[c]))
    }

    /// Whether `set` is admissible: conflict-free and defends each member.
    pub fn is_admissible(&self, set: &[bool]) -> bool {
        self.is_conflict_free(set)
            && (0..self.len())
                .filter(|&a| set[a])
                .all(|a| self.defends(set, a))
    }

    /// Whether `set` is a complete extension: admissible and containing
    /// every argument it defends.
    pub fn is_complete(&self, set: &[bool]) -> bool {
        self.is_admissible(set) && (0..self.len()).all(|a| set[a] || !self.defends(set, a))
    }

    /// Whether `set` is stable: conflict-free and attacking every outsider.
    pub fn is_stable(&self, set: &[bool]) -> bool {
        self.is_conflict_free(set)
            && (0..self.len()).all(|a| set[a] || self.attackers(a).iter().any(|&b| set[b]))
    }

    /// Strongly connected components, in topological order of the
    /// attack relation (see [`sccs_of`]).
    pub fn sccs(&self) -> Vec<Vec<Arg>> {
        sccs_of(self.len(), |a| self.attacked_by(a))
    }
}

/// Strongly connected components of the graph of `n` nodes with
/// successor lists `succ(v)` (Tarjan, iterative, so deep graphs do not overflow the stack),
/// each sorted, in topological order: every edge between two different
/// components goes from an earlier one to a later one.
pub fn sccs_of<'a>(n: usize, succ: impl Fn(usize) -> &'a [usize]) -> Vec<Vec<usize>> {
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<Arg> = Vec::new();
    let mut out: Vec<Vec<Arg>> = Vec::new();
    let mut next = 0usize;
    // (node, position in its successor list)
    let mut call: Vec<(Arg, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        call.push((root, 0));
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut pos)) = call.last_mut() {
            if let Some(&w) = succ(v).get(*pos) {
                *pos += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(u, _)) = call.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut comp = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp.push(w);
                        if w == v {
                            break;
                        }
                    }
                    comp.sort_unstable();
                    out.push(comp);
                }
            }
        }
    }
    // Tarjan emits components in reverse topological order.
    out.reverse();
    out
}
