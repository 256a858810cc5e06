//! The corpus index as bytes: named sections in one buffer, each queried in
//! place. The buffer is a memory-mapped file when the front end opens a
//! saved index, or a vector when the corpus was just analysed; the indexes
//! read both the same way, so a cold and a warm start find the same.
//!
//! Layout: magic, format version, analysis fingerprint, total length, the
//! number of sections, then one table row per section (name, offset,
//! length, XXH3-128 checksum), the checksum of everything before it, and
//! the sections, each starting on an 8-byte boundary. XXH3 rather than a
//! cryptographic hash: it guards against damage, not forgery, and checking
//! every section at each start must cost little next to the lint itself.
//!
//! Owns the byte layout of the index; may import `offsets` only.

mod blobs;
mod decoded;
mod fixed;
mod postings;

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

pub use blobs::{Blobs, BlobsWriter};
pub use decoded::Decoded;
pub use fixed::{Fixed, Record};
pub use postings::{Postings, PostingsWriter};

const MAGIC: &[u8; 16] = b"copydesk-index\0\0";
/// Bumped whenever the layout of any section changes.
pub const FORMAT: u32 = 9;
const NAME_LEN: usize = 24;
const ROW_LEN: usize = NAME_LEN + 8 + 8 + HASH_LEN;
const HASH_LEN: usize = 16;
const PREFIX_LEN: usize = 16 + 4 + 8 + 8 + 4;

/// An immutable byte buffer shared by every view into it.
#[derive(Clone)]
pub struct Bytes {
    buffer: Arc<dyn AsRef<[u8]> + Send + Sync>,
    range: Range<usize>,
}

impl Bytes {
    pub fn new(buffer: Arc<dyn AsRef<[u8]> + Send + Sync>) -> Bytes {
        let len = (*buffer).as_ref().len();
        Bytes {
            buffer,
            range: 0..len,
        }
    }

    pub fn from_vec(bytes: Vec<u8>) -> Bytes {
        Bytes::new(Arc::new(bytes))
    }

    /// A sub-range, clamped to this one.
    pub fn slice(&self, range: Range<usize>) -> Bytes {
        let start = (self.range.start + range.start).min(self.range.end);
        let end = (self.range.start + range.end).clamp(start, self.range.end);
        Bytes {
            buffer: self.buffer.clone(),
            range: start..end,
        }
    }

    pub fn len(&self) -> usize {
        self.range.len()
    }

    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &(*self.buffer).as_ref()[self.range.clone()]
    }
}

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Bytes({} bytes)", self.len())
    }
}

/// Sections being written, in order.
#[derive(Default)]
pub struct SectionsWriter {
    /// Each section's bytes, in the pieces they were made in: a large
    /// section is never copied into one buffer to be written.
    sections: Vec<(String, Vec<Vec<u8>>)>,
}

impl SectionsWriter {
    pub fn add(&mut self, name: &str, bytes: Vec<u8>) {
        debug_assert!(name.len() <= NAME_LEN);
        self.add_parts(name, vec![bytes]);
    }

    /// Add a section made of `parts`, in order.
    pub fn add_parts(&mut self, name: &str, parts: Vec<Vec<u8>>) {
        debug_assert!(name.len() <= NAME_LEN);
        self.sections.push((name.to_string(), parts));
    }

    /// Append another writer's sections.
    pub fn extend(&mut self, other: SectionsWriter) {
        self.sections.extend(other.sections);
    }

