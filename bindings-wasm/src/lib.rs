//! # shuangsuiji-wasm — verify a published 双随机 draw in the browser or Node
//!
//! WebAssembly bindings of the `shuangsuiji` crate, for the public: anyone holding a
//! sealed draw record and the public register views re-runs the draw and checks every
//! signature, commitment, reveal, beacon and root, exactly as `shuangsuiji verify` does.
//!
//! The bindings hold no domain logic. Each function parses its inputs in Rust (strings or
//! bytes — a 1M-target register is one `Uint8Array`, never a million JS objects), calls
//! the core, and hands back a plain object. Errors of the core are converted once, in
//! [`errors`].
//!
//! | Export | Core |
//! | --- | --- |
//! | `verify(record, targets, inspectors, asOf?)` | [`shuangsuiji::verify`] |
//! | `verifyStreamed(record, readTargets, inspectors, asOf)` | `verify` over `import::TargetCsvStream` |
//! | `verifyRound(spec, committedAt, round)` | [`shuangsuiji::draw::verify_round`] |
//! | `registerRoots({itemList, itemListVersion, targets, inspectors, asOf})` | `ItemList::hash`, `TargetRegister::root`, `PublicInspectorRegister::root` |
//! | `recordHash(record)`, `canonicalRecord(record)` | `DrawRecord::hash`, `DrawRecord::canonical_bytes` |
//! | `verifyNotice(notice, csv?)`, `verifyDisclosures(notice, disclosures)` | `SignedNotice::verify`, `verify_csv`, `verify_disclosures` |
//! | `disclosureCommitment(salt, path, valueJson)` | [`shuangsuiji::publish::disclosure_commitment`] |
//! | `verifyAuditLog(log, verifierKey?, subjects?)` | `audit::LogFile::verify` |
//! | `sampleIds(text, subseed, take)` | [`shuangsuiji::draw::sample_lines`] |
//!
//! The modules mirror the Python binding's: `registers`, `draw`, `publish`, `audit`, and
//! `errors` (the one place core errors become JS values); `input` reads strings and bytes,
//! [`types`] holds the TypeScript types of the returned objects.

// A `Failure` carries both messages and the kinds (about 160 bytes); it travels only on the
// failure path, once per call, so its size costs nothing worth boxing it for.
#![allow(clippy::result_large_err)]

mod audit;
mod draw;
pub mod errors;
mod input;
mod privacy;
mod publish;
mod registers;
mod sm;
pub mod types;

use wasm_bindgen::prelude::*;

/// The version of this package (and of the `shuangsuiji` core it was built with).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
