//! Text from the bytes of a file: UTF-8, with a byte order mark kept so
//! that offsets stay offsets into the file as read; binary and other
//! encodings refused with where they went wrong.

/// Text from bytes, or why it is not text ("binary file (NUL byte at
/// offset 8)"; the caller says what it does about it). A leading UTF-8
/// byte order mark is kept, so that offsets stay offsets into the file as
/// read.
pub fn text_from_bytes(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary file (NUL byte at offset {at})"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("not valid UTF-8 (invalid byte at offset {at})")
    })
}
