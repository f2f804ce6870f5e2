//! File and clock helpers: the edge where the CLI meets the world.

use shuangsuiji::{parse_date, Date};
use std::path::Path;

/// Today in China (UTC+8), from the system clock: only ever a default for `--as-of`.
pub fn today_in_china() -> Date {
    let now = time::OffsetDateTime::now_utc()
        .to_offset(time::UtcOffset::from_hms(8, 0, 0).unwrap_or(time::UtcOffset::UTC));
    now.date()
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

/// Writes through a temporary file beside `path` and a rename, so a failed run never leaves
/// half a file. The message names `path`, the file the user asked for, whichever step failed;
/// the temporary file is removed on failure.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp~");
    let tmp = std::path::PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("cannot write {}: {e}", path.display())
        })
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
