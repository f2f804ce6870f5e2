//! Commit, reveal, beacon, draw, seal, sign and verify.

use crate::convert::{bytes32, digest, from_py, from_value, py_to_value, to_py};
use crate::errors::{format_error, Result};
use crate::privacy::SealedKeeper;
use crate::registers::{ItemList, PublicInspectorRegister, TargetRegister};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt};
use shuangsuiji as core;

/// A signed pre-draw commitment, as published before the reveal.
#[pyclass(module = "shuangsuiji", name = "SignedCommitment")]
pub struct SignedCommitment(pub core::SignedCommitment);

json_in!(SignedCommitment, "signed commitment");
json_out!(SignedCommitment);
signed!(SignedCommitment);

#[pymethods]
impl SignedCommitment {
    /// Wraps a commitment (dict in the core's JSON form) with its hash and no signatures.
    #[new]
    fn new(commitment: &Bound<'_, PyAny>) -> Result<Self> {
        let c: core::Commitment = from_py(commitment, "commitment")?;
        Ok(SignedCommitment(core::SignedCommitment::new(c)?))
    }

    /// The commitment, as a dict.
    #[getter]
    fn commitment<'py>(&self, py: Python<'py>) -> Result<Bound<'py, PyAny>> {
        to_py(py, &self.0.commitment)
    }

    /// draw/v2: adds a participant's signature on the hash with its 32-byte secret key of
    /// the commitment's suite (the key whose public half the commitment lists for it).
    fn sign_as_participant(&mut self, participant: &str, secret_key: &[u8]) -> Result<()> {
        let key = crate::convert::secret_key(self.0.suite(), secret_key)?;
        self.0.sign_as_participant(participant, &key);
        Ok(())
    }

    /// draw/v2: the bytes a participant signs, for a signature made by another tool.
    fn participant_signing_message(&self) -> Vec<u8> {
        self.0.participant_signing_message()
    }

    /// draw/v2: files a participant's signature made elsewhere
    /// (`{"signer": id, "public_key", "signature"}`), checked before it is kept. Raises
    /// SignatureError.
    fn add_participant_signature(&mut self, entry: &Bound<'_, PyAny>) -> Result<()> {
        let e = from_py(entry, "signature entry")?;
        Ok(self.0.add_participant_signature(e)?)
    }

    /// draw/v2: the participants' signatures, as dicts `{"signer", "public_key", "signature"}`.
    #[getter]
    fn participant_signatures<'py>(&self, py: Python<'py>) -> Result<Bound<'py, PyAny>> {
        to_py(py, &self.0.participant_signatures)
    }

    fn __repr__(&self) -> String {
        format!(
            "<SignedCommitment {} ({} signature(s))>",
            self.0.hash,
            self.0.signatures.len()
        )
    }
}

/// The outcome of a draw and every input needed to re-run it.
#[pyclass(module = "shuangsuiji", name = "DrawRecord", frozen)]
pub struct DrawRecord(pub core::DrawRecord);

json_in!(DrawRecord, "draw record");
json_out!(DrawRecord);

#[pymethods]
impl DrawRecord {
    /// The record hash (hex): `tagged_hash("shuangsuiji/v1/record", canonical bytes)`.
    #[getter]
    fn hash(&self) -> Result<String> {
        Ok(self.0.hash()?.to_hex())
    }

    /// The seed (hex).
    #[getter]
    fn seed(&self) -> String {
        self.0.seed.to_hex()
    }

    /// The canonical (RFC 8785) bytes that are hashed and signed.
    fn canonical_bytes(&self) -> Result<Vec<u8>> {
        Ok(self.0.canonical_bytes()?)
    }

    /// Every selected target id: the 100 % list, then each stratum's selection.
    fn selected_ids(&self) -> Vec<String> {
        self.0.selected_ids().map(str::to_owned).collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "<DrawRecord seed {}: {} selected, {} teams>",
            self.0.seed,
            self.0.selected_ids().count(),
            self.0.teams.len()
        )
    }
}

/// A draw record with the responsible people's signatures (谁抽查、谁签字).
#[pyclass(module = "shuangsuiji", name = "SealedRecord")]
pub struct SealedRecord(pub core::SealedRecord);

