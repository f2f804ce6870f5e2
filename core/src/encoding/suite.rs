//! The cryptographic suite of one draw (docs/spec/suites.md): which hash and which signature
//! every protocol byte uses. The suite is named in the commitment, so a verifier reads it
//! before it computes any hash, and never guesses it from a key's length.

use super::canonical::Digest32;
use super::sign::SignatureError;
use super::sm::{signature_from_hex, Sm2PublicKey, Sm2SecretKey};
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

/// A cryptographic suite. The default is every record made before suites existed, and is
/// never written out: one draw has one commitment hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Suite {
    /// SHA-256 and Ed25519 (RFC 8032).
    #[default]
    Ed25519Sha256,
    /// 国密: SM3 (GB/T 32905) and SM2 (GB/T 32918.2) with the default identifier.
    Sm2Sm3,
}

/// The wire name of [`Suite::Ed25519Sha256`] (never written in a commitment).
pub const ED25519_SHA256: &str = "ed25519-sha256";
/// The wire name of [`Suite::Sm2Sm3`].
pub const SM2_SM3: &str = "sm2-sm3";

impl Suite {
    /// Its wire name.
    pub fn name(self) -> &'static str {
        match self {
            Suite::Ed25519Sha256 => ED25519_SHA256,
            Suite::Sm2Sm3 => SM2_SM3,
        }
    }

    /// The suite a wire name denotes, if this library implements it.
    pub fn of(name: &str) -> Option<Suite> {
        match name {
            ED25519_SHA256 => Some(Suite::Ed25519Sha256),
            SM2_SM3 => Some(Suite::Sm2Sm3),
            _ => None,
        }
    }

    /// Whether this is the default suite (serde's `skip_serializing_if`).
    pub fn is_default(&self) -> bool {
        *self == Suite::Ed25519Sha256
    }

    /// A fresh hasher of the suite's hash function.
    pub fn hasher(self) -> Hasher {
        match self {
            Suite::Ed25519Sha256 => Hasher::Sha256(<sha2::Sha256 as sha2::Digest>::new()),
            Suite::Sm2Sm3 => Hasher::Sm3(<sm3::Sm3 as sm3::Digest>::new()),
        }
    }

    /// `H(u8(len tag) ‖ tag ‖ parts…)`: the spec's tagged framing under this suite's hash.
    pub fn tagged_hash(self, tag: &str, parts: &[&[u8]]) -> Digest32 {
        let mut h = self.hasher();
        // Tags are short ASCII constants of this crate; the length byte bounds them at 255.
        h.update(&[u8::try_from(tag.len()).unwrap_or(u8::MAX)]);
        h.update(tag.as_bytes());
        for p in parts {
            h.update(p);
        }
        h.finalize()
    }

    /// `H(parts…)`, untagged (the Merkle tree's own prefixes, the empty tree).
    pub fn hash(self, parts: &[&[u8]]) -> Digest32 {
        let mut h = self.hasher();
        for p in parts {
            h.update(p);
        }
        h.finalize()
    }

    /// Why `key` is not a public key of this suite in its one spelling (Ed25519: 64
    /// lower-case hex digits; SM2: `04‖x‖y`, 130 lower-case hex digits, on the curve), or
    /// `None` when it is one.
    pub fn key_problem(self, key: &str) -> Option<&'static str> {
        match self {
            Suite::Ed25519Sha256 => {
                let ok = key.len() == 64
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                (!ok).then_some("not 64 lower-case hex digits")
            }
            Suite::Sm2Sm3 => Sm2PublicKey::from_hex(key)
                .is_err()
                .then_some("not an SM2 public key 04‖x‖y (130 lower-case hex digits) on the curve"),
        }
    }

    /// A secret key of this suite from its 32 bytes: the Ed25519 seed, or the SM2 scalar
    /// (big-endian, as gmssl and sm-crypto keep it in hex).
    ///
    /// # Errors
    /// An SM2 scalar of zero or not below the group order.
    pub fn secret_key(self, bytes: &[u8; 32]) -> Result<SecretKey, super::sm::SmError> {
        Ok(match self {
            Suite::Ed25519Sha256 => SecretKey::Ed25519(SigningKey::from_bytes(bytes)),
            Suite::Sm2Sm3 => SecretKey::Sm2(Sm2SecretKey::from_bytes(bytes)?),
        })
    }

    /// Why `distid` cannot be an entry's distinguishing identifier under this suite, or
    /// `None` when it can (docs/spec/suites.md §3 "Identifiers"): SM2 only; not empty and at
    /// most 8,191 bytes (its bit length is 16 bits in Z_A, GM/T 0003.2); not the default
    /// `1234567812345678` written out (the default is the member's absence, so one draw has
    /// one commitment hash); printable ASCII only (U+0020–U+007E: it is printed in records,
    /// and no invisible or look-alike character can make two identifiers seem one).
    pub fn distid_problem(self, distid: &str) -> Option<&'static str> {
        if self == Suite::Ed25519Sha256 {
            return Some("only an SM2 key (suite sm2-sm3) has a distinguishing identifier");
        }
        if distid.is_empty() || distid.len() > 8191 {
            return Some("a distinguishing identifier is 1 to 8,191 bytes");
        }
        if distid == super::sm::DEFAULT_DISTID {
            return Some(
                "the default identifier 1234567812345678 is never written: leave distid out",
            );
        }
        if !distid.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
            return Some("a distinguishing identifier is printable ASCII (U+0020 to U+007E)");
        }
        None
    }

    /// Checks a signature (hex) under a public key (hex) on `message`: Ed25519 with
    /// `verify_strict`, or SM2 under the default identifier. One spelling each (lower-case
    /// hex), since signatures are hashed into records.
    ///
    /// # Errors
    /// The [`SignatureError`] of the first check that fails.
    pub fn verify(
        self,
        key_hex: &str,
        message: &[u8],
        sig_hex: &str,
    ) -> Result<(), SignatureError> {
        self.verify_as(key_hex, None, message, sig_hex)
    }

    /// [`Suite::verify`] for a key whose entry names a distinguishing identifier
    /// (`None`: the default; only SM2 keys have one).
    ///
    /// # Errors
    /// The [`SignatureError`] of the first check that fails; [`SignatureError::DoesNotVerify`]
    /// for an identifier under Ed25519 (never accepted by `Commitment::check`).
    pub fn verify_as(
        self,
        key_hex: &str,
        distid: Option<&str>,
        message: &[u8],
        sig_hex: &str,
    ) -> Result<(), SignatureError> {
        if let Some(id) = distid {
            if self.distid_problem(id).is_some() {
                return Err(SignatureError::DoesNotVerify);
            }
        }
        match self {
            Suite::Ed25519Sha256 => {
                let mut pk = [0u8; 32];
                hex::decode_to_slice(key_hex, &mut pk).map_err(|_| SignatureError::BadKeyHex)?;
                let vk =
                    VerifyingKey::from_bytes(&pk).map_err(|e| SignatureError::InvalidPoint {
                        reason: e.to_string(),
                    })?;
                let mut sig = [0u8; 64];
                if sig_hex.bytes().any(|b| b.is_ascii_uppercase()) {
                    return Err(SignatureError::BadSignatureHex);
                }
                hex::decode_to_slice(sig_hex, &mut sig)
                    .map_err(|_| SignatureError::BadSignatureHex)?;
                vk.verify_strict(message, &Signature::from_bytes(&sig))
                    .map_err(|_| SignatureError::DoesNotVerify)
            }
            Suite::Sm2Sm3 => {
                let vk = Sm2PublicKey::from_hex(key_hex).map_err(|e| match e {
                    crate::encoding::sm::SmError::Key(reason) => {
                        SignatureError::InvalidPoint { reason }
                    }
                    _ => SignatureError::BadKeyHex,
                })?;
                let sig =
                    signature_from_hex(sig_hex).map_err(|_| SignatureError::BadSignatureHex)?;
                vk.verify(distid, message, &sig)
                    .map_err(|_| SignatureError::DoesNotVerify)
            }
        }
    }
}

