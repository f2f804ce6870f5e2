//! `shuangsuiji publish`, `notice verify`, `deadline`: the 一公开 side at the edge, where
//! the OS random generator provides the disclosure salts and the clock gives "today".

use crate::util;
use clap::{Args, Subcommand};
use rand_core::{OsRng, TryRngCore};
use shuangsuiji::publish::coverage;
use shuangsuiji::{
    publish, publish::DeadlineItem, publish::Disclosure, publish::NoticeHeader,
    publish::PUBLICATION_WORKING_DAYS, Digest32, Explain, InspectionResult,
    PublicInspectorRegister, RedactionPolicy, SealedRecord, SignedNotice, TargetRegister,
};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct PublishArgs {
    /// Inspection results (JSON array of results as entered by the inspectors).
    results: PathBuf,
    /// The sealed draw record they belong to; it is verified, and every result must be
    /// one of its drawn targets, inspected by its drawn team, for the plan's items.
    #[arg(long)]
    record: PathBuf,
    /// The public views and the trust file the record is verified against.
    #[command(flatten)]
    views: crate::verify_cmd::Views,
    /// 公示密钥 The publishing unit's secret key, of the draw's suite: 64 hex digits (Ed25519) or
    /// an SM2 PKCS#8 PEM (`keys new --suite sm2-sm3`'s key.pem) for an sm2-sm3 draw.
    #[arg(long)]
    key: PathBuf,
    /// The publishing unit (谁公开).
    #[arg(long)]
    publisher: String,
    /// Notice id.
    #[arg(long)]
    notice_id: String,
    /// Publication date (YYYY-MM-DD); default: today in China.
    #[arg(long)]
    date: Option<String>,
    /// Redaction policy (JSON); default: the built-in default policy.
    #[arg(long)]
    policy: Option<PathBuf>,
    /// 逾期理由 Why results are published after their 20-working-day deadline: required
    /// when any is late; written beside the notice (overdue.json, public) and logged.
    #[arg(long)]
    overdue_reason: Option<String>,
    /// 抽查任务 The case the record belongs to: the publication (and any overdue reason) is
    /// logged in its audit log.
    #[arg(long)]
    case: Option<PathBuf>,
    /// Output directory: notice.json and notice.csv (public), private/disclosures.json.
    #[arg(long, default_value = "out/notice")]
    out: PathBuf,
}

/// The draw record a notice is checked against, verified first.
#[derive(Args)]
pub struct RecordCheck {
    /// The sealed draw record the notice is for.
    #[arg(long)]
    record: Option<PathBuf>,
    /// Public target register the record is verified against (JSON); for a draw/v3 record
    /// the sealed view (`targets.sealed.json`).
    #[arg(long, requires = "record")]
    targets: Option<PathBuf>,
    /// Public view of the inspector register (JSON).
    #[arg(long, requires = "record")]
    inspectors: Option<PathBuf>,
    /// 信任文件 The trust file the record is assessed against.
    #[arg(long, requires = "record")]
    trust: Option<PathBuf>,
    /// 时间锚 The record's time anchor (checked against the trust file's log key and
    /// witnesses).
    #[arg(long, requires = "trust")]
    anchor: Option<PathBuf>,
}

