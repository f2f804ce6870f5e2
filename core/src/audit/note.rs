//! Signed checkpoints in the C2SP formats: the `tlog-checkpoint` body
//! (`<origin>\n<size>\n<base64 root>\n`) inside a `signed-note` with a signature line
//! `— <name> <base64(key hash ‖ signature)>`: Ed25519 (C2SP type 0x01), or SM2 under the
//! type `0xff ‖ "shuangsuiji/sm2-sm3/v1" ‖ 0x0A` (docs/spec/suites.md §3 "Audit log").

use super::proof::{verify_consistency_in, ProofError};
use super::AuditLog;
use crate::encoding::canonical::Digest32;
use crate::encoding::sm::Sm2PublicKey;
use crate::encoding::{SecretKey, Suite, SuiteSigner};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use ed25519_dalek::{Signature, VerifyingKey};
use sha2::{Digest, Sha256};

/// Signature type byte of Ed25519 in C2SP signed-note.
pub(crate) const ED25519_ALG: u8 = 0x01;

/// C2SP reserves type 0xff for algorithms it does not assign, followed by an identifier;
/// the newline ends the identifier so that no type is a prefix of another.
const SM2_LOG_TYPE: &[u8] = b"\xffshuangsuiji/sm2-sm3/v1\n";
/// A witness's SM2 type differs from the log's, as C2SP's 0x04 differs from 0x01, so a
/// log key and a witness key never share a key ID.
const SM2_WITNESS_TYPE: &[u8] = b"\xffshuangsuiji/sm2-sm3-cosignature/v1\n";

/// What a note key signs: a log's checkpoints, or a witness's cosignatures. The role is
/// part of the key's type, so a key of one role is never accepted in the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRole {
    /// A log's checkpoint key (Ed25519 type 0x01, or the SM2 log type).
    Log,
    /// A witness's cosignature key (Ed25519 type 0x04, or the SM2 cosignature type).
    Witness,
}

/// A note verifier key's public key; its suite is its algorithm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteKey {
    /// Ed25519.
    Ed25519(VerifyingKey),
    /// SM2, verified under the default identifier.
    Sm2(Sm2PublicKey),
}

impl NoteKey {
    /// The public key of a secret key.
    pub fn of(key: &SecretKey) -> NoteKey {
        match key {
            SecretKey::Ed25519(k) => NoteKey::Ed25519(k.verifying_key()),
            SecretKey::Sm2(k) => NoteKey::Sm2(k.public_key()),
        }
    }

    /// The suite of the key: a log's suite is its key's.
    pub fn suite(&self) -> Suite {
        match self {
            NoteKey::Ed25519(_) => Suite::Ed25519Sha256,
            NoteKey::Sm2(_) => Suite::Sm2Sm3,
        }
    }

    /// The key's bytes in a verifier key: 32 (Ed25519) or `04‖x‖y`, 65 (SM2).
    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            NoteKey::Ed25519(k) => k.to_bytes().to_vec(),
            NoteKey::Sm2(k) => hex::decode(k.to_hex()).unwrap_or_default(),
        }
    }

    /// Checks a 64-byte signature on `message`: Ed25519 `verify_strict`, or SM2 under the
    /// default identifier.
    pub(crate) fn verifies(&self, message: &[u8], sig: &[u8; 64]) -> bool {
        match self {
            NoteKey::Ed25519(k) => k
                .verify_strict(message, &Signature::from_bytes(sig))
                .is_ok(),
            NoteKey::Sm2(k) => k.verify(None, message, sig).is_ok(),
        }
    }
}

/// The signature type of a key of `suite` in `role`.
fn key_type(suite: Suite, role: KeyRole) -> &'static [u8] {
    match (suite, role) {
        (Suite::Ed25519Sha256, KeyRole::Log) => &[ED25519_ALG],
        (Suite::Ed25519Sha256, KeyRole::Witness) => &[super::COSIGNATURE_ALG],
        (Suite::Sm2Sm3, KeyRole::Log) => SM2_LOG_TYPE,
        (Suite::Sm2Sm3, KeyRole::Witness) => SM2_WITNESS_TYPE,
    }
}

