//! The people and the commitment: participants and signers join, the commitment is built
//! (its beacon round the first after now + margin), signatures and reveals come back.

use super::new::Inputs;
use crate::casefile::CaseFile;
use crate::error::{CaseError, Result};
use crate::keys::{Document, SignatureFile, SignerPublic};
use crate::layout;
use crate::store::{Store, Txn};
use crate::trail::Trail;
use shuangsuiji::audit::EventKind;
use shuangsuiji::draw::{
    reveal_binding_in, BeaconChoice, DrandSpec, Participant, PublishedNumbersSpec, Reveal,
    Signatory, PARTICIPANT_COMMITMENT_CONTEXT,
};
use shuangsuiji::encoding::{verify_entry, COMMITMENT_CONTEXT, RECORD_CONTEXT};
use shuangsuiji::hazmat::{check_reveal_signatures, check_reveals_in};
use shuangsuiji::{Commitment, SealedRecord, SecretKey, SignedCommitment};

pub(crate) fn case_file(store: &Store) -> Result<CaseFile> {
    store.read_json(layout::CASE)
}

fn not_yet(
    step: &'static str,
    step_en: &'static str,
    missing: &str,
    missing_en: &str,
) -> CaseError {
    CaseError::NotYet {
        step,
        step_en,
        missing: missing.into(),
        missing_en: missing_en.into(),
    }
}

/// An Ed25519 public key as commitments list it: 64 lower-case hex digits (one spelling).
/// Whether `k` is a public key of the case's suite in its one spelling: 64 lower-case hex
/// digits (Ed25519), or `04‖x‖y` on the SM2 curve (sm2-sm3).
fn key_of_suite(suite: shuangsuiji::Suite, k: &str) -> bool {
    suite.key_problem(k).is_none()
}

/// What a key of the case's suite looks like, for a refusal.
fn key_form(suite: shuangsuiji::Suite) -> &'static str {
    match suite {
        shuangsuiji::Suite::Ed25519Sha256 => "Ed25519：64 位小写十六进制 · Ed25519: 64 lower-case hex digits",
        shuangsuiji::Suite::Sm2Sm3 => "SM2：04 开头的 130 位小写十六进制（keys new --suite sm2-sm3）· SM2: 04‖x‖y, 130 lower-case hex digits (keys new --suite sm2-sm3)",
    }
}

/// The participants, sorted by id (their file names).
pub(crate) fn participants(store: &Store) -> Result<Vec<Participant>> {
    store
        .list(layout::PARTICIPANTS)?
        .iter()
        .map(|n| store.read_json(&format!("{}/{n}", layout::PARTICIPANTS)))
        .collect()
}

/// The signers, in the order they were added.
pub(crate) fn signers(store: &Store) -> Result<Vec<SignerPublic>> {
    store
        .list(layout::SIGNERS)?
        .iter()
        .map(|n| store.read_json(&format!("{}/{n}", layout::SIGNERS)))
        .collect()
}

fn before_commitment(store: &Store) -> Result<()> {
    if store.exists(layout::COMMITMENT) {
        return Err(CaseError::Done {
            what: "抽取承诺",
            what_en: "the commitment",
        });
    }
    Ok(())
}

/// Adds a participant's public part (its secret's commitment and key), before the
/// commitment is built.
///
/// # Errors
/// When the commitment exists, or the id or key is taken.
pub fn add_participant(store: &Store, p: Participant) -> Result<()> {
    before_commitment(store)?;
    let id_ok = crate::keys::participant_id_ok(&p.id);
    if !id_ok {
        return Err(CaseError::Refused(format!(
            "参与方编号 {:?} 只能由字母、数字和 - _ . 组成（至多 64 个字符）· participant id {:?} may hold letters, digits and - _ . only (at most 64)",
            p.id, p.id
        )));
    }
    let Some(key) = p.public_key.as_deref() else {
        return Err(CaseError::Refused(format!(
            "参与方 {:?} 没有公钥（请用 participant new 生成）· participant {:?} carries no public key (make it with `participant new`)",
            p.id, p.id
        )));
    };
    let suite = case_file(store)?.suite;
    if !key_of_suite(suite, key) {
        return Err(CaseError::Refused(format!(
            "参与方 {:?} 的公钥不属于本任务的算法套件 {suite} · participant {:?}: the key is not of the case's suite {suite} ({})",
            p.id,
            p.id,
            key_form(suite)
        )));
    }
    for q in participants(store)? {
        // Ids equal but for case would name one file on a case-insensitive file system.
        if q.id.eq_ignore_ascii_case(&p.id) || q.public_key == p.public_key {
            return Err(CaseError::Refused(format!(
                "参与方 {:?} 的编号或密钥已被 {:?} 使用 · participant {:?}: its id or key is already {:?}'s",
                p.id, q.id, p.id, q.id
            )));
        }
    }
    let mut txn = Txn::default();
    txn.put_json(&format!("{}/{}.json", layout::PARTICIPANTS, p.id), &p)?;
    store.commit(txn)
}

