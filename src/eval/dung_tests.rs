//! Hand-checked textbook frameworks, format round trips, and proptests of
//! the solver against the definitions (brute force for n ≤ 12).

use proptest::prelude::*;

use super::af::Framework;
use super::formats::{self, AfFormat};
use super::solve::{Label, Semantics, enumerate, extension_of};

/// Extensions of `af` under `sem`, as sorted lists of names.
fn exts(af: &Framework, sem: Semantics) -> Vec<Vec<String>> {
    enumerate(af, sem, usize::MAX)
        .labellings
        .iter()
        .map(|l| {
            extension_of(l)
                .into_iter()
                .map(|a| af.name(a).to_owned())
                .collect()
        })
        .collect()
}

fn af(n: usize, pairs: &[(usize, usize)]) -> Framework {
    // 1-based pairs as in textbooks numbered a1…an.
    let zero: Vec<(usize, usize)> = pairs.iter().map(|&(a, b)| (a - 1, b - 1)).collect();
    Framework::from_pairs(n, &zero)
}

fn names(sets: &[&[&str]]) -> Vec<Vec<String>> {
    sets.iter()
        .map(|s| s.iter().map(|x| x.to_string()).collect())
        .collect()
}

#[test]
fn chain_is_decided_alternately() {
    // 1 → 2 → 3: 1 and 3 IN, 2 OUT under every semantics.
    let f = af(3, &[(1, 2), (2, 3)]);
    for sem in Semantics::ALL {
        assert_eq!(exts(&f, sem), names(&[&["1", "3"]]), "{sem:?}");
    }
}

#[test]
fn even_cycle_has_two_preferred_and_empty_grounded() {
    let f = af(2, &[(1, 2), (2, 1)]);
    assert_eq!(exts(&f, Semantics::Grounded), names(&[&[]]));
    assert_eq!(exts(&f, Semantics::Complete), names(&[&[], &["1"], &["2"]]));
    assert_eq!(exts(&f, Semantics::Preferred), names(&[&["1"], &["2"]]));
    assert_eq!(exts(&f, Semantics::Stable), names(&[&["1"], &["2"]]));
    assert_eq!(exts(&f, Semantics::SemiStable), names(&[&["1"], &["2"]]));
    assert_eq!(exts(&f, Semantics::Ideal), names(&[&[]]));
}

#[test]
fn odd_cycle_has_no_stable_extension() {
    let f = af(3, &[(1, 2), (2, 3), (3, 1)]);
    assert_eq!(exts(&f, Semantics::Preferred), names(&[&[]]));
    assert!(exts(&f, Semantics::Stable).is_empty());
    assert_eq!(exts(&f, Semantics::SemiStable), names(&[&[]]));
    let g = super::solve::grounded(&f);
    assert_eq!(g, vec![Label::Undec; 3]);
}

#[test]
fn self_attack_is_never_in_and_its_target_stays_undecided() {
    // 1 ↺, 1 → 2: 2 is UNDEC in grounded; no stable extension.
    let f = af(2, &[(1, 1), (1, 2)]);
    assert_eq!(super::solve::grounded(&f), vec![Label::Undec, Label::Undec]);
    assert_eq!(exts(&f, Semantics::Preferred), names(&[&[]]));
    assert!(exts(&f, Semantics::Stable).is_empty());
    // An unattacked 3 attacking the self-attacker reinstates 2.
    let f = af(3, &[(1, 1), (1, 2), (3, 1)]);
    assert_eq!(exts(&f, Semantics::Grounded), names(&[&["2", "3"]]));
}

#[test]
fn reinstatement() {
    // 3 → 2 → 1: 3 defends 1.
    let f = af(3, &[(2, 1), (3, 2)]);
    assert_eq!(exts(&f, Semantics::Grounded), names(&[&["1", "3"]]));
}