    /// The whole index: header, table and sections. `fingerprint` names
    /// the analysis code that wrote it.
    pub fn finish(self, fingerprint: u64) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to a vector cannot fail.
        let _ = self.write_to(fingerprint, &mut out);
        out
    }

    /// Write the whole index to `out`, a section at a time: a large index
    /// is never copied whole.
    pub fn write_to(&self, fingerprint: u64, out: &mut impl Write) -> io::Result<()> {
        let header = self.header(fingerprint);
        out.write_all(&header)?;
        let mut written = header.len();
        for (_, parts) in &self.sections {
            let padding = align(written) - written;
            out.write_all(&[0u8; 8][..padding])?;
            for part in parts {
                out.write_all(part)?;
                written += part.len();
            }
            written += padding;
        }
        out.write_all(&[0u8; 8][..align(written) - written])
    }

    /// The sections opened where they are, each in its own buffer: an
    /// index used without being saved is not copied into one.
    pub fn into_sections(self) -> Sections {
        let sections = self.sections.into_iter().map(|(name, mut parts)| {
            let bytes = match parts.len() {
                1 => parts.pop().unwrap_or_default(),
                _ => parts.concat(),
            };
            let hash = checksum(&bytes);
            (name, (Bytes::from_vec(bytes), hash))
        });
        Sections {
            sections: sections.collect(),
        }
    }

    /// Magic, format, fingerprint, total length, then the table of
    /// sections and its checksum.
    fn header(&self, fingerprint: u64) -> Vec<u8> {
        let table_end = PREFIX_LEN + self.sections.len() * ROW_LEN + HASH_LEN;
        let mut offset = align(table_end);
        let mut rows = Vec::new();
        for (name, parts) in &self.sections {
            let len = parts.iter().map(Vec::len).sum::<usize>();
            rows.push((name, offset, len, checksum_parts(parts)));
            offset = align(offset + len);
        }
        let mut out = Vec::with_capacity(table_end);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&fingerprint.to_le_bytes());
        out.extend_from_slice(&(offset as u64).to_le_bytes());
        out.extend_from_slice(&(self.sections.len() as u32).to_le_bytes());
        for (name, at, len, hash) in rows {
            let mut padded = [0u8; NAME_LEN];
            padded[..name.len()].copy_from_slice(name.as_bytes());
            out.extend_from_slice(&padded);
            out.extend_from_slice(&(at as u64).to_le_bytes());
            out.extend_from_slice(&(len as u64).to_le_bytes());
            out.extend_from_slice(&hash);
        }
        let header_hash = checksum(&out);
        out.extend_from_slice(&header_hash);
        out
    }
}

fn checksum(bytes: &[u8]) -> [u8; HASH_LEN] {
    xxhash_rust::xxh3::xxh3_128(bytes).to_le_bytes()
}

/// The checksum of `parts` joined.
fn checksum_parts(parts: &[Vec<u8>]) -> [u8; HASH_LEN] {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    parts.iter().for_each(|part| hasher.update(part));
    hasher.digest128().to_le_bytes()
}

fn align(n: usize) -> usize {
    n.div_ceil(8) * 8
}

/// An opened index: its sections by name.
#[derive(Debug, Clone)]
pub struct Sections {
    sections: HashMap<String, (Bytes, [u8; HASH_LEN])>,
}

impl Sections {
    /// Check the header and every section's checksum; a one-line reason
    /// when the bytes are not a whole index written by this analysis code.
    pub fn open(bytes: Bytes, fingerprint: u64) -> Result<Sections, String> {
        let sections = Sections::open_unverified(bytes, fingerprint)?;
        sections.verify_all(&[])?;
        Ok(sections)
    }

    /// Check only the header and table: for an index whose sections are
    /// verified when first read ([`Sections::verify`]).
    pub fn open_unverified(bytes: Bytes, fingerprint: u64) -> Result<Sections, String> {
        let all = bytes.as_ref();
        if all.len() < PREFIX_LEN || &all[..16] != MAGIC {
            return Err("not a copydesk index".into());
        }
        let number = |at: usize, len: usize| {
            let mut buf = [0u8; 8];
            buf[..len].copy_from_slice(&all[at..at + len]);
            u64::from_le_bytes(buf)
        };
        if number(16, 4) != u64::from(FORMAT) {
            return Err("written in another format".into());
        }
        if number(20, 8) != fingerprint {
            return Err("written by another version of copydesk".into());
        }
        if number(28, 8) != all.len() as u64 {
            return Err("truncated".into());
        }
        let count = number(36, 4) as usize;
        let table_end = PREFIX_LEN + count.saturating_mul(ROW_LEN);
        if all.len() < table_end + HASH_LEN {
            return Err("truncated".into());
        }
        if checksum(&all[..table_end])[..] != all[table_end..table_end + HASH_LEN] {
            return Err("checksum mismatch in the header".into());
        }
        let mut sections = HashMap::new();
        for row in all[PREFIX_LEN..table_end].chunks_exact(ROW_LEN) {
            let name = String::from_utf8_lossy(&row[..NAME_LEN])
                .trim_end_matches('\0')
                .to_string();
            let at = number_in(row, NAME_LEN) as usize;
            let len = number_in(row, NAME_LEN + 8) as usize;
            if at.checked_add(len).is_none_or(|end| end > all.len()) {
                return Err(format!("section {name} runs past the end"));
            }
            let mut hash = [0u8; HASH_LEN];
            hash.copy_from_slice(&row[NAME_LEN + 16..]);
            sections.insert(name, (bytes.slice(at..at + len), hash));
        }
        Ok(Sections { sections })
    }

