//! The 国密 primitives of the `sm2-sm3` suite (docs/spec/suites.md): SM3 (GB/T 32905) with
//! the same tagged framing as [`tagged_hash`](super::tagged_hash), and SM2 signatures
//! (GB/T 32918.2, GM/T 0003.2) with the signer's distinguishing identifier handled as
//! GM/T 0009 says — `1234567812345678` unless the trust file names another — because the
//! identifier enters the signed digest (Z_A), so two tools that differ on it disagree on
//! every signature.
//!
//! Keys travel in the encodings Chinese tools exchange: the raw public point `04‖x‖y` as hex
//! (gmssl, sm-crypto), SubjectPublicKeyInfo and PKCS#8, DER or PEM, with the SM2 curve OID
//! 1.2.156.10197.1.301 under id-ecPublicKey (OpenSSL, GmSSL). Signatures are `r‖s`, 64 bytes
//! as 128 lower-case hex digits, and keys `04‖x‖y` in lower-case hex: one spelling each, as
//! every hash and signature of the spec, because signatures are hashed into records and a
//! second spelling would give a second record hash for one draw. The DER form OpenSSL writes
//! is converted at the edge ([`signature_from_der`]), never verified as such.
//!
//! RustCrypto's `sm2` and `sm3` crates do the arithmetic (pure Rust, so the WASM build has
//! them too); signing is deterministic (RFC 6979 with HMAC-SM3), so no randomness enters.

use super::canonical::Digest32;
use sm2::dsa::signature::{Signer, Verifier};
use sm2::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use sm3::Digest as _;

/// The distinguishing identifier GM/T 0009 gives a signer that names none.
pub const DEFAULT_DISTID: &str = "1234567812345678";

/// Why an SM2 key or signature cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SmError {
    /// A public or secret key that does not decode, or is not on the curve.
    #[error("SM2 key: {0}")]
    Key(String),
    /// A signature that does not decode.
    #[error("SM2 signature: {0}")]
    Malformed(String),
    /// A signature that does not verify under the key, identifier and message.
    #[error("SM2 signature does not verify under the key and distinguishing identifier")]
    BadSignature,
    /// An identifier longer than Z_A's 16-bit bit length allows (8191 bytes), or empty.
    #[error("SM2 distinguishing identifier: {0}")]
    DistId(String),
}

