//! The words of attribution beside the speech cues themselves (which are
//! rules, in `rules/quotes.toml`): who can be a speaker, what cannot, and
//! what makes quotation marks a title rather than speech.

use super::calendar::{CalendarWord, calendar_word};
use super::list::word_lists;

word_lists! {
    /// Words next to a cue that are not its speaker (weekdays aside).
    NOT_SPEAKERS = "not-speakers.txt";
    /// Possessive determiners that own a speech noun ("his statement").
    POSSESSIVE_PRONOUNS = "possessive-pronouns.txt";
    /// Words after which a cue word is a noun ("the real question").
    NOUN_MARKERS = "noun-markers.txt";
    /// Forms of "be" that make a cue verb passive.
    PASSIVE_AUXILIARIES = "passive-auxiliaries.txt";
    /// Personal pronouns that may be a speaker.
    SPEAKER_PRONOUNS = "speaker-pronouns.txt";
    /// Words that open a noun phrase naming a speaker ("two officials").
    SPEAKER_DETERMINERS = "speaker-determiners.txt";
    /// Speakers that are a lone indefinite word ("one said").
    INDEFINITE_SPEAKERS = "indefinite-speakers.txt";
    /// Nouns for people a later pronoun can refer back to.
    PERSON_NOUNS = "person-nouns.txt";
    /// Words before a quotation that make it a title, not speech.
    TITLE_LEADS = "title-leads.txt";
    /// Phrases before a quotation that make it a name or term, not speech.
    NAMING_PHRASES = "naming-phrases.txt";
    /// Subject heads that are the source of a partial quotation.
    SOURCE_NOUNS = "source-nouns.txt";
    /// Pronouns that can be the subject who speaks or acts.
    SUBJECT_PRONOUNS = "subject-pronouns.txt";
    /// Verbs that say what the subject is, not what it says.
    COPULAS = "copulas.txt";
    /// Prepositions after which a name says where the speaker is from.
    SUBJECT_PREPOSITIONS = "subject-prepositions.txt";
    /// Words Title Case leaves in lower case.
    TITLE_CASE_MINOR_WORDS = "title-case-minor-words.txt";
    /// Words opening a sentence that point back at a quotation.
    BACK_POINTERS = "back-pointers.txt";
    /// Verbs of reported speech whose speaker goes on in the next paragraph.
    REPORTING_VERBS = "reporting-verbs.txt";
    /// Participles of speech after a comma whose speaker is the subject.
    SPEECH_PARTICIPLES = "speech-participles.txt";
    /// Finite verbs of speech that share the subject of the verb before "and".
    SHARED_SUBJECT_VERBS = "shared-subject-verbs.txt";
    /// Words by which a quotation speaks in the first person.
    FIRST_PERSON_WORDS = "first-person-words.txt";
    /// What a sentence says of a person's view right after them.
    STANCE_WORDS = "stance-words.txt";
    /// Verbs by which a subject puts out its own statement or speech.
    ISSUING_VERBS = "issuing-verbs.txt";
    /// Words before a verb of speech that make it no report of speech.
    UNREPORTED_BEFORE = "unreported-before.txt";
    /// Words opening a clause that a verb of speech after them stands in.
    COMPLEMENT_OPENERS = "complement-openers.txt";
    /// Last words of a name that make it a body or a place, not a person.
    BODY_HEADS = "body-heads.txt";
    /// Words that make a speaker's phrase name several speakers.
    SEVERAL_SPEAKERS = "several-speakers.txt";
}

/// A noun for people, singular or plural ("official", "experts").
pub fn is_person_noun(lower: &str) -> bool {
    let singular = lower.strip_suffix('s').unwrap_or(lower);
    PERSON_NOUNS.contains(lower) || PERSON_NOUNS.contains(singular)
}

/// A word that stands next to a cue without being its speaker: a function
/// word, or a day ("said on Monday").
pub fn is_not_speaker(lower: &str) -> bool {
    NOT_SPEAKERS.contains(lower) || matches!(calendar_word(lower), Some(CalendarWord::Weekday(_)))
}
