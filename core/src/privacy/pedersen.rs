//! Pedersen commitments to class bits on ristretto255 (docs/spec/privacy.md §4, review M1).
//!
//! `C = b·V + r·B`: `B` the ristretto255 base point, `V` hashed to the group so that nobody
//! knows `log_B V`. Hash commitments would hide the bits as well, but only an additive
//! commitment lets the public add the bits of every eligible target and compare the sum with
//! a stated population without opening a single one: that is what ties the quotas to the
//! leaves. The blinding rides on `B` so that the per-target check `Σ_v C = V + ρ·B` is a
//! fixed-base multiplication.

use crate::encoding::canonical::lp;
use curve25519_dalek::constants::RISTRETTO_BASEPOINT_TABLE;
use curve25519_dalek::ristretto::{CompressedRistretto, RistrettoPoint};
use curve25519_dalek::scalar::Scalar;
use sha2::{Digest, Sha512};
use std::sync::OnceLock;

/// Tag of the value base `V`.
pub const VALUE_BASE_TAG: &str = "shuangsuiji/v3/pedersen/value";
/// Tag of a blinding scalar.
pub const BLIND_TAG: &str = "shuangsuiji/v3/class-blind";

/// `SHA-512(u8(len tag) ‖ tag ‖ parts…)`: the crate's tagged framing, 64 bytes wide as
/// ristretto255's hash-to-group and wide scalar reduction need.
pub(crate) fn tagged_wide(tag: &str, parts: &[&[u8]]) -> [u8; 64] {
    let mut h = Sha512::new();
    h.update([u8::try_from(tag.len()).unwrap_or(u8::MAX)]);
    h.update(tag.as_bytes());
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// `V = ristretto255_from_uniform_bytes(SHA-512-tagged(VALUE_BASE_TAG))` (RFC 9496 §4.3.4).
pub fn value_base() -> RistrettoPoint {
    static V: OnceLock<RistrettoPoint> = OnceLock::new();
    *V.get_or_init(|| RistrettoPoint::from_uniform_bytes(&tagged_wide(VALUE_BASE_TAG, &[])))
}

/// The keeper's secret for one sealed view: fresh per view (review M3), so that a blind
/// opened in one draw says nothing about the next.
#[derive(Clone, PartialEq, Eq)]
pub struct ViewKey(pub [u8; 32]);

impl std::fmt::Debug for ViewKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ViewKey(…)")
    }
}

impl ViewKey {
    /// From 64 hex digits (either case).
    pub fn from_hex(s: &str) -> Option<ViewKey> {
        let v = hex::decode(s.trim()).ok()?;
        Some(ViewKey(v.try_into().ok()?))
    }
}

/// `r(t,a,v) = wide(SHA-512-tagged(BLIND_TAG, K ‖ lp(id) ‖ lp(a) ‖ lp(v)))`.
pub fn blind(key: &ViewKey, id: &str, attribute: &str, value: &str) -> Scalar {
    Scalar::from_bytes_mod_order_wide(&tagged_wide(
        BLIND_TAG,
        &[
            &key.0,
            &lp(id.as_bytes()),
            &lp(attribute.as_bytes()),
            &lp(value.as_bytes()),
        ],
    ))
}

/// Tag of the weights of a stratum's zero check.
pub const ZERO_WEIGHT_TAG: &str = "shuangsuiji/v3/zero-weight";
/// Tag of the digest of a stratum's kept list, inside every weight.
pub const ZERO_KEPT_TAG: &str = "shuangsuiji/v3/zero-kept";