impl std::fmt::Display for Suite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Suite {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Suite {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match Suite::of(&s) {
            // Written out, the default would give one draw a second commitment hash.
            Some(Suite::Ed25519Sha256) => Err(serde::de::Error::custom(
                "suite \"ed25519-sha256\" is the default and is never written (omit the member)",
            )),
            Some(suite) => Ok(suite),
            None => Err(serde::de::Error::custom(format!(
                "unknown suite {s:?} (this library knows \"sm2-sm3\"; absent means \"ed25519-sha256\")"
            ))),
        }
    }
}

/// An incremental hash of either suite; cloning it keeps a shared prefix (tickets).
#[derive(Clone)]
pub enum Hasher {
    /// SHA-256.
    Sha256(sha2::Sha256),
    /// SM3.
    Sm3(sm3::Sm3),
}

impl Hasher {
    /// Feeds bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        match self {
            Hasher::Sha256(h) => sha2::Digest::update(h, bytes),
            Hasher::Sm3(h) => sm3::Digest::update(h, bytes),
        }
    }

    /// The digest.
    pub fn finalize(self) -> Digest32 {
        match self {
            Hasher::Sha256(h) => Digest32(sha2::Digest::finalize(h).into()),
            Hasher::Sm3(h) => Digest32(sm3::Digest::finalize(h).into()),
        }
    }
}

