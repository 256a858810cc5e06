//! Name mentions: runs of capitalised words in a sentence, with the particles
//! (de, van, al-, bin), initials, hyphens and apostrophes that names carry.
//! Both the draft checks and the corpus name index read names this way, so
//! that a spelling counted in the corpus is the same unit the draft shows.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Lower-case words that may stand inside a name between capitalised words.
const PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "den", "di", "da", "dos", "das", "du", "la", "le", "van", "von",
    "al", "el", "bin", "ibn", "bint", "ben", "abu", "y", "zu", "ter",
];

/// One mention of a name in the prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMention {
    /// The whole name, possessive ending excluded.
    pub range: Range<usize>,
    /// Each word of the name (particles included, hyphen parts separate).
    pub words: Vec<Range<usize>>,
    /// The `'s` or `’s` after the name, when there is one.
    pub possessive: Option<Range<usize>>,
    /// True when the name is the first word of its sentence, where any word
    /// is capitalised and a single word says little.
    pub sentence_initial: bool,
}

impl NameMention {
    /// The name's spelling with runs of whitespace folded to one space.
    pub fn spelling(&self, prose: &str) -> String {
        normalise_spelling(prose.get(self.range.clone()).unwrap_or(""))
    }
}

/// Fold whitespace (line wraps, double spaces) so spellings compare equal.
pub fn normalise_spelling(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when a word starts with an upper-case letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Word,
    Space { line_break: bool },
    Hyphen,
    Period,
    Other,
}

fn classify(token: &str) -> Piece {
    if token.chars().all(char::is_whitespace) {
        return Piece::Space {
            line_break: token.matches('\n').count() > 1,
        };
    }
    match token {
        "-" | "‐" => Piece::Hyphen,
        "." => Piece::Period,
        _ if token.chars().any(char::is_alphanumeric) => Piece::Word,
        _ => Piece::Other,
    }
}

/// Every name mention in `sentence`, a byte range into `prose`.
pub fn name_mentions(prose: &str, sentence: Range<usize>) -> Vec<NameMention> {
    let Some(text) = prose.get(sentence.clone()) else {
        return Vec::new();
    };
    let tokens: Vec<(Range<usize>, &str, Piece)> = text
        .split_word_bound_indices()
        .map(|(i, t)| {
            (
                sentence.start + i..sentence.start + i + t.len(),
                t,
                classify(t),
            )
        })
        .collect();
    let first_word = tokens.iter().position(|(_, _, p)| *p == Piece::Word);

    let mut mentions = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (_, word, piece) = &tokens[i];
        if *piece != Piece::Word || !is_capitalised(word) {
            i += 1;
            continue;
        }
        let (words, next) = extend_run(&tokens, i);
        mentions.push(build_mention(prose, &tokens, &words, first_word == Some(i)));
        i = next;
    }
    mentions
}

/// From a capitalised word at `start`, take every word that continues the
/// name. Returns the token indices of the words and where scanning resumes.
fn extend_run(tokens: &[(Range<usize>, &str, Piece)], start: usize) -> (Vec<usize>, usize) {
    let mut words = vec![start];
    let mut i = start + 1;
    loop {
        let last_word = tokens[*words.last().unwrap_or(&start)].1;
        // An initial such as "F." continues across its period.
        let after_initial = tokens.get(i).is_some_and(|t| t.2 == Piece::Period)
            && last_word.chars().count() == 1
            && is_capitalised(last_word);
        let gap = if after_initial { i + 1 } else { i };
        let Some((_, _, joint)) = tokens.get(gap) else {
            break;
        };
        let next = gap + 1;
        let joins = matches!(joint, Piece::Space { line_break: false } | Piece::Hyphen)
            || (after_initial && matches!(joint, Piece::Space { .. }));
        let Some((_, word, Piece::Word)) = tokens.get(next) else {
            break;
        };
        if !joins {
            break;
        }
        if is_capitalised(word) || is_particle_followed_by_name(tokens, next) {
            words.push(next);
            i = next + 1;
        } else {
            break;
        }
    }
    (words, i)
}