#[test]
fn semi_stable_differs_from_preferred_without_stable() {
    // Caminada 2006: 1 ⇄ 2, 2 → 3, 3 → 4 → 5 → 3 (odd loop).
    // Preferred {1}, {2, 4}; stable {2, 4}; semi-stable {2, 4}.
    let f = af(5, &[(1, 2), (2, 1), (2, 3), (3, 4), (4, 5), (5, 3)]);
    assert_eq!(
        exts(&f, Semantics::Preferred),
        names(&[&["1"], &["2", "4"]])
    );
    assert_eq!(exts(&f, Semantics::Stable), names(&[&["2", "4"]]));
    assert_eq!(exts(&f, Semantics::SemiStable), names(&[&["2", "4"]]));
}

#[test]
fn ideal_lies_between_grounded_and_preferred() {
    // Dung, Mancarella & Toni 2007: 1 ⇄ 2, 1 → 3, 2 → 3, 3 → 4.
    // Grounded {}; preferred {1, 4}, {2, 4}; ideal {4}? 4 is attacked only
    // by 3, which both 1 and 2 attack but neither alone is sceptical:
    // {4} is not admissible alone (nothing in it attacks 3), so ideal {}.
    let f = af(4, &[(1, 2), (2, 1), (1, 3), (2, 3), (3, 4)]);
    assert_eq!(
        exts(&f, Semantics::Preferred),
        names(&[&["1", "4"], &["2", "4"]])
    );
    assert_eq!(exts(&f, Semantics::Ideal), names(&[&[]]));
    // 1 ⇄ 2, 2 ↺: preferred {1} only, ideal {1}, grounded {}.
    let f = af(2, &[(1, 2), (2, 1), (2, 2)]);
    assert_eq!(exts(&f, Semantics::Grounded), names(&[&[]]));
    assert_eq!(exts(&f, Semantics::Ideal), names(&[&["1"]]));
}

#[test]
fn acceptance_credulous_and_sceptical() {
    let f = af(3, &[(1, 2), (2, 1), (1, 3), (2, 3), (3, 3)]);
    let one = super::solve::accepts(&f, Semantics::Preferred, 0);
    assert!(one.credulous && !one.sceptical);
    let three = super::solve::accepts(&f, Semantics::Preferred, 2);
    assert!(!three.credulous && !three.sceptical);
    // No stable extension: sceptical holds vacuously, credulous does not.
    let odd = af(3, &[(1, 2), (2, 3), (3, 1)]);
    let a = super::solve::accepts(&odd, Semantics::Stable, 0);
    assert!(!a.credulous && a.sceptical);
}

#[test]
fn a_cancelled_search_gives_up_and_an_uncancelled_one_finishes() {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    // Set before the start: nothing is searched.
    let cycle = af(3, &[(1, 2), (2, 3), (3, 1)]);
    let set = AtomicBool::new(true);
    assert!(super::solve::enumerate_cancellable(&cycle, Semantics::Preferred, 10, &set).is_none());
    let clear = AtomicBool::new(false);
    let e = super::solve::enumerate_cancellable(&cycle, Semantics::Preferred, 10, &clear).unwrap();
    assert_eq!(e.labellings.len(), 1);
    // Set during a search that would run for minutes (200 arguments, each
    // ordered pair attacking with probability 0.05, one big component):
    // it stops. Without cancellation this test would not end.
    let mut rng = crate::synth::Rng::new(1200);
    let mut pairs = Vec::new();
    for a in 0..200 {
        for b in 0..200 {
            if rng.chance(5) {
                pairs.push((a, b));
            }
        }
    }
    let big = Framework::from_pairs(200, &pairs);
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    let run = std::thread::spawn(move || {
        super::solve::enumerate_cancellable(&big, Semantics::Preferred, usize::MAX, &flag)
    });
    std::thread::sleep(std::time::Duration::from_millis(50));
    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(run.join().expect("no panic").is_none());
}

