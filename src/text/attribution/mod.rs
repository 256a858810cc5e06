//! Who said each quotation. A speech cue in the quotation's sentence
//! ("said", "according to", "his statement", a colon) ties it to a speaker:
//! a name, a pronoun (resolved to the nearest earlier name) or a noun phrase
//! ("the official", "one voter"). News conventions tie the rest to a
//! speaker in a neighbouring sentence (see `conventions`). Titles and
//! slogans in quotation marks need no speaker.
//!
//! Owns cues, speakers and conventions; may import the rest of `text`,
//! `lang`, `rules` (the cue lists) and `document`.

use std::ops::Range;

mod conventions;
mod cues;
mod not_speech;
mod speakers;
mod text;

use conventions::{Surroundings, cue_after, inherit};
pub use cues::Cues;
use cues::{find_cue, inverted_tag, source_after, source_line_after, tag_inside};
use not_speech::{
    is_dated, is_headline_with_byline, is_modifier, is_named_term, is_pull_quote, is_title,
    reporters_words, self_introduction, transcript_label,
};
use speakers::Antecedents;
pub use speakers::{Speaker, SpeakerKind};
use text::{Place, blank_quotations, words};

use super::quotes::{Quotation, QuoteScan, word_count};
use crate::document::{BlockKind, Document};

/// How a quotation got its speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A cue in its own sentence ("said", "according to", a colon).
    Cue(String),
    /// A cue opening the sentence after it ("Okafor asked.").
    CueAfter(String),
    /// The speaker a transcript line names ("CLINTON: …"), or who
    /// introduces themselves at the start ("I'm Peter Robinson, …").
    Label,
    /// A sentence ending in a colon just before it names the speaker.
    LeadIn,
    /// The sentence just before it reports the speaker's words.
    IndirectSpeech(String),
    /// A partial quotation in a sentence about a named person ("West
    /// landed a dig at “…”").
    PartialQuote,
    /// A source named right after it ("[WaPo.]", "– Bernie Sanders").
    SourceAfter,
    /// An inverted tag whose verb is no cue ("“…?” reacted Trump.").
    InvertedTag,
    /// An earlier attributed quotation in the same paragraph.
    SameParagraph,
    /// A quote-only paragraph after a paragraph whose last quote is attributed.
    FollowingParagraph,
    /// A quote-only paragraph after a paragraph reporting one speaker's
    /// words ("Ruiz says the rules are outdated.").
    ReportedBefore(String),
    /// The continuation of a multi-paragraph quotation.
    ContinuedQuotation,
    /// A quote paragraph answering the question the paragraph before puts
    /// to a named person ("“Why?” Boyle asked Trump.").
    Answer,
    /// A quotation in the first person after a sentence about one person:
    /// their view ("Ruiz is confident the trial will work.") ending the
    /// paragraph before, or the writer's question about them ("Why was he
    /// there?").
    SubjectBefore,
    /// A tag left inside the marks, a closing mark forgotten before it
    /// ("“Absent a force, he added, “this …”"): where the tag stands, from
    /// the comma before it.
    TagInside(Range<usize>),
}

/// A quotation with what the analysis knows about its speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRecord {
    pub quotation: Quotation,
    pub speaker: Option<Speaker>,
    pub link: Option<Link>,
    pub in_heading: bool,
    /// A title, headline or slogan, not speech: it needs no speaker.
    pub is_title: bool,
    /// Its speaker is "he" or "she" with nobody named before to refer to.
    pub dangling_pronoun: bool,
}

impl QuoteRecord {
    pub fn is_attributed(&self) -> bool {
        self.link.is_some() && !self.dangling_pronoun
    }

    /// The speaker's name, when the link is firm enough to compare speakers
    /// by (a partial quote's sentence subject or a digest's source may be
    /// someone other than who spoke) and the speaker is a person.
    pub fn speaker_name(&self) -> Option<&str> {
        let loose = matches!(
            self.link,
            Some(
                Link::PartialQuote
                    | Link::SourceAfter
                    | Link::ReportedBefore(_)
                    | Link::SubjectBefore
                    | Link::Answer
            )
        );
        if loose || !self.is_attributed() {
            return None;
        }
        self.speaker.as_ref().and_then(Speaker::written_name)
    }

