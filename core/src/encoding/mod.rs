//! How things become bytes and how bytes are bound to people (spec §2, §3.1, §6.2):
//! canonical JSON (RFC 8785), domain-separated tagged hashes, the RFC 6962 Merkle tree, and
//! Ed25519 signatures over `context || hash`. Every runtime must reproduce these bytes
//! exactly, so nothing here depends on a platform, a clock or a float.

pub(crate) mod canonical;
pub(crate) mod merkle;
pub(crate) mod sign;
pub mod sm;
pub(crate) mod suite;

pub use canonical::{canonical_json, tagged_hash, Digest32};
pub use ed25519_dalek::SigningKey;
pub use merkle::{merkle_root, merkle_root_in, MerkleTree};
pub use sign::{
    public_key_hex, signing_message, verify_entry, SignatureEntry, SignatureError,
    COMMITMENT_CONTEXT, RECORD_CONTEXT,
};
pub use suite::{Hasher, SecretKey, Suite, SuiteSigner, ED25519_SHA256, SM2_SM3};
