//! The public randomness beacon: drand quicknet (`bls-unchained-g1-rfc9380`), verified here
//! with the `drand-verify` crate. No network: the caller passes the round as data.

use crate::draw::error::{BeaconError, BeaconField};
use drand_verify::{derive_randomness, G2PubkeyRfc, Pubkey};
use serde::{Deserialize, Serialize};

/// A drand chain and the round a plan commits to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrandSpec {
    /// The chain hash (hex), naming the network.
    pub chain_hash: String,
    /// The chain's BLS public key on G2 (96 bytes, hex).
    pub public_key: String,
    /// Unix time of round 1.
    pub genesis_time: i64,
    /// Seconds between rounds.
    pub period_seconds: u32,
    /// The round whose randomness the draw will use.
    pub round: u64,
}

impl DrandSpec {
    /// The quicknet chain parameters (League of Entropy), with a round to use.
    pub fn quicknet(round: u64) -> DrandSpec {
        DrandSpec {
            chain_hash: "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971".into(),
            public_key: "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a".into(),
            genesis_time: 1_692_803_367,
            period_seconds: 3,
            round,
        }
    }

    /// `genesis_time + (round - 1) * period`: when the round is published.
    pub fn round_time(&self) -> i64 {
        let r = i64::try_from(self.round.saturating_sub(1)).unwrap_or(i64::MAX);
        self.genesis_time
            .saturating_add(r.saturating_mul(i64::from(self.period_seconds)))
    }

    /// The first round published strictly after `unix_time`.
    pub fn first_round_after(genesis_time: i64, period_seconds: u32, unix_time: i64) -> u64 {
        let p = i64::from(period_seconds.max(1));
        if unix_time < genesis_time {
            return 1;
        }
        // In i128: any two i64 times are apart by less than 2^64, so nothing overflows.
        let elapsed = i128::from(unix_time) - i128::from(genesis_time);
        u64::try_from(elapsed / i128::from(p) + 2).unwrap_or(u64::MAX)
    }
}

/// A drand round as published: its number and BLS signature (hex); the randomness is
/// derived, never trusted as given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BeaconRound {
    /// The round number.
    pub round: u64,
    /// The BLS signature on G1 (48 bytes, hex).
    pub signature: String,
    /// SHA-256 of the signature (hex), as drand publishes it.
    pub randomness: String,
}

impl DrandSpec {
    /// The spec given bare, or as a commitment's `beacon` member (`"mode": "drand"` and the
    /// spec), the form a verifier has at hand.
    ///
    /// # Errors
    /// When it is neither, or the commitment's beacon is offline.
    pub fn from_json(v: &serde_json::Value) -> Result<Self, serde_json::Error> {
        use crate::draw::protocol::BeaconChoice;
        if v.get("mode").is_none() {
            return DrandSpec::deserialize(v);
        }
        match BeaconChoice::deserialize(v)? {
            BeaconChoice::Drand(spec) => Ok(spec),
            BeaconChoice::Offline => Err(serde::de::Error::custom(
                "the beacon is offline: there is no drand round to check",
            )),
            BeaconChoice::PublishedNumbers(_) => Err(serde::de::Error::custom(
                "the beacon is published numbers: there is no drand round to check",
            )),
        }
    }
}

impl BeaconRound {
    /// A round as drand's HTTP API or a relay publishes it: `round`, `signature` and
    /// `randomness` are taken, anything else drand adds (`previous_signature` on chained
    /// networks, a time) is left out. Inside a record the round is read strictly instead:
    /// a member the format does not define is refused there.
    ///
    /// # Errors
    /// When one of the three members is missing or of the wrong type.
    pub fn from_drand_json(v: &serde_json::Value) -> Result<Self, serde_json::Error> {
        #[derive(Deserialize)]
        struct AsPublished {
            round: u64,
            signature: String,
            randomness: String,
        }
        let r = AsPublished::deserialize(v)?;
        Ok(BeaconRound {
            round: r.round,
            signature: r.signature,
            randomness: r.randomness,
        })
    }
}

/// The infinity flag of a compressed BLS12-381 point (its first byte).
const INFINITY_FLAG: u8 = 0x40;

/// A chain's public key, decoded: 96 bytes of hex, a point of G2's prime-order subgroup
/// (the library's checked decoding), and not the identity, under which every round
/// "verifies" and the randomness is a constant.
///
/// # Errors
/// [`BeaconError::Malformed`] for the public key.
pub(crate) fn check_public_key(hex_key: &str) -> Result<G2PubkeyRfc, BeaconError> {
    let malformed = |reason: String| BeaconError::Malformed {
        field: BeaconField::PublicKey,
        reason,
    };
    let mut pk = [0u8; 96];
    hex::decode_to_slice(hex_key, &mut pk).map_err(|e| malformed(e.to_string()))?;
    if pk[0] & INFINITY_FLAG != 0 {
        return Err(malformed(
            "the identity point, under which every round verifies".into(),
        ));
    }
    G2PubkeyRfc::from_fixed(pk).map_err(|e| malformed(e.to_string()))
}

