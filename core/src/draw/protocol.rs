//! The randomness protocol: commit, then reveal, then beacon (spec §4).
//!
//! Everything that decides the draw — plan, item list, registers, participants'
//! commitments, the beacon round — is fixed and signed before any randomness exists;
//! the seed is a domain-separated hash of all of it, and each purpose gets its own
//! sub-seed so that one use of randomness can never shift another.

use crate::draw::beacon::DrandSpec;
use crate::draw::error::DrawError;
use crate::draw::plan::DrawPlan;
use crate::draw::published::PublishedNumbersSpec;
use crate::encoding::canonical::{canonical_json, lp, Digest32};
use crate::encoding::Suite;
use crate::registers::roots::RegisterRoots;
use serde::{Deserialize, Serialize};

/// The first algorithm: participants do not sign, the commitment time is a claim. Its
/// records still verify, and are never anchored (docs/spec/draw-v2.md §1).
pub const ALGORITHM: &str = "shuangsuiji/draw/v1";

/// The current algorithm: participants sign their commitments and reveals, the registers'
/// date is committed, re-draws and the 100 % list carry reason codes, and a general item's
/// cap bounds the whole draw (docs/spec/draw-v2.md).
pub const ALGORITHM_V2: &str = "shuangsuiji/draw/v2";

/// draw/v2 with the risk level and credit class sealed out of the public target view: the
/// commitment's `roots.targets` is the sealed view's root and the record carries the class
/// proof (docs/spec/privacy.md §13). Every other rule is draw/v2's.
pub const ALGORITHM_V3: &str = "shuangsuiji/draw/v3";

/// Which algorithm a commitment names: the rules that differ are chosen here, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    /// [`ALGORITHM`].
    V1,
    /// [`ALGORITHM_V2`].
    V2,
    /// [`ALGORITHM_V3`].
    V3,
}

impl Version {
    /// The version an algorithm name denotes, if this library implements it.
    pub fn of(algorithm: &str) -> Option<Version> {
        match algorithm {
            ALGORITHM => Some(Version::V1),
            ALGORITHM_V2 => Some(Version::V2),
            ALGORITHM_V3 => Some(Version::V3),
            _ => None,
        }
    }

    /// The algorithm name.
    pub fn name(self) -> &'static str {
        match self {
            Version::V1 => ALGORITHM,
            Version::V2 => ALGORITHM_V2,
            Version::V3 => ALGORITHM_V3,
        }
    }

    /// Whether draw/v2's rules hold (participants' signatures, `as_of`, reason codes,
    /// caps): in draw/v2 and in draw/v3, which adds sealed classes to them.
    pub fn has_v2_rules(self) -> bool {
        self >= Version::V2
    }
}

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
    /// draw/v2: the participant's own key (Ed25519: 64 lower-case hex digits; SM2: `04‖x‖y`,
    /// 130), with which it signs the commitment and its reveal. Absent in draw/v1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    /// `sm2-sm3` only: the SM2 distinguishing identifier the key signs under (GM/T 0009),
    /// when not the default `1234567812345678` (never written out). In the hashed
    /// commitment, so every verifier checks the signatures under the same identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distid: Option<String>,
}

/// A revealed secret: 32 bytes (hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reveal {
    /// Participant id.
    pub participant: String,
    /// The secret, 64 hex digits.
    pub secret: String,
    /// draw/v2: the participant's signature (128 lower-case hex digits) on
    /// [`reveal_binding`](crate::draw::participants::reveal_binding) — the secret bound to
    /// this commitment, so that a published secret cannot be replayed in another. Absent
    /// in draw/v1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// Someone who signs the commitment and the record (谁抽查、谁签字、谁负责).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// Name and role as they sign, e.g. "治安总队 抽查负责人".
    pub name: String,
    /// Public key (Ed25519: 64 lower-case hex digits; SM2: `04‖x‖y`, 130).
    pub public_key: String,
    /// `sm2-sm3` only: the SM2 distinguishing identifier, when not the default (as
    /// [`Participant::distid`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distid: Option<String>,
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
    /// draw/v2: the numbers of future public draws (a lottery issue), entered after them
    /// and compared by readers with the official announcement (networks without internet).
    PublishedNumbers(PublishedNumbersSpec),
}