fn is_particle_followed_by_name(tokens: &[(Range<usize>, &str, Piece)], at: usize) -> bool {
    // Particles may chain ("von der Leyen"), but must end in a capitalised word.
    let mut at = at;
    loop {
        if !PARTICLES.contains(&tokens[at].1) {
            return false;
        }
        match (tokens.get(at + 1), tokens.get(at + 2)) {
            (
                Some((_, _, Piece::Space { line_break: false } | Piece::Hyphen)),
                Some((_, w, Piece::Word)),
            ) => {
                if is_capitalised(w) {
                    return true;
                }
                at += 2;
            }
            _ => return false,
        }
    }
}

fn build_mention(
    prose: &str,
    tokens: &[(Range<usize>, &str, Piece)],
    words: &[usize],
    sentence_initial: bool,
) -> NameMention {
    let mut word_ranges: Vec<Range<usize>> = words.iter().map(|&w| tokens[w].0.clone()).collect();
    let mut possessive = None;
    if let Some(last) = word_ranges.last_mut() {
        let text = prose.get(last.clone()).unwrap_or("");
        for ending in ["'s", "’s", "'S", "’S"] {
            if text.len() > ending.len() && text.ends_with(ending) {
                let split = last.end - ending.len();
                possessive = Some(split..last.end);
                last.end = split;
                break;
            }
        }
    }
    let start = word_ranges.first().map_or(0, |r| r.start);
    let end = word_ranges.last().map_or(start, |r| r.end);
    NameMention {
        range: start..end,
        words: word_ranges,
        possessive,
        sentence_initial,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spellings(text: &str) -> Vec<String> {
        name_mentions(text, 0..text.len())
            .iter()
            .map(|m| m.spelling(text))
            .collect()
    }

    #[test]
    fn runs_of_capitalised_words_are_one_name() {
        assert_eq!(
            spellings("US envoy Steve Witkoff met Kirill Dmitriev in Miami."),
            vec!["US", "Steve Witkoff", "Kirill Dmitriev", "Miami"]
        );
    }

    #[test]
    fn particles_hyphens_initials_and_apostrophes_stay_inside_the_name() {
        assert_eq!(
            spellings("She met Ursula von der Leyen."),
            vec!["She", "Ursula von der Leyen"]
        );
        assert_eq!(
            spellings("He quoted Bashar al-Assad."),
            vec!["He", "Bashar al-Assad"]
        );
        assert_eq!(
            spellings("A note from John F. Kennedy."),
            vec!["A", "John F. Kennedy"]
        );
        assert_eq!(spellings("ask Conan O'Brien now"), vec!["Conan O'Brien"]);
        assert_eq!(
            spellings("see Jean-Claude Juncker"),
            vec!["Jean-Claude Juncker"]
        );
    }

    #[test]
    fn a_particle_needs_a_capitalised_word_after_it() {
        assert_eq!(spellings("Kyiv and de facto rule"), vec!["Kyiv"]);
    }

    #[test]
    fn possessives_are_split_off() {
        let text = "Kyiv’s mayor and Witkoff's plan";
        let mentions = name_mentions(text, 0..text.len());
        assert_eq!(mentions[0].spelling(text), "Kyiv");
        assert_eq!(&text[mentions[0].possessive.clone().unwrap()], "’s");
        assert_eq!(mentions[1].spelling(text), "Witkoff");
        assert_eq!(&text[mentions[1].possessive.clone().unwrap()], "'s");
    }

    #[test]
    fn sentence_initial_is_marked_and_offsets_are_absolute() {
        let text = "xx. The talks in Geneva ended.";
        let mentions = name_mentions(text, 4..text.len());
        assert!(mentions[0].sentence_initial);
        assert!(!mentions[1].sentence_initial);
        assert_eq!(&text[mentions[1].range.clone()], "Geneva");
    }

    #[test]
    fn punctuation_and_paragraph_breaks_end_a_name() {
        assert_eq!(
            spellings("Rubio, Yermak and Umerov"),
            vec!["Rubio", "Yermak", "Umerov"]
        );
        assert_eq!(spellings("said Rubio\n\nYermak"), vec!["Rubio", "Yermak"]);
        assert_eq!(
            spellings("Marco\nRubio"),
            vec![
                "Marco\nRubio"
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            ]
        );
    }

    #[test]
    fn multibyte_names_are_handled() {
        assert_eq!(
            spellings("Президент Зеленський і Émile Zola"),
            vec!["Президент Зеленський", "Émile Zola"]
        );
    }
}