impl RecordCheck {
    /// The record, verified, if one was given; its verdict is printed when `show` (the
    /// credit feed keeps stdout for the feed alone).
    fn verified(&self, show: bool) -> Result<Option<SealedRecord>, String> {
        let Some(record) = &self.record else {
            return Ok(None);
        };
        let (Some(t), Some(i)) = (&self.targets, &self.inspectors) else {
            return Err(
                "--record needs --targets and --inspectors: the record is verified first".into(),
            );
        };
        let sealed: SealedRecord = load(record)?;
        // What the public re-runs a record against: the sealed view for draw/v3
        // (docs/spec/privacy.md §13), else the register's public view.
        let targets: Box<dyn shuangsuiji::draw::TargetSource> = if sealed
            .record
            .commitment
            .commitment
            .version()
            == Some(shuangsuiji::draw::Version::V3)
        {
            Box::new(load::<shuangsuiji::privacy::SealedView>(t).map_err(|e| {
                    format!("{e}\ndraw/v3 记录须以封存视图核验（--targets targets.sealed.json）· a draw/v3 record is checked against the sealed view (--targets targets.sealed.json)")
                })?)
        } else {
            Box::new(load::<TargetRegister>(t)?)
        };
        let inspectors: PublicInspectorRegister = load(i)?;
        let anchor: Option<shuangsuiji::trust::TimeAnchor> =
            self.anchor.as_deref().map(load).transpose()?;
        let verdict = crate::verify_cmd::assess(
            &sealed,
            targets.as_ref(),
            &inspectors,
            self.trust.as_deref(),
            anchor.as_ref(),
            &shuangsuiji::trust::References::default(),
        )?;
        if show {
            crate::summary::print_level(&verdict);
            crate::summary::print_classes_note(&verdict);
        }
        Ok(Some(sealed))
    }
}

#[derive(Subcommand)]
pub enum NoticeCmd {
    /// The credit feed (信用记录) of a notice verified against its verified draw record:
    /// published results per target.
    CreditFeed {
        /// The signed notice (JSON).
        notice: PathBuf,
        /// CSV instead of JSON.
        #[arg(long)]
        csv: bool,
        /// The draw record (required: a feed is built only from a notice checked against it).
        #[command(flatten)]
        record: RecordCheck,
    },
    /// Verify a signed notice, and optionally its CSV, disclosures shown later, and how it
    /// covers its draw (every drawn target without a result named).
    Verify {
        /// The signed notice (JSON).
        notice: PathBuf,
        /// The CSV published with it.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Disclosures (JSON array) to check against the notice.
        #[arg(long)]
        disclosures: Option<PathBuf>,
        /// The draw record the notice is for.
        #[command(flatten)]
        record: RecordCheck,
    },
}

#[derive(Args)]
pub struct DeadlineArgs {
    /// A result date (YYYY-MM-DD): print its publication deadline. Or a file of tracked
    /// results (JSON array of {result_id, result_date, published_on?}): print the report.
    items: String,
    /// Report date (YYYY-MM-DD); default: today in China.
    #[arg(long)]
    today: Option<String>,
    /// Publication period in working days (豫政〔2019〕22号: 20).
    #[arg(long = "working-days", default_value_t = PUBLICATION_WORKING_DAYS)]
    days: u32,
    /// "Due soon" when at most this many working days remain.
    #[arg(long, default_value_t = 5)]
    due_soon: u32,
}

use util::load_json as load;

