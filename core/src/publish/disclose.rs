//! Salted field commitments, SD-JWT style (RFC 9901 §4.2): the notice carries a digest in
//! place of each withheld or masked value; the publisher keeps, per field, the salt and the
//! value (a [`Disclosure`]) and can later show them to an authorized party, who recomputes
//! the digest and finds it in the signed notice.
//!
//! The exact bytes (docs/publication.md §Disclosure):
//!
//! ```text
//! digest = SHA-256( 0x19 || "shuangsuiji/v1/disclosure"
//!                   || u32be(len salt)  || salt              (32 random bytes)
//!                   || u32be(len path)  || path              (UTF-8, see below)
//!                   || u32be(len value) || JCS(value) )      (RFC 8785 JSON)
//! ```
//!
//! `path` is an RFC 6901 JSON pointer: `/` + result id + the field's pointer, e.g.
//! `/R-2024-001/team/0/badge`; for a whole withheld result just `/R-2024-001`. Binding the
//! path stops a disclosure for one field being passed off as another's.
//!
//! Why a salt of 256 bits, fresh per field: the values are low-entropy (a mobile number has
//! under 2^34 possibilities), so an unsalted or shared-salt hash would be reversed by
//! enumeration. The salt comes from the caller's cryptographic RNG; the core owns none.

use crate::encoding::canonical::{canonical_json, lp, Digest32};
use crate::encoding::Suite;
use rand_core::CryptoRng;
use serde::{Deserialize, Serialize};

/// Domain tag of field commitments.
pub const DISCLOSURE_TAG: &str = "shuangsuiji/v1/disclosure";

/// Salt length in bytes (≥ 128 bits as SD-JWT requires; we take 256).
pub const SALT_LEN: usize = 32;

/// A per-field salt; hex in JSON.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Salt(pub [u8; SALT_LEN]);

impl Salt {
    /// A fresh salt from a cryptographic RNG.
    pub fn random<R: CryptoRng + ?Sized>(rng: &mut R) -> Salt {
        let mut s = [0u8; SALT_LEN];
        rng.fill_bytes(&mut s);
        Salt(s)
    }
}

impl std::fmt::Debug for Salt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Salts are secrets until disclosed; keep them out of logs.
        f.write_str("Salt(..)")
    }
}

impl Serialize for Salt {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(self.0))
    }
}

impl<'de> Deserialize<'de> for Salt {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let mut out = [0u8; SALT_LEN];
        hex::decode_to_slice(&s, &mut out)
            .map_err(|_| serde::de::Error::custom("expected 64 hex digits"))?;
        Ok(Salt(out))
    }
}

/// One field's opening: what the publisher keeps and later shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    /// JSON pointer of the field, result id first.
    pub path: String,
    /// The field's salt.
    pub salt: Salt,
    /// The value as entered (for a whole result: the full [`super::InspectionResult`]).
    pub value: serde_json::Value,
}

impl Disclosure {
    /// The commitment this disclosure opens (in an `ed25519-sha256` notice).
    pub fn digest(&self) -> Digest32 {
        self.digest_in(Suite::Ed25519Sha256)
    }

    /// The commitment this disclosure opens in a notice of `suite`.
    pub fn digest_in(&self, suite: Suite) -> Digest32 {
        disclosure_commitment_in(suite, &self.salt, &self.path, &self.value)
    }
}

/// `tagged_hash(DISCLOSURE_TAG, lp(salt) || lp(path) || lp(JCS(value)))`.
pub fn disclosure_commitment(salt: &Salt, path: &str, value: &serde_json::Value) -> Digest32 {
    disclosure_commitment_in(Suite::Ed25519Sha256, salt, path, value)
}

/// [`disclosure_commitment`] under `suite`'s hash (SM3 under `sm2-sm3`).
pub fn disclosure_commitment_in(
    suite: Suite,
    salt: &Salt,
    path: &str,
    value: &serde_json::Value,
) -> Digest32 {
    // JCS of a serde_json::Value cannot fail; an empty encoding would still be bound by
    // the salt and path, and the vectors would catch it.
    let v = canonical_json(value).unwrap_or_default();
    suite.tagged_hash(
        DISCLOSURE_TAG,
        &[&lp(&salt.0), &lp(path.as_bytes()), &lp(&v)],
    )
}