/// Adds a signer's public key, before the commitment is built.
///
/// # Errors
/// When the commitment exists, or the name or key is taken.
pub fn add_signer(store: &Store, s: SignerPublic) -> Result<()> {
    before_commitment(store)?;
    let suite = case_file(store)?.suite;
    if !key_of_suite(suite, &s.public_key) || s.name.trim().is_empty() {
        return Err(CaseError::Refused(format!(
            "签字人 {:?} 的公钥不属于本任务的算法套件 {suite} · signer {:?}: the key is not of the case's suite {suite} ({})",
            s.name,
            s.name,
            key_form(suite)
        )));
    }
    let existing = signers(store)?;
    if let Some(q) = existing
        .iter()
        .find(|q| q.name == s.name || q.public_key == s.public_key)
    {
        return Err(CaseError::Refused(format!(
            "签字人 {:?} 的姓名或密钥已被 {:?} 使用 · signer {:?}: the name or key is already {:?}'s",
            s.name, q.name, s.name, q.name
        )));
    }
    let mut txn = Txn::default();
    txn.put_json(
        &format!("{}/{:02}.json", layout::SIGNERS, existing.len() + 1),
        &s,
    )?;
    store.commit(txn)
}

/// What `case commit` fixed.
#[derive(Debug, Clone)]
pub struct Committed {
    /// The commitment hash.
    pub hash: shuangsuiji::Digest32,
    /// The beacon round (0 in published-numbers mode).
    pub round: u64,
    /// Unix time of the round (of the first public draw in published-numbers mode).
    pub round_time: i64,
}

/// Builds the commitment at `now`: the plan, the roots and the registers' date, the
/// participants and signers, and the first beacon round after `now + margin` (or `round`,
/// if given and no earlier). Logged under a checkpoint.
///
/// # Errors
/// When participants or signers are missing, or the round is too early.
pub fn commit(
    store: &Store,
    log_key: SecretKey,
    now: i64,
    beacon: BeaconPlan,
) -> Result<Committed> {
    before_commitment(store)?;
    let case = case_file(store)?;
    let ps = participants(store)?;
    let ss = signers(store)?;
    if ps.is_empty() || ss.is_empty() {
        return Err(not_yet(
            "生成抽取承诺",
            "build the commitment",
            "至少需要一个参与方（case participant）和一个签字人（case signer）",
            "it needs at least one participant (`case participant`) and one signer (`case signer`)",
        ));
    }
    let inp = Inputs::load(store)?;
    let round = match &beacon {
        BeaconPlan::Drand { round } => *round,
        _ => None,
    };
    let earliest = DrandSpec::first_round_after(
        case.chain.genesis_time,
        case.chain.period_seconds,
        now.saturating_add(case.margin_seconds),
    );
    let round = match round {
        Some(r) if r < earliest => {
            return Err(CaseError::Refused(format!(
                "轮次 {r} 太早：须不早于 {earliest}（当前时间加 {} 秒余量之后的第一轮）· round {r} is too early: the first round after now + {} s is {earliest}",
                case.margin_seconds, case.margin_seconds
            )))
        }
        Some(r) => r,
        None => earliest,
    };
    let spec = case.chain.with_round(round);
    let round_time = spec.round_time();
    let beacon = match beacon {
        BeaconPlan::Drand { .. } => BeaconChoice::Drand(spec),
        // Published-numbers mode (networks without internet): the named public draws take
        // the round's place, and must leave the same margin for signatures and reveals.
        BeaconPlan::Published(p) => {
            let ready = now.saturating_add(case.margin_seconds);
            if let Some(d) = p.draws.iter().find(|d| d.draws_at <= ready) {
                return Err(CaseError::Refused(format!(
                    "公开开奖 {} {} 太早：须晚于当前时间加 {} 秒余量 · the public draw {} {} is too early: it must be after now + {} s",
                    d.source, d.issue, case.margin_seconds, d.source, d.issue, case.margin_seconds
                )));
            }
            BeaconChoice::PublishedNumbers(p)
        }
        // A live ceremony: participants only, so they must be independent parties.
        BeaconPlan::Ceremony => {
            let roles: std::collections::BTreeSet<&str> =
                ps.iter().map(|p| p.role.as_str()).collect();
            if roles.len() < 2 {
                return Err(CaseError::Refused(
                    "现场揭示仪式须有至少两个不同角色的参与方（如检查部门与纪检监察）· a live ceremony needs participants of at least two distinct roles (e.g. the department and 纪检监察)".into(),
                ));
            }
            BeaconChoice::Offline
        }
    };
    let (round, round_time) = match &beacon {
        BeaconChoice::Drand(_) => (round, round_time),
        other => (0, other.public_at().unwrap_or(now)),
    };
    let mut trail = Trail::load(store, log_key)?;
    let checkpoint = trail.checkpoint()?;
    let roots = inp.roots(case.suite)?;
    inp.checked_keeper(case.suite)?;
    let algorithm = inp.algorithm();
    let mut c = Commitment::v2(
        inp.plan,
        roots,
        inp.targets.as_of(),
        ps,
        ss.iter()
            .map(|s| Signatory {
                name: s.name.clone(),
                public_key: s.public_key.clone(),
                distid: None,
            })
            .collect(),
        beacon,
        now,
    );
    c.suite = case.suite;
    c.algorithm = algorithm.into();
    c.log_checkpoint = Some(checkpoint.text);
    c.supersedes = case.supersedes.clone();
    c.check()
        .map_err(|e| CaseError::Refused(format!("抽取承诺 the commitment: {e}")))?;
    let signed = SignedCommitment::new(c).map_err(|e| CaseError::Refused(e.to_string()))?;
    trail.record(
        EventKind::Commitment,
        &case.unit,
        now,
        signed.hash,
        &case.plan_id,
    );
    trail.checkpoint()?;
    let mut txn = Txn::default();
    txn.put_json(layout::COMMITMENT, &signed)?;
    trail.put(&mut txn)?;
    store.commit(txn)?;
    Ok(Committed {
        hash: signed.hash,
        round,
        round_time,
    })
}

