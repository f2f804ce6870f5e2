//! # shuangsuiji — verifiable 双随机、一公开 inspections
//!
//! Chinese regulators inspect market subjects by drawing targets and inspectors at random
//! from published registers (国发〔2019〕5号). This crate is the pure domain of that
//! process: the item list (一单), the target and inspector registers (两库), their
//! validation and Merkle commitments, and the publicly verifiable draw.
//!
//! The crate does no I/O of its own: time, randomness and data come in as values, so that
//! the same inputs give the same bytes in Rust, Python and the browser. File formats
//! (CSV/XLSX) live behind the `import` feature, at the edge.
//!
//! The byte encodings and the draw algorithm are specified in `docs/spec/`; the known-answer
//! vectors in `tests/vectors/` are read by every runtime's tests.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod canonical;
mod dates;
mod ids;
mod inspector;
mod item;
mod merkle;
mod ratio;
mod region;
mod register;
mod target;
mod uscc;
mod validate;

#[cfg(feature = "import")]
pub mod import;

pub use canonical::{canonical_json, tagged_hash, Digest32};
pub use dates::parse_date;
pub use ids::check_id;
pub use inspector::{personal_digest, personal_salt, 
    Inspector, InspectorRegister, InspectorStatus, PersonalInfo, PublicInspector,
    PublicInspectorRegister, Qualification, Sex,
};
pub use item::{Category, Frequency, FrequencyTier, Item, ItemList, LegalBasis, Level, Method, Period};
pub use merkle::{merkle_root, MerkleTree};
pub use ratio::BasisPoints;
pub use region::check_region_code;
pub use register::RegisterRoots;
pub use target::{CreditClass, IsoDate, RiskLevel, Target, TargetKind, TargetRegister, TargetStatus};
pub use uscc::{uscc_check_char, validate_uscc};
pub use validate::{Problem, ProblemKind, RegisterName, ValidationErrors};
/// Civil dates used throughout (re-exported so callers need not pick a `time` version).
pub use time::Date;