impl BeaconChoice {
    /// When the beacon's value becomes public (Unix seconds): the drand round's time, the
    /// earliest named public draw; `None` offline. Every signature on the commitment and
    /// every reveal must come before it, or whoever holds back could see the outcome first.
    pub fn public_at(&self) -> Option<i64> {
        match self {
            BeaconChoice::Offline => None,
            BeaconChoice::Drand(d) => Some(d.round_time()),
            BeaconChoice::PublishedNumbers(p) => p.draws.iter().map(|d| d.draws_at).min(),
        }
    }
}

/// A re-draw replaces an earlier commitment; both stay visible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supersedes {
    /// Hash of the commitment being replaced.
    pub commitment: Digest32,
    /// Why: in draw/v2 one of [`REDRAW_REASONS`] (free text in draw/v1).
    pub reason: String,
    /// draw/v2: an explanation for people beside the code (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The reasons a draw/v2 commitment may supersede an earlier one, by wire name. A re-draw
/// is the one way an operator could try a second outcome, so each must say which event
/// made the first commitment unusable (and every earlier commitment stays in the log).
pub const REDRAW_REASONS: [&str; 5] = [
    // 登记错误: the committed register or item list was found wrong before any reveal.
    "register_error",
    // 计划错误: the plan contradicts the item list or the law.
    "plan_error",
    // 参与方无法揭示: a participant lost its secret or key before revealing.
    "participant_unavailable",
    // 信标不可用: the named beacon round was never published.
    "beacon_unavailable",
    // 司法或上级决定: a court or the supervising authority ordered a new draw.
    "ordered",
];

/// The pre-draw commitment: signed before any randomness exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// [`ALGORITHM`].
    pub algorithm: String,
    /// draw/v2: the cryptographic suite of every hash and signature of the draw
    /// (docs/spec/suites.md); absent means `ed25519-sha256`, which is never written.
    #[serde(default, skip_serializing_if = "Suite::is_default")]
    pub suite: Suite,
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
    /// Unix time (seconds, UTC) of the commitment, passed in by the caller. A claim: the
    /// time a verifier relies on is the witnessed one (docs/spec/trust.md §3.1).
    pub committed_at: i64,
    /// draw/v2: the registers' date (`as_of`), which no register root commits to; the draw
    /// refuses registers of another date. Absent in draw/v1.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::registers::fields::dates::iso_opt"
    )]
    pub as_of: Option<crate::Date>,
    /// The commitment this one replaces, if it is a re-draw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<Supersedes>,
    /// The audit log's signed checkpoint (C2SP note text) the draw was committed under,
    /// so the record points into the 全过程留痕 trail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_checkpoint: Option<String>,
}