#[test]
fn sccs_are_topologically_ordered() {
    let f = af(5, &[(1, 2), (2, 1), (2, 3), (3, 4), (4, 5), (5, 3)]);
    let sccs = f.sccs();
    assert_eq!(sccs, vec![vec![0, 1], vec![2, 3, 4]]);
}

#[test]
fn iccma_round_trip_and_comments() {
    let text = "# a comment\np af 3\n1 2\n\n# more\n2 3\n3 3\n";
    let f = formats::read(text, AfFormat::Iccma, None).expect("valid");
    assert_eq!(f.len(), 3);
    assert_eq!(f.attack_count(), 3);
    let back = formats::read(&formats::write(&f, AfFormat::Iccma), AfFormat::Iccma, None)
        .expect("own output");
    assert_eq!(back, f);
}

#[test]
fn apx_and_tgf_round_trip() {
    let text = "arg(a). arg(b).\narg(c). % comment\natt(a,b).\natt( b , c ).\n";
    let f = formats::read(text, AfFormat::Apx, None).expect("valid");
    assert_eq!(f.len(), 3);
    assert!(f.attacks(1, 2));
    for fmt in [AfFormat::Apx, AfFormat::Tgf] {
        let back = formats::read(&formats::write(&f, fmt), fmt, None).expect("own output");
        assert_eq!(back, f, "{fmt:?}");
    }
}

#[test]
fn bad_files_name_line_and_column() {
    let cases: &[(&str, AfFormat, usize, usize)] = &[
        ("p af 2\n1 3\n", AfFormat::Iccma, 2, 3),
        ("1 2\n", AfFormat::Iccma, 1, 1),
        ("p af x\n", AfFormat::Iccma, 1, 6),
        ("p af 2\n1 2 3\n", AfFormat::Iccma, 2, 5),
        ("p af 2\np af 2\n", AfFormat::Iccma, 2, 1),
        ("arg(a).\natt(a,b).\n", AfFormat::Apx, 2, 1),
        ("arg(a)\n", AfFormat::Apx, 2, 1),
        ("arg(a).\n  foo(a).", AfFormat::Apx, 2, 3),
        ("a\n#\na b\n", AfFormat::Tgf, 3, 3),
    ];
    for &(text, fmt, line, column) in cases {
        let e = formats::read(text, fmt, Some("x.af")).expect_err(text);
        assert_eq!((e.line, e.column), (line, column), "{text:?}: {e}");
        assert!(e.to_string().starts_with("x.af:"), "{e}");
    }
}

/// Brute force over all 2^n subsets, straight from the definitions.
fn brute(f: &Framework, sem: Semantics) -> Vec<Vec<usize>> {
    let n = f.len();
    let sets: Vec<Vec<bool>> = (0..1u32 << n)
        .map(|m| (0..n).map(|i| m & (1 << i) != 0).collect())
        .collect();
    let subset = |a: &[bool], b: &[bool]| a.iter().zip(b).all(|(&x, &y)| !x || y);
    let complete: Vec<&Vec<bool>> = sets.iter().filter(|s| f.is_complete(s)).collect();
    let admissible: Vec<&Vec<bool>> = sets.iter().filter(|s| f.is_admissible(s)).collect();
    let preferred: Vec<&Vec<bool>> = admissible
        .iter()
        .copied()
        .filter(|s| !admissible.iter().any(|t| *t != *s && subset(s, t)))
        .collect();
    let range = |s: &[bool]| -> Vec<bool> {
        (0..n)
            .map(|a| s[a] || f.attackers(a).iter().any(|&b| s[b]))
            .collect()
    };
    let chosen: Vec<Vec<bool>> = match sem {
        Semantics::Grounded => {
            let min = complete
                .iter()
                .find(|s| complete.iter().all(|t| subset(s, t)))
                .copied()
                .cloned();
            min.into_iter().collect()
        }
        Semantics::Complete => complete.iter().map(|s| (*s).clone()).collect(),
        Semantics::Preferred => preferred.iter().map(|s| (*s).clone()).collect(),
        Semantics::Stable => sets.iter().filter(|s| f.is_stable(s)).cloned().collect(),
        Semantics::SemiStable => admissible
            .iter()
            .filter(|s| {
                let r = range(s);
                !admissible.iter().any(|t| {
                    let q = range(t);
                    q != r && subset(&r, &q)
                })
            })
            .map(|s| (*s).clone())
            .collect(),
        Semantics::Ideal => {
            let inter: Vec<bool> = (0..n).map(|a| preferred.iter().all(|p| p[a])).collect();
            let best = admissible
                .iter()
                .filter(|s| subset(s, &inter))
                .max_by_key(|s| s.iter().filter(|&&x| x).count())
                .map(|s| (*s).clone());
            best.into_iter().collect()
        }
    };
    let mut out: Vec<Vec<usize>> = chosen
        .iter()
        .map(|s| (0..n).filter(|&a| s[a]).collect())
        .collect();
    out.sort();
    out.dedup();
    out
}