pub fn run_publish(a: PublishArgs) -> Result<(), String> {
    let results: Vec<InspectionResult> = load(&a.results)?;
    let record: SealedRecord = load(&a.record)?;
    // Publish only for a record that verifies, and only results its draw produced.
    let verdict = a.views.assess(&record)?;
    crate::summary::print_level(&verdict);
    crate::summary::print_classes_note(&verdict);
    shuangsuiji::publish::check_results_in_draw(&results, &record)
        .map_err(|e| format!("not published: {}\n{e}", e.message_zh()))?;
    let policy = match &a.policy {
        Some(p) => load(p)?,
        None => RedactionPolicy::default_policy(),
    };
    // The publisher's key by its file's form (PEM: SM2; 64 hex digits: Ed25519), of the
    // draw's suite: one draw, one suite (docs/spec/suites.md §3).
    let key = shuangsuiji_case::keys::read_note_key(&a.key)
        .map_err(|e| format!("拒绝 REFUSED [{}]: {e}", e.kind()))?;
    shuangsuiji::publish::check_publisher_suite(&record, shuangsuiji::SuiteSigner::suite(&key))
        .map_err(|e| format!("not published: {}\n{e}", e.message_zh()))?;
    let published_on = util::date_or_today("--date", a.date.as_deref())?;
    // 豫政〔2019〕22号 二（六）: within 20 working days; later only with a reason, logged.
    // Lateness is judged on the later of --date and today (the clock's, rehearsal-aware):
    // a notice dated back to its deadline is still late; a result dated after the notice is
    // refused outright.
    let today = util::today_by_clock()?;
    let judged_on = published_on.max(today);
    if let Some(r) = results.iter().find(|r| r.result_date > published_on) {
        return Err(format!(
            "未公示 not published: 结果 {} 的结果日期 {} 晚于公示日期 {published_on} · result {} is dated after the notice",
            r.id, r.result_date, r.id
        ));
    }
    let cal = shuangsuiji_case::calendar::load().map_err(|e| e.to_string())?;
    let dated: Vec<(String, shuangsuiji::Date)> = results
        .iter()
        .map(|r| (r.id.clone(), r.result_date))
        .collect();
    let late = cal
        .late_results(&dated, judged_on, PUBLICATION_WORKING_DAYS)
        .map_err(|e| e.to_string())?;
    let provisional = dated
        .iter()
        .filter_map(|(_, d)| {
            cal.publish_by_or_provisional(*d, PUBLICATION_WORKING_DAYS)
                .ok()
        })
        .filter(|d| !d.provisional_years.is_empty())
        .count();
    if provisional > 0 {
        eprintln!(
            "注意 note: {provisional} 条结果的期限为暂定（次年放假通知未载入，按法定假日估算）· {provisional} deadline(s) are provisional (next year's notice not loaded)"
        );
    }
    let overdue = match (&late[..], &a.overdue_reason) {
        ([], _) => None,
        (l, None) => {
            let list: Vec<String> = l
                .iter()
                .map(|x| {
                    format!(
                        "  {}：结果 {}，期限 {}{}",
                        x.result_id,
                        x.result_date,
                        x.deadline.date,
                        shuangsuiji_case::status::provisional_note(&x.deadline.provisional_years)
                    )
                })
                .collect();
            return Err(format!(
                "未公示 not published: {} 条结果已超过 20 个工作日的公示期限；如确需公示，请用 --overdue-reason 说明理由（将公开并记入日志）· {} result(s) are past their 20-working-day deadline: give --overdue-reason (published and logged)\n{}",
                l.len(),
                l.len(),
                list.join("\n")
            ));
        }
        (l, Some(reason)) if reason.trim().is_empty() => {
            return Err(format!(
                "--overdue-reason 不能为空 · must not be empty ({} late)",
                l.len()
            ))
        }
        // Public beside the notice: counts and dates only, never which results (a withheld
        // result's id or date must not reappear here).
        (l, Some(reason)) => Some(serde_json::json!({
            "notice_id": a.notice_id,
            "published_on": published_on.to_string(),
            "judged_on": judged_on.to_string(),
            "reason": reason,
            "late_results": l.len(),
            "earliest_deadline": l.iter().map(|x| x.deadline.date).min().map(|d| d.to_string()),
            "provisional": l.iter().any(|x| !x.deadline.provisional_years.is_empty()),
        })),
    };
    // The case, if any, is opened (and locked) and checked before anything is written: its
    // record must be this record, and its clock rule must hold, or nothing is published.
    let case_store = match &a.case {
        Some(dir) => {
            let s = shuangsuiji_case::Store::open(dir).map_err(|e| e.to_string())?;
            let own: SealedRecord = s
                .read_json(shuangsuiji_case::layout::RECORD)
                .map_err(|e| e.to_string())?;
            if own.hash != record.hash {
                return Err(format!(
                    "未公示 not published: --record {} 不是抽查任务 {} 的记录 {} · is not the case's record",
                    record.hash,
                    dir.display(),
                    own.hash
                ));
            }
            let now = crate::case_cmd::now_for(&s)?;
            // The log key too, before anything is written.
            let log_key =
                shuangsuiji_case::steps::seal::case_log_key(&s).map_err(|e| e.to_string())?;
            Some((s, now, log_key))
        }
        None => None,
    };
    let header = NoticeHeader {
        notice_id: a.notice_id,
        publisher: a.publisher,
        published_on,
        draw_record: record.hash,
    };
    let mut rng = OsRng.unwrap_err();
    let p = publish(&results, &policy, header, &key, &mut rng)
        .map_err(|e| format!("not published: {e}"))?;
    write_publication(&a.out, &p.notice, &p.disclosures)?;
    if let Some(o) = &overdue {
        util::write_atomic(&a.out.join("overdue.json"), &util::to_json(o)?)?;
        println!(
            "逾期公示 Published late with a reason: {}",
            a.out.join("overdue.json").display()
        );
    }
    if let (Some(case), Some((s, now, log_key))) = (&a.case, &case_store) {
        let note = match &a.overdue_reason {
            Some(r) if overdue.is_some() => format!(
                "{}；逾期理由 overdue: {r}",
                p.notice.notice.header.notice_id
            ),
            _ => p.notice.notice.header.notice_id.clone(),
        };
        shuangsuiji_case::steps::seal::log_publication(
            s,
            log_key.clone(),
            &p.notice.notice.hash(),
            &note,
            *now,
        )
        .map_err(|e| e.to_string())?;
        println!(
            "已记入抽查任务日志 Logged in the case's audit log: {}",
            case.display()
        );
    }
    println!(
        "公示 Notice {}: {} results, hash {}",
        p.notice.notice.header.notice_id,
        p.notice.notice.results.len(),
        p.notice.notice.hash()
    );
    Ok(())
}

