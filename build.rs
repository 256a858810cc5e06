//! Fingerprint the analysis code, so that an index cache written by one
//! build is never trusted by a build whose analysis differs.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// The folders whose code decides what the corpus index holds.
const ANALYSIS_DIRS: &[&str] = &["src/text", "src/corpus", "src/document"];

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
        "/// Hash of the analysis code (src/text, src/corpus, src/document).\npub const ANALYSIS_FINGERPRINT: u64 = {:#018x};\n",
        hasher.finish()
    );
    std::fs::write(out.join("fingerprint.rs"), code).expect("write fingerprint");
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