/// A key that signs under one suite: an Ed25519 key, or an SM2 key (default identifier).
/// Signing is deterministic under both.
pub trait SuiteSigner {
    /// The suite its signatures belong to.
    fn suite(&self) -> Suite;
    /// The public key as commitments list it (Ed25519: 64 hex digits; SM2: `04‖x‖y`,
    /// 130 hex digits), lower case.
    fn public_key_hex(&self) -> String;
    /// The signature (64 bytes) on `message`.
    fn sign_message(&self, message: &[u8]) -> [u8; 64];
}

impl SuiteSigner for SigningKey {
    fn suite(&self) -> Suite {
        Suite::Ed25519Sha256
    }
    fn public_key_hex(&self) -> String {
        hex::encode(self.verifying_key().to_bytes())
    }
    fn sign_message(&self, message: &[u8]) -> [u8; 64] {
        self.sign(message).to_bytes()
    }
}

impl SuiteSigner for Sm2SecretKey {
    fn suite(&self) -> Suite {
        Suite::Sm2Sm3
    }
    fn public_key_hex(&self) -> String {
        self.public_key().to_hex()
    }
    fn sign_message(&self, message: &[u8]) -> [u8; 64] {
        // Under the default identifier signing fails only if RFC 6979 yields no valid
        // nonce, which has negligible probability; the zero signature it would leave is
        // refused by every verifier (r = 0), so nothing passes silently.
        self.sign(None, message).unwrap_or([0u8; 64])
    }
}

/// A secret key of either suite, as a key file holds it.
#[derive(Clone, Debug)]
pub enum SecretKey {
    /// Ed25519 (32-byte seed).
    Ed25519(SigningKey),
    /// SM2 (PKCS#8).
    Sm2(Sm2SecretKey),
}

impl From<SigningKey> for SecretKey {
    fn from(k: SigningKey) -> Self {
        SecretKey::Ed25519(k)
    }
}

impl From<Sm2SecretKey> for SecretKey {
    fn from(k: Sm2SecretKey) -> Self {
        SecretKey::Sm2(k)
    }
}

impl SuiteSigner for SecretKey {
    fn suite(&self) -> Suite {
        match self {
            SecretKey::Ed25519(k) => k.suite(),
            SecretKey::Sm2(k) => k.suite(),
        }
    }
    fn public_key_hex(&self) -> String {
        match self {
            SecretKey::Ed25519(k) => SuiteSigner::public_key_hex(k),
            SecretKey::Sm2(k) => k.public_key_hex(),
        }
    }
    fn sign_message(&self, message: &[u8]) -> [u8; 64] {
        match self {
            SecretKey::Ed25519(k) => k.sign_message(message),
            SecretKey::Sm2(k) => k.sign_message(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::sm::sm3_tagged;
    use crate::encoding::tagged_hash;

    #[test]
    fn each_suite_keeps_the_tagged_framing() {
        assert_eq!(
            Suite::Ed25519Sha256.tagged_hash("t", &[b"a", b"b"]),
            tagged_hash("t", &[b"ab"])
        );
        assert_eq!(
            Suite::Sm2Sm3.tagged_hash("t", &[b"a", b"b"]),
            sm3_tagged("t", &[b"ab"])
        );
        assert_ne!(
            Suite::Sm2Sm3.tagged_hash("t", &[]),
            Suite::Ed25519Sha256.tagged_hash("t", &[])
        );
    }

    /// docs/spec/suites.md §3: the default is never written, an unknown suite is refused.
    #[test]
    fn the_default_suite_is_never_written() {
        assert_eq!(
            serde_json::from_str::<Suite>("\"sm2-sm3\"").unwrap(),
            Suite::Sm2Sm3
        );
        assert!(serde_json::from_str::<Suite>("\"ed25519-sha256\"").is_err());
        assert!(serde_json::from_str::<Suite>("\"SM2-SM3\"").is_err());
        assert_eq!(
            serde_json::to_string(&Suite::Sm2Sm3).unwrap(),
            "\"sm2-sm3\""
        );
    }

    /// The suite, never the key's length, says which algorithm verifies: an SM2 signature
    /// is refused under Ed25519 and the other way round.
    #[test]
    fn signatures_verify_only_under_their_suite() {
        let ed = SigningKey::from_bytes(&[7; 32]);
        let sm = Sm2SecretKey::from_bytes(&[7; 32]).unwrap();
        for (k, other) in [
            (&ed as &dyn SuiteSigner, Suite::Sm2Sm3),
            (&sm as &dyn SuiteSigner, Suite::Ed25519Sha256),
        ] {
            let sig = hex::encode(k.sign_message(b"m"));
            let pk = k.public_key_hex();
            assert_eq!(k.suite().verify(&pk, b"m", &sig), Ok(()));
            assert!(k.suite().verify(&pk, b"n", &sig).is_err());
            assert!(other.verify(&pk, b"m", &sig).is_err());
        }
    }
}
