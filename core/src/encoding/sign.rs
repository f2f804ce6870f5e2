//! Signatures of the responsible people (谁抽查、谁签字、谁负责), under the draw's suite
//! (Ed25519, or SM2 in `sm2-sm3`).
//!
//! A signature covers `context || hash`, with a distinct context for the commitment and
//! for the record, so a signature on one can never be replayed as the other.

use crate::encoding::canonical::Digest32;
use crate::encoding::suite::{Suite, SuiteSigner};
use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};

/// One signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureEntry {
    /// The signer's name as listed in the commitment.
    pub signer: String,
    /// Public key (hex): Ed25519, or SM2 `04‖x‖y` under `sm2-sm3`.
    pub public_key: String,
    /// Signature (64 bytes, hex).
    pub signature: String,
}

/// Context for signatures on a pre-draw commitment.
pub const COMMITMENT_CONTEXT: &[u8] = b"shuangsuiji/v1/sign/commitment";
/// Context for signatures on a draw record.
pub const RECORD_CONTEXT: &[u8] = b"shuangsuiji/v1/sign/record";

/// The bytes a signature covers, `context || hash`: what a signer outside this library
/// (gmssl, sm-crypto, a hardware module) signs.
pub fn signing_message(context: &[u8], hash: &Digest32) -> Vec<u8> {
    message(context, hash)
}

fn message(context: &[u8], hash: &Digest32) -> Vec<u8> {
    let mut m = context.to_vec();
    m.extend_from_slice(&hash.0);
    m
}

/// Signs `context || hash` with a key of either suite.
pub fn sign_hash(
    signer: &str,
    key: &dyn SuiteSigner,
    context: &[u8],
    hash: &Digest32,
) -> SignatureEntry {
    SignatureEntry {
        signer: signer.into(),
        public_key: key.public_key_hex(),
        signature: hex::encode(key.sign_message(&message(context, hash))),
    }
}

/// The public key of a signing key, as commitments list it (64 lower-case hex digits).
pub fn public_key_hex(key: &SigningKey) -> String {
    hex::encode(key.verifying_key().to_bytes())
}

/// Why one signature entry does not verify ([`verify_entry`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The entry was made with another key than the one the commitment lists for its
    /// signer.
    #[error("signed with key {signed_with}, the commitment lists {listed}")]
    KeyMismatch {
        /// The key in the entry.
        signed_with: String,
        /// The key the commitment lists.
        listed: String,
    },
    /// The entry's public key is not in its suite's hex form (Ed25519: 64 hex digits;
    /// SM2: `04‖x‖y`, 130 lower-case hex digits).
    #[error("public key is not in the suite's hex form (Ed25519: 64 hex digits; SM2: 04‖x‖y, 130 lower-case hex digits)")]
    BadKeyHex,
    /// The entry's public key is not a valid point of the suite's curve.
    #[error("public key is not a valid point: {reason}")]
    InvalidPoint {
        /// Why, as the Ed25519 library says it.
        reason: String,
    },
    /// The signature is not 128 lower-case hex digits (upper case is refused: spec §10,
    /// one spelling).
    #[error("signature is not 128 lower-case hex digits")]
    BadSignatureHex,
    /// The signature does not verify (RFC 8032 strict) over `context || hash`.
    #[error("does not verify")]
    DoesNotVerify,
    /// The entry's signer is not listed in the document it signs.
    #[error("{signer} is not listed as a signer")]
    NotListed {
        /// The name in the entry.
        signer: String,
    },
    /// The document's stated hash is not the hash of its content: nothing is signed for it.
    #[error("the document's hash is not the hash of its content")]
    StaleHash,
    /// The signer has signed already; one signature each.
    #[error("{signer} has signed already")]
    AlreadySigned {
        /// The name in the entry.
        signer: String,
    },
}

/// Checks one signature under the draw's suite: Ed25519 `verify_strict` (no small-order
/// keys, canonical S), or SM2 under the listed `distid` (`None`: the default). The suite, not the key's
/// length, decides.
///
/// # Errors
/// The [`SignatureError`] of the first check that fails.
pub fn verify_entry(
    suite: Suite,
    entry: &SignatureEntry,
    expected_key: &str,
    distid: Option<&str>,
    context: &[u8],
    hash: &Digest32,
) -> Result<(), SignatureError> {
    if entry.public_key != expected_key {
        return Err(SignatureError::KeyMismatch {
            signed_with: entry.public_key.clone(),
            listed: expected_key.to_string(),
        });
    }
    suite.verify_as(
        &entry.public_key,
        distid,
        &message(context, hash),
        &entry.signature,
    )
}
