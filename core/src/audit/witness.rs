//! The witness (C2SP `tlog-witness`, cosignatures `cosignature/v1` of `tlog-cosignature`):
//! a third party that cosigns a log's checkpoint with the time it saw it, after checking
//! that the checkpoint extends the last one it cosigned for that log.
//!
//! A witnessed checkpoint dates what it contains: a commitment logged in a checkpoint that
//! witnesses cosigned before a beacon round was published was fixed before that round's
//! randomness existed, whatever the commitment claims about itself. A witness never cosigns
//! two views of one log: a smaller tree (rollback) or another root for the same size (fork)
//! is refused, and its state moves only forward. The state is the caller's to persist (the
//! core has no files); it is a value in and out.

use super::note::{
    key_hash_of, parse_body, parse_verifier_key, split_note, verifier_key_of, KeyRole, NoteKey,
};
use super::proof::{verify_consistency_in, ProofError};
use super::{CheckpointError, SignedCheckpoint};
use crate::encoding::canonical::Digest32;
use crate::encoding::merkle::MerkleTree;
use crate::encoding::{SecretKey, Suite, SuiteSigner};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Signature type byte of an Ed25519 `cosignature/v1` key (C2SP tlog-cosignature).
pub const COSIGNATURE_ALG: u8 = 0x04;

/// The largest timestamp a cosignature may carry (C2SP: at most 2^63 - 1).
const MAX_TIMESTAMP: u64 = (1 << 63) - 1;

/// What a witness remembers of one log: whose key signs its checkpoints, and the latest
/// checkpoint it cosigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WitnessedLog {
    /// The log's note verifier key (type 0x01, or the SM2 log type: the log's suite).
    pub verifier_key: String,
    /// Size of the latest cosigned checkpoint (0: none yet).
    pub size: u64,
    /// Its root (the empty tree's root under the log's suite while `size` is 0).
    pub root: Digest32,
}

/// A witness's state: the logs it witnesses, by origin. Persisted by the caller between
/// calls; a witness that loses it must not start again from scratch for the same logs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WitnessState {
    /// Logs by origin line.
    pub logs: BTreeMap<String, WitnessedLog>,
}

impl WitnessState {
    /// Starts witnessing the log of `origin`, signed under `verifier_key`, from the empty
    /// tree.
    ///
    /// # Errors
    /// [`WitnessError::Checkpoint`] for a malformed key; [`WitnessError::Known`] for a log
    /// already witnessed (its state is never reset).
    pub fn add_log(&mut self, origin: &str, verifier_key: &str) -> Result<(), WitnessError> {
        let (name, key) = parse_verifier_key(verifier_key, KeyRole::Log)?;
        if name != origin {
            return Err(CheckpointError::Malformed(format!(
                "the key is named {name}, the log {origin}"
            ))
            .into());
        }
        if self.logs.contains_key(origin) {
            return Err(WitnessError::Known(origin.to_string()));
        }
        self.logs.insert(
            origin.to_string(),
            WitnessedLog {
                verifier_key: verifier_key.to_string(),
                size: 0,
                root: MerkleTree::new_in(key.suite()).root(),
            },
        );
        Ok(())
    }
}

