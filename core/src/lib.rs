//! # shuangsuiji — verifiable 双随机、一公开 inspections
//!
//! Chinese regulators inspect market subjects by drawing targets and inspectors at random
//! from published registers (国发〔2019〕5号). This crate is the pure domain of that
//! process, in the order a draw goes through it:
//!
//! | Step | Module | Seed phrase |
//! | --- | --- | --- |
//! | item list and registers, validated and committed to | [`registers`] | 一单两库 |
//! | plan, commitment, reveals, beacon, draw, record, verification | [`draw`](mod@draw) | 双随机 |
//! | results, redaction, signed public notice, deadline | [`publish`](mod@publish) | 一公开 |
//! | the append-only trail of every step | [`audit`] | 全过程留痕 |
//! | canonical bytes, hashes, Merkle trees, signatures | [`encoding`] | |
//! | CSV/XLSX in and out (feature `import`) | `import` | 附件1、附件2 |
//! | what the verifier trusts, and the verdict | [`trust`] | 谁抽查、谁签字 |
//! | the draw's primitives, for re-implementers | [`hazmat`] | |
//!
//! The crate does no I/O of its own: time, randomness and data come in as values, so that
//! the same inputs give the same bytes in Rust, Python and the browser. The byte encodings
//! and the draw algorithm are specified in `docs/spec/`; the known-answer vectors in
//! `tests/vectors/` are read by every runtime's tests; `docs/architecture.md` maps the
//! seed's rules to the modules that implement them.
#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod audit;
pub mod draw;
pub mod encoding;
mod explain;
pub mod hazmat;
#[cfg(feature = "import")]
pub mod import;
pub mod privacy;
pub mod publish;
pub mod registers;
pub mod trust;

pub use draw::{
    draw, verify, BeaconRound, Commitment, DrawError, DrawInputs, DrawPlan, DrawRecord, PlanError,
    Reveal, SealedRecord, SignedCommitment, Verified, VerifyError,
};
pub use encoding::{Digest32, SecretKey, SigningKey, Suite, SuiteSigner};
pub use explain::Explain;
pub use publish::{
    publish, InspectionResult, NoticeError, PublishError, RedactionPolicy, SignedNotice,
};
pub use registers::{
    InspectorRegister, ItemList, PublicInspectorRegister, TargetRegister, ValidationErrors,
};
/// Civil dates used throughout (re-exported so callers need not pick a `time` version).
pub use time::Date;

/// The repository README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctest;