json_in!(SealedRecord, "sealed record");
json_out!(SealedRecord);
signed!(SealedRecord);

#[pymethods]
impl SealedRecord {
    /// Seals a record: its hash and no signatures yet.
    #[new]
    fn new(record: &Bound<'_, DrawRecord>) -> Result<Self> {
        Ok(SealedRecord(core::SealedRecord::new(
            record.get().0.clone(),
        )?))
    }

    /// The record.
    #[getter]
    fn record(&self) -> DrawRecord {
        DrawRecord(self.0.record.clone())
    }

    fn __repr__(&self) -> String {
        format!(
            "<SealedRecord {} ({} signature(s))>",
            self.0.hash,
            self.0.signatures.len()
        )
    }
}

/// What a successful verification establishes.
#[pyclass(module = "shuangsuiji", name = "Verified", frozen, get_all)]
pub struct Verified {
    /// The record's hash (hex).
    pub record_hash: String,
    /// The seed (hex).
    pub seed: String,
    /// Number of selected targets (100 % list included).
    pub selected: usize,
    /// Whether a drand round was used (else offline mode).
    pub beacon: bool,
    /// The pre-draw commitment's hash (hex): compare it with the one published before the
    /// beacon round.
    pub commitment_hash: String,
    /// The commitment time the record claims (Unix seconds).
    pub committed_at: i64,
    /// The drand round used, if any.
    pub beacon_round: Option<u64>,
    /// The cryptographic suite: "ed25519-sha256" or "sm2-sm3".
    pub suite: &'static str,
    /// How far the classes were checked: "not_sealed" (draw/v1, v2: read from the public
    /// view), "public" (draw/v3 from the sealed view), "auditor" (draw/v3 from the full
    /// register and the view key).
    pub classes: &'static str,
}

fn classes_name(c: core::draw::ClassesChecked) -> &'static str {
    match c {
        core::draw::ClassesChecked::NotSealed => "not_sealed",
        core::draw::ClassesChecked::Public => "public",
        core::draw::ClassesChecked::Auditor => "auditor",
    }
}

impl From<core::Verified> for Verified {
    fn from(v: core::Verified) -> Verified {
        Verified {
            record_hash: v.record_hash.to_hex(),
            seed: v.seed.to_hex(),
            selected: v.selected,
            beacon: v.beacon,
            commitment_hash: v.commitment_hash.to_hex(),
            committed_at: v.committed_at,
            beacon_round: v.beacon_round,
            suite: v.suite.name(),
            classes: classes_name(v.classes),
        }
    }
}

#[pymethods]
impl Verified {
    fn __repr__(&self) -> String {
        format!(
            "<Verified record {}: {} selected, beacon={}>",
            self.record_hash,
            self.selected,
            if self.beacon { "True" } else { "False" }
        )
    }

    /// As a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("record_hash", &self.record_hash)?;
        d.set_item("seed", &self.seed)?;
        d.set_item("selected", self.selected)?;
        d.set_item("beacon", self.beacon)?;
        d.set_item("commitment_hash", &self.commitment_hash)?;
        d.set_item("committed_at", self.committed_at)?;
        d.set_item("beacon_round", self.beacon_round)?;
        d.set_item("suite", self.suite)?;
        d.set_item("classes", self.classes)?;
        Ok(d)
    }
}

/// Unix seconds from an int or a timezone-aware datetime.
fn unix_time(obj: &Bound<'_, PyAny>) -> Result<i64> {
    if obj.is_instance_of::<PyInt>() {
        return Ok(obj.extract()?);
    }
    if obj.hasattr("timestamp")? {
        if obj.getattr("tzinfo")?.is_none() {
            return Err(format_error("committed_at: a naive datetime is ambiguous; pass an aware datetime or unix seconds"));
        }
        let t: f64 = obj.call_method0("timestamp")?.extract()?;
        return Ok(t.floor() as i64);
    }
    Err(format_error(
        "committed_at: expected unix seconds (int) or an aware datetime",
    ))
}

