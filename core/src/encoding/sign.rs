//! Ed25519 signatures of the responsible people (谁抽查、谁签字、谁负责).
//!
//! A signature covers `context || hash`, with a distinct context for the commitment and
//! for the record, so a signature on one can never be replayed as the other.

use crate::encoding::canonical::Digest32;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

/// One signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureEntry {
    /// The signer's name as listed in the commitment.
    pub signer: String,
    /// Ed25519 public key (hex).
    pub public_key: String,
    /// Signature (64 bytes, hex).
    pub signature: String,
}

/// Context for signatures on a pre-draw commitment.
pub const COMMITMENT_CONTEXT: &[u8] = b"shuangsuiji/v1/sign/commitment";
/// Context for signatures on a draw record.
pub const RECORD_CONTEXT: &[u8] = b"shuangsuiji/v1/sign/record";

fn message(context: &[u8], hash: &Digest32) -> Vec<u8> {
    let mut m = context.to_vec();
    m.extend_from_slice(&hash.0);
    m
}

/// Signs `context || hash`.
pub fn sign_hash(
    signer: &str,
    key: &SigningKey,
    context: &[u8],
    hash: &Digest32,
) -> SignatureEntry {
    let sk = key;
    let sig = sk.sign(&message(context, hash));
    SignatureEntry {
        signer: signer.into(),
        public_key: hex::encode(sk.verifying_key().to_bytes()),
        signature: hex::encode(sig.to_bytes()),
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
    /// The entry's public key is not 64 hex digits.
    #[error("public key is not 64 hex digits")]
    BadKeyHex,
    /// The entry's public key is not a valid Ed25519 point.
    #[error("public key is not a valid Ed25519 point: {reason}")]
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
}

/// Checks one signature with `verify_strict` (no small-order keys, canonical S).
///
/// # Errors
/// The [`SignatureError`] of the first check that fails.
pub fn verify_entry(
    entry: &SignatureEntry,
    expected_key: &str,
    context: &[u8],
    hash: &Digest32,
) -> Result<(), SignatureError> {
    if entry.public_key != expected_key {
        return Err(SignatureError::KeyMismatch {
            signed_with: entry.public_key.clone(),
            listed: expected_key.to_string(),
        });
    }
    let mut pk = [0u8; 32];
    hex::decode_to_slice(&entry.public_key, &mut pk).map_err(|_| SignatureError::BadKeyHex)?;
    let vk = VerifyingKey::from_bytes(&pk).map_err(|e| SignatureError::InvalidPoint {
        reason: e.to_string(),
    })?;
    // One spelling (spec §10): an upper-case copy would verify yet change the record's bytes.
    let mut sig = [0u8; 64];
    if entry.signature.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(SignatureError::BadSignatureHex);
    }
    hex::decode_to_slice(&entry.signature, &mut sig)
        .map_err(|_| SignatureError::BadSignatureHex)?;
    vk.verify_strict(&message(context, hash), &Signature::from_bytes(&sig))
        .map_err(|_| SignatureError::DoesNotVerify)
}
