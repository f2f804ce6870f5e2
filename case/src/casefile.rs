//! `case.json`: what a case is, and the state that is not a file of its own (the
//! witnesses' progress, the checkpoint they are asked to cosign).

use serde::{Deserialize, Serialize};

/// The case file's format name.
pub const CASE_FORMAT: &str = "shuangsuiji/case/v1";

/// A drand chain's parameters, without a round (the round is chosen at commitment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chain {
    /// Chain hash (hex).
    pub chain_hash: String,
    /// BLS public key on G2 (hex).
    pub public_key: String,
    /// Unix time of round 1.
    pub genesis_time: i64,
    /// Seconds between rounds.
    pub period_seconds: u32,
}

impl Chain {
    /// drand quicknet, the default.
    pub fn quicknet() -> Chain {
        let q = shuangsuiji::draw::DrandSpec::quicknet(1);
        Chain {
            chain_hash: q.chain_hash,
            public_key: q.public_key,
            genesis_time: q.genesis_time,
            period_seconds: q.period_seconds,
        }
    }

    /// The chain's spec with the round the draw will use.
    pub fn with_round(&self, round: u64) -> shuangsuiji::draw::DrandSpec {
        shuangsuiji::draw::DrandSpec {
            chain_hash: self.chain_hash.clone(),
            public_key: self.public_key.clone(),
            genesis_time: self.genesis_time,
            period_seconds: self.period_seconds,
            round,
        }
    }
}

/// A witness the case asks to cosign its log's checkpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseWitness {
    /// The witness's name.
    pub name: String,
    /// Its note verifier key.
    pub verifier_key: String,
    /// Size of the last checkpoint of this log it cosigned (0: none yet).
    pub cosigned_size: u64,
}

/// A checkpoint the witnesses are asked to cosign, with the lines they returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PendingCheckpoint {
    /// The signed note.
    pub text: String,
    /// The log size it covers.
    pub size: u64,
    /// Whether it is the checkpoint after the beacon round (else the one before).
    pub after_round: bool,
    /// Cosignature lines returned so far.
    pub cosignatures: Vec<String>,
}

/// The case file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// [`CASE_FORMAT`].
    pub format: String,
    /// The draw plan's id.
    pub plan_id: String,
    /// The unit running the draw, as it appears in the audit log.
    pub unit: String,
    /// Unix time the case was made.
    pub created_at: i64,
    /// The audit log's origin line.
    pub origin: String,
    /// Where the unit keeps the log's private key (a path; the key never enters the case).
    pub log_key: String,
    /// The log's note verifier key.
    pub log_verifier_key: String,
    /// The beacon chain.
    pub chain: Chain,
    /// Seconds between the commitment and the earliest round it may name.
    pub margin_seconds: i64,
    /// Witnesses, and how many must cosign.
    pub witnesses: Vec<CaseWitness>,
    /// How many witnesses must cosign for a time to count.
    pub witness_quorum: u32,
    /// The checkpoint out for cosigning, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<PendingCheckpoint>,
    /// A rehearsal (演练): made under the rehearsal clock, which only a rehearsal case
    /// accepts; printed on every document made from it.
    #[serde(default)]
    pub rehearsal: bool,
    /// After `case redraw`: the commitment the next one supersedes, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<shuangsuiji::draw::Supersedes>,
    /// How many rounds were re-drawn (the folders under `superseded/`).
    #[serde(default)]
    pub redraws: u32,
    /// The draw's cryptographic suite (docs/spec/suites.md); absent: `ed25519-sha256`.
    /// Signers' and participants' keys must be of it.
    #[serde(default, skip_serializing_if = "shuangsuiji::Suite::is_default")]
    pub suite: shuangsuiji::Suite,
    /// draw/v3: the target register is sealed — classes and declared conflicts stay in
    /// `private/`, the sealed view is published (docs/spec/privacy.md §13). Absent: draw/v2.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sealed: bool,
}