/// Builds, hashes and returns the pre-draw commitment (unsigned; call `.sign`).
///
/// Roots come from the given item list and registers (`targets` a TargetRegister for
/// `version` 1 and 2, a SealedKeeper for 3: the sealed view's root); `participants` are dicts
/// `{"id", "role", "commitment"}` (see `commit_secret`), `signers` dicts
/// `{"name", "public_key"}` (see `public_key_hex`); `beacon` is None for offline mode or a
/// drand spec dict (see `quicknet`); `committed_at` is unix seconds or an aware datetime;
/// `log_checkpoint` is the audit log's signed checkpoint text the draw is committed under.
#[pyfunction]
#[pyo3(signature = (plan, item_list, targets, inspectors, participants, signers, committed_at, beacon = None, supersedes = None, log_checkpoint = None, version = 2, suite = None))]
#[allow(clippy::too_many_arguments)]
pub fn commit(
    plan: &Bound<'_, PyAny>,
    item_list: &Bound<'_, ItemList>,
    targets: &Bound<'_, PyAny>,
    inspectors: &Bound<'_, PublicInspectorRegister>,
    participants: &Bound<'_, PyAny>,
    signers: &Bound<'_, PyAny>,
    committed_at: &Bound<'_, PyAny>,
    beacon: Option<&Bound<'_, PyAny>>,
    supersedes: Option<&Bound<'_, PyAny>>,
    log_checkpoint: Option<String>,
    version: u8,
    suite: Option<&str>,
) -> Result<SignedCommitment> {
    let suite = crate::convert::suite(suite)?;
    // draw/v3 commits to the keeper's sealed view; v1 and v2 to the register.
    let (algorithm, as_of, targets_root) = match (version, targets.cast::<SealedKeeper>()) {
        (3, Ok(k)) => {
            let k = &k.get().0;
            // Refused here, not at the draw after signatures, reveals and the round: a
            // draw/v3 publishes the inspector view without the declared conflicts (the
            // keeper's sealed recusal sets hold them).
            if inspectors
                .get()
                .0
                .inspectors()
                .iter()
                .any(|i| !i.conflicts.is_empty())
            {
                return Err(format_error(
                    "inspectors: draw/v3 的人员视图须不含回避关系（用 without_conflicts()）· a draw/v3 commitment names the inspector view without its declared conflicts (without_conflicts())",
                ));
            }
            (
                core::draw::ALGORITHM_V3,
                Some(k.register().as_of()),
                k.view().root_in(suite)?,
            )
        }
        (3, Err(_)) => {
            return Err(format_error(
                "targets: draw/v3（version=3）的承诺须基于 SealedKeeper 的封存视图 · draw/v3 (version=3) commits to a SealedKeeper's sealed view",
            ))
        }
        (1 | 2, _) => {
            let t = targets.cast::<TargetRegister>().map_err(|_| {
                format_error("targets: draw/v1、v2 的承诺须基于 TargetRegister · draw/v1 and v2 commit to a TargetRegister (a SealedKeeper is for version=3)")
            })?;
            let t = &t.get().0;
            let as_of = (version == 2).then(|| t.as_of());
            let algorithm = if version == 1 {
                core::draw::ALGORITHM
            } else {
                core::draw::ALGORITHM_V2
            };
            (algorithm, as_of, t.root_in(suite))
        }
        _ => {
            return Err(format_error(
                "version: 须为 1、2 或 3 · 1 (draw/v1, never anchored), 2 (draw/v2) or 3 (draw/v3: sealed classes)",
            ))
        }
    };
    let beacon = match beacon {
        None => core::draw::BeaconChoice::Offline,
        Some(b) => {
            let v = py_to_value(b)?;
            if v.get("mode").is_some() {
                from_value(v, "beacon")?
            } else {
                core::draw::BeaconChoice::Drand(from_value(v, "beacon")?)
            }
        }
    };
    let commitment = core::Commitment {
        log_checkpoint,
        algorithm: algorithm.into(),
        suite,
        plan: from_py(plan, "plan")?,
        roots: core::registers::RegisterRoots {
            item_list: item_list.get().0.hash_in(suite),
            targets: targets_root,
            inspectors: inspectors.get().0.root_in(suite),
        },
        participants: from_py(participants, "participants")?,
        signers: from_py(signers, "signers")?,
        beacon,
        committed_at: unix_time(committed_at)?,
        supersedes: supersedes.map(|s| from_py(s, "supersedes")).transpose()?,
        as_of,
    };
    Ok(SignedCommitment(core::SignedCommitment::new(commitment)?))
}