fn arb_af(max: usize) -> impl Strategy<Value = Framework> {
    (1..=max).prop_flat_map(|n| {
        proptest::collection::vec((0..n, 0..n), 0..=(n * 3))
            .prop_map(move |pairs| Framework::from_pairs(n, &pairs))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn scc_solver_agrees_with_brute_force(f in arb_af(12)) {
        for sem in Semantics::ALL {
            let mine: Vec<Vec<usize>> = enumerate(&f, sem, usize::MAX)
                .labellings
                .iter()
                .map(|l| extension_of(l))
                .collect();
            prop_assert_eq!(mine, brute(&f, sem), "{:?}", sem);
        }
    }

    #[test]
    fn grounded_in_every_complete_and_preferred_admissible_maximal(f in arb_af(12)) {
        let g = super::solve::grounded(&f);
        let complete = enumerate(&f, Semantics::Complete, usize::MAX).labellings;
        for c in &complete {
            for a in 0..f.len() {
                prop_assert!(g[a] != Label::In || c[a] == Label::In);
            }
        }
        let preferred = enumerate(&f, Semantics::Preferred, usize::MAX).labellings;
        let sets: Vec<Vec<bool>> = preferred.iter().map(|l| l.iter().map(|&x| x == Label::In).collect()).collect();
        for s in &sets {
            prop_assert!(f.is_admissible(s));
            // Maximal: adding any outsider breaks admissibility of every superset
            // among the admissible sets (checked against complete ones, which
            // contain every admissible set's closure).
            for c in &complete {
                let cs: Vec<bool> = c.iter().map(|&x| x == Label::In).collect();
                let sup = s.iter().zip(&cs).all(|(&x, &y)| !x || y);
                prop_assert!(!sup || cs == *s);
            }
        }
        for st in enumerate(&f, Semantics::Stable, usize::MAX).labellings {
            let ss: Vec<bool> = st.iter().map(|&x| x == Label::In).collect();
            prop_assert!(f.is_stable(&ss));
            prop_assert!(sets.contains(&ss));
        }
    }

    #[test]
    fn framework_readers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        for fmt in [AfFormat::Iccma, AfFormat::Apx, AfFormat::Tgf] {
            let _ = formats::read(&text, fmt, None);
        }
    }

    #[test]
    fn framework_readers_never_panic_on_near_valid(lines in proptest::collection::vec("(p af [0-9]{1,3}|[0-9]{1,2} [0-9]{1,2}|#.*|arg\\([a-c]\\)\\.|att\\([a-c],[a-c]\\)\\.|[a-c] [a-c]|#| *)", 0..12)) {
        let text = lines.join("\n");
        for fmt in [AfFormat::Iccma, AfFormat::Apx, AfFormat::Tgf] {
            let _ = formats::read(&text, fmt, None);
        }
    }
}