/// Writes the public files and, apart, the disclosures (every withheld value in clear, with
/// the salts that alone can prove it later). The private directory is closed to other users
/// before anything is written into it; the three files land together or not at all, the
/// disclosures first, so a notice never exists without them.
pub fn write_publication(
    out: &Path,
    notice: &SignedNotice,
    disclosures: &[Disclosure],
) -> Result<(), String> {
    let private = out.join("private");
    util::create_private_dir(&private)?;
    let disclosures = util::to_json(&disclosures)?;
    let json = util::to_json(notice)?;
    let csv = notice.notice.to_csv();
    util::write_all_atomic(&[
        (&private.join("disclosures.json"), &disclosures),
        (&out.join("notice.csv"), csv.as_bytes()),
        (&out.join("notice.json"), &json),
    ])
}

pub fn run_notice(c: NoticeCmd) -> Result<(), String> {
    let (notice, csv, disclosures, record) = match c {
        NoticeCmd::CreditFeed {
            notice,
            csv,
            record,
        } => {
            let Some(sealed) = record.verified(false)? else {
                return Err("notice credit-feed needs --record, --targets and --inspectors: a credit feed is built only from a notice checked against its verified draw record".into());
            };
            let n: SignedNotice = load(&notice)?;
            let c = coverage(&n, &sealed).map_err(|e| format!("未通过 NOT VERIFIED: {e}"))?;
            if !c.not_drawn.is_empty() {
                return Err(format!(
                    "未通过 NOT VERIFIED: the notice publishes results for targets the draw did not select: {}",
                    c.not_drawn.join(", ")
                ));
            }
            let feed = shuangsuiji::publish::CreditFeed::from_notice(&n)
                .map_err(|e| format!("未通过 NOT VERIFIED: {e}"))?;
            if csv {
                print!("{}", feed.to_csv());
            } else {
                print!("{}", String::from_utf8_lossy(&util::to_json(&feed)?));
            }
            return Ok(());
        }
        NoticeCmd::Verify {
            notice,
            csv,
            disclosures,
            record,
        } => (notice, csv, disclosures, record),
    };
    let sealed = record.verified(true)?;
    let n: SignedNotice = load(&notice)?;
    let hash: Digest32 = n
        .verify()
        .map_err(|e| format!("未通过 NOT VERIFIED: {e}"))?;
    println!(
        "公示签名 Notice signature: 通过 OK (hash {hash}, draw record {})",
        n.notice.header.draw_record
    );
    if let Some(p) = csv {
        let text = String::from_utf8(util::read(&p)?)
            .map_err(|_| format!("{} is not UTF-8", p.display()))?;
        n.verify_csv(&text)
            .map_err(|e| format!("未通过 NOT VERIFIED (CSV): {e}"))?;
        println!("CSV: 与公示一致 matches the notice");
    }
    if let Some(p) = disclosures {
        let ds: Vec<Disclosure> = load(&p)?;
        n.verify_disclosures(&ds)
            .map_err(|e| format!("未通过 NOT VERIFIED (disclosure): {e}"))?;
        println!(
            "披露 Disclosures: {} 项均与公示承诺一致 all match the notice's commitments",
            ds.len()
        );
    }
    if let Some(sealed) = sealed {
        let c = coverage(&n, &sealed).map_err(|e| format!("未通过 NOT VERIFIED: {e}"))?;
        println!(
            "覆盖 Coverage: 抽中 {} 个对象 drawn, {} 个有公示结果 with a published result, {} 条整体不予公示 withheld, {} 条对象未显示 target not shown",
            c.drawn, c.published, c.withheld, c.target_not_shown
        );
        for t in &c.missing {
            println!("  无公示结果 no result naming it: {t}");
        }
        let hidden = c.withheld + c.target_not_shown;
        if !c.missing.is_empty() && hidden > 0 {
            println!(
                "  其中至多 {} 个可能对应不予公示或对象未显示的结果 up to {} of them may be the withheld or target-hidden results",
                hidden.min(c.missing.len()),
                hidden.min(c.missing.len())
            );
        }
        if !c.not_drawn.is_empty() {
            return Err(format!(
                "未通过 NOT VERIFIED: the notice publishes results for targets the draw did not select: {}",
                c.not_drawn.join(", ")
            ));
        }
    }
    Ok(())
}

