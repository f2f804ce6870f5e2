//! The verdict: whether a record is anchored in what the verifier trusts, merely
//! consistent with itself, or failed — and exactly which element has no anchor.
//!
//! `verify` alone proves consistency: the record re-runs to the same bytes and its
//! signatures verify under the keys it names. That is not enough, because a record
//! names its own keys and its own beacon chain. The verdict compares those with the
//! verifier's [`TrustFile`]; "anchored" means every key and the chain are the verifier's,
//! and the time anchor was checked.

pub use crate::draw::Announcement;
use crate::draw::TargetSource;
use crate::draw::{verify, BeaconChoice, DrandSpec, SealedRecord, Verified, VerifyError};
use crate::registers::PublicInspectorRegister;
use crate::trust::anchor::{check_anchor, TimeAnchor};
use crate::trust::file::TrustFile;
use serde::Serialize;

/// How far a record can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Consistent, every key and the beacon chain in the trust file, the time anchor
    /// checked.
    Anchored,
    /// Consistent with itself, but some element has no anchor in the trust file: the
    /// verdict lists each one.
    NotAnchored,
    /// A check failed: the record is not what it claims.
    Failed,
}

/// One element of a record with no anchor in the trust file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unanchored {
    /// No trust file was given: nothing in the record is anchored.
    #[error("no trust file was given: the record's keys and beacon chain are its own claims")]
    NoTrustFile,
    /// The beacon chain is neither quicknet nor in the trust file.
    #[error("beacon chain {chain_hash} is not in your trust file")]
    Chain {
        /// The record's chain hash.
        chain_hash: String,
    },
    /// Offline mode: no public beacon; the participants' reveals alone decide, and the last
    /// to reveal could see the outcome and withhold.
    #[error("no public beacon (offline mode): the last participant to reveal could have seen the outcome first")]
    OfflineBeacon,
    /// Published-numbers mode: nothing signs a lottery's numbers, so the numbers and the
    /// scheduled draw time the record gives are its own claims until a reader compares them
    /// with the official announcement (and enters it: [`References::announcements`]).
    #[error("published numbers of {draw} issue {issue}: {reason}")]
    PublishedNumbers {
        /// The draw's source, as the commitment names it (not `source`, which the error
        /// derive reserves).
        draw: String,
        /// Its issue.
        issue: String,
        /// Not compared, or how the announcement entered differs.
        reason: String,
    },
    /// A signature's name and key are not a signer of the trust file (the pair is
    /// compared, byte for byte).
    #[error("signer {name} with key {public_key} is not a signer of your trust file")]
    Signer {
        /// The name the record gives.
        name: String,
        /// The key it signed with.
        public_key: String,
    },
    /// The participants' commitments are not signed (draw/v1): a participant's published
    /// secret could be replayed in another commitment. A v1 record is never anchored.
    #[error("v1: not anchored — participants do not sign their commitments (draw/v1): a published secret could be replayed")]
    UnsignedParticipants,
    /// draw/v2: a participant's id and key are not a participant of the trust file.
    #[error("participant {id} with key {public_key} is not a participant of your trust file")]
    Participant {
        /// The participant id.
        id: String,
        /// The key it signed with.
        public_key: String,
    },
    /// draw/v2: the trusted participants do not hold two distinct roles (the department
    /// and 纪检监察, 豫政办〔2015〕140号 三(3)), so one party could fix the seed.
    #[error("the participants your trust file recognises hold {roles} distinct role(s); two independent ones (e.g. 检查部门 and 纪检监察) are required")]
    ParticipantRoles {
        /// Distinct trusted roles among the participants.
        roles: usize,
    },
    /// draw/v2: the log holds more than one commitment for the plan: this record is a
    /// re-draw, and whoever saw the earlier draw's outcome could have caused it. Shown with
    /// its reason code for a reader to judge; never anchored.
    #[error("plan re-drawn: the log holds {commitments} commitments for the plan; this one supersedes the previous for reason {reason}")]
    Redraw {
        /// Commitments logged for the plan.
        commitments: u64,
        /// The reason code of this record's `supersedes`.
        reason: String,
    },
    /// draw/v2: the log given ends before the round; a commitment for the plan logged
    /// after it (while the outcome became known) is unchecked.
    #[error("no checkpoint witnessed after the beacon round: whether plan {plan} was committed again once the outcome was known is unchecked")]
    AfterRound {
        /// The plan id.
        plan: String,
    },
    /// draw/v2: no log was given with the anchor, so whether the plan had other
    /// commitments (an aborted draw, a second try) is unchecked.
    #[error("the audit log was not given with the anchor: whether plan {plan} had other commitments (a re-draw) is unchecked")]
    PlanLog {
        /// The plan id.
        plan: String,
    },
    /// No witnessed time anchor was given: `committed_at` is the record's own claim.
    #[error(
        "no witnessed time anchor: the commitment time {committed_at} is the record's own claim"
    )]
    TimeAnchor {
        /// The commitment time the record claims (Unix seconds).
        committed_at: i64,
    },
    /// A time anchor was given but does not hold.
    #[error("the time anchor does not hold: {reason}")]
    TimeAnchorRefused {
        /// Why.
        reason: String,
    },
    /// draw/v2: the annual plan the task comes from is signed by keys the trust file does
    /// not name.
    #[error("annual-plan task {task}: {reason}")]
    AnnualTask {
        /// The task id.
        task: String,
        /// Why.
        reason: String,
    },
    /// draw/v2: the plan's copies of earlier draws are unchecked (their sealed records were
    /// not given) or do not hold. That no earlier draw was left out is never checked here.
    #[error("{count} earlier draw(s) the plan accounts for: {reason}")]
    PriorDraws {
        /// How many the plan lists.
        count: usize,
        /// Why.
        reason: String,
    },
}

