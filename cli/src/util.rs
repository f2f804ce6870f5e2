//! File and clock helpers: the edge where the CLI meets the world.

use shuangsuiji::{registers::fields::parse_date, Date};
use std::path::{Path, PathBuf};

/// The date in China (UTC+8) of an instant.
fn date_in_china(t: time::OffsetDateTime) -> Date {
    t.to_offset(time::UtcOffset::from_hms(8, 0, 0).unwrap_or(time::UtcOffset::UTC))
        .date()
}

/// Today in China (UTC+8), from the system clock: only ever a default for `--as-of`.
pub fn today_in_china() -> Date {
    date_in_china(time::OffsetDateTime::now_utc())
}

/// The rehearsal clock: `SHUANGSUIJI_NOW=<Unix seconds>` sets "now" for every command that
/// reads the clock (case steps, a witness), so a draw can be rehearsed against a recorded
/// beacon round of the past (docs/walkthrough.md). Never set it for a real draw: the
/// times it gives are what the audit log and the witness's cosignature record.
pub const NOW_VAR: &str = "SHUANGSUIJI_NOW";

/// Seconds since the Unix epoch, from the system clock, or the rehearsal clock
/// ([`NOW_VAR`]) when it is set (said on stderr every time).
pub fn unix_now() -> Result<i64, String> {
    match std::env::var(NOW_VAR) {
        Ok(v) => {
            let t: i64 = v
                .trim()
                .parse()
                .map_err(|_| format!("{NOW_VAR}={v:?} 不是 Unix 秒数 · is not Unix seconds"))?;
            eprintln!("演练时钟 rehearsal clock: {NOW_VAR}={t}（仅供演练 rehearsal only）");
            Ok(t)
        }
        Err(_) => Ok(time::OffsetDateTime::now_utc().unix_timestamp()),
    }
}

/// Today in China by the clock commands use ([`unix_now`]: the rehearsal clock when set).
pub fn today_by_clock() -> Result<Date, String> {
    let dt = time::OffsetDateTime::from_unix_timestamp(unix_now()?)
        .map_err(|e| format!("the clock is out of range: {e}"))?;
    Ok(date_in_china(dt))
}

/// The date given with `flag`, else today.
pub fn date_or_today(flag: &str, arg: Option<&str>) -> Result<Date, String> {
    match arg {
        None => Ok(today_in_china()),
        Some(s) => parse_date(s).ok_or_else(|| format!("{flag} {s:?} is not a date (YYYY-MM-DD)")),
    }
}

/// Refuses to replace an existing file unless `--force` was given (it may be one already
/// filled in).
pub fn refuse_overwrite(out: &Path, force: bool) -> Result<(), String> {
    if out.exists() && !force {
        return Err(format!(
            "{} 已存在，未覆盖（如确需覆盖请加 --force）· {} exists and was not overwritten (add --force)",
            out.display(),
            out.display()
        ));
    }
    Ok(())
}

pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// A JSON document of the expected type; an error names the file and, where it can, what
/// the file is instead (a clerk who swapped two files, or gave a CSV, is told so).
pub fn load_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let bytes = read(path)?;
    serde_json::from_slice(&bytes).map_err(|e| explain_json(path, &bytes, &e))
}

/// What a shuangsuiji JSON document is, by its top-level members, Chinese first.
pub fn looks_like(v: &serde_json::Value) -> Option<&'static str> {
    let o = v.as_object()?;
    let has = |k: &str| o.contains_key(k);
    Some(if has("targets") && has("as_of") {
        "检查对象名录库 a target register"
    } else if has("inspectors") && has("as_of") {
        "执法检查人员名录库（公开视图）an inspector register view"
    } else if has("record") && has("signatures") {
        "抽取记录 a sealed draw record"
    } else if has("commitment") && has("hash") {
        "抽取承诺 a signed commitment"
    } else if has("checkpoint") && has("event") {
        "时间锚 a time anchor"
    } else if has("format") && has("signers") {
        "信任文件 a trust file"
    } else if has("notice") && has("signature") {
        "公示 a signed notice"
    } else if has("plan") && has("hash") && has("signatures") {
        "年度抽查计划 a signed annual plan"
    } else if has("tasks") && has("year") {
        "年度抽查计划（未签署）an unsigned annual plan"
    } else if has("strata") && has("team") {
        "抽查计划 a draw plan"
    } else if has("events") && has("checkpoints") {
        "审计日志 an audit log"
    } else if has("items") && has("version") {
        "抽查事项清单 an item list"
    } else {
        return None;
    })
}

/// A reading error in words a clerk can act on.
fn explain_json(path: &Path, bytes: &[u8], e: &serde_json::Error) -> String {
    let p = path.display();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = body.iter().find(|c| !c.is_ascii_whitespace());
    if !matches!(first, Some(b'{' | b'[')) {
        let what = if body.starts_with(b"PK") {
            "XLSX 表格 a spreadsheet"
        } else {
            "CSV 或文本 CSV or text"
        };
        return format!(
            "{p}: 这不是 JSON 文件（看起来是{what}）；此处需要 JSON（如 import 或 demo 所写）· not a JSON file (it looks like {what}); this option takes JSON (as `import` or `demo` write it)"
        );
    }
    match serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .as_ref()
        .and_then(looks_like)
    {
        Some(kind) => format!(
            "{p}: 这个文件是{kind}，不是此处需要的文件；请检查是否放错了文件 · this file is {kind}, not what this option takes: were two files swapped? ({e})"
        ),
        None => format!("{p}: 无法读取 cannot be read: {e}"),
    }
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

/// A `--suite` value: the wire name of a cryptographic suite (docs/spec/suites.md).
#[derive(Clone, Copy, Debug)]
pub struct SuiteArg(pub shuangsuiji::Suite);

impl std::str::FromStr for SuiteArg {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        shuangsuiji::Suite::of(s).map(SuiteArg).ok_or_else(|| {
            format!("未知的算法套件 {s:?}：可用 ed25519-sha256 或 sm2-sm3 · unknown suite {s:?}: ed25519-sha256 or sm2-sm3")
        })
    }
}

/// Creates a directory for what only its owner may read (view keys, full registers,
/// disclosures) and closes it to other users before anything is written into it.
pub fn create_private_dir(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| format!("cannot protect {}: {e}", dir.display()))?;
    }
    Ok(())
}

/// Makes a file readable and writable by its owner only (0600), as `private/` files are.
pub fn restrict_to_owner(path: &Path) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| format!("cannot protect {}: {e}", path.display()))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
