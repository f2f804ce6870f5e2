//! `case redraw`: when a commitment can no longer be used (a signature or reveal missed
//! the round, a register error, an order), its round's files move to `superseded/N/`
//! whole, a `redraw` event is logged in the same log, and the next `case commit` names the
//! old commitment in `supersedes` — so a verifier sees every commitment for the plan and
//! why each was replaced (docs/spec/draw-v2.md).

use super::commit::case_file;
use crate::error::{CaseError, Result};
use crate::layout;
use crate::store::{Store, Txn};
use crate::trail::Trail;
use shuangsuiji::audit::EventKind;
use shuangsuiji::draw::{Supersedes, REDRAW_REASONS};
use shuangsuiji::{Digest32, SealedRecord, SignedCommitment, SigningKey};

/// The files of one round, moved aside by a re-draw (folders listed by their files).
const ROUND_FILES: [&str; 4] = [
    layout::COMMITMENT,
    layout::ANCHOR,
    layout::BEACON,
    layout::RECORD,
];
const ROUND_FOLDERS: [&str; 3] = [layout::REVEALS, layout::PARTICIPANTS, "witness"];

/// Moves the current round aside and prepares the next commitment to supersede it.
/// Participants are moved too: each files a participant.json again (a new folder if its
/// secret was revealed). Signers stay.
///
/// # Errors
/// Without a commitment, with an unknown reason, or after a sealed record unless the
/// re-draw was `ordered`.
pub fn redraw(
    store: &Store,
    log_key: SigningKey,
    reason: &str,
    note: Option<&str>,
    now: i64,
) -> Result<Digest32> {
    if !REDRAW_REASONS.contains(&reason) {
        return Err(CaseError::Refused(format!(
            "重新抽取的理由须为 {} 之一 · the reason must be one of {}",
            REDRAW_REASONS.join("、"),
            REDRAW_REASONS.join(", ")
        )));
    }
    let mut case = case_file(store)?;
    let c: SignedCommitment = store.read_json(layout::COMMITMENT).map_err(|_| {
        CaseError::Refused("尚无抽取承诺，无需重新抽取 · there is no commitment to re-draw".into())
    })?;
    if store.exists(layout::RECORD) && reason != "ordered" {
        let r: SealedRecord = store.read_json(layout::RECORD)?;
        if !r.signatures.is_empty() {
            return Err(CaseError::Refused(
                "记录已签署：只有司法或上级决定（ordered）才能重新抽取 · the record is signed: only an order (`ordered`) re-draws it".into(),
            ));
        }
    }
    let n = case.redraws + 1;
    let dest = format!("{}/{n}", layout::SUPERSEDED);
    let mut txn = Txn::default();
    let mut moved: Vec<String> = ROUND_FILES
        .iter()
        .filter(|f| store.exists(f))
        .map(|f| (*f).to_string())
        .collect();
    for folder in ROUND_FOLDERS {
        for name in store.list(folder)? {
            moved.push(format!("{folder}/{name}"));
        }
    }
    for rel in &moved {
        txn.put(&format!("{dest}/{rel}"), store.read(rel)?);
        txn.remove(rel);
    }
    let mut trail = Trail::load(store, log_key)?;
    trail.record(EventKind::Redraw, &case.unit, now, c.hash, reason);
    trail.checkpoint()?;
    trail.put(&mut txn)?;
    case.supersedes = Some(Supersedes {
        commitment: c.hash,
        reason: reason.into(),
        note: note.map(str::to_string),
    });
    case.redraws = n;
    case.pending = None;
    txn.put_json(layout::CASE, &case)?;
    store.commit(txn)?;
    Ok(c.hash)
}
