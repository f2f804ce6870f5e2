//! Verification: anyone with the sealed record and the public register views re-runs the
//! draw and checks every signature, commitment, reveal, beacon and root (spec §7).

use crate::draw::error::{SignedDocument, VerifyError};
use crate::draw::protocol::Version;
use crate::draw::record::{DrawRecord, SealedRecord, SignedCommitment};
use crate::draw::sealed_run::SealedSource;
use crate::draw::TargetSource;
use crate::draw::{draw, DrawInputs};
use crate::encoding::sign::{verify_entry, SignatureEntry, COMMITMENT_CONTEXT, RECORD_CONTEXT};
use crate::registers::inspector::PublicInspectorRegister;
use crate::Digest32;
use serde_json::Value;

/// What a successful verification establishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The record's hash.
    pub record_hash: Digest32,
    /// The seed.
    pub seed: Digest32,
    /// Number of selected targets (100 % list included).
    pub selected: usize,
    /// Whether a drand round was used (else offline mode).
    pub beacon: bool,
    /// The pre-draw commitment's hash: compare it with the one published (or logged)
    /// before the beacon round — the record's own `committed_at` is only a claim.
    pub commitment_hash: Digest32,
    /// The commitment time the record claims (Unix seconds).
    pub committed_at: i64,
    /// The drand round used, if any.
    pub beacon_round: Option<u64>,
    /// The cryptographic suite every hash and signature was checked under.
    pub suite: crate::encoding::Suite,
    /// draw/v3: how far the classes were checked.
    pub classes: ClassesChecked,
}

/// What a verification established about the targets' classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassesChecked {
    /// draw/v1 and v2: the classes are in the public target view and were read.
    NotSealed,
    /// draw/v3 from the sealed view: selection, populations and the openings checked
    /// (docs/spec/privacy.md §10.7); that each class is the register's, and that unopened
    /// entries are bits, is the auditor's (re-run with the full register and the view key).
    Public,
    /// draw/v3 from the full register and the view key: everything, the classes included.
    Auditor,
}

impl ClassesChecked {
    /// What the check established about a draw/v3 record's classes and recusal sets, in
    /// words (Chinese first), for every place that prints a verdict: a reader told only
    /// "verified" would take the public check for the auditor's. `None` outside draw/v3.
    pub fn note(self) -> Option<&'static str> {
        match self {
            ClassesChecked::NotSealed => None,
            ClassesChecked::Public => Some(
                "类别与回避（draw/v3）：按封存视图公众核验；各分类是否为名录库所载、回避名单是否为人员的声明，须审计方核验 · classes and conflicts (draw/v3): the public check from the sealed view; that each class is the register's and each recusal set the inspectors' declarations is the auditor's check",
            ),
            ClassesChecked::Auditor => Some(
                "类别与回避（draw/v3）：审计核验，以完整名录库、视图密钥与回避声明重算全部类别与回避名单 · classes and conflicts (draw/v3): the auditor's check, every class and recusal set recomputed from the full register, the view key and the declarations",
            ),
        }
    }
}

fn check_signatures(
    suite: crate::encoding::Suite,
    what: SignedDocument,
    signers: &[crate::draw::protocol::Signatory],
    sigs: &[SignatureEntry],
    context: &[u8],
    hash: &Digest32,
) -> Result<(), VerifyError> {
    let err = |signer: &str, reason: String| VerifyError::Signature {
        what,
        signer: signer.to_string(),
        reason,
    };
    // Linear in the counts (O((N + S) log N)), as check_reveals.
    let named: std::collections::BTreeSet<&str> = signers.iter().map(|x| x.name.as_str()).collect();
    let mut by_name: std::collections::BTreeMap<&str, (&SignatureEntry, usize)> =
        std::collections::BTreeMap::new();
    for s in sigs {
        if !named.contains(s.signer.as_str()) {
            return Err(err(
                &s.signer,
                "is not a signer named in the commitment".into(),
            ));
        }
        by_name
            .entry(s.signer.as_str())
            .and_modify(|(_, n)| *n += 1)
            .or_insert((s, 1));
    }
    for signer in signers {
        let (entry, n) = by_name
            .get(signer.name.as_str())
            .copied()
            .ok_or_else(|| err(&signer.name, "is missing".into()))?;
        if n > 1 {
            return Err(err(&signer.name, "appears more than once".into()));
        }
        verify_entry(
            suite,
            entry,
            &signer.public_key,
            signer.distid.as_deref(),
            context,
            hash,
        )
        .map_err(|r| err(&signer.name, r.to_string()))?;
    }
    Ok(())
}