/// RFC 6901 escaping of one pointer segment.
pub(crate) fn escape_segment(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// `/` + escaped result id + field pointer.
pub(crate) fn field_path(result_id: &str, pointer: &str) -> String {
    format!("/{}{}", escape_segment(result_id), pointer)
}

/// Commits to `value` at `path` with a fresh salt; returns the digest and the opening.
pub(crate) fn commit<R: CryptoRng + ?Sized>(
    suite: Suite,
    rng: &mut R,
    path: String,
    value: serde_json::Value,
) -> (Digest32, Disclosure) {
    let d = Disclosure {
        path,
        salt: Salt::random(rng),
        value,
    };
    (d.digest_in(suite), d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::rand_core::SeedableRng;
    use rand_chacha::ChaCha20Rng;
    use serde_json::json;

    /// A disclosure read back from its JSON opens the same commitment, floats included.
    /// serde_json's default float parsing can be one unit in the last place off for some
    /// values (1.4761015752617546e-232), and a correct opening would then not verify;
    /// the workspace asks for `float_roundtrip` (serde_json_canonicalizer already enabled
    /// it), so Rust reads them exactly, as JavaScript does.
    #[test]
    fn disclosures_read_back_open_the_same_commitment() {
        let salt = Salt([3; 32]);
        for v in [
            json!(1.476_101_575_261_754_6e-232),
            json!(1.797_693_134_862_315_7e308),
            json!(0.1),
            json!(18_446_744_073_709_551_615u64),
            json!({"a": [1.5e-300, "x"]}),
        ] {
            let d = Disclosure {
                path: "/R-1/findings".into(),
                salt,
                value: v,
            };
            let text = serde_json::to_string(&d).unwrap();
            let back: Disclosure = serde_json::from_str(&text).unwrap();
            assert_eq!(back, d, "{text}");
            assert_eq!(back.digest(), d.digest(), "{text}");
        }
    }

    #[test]
    fn digest_binds_salt_path_and_value() {
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        let (d, open) = commit(
            Suite::Ed25519Sha256,
            &mut rng,
            field_path("R-1", "/target/contact/mobile"),
            json!("13812341234"),
        );
        assert_eq!(open.digest(), d);
        assert_eq!(open.path, "/R-1/target/contact/mobile");
        let mut wrong = open.clone();
        wrong.value = json!("13812341235");
        assert_ne!(wrong.digest(), d, "a wrong value is refused");
        let mut moved = open.clone();
        moved.path = field_path("R-2", "/target/contact/mobile");
        assert_ne!(
            moved.digest(),
            d,
            "a disclosure cannot be moved to another field"
        );
        let mut resalted = open;
        resalted.salt = Salt::random(&mut rng);
        assert_ne!(resalted.digest(), d);
    }

    #[test]
    fn same_value_twice_gives_unlinkable_digests() {
        // Never an unsalted hash of a low-entropy value: equal phones must not be linkable.
        let mut rng = ChaCha20Rng::seed_from_u64(2);
        let (a, _) = commit(
            Suite::Ed25519Sha256,
            &mut rng,
            "/R-1/x".into(),
            json!("13812341234"),
        );
        let (b, _) = commit(
            Suite::Ed25519Sha256,
            &mut rng,
            "/R-1/x".into(),
            json!("13812341234"),
        );
        assert_ne!(a, b);
    }

    #[test]
    fn exact_bytes_are_as_documented() {
        use sha2::{Digest, Sha256};
        let salt = Salt([0xab; SALT_LEN]);
        let path = "/R~1x/findings";
        let got = disclosure_commitment(&salt, path, &json!("检查\"通过\""));
        let mut h = Sha256::new();
        h.update([25u8]);
        h.update(b"shuangsuiji/v1/disclosure");
        h.update(32u32.to_be_bytes());
        h.update([0xab; 32]);
        h.update((path.len() as u32).to_be_bytes());
        h.update(path.as_bytes());
        let v = "\"检查\\\"通过\\\"\"".as_bytes();
        h.update((v.len() as u32).to_be_bytes());
        h.update(v);
        assert_eq!(got.0, <[u8; 32]>::from(h.finalize()));
        assert_eq!(escape_segment("a/b~c"), "a~1b~0c");
    }

    #[test]
    fn salt_serialises_as_hex_and_hides_in_debug() {
        let s = Salt([1; SALT_LEN]);
        let j = serde_json::to_string(&s).unwrap();
        assert_eq!(j.len(), 66);
        assert_eq!(serde_json::from_str::<Salt>(&j).unwrap(), s);
        assert_eq!(format!("{s:?}"), "Salt(..)");
        assert!(serde_json::from_str::<Salt>("\"00\"").is_err());
    }
}
