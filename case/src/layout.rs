//! The case directory's layout (docs/case.md §1): one name per file, here only.

/// The case file: what the case is, whose keys, which chain and witnesses.
pub const CASE: &str = "case.json";
/// The item list as imported (JSON).
pub const ITEMS: &str = "inputs/items.json";
/// The draw plan as given.
pub const PLAN: &str = "inputs/plan.json";
/// The inspector register with personal data, as given (CSV or XLSX; never published).
pub const INSPECTORS_PRIVATE: &str = "private/inspectors";
/// The register keeper's salt for the public inspector view (0600).
pub const SALT: &str = "private/inspector-salt.key";
/// The public target register view, which the commitment's root covers (draw/v2).
pub const TARGETS_PUBLIC: &str = "public/targets.public.json";
/// draw/v3: the sealed target view, which the commitment's root covers (published: no
/// class, no declared conflict; docs/spec/privacy.md §13).
pub const TARGETS_SEALED: &str = "public/targets.sealed.json";
/// draw/v3: the full target register, classes included (the keeper's and the auditor's).
pub const TARGETS_PRIVATE: &str = "private/targets.json";
/// draw/v3: the view key the sealed view is made under (0600; the keeper's and the
/// auditor's).
pub const VIEW_KEY: &str = "private/view.key";
/// draw/v3: the inspector view with its declared conflicts (the keeper's and the
/// auditor's); the published one has none.
pub const INSPECTORS_DECLARED: &str = "private/inspectors.declared.json";
/// The public inspector register view.
pub const INSPECTORS_PUBLIC: &str = "public/inspectors.public.json";
/// Participants' public parts, one file each (`<id>.json`).
pub const PARTICIPANTS: &str = "participants";
/// Signers' public keys, one file each (`NN.json`, in the order they were added).
pub const SIGNERS: &str = "signers";
/// The signed commitment (signatures accumulate as they come back).
pub const COMMITMENT: &str = "commitment.json";
/// Participants' reveals, one file each (`<id>.json`).
pub const REVEALS: &str = "reveals";
/// What the witness is asked to cosign: the checkpoint note (the consistency proof for
/// witness N is `witness/proof-N.txt`).
pub const WITNESS_CHECKPOINT: &str = "witness/checkpoint.txt";
/// Earlier rounds of a re-drawn case, one folder each (`superseded/N/`), kept whole.
pub const SUPERSEDED: &str = "superseded";
/// The time anchor (witnessed checkpoints with the commitment and reveal events).
pub const ANCHOR: &str = "anchor.json";
/// The beacon round.
pub const BEACON: &str = "beacon.json";
/// Published-numbers mode: the announced numbers of the named public draws.
pub const NUMBERS: &str = "published-numbers.json";
/// The sealed record (signatures accumulate as they come back).
pub const RECORD: &str = "record.json";
/// The audit log (events and signed checkpoints).
pub const AUDIT: &str = "audit.json";