/// The beacon as the verdict shows it: the chain by hash, its name only when anchored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BeaconSeen {
    /// The chain hash the record names.
    pub chain_hash: String,
    /// "drand quicknet" for quicknet, the trust file's name for a chain it lists, `None`
    /// for any other chain (and for every chain of a failed verdict).
    pub name: Option<String>,
    /// Where the name comes from: `built_in` (quicknet) or `trust_file`; `None` with it.
    pub source: Option<ChainSource>,
    /// The round used.
    pub round: u64,
    /// When that round is published (Unix seconds), by the chain's parameters.
    pub round_time: i64,
}

/// Where an anchored chain's name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChainSource {
    /// drand quicknet, whose parameters this library carries.
    BuiltIn,
    /// A chain the verifier's trust file lists (under a name it chose).
    TrustFile,
}

/// The trust file a verdict was reached under, as a reader can recognise it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrustSeen {
    /// The file's own `name`.
    pub name: String,
    /// [`TrustFile::fingerprint`], hex.
    pub fingerprint: String,
}

/// A signature on the record, as the verdict shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignerSeen {
    /// The name the record gives.
    pub name: String,
    /// The key it signed with.
    pub public_key: String,
    /// The role the trust file gives this name and key, if it lists the pair (never on a
    /// failed verdict).
    pub role: Option<String>,
}

/// The outcome of a verification against a trust file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Anchored, not anchored, or failed.
    pub level: Level,
    /// What the re-run established (`None` when it failed).
    pub verified: Option<Verified>,
    /// The first failing check (`Some` exactly when the level is `Failed`).
    pub error: Option<VerifyError>,
    /// Every element without an anchor (empty when anchored or failed).
    pub unanchored: Vec<Unanchored>,
    /// The beacon, if the record used one.
    pub beacon: Option<BeaconSeen>,
    /// The record's signers, with the role the trust file gives each key.
    pub signers: Vec<SignerSeen>,
    /// draw/v2: the participants (id as `name`) and their keys, with the role the trust
    /// file gives each (empty for draw/v1, whose participants have no keys).
    pub participants: Vec<SignerSeen>,
    /// The commitment time as witnessed (`None`: no time anchor was checked).
    pub anchored_time: Option<i64>,
    /// The trust file used, by name and fingerprint (`None`: none was given).
    pub trust: Option<TrustSeen>,
    /// draw/v2: how many commitments the log holds for the plan up to the anchor's
    /// checkpoint (1: no re-draw; `None`: no log was checked).
    pub plan_commitments: Option<u64>,
    /// Published-numbers mode: each public draw with the numbers the record gives, for a
    /// reader to compare with the announcement (empty in the other modes).
    pub published_numbers: Vec<PublishedSeen>,
}