/// Where the commitment's randomness beside the reveals comes from.
#[derive(Debug, Clone)]
pub enum BeaconPlan {
    /// A drand round: the first after now + margin, or the one given if no earlier.
    Drand {
        /// A later round than the earliest allowed.
        round: Option<u64>,
    },
    /// Future public draws (docs/spec/draw-v2.md §15), for networks without internet.
    Published(PublishedNumbersSpec),
    /// A live ceremony (§16): participants' reveals only, filed in the commitment's
    /// participant order, each logged before the next is taken.
    Ceremony,
}

/// Refuses a step that must come before the beacon round (signatures on the commitment,
/// reveals) once the round's time is reached: whoever holds back until then could see
/// the outcome before deciding. The case must then be re-drawn (`case redraw`).
pub(crate) fn before_round(c: &SignedCommitment, now: i64, what: &str) -> Result<()> {
    if let BeaconChoice::Drand(spec) = &c.commitment.beacon {
        let t = spec.round_time();
        if now >= t {
            return Err(CaseError::Refused(format!(
                "信标轮次 {} 已于 {} 发布，{what}须在此之前完成；本承诺已无法锚定，请用 case redraw 重新抽取 · beacon round {} was published at {t}: too late for this step; the commitment cannot be anchored — re-draw with `case redraw`",
                spec.round,
                crate::status::beijing(t),
                spec.round
            )));
        }
    }
    if let BeaconChoice::PublishedNumbers(spec) = &c.commitment.beacon {
        if let Some(t) = c.commitment.beacon.public_at().filter(|t| now >= *t) {
            return Err(CaseError::Refused(format!(
                "公开开奖（{}）已于 {} 举行，{what}须在此之前完成；请用 case redraw 重新抽取 · the public draw ({}) was held at {t}: too late for this step — re-draw with `case redraw`",
                spec.draws.iter().map(|d| format!("{} {}", d.source, d.issue)).collect::<Vec<_>>().join(", "),
                crate::status::beijing(t),
                spec.draws.iter().map(|d| format!("{} {}", d.source, d.issue)).collect::<Vec<_>>().join(", "),
            )));
        }
    }
    Ok(())
}