impl Commitment {
    /// A draw/v1 commitment ([`ALGORITHM`]), not a re-draw, with no log checkpoint; set
    /// `supersedes` and `log_checkpoint` afterwards where they apply. [`Commitment::v2`]
    /// makes the current kind.
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
            suite: Suite::default(),
            plan,
            roots,
            participants,
            signers,
            beacon,
            committed_at,
            as_of: None,
            supersedes: None,
            log_checkpoint: None,
        }
    }

    /// A draw/v2 commitment ([`ALGORITHM_V2`]) over registers dated `as_of`; each
    /// participant carries its `public_key`. Not a re-draw, no log checkpoint.
    #[allow(clippy::too_many_arguments)]
    pub fn v2(
        plan: DrawPlan,
        roots: RegisterRoots,
        as_of: crate::Date,
        participants: Vec<Participant>,
        signers: Vec<Signatory>,
        beacon: BeaconChoice,
        committed_at: i64,
    ) -> Self {
        Commitment {
            algorithm: ALGORITHM_V2.to_string(),
            as_of: Some(as_of),
            ..Commitment::new(plan, roots, participants, signers, beacon, committed_at)
        }
    }

    /// The algorithm version, if this library implements it.
    pub fn version(&self) -> Option<Version> {
        Version::of(&self.algorithm)
    }

    /// `tagged_hash("shuangsuiji/v1/commitment", JCS(commitment))` under the commitment's
    /// suite (the same tag in draw/v2: the algorithm name inside the commitment separates
    /// the versions).
    ///
    /// # Errors
    /// Only if canonical encoding fails (a bug).
    pub fn hash(&self) -> Result<Digest32, DrawError> {
        let bytes = canonical_json(self).map_err(|e| DrawError::Encoding(e.to_string()))?;
        Ok(self
            .suite
            .tagged_hash("shuangsuiji/v1/commitment", &[&bytes]))
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
            if let Some(why) = self.suite.key_problem(&s.public_key) {
                p.push(format!("signers.{}.public_key: {why}", s.name));
            }
            if let Some(why) = s
                .distid
                .as_deref()
                .and_then(|d| self.suite.distid_problem(d))
            {
                p.push(format!("signers.{}.distid: {why}", s.name));
            }
        }
        for x in &self.participants {
            if let Some(why) = x
                .distid
                .as_deref()
                .and_then(|d| self.suite.distid_problem(d))
            {
                p.push(format!("participants.{}.distid: {why}", x.id));
            }
        }
        if !(0..=MAX_SAFE_INTEGER).contains(&self.committed_at) {
            p.push(format!(
                "committed_at: {} is outside 0..=2^53-1",
                self.committed_at
            ));
        }
        match self.version() {
            Some(Version::V2 | Version::V3) => self.check_v2(&mut p),
            Some(Version::V1) => self.check_v1(&mut p),
            None => p.push(format!(
                "algorithm: {:?} is not implemented",
                self.algorithm
            )),
        }
        if let BeaconChoice::PublishedNumbers(spec) = &self.beacon {
            if self.version() == Some(Version::V1) {
                p.push("beacon: published-numbers mode is a draw/v2 mode".into());
            }
            p.extend(spec.problems(self.committed_at));
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

impl Commitment {
    /// draw/v1 has none of v2's members: a v1 record keeps the bytes it was made with.
    fn check_v1(&self, p: &mut Vec<String>) {
        if !self.suite.is_default() {
            p.push("suite: a draw/v2 member in a draw/v1 commitment".into());
        }
        if self.as_of.is_some() {
            p.push("as_of: a draw/v2 member in a draw/v1 commitment".into());
        }
        for x in self.participants.iter().filter(|x| x.public_key.is_some()) {
            p.push(format!(
                "participants.{}.public_key: a draw/v2 member in a draw/v1 commitment",
                x.id
            ));
        }
        if self.supersedes.as_ref().is_some_and(|s| s.note.is_some()) {
            p.push("supersedes.note: a draw/v2 member in a draw/v1 commitment".into());
        }
        for m in self.plan.v2_members() {
            p.push(format!("{m}: a draw/v2 member in a draw/v1 commitment"));
        }
    }

    /// draw/v2 (docs/spec/draw-v2.md §2): participants' keys, the registers' date, reason
    /// codes for a re-draw and for every 100 % entry.
    fn check_v2(&self, p: &mut Vec<String>) {
        if self.as_of.is_none() {
            p.push("as_of: draw/v2 commits to the registers' date".into());
        }
        let mut keys = std::collections::BTreeSet::new();
        for x in &self.participants {
            match &x.public_key {
                None => p.push(format!(
                    "participants.{}.public_key: every draw/v2 participant signs with its own key",
                    x.id
                )),
                Some(k) if self.suite.key_problem(k).is_some() => p.push(format!(
                    "participants.{}.public_key: {}",
                    x.id,
                    self.suite.key_problem(k).unwrap_or_default()
                )),
                // One party holding two participants' keys would again be one party.
                Some(k) if !keys.insert(k.as_str()) => p.push(format!(
                    "participants.{}.public_key: the same key as another participant",
                    x.id
                )),
                Some(_) => {}
            }
        }
        if let Some(s) = &self.supersedes {
            if !REDRAW_REASONS.contains(&s.reason.as_str()) {
                p.push(format!(
                    "supersedes.reason: {:?} is not one of {}",
                    s.reason,
                    REDRAW_REASONS.join(", ")
                ));
            }
            if let Some(n) = &s.note {
                if let Err(e) = crate::registers::fields::check_name(n) {
                    p.push(format!("supersedes.note: {e}"));
                }
            }
        }
        p.extend(self.plan.v2_problems());
        // One draw, one suite (docs/spec/suites.md §3): the annual plan the task belongs to
        // is hashed and signed under the commitment's suite.
        if let Some(r) = &self.plan.annual_task {
            if r.annual_plan.plan.suite != self.suite {
                p.push(format!(
                    "plan.annual_task: the annual plan is under suite {}, the commitment under {} (one draw, one suite)",
                    r.annual_plan.plan.suite, self.suite
                ));
            }
        }
    }
}

/// The commitment of a participant's secret (`ed25519-sha256`).
pub fn commit_secret(participant: &str, secret: &[u8; 32]) -> Digest32 {
    commit_secret_in(Suite::Ed25519Sha256, participant, secret)
}

/// The commitment of a participant's secret under a suite.
pub fn commit_secret_in(suite: Suite, participant: &str, secret: &[u8; 32]) -> Digest32 {
    suite.tagged_hash(
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
    check_reveals_in(Suite::Ed25519Sha256, participants, reveals)
}

/// [`check_reveals`] under a suite's hash.
///
/// # Errors
/// [`DrawError::Reveal`] naming the participant.
pub fn check_reveals_in(
    suite: Suite,
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
        if commit_secret_in(suite, &p.id, &secret) != p.commitment {
            return Err(err(&p.id, "does not open the committed hash"));
        }
        out.push(secret);
    }
    Ok(out)
}

/// The randomness beside the reveals, as the seed takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Randomness<'a> {
    /// Offline mode: none.
    Offline,
    /// A drand round's randomness.
    Drand(&'a [u8; 32]),
    /// The digest of the published numbers
    /// ([`PublishedNumbersSpec::check`]).
    PublishedNumbers(&'a Digest32),
}

/// `seed = tagged_hash("shuangsuiji/v1/seed", commitment_hash || u32(n) || (lp(id) || secret)* ||
/// mode || randomness)`, with mode 0x00 offline (no randomness bytes), 0x01 drand and 0x02
/// published numbers (their digest).
pub fn seed(
    commitment_hash: &Digest32,
    participants: &[Participant],
    secrets: &[[u8; 32]],
    beacon: Randomness<'_>,
) -> Digest32 {
    seed_in(
        Suite::Ed25519Sha256,
        commitment_hash,
        participants,
        secrets,
        beacon,
    )
}

/// [`seed`] under a suite's hash.
pub fn seed_in(
    suite: Suite,
    commitment_hash: &Digest32,
    participants: &[Participant],
    secrets: &[[u8; 32]],
    beacon: Randomness<'_>,
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
        Randomness::Offline => parts.push(vec![0]),
        Randomness::Drand(r) => {
            parts.push(vec![1]);
            parts.push(r.to_vec());
        }
        Randomness::PublishedNumbers(d) => {
            parts.push(vec![2]);
            parts.push(d.0.to_vec());
        }
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    suite.tagged_hash("shuangsuiji/v1/seed", &refs)
}

/// `tagged_hash("shuangsuiji/v1/subseed", seed || lp(purpose))`. Purposes:
/// `target/<stratum>`, `must-include`, `match`, `batch`.
pub fn subseed(seed: &Digest32, purpose: &str) -> Digest32 {
    subseed_in(Suite::Ed25519Sha256, seed, purpose)
}

/// [`subseed`] under a suite's hash.
pub fn subseed_in(suite: Suite, seed: &Digest32, purpose: &str) -> Digest32 {
    suite.tagged_hash(
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
                public_key: None,
                distid: None,
            },
            Participant {
                id: "jjjc".into(),
                role: "纪检监察".into(),
                commitment: commit_secret("jjjc", &[2; 32]),
                public_key: None,
                distid: None,
            },
        ]
    }

    fn rev(p: &str, b: u8) -> Reveal {
        Reveal {
            participant: p.into(),
            secret: hex::encode([b; 32]),
            signature: None,
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
        let d = |b| Randomness::Drand(b);
        let base = seed(&h, &ps, &[[1; 32], [2; 32]], d(&[3; 32]));
        assert_ne!(
            base,
            seed(&Digest32([8; 32]), &ps, &[[1; 32], [2; 32]], d(&[3; 32]))
        );
        assert_ne!(base, seed(&h, &ps, &[[1; 32], [4; 32]], d(&[3; 32])));
        assert_ne!(base, seed(&h, &ps, &[[1; 32], [2; 32]], d(&[4; 32])));
        assert_ne!(
            base,
            seed(&h, &ps, &[[1; 32], [2; 32]], Randomness::Offline)
        );
        // The same 32 bytes as drand randomness and as a numbers digest are other seeds.
        assert_ne!(
            base,
            seed(
                &h,
                &ps,
                &[[1; 32], [2; 32]],
                Randomness::PublishedNumbers(&Digest32([3; 32]))
            )
        );
        assert_ne!(subseed(&base, "target/low"), subseed(&base, "target/high"));
    }
}
