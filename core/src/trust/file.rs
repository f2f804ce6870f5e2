//! The trust file: what a verifier decides to trust, given to `verify` beside the record.
//!
//! A record can only say who signed it and which beacon chain it used; anyone can make a
//! record that is consistent with itself under their own keys and their own "drand" chain.
//! So the keys and chains that count are never read from the record: the verifier names
//! them here — the unit's signers and participants by role, the beacon chains besides
//! quicknet (built in), the audit log's key and the witnesses — and the verdict says which
//! element of the record has no anchor in this file.

use crate::draw::error::BeaconField;
use crate::draw::protocol::is_lower_hex;
use crate::draw::DrandSpec;
use crate::encoding::Digest32;
use crate::registers::fields::check_name;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The format tag of a trust file, so that another document is refused, not misread.
pub const TRUST_FORMAT: &str = "shuangsuiji/trust/v1";

/// Most keys or chains one trust file may list, so that a hostile file cannot make a
/// verifier work without bound.
pub const MAX_TRUST_ENTRIES: usize = 1_000;

/// A verifier's trust anchors (spec `docs/spec/trust.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustFile {
    /// [`TRUST_FORMAT`].
    pub format: String,
    /// Whose anchors these are, for people (e.g. "河南省公安厅 2026 年度").
    pub name: String,
    /// Beacon chains accepted besides drand quicknet, with their full parameters.
    #[serde(default)]
    pub chains: Vec<TrustedChain>,
    /// The unit's signers (抽查负责人, 监督人 …): whose signature on a commitment and a
    /// record counts.
    #[serde(default)]
    pub signers: Vec<TrustedKey>,
    /// The participants' keys by role (检查部门, 纪检监察 …), for records whose
    /// participants sign (draw/v2).
    #[serde(default)]
    pub participants: Vec<TrustedKey>,
    /// The audit log's verifier key (C2SP note form), if the verifier anchors to a log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_log: Option<String>,
    /// The witnesses whose cosignatures date a checkpoint.
    #[serde(default)]
    pub witnesses: Vec<TrustedKey>,
    /// How many of the witnesses must cosign a checkpoint for its time to count.
    #[serde(default)]
    pub witness_quorum: u32,
    /// Who issues annual plans (年度抽查计划: the people's government or its office), whose
    /// signature on the annual plan a draw/v2 plan carries counts. Kept apart from
    /// `signers`: a department's own key must not stand for the government's plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annual_plan_issuers: Vec<TrustedKey>,
}

/// A beacon chain the verifier accepts, with every parameter the BLS check and the round
/// time depend on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedChain {
    /// A name for people (e.g. "省政务云 drand 网络").
    pub name: String,
    /// The chain hash (64 lower-case hex digits).
    pub chain_hash: String,
    /// The chain's BLS public key on G2 (96 bytes, lower-case hex).
    pub public_key: String,
    /// Unix time of round 1.
    pub genesis_time: i64,
    /// Seconds between rounds.
    pub period_seconds: u32,
}

/// A key the verifier trusts, and for what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedKey {
    /// The role, e.g. "抽查负责人", "监督人", "检查部门", "纪检监察", "见证人".
    pub role: String,
    /// The name as it appears in records (a signer's name, a participant's id, a
    /// witness's name).
    pub name: String,
    /// The public key (Ed25519: 64 lower-case hex digits; SM2: `04‖x‖y`, 130 lower-case hex
    /// digits; a witness: its note key).
    pub public_key: String,
    /// An SM2 key's distinguishing identifier, when not the default `1234567812345678`: the
    /// commitment's entry must name the same (compared byte for byte with the key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distid: Option<String>,
}

/// Why a trust file cannot be used: every problem, each as `field: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the trust file has {} problem(s): {}", .problems.len(), .problems.join("; "))]
pub struct TrustError {
    /// Each problem as `field: what is wrong`.
    pub problems: Vec<String>,
}

/// The entry of `keys` with this name, key and identifier: an SM2 key trusted under one
/// identifier is not trusted under another (a signature under it is another signer's).
fn find_key<'a>(
    keys: &'a [TrustedKey],
    name: &str,
    public_key: &str,
    distid: Option<&str>,
) -> Option<&'a TrustedKey> {
    keys.iter()
        .find(|k| k.name == name && k.public_key == public_key && k.distid.as_deref() == distid)
}

impl TrustedChain {
    /// The chain as a beacon spec for `round`, to compare with a commitment's.
    pub fn spec(&self, round: u64) -> DrandSpec {
        DrandSpec {
            chain_hash: self.chain_hash.clone(),
            public_key: self.public_key.clone(),
            genesis_time: self.genesis_time,
            period_seconds: self.period_seconds,
            round,
        }
    }
}

