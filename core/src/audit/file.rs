//! A stored log as one JSON document — origin, verifier key, events, checkpoints — and
//! its full check, shared by the CLI, the Python package and the browser page.

use super::note::{parse_verifier_key, KeyRole};
use super::{verify_inclusion_in, AuditLog, CheckpointError, Event, SignedCheckpoint};
use crate::encoding::canonical::Digest32;
use crate::encoding::merkle::MerkleTree;
use crate::encoding::Suite;
use serde::{Deserialize, Serialize};

/// A stored audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogFile {
    /// The log's origin line.
    pub origin: String,
    /// The verifier key of the log's signer (`<name>+<hash>+<key>`), as the operator
    /// publishes it. Its type is the log's suite (docs/spec/suites.md §3 "Audit log").
    pub verifier_key: String,
    /// Every event, in order.
    pub events: Vec<Event>,
    /// Signed checkpoints (C2SP note text), oldest first.
    pub checkpoints: Vec<String>,
}

/// What a log check establishes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogSummary {
    /// The log's suite (its key's), written only when not the default.
    #[serde(skip_serializing_if = "Suite::is_default")]
    pub suite: Suite,
    /// Number of events.
    pub events: u64,
    /// Number of checkpoints, each verified and extending the one before.
    pub checkpoints: usize,
    /// Size and root of the latest checkpoint.
    pub latest: Option<(u64, Digest32)>,
    /// For each event whose subject was asked about: its index, proven included in the
    /// latest checkpoint.
    pub included: Vec<(Digest32, u64)>,
}

impl LogFile {
    /// The log's suite: its verifier key's (docs/spec/audit.md §4.5).
    ///
    /// # Errors
    /// [`CheckpointError::Malformed`] when the file's verifier key is not a log key.
    pub fn suite(&self) -> Result<Suite, CheckpointError> {
        Ok(parse_verifier_key(&self.verifier_key, KeyRole::Log)?
            .1
            .suite())
    }

    /// Checks every checkpoint under `verifier_key` (pass the key the operator published;
    /// the file's own key only proves self-consistency), that each checkpoint's root is
    /// the root of that many events, that each extends the previous one, and that an
    /// event about each of `subjects` (e.g. a draw record's hash) is included in the
    /// latest checkpoint.
    ///
    /// # Errors
    /// The first failing check, as a [`CheckpointError`].
    pub fn verify(
        &self,
        verifier_key: &str,
        subjects: &[Digest32],
    ) -> Result<LogSummary, CheckpointError> {
        let bad = |m: String| CheckpointError::Malformed(m);
        // The file names its key for readers; a different key given means the file was
        // edited or is not the operator's.
        if self.verifier_key != verifier_key {
            return Err(bad(format!(
                "the log names verifier key {:?}, the key given is {verifier_key:?}",
                self.verifier_key
            )));
        }
        let suite = self.suite()?;
        let tree = AuditLog::from_events_in(suite, &self.events);
        // Roots are computed in one pass over the events, each checkpoint's root from the
        // running tree in O(log n): recomputing each from the first event would cost the
        // number of events per checkpoint (a file repeating one real checkpoint a hundred
        // thousand times would take hours). Two checkpoints whose roots are both the roots of
        // these same events are consistent by construction, so no consistency proof is built.
        let mut running = MerkleTree::new_in(suite);
        let mut leaves = tree.leaves.iter().copied();
        let mut prev: Option<SignedCheckpoint> = None;
        for (n, text) in self.checkpoints.iter().enumerate() {
            let cp =
                SignedCheckpoint::verify(text, verifier_key).map_err(|e| in_checkpoint(n, e))?;
            let c = &cp.checkpoint;
            if c.origin != self.origin {
                return Err(bad(format!(
                    "checkpoint {n} is for origin {:?}, the log is {:?}",
                    c.origin, self.origin
                )));
            }
            if c.size > tree.size() {
                return Err(bad(format!(
                    "checkpoint {n} covers {} events, the log holds {}",
                    c.size,
                    tree.size()
                )));
            }
            if c.size < running.size() {
                return Err(bad(format!(
                    "checkpoint {n} is smaller than the one before"
                )));
            }
            // `c.size` is within the log (checked above), so `take` gets every leaf it asks.
            let grow = usize::try_from(c.size - running.size()).unwrap_or(usize::MAX);
            for h in leaves.by_ref().take(grow) {
                running.push_leaf_hash(h);
            }
            let root = running.root();
            if root != c.root {
                // Every earlier checkpoint matched these events: either an event after the
                // previous checkpoint changed, or this checkpoint signs another history.
                let from = prev.as_ref().map_or(0, |p| p.checkpoint.size);
                let last = c.size.saturating_sub(1);
                let before = n.saturating_sub(1);
                let why = match (prev.is_some(), c.size > from) {
                    (false, true) => format!("one of events 0–{last} is not what was signed"),
                    (false, false) => "it is not the root of an empty log".to_string(),
                    (true, true) => format!(
                        "one of events {from}–{last} is not what was signed, or checkpoint {n} \
                         does not extend checkpoint {before}"
                    ),
                    (true, false) => format!("checkpoint {n} does not extend checkpoint {before}"),
                };
                return Err(bad(format!(
                    "checkpoint {n} (size {}) signs root {}, the logged events give {root}: {why}",
                    c.size, c.root
                )));
            }
            prev = Some(cp);
        }
        let latest = prev.map(|p| (p.checkpoint.size, p.checkpoint.root));
        let mut included = Vec::new();
        for s in subjects {
            let (size, root) = latest.ok_or_else(|| bad("the log has no checkpoint".into()))?;
            let index = self
                .events
                .iter()
                .take(usize::try_from(size).unwrap_or(usize::MAX))
                .position(|e| e.subject == *s)
                .ok_or_else(|| bad(format!("no event about {s} in the first {size} events")))?
                as u64;
            let e = self
                .events
                .get(index as usize)
                .ok_or_else(|| bad("index".into()))?;
            let proof = tree
                .inclusion_proof(index, size)
                .ok_or_else(|| bad("index".into()))?;
            verify_inclusion_in(suite, &e.leaf_hash_in(suite), index, size, &proof, &root)?;
            included.push((*s, index));
        }
        Ok(LogSummary {
            suite,
            events: tree.size(),
            checkpoints: self.checkpoints.len(),
            latest,
            included,
        })
    }
}

/// The error of checkpoint `n` (0-based, file order), saying which one it is.
fn in_checkpoint(n: usize, e: CheckpointError) -> CheckpointError {
    match e {
        CheckpointError::Malformed(m) => CheckpointError::Malformed(format!("checkpoint {n}: {m}")),
        CheckpointError::BadSignature(k) => {
            CheckpointError::BadSignature(format!("{k} on checkpoint {n}"))
        }
        CheckpointError::Inconsistent(m) => {
            CheckpointError::Inconsistent(format!("checkpoint {n}: {m}"))
        }
        // `verify` checks no proof between checkpoints (both roots come from the events);
        // a proof error from a signature check keeps its kind.
        other @ CheckpointError::Proof(_) => other,
    }
}
