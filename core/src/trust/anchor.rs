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
use crate::draw::{reveal_binding_in, DrawRecord, Version};
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
    /// `reveal_binding(commitment hash, id, secret)`, note the secret itself in hex) in the
    /// same checkpoint: the secret was out of its holder's hands before the round.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reveals: Vec<LoggedEvent>,
    /// draw/v2: every event of the log, up to `after_round`'s size when it is given (else
    /// up to the checkpoint's), so that a verifier sees every commitment logged for the
    /// plan (a re-draw cannot hide).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log: Option<Vec<Event>>,
    /// draw/v2: a later checkpoint of the same log (a signed note with cosignatures),
    /// witnessed at or after the beacon round's time and extending the first: it shows no
    /// commitment for the plan was logged after this one while its outcome became known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_round: Option<String>,
}

/// Largest checkpoint note an anchor may carry (bytes): a note is a few lines and one
/// signature line per witness, and a verifier parses it once per trusted witness.
pub const MAX_ANCHOR_NOTE: usize = 64 * 1024;

/// What a holding anchor establishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Anchored {
    /// The witnessed time (Unix seconds).
    pub time: i64,
    /// Commitments logged for the plan in the log given (`None`: no log given).
    pub plan_commitments: Option<u64>,
    /// Whether the log given reaches a checkpoint witnessed after the round.
    pub after_round: bool,
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
    for note in std::iter::once(&anchor.checkpoint).chain(&anchor.after_round) {
        if note.len() > MAX_ANCHOR_NOTE {
            return Err(format!(
                "a checkpoint note of {} bytes is longer than {MAX_ANCHOR_NOTE}",
                note.len()
            ));
        }
    }
    let cp = verify_event_in_checkpoint(
        &anchor.event,
        anchor.index,
        &anchor.proof,
        &anchor.checkpoint,
        log_key,
    )
    .map_err(|e| format!("the commitment is not proven in the log: {e}"))?;
    let (log_name, log_note_key) =
        crate::audit::parse_verifier_key(log_key, crate::audit::KeyRole::Log)
            .map_err(|e| format!("the trust file's log key: {e}"))?;
    // The log's suite is its key's (docs/spec/suites.md §3 "Audit log"), whatever the
    // draw's: an event names the draw's objects by their hashes under the draw's suite.
    let log_suite = log_note_key.suite();
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
    let v2 = c.version().is_some_and(Version::has_v2_rules);
    if v2 && anchor.event.note != c.plan.id {
        return Err(format!(
            "the commitment is logged under {:?}, not under its plan id {}",
            anchor.event.note, c.plan.id
        ));
    }
    if v2 {
        check_reveal_events(anchor, record, commitment_hash, log_key)?;
    }
    let time = witnessed_time(&anchor.checkpoint, trust)?;
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
    let (plan_commitments, after_round) = match (&anchor.log, v2) {
        (Some(events), true) => {
            let after_round = match &anchor.after_round {
                Some(text) => {
                    check_after_round(text, trust, log_key, &cp, events, round_time)?;
                    true
                }
                None => false,
            };
            let n =
                count_plan_commitments(log_suite, events, &cp, anchor.index, record, after_round)?;
            (Some(n), after_round)
        }
        _ => (None, false),
    };
    Ok(Anchored {
        time,
        plan_commitments,
        after_round,
    })
}

