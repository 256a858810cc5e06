//! Variable-length records (serialised values, strings) with an offset
//! table, so that record i is found without reading the others.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Bytes, Fixed};

/// Blobs being written: their bytes and where each ends.
#[derive(Default)]
pub struct BlobsWriter {
    ends: Vec<u64>,
    /// The bytes written, in parts of about `PART_BYTES`: one vector
    /// doubled as it grew copied the stored statements' 130 MB at 100,000
    /// articles, twice over.
    parts: Vec<Vec<u8>>,
    data: Vec<u8>,
    /// Bytes in `parts`.
    written: u64,
}

/// Where the part being written is set aside for a new one.
const PART_BYTES: usize = 4 << 20;

impl BlobsWriter {
    pub fn push(&mut self, blob: &[u8]) {
        self.data.extend_from_slice(blob);
        self.end_blob();
    }

    /// Append `value` serialised.
    pub fn push_value<T: Serialize>(&mut self, value: &T) {
        // Serialised in place: a vector per value cost an allocation and a
        // copy for each of millions of statements. Serialising into a
        // vector fails only for types serde cannot represent, which none of
        // the index's are; an empty blob then reads back as "unreadable",
        // never as another value.
        let start = self.data.len();
        if postcard::to_io(value, &mut self.data).is_err() {
            self.data.truncate(start);
        }
        self.end_blob();
    }

    fn end_blob(&mut self) {
        self.ends.push(self.written + self.data.len() as u64);
        if self.data.len() >= PART_BYTES {
            self.written += self.data.len() as u64;
            let full = std::mem::replace(&mut self.data, Vec::with_capacity(PART_BYTES * 2));
            self.parts.push(full);
        }
    }

    /// The section's bytes: count, end offsets, data.
    pub fn finish(self) -> Vec<u8> {
        self.into_parts().concat()
    }

    /// The section's bytes in parts, the data as it was written: for
    /// [`SectionsWriter::add_parts`](super::SectionsWriter::add_parts), so
    /// that a large section is not copied.
    pub fn into_parts(self) -> Vec<Vec<u8>> {
        let mut head = Vec::with_capacity(8 + self.ends.len() * 8);
        head.extend_from_slice(&(self.ends.len() as u64).to_le_bytes());
        head.extend(Fixed::<u64>::encode(&self.ends));
        let mut parts = vec![head];
        parts.extend(self.parts);
        parts.push(self.data);
        parts
    }
}

/// A section of blobs, read in place.
#[derive(Debug, Clone)]
pub struct Blobs {
    ends: Fixed<u64>,
    data: Bytes,
}

impl Blobs {
    pub fn new(bytes: Bytes) -> Blobs {
        let head = bytes.as_ref();
        let count = if head.len() >= 8 {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(&head[..8]);
            usize::try_from(u64::from_le_bytes(buf)).unwrap_or(0)
        } else {
            0
        };
        let table_end = count.saturating_mul(8).saturating_add(8).min(bytes.len());
        Blobs {
            ends: Fixed::new(bytes.slice(8..table_end)),
            data: bytes.slice(table_end..bytes.len()),
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&[u8]> {
        let end = usize::try_from(self.ends.get(index)?).ok()?;
        let start = match index {
            0 => 0,
            _ => usize::try_from(self.ends.get(index - 1)?).ok()?,
        };
        self.data.as_ref().get(start..end)
    }

    /// Blob `index` deserialised; `None` when missing or unreadable.
    pub fn value<T: DeserializeOwned>(&self, index: usize) -> Option<T> {
        postcard::from_bytes(self.get(index)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blobs_read_back_by_position() {
        let mut writer = BlobsWriter::default();
        writer.push(b"one");
        writer.push(b"");
        writer.push_value(&vec!["two".to_string(), "three".to_string()]);
        let blobs = Blobs::new(Bytes::from_vec(writer.finish()));
        assert_eq!(blobs.len(), 3);
        assert_eq!(blobs.get(0), Some(&b"one"[..]));
        assert_eq!(blobs.get(1), Some(&b""[..]));
        assert_eq!(
            blobs.value::<Vec<String>>(2),
            Some(vec!["two".to_string(), "three".to_string()])
        );
        assert_eq!(blobs.get(3), None);
        assert_eq!(Blobs::new(Bytes::from_vec(vec![1, 2])).len(), 0);
    }

    #[test]
    fn blobs_written_over_several_parts_read_back_whole() {
        let mut writer = BlobsWriter::default();
        let blob = vec![7u8; PART_BYTES / 3 + 1];
        for _ in 0..7 {
            writer.push(&blob);
        }
        writer.push_value(&"last".to_string());
        let parts = writer.into_parts();
        assert!(parts.len() > 3, "{} parts", parts.len());
        let blobs = Blobs::new(Bytes::from_vec(parts.concat()));
        assert_eq!(blobs.len(), 8);
        assert!((0..7).all(|i| blobs.get(i) == Some(&blob[..])));
        assert_eq!(blobs.value::<String>(7), Some("last".to_string()));
    }
}
