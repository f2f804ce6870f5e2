//! Signed checkpoints in the C2SP formats: the `tlog-checkpoint` body
//! (`<origin>\n<size>\n<base64 root>\n`) inside a `signed-note` with an Ed25519 signature
//! line `— <name> <base64(key hash ‖ signature)>`.

use super::proof::{verify_consistency, ProofError};
use super::AuditLog;
use crate::encoding::canonical::Digest32;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// Signature type byte of Ed25519 in C2SP signed-note.
pub(crate) const ED25519_ALG: u8 = 0x01;

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

/// Key hash of C2SP signed-note: the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ key).
fn key_hash(name: &str, key: &VerifyingKey) -> [u8; 4] {
    key_hash_of(name, ED25519_ALG, key)
}

/// The key hash under a signature type byte: 0x01 for a note signature, 0x04 for a
/// `cosignature/v1` (C2SP tlog-cosignature).
pub(crate) fn key_hash_of(name: &str, alg: u8, key: &VerifyingKey) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([alg]);
    h.update(key.to_bytes());
    let d: [u8; 32] = h.finalize().into();
    [d[0], d[1], d[2], d[3]]
}

/// The verifier key string `<name>+<key hash hex>+<base64(0x01 ‖ key)>`.
pub fn verifier_key(name: &str, key: &VerifyingKey) -> String {
    verifier_key_of(name, ED25519_ALG, key)
}

/// A verifier key under a signature type byte (0x04: a `cosignature/v1` witness key).
pub(crate) fn verifier_key_of(name: &str, alg: u8, key: &VerifyingKey) -> String {
    let mut k = vec![alg];
    k.extend_from_slice(&key.to_bytes());
    format!(
        "{name}+{}+{}",
        hex::encode(key_hash_of(name, alg, key)),
        B64.encode(k)
    )
}

/// Signs checkpoints of one log and remembers the last one, so it cannot be made to sign
/// a checkpoint that does not extend it.
#[derive(Debug)]
pub struct CheckpointSigner {
    origin: String,
    key: SigningKey,
    last: Option<Checkpoint>,
}

impl CheckpointSigner {
    /// A signer for `origin` with its key, starting from the last checkpoint it signed
    /// (persisted by the caller), if any.
    pub fn new(origin: &str, key: SigningKey, last: Option<Checkpoint>) -> Self {
        CheckpointSigner {
            origin: origin.to_string(),
            key,
            last,
        }
    }

    /// The verifier key string for this signer.
    pub fn verifier_key(&self) -> String {
        verifier_key(&self.origin, &self.key.verifying_key())
    }

    /// Signs the log's current checkpoint after checking that the log still holds the
    /// last signed tree as its prefix.
    ///
    /// # Errors
    /// [`CheckpointError::Inconsistent`] when the log shrank or its prefix changed.
    pub fn sign(&mut self, log: &AuditLog) -> Result<SignedCheckpoint, CheckpointError> {
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
        let sig = self.key.sign(body.as_bytes());
        let mut blob = key_hash(&self.origin, &self.key.verifying_key()).to_vec();
        blob.extend_from_slice(&sig.to_bytes());
        let text = format!("{body}\n\u{2014} {} {}\n", self.origin, B64.encode(blob));
        self.last = Some(cp.clone());
        Ok(SignedCheckpoint {
            checkpoint: cp,
            text,
        })
    }
}

impl SignedCheckpoint {
    /// Parses a signed note and verifies it under `verifier_key`
    /// (`<name>+<hash>+<base64 key>`).
    ///
    /// # Errors
    /// [`CheckpointError::Malformed`] or [`CheckpointError::BadSignature`].
    pub fn verify(text: &str, verifier_key: &str) -> Result<SignedCheckpoint, CheckpointError> {
        let bad = |m: &str| CheckpointError::Malformed(m.to_string());
        let (name, vk) = parse_verifier_key(verifier_key, ED25519_ALG)?;
        let kh = key_hash(name, &vk);
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
            if vk
                .verify_strict(body.as_bytes(), &Signature::from_bytes(&sig))
                .is_ok()
            {
                return Ok(SignedCheckpoint {
                    checkpoint,
                    text: text.to_string(),
                });
            }
        }
        Err(CheckpointError::BadSignature(name.to_string()))
    }

    /// Checks that `later` extends this checkpoint with a consistency proof.
    ///
    /// # Errors
    /// [`CheckpointError::Proof`] or a different origin.
    pub fn check_extended_by(
        &self,
        later: &SignedCheckpoint,
        proof: &[Digest32],
    ) -> Result<(), CheckpointError> {
        let (a, b) = (&self.checkpoint, &later.checkpoint);
        if a.origin != b.origin {
            return Err(CheckpointError::Malformed(format!(
                "origins differ: {} / {}",
                a.origin, b.origin
            )));
        }
        verify_consistency(a.size, b.size, &a.root, &b.root, proof)?;
        Ok(())
    }
}

/// A C2SP note verifier key `<name>+<key hash, 8 hex>+<base64 of 0x01 ‖ Ed25519 key>`,
/// checked whole: the algorithm byte, a valid point, and the hash over name and key.
///
/// # Errors
/// [`CheckpointError::Malformed`].
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

pub(crate) fn parse_verifier_key(
    verifier_key: &str,
    expected_alg: u8,
) -> Result<(&str, VerifyingKey), CheckpointError> {
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
    let (alg, raw) = key_bytes
        .split_first()
        .ok_or_else(|| bad("verifier key is empty"))?;
    let raw: [u8; 32] = raw
        .try_into()
        .map_err(|_| bad("verifier key is not an Ed25519 key"))?;
    if *alg != expected_alg {
        return Err(bad(if expected_alg == ED25519_ALG {
            "verifier key is not an Ed25519 note key (type 0x01)"
        } else {
            "verifier key is not an Ed25519 cosignature key (type 0x04)"
        }));
    }
    let vk =
        VerifyingKey::from_bytes(&raw).map_err(|_| bad("verifier key is not a valid point"))?;
    let kh = key_hash_of(name, *alg, &vk);
    if hex::encode(kh) != hash_hex {
        return Err(bad("verifier key hash does not match its name and key"));
    }
    Ok((name, vk))
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
