//! LSP positions and byte offsets: the negotiated encoding (UTF-16 or
//! UTF-8 code units within a line) and conversions both ways. A leaf.
//!
//! Every conversion goes through the rope's own indexes (line ↔ char ↔ byte
//! ↔ UTF-16), so it costs O(log n) and never rescans the text from the start.

use crate::offsets::narrow;
use ropey::{Rope, RopeSlice};
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// The unit LSP `character` offsets are counted in, as negotiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionEncoding {
    Utf8,
    Utf16,
}

impl PositionEncoding {
    /// UTF-8 when the client offers it (no conversion cost), else UTF-16,
    /// which every client must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
            _ => PositionEncoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// Byte offset of an LSP position. Out-of-range positions are clamped as the
/// spec asks: past the last line means the end of the text, past the end of
/// a line means the end of that line (before its line break), and an offset
/// inside a character means that character's start.
pub fn byte_of_position(rope: &Rope, position: Position, encoding: PositionEncoding) -> usize {
    let line_index = position.line as usize;
    if line_index >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line = rope.line(line_index);
    let content_chars = line.len_chars() - line_break_chars(line);
    let wanted = position.character as usize;
    let char_in_line = match encoding {
        PositionEncoding::Utf16 => line.utf16_cu_to_char(wanted.min(line.len_utf16_cu())),
        PositionEncoding::Utf8 => line.byte_to_char(wanted.min(line.len_bytes())),
    };
    rope.char_to_byte(rope.line_to_char(line_index) + char_in_line.min(content_chars))
}

/// LSP position of a byte offset (clamped to the text, rounded down to a
/// character boundary).
pub fn position_of_byte(rope: &Rope, byte: usize, encoding: PositionEncoding) -> Position {
    let char_index = rope.byte_to_char(byte.min(rope.len_bytes()));
    let line_index = rope.char_to_line(char_index);
    let line_start = rope.line_to_char(line_index);
    let character = match encoding {
        PositionEncoding::Utf8 => rope.char_to_byte(char_index) - rope.char_to_byte(line_start),
        PositionEncoding::Utf16 => {
            rope.char_to_utf16_cu(char_index) - rope.char_to_utf16_cu(line_start)
        }
    };
    Position::new(narrow(line_index), narrow(character))
}

/// LSP range of a byte range.
pub fn range_of_bytes(
    rope: &Rope,
    bytes: std::ops::Range<usize>,
    encoding: PositionEncoding,
) -> Range {
    Range::new(
        position_of_byte(rope, bytes.start, encoding),
        position_of_byte(rope, bytes.end.max(bytes.start), encoding),
    )
}

/// Byte range of an LSP range (start and end clamped, end never before start).
pub fn bytes_of_range(
    rope: &Rope,
    range: Range,
    encoding: PositionEncoding,
) -> std::ops::Range<usize> {
    let start = byte_of_position(rope, range.start, encoding);
    let end = byte_of_position(rope, range.end, encoding).max(start);
    start..end
}

/// Chars taken by the line break ending `line` (LSP knows `\n`, `\r\n`, `\r`).
fn line_break_chars(line: RopeSlice<'_>) -> usize {
    let len = line.len_chars();
    let last = |back: usize| (len >= back).then(|| line.char(len - back));
    match (last(2), last(1)) {
        (Some('\r'), Some('\n')) => 2,
        (_, Some('\n' | '\r')) => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn utf16_and_utf8_columns_after_multibyte_text() {
        // "Київ 🇺🇦 “Kiev”": Cyrillic (2 bytes, 1 unit), flag (2×4 bytes, 2×2 units), curly quote (3 bytes, 1 unit).
        let text = "a\nКиїв 🇺🇦 “Kiev”\n";
        let rope = Rope::from_str(text);
        let kiev = text.find("Kiev").unwrap();
        let utf16 = position_of_byte(&rope, kiev, PositionEncoding::Utf16);
        assert_eq!(utf16, pos(1, 4 + 1 + 4 + 1 + 1));
        let utf8 = position_of_byte(&rope, kiev, PositionEncoding::Utf8);
        assert_eq!(utf8, pos(1, (kiev - 2) as u32));
        assert_eq!(
            byte_of_position(&rope, utf16, PositionEncoding::Utf16),
            kiev
        );
        assert_eq!(byte_of_position(&rope, utf8, PositionEncoding::Utf8), kiev);
    }

    #[test]
    fn positions_are_clamped_to_lines_and_characters() {
        let rope = Rope::from_str("ab\r\ncd");
        assert_eq!(
            byte_of_position(&rope, pos(0, 99), PositionEncoding::Utf16),
            2
        );
        assert_eq!(
            byte_of_position(&rope, pos(9, 0), PositionEncoding::Utf16),
            6
        );
        // Inside a surrogate pair rounds down to the emoji's start.
        let rope = Rope::from_str("x😀y");
        assert_eq!(
            byte_of_position(&rope, pos(0, 2), PositionEncoding::Utf16),
            1
        );
        assert_eq!(
            byte_of_position(&rope, pos(0, 3), PositionEncoding::Utf16),
            5
        );
        // Inside a UTF-8 sequence rounds down too.
        assert_eq!(
            byte_of_position(&rope, pos(0, 3), PositionEncoding::Utf8),
            1
        );
    }
}
