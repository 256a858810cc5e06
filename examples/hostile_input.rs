//! Write a hostile draft of about SIZE bytes in one of the shapes that have
//! made linters slow: `cargo run --release --example hostile_input -- SHAPE
//! SIZE OUT`. `bench/hostile.sh` times `copydesk lint` on each shape at
//! 10 KB, 100 KB and 1 MB, to show that time grows linearly with size.
//!
//! Shapes: long-word, quotes, capitalised, nesting, suppressions; two with
//! a finding every few bytes of one line (variants, quoted-words); and two
//! with thousands of items a check compares with each other (names: distinct
//! names, one sentence each; quote-paragraphs: a quotation per paragraph).

use std::process::ExitCode;

/// A news paragraph to open each draft, so the checks have real work too.
const OPENING: &str = "Talks in Geneva resumed on Monday, officials said. \
Steve Witkoff met Rustem Umerov for three hours, according to Reuters.\n\n";

const SHAPES: &[&str] = &[
    "long-word",
    "quotes",
    "capitalised",
    "nesting",
    "suppressions",
    "variants",
    "quoted-words",
    "names",
    "quote-paragraphs",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [shape, size, out] = args.as_slice() else {
        eprintln!("usage: hostile_input SHAPE SIZE_BYTES OUT  (shapes: {SHAPES:?})");
        return ExitCode::from(2);
    };
    let Ok(size) = size.parse::<usize>() else {
        eprintln!("hostile_input: SIZE_BYTES must be a number, not {size:?}");
        return ExitCode::from(2);
    };
    let Some(text) = hostile_text(shape, size) else {
        eprintln!("hostile_input: unknown shape {shape:?} (shapes: {SHAPES:?})");
        return ExitCode::from(2);
    };
    if let Err(error) = std::fs::write(out, text) {
        eprintln!("hostile_input: {out}: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn hostile_text(shape: &str, size: usize) -> Option<String> {
    let mut text = String::from(OPENING);
    let body = size.saturating_sub(text.len());
    match shape {
        // A pasted blob: one capitalised "word" with no space in it.
        "long-word" => {
            text.push_str("Ukraine");
            text.push_str(&"A".repeat(body));
        }
        // Quotation marks and nothing else, in one paragraph.
        "quotes" => text.push_str(&"\"".repeat(body)),
        // One paragraph of distinct capitalised words: one endless "name".
        "capitalised" => {
            let mut seed = 0x2545_f491_u32;
            while text.len() < size {
                text.push_str(&pseudo_name(&mut seed));
                text.push(' ');
            }
        }
        // Block quotes and lists nested one level deeper on every line, as
        // deep as the size allows (about 700 levels in 1 MB).
        "nesting" => {
            let mut level = 0;
            while text.len() < size {
                text.push_str(&"> ".repeat(level));
                text.push_str(&"- ".repeat(level));
                text.push_str("\"Quoted,\" he said.\n");
                level += 1;
            }
        }
        // A suppression comment before every line.
        "suppressions" => {
            while text.len() < size {
                text.push_str("<!-- copydesk-disable-next-line name-spelling -->\n");
                text.push_str("\"We will see,\" Witkof said.\n\n");
            }
        }
        // A house-rule variant every five bytes of one line.
        "variants" => push_repeated(&mut text, "Kiev ", size),
        // A short quotation every ten bytes of one line.
        "quoted-words" => push_repeated(&mut text, "“Quote” ", size),
        // Distinct two-word names, a sentence each.
        "names" => {
            let mut seed = 0x9e37_79b9_u32;
            while text.len() < size {
                let (first, last) = (pseudo_name(&mut seed), pseudo_name(&mut seed));
                text.push_str(&format!("Officials said {first} {last} met them. "));
            }
        }
        // One unattributed quotation per paragraph.
        "quote-paragraphs" => push_repeated(
            &mut text,
            "“We will not give up what our soldiers are holding today.”\n\n",
            size,
        ),
        _ => return None,
    }
    Some(text)
}

fn push_repeated(text: &mut String, piece: &str, size: usize) {
    while text.len() < size {
        text.push_str(piece);
    }
}

/// A capitalised pseudo-word of 4 to 9 letters from a xorshift generator,
/// so the words differ without a random-number dependency.
fn pseudo_name(seed: &mut u32) -> String {
    let mut next = || {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 17;
        *seed ^= *seed << 5;
        *seed
    };
    let len = 4 + (next() % 6) as usize;
    let mut word = String::with_capacity(len);
    for k in 0..len {
        let letter = (b'a' + (next() % 26) as u8) as char;
        word.push(if k == 0 {
            letter.to_ascii_uppercase()
        } else {
            letter
        });
    }
    word
}
