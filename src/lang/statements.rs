//! The words that say what kind of statement a figure is part of: a
//! remainder or a margin rather than a total, a poll's, a forecast, the
//! latest of something recurring, or the new or old side of a change.

use super::list::word_lists;

word_lists! {
    /// Words near a value that make it a remainder or difference.
    PART_WORDS = "part-words.txt";
    /// Words right after a value that make it a remainder ("12 more").
    PART_WORDS_AFTER = "part-words-after.txt";
    /// Words after a value, before "to", that make it what a goal takes
    /// ("the 2,383 delegates needed to win").
    THRESHOLD_WORDS_AFTER = "threshold-words-after.txt";
    /// Words right before a value that do so with "to" after it ("it
    /// takes 270 electoral votes to win").
    THRESHOLD_WORDS_BEFORE = "threshold-words-before.txt";
    /// Nouns whose ordinal is a standing in a race.
    RANKING_NOUNS = "ranking-nouns.txt";
    /// Words that rank one member of a group ("third-largest").
    SUPERLATIVES = "superlatives.txt";
    /// Words before a value that make it a margin between rivals.
    MARGIN_WORDS = "margin-words.txt";
    /// Words that make a value a remainder whatever else is said.
    REMAINDER_WORDS = "remainder-words.txt";
    /// Words before a percentage that make it a ranked group of people.
    PERCENTILE_WORDS = "percentile-words.txt";
    /// Conjunctions that open a new clause after a comma.
    CLAUSE_CONJUNCTIONS = "clause-conjunctions.txt";
    /// Words that make a value the latest of something recurring.
    SNAPSHOT_WORDS = "snapshot-words.txt";
    /// Words that make a sentence a poll report.
    POLL_WORDS = "poll-words.txt";
    /// What an election night counts ("the vote", "precincts").
    COUNTED_WORDS = "counted-words.txt";
    /// How far a count has got ("counted", "reporting").
    COUNT_PROGRESS_WORDS = "count-progress-words.txt";
    /// Compass words between a distance and its point of reference.
    COMPASS_DIRECTIONS = "compass-directions.txt";
    /// Prepositions a name may be the object of ("the deal with Le Havre").
    OBJECT_PREPOSITIONS = "object-prepositions.txt";
    /// Words that may stand between a name and the figure it owns.
    OWNER_VERBS = "owner-verbs.txt";
    /// Capitalised words that are not names of anything in particular.
    NOT_ENTITIES = "not-entities.txt";
    /// Words that place a statement in time without saying what it is about.
    TIME_WORDS = "time-words.txt";
    /// Capitalised first words that are common words, not names.
    CAPITALISED_OPENERS = "capitalised-openers.txt";
    /// Determiners before the noun a value hangs on.
    HEAD_DETERMINERS = "head-determiners.txt";
    /// Words that make a statement forward-looking or conditional.
    OUTLOOK_WORDS = "outlook-words.txt";
    /// Words that do so only before "to" ("plans to").
    OUTLOOK_WORDS_BEFORE_TO = "outlook-words-before-to.txt";
    /// Forecast words that are also nouns ("its forecast"), whose revision
    /// is reported.
    OUTLOOK_NOUNS = "outlook-nouns.txt";
    /// Prepositions that make a duration a span things happened within.
    SPAN_PREPOSITIONS = "span-prepositions.txt";
    /// Prepositions that do so only with a determiner between.
    SPAN_PREPOSITIONS_BEFORE_A_DETERMINER = "span-prepositions-before-a-determiner.txt";
    /// Words before a value on the new side of a change ("cut to 19").
    CHANGE_TO = "change-to.txt";
    /// Words before a value on the old side of a change ("from 28").
    CHANGE_FROM = "change-from.txt";
    /// Words right before a value that make it the size of a change ("up $5").
    CHANGE_BY = "change-by.txt";
    /// Verbs that make the value right after them the size of a change ("rose 5 per cent").
    CHANGE_VERBS = "change-verbs.txt";
    /// Words before "to" that leave the value after it a level ("equal to 2.5 per cent").
    TO_WITHOUT_CHANGE = "to-without-change.txt";
    /// Nouns that make a value beside them the size of a change ("a 37 per cent rise").
    CHANGE_NOUNS = "change-nouns.txt";
    /// Words that make the change a value sizes a rise ("lifted by $5").
    CHANGE_UP = "change-up.txt";
    /// Words that make it a fall ("dropped by $8").
    CHANGE_DOWN = "change-down.txt";
    /// Verbs with no event of their own ("the meeting came on Sunday").
    LIGHT_VERBS = "light-verbs.txt";
    /// Events that happen once at one place and day ("talks", "debate").
    EVENT_NOUNS = "event-nouns.txt";
    /// Words that pick one event of a series by where it stands from the
    /// article's day ("the next primary").
    RELATIVE_INSTANCES = "relative-instances.txt";
    /// Events dated by their year ever after ("the 2012 attacks").
    INCIDENT_NOUNS = "incident-nouns.txt";
}

word_lists! {
    /// Words near a figure that make it true of its own day only.
    SNAPSHOT_MARKERS = "snapshot-markers.txt";
    /// Words that set a title or figure in the past.
    HISTORICAL_MARKERS = "historical-markers.txt";
    /// Present-tense verbs before a name's figure that make it a standing
    /// to date ("Clinton has 503").
    STANDING_VERBS = "standing-verbs.txt";
}
