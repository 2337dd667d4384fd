//! The maps that ship inside the binary, so the app opens on the speech
//! map wherever it is run from.

use crate::io::{LoadError, Loaded, native};

/// A map built into the binary.
#[derive(Clone, Copy, Debug)]
pub struct BundledMap {
    /// Its file name in `maps/`.
    pub file: &'static str,
    /// Its native-format text.
    pub text: &'static str,
}

/// The map the app opens when given no file: Kazuhiko Togo's speech.
pub const DEFAULT: BundledMap = BundledMap {
    file: "togo-japan-russia.argmap.json",
    text: include_str!("../maps/togo-japan-russia.argmap.json"),
};

/// A small example that uses every feature of the format.
pub const EXAMPLE: BundledMap = BundledMap {
    file: "example-car-free.argmap.json",
    text: include_str!("../maps/example-car-free.argmap.json"),
};

/// Every bundled map.
pub const ALL: [BundledMap; 2] = [DEFAULT, EXAMPLE];

/// The source files the bundled maps refer to, by their relative paths.
const SOURCES: &[(&str, &str)] = &[
    (
        "sources/togo-prospects-of-japanese-and-russian-relationships.txt",
        include_str!("../maps/sources/togo-prospects-of-japanese-and-russian-relationships.txt"),
    ),
    (
        "sources/car-free-centres.txt",
        include_str!("../maps/sources/car-free-centres.txt"),
    ),
];

impl BundledMap {
    /// Loads this map.
    pub fn load(&self) -> Result<Loaded, LoadError> {
        native::from_str(
            self.text,
            &native::LoadOptions {
                sources: &native::MemorySources(SOURCES),
            },
        )
        .map_err(|e| e.in_file(format!("maps/{}", self.file)))
    }
}

/// Loads the map the app opens by default.
pub fn default_map() -> Result<Loaded, LoadError> {
    DEFAULT.load()
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_maps_load_cleanly() {
        for map in super::ALL {
            let loaded = map.load().unwrap();
            assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
            let report = crate::model::verify_anchors(&loaded.map);
            assert!(report.problems.is_empty(), "{:?}", report.problems);
            assert!(report.checked > 0);
        }
    }
}