/// One group of a public draw, as the verdict shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupSeen {
    /// The committed form: name, count, range and order.
    #[serde(flatten)]
    pub form: crate::draw::NumberGroup,
    /// The numbers the record gives.
    pub numbers: Vec<u32>,
}

/// A public draw of a published-numbers record, as the verdict shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedSeen {
    /// The draw's source (中国福利彩票 双色球).
    pub source: String,
    /// Its issue (期号).
    pub issue: String,
    /// Where the announcement is published.
    pub announced_in: String,
    /// The scheduled draw time the commitment gives (Unix seconds).
    pub draws_at: i64,
    /// The numbers the record gives, group by group, with each group's committed form
    /// (a reader checks that the form is the whole draw: all its balls, their range).
    pub groups: Vec<GroupSeen>,
    /// Whether an announcement entered by the reader matched (source, issue, time and
    /// every number).
    pub compared: bool,
}

/// Documents a draw/v2 plan refers to but does not carry: the earlier sealed records its
/// `prior_draws` copy. Without them the copies are the record's own claims, and the
/// verdict says so. (The annual plan is carried whole in the plan.)
#[derive(Debug, Clone, Copy, Default)]
pub struct References<'a> {
    /// The earlier sealed records.
    pub prior_records: &'a [SealedRecord],
    /// Published-numbers mode: the official announcements, as the reader looked them up
    /// (source, issue, draw time, numbers). Without them the record's numbers are shown,
    /// not trusted.
    pub announcements: &'a [Announcement],
}

/// The distinguishing identifier the commitment (or annual plan) lists for `name`: the
/// trust file's entry must name the same.
fn distid_of<'a>(listed: &'a [crate::draw::Signatory], name: &str) -> Option<&'a str> {
    listed
        .iter()
        .find(|x| x.name == name)
        .and_then(|x| x.distid.as_deref())
}

/// The annual task and the earlier draws, checked against the documents given, and their
/// signers against the trust file.
fn references_anchored(
    sealed: &SealedRecord,
    trust: Option<&TrustFile>,
    refs: &References<'_>,
    out: &mut Vec<Unanchored>,
) {
    let plan = &sealed.record.commitment.commitment.plan;
    let untrusted = |sigs: &[crate::encoding::SignatureEntry],
                     listed: &[crate::draw::Signatory]|
     -> Option<String> {
        let t = trust?;
        sigs.iter()
            .find(|s| {
                t.signer(&s.signer, &s.public_key, distid_of(listed, &s.signer))
                    .is_none()
            })
            .map(|s| {
                format!(
                    "signer {} with key {} is not in your trust file",
                    s.signer, s.public_key
                )
            })
    };
    // The re-run has checked the annual plan's seal and the task; whose keys signed it is
    // the trust file's question: its annual-plan issuers, never the unit's own signers.
    if let (Some(r), Some(t)) = (&plan.annual_task, trust) {
        if let Some(s) = r.annual_plan.signatures.iter().find(|s| {
            let d = distid_of(&r.annual_plan.plan.signatories, &s.signer);
            t.annual_plan_issuer(&s.signer, &s.public_key, d).is_none()
        }) {
            out.push(Unanchored::AnnualTask {
                task: r.task.clone(),
                reason: format!(
                    "annual plan {}: signer {} with key {} is not an annual-plan issuer of your trust file",
                    r.annual_plan.plan.id, s.signer, s.public_key
                ),
            });
        }
    }
    let prior = &plan.exclusions.prior_draws;
    if !prior.is_empty() {
        let suite = sealed.record.commitment.commitment.suite;
        // One draw, one suite (docs/spec/suites.md §3): an earlier record under another
        // suite is not one this draw can rest on.
        let reason = refs
            .prior_records
            .iter()
            .filter(|r| prior.iter().any(|d| d.record == r.hash))
            .find(|r| r.record.commitment.commitment.suite != suite)
            .map(|r| {
                format!(
                    "prior record {}: under suite {}, the draw under {suite} (one draw, one suite)",
                    r.hash, r.record.commitment.commitment.suite
                )
            })
            .or_else(|| {
                crate::draw::check_prior_draws(plan, refs.prior_records)
                    .err()
                    .map(|e| e.problems.join("; "))
            })
            .or_else(|| {
                refs.prior_records
                    .iter()
                    .filter(|r| prior.iter().any(|d| d.record == r.hash))
                    .find_map(|r| untrusted(&r.signatures, &r.record.commitment.commitment.signers))
            });
        if let Some(reason) = reason {
            out.push(Unanchored::PriorDraws {
                count: prior.len(),
                reason,
            });
        }
    }
}

