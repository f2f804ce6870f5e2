//! The time anchor: proof that a commitment — and, in draw/v2, every reveal — existed
//! before its beacon round, from the audit log and its witnesses rather than from the
//! record's own `committed_at`; and, given the log itself, how many commitments the plan
//! had.
//!
//! The commitment's event must be in a checkpoint of the log (the trust file's
//! `audit_log` key) that at least `witness_quorum` of the trust file's witnesses cosigned;
//! the quorum-th earliest cosignature time is the anchored time, and it must precede the
//! beacon round's publication. A record whose author back-dates `committed_at` in front of
//! an already published round cannot also back-date the witnesses' clocks. In draw/v2 the
//! reveals are in the same checkpoint, so no participant could wait for the round and then
//! withhold (docs/spec/draw-v2.md §5).

use crate::audit::{verify_cosignature, verify_event_in_checkpoint, AuditLog, Event, EventKind};
use crate::draw::{reveal_binding, DrawRecord, Version};
use crate::encoding::Digest32;
use crate::trust::file::TrustFile;
use serde::{Deserialize, Serialize};

/// One logged event with its place in the checkpoint's tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoggedEvent {
    /// The event.
    pub event: Event,
    /// Its index in the log.
    pub index: u64,
    /// Its inclusion proof in the checkpoint's tree.
    pub proof: Vec<Digest32>,
}

/// What a verifier is given to anchor a commitment in time (JSON, beside the record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeAnchor {
    /// The checkpoint as a signed note: the log's signature and the witnesses'
    /// cosignature lines.
    pub checkpoint: String,
    /// The log event of the commitment (kind `commitment`, subject = the commitment hash;
    /// in draw/v2 its note is the plan id).
    pub event: Event,
    /// Its index in the log.
    pub index: u64,
    /// Its inclusion proof in the checkpoint's tree.
    pub proof: Vec<Digest32>,
    /// draw/v2: each participant's reveal event (kind `reveal`, subject
    /// `reveal_binding(commitment hash, id, secret)`, note the participant id) in the same
    /// checkpoint.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reveals: Vec<LoggedEvent>,
    /// draw/v2: every event of the log up to the checkpoint's size, so that a verifier
    /// sees every commitment logged for the plan (a re-draw cannot hide).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log: Option<Vec<Event>>,
}

/// What a holding anchor establishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Anchored {
    /// The witnessed time (Unix seconds).
    pub time: i64,
    /// Commitments logged for the plan up to the checkpoint (`None`: no log given).
    pub plan_commitments: Option<u64>,
}

/// Checks `anchor` for `record` (its commitment hash `commitment_hash`), whose beacon round
/// is published at `round_time` (`None`: offline mode, where the anchor bounds nothing).
/// Returns what it establishes, or why the anchor does not hold.
pub(crate) fn check_anchor(
    anchor: &TimeAnchor,
    trust: &TrustFile,
    record: &DrawRecord,
    commitment_hash: &Digest32,
    round_time: Option<i64>,
) -> Result<Anchored, String> {
    let log_key = trust
        .audit_log
        .as_deref()
        .ok_or("the trust file names no audit log key")?;
    let cp = verify_event_in_checkpoint(
        &anchor.event,
        anchor.index,
        &anchor.proof,
        &anchor.checkpoint,
        log_key,
    )
    .map_err(|e| format!("the commitment is not proven in the log: {e}"))?;
    let (log_name, _) = crate::audit::parse_verifier_key(log_key, 0x01)
        .map_err(|e| format!("the trust file's log key: {e}"))?;
    if cp.origin != log_name {
        return Err(format!(
            "the checkpoint is of log {}, the trust file names log {log_name}",
            cp.origin
        ));
    }
    if anchor.event.kind != EventKind::Commitment || anchor.event.subject != *commitment_hash {
        return Err(format!(
            "the logged event is not this commitment ({commitment_hash})"
        ));
    }
    let c = &record.commitment.commitment;
    let v2 = c.version() == Some(Version::V2);
    if v2 && anchor.event.note != c.plan.id {
        return Err(format!(
            "the commitment is logged under {:?}, not under its plan id {}",
            anchor.event.note, c.plan.id
        ));
    }
    if v2 {
        check_reveal_events(anchor, record, commitment_hash, log_key)?;
    }
    let time = witnessed_time(anchor, trust)?;
    match round_time {
        Some(r) if time >= r => {
            return Err(format!(
            "the witnesses saw the commitment{} at {time}, not before the beacon round's time {r}",
            if v2 { " and the reveals" } else { "" }
        ))
        }
        Some(_) => {}
        None => return Err("offline mode: no beacon round for the anchor to precede".into()),
    }
    let plan_commitments = match (&anchor.log, v2) {
        (Some(events), true) => Some(count_plan_commitments(events, &cp, anchor.index, record)?),
        _ => None,
    };
    Ok(Anchored {
        time,
        plan_commitments,
    })
}

