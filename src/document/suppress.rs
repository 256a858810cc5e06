//! Inline suppression comments in Markdown:
//! `<!-- copydesk-disable-next-line [codes] -->`,
//! `<!-- copydesk-disable-line [codes] -->`, and
//! `<!-- copydesk-disable [codes] -->` … `<!-- copydesk-enable [codes] -->`.

use std::ops::{Range, RangeInclusive};

use super::LineIndex;

/// One suppressed span of lines (0-based, inclusive) for some codes, or for
/// every code when `codes` is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Suppression {
    lines: RangeInclusive<usize>,
    codes: Vec<String>,
}

/// Spans sorted by first line, with the furthest last line of each prefix,
/// so that a lookup visits only the spans that can contain its line and a
/// draft with thousands of comments stays linear.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    spans: Vec<Suppression>,
    furthest_end: Vec<usize>,
}

enum Directive {
    DisableNextLine(Vec<String>),
    DisableLine(Vec<String>),
    Disable(Vec<String>),
    Enable(Vec<String>),
}

fn parse_directive(comment: &str) -> Option<Directive> {
    let body = comment.strip_prefix("<!--")?.trim_end_matches("-->").trim();
    let mut words = body
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let keyword = words.next()?;
    let codes = words.map(str::to_string).collect();
    match keyword {
        "copydesk-disable-next-line" => Some(Directive::DisableNextLine(codes)),
        "copydesk-disable-line" => Some(Directive::DisableLine(codes)),
        "copydesk-disable" => Some(Directive::Disable(codes)),
        "copydesk-enable" => Some(Directive::Enable(codes)),
        _ => None,
    }
}

impl Suppressions {
    pub(crate) fn from_comments(
        source: &str,
        comments: &[Range<usize>],
        lines: &LineIndex,
    ) -> Self {
        let mut spans = Vec::new();
        // Open `disable` blocks: (first line, codes).
        let mut open: Vec<(usize, Vec<String>)> = Vec::new();
        for range in comments {
            let Some(directive) = source.get(range.clone()).and_then(parse_directive) else {
                continue;
            };
            let first = lines.line_of(range.start);
            let last = lines.line_of(range.end.saturating_sub(1).max(range.start));
            match directive {
                Directive::DisableNextLine(codes) => spans.push(Suppression {
                    lines: last + 1..=last + 1,
                    codes,
                }),
                Directive::DisableLine(codes) => spans.push(Suppression {
                    lines: first..=last,
                    codes,
                }),
                Directive::Disable(codes) => open.push((first, codes)),
                Directive::Enable(codes) => {
                    let (closed, still_open): (Vec<_>, Vec<_>) =
                        open.into_iter().partition(|(_, open_codes)| {
                            codes.is_empty() || open_codes.iter().any(|c| codes.contains(c))
                        });
                    open = still_open;
                    spans.extend(closed.into_iter().map(|(start, codes)| Suppression {
                        lines: start..=last,
                        codes,
                    }));
                }
            }
        }
        spans.extend(open.into_iter().map(|(start, codes)| Suppression {
            lines: start..=usize::MAX,
            codes,
        }));
        spans.sort_by_key(|s| *s.lines.start());
        let furthest_end = spans
            .iter()
            .scan(0, |furthest, s| {
                *furthest = (*furthest).max(*s.lines.end());
                Some(*furthest)
            })
            .collect();
        Suppressions {
            spans,
            furthest_end,
        }
    }

    /// Whether a finding with `code` starting on 0-based `line` is suppressed.
    pub fn is_suppressed(&self, code: &str, line: usize) -> bool {
        let starting_before = self.spans.partition_point(|s| *s.lines.start() <= line);
        (0..starting_before)
            .rev()
            .take_while(|&k| self.furthest_end[k] >= line)
            .map(|k| &self.spans[k])
            .any(|s| {
                s.lines.contains(&line) && (s.codes.is_empty() || s.codes.iter().any(|c| c == code))
            })
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use crate::document::Document;

    fn suppressed_lines(src: &str, code: &str) -> Vec<usize> {
        let doc = Document::markdown(src);
        (0..doc.line_index().line_count())
            .filter(|&l| doc.suppressions().is_suppressed(code, l))
            .collect()
    }

    #[test]
    fn next_line_silences_only_the_following_line() {
        let src = "a\n<!-- copydesk-disable-next-line -->\nb\nc\n";
        assert_eq!(suppressed_lines(src, "name-spelling"), vec![2]);
    }

    #[test]
    fn codes_limit_what_is_silenced() {
        let src = "<!-- copydesk-disable-next-line name-spelling, claim-conflict -->\nb\n";
        assert_eq!(suppressed_lines(src, "name-spelling"), vec![1]);
        assert_eq!(suppressed_lines(src, "claim-conflict"), vec![1]);
        assert!(suppressed_lines(src, "unattributed-quote").is_empty());
    }

    #[test]
    fn disable_enable_blocks_and_unclosed_disables() {
        let src =
            "a\n\n<!-- copydesk-disable name-spelling -->\n\nb\n\n<!-- copydesk-enable -->\n\nc\n";
        assert_eq!(suppressed_lines(src, "name-spelling"), vec![2, 3, 4, 5, 6]);
        let src = "a\n\n<!-- copydesk-disable -->\n\nb\n";
        assert_eq!(suppressed_lines(src, "anything"), vec![2, 3, 4, 5]);
    }

    #[test]
    fn enable_with_codes_ends_only_those() {
        let src = "<!-- copydesk-disable name-spelling -->\n\n<!-- copydesk-disable claim-conflict -->\n\n<!-- copydesk-enable claim-conflict -->\n\nx\n";
        assert_eq!(suppressed_lines(src, "claim-conflict"), vec![2, 3, 4]);
        assert_eq!(
            suppressed_lines(src, "name-spelling"),
            vec![0, 1, 2, 3, 4, 5, 6, 7]
        );
    }

    #[test]
    fn disable_line_silences_its_own_line_and_other_comments_are_ignored() {
        let src = "Kiev here. <!-- copydesk-disable-line -->\n<!-- a note -->\nKiev\n";
        assert_eq!(suppressed_lines(src, "name-spelling"), vec![0]);
    }

    #[test]
    fn plain_text_has_no_suppressions() {
        let doc = Document::plain("<!-- copydesk-disable -->\nKiev\n");
        assert!(doc.suppressions().is_empty());
    }
}
