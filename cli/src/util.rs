//! File and clock helpers: the edge where the CLI meets the world.

use shuangsuiji::{registers::fields::parse_date, Date};
use std::path::{Path, PathBuf};

/// Today in China (UTC+8), from the system clock: only ever a default for `--as-of`.
pub fn today_in_china() -> Date {
    let now = time::OffsetDateTime::now_utc()
        .to_offset(time::UtcOffset::from_hms(8, 0, 0).unwrap_or(time::UtcOffset::UTC));
    now.date()
}

/// Seconds since the Unix epoch, from the system clock (a witness dates its cosignatures
/// with it).
pub fn unix_now() -> Result<i64, String> {
    Ok(time::OffsetDateTime::now_utc().unix_timestamp())
}

/// The date given with `flag`, else today.
pub fn date_or_today(flag: &str, arg: Option<&str>) -> Result<Date, String> {
    match arg {
        None => Ok(today_in_china()),
        Some(s) => parse_date(s).ok_or_else(|| format!("{flag} {s:?} is not a date (YYYY-MM-DD)")),
    }
}

pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// A JSON document of the expected type; an error names the file.
pub fn load_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    serde_json::from_slice(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes through a temporary file beside `path` and a rename, so a failed run never leaves
/// half a file. The message names `path` whichever step failed; the temporary file is
/// removed on failure.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_all_atomic(&[(path, bytes)])
}

/// Several files that only make sense together (a notice and the disclosures that prove its
/// withheld fields; a register and its public view): every temporary file is written first,
/// and only when all are on disk are they renamed into place, in the order given. A failed
/// write leaves none of them changed. A rename can still fail (a directory in the way is
/// caught before the first one; a permission changed in between is not): the files before
/// it are then in place, which is why a caller lists the one that must never be missing
/// (the disclosures) first and the one that announces the rest (the notice) last.
/// Temporary names carry the process id, so two runs into one directory never remove or
/// rename each other's files.
pub fn write_all_atomic(files: &[(&Path, &[u8])]) -> Result<(), String> {
    for (i, (path, _)) in files.iter().enumerate() {
        if files.iter().take(i).any(|(p, _)| p == path) {
            return Err(format!("{} is given for two outputs", path.display()));
        }
    }
    let tmp = |path: &Path| {
        let mut t = path.as_os_str().to_owned();
        t.push(format!(".{}.tmp~", std::process::id()));
        PathBuf::from(t)
    };
    let mut written: Vec<PathBuf> = Vec::new();
    let fail = |written: &[PathBuf], path: &Path, why: String| {
        for t in written {
            let _ = std::fs::remove_file(t);
        }
        Err(format!("cannot write {}: {why}", path.display()))
    };
    for (path, bytes) in files {
        let t = tmp(path);
        if let Err(e) = std::fs::write(&t, bytes) {
            let _ = std::fs::remove_file(&t);
            return fail(&written, path, e.to_string());
        }
        written.push(t);
    }
    if let Some((path, _)) = files.iter().find(|(path, _)| path.is_dir()) {
        return fail(&written, path, "a directory is in the way".into());
    }
    for (i, ((path, _), tmp)) in files.iter().zip(&written).enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            return fail(written.get(i..).unwrap_or_default(), path, e.to_string());
        }
    }
    Ok(())
}

pub fn to_json<T: serde::Serialize>(v: &T) -> Result<Vec<u8>, String> {
    let mut s = serde_json::to_vec_pretty(v).map_err(|e| e.to_string())?;
    s.push(b'\n');
    Ok(s)
}

/// Reads a 32-byte key given as 64 hex digits in a file.
pub fn read_key(path: &Path) -> Result<[u8; 32], String> {
    let text =
        String::from_utf8(read(path)?).map_err(|_| format!("{} is not text", path.display()))?;
    let mut k = [0u8; 32];
    hex::decode_to_slice(text.trim(), &mut k)
        .map_err(|_| format!("{} must hold 64 hex digits", path.display()))?;
    Ok(k)
}
