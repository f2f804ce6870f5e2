//! Errors of the draw and its verification. Each says which part failed and why, so that a
//! regulator can act on it and a member of the public can understand a failed check.

use crate::encoding::canonical::Digest32;

/// A plan that cannot be run as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the draw plan has {} problem(s): {}", .problems.len(), .problems.join("; "))]
pub struct PlanError {
    /// Each problem as `field: what is wrong`.
    pub problems: Vec<String>,
}

/// Why the beacon round cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BeaconError {
    /// The plan names a drand round but none was given, or offline mode got one.
    #[error("beacon: the commitment {expected} a drand round, but {given}")]
    Presence {
        /// "names" or "does not name".
        expected: &'static str,
        /// What was given.
        given: &'static str,
    },
    /// A different round from the one committed to.
    #[error("beacon: round {given} given, round {committed} was committed to")]
    WrongRound {
        /// The committed round.
        committed: u64,
        /// The round given.
        given: u64,
    },
    /// The round's time is not after the commitment time: its randomness may have been
    /// known when the plan was fixed.
    #[error("beacon: round {round} was published at {round_time} (unix), not after the commitment time {committed_at}")]
    TooEarly {
        /// The round.
        round: u64,
        /// Its publication time.
        round_time: i64,
        /// The commitment time.
        committed_at: i64,
    },
    /// Bad hex, wrong length, or a point not on the curve.
    #[error("beacon: malformed {field}: {reason}")]
    Malformed {
        /// Which value.
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// The BLS signature does not verify under the chain's public key.
    #[error(
        "beacon: the BLS signature of round {round} does not verify under the chain's public key"
    )]
    BadSignature {
        /// The round.
        round: u64,
    },
    /// The recorded randomness is not SHA-256 of the signature.
    #[error("beacon: recorded randomness is not SHA-256 of the round's signature")]
    RandomnessMismatch,
}

/// Why a draw cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DrawError {
    /// The plan itself is wrong.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// The record names an algorithm this library does not implement.
    #[error("algorithm {found:?} is not {expected}")]
    Algorithm {
        /// What the commitment names.
        found: String,
        /// What this library runs.
        expected: &'static str,
    },
    /// The commitment is malformed: participants, signers, keys or numbers out of range.
    #[error("the commitment has {} problem(s): {}", .problems.len(), .problems.join("; "))]
    Commitment {
        /// Each problem as `field: what is wrong`.
        problems: Vec<String>,
    },
    /// A register or the item list differs from what was committed.
    #[error("{what}: committed {committed}, given data has {actual}")]
    Root {
        /// "item list", "target register" or "inspector register".
        what: &'static str,
        /// The committed hash.
        committed: Digest32,
        /// The hash of the data given.
        actual: Digest32,
    },
    /// A participant's reveal is missing, duplicated, unknown or does not open its commitment.
    #[error("reveal of {participant}: {reason}")]
    Reveal {
        /// The participant id.
        participant: String,
        /// What is wrong.
        reason: String,
    },
    /// The beacon.
    #[error(transparent)]
    Beacon(#[from] BeaconError),
    /// A target of the 100 % list is not an active entry of the register.
    #[error("must_include: {target} {reason}")]
    MustInclude {
        /// The target id.
        target: String,
        /// Why it cannot be included.
        reason: String,
    },
    /// The inspector pool cannot staff a target under the team rules. Nothing is relaxed:
    /// the plan or the register must change.
    #[error("team for {target}: department {department} needs {needed} {role}(s), only {found} eligible ({excluded})")]
    TeamShortfall {
        /// The target that cannot be staffed.
        target: String,
        /// The department whose pool ran short.
        department: String,
        /// "officer" or "expert".
        role: &'static str,
        /// Members needed.
        needed: u32,
        /// Members that could be drawn.
        found: u32,
        /// How many of the department's pool each rule excluded, e.g.
        /// "recused (declared conflict): 1, at workload cap: 12".
        excluded: String,
    },
    /// Streamed targets must arrive in strictly increasing id order (the register order).
    #[error("target stream: {id} does not follow {previous} in id order")]
    Unsorted {
        /// The previous id.
        previous: String,
        /// The id out of order.
        id: String,
    },
    /// A streamed register entry is invalid (the first problem; import the file to see
    /// them all).
    #[error("streamed register: {0}")]
    Register(Box<crate::registers::validate::Problem>),
    /// A streamed register could not be read.
    #[error("streamed register: {0}")]
    Source(String),
    /// A value could not be encoded canonically (a bug, reported rather than panicking).
    #[error("encoding: {0}")]
    Encoding(String),
}

/// Why a record does not verify. The first failing check is reported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// A signature is missing, malformed or does not verify.
    #[error("signature on the {what} by {signer}: {reason}")]
    Signature {
        /// "pre-draw commitment" or "draw record".
        what: &'static str,
        /// The signer's name.
        signer: String,
        /// What is wrong.
        reason: String,
    },
    /// Re-running the draw failed (roots, reveals, beacon, team shortfall …).
    #[error("re-running the draw: {0}")]
    Rerun(#[from] DrawError),
    /// The re-run gives a different result from the one recorded.
    #[error("the record differs from the re-run at {path}: recorded {recorded}, re-run gives {recomputed}")]
    Mismatch {
        /// JSON path of the first difference, e.g. `strata[2].selected[5].target`.
        path: String,
        /// The recorded value.
        recorded: String,
        /// The re-computed value.
        recomputed: String,
    },
    /// The record is not a well-formed record.
    #[error("malformed record: {0}")]
    Malformed(String),
}
