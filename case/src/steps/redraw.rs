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
use shuangsuiji::{Digest32, SecretKey, SignedCommitment};

/// The files of one round, moved aside by a re-draw (folders listed by their files).
const ROUND_FILES: [&str; 5] = [
    layout::COMMITMENT,
    layout::ANCHOR,
    layout::BEACON,
    layout::NUMBERS,
    layout::RECORD,
];
const ROUND_FOLDERS: [&str; 3] = [layout::REVEALS, layout::PARTICIPANTS, "witness"];

/// The reason must fit the case's state, or a re-draw could be claimed for a reason the
/// case itself contradicts once the outcome is known: a register or plan error only before
/// any reveal; an unavailable participant only while a reveal is missing; an unavailable
/// beacon only with none filed after the round's time; once the beacon is filed, or the
/// round has passed with every reveal in, only an order (`ordered`).
fn check_reason(store: &Store, c: &SignedCommitment, reason: &str, now: i64) -> Result<()> {
    if reason == "ordered" {
        return Ok(());
    }
    let revealed = super::commit::reveals(store, c)?.len();
    let all_revealed = revealed >= c.commitment.participants.len();
    let beacon = store.exists(layout::BEACON) || store.exists(layout::NUMBERS);
    let round_passed = match &c.commitment.beacon {
        shuangsuiji::draw::BeaconChoice::Drand(spec) => now >= spec.round_time(),
        shuangsuiji::draw::BeaconChoice::PublishedNumbers(spec) => now >= spec.last_draw_at(),
        shuangsuiji::draw::BeaconChoice::Offline => all_revealed,
    };
    let refuse = |why: &str| {
        Err(CaseError::Refused(format!(
            "理由 {reason} 与本抽查任务的状态不符：{why}；此时只能以司法或上级决定（ordered）重新抽取 · the reason {reason} contradicts the case: {why}; only `ordered` re-draws now"
        )))
    };
    if beacon || (round_passed && all_revealed) {
        return refuse("信标已载入或揭示已齐且轮次已过 the beacon is filed, or every reveal is in and the round has passed");
    }
    match reason {
        "register_error" | "plan_error" if revealed > 0 => {
            refuse("已有参与方揭示 a participant has revealed")
        }
        "participant_unavailable" if all_revealed => refuse("揭示已齐 every reveal is in"),
        "beacon_unavailable" if !round_passed => {
            refuse("信标轮次时间未到 the round's time has not come")
        }
        _ => Ok(()),
    }
}

/// draw/v3: one sealed view per draw (docs/spec/privacy.md §13.2), so the next round gets
/// a view of its own under a fresh key — openings of two rounds over one view's blinds
/// would add up. The old view moves to `superseded/N/` beside its record (the public
/// re-checks that record from it), the old key to `private/superseded/N/` (the auditor's),
/// and the new root is logged, with its keeper-inputs digest.
fn reseal(
    store: &Store,
    txn: &mut Txn,
    trail: &mut Trail,
    (case, c): (&crate::casefile::CaseFile, &SignedCommitment),
    dest: &str,
    now: i64,
) -> Result<()> {
    use super::new::{keeper_inputs, random_salt, sealed_note, Inputs};
    use shuangsuiji::draw::SealedKeeper;
    use shuangsuiji::privacy::{Recusals, ViewKey};
    let inp = Inputs::load(store)?;
    inp.checked_keeper(case.suite)?;
    let Some(s) = &inp.sealed else {
        return Ok(());
    };
    // The view set aside must be the one the superseded commitment named, or its record
    // could not be re-checked from the files kept.
    let old_root = s
        .view
        .root_in(case.suite)
        .map_err(|e| CaseError::Refused(format!("封存视图 the sealed view: {e}")))?;
    if old_root != c.commitment.roots.targets {
        return Err(CaseError::Refused(
            "public/targets.sealed.json 不是被取代的抽取承诺所载的封存视图 · public/targets.sealed.json is not the sealed view the superseded commitment names".into(),
        ));
    }
    let n = dest.rsplit('/').next().unwrap_or_default();
    txn.put(
        &format!("{dest}/{}", layout::TARGETS_SEALED),
        store.read(layout::TARGETS_SEALED)?,
    );
    txn.put_private(
        &format!("private/superseded/{n}/view.key"),
        store.read(layout::VIEW_KEY)?,
    );
    let key = ViewKey(random_salt()?);
    let keeper = SealedKeeper::new(
        inp.targets.clone(),
        Recusals::of_public(&s.declared),
        ViewKey(key.0),
    );
    let root = keeper
        .view()
        .root_in(case.suite)
        .map_err(|e| CaseError::Refused(format!("封存视图 the sealed view: {e}")))?;
    txn.put_json(layout::TARGETS_SEALED, keeper.view())?;
    txn.put_private(layout::VIEW_KEY, hex::encode(key.0).into_bytes());
    trail.record(
        EventKind::RegisterChange,
        &case.unit,
        now,
        root,
        &sealed_note(
            "，重新抽取另行封存 re-sealed for the re-draw",
            inp.targets.as_of(),
            keeper_inputs(case.suite, &inp.targets, &key, &s.declared),
        ),
    );
    Ok(())
}

/// Moves the current round aside and prepares the next commitment to supersede it.
/// Participants are moved too: each files a participant.json again (a new folder if its
/// secret was revealed). Signers stay.
///
/// # Errors
/// Without a commitment, with an unknown reason, or a reason the case's state contradicts
/// (see `check_reason`).
pub fn redraw(
    store: &Store,
    log_key: SecretKey,
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
    check_reason(store, &c, reason, now)?;
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
    if case.sealed {
        reseal(store, &mut txn, &mut trail, (&case, &c), &dest, now)?;
    }
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
