//! The beacon round, the draw, the trust file and the verdict.

use super::commit::{case_file, reveals, signers, unsigned};
use super::new::Inputs;
use crate::error::{CaseError, Result};
use crate::layout;
use crate::store::{Store, Txn};
use crate::trail::Trail;
use shuangsuiji::audit::EventKind;
use shuangsuiji::draw::{verify_round, BeaconChoice, BeaconRound, PublishedResult};
use shuangsuiji::trust::{
    verify_anchored, TimeAnchor, TrustFile, TrustedKey, Verdict, TRUST_FORMAT,
};
use shuangsuiji::{draw, DrawInputs, SealedRecord, SecretKey, SignedCommitment};

fn commitment(store: &Store) -> Result<SignedCommitment> {
    store
        .read_json(layout::COMMITMENT)
        .map_err(|_| CaseError::Refused("尚无抽取承诺 · there is no commitment yet".into()))
}

/// Files the beacon round the commitment names, checked (round, time, BLS signature,
/// randomness) before it is kept. `round` is drand's JSON as a relay serves it.
///
/// # Errors
/// When the case has no commitment, the round is another, or it does not verify.
pub fn beacon(store: &Store, round: &serde_json::Value) -> Result<u64> {
    if store.exists(layout::BEACON) {
        return Err(CaseError::Done {
            what: "信标轮次",
            what_en: "the beacon round",
        });
    }
    let c = commitment(store)?;
    let BeaconChoice::Drand(spec) = &c.commitment.beacon else {
        return Err(CaseError::Refused(
            "承诺不使用信标 · the commitment names no beacon".into(),
        ));
    };
    let r = BeaconRound::from_drand_json(round).map_err(|e| {
        CaseError::Refused(format!(
            "信标轮次无法读取 · the beacon round cannot be read: {e}"
        ))
    })?;
    verify_round(spec, c.commitment.committed_at, &r).map_err(|e| {
        CaseError::Refused(format!("信标轮次未通过核验 · the beacon round fails: {e}"))
    })?;
    let mut txn = Txn::default();
    txn.put_json(layout::BEACON, &r)?;
    store.commit(txn)?;
    Ok(r.round)
}

/// Published-numbers mode: files the announced numbers of the public draws the commitment
/// names, checked against the committed form (count, range, order) before they are kept.
/// Refused before the last named draw is held: numbers entered earlier were not announced.
///
/// # Errors
/// When the case has no such commitment, the draws are not yet held, or a number does not
/// fit.
pub fn numbers(store: &Store, results: &[PublishedResult], now: i64) -> Result<()> {
    if store.exists(layout::NUMBERS) {
        return Err(CaseError::Done {
            what: "开奖号码",
            what_en: "the published numbers",
        });
    }
    let c = commitment(store)?;
    let BeaconChoice::PublishedNumbers(spec) = &c.commitment.beacon else {
        return Err(CaseError::Refused(
            "承诺未指定公开开奖 · the commitment names no public draw".into(),
        ));
    };
    if now < spec.last_draw_at() {
        return Err(CaseError::Refused(format!(
            "公开开奖尚未全部举行（最后一期 {}）· the public draws are not all held yet (the last at {})",
            crate::status::beijing(spec.last_draw_at()),
            spec.last_draw_at()
        )));
    }
    spec.check(results).map_err(|e| {
        CaseError::Refused(format!(
            "开奖号码不符合承诺所定格式 · the numbers do not fit the commitment: {e}"
        ))
    })?;
    let mut txn = Txn::default();
    txn.put_json(layout::NUMBERS, &results)?;
    store.commit(txn)?;
    Ok(())
}

