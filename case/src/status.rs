//! `case status`: what is done, who must act next, and every deadline — read from the
//! case's files alone, so it is right after any step and after an interrupted one.

use crate::error::Result;
use crate::layout;
use crate::steps::commit::{case_file, participants, reveals, signers, unsigned};
use crate::store::Store;
use shuangsuiji::audit::verify_cosignature;
use shuangsuiji::draw::BeaconChoice;
use shuangsuiji::trust::TimeAnchor;
use shuangsuiji::{DrawPlan, SealedRecord, SignedCommitment};

/// One step of the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Its name, Chinese then English.
    pub name: &'static str,
    /// Done?
    pub done: bool,
    /// What stands, or who must act.
    pub detail: String,
}

/// Whether the time `t` has come, for a deadline line.
fn reached(now: i64, t: i64) -> &'static str {
    if now < t {
        "尚未到达 not yet"
    } else {
        "已到达 reached"
    }
}

/// The commitment's participants in their reveal order (a live ceremony takes reveals in
/// it), `a → b`.
pub fn reveal_order(c: &SignedCommitment) -> String {
    c.commitment
        .participants
        .iter()
        .map(|p| p.id.as_str())
        .collect::<Vec<_>>()
        .join(" → ")
}

/// The whole picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The plan id.
    pub plan_id: String,
    /// Every step, in order.
    pub steps: Vec<Step>,
    /// The first step not done, and who must act.
    pub next: Option<String>,
    /// Deadlines and times, as lines.
    pub deadlines: Vec<String>,
}

/// A Unix time as Beijing time (UTC+8), for people.
pub fn beijing(t: i64) -> String {
    let Ok(dt) = time::OffsetDateTime::from_unix_timestamp(t) else {
        return t.to_string();
    };
    let off = time::UtcOffset::from_hms(8, 0, 0).unwrap_or(time::UtcOffset::UTC);
    let d = dt.to_offset(off);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} 北京时间 (UTC+8)",
        d.year(),
        u8::from(d.month()),
        d.day(),
        d.hour(),
        d.minute(),
        d.second()
    )
}

/// What a step still open after the round must say: it can no longer be done.
const LATE: &str = "；信标轮次已过，此承诺无法锚定，请 case redraw 重新抽取 · the round has passed: this commitment cannot be anchored — re-draw with `case redraw`";

fn step(name: &'static str, done: bool, detail: String) -> Step {
    Step { name, done, detail }
}