/// A participant's reveal `{"participant", "secret"}` of a 32-byte secret.
#[pyfunction]
pub fn reveal<'py>(py: Python<'py>, participant: &str, secret: &[u8]) -> Result<Bound<'py, PyAny>> {
    let r = core::Reveal {
        participant: participant.into(),
        secret: hex::encode(bytes32(secret, "secret")?),
        signature: None,
    };
    to_py(py, &r)
}

/// draw/v2: a participant's signed reveal `{"participant", "secret", "signature"}` of a
/// 32-byte secret, bound to the commitment `commitment_hash` (hex) and signed with the
/// participant's 32-byte secret key of the suite (Ed25519 seed, or SM2 scalar).
#[pyfunction]
#[pyo3(signature = (participant, secret, commitment_hash, secret_key, suite = None))]
pub fn signed_reveal<'py>(
    py: Python<'py>,
    participant: &str,
    secret: &[u8],
    commitment_hash: &str,
    secret_key: &[u8],
    suite: Option<&str>,
) -> Result<Bound<'py, PyAny>> {
    let key = crate::convert::secret_key(crate::convert::suite(suite)?, secret_key)?;
    let r = core::draw::signed_reveal(
        participant,
        &key,
        &digest(commitment_hash, "commitment_hash")?,
        &bytes32(secret, "secret")?,
    );
    to_py(py, &r)
}

/// The commitment (hex) of a participant's 32-byte secret under the suite, published
/// before the reveal.
#[pyfunction]
#[pyo3(signature = (participant, secret, suite = None))]
pub fn commit_secret(participant: &str, secret: &[u8], suite: Option<&str>) -> Result<String> {
    Ok(core::hazmat::commit_secret_in(
        crate::convert::suite(suite)?,
        participant,
        &bytes32(secret, "secret")?,
    )
    .to_hex())
}

/// draw/v2: the bytes a participant signs when it reveals `secret` for the commitment
/// `commitment_hash` (hex), for a signature made by another tool; the reveal is then
/// `{"participant", "secret": hex, "signature": hex}`.
#[pyfunction]
#[pyo3(signature = (participant, secret, commitment_hash, suite = None))]
pub fn reveal_signing_message(
    participant: &str,
    secret: &[u8],
    commitment_hash: &str,
    suite: Option<&str>,
) -> Result<Vec<u8>> {
    Ok(core::draw::reveal_signing_message(
        crate::convert::suite(suite)?,
        &digest(commitment_hash, "commitment_hash")?,
        participant,
        &bytes32(secret, "secret")?,
    ))
}

/// The public key (hex) of a 32-byte secret key of the suite: Ed25519 (64 hex digits) or
/// SM2 `04‖x‖y` (130 hex digits).
#[pyfunction]
#[pyo3(signature = (secret_key, suite = None))]
pub fn public_key_hex(secret_key: &[u8], suite: Option<&str>) -> Result<String> {
    use core::SuiteSigner as _;
    Ok(crate::convert::secret_key(crate::convert::suite(suite)?, secret_key)?.public_key_hex())
}

/// The drand quicknet chain parameters with the round a plan commits to, as a dict.
#[pyfunction]
pub fn quicknet<'py>(py: Python<'py>, round: u64) -> Result<Bound<'py, PyAny>> {
    to_py(py, &core::draw::DrandSpec::quicknet(round))
}

/// A drand round as drand publishes it (extra members such as a time are left out).
fn beacon_round(obj: &Bound<'_, PyAny>) -> Result<core::BeaconRound> {
    let v: serde_json::Value = from_py(obj, "beacon round")?;
    core::BeaconRound::from_drand_json(&v).map_err(|e| format_error(format!("beacon round: {e}")))
}

