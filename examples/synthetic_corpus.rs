//! Write a synthetic reference corpus and drafts with planted problems:
//! `cargo run --release --example synthetic_corpus -- OUT_DIR ARTICLES [DRAFTS] [SEED]`.

#[path = "../bench/criterion/support/synthetic.rs"]
mod synthetic;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(count)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: synthetic_corpus OUT_DIR ARTICLES [DRAFTS] [SEED]");
        return ExitCode::from(2);
    };
    let drafts: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(10);
    let seed: u64 = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(42);
    let out = PathBuf::from(out);
    match write(&out, count, drafts, seed) {
        Ok(()) => {
            println!(
                "wrote {count} articles and {drafts} drafts to {}",
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("synthetic_corpus: error: {}: {error}", out.display());
            ExitCode::from(2)
        }
    }
}

fn write(out: &std::path::Path, count: usize, drafts: usize, seed: u64) -> std::io::Result<()> {
    let (stories, articles) = synthetic::corpus(seed, count);
    std::fs::create_dir_all(out.join("corpus"))?;
    std::fs::create_dir_all(out.join("drafts"))?;
    for (i, text) in articles.iter().enumerate() {
        std::fs::write(out.join("corpus").join(format!("article-{i:06}.md")), text)?;
    }
    let mut rng = synthetic::Rng::new(seed ^ 0xD1CE);
    for i in 0..drafts {
        let story = &stories[i % stories.len()];
        std::fs::write(
            out.join("drafts").join(format!("draft-{i:05}.md")),
            synthetic::draft(&mut rng, story, 2_000),
        )?;
    }
    std::fs::write(out.join("copydesk.toml"), "corpus = [\"corpus\"]\n")?;
    Ok(())
}