/// Who has not yet signed the commitment: signers' names and participants' ids.
pub(crate) fn unsigned(c: &SignedCommitment) -> (Vec<String>, Vec<String>) {
    let signers = c
        .commitment
        .signers
        .iter()
        .filter(|s| !c.signatures.iter().any(|e| e.signer == s.name))
        .map(|s| s.name.clone())
        .collect();
    let participants = c
        .commitment
        .participants
        .iter()
        .filter(|p| !c.participant_signatures.iter().any(|e| e.signer == p.id))
        .map(|p| p.id.clone())
        .collect();
    (signers, participants)
}

/// Adds a signatory's signature to `entries`: by a signer the commitment lists, under the key
/// it lists, valid over `context || hash`, and the first by that signer.
fn file_signer_sig(
    suite: shuangsuiji::Suite,
    signers: &[Signatory],
    entries: &mut Vec<shuangsuiji::encoding::SignatureEntry>,
    e: &shuangsuiji::encoding::SignatureEntry,
    context: &[u8],
    hash: &shuangsuiji::Digest32,
) -> Result<()> {
    let s = signers.iter().find(|s| s.name == e.signer).ok_or_else(|| {
        CaseError::Refused(format!(
            "{:?} 不是本承诺的签字人 · is not a signer of this commitment",
            e.signer
        ))
    })?;
    verify_entry(suite, e, &s.public_key, s.distid.as_deref(), context, hash)
        .map_err(|err| CaseError::Refused(format!("{}: {err}", e.signer)))?;
    if entries.iter().any(|x| x.signer == e.signer) {
        return Err(CaseError::Done {
            what: "该签字人的签名",
            what_en: "this signer's signature",
        });
    }
    entries.push(e.clone());
    Ok(())
}

/// Files a signature made on a signer's or participant's own machine: it must be on the
/// case's current commitment or record, by someone the commitment lists, under the key
/// it lists, and new. Logged.
///
/// # Errors
/// When any of that fails.
pub fn add_signature(
    store: &Store,
    log_key: SecretKey,
    sig: SignatureFile,
    now: i64,
) -> Result<()> {
    let case = case_file(store)?;
    let mut txn = Txn::default();
    let c: SignedCommitment = store
        .read_json(layout::COMMITMENT)
        .map_err(|_| CaseError::Refused("尚无抽取承诺 · there is no commitment yet".into()))?;
    let wrong_doc = || {
        CaseError::Refused(
            "签名不是对本抽查任务当前承诺或记录作出的 · the signature is not on this case's commitment or record".into(),
        )
    };
    let e = &sig.entry;
    match sig.document {
        Document::Commitment => {
            if sig.hash != c.hash {
                return Err(wrong_doc());
            }
            before_round(&c, now, "承诺签名")?;
            let mut c = c;
            if sig.participant {
                let p = c
                    .commitment
                    .participants
                    .iter()
                    .find(|p| p.id == e.signer)
                    .ok_or_else(|| {
                        CaseError::Refused(format!(
                            "{:?} 不是本承诺的参与方 · is not a participant of this commitment",
                            e.signer
                        ))
                    })?;
                verify_entry(
                    c.commitment.suite,
                    e,
                    p.public_key.as_deref().unwrap_or_default(),
                    p.distid.as_deref(),
                    PARTICIPANT_COMMITMENT_CONTEXT,
                    &c.hash,
                )
                .map_err(|err| CaseError::Refused(format!("{}: {err}", e.signer)))?;
                if c.participant_signatures
                    .iter()
                    .any(|x| x.signer == e.signer)
                {
                    return Err(CaseError::Done {
                        what: "该参与方的签名",
                        what_en: "this participant's signature",
                    });
                }
                c.participant_signatures.push(e.clone());
            } else {
                let hash = c.hash;
                let signers = c.commitment.signers.clone();
                file_signer_sig(
                    c.commitment.suite,
                    &signers,
                    &mut c.signatures,
                    e,
                    COMMITMENT_CONTEXT,
                    &hash,
                )?;
            }
            txn.put_json(layout::COMMITMENT, &c)?;
        }
        Document::Record => {
            let mut r: SealedRecord = store
                .read_json(layout::RECORD)
                .map_err(|_| CaseError::Refused("尚无抽取记录 · there is no record yet".into()))?;
            if sig.hash != r.hash || sig.participant {
                return Err(wrong_doc());
            }
            let hash = r.hash;
            file_signer_sig(
                c.commitment.suite,
                &c.commitment.signers,
                &mut r.signatures,
                e,
                RECORD_CONTEXT,
                &hash,
            )?;
            txn.put_json(layout::RECORD, &r)?;
        }
    }
    let mut trail = Trail::load(store, log_key)?;
    let note = match sig.document {
        Document::Commitment => "commitment",
        Document::Record => "record",
    };
    trail.record(EventKind::Signature, &e.signer, now, sig.hash, note);
    trail.checkpoint()?;
    trail.put(&mut txn)?;
    let _ = case;
    store.commit(txn)
}

