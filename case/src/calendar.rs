//! The working-day calendar a department uses: the bundled State Council notices plus the
//! years it has added itself (`calendar add`), kept as files in one folder so every
//! command — `deadline`, `publish`, `case status` — re-computes with them as soon as a
//! year is added. Where a year is still missing, deadlines are provisional
//! (`shuangsuiji::publish::publish_by_or_provisional`).

use crate::error::{CaseError, Result};
use shuangsuiji::publish::WorkingCalendar;
use std::path::{Path, PathBuf};

/// Where added years live: `$SHUANGSUIJI_CALENDAR_DIR`, else
/// `$HOME/.local/share/shuangsuiji/calendar`.
pub fn dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("SHUANGSUIJI_CALENDAR_DIR") {
        return Some(PathBuf::from(d));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share/shuangsuiji/calendar"))
}

fn added(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| CaseError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// The bundled calendar with every added year.
///
/// # Errors
/// When an added file cannot be read or contradicts the calendar.
pub fn load() -> Result<WorkingCalendar> {
    let mut cal = WorkingCalendar::mainland_china()
        .map_err(|e| CaseError::Refused(e.to_string()))?
        .clone();
    if let Some(d) = dir() {
        for f in added(&d)? {
            let text = std::fs::read_to_string(&f).map_err(|e| CaseError::io(&f, e))?;
            cal.extend_from_json(&text)
                .map_err(|e| CaseError::Refused(format!("{}: {e}", f.display())))?;
        }
    }
    Ok(cal)
}

/// Adds a year's notice file (`shuangsuiji/calendar/v1`, docs/publication.md): checked
/// against the calendar as it stands, then kept. Returns the years it adds.
///
/// # Errors
/// When the file is not calendar data, repeats a year, or no folder is known.
pub fn add(file: &Path) -> Result<Vec<i32>> {
    let text = std::fs::read_to_string(file).map_err(|e| CaseError::io(file, e))?;
    // An estimate is not a notice: loading one would make provisional deadlines "final".
    if text.contains("暂定") || text.contains("国务院令第795号") {
        return Err(CaseError::Refused(format!(
            "{}: 这是暂定的估算，不是国务院办公厅的放假通知 · this is a provisional estimate, not the State Council's notice",
            file.display()
        )));
    }
    let before: Vec<i32> = load()?.years().collect();
    let mut cal = load()?;
    cal.extend_from_json(&text)
        .map_err(|e| CaseError::Refused(format!("{}: {e}", file.display())))?;
    let new: Vec<i32> = cal.years().filter(|y| !before.contains(y)).collect();
    // A notice gives at least the statutory days off (第二条); one that works any of them is
    // incomplete or not the notice.
    let mut missing = Vec::new();
    for y in &new {
        for d in shuangsuiji::publish::statutory_days(*y).unwrap_or_default() {
            if cal.is_working_day(d).unwrap_or(false) {
                missing.push(d.to_string());
            }
        }
    }
    if !missing.is_empty() {
        return Err(CaseError::Refused(format!(
            "{}: 法定节假日 {} 在此通知中是工作日，通知不完整 · statutory days off {} are working days in this file: incomplete",
            file.display(),
            missing.join("、"),
            missing.join(", ")
        )));
    }
    let d = dir().ok_or_else(|| {
        CaseError::Refused("no folder for added years: set SHUANGSUIJI_CALENDAR_DIR".into())
    })?;
    std::fs::create_dir_all(&d).map_err(|e| CaseError::io(&d, e))?;
    let name = new
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("-");
    let dest = d.join(format!("cn-{name}.json"));
    let tmp = d.join(format!(".cn-{name}.json.tmp~"));
    std::fs::write(&tmp, text.as_bytes()).map_err(|e| CaseError::io(&tmp, e))?;
    std::fs::rename(&tmp, &dest).map_err(|e| CaseError::io(&dest, e))?;
    Ok(new)
}