/// As [`verify_anchored`], with the documents the plan refers to ([`References`]): a
/// draw/v2 plan's annual task and earlier draws are anchored only when checked here.
pub fn verify_with_references(
    sealed: &SealedRecord,
    targets: &dyn TargetSource,
    inspectors: &PublicInspectorRegister,
    trust: Option<&TrustFile>,
    anchor: Option<&TimeAnchor>,
    refs: &References<'_>,
) -> Verdict {
    assess(sealed, targets, inspectors, trust, anchor, refs)
}

/// Re-runs the record (as [`verify`]) and assesses it against `trust`, with no time
/// anchor ([`verify_anchored`] takes one).
///
/// Draw/v1 records are never anchored: their participants do not sign, and the verdict
/// says so.
pub fn verify_trusted(
    sealed: &SealedRecord,
    targets: &dyn TargetSource,
    inspectors: &PublicInspectorRegister,
    trust: Option<&TrustFile>,
) -> Verdict {
    verify_anchored(sealed, targets, inspectors, trust, None)
}

/// As [`verify_trusted`], with a time anchor: the commitment's event in a witnessed
/// checkpoint of the trust file's audit log, dated by the witnesses before the beacon
/// round (docs/spec/trust.md §3.1).
pub fn verify_anchored(
    sealed: &SealedRecord,
    targets: &dyn TargetSource,
    inspectors: &PublicInspectorRegister,
    trust: Option<&TrustFile>,
    anchor: Option<&TimeAnchor>,
) -> Verdict {
    assess(
        sealed,
        targets,
        inspectors,
        trust,
        anchor,
        &References::default(),
    )
}

