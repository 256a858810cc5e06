//! Who said each quotation. A speech or cognition cue in the quotation's
//! sentence ("said", "according to") ties it to a speaker: a name, a pronoun
//! (resolved to the nearest earlier name), or a noun phrase ("the official").
//! News conventions carry a speaker on: a later quotation in the same
//! paragraph, a quote-only paragraph after an attributed one, and the
//! continuation of a multi-paragraph quotation.

use std::collections::HashSet;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::claims::ROLE_WORDS;
use super::names::name_mentions;
use super::quotes::{Quotation, QuoteScan, word_count};
use crate::document::{BlockKind, Document};
use crate::rules::QuoteRules;

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you"];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "one", "another", "two", "three",
    "several", "some", "many", "other",
];
/// Words that stand next to a cue verb without being its speaker.
const NOT_SPEAKERS: &[&str] = &[
    "that",
    "this",
    "and",
    "but",
    "or",
    "as",
    "to",
    "in",
    "on",
    "at",
    "of",
    "for",
    "with",
    "by",
    "from",
    "had",
    "has",
    "have",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "also",
    "then",
    "later",
    "earlier",
    "once",
    "not",
    "never",
    "so",
    "when",
    "while",
    "after",
    "before",
    "if",
    "there",
    "what",
    "which",
    "who",
    "it's",
    "just",
    "today",
    "yesterday",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The cue lists of the rules, ready for matching.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    verbs: HashSet<String>,
    /// Lower-cased multi-word cues.
    phrases: Vec<String>,
}

impl Cues {
    pub fn new(rules: &QuoteRules) -> Cues {
        Cues {
            verbs: rules.verbs.iter().map(|v| v.to_lowercase()).collect(),
            phrases: rules.phrases.iter().map(|p| p.to_lowercase()).collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerKind {
    Name,
    Pronoun,
    NounPhrase,
}

/// Who a quotation is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The speaker as written ("Ana Ruiz", "she", "the official").
    pub text: String,
    pub kind: SpeakerKind,
    /// For a pronoun, the name it refers back to, when there is one.
    pub refers_to: Option<String>,
}

impl Speaker {
    /// The name to compare speakers by: the referent of a pronoun, or the
    /// text itself.
    pub fn name(&self) -> Option<&str> {
        match self.kind {
            SpeakerKind::Name => Some(&self.text),
            SpeakerKind::Pronoun => self.refers_to.as_deref(),
            SpeakerKind::NounPhrase => None,
        }
    }
}

/// How a quotation got its speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A cue in its own sentence ("said", "according to", a colon).
    Cue(String),
    /// An earlier attributed quotation in the same paragraph.
    SameParagraph,
    /// A quote-only paragraph after a paragraph whose last quote is attributed.
    FollowingParagraph,
    /// The continuation of a multi-paragraph quotation.
    ContinuedQuotation,
}

/// A quotation with what the analysis knows about its speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRecord {
    pub quotation: Quotation,
    pub speaker: Option<Speaker>,
    pub link: Option<Link>,
    pub in_heading: bool,
}

impl QuoteRecord {
    pub fn is_attributed(&self) -> bool {
        self.link.is_some()
    }

    /// "quote attributed to Jens Stoltenberg (cue: said)".
    pub fn describe(&self) -> String {
        let who = match &self.speaker {
            Some(Speaker {
                text,
                refers_to: Some(name),
                ..
            }) => format!("{text} ({name})"),
            Some(speaker) => speaker.text.clone(),
            None => "an unnamed speaker".to_string(),
        };
        match &self.link {
            Some(Link::Cue(cue)) => format!("quote attributed to {who} (cue: {cue})"),
            Some(Link::SameParagraph) => {
                format!("quote attributed to {who} (same speaker as the paragraph's earlier quote)")
            }
            Some(Link::FollowingParagraph) => {
                format!("quote attributed to {who} (continues the previous paragraph's speaker)")
            }
            Some(Link::ContinuedQuotation) => {
                format!("quote attributed to {who} (continues a multi-paragraph quotation)")
            }
            None => "quote with no attributed speaker".to_string(),
        }
    }
}

