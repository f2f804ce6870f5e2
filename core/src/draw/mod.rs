//! The draw (双随机): the plan fixed in advance, the commit–reveal–beacon protocol, target
//! selection by tickets, inspector matching, the sealed record, and its verification.
//!
//! 国发〔2019〕5号 三（五）: "通过公开、公正的方式从检查对象名录库中随机抽取检查对象，并根据
//! 实际情况随机匹配执法检查人员"; 豫政办〔2015〕140号 三(3): the lists are produced "一次性随机
//! 产生" by rules set beforehand. The flow is
//! [`DrawPlan`] → [`Commitment`] (signed, before any randomness) → [`Reveal`]s and the
//! [`BeaconRound`] → [`draw`] → [`SealedRecord`] (signed, 谁抽查、谁签字) → [`verify`], which
//! anyone can run with the public register views.

pub(crate) mod annual;
pub(crate) mod beacon;
pub(crate) mod cap;
pub(crate) mod coverage;
pub(crate) mod error;
pub(crate) mod exclude;
pub(crate) mod matching;
pub(crate) mod participants;
pub(crate) mod plan;
pub(crate) mod prior;
pub(crate) mod protocol;
pub(crate) mod published;
pub(crate) mod record;
pub(crate) mod run;
pub(crate) mod sample;
pub(crate) mod scope;
pub(crate) mod sealed_run;
pub use scope::check_scope;
pub(crate) mod select;
pub(crate) mod tables;
pub use tables::{outcome_tables, Cell, OutcomeTable, OUTCOME_INT_COLUMNS, OUTCOME_LAYOUT};
pub(crate) mod uniform;
pub(crate) mod verify;

pub use annual::{AnnualPlan, AnnualTask, AnnualTaskRef, SignedAnnualPlan, ANNUAL_PLAN_CONTEXT};
pub use beacon::{verify_round, BeaconRound, DrandSpec};
pub use error::{
    BeaconError, BeaconField, DrawError, PlanError, RootOf, RoundGiven, RoundNamed, SignedDocument,
    VerifyError,
};
pub use exclude::{interval_days, period_days, tier_grades, tier_of};
pub use matching::{Member, Role, Team};
pub use participants::{
    reveal_binding, reveal_binding_in, reveal_signing_message, sign_commitment, signed_reveal,
    PARTICIPANT_COMMITMENT_CONTEXT, PARTICIPANT_REVEAL_CONTEXT,
};
pub use plan::{
    DepartmentTeam, DrawPlan, Exclusions, MustIncludeReason, Rounding, StratifyBy, Stratum,
    TargetFilter, TeamRules, Visit, MAX_BATCHES, MAX_WINDOW_DAYS,
};
pub use prior::{check_prior_draws, PriorDraw};
pub use protocol::{
    BeaconChoice, Commitment, Participant, Randomness, Reveal, Signatory, Supersedes, Version,
    ALGORITHM, ALGORITHM_V2, ALGORITHM_V3, MAX_PARTICIPANTS, MAX_SAFE_INTEGER, MAX_SIGNERS,
    REDRAW_REASONS,
};
pub use published::{
    Announcement, NumberGroup, NumberOrder, PublishedDraw, PublishedNumbersSpec, PublishedResult,
    MAX_GROUPS, MAX_GROUP_COUNT, MAX_PUBLISHED_DRAWS,
};
pub use record::{DrawRecord, SealedRecord, SignedCommitment};
pub use run::{draw, DrawInputs, TargetSource};
pub use sample::{sample_lines, sample_reader};
pub use sealed_run::{SealedKeeper, SealedSource};
pub use select::{Census, Exclusion, ExclusionReason, Selection, StratumDraw, Ticketed};
pub use verify::{rerun, verify, ClassesChecked, Verified};
