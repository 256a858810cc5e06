//! Writing an index file: the sections and the manifest, to a temporary
//! file renamed over the old one, stamped with the analysis code that
//! wrote it so that another build never trusts it.

use std::io::Write;
use std::path::Path;

use super::manifest::{MANIFEST, Manifest};
use crate::corpus::store::SectionsWriter;

include!(concat!(env!("OUT_DIR"), "/fingerprint.rs"));

/// A whole index: the sections written and the manifest.
pub fn finish_index(mut writer: SectionsWriter, manifest: &Manifest) -> SectionsWriter {
    writer.add(MANIFEST, postcard::to_stdvec(manifest).unwrap_or_default());
    writer
}

/// Write the index atomically: a temporary file in the same folder, renamed
/// over the old one, so a crash leaves the old index or the new, never half.
pub fn write_index(path: &Path, index: &SectionsWriter) -> Result<(), String> {
    let dir = path.parent().ok_or("no folder for the cache")?;
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    // Like ruff's cache: the folder ignores itself.
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        let _ = std::fs::write(&ignore, "# Written by copydesk.\n*\n");
    }
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| e.to_string())?;
    let mut out = std::io::BufWriter::new(file.as_file_mut());
    index
        .write_to(ANALYSIS_FINGERPRINT, &mut out)
        .and_then(|()| out.flush())
        .map_err(|e| e.to_string())?;
    drop(out);
    file.as_file().sync_all().map_err(|e| e.to_string())?;
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
