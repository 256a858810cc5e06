//! `copydesk cache`: where the corpus index caches are, how big they are
//! and what they index; `copydesk cache clean` removes them.

use std::path::{Path, PathBuf};

use super::{CacheAction, CacheArgs, EXIT_ERROR, print_error};
use crate::workspace::{
    CACHE_DIR_ENV, CacheFolder, cache_folder, discover_config, load_config, remove_cache_folder,
    user_cache_root, user_caches,
};

/// Run the command; returns the exit status.
pub(super) fn run(args: &CacheArgs) -> u8 {
    let Some(root) = user_cache_root() else {
        print_error(format!(
            "this system has no cache folder for copydesk; set {CACHE_DIR_ENV}"
        ));
        return EXIT_ERROR;
    };
    let project = project_cache();
    match args.action {
        None => {
            show(&root, project.as_ref());
            0
        }
        Some(CacheAction::Clean) => clean(&root, project.as_ref()),
    }
}

/// The index cache of the project here (the `copydesk.toml` that governs
/// the current folder), when it has one on disk.
fn project_cache() -> Option<CacheFolder> {
    let config = load_config(&discover_config(Path::new("."))?).ok()?;
    let dir = config.cache_dir.filter(|dir| dir.is_dir())?;
    let mut folder = cache_folder(&dir);
    folder.corpora = config.corpus_dirs;
    Some(folder)
}

fn show(root: &Path, project: Option<&CacheFolder>) {
    let caches = user_caches(root);
    let total: u64 = caches.iter().map(|c| c.bytes).sum();
    println!(
        "Per-user corpus caches: {} ({}, {})",
        root.display(),
        plural(caches.len(), "corpus", "corpora"),
        size(total)
    );
    for cache in &caches {
        print_folder(cache);
    }
    match project {
        Some(cache) => {
            println!("Project cache:");
            print_folder(cache);
        }
        None => println!("Project cache: none here"),
    }
}

fn print_folder(cache: &CacheFolder) {
    println!("  {}  {}", cache.path.display(), size(cache.bytes));
    for corpus in &cache.corpora {
        println!("    indexes {}", corpus.display());
    }
}

fn clean(root: &Path, project: Option<&CacheFolder>) -> u8 {
    let mut folders: Vec<PathBuf> = user_caches(root).into_iter().map(|c| c.path).collect();
    folders.extend(project.map(|c| c.path.clone()));
    let mut status = 0;
    let (mut removed, mut freed) = (0, 0);
    for folder in &folders {
        let bytes = cache_folder(folder).bytes;
        match remove_cache_folder(folder) {
            Ok(()) => {
                removed += 1;
                freed += bytes;
                println!("Removed {}", folder.display());
            }
            Err(e) => {
                print_error(format!(
                    "{}: cannot remove the cache: {e}",
                    folder.display()
                ));
                status = EXIT_ERROR;
            }
        }
    }
    println!(
        "Removed {} ({}).",
        plural(removed, "cache", "caches"),
        size(freed)
    );
    status
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A byte count as people read it: "28.1 MB".
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
