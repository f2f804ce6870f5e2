//! The audit log (全过程留痕): leaf hashes, roots and proofs over stored events, and
//! verification of proofs and signed checkpoints. Conversion only.

use crate::convert::{digest, from_py, suite, to_py};
use crate::errors::{format_error, Result};
use pyo3::prelude::*;
use shuangsuiji::audit::{self, AuditLog, Event, SignedCheckpoint};
use shuangsuiji::Digest32;

fn events(list: &Bound<'_, PyAny>) -> Result<Vec<Event>> {
    from_py(list, "events")
}

fn digests(hexes: Vec<String>, what: &str) -> Result<Vec<Digest32>> {
    hexes.iter().map(|h| digest(h, what)).collect()
}

fn hexes(ds: Vec<Digest32>) -> Vec<String> {
    ds.iter().map(Digest32::to_hex).collect()
}

/// RFC 6962 leaf hash (hex) of one event dict `{"kind", "actor", "time", "subject", "note"?}`
/// in a log of `suite` (default `ed25519-sha256`; `sm2-sm3`: SM3).
#[pyfunction]
#[pyo3(signature = (event, *, suite = None))]
pub fn audit_leaf_hash(event: &Bound<'_, PyAny>, suite: Option<&str>) -> Result<String> {
    let e: Event = from_py(event, "event")?;
    Ok(e.leaf_hash_in(self::suite(suite)?).to_hex())
}

/// Root (hex) of the first `size` events (all when `size` is None).
#[pyfunction]
#[pyo3(signature = (events_list, size = None, *, suite = None))]
pub fn audit_root(
    events_list: &Bound<'_, PyAny>,
    size: Option<u64>,
    suite: Option<&str>,
) -> Result<String> {
    let log = AuditLog::from_events_in(self::suite(suite)?, &events(events_list)?);
    let n = size.unwrap_or(log.size());
    log.root_at(n)
        .map(|d| d.to_hex())
        .ok_or_else(|| format_error(format!("size {n} exceeds the {} events", log.size())))
}

/// Inclusion proof (list of hex) of event `index` in the tree of `size` events.
#[pyfunction]
#[pyo3(signature = (events_list, index, size, *, suite = None))]
pub fn audit_inclusion_proof(
    events_list: &Bound<'_, PyAny>,
    index: u64,
    size: u64,
    suite: Option<&str>,
) -> Result<Vec<String>> {
    let log = AuditLog::from_events_in(self::suite(suite)?, &events(events_list)?);
    log.inclusion_proof(index, size)
        .map(hexes)
        .ok_or_else(|| format_error("index or size outside the log"))
}

/// Consistency proof (list of hex) that the tree of `size2` events extends that of `size1`.
#[pyfunction]
#[pyo3(signature = (events_list, size1, size2, *, suite = None))]
pub fn audit_consistency_proof(
    events_list: &Bound<'_, PyAny>,
    size1: u64,
    size2: u64,
    suite: Option<&str>,
) -> Result<Vec<String>> {
    let log = AuditLog::from_events_in(self::suite(suite)?, &events(events_list)?);
    log.consistency_proof(size1, size2)
        .map(hexes)
        .ok_or_else(|| format_error("sizes outside the log or out of order"))
}

/// Checks an inclusion proof; raises `AuditError` when it fails.
#[pyfunction]
#[pyo3(signature = (leaf_hash, index, size, proof, root, *, suite = None))]
pub fn verify_inclusion(
    leaf_hash: &str,
    index: u64,
    size: u64,
    proof: Vec<String>,
    root: &str,
    suite: Option<&str>,
) -> Result<()> {
    audit::verify_inclusion_in(
        self::suite(suite)?,
        &digest(leaf_hash, "leaf_hash")?,
        index,
        size,
        &digests(proof, "proof")?,
        &digest(root, "root")?,
    )?;
    Ok(())
}

/// Checks a consistency proof; raises `AuditError` when it fails.
#[pyfunction]
#[pyo3(signature = (size1, size2, root1, root2, proof, *, suite = None))]
pub fn verify_consistency(
    size1: u64,
    size2: u64,
    root1: &str,
    root2: &str,
    proof: Vec<String>,
    suite: Option<&str>,
) -> Result<()> {
    audit::verify_consistency_in(
        self::suite(suite)?,
        size1,
        size2,
        &digest(root1, "root1")?,
        &digest(root2, "root2")?,
        &digests(proof, "proof")?,
    )?;
    Ok(())
}

/// Verifies a signed checkpoint (C2SP note text) under a verifier key
/// (`<name>+<hash>+<key>`, Ed25519 or SM2: its type says which); returns
/// `{"origin", "size", "root", "suite"}`.
#[pyfunction]
pub fn verify_checkpoint<'py>(
    py: Python<'py>,
    text: &str,
    verifier_key: &str,
) -> Result<Bound<'py, PyAny>> {
    let v = SignedCheckpoint::verify(text, verifier_key)?;
    let c = v.checkpoint;
    to_py(
        py,
        &serde_json::json!({"origin": c.origin, "size": c.size, "root": c.root, "suite": v.suite}),
    )
}

/// Checks that an event is entry `index` of the log whose signed checkpoint is `text`.
#[pyfunction]
pub fn verify_event_in_checkpoint(
    event: &Bound<'_, PyAny>,
    index: u64,
    proof: Vec<String>,
    text: &str,
    verifier_key: &str,
) -> Result<()> {
    let e: Event = from_py(event, "event")?;
    audit::verify_event_in_checkpoint(&e, index, &digests(proof, "proof")?, text, verifier_key)?;
    Ok(())
}
