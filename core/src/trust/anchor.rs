//! The time anchor: proof that a commitment existed before its beacon round, from the
//! audit log and its witnesses rather than from the record's own `committed_at`.
//!
//! The commitment's event must be in a checkpoint of the log (the trust file's
//! `audit_log` key) that at least `witness_quorum` of the trust file's witnesses cosigned;
//! the quorum-th earliest cosignature time is the anchored time, and it must precede the
//! beacon round's publication. A record whose author back-dates `committed_at` in front of
//! an already published round cannot also back-date the witnesses' clocks.

use crate::audit::{verify_cosignature, verify_event_in_checkpoint, Event, EventKind};
use crate::encoding::Digest32;
use crate::trust::file::TrustFile;
use serde::{Deserialize, Serialize};

/// What a verifier is given to anchor a commitment in time (JSON, beside the record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeAnchor {
    /// The checkpoint as a signed note: the log's signature and the witnesses'
    /// cosignature lines.
    pub checkpoint: String,
    /// The log event of the commitment (kind `commitment`, subject = the commitment hash).
    pub event: Event,
    /// Its index in the log.
    pub index: u64,
    /// Its inclusion proof in the checkpoint's tree.
    pub proof: Vec<Digest32>,
}

/// Checks `anchor` for the commitment `commitment_hash` whose beacon round is published at
/// `round_time` (`None`: offline mode, where the anchor bounds nothing). Returns the
/// anchored time, or why the anchor does not hold.
pub(crate) fn check_anchor(
    anchor: &TimeAnchor,
    trust: &TrustFile,
    commitment_hash: &Digest32,
    round_time: Option<i64>,
) -> Result<i64, String> {
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
    let t = i64::try_from(t).map_err(|_| "a cosignature time is out of range".to_string())?;
    match round_time {
        Some(r) if t >= r => Err(format!(
            "the witnesses saw the commitment at {t}, not before the beacon round's time {r}"
        )),
        Some(_) => Ok(t),
        None => Err("offline mode: no beacon round for the anchor to precede".into()),
    }
}
