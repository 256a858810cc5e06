//! Byte offset to line/column conversion, shared by output formats and
//! corpus evidence.

use crate::finding::LineCol;

/// Bytes between two character-count checkpoints.
const CHECKPOINT_BYTES: usize = 256;

/// Start offsets of every line, and the number of characters before every
/// `CHECKPOINT_BYTES`-th byte, so that a lookup is a binary search plus a
/// short scan, however long the line: a finding on a one-line megabyte
/// costs no more than one on a short line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    chars_before_checkpoint: Vec<usize>,
}

/// Whether `byte` starts a character (is not a UTF-8 continuation byte).
fn starts_char(byte: &u8) -> bool {
    (*byte & 0xC0) != 0x80
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut chars_before_checkpoint = vec![0];
        let mut count = 0;
        for chunk in text.as_bytes().chunks(CHECKPOINT_BYTES) {
            count += chunk.iter().filter(|b| starts_char(b)).count();
            chars_before_checkpoint.push(count);
        }
        LineIndex {
            line_starts,
            chars_before_checkpoint,
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line number containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 0-based `line` starts, if it exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }

    /// Characters that start before byte `offset` of `text`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let checkpoint = offset / CHECKPOINT_BYTES;
        let from = checkpoint * CHECKPOINT_BYTES;
        let counted = self.chars_before_checkpoint.get(checkpoint).copied();
        let tail = text.as_bytes().get(from..offset).unwrap_or(&[]);
        counted.unwrap_or(0) + tail.iter().filter(|b| starts_char(b)).count()
    }

    /// 1-based line and column (columns in Unicode scalar values) of a byte
    /// offset into `text`, the text this index was built from. An offset
    /// inside a multi-byte character counts as that character.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = self
            .chars_before(text, offset)
            .saturating_sub(self.chars_before(text, start));
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_on_long_lines_agree_with_counting_from_the_line_start() {
        let text = format!("x\n{}\n{}", "Київ 😀 a ".repeat(200), "é".repeat(300));
        let index = LineIndex::new(&text);
        for offset in (0..=text.len()).step_by(7) {
            let line_start = text.as_bytes()[..offset]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let column = text[line_start..]
                .char_indices()
                .take_while(|(i, _)| line_start + i < offset)
                .count();
            assert_eq!(index.line_col(&text, offset).column, column + 1, "{offset}");
        }
    }

    #[test]
    fn columns_count_scalar_values_not_bytes() {
        let text = "ab\nКиїв – Kyiv\n";
        let index = LineIndex::new(text);
        let kyiv = text.find("Kyiv").unwrap();
        assert_eq!(index.line_col(text, kyiv), LineCol { line: 2, column: 8 });
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(text, 3), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn end_of_text_is_a_valid_position() {
        let text = "one\ntwo";
        let index = LineIndex::new(text);
        assert_eq!(
            index.line_col(text, text.len()),
            LineCol { line: 2, column: 4 }
        );
        assert_eq!(index.line_count(), 2);
    }
}