/// `D_k = wide(ZERO_KEPT_TAG, lp(id_1) ‖ … ‖ lp(id_m))` over the stratum's kept ids in their
/// order: each choice of which members to keep gets its own weights, so an operator who
/// sealed malformed entries cannot search the members for a subset whose weights cancel
/// them (generalised birthday; second review of 2026-11-30).
pub fn kept_digest<'a>(kept: impl IntoIterator<Item = &'a str>) -> [u8; 64] {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    for id in kept {
        parts.push(lp(id.as_bytes()));
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    tagged_wide(ZERO_KEPT_TAG, &refs)
}

/// `w(t, k) = wide(ZERO_WEIGHT_TAG, seed ‖ lp(k) ‖ D_k ‖ lp(id))`: drawn from the seed and
/// the kept list, so after every commitment is fixed. A stratum that keeps all its members
/// proves `Σ_unkept w·C(t,k) = s·B`, which holds for such weights only if every unkept entry
/// commits to 0 — no malformed pair lets a member go unopened (first review of 2026-11-30).
pub fn zero_weight(seed: &[u8; 32], stratum: &str, kept: &[u8; 64], id: &str) -> Scalar {
    Scalar::from_bytes_mod_order_wide(&tagged_wide(
        ZERO_WEIGHT_TAG,
        &[seed, &lp(stratum.as_bytes()), kept, &lp(id.as_bytes())],
    ))
}

/// `b·V + r·B`.
pub fn commit(bit: u64, r: &Scalar) -> RistrettoPoint {
    let rb = RISTRETTO_BASEPOINT_TABLE * r;
    match bit {
        0 => rb,
        1 => value_base() + rb,
        n => value_base() * Scalar::from(n) + rb,
    }
}

/// `r·B`.
pub fn blind_point(r: &Scalar) -> RistrettoPoint {
    RISTRETTO_BASEPOINT_TABLE * r
}

/// Lower-case hex of a compressed point.
pub fn point_hex(p: &RistrettoPoint) -> String {
    hex::encode(p.compress().as_bytes())
}

/// Lower-case hex of a scalar's canonical bytes.
pub fn scalar_hex(s: &Scalar) -> String {
    hex::encode(s.as_bytes())
}

/// A point from 64 lower-case hex digits of a canonical encoding; `None` otherwise (one
/// spelling per point, as for every digest of the records).
pub fn point_from_hex(s: &str) -> Option<RistrettoPoint> {
    let b = lower_hex32(s)?;
    CompressedRistretto(b).decompress()
}

/// A scalar from 64 lower-case hex digits, canonical (below the group order).
pub fn scalar_from_hex(s: &str) -> Option<Scalar> {
    let b = lower_hex32(s)?;
    Option::from(Scalar::from_canonical_bytes(b))
}

fn lower_hex32(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 || !s.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    hex::decode(s).ok()?.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commitments_add_as_the_population_check_needs() {
        let k = ViewKey([7; 32]);
        let (r1, r2) = (
            blind(&k, "a", "risk", "high"),
            blind(&k, "b", "risk", "high"),
        );
        assert_eq!(commit(1, &r1) + commit(0, &r2), commit(1, &(r1 + r2)));
        assert_ne!(commit(1, &r1), commit(0, &r1));
    }

    #[test]
    fn blinds_are_separated_by_key_id_attribute_and_value() {
        let k = ViewKey([1; 32]);
        let base = blind(&k, "ab", "risk", "low");
        assert_ne!(base, blind(&ViewKey([2; 32]), "ab", "risk", "low"));
        assert_ne!(base, blind(&k, "a", "brisk", "low"));
        assert_ne!(base, blind(&k, "ab", "credit", "low"));
        assert_ne!(base, blind(&k, "ab", "risk", "high"));
    }

    #[test]
    fn zero_weights_change_with_the_kept_list_and_ids_cannot_be_re_split() {
        // The second review's subset search: each choice of kept members must give its own
        // weights, and a kept list must not hash like another one split differently.
        let seed = [9u8; 32];
        let a = kept_digest(["ab", "c"]);
        let b = kept_digest(["a", "bc"]);
        assert_ne!(a, b);
        assert_ne!(a, kept_digest(["ab"]));
        assert_ne!(
            zero_weight(&seed, "high", &a, "t"),
            zero_weight(&seed, "high", &b, "t")
        );
        assert_ne!(
            zero_weight(&seed, "high", &a, "t"),
            zero_weight(&[8u8; 32], "high", &a, "t")
        );
        assert_ne!(
            zero_weight(&seed, "high", &a, "t"),
            zero_weight(&seed, "low", &a, "t")
        );
    }

    #[test]
    fn encodings_have_one_spelling() {
        let p = commit(1, &blind(&ViewKey([3; 32]), "x", "risk", "low"));
        let h = point_hex(&p);
        assert_eq!(point_from_hex(&h), Some(p));
        assert_eq!(point_from_hex(&h.to_uppercase()), None);
        let s = blind(&ViewKey([3; 32]), "x", "risk", "low");
        assert_eq!(scalar_from_hex(&scalar_hex(&s)), Some(s));
        // The group order itself is not canonical.
        let l = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";
        assert_eq!(scalar_from_hex(l), None);
    }
}
