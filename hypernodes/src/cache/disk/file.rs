//! Reading and writing entry files without trusting what is at their paths.
//!
//! A reader opens without following a link and without blocking (a FIFO would otherwise
//! block it forever), requires a regular file through `fstat` on the opened handle, and checks
//! the header and the file's real size against a bound before allocating for the payload.
//! A writer creates a temporary file under a name no other writer can choose, exclusively,
//! then renames it into place.

use super::entry::{encode_entry, parse_entry, Header, HEADER_LEN};
use super::trust::Sharing;
use crate::cache::CacheKey;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Entries up to this size are read in one call into one buffer of their size.
const SMALL_ENTRY: usize = 4096;

/// The payload stored at `path` for `key`, or `None` when what is there is not a trusted,
/// well-formed entry for `key` of at most `max_payload` bytes. With `touch`, a hit moves
/// the entry's time forward (its recency, for a size bound).
pub(super) fn read_entry(
    path: &Path,
    key: &CacheKey,
    sharing: Sharing,
    max_payload: u64,
    touch: bool,
) -> io::Result<Option<Vec<u8>>> {
    let Some(mut file) = open_entry(path)? else {
        return Ok(None);
    };
    let meta = file.metadata()?;
    let size = meta.len();
    if !sharing.trusts_file(&meta)
        || size < HEADER_LEN as u64
        || size - HEADER_LEN as u64 > max_payload
    {
        return Ok(None);
    }
    let read = if size <= SMALL_ENTRY as u64 {
        // Most entries: one read, into one allocation of the file's size (a fixed buffer on
        // the stack cost a 4 KiB memset per hit); the header is then shifted out.
        let mut bytes = vec![0u8; size as usize];
        file.read_exact(&mut bytes).map(|()| {
            let valid = parse_entry(key, &bytes).is_some();
            valid.then(|| {
                bytes.drain(..HEADER_LEN);
                bytes
            })
        })
    } else {
        read_large(&mut file, key, size)
    };
    match read {
        Ok(payload) => {
            if touch && payload.is_some() {
                super::bound::touch(&file, &meta);
            }
            Ok(payload)
        }
        // The file is shorter than `fstat` said: not a whole entry.
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads the header, and allocates for the payload only once the header names `key` and
/// declares the file's real size.
fn read_large(file: &mut fs::File, key: &CacheKey, size: u64) -> io::Result<Option<Vec<u8>>> {
    let mut header = [0u8; HEADER_LEN];
    file.read_exact(&mut header)?;
    let Some(header) = Header::parse(key, &header) else {
        return Ok(None);
    };
    if header.payload_len != size - HEADER_LEN as u64 {
        return Ok(None);
    }
    let Ok(len) = usize::try_from(header.payload_len) else {
        return Ok(None);
    };
    let mut payload = Vec::with_capacity(len);
    file.take(header.payload_len).read_to_end(&mut payload)?;
    Ok(header.matches(&payload).then_some(payload))
}

/// Opens the file at `path` for reading, or `None` when there is nothing there or it is a
/// link or a socket.
#[cfg(unix)]
fn open_entry(path: &Path) -> io::Result<Option<fs::File>> {
    use std::os::unix::fs::OpenOptionsExt;
    // std adds O_CLOEXEC.
    let opened = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path);
    match opened {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        // ELOOP: a link (O_NOFOLLOW); ENXIO: a socket, or a device without a driver.
        Err(e) if matches!(e.raw_os_error(), Some(libc::ELOOP | libc::ENXIO)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Opens the file at `path` for reading, or `None` when there is nothing there or it is a
/// link. (Without `O_NOFOLLOW`, the link check is a separate step.)
#[cfg(not(unix))]
fn open_entry(path: &Path) -> io::Result<Option<fs::File>> {
    let not_found = |e: io::Error| e.kind() == io::ErrorKind::NotFound;
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_file() => return Ok(None),
        Ok(_) => {}
        Err(e) if not_found(&e) => return Ok(None),
        Err(e) => return Err(e),
    }
    match fs::File::open(path) {
        Ok(file) => Ok(Some(file)),
        Err(e) if not_found(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Writes the entry for `value` under `key` to `path` atomically: a reader sees the whole
/// entry or none. A link at `path` is replaced, never written through.
pub(super) fn write_entry(
    path: &Path,
    key: &CacheKey,
    value: &[u8],
    sharing: Sharing,
) -> io::Result<()> {
    let dir = path.parent().expect("entries live in a shard directory");
    let (temp, mut file) = create_temp(dir, sharing)?;
    let written = file
        .write_all(&encode_entry(key, value))
        .and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        // Ours alone: `create_temp` made it.
        let _ = fs::remove_file(&temp);
    }
    written
}

/// Creates a new temporary file in `dir` under a name no other writer chose.
fn create_temp(dir: &Path, sharing: Sharing) -> io::Result<(PathBuf, fs::File)> {
    const ATTEMPTS: usize = 8;
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(sharing.file_mode())
            .custom_flags(libc::O_NOFOLLOW);
    }
    // Without Unix modes, files get the directory's default access control.
    #[cfg(not(unix))]
    let _ = sharing;
    let mut clash = None;
    for _ in 0..ATTEMPTS {
        let temp = dir.join(temp_name()?);
        match options.open(&temp) {
            Ok(file) => {
                // The umask may have taken the group's read bit.
                #[cfg(unix)]
                if sharing == Sharing::Group {
                    use std::os::unix::fs::PermissionsExt;
                    let mode = fs::Permissions::from_mode(sharing.file_mode());
                    if let Err(e) = file.set_permissions(mode) {
                        let _ = fs::remove_file(&temp);
                        return Err(e);
                    }
                }
                return Ok((temp, file));
            }
            // Someone else's file: leave it, pick another name.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => clash = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(clash.expect("at least one attempt"))
}

/// A temporary file name that no other writer can choose or predict: 128 random bits, and a
/// counter so that names stay distinct within a process whatever the randomness.
fn temp_name() -> io::Result<String> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut random = [0u8; 16];
    getrandom::fill(&mut random).map_err(io::Error::other)?;
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    Ok(format!(".tmp-{:032x}-{n}", u128::from_le_bytes(random)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_unpredictable_and_distinct() {
        let names: std::collections::HashSet<String> =
            (0..1000).map(|_| temp_name().unwrap()).collect();
        assert_eq!(names.len(), 1000);
        // `.tmp-{128 random bits}-{count}`: the random part alone tells them apart, and
        // nothing in it is the process id another writer in another namespace shares.
        let random: std::collections::HashSet<&str> = names
            .iter()
            .map(|name| {
                let parts: Vec<&str> = name.split('-').collect();
                assert_eq!(parts.len(), 3, "{name}");
                assert_eq!(parts[0], ".tmp");
                assert!(parts[1].len() == 32 && parts[1].bytes().all(|b| b.is_ascii_hexdigit()));
                parts[1]
            })
            .collect();
        assert_eq!(random.len(), 1000);
    }

    #[test]
    fn large_entries_round_trip_and_a_wrong_length_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let key = CacheKey::from_bytes([1; 32]);
        let path = dir.path().join("entry");
        let value = vec![42u8; 3 * SMALL_ENTRY];
        write_entry(&path, &key, &value, Sharing::private()).unwrap();
        let read = |max| read_entry(&path, &key, Sharing::private(), max, false).unwrap();
        assert_eq!(read(u64::MAX), Some(value.clone()));
        assert_eq!(read(value.len() as u64), Some(value.clone()));
        assert_eq!(read(value.len() as u64 - 1), None, "over the bound");
        // A file one byte longer than its header declares.
        let mut bytes = fs::read(&path).unwrap();
        bytes.push(0);
        fs::write(&path, &bytes).unwrap();
        assert_eq!(read(u64::MAX), None);
    }

    #[test]
    fn a_failed_write_removes_only_its_own_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let key = CacheKey::from_bytes([2; 32]);
        // A directory at the entry's path: the rename fails.
        let path = dir.path().join("entry");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), b"x").unwrap();
        let other = dir.path().join(".tmp-someone-else");
        fs::write(&other, b"theirs").unwrap();
        assert!(write_entry(&path, &key, b"value", Sharing::private()).is_err());
        let mut left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, [".tmp-someone-else", "entry"]);
        assert_eq!(fs::read(&other).unwrap(), b"theirs");
    }
}