fn assess(
    sealed: &SealedRecord,
    targets: &dyn TargetSource,
    inspectors: &PublicInspectorRegister,
    trust: Option<&TrustFile>,
    anchor: Option<&TimeAnchor>,
    refs: &References<'_>,
) -> Verdict {
    let c = &sealed.record.commitment.commitment;
    let beacon = match &c.beacon {
        BeaconChoice::Drand(d) => Some(beacon_seen(d, trust)),
        BeaconChoice::Offline | BeaconChoice::PublishedNumbers(_) => None,
    };
    let signers: Vec<SignerSeen> = sealed
        .signatures
        .iter()
        .map(|s| SignerSeen {
            name: s.signer.clone(),
            public_key: s.public_key.clone(),
            role: trust
                .and_then(|t| t.signer(&s.signer, &s.public_key, distid_of(&c.signers, &s.signer)))
                .map(|k| k.role.clone()),
        })
        .collect();
    let participants: Vec<SignerSeen> = c
        .participants
        .iter()
        .filter_map(|p| {
            let key = p.public_key.clone()?;
            Some(SignerSeen {
                name: p.id.clone(),
                role: trust
                    .and_then(|t| t.participant(&p.id, &key, p.distid.as_deref()))
                    .map(|k| k.role.clone()),
                public_key: key,
            })
        })
        .collect();
    let published = published_seen(&sealed.record, refs.announcements);
    let trust_seen = trust.map(|t| TrustSeen {
        name: t.name.clone(),
        fingerprint: t.fingerprint().to_hex(),
    });
    let verified = match verify(sealed, targets, inspectors) {
        Ok(v) => v,
        Err(e) => {
            // Nothing of a failed record is shown as trusted: a copied trusted name and
            // key beside a bad signature must not read as that person's.
            return Verdict {
                level: Level::Failed,
                verified: None,
                error: Some(e),
                unanchored: Vec::new(),
                beacon: beacon.map(|b| BeaconSeen {
                    name: None,
                    source: None,
                    ..b
                }),
                signers: signers
                    .into_iter()
                    .map(|s| SignerSeen { role: None, ..s })
                    .collect(),
                participants: participants
                    .into_iter()
                    .map(|s| SignerSeen { role: None, ..s })
                    .collect(),
                anchored_time: None,
                trust: trust_seen,
                plan_commitments: None,
                published_numbers: published
                    .into_iter()
                    .map(|(p, _)| PublishedSeen {
                        compared: false,
                        ..p
                    })
                    .collect(),
            };
        }
    };
    let mut unanchored = Vec::new();
    if trust.is_none() {
        unanchored.push(Unanchored::NoTrustFile);
    }
    match (&c.beacon, &beacon) {
        (BeaconChoice::Drand(d), Some(b)) if b.name.is_none() => {
            unanchored.push(Unanchored::Chain {
                chain_hash: d.chain_hash.clone(),
            });
        }
        (BeaconChoice::Offline, _) => unanchored.push(Unanchored::OfflineBeacon),
        _ => {}
    }
    for (p, differs) in published.iter().filter(|(p, _)| !p.compared) {
        unanchored.push(Unanchored::PublishedNumbers {
            draw: p.source.clone(),
            issue: p.issue.clone(),
            reason: differs.clone().unwrap_or_else(|| {
                "not compared with the official announcement: compare the source, issue, draw time and numbers shown".into()
            }),
        });
    }
    if trust.is_some() {
        for s in signers.iter().filter(|s| s.role.is_none()) {
            unanchored.push(Unanchored::Signer {
                name: s.name.clone(),
                public_key: s.public_key.clone(),
            });
        }
    }
    match c.version() {
        Some(v) if v.has_v2_rules() => {
            if let Some(t) = trust {
                participants_anchored(c, t, &mut unanchored);
            }
        }
        _ => unanchored.push(Unanchored::UnsignedParticipants),
    }
    // The round's time counts only under a chain the verifier trusts: an operator's own
    // chain could put its "genesis" anywhere and make any witnessed time look early.
    let round_time = match (&c.beacon, &beacon) {
        (BeaconChoice::Drand(d), Some(b)) if b.name.is_some() => Ok(Some(d.round_time())),
        (BeaconChoice::Drand(_), _) => {
            Err("the beacon chain is not trusted, so its round time bounds nothing")
        }
        (BeaconChoice::Offline, _) => Ok(None),
        (BeaconChoice::PublishedNumbers(_), _) => {
            if !published.is_empty() && published.iter().all(|(p, _)| p.compared) {
                // The earliest draw: the commitment and every reveal must precede each one
                // (after one is announced, part of the beacon is known).
                Ok(c.beacon.public_at())
            } else {
                Err("the scheduled draw time is the record's own claim until compared with the announcement")
            }
        }
    };
    let mut anchored_time = None;
    let mut plan_commitments = None;
    match (anchor, trust) {
        (None, _) => unanchored.push(Unanchored::TimeAnchor {
            committed_at: c.committed_at,
        }),
        (Some(_), None) => unanchored.push(Unanchored::TimeAnchorRefused {
            reason: "no trust file names the log and its witnesses".into(),
        }),
        (Some(a), Some(t)) => {
            let checked = round_time.map_err(String::from).and_then(|r| {
                check_anchor(a, t, &sealed.record, &sealed.record.commitment.hash, r)
            });
            match checked {
                Ok(at) => {
                    anchored_time = Some(at.time);
                    plan_commitments = at.plan_commitments;
                    if c.version().is_some_and(crate::draw::Version::has_v2_rules) {
                        plan_anchored(c, &at, &mut unanchored);
                    }
                }
                Err(reason) => unanchored.push(Unanchored::TimeAnchorRefused { reason }),
            }
        }
    }
    references_anchored(sealed, trust, refs, &mut unanchored);
    Verdict {
        level: if unanchored.is_empty() {
            Level::Anchored
        } else {
            Level::NotAnchored
        },
        verified: Some(verified),
        error: None,
        unanchored,
        beacon,
        signers,
        participants,
        anchored_time,
        trust: trust_seen,
        plan_commitments,
        published_numbers: published.into_iter().map(|(p, _)| p).collect(),
    }
}

