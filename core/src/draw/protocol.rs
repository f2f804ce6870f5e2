//! The randomness protocol: commit, then reveal, then beacon (spec §4).
//!
//! Everything that decides the draw — plan, item list, registers, participants'
//! commitments, the beacon round — is fixed and signed before any randomness exists;
//! the seed is a domain-separated hash of all of it, and each purpose gets its own
//! sub-seed so that one use of randomness can never shift another.

use crate::draw::beacon::DrandSpec;
use crate::draw::error::DrawError;
use crate::draw::plan::DrawPlan;
use crate::encoding::canonical::{canonical_json, lp, tagged_hash, Digest32};
use crate::registers::roots::RegisterRoots;
use serde::{Deserialize, Serialize};

/// The algorithm version every record names; a new algorithm gets a new name.
pub const ALGORITHM: &str = "shuangsuiji/draw/v1";

/// A participant's commitment to a secret (e.g. the inspecting department and the
/// discipline-inspection office, 纪检监察).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// Participant id (printable ASCII).
    pub id: String,
    /// Role, for people reading the record.
    pub role: String,
    /// `tagged_hash("shuangsuiji/v1/reveal", lp(id) || secret)`.
    pub commitment: Digest32,
}

/// A revealed secret: 32 bytes (hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reveal {
    /// Participant id.
    pub participant: String,
    /// The secret, 64 hex digits.
    pub secret: String,
}

/// Someone who signs the commitment and the record (谁抽查、谁签字、谁负责).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// Name and role as they sign, e.g. "治安总队 抽查负责人".
    pub name: String,
    /// Ed25519 public key (32 bytes, hex).
    pub public_key: String,
}

/// Where the randomness comes from besides the reveals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum BeaconChoice {
    /// Participants' reveals only (offline mode).
    #[serde(deserialize_with = "crate::encoding::canonical::no_members")]
    Offline,
    /// A drand round, verified by BLS.
    Drand(DrandSpec),
}

/// A re-draw replaces an earlier commitment; both stay visible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supersedes {
    /// Hash of the commitment being replaced.
    pub commitment: Digest32,
    /// Why (e.g. the register was found wrong before the reveal).
    pub reason: String,
}

/// The pre-draw commitment: signed before any randomness exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// [`ALGORITHM`].
    pub algorithm: String,
    /// The plan.
    pub plan: DrawPlan,
    /// Item list hash and register roots.
    pub roots: RegisterRoots,
    /// Participants and their commitments.
    pub participants: Vec<Participant>,
    /// Who must sign the commitment and the record.
    pub signers: Vec<Signatory>,
    /// The beacon.
    pub beacon: BeaconChoice,
    /// Unix time (seconds, UTC) of the commitment, passed in by the caller.
    pub committed_at: i64,
    /// The commitment this one replaces, if it is a re-draw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<Supersedes>,
    /// The audit log's signed checkpoint (C2SP note text) the draw was committed under,
    /// so the record points into the 全过程留痕 trail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_checkpoint: Option<String>,
}

impl Commitment {
    /// A commitment under this library's algorithm ([`ALGORITHM`]), not a re-draw, with no
    /// log checkpoint; set `supersedes` and `log_checkpoint` afterwards where they apply.
    pub fn new(
        plan: DrawPlan,
        roots: RegisterRoots,
        participants: Vec<Participant>,
        signers: Vec<Signatory>,
        beacon: BeaconChoice,
        committed_at: i64,
    ) -> Self {
        Commitment {
            algorithm: ALGORITHM.to_string(),
            plan,
            roots,
            participants,
            signers,
            beacon,
            committed_at,
            supersedes: None,
            log_checkpoint: None,
        }
    }

    /// `tagged_hash("shuangsuiji/v1/commitment", JCS(commitment))`.
    ///
    /// # Errors
    /// Only if canonical encoding fails (a bug).
    pub fn hash(&self) -> Result<Digest32, DrawError> {
        let bytes = canonical_json(self).map_err(|e| DrawError::Encoding(e.to_string()))?;
        Ok(tagged_hash("shuangsuiji/v1/commitment", &[&bytes]))
    }
}

/// Most participants a commitment may list (spec §4.2).
pub const MAX_PARTICIPANTS: usize = 64;

/// Most signers a commitment may list (spec §4.2).
pub const MAX_SIGNERS: usize = 64;

