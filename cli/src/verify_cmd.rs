//! `shuangsuiji verify RECORD --targets T --inspectors I [--trust FILE] [--stream]`: re-runs the draw
//! and prints the verdict — anchored in the trust file, consistent but not anchored (each
//! element without an anchor named), or failed.
//!
//! Exit status: 0 when the record is consistent (anchored, or not anchored without
//! `--require-anchored`), 1 when it fails or cannot be read, 3 when `--require-anchored`
//! is given and the record is not anchored.

use crate::util;
use clap::Args;
use shuangsuiji::draw::{SealedKeeper, TargetSource, Version};
use shuangsuiji::import::TargetCsvFile;
use shuangsuiji::privacy::{Recusals, SealedView, ViewKey};
use shuangsuiji::trust::{
    verify_with_references, Level, References, TimeAnchor, TrustFile, Verdict,
};
use shuangsuiji::{Explain, PublicInspectorRegister, SealedRecord, TargetRegister};
use std::path::PathBuf;

#[derive(Args)]
pub struct VerifyArgs {
    /// The sealed record (JSON).
    record: PathBuf,
    /// The public views and the trust file.
    #[command(flatten)]
    views: Views,
    /// 要求已锚定 Exit with status 3 unless the record is anchored in the trust file.
    #[arg(long)]
    require_anchored: bool,
}

/// What a sealed record is verified against: the public register views, and the
/// verifier's own trust file. Shared by every command that relies on a record.
#[derive(Args)]
pub struct Views {
    /// Public target register: JSON (as `demo` or `import targets --out` write it), or the
    /// register's CSV/XLSX itself, read as of the register date the record committed.
    #[arg(long)]
    targets: PathBuf,
    /// Public view of the inspector register (JSON).
    #[arg(long)]
    inspectors: PathBuf,
    /// 信任文件 The trust file: the signers' keys and beacon chains you trust
    /// (docs/spec/trust.md). Without it nothing in the record is anchored.
    #[arg(long)]
    trust: Option<PathBuf>,
    /// 时间锚 The commitment's event in a witnessed checkpoint of the audit log (JSON:
    /// checkpoint, event, index, proof), checked against the trust file's log key and
    /// witnesses (docs/spec/trust.md §3.1).
    #[arg(long, requires = "trust")]
    anchor: Option<PathBuf>,
    /// 此前抽取记录 An earlier sealed record the plan's prior_draws copy (repeat for each).
    #[arg(long = "prior")]
    prior: Vec<PathBuf>,
    /// 开奖公告 Published-numbers mode: the official announcement as you looked it up (JSON
    /// `[{"source", "issue", "draws_at", "numbers": [[…], …]}]`); without it the record's
    /// numbers are shown for you to compare, never trusted.
    #[arg(long)]
    announcement: Option<PathBuf>,
    /// 流式读取 Read the targets CSV as a stream, twice, never whole (rows sorted by id, as
    /// `targets.public.csv` is): for a register larger than memory.
    #[arg(long)]
    stream: bool,
    /// 视图密钥（审计方）draw/v3, the auditor: the view key the sealed view was made under
    /// (`privacy seal --key-out`). `--targets` is then the full register and `--inspectors`
    /// the keeper's inspector view with its declared conflicts, and the whole draw is
    /// re-run, each class and recusal set included. Without it a draw/v3 record is checked
    /// from the sealed view (`--targets targets.sealed.json`).
    #[arg(long)]
    view_key: Option<PathBuf>,
}

/// The targets a record is checked against, read before anything else so that their
/// problems (a file swapped, a bad row) are named first.
enum Held {
    Register(TargetRegister),
    Stream,
    /// draw/v3, the public: the sealed view.
    View(SealedView),
    /// draw/v3, the auditor: the full register and the view key, and the inspector view
    /// without the declared conflicts it was given.
    Keeper(Box<(SealedKeeper, PublicInspectorRegister)>),
}