impl TrustFile {
    /// Reads and checks a trust file (JSON).
    ///
    /// # Errors
    /// [`TrustError`] with every problem, or the JSON error as its one problem.
    pub fn from_json(bytes: &[u8]) -> Result<TrustFile, TrustError> {
        let t: TrustFile = serde_json::from_slice(bytes).map_err(|e| TrustError {
            problems: vec![format!("file: not a trust file ({e})")],
        })?;
        t.check()?;
        Ok(t)
    }

    /// Every rule a trust file must follow, all problems at once: the format tag, keys in
    /// their one spelling, names in theirs, no key given twice, chains that are not
    /// quicknet's hash with other parameters, no identity BLS key, a quorum the witnesses
    /// can reach.
    ///
    /// # Errors
    /// [`TrustError`].
    pub fn check(&self) -> Result<(), TrustError> {
        let mut p = Vec::new();
        if self.format != TRUST_FORMAT {
            p.push(format!(
                "format: {:?}, expected {TRUST_FORMAT:?}",
                self.format
            ));
        }
        let total = self.chains.len()
            + self.signers.len()
            + self.participants.len()
            + self.witnesses.len()
            + self.annual_plan_issuers.len();
        if total > MAX_TRUST_ENTRIES {
            p.push(format!(
                "file: {total} entries, at most {MAX_TRUST_ENTRIES}"
            ));
        }
        if let Some(k) = &self.audit_log {
            if let Err(e) = crate::audit::parse_verifier_key(k, crate::audit::KeyRole::Log) {
                p.push(format!("audit_log: {e}"));
            }
        }
        for (field, keys, ed25519) in [
            ("signers", &self.signers, true),
            ("participants", &self.participants, true),
            ("annual_plan_issuers", &self.annual_plan_issuers, true),
            ("witnesses", &self.witnesses, false),
        ] {
            let mut seen = BTreeSet::new();
            for k in keys {
                for (what, text) in [("role", &k.role), ("name", &k.name)] {
                    if let Err(e) = check_name(text) {
                        p.push(format!("{field}.{}.{what}: {e}", k.name));
                    }
                }
                // Either suite's key (docs/spec/suites.md §3): the forms differ in length,
                // so a key names its suite and never matches a key of the other.
                let of = |s: crate::encoding::Suite| s.key_problem(&k.public_key).is_none();
                if ed25519
                    && !of(crate::encoding::Suite::Ed25519Sha256)
                    && !of(crate::encoding::Suite::Sm2Sm3)
                {
                    p.push(format!(
                        "{field}.{}.public_key: neither an Ed25519 key (64 lower-case hex digits) nor an SM2 key (04‖x‖y, 130 lower-case hex digits)",
                        k.name
                    ));
                }
                if let Some(d) = &k.distid {
                    // Note keys (witnesses, the log) sign under the default identifier.
                    let suite = if ed25519 && of(crate::encoding::Suite::Sm2Sm3) {
                        crate::encoding::Suite::Sm2Sm3
                    } else {
                        crate::encoding::Suite::Ed25519Sha256
                    };
                    if let Some(why) = suite.distid_problem(d) {
                        p.push(format!("{field}.{}.distid: {why}", k.name));
                    }
                }
                if !ed25519 {
                    let role = crate::audit::KeyRole::Witness;
                    if let Err(e) = crate::audit::parse_verifier_key(&k.public_key, role) {
                        p.push(format!("{field}.{}.public_key: {e}", k.name));
                    }
                }
                if !seen.insert(k.public_key.as_str()) {
                    p.push(format!("{field}.{}.public_key: given twice", k.name));
                }
            }
        }
        // One key, one role: a witness key that is also the log's or a signer's key would
        // make the operator its own witness, and one key under two witness names would
        // count twice (a cosignature/v1 does not sign the witness's name).
        let mut raw_keys: BTreeSet<Vec<u8>> = BTreeSet::new();
        let mut one_role = |what: String, raw: Option<Vec<u8>>, p: &mut Vec<String>| {
            if let Some(k) = raw {
                if !raw_keys.insert(k) {
                    p.push(format!(
                        "{what}: the same key is given another role or name"
                    ));
                }
            }
        };
        // A participant is an independent party: its key may be no signer's, log's or
        // witness's, or one holder would count as two.
        let ed25519 = self
            .signers
            .iter()
            .map(|k| ("signers", k))
            .chain(self.participants.iter().map(|k| ("participants", k)))
            .chain(
                self.annual_plan_issuers
                    .iter()
                    .map(|k| ("annual_plan_issuers", k)),
            );
        for (list, k) in ed25519 {
            one_role(
                format!("{list}.{}.public_key", k.name),
                hex::decode(&k.public_key).ok(),
                &mut p,
            );
        }
        if let Some(k) = &self.audit_log {
            let raw = crate::audit::parse_verifier_key(k, crate::audit::KeyRole::Log)
                .ok()
                .map(|(_, vk)| vk.to_bytes());
            one_role("audit_log".into(), raw, &mut p);
        }
        for k in &self.witnesses {
            let parsed =
                crate::audit::parse_verifier_key(&k.public_key, crate::audit::KeyRole::Witness)
                    .ok();
            if let Some((name, _)) = parsed {
                if name != k.name {
                    p.push(format!(
                        "witnesses.{}.name: the key is named {name}",
                        k.name
                    ));
                }
            }
            one_role(
                format!("witnesses.{}.public_key", k.name),
                parsed.map(|(_, vk)| vk.to_bytes().to_vec()),
                &mut p,
            );
        }
        let quicknet = DrandSpec::quicknet(1);
        let (mut hashes, mut keys) = (BTreeSet::new(), BTreeSet::new());
        for c in &self.chains {
            // One set of parameters per chain: the same key under two genesis times would
            // let an old round pass as fresh, as quicknet's key may not.
            if !hashes.insert(c.chain_hash.as_str()) || !keys.insert(c.public_key.as_str()) {
                p.push(format!(
                    "chains.{}: a chain hash or key given twice",
                    c.name
                ));
            }
            if let Err(e) = check_name(&c.name) {
                p.push(format!("chains.{}.name: {e}", c.chain_hash));
            }
            if !is_lower_hex(&c.chain_hash, 32) || !is_lower_hex(&c.public_key, 96) {
                p.push(format!(
                    "chains.{}: chain_hash and public_key must be lower-case hex (32 and 96 bytes)",
                    c.name
                ));
            }
            if (c.chain_hash == quicknet.chain_hash || c.public_key == quicknet.public_key)
                && c.spec(1) != quicknet
            {
                p.push(format!(
                    "chains.{}: quicknet's chain hash or key with other parameters",
                    c.name
                ));
            }
            if let Err(crate::draw::BeaconError::Malformed {
                field: BeaconField::PublicKey,
                reason,
            }) = crate::draw::beacon::check_public_key(&c.public_key)
            {
                p.push(format!("chains.{}.public_key: {reason}", c.name));
            }
            if c.period_seconds == 0 || c.genesis_time <= 0 {
                p.push(format!(
                    "chains.{}: genesis_time and period_seconds must be positive",
                    c.name
                ));
            }
        }
        let reachable = u32::try_from(self.witnesses.len()).unwrap_or(u32::MAX);
        if self.witness_quorum > reachable {
            p.push(format!(
                "witness_quorum: {} of {} witnesses can never be reached",
                self.witness_quorum, reachable
            ));
        }
        if p.is_empty() {
            Ok(())
        } else {
            Err(TrustError { problems: p })
        }
    }

