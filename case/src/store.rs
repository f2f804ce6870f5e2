//! The case directory on disk: one lock, and steps that land whole or not at all.
//!
//! A step writes several files (its output, the audit log, the case file). They are first
//! written into `.staging/` with a manifest; renaming `.staging` to `.pending` is the one
//! atomic act that commits the step; the files are then moved into place and `.pending`
//! removed. Whoever opens the case next finishes a `.pending` it finds (roll forward) and
//! deletes a `.staging` (roll back), so a process killed at any point leaves the case as
//! before the step or as after it, never between. The lock is an OS file lock on `.lock`,
//! released by the kernel when its holder dies, so `kill -9` leaves no stale lock.

use crate::error::{CaseError, Result};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

const LOCK: &str = ".lock";
const STAGING: &str = ".staging";
const PENDING: &str = ".pending";
const MANIFEST: &str = "manifest.json";

/// Test hook: `SHUANGSUIJI_CASE_CRASH_AT=staging|staged|applying` aborts the process (as
/// `kill -9` would, without unwinding) with the step's files written but not committed,
/// just after the commit point, or after its first file is moved into place — so both
/// recovery paths (undo, finish) are tested deterministically.
const CRASH_AT: &str = "SHUANGSUIJI_CASE_CRASH_AT";

fn crash_if(point: &str) {
    if std::env::var(CRASH_AT).ok().as_deref() == Some(point) {
        std::process::abort();
    }
}

/// An open case directory, locked for as long as it lives.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    _lock: File,
}

/// The files one step writes, by path relative to the case directory, and the files it
/// removes (a re-draw moves a round's files aside).
#[derive(Debug, Default)]
pub struct Txn {
    files: Vec<(String, Vec<u8>, bool)>,
    removed: Vec<String>,
}

impl Txn {
    /// A file the step removes (after its new files are in place).
    pub fn remove(&mut self, rel: &str) {
        self.removed.push(rel.to_string());
    }

    /// A file of the step (replacing any file of that path).
    pub fn put(&mut self, rel: &str, bytes: Vec<u8>) {
        self.files.retain(|(p, _, _)| p != rel);
        self.files.push((rel.to_string(), bytes, false));
    }

    /// A file only its owner may read (0600): secrets, keys, personal data.
    pub fn put_private(&mut self, rel: &str, bytes: Vec<u8>) {
        self.files.retain(|(p, _, _)| p != rel);
        self.files.push((rel.to_string(), bytes, true));
    }

    /// A JSON file of the step, pretty-printed with a final newline.
    pub fn put_json<T: Serialize>(&mut self, rel: &str, v: &T) -> Result<()> {
        self.put(rel, to_json(v)?);
        Ok(())
    }
}

/// Pretty JSON with a final newline, as every case file is written.
pub fn to_json<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    let mut s = serde_json::to_vec_pretty(v).map_err(|e| CaseError::Refused(e.to_string()))?;
    s.push(b'\n');
    Ok(s)
}

#[derive(Serialize, Deserialize)]
struct Entry {
    path: String,
    private: bool,
    /// A file to remove rather than write.
    #[serde(default)]
    remove: bool,
}

fn lock(root: &Path) -> Result<File> {
    let path = root.join(LOCK);
    let f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| CaseError::io(&path, e))?;
    match f.try_lock() {
        Ok(()) => Ok(f),
        Err(std::fs::TryLockError::WouldBlock) => Err(CaseError::Locked {
            path: root.to_path_buf(),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(CaseError::io(&path, e)),
    }
}

/// Relative paths only, inside the case: no `..`, no absolute path, no hidden name.
fn check_rel(rel: &str) -> Result<()> {
    let ok = !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(s) if !s.to_string_lossy().starts_with('.')));
    if ok {
        Ok(())
    } else {
        Err(CaseError::Refused(format!(
            "{rel:?} 不是抽查任务内的文件路径 · is not a path inside the case"
        )))
    }
}

/// Writes a new file (never replacing one), 0600 when `private`, synced to disk.
pub(crate) fn write_file(path: &Path, bytes: &[u8], private: bool) -> Result<()> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt as _;
        o.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut f = o.open(path).map_err(|e| CaseError::io(path, e))?;
    f.write_all(bytes).map_err(|e| CaseError::io(path, e))?;
    f.sync_all().map_err(|e| CaseError::io(path, e))
}