/// Each public draw of the record with its numbers, compared with the reader's
/// announcement of the same source and issue when one was entered: `Some(reason)` when
/// that announcement differs.
fn published_seen(
    rec: &crate::DrawRecord,
    announcements: &[Announcement],
) -> Vec<(PublishedSeen, Option<String>)> {
    let BeaconChoice::PublishedNumbers(spec) = &rec.commitment.commitment.beacon else {
        return Vec::new();
    };
    spec.draws
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let numbers = rec
                .published_numbers
                .get(i)
                .filter(|r| r.source == d.source && r.issue == d.issue)
                .map(|r| r.numbers.clone())
                .unwrap_or_default();
            let entered: Vec<&Announcement> = announcements
                .iter()
                .filter(|a| a.source == d.source && a.issue == d.issue)
                .collect();
            let differs = match entered.as_slice() {
                [] => None,
                [a] => Some(a.differs(d, &numbers)),
                more => Some(Some(format!(
                    "{} announcements were entered for this draw: enter one",
                    more.len()
                ))),
            };
            let seen = PublishedSeen {
                source: d.source.clone(),
                issue: d.issue.clone(),
                announced_in: d.announced_in.clone(),
                draws_at: d.draws_at,
                groups: d
                    .groups
                    .iter()
                    .zip(numbers.iter())
                    .map(|(g, ns)| GroupSeen {
                        form: g.clone(),
                        numbers: ns.clone(),
                    })
                    .collect(),
                compared: matches!(differs, Some(None)),
            };
            (seen, differs.flatten())
        })
        .collect()
}

/// draw/v2: the log was given, reaches past the round, and shows no re-draw.
fn plan_anchored(
    c: &crate::Commitment,
    at: &crate::trust::anchor::Anchored,
    out: &mut Vec<Unanchored>,
) {
    let plan = c.plan.id.clone();
    match at.plan_commitments {
        None => out.push(Unanchored::PlanLog { plan }),
        Some(n) => {
            if !at.after_round {
                out.push(Unanchored::AfterRound { plan });
            }
            if n > 1 {
                out.push(Unanchored::Redraw {
                    commitments: n,
                    reason: c
                        .supersedes
                        .as_ref()
                        .map(|s| s.reason.clone())
                        .unwrap_or_default(),
                });
            }
        }
    }
}

/// draw/v2: every participant's id and key are the trust file's, and they hold at least
/// two distinct roles.
fn participants_anchored(c: &crate::Commitment, t: &TrustFile, out: &mut Vec<Unanchored>) {
    let mut roles = std::collections::BTreeSet::new();
    for p in &c.participants {
        let key = p.public_key.clone().unwrap_or_default();
        match t.participant(&p.id, &key, p.distid.as_deref()) {
            Some(k) => {
                roles.insert(k.role.as_str());
            }
            None => out.push(Unanchored::Participant {
                id: p.id.clone(),
                public_key: key,
            }),
        }
    }
    if roles.len() < 2 {
        out.push(Unanchored::ParticipantRoles { roles: roles.len() });
    }
}