    /// What identifies this trust file whatever its layout:
    /// `tagged_hash("shuangsuiji/trust/v1", JCS(trust file))`. Shown beside every verdict,
    /// so a reader can tell the trust file they chose from one a publisher handed them.
    pub fn fingerprint(&self) -> Digest32 {
        let bytes = crate::encoding::canonical_json(self).unwrap_or_default();
        crate::encoding::tagged_hash(TRUST_FORMAT, &[&bytes])
    }

    /// The trusted chain with these parameters (quicknet is built in and not listed).
    pub fn chain(&self, spec: &DrandSpec) -> Option<&TrustedChain> {
        self.chains.iter().find(|c| c.spec(spec.round) == *spec)
    }

    /// The trusted signer with this name, key and distinguishing identifier (`None`: the
    /// default), each compared byte for byte.
    pub fn signer(
        &self,
        name: &str,
        public_key: &str,
        distid: Option<&str>,
    ) -> Option<&TrustedKey> {
        find_key(&self.signers, name, public_key, distid)
    }

    /// The trusted annual-plan issuer with this name, key and identifier (draw/v2).
    pub fn annual_plan_issuer(
        &self,
        name: &str,
        public_key: &str,
        distid: Option<&str>,
    ) -> Option<&TrustedKey> {
        find_key(&self.annual_plan_issuers, name, public_key, distid)
    }

    /// The trusted participant with this id, key and identifier (draw/v2).
    pub fn participant(
        &self,
        id: &str,
        public_key: &str,
        distid: Option<&str>,
    ) -> Option<&TrustedKey> {
        find_key(&self.participants, id, public_key, distid)
    }
}
