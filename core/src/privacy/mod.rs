//! draw/v3: risk level and credit class out of the published files, the selection still
//! re-runnable by anyone (docs/spec/privacy.md).
//!
//! The public target view becomes a *sealed* view: each leaf commits to its classes with
//! Pedersen commitments, one per possible value. A draw/v3 selection gives each eligible
//! target one ticket, and its [`ClassProof`] opens only the class facts the re-run needs:
//! membership of the kept targets, and "not in k" for the targets whose tickets would
//! otherwise have won in `k`. Populations are bound to the leaves by the commitments' sum.
//! The auditor, holding the view key and the full register, re-seals and re-proves.

pub mod auditor;
pub mod check;
pub mod disclosure;
pub mod error;
pub mod pedersen;
pub mod prove;
pub mod recusal;
pub mod sealed;

pub use auditor::{check_auditor, check_auditor_with, AuditorVerdict};
pub use check::{check_public, PublicVerdict, StratumCheck};
pub use disclosure::{candidates_for_undisclosed, disclosure, Disclosure};
pub use error::PrivacyError;
pub use pedersen::ViewKey;
pub use prove::{
    eligible_tickets, prove, ClassProof, Opening, SelectionInputs, StratumProof, ALGORITHM_V3,
};
pub use recusal::{RecusalOpening, Recusals};
pub use sealed::{seal, ClassAttribute, SealedTarget, SealedView};
