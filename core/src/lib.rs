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
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

mod beacon;
mod calendar;
mod canonical;
mod dates;
mod draw;
mod error;
mod ids;
mod inspector;
mod item;
mod matching;
mod merkle;
mod names;
mod plan;
mod protocol;
mod publish;
mod ratio;
mod record;
mod region;
mod register;
mod sample;
mod select;
mod sign;
mod target;
mod uniform;
mod uscc;
mod validate;
mod verify;

pub mod audit;
#[cfg(feature = "import")]
pub mod import;

pub use beacon::{verify_round, BeaconRound, DrandSpec};
pub use calendar::{
    publish_by, CalendarError, CalendarYear, DaysOff, DeadlineItem, DeadlineLine, DeadlineReport,
    DeadlineStatus, MakeUpDay, NoticeRef, WorkingCalendar, CALENDAR_FORMAT,
    PUBLICATION_WORKING_DAYS,
};
pub use canonical::{canonical_json, tagged_hash, Digest32};
pub use dates::parse_date;
pub use draw::{draw, DrawInputs, TargetSource};
pub use error::{BeaconError, DrawError, PlanError, VerifyError};
pub use ids::check_id;
pub use inspector::{
    personal_digest, personal_salt, Inspector, InspectorRegister, InspectorStatus, PersonalInfo,
    PublicInspector, PublicInspectorRegister, Qualification, Sex,
};
pub use item::{
    Category, Frequency, FrequencyTier, Item, ItemList, LegalBasis, Level, Method, Period,
};
pub use matching::{Member, Role, Team};
pub use merkle::{merkle_root, MerkleTree};
pub use names::{check_name, normalise_name};
pub use plan::{
    DepartmentTeam, DrawPlan, Exclusions, Rounding, StratifyBy, Stratum, TargetFilter, TeamRules,
    Visit,
};
pub use protocol::{
    check_reveals, commit_secret, seed, subseed, BeaconChoice, Commitment, Participant, Reveal,
    Signer, Supersedes, ALGORITHM,
};
pub use publish::{
    commitment, cut_address, mask_badge, mask_id_number, mask_name, mask_phone, publish,
    ContactPerson, CreditEntry, CreditFeed, Disclosure, FieldKind, FieldSelector, FollowUp,
    InspectionResult, NoticeEntry, NoticeError, NoticeHeader, Operator, OutcomeCode, Override,
    OverrideBasis, PolicyError, PublicNotice, Publication, PublishError, PublishedValue,
    PublisherKey, RedactionClass, RedactionPolicy, RedactionRule, ResultTarget, Salt, Sensitivity,
    SensitivityMark, SignatureHex, SignedNotice, TeamMember,
};
pub use ratio::BasisPoints;
pub use record::{DrawRecord, SealedRecord, SignedCommitment};
pub use region::check_region_code;
pub use register::RegisterRoots;
pub use sample::{sample_lines, sample_reader};
pub use select::{
    checked_ticket, lowest_tickets, ticket, Census, Exclusion, ExclusionReason, Selection,
    Selector, StratumDraw, Ticketed,
};
pub use sign::{
    public_key_hex, sign_hash, verify_entry, SignatureEntry, COMMITMENT_CONTEXT, RECORD_CONTEXT,
};
pub use target::{
    CreditClass, IsoDate, RiskLevel, Target, TargetKind, TargetRegister, TargetStatus,
};
/// Civil dates used throughout (re-exported so callers need not pick a `time` version).
pub use time::Date;
pub use uscc::{uscc_check_char, validate_uscc};
pub use validate::{Problem, ProblemKind, RegisterName, ValidationErrors};
pub use verify::{verify, Verified};