fn sync_dir(dir: &Path) {
    // Best effort: a directory fsync makes the renames durable where the OS supports it.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

impl Store {
    /// Opens and locks an existing case, finishing or undoing a step a crash interrupted.
    ///
    /// # Errors
    /// [`CaseError::NotACase`], [`CaseError::Locked`], or an I/O error.
    pub fn open(root: &Path) -> Result<Store> {
        if !root.join(crate::layout::CASE).is_file() && !root.join(PENDING).is_dir() {
            return Err(CaseError::NotACase {
                path: root.to_path_buf(),
            });
        }
        let store = Store {
            root: root.to_path_buf(),
            _lock: lock(root)?,
        };
        store.recover()?;
        if !root.join(crate::layout::CASE).is_file() {
            return Err(CaseError::NotACase {
                path: root.to_path_buf(),
            });
        }
        Ok(store)
    }

    /// Creates and locks a new case directory: it must not exist, or be empty.
    ///
    /// # Errors
    /// When the directory holds anything, or cannot be made.
    pub fn create(root: &Path) -> Result<Store> {
        std::fs::create_dir_all(root).map_err(|e| CaseError::io(root, e))?;
        // Locked first, then looked at: two `case new` on one directory cannot both find
        // it empty. A step a crash left is finished or undone before the look.
        let store = Store {
            root: root.to_path_buf(),
            _lock: lock(root)?,
        };
        store.recover()?;
        let mut entries = std::fs::read_dir(root)
            .map_err(|e| CaseError::io(root, e))?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name() != LOCK);
        if entries.next().is_some() {
            return Err(CaseError::Refused(format!(
                "{} 已存在且不为空；新建抽查任务需要一个新目录 · exists and is not empty: a new case needs a new directory",
                root.display()
            )));
        }
        Ok(store)
    }

    /// The case directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The absolute path of a case file.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Whether a case file exists.
    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// A case file's bytes.
    ///
    /// # Errors
    /// An I/O error naming the file.
    pub fn read(&self, rel: &str) -> Result<Vec<u8>> {
        let p = self.path(rel);
        std::fs::read(&p).map_err(|e| CaseError::io(&p, e))
    }

    /// A case file as JSON of the expected type.
    ///
    /// # Errors
    /// An I/O error, or [`CaseError::Refused`] naming the file when it does not parse.
    pub fn read_json<T: serde::de::DeserializeOwned>(&self, rel: &str) -> Result<T> {
        let bytes = self.read(rel)?;
        serde_json::from_slice(&bytes).map_err(|e| {
            CaseError::Refused(format!(
                "{} 已损坏或被手工改动 · is damaged or was edited by hand: {e}",
                self.path(rel).display()
            ))
        })
    }

    /// The names in a case folder, sorted (empty when the folder is absent).
    ///
    /// # Errors
    /// An I/O error naming the folder.
    pub fn list(&self, rel: &str) -> Result<Vec<String>> {
        let p = self.path(rel);
        if !p.is_dir() {
            return Ok(Vec::new());
        }
        let mut names: Vec<String> = std::fs::read_dir(&p)
            .map_err(|e| CaseError::io(&p, e))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        Ok(names)
    }

    /// Lands a step's files: all of them, or (after a crash, once recovered) none.
    ///
    /// # Errors
    /// An I/O error; the case is then as before the step.
    pub fn commit(&self, txn: Txn) -> Result<()> {
        let staging = self.path(STAGING);
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| CaseError::io(&staging, e))?;
        }
        std::fs::create_dir(&staging).map_err(|e| CaseError::io(&staging, e))?;
        let mut manifest = Vec::new();
        for (i, (rel, bytes, private)) in txn.files.iter().enumerate() {
            check_rel(rel)?;
            write_file(&staging.join(i.to_string()), bytes, *private)?;
            manifest.push(Entry {
                path: rel.clone(),
                private: *private,
                remove: false,
            });
        }
        for rel in &txn.removed {
            check_rel(rel)?;
            manifest.push(Entry {
                path: rel.clone(),
                private: false,
                remove: true,
            });
        }
        write_file(&staging.join(MANIFEST), &to_json(&manifest)?, false)?;
        sync_dir(&staging);
        crash_if("staging");
        let pending = self.path(PENDING);
        std::fs::rename(&staging, &pending).map_err(|e| CaseError::io(&pending, e))?;
        sync_dir(&self.root);
        crash_if("staged");
        self.apply()
    }

    /// Moves a committed step's files into place; files already moved are skipped.
    fn apply(&self) -> Result<()> {
        let pending = self.path(PENDING);
        let m = pending.join(MANIFEST);
        if !m.exists() {
            // Killed while removing `.pending` after the manifest went: the step was
            // applied in full.
            return std::fs::remove_dir_all(&pending).map_err(|e| CaseError::io(&pending, e));
        }
        let bytes = std::fs::read(&m).map_err(|e| CaseError::io(&m, e))?;
        let manifest: Vec<Entry> = serde_json::from_slice(&bytes)
            .map_err(|e| CaseError::io(&m, format!("damaged manifest: {e}")))?;
        for (i, e) in manifest.iter().enumerate() {
            check_rel(&e.path)?;
            if e.remove {
                let p = self.path(&e.path);
                if p.exists() {
                    std::fs::remove_file(&p).map_err(|err| CaseError::io(&p, err))?;
                }
                continue;
            }
            let from = pending.join(i.to_string());
            if !from.exists() {
                continue;
            }
            let to = self.path(&e.path);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|err| CaseError::io(parent, err))?;
            }
            std::fs::rename(&from, &to).map_err(|err| CaseError::io(&to, err))?;
            if i == 0 {
                crash_if("applying");
            }
        }
        sync_dir(&self.root);
        // The manifest first: a `.pending` without one is known to be applied.
        std::fs::remove_file(&m).map_err(|e| CaseError::io(&m, e))?;
        std::fs::remove_dir_all(&pending).map_err(|e| CaseError::io(&pending, e))
    }

    /// After a crash: a committed step is finished, an uncommitted one undone.
    fn recover(&self) -> Result<()> {
        let staging = self.path(STAGING);
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| CaseError::io(&staging, e))?;
        }
        if self.path(PENDING).is_dir() {
            self.apply()?;
        }
        Ok(())
    }
}