/// Checks a drand round (dict `{"round", "signature", "randomness"}`) against the committed
/// spec (bare, or the commitment's `beacon` member) and commitment time; returns the
/// 32-byte randomness. Raises BeaconError.
#[pyfunction]
pub fn verify_round(
    spec: &Bound<'_, PyAny>,
    committed_at: &Bound<'_, PyAny>,
    round: &Bound<'_, PyAny>,
) -> Result<Vec<u8>> {
    let spec: serde_json::Value = from_py(spec, "drand spec")?;
    let spec = core::draw::DrandSpec::from_json(&spec)
        .map_err(|e| format_error(format!("drand spec: {e}")))?;
    let round = beacon_round(round)?;
    Ok(core::draw::verify_round(&spec, unix_time(committed_at)?, &round)?.to_vec())
}

/// The sub-seed (hex) of a seed for one purpose, e.g. "target/low", under the suite.
#[pyfunction]
#[pyo3(signature = (seed, purpose, suite = None))]
pub fn subseed(seed: &str, purpose: &str, suite: Option<&str>) -> Result<String> {
    Ok(core::hazmat::subseed_in(
        crate::convert::suite(suite)?,
        &digest(seed, "seed")?,
        purpose,
    )
    .to_hex())
}

/// The ticket (hex) of a target id under a sub-seed and the suite.
#[pyfunction]
#[pyo3(signature = (subseed, target_id, suite = None))]
pub fn ticket(subseed: &str, target_id: &str, suite: Option<&str>) -> Result<String> {
    core::hazmat::checked_ticket_in(
        crate::convert::suite(suite)?,
        &digest(subseed, "subseed")?,
        target_id,
    )
    .map(|t| t.to_hex())
    .map_err(|e| format_error(format!("target_id {e}")))
}

/// The `take` lowest tickets of the ids in a file (one per line), ascending, as
/// `[(id, ticket_hex)]`. The file is streamed in Rust without the GIL, in O(take) memory
/// (plus one line). Raises ValidationError (with the line) on a line that is not an id or
/// cannot be read, or an id sampled twice.
#[pyfunction]
pub fn sample_ids(
    py: Python<'_>,
    path: std::path::PathBuf,
    subseed: &str,
    take: usize,
) -> Result<Vec<(String, String)>> {
    let seed = digest(subseed, "subseed")?;
    let picked = py.detach(|| -> Result<Vec<core::draw::Ticketed>> {
        let f = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(&path)?);
        Ok(core::draw::sample_reader(&seed, f, take)?)
    })?;
    Ok(picked
        .into_iter()
        .map(|t| (t.target, t.ticket.to_hex()))
        .collect())
}

/// Checks a plan (dict) against an item list. Raises PlanError listing every problem.
#[pyfunction]
pub fn check_plan(plan: &Bound<'_, PyAny>, item_list: &Bound<'_, ItemList>) -> Result<()> {
    let plan: core::DrawPlan = from_py(plan, "plan")?;
    Ok(plan.check(&item_list.get().0)?)
}

/// Runs the draw (without the GIL) and returns its record. `targets` is a TargetRegister,
/// or a TargetQuery that streams the register from a database (the GIL is then held).
///
/// `reveals` is a list of dicts `{"participant", "secret"}` (see `reveal`); `beacon` the
/// drand round dict in drand mode, None offline; `published_numbers` in published-numbers
/// mode a list of dicts `{"source", "issue", "numbers": [[…], …]}`, one per named draw.
/// Raises DrawError (PlanError, BeaconError).
#[pyfunction]
#[pyo3(signature = (commitment, item_list, targets, inspectors, reveals, beacon = None, published_numbers = None))]
#[allow(clippy::too_many_arguments)]
pub fn draw(
    py: Python<'_>,
    commitment: PyRef<'_, SignedCommitment>,
    item_list: &Bound<'_, ItemList>,
    targets: &Bound<'_, PyAny>,
    inspectors: &Bound<'_, PublicInspectorRegister>,
    reveals: &Bound<'_, PyAny>,
    beacon: Option<&Bound<'_, PyAny>>,
    published_numbers: Option<&Bound<'_, PyAny>>,
) -> Result<DrawRecord> {
    let reveals: Vec<core::Reveal> = from_py(reveals, "reveals")?;
    let published: Vec<core::draw::PublishedResult> = published_numbers
        .map(|p| from_py(p, "published_numbers"))
        .transpose()?
        .unwrap_or_default();
    let beacon = beacon.map(beacon_round).transpose()?;
    let c = commitment.0.clone();
    drop(commitment);
    let (items, i) = (&item_list.get().0, &inspectors.get().0);
    let run = |t: &dyn core::draw::TargetSource| {
        core::draw(core::DrawInputs {
            commitment: &c,
            item_list: items,
            targets: t,
            inspectors: i,
            reveals: &reveals,
            beacon: beacon.as_ref(),
            published: &published,
        })
    };
    Ok(DrawRecord(with_source(py, targets, run)?))
}

