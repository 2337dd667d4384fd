//! `argmap stats FILE [--json]`: counts of a map.

use std::path::Path;

use crate::io::native;
use crate::model::Stats;

/// Prints the counts of `file`. Returns false if it cannot be loaded.
pub fn run(file: &Path, json: bool) -> bool {
    let loaded = match native::load_file(file) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return false;
        }
    };
    let s = Stats::of(&loaded.map);
    if json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&s).expect("stats always serialise")
        );
    } else {
        let i = &s.inferences;
        let e = &s.evidence;
        outln!("{}", s.title);
        outln!("statements:  {}", s.statements);
        outln!(
            "inferences:  {} (support {}, conflict {} of which undercuts {}, rephrase {})",
            i.total,
            i.support,
            i.conflict,
            i.undercuts,
            i.rephrase
        );
        outln!("edges:       {}", s.edges);
        outln!(
            "evidence:    {} ({} anchored; quote {}, statistic {}, publication {}, expert opinion {}, web page {}, personal observation {}, common knowledge {})",
            e.total,
            e.anchored,
            e.quote,
            e.statistic,
            e.publication,
            e.expert_opinion,
            e.web_page,
            e.personal_observation,
            e.common_knowledge
        );
        outln!("sources:     {}", s.sources);
        outln!("tags:        {}", s.tags);
    }
    true
}