impl Views {
    /// The verdict on `sealed` under these views; a record that fails is an error.
    pub fn assess(&self, sealed: &SealedRecord) -> Result<Verdict, String> {
        let v3 = sealed.record.commitment.commitment.version() == Some(Version::V3);
        let held = match (v3, &self.view_key) {
            (false, Some(_)) => {
                return Err("--view-key 仅用于 draw/v3 记录 · --view-key is for draw/v3 records only".into())
            }
            (true, _) if self.stream => {
                return Err("draw/v3 记录不支持 --stream · --stream is not available for draw/v3 records".into())
            }
            (true, Some(k)) => {
                let key = ViewKey(util::read_key(k)?);
                let register = targets_of(&self.targets, sealed)?;
                // The auditor gives the keeper's inspector view, conflicts included: they
                // are what the sealed recusal sets must be; the record is checked against
                // the same view without them.
                let declared: PublicInspectorRegister = load(&self.inspectors)?;
                let recusals = Recusals::of_public(&declared);
                // Said before the verdict: the auditor sees how many declarations the check
                // holds the sealed sets to (zero from the published view, which has none).
                println!(
                    "审计：所给人员视图载明回避声明 {0} 项{1} · auditor: the inspector view given declares {0} conflict(s){2}",
                    recusals.count(),
                    if recusals.count() == 0 { "（为 0：如人员名录确有回避对象，这不是保管方的人员视图）" } else { "" },
                    if recusals.count() == 0 { " (zero: if the register has any, this is not the keeper's view)" } else { "" },
                );
                // The digest a draw/v3 case logged of its keeper's files (`case new`, a
                // re-draw's re-seal): the auditor compares it with the log's register event
                // to know these are the files the draw was committed over.
                println!(
                    "审计：所给文件的保管方输入摘要 keeper-inputs {} （与抽查任务审计日志的名录库事件比对 · compare with the case log's register event）",
                    shuangsuiji_case::steps::new::keeper_inputs(sealed.suite(), &register, &key, &declared)
                );
                Held::Keeper(Box::new((
                    SealedKeeper::new(register, recusals, key),
                    declared.without_conflicts(),
                )))
            }
            (true, None) => Held::View(load(&self.targets).map_err(|e| {
                format!("{e}\ndraw/v3 记录须以封存视图核验（--targets targets.sealed.json），审计方另加 --view-key 与完整名录库 · a draw/v3 record is checked against the sealed view (--targets targets.sealed.json); the auditor gives --view-key and the full register")
            })?),
            (false, None) if self.stream => Held::Stream,
            (false, None) => Held::Register(targets_of(&self.targets, sealed)?),
        };
        let inspectors: PublicInspectorRegister = load(&self.inspectors)?;
        let anchor: Option<TimeAnchor> = self.anchor.as_deref().map(load).transpose()?;
        let prior: Vec<SealedRecord> = self
            .prior
            .iter()
            .map(|p| load(p))
            .collect::<Result<_, _>>()?;
        let announcements: Vec<shuangsuiji::trust::Announcement> = self
            .announcement
            .as_deref()
            .map(load)
            .transpose()?
            .unwrap_or_default();
        let refs = References {
            announcements: &announcements,
            prior_records: &prior,
        };
        let with_views = |targets: &dyn TargetSource, inspectors: &PublicInspectorRegister| {
            assess(
                sealed,
                targets,
                inspectors,
                self.trust.as_deref(),
                anchor.as_ref(),
                &refs,
            )
        };
        let with = |targets: &dyn TargetSource| with_views(targets, &inspectors);
        match held {
            Held::Register(register) => with(&register),
            Held::View(view) => with(&view),
            Held::Keeper(keeper) => with_views(&keeper.0, &keeper.1),
            Held::Stream => {
                let date = register_date(&self.targets, sealed)?;
                let file = TargetCsvFile::new(&self.targets, date);
                let shown = crate::progress::PassMeter::new(&file);
                let verdict = with(&shown);
                shown.finish();
                verdict
            }
        }
    }
}

use util::load_json as load;

/// The target register as JSON, or as the CSV/XLSX register itself (as the page takes it),
/// read as of the register date the record committed (draw/v2).
fn targets_of(path: &std::path::Path, sealed: &SealedRecord) -> Result<TargetRegister, String> {
    let bytes = util::read(path)?;
    if shuangsuiji::import::json_document(&bytes).is_some() {
        return load(path);
    }
    let as_of = register_date(path, sealed)?;
    let mut meter = crate::progress::ImportMeter::new();
    let read = shuangsuiji::import::targets_with_progress(&bytes, as_of, &mut |p| meter.update(p));
    meter.finish(bytes.len(), read.is_ok());
    read.map(|(r, _)| r).map_err(|e| {
        format!(
            "{}: 检查对象名录库无法读取 the target register cannot be read:\n{}",
            path.display(),
            crate::import_cmd::report(e)
        )
    })
}

/// The register date a CSV/XLSX register is read as of: the one the record committed.
fn register_date(
    path: &std::path::Path,
    sealed: &SealedRecord,
) -> Result<shuangsuiji::Date, String> {
    sealed.record.commitment.commitment.as_of.ok_or_else(|| {
        format!(
            "{}: 表格形式的名录库需按记录的名录库日期读取，而此记录（draw/v1）未载明；请给出 JSON 公开视图 · a CSV/XLSX register is read as of the record's register date, which this draw/v1 record does not state: give the JSON view",
            path.display()
        )
    })
}

pub fn run(a: VerifyArgs) -> Result<(), String> {
    let sealed: SealedRecord = load(&a.record)?;
    let verdict = a.views.assess(&sealed)?;
    crate::summary::print(&sealed, &verdict);
    if a.require_anchored && verdict.level != Level::Anchored {
        eprintln!("未锚定 NOT ANCHORED: --require-anchored was given");
        std::process::exit(3);
    }
    Ok(())
}

/// The verdict on a sealed record under an optional trust file and the earlier records its
/// plan refers to; a record that fails is an error naming the failing check, Chinese first.
pub fn assess(
    sealed: &SealedRecord,
    targets: &dyn TargetSource,
    inspectors: &PublicInspectorRegister,
    trust: Option<&std::path::Path>,
    anchor: Option<&TimeAnchor>,
    refs: &References<'_>,
) -> Result<Verdict, String> {
    let trust = match trust {
        Some(p) => Some(TrustFile::from_json(&util::read(p)?).map_err(|e| {
            format!(
                "信任文件无法使用 trust file {} cannot be used: {e}",
                p.display()
            )
        })?),
        None => None,
    };
    let verdict = verify_with_references(sealed, targets, inspectors, trust.as_ref(), anchor, refs);
    if let (Level::Failed, Some(e)) = (verdict.level, &verdict.error) {
        return Err(format!(
            "未通过 NOT VERIFIED [{}]: {}\n{e}",
            e.kind(),
            e.message_zh()
        ));
    }
    Ok(verdict)
}
