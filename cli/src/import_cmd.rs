//! `shuangsuiji import items|targets|inspectors FILE`.

use crate::util;
use clap::{Args, ValueEnum};
use shuangsuiji::{import, ValidationErrors};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub enum What {
    /// 随机抽查事项清单 (附件1).
    Items,
    /// 检查对象名录库 (附件2).
    Targets,
    /// 执法检查人员名录库 (附件2).
    Inspectors,
}

#[derive(Args)]
pub struct ImportArgs {
    /// What the file holds.
    what: What,
    /// The CSV (UTF-8 or GB18030) or XLSX file.
    file: PathBuf,
    /// Register date (YYYY-MM-DD); default: today in China.
    #[arg(long)]
    as_of: Option<String>,
    /// Version label of an item list.
    #[arg(long, default_value = "1")]
    list_version: String,
    /// Write the validated register as JSON here.
    #[arg(long)]
    out: Option<PathBuf>,
    /// For inspectors: also write the public view (no personal data) here…
    #[arg(long, requires = "key")]
    public_out: Option<PathBuf>,
    /// …under the register keeper's salt key (a file of 64 hex digits).
    #[arg(long)]
    key: Option<PathBuf>,
}

pub fn report(e: ValidationErrors) -> String {
    let mut s = format!(
        "{} problem(s) found; nothing was written:\n",
        e.problems.len()
    );
    for p in &e.problems {
        s.push_str(&format!("  {p}\n"));
    }
    s
}

pub fn run(a: ImportArgs) -> Result<(), String> {
    let bytes = util::read(&a.file)?;
    let as_of = util::date_or_today("--as-of", a.as_of.as_deref())?;
    let notes;
    let (summary, json, public) = match a.what {
        What::Items => {
            let (l, n) = import::items_with_notes(&bytes, &a.list_version).map_err(report)?;
            notes = n;
            (
                format!(
                    "item list {}: {} items, hash {}",
                    l.version(),
                    l.items().len(),
                    l.hash()
                ),
                util::to_json(&l)?,
                None,
            )
        }
        What::Targets => {
            let mut meter = crate::progress::ImportMeter::new();
            let read = import::targets_with_progress(&bytes, as_of, &mut |p| meter.update(p));
            meter.finish(bytes.len(), read.is_ok());
            let (r, n) = read.map_err(report)?;
            notes = n;
            (
                format!(
                    "target register as of {}: {} targets, root {}",
                    r.as_of(),
                    r.targets().len(),
                    r.root()
                ),
                util::to_json(&r)?,
                None,
            )
        }
        What::Inspectors => {
            let (r, n) = import::inspectors_with_notes(&bytes, as_of).map_err(report)?;
            notes = n;
            let public = match &a.key {
                Some(k) => {
                    let key = util::read_key(k)?;
                    let view = r.public_view(&key);
                    Some((view.root(), util::to_json(&view)?))
                }
                None => None,
            };
            let root = public
                .as_ref()
                .map(|(root, _)| format!(", root {root}"))
                .unwrap_or_default();
            (
                format!(
                    "inspector register as of {}: {} inspectors{root}",
                    r.as_of(),
                    r.inspectors().len()
                ),
                util::to_json(&r)?,
                public.map(|p| p.1),
            )
        }
    };
    // The register and its public view are written together or not at all.
    let mut files: Vec<(&Path, &[u8])> = Vec::new();
    if let Some(out) = &a.out {
        files.push((out, &json));
    }
    if let (Some(out), Some(p)) = (&a.public_out, &public) {
        files.push((out, p));
    }
    util::write_all_atomic(&files)?;
    println!("{summary}");
    // What the import derived or could not find in the sheet: the department keeps the
    // derived ids and fills the gaps a plan would need.
    for n in &notes {
        println!("  注意 note: {n}");
    }
    Ok(())
}