/// SM3 of the parts, concatenated.
pub fn sm3(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = sm3::Sm3::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// `SM3(u8(len(tag)) ‖ tag ‖ parts…)`: [`tagged_hash`](super::tagged_hash)'s framing under
/// SM3, so that the `sm2-sm3` suite keeps every domain separation of the spec. Tags are the
/// spec's constants, all shorter than 256 bytes (as for `tagged_hash`).
pub fn sm3_tagged(tag: &str, parts: &[&[u8]]) -> Digest32 {
    super::suite::Suite::Sm2Sm3.tagged_hash(tag, parts)
}

fn distid(id: Option<&str>) -> Result<&str, SmError> {
    let id = id.unwrap_or(DEFAULT_DISTID);
    if id.is_empty() || id.len() > 8191 {
        return Err(SmError::DistId(format!(
            "{} bytes, 1 to 8191 (its bit length is 16 bits in Z_A)",
            id.len()
        )));
    }
    Ok(id)
}

/// An SM2 public key: a point of the curve, not the identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sm2PublicKey(sm2::PublicKey);

impl Sm2PublicKey {
    /// From `04‖x‖y` as 130 lower-case hex digits, its one spelling.
    ///
    /// # Errors
    /// [`SmError::Key`] when it is not 130 lower-case hex digits of 65 bytes starting 0x04,
    /// or not on the curve.
    pub fn from_hex(s: &str) -> Result<Self, SmError> {
        // The length first: a hostile key of any size costs nothing to refuse.
        if s.len() != 130 {
            return Err(SmError::Key(format!(
                "{} hex digits: a public key is 04‖x‖y, 65 bytes (130 hex digits)",
                s.len()
            )));
        }
        if !s
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(SmError::Key(
                "not lower-case hex: a key has one spelling".into(),
            ));
        }
        let b = hex::decode(s).map_err(|e| SmError::Key(e.to_string()))?;
        if b.len() != 65 || b.first() != Some(&4) {
            return Err(SmError::Key(format!(
                "{} bytes: a public key is 04‖x‖y, 65 bytes (130 hex digits)",
                b.len()
            )));
        }
        sm2::PublicKey::from_sec1_bytes(&b)
            .map(Sm2PublicKey)
            .map_err(|_| SmError::Key("not a point of the SM2 curve".into()))
    }

    /// `04‖x‖y`, 130 lower-case hex digits: the spelling the spec hashes and compares.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0.to_sec1_bytes())
    }

    /// From SubjectPublicKeyInfo DER (id-ecPublicKey with the SM2 curve OID).
    ///
    /// # Errors
    /// [`SmError::Key`].
    pub fn from_spki_der(der: &[u8]) -> Result<Self, SmError> {
        sm2::PublicKey::from_public_key_der(der)
            .map(Sm2PublicKey)
            .map_err(|e| SmError::Key(e.to_string()))
    }

    /// From a `-----BEGIN PUBLIC KEY-----` PEM block.
    ///
    /// # Errors
    /// [`SmError::Key`].
    pub fn from_spki_pem(pem: &str) -> Result<Self, SmError> {
        sm2::PublicKey::from_public_key_pem(pem)
            .map(Sm2PublicKey)
            .map_err(|e| SmError::Key(e.to_string()))
    }

    /// SubjectPublicKeyInfo DER.
    ///
    /// # Errors
    /// Only if encoding fails.
    pub fn to_spki_der(&self) -> Result<Vec<u8>, SmError> {
        self.0
            .to_public_key_der()
            .map(|d| d.as_bytes().to_vec())
            .map_err(|e| SmError::Key(e.to_string()))
    }

    /// SubjectPublicKeyInfo PEM (LF line endings).
    ///
    /// # Errors
    /// Only if encoding fails.
    pub fn to_spki_pem(&self) -> Result<String, SmError> {
        self.0
            .to_public_key_pem(sm2::pkcs8::LineEnding::LF)
            .map_err(|e| SmError::Key(e.to_string()))
    }

    /// Checks `signature` (`r‖s`, each in 1..n-1) on `message` under this key and the
    /// distinguishing identifier (`None`: [`DEFAULT_DISTID`]).
    ///
    /// # Errors
    /// [`SmError::Malformed`], [`SmError::DistId`] or [`SmError::BadSignature`].
    pub fn verify(
        &self,
        distid_: Option<&str>,
        message: &[u8],
        signature: &[u8; 64],
    ) -> Result<(), SmError> {
        let sig = sm2::dsa::Signature::from_slice(signature)
            .map_err(|e| SmError::Malformed(e.to_string()))?;
        let vk = sm2::dsa::VerifyingKey::new(distid(distid_)?, self.0)
            .map_err(|e| SmError::Key(e.to_string()))?;
        vk.verify(message, &sig).map_err(|_| SmError::BadSignature)
    }
}

/// A signature `r‖s` from its one spelling, 128 lower-case hex digits.
///
/// # Errors
/// [`SmError::Malformed`] for any other spelling.
pub fn signature_from_hex(s: &str) -> Result<[u8; 64], SmError> {
    let mut sig = [0u8; 64];
    if s.len() != 128
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(SmError::Malformed(
            "r‖s is 128 lower-case hex digits (a DER signature is converted first)".into(),
        ));
    }
    hex::decode_to_slice(s, &mut sig).map_err(|e| SmError::Malformed(e.to_string()))?;
    Ok(sig)
}

/// The `r‖s` of a DER-encoded SM2 signature (`SEQUENCE { INTEGER r, INTEGER s }`, as
/// OpenSSL and GmSSL write it): for tools at the edge, so that only `r‖s` is ever verified,
/// hashed or stored.
///
/// # Errors
/// [`SmError::Malformed`] for anything but a strict DER encoding of two scalars in 1..n-1.
pub fn signature_from_der(der: &[u8]) -> Result<[u8; 64], SmError> {
    sm2::dsa::Signature::from_der(der)
        .map(|s| s.to_bytes().into())
        .map_err(|e| SmError::Malformed(e.to_string()))
}

/// n − 1 for the SM2 group order n (GB/T 32918.5).
const N_MINUS_1: [u8; 32] = [
    0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x72, 0x03, 0xdf, 0x6b, 0x21, 0xc6, 0x05, 0x2b, 0x53, 0xbb, 0xf4, 0x09, 0x39, 0xd5, 0x41, 0x22,
];