/// A checkpoint: the log's origin, size and root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's origin line, e.g. `shuangsuiji.example/henan-gat`.
    pub origin: String,
    /// Number of entries.
    pub size: u64,
    /// RFC 6962 root.
    pub root: Digest32,
}

impl Checkpoint {
    /// The note body: three lines, each ending in a newline.
    pub fn body(&self) -> String {
        format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            B64.encode(self.root.0)
        )
    }
}

/// A checkpoint with its signature, as the text a log publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCheckpoint {
    /// The checkpoint.
    pub checkpoint: Checkpoint,
    /// The full signed-note text.
    pub text: String,
    /// The log's suite: its key's, which signed or verified the note.
    pub suite: Suite,
}

/// Why a checkpoint cannot be signed, parsed or verified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CheckpointError {
    /// Signing would contradict an earlier checkpoint: the log no longer has the root it
    /// had, or it shrank. The signer refuses (a log must never sign two inconsistent
    /// checkpoints).
    #[error("checkpoint: refusing to sign: {0}")]
    Inconsistent(String),
    /// Not a well-formed signed note or checkpoint.
    #[error("checkpoint: malformed: {0}")]
    Malformed(String),
    /// No signature line by the expected key verifies.
    #[error("checkpoint: no valid signature by {0}")]
    BadSignature(String),
    /// A consistency proof between two checkpoints fails.
    #[error("checkpoint: {0}")]
    Proof(#[from] ProofError),
}

/// The key ID of C2SP signed-note: the first 4 bytes of SHA-256(name ‖ "\n" ‖ type ‖
/// key), type 0x01 for a log's Ed25519 key, 0x04 for a witness's (C2SP
/// tlog-cosignature), the SM2 types otherwise. SHA-256 under both suites: C2SP defines
/// the key ID, an identifier and not a security property.
pub(crate) fn key_hash_of(name: &str, role: KeyRole, key: &NoteKey) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update(key_type(key.suite(), role));
    h.update(key.to_bytes());
    let d: [u8; 32] = h.finalize().into();
    [d[0], d[1], d[2], d[3]]
}

/// The verifier key string `<name>+<key hash hex>+<base64(0x01 ‖ key)>` of an Ed25519 log.
pub fn verifier_key(name: &str, key: &VerifyingKey) -> String {
    verifier_key_of(name, KeyRole::Log, &NoteKey::Ed25519(*key))
}

/// A verifier key `<name>+<key hash hex>+<base64(type ‖ key)>` of either role and suite.
pub(crate) fn verifier_key_of(name: &str, role: KeyRole, key: &NoteKey) -> String {
    let mut k = key_type(key.suite(), role).to_vec();
    k.extend_from_slice(&key.to_bytes());
    format!(
        "{name}+{}+{}",
        hex::encode(key_hash_of(name, role, key)),
        B64.encode(k)
    )
}

/// Signs checkpoints of one log and remembers the last one, so it cannot be made to sign
/// a checkpoint that does not extend it.
#[derive(Debug)]
pub struct CheckpointSigner {
    origin: String,
    key: SecretKey,
    last: Option<Checkpoint>,
}

impl CheckpointSigner {
    /// A signer for `origin` with its key (an Ed25519 key signs an `ed25519-sha256` log,
    /// an SM2 key an `sm2-sm3` one), starting from the last checkpoint it signed (persisted
    /// by the caller), if any.
    pub fn new(origin: &str, key: impl Into<SecretKey>, last: Option<Checkpoint>) -> Self {
        CheckpointSigner {
            origin: origin.to_string(),
            key: key.into(),
            last,
        }
    }

    /// The suite of the log this signer signs.
    pub fn suite(&self) -> Suite {
        self.key.suite()
    }

    /// The verifier key string for this signer.
    pub fn verifier_key(&self) -> String {
        verifier_key_of(&self.origin, KeyRole::Log, &NoteKey::of(&self.key))
    }