/// The later checkpoint: the trust file's log, a quorum of its witnesses no earlier than
/// the round, and the log given is exactly its tree (whose prefix the anchor's checkpoint
/// is, checked by the caller).
fn check_after_round(
    text: &str,
    trust: &TrustFile,
    log_key: &str,
    cp: &crate::audit::Checkpoint,
    events: &[Event],
    round_time: Option<i64>,
) -> Result<(), String> {
    let signed = crate::audit::SignedCheckpoint::verify(text, log_key)
        .map_err(|e| format!("the checkpoint after the round: {e}"))?;
    let (suite, later) = (signed.suite, signed.checkpoint);
    if later.origin != cp.origin || later.size < cp.size {
        return Err(
            "the checkpoint after the round is not a later checkpoint of the same log".into(),
        );
    }
    if events.len() as u64 != later.size
        || AuditLog::from_events_in(suite, events).root() != later.root
    {
        return Err(format!(
            "the log given ({} events) is not the log of the checkpoint after the round (size {})",
            events.len(),
            later.size
        ));
    }
    // "After" needs a quorum of witnesses each at or after the round: the note's author
    // chooses which cosignature lines it carries, so one late witness must not suffice.
    let Some(r) = round_time else {
        return Ok(());
    };
    let quorum = usize::try_from(trust.witness_quorum).unwrap_or(usize::MAX);
    let late = trust
        .witnesses
        .iter()
        .filter_map(|w| verify_cosignature(text, &w.public_key).ok())
        .filter(|t| i64::try_from(*t).is_ok_and(|t| t >= r))
        .count();
    if quorum == 0 || late < quorum {
        return Err(format!(
            "the checkpoint after the round has {late} trusted cosignature(s) at or after the round's time {r}, {quorum} required"
        ));
    }
    Ok(())
}

/// The quorum-th earliest cosignature time of the trust file's witnesses on a checkpoint.
fn witnessed_time(checkpoint: &str, trust: &TrustFile) -> Result<i64, String> {
    let quorum = usize::try_from(trust.witness_quorum).unwrap_or(usize::MAX);
    if quorum == 0 {
        return Err("the trust file requires no witness: the log's own time is a claim".into());
    }
    let mut times: Vec<u64> = trust
        .witnesses
        .iter()
        .filter_map(|w| verify_cosignature(checkpoint, &w.public_key).ok())
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
    let by_subject: std::collections::BTreeMap<&Digest32, &LoggedEvent> = anchor
        .reveals
        .iter()
        .map(|r| (&r.event.subject, r))
        .collect();
    for r in &record.reveals {
        let mut secret = [0u8; 32];
        hex::decode_to_slice(&r.secret, &mut secret)
            .map_err(|_| format!("the reveal of {} is not hex", r.participant))?;
        // The subject is the binding under the draw's suite (the log's own hashes are its own).
        let binding = reveal_binding_in(
            record.commitment.commitment.suite,
            commitment_hash,
            &r.participant,
            &secret,
        );
        let logged = by_subject.get(&binding).ok_or_else(|| {
            format!(
                "the reveal of {} is not in the witnessed checkpoint: it could have been withheld until the round was known",
                r.participant
            )
        })?;
        // The secret itself is in the event, so it was published, not only promised.
        if logged.event.kind != EventKind::Reveal || logged.event.note != r.secret {
            return Err(format!(
                "the logged reveal of {} does not carry its secret",
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

/// draw/v2: given the whole log, the commitments logged under the plan id. The record's
/// must be the last (none after it, anywhere in the log given), and a record that
/// supersedes must name the commitment logged for the plan just before it; an earlier
/// commitment it does not name means the record is a second try.
fn count_plan_commitments(
    suite: crate::encoding::Suite,
    events: &[Event],
    cp: &crate::audit::Checkpoint,
    index: u64,
    record: &DrawRecord,
    after_round: bool,
) -> Result<u64, String> {
    // The log given is the checkpoint's tree, or (with a checkpoint after the round) one
    // whose first `cp.size` events are.
    let prefix = usize::try_from(cp.size).unwrap_or(usize::MAX);
    let matches = events
        .get(..prefix)
        .is_some_and(|p| AuditLog::from_events_in(suite, p).root() == cp.root);
    if !matches || (!after_round && events.len() as u64 != cp.size) {
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
    match (plan.iter().rfind(|(i, _)| *i < index), &c.supersedes) {
        (None, None) => {}
        (Some((_, last)), Some(s)) if s.commitment == last.subject => {}
        (Some((i, last)), _) => {
            return Err(format!(
                "the log has an earlier commitment {} for plan {} (event #{i}) that this one does not supersede: a re-draw must name it and say why",
                last.subject, c.plan.id
            ))
        }
        (None, Some(s)) => {
            return Err(format!(
                "this commitment supersedes {}, which the log does not hold under plan {}",
                s.commitment, c.plan.id
            ))
        }
    }
    Ok(plan.len() as u64)
}