/// Why a witness refuses to cosign (the HTTP status of C2SP tlog-witness in brackets).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WitnessError {
    /// The checkpoint's origin is not a log this witness knows (404).
    #[error("witness: unknown log {0}")]
    UnknownLog(String),
    /// The log is already witnessed; its state cannot be reset.
    #[error("witness: log {0} is already witnessed")]
    Known(String),
    /// The checkpoint is malformed or not signed by the log's key (403).
    #[error("witness: {0}")]
    Checkpoint(#[from] CheckpointError),
    /// The old size is larger than the checkpoint's size (400).
    #[error("witness: old size {old} is larger than the checkpoint size {size}")]
    OldSizeTooLarge {
        /// The old size given.
        old: u64,
        /// The checkpoint's size.
        size: u64,
    },
    /// The old size is not the size of the latest cosigned checkpoint (409): the caller
    /// must prove consistency from that size, so a rollback is never cosigned.
    #[error("witness: old size {old} is not the latest cosigned size {latest}")]
    Conflict {
        /// The old size given.
        old: u64,
        /// The latest cosigned size.
        latest: u64,
    },
    /// The checkpoint does not extend the latest cosigned one (422): a fork, or a bad
    /// consistency proof.
    #[error("witness: the checkpoint does not extend the latest cosigned one: {0}")]
    Inconsistent(#[from] ProofError),
    /// A timestamp beyond 2^63 - 1.
    #[error("witness: timestamp {0} is out of range")]
    Timestamp(u64),
}

/// A witness: its name (the cosignature's key name) and key.
#[derive(Debug)]
pub struct Witness {
    name: String,
    key: SecretKey,
}

impl Witness {
    /// A witness named `name` (a schema-less URL, e.g. `witness.example.org/w1`), with an
    /// Ed25519 key (`cosignature/v1`) or an SM2 key (the SM2 cosignature type). A witness's
    /// suite is its own: it cosigns logs of either suite.
    pub fn new(name: &str, key: impl Into<SecretKey>) -> Witness {
        Witness {
            name: name.to_string(),
            key: key.into(),
        }
    }

    /// The suite of its cosignatures.
    pub fn suite(&self) -> Suite {
        self.key.suite()
    }

    /// Its verifier key (`<name>+<key id>+<base64(type ‖ key)>`), as a trust file names it.
    pub fn verifier_key(&self) -> String {
        verifier_key_of(&self.name, KeyRole::Witness, &NoteKey::of(&self.key))
    }

    /// The `add-checkpoint` step of C2SP tlog-witness: verifies `checkpoint` (a signed
    /// note) under the log's key, checks that it extends the latest cosigned checkpoint
    /// (`old_size` must be that checkpoint's size, `proof` a consistency proof from it),
    /// records it as the latest, and returns the cosignature line (ending in a newline)
    /// dated `now` (Unix seconds, passed in: the core has no clock).
    ///
    /// # Errors
    /// [`WitnessError`]; the state is unchanged on every error.
    pub fn add_checkpoint(
        &self,
        state: &mut WitnessState,
        checkpoint: &str,
        old_size: u64,
        proof: &[Digest32],
        now: u64,
    ) -> Result<String, WitnessError> {
        // C2SP: a timestamp is positive and at most 2^63 - 1.
        if now == 0 || now > MAX_TIMESTAMP {
            return Err(WitnessError::Timestamp(now));
        }
        let (body, _) = split_note(checkpoint)?;
        let origin = parse_body(body)?.origin;
        let log = state
            .logs
            .get_mut(&origin)
            .ok_or_else(|| WitnessError::UnknownLog(origin.clone()))?;
        let signed = SignedCheckpoint::verify(checkpoint, &log.verifier_key)?;
        let suite = signed.suite;
        let cp = &signed.checkpoint;
        if old_size > cp.size {
            return Err(WitnessError::OldSizeTooLarge {
                old: old_size,
                size: cp.size,
            });
        }
        if old_size != log.size {
            return Err(WitnessError::Conflict {
                old: old_size,
                latest: log.size,
            });
        }
        // A tree of size 0 has one root (tlog-witness: 422 otherwise).
        if cp.size == 0 && cp.root != MerkleTree::new_in(suite).root() {
            return Err(ProofError::RootMismatch.into());
        }
        if old_size == 0 && !proof.is_empty() {
            return Err(ProofError::WrongLength {
                found: proof.len(),
                expected: 0,
            }
            .into());
        }
        if old_size > 0 {
            verify_consistency_in(suite, log.size, cp.size, &log.root, &cp.root, proof)?;
        }
        let line = cosignature_line(&self.name, &self.key, body, now);
        log.size = cp.size;
        log.root = cp.root;
        Ok(line)
    }
}

/// The message a `cosignature/v1` signs: header, time, then the checkpoint body.
fn cosigned_message(body: &str, time: u64) -> String {
    format!("cosignature/v1\ntime {time}\n{body}")
}

fn cosignature_line(name: &str, key: &SecretKey, body: &str, time: u64) -> String {
    let sig = key.sign_message(cosigned_message(body, time).as_bytes());
    let mut blob = key_hash_of(name, KeyRole::Witness, &NoteKey::of(key)).to_vec();
    blob.extend_from_slice(&time.to_be_bytes());
    blob.extend_from_slice(&sig);
    format!("\u{2014} {name} {}\n", B64.encode(blob))
}

/// Verifies the cosignature of the witness `witness_key` (type 0x04, or the SM2
/// cosignature type) on a signed note and returns the time it states.
///
/// # Errors
/// [`CheckpointError::Malformed`] for a bad key or note; [`CheckpointError::BadSignature`]
/// when no line of that witness verifies.
pub fn verify_cosignature(note: &str, witness_key: &str) -> Result<u64, CheckpointError> {
    let (name, vk) = parse_verifier_key(witness_key, KeyRole::Witness)?;
    let id = key_hash_of(name, KeyRole::Witness, &vk);
    let (body, lines) = split_note(note)?;
    parse_body(body)?;
    for (who, blob) in lines {
        if who != name || blob.len() != 4 + 8 + 64 || blob.get(..4) != Some(&id[..]) {
            continue;
        }
        let time = blob
            .get(4..12)
            .and_then(|t| <[u8; 8]>::try_from(t).ok())
            .map(u64::from_be_bytes)
            .unwrap_or(u64::MAX);
        let Some(sig) = blob.get(12..).and_then(|s| <[u8; 64]>::try_from(s).ok()) else {
            continue;
        };
        if time > 0
            && time <= MAX_TIMESTAMP
            && vk.verifies(cosigned_message(body, time).as_bytes(), &sig)
        {
            return Ok(time);
        }
    }
    Err(CheckpointError::BadSignature(name.to_string()))
}