/// A sealed record's own seal, without re-running it (for records a plan refers to): both
/// hashes recomputed, the commitment's and the record's signatures under the keys the
/// commitment names.
///
/// # Errors
/// The first failing check.
pub(crate) fn check_seal(sealed: &SealedRecord) -> Result<(), VerifyError> {
    // The commitment's own rules too (a suite in a draw/v1 commitment, keys of the other
    // suite): a seal under rules no draw could have met is no seal.
    sealed.record.commitment.commitment.check()?;
    check_commitment_seal(&sealed.record.commitment)?;
    check_record_seal(sealed).map(|_| ())
}

fn same_hash(path: &str, recorded: Digest32, recomputed: Digest32) -> Result<(), VerifyError> {
    if recorded == recomputed {
        Ok(())
    } else {
        Err(VerifyError::Mismatch {
            path: path.into(),
            recorded: recorded.to_hex(),
            recomputed: recomputed.to_hex(),
        })
    }
}

/// The commitment's hash recomputed and its signatures checked; its hash.
fn check_commitment_seal(c: &SignedCommitment) -> Result<Digest32, VerifyError> {
    let chash = c.commitment.hash()?;
    same_hash("commitment.hash", c.hash, chash)?;
    check_signatures(
        c.commitment.suite,
        SignedDocument::Commitment,
        &c.commitment.signers,
        &c.signatures,
        COMMITMENT_CONTEXT,
        &chash,
    )?;
    Ok(chash)
}

/// The record's hash recomputed and its signatures checked; its hash.
fn check_record_seal(sealed: &SealedRecord) -> Result<Digest32, VerifyError> {
    let rhash = sealed.record.hash()?;
    same_hash("hash", sealed.hash, rhash)?;
    check_signatures(
        sealed.record.commitment.commitment.suite,
        SignedDocument::Record,
        &sealed.record.commitment.commitment.signers,
        &sealed.signatures,
        RECORD_CONTEXT,
        &rhash,
    )?;
    Ok(rhash)
}

/// Verifies a sealed record against the public target register and the public view of
/// the inspector register. The register may be in memory or streamed ([`TargetSource`]:
/// a CSV sorted by id, read twice and never held whole), so a verifier with little memory
/// — a browser tab — can check a province's register.
///
/// # Errors
/// The first failing check, naming what differs.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # use shuangsuiji::{import, registers::fields::parse_date, verify, SealedRecord};
/// # let json = |p: &str| -> Result<serde_json::Value, Box<dyn std::error::Error>> {
/// #     Ok(serde_json::from_slice(&std::fs::read(p)?)?)
/// # };
/// # let v = json("../tests/vectors/draw-sample.json")?;
/// # let sealed: SealedRecord = serde_json::from_value(serde_json::json!({
/// #     "record": json("../tests/vectors/draw-sample.record.json")?,
/// #     "hash": v["expected"]["record_hash"], "signatures": v["expected"]["record_signatures"],
/// # }))?;
/// # let as_of = parse_date("2023-08-23").ok_or("date")?;
/// # let targets = import::targets(&std::fs::read("../examples/data/targets.csv")?, as_of)?;
/// # let key = [0x5e, 0xa1, 0xe5, 0xa1].repeat(8);
/// # let inspectors = import::inspectors(&std::fs::read("../examples/data/inspectors.csv")?, as_of)?
/// #     .public_view(&key.try_into().map_err(|_| "key")?);
/// // The sample record, the public target register and the inspectors' public view:
/// let verified = verify(&sealed, &targets, &inspectors)?;
/// assert_eq!(verified.record_hash, sealed.hash);
/// // One changed outcome and the re-run names the first difference.
/// let mut forged = sealed.clone();
/// forged.record.strata[0].selected[0] = forged.record.strata[0].alternates[0].clone();
/// let e = verify(&forged, &targets, &inspectors).unwrap_err();
/// assert!(e.to_string().contains("strata[0].selected[0].target"));
/// # Ok(())
/// # }
/// ```
pub fn verify(
    sealed: &SealedRecord,
    targets: &dyn TargetSource,
    inspectors: &PublicInspectorRegister,
) -> Result<Verified, VerifyError> {
    let (chash, classes) = rerun(&sealed.record, targets, inspectors)?;
    let rec = &sealed.record;
    let c = &rec.commitment;
    let rhash = check_record_seal(sealed)?;
    Ok(Verified {
        record_hash: rhash,
        seed: rec.seed,
        selected: rec.selected_ids().count(),
        beacon: rec.beacon.is_some(),
        commitment_hash: chash,
        committed_at: c.commitment.committed_at,
        beacon_round: rec.beacon.as_ref().map(|b| b.round),
        suite: c.commitment.suite,
        classes,
    })
}