/// Attribute every quotation of `scan`, in document order.
pub fn attribute(
    doc: &Document,
    scan: &QuoteScan,
    cues: &Cues,
    short_quote_words: usize,
) -> Vec<QuoteRecord> {
    let prose = doc.prose();
    let mut antecedents: Option<Vec<(usize, String)>> = None;
    let mut records: Vec<QuoteRecord> = Vec::with_capacity(scan.quotations.len());
    for quotation in &scan.quotations {
        let block = &doc.blocks()[quotation.block];
        let in_heading = block.kind == BlockKind::Heading;
        let mut context = sentence_context(doc, quotation);
        let mut outside = blank_quotations(prose, &context, &scan.quotations);
        let mut cue = find_cue(&outside, cues, quotation.range.start - context.start);
        if cue.is_none()
            && let Some(extended) = with_trailing_cue(doc, quotation, &context, cues)
        {
            // "“Where were you?” Okafor asked.": the question mark ended the
            // sentence before its attribution.
            context = extended;
            outside = blank_quotations(prose, &context, &scan.quotations);
            cue = find_cue(&outside, cues, quotation.range.start - context.start);
        }
        let mut record = match cue {
            Some((cue, speaker)) => {
                let speaker = speaker
                    .map(|s| resolve_pronoun(doc, &mut antecedents, s, quotation.range.start));
                QuoteRecord {
                    quotation: quotation.clone(),
                    speaker,
                    link: Some(Link::Cue(cue)),
                    in_heading,
                }
            }
            None => QuoteRecord {
                quotation: quotation.clone(),
                speaker: None,
                link: None,
                in_heading,
            },
        };
        if record.link.is_none() && !in_heading {
            inherit(&mut record, &records, doc, scan, short_quote_words);
        }
        records.push(record);
    }
    records
}

/// The sentences a quotation touches, as one byte range.
fn sentence_context(doc: &Document, quotation: &Quotation) -> Range<usize> {
    let block = &doc.blocks()[quotation.block];
    // Sentences are in order: find the first that ends after the quotation
    // starts, then take those that begin before it ends.
    let first = block
        .sentences
        .partition_point(|s| s.end <= quotation.range.start);
    let touching = &block.sentences[first..];
    let count = touching.partition_point(|s| s.start < quotation.range.end);
    match (
        touching.first().filter(|_| count > 0),
        touching.get(count.saturating_sub(1)),
    ) {
        (Some(first), Some(last)) => first.start..last.end,
        _ => quotation.range.clone(),
    }
}

/// The context extended by the next sentence when the quotation ends its
/// sentence with "?" or "!" and the next sentence opens with a cue within
/// its first few words ("Okafor asked the chamber.").
fn with_trailing_cue(
    doc: &Document,
    quotation: &Quotation,
    context: &Range<usize>,
    cues: &Cues,
) -> Option<Range<usize>> {
    let prose = doc.prose();
    let inner = prose.get(quotation.inner.clone())?.trim_end();
    if !(inner.ends_with('?') || inner.ends_with('!')) {
        return None;
    }
    if prose.get(quotation.range.end..context.end)?.trim().len() > 1 {
        return None;
    }
    let block = &doc.blocks()[quotation.block];
    let next = block.sentences.iter().find(|s| s.start >= context.end)?;
    let opening: Vec<String> = prose
        .get(next.clone())?
        .unicode_words()
        .take(5)
        .map(str::to_lowercase)
        .collect();
    opening
        .iter()
        .any(|w| cues.verbs.contains(w))
        .then_some(context.start..next.end)
}

/// The context's prose with every quotation in it blanked, same length, so
/// cues and speakers are looked for only in the reporter's own words.
/// `quotations` are in document order, so only those near the context are
/// visited.
fn blank_quotations(prose: &str, context: &Range<usize>, quotations: &[Quotation]) -> String {
    let mut bytes = prose.get(context.clone()).unwrap_or("").as_bytes().to_vec();
    let first = quotations.partition_point(|q| q.range.end <= context.start);
    for q in quotations[first..]
        .iter()
        .take_while(|q| q.range.start < context.end)
    {
        let start = q.range.start.max(context.start);
        let end = q.range.end.min(context.end);
        if start < end {
            bytes[start - context.start..end - context.start].fill(b' ');
        }
    }
    // Blanking whole quotations (whole characters) keeps the text valid.
    String::from_utf8(bytes).unwrap_or_default()
}

/// A word of the reporter's text, lower-cased, with its byte range.
struct Word {
    lower: String,
    range: Range<usize>,
}

fn words(text: &str) -> Vec<Word> {
    text.unicode_word_indices()
        .map(|(i, w)| Word {
            lower: w.to_lowercase(),
            range: i..i + w.len(),
        })
        .collect()
}

