//! Print the claims copydesk reads in each sentence of a file, or only the
//! claim at a byte offset: `cargo run --example claims_dump -- FILE [OFFSET]`.

use copydesk::Document;
use copydesk::text::claims::document_claims;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: claims_dump FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("claims_dump: {path}: {error}");
            std::process::exit(2);
        }
    };
    let at: Option<usize> = std::env::args().nth(2).and_then(|n| n.parse().ok());
    let doc = Document::for_file(text, std::path::Path::new(&path));
    for (sentence, claims) in document_claims(&doc) {
        let here = |c: &copydesk::text::claims::Claim| {
            at.is_none_or(|at| c.range.start <= at && at < c.range.end.max(c.range.start + 1))
        };
        if !claims.iter().any(here) {
            continue;
        }
        println!(
            "» {}",
            doc.prose()[sentence]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
        for claim in claims.into_iter().filter(here) {
            println!(
                "  «{}» {:?} {:?}\n    subject {:?} owner {:?} thing {:?}\n    local {:?}\n    qualifiers {:?}\n    time {:?}",
                &doc.prose()[claim.range.clone()],
                claim.attribute,
                claim.value,
                claim.subject.entities,
                claim.subject.owner,
                claim.subject.thing.as_ref().map(|t| &t.word),
                claim
                    .subject
                    .local
                    .iter()
                    .map(|w| (&w.word, w.distance))
                    .collect::<Vec<_>>(),
                claim.qualifiers,
                claim.time,
            );
        }
    }
}
