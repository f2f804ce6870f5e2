//! The case workflow (抽查任务) for Python: each function is one step of
//! `shuangsuiji_case`, taking paths, JSON text and the caller's clock (`now`, Unix
//! seconds) and returning JSON-shaped values. No rule lives here.

use crate::convert::value_to_py;
use crate::errors::{format_error, Result};
use pyo3::prelude::*;
use shuangsuiji::SecretKey;
use shuangsuiji_case::casefile::Chain;
use shuangsuiji_case::steps::{commit, new, print, redraw, seal, witness};
use shuangsuiji_case::{keys, layout, status, Store};
use std::path::Path;

fn json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| format_error(format!("{what}: {e}")))
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string_pretty(v).map_err(|e| format_error(e.to_string()))
}

fn open(case: &str) -> Result<Store> {
    Ok(Store::open(Path::new(case))?)
}

/// "Now" for a step: the system clock, or a time the caller sets — the rehearsal clock,
/// which only a rehearsal case accepts (`commit::check_clock`).
fn now_for(store: &Store, now: Option<i64>) -> Result<i64> {
    commit::check_clock(store, now.is_some())?;
    now.map_or_else(system_now, Ok)
}

/// The system clock, in Unix seconds.
fn system_now() -> Result<i64> {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| format_error(e.to_string()))?;
    Ok(i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The log key: the file given, else the one the case names.
fn log_key(store: &Store, path: Option<&str>) -> Result<SecretKey> {
    let path = match path {
        Some(p) => p.to_string(),
        None => {
            let c: shuangsuiji_case::casefile::CaseFile = store.read_json(layout::CASE)?;
            c.log_key
        }
    };
    Ok(keys::read_note_key(Path::new(&path))?)
}

/// `case new`: checks every input (all problems at once, `CaseError.problems`), then
/// writes the case; a `now` given (hand-set) makes it a rehearsal case. `items`, `targets`, `inspectors` are the files' bytes (CSV/XLSX),
/// `plan` the plan's JSON text; `witnesses` (name, verifier key) pairs; `draw` 3 (the
/// default: the target register sealed, `public/targets.sealed.json` published, the full
/// register, view key and declarations in `private/`) or 2.
#[pyfunction]
#[pyo3(signature = (case, items, targets, inspectors, plan, *, list_version, as_of, unit, origin, log_key, now=None, witnesses=Vec::new(), witness_quorum=None, margin=3600, salt=None, suite=None, draw=3))]
#[allow(clippy::too_many_arguments)]
pub fn case_new(
    py: Python<'_>,
    case: &str,
    items: Vec<u8>,
    targets: Vec<u8>,
    inspectors: Vec<u8>,
    plan: &str,
    list_version: &str,
    as_of: &str,
    unit: &str,
    origin: &str,
    log_key: &str,
    now: Option<i64>,
    witnesses: Vec<(String, String)>,
    witness_quorum: Option<u32>,
    margin: i64,
    salt: Option<String>,
    suite: Option<&str>,
    draw: u8,
) -> Result<Py<PyAny>> {
    let suite = crate::convert::suite(suite)?;
    let sealed = match draw {
        3 => true,
        2 => false,
        _ => {
            return Err(format_error(
                "draw: 须为 3 或 2 · 3 (draw/v3, sealed classes; the default) or 2 (draw/v2)",
            ))
        }
    };
    // A hand-set time makes a rehearsal case, and only that (the case crate's clock rule).
    let rehearsal = now.is_some();
    let now = now.map_or_else(system_now, Ok)?;
    let as_of = shuangsuiji::registers::fields::parse_date(as_of)
        .ok_or_else(|| format_error(format!("as_of {as_of:?} is not a date (YYYY-MM-DD)")))?;
    let salt = salt
        .map(|s| {
            let mut k = [0u8; 32];
            hex::decode_to_slice(s.trim(), &mut k)
                .map(|()| k)
                .map_err(|_| format_error("salt: 64 hex digits"))
        })
        .transpose()?;
    let key = keys::read_note_key(Path::new(log_key))?;
    let quorum = witness_quorum.unwrap_or(u32::try_from(witnesses.len()).unwrap_or(u32::MAX));
    let ext = if inspectors.starts_with(b"PK") {
        "xlsx"
    } else {
        "csv"
    };
    let made = new::create(
        Path::new(case),
        new::NewCase {
            items: &items,
            items_version: list_version,
            targets: &targets,
            inspectors: &inspectors,
            inspectors_ext: ext,
            plan: plan.as_bytes(),
            as_of,
            salt,
            unit,
            origin,
            log_key_path: log_key,
            log_key: key,
            chain: Chain::quicknet(),
            margin_seconds: margin,
            witnesses,
            witness_quorum: quorum,
            rehearsal,
            suite,
            sealed,
        },
        now,
    )?;
    let v = serde_json::json!({
        "plan_id": made.plan_id,
        "items": made.counts.0, "targets": made.counts.1, "inspectors": made.counts.2,
        "notes": made.notes,
    });
    Ok(value_to_py(py, &v)?.unbind())
}

/// Files a participant's `participant.json` (its text).
#[pyfunction]
pub fn case_add_participant(case: &str, participant: &str) -> Result<()> {
    Ok(commit::add_participant(
        &open(case)?,
        json(participant, "participant")?,
    )?)
}

/// Files a signer's `public.json` (its text).
#[pyfunction]
pub fn case_add_signer(case: &str, signer: &str) -> Result<()> {
    Ok(commit::add_signer(&open(case)?, json(signer, "signer")?)?)
}

/// Builds the commitment; returns its hash, round and round time. `published`: the
/// published-numbers beacon's spec (text of `{"draws": [...]}`) instead of a drand round;
/// `ceremony`: a live ceremony (participants' reveals only, in turn).
#[pyfunction]
#[pyo3(signature = (case, now=None, round=None, log_key=None, published=None, ceremony=false))]
pub fn case_commit(
    py: Python<'_>,
    case: &str,
    now: Option<i64>,
    round: Option<u64>,
    log_key: Option<&str>,
    published: Option<&str>,
    ceremony: bool,
) -> Result<Py<PyAny>> {
    let s = open(case)?;
    let k = self::log_key(&s, log_key)?;
    let plan = match (published, ceremony) {
        (Some(p), _) => commit::BeaconPlan::Published(json(p, "published")?),
        (None, true) => commit::BeaconPlan::Ceremony,
        (None, false) => commit::BeaconPlan::Drand { round },
    };
    let c = commit::commit(&s, k, now_for(&s, now)?, plan)?;
    let v =
        serde_json::json!({"hash": c.hash.to_hex(), "round": c.round, "round_time": c.round_time});
    Ok(value_to_py(py, &v)?.unbind())
}

/// Files a signature (the text of a file `keys_sign` made).
#[pyfunction]
#[pyo3(signature = (case, signature, now=None, log_key=None))]
pub fn case_add_signature(
    case: &str,
    signature: &str,
    now: Option<i64>,
    log_key: Option<&str>,
) -> Result<()> {
    let s = open(case)?;
    let k = self::log_key(&s, log_key)?;
    let t = now_for(&s, now)?;
    Ok(commit::add_signature(
        &s,
        k,
        json(signature, "signature")?,
        t,
    )?)
}

/// Files a participant's reveal (the text `keys_reveal` made).
#[pyfunction]
#[pyo3(signature = (case, reveal, now=None, log_key=None))]
pub fn case_add_reveal(
    case: &str,
    reveal: &str,
    now: Option<i64>,
    log_key: Option<&str>,
) -> Result<()> {
    let s = open(case)?;
    let k = self::log_key(&s, log_key)?;
    let t = now_for(&s, now)?;
    Ok(commit::add_reveal(&s, k, json(reveal, "reveal")?, t)?)
}

/// Signs a checkpoint for the witnesses; returns, per witness, its old size and proof file.
#[pyfunction]
#[pyo3(signature = (case, now=None, log_key=None))]
pub fn case_witness_request(
    py: Python<'_>,
    case: &str,
    now: Option<i64>,
    log_key: Option<&str>,
) -> Result<Py<PyAny>> {
    let s = open(case)?;
    let k = self::log_key(&s, log_key)?;
    let r = witness::request(&s, k, now_for(&s, now)?)?;
    let v = serde_json::json!({
        "size": r.size,
        "after_round": r.after_round,
        "checkpoint": s.path(layout::WITNESS_CHECKPOINT).to_string_lossy(),
        "witnesses": r.witnesses.iter().map(|(n, old, proof)| serde_json::json!({
            "name": n, "old_size": old, "proof": s.path(proof).to_string_lossy(),
        })).collect::<Vec<_>>(),
    });
    Ok(value_to_py(py, &v)?.unbind())
}

/// Files a witness's cosignature line.
#[pyfunction]
pub fn case_add_cosignature(case: &str, line: &str) -> Result<u64> {
    Ok(witness::file_cosignature(&open(case)?, line)?.time)
}

/// Files the beacon round (drand's JSON text for the round); returns the round number.
#[pyfunction]
pub fn case_beacon(case: &str, round: &str) -> Result<u64> {
    let v: serde_json::Value = json(round, "beacon round")?;
    Ok(seal::beacon(&open(case)?, &v)?)
}

/// Runs the draw; returns the record's hash.
#[pyfunction]
#[pyo3(signature = (case, now=None, log_key=None))]
pub fn case_draw(case: &str, now: Option<i64>, log_key: Option<&str>) -> Result<String> {
    let s = open(case)?;
    let k = self::log_key(&s, log_key)?;
    let t = now_for(&s, now)?;
    Ok(seal::run_draw(&s, k, t)?.hash.to_hex())
}

/// Sets the round aside for a re-draw; returns the superseded commitment's hash.
#[pyfunction]
#[pyo3(signature = (case, reason, now=None, note=None, log_key=None))]
pub fn case_redraw(
    case: &str,
    reason: &str,
    now: Option<i64>,
    note: Option<&str>,
    log_key: Option<&str>,
) -> Result<String> {
    let s = open(case)?;
    let k = self::log_key(&s, log_key)?;
    let t = now_for(&s, now)?;
    Ok(redraw::redraw(&s, k, reason, note, t)?.to_hex())
}

/// The verdict on the case's record under a trust file (JSON text), as `verify_trusted`.
#[pyfunction]
#[pyo3(signature = (case, trust=None))]
pub fn case_verify(py: Python<'_>, case: &str, trust: Option<&str>) -> Result<Py<PyAny>> {
    let s = open(case)?;
    let t: Option<shuangsuiji::trust::TrustFile> =
        trust.map(|t| json(t, "trust file")).transpose()?;
    let v = seal::verdict(&s, t.as_ref())?;
    Ok(value_to_py(py, &v.to_json())?.unbind())
}

/// A trust-file draft from the case (JSON text): a verifier must get its own.
#[pyfunction]
pub fn case_trust_draft(case: &str, name: &str) -> Result<String> {
    to_json(&seal::trust_draft(&open(case)?, name)?)
}

/// Writes the printable 抽查记录 (internal and public); returns their paths in the case.
#[pyfunction]
#[pyo3(signature = (case, trust=None))]
pub fn case_print(case: &str, trust: Option<&str>) -> Result<Vec<String>> {
    let s = open(case)?;
    let t: Option<shuangsuiji::trust::TrustFile> =
        trust.map(|t| json(t, "trust file")).transpose()?;
    Ok(print::print_record(&s, t.as_ref())?)
}

/// Writes dispatch lists and notices; returns (lists, notices).
#[pyfunction]
pub fn case_dispatch(case: &str) -> Result<(usize, usize)> {
    Ok(print::dispatch_all(&open(case)?)?)
}

/// What is done, who acts next, and the deadlines, at `now`.
#[pyfunction]
#[pyo3(signature = (case, now=None))]
pub fn case_status(py: Python<'_>, case: &str, now: Option<i64>) -> Result<Py<PyAny>> {
    let s = open(case)?;
    let t = now_for(&s, now)?;
    let st = status::status(&s, t)?;
    let v = serde_json::json!({
        "plan_id": st.plan_id,
        "steps": st.steps.iter().map(|s| serde_json::json!({"name": s.name, "done": s.done, "detail": s.detail})).collect::<Vec<_>>(),
        "next": st.next,
        "deadlines": st.deadlines,
    });
    Ok(value_to_py(py, &v)?.unbind())
}

/// A new folder's public part as JSON text, the folder marked for rehearsal if asked.
fn marked<T: serde::Serialize>(dir: &str, rehearsal: bool, public: &T) -> Result<String> {
    if rehearsal {
        keys::mark_rehearsal(Path::new(dir))?;
    }
    to_json(public)
}

/// A signer's key folder (marked for rehearsal if asked); returns its public part (JSON text).
#[pyfunction]
#[pyo3(signature = (dir, name, role, rehearsal=false, suite=None))]
pub fn keys_new_signer(
    dir: &str,
    name: &str,
    role: &str,
    rehearsal: bool,
    suite: Option<&str>,
) -> Result<String> {
    let p = keys::new_signer(Path::new(dir), name, role, crate::convert::suite(suite)?)?;
    marked(dir, rehearsal, &p)
}

/// A participant's folder (marked for rehearsal if asked); returns its public part.
#[pyfunction]
#[pyo3(signature = (dir, id, role, rehearsal=false, suite=None))]
pub fn keys_new_participant(
    dir: &str,
    id: &str,
    role: &str,
    rehearsal: bool,
    suite: Option<&str>,
) -> Result<String> {
    let p = keys::new_participant(Path::new(dir), id, role, crate::convert::suite(suite)?)?;
    marked(dir, rehearsal, &p)
}

/// "Now" for a key folder: the system clock, or a hand-set time for a rehearsal folder.
fn folder_now(dir: &str, now: Option<i64>) -> Result<i64> {
    keys::check_clock(Path::new(dir), now.is_some())?;
    now.map_or_else(system_now, Ok)
}

/// Signs a commitment or record (its bytes) with the folder's key; a record needs the
/// public registers' JSON texts (a draw/v3 record: the sealed target view). Returns the signature file's text.
#[pyfunction]
#[pyo3(signature = (dir, document, now=None, targets=None, inspectors=None))]
pub fn keys_sign(
    dir: &str,
    document: Vec<u8>,
    now: Option<i64>,
    targets: Option<&str>,
    inspectors: Option<&str>,
) -> Result<String> {
    let targets = match targets {
        Some(t) => keys::public_targets(&document, || Ok(t.as_bytes().to_vec()))?,
        None => None,
    };
    let views = match (targets, inspectors) {
        (Some(t), Some(i)) => Some((
            t,
            json::<shuangsuiji::PublicInspectorRegister>(i, "inspectors")?,
        )),
        _ => None,
    };
    let t = folder_now(dir, now)?;
    let (sig, _) = keys::sign(
        Path::new(dir),
        &document,
        views.as_ref().map(|(t, i)| (t.as_ref(), i)),
        t,
    )?;
    to_json(&sig)
}

/// The participant's signed reveal for a commitment (its bytes); returns its text.
#[pyfunction]
#[pyo3(signature = (dir, commitment, now=None))]
pub fn keys_reveal(dir: &str, commitment: Vec<u8>, now: Option<i64>) -> Result<String> {
    let t = folder_now(dir, now)?;
    let (r, _) = keys::reveal(Path::new(dir), &commitment, t)?;
    to_json(&r)
}

/// Adds the functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for f in [
        wrap_pyfunction!(case_new, m)?,
        wrap_pyfunction!(case_add_participant, m)?,
        wrap_pyfunction!(case_add_signer, m)?,
        wrap_pyfunction!(case_commit, m)?,
        wrap_pyfunction!(case_add_signature, m)?,
        wrap_pyfunction!(case_add_reveal, m)?,
        wrap_pyfunction!(case_witness_request, m)?,
        wrap_pyfunction!(case_add_cosignature, m)?,
        wrap_pyfunction!(case_beacon, m)?,
        wrap_pyfunction!(case_draw, m)?,
        wrap_pyfunction!(case_redraw, m)?,
        wrap_pyfunction!(case_verify, m)?,
        wrap_pyfunction!(case_trust_draft, m)?,
        wrap_pyfunction!(case_print, m)?,
        wrap_pyfunction!(case_dispatch, m)?,
        wrap_pyfunction!(case_status, m)?,
        wrap_pyfunction!(keys_new_signer, m)?,
        wrap_pyfunction!(keys_new_participant, m)?,
        wrap_pyfunction!(keys_sign, m)?,
        wrap_pyfunction!(keys_reveal, m)?,
    ] {
        m.add_function(f)?;
    }
    Ok(())
}