/// Runs the draw from the case's files and keeps the record, unsigned (signatures come
/// back from the signers' own machines). Logged.
///
/// # Errors
/// When a signature, a reveal or the beacon is missing, or the draw refuses.
pub fn run_draw(store: &Store, log_key: SecretKey, now: i64) -> Result<SealedRecord> {
    if store.exists(layout::RECORD) {
        return Err(CaseError::Done {
            what: "抽取",
            what_en: "the draw",
        });
    }
    let case = case_file(store)?;
    let c = commitment(store)?;
    let (s, p) = unsigned(&c);
    let rs = reveals(store, &c)?;
    let mut missing = Vec::new();
    if !s.is_empty() || !p.is_empty() {
        missing.push(format!(
            "承诺签名 commitment signatures: {}",
            [s, p].concat().join(", ")
        ));
    }
    if rs.len() < c.commitment.participants.len() {
        missing.push("揭示 reveals".into());
    }
    let round: Option<BeaconRound> = if store.exists(layout::BEACON) {
        Some(store.read_json(layout::BEACON)?)
    } else {
        if matches!(c.commitment.beacon, BeaconChoice::Drand(_)) {
            missing.push("信标轮次 the beacon round (case beacon)".into());
        }
        None
    };
    let published: Vec<PublishedResult> = if store.exists(layout::NUMBERS) {
        store.read_json(layout::NUMBERS)?
    } else {
        if matches!(c.commitment.beacon, BeaconChoice::PublishedNumbers(_)) {
            missing.push("开奖号码 the published numbers (case numbers)".into());
        }
        Vec::new()
    };
    if !missing.is_empty() {
        return Err(CaseError::NotYet {
            step: "抽取",
            step_en: "draw",
            missing: missing.join("；"),
            missing_en: "see above".into(),
        });
    }
    let inp = Inputs::load(store)?;
    // draw/v3: the keeper draws (the register sealed again under the view key, checked
    // against the published views first).
    let keeper = inp.checked_keeper(c.commitment.suite)?;
    let record = draw(DrawInputs {
        commitment: &c,
        item_list: &inp.items,
        targets: match &keeper {
            Some(k) => k,
            None => &inp.targets,
        },
        inspectors: &inp.inspectors,
        reveals: &rs,
        beacon: round.as_ref(),
        published: &published,
    })
    .map_err(|e| {
        CaseError::Refused(format!(
            "抽取被拒绝 the draw refused [{}]: {e}",
            shuangsuiji::Explain::kind(&e)
        ))
    })?;
    let sealed = SealedRecord::new(record).map_err(|e| CaseError::Refused(e.to_string()))?;
    let mut trail = Trail::load(store, log_key)?;
    trail.record(EventKind::Draw, &case.unit, now, sealed.hash, &case.plan_id);
    trail.checkpoint()?;
    let mut txn = Txn::default();
    txn.put_json(layout::RECORD, &sealed)?;
    trail.put(&mut txn)?;
    store.commit(txn)?;
    Ok(sealed)
}

/// The start of a drafted trust file's name: a verifier's tool warns on it, since the
/// keys came from the case it is about to judge.
pub const DRAFT_MARK: &str = "草稿 DRAFT（由抽查任务自拟，核验人须自行核实各密钥 keys from the case itself: check each one）— ";