    /// "quote attributed to Jens Stoltenberg (cue: said)".
    pub fn describe(&self) -> String {
        if self.is_title {
            return "a title, slogan or pull quote in quotation marks, not speech".to_string();
        }
        let who = match &self.speaker {
            Some(Speaker {
                text,
                refers_to: Some(name),
                ..
            }) => format!("{text} ({name})"),
            Some(speaker) => speaker.text.clone(),
            None => "an unnamed speaker".to_string(),
        };
        let how = match &self.link {
            Some(Link::Cue(cue)) => format!("cue: {cue}"),
            Some(Link::CueAfter(cue)) => format!("cue in the next sentence: {cue}"),
            Some(Link::Label) => "named at the start of the quotation".to_string(),
            Some(Link::LeadIn) => {
                "introduced by the sentence before, ending in a colon".to_string()
            }
            Some(Link::IndirectSpeech(cue)) => {
                format!("the sentence before reports their words, cue: {cue}")
            }
            Some(Link::PartialQuote) => "a partial quote in a sentence about them".to_string(),
            Some(Link::SourceAfter) => "source named right after it".to_string(),
            Some(Link::InvertedTag) => "named right after it, after a verb".to_string(),
            Some(Link::SameParagraph) => {
                "same speaker as the paragraph's earlier quote".to_string()
            }
            Some(Link::FollowingParagraph) => {
                "continues the previous paragraph's speaker".to_string()
            }
            Some(Link::ReportedBefore(cue)) => {
                format!("the paragraph before reports their words, cue: {cue}")
            }
            Some(Link::ContinuedQuotation) => "continues a multi-paragraph quotation".to_string(),
            Some(Link::Answer) => {
                "answers the question the paragraph before puts to them".to_string()
            }
            Some(Link::SubjectBefore) => {
                "introduced by the sentence before: their view, or a question about them"
                    .to_string()
            }
            Some(Link::TagInside(_)) => "named by a tag left inside the marks".to_string(),
            None => return "quote with no attributed speaker".to_string(),
        };
        if self.dangling_pronoun {
            return format!("quote attributed to “{who}”, but nobody is named before it ({how})");
        }
        format!("quote attributed to {who} ({how})")
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
    let mut antecedents: Option<Antecedents> = None;
    let mut article_words: Option<String> = None;
    let mut records: Vec<QuoteRecord> = Vec::with_capacity(scan.quotations.len());
    for quotation in &scan.quotations {
        if doc.is_cancelled() {
            break;
        }
        let place = Place::of(doc, quotation);
        let context = place
            .as_ref()
            .map_or(quotation.range.clone(), |p| p.range(doc));
        let outside = blank_quotations(prose, &context, &scan.quotations);
        let quote_at = quotation.range.start - context.start;
        let quote = quote_at..(quotation.range.end - context.start).min(outside.len());
        let inner = prose.get(quotation.inner.clone()).unwrap_or("");
        let around = Surroundings {
            doc,
            scan,
            cues,
            place,
        };
        let before = word_before(&outside, quote_at);
        let after = prose.get(quotation.range.end..).unwrap_or("");
        let mut record = QuoteRecord {
            quotation: quotation.clone(),
            speaker: None,
            link: None,
            in_heading: doc.blocks()[quotation.block].kind == BlockKind::Heading,
            is_title: is_title(inner, before.as_deref())
                || is_modifier(inner, before.as_deref(), after)
                || is_dated(after)
                || is_headline_with_byline(inner, after)
                // A short one is a scare quote, which that check wants.
                || (word_count(inner) > short_quote_words
                    && outside.get(..quote_at).is_some_and(is_named_term)),
            dangling_pronoun: false,
        };
        if record.is_title {
            records.push(record);
            continue;
        }
        if let Some(label) = transcript_label(inner).or_else(|| self_introduction(inner)) {
            record.speaker = Some(Speaker {
                text: label.to_string(),
                kind: SpeakerKind::Name,
                refers_to: None,
            });
            record.link = Some(Link::Label);
        } else if let Some(cue) = find_cue(&outside, cues, &quote) {
            record.speaker = Some(cue.speaker);
            record.link = Some(Link::Cue(cue.text));
        } else if let Some(source) =
            source_after(inner, prose.get(quotation.range.end..).unwrap_or(""))
        {
            record.speaker = Some(source);
            record.link = Some(Link::SourceAfter);
        } else if let Some(speaker) = inverted_tag(inner, after) {
            record.speaker = Some(speaker);
            record.link = Some(Link::InvertedTag);
        } else if let Some(source) = source_line_after(doc, quotation) {
            record.speaker = Some(source);
            record.link = Some(Link::SourceAfter);
        } else if let Some(cue) = cue_after(&around, quotation) {
            record.speaker = Some(cue.speaker);
            record.link = Some(Link::CueAfter(cue.text));
        } else if let Some((cue, tag)) = tag_inside(inner, cues) {
            record.speaker = Some(cue.speaker);
            let at = quotation.inner.start;
            record.link = Some(Link::TagInside(at + tag.start..at + tag.end));
        }
        if record.link.is_none() && !record.in_heading {
            inherit(&mut record, &records, &around, short_quote_words);
        }
        // Asked last, of the few quotations still without a speaker: it
        // reads the whole article (once).
        if record.link.is_none() && !record.in_heading {
            let own = article_words.get_or_insert_with(|| reporters_words(prose, &scan.quotations));
            record.is_title = is_pull_quote(inner, own);
        }
        // "he said" with nobody named before: no speaker, whatever linked it.
        if let Some(speaker) = record.speaker.take() {
            let antecedents = antecedents.get_or_insert_with(|| Antecedents::new(doc));
            record.dangling_pronoun = speaker.is_personal_pronoun()
                && speaker.refers_to.is_none()
                && !antecedents.has_person_before(quotation.range.start);
            record.speaker = Some(antecedents.resolve(speaker, quotation.range.start));
        }
        records.push(record);
    }
    records
}

/// The reporter's last word before the quotation, lower-cased.
fn word_before(outside: &str, quote_at: usize) -> Option<String> {
    let before = outside.get(..quote_at)?;
    words(before).pop().map(|w| w.lower)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use crate::text::quotes::find_quotations;

    fn attribute_text(text: &str) -> Vec<QuoteRecord> {
        let doc = Document::markdown(text);
        let cues = Cues::new(&RuleSet::defaults().quotes);
        attribute(&doc, &find_quotations(&doc), &cues, 3)
    }

    fn records(text: &str) -> Vec<(String, Option<String>, bool)> {
        attribute_text(text)
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
    fn a_dash_before_the_verb_is_read_whole() {
        // "—" is three bytes: the clause after it starts past all of them.
        let text = "The sheds are short of staff — Ana Ruiz says.\n\n“We lose pickers every week to the mines.”";
        assert_eq!(records(text).len(), 1);
    }

    #[test]
    fn an_aside_in_parentheses_ends_no_turn() {
        let report = "Ana Ruiz spoke about the levy.";
        let quote = "“I believe the levy is fair, and I will say so.”";
        let aside = "(The levy funds the fences. It began in 2009.)";
        let after_aside = format!("{report} {aside}\n\n{quote}");
        assert_eq!(speaker_of(&after_aside), Some("Ana Ruiz".into()));
        // An aside cannot bring back a turn another sentence has ended.
        let ended = format!("{report} The council kept it. {aside}\n\n{quote}");
        assert_eq!(speaker_of(&ended), None);
        // Nor is a paragraph that is all aside anyone's report.
        assert_eq!(speaker_of(&format!("{aside}\n\n{quote}")), None);
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

    #[test]
    fn a_name_before_people_qualifies_them() {
        assert_eq!(
            speaker_of("“Every graft changes who we are,” French experts wrote."),
            Some("French experts".to_string())
        );
        assert_eq!(
            speaker_of("“We meant the old plan,” a Ruiz campaign official said later."),
            Some("Ruiz campaign official".to_string())
        );
    }

    #[test]
    fn the_name_after_that_is_what_was_said_about() {
        let speaker = speaker_of(
            "A council official walked it back, saying that Ruiz “did not mean the old harbour plan.”",
        );
        assert_ne!(speaker.as_deref(), Some("Ruiz"));
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
    fn a_participle_of_speech_reports_the_subjects_words() {
        let text = "Ruiz, plainly annoyed, answered by tapping the table, saying the town was misled.\n\n“I took no money from them. I am tired of hearing otherwise.”";
        assert_eq!(records(text)[0].1, Some("Ruiz".into()));
        // The participle must follow a comma: "by saying" is no report.
        let text = "The vote was lost by saying too little too late.\n\n“I took no money from them. I am tired of hearing otherwise.”";
        assert!(!records(text)[0].2);
    }

    #[test]
    fn a_verb_after_and_reports_the_sentences_subject() {
        let quote = "\n\n“We cannot give a six-year-old that diagnosis with any confidence.”";
        let text = format!(
            "Okafor runs the clinic at the city hospital and says the label is used too early.{quote}"
        );
        assert_eq!(records(&text)[0].1, Some("Okafor".into()));
        let text = format!(
            "The minister toured the farms on Monday and said the payments would come soon.{quote}"
        );
        assert_eq!(records(&text)[0].1, Some("The minister".into()));
        // Not the noun after the verb: "and say" has no one subject here.
        let text =
            format!("The growers met on Friday and say the price of hay has doubled.{quote}");
        assert!(!records(&text)[0].2);
        // "And, says Ruiz, …" names its speaker after the verb.
        let text = format!("And, says Ana Ruiz, the town was never told.{quote}");
        assert_eq!(records(&text)[0].1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn an_interjection_leaves_the_speaker_speaking() {
        let text = "“Do we shut the pool?” Ruiz asked.\n\n“No!”\n\n“Or do we find the money for a new pump?”";
        assert_eq!(records(text)[2].1, Some("Ruiz".into()));
        let text = "The meeting ran late.\n\n“No!”\n\n“Or do we find the money for a new pump?”";
        assert!(!records(text)[1].2);
    }

    #[test]
    fn a_view_introduces_the_speaker_of_a_first_person_quote() {
        let quote = "\n\n“This is work we have done with two universities.”";
        let text =
            format!("Dr Ana Okafor from the state agency is confident the wheat will cope.{quote}");
        assert_eq!(records(&text)[0].1, Some("Dr Ana Okafor".into()));
        // A deed is no introduction, nor a view after the clause ends.
        let text = format!("Okafor then lost the vote by two.{quote}");
        assert!(!records(&text)[0].2);
        let text = format!("Okafor lost, and her rivals are confident.{quote}");
        assert!(!records(&text)[0].2);
        // Nor is a view enough for a quote not in the first person.
        let text =
            "Okafor is confident the wheat will cope.\n\n“The rain came too late for the barley.”";
        assert!(!records(text)[0].2);
    }

    #[test]
    fn a_pull_quote_repeats_the_articles_own_words() {
        let text = "But behind the fight lies an older quarrel about who pays for water.\n\n“Behind the fight lies an older quarrel about who pays for water.”";
        let found = attribute_text(text);
        assert!(found[0].is_title && !found[0].is_attributed());
        let text = "The fight goes on.\n\n“Behind the fight lies an older quarrel about who pays for water.”";
        assert!(!attribute_text(text)[0].is_title);
        // Someone's quotation set apart again still needs its speaker.
        let text = "“Behind the fight lies an older quarrel about water,” Ruiz said.\n\nThe fight goes on.\n\n“Behind the fight lies an older quarrel about water.”";
        assert!(!attribute_text(text)[1].is_title);
    }

    #[test]
    fn the_writers_question_about_someone_is_answered_by_them() {
        let text = "Ana Ruiz sold lemonade all day. Why was she out in the heat? “My dad says I pay for half.”";
        assert_eq!(records(text)[0].1, Some("Ana Ruiz".into()));
        let text = "Why does the town keep the pool open? “My dad says it pays for itself.”";
        assert!(!records(text)[0].2);
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

    fn links(text: &str) -> Vec<Option<Link>> {
        let doc = Document::markdown(text);
        let cues = Cues::new(&RuleSet::defaults().quotes);
        attribute(&doc, &find_quotations(&doc), &cues, 3)
            .into_iter()
            .map(|r| r.link.filter(|_| !r.dangling_pronoun))
            .collect()
    }

    #[test]
    fn each_structure_links_by_its_own_rule() {
        let cue = |c: &str| Some(Link::Cue(c.to_string()));
        assert_eq!(links("“We stay,” the two write today."), vec![cue("write")]);
        assert_eq!(
            links("Petrie ended with a warning:\n\n“The library closes in June.”"),
            vec![Some(Link::LeadIn)]
        );
        assert_eq!(
            links("The tunnel helps, said Nora Quist. “It avoids a fight with landowners.”"),
            vec![Some(Link::IndirectSpeech("said".into()))]
        );
        assert_eq!(
            links("“Who signed this contract?” Councillor Ines Moreau asked."),
            vec![Some(Link::CueAfter("asked".into()))]
        );
        assert_eq!(
            links("Vance took a swipe at “the consultants who never rode a bus.”"),
            vec![Some(Link::PartialQuote)]
        );
        assert_eq!(
            links("“Forty boats were lost this season.” [Harbour Gazette.]"),
            vec![Some(Link::SourceAfter)]
        );
        assert_eq!(
            links("Two more. “Forty boats lost, and a season,” by the Gazette’s Tomas Reyes."),
            vec![Some(Link::SourceAfter)]
        );
        assert_eq!(
            links("“HOST: Will you raise taxes this year?”"),
            vec![Some(Link::Label)]
        );
        assert_eq!(
            links("Snow fell.\n\n“We will not give up,” he said."),
            vec![None]
        );
    }

    #[test]
    fn the_one_asked_answers() {
        let text = "“Will you stand again?” Boyle asked Senator Ines Moreau.\n\n“Not this time, not again.”";
        assert_eq!(speaker_of_nth(text, 1).as_deref(), Some("Ines Moreau"));
        assert_eq!(links(text)[1], Some(Link::Answer));
        // Nobody named as asked: the question is the speaker's own.
        let own = "“Where did it start?” Okafor asks.\n\n“On the coast, we think, in the dunes.”";
        assert_eq!(links(own)[1], Some(Link::FollowingParagraph));
    }

    #[test]
    fn titles_need_no_speaker() {
        let doc = Document::markdown("Her memoir, “A House Between Two Rivers,” sold out.");
        let cues = Cues::new(&RuleSet::defaults().quotes);
        let records = attribute(&doc, &find_quotations(&doc), &cues, 3);
        assert!(records[0].is_title);
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
