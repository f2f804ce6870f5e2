//! The audit trail (全过程留痕、责任可追溯): an append-only Merkle log of every step.
//!
//! Pure: the embedding system stores the entries' bytes; this module builds entries,
//! computes roots and proofs, signs and verifies checkpoints. The tree is RFC 6962 /
//! C2SP tlog (leaf prefix 0x00, node 0x01), so off-the-shelf transparency-log tooling
//! can check it. A log has one suite for life, the suite of its signing key
//! (docs/spec/suites.md §3 "Audit log"): SHA-256 nodes and Ed25519 checkpoints, or SM3
//! nodes and SM2 checkpoints.

mod file;
mod note;
mod proof;
mod witness;

pub use file::{LogFile, LogSummary};
pub(crate) use note::parse_verifier_key;
pub use note::{
    verifier_key, Checkpoint, CheckpointError, CheckpointSigner, KeyRole, NoteKey, SignedCheckpoint,
};
pub use proof::{
    verify_consistency, verify_consistency_in, verify_inclusion, verify_inclusion_in, ProofError,
};
pub use witness::{
    verify_cosignature, Witness, WitnessError, WitnessState, WitnessedLog, COSIGNATURE_ALG,
};

use crate::encoding::canonical::{canonical_json, Digest32};
use crate::encoding::merkle::{leaf_hash_in, MerkleTree};
use crate::encoding::Suite;
use serde::{Deserialize, Serialize};

/// What happened. Re-draws, overrides of redaction defaults and manual changes after a
/// draw have their own kinds so that they can be found and counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// A register entry was added, changed or removed.
    RegisterChange,
    /// A new item list version.
    ItemListVersion,
    /// A draw plan was fixed.
    Plan,
    /// A pre-draw commitment was signed.
    Commitment,
    /// A participant revealed.
    Reveal,
    /// A draw record was made.
    Draw,
    /// A record was signed.
    Signature,
    /// A re-draw under a new commitment (names the old one in `note`).
    Redraw,
    /// An inspection result was entered.
    ResultEntry,
    /// A redaction default was overridden (consent or public interest).
    RedactionOverride,
    /// A notice was published.
    Publication,
    /// A manual change after a draw (e.g. an alternate replacing a closed target).
    ManualChange,
}

/// One event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// Who did it.
    pub actor: String,
    /// Unix time (seconds), passed in.
    pub time: i64,
    /// Hash of the object it concerns (record, commitment, notice, register root …).
    pub subject: Digest32,
    /// Free text: a reason, the id of what was replaced.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Event {
    /// Leaf bytes: JCS of the event.
    pub fn leaf_bytes(&self) -> Vec<u8> {
        canonical_json(self).unwrap_or_default()
    }

    /// RFC 6962 leaf hash of the event (in an `ed25519-sha256` log).
    pub fn leaf_hash(&self) -> Digest32 {
        self.leaf_hash_in(Suite::Ed25519Sha256)
    }

    /// The leaf hash in a log of `suite`.
    pub fn leaf_hash_in(&self, suite: Suite) -> Digest32 {
        leaf_hash_in(suite, &self.leaf_bytes())
    }
}

/// The append-only log: leaf hashes in order. There is no way to remove or replace a
/// leaf; the embedding system persists the events and rebuilds the log from them.
#[derive(Debug, Clone, Default)]
pub struct AuditLog {
    suite: Suite,
    leaves: Vec<Digest32>,
}

impl AuditLog {
    /// An empty `ed25519-sha256` log.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty log of `suite`: its tree is hashed, and its checkpoints signed, under it.
    pub fn new_in(suite: Suite) -> Self {
        AuditLog {
            suite,
            leaves: Vec::new(),
        }
    }

    /// Rebuilds an `ed25519-sha256` log from stored events, in order.
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Self {
        Self::from_events_in(Suite::Ed25519Sha256, events)
    }

    /// Rebuilds a log of `suite` from stored events, in order.
    pub fn from_events_in<'a>(suite: Suite, events: impl IntoIterator<Item = &'a Event>) -> Self {
        AuditLog {
            suite,
            leaves: events.into_iter().map(|e| e.leaf_hash_in(suite)).collect(),
        }
    }

    /// The log's suite.
    pub fn suite(&self) -> Suite {
        self.suite
    }

    /// Appends an event; returns its index.
    pub fn append(&mut self, e: &Event) -> u64 {
        self.leaves.push(e.leaf_hash_in(self.suite));
        self.size() - 1
    }

    /// Number of events.
    pub fn size(&self) -> u64 {
        self.leaves.len() as u64
    }

    /// Root of the first `size` events (`None` beyond the log).
    pub fn root_at(&self, size: u64) -> Option<Digest32> {
        let n = usize::try_from(size).ok()?;
        let mut t = MerkleTree::new_in(self.suite);
        for h in self.leaves.get(..n)? {
            t.push_leaf_hash(*h);
        }
        Some(t.root())
    }

    /// Root of the whole log.
    pub fn root(&self) -> Digest32 {
        self.root_at(self.size()).unwrap_or_default()
    }

    /// Inclusion proof of event `index` in the tree of `size` (⌈log2 size⌉ hashes at most).
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Option<Vec<Digest32>> {
        let (i, n) = (usize::try_from(index).ok()?, usize::try_from(size).ok()?);
        if i >= n || n > self.leaves.len() {
            return None;
        }
        let mut out = Vec::new();
        proof::inclusion_path(self.suite, &self.leaves, i, 0, n, &mut out);
        Some(out)
    }

    /// Consistency proof that the tree of `size2` extends the tree of `size1`.
    pub fn consistency_proof(&self, size1: u64, size2: u64) -> Option<Vec<Digest32>> {
        let (m, n) = (usize::try_from(size1).ok()?, usize::try_from(size2).ok()?);
        if m > n || n > self.leaves.len() {
            return None;
        }
        let mut out = Vec::new();
        if m > 0 && m < n {
            proof::consistency_path(self.suite, &self.leaves, m, 0, n, true, &mut out);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_sm2;

/// Checks that `event` is entry `index` of the log whose signed checkpoint is
/// `checkpoint_text` (verified under `verifier_key`, whose type says the log's suite): how
/// a verifier shows that a draw, a re-draw or an override was logged.
///
/// # Errors
/// [`CheckpointError`] for the signature or the proof.
pub fn verify_event_in_checkpoint(
    event: &Event,
    index: u64,
    proof: &[Digest32],
    checkpoint_text: &str,
    verifier_key: &str,
) -> Result<Checkpoint, CheckpointError> {
    let signed = SignedCheckpoint::verify(checkpoint_text, verifier_key)?;
    let (suite, cp) = (signed.suite, signed.checkpoint);
    verify_inclusion_in(
        suite,
        &event.leaf_hash_in(suite),
        index,
        cp.size,
        proof,
        &cp.root,
    )?;
    Ok(cp)
}