/// The quorum-th earliest cosignature time of the trust file's witnesses.
fn witnessed_time(anchor: &TimeAnchor, trust: &TrustFile) -> Result<i64, String> {
    let quorum = usize::try_from(trust.witness_quorum).unwrap_or(usize::MAX);
    if quorum == 0 {
        return Err("the trust file requires no witness: the log's own time is a claim".into());
    }
    let mut times: Vec<u64> = trust
        .witnesses
        .iter()
        .filter_map(|w| verify_cosignature(&anchor.checkpoint, &w.public_key).ok())
        .collect();
    times.sort_unstable();
    let Some(&t) = times.get(quorum - 1) else {
        return Err(format!(
            "{} of the {quorum} witness cosignatures required verify",
            times.len()
        ));
    };
    i64::try_from(t).map_err(|_| "a cosignature time is out of range".to_string())
}

/// draw/v2: one reveal event per participant, in the anchor's checkpoint, each committing
/// to the secret the record reveals.
fn check_reveal_events(
    anchor: &TimeAnchor,
    record: &DrawRecord,
    commitment_hash: &Digest32,
    log_key: &str,
) -> Result<(), String> {
    let by_id: std::collections::BTreeMap<&str, &LoggedEvent> = anchor
        .reveals
        .iter()
        .map(|r| (r.event.note.as_str(), r))
        .collect();
    for r in &record.reveals {
        let mut secret = [0u8; 32];
        hex::decode_to_slice(&r.secret, &mut secret)
            .map_err(|_| format!("the reveal of {} is not hex", r.participant))?;
        let binding = reveal_binding(commitment_hash, &r.participant, &secret);
        let logged = by_id.get(r.participant.as_str()).ok_or_else(|| {
            format!(
                "the reveal of {} is not in the witnessed checkpoint: it could have been withheld until the round was known",
                r.participant
            )
        })?;
        if logged.event.kind != EventKind::Reveal || logged.event.subject != binding {
            return Err(format!(
                "the logged reveal of {} is not the one the record uses",
                r.participant
            ));
        }
        verify_event_in_checkpoint(
            &logged.event,
            logged.index,
            &logged.proof,
            &anchor.checkpoint,
            log_key,
        )
        .map_err(|e| {
            format!(
                "the reveal of {} is not proven in the log: {e}",
                r.participant
            )
        })?;
    }
    Ok(())
}

/// draw/v2: given the whole log up to the checkpoint, the commitments logged under the
/// plan id. The record's must be the last, and name the one before it (if any) as the one
/// it supersedes; an earlier commitment nobody superseded means the record is a second try.
fn count_plan_commitments(
    events: &[Event],
    cp: &crate::audit::Checkpoint,
    index: u64,
    record: &DrawRecord,
) -> Result<u64, String> {
    if events.len() as u64 != cp.size || AuditLog::from_events(events).root() != cp.root {
        return Err(format!(
            "the log given ({} events) is not the log of the checkpoint (size {})",
            events.len(),
            cp.size
        ));
    }
    let c = &record.commitment.commitment;
    let plan: Vec<(u64, &Event)> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EventKind::Commitment && e.note == c.plan.id)
        .map(|(i, e)| (i as u64, e))
        .collect();
    if let Some((i, later)) = plan.iter().find(|(i, _)| *i > index) {
        return Err(format!(
            "the log has a later commitment {} for plan {} (event #{i}): this record was superseded",
            later.subject, c.plan.id
        ));
    }
    let before: Vec<&(u64, &Event)> = plan.iter().filter(|(i, _)| *i < index).collect();
    if let Some((i, last)) = before.last() {
        match &c.supersedes {
            Some(s) if s.commitment == last.subject => {}
            _ => {
                return Err(format!(
                    "the log has an earlier commitment {} for plan {} (event #{i}) that this one does not supersede: a re-draw must name it and say why",
                    last.subject, c.plan.id
                ))
            }
        }
    }
    Ok(plan.len() as u64)
}