pub fn run_deadline(a: DeadlineArgs) -> Result<(), String> {
    let cal = shuangsuiji_case::calendar::load().map_err(|e| e.to_string())?;
    if let Some(d) = shuangsuiji::registers::fields::parse_date(&a.items) {
        let by = cal
            .publish_by_or_provisional(d, a.days)
            .map_err(|e| e.to_string())?;
        println!("{}", by.date);
        if !by.provisional_years.is_empty() {
            eprintln!(
                "{}",
                shuangsuiji_case::status::provisional_note(&by.provisional_years)
                    .trim_start_matches('（')
                    .trim_end_matches('）')
            );
        }
        return Ok(());
    }
    // Shaped like a date but none (2026-13-01): a bad date, not a missing file.
    let shape = a.items.trim();
    if !Path::new(shape).exists()
        && shape.len() >= 8
        && shape
            .chars()
            .all(|c| c.is_ascii_digit() || "-/.".contains(c))
    {
        return Err(format!(
            "{shape} 不是有效日期（YYYY-MM-DD）· is not a valid date (YYYY-MM-DD)"
        ));
    }
    let items: Vec<DeadlineItem> = load(Path::new(&a.items))?;
    let today = util::date_or_today("--today", a.today.as_deref())?;
    let r = cal
        .deadline_report(&items, today, a.days, a.due_soon)
        .map_err(|e| e.to_string())?;
    println!(
        "公示期限报告 Publication deadlines as of {} ({} working days):",
        r.as_of, r.working_days
    );
    for l in &r.lines {
        let left = l
            .working_days_left
            .map(|d| format!(", {d} working days left"))
            .unwrap_or_default();
        let provisional = if l.provisional_years.is_empty() {
            String::new()
        } else {
            format!(
                "  暂定 provisional ({} notice not loaded)",
                l.provisional_years
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        println!(
            "  {:<24} result {}  publish by {}  {:?}{left}{provisional}",
            l.result_id, l.result_date, l.publish_by, l.status
        );
    }
    Ok(())
}