/// The cue in `outside` (the sentence with quotations blanked) and the
/// speaker it links to. `quote_at` is where the quotation starts in it.
fn find_cue(outside: &str, cues: &Cues, quote_at: usize) -> Option<(String, Option<Speaker>)> {
    let lowered = outside.to_lowercase().replace("so-called", "         ");
    let words = words(&lowered);
    for phrase in &cues.phrases {
        if let Some(at) = find_phrase(&lowered, phrase) {
            let speaker = speaker_near(outside, &words, at, at + phrase.len());
            return Some((phrase.clone(), speaker));
        }
    }
    let verb = words
        .iter()
        .enumerate()
        .find(|(index, w)| cues.verbs.contains(&w.lower) && !is_agentless_passive(&words, *index));
    if let Some((index, word)) = verb {
        let speaker =
            speaker_near(outside, &words, word.range.start, word.range.end).or_else(|| {
                // "officials said", "police said": a bare noun right before the verb.
                index
                    .checked_sub(1)
                    .map(|i| &words[i])
                    .filter(|w| is_plain_noun(&w.lower))
                    .map(|w| Speaker {
                        text: outside[w.range.clone()].to_string(),
                        kind: SpeakerKind::NounPhrase,
                        refers_to: None,
                    })
            });
        return speaker.map(|s| (word.lower.clone(), Some(s)));
    }
    // "Ruiz: “We will not close the port.”"
    let before = outside.get(..quote_at)?.trim_end();
    let lead = before.strip_suffix(':')?;
    let speaker = speaker_near(outside, &words, lead.len(), lead.len())?;
    Some((":".to_string(), Some(speaker)))
}

/// "what was called “…”", "the text was described as “…”": a cue verb in
/// the passive with no "by …" names nobody.
fn is_agentless_passive(words: &[Word], index: usize) -> bool {
    const AUXILIARIES: &[&str] = &["was", "were", "is", "are", "been", "being", "be"];
    let passive = index
        .checked_sub(1)
        .is_some_and(|i| AUXILIARIES.contains(&words[i].lower.as_str()));
    passive && !words[index + 1..].iter().take(3).any(|w| w.lower == "by")
}