    /// A section's bytes, or why there are none.
    pub fn get(&self, name: &str) -> Result<Bytes, String> {
        self.sections
            .get(name)
            .map(|(bytes, _)| bytes.clone())
            .ok_or_else(|| format!("section {name} is missing"))
    }

    /// A section's checksum as recorded in the table: it names the
    /// section's contents (a delta index names the base it extends).
    pub fn checksum(&self, name: &str) -> Option<[u8; HASH_LEN]> {
        self.sections.get(name).map(|(_, hash)| *hash)
    }

    /// Check every section's checksum but those named in `skip`.
    pub fn verify_all(&self, skip: &[&str]) -> Result<(), String> {
        let mut names: Vec<&String> = self.sections.keys().collect();
        names.sort();
        for name in names {
            if !skip.contains(&name.as_str()) {
                self.verify(name)?;
            }
        }
        Ok(())
    }

    /// Check one section's checksum.
    pub fn verify(&self, name: &str) -> Result<Bytes, String> {
        let (bytes, hash) = self
            .sections
            .get(name)
            .ok_or_else(|| format!("section {name} is missing"))?;
        if &checksum(bytes.as_ref()) != hash {
            return Err(format!("checksum mismatch in section {name}"));
        }
        Ok(bytes.clone())
    }
}

/// An index written into memory and opened from there: an empty index, or
/// one built for a test. Both steps work on bytes just written, so failing
/// is a bug in this module, not bad input.
pub fn in_memory<T>(
    write: impl FnOnce(&mut SectionsWriter),
    open: impl FnOnce(&Sections) -> Result<T, String>,
) -> T {
    let mut writer = SectionsWriter::default();
    write(&mut writer);
    open(&writer.into_sections()).expect("an index just written in memory opens")
}

fn number_in(bytes: &[u8], at: usize) -> u64 {
    let mut buf = [0u8; 8];
    buf.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> Vec<u8> {
        let mut writer = SectionsWriter::default();
        writer.add("one", b"hello".to_vec());
        writer.add("two", vec![7; 20]);
        writer.finish(42)
    }

    #[test]
    fn parts_streaming_and_memory_give_the_same_index() {
        let mut parted = SectionsWriter::default();
        parted.add("one", b"hello".to_vec());
        parted.add_parts("two", vec![vec![7; 3], Vec::new(), vec![7; 17]]);
        let mut streamed = Vec::new();
        parted
            .write_to(42, &mut streamed)
            .expect("writes to a vector");
        assert_eq!(streamed, index());
        assert_eq!(parted.finish(42), index());

        let mut parted = SectionsWriter::default();
        parted.add_parts("two", vec![vec![7; 12], vec![7; 8]]);
        let in_memory = parted.into_sections();
        let opened = Sections::open(Bytes::from_vec(index()), 42).expect("opens");
        assert_eq!(in_memory.get("two").expect("two").as_ref(), &[7; 20][..]);
        assert_eq!(in_memory.checksum("two"), opened.checksum("two"));
        assert!(in_memory.get("one").is_err());
    }

    #[test]
    fn sections_read_back_by_name() {
        let sections = Sections::open(Bytes::from_vec(index()), 42).expect("opens");
        assert_eq!(sections.get("one").expect("one").as_ref(), b"hello");
        assert_eq!(sections.get("two").expect("two").as_ref(), &[7; 20][..]);
        assert!(sections.get("three").is_err());
    }

    #[test]
    fn damage_is_reported_in_one_line() {
        let good = index();
        let open = |bytes: Vec<u8>, fingerprint| {
            Sections::open(Bytes::from_vec(bytes), fingerprint).map(|_| ())
        };
        assert_eq!(
            open(good.clone(), 7).unwrap_err(),
            "written by another version of copydesk"
        );
        assert_eq!(
            open(good[..good.len() - 4].to_vec(), 42).unwrap_err(),
            "truncated"
        );
        let mut flipped = good.clone();
        let at = flipped.len() - 10;
        flipped[at] ^= 1;
        assert_eq!(
            open(flipped, 42).unwrap_err(),
            "checksum mismatch in section two"
        );
        let mut header = good.clone();
        header[PREFIX_LEN + 2] ^= 1;
        assert_eq!(
            open(header, 42).unwrap_err(),
            "checksum mismatch in the header"
        );
        assert_eq!(
            open(b"junk".to_vec(), 42).unwrap_err(),
            "not a copydesk index"
        );
    }
}