    /// Signs the log's current checkpoint after checking that the log still holds the
    /// last signed tree as its prefix.
    ///
    /// # Errors
    /// [`CheckpointError::Inconsistent`] when the log shrank or its prefix changed, or is
    /// of another suite than the key.
    pub fn sign(&mut self, log: &AuditLog) -> Result<SignedCheckpoint, CheckpointError> {
        if log.suite() != self.suite() {
            return Err(CheckpointError::Inconsistent(format!(
                "the log is {}, the key signs {}",
                log.suite(),
                self.suite()
            )));
        }
        if let Some(last) = &self.last {
            if log.size() < last.size {
                return Err(CheckpointError::Inconsistent(format!(
                    "log has {} entries, {} were signed before",
                    log.size(),
                    last.size
                )));
            }
            if log.root_at(last.size) != Some(last.root) {
                return Err(CheckpointError::Inconsistent(format!(
                    "the first {} entries no longer have the signed root {}",
                    last.size, last.root
                )));
            }
        }
        let cp = Checkpoint {
            origin: self.origin.clone(),
            size: log.size(),
            root: log.root(),
        };
        let body = cp.body();
        let sig = self.key.sign_message(body.as_bytes());
        let mut blob = key_hash_of(&self.origin, KeyRole::Log, &NoteKey::of(&self.key)).to_vec();
        blob.extend_from_slice(&sig);
        let text = format!("{body}\n\u{2014} {} {}\n", self.origin, B64.encode(blob));
        self.last = Some(cp.clone());
        Ok(SignedCheckpoint {
            checkpoint: cp,
            text,
            suite: self.suite(),
        })
    }
}

impl SignedCheckpoint {
    /// Parses a signed note and verifies it under `verifier_key`
    /// (`<name>+<hash>+<base64 key>`; its type says the algorithm).
    ///
    /// # Errors
    /// [`CheckpointError::Malformed`] or [`CheckpointError::BadSignature`].
    pub fn verify(text: &str, verifier_key: &str) -> Result<SignedCheckpoint, CheckpointError> {
        let bad = |m: &str| CheckpointError::Malformed(m.to_string());
        let (name, vk) = parse_verifier_key(verifier_key, KeyRole::Log)?;
        let kh = key_hash_of(name, KeyRole::Log, &vk);
        let (body, lines) = split_note(text)?;
        let checkpoint = parse_body(body)?;
        for (who, blob) in lines {
            if who != name || blob.len() != 68 || blob.get(..4) != Some(&kh[..]) {
                continue;
            }
            let sig: [u8; 64] = blob
                .get(4..)
                .and_then(|s| s.try_into().ok())
                .ok_or_else(|| bad("signature length"))?;
            if vk.verifies(body.as_bytes(), &sig) {
                return Ok(SignedCheckpoint {
                    checkpoint,
                    text: text.to_string(),
                    suite: vk.suite(),
                });
            }
        }
        Err(CheckpointError::BadSignature(name.to_string()))
    }

    /// Checks that `later` extends this checkpoint with a consistency proof, under the
    /// log's suite (both checkpoints' keys must be of it).
    ///
    /// # Errors
    /// [`CheckpointError::Proof`], a different origin or a different suite.
    pub fn check_extended_by(
        &self,
        later: &SignedCheckpoint,
        proof: &[Digest32],
    ) -> Result<(), CheckpointError> {
        let (a, b) = (&self.checkpoint, &later.checkpoint);
        if self.suite != later.suite {
            return Err(CheckpointError::Malformed(format!(
                "suites differ: {} / {}",
                self.suite, later.suite
            )));
        }
        let suite = self.suite;
        if a.origin != b.origin {
            return Err(CheckpointError::Malformed(format!(
                "origins differ: {} / {}",
                a.origin, b.origin
            )));
        }
        verify_consistency_in(suite, a.size, b.size, &a.root, &b.root, proof)?;
        Ok(())
    }
}

/// One signature line of a note: the key name and the decoded blob.
pub(crate) type SignatureLine<'a> = (&'a str, Vec<u8>);

