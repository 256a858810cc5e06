//! Byte offset to line/column conversion, shared by output formats and
//! corpus evidence.

use crate::finding::LineCol;

/// Start offsets of every line, so a lookup is a binary search plus a scan of
/// one line rather than a scan from the start of the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
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

    /// 1-based line and column (columns in Unicode scalar values) of a byte
    /// offset into `text`, the text this index was built from. An offset
    /// inside a multi-byte character counts as that character.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = text
            .get(start..)
            .unwrap_or("")
            .char_indices()
            .take_while(|(i, _)| start + i < offset)
            .count();
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
