//! The witnesses (见证人): the case asks them to cosign a checkpoint of its log — once
//! with the commitment and every reveal in it, before the beacon round (the time anchor),
//! and once after the round (no other commitment for the plan appeared meanwhile) — and
//! files the cosignature lines they return into `anchor.json`.

use super::commit::{case_file, reveals};
use crate::casefile::PendingCheckpoint;
use crate::error::{CaseError, Result};
use crate::layout;
use crate::store::{Store, Txn};
use crate::trail::Trail;
use shuangsuiji::audit::{verify_cosignature, EventKind};
use shuangsuiji::draw::{reveal_binding_in, BeaconChoice};
use shuangsuiji::trust::{LoggedEvent, TimeAnchor};
use shuangsuiji::{SecretKey, SignedCommitment};

/// What the witnesses are asked: the checkpoint note, and each witness's old size (the
/// consistency proof for each is written beside the note as `proof-N.txt`).
#[derive(Debug, Clone)]
pub struct Request {
    /// The log size the checkpoint covers.
    pub size: u64,
    /// Per witness: name, the old size to give `witness cosign`, its proof file.
    pub witnesses: Vec<(String, u64, String)>,
    /// Whether this is the after-round checkpoint.
    pub after_round: bool,
}

/// Signs a checkpoint of the log for the witnesses and writes what each needs.
///
/// # Errors
/// When the case has no witnesses, or is not at a point where a cosignature means
/// something (all reveals in, or the record sealed).
pub fn request(store: &Store, log_key: SecretKey, now: i64) -> Result<Request> {
    let mut case = case_file(store)?;
    if case.witnesses.is_empty() {
        return Err(CaseError::Refused(
            "本抽查任务未配置见证人（case new --witness）· this case names no witness (`case new --witness`)".into(),
        ));
    }
    let c: SignedCommitment = store
        .read_json(layout::COMMITMENT)
        .map_err(|_| CaseError::Refused("尚无抽取承诺 · there is no commitment yet".into()))?;
    let after_round = store.exists(layout::RECORD);
    if !after_round {
        super::commit::before_round(&c, now, "轮次前见证")?;
    }
    if !after_round && reveals(store, &c)?.len() < c.commitment.participants.len() {
        return Err(CaseError::NotYet {
            step: "请见证人联署",
            step_en: "ask the witness",
            missing: "揭示尚未全部收齐".into(),
            missing_en: "not every participant has revealed".into(),
        });
    }
    let mut trail = Trail::load(store, log_key)?;
    let cp = trail.checkpoint()?;
    let size = cp.checkpoint.size;
    let mut txn = Txn::default();
    txn.put(layout::WITNESS_CHECKPOINT, cp.text.clone().into_bytes());
    let mut out = Vec::new();
    for (i, w) in case.witnesses.iter().enumerate() {
        let proof = trail
            .log()
            .consistency_proof(w.cosigned_size, size)
            .ok_or_else(|| {
                CaseError::Refused(format!("no consistency proof from {}", w.cosigned_size))
            })?;
        let text: String = proof
            .iter()
            .map(|h| format!("{}\n", base64_of(&h.0)))
            .collect();
        let name = format!("witness/proof-{}.txt", i + 1);
        txn.put(&name, text.into_bytes());
        out.push((w.name.clone(), w.cosigned_size, name));
    }
    case.pending = Some(PendingCheckpoint {
        text: cp.text,
        size,
        after_round,
        cosignatures: Vec::new(),
    });
    trail.put(&mut txn)?;
    txn.put_json(layout::CASE, &case)?;
    store.commit(txn)?;
    Ok(Request {
        size,
        witnesses: out,
        after_round,
    })
}

fn base64_of(b: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(b)
}

/// What a filed cosignature gave.
#[derive(Debug, Clone)]
pub struct Filed {
    /// The witness.
    pub witness: String,
    /// The time it cosigned at (its own clock).
    pub time: u64,
    /// Cosignatures on the checkpoint so far, and the quorum.
    pub have: usize,
    /// The quorum.
    pub quorum: u32,
}

