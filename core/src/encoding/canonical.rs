//! Canonical bytes and domain-separated hashing (spec §2).
//!
//! Everything that is hashed or signed is encoded as RFC 8785 JSON (JCS). The models carry
//! no floats, so JCS's number rules never come into play and any JSON library that sorts
//! keys and writes minimal escapes reproduces the bytes.

use serde::Serialize;

/// A SHA-256 digest; serialised as lower-case hex so that JSON stays readable.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Digest32(pub [u8; 32]);

impl Digest32 {
    /// Lower-case hex form, as it appears in records and vectors.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Parses 64 hex digits (either case).
    pub fn from_hex(s: &str) -> Option<Self> {
        let mut out = [0u8; 32];
        hex::decode_to_slice(s, &mut out).ok()?;
        Some(Digest32(out))
    }
}

impl std::fmt::Debug for Digest32 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.to_hex())
    }
}

impl std::fmt::Display for Digest32 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.to_hex())
    }
}

impl Serialize for Digest32 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> serde::Deserialize<'de> for Digest32 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // One spelling inside JSON (lower case, as written), so that no two files that
        // differ in a digest's case verify as the same record.
        let s = String::deserialize(d)?;
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(serde::de::Error::custom(
                "expected 64 lower-case hex digits",
            ));
        }
        Digest32::from_hex(&s)
            .ok_or_else(|| serde::de::Error::custom("expected 64 lower-case hex digits"))
    }
}

/// Reads a unit variant of an internally tagged enum (`{"kind": "case_opened"}`) and refuses
/// any member besides the tag: serde otherwise ignores them there, even under
/// `deny_unknown_fields`. Use as `#[serde(deserialize_with = "crate::encoding::canonical::no_members")]`.
pub(crate) fn no_members<'de, D: serde::Deserializer<'de>>(d: D) -> Result<(), D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct NoMembers {}
    <NoMembers as serde::Deserialize>::deserialize(d).map(|_| ())
}

/// RFC 8785 canonical JSON of a value.
///
/// Serialisation of the crate's own types cannot fail (no non-string map keys, no floats);
/// an error here would be a bug, so it surfaces as `Err` rather than a panic.
pub fn canonical_json<T: Serialize>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    serde_json_canonicalizer::to_vec(value)
}

/// `SHA-256(len(tag) as u8 || tag || data)`: the one hashing shape used for every
/// commitment, so that no two purposes can ever produce the same pre-image.
///
/// ```
/// use shuangsuiji::encoding::tagged_hash;
/// let a = tagged_hash("shuangsuiji/v1/record", &[b"{}"]);
/// let b = tagged_hash("shuangsuiji/v1/commitment", &[b"{}"]);
/// assert_ne!(a, b); // the same bytes under two purposes never collide
/// assert_eq!(a, tagged_hash("shuangsuiji/v1/record", &[b"{", b"}"])); // parts concatenate
/// ```
pub fn tagged_hash(tag: &str, parts: &[&[u8]]) -> Digest32 {
    super::suite::Suite::Ed25519Sha256.tagged_hash(tag, parts)
}

/// Length-prefixes a byte string with its length as a 4-byte big-endian integer, so that
/// concatenated fields cannot be re-split differently (the RFC 3797 / consistent_sampler
/// ambiguity).
pub(crate) fn lp(bytes: &[u8]) -> Vec<u8> {
    let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
    let mut v = Vec::with_capacity(4 + bytes.len());
    v.extend_from_slice(&len.to_be_bytes());
    v.extend_from_slice(bytes);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_and_keeps_unicode() {
        #[derive(Serialize)]
        struct S {
            z: u32,
            a: &'static str,
        }
        let bytes = canonical_json(&S {
            z: 1, a: "检查\n"
        })
        .unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "{\"a\":\"检查\\n\",\"z\":1}"
        );
    }

    #[test]
    fn tagged_hash_separates_tags() {
        assert_ne!(tagged_hash("a", &[b"bc"]), tagged_hash("ab", &[b"c"]));
    }

    #[test]
    fn digest_hex_round_trip() {
        let d = tagged_hash("x", &[]);
        assert_eq!(Digest32::from_hex(&d.to_hex()), Some(d));
        assert_eq!(Digest32::from_hex("zz"), None);
    }
}