/// Largest integer every JSON reader keeps exactly (2^53 - 1): numbers in hashed JSON
/// must stay below it so that JavaScript and Python verifiers read the same value.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// Whether `s` is lower-case hex of exactly `bytes` bytes: hashed hex has one spelling.
pub(crate) fn is_lower_hex(s: &str, bytes: usize) -> bool {
    s.len() == 2 * bytes
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Commitment {
    /// Checks what the plan check does not: participants, signers, keys, beacon
    /// parameters and integer ranges; every problem at once.
    ///
    /// # Errors
    /// [`DrawError::Commitment`].
    pub fn check(&self) -> Result<(), DrawError> {
        let mut p = Vec::new();
        if self.participants.is_empty() {
            p.push("participants: at least one participant commits to a secret".to_string());
        }
        // 豫政办〔2015〕140号 三(3): the draw is made by the inspecting department together
        // with the discipline-inspection office (会同本单位纪检、监察部门共同实施). Two
        // independent secrets also mean no single party can grind the seed, even one that
        // back-dates `committed_at` in front of a published beacon round.
        if !self.participants.is_empty() && self.participants.len() < 2 {
            p.push("participants: at least two participants (the inspecting department and 纪检监察), so that no single party fixes the seed".into());
        }
        let mut seen = std::collections::BTreeSet::new();
        for x in &self.participants {
            if let Err(e) = crate::registers::fields::ids::check_id(&x.id) {
                p.push(format!("participants.{}: id {e}", x.id));
            }
            if !seen.insert(x.id.as_str()) {
                p.push(format!("participants.{}: appears more than once", x.id));
            }
            // Roles and signer names are what a reader compares with a trust file; a
            // look-alike spelling must not pass for the real one (spec §1.7).
            if let Err(e) = crate::registers::fields::check_name(&x.role) {
                p.push(format!("participants.{}.role: {e}", x.id));
            }
        }
        if self.signers.is_empty() {
            p.push("signers: at least one responsible person signs (谁抽查、谁签字)".into());
        }
        // Bounds that keep a hostile commitment from making a verifier work without limit.
        if self.participants.len() > MAX_PARTICIPANTS {
            p.push(format!(
                "participants: {} listed, at most {MAX_PARTICIPANTS}",
                self.participants.len()
            ));
        }
        if self.signers.len() > MAX_SIGNERS {
            p.push(format!(
                "signers: {} listed, at most {MAX_SIGNERS}",
                self.signers.len()
            ));
        }
        let mut names = std::collections::BTreeSet::new();
        for s in &self.signers {
            if s.name.trim().is_empty() {
                p.push("signers: a signer has no name".into());
            }
            if !names.insert(s.name.as_str()) {
                p.push(format!("signers.{}: appears more than once", s.name));
            }
            if !s.name.trim().is_empty() {
                if let Err(e) = crate::registers::fields::check_name(&s.name) {
                    p.push(format!("signers.{}.name: {e}", s.name.escape_default()));
                }
            }
            if !is_lower_hex(&s.public_key, 32) {
                p.push(format!(
                    "signers.{}.public_key: not 64 lower-case hex digits",
                    s.name
                ));
            }
        }
        if !(0..=MAX_SAFE_INTEGER).contains(&self.committed_at) {
            p.push(format!(
                "committed_at: {} is outside 0..=2^53-1",
                self.committed_at
            ));
        }
        if let BeaconChoice::Drand(d) = &self.beacon {
            let known = crate::draw::beacon::DrandSpec::quicknet(d.round);
            // Keyed on the chain hash *or* the public key: the BLS check depends only on the
            // key and the round, so quicknet's key under another name must not be able to
            // move `genesis_time` and make an old round look fresh.
            if (d.chain_hash == known.chain_hash || d.public_key == known.public_key) && *d != known
            {
                p.push(
                    "beacon: parameters differ from the quicknet chain its chain_hash names".into(),
                );
            }
            if !is_lower_hex(&d.chain_hash, 32) || !is_lower_hex(&d.public_key, 96) {
                p.push(
                    "beacon: chain_hash and public_key must be lower-case hex (32 and 96 bytes)"
                        .into(),
                );
            }
            if d.round == 0
                || d.round > MAX_SAFE_INTEGER as u64
                || !(0..=MAX_SAFE_INTEGER).contains(&d.genesis_time)
                || d.period_seconds == 0
            {
                p.push("beacon: round, genesis_time and period_seconds must be positive and below 2^53".into());
            }
        }
        if p.is_empty() {
            Ok(())
        } else {
            Err(DrawError::Commitment { problems: p })
        }
    }
}

/// The commitment of a participant's secret.
pub fn commit_secret(participant: &str, secret: &[u8; 32]) -> Digest32 {
    tagged_hash(
        "shuangsuiji/v1/reveal",
        &[&lp(participant.as_bytes()), secret],
    )
}

/// Checks the reveals against the commitments: one per participant, each opening its
/// commitment. Returns the secrets in participant order.
///
/// # Errors
/// [`DrawError::Reveal`] naming the participant.
pub fn check_reveals(
    participants: &[Participant],
    reveals: &[Reveal],
) -> Result<Vec<[u8; 32]>, DrawError> {
    let err = |p: &str, r: &str| DrawError::Reveal {
        participant: p.to_string(),
        reason: r.to_string(),
    };
    // One pass over each list (O((P + R) log P)): a verifier's cost must not grow with
    // the square of a count the record's author chooses.
    let committed: std::collections::BTreeSet<&str> =
        participants.iter().map(|p| p.id.as_str()).collect();
    let mut by_participant: std::collections::BTreeMap<&str, (&Reveal, usize)> =
        std::collections::BTreeMap::new();
    for r in reveals {
        if !committed.contains(r.participant.as_str()) {
            return Err(err(&r.participant, "is not a committed participant"));
        }
        by_participant
            .entry(r.participant.as_str())
            .and_modify(|(_, n)| *n += 1)
            .or_insert((r, 1));
    }
    let mut out = Vec::with_capacity(participants.len());
    for p in participants {
        let (r, n) = by_participant
            .get(p.id.as_str())
            .copied()
            .ok_or_else(|| err(&p.id, "is missing"))?;
        if n > 1 {
            return Err(err(&p.id, "is given more than once"));
        }
        if !is_lower_hex(&r.secret, 32) {
            return Err(err(&p.id, "is not 64 lower-case hex digits"));
        }
        let mut secret = [0u8; 32];
        hex::decode_to_slice(&r.secret, &mut secret)
            .map_err(|_| err(&p.id, "is not 64 hex digits"))?;
        if commit_secret(&p.id, &secret) != p.commitment {
            return Err(err(&p.id, "does not open the committed hash"));
        }
        out.push(secret);
    }
    Ok(out)
}

/// `seed = tagged_hash("shuangsuiji/v1/seed", commitment_hash || u32(n) || (lp(id) || secret)* ||
/// mode || randomness)`, with mode 0x00 offline (no randomness bytes) and 0x01 drand.
pub fn seed(
    commitment_hash: &Digest32,
    participants: &[Participant],
    secrets: &[[u8; 32]],
    beacon: Option<&[u8; 32]>,
) -> Digest32 {
    let n = u32::try_from(participants.len())
        .unwrap_or(u32::MAX)
        .to_be_bytes();
    let mut parts: Vec<Vec<u8>> = vec![commitment_hash.0.to_vec(), n.to_vec()];
    for (p, s) in participants.iter().zip(secrets) {
        parts.push(lp(p.id.as_bytes()));
        parts.push(s.to_vec());
    }
    match beacon {
        None => parts.push(vec![0]),
        Some(r) => {
            parts.push(vec![1]);
            parts.push(r.to_vec());
        }
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    tagged_hash("shuangsuiji/v1/seed", &refs)
}

/// `tagged_hash("shuangsuiji/v1/subseed", seed || lp(purpose))`. Purposes:
/// `target/<stratum>`, `must-include`, `match`, `batch`.
pub fn subseed(seed: &Digest32, purpose: &str) -> Digest32 {
    tagged_hash(
        "shuangsuiji/v1/subseed",
        &[&seed.0, &lp(purpose.as_bytes())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> Vec<Participant> {
        vec![
            Participant {
                id: "dept".into(),
                role: "检查部门".into(),
                commitment: commit_secret("dept", &[1; 32]),
            },
            Participant {
                id: "jjjc".into(),
                role: "纪检监察".into(),
                commitment: commit_secret("jjjc", &[2; 32]),
            },
        ]
    }

    fn rev(p: &str, b: u8) -> Reveal {
        Reveal {
            participant: p.into(),
            secret: hex::encode([b; 32]),
        }
    }

    #[test]
    fn reveals_must_open_their_commitments() {
        let ps = parts();
        assert_eq!(
            check_reveals(&ps, &[rev("jjjc", 2), rev("dept", 1)]).unwrap(),
            vec![[1; 32], [2; 32]]
        );
        for (bad, who) in [
            (vec![rev("dept", 1)], "jjjc"),
            (vec![rev("dept", 1), rev("jjjc", 3)], "jjjc"),
            (vec![rev("dept", 1), rev("jjjc", 2), rev("dept", 1)], "dept"),
            (vec![rev("dept", 1), rev("jjjc", 2), rev("x", 1)], "x"),
        ] {
            match check_reveals(&ps, &bad) {
                Err(DrawError::Reveal { participant, .. }) => assert_eq!(participant, who),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn seed_depends_on_every_input() {
        let ps = parts();
        let h = Digest32([9; 32]);
        let base = seed(&h, &ps, &[[1; 32], [2; 32]], Some(&[3; 32]));
        assert_ne!(
            base,
            seed(&Digest32([8; 32]), &ps, &[[1; 32], [2; 32]], Some(&[3; 32]))
        );
        assert_ne!(base, seed(&h, &ps, &[[1; 32], [4; 32]], Some(&[3; 32])));
        assert_ne!(base, seed(&h, &ps, &[[1; 32], [2; 32]], Some(&[4; 32])));
        assert_ne!(base, seed(&h, &ps, &[[1; 32], [2; 32]], None));
        assert_ne!(subseed(&base, "target/low"), subseed(&base, "target/high"));
    }
}