/// An SM2 secret key (a scalar in 1..n-2, GB/T 32918).
#[derive(Clone)]
pub struct Sm2SecretKey(sm2::SecretKey);

impl std::fmt::Debug for Sm2SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sm2SecretKey(…)")
    }
}

impl Sm2SecretKey {
    /// From the 32-byte big-endian scalar (as gmssl and sm-crypto keep it, in hex).
    ///
    /// # Errors
    /// [`SmError::Key`] for zero, or a value not below n − 1.
    pub fn from_bytes(b: &[u8; 32]) -> Result<Self, SmError> {
        sm2::SecretKey::from_slice(b)
            .map_err(|_| SmError::Key("not a scalar in 1..n-2".into()))
            .and_then(Self::checked)
    }

    /// GB/T 32918.1 6.1: d in [1, n-2] — for d = n-1 the signature's (1+d)^-1 does not
    /// exist, so such a key could never sign; refused however it arrives.
    fn checked(sk: sm2::SecretKey) -> Result<Self, SmError> {
        let d: [u8; 32] = sk.to_bytes().into();
        if d == N_MINUS_1 {
            return Err(SmError::Key(
                "d = n-1 is not a private key (GB/T 32918: 1 ≤ d ≤ n-2)".into(),
            ));
        }
        Ok(Sm2SecretKey(sk))
    }