fn beacon_seen(d: &DrandSpec, trust: Option<&TrustFile>) -> BeaconSeen {
    let (name, source) = if *d == DrandSpec::quicknet(d.round) {
        (
            Some("drand quicknet".to_string()),
            Some(ChainSource::BuiltIn),
        )
    } else {
        match trust.and_then(|t| t.chain(d)) {
            Some(c) => (Some(c.name.clone()), Some(ChainSource::TrustFile)),
            None => (None, None),
        }
    };
    BeaconSeen {
        chain_hash: d.chain_hash.clone(),
        name,
        source,
        round: d.round,
        round_time: d.round_time(),
    }
}

impl Verdict {
    /// The verdict as JSON, with the same members in every runtime (the Python binding's
    /// dict, the WASM result's `verdict`, the page): `level`; `unanchored`, each with its
    /// `kind`, details, `message` and `message_zh`; `beacon`; `signers`; `participants`
    /// (draw/v2); `anchored_time`; `plan_commitments` (draw/v2);
    /// `verified` (hashes as hex; `classes` in draw/v3) or `error` (`kind`, `cause_kind`,
    /// `message`, `message_zh`).
    pub fn to_json(&self) -> serde_json::Value {
        use crate::Explain;
        use serde_json::{json, Value};
        let explained = |kind: &str, cause: Option<&str>, en: String, zh: String| json!({"kind": kind, "cause_kind": cause, "message": en, "message_zh": zh});
        let unanchored: Vec<Value> = self
            .unanchored
            .iter()
            .map(|u| {
                let mut v = serde_json::to_value(u).unwrap_or(Value::Null);
                if let Value::Object(m) = &mut v {
                    m.insert("message".into(), u.to_string().into());
                    m.insert("message_zh".into(), u.message_zh().into());
                }
                v
            })
            .collect();
        let mut out = json!({
            "level": self.level,
            "unanchored": unanchored,
            "beacon": self.beacon,
            "signers": self.signers,
            "participants": self.participants,
            "anchored_time": self.anchored_time,
            "plan_commitments": self.plan_commitments,
            "trust": self.trust,
            "verified": self.verified.as_ref().map(|v| json!({
                "record_hash": v.record_hash.to_hex(),
                "seed": v.seed.to_hex(),
                "selected": v.selected,
                "commitment_hash": v.commitment_hash.to_hex(),
                "committed_at": v.committed_at,
                "beacon_round": v.beacon_round,
            })),
            "error": self.error.as_ref().map(|e| {
                explained(e.kind(), e.cause_kind(), e.to_string(), e.message_zh())
            }),
        });
        // Only under `sm2-sm3`: verdicts under the default suite keep their bytes.
        if let Some(v) = self.verified.as_ref().filter(|v| !v.suite.is_default()) {
            if let Some(Value::Object(m)) = out.get_mut("verified") {
                m.insert("suite".into(), v.suite.name().into());
            }
        }
        // Only in draw/v3: how far the sealed classes were checked ("public": the sealed view
        // and the class proof; "auditor": the full register and the view key).
        if let Some(v) = self
            .verified
            .as_ref()
            .filter(|v| v.classes != crate::draw::ClassesChecked::NotSealed)
        {
            if let Some(Value::Object(m)) = out.get_mut("verified") {
                m.insert(
                    "classes".into(),
                    serde_json::to_value(v.classes).unwrap_or(Value::Null),
                );
            }
        }
        // Only in published-numbers mode: the verdicts of the other modes keep their bytes.
        if !self.published_numbers.is_empty() {
            if let Value::Object(m) = &mut out {
                m.insert(
                    "published_numbers".into(),
                    serde_json::to_value(&self.published_numbers).unwrap_or(Value::Null),
                );
            }
        }
        out
    }
}