/// A trust file drafted from the case: its signers, participants, log key, witnesses
/// and annual-plan issuers. Only a draft: a verifier must get the keys from the unit
/// through a channel it trusts, never from beside the record.
///
/// # Errors
/// When the case has no commitment yet, or the draft fails the trust file's own checks.
pub fn trust_draft(store: &Store, name: &str) -> Result<TrustFile> {
    let case = case_file(store)?;
    let c = commitment(store)?;
    let ss = signers(store)?;
    let chains = match &c.commitment.beacon {
        shuangsuiji::draw::BeaconChoice::Drand(spec)
            if spec.chain_hash != shuangsuiji::draw::DrandSpec::quicknet(1).chain_hash =>
        {
            vec![shuangsuiji::trust::TrustedChain {
                name: "本抽查任务的信标链 the case's chain".into(),
                chain_hash: spec.chain_hash.clone(),
                public_key: spec.public_key.clone(),
                genesis_time: spec.genesis_time,
                period_seconds: spec.period_seconds,
            }]
        }
        _ => Vec::new(),
    };
    let t = TrustFile {
        format: TRUST_FORMAT.into(),
        // Marked as what it is: keys the case holds about itself. `verify` says so.
        name: format!("{DRAFT_MARK}{name}"),
        chains,
        signers: ss
            .iter()
            .map(|s| TrustedKey {
                role: s.role.clone(),
                name: s.name.clone(),
                public_key: s.public_key.clone(),
                // As the commitment lists it (the case's own signers sign under the default).
                distid: c
                    .commitment
                    .signers
                    .iter()
                    .find(|x| x.name == s.name)
                    .and_then(|x| x.distid.clone()),
            })
            .collect(),
        participants: c
            .commitment
            .participants
            .iter()
            .map(|p| TrustedKey {
                role: p.role.clone(),
                name: p.id.clone(),
                public_key: p.public_key.clone().unwrap_or_default(),
                distid: p.distid.clone(),
            })
            .collect(),
        audit_log: Some(case.log_verifier_key.clone()),
        witnesses: case
            .witnesses
            .iter()
            .map(|w| TrustedKey {
                role: "见证人".into(),
                name: w.name.clone(),
                public_key: w.verifier_key.clone(),
                distid: None,
            })
            .collect(),
        witness_quorum: case.witness_quorum,
        annual_plan_issuers: c
            .commitment
            .plan
            .annual_task
            .iter()
            .flat_map(|r| r.annual_plan.plan.signatories.iter())
            .map(|s| TrustedKey {
                role: "年度抽查计划制定机关".into(),
                name: s.name.clone(),
                public_key: s.public_key.clone(),
                distid: s.distid.clone(),
            })
            .collect(),
    };
    t.check()
        .map_err(|e| CaseError::Refused(format!("信任文件 trust file: {e}")))?;
    Ok(t)
}

/// The verdict on the case's record under `trust`, with the case's time anchor.
///
/// # Errors
/// When there is no record yet, or the trust file breaks its own rules.
pub fn verdict(store: &Store, trust: Option<&TrustFile>) -> Result<Verdict> {
    // The trust file's own rules first (one key, one role; witnesses counted once): a file
    // read without them could let the operator be its own witness.
    if let Some(t) = trust {
        t.check()
            .map_err(|e| CaseError::Refused(format!("信任文件 trust file: {e}")))?;
    }
    let sealed: SealedRecord = store
        .read_json(layout::RECORD)
        .map_err(|_| CaseError::Refused("尚无抽取记录 · there is no record yet".into()))?;
    let inp = Inputs::load(store)?;
    let anchor: Option<TimeAnchor> = if store.exists(layout::ANCHOR) {
        Some(store.read_json(layout::ANCHOR)?)
    } else {
        None
    };
    Ok(verify_anchored(
        &sealed,
        inp.public_targets(),
        &inp.inspectors,
        trust,
        anchor.as_ref(),
    ))
}

/// The case's log key, from the path the case names.
///
/// # Errors
/// When the key file cannot be read.
pub fn case_log_key(store: &Store) -> Result<SecretKey> {
    let case = case_file(store)?;
    crate::keys::read_note_key(std::path::Path::new(&case.log_key))
}

/// Logs a publication (一公开) of the case's record: the notice hash, and the notice id with
/// any overdue reason in the note, under the case's log key (`case_log_key`).
///
/// # Errors
/// Without a sealed record, or when the log cannot be extended.
pub fn log_publication(
    store: &Store,
    key: SecretKey,
    notice_hash: &shuangsuiji::Digest32,
    note: &str,
    now: i64,
) -> Result<()> {
    let case = case_file(store)?;
    if !store.exists(layout::RECORD) {
        return Err(CaseError::Refused(
            "尚无抽取记录 · there is no record yet".into(),
        ));
    }
    let mut trail = Trail::load(store, key)?;
    trail.record(EventKind::Publication, &case.unit, now, *notice_hash, note);
    trail.checkpoint()?;
    let mut txn = Txn::default();
    trail.put(&mut txn)?;
    store.commit(txn)
}