/// The case's status at `now`.
///
/// # Errors
/// When a case file cannot be read.
pub fn status(store: &Store, now: i64) -> Result<Status> {
    let case = case_file(store)?;
    let plan: DrawPlan = store.read_json(layout::PLAN)?;
    let mut steps = vec![step(
        "建立抽查任务 case created",
        true,
        format!(
            "计划 plan {}，检查日期 inspection date {}",
            plan.id, plan.inspection_date
        ),
    )];
    let mut deadlines = Vec::new();
    if case.rehearsal {
        deadlines.push("演练 REHEARSAL：本抽查任务在演练时钟下建立，不是真实抽取 · made under the rehearsal clock; not a real draw".into());
    }
    if case.redraws > 0 {
        deadlines.push(format!(
            "重新抽取 re-drawn {} 次 time(s)：此前各轮保存在 superseded/ · earlier rounds are kept in superseded/",
            case.redraws
        ));
    }
    if case.witnesses.is_empty() {
        deadlines.push("注意 note：未配置见证人，记录只能\"自洽\"，不能锚定承诺时间 · no witness: the record can be consistent but its commitment time cannot be anchored".into());
    }
    let committed = store.exists(layout::COMMITMENT);
    let ps = participants(store)?;
    let ss = signers(store)?;
    steps.push(step(
        "参与方 participants",
        committed || ps.len() >= 2,
        if ps.is_empty() {
            "各参与方（至少两方：检查部门和纪检监察）在自己的电脑上运行 participant new，交回 participant.json，由 case participant 登记 · each participant (at least two) runs `participant new` on its own machine; file its participant.json with `case participant`".into()
        } else {
            ps.iter().map(|p| format!("{} ({})", p.id, p.role)).collect::<Vec<_>>().join("、")
        },
    ));
    steps.push(step(
        "签字人 signers",
        committed || !ss.is_empty(),
        if ss.is_empty() {
            "各签字人运行 keys new，交回 public.json，由 case signer 登记 · each signer runs `keys new`; file its public.json with `case signer`".into()
        } else {
            ss.iter().map(|s| format!("{} ({})", s.name, s.role)).collect::<Vec<_>>().join("、")
        },
    ));
    let c: Option<SignedCommitment> = if committed {
        Some(store.read_json(layout::COMMITMENT)?)
    } else {
        None
    };
    let Some(c) = c else {
        steps.push(step("抽取承诺 commitment", false, "case commit".into()));
        return Ok(finish(case.plan_id, steps, deadlines));
    };
    let round = match &c.commitment.beacon {
        BeaconChoice::Drand(spec) => Some((spec.round, spec.round_time())),
        BeaconChoice::Offline | BeaconChoice::PublishedNumbers(_) => None,
    };
    steps.push(step(
        "抽取承诺 commitment",
        true,
        format!(
            "{}{}",
            c.hash,
            round
                .map(|(r, _)| format!("，信标轮次 beacon round {r}"))
                .unwrap_or_default()
        ),
    ));
    // Signatures and reveals are late once the beacon's value is public: a drand round's
    // time, or the first named public draw.
    let late = c.commitment.beacon.public_at().is_some_and(|t| now >= t);
    if let (None, Some(t)) = (round, c.commitment.beacon.public_at()) {
        deadlines.push(format!(
            "首期公开开奖 the first public draw at {}（{}）；签名和揭示须在此之前完成 · signatures and reveals must be in before then",
            beijing(t),
            reached(now, t)
        ));
    }
    if let BeaconChoice::Offline = &c.commitment.beacon {
        deadlines.push(format!(
            "现场揭示顺序 ceremony reveal order: {}",
            reveal_order(&c)
        ));
    }
    if let Some((r, t)) = round {
        let when = reached(now, t);
        deadlines.push(format!(
            "信标轮次 {r} 的时间 beacon round {r} at {}（{when}）；揭示和轮次前见证须在此之前完成 · reveals and the witness before the round must be in before then",
            beijing(t)
        ));
    }
    let (us, up) = unsigned(&c);
    steps.push(step(
        "承诺签名 commitment signatures",
        us.is_empty() && up.is_empty(),
        if us.is_empty() && up.is_empty() {
            "齐全 complete".into()
        } else {
            format!(
                "待签 waiting for: {}（各自运行 sign，交回后 case signature）· each runs `sign` on its own machine; file with `case signature`{}",
                [us, up].concat().join("、"),
                if late { LATE } else { "" }
            )
        },
    ));
    let rs = reveals(store, &c)?;
    let missing: Vec<&str> = c
        .commitment
        .participants
        .iter()
        .filter(|p| !rs.iter().any(|r| r.participant == p.id))
        .map(|p| p.id.as_str())
        .collect();
    steps.push(step(
        "揭示 reveals",
        missing.is_empty(),
        if missing.is_empty() {
            "齐全 complete".into()
        } else {
            format!(
                "待揭示 waiting for: {}（participant reveal，交回后 case reveal）{}",
                missing.join("、"),
                if late { LATE } else { "" }
            )
        },
    ));
    let anchor: Option<TimeAnchor> = if store.exists(layout::ANCHOR) {
        Some(store.read_json(layout::ANCHOR)?)
    } else {
        None
    };
    let quorum = usize::try_from(case.witness_quorum).unwrap_or(usize::MAX);
    // Counted from the anchor itself: cosignature lines that verify under the case's
    // witnesses, so the count is right whatever request is out now.
    let cosigned = |note: Option<&String>| {
        note.map_or(0, |n| {
            case.witnesses
                .iter()
                .filter(|w| verify_cosignature(n, &w.verifier_key).is_ok())
                .count()
        })
    };
    if !case.witnesses.is_empty() {
        let before_done = cosigned(anchor.as_ref().map(|a| &a.checkpoint)) >= quorum;
        steps.push(step(
            "轮次前见证 witness before the round",
            before_done,
            if before_done {
                "时间锚已联署 the time anchor is cosigned".into()
            } else if late {
                format!("轮次已过，未能见证{LATE}")
            } else {
                "case witness-request，见证人 witness cosign，再 case cosignature · ask the witness, then file its line".into()
            },
        ));
    }
    if let BeaconChoice::PublishedNumbers(spec) = &c.commitment.beacon {
        let filed = store.exists(layout::NUMBERS);
        steps.push(step(
            "开奖号码 published numbers",
            filed,
            if filed {
                "已载入 loaded".into()
            } else {
                format!(
                    "{} 开奖后（{}），用 case numbers 录入公告的号码 · enter the announced numbers with `case numbers` once drawn",
                    spec.draws
                        .iter()
                        .map(|d| format!("{} 第 {} 期", d.source, d.issue))
                        .collect::<Vec<_>>()
                        .join("、"),
                    beijing(spec.last_draw_at())
                )
            },
        ));
    }
    // The drand round's step only where the commitment names one.
    if let Some((r, t)) = round {
        let beacon = store.exists(layout::BEACON);
        steps.push(step(
            "信标轮次 beacon round",
            beacon,
            if beacon {
                "已载入 loaded".into()
            } else {
                format!(
                    "轮次 {r} 于 {} 发布后，用 case beacon --file 或 --url 载入 · load round {r} once published with `case beacon`",
                    beijing(t)
                )
            },
        ));
    }
    let record: Option<SealedRecord> = if store.exists(layout::RECORD) {
        Some(store.read_json(layout::RECORD)?)
    } else {
        None
    };
    steps.push(step(
        "抽取 draw",
        record.is_some(),
        record
            .as_ref()
            .map_or_else(|| "case draw".into(), |r| format!("记录 record {}", r.hash)),
    ));
    if let Some(r) = &record {
        let missing: Vec<&str> = c
            .commitment
            .signers
            .iter()
            .filter(|s| !r.signatures.iter().any(|e| e.signer == s.name))
            .map(|s| s.name.as_str())
            .collect();
        steps.push(step(
            "记录签名 record signatures",
            missing.is_empty(),
            if missing.is_empty() {
                "齐全 complete".into()
            } else {
                format!(
                    "待签 waiting for: {}（sign record.json，交回后 case signature）",
                    missing.join("、")
                )
            },
        ));
    } else {
        steps.push(step(
            "记录签名 record signatures",
            false,
            "抽取之后 after the draw".into(),
        ));
    }
    if !case.witnesses.is_empty() {
        let after = cosigned(anchor.as_ref().and_then(|a| a.after_round.as_ref())) >= quorum;
        steps.push(step(
            "轮次后见证 witness after the round",
            after,
            if after {
                "已联署 cosigned".into()
            } else {
                "抽取之后再次 case witness-request / case cosignature · after the draw, ask the witness again".into()
            },
        ));
    }
    let cal = crate::calendar::load()?;
    match cal.publish_by_or_provisional(
        plan.inspection_date,
        shuangsuiji::publish::PUBLICATION_WORKING_DAYS,
    ) {
        Ok(d) => deadlines.push(format!(
            "结果公示 publication: 每项结果须在结果作出之日起 20 个工作日内公示；若结果于检查日期 {} 作出，期限为 {}{} · each result within 20 working days of it; for a result on the inspection date, by {}",
            plan.inspection_date,
            d.date,
            provisional_note(&d.provisional_years),
            d.date
        )),
        Err(e) => deadlines.push(format!(
            "结果公示 publication: 20 个工作日，期限暂无法计算 · 20 working days; cannot be dated yet: {e}"
        )),
    }
    Ok(finish(case.plan_id, steps, deadlines))
}

/// "(provisional …)" for a deadline that estimated a year, Chinese first; empty if final.
pub fn provisional_note(years: &[i32]) -> String {
    if years.is_empty() {
        return String::new();
    }
    let ys = years
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("、");
    format!(
        "（暂定 PROVISIONAL：{ys} 年国务院放假通知尚未载入，按《全国年节及纪念日放假办法》法定假日估算，未含调休；载入通知后（shuangsuiji calendar add）自动重算 · the {ys} notice is not loaded: estimated from the statutory holidays without 调休; recomputed once it is added）"
    )
}

fn finish(plan_id: String, steps: Vec<Step>, deadlines: Vec<String>) -> Status {
    let next = steps
        .iter()
        .find(|s| !s.done)
        .map(|s| format!("{}: {}", s.name, s.detail));
    Status {
        plan_id,
        steps,
        next,
        deadlines,
    }
}