/// Checks `round` against the committed spec: the same round, published after the
/// commitment time, a valid BLS signature under the chain key, and randomness =
/// SHA-256(signature). Returns the randomness.
///
/// # Errors
/// The first failing check, as a [`BeaconError`].
pub fn verify_round(
    spec: &DrandSpec,
    committed_at: i64,
    round: &BeaconRound,
) -> Result<[u8; 32], BeaconError> {
    if round.round != spec.round {
        return Err(BeaconError::WrongRound {
            committed: spec.round,
            given: round.round,
        });
    }
    let round_time = spec.round_time();
    if round_time <= committed_at {
        return Err(BeaconError::TooEarly {
            round: spec.round,
            round_time,
            committed_at,
        });
    }
    let pk = check_public_key(&spec.public_key)?;
    let sig = hex::decode(&round.signature).map_err(|e| BeaconError::Malformed {
        field: BeaconField::Signature,
        reason: e.to_string(),
    })?;
    if sig.len() != 48 {
        return Err(BeaconError::Malformed {
            field: BeaconField::Signature,
            reason: format!("{} bytes, a G1 signature has 48", sig.len()),
        });
    }
    if sig.first().is_some_and(|b| b & INFINITY_FLAG != 0) {
        return Err(BeaconError::Malformed {
            field: BeaconField::Signature,
            reason: "the identity point, which signs every round".into(),
        });
    }
    match pk.verify(round.round, b"", &sig) {
        Ok(true) => {}
        Ok(false) => return Err(BeaconError::BadSignature { round: round.round }),
        Err(e) => {
            return Err(BeaconError::Malformed {
                field: BeaconField::Signature,
                reason: e.to_string(),
            })
        }
    }
    if !crate::draw::protocol::is_lower_hex(&round.signature, 48) {
        return Err(BeaconError::Malformed {
            field: BeaconField::Signature,
            reason: "not lower-case hex".into(),
        });
    }
    let randomness = derive_randomness(&sig);
    if round.randomness != hex::encode(randomness) {
        return Err(BeaconError::RandomnessMismatch);
    }
    Ok(randomness)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Round 123 of quicknet, from ../shared/data/drand-quicknet.json (also a test vector
    /// of drand-verify 0.6.2).
    pub(crate) fn round_123() -> BeaconRound {
        BeaconRound {
            round: 123,
            signature: "b75c69d0b72a5d906e854e808ba7e2accb1542ac355ae486d591aa9d43765482e26cd02df835d3546d23c4b13e0dfc92".into(),
            randomness: "fb8f7bc29bf24db51871ec8c79f3a1e4bd0557bc0dfcee9ed1d924e69d1c60dc".into(),
        }
    }

    /// drand's own JSON is read leniently at the edge; inside a record, strictly.
    #[test]
    fn drand_json_at_the_edge_strict_inside_records() {
        let mut v = serde_json::to_value(round_123()).unwrap();
        v["time_utc"] = "2023-08-23T15:15:33+00:00".into();
        v["previous_signature"] = "".into();
        assert_eq!(BeaconRound::from_drand_json(&v).unwrap(), round_123());
        assert!(serde_json::from_value::<BeaconRound>(v).is_err());

        let spec = DrandSpec::quicknet(123);
        let bare = serde_json::to_value(&spec).unwrap();
        let member =
            serde_json::to_value(crate::draw::protocol::BeaconChoice::Drand(spec.clone())).unwrap();
        assert_eq!(member["mode"], "drand");
        assert_eq!(DrandSpec::from_json(&bare).unwrap(), spec);
        assert_eq!(DrandSpec::from_json(&member).unwrap(), spec);
        let offline = serde_json::to_value(crate::draw::protocol::BeaconChoice::Offline).unwrap();
        assert!(DrandSpec::from_json(&offline)
            .unwrap_err()
            .to_string()
            .contains("offline"));
        let mut extra = bare;
        extra["note"] = "x".into();
        assert!(DrandSpec::from_json(&extra).is_err());
    }

    const BEFORE: i64 = 1_692_803_700; // 2023-08-23T15:15:00Z

    #[test]
    fn real_quicknet_round_verifies() {
        let spec = DrandSpec::quicknet(123);
        assert_eq!(spec.round_time(), 1_692_803_733);
        assert_eq!(
            hex::encode(verify_round(&spec, BEFORE, &round_123()).unwrap()),
            round_123().randomness
        );
    }

    #[test]
    fn tampered_round_is_refused() {
        let spec = DrandSpec::quicknet(123);
        let mut r = round_123();
        r.signature.replace_range(0..2, "b6");
        assert!(matches!(
            verify_round(&spec, BEFORE, &r),
            Err(BeaconError::BadSignature { .. } | BeaconError::Malformed { .. })
        ));
        let mut r = round_123();
        r.signature.replace_range(94..96, "93");
        assert!(verify_round(&spec, BEFORE, &r).is_err());
        let mut r = round_123();
        r.randomness.replace_range(0..2, "00");
        assert_eq!(
            verify_round(&spec, BEFORE, &r),
            Err(BeaconError::RandomnessMismatch)
        );
        let mut r = round_123();
        r.round = 124;
        assert!(matches!(
            verify_round(&spec, BEFORE, &r),
            Err(BeaconError::WrongRound { .. })
        ));
    }

    #[test]
    fn round_before_commitment_is_refused() {
        let spec = DrandSpec::quicknet(123);
        assert!(matches!(
            verify_round(&spec, 1_692_803_733, &round_123()),
            Err(BeaconError::TooEarly { .. })
        ));
        assert_eq!(DrandSpec::first_round_after(1_692_803_367, 3, BEFORE), 113);
        // Times as far apart as i64 allows do not overflow.
        assert_eq!(
            DrandSpec::first_round_after(i64::MIN, 1, i64::MAX),
            u64::MAX
        );
        assert_eq!(
            DrandSpec::first_round_after(i64::MIN, 3, 0),
            3_074_457_345_618_258_604
        );
        assert!(DrandSpec::quicknet(113).round_time() > BEFORE);
        assert!(DrandSpec::quicknet(112).round_time() <= BEFORE);
    }
}