/// Files a cosignature line returned by a witness for the pending checkpoint, and updates
/// the time anchor.
///
/// # Errors
/// When no checkpoint is pending, the line is by no witness of the case or does not verify,
/// or its time is on the wrong side of the beacon round.
pub fn file_cosignature(store: &Store, text: &str) -> Result<Filed> {
    let mut case = case_file(store)?;
    let mut pending = case.pending.clone().ok_or_else(|| {
        CaseError::Refused("没有待联署的检查点（先运行 case witness-request）· no checkpoint is out for cosigning (run `case witness-request`)".into())
    })?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let [line] = lines.as_slice() else {
        return Err(CaseError::Refused(format!(
            "每次收回一位见证人的一行联署（此文件有 {} 行）· file one witness's cosignature line at a time (this file has {})",
            lines.len(),
            lines.len()
        )));
    };
    let line = format!("{}\n", line.trim_end());
    let note = format!("{}{line}", pending.text);
    let (wi, time) = case
        .witnesses
        .iter()
        .enumerate()
        .find_map(|(i, w)| verify_cosignature(&note, &w.verifier_key).ok().map(|t| (i, t)))
        .ok_or_else(|| {
            CaseError::Refused(
                "联署行不是本抽查任务任何见证人对待联署检查点的有效签名 · the line is no valid cosignature of the pending checkpoint by a witness of this case".into(),
            )
        })?;
    // The witness moved its state to this checkpoint whether or not the line is used here:
    // keep its size, or the next request would give it a stale old size.
    if let Some(w) = case.witnesses.get_mut(wi) {
        if w.cosigned_size != pending.size {
            w.cosigned_size = pending.size;
            let mut txn = Txn::default();
            txn.put_json(layout::CASE, &case)?;
            store.commit(txn)?;
        }
    }
    let c: SignedCommitment = store.read_json(layout::COMMITMENT)?;
    let BeaconChoice::Drand(spec) = &c.commitment.beacon else {
        return Err(CaseError::Refused("offline beacon".into()));
    };
    let round_time = u64::try_from(spec.round_time()).unwrap_or(0);
    if pending.after_round && time < round_time {
        return Err(CaseError::Refused(format!(
            "见证时间 {time} 早于信标轮次时间 {round_time}：轮次之后的联署须在轮次之后作出 · cosigned at {time}, before the round's time {round_time}"
        )));
    }
    if !pending.after_round && time >= round_time {
        return Err(CaseError::Refused(format!(
            "见证时间 {time} 不早于信标轮次时间 {round_time}：时间锚失效，须重新抽取（case redraw）· cosigned at {time}, not before the round's time {round_time}: the commitment cannot be anchored; re-draw with `case redraw`"
        )));
    }
    let w = case
        .witnesses
        .get_mut(wi)
        .ok_or_else(|| CaseError::Refused("witness".into()))?;
    let name = w.name.clone();
    if pending
        .cosignatures
        .iter()
        .any(|l| verify_cosignature(&format!("{}{l}", pending.text), &w.verifier_key).is_ok())
    {
        return Err(CaseError::Done {
            what: "该见证人的联署",
            what_en: "this witness's cosignature",
        });
    }
    pending.cosignatures.push(line);
    let note: String = format!("{}{}", pending.text, pending.cosignatures.concat());
    let log: shuangsuiji::audit::LogFile = store.read_json(layout::AUDIT)?;
    let size = usize::try_from(pending.size).unwrap_or(usize::MAX);
    let events = log.events.get(..size).unwrap_or(&log.events).to_vec();
    // The log's tree under its own suite (its key's), as verifiers recompute it.
    let suite = log
        .suite()
        .map_err(|e| CaseError::Refused(format!("audit.json: {e}")))?;
    let tree = shuangsuiji::audit::AuditLog::from_events_in(suite, &events);
    let mut txn = Txn::default();
    let anchor = if pending.after_round {
        let mut a: TimeAnchor = store
            .read_json(layout::ANCHOR)
            .map_err(|_| CaseError::NotYet {
                step: "完成轮次后的见证",
                step_en: "complete the after-round witness",
                missing: "轮次前的时间锚尚未完成".into(),
                missing_en: "the time anchor before the round is missing".into(),
            })?;
        a.after_round = Some(note);
        a.log = Some(events);
        a
    } else {
        let logged = |kind: EventKind, subject: shuangsuiji::Digest32| -> Result<LoggedEvent> {
            let (i, e) = events
                .iter()
                .enumerate()
                .find(|(_, e)| e.kind == kind && e.subject == subject)
                .ok_or_else(|| {
                    CaseError::Refused(format!("event {kind:?} {subject} is not in the checkpoint"))
                })?;
            let index = u64::try_from(i).unwrap_or(u64::MAX);
            Ok(LoggedEvent {
                event: e.clone(),
                index,
                proof: tree
                    .inclusion_proof(index, pending.size)
                    .unwrap_or_default(),
            })
        };
        let commitment = logged(EventKind::Commitment, c.hash)?;
        let rs = reveals(store, &c)?;
        let mut logged_reveals = Vec::new();
        for r in &rs {
            let mut s = [0u8; 32];
            hex::decode_to_slice(&r.secret, &mut s)
                .map_err(|e| CaseError::Refused(e.to_string()))?;
            logged_reveals.push(logged(
                EventKind::Reveal,
                reveal_binding_in(c.commitment.suite, &c.hash, &r.participant, &s),
            )?);
        }
        TimeAnchor {
            checkpoint: note,
            event: commitment.event,
            index: commitment.index,
            proof: commitment.proof,
            reveals: logged_reveals,
            log: Some(events),
            after_round: None,
        }
    };
    let have = pending.cosignatures.len();
    case.pending = Some(pending);
    txn.put_json(layout::ANCHOR, &anchor)?;
    txn.put_json(layout::CASE, &case)?;
    store.commit(txn)?;
    Ok(Filed {
        witness: name,
        time,
        have,
        quorum: case.witness_quorum,
    })
}
