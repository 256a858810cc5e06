//! Whether two frames can be about the same thing, and what they share.

use std::collections::BTreeSet;

use super::Frame;
use crate::lang::case::capitalise;
use crate::lang::statements::CAPITALISED_OPENERS;

/// An entity this close to the value (in words) says which instance of a
/// thing the value belongs to ("a CBS poll", "Trump's 2005 return").
const NEAR_ENTITY_WORDS: usize = 6;

/// Shared words an event needs when the sentences share no name ("the strike
/// ended … when both sides signed").
const EVENT_ANCHORS_WITHOUT_NAME: usize = 3;

/// How near its day or date an event's word stands.
const EVENT_WORDS: usize = 6;

/// What two aligned frames share, for saying why they were compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment<'a> {
    pub entities: Vec<&'a str>,
    pub anchors: Vec<&'a str>,
}

impl Alignment<'_> {
    /// "plan, cut; Washington": up to three anchors, then up to three names.
    pub fn describe(&self) -> String {
        let names: Vec<String> = self
            .entities
            .iter()
            .take(3)
            .map(|e| {
                // Short names are mostly acronyms: "US", "GDP", "NATO".
                if e.chars().count() <= 3 {
                    return e.to_uppercase();
                }
                capitalise(e)
            })
            .collect();
        let anchors: Vec<&str> = self.anchors.iter().take(3).copied().collect();
        [anchors.join(", "), names.join(", ")]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Whether a draft frame and a corpus frame can be about the same thing,
/// and what they share if so.
pub fn align<'a>(draft: &'a Frame, corpus: &Frame) -> Option<Alignment<'a>> {
    align_with(draft, corpus, 2)
}

/// As `align`, for a weekday or date: the same event needs its own word next
/// to the day in both, and a shared name (or three shared words).
pub fn align_event<'a>(draft: &'a Frame, corpus: &Frame) -> Option<Alignment<'a>> {
    // The event's own word stands next to its day in both: "met in Geneva
    // on Sunday", not "front-runner Donald Trump on Monday".
    let near = |frame: &Frame, stem: &str| {
        frame
            .local
            .iter()
            .any(|w| w.stem == stem && w.distance < EVENT_WORDS)
    };
    let shares_event_word = || {
        draft
            .local
            .iter()
            .any(|w| w.distance < EVENT_WORDS && near(corpus, &w.stem))
    };
    align_with(draft, corpus, 1).filter(|a| {
        (!a.entities.is_empty() || a.anchors.len() >= EVENT_ANCHORS_WITHOUT_NAME)
            && shares_event_word()
    })
}

/// Whether a corpus frame's value belongs to someone or something the
/// draft's paragraph never names: "Florida's 99 delegates", or "the 1,237
/// delegates needed to win the Republican nomination" beside a paragraph
/// about Democrats. The name that says so, if any.
pub fn foreign_owner<'a>(
    draft: &Frame,
    corpus: &'a Frame,
    paragraph_words: &BTreeSet<String>,
) -> Option<&'a str> {
    if let Some(owner) = &corpus.owner
        && draft.owner.as_ref() != Some(owner)
        && !paragraph_words.contains(owner)
    {
        return Some(owner);
    }
    let in_draft_frame = |stem: &str| {
        draft.head.as_ref().is_some_and(|h| h.stem == stem)
            || draft.local.iter().any(|w| w.stem == stem)
    };
    corpus
        .qualifiers
        .iter()
        .filter(|q| in_draft_frame(&q.of))
        .find(|q| !q.name.iter().any(|word| paragraph_words.contains(word)))
        .map(|q| q.name[0].as_str())
}

fn align_with<'a>(
    draft: &'a Frame,
    corpus: &Frame,
    anchors_without_name: usize,
) -> Option<Alignment<'a>> {
    // A draft statement dated by its year ("in 2014") is about that year:
    // a corpus statement must name it too.
    if !draft.years.is_empty() && !draft.years.iter().any(|y| corpus.years.contains(y)) {
        return None;
    }
    if let (Some(a), Some(b)) = (&draft.head, &corpus.head)
        && a.stem != b.stem
    {
        return None;
    }
    // A figure that belongs to a name ("Cruz has 11") is not compared with
    // another name's; a rank ("third-place finish") needs the name in both.
    if let (Some(a), Some(b)) = (&draft.owner, &corpus.owner)
        && a != b
    {
        return None;
    }
    if draft.ranking && (draft.owner.is_none() || corpus.owner.is_none()) {
        return None;
    }
    // A remainder is not a total; a poll's figure or a race's margin is of
    // its own day.
    if draft.part != corpus.part
        || draft.remainder != corpus.remainder
        || draft.poll
        || corpus.poll
        || draft.margin
        || corpus.margin
        || draft.snapshot
        || corpus.snapshot
        || draft.percentile != corpus.percentile
    {
        return None;
    }
    if (draft.in_tally || corpus.in_tally) && (draft.owner.is_none() || draft.owner != corpus.owner)
    {
        return None;
    }
    let has_entity = |frame: &Frame, name: &str| frame.entities.iter().any(|(e, _)| e == name);
    let clash = |ours: &Frame, theirs: &Frame| {
        ours.entities
            .iter()
            .any(|(e, d)| *d < NEAR_ENTITY_WORDS && !has_entity(theirs, e))
    };
    // The same owner names the instance already; other names near a figure
    // in a tally are its neighbours', not a rival instance.
    let same_owner = draft.owner.is_some() && draft.owner == corpus.owner;
    if !same_owner && clash(draft, corpus) && clash(corpus, draft) {
        return None;
    }
    // Counted first, collected only for a match: most candidates fail here.
    let shared_entities = || {
        draft
            .entities
            .iter()
            .filter(|(e, _)| has_entity(corpus, e) && !CAPITALISED_OPENERS.contains(e))
            .map(|(e, _)| e.as_str())
    };
    let shared_head = match (&draft.head, &corpus.head) {
        (Some(a), Some(_)) => Some(a.word.as_str()),
        _ => None,
    };
    let shared_local = || {
        draft
            .local
            .iter()
            .filter(|w| corpus.local.iter().any(|c| c.stem == w.stem))
            .map(|w| w.word.as_str())
            .filter(move |w| Some(*w) != shared_head)
    };
    let anchor_count = usize::from(shared_head.is_some()) + shared_local().count();
    // A shared name and an anchor, or without a name two anchors ("the
    // final negotiating session ... lasted").
    let enough = if shared_entities().next().is_none() {
        anchor_count >= anchors_without_name
    } else {
        anchor_count > 0
    };
    if !enough {
        return None;
    }
    let mut entities: Vec<&str> = shared_entities().collect();
    entities.dedup();
    let mut anchors: Vec<&str> = shared_head.into_iter().collect();
    for word in shared_local() {
        if !anchors.contains(&word) {
            anchors.push(word);
        }
    }
    Some(Alignment { entities, anchors })
}