/// A target register in a UTF-8 CSV file sorted by id (as `TargetRegister.to_csv` and the
/// demo's `targets.public.csv` write it), read as a stream on each pass of the draw or its
/// re-run and never held whole: for a register larger than memory. Rows out of id order
/// stop the draw; each row is validated as it is read.
#[pyclass(module = "shuangsuiji", name = "TargetCsvFile", frozen)]
pub struct TargetCsvFile(core::import::TargetCsvFile);

#[pymethods]
impl TargetCsvFile {
    #[new]
    fn new(path: std::path::PathBuf, as_of: &Bound<'_, PyAny>) -> Result<Self> {
        let as_of = crate::convert::date_from_py(as_of, "as_of")?;
        Ok(TargetCsvFile(core::import::TargetCsvFile::new(path, as_of)))
    }
}

/// Runs `run` over the target source Python gave: a register in memory or a CSV file
/// (without the GIL), or a query (Python, called on each pass, so the GIL stays held; an
/// exception it raised is re-raised as itself, whatever `run` made of the failed pass).
fn with_source<T, E>(
    py: Python<'_>,
    targets: &Bound<'_, PyAny>,
    run: impl Fn(&dyn core::draw::TargetSource) -> std::result::Result<T, E> + Sync,
) -> Result<T>
where
    T: Send,
    E: Into<crate::errors::Error> + Send,
{
    if let Ok(t) = targets.cast::<TargetRegister>() {
        let t = &t.get().0;
        Ok(py.detach(|| run(t)).map_err(Into::into)?)
    } else if let Ok(k) = targets.cast::<SealedKeeper>() {
        let k = &k.get().0;
        Ok(py.detach(|| run(k)).map_err(Into::into)?)
    } else if let Ok(f) = targets.cast::<TargetCsvFile>() {
        let f = &f.get().0;
        Ok(py.detach(|| run(f)).map_err(Into::into)?)
    } else if let Ok(q) = targets.cast::<crate::rows::TargetQuery>() {
        let q = q.get();
        q.take_raised();
        let got = run(q);
        if let Some(raised) = q.take_raised() {
            return Err(raised.into());
        }
        got.map_err(Into::into)
    } else {
        Err(format_error(
            "targets: expected a TargetRegister, a SealedKeeper, a TargetCsvFile or a TargetQuery",
        ))
    }
}

/// Verifies a sealed record (SealedRecord, dict or JSON text) against the public target
/// register and the public inspector register: every signature, commitment, reveal,
/// beacon and root, and a re-run of the draw. Raises VerifyError naming the first failure.
#[pyfunction]
pub fn verify(
    py: Python<'_>,
    record: &Bound<'_, PyAny>,
    targets: &Bound<'_, PyAny>,
    inspectors: &Bound<'_, PublicInspectorRegister>,
) -> Result<Verified> {
    let sealed = sealed_of(record)?;
    let i = &inspectors.get().0;
    let v = with_source(py, targets, |t| core::verify(&sealed, t, i))?;
    Ok(v.into())
}

/// draw/v3 (docs/spec/privacy.md §13): verifies a sealed record against the sealed target
/// view (dict or JSON, as published) and the public inspector register — the public's check,
/// `classes == "public"`. Raises VerifyError naming the first failure.
#[pyfunction]
pub fn verify_sealed(
    py: Python<'_>,
    record: &Bound<'_, PyAny>,
    sealed_view: &Bound<'_, PyAny>,
    inspectors: &Bound<'_, PublicInspectorRegister>,
) -> Result<Verified> {
    let sealed = sealed_of(record)?;
    let view: core::privacy::SealedView = from_py(sealed_view, "sealed_view")?;
    let i = &inspectors.get().0;
    Ok(py.detach(|| core::verify(&sealed, &view, i))?.into())
}

