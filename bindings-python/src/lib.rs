//! Python bindings of `shuangsuiji`, the native module `shuangsuiji._shuangsuiji`.
//!
//! This crate holds no domain logic: it converts Python values to the core's types and
//! back (`convert`), and the core's errors to Python exceptions (`errors`, the one place).
//! The public Python package `shuangsuiji` (python/shuangsuiji/) re-exports it, and
//! `_shuangsuiji.pyi` types it (checked by `mypy.stubtest` in scripts/test-python.sh).
#![forbid(unsafe_code)]

#[macro_use]
mod methods;

mod audit;
mod case;
mod convert;
mod draw;
mod errors;
mod privacy;
mod publish;
mod registers;
mod rows;
mod sm;

use convert::py_to_value;
use errors::Result;
use pyo3::prelude::*;

/// RFC 8785 canonical JSON bytes of a value (dict, list, str, int, bool, None; dates as ISO
/// text; objects of this module through their `to_dict()`).
#[pyfunction]
fn canonical_json(value: &Bound<'_, PyAny>) -> Result<Vec<u8>> {
    shuangsuiji::encoding::canonical_json(&py_to_value(value)?)
        .map_err(|e| errors::format_error(e.to_string()))
}

/// `SHA-256(len(tag) || tag || parts...)` (hex): the hashing shape of every commitment.
#[pyfunction]
#[pyo3(signature = (tag, *parts))]
fn tagged_hash(tag: &str, parts: Vec<Vec<u8>>) -> String {
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    shuangsuiji::encoding::tagged_hash(tag, &refs).to_hex()
}

#[pymodule]
fn _shuangsuiji(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    case::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ALGORITHM", shuangsuiji::draw::ALGORITHM)?;
    m.add(
        "PUBLICATION_WORKING_DAYS",
        shuangsuiji::publish::PUBLICATION_WORKING_DAYS,
    )?;
    m.add_class::<registers::ItemList>()?;
    m.add_class::<registers::TargetRegister>()?;
    m.add_class::<registers::InspectorRegister>()?;
    m.add_class::<registers::PublicInspectorRegister>()?;
    m.add_class::<draw::SignedCommitment>()?;
    m.add_class::<draw::DrawRecord>()?;
    m.add_class::<draw::SealedRecord>()?;
    m.add_class::<draw::Verified>()?;
    m.add_class::<publish::SignedNotice>()?;
    m.add_class::<publish::Publication>()?;
    m.add_class::<rows::TargetQuery>()?;
    m.add_class::<draw::TargetCsvFile>()?;
    m.add_class::<privacy::SealedKeeper>()?;
    for f in [
        wrap_pyfunction!(registers::personal_salt, m)?,
        wrap_pyfunction!(registers::personal_digest, m)?,
        wrap_pyfunction!(draw::commit, m)?,
        wrap_pyfunction!(draw::reveal, m)?,
        wrap_pyfunction!(draw::signed_reveal, m)?,
        wrap_pyfunction!(draw::commit_secret, m)?,
        wrap_pyfunction!(draw::reveal_signing_message, m)?,
        wrap_pyfunction!(draw::public_key_hex, m)?,
        wrap_pyfunction!(draw::quicknet, m)?,
        wrap_pyfunction!(draw::verify_round, m)?,
        wrap_pyfunction!(draw::subseed, m)?,
        wrap_pyfunction!(draw::verify_sealed, m)?,
        wrap_pyfunction!(draw::audit_sealed, m)?,
        wrap_pyfunction!(privacy::seal_targets, m)?,
        wrap_pyfunction!(privacy::sealed_root, m)?,
        wrap_pyfunction!(privacy::prove_classes, m)?,
        wrap_pyfunction!(privacy::check_classes_public, m)?,
        wrap_pyfunction!(privacy::check_classes_auditor, m)?,
        wrap_pyfunction!(privacy::class_disclosure, m)?,
        wrap_pyfunction!(sm::sm3_hex, m)?,
        wrap_pyfunction!(sm::sm2_public_key, m)?,
        wrap_pyfunction!(sm::sm2_sign, m)?,
        wrap_pyfunction!(sm::sm2_verify, m)?,
        wrap_pyfunction!(sm::sm2_signature_from_der, m)?,
        wrap_pyfunction!(sm::sm2_public_key_pem, m)?,
        wrap_pyfunction!(sm::sm2_public_key_from_pem, m)?,
        wrap_pyfunction!(sm::sm2_secret_key_from_pem, m)?,
        wrap_pyfunction!(sm::sm2_secret_key_pem, m)?,
        wrap_pyfunction!(draw::ticket, m)?,
        wrap_pyfunction!(draw::sample_ids, m)?,
        wrap_pyfunction!(draw::check_plan, m)?,
        wrap_pyfunction!(draw::draw, m)?,
        wrap_pyfunction!(draw::verify, m)?,
        wrap_pyfunction!(draw::verify_trusted, m)?,
        wrap_pyfunction!(publish::publish, m)?,
        wrap_pyfunction!(rows::import_results_rows, m)?,
        wrap_pyfunction!(rows::import_results_arrow, m)?,
        wrap_pyfunction!(publish::default_policy, m)?,
        wrap_pyfunction!(publish::validate_policy, m)?,
        wrap_pyfunction!(publish::policy_digest, m)?,
        wrap_pyfunction!(publish::disclosure_commitment, m)?,
        wrap_pyfunction!(publish::mask_name, m)?,
        wrap_pyfunction!(publish::mask_phone, m)?,
        wrap_pyfunction!(publish::mask_id_number, m)?,
        wrap_pyfunction!(publish::mask_badge, m)?,
        wrap_pyfunction!(publish::cut_address, m)?,
        wrap_pyfunction!(registers::template_csv, m)?,
        wrap_pyfunction!(registers::import_notes, m)?,
        wrap_pyfunction!(publish::results_template_csv, m)?,
        wrap_pyfunction!(publish::import_results, m)?,
        wrap_pyfunction!(publish::publish_by, m)?,
        wrap_pyfunction!(publish::is_working_day, m)?,
        wrap_pyfunction!(audit::audit_leaf_hash, m)?,
        wrap_pyfunction!(audit::audit_root, m)?,
        wrap_pyfunction!(audit::audit_inclusion_proof, m)?,
        wrap_pyfunction!(audit::audit_consistency_proof, m)?,
        wrap_pyfunction!(audit::verify_inclusion, m)?,
        wrap_pyfunction!(audit::verify_consistency, m)?,
        wrap_pyfunction!(audit::verify_checkpoint, m)?,
        wrap_pyfunction!(audit::verify_event_in_checkpoint, m)?,
        wrap_pyfunction!(canonical_json, m)?,
        wrap_pyfunction!(tagged_hash, m)?,
    ] {
        m.add_function(f)?;
    }
    Ok(())
}
