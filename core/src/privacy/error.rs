//! Why a draw/v3 class proof, or the view it speaks about, is refused. Every message names
//! the target, stratum or member (Chinese in [`crate::Explain`]).

use crate::draw::error::DrawError;

/// A draw/v3 privacy failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PrivacyError {
    /// A sealed leaf is malformed.
    #[error("sealed entry {target}, {field}: {}", en(detail))]
    Leaf {
        /// Target id.
        target: String,
        /// Member path.
        field: String,
        /// What is wrong.
        detail: String,
    },
    /// A target's commitments do not add up to exactly one class.
    #[error("target {target}: its {attribute} commitments do not add up to exactly one class")]
    NotOneClass {
        /// Target id.
        target: String,
        /// `risk` or `credit`.
        attribute: String,
    },
    /// A stated population does not match the committed bits of the eligible targets.
    #[error("stratum {stratum}: the stated population {stated} is not the sum of the eligible targets' commitments")]
    Population {
        /// Stratum key (`unknown` for the unstated class).
        stratum: String,
        /// What the proof states.
        stated: u64,
    },
    /// A stratum kept whole: the weighted sum of the unkept targets' commitments is not
    /// `s·B`, so some unkept entry does not commit to 0 (a member may have been dropped).
    #[error("stratum {stratum} keeps every member, but the unkept targets' commitments do not all commit to 0 (zero check)")]
    ZeroCheck {
        /// Stratum key.
        stratum: String,
    },
    /// The walk needs an opening the proof does not give.
    #[error("missing opening of target {target} for stratum {stratum}: its ticket is below the stratum's threshold")]
    MissingOpening {
        /// Target id.
        target: String,
        /// Stratum key.
        stratum: String,
    },
    /// The proof opens a class fact the argument does not need (a channel for leaking
    /// classes, review S2).
    #[error("opening of target {target} for stratum {stratum} is not needed and is refused (it would disclose a class)")]
    ExtraOpening {
        /// Target id.
        target: String,
        /// Stratum key.
        stratum: String,
    },
    /// An opening does not match the leaf, or opens a value other than 0 or 1.
    #[error(
        "opening of target {target} for stratum {stratum} does not match its sealed commitment"
    )]
    BadOpening {
        /// Target id.
        target: String,
        /// Stratum key.
        stratum: String,
    },
    /// A target opened as a member of two strata.
    #[error("target {target} is opened as a member of both {first} and {second}")]
    TwoStrata {
        /// Target id.
        target: String,
        /// One stratum.
        first: String,
        /// The other.
        second: String,
    },
    /// The proof's outcome is not what the re-run gives.
    #[error("stratum {stratum}: the outcome is not the re-run's: {}", en(detail))]
    Outcome {
        /// Stratum key.
        stratum: String,
        /// What differs.
        detail: String,
    },
    /// The proof does not fit the plan (algorithm, attribute, strata, eligible count).
    #[error("the class proof does not fit the plan: {}", en(.0))]
    Proof(String),
    /// draw/v3: the commitment's sealed view was committed to by an earlier draw the plan
    /// names: one sealed view (one view key) per draw.
    #[error("the sealed view was already used by the earlier draw {record}: seal the register again under a fresh view key for each draw")]
    ReusedView {
        /// The earlier record's hash.
        record: String,
    },
    /// draw/v3: a recusal set is not opened as the record needs (§13): it does not open the
    /// leaf's commitment, is not sorted, is missing for a target a team went to, or is
    /// opened for a target no team went to (a conflict published for nothing).
    #[error("recusal set of target {target}: {}", en(detail))]
    Recusal {
        /// Target id.
        target: String,
        /// What is wrong.
        detail: String,
    },
    /// The auditor's recomputation differs from what was published.
    #[error("auditor check failed: {}", en(.0))]
    Auditor(String),
    /// The draw's own rules refused the inputs.
    #[error(transparent)]
    Draw(#[from] DrawError),
    /// Encoding failed (a bug, never input).
    #[error("encoding failed: {0}")]
    Encoding(String),
}

/// Details are written "中文 · English"; each message keeps its own language's half.
pub(crate) fn en(detail: &str) -> &str {
    detail.rsplit(" · ").next().unwrap_or(detail)
}

/// The Chinese half of a detail.
pub(crate) fn zh(detail: &str) -> &str {
    detail.split(" · ").next().unwrap_or(detail)
}
