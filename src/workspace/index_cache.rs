//! The corpus index cache: every article's analysed facts, keyed by a
//! BLAKE3 hash of its text, in one file. A restart re-reads the texts (to
//! hash them) but analyses only new or changed articles.
//!
//! Layout: magic, format version, analysis fingerprint, body length, BLAKE3
//! checksum of the body, then the body (postcard). A file that is truncated,
//! corrupt, from another format or from another build's analysis code is
//! reported and rebuilt, never trusted.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::corpus::ArticleFacts;

include!(concat!(env!("OUT_DIR"), "/fingerprint.rs"));

const MAGIC: &[u8; 16] = b"copydesk-index\0\0";
const FORMAT: u32 = 1;
const HEADER_LEN: usize = 16 + 4 + 8 + 8 + 32;
/// The cache file inside the cache folder.
pub const CACHE_FILE: &str = "corpus-index.bin";

pub type ContentHash = [u8; 32];

pub fn content_hash(text: &str) -> ContentHash {
    *blake3::hash(text.as_bytes()).as_bytes()
}

#[derive(Deserialize)]
struct Entries(Vec<(ContentHash, ArticleFacts)>);

#[derive(Serialize)]
struct EntriesRef<'a>(Vec<(&'a ContentHash, &'a ArticleFacts)>);

/// The cached facts by content hash. `Ok` with an empty map when there is
/// no cache yet; `Err` with a one-line reason when the file is unusable.
pub fn read_cache(path: &Path) -> Result<HashMap<ContentHash, ArticleFacts>, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(e) => return Err(e.to_string()),
    };
    let body = check_header(&bytes)?;
    let entries: Entries =
        postcard::from_bytes(body).map_err(|e| format!("unreadable entries ({e})"))?;
    Ok(entries.0.into_iter().collect())
}

fn check_header(bytes: &[u8]) -> Result<&[u8], String> {
    if bytes.len() < HEADER_LEN || &bytes[..16] != MAGIC {
        return Err("not a copydesk index cache".into());
    }
    let number = |at: usize, len: usize| {
        let mut buf = [0u8; 8];
        buf[..len].copy_from_slice(&bytes[at..at + len]);
        u64::from_le_bytes(buf)
    };
    if number(16, 4) != u64::from(FORMAT) {
        return Err("written in another format".into());
    }
    if number(20, 8) != ANALYSIS_FINGERPRINT {
        return Err("written by another version of copydesk".into());
    }
    let body = &bytes[HEADER_LEN..];
    if number(28, 8) != body.len() as u64 {
        return Err("truncated".into());
    }
    if blake3::hash(body).as_bytes() != &bytes[36..68] {
        return Err("checksum mismatch".into());
    }
    Ok(body)
}

/// Write the cache atomically: a temporary file in the same folder, renamed
/// over the old one, so a crash leaves the old cache or the new, never half.
pub fn write_cache(path: &Path, entries: &[(&ContentHash, &ArticleFacts)]) -> Result<(), String> {
    let dir = path.parent().ok_or("no folder for the cache")?;
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    // Like ruff's cache: the folder ignores itself.
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        let _ = std::fs::write(&ignore, "# Written by copydesk.\n*\n");
    }
    let body = postcard::to_stdvec(&EntriesRef(entries.to_vec())).map_err(|e| e.to_string())?;
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| e.to_string())?;
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT.to_le_bytes());
    header.extend_from_slice(&ANALYSIS_FINGERPRINT.to_le_bytes());
    header.extend_from_slice(&(body.len() as u64).to_le_bytes());
    header.extend_from_slice(blake3::hash(&body).as_bytes());
    file.write_all(&header)
        .and_then(|()| file.write_all(&body))
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| e.to_string())?;
    // A temporary file is private (0600); the cache is as shareable as the
    // corpus it describes.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    file.persist(path).map_err(|e| e.error.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;
    use std::path::PathBuf;

    fn facts(text: &str) -> ArticleFacts {
        ArticleFacts::analyse(&Article::new(PathBuf::from("a.md"), text.into()))
    }

    #[test]
    fn a_written_cache_reads_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c").join(CACHE_FILE);
        let text = "Envoy Steve Witkoff met officials on Sunday. The plan has 19 points.";
        let (hash, facts) = (content_hash(text), facts(text));
        write_cache(&path, &[(&hash, &facts)]).expect("write");
        let read = read_cache(&path).expect("read");
        assert_eq!(read.len(), 1);
        assert!(read.contains_key(&hash));
        assert!(dir.path().join("c/.gitignore").exists());
    }

    #[test]
    fn damaged_caches_are_refused_with_a_reason() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(CACHE_FILE);
        let text = "Talks in Kyiv lasted three hours.";
        write_cache(&path, &[(&content_hash(text), &facts(text))]).expect("write");
        let good = std::fs::read(&path).expect("read");

        std::fs::write(&path, &good[..good.len() - 3]).expect("truncate");
        assert_eq!(read_cache(&path).unwrap_err(), "truncated");

        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x40;
        std::fs::write(&path, &flipped).expect("flip");
        assert_eq!(read_cache(&path).unwrap_err(), "checksum mismatch");

        let mut other_build = good.clone();
        other_build[20] ^= 1;
        std::fs::write(&path, &other_build).expect("fingerprint");
        assert_eq!(
            read_cache(&path).unwrap_err(),
            "written by another version of copydesk"
        );

        std::fs::write(&path, b"hello").expect("junk");
        assert_eq!(read_cache(&path).unwrap_err(), "not a copydesk index cache");

        assert!(
            read_cache(&dir.path().join("none.bin"))
                .expect("missing is empty")
                .is_empty()
        );
    }
}
