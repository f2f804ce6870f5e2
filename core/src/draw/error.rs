//! Errors of the draw and its verification. Each says which part failed and why, so that a
//! regulator can act on it and a member of the public can understand a failed check.

use crate::draw::matching::Role;
use crate::encoding::canonical::Digest32;

/// Whether the commitment names a drand round (the `expected` of
/// [`BeaconError::Presence`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RoundNamed {
    /// The commitment names a drand round ("names").
    Names,
    /// The commitment is offline: it names no round ("does not name").
    DoesNotName,
}

impl std::fmt::Display for RoundNamed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RoundNamed::Names => "names",
            RoundNamed::DoesNotName => "does not name",
        })
    }
}

/// Whether a beacon round was given to the draw (the `given` of
/// [`BeaconError::Presence`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RoundGiven {
    /// A round was given ("a round was given").
    Given,
    /// No round was given ("no round was given").
    NotGiven,
}

impl std::fmt::Display for RoundGiven {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RoundGiven::Given => "a round was given",
            RoundGiven::NotGiven => "no round was given",
        })
    }
}

/// Which beacon value is malformed (the `field` of [`BeaconError::Malformed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BeaconField {
    /// The chain's BLS public key ("public_key").
    PublicKey,
    /// The round's BLS signature ("signature").
    Signature,
}

impl std::fmt::Display for BeaconField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BeaconField::PublicKey => "public_key",
            BeaconField::Signature => "signature",
        })
    }
}

/// What differs from the commitment (the `what` of [`DrawError::Root`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RootOf {
    /// The commitment's recorded hash is not its hash ("commitment hash").
    CommitmentHash,
    /// The item list's hash ("item list").
    ItemList,
    /// The target register's Merkle root ("target register").
    TargetRegister,
    /// The public inspector register's Merkle root ("inspector register").
    InspectorRegister,
}

impl std::fmt::Display for RootOf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RootOf::CommitmentHash => "commitment hash",
            RootOf::ItemList => "item list",
            RootOf::TargetRegister => "target register",
            RootOf::InspectorRegister => "inspector register",
        })
    }
}

/// Which signed document a signature is on (the `what` of [`VerifyError::Signature`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignedDocument {
    /// The pre-draw commitment ("pre-draw commitment").
    Commitment,
    /// The draw record ("draw record").
    Record,
}

impl std::fmt::Display for SignedDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SignedDocument::Commitment => "pre-draw commitment",
            SignedDocument::Record => "draw record",
        })
    }
}

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
    /// The plan names a drand round (or public draws) but none was given, or a mode that
    /// names none got one.
    #[error("beacon: the commitment {expected} a drand round, but {given}")]
    Presence {
        /// Whether the commitment names a round.
        expected: RoundNamed,
        /// Whether a round was given.
        given: RoundGiven,
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
        field: BeaconField,
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
    /// Published-numbers mode: the numbers entered do not have the form the commitment
    /// fixes (count, range, order), or are for another draw.
    #[error("beacon: published numbers of {draw}: {reason}")]
    Numbers {
        /// The draw, as "source issue" (empty when the count of draws is wrong).
        draw: String,
        /// Why.
        reason: String,
    },
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
        /// The commitment's own hash, the item list, or a register.
        what: RootOf,
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
    /// draw/v2: a participant's signature on the commitment or on its reveal is missing,
    /// made with another key, or does not verify.
    #[error("participant {participant}: {reason}")]
    Participant {
        /// The participant id.
        participant: String,
        /// What is wrong.
        reason: String,
    },
    /// draw/v2: the registers given are of another date than the commitment's `as_of`.
    #[error("as_of: the commitment is over registers of {committed}, the {register} register given is of {given}")]
    AsOf {
        /// The committed date.
        committed: time::Date,
        /// "target" or "inspector".
        register: &'static str,
        /// The given register's date.
        given: time::Date,
    },
    /// draw/v2: the draw would lift a general item over its cap (国发〔2019〕5号 三（二）: a
    /// general item is inspected at a capped ratio). Nothing is clipped: the plan must change.
    #[error("general item {item}: the draw would select {drawn} of {population} targets ({earlier} more drawn under it earlier this year), over its cap of {cap_count} ({cap})")]
    OverCap {
        /// The general item.
        item: String,
        /// Counted selections of earlier draws under the item in the same year (the plan's
        /// `prior_draws`): the cap is a yearly one.
        earlier: u64,
        /// The stratum quotas plus the 100 % entries that count against the cap.
        drawn: u64,
        /// The strata's eligible targets and the 100 % entries counted against the cap.
        population: u64,
        /// The cap as a ratio.
        cap: crate::registers::fields::ratio::BasisPoints,
        /// The cap as a count: ⌈cap × population⌉.
        cap_count: u64,
    },
    /// draw/v2: the draw would select more than its annual-plan task's ratio allows.
    #[error("annual task {task}: the draw would select {drawn} of {population} targets, over the task's {ratio_count} ({ratio})")]
    OverTaskRatio {
        /// The task id.
        task: String,
        /// As for [`DrawError::OverCap`].
        drawn: u64,
        /// As for [`DrawError::OverCap`].
        population: u64,
        /// The task's ratio.
        ratio: crate::registers::fields::ratio::BasisPoints,
        /// ⌈ratio × population⌉.
        ratio_count: u64,
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
        /// Officers or experts.
        role: Role,
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
    /// draw/v3: the sealed classes or their proof are refused (docs/spec/privacy.md).
    #[error("sealed classes (draw/v3): {0}")]
    Classes(Box<crate::privacy::PrivacyError>),
}

/// Why a record does not verify. The first failing check is reported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// A signature is missing, malformed or does not verify.
    #[error("signature on the {what} by {signer}: {reason}")]
    Signature {
        /// The commitment or the record.
        what: SignedDocument,
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
