//! The word lists frames are read with: what makes a value a part, a
//! margin, a poll's or a forecast, and which words share a stem.

/// Words that make a value a remainder or difference rather than a total.
pub(super) const PART_WORDS: &[&str] = &[
    "need",
    "needs",
    "needed",
    "remaining",
    "more",
    "another",
    "additional",
    "extra",
    "left",
    "short",
    "fewer",
    "less",
    "lead",
    "margin",
    "ahead",
    "behind",
    "still",
];

/// Words after a value that make it a remainder ("12 more", "40 left").
pub(super) const PART_WORDS_AFTER: &[&str] =
    &["more", "remaining", "left", "short", "fewer", "less"];

/// Nouns whose ordinal is a standing in a race.
pub(super) const RANKING_NOUNS: &[&str] = &["place", "finish", "spot", "ballot", "position"];

/// Words before a value that make it a margin between rivals.
pub(super) const MARGIN_WORDS: &[&str] = &[
    "lead", "leads", "led", "leading", "trail", "trails", "trailed", "trailing", "ahead", "behind",
    "margin", "beat", "edge",
];

/// Words beside a value that make it a remainder whatever else the
/// sentence says: "still needs 159", "99 additional delegates".
pub(super) const REMAINDER_WORDS: &[&str] = &[
    "still",
    "more",
    "another",
    "additional",
    "extra",
    "remaining",
];

/// Words before a percentage that make it a ranked group: "the top 1
/// percent".
pub(super) const PERCENTILE_WORDS: &[&str] = &[
    "top",
    "bottom",
    "richest",
    "poorest",
    "wealthiest",
    "highest",
    "lowest",
];

/// Conjunctions that open a new clause after a comma: ", but the rate".
pub(super) const CLAUSE_CONJUNCTIONS: &[&str] =
    &["but", "while", "whereas", "although", "though", "yet"];

/// Words before a value that make it the latest instance of something
/// recurring: "the newest release includes 64 emails".
pub(super) const SNAPSHOT_WORDS: &[&str] = &["latest", "newest", "current"];

/// Words that make a sentence a poll report.
pub(super) const POLL_WORDS: &[&str] = &[
    "poll",
    "polls",
    "polling",
    "survey",
    "surveyed",
    "surveys",
    "respondents",
    "pollster",
    "pollsters",
];

/// Words that may stand between a name and its figure.
pub(super) const OWNER_VERBS: &[&str] = &[
    "has",
    "had",
    "have",
    "won",
    "holds",
    "held",
    "got",
    "gets",
    "took",
    "is",
    "was",
    "earned",
    "secured",
    "captured",
    "claimed",
    "collected",
    "leads",
    "led",
    "now",
    // modals: "Clinton could have about 90%"
    "could",
    "would",
    "will",
    "may",
    "might",
    // hedges between the verb and the value: "has won at least 175"
    "at",
    "least",
    "about",
    "nearly",
    "almost",
    "only",
    "just",
];

/// Capitalised words that are not names of anything in particular.
pub(super) const NOT_ENTITIES: &[&str] = &[
    "i", "mr", "mrs", "ms", "dr", "the", "a", "an", "but", "and", "in", "on", "at", "he", "she",
    "it", "they", "we", "this", "that", "his", "her", "their", "its", "sen", "rep", "gov", "gen",
];

/// Words that place a statement in time without saying what it is about:
/// "late Sunday", "Tuesday night", "four years ago".
pub(super) const TIME_WORDS: &[&str] = &[
    "night",
    "morning",
    "afternoon",
    "evening",
    "late",
    "early",
    "earlier",
    "later",
    "last",
    "next",
    "ago",
    "past",
    "now",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "days",
    "time",
    "recent",
    "recently",
    "previous",
    "far",
    "throughout",
    "during",
];

/// Capitalised first words that are common words, not names.
pub(super) const STOPWORD_NAMES: &[&str] = &[
    "under", "after", "before", "when", "while", "during", "since",
];

pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "this", "that",
];

/// Words that make a statement forward-looking or conditional.
pub(super) const OUTLOOK: &[&str] = &[
    "will",
    "would",
    "could",
    "might",
    "should",
    "expected",
    "expects",
    "projected",
    "forecast",
    "forecasts",
    "predicted",
    "predicts",
    "scheduled",
    "proposed",
    "proposes",
    "hopes",
    "hoped",
    "hoping",
    "wants",
    "seeks",
    "seeking",
    "aims",
    "aiming",
    "trying",
    "if",
];

/// ... and those that do only before "to" ("plans to", "is due to").
pub(super) const OUTLOOK_BEFORE_TO: &[&str] =
    &["plans", "planned", "planning", "due", "set", "going"];

/// Verb forms the stemmer cannot bring to their base.
pub(super) const IRREGULAR: &[(&str, &str)] = &[
    ("met", "meet"),
    ("held", "hold"),
    ("ran", "run"),
    ("won", "win"),
    ("lost", "lose"),
    ("spent", "spend"),
    ("paid", "pay"),
    ("rose", "rise"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("gave", "give"),
    ("given", "give"),
    ("took", "take"),
    ("taken", "take"),
    ("began", "begin"),
    ("begun", "begin"),
    ("sold", "sell"),
    ("built", "build"),
    ("led", "lead"),
    ("brought", "bring"),
    ("bought", "buy"),
    ("drew", "draw"),
    ("drawn", "draw"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("left", "leave"),
    ("sent", "send"),
    ("struck", "strike"),
    ("wrote", "write"),
    ("written", "write"),
    ("came", "come"),
    ("went", "go"),
    ("gone", "go"),
    ("raised", "raise"),
    ("handed", "give"),
    ("delivered", "give"),
    ("presented", "give"),
];

/// Stems of one meaning folded together: a plan cut, trimmed or pared back.
pub(super) const SYNONYMS: &[(&[&str], &str)] = &[
    (
        &["cut", "trim", "pare", "reduc", "shrink", "slash", "shorten"],
        "reduce",
    ),
    (
        &["rais", "rise", "increas", "boost", "lift", "grow"],
        "raise",
    ),
    (&["meet", "meet", "talk", "negoti"], "meet"),
    (
        &["draft", "plan", "framework", "propos", "document"],
        "plan",
    ),
    (&["last", "ran", "run"], "last"),
    (&["strike", "walkout", "stoppag"], "strike"),
];
