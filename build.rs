//! Fingerprint the analysis code, so that an index cache written by one
//! build is never trusted by a build whose analysis differs; and compile the
//! names lexicon (data/lexicon) into an `fst` map embedded in the binary.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// The folders whose code decides what the corpus index holds.
const ANALYSIS_DIRS: &[&str] = &["src/lang", "src/text", "src/corpus", "src/document"];

fn main() {
    let mut files = Vec::new();
    for dir in ANALYSIS_DIRS {
        println!("cargo:rerun-if-changed={dir}");
        collect(Path::new(dir), &mut files);
    }
    files.sort();
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    for file in &files {
        file.to_string_lossy().hash(&mut hasher);
        std::fs::read(file).unwrap_or_default().hash(&mut hasher);
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let code = format!(
        "/// Hash of the analysis code (src/lang, src/text, src/corpus, src/document).\npub const ANALYSIS_FINGERPRINT: u64 = {:#018x};\n",
        hasher.finish()
    );
    std::fs::write(out.join("fingerprint.rs"), code).expect("write fingerprint");
    lexicon::build(&out.join("lexicon.fst"));
}

/// The names lexicon: every word of the lists in data/lexicon, lower-cased,
/// mapped to its roles and frequencies (the layout `src/lang/lexicon.rs` reads).
mod lexicon {
    use std::collections::BTreeMap;
    use std::path::Path;

    const DIR: &str = "data/lexicon";
    const GIVEN: u64 = 1;
    const SURNAME: u64 = 2;
    const PLACE: u64 = 4;
    const PROPER: u64 = 8;
    const ENGLISH: u64 = 16;

    pub fn build(target: &Path) {
        println!("cargo:rerun-if-changed={DIR}");
        let mut entries: BTreeMap<String, u64> = BTreeMap::new();
        for (word, per_100k) in table("given-names.tsv") {
            *entries.entry(word).or_default() |= GIVEN | per_100k.min(0xFF_FFFF) << 8;
        }
        for (word, per_100k) in table("surnames.tsv") {
            *entries.entry(word).or_default() |= SURNAME | per_100k.min(0xFF_FFFF) << 32;
        }
        for (file, flag) in [
            ("places.txt", PLACE),
            ("proper-nouns.txt", PROPER),
            ("english.txt", ENGLISH),
        ] {
            for (word, _) in table(file) {
                *entries.entry(word).or_default() |= flag;
            }
        }
        let bytes = fst::Map::from_iter(entries)
            .expect("sorted, unique keys")
            .into_fst()
            .into_inner();
        std::fs::write(target, bytes).expect("write lexicon.fst");
    }

    /// Lines `word` or `word<TAB>count`, keyed in lower case.
    fn table(file: &str) -> Vec<(String, u64)> {
        let path = Path::new(DIR).join(file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        text.lines()
            .filter(|line| !line.is_empty())
            .map(|line| {
                let (word, count) = line.split_once('\t').unwrap_or((line, "0"));
                (word.to_lowercase(), count.parse().unwrap_or(0))
            })
            .collect()
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}
