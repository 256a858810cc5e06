//! A deterministic generator of news-style articles for benchmarks: many
//! stories, each with named people, roles, places, quantities and quotes,
//! rendered in varied sentences; and drafts with known problems planted.
//! The same seed always gives the same corpus.

use std::fmt::Write;

/// splitmix64: small, fast and deterministic; quality is ample for text.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const ONSETS: &[&str] = &[
    "b", "d", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st", "tr",
];
const NUCLEI: &[&str] = &["a", "e", "i", "o", "u", "ai", "ei", "ou"];
const CODAS: &[&str] = &["", "n", "r", "s", "l", "k", "v", "sh"];
const ROLES: &[&str] = &[
    "Foreign Minister",
    "Defence Minister",
    "Finance Minister",
    "Prime Minister",
    "President",
    "Mayor",
    "Governor",
    "Chancellor",
    "Interior Minister",
    "Trade Commissioner",
];
const TOPICS: &[(&str, &str)] = &[
    ("plan", "points"),
    ("budget", "billion"),
    ("strike", "days"),
    ("talks", "hours"),
    ("treaty", "clauses"),
    ("delegation", "members"),
    ("package", "measures"),
    ("summit", "leaders"),
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const VERBS: &[&str] = &[
    "said",
    "told reporters",
    "added",
    "warned",
    "insisted",
    "noted",
];
const OPENERS: &[&str] = &[
    "Officials met again on",
    "Negotiators returned to the table on",
    "The two sides spoke by phone on",
    "Delegations gathered in the capital on",
];
const FILLER: &[&str] = &[
    "Analysts expect further rounds before any final agreement is reached.",
    "Neither side published a full text of the proposals.",
    "Opposition lawmakers asked for a parliamentary debate on the terms.",
    "Markets reacted calmly to the news, with bond yields little changed.",
    "Diplomats described the mood in the room as businesslike.",
    "Several aid groups urged both governments to protect civilians.",
];

/// A made-up but pronounceable capitalised word.
pub fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut text = String::new();
    for _ in 0..syllables {
        text.push_str(rng.pick(ONSETS));
        text.push_str(rng.pick(NUCLEI));
    }
    text.push_str(rng.pick(CODAS));
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// One person in a story.
pub struct Person {
    pub given: String,
    pub surname: String,
    pub role: &'static str,
}

/// One news story: its facts are what every article about it repeats.
pub struct Story {
    pub place: String,
    pub people: Vec<Person>,
    pub topic: &'static str,
    pub measure: &'static str,
    pub count: usize,
    pub weekday: &'static str,
    pub quotes: Vec<String>,
}

impl Story {
    pub fn new(rng: &mut Rng) -> Story {
        let (topic, measure) = rng.pick(TOPICS);
        let people = (0..4)
            .map(|_| Person {
                given: word(rng, 2),
                surname: word(rng, 3),
                role: rng.pick(ROLES),
            })
            .collect();
        let quotes = (0..4).map(|_| quote(rng)).collect();
        Story {
            place: word(rng, 2),
            people,
            topic,
            measure,
            count: 3 + rng.below(40),
            weekday: rng.pick(WEEKDAYS),
            quotes,
        }
    }
}

fn quote(rng: &mut Rng) -> String {
    const PARTS: &[&str] = &[
        "we will not accept",
        "this is a serious step",
        "the door remains open",
        "our position has not changed",
        "there is still work to do",
        "nobody wants another delay",
        "the numbers speak for themselves",
        "we expect a clear answer",
        "the next days will decide",
        "trust has to be earned",
    ];
    let first = rng.pick(PARTS);
    let second = rng.pick(PARTS);
    let mut text = format!("{first}, and {second}");
    if let Some(c) = text.get_mut(0..1) {
        c.make_ascii_uppercase();
    }
    text
}

/// One article about `story`, about `paragraphs` paragraphs long.
pub fn article(rng: &mut Rng, story: &Story, paragraphs: usize) -> String {
    let mut text = String::new();
    let lead = &story.people[0];
    let _ = writeln!(
        text,
        "---\ntitle: \"{} {} update\"\nsource: Synthetic Wire\n---\n",
        story.place, story.topic
    );
    let _ = writeln!(
        text,
        "{} {} {}. {} {} {} said the {} now has {} {}.\n",
        rng.pick(OPENERS),
        story.weekday,
        format_args!("in {}", story.place),
        lead.role,
        lead.given,
        lead.surname,
        story.topic,
        story.count,
        story.measure
    );
    for _ in 0..paragraphs {
        // Each quotation has one speaker, as in real coverage.
        let which = rng.below(story.people.len().min(story.quotes.len()));
        let person = &story.people[which];
        let quote = &story.quotes[which];
        let verb = rng.pick(VERBS);
        match rng.below(3) {
            0 => {
                let _ = write!(
                    text,
                    "\u{201c}{quote},\u{201d} {} {} {verb}. ",
                    person.given, person.surname
                );
            }
            1 => {
                let _ = write!(
                    text,
                    "{} {} {} {verb} that the {} was \u{201c}{quote}\u{201d}. ",
                    person.role, person.given, person.surname, story.topic
                );
            }
            _ => {
                let _ = write!(
                    text,
                    "According to {}, the {} has {} {}. ",
                    person.surname, story.topic, story.count, story.measure
                );
            }
        }
        let _ = writeln!(text, "{}\n", rng.pick(FILLER));
    }
    text
}

/// A draft about `story` of about `words` words, with planted problems:
/// a misspelt surname, a wrong count, a wrong role and an unattributed quote.
pub fn draft(rng: &mut Rng, story: &Story, words: usize) -> String {
    // An article paragraph runs to about 24 words.
    let mut text = article(rng, story, words / 24);
    let person = &story.people[0];
    let misspelt = format!("{}h", person.surname);
    let _ = writeln!(
        text,
        "{} {misspelt} also spoke on {}.\n",
        person.given, story.weekday
    );
    let _ = writeln!(
        text,
        "The {} now has {} {}, officials said.\n",
        story.topic,
        story.count + 1,
        story.measure
    );
    let other_role = ROLES
        .iter()
        .find(|r| **r != person.role)
        .copied()
        .unwrap_or("President");
    let _ = writeln!(
        text,
        "{other_role} {} {} declined to comment.\n",
        person.given, person.surname
    );
    let _ = writeln!(
        text,
        "\u{201c}Nobody in the room expected this outcome tonight.\u{201d}\n"
    );
    text
}

/// A corpus of `articles` articles over `articles / 10` stories (at least one).
pub fn corpus(seed: u64, articles: usize) -> (Vec<Story>, Vec<String>) {
    let mut rng = Rng::new(seed);
    let stories: Vec<Story> = (0..(articles / 10).max(1))
        .map(|_| Story::new(&mut rng))
        .collect();
    let texts = (0..articles)
        .map(|i| {
            let story = &stories[i % stories.len()];
            let paragraphs = 6 + rng.below(6);
            article(&mut rng, story, paragraphs)
        })
        .collect();
    (stories, texts)
}