/// Files a participant's signed reveal: only once every signature on the commitment is
/// in (a secret revealed earlier could be used to steer a commitment still being
/// signed), and only a reveal that opens the participant's commitment under its key.
/// Logged with the secret itself, so it is public before the round.
///
/// # Errors
/// When any of that fails.
pub fn add_reveal(store: &Store, log_key: SecretKey, r: Reveal, now: i64) -> Result<()> {
    let c: SignedCommitment = store
        .read_json(layout::COMMITMENT)
        .map_err(|_| CaseError::Refused("尚无抽取承诺 · there is no commitment yet".into()))?;
    before_round(&c, now, "揭示")?;
    let (s, p) = unsigned(&c);
    if !s.is_empty() || !p.is_empty() {
        return Err(not_yet(
            "接收揭示",
            "take reveals",
            &format!(
                "承诺尚缺签名：{}",
                [s.clone(), p.clone()].concat().join("、")
            ),
            &format!(
                "the commitment still lacks signatures by {}",
                [s, p].concat().join(", ")
            ),
        ));
    }
    let part = c
        .commitment
        .participants
        .iter()
        .find(|x| x.id == r.participant)
        .ok_or_else(|| {
            CaseError::Refused(format!(
                "{:?} 不是本承诺的参与方 · is not a participant of this commitment",
                r.participant
            ))
        })?;
    let rel = format!("{}/{}.json", layout::REVEALS, r.participant);
    if store.exists(&rel) {
        return Err(CaseError::Done {
            what: "该参与方的揭示",
            what_en: "this participant's reveal",
        });
    }
    // A live ceremony (offline mode): reveals in the commitment's order, each logged before
    // the next is taken, so the log shows who revealed last (and could have seen the
    // outcome first).
    if matches!(c.commitment.beacon, BeaconChoice::Offline) {
        if let Some(waiting) = c
            .commitment
            .participants
            .iter()
            .take_while(|x| x.id != r.participant)
            .find(|x| !store.exists(&format!("{}/{}.json", layout::REVEALS, x.id)))
        {
            return Err(not_yet(
                "接收揭示",
                "take reveals",
                &format!("现场揭示须按承诺中的顺序进行：先等 {} 揭示", waiting.id),
                &format!(
                    "a live ceremony reveals in the commitment's order: {} reveals first",
                    waiting.id
                ),
            ));
        }
    }
    let one = std::slice::from_ref(part);
    let suite = c.commitment.suite;
    let secrets = check_reveals_in(suite, one, std::slice::from_ref(&r))
        .map_err(|e| CaseError::Refused(e.to_string()))?;
    check_reveal_signatures(suite, one, std::slice::from_ref(&r), &secrets, &c.hash)
        .map_err(|e| CaseError::Refused(e.to_string()))?;
    let secret = secrets.first().copied().unwrap_or_default();
    let mut trail = Trail::load(store, log_key)?;
    trail.record(
        EventKind::Reveal,
        &part.role,
        now,
        reveal_binding_in(suite, &c.hash, &part.id, &secret),
        &r.secret,
    );
    trail.checkpoint()?;
    let mut txn = Txn::default();
    txn.put_json(&rel, &r)?;
    trail.put(&mut txn)?;
    store.commit(txn)
}

/// The reveals filed so far, in the commitment's participant order.
pub(crate) fn reveals(store: &Store, c: &SignedCommitment) -> Result<Vec<Reveal>> {
    c.commitment
        .participants
        .iter()
        .filter(|p| store.exists(&format!("{}/{}.json", layout::REVEALS, p.id)))
        .map(|p| store.read_json(&format!("{}/{}.json", layout::REVEALS, p.id)))
        .collect()
}

/// The clock rule of a case: a time set by hand (the rehearsal clock) is accepted only by a
/// case made for rehearsal, so a real case's times — in its log and its commitment — are
/// always the system clock's.
///
/// # Errors
/// [`CaseError::Refused`] for a hand-set time on a real case.
pub fn check_clock(store: &Store, hand_set: bool) -> Result<()> {
    if hand_set && !case_file(store)?.rehearsal {
        return Err(CaseError::Refused(
            "设置了演练时钟，但这是真实的抽查任务 · a time was set by hand (the rehearsal clock), but this case is a real one (not made for rehearsal)".into(),
        ));
    }
    Ok(())
}