fn find_phrase(text: &str, phrase: &str) -> Option<usize> {
    text.match_indices(phrase).map(|(i, _)| i).find(|&i| {
        let before_ok = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[i + phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        before_ok && after_ok
    })
}

fn is_plain_noun(word: &str) -> bool {
    word.chars().all(char::is_alphabetic)
        && !NOT_SPEAKERS.contains(&word)
        && !DETERMINERS.contains(&word)
}

/// The speaker nearest to a cue spanning `cue_start..cue_end`: a name, a
/// pronoun or a determiner-led noun phrase, within a few words.
fn speaker_near(
    outside: &str,
    words: &[Word],
    cue_start: usize,
    cue_end: usize,
) -> Option<Speaker> {
    let mut candidates: Vec<(usize, Speaker)> = Vec::new();
    let distance = |range: &Range<usize>| {
        if range.end <= cue_start {
            outside[range.end..cue_start].split_whitespace().count()
        } else if range.start >= cue_end {
            outside[cue_end..range.start].split_whitespace().count()
        } else {
            0
        }
    };
    for mention in name_mentions(outside, 0..outside.len()) {
        let text = mention.spelling(outside);
        let first = text.split(' ').next().unwrap_or("").to_lowercase();
        if mention.sentence_initial
            && mention.words.len() == 1
            && (NOT_SPEAKERS.contains(&first.as_str())
                || DETERMINERS.contains(&first.as_str())
                || first == "according")
        {
            continue;
        }
        if PRONOUNS.contains(&first.as_str()) || DETERMINERS.contains(&first.as_str()) {
            continue;
        }
        let text = without_titles(&text);
        if text.is_empty() {
            continue;
        }
        candidates.push((
            distance(&mention.range),
            Speaker {
                text,
                kind: SpeakerKind::Name,
                refers_to: None,
            },
        ));
    }
    for (i, word) in words.iter().enumerate() {
        if PRONOUNS.contains(&word.lower.as_str()) {
            let text = outside[word.range.clone()].to_string();
            candidates.push((
                distance(&word.range),
                Speaker {
                    text,
                    kind: SpeakerKind::Pronoun,
                    refers_to: None,
                },
            ));
        } else if DETERMINERS.contains(&word.lower.as_str()) {
            let outside_cue = |w: &&Word| w.range.end <= cue_start || w.range.start >= cue_end;
            let phrase: Vec<&Word> = words[i + 1..]
                .iter()
                .take(3)
                .take_while(|w| is_plain_noun(&w.lower) && outside_cue(w))
                .collect();
            if let Some(last) = phrase.last() {
                let range = word.range.start..last.range.end;
                let text = outside[range.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                candidates.push((
                    distance(&range),
                    Speaker {
                        text,
                        kind: SpeakerKind::NounPhrase,
                        refers_to: None,
                    },
                ));
            }
        }
    }
    // Nearest wins; on a tie a name beats a pronoun beats a noun phrase.
    candidates
        .into_iter()
        .filter(|(d, _)| *d <= 6)
        .min_by_key(|(d, s)| (*d, s.kind as u8))
        .map(|(_, s)| s)
}

/// A name mention without the titles before it: "Secretary of State Marco
/// Rubio" is "Marco Rubio", so speakers compare by the person.
fn without_titles(mention: &str) -> String {
    const QUALIFIERS: &[&str] = &[
        "state",
        "foreign",
        "defence",
        "defense",
        "prime",
        "deputy",
        "first",
        "vice",
        "army",
        "interior",
        "finance",
        "kremlin",
        "councillor",
        "captain",
        "coach",
        "manager",
        "sir",
        "dame",
        "mr",
        "mrs",
        "ms",
        "dr",
        "of",
        "the",
        "former",
        "special",
        "nato",
        "un",
        "us",
    ];
    let words: Vec<&str> = mention.split(' ').collect();
    let is_title = |w: &&&str| {
        let lower = w.to_lowercase();
        ROLE_WORDS.contains(&lower.as_str()) || QUALIFIERS.contains(&lower.as_str())
    };
    let titles = words.iter().take_while(is_title).count();
    words[titles..].join(" ")
}

/// Give a pronoun the nearest full name mentioned before the quotation.
/// The document's full names are listed once, on the first pronoun.
fn resolve_pronoun(
    doc: &Document,
    antecedents: &mut Option<Vec<(usize, String)>>,
    mut speaker: Speaker,
    before: usize,
) -> Speaker {
    if speaker.kind != SpeakerKind::Pronoun {
        return speaker;
    }
    let names = antecedents.get_or_insert_with(|| {
        let prose = doc.prose();
        doc.sentences()
            .filter(|(block, _)| block.kind != BlockKind::Heading)
            .flat_map(|(_, s)| name_mentions(prose, s))
            .filter(|m| m.words.len() >= 2)
            .map(|m| (m.range.end, m.spelling(prose)))
            .collect()
    });
    let nearest = names.partition_point(|(end, _)| *end <= before);
    speaker.refers_to = nearest.checked_sub(1).map(|i| names[i].1.clone());
    speaker
}

/// The news conventions that carry a speaker to a quotation with no cue.
fn inherit(
    record: &mut QuoteRecord,
    earlier: &[QuoteRecord],
    doc: &Document,
    scan: &QuoteScan,
    short: usize,
) {
    let quotation = &record.quotation;
    let prose = doc.prose();
    if quotation.continues_previous {
        if let Some(previous) = earlier.iter().rev().find(|r| r.quotation.continues_next)
            && previous.is_attributed()
        {
            record.speaker = previous.speaker.clone();
            record.link = Some(Link::ContinuedQuotation);
        }
        return;
    }
    if word_count(prose.get(quotation.inner.clone()).unwrap_or("")) <= short {
        return; // a short phrase later on is a scare quote, not more speech
    }
    if let Some(previous) = earlier
        .iter()
        .rev()
        .find(|r| r.quotation.block == quotation.block)
    {
        if previous.is_attributed() {
            record.speaker = previous.speaker.clone();
            record.link = Some(Link::SameParagraph);
        }
        return;
    }
    let block = &doc.blocks()[quotation.block];
    if !is_quote_only(prose, &block.range, &scan.quotations) {
        return;
    }
    let previous_block = earlier
        .last()
        .filter(|r| r.quotation.block + 1 == quotation.block);
    if let Some(previous) = previous_block.filter(|r| r.is_attributed()) {
        record.speaker = previous.speaker.clone();
        record.link = Some(Link::FollowingParagraph);
    }
}

/// A paragraph made of quotations and nothing else of the reporter's.
fn is_quote_only(prose: &str, block: &Range<usize>, quotations: &[Quotation]) -> bool {
    let outside = blank_quotations(prose, block, quotations);
    !outside.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use crate::text::quotes::find_quotations;

    fn records(text: &str) -> Vec<(String, Option<String>, bool)> {
        let doc = Document::markdown(text);
        let cues = Cues::new(&RuleSet::defaults().quotes);
        attribute(&doc, &find_quotations(&doc), &cues, 3)
            .into_iter()
            .map(|r| {
                let speaker = r
                    .speaker
                    .as_ref()
                    .map(|s| s.name().unwrap_or(&s.text).to_string());
                (
                    text[r.quotation.inner.clone()].to_string(),
                    speaker,
                    r.is_attributed(),
                )
            })
            .collect()
    }

    fn speaker_of(text: &str) -> Option<String> {
        records(text).into_iter().next().and_then(|r| r.1)
    }

    #[test]
    fn the_news_structures_find_their_speaker() {
        assert_eq!(
            speaker_of("“We will not close the port,” Mayor Ana Ruiz said."),
            Some("Ana Ruiz".into())
        );
        assert_eq!(
            speaker_of("“We will not close the port,” said Ana Ruiz."),
            Some("Ana Ruiz".into())
        );
        assert_eq!(
            speaker_of("Ana Ruiz said, “We will not close the port.”"),
            Some("Ana Ruiz".into())
        );
        assert_eq!(
            speaker_of("Ruiz said that the plan was “dead on arrival” for now."),
            Some("Ruiz".into())
        );
        assert_eq!(
            speaker_of("According to Ana Ruiz, “the port stays open.”"),
            Some("Ana Ruiz".into())
        );
        assert_eq!(
            speaker_of("Ruiz described the talks as “difficult but honest”."),
            Some("Ruiz".into())
        );
        assert_eq!(
            speaker_of("Ruiz: “The port stays open.”"),
            Some("Ruiz".into())
        );
        assert_eq!(
            speaker_of("“The port stays open,” the official said."),
            Some("the official".into())
        );
        assert_eq!(
            speaker_of("“The port stays open,” officials said."),
            Some("officials".into())
        );
    }

    #[test]
    fn pronouns_resolve_to_the_nearest_earlier_name() {
        let text = "Ana Ruiz spoke first.\n\n“The port stays open,” she said.";
        assert_eq!(speaker_of_nth(text, 0), Some("Ana Ruiz".into()));
    }

    fn speaker_of_nth(text: &str, n: usize) -> Option<String> {
        records(text).into_iter().nth(n).and_then(|r| r.1)
    }

    #[test]
    fn conventions_carry_the_speaker_on() {
        let same = records("“We will stay,” Ruiz said. “We will not be moved by threats.”");
        assert_eq!(
            same[1],
            (
                "We will not be moved by threats.".into(),
                Some("Ruiz".into()),
                true
            )
        );
        let next = records("“We will stay,” Ruiz said.\n\n“We will not be moved by threats.”");
        assert_eq!(next[1].1, Some("Ruiz".into()));
        let multi =
            records("Ruiz said: “We will stay here.\n\n“And we will not be moved by threats.”");
        assert!(multi[1].2, "{multi:?}");
    }

    #[test]
    fn quotes_with_no_cue_are_unattributed() {
        assert!(!records("The deal collapsed. “Nobody trusts the numbers any more.”")[0].2);
        assert!(!records("The talks ended.\n\n“Nobody trusts the numbers any more.”")[0].2);
        assert!(!records("The so-called “iron budget” passed on Tuesday.")[0].2);
        assert!(!records("It was called “a decision everyone saw coming” at the time.")[0].2);
        assert!(records("“Where were the ministers?” Okafor asked the chamber.")[0].2);
        assert!(!records("“Where were the ministers?” Nobody knew. Okafor asked later.")[0].2);
        assert!(records("It was called “a decision everyone saw coming” by Ruiz.")[0].2);
        let after_unattributed =
            records("The talks ended. “Nobody trusts them now.”\n\n“Nothing will change at all.”");
        assert!(!after_unattributed[1].2);
    }

    #[test]
    fn describe_names_speaker_and_cue() {
        let doc = Document::markdown("“We will stay,” said Jens Stoltenberg.");
        let cues = Cues::new(&RuleSet::defaults().quotes);
        let record = attribute(&doc, &find_quotations(&doc), &cues, 3).remove(0);
        assert_eq!(
            record.describe(),
            "quote attributed to Jens Stoltenberg (cue: said)"
        );
    }
}