    /// From PKCS#8 DER (`-----BEGIN PRIVATE KEY-----` decoded).
    ///
    /// # Errors
    /// [`SmError::Key`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, SmError> {
        sm2::SecretKey::from_pkcs8_der(der)
            .map_err(|e| SmError::Key(e.to_string()))
            .and_then(Self::checked)
    }

    /// From a `-----BEGIN PRIVATE KEY-----` PEM block.
    ///
    /// # Errors
    /// [`SmError::Key`].
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self, SmError> {
        sm2::SecretKey::from_pkcs8_pem(pem)
            .map_err(|e| SmError::Key(e.to_string()))
            .and_then(Self::checked)
    }

    /// PKCS#8 PEM (LF line endings), for a key file other tools load.
    ///
    /// # Errors
    /// Only if encoding fails.
    pub fn to_pkcs8_pem(&self) -> Result<String, SmError> {
        self.0
            .to_pkcs8_pem(sm2::pkcs8::LineEnding::LF)
            .map(|p| p.to_string())
            .map_err(|e| SmError::Key(e.to_string()))
    }

    /// The 32-byte scalar.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes().into()
    }

    /// The public key.
    pub fn public_key(&self) -> Sm2PublicKey {
        Sm2PublicKey(self.0.public_key())
    }

    /// The signature `r‖s` (64 bytes) on `message` under the distinguishing identifier
    /// (`None`: [`DEFAULT_DISTID`]); deterministic (RFC 6979, HMAC-SM3).
    ///
    /// # Errors
    /// [`SmError::DistId`]; [`SmError::Key`] only if signing fails.
    pub fn sign(&self, distid_: Option<&str>, message: &[u8]) -> Result<[u8; 64], SmError> {
        let sk = sm2::dsa::SigningKey::new(distid(distid_)?, &self.0)
            .map_err(|e| SmError::Key(e.to_string()))?;
        let sig: sm2::dsa::Signature = sk
            .try_sign(message)
            .map_err(|e| SmError::Key(e.to_string()))?;
        Ok(sig.to_bytes().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GB/T 32905-2016 Appendix A: "abc" and the 512-bit message "abcd" × 16; and the
    /// empty message.
    #[test]
    fn sm3_known_answers() {
        assert_eq!(
            hex::encode(sm3(&[b"abc"])),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        );
        assert_eq!(
            hex::encode(sm3(&[b"abcd".repeat(16).as_slice()])),
            "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
        );
        assert_eq!(
            hex::encode(sm3(&[])),
            "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b"
        );
        // Parts are concatenated; the tagged form prefixes the tag's length and bytes.
        assert_eq!(sm3(&[b"a", b"bc"]), sm3(&[b"abc"]));
        assert_eq!(sm3_tagged("ab", &[b"c"]).0, sm3(&[&[2], b"abc"]));
    }

    const D: &str = "4bb8df505722299592cbed4283b354a13ff5d3feeb3a0660c5bdf3c87c559499";
    const PUB: &str = "0408d77ae04c01cc4c1104360dd8af6b6f7df334283d7c1a6afd5652407b87bee5014e2a57c36c150d16324dc664e31e6432359609c4e79847a5b161c8c7364c8a";

    fn key() -> Sm2SecretKey {
        let mut d = [0u8; 32];
        hex::decode_to_slice(D, &mut d).unwrap();
        Sm2SecretKey::from_bytes(&d).unwrap()
    }

    /// A signature OpenSSL 3 made (`pkeyutl -sign -rawin -digest sm3 -pkeyopt
    /// distid:1234567812345678`; OpenSSL's own default identifier is empty) on "abc":
    /// verifies here, and fails for another message or identifier.
    #[test]
    fn an_openssl_signature_verifies() {
        let pk = Sm2PublicKey::from_hex(PUB).unwrap();
        assert_eq!(key().public_key(), pk);
        let mut sig = [0u8; 64];
        hex::decode_to_slice("ce5110ebe029cb1a91e64489647112a2efbb8d97a9e441ade41eaf7429b6ec143696ef0e17997d8c442c7fd334702c7260a49e1b839086638ada3558fc5517e9", &mut sig).unwrap();
        pk.verify(None, b"abc", &sig).unwrap();
        // Its DER spelling converts to the same r‖s; r or s of zero, or ≥ n, is refused.
        let der = sm2::dsa::Signature::from_slice(&sig).unwrap().to_der();
        assert_eq!(signature_from_der(der.as_bytes()).unwrap(), sig);
        assert!(signature_from_der(&sig).is_err());
        assert_eq!(signature_from_hex(&hex::encode(sig)).unwrap(), sig);
        assert!(signature_from_hex(&hex::encode(sig).to_uppercase()).is_err());
        assert!(signature_from_hex(&hex::encode(der.as_bytes())).is_err());
        assert!(matches!(
            pk.verify(None, b"abc", &[0; 64]),
            Err(SmError::Malformed(_))
        ));
        assert!(matches!(
            pk.verify(None, b"abc", &[0xff; 64]),
            Err(SmError::Malformed(_))
        ));
        assert_eq!(pk.verify(None, b"abd", &sig), Err(SmError::BadSignature));
        assert_eq!(
            pk.verify(Some("shuangsuiji"), b"abc", &sig),
            Err(SmError::BadSignature)
        );
    }

    #[test]
    fn our_signatures_round_trip_and_are_deterministic() {
        let k = key();
        let s1 = k.sign(None, b"message").unwrap();
        assert_eq!(s1, k.sign(None, b"message").unwrap());
        k.public_key().verify(None, b"message", &s1).unwrap();
        let s2 = k.sign(Some("ALICE123@YAHOO.COM"), b"message").unwrap();
        k.public_key()
            .verify(Some("ALICE123@YAHOO.COM"), b"message", &s2)
            .unwrap();
        assert!(k.public_key().verify(None, b"message", &s2).is_err());
        assert!(matches!(k.sign(Some(""), b"m"), Err(SmError::DistId(_))));
    }

    #[test]
    fn keys_travel_as_hex_spki_and_pkcs8() {
        let k = key();
        let pk = k.public_key();
        assert_eq!(pk.to_hex(), PUB);
        let pem = pk.to_spki_pem().unwrap();
        assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----"));
        assert_eq!(Sm2PublicKey::from_spki_pem(&pem).unwrap(), pk);
        let der = pk.to_spki_der().unwrap();
        // The SM2 curve OID 1.2.156.10197.1.301 (06 08 2a 81 1c cf 55 01 82 2d) is in it.
        assert!(der
            .windows(10)
            .any(|w| w == [0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d]));
        assert_eq!(Sm2PublicKey::from_spki_der(&der).unwrap(), pk);
        let sk_pem = k.to_pkcs8_pem().unwrap();
        assert_eq!(
            Sm2SecretKey::from_pkcs8_pem(&sk_pem).unwrap().to_bytes(),
            k.to_bytes()
        );
        // Hex is exact: lower-case, 65 bytes starting 04, on the curve.
        assert!(Sm2PublicKey::from_hex(&PUB.to_uppercase()).is_err());
        assert!(Sm2PublicKey::from_hex(&PUB[2..]).is_err());
        assert!(Sm2PublicKey::from_hex(&format!("04{}", "00".repeat(64))).is_err());
        assert!(Sm2SecretKey::from_bytes(&[0; 32]).is_err());
        assert!(Sm2SecretKey::from_bytes(&[0xff; 32]).is_err());
    }
}