/// Re-runs a record from its own inputs under its fully signed commitment and compares
/// every field, without the record's own signatures: what a signer checks before adding
/// one (谁抽查、谁签字 — nobody signs an outcome they cannot reproduce), and the first half
/// of [`verify`]. A draw/v3 record re-runs from the sealed view (the public's check) or
/// from the keeper (the auditor's). Returns the commitment's hash and the extent of the
/// class check.
///
/// # Errors
/// The first failing check, naming what differs.
pub fn rerun(
    rec: &DrawRecord,
    targets: &dyn TargetSource,
    inspectors: &PublicInspectorRegister,
) -> Result<(Digest32, ClassesChecked), VerifyError> {
    let c = &rec.commitment;
    let chash = check_commitment_seal(c)?;
    let inputs = DrawInputs {
        commitment: c,
        item_list: &rec.item_list,
        targets,
        inspectors,
        reveals: &rec.reveals,
        beacon: rec.beacon.as_ref(),
        published: &rec.published_numbers,
    };
    let (rerun, classes) = match (c.commitment.version(), targets.sealed()) {
        // A reader of a draw/v3 record: the selection from the record's class proof.
        (Some(Version::V3), Some(SealedSource::View(view))) => {
            let proof = rec.classes.as_ref().ok_or_else(|| {
                VerifyError::Malformed(
                    "a draw/v3 record carries its class proof (`classes`)".into(),
                )
            })?;
            (
                crate::draw::sealed_run::rerun_public(inputs, view, proof, &rec.recusals)?,
                ClassesChecked::Public,
            )
        }
        // The keeper or the auditor: the whole draw again, the proof included.
        (Some(Version::V3), _) => (draw(inputs)?, ClassesChecked::Auditor),
        _ => (draw(inputs)?, ClassesChecked::NotSealed),
    };
    let (a, b) = (to_value(rec)?, to_value(&rerun)?);
    if let Some((path, recorded, recomputed)) = first_difference("", &a, &b) {
        return Err(VerifyError::Mismatch {
            path,
            recorded,
            recomputed,
        });
    }
    Ok((chash, classes))
}

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, VerifyError> {
    serde_json::to_value(v).map_err(|e| VerifyError::Malformed(e.to_string()))
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 120 {
        format!("{}…", s.chars().take(120).collect::<String>())
    } else {
        s
    }
}

/// The first path where two JSON values differ, depth first, in document order.
fn first_difference(path: &str, a: &Value, b: &Value) -> Option<(String, String, String)> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match (x.get(k), y.get(k)) {
                    (Some(u), Some(v)) => first_difference(&p, u, v),
                    (u, v) => Some((
                        p,
                        u.map(short).unwrap_or("(absent)".into()),
                        v.map(short).unwrap_or("(absent)".into()),
                    )),
                }
            })
        }
        (Value::Array(x), Value::Array(y)) => {
            let d = x
                .iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (u, v))| first_difference(&format!("{path}[{i}]"), u, v));
            d.or_else(|| {
                (x.len() != y.len()).then(|| {
                    (
                        format!("{path}.length"),
                        x.len().to_string(),
                        y.len().to_string(),
                    )
                })
            })
        }
        _ if a == b => None,
        _ => Some((path.to_string(), short(a), short(b))),
    }
}
