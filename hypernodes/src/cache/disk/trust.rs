//! Which directories and files a cache trusts, and the modes of what it creates.
//!
//! Whoever can write to a cache directory can make the cache return values of their choosing
//! (entry names and checksums are computable), so a directory is trusted only when the
//! people who can write to it are the ones the cache means to trust.
//!
//! On Unix, ownership and permission bits are checked. Elsewhere only the kinds of files are
//! (a directory, not a link): access control lists are not inspected.

use crate::error::DirectoryProblem;
use std::fs;
use std::io;
use std::path::Path;

/// Who may write a cache's directories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sharing {
    /// Only `user`, the effective user when the cache was opened (who owns what it
    /// creates): directories owned by them and writable by no one else.
    Private {
        /// The trusted uid (unused where there are no uids).
        #[cfg_attr(not(unix), allow(dead_code))]
        user: u32,
    },
    /// The directory's group, on purpose: any owner, writable by the group but never by
    /// others.
    Group,
}

impl Sharing {
    /// Private to the current effective user.
    pub(super) fn private() -> Sharing {
        #[cfg(unix)]
        // SAFETY: `geteuid` takes no arguments, cannot fail and touches no memory of ours.
        let user = unsafe { libc::geteuid() };
        #[cfg(not(unix))]
        let user = 0;
        Sharing::Private { user }
    }

    /// The mode of the directories the cache creates (setgid for a group, so that new shard
    /// directories keep the cache's group).
    #[cfg(unix)]
    fn dir_mode(self) -> u32 {
        match self {
            Sharing::Private { .. } => 0o700,
            Sharing::Group => 0o2770,
        }
    }

    /// The mode of the entry files the cache creates: members of a group read each other's
    /// entries, and replace them by renaming, so they never need to write to them.
    #[cfg(unix)]
    pub(super) fn file_mode(self) -> u32 {
        match self {
            Sharing::Private { .. } => 0o600,
            Sharing::Group => 0o640,
        }
    }

    /// Whether a directory, described by metadata that did not follow a final link, can be
    /// trusted.
    pub(super) fn check_dir(self, meta: &fs::Metadata) -> Result<(), DirectoryProblem> {
        if meta.file_type().is_symlink() {
            return Err(DirectoryProblem::Symlink);
        }
        if !meta.is_dir() {
            return Err(DirectoryProblem::NotADirectory);
        }
        self.check_writers(meta)
    }

    /// Whether an opened entry file can be trusted: a regular file (never a FIFO, device or
    /// directory, which could block or mislead a reader) that no untrusted user can write.
    pub(super) fn trusts_file(self, meta: &fs::Metadata) -> bool {
        meta.is_file() && self.check_writers(meta).is_ok()
    }

    #[cfg(unix)]
    fn check_writers(self, meta: &fs::Metadata) -> Result<(), DirectoryProblem> {
        use std::os::unix::fs::MetadataExt;
        let mode = meta.mode() & 0o7777;
        match self {
            Sharing::Private { user } => {
                if meta.uid() != user {
                    return Err(DirectoryProblem::NotOwned {
                        owner: meta.uid(),
                        user,
                    });
                }
                if mode & 0o022 != 0 {
                    return Err(DirectoryProblem::Writable { mode });
                }
            }
            Sharing::Group => {
                if mode & 0o002 != 0 {
                    return Err(DirectoryProblem::Writable { mode });
                }
            }
        }
        Ok(())
    }

    #[cfg(not(unix))]
    fn check_writers(self, _meta: &fs::Metadata) -> Result<(), DirectoryProblem> {
        Ok(())
    }

    /// Creates the cache's root directory if needed (with its parents), then checks it.
    /// A link to a directory is accepted for the root (only inside the cache are links
    /// refused); the directory it points to is checked.
    pub(super) fn open_root(self, path: &Path) -> Result<(), DirectoryProblem> {
        match fs::metadata(path) {
            Ok(meta) => return self.check_dir(&meta),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        self.create_with(&mut builder, path)?;
        self.check_dir(&fs::metadata(path)?)
    }

    /// Checks the shard directory at `path`, creating it if it does not exist.
    pub(super) fn ensure_shard(self, path: &Path) -> Result<(), DirectoryProblem> {
        match fs::symlink_metadata(path) {
            Ok(meta) => return self.check_dir(&meta),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
        match self.create_with(&mut fs::DirBuilder::new(), path) {
            Ok(()) => {}
            // Another writer created it first: check theirs.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e.into()),
        }
        self.check_dir(&fs::symlink_metadata(path)?)
    }

    fn create_with(self, builder: &mut fs::DirBuilder, path: &Path) -> io::Result<()> {
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(builder, self.dir_mode());
        builder.create(path)?;
        // The umask may have taken the group's bits, and `mkdir` ignores setgid: set the
        // mode through a handle that did not follow a link, so that nothing swapped in
        // meanwhile gets it.
        #[cfg(unix)]
        if self == Sharing::Group {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            let dir = fs::OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_NOFOLLOW | libc::O_DIRECTORY)
                .open(path)?;
            dir.set_permissions(fs::Permissions::from_mode(self.dir_mode()))?;
        }
        Ok(())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn with_mode(dir: &Path, mode: u32) -> fs::Metadata {
        fs::set_permissions(dir, fs::Permissions::from_mode(mode)).unwrap();
        fs::symlink_metadata(dir).unwrap()
    }

    #[test]
    fn a_private_cache_trusts_only_directories_no_one_else_can_write() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Sharing::private()
            .check_dir(&with_mode(dir.path(), 0o700))
            .is_ok());
        assert!(Sharing::private()
            .check_dir(&with_mode(dir.path(), 0o755))
            .is_ok());
        for mode in [0o770, 0o707, 0o777, 0o1777] {
            assert!(
                matches!(
                    Sharing::private().check_dir(&with_mode(dir.path(), mode)),
                    Err(DirectoryProblem::Writable { mode: found }) if found == mode
                ),
                "{mode:o}"
            );
        }
    }

    #[test]
    fn a_group_cache_trusts_its_group_but_never_everyone() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Sharing::Group
            .check_dir(&with_mode(dir.path(), 0o2770))
            .is_ok());
        assert!(matches!(
            Sharing::Group.check_dir(&with_mode(dir.path(), 0o2777)),
            Err(DirectoryProblem::Writable { .. })
        ));
    }

    #[test]
    fn links_and_files_are_not_directories() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(dir.path(), &link).unwrap();
        let file = dir.path().join("file");
        fs::write(&file, b"").unwrap();
        let check =
            |path: &Path| Sharing::private().check_dir(&fs::symlink_metadata(path).unwrap());
        assert!(matches!(check(&link), Err(DirectoryProblem::Symlink)));
        assert!(matches!(check(&file), Err(DirectoryProblem::NotADirectory)));
    }

    #[test]
    fn group_directories_are_created_setgid_whatever_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        let shard = dir.path().join("ab");
        Sharing::Group.ensure_shard(&shard).unwrap();
        let mode = fs::metadata(&shard).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o2770);
        Sharing::private()
            .ensure_shard(&dir.path().join("cd"))
            .unwrap();
        let mode = fs::metadata(dir.path().join("cd"))
            .unwrap()
            .permissions()
            .mode()
            & 0o7777;
        assert_eq!(mode, 0o700);
    }
}
