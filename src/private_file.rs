//! The one way paycli creates files that hold data (journal, captures, reports, sandbox state,
//! config): folders 700 and files 600 whatever the umask, an existing file's stricter mode kept,
//! and never written through a symlink.
//!
//! paycli runs as root in cron and as a service, so a folder it writes into may be one another
//! local user can write to. Every file is therefore first written to a temporary file with a
//! random name, created exclusively (`O_CREAT|O_EXCL|O_NOFOLLOW`: a symlink planted there, live or
//! dangling, makes the create fail instead of being followed), synced, and then renamed over the
//! target. `rename` replaces a symlink at the target itself; it never writes to what it points to.
//! A reader sees the previous complete file or the new complete one, never half of one.
//!
//! Modes are set with `fchmod` on the open file, which the umask does not touch (the umask only
//! masks the mode given to `open`/`mkdir`). docs/trust.md lists the files and their modes.

use std::fs::{File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Files: read and written by their owner only.
pub const FILE_MODE: u32 = 0o600;
/// Folders paycli creates: entered by their owner only.
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` and its missing parents, each 700. Folders that already exist keep their mode:
/// they are the operator's (`/var/lib`, a shared save dir), not paycli's to change.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_dir(parent)?;
    }
    match std::fs::DirBuilder::new().mode(DIR_MODE).create(dir) {
        // Made here: `mkdir` applied the umask, which can only have taken bits away; a umask that
        // took the owner's own (0o277) would leave a folder paycli cannot use, so set it exactly.
        Ok(()) => std::fs::set_permissions(dir, Permissions::from_mode(DIR_MODE)),
        // Another process made it in between.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` to `path` whole (temporary file, fsync, rename): [`Staged`] in one call.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut staged = Staged::beside(path)?;
    staged.write_all(bytes)?;
    staged.replace()
}

/// Creates `path` empty, 600, if nothing is there; a symlink there (live or dangling) is an error.
/// For files another program fills in place (SQLite's database), which cannot go through a rename.
pub fn create_empty(path: &Path) -> io::Result<()> {
    match open_exclusive(path, FILE_MODE) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            let meta = std::fs::symlink_metadata(path)?;
            if meta.file_type().is_symlink() {
                return Err(io::Error::other("it is a symbolic link; paycli does not write through one"));
            }
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// Takes group and others' bits off an existing regular file paycli keeps writing to (a journal
/// made by an older paycli or under a loose umask). A symlink or a missing file is left alone.
pub fn tighten(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.mode() & 0o077 != 0 => {
            std::fs::set_permissions(path, Permissions::from_mode(meta.mode() & FILE_MODE))
        }
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// The mode a new file at `target` gets: 600, or the existing regular file's mode where that is
/// stricter (a report chmod'ed 400 stays 400). A symlink at the target says nothing: it is replaced.
fn mode_for(target: &Path) -> u32 {
    match std::fs::symlink_metadata(target) {
        Ok(meta) if meta.is_file() => meta.mode() & FILE_MODE,
        _ => FILE_MODE,
    }
}

/// Creates `path` exclusively with exactly `mode`: fails on anything already there, a symlink
/// included, and never follows one.
fn open_exclusive(path: &Path, mode: u32) -> io::Result<File> {
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)?;
    file.set_permissions(Permissions::from_mode(mode))?;
    Ok(file)
}

/// A temporary file being written in the target's folder; [`Staged::replace`] or
/// [`Staged::place_new`] puts it in place. Dropped before that, it is removed.
pub struct Staged {
    file: File,
    tmp: PathBuf,
    target: PathBuf,
    /// The temporary file is no longer ours to remove (placed, or kept for the operator).
    done: bool,
}

impl Staged {
    /// A new temporary file `.NAME.RANDOM.tmp` beside `target` (whose folder must exist), with
    /// the mode the target will have.
    pub fn beside(target: &Path) -> io::Result<Staged> {
        let name = target.file_name().ok_or_else(|| io::Error::other("not a file name"))?;
        let mode = mode_for(target);
        let mut last = None;
        // A clash of 128 random bits means someone is guessing names; a few tries, then say so.
        for _ in 0..8 {
            let mut tmp_name = std::ffi::OsString::from(".");
            tmp_name.push(name);
            tmp_name.push(format!(".{}.tmp", uuid::Uuid::new_v4().simple()));
            let tmp = target.with_file_name(tmp_name);
            match open_exclusive(&tmp, mode) {
                Ok(file) => return Ok(Staged { file, tmp, target: target.to_path_buf(), done: false }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("cannot create a temporary file")))
    }

    /// Where the data is until it is placed.
    pub fn temp_path(&self) -> &Path {
        &self.tmp
    }

    /// Syncs the data and renames it over the target (a symlink there is replaced, not followed).
    /// If the rename fails, the complete temporary file is kept at [`Staged::temp_path`].
    pub fn replace(mut self) -> io::Result<()> {
        self.file.sync_all()?;
        self.done = true;
        std::fs::rename(&self.tmp, &self.target)?;
        sync_folder(&self.target);
        Ok(())
    }

    /// Syncs the data and gives it the name `target` only if nothing has it (not even a symlink):
    /// `AlreadyExists` otherwise, and the caller may try another name. Never replaces a file.
    pub fn place_new(&mut self, target: &Path) -> io::Result<()> {
        self.file.sync_all()?;
        // link(2) fails with EEXIST on any existing name and does not follow a symlink there.
        std::fs::hard_link(&self.tmp, target)?;
        sync_folder(target);
        Ok(())
    }
}

impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Makes the rename itself durable. Best effort: some filesystems refuse to sync a folder.
fn sync_folder(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests;