/// draw/v3, the auditor: verifies a sealed record against the full target register, the
/// 32-byte view key its sealed view was made under, and the keeper's inspector view with its
/// declared conflicts (the record is checked against it without them), re-running the whole
/// draw, each class and recusal set included — `classes == "auditor"`. Raises VerifyError
/// naming the first failure.
#[pyfunction]
pub fn audit_sealed(
    py: Python<'_>,
    record: &Bound<'_, PyAny>,
    targets: &Bound<'_, TargetRegister>,
    view_key: &[u8],
    inspectors: &Bound<'_, PublicInspectorRegister>,
) -> Result<Verified> {
    let sealed = sealed_of(record)?;
    let key = core::privacy::ViewKey(crate::convert::bytes32(view_key, "view_key")?);
    let register = targets.get().0.clone();
    let declared = &inspectors.get().0;
    Ok(py
        .detach(|| {
            let keeper = core::draw::SealedKeeper::new(
                register,
                core::privacy::Recusals::of_public(declared),
                key,
            );
            core::verify(&sealed, &keeper, &declared.without_conflicts())
        })?
        .into())
}

fn sealed_of(record: &Bound<'_, PyAny>) -> Result<core::SealedRecord> {
    match record.cast::<SealedRecord>() {
        Ok(s) => Ok(s.borrow().0.clone()),
        Err(_) => from_py(record, "sealed record"),
    }
}

/// Verifies a sealed record as `verify` does and assesses it against `trust` (a trust file
/// as dict, JSON text or bytes; None: no trust file, so nothing is anchored) and `anchor`
/// (the commitment's event in a witnessed checkpoint: dict or JSON with checkpoint, event,
/// index, proof; None: the commitment time stays a claim). Returns the
/// verdict as a dict (docs/spec/trust.md): `level` is "anchored", "not_anchored" (each
/// element without an anchor in `unanchored`) or "failed" (the check in `error`); it never
/// raises for a record that does not verify. Raises TrustError for a trust file that
/// breaks its rules. `prior_records`: the earlier sealed records a draw/v2 plan's
/// `prior_draws` copy (without them the verdict lists `prior_draws` as unchecked).
/// `announcements`: in published-numbers mode, the official announcements as the reader
/// looked them up (`{"source", "issue", "draws_at", "numbers"}`); without them the verdict
/// lists `published_numbers` for the reader to compare.
#[pyfunction]
#[pyo3(signature = (record, targets, inspectors, trust = None, anchor = None, prior_records = None, announcements = None))]
#[allow(clippy::too_many_arguments)]
pub fn verify_trusted<'py>(
    py: Python<'py>,
    record: &Bound<'py, PyAny>,
    targets: &Bound<'py, PyAny>,
    inspectors: &Bound<'py, PublicInspectorRegister>,
    trust: Option<&Bound<'py, PyAny>>,
    anchor: Option<&Bound<'py, PyAny>>,
    prior_records: Option<Vec<Bound<'py, PyAny>>>,
    announcements: Option<&Bound<'py, PyAny>>,
) -> Result<Bound<'py, PyAny>> {
    let announcements: Vec<core::trust::Announcement> = announcements
        .map(|a| from_py(a, "announcements"))
        .transpose()?
        .unwrap_or_default();
    let prior: Vec<core::SealedRecord> = prior_records
        .unwrap_or_default()
        .iter()
        .map(sealed_of)
        .collect::<Result<_>>()?;
    let sealed = sealed_of(record)?;
    let trust = match trust {
        Some(t) => {
            let file: core::trust::TrustFile = from_py(t, "trust file")?;
            file.check()?;
            Some(file)
        }
        None => None,
    };
    let anchor: Option<core::trust::TimeAnchor> =
        anchor.map(|a| from_py(a, "time anchor")).transpose()?;
    let i = &inspectors.get().0;
    let refs = core::trust::References {
        announcements: &announcements,
        prior_records: &prior,
    };
    let verdict = with_source(py, targets, |t| {
        Ok::<_, crate::errors::Error>(core::trust::verify_with_references(
            &sealed,
            t,
            i,
            trust.as_ref(),
            anchor.as_ref(),
            &refs,
        ))
    })?;
    Ok(crate::convert::value_to_py(py, &verdict.to_json())?)
}