/// The body of a signed note (through its last newline before the blank line) and its
/// signature lines as `(name, decoded blob)`.
///
/// # Errors
/// [`CheckpointError::Malformed`].
pub(crate) fn split_note(text: &str) -> Result<(&str, Vec<SignatureLine<'_>>), CheckpointError> {
    let bad = |m: &str| CheckpointError::Malformed(m.to_string());
    let split = text
        .rfind("\n\n")
        .ok_or_else(|| bad("no blank line before the signatures"))?;
    let (body, sigs) = (
        text.get(..=split).unwrap_or(""),
        text.get(split + 2..).unwrap_or(""),
    );
    // signed-note: the text ends with a newline and every signature line is well-formed,
    // so nothing can be appended after a valid signature.
    if sigs.is_empty() || !sigs.ends_with('\n') {
        return Err(bad(
            "the note does not end with a signature line and a newline",
        ));
    }
    let mut lines = Vec::new();
    for line in sigs.lines() {
        let rest = line
            .strip_prefix("\u{2014} ")
            .ok_or_else(|| bad("signature line does not start with an em dash"))?;
        let (who, b64) = rest
            .rsplit_once(' ')
            .ok_or_else(|| bad("signature line has no signature"))?;
        let blob = B64
            .decode(b64)
            .map_err(|_| bad("signature is not base64"))?;
        if blob.len() < 5 {
            return Err(bad("signature too short"));
        }
        lines.push((who, blob));
    }
    Ok((body, lines))
}

/// A C2SP note verifier key `<name>+<key hash, 8 hex>+<base64 of type ‖ key>`, checked
/// whole: a type of `role` (either suite), a valid point, and the hash over name, type and
/// key.
///
/// # Errors
/// [`CheckpointError::Malformed`].
pub(crate) fn parse_verifier_key(
    verifier_key: &str,
    role: KeyRole,
) -> Result<(&str, NoteKey), CheckpointError> {
    let bad = |m: &str| CheckpointError::Malformed(m.to_string());
    let mut parts = verifier_key.splitn(3, '+');
    let (name, hash_hex, key_b64) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let key_bytes = B64
        .decode(key_b64)
        .map_err(|_| bad("verifier key is not base64"))?;
    let what = match role {
        KeyRole::Log => "a log key (type 0x01, or the SM2 log type)",
        KeyRole::Witness => "a witness cosignature key (type 0x04, or the SM2 cosignature type)",
    };
    let key = if let Some(raw) = key_bytes.strip_prefix(key_type(Suite::Sm2Sm3, role)) {
        let raw: [u8; 65] = raw
            .try_into()
            .map_err(|_| bad("verifier key is not an SM2 key (04‖x‖y, 65 bytes)"))?;
        NoteKey::Sm2(
            Sm2PublicKey::from_hex(&hex::encode(raw))
                .map_err(|_| bad("verifier key is not a point of the SM2 curve"))?,
        )
    } else if let Some(raw) = key_bytes.strip_prefix(key_type(Suite::Ed25519Sha256, role)) {
        let raw: [u8; 32] = raw
            .try_into()
            .map_err(|_| bad("verifier key is not an Ed25519 key"))?;
        NoteKey::Ed25519(
            VerifyingKey::from_bytes(&raw).map_err(|_| bad("verifier key is not a valid point"))?,
        )
    } else {
        return Err(CheckpointError::Malformed(format!(
            "verifier key is not {what}"
        )));
    };
    let kh = key_hash_of(name, role, &key);
    if hex::encode(kh) != hash_hex {
        return Err(bad("verifier key hash does not match its name and key"));
    }
    Ok((name, key))
}

pub(crate) fn parse_body(body: &str) -> Result<Checkpoint, CheckpointError> {
    let bad = |m: &str| CheckpointError::Malformed(m.to_string());
    let mut lines = body.lines();
    let origin = lines
        .next()
        .filter(|o| !o.is_empty())
        .ok_or_else(|| bad("no origin line"))?
        .to_string();
    let size_line = lines.next().ok_or_else(|| bad("no size line"))?;
    if size_line.is_empty()
        || !size_line.bytes().all(|b| b.is_ascii_digit())
        || (size_line.len() > 1 && size_line.starts_with('0'))
    {
        return Err(bad("size is not a decimal number without leading zeros"));
    }
    let size = size_line.parse().map_err(|_| bad("size out of range"))?;
    let root_bytes = B64
        .decode(lines.next().ok_or_else(|| bad("no root line"))?)
        .map_err(|_| bad("root is not base64"))?;
    let root: [u8; 32] = root_bytes
        .try_into()
        .map_err(|_| bad("root is not 32 bytes"))?;
    Ok(Checkpoint {
        origin,
        size,
        root: Digest32(root),
    })
}
