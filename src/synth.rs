//! Generated argument-shaped maps for benchmarks and stress tests: a tree of
//! reasons under one thesis, about 10% cross-links (a statement that also
//! supports a second conclusion), about 5% attacks, and 8–40-word texts.
//! Deterministic for a given size and seed.

use crate::model::{Inference, InferenceKind, Map, Role, Statement};

/// A small, fast, deterministic random number generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

const WORDS: &[&str] = &[
    "trade",
    "security",
    "trust",
    "policy",
    "treaty",
    "border",
    "islands",
    "summit",
    "growth",
    "energy",
    "region",
    "partner",
    "dialogue",
    "interest",
    "history",
    "the",
    "of",
    "and",
    "a",
    "long-term",
    "economic",
    "strategic",
    "agreement",
    "people",
    "government",
    "cooperation",
    "investment",
    "negotiation",
    "principle",
    "evidence",
    "shows",
    "that",
    "because",
    "therefore",
];

/// A sentence of 8–40 words.
pub fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(33);
    let mut words: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    let first = words[0];
    let capital = first[..1].to_uppercase() + &first[1..];
    words[0] = "";
    format!("{capital}{}.", words.join(" "))
}

/// A map of `statements` statements: a tree of supports under one thesis,
/// plus cross-links and attacks.
pub fn argument_map(statements: usize, seed: u64) -> Map {
    let mut rng = Rng::new(seed);
    let mut map = Map::new(format!("Generated map of {statements} statements"));
    if statements == 0 {
        return map;
    }
    let mut ids: Vec<String> = Vec::with_capacity(statements);
    for k in 0..statements {
        let id = format!("s{}", k + 1);
        let role = if k == 0 { Role::Thesis } else { Role::Premise };
        map.add_statement(
            &id,
            Statement::new(sentence(&mut rng)).with_role(role),
            None,
            false,
        )
        .expect("fresh ids");
        if k > 0 {
            // A random recursive tree: bushy, with depth about e·ln(n).
            let parent = &ids[rng.below(k)];
            let kind = if rng.chance(5) {
                InferenceKind::Conflict
            } else {
                InferenceKind::Support
            };
            let inf = format!("i{}", k);
            map.add_inference(&inf, Inference::new(kind), &[&id], parent, None, false)
                .expect("valid inference");
        }
        ids.push(id);
    }
    // Cross-links: about 10% of statements also support an earlier one.
    let mut extra = statements;
    for k in 1..statements {
        if rng.chance(10) {
            let target = &ids[rng.below(k)];
            let inf = format!("i{}", extra);
            extra += 1;
            let _ = map.add_inference(
                &inf,
                Inference::new(InferenceKind::Support),
                &[&ids[k]],
                target,
                None,
                false,
            );
        }
    }
    map.bump_next_id(extra as u64 + 1);
    map
}

/// A map like [`argument_map`] in which about one reason in five is a
/// linked argument: two or three fresh co-premises under one connector.
/// Deterministic for a given size and seed.
pub fn linked_argument_map(statements: usize, seed: u64) -> Map {
    let mut rng = Rng::new(seed);
    let mut map = Map::new(format!("Generated linked map of {statements} statements"));
    if statements == 0 {
        return map;
    }
    let mut ids: Vec<String> = Vec::with_capacity(statements);
    let mut next_inference = 1;
    while ids.len() < statements {
        let k = ids.len();
        let linked = if k > 0 && rng.chance(20) {
            (2 + rng.below(2)).min(statements - k)
        } else {
            1
        };
        let mut fresh: Vec<String> = Vec::with_capacity(linked);
        for j in 0..linked {
            let id = format!("s{}", k + j + 1);
            let role = if k == 0 { Role::Thesis } else { Role::Premise };
            map.add_statement(
                &id,
                Statement::new(sentence(&mut rng)).with_role(role),
                None,
                false,
            )
            .expect("fresh ids");
            fresh.push(id);
        }
        if k > 0 {
            let parent = ids[rng.below(k)].clone();
            let kind = if linked == 1 && rng.chance(5) {
                InferenceKind::Conflict
            } else {
                InferenceKind::Support
            };
            let inf = format!("i{next_inference}");
            next_inference += 1;
            let premises: Vec<&str> = fresh.iter().map(String::as_str).collect();
            map.add_inference(&inf, Inference::new(kind), &premises, &parent, None, false)
                .expect("valid inference");
        }
        ids.extend(fresh);
    }
    for k in 1..statements {
        if rng.chance(10) {
            let target = &ids[rng.below(k)];
            let inf = format!("i{next_inference}");
            next_inference += 1;
            let _ = map.add_inference(
                &inf,
                Inference::new(InferenceKind::Support),
                &[&ids[k]],
                target,
                None,
                false,
            );
        }
    }
    map.bump_next_id(next_inference as u64 + statements as u64 + 1);
    map
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_maps_have_the_asked_size_and_shape() {
        let map = super::argument_map(1000, 7);
        assert_eq!(map.statement_count(), 1000);
        let cross = map.inference_count() - 999;
        assert!((50..150).contains(&cross), "cross-links: {cross}");
        let stats = crate::model::Stats::of(&map);
        assert!((20..90).contains(&stats.inferences.conflict), "{stats:?}");
        assert_eq!(super::argument_map(1000, 7), map);
    }
}
