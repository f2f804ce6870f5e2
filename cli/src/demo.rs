//! `shuangsuiji demo`: the whole job on the bundled sample data — import, commit, reveal,
//! a recorded drand quicknet round, draw, sign, verify — with a readable summary.
//!
//! The demo's secrets and signing keys are derived from fixed labels so that its output is
//! reproducible; they are public and must never be used for a real draw, where secrets
//! and keys come from the OS random generator and the signers' own key stores.

use crate::util;
use clap::Args;
use sha2::{Digest as _, Sha256};
use shuangsuiji::audit::EventKind;
use shuangsuiji::audit::Witness;
use shuangsuiji::draw::{ClassesChecked, SealedKeeper, TargetSource, ALGORITHM_V3};
use shuangsuiji::privacy::ViewKey;
use shuangsuiji::trust::{verify_anchored, TrustFile, TrustedKey, TRUST_FORMAT};
use shuangsuiji::Digest32;
use shuangsuiji::{
    draw, draw::reveal_binding_in, draw::signed_reveal, draw::BeaconChoice, draw::DrandSpec,
    draw::Participant, draw::Signatory, encoding::canonical_json, hazmat::commit_secret_in, import,
    registers::RegisterRoots, verify, BeaconRound, Commitment, DrawInputs, DrawPlan, ItemList,
    PublicInspectorRegister, Reveal, SealedRecord, SecretKey, SignedCommitment, SigningKey, Suite,
    SuiteSigner, TargetRegister,
};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct DemoArgs {
    /// Directory for the record and the public views.
    #[arg(long, default_value = "out/demo")]
    out: PathBuf,
    /// 示例数据目录（默认：当前目录下的 examples/data，否则程序旁的 examples/data）
    /// Sample data directory (default: examples/data here, else beside the program, as the
    /// release archives lay it out).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Also write the known-answer vector files into this directory (tests/vectors).
    #[arg(long)]
    vectors: Option<PathBuf>,
    /// 算法套件：ed25519-sha256（默认）或 sm2-sm3（国密 SM3 杂凑、SM2 签名）
    /// Cryptographic suite: ed25519-sha256 (default) or sm2-sm3 (SM3 hashes, SM2 signatures).
    #[arg(long, default_value = "ed25519-sha256")]
    suite: util::SuiteArg,
    /// 抽取算法：v3（默认；公开文件不含风险等级、信用等级与回避关系）或 v2（公开名录库含分类）
    /// Draw algorithm: v3 (default; the published files hold no risk level, credit class or
    /// declared conflict: docs/spec/privacy.md §13) or v2 (the published register carries
    /// them; what the known-answer vectors of draw/v2 were made with).
    #[arg(long, value_enum, default_value = "v3")]
    draw: DrawVersion,
}

/// The draw algorithm of the demo's own output.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DrawVersion {
    /// shuangsuiji/draw/v2: the public register view carries every target's classes.
    V2,
    /// shuangsuiji/draw/v3: a sealed view; classes and conflicts stay with the keeper.
    V3,
}

/// Unix time of the demo commitment: 2023-08-23T15:15:00Z, 33 s before quicknet round 123.
pub const DEMO_COMMITTED_AT: i64 = 1_692_803_700;
/// The demo witness's name (its key is derived from a public label: demo only).
const DEMO_WITNESS: &str = "witness.shuangsuiji.example/demo";
/// The plan of the draw/v1 known-answer vectors, frozen when the sample plan moved on
/// (draw/v2 reason codes, one department per item).
const V1_PLAN: &str = include_str!("../../tests/vectors/v1-plan.json");
/// The audit trail's label for the target register.
const REGISTER_LOGGED: &str = "检查对象名录库 2023-08-23";
/// Register date of the sample data.
pub const DEMO_AS_OF: &str = "2023-08-23";

pub(crate) fn label_bytes(label: &str) -> [u8; 32] {
    Sha256::digest(label.as_bytes()).into()
}

pub(crate) const PARTICIPANTS: [(&str, &str); 2] = [
    ("zazd", "检查部门 省公安厅治安总队"),
    ("jjjc", "纪检监察 驻厅纪检监察组"),
];
const SIGNERS: [&str; 2] = ["省公安厅治安总队 抽查负责人", "驻厅纪检监察组 监督人"];

pub(crate) fn beacon_round(data: &Path) -> Result<BeaconRound, String> {
    let v: serde_json::Value =
        serde_json::from_slice(&util::read(&data.join("drand-quicknet.json"))?)
            .map_err(|e| e.to_string())?;
    let r = v
        .get("rounds")
        .and_then(|r| r.get(0))
        .ok_or("drand-quicknet.json has no rounds")?;
    BeaconRound::from_drand_json(r).map_err(|e| format!("drand-quicknet.json: {e}"))
}

pub(crate) fn demo_secrets() -> Vec<[u8; 32]> {
    PARTICIPANTS
        .iter()
        .map(|(id, _)| label_bytes(&format!("shuangsuiji demo secret {id}")))
        .collect()
}

/// A demo key of the suite, derived from a public label (demo only).
pub(crate) fn demo_key(suite: Suite, label: &str) -> Result<SecretKey, String> {
    let b = label_bytes(label);
    Ok(match suite {
        Suite::Ed25519Sha256 => SecretKey::Ed25519(SigningKey::from_bytes(&b)),
        Suite::Sm2Sm3 => SecretKey::Sm2(
            shuangsuiji::encoding::sm::Sm2SecretKey::from_bytes(&b)
                .map_err(|e| format!("demo key {label}: {e}"))?,
        ),
    })
}

pub(crate) fn demo_signer_keys(suite: Suite) -> Result<Vec<SecretKey>, String> {
    SIGNERS
        .iter()
        .map(|s| demo_key(suite, &format!("shuangsuiji demo signing key {s}")))
        .collect()
}

pub(crate) fn demo_participant_keys(suite: Suite) -> Result<Vec<SecretKey>, String> {
    PARTICIPANTS
        .iter()
        .map(|(id, _)| demo_key(suite, &format!("shuangsuiji demo participant key {id}")))
        .collect()
}

/// The demo's participants with their secrets' commitments under the suite; with their own
/// keys in draw/v2 (`keys`), without in draw/v1.
pub(crate) fn participants(
    suite: Suite,
    secrets: &[[u8; 32]],
    keys: Option<&[SecretKey]>,
) -> Vec<Participant> {
    PARTICIPANTS
        .iter()
        .zip(secrets)
        .enumerate()
        .map(|(i, ((id, role), s))| Participant {
            id: (*id).into(),
            role: (*role).into(),
            commitment: commit_secret_in(suite, id, s),
            public_key: keys.and_then(|k| k.get(i)).map(SuiteSigner::public_key_hex),
            distid: None,
        })
        .collect()
}

/// The commitment signed by every demo signer.
pub(crate) fn signed_by_signers(
    commitment: Commitment,
    keys: &[SecretKey],
) -> Result<SignedCommitment, String> {
    let mut signed = SignedCommitment::new(commitment).map_err(|e| e.to_string())?;
    for (n, k) in SIGNERS.iter().zip(keys) {
        signed.sign(n, k);
    }
    Ok(signed)
}

/// The record sealed and signed by every demo signer (谁抽查、谁签字).
pub(crate) fn sealed_by_signers(
    record: shuangsuiji::DrawRecord,
    keys: &[SecretKey],
) -> Result<SealedRecord, String> {
    let mut sealed = SealedRecord::new(record).map_err(|e| e.to_string())?;
    for (n, k) in SIGNERS.iter().zip(keys) {
        sealed.sign(n, k);
    }
    Ok(sealed)
}

/// Each demo participant's reveal of its secret, signed with its key and bound to `signed`.
pub(crate) fn signed_reveals(
    signed: &SignedCommitment,
    secrets: &[[u8; 32]],
    keys: &[SecretKey],
) -> Vec<Reveal> {
    PARTICIPANTS
        .iter()
        .zip(secrets)
        .zip(keys)
        .map(|(((id, _), s), k)| signed_reveal(id, k, &signed.hash, s))
        .collect()
}

pub(crate) fn signatories(keys: &[SecretKey]) -> Vec<Signatory> {
    SIGNERS
        .iter()
        .zip(keys)
        .map(|(n, k)| Signatory {
            name: (*n).into(),
            public_key: k.public_key_hex(),
            distid: None,
        })
        .collect()
}

/// Logs the item list, the registers and the plan, and signs a checkpoint (the one the
/// commitment points to).
fn pre_draw(
    suite: Suite,
    trail: &mut crate::demo_audit::Trail,
    items: &ItemList,
    targets: (Digest32, &str),
    public: &PublicInspectorRegister,
    plan: &DrawPlan,
) -> Result<String, String> {
    let t0 = DEMO_COMMITTED_AT - 600;
    trail.record(
        EventKind::ItemListVersion,
        "省公安厅办公室",
        t0,
        items.hash_in(suite),
        items.version(),
    );
    trail.record(
        EventKind::RegisterChange,
        "省公安厅办公室",
        t0,
        targets.0,
        targets.1,
    );
    trail.record(
        EventKind::RegisterChange,
        "省公安厅办公室",
        t0,
        public.root_in(suite),
        "执法检查人员名录库 2023-08-23",
    );
    let plan_hash = suite.tagged_hash(
        "shuangsuiji/v1/plan",
        &[&canonical_json(plan).map_err(|e| e.to_string())?],
    );
    trail.record(EventKind::Plan, SIGNERS[0], t0 + 60, plan_hash, &plan.id);
    trail.checkpoint()
}

/// The draw/v1 of the known-answer vectors: unsigned participants, the same secrets,
/// signers and round as the demo.
fn draw_v1(
    items: &ItemList,
    targets: &TargetRegister,
    public: &PublicInspectorRegister,
    plan: DrawPlan,
    data: &Path,
) -> Result<SealedRecord, String> {
    let mut trail = crate::demo_audit::Trail::new(demo_key(
        Suite::Ed25519Sha256,
        "shuangsuiji demo audit log key",
    )?);
    let checkpoint = pre_draw(
        Suite::Ed25519Sha256,
        &mut trail,
        items,
        (targets.root_in(Suite::Ed25519Sha256), REGISTER_LOGGED),
        public,
        &plan,
    )?;
    let secrets = demo_secrets();
    let keys = demo_signer_keys(Suite::Ed25519Sha256)?;
    let mut commitment = Commitment::new(
        plan,
        RegisterRoots {
            item_list: items.hash(),
            targets: targets.root(),
            inspectors: public.root(),
        },
        participants(Suite::Ed25519Sha256, &secrets, None),
        signatories(&keys),
        BeaconChoice::Drand(DrandSpec::quicknet(123)),
        DEMO_COMMITTED_AT,
    );
    commitment.log_checkpoint = Some(checkpoint);
    let signed = signed_by_signers(commitment, &keys)?;
    let reveals: Vec<Reveal> = PARTICIPANTS
        .iter()
        .zip(&secrets)
        .map(|((id, _), s)| Reveal {
            participant: (*id).into(),
            secret: hex::encode(s),
            signature: None,
        })
        .collect();
    let round = beacon_round(data)?;
    let record = draw(DrawInputs {
        commitment: &signed,
        item_list: items,
        targets,
        inspectors: public,
        reveals: &reveals,
        beacon: Some(&round),
        published: &[],
    })
    .map_err(|e| format!("draw/v1 refused: {e}"))?;
    sealed_by_signers(record, &keys)
}

/// The bundled registers and data, as one draw reads them.
#[derive(Clone, Copy)]
struct Registers<'a> {
    items: &'a ItemList,
    targets: &'a TargetRegister,
    /// draw/v3: the keeper of `targets`' sealed view (docs/spec/privacy.md §13); the draw
    /// commits to the view and publishes it instead of the register. draw/v2 without.
    sealed: Option<&'a SealedKeeper>,
    /// The inspector view the draw reads and publishes (under draw/v3 without conflicts:
    /// the keeper's sealed recusal sets hold them).
    public: &'a PublicInspectorRegister,
    data: &'a Path,
}

impl Registers<'_> {
    /// What the public re-runs the draw against: the sealed view, else the register.
    fn public_targets(&self) -> &dyn TargetSource {
        match self.sealed {
            Some(k) => k.view(),
            None => self.targets,
        }
    }

    /// What the keeper draws from: itself under draw/v3, else the register.
    fn drawn_targets(&self) -> &dyn TargetSource {
        match self.sealed {
            Some(k) => k,
            None => self.targets,
        }
    }

    /// The root the commitment names for the targets, and the audit trail's label for it.
    fn targets_root(&self, suite: Suite) -> Result<(Digest32, &'static str), String> {
        Ok(match self.sealed {
            Some(k) => (
                k.view().root_in(suite).map_err(|e| e.to_string())?,
                "检查对象名录库（封存视图）2023-08-23",
            ),
            None => (self.targets.root_in(suite), REGISTER_LOGGED),
        })
    }
}

/// One demo draw under a suite and what the verifier's side holds after it.
struct DemoDraw {
    signed: SignedCommitment,
    sealed: SealedRecord,
    trust: TrustFile,
    anchor: shuangsuiji::trust::TimeAnchor,
    verdict: shuangsuiji::trust::Verdict,
    trail: crate::demo_audit::Trail,
    draw_event: u64,
    sign_keys: Vec<SecretKey>,
    participant_keys: Vec<SecretKey>,
}

/// The sample annual plan under another suite, signed by demo keys of that suite.
fn annual_plan_in(
    suite: Suite,
    plan: &shuangsuiji::draw::AnnualPlan,
) -> Result<shuangsuiji::draw::SignedAnnualPlan, String> {
    let mut a = plan.clone();
    a.suite = suite;
    let keys = a
        .signatories
        .iter()
        .map(|s| {
            demo_key(
                suite,
                &format!("shuangsuiji demo annual plan key {}", s.name),
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    for (s, k) in a.signatories.iter_mut().zip(&keys) {
        s.public_key = k.public_key_hex();
    }
    let names: Vec<String> = a.signatories.iter().map(|s| s.name.clone()).collect();
    let mut signed = shuangsuiji::draw::SignedAnnualPlan::new(a).map_err(|e| e.to_string())?;
    for (n, k) in names.iter().zip(&keys) {
        signed.sign(n, k);
    }
    Ok(signed)
}

/// The draw/v2 demo under `suite`: log, commit, reveal, witness, draw, seal, verify. The
/// audit log and its witness are of the draw's suite here (under `sm2-sm3`: an SM3 tree,
/// SM2 checkpoints and cosignatures), though a log's suite is its own: its events name each
/// object by its hash under the draw's suite (docs/spec/suites.md §3).
fn demo_draw(suite: Suite, regs: &Registers<'_>, mut plan: DrawPlan) -> Result<DemoDraw, String> {
    let (items, public_inspectors) = (regs.items, regs.public);
    let targets_root = regs.targets_root(suite)?;
    if let Some(r) = plan.annual_task.as_mut().filter(|_| !suite.is_default()) {
        // One draw, one suite: the sample annual plan again, issued under the draw's suite
        // by demo keys of that suite.
        r.annual_plan = annual_plan_in(suite, &r.annual_plan.plan)?;
    }
    // 0. The audit trail: the lists and registers the draw will use, then a checkpoint.
    let mut trail =
        crate::demo_audit::Trail::new(demo_key(suite, "shuangsuiji demo audit log key")?);
    let pre_draw_checkpoint = pre_draw(
        suite,
        &mut trail,
        items,
        targets_root,
        public_inspectors,
        &plan,
    )?;

    // 1. Commit (draw/v2): plan, hashes, the registers' date, participants' commitments and
    // keys, the beacon round — signed by the responsible people and by each participant.
    let secrets = demo_secrets();
    let sign_keys = demo_signer_keys(suite)?;
    let participant_keys = demo_participant_keys(suite)?;
    let plan_id = plan.id.clone();
    // The annual plan's signatories, whom the demo's trust file names too (a real verifier
    // gets the government office's key from the office, not from the plan).
    let annual_signers: Vec<TrustedKey> = plan
        .annual_task
        .iter()
        .flat_map(|r| r.annual_plan.plan.signatories.iter())
        .map(|s| TrustedKey {
            role: "年度抽查计划制定机关".into(),
            name: s.name.clone(),
            public_key: s.public_key.clone(),
            distid: s.distid.clone(),
        })
        .collect();
    let mut commitment = Commitment::v2(
        plan,
        RegisterRoots {
            item_list: items.hash_in(suite),
            targets: targets_root.0,
            inspectors: public_inspectors.root_in(suite),
        },
        regs.targets.as_of(),
        participants(suite, &secrets, Some(&participant_keys)),
        signatories(&sign_keys),
        BeaconChoice::Drand(DrandSpec::quicknet(123)),
        DEMO_COMMITTED_AT,
    );
    commitment.suite = suite;
    if regs.sealed.is_some() {
        commitment.algorithm = ALGORITHM_V3.into();
    }
    commitment.log_checkpoint = Some(pre_draw_checkpoint);
    let mut signed = signed_by_signers(commitment, &sign_keys)?;
    for ((id, _), k) in PARTICIPANTS.iter().zip(&participant_keys) {
        signed.sign_as_participant(id, k);
    }
    // Logged under the plan id, so that every commitment for the plan can be counted.
    let commitment_event = trail.record(
        EventKind::Commitment,
        SIGNERS[0],
        DEMO_COMMITTED_AT,
        signed.hash,
        &plan_id,
    );
    // 2. Reveal, signed and logged before the beacon round exists, so that no participant
    // can wait for the outcome and withhold.
    let reveals = signed_reveals(&signed, &secrets, &participant_keys);
    let reveal_events: Vec<u64> = PARTICIPANTS
        .iter()
        .zip(&secrets)
        .map(|((id, role), s)| {
            trail.record(
                EventKind::Reveal,
                role,
                DEMO_COMMITTED_AT + 5,
                reveal_binding_in(suite, &signed.hash, id, s),
                // The secret itself: published before the round, not only promised.
                &hex::encode(s),
            )
        })
        .collect();
    // A witness cosigns the log with the commitment and the reveals in it at a simulated
    // time, 10 s after the demo's commitment time (23 s before the round): the time anchor
    // a verifier checks. A real witness uses its own clock.
    let witness = Witness::new(
        DEMO_WITNESS,
        demo_key(suite, "shuangsuiji demo witness key")?,
    );
    let mut anchor = trail.witnessed_anchor(
        commitment_event,
        &reveal_events,
        &witness,
        u64::try_from(DEMO_COMMITTED_AT + 10).unwrap_or_default(),
    )?;
    // 3. The beacon, 4. the draw.
    let round = beacon_round(regs.data)?;
    let record = draw(DrawInputs {
        commitment: &signed,
        item_list: items,
        targets: regs.drawn_targets(),
        inspectors: public_inspectors,
        reveals: &reveals,
        beacon: Some(&round),
        published: &[],
    })
    .map_err(|e| format!("draw refused: {e}"))?;
    let t_draw = DrandSpec::quicknet(123).round_time() + 30;
    // 5. Seal and sign.
    let sealed = sealed_by_signers(record, &sign_keys)?;
    let draw_event = trail.record(EventKind::Draw, SIGNERS[0], t_draw, sealed.hash, "");
    for s in &sealed.signatures {
        trail.record(
            EventKind::Signature,
            &s.signer,
            t_draw + 60,
            sealed.hash,
            "",
        );
    }
    // After the round the witness cosigns the log again: no other commitment for the plan
    // was logged once the outcome could be known.
    trail.witness_after_round(
        &mut anchor,
        &witness,
        u64::try_from(t_draw + 90).unwrap_or_default(),
    )?;
    // 6. Verify as the public would (below, under the trust file), and under draw/v3 as the
    // auditor too: the full register under the view key.
    if let Some(k) = regs.sealed {
        let a = verify(&sealed, k, public_inspectors)
            .map_err(|e| format!("auditor's verification failed: {e}"))?;
        if a.classes != ClassesChecked::Auditor {
            return Err(format!("the auditor's check reported {:?}", a.classes));
        }
    }
    // The verifier's side: a trust file naming the demo's signers by role (the keys are the
    // demo's public labels), and the verdict under it.
    let trust = TrustFile {
        format: TRUST_FORMAT.into(),
        name: "演示 demo (keys derived from public labels; never for a real draw)".into(),
        chains: Vec::new(),
        signers: SIGNERS
            .iter()
            .zip(&sign_keys)
            .zip(["抽查负责人", "监督人"])
            .map(|((n, k), role)| TrustedKey {
                role: role.into(),
                name: (*n).into(),
                public_key: k.public_key_hex(),
                distid: None,
            })
            .collect(),
        participants: PARTICIPANTS
            .iter()
            .zip(&participant_keys)
            .zip(["检查部门", "纪检监察"])
            .map(|(((id, _), k), role)| TrustedKey {
                role: role.into(),
                name: (*id).into(),
                public_key: k.public_key_hex(),
                distid: None,
            })
            .collect(),
        audit_log: Some(trail.verifier_key()),
        witnesses: vec![TrustedKey {
            role: "见证人".into(),
            name: DEMO_WITNESS.into(),
            public_key: witness.verifier_key(),
            distid: None,
        }],
        witness_quorum: 1,
        annual_plan_issuers: annual_signers,
    };
    trust.check().map_err(|e| format!("demo trust file: {e}"))?;
    let verdict = verify_anchored(
        &sealed,
        regs.public_targets(),
        public_inspectors,
        Some(&trust),
        Some(&anchor),
    );
    let v = verdict.verified.as_ref().ok_or_else(|| {
        let why = verdict.error.as_ref().map(ToString::to_string);
        format!("verification failed: {}", why.unwrap_or_default())
    })?;
    let expected = if regs.sealed.is_some() {
        ClassesChecked::Public
    } else {
        ClassesChecked::NotSealed
    };
    if v.classes != expected {
        return Err(format!("the public check reported {:?}", v.classes));
    }
    Ok(DemoDraw {
        signed,
        sealed,
        trust,
        anchor,
        verdict,
        trail,
        draw_event,
        sign_keys,
        participant_keys,
    })
}

/// The sample data: where asked, else in the source tree one stands in, else beside the
/// installed program (an archive from scripts/dist.sh unpacked anywhere).
pub fn data_dir(given: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(d) = given {
        return Ok(d.to_path_buf());
    }
    let here = PathBuf::from("examples/data");
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|p| p.join("examples/data")));
    std::iter::once(here)
        .chain(beside)
        .find(|d| d.join("items.csv").is_file())
        .ok_or_else(|| {
            "找不到示例数据：请用 --data 指定目录（源码中的 examples/data，或程序旁的 examples/data）\n\
             sample data not found: pass --data DIR (examples/data in the source tree or beside the program)"
                .to_string()
        })
}

/// The sample's item list, target register (as of `as_of`) and plan, as every demo reads them.
pub fn sample_data(
    d: &Path,
    as_of: shuangsuiji::Date,
) -> Result<(ItemList, shuangsuiji::TargetRegister, DrawPlan), String> {
    let items = import::items(&util::read(&d.join("items.csv"))?, "豫政办〔2017〕80号")
        .map_err(|e| e.to_string())?;
    let targets =
        import::targets(&util::read(&d.join("targets.csv"))?, as_of).map_err(|e| e.to_string())?;
    let plan: DrawPlan = serde_json::from_slice(&util::read(&d.join("plan.json"))?)
        .map_err(|e| format!("plan.json: {e}"))?;
    Ok((items, targets, plan))
}

pub fn run(a: DemoArgs) -> Result<(), String> {
    let suite = a.suite.0;
    if a.vectors.is_some() && !suite.is_default() {
        return Err("--vectors 写出两种算法套件的向量，不与 --suite 同用 · --vectors writes the vectors of both suites; give it without --suite".into());
    }
    let data = data_dir(a.data.as_deref())?;
    let d = &data;
    let as_of = util::date_or_today("--as-of", Some(DEMO_AS_OF))?;
    let (items, targets, plan) = sample_data(d, as_of)?;
    let inspectors = import::inspectors(&util::read(&d.join("inspectors.csv"))?, as_of)
        .map_err(|e| e.to_string())?;
    let key = util::read_key(&d.join("inspector-salt.key"))?;
    let public_inspectors = inspectors.public_view(&key);
    let regs = Registers {
        items: &items,
        targets: &targets,
        sealed: None,
        public: &public_inspectors,
        data: d,
    };
    // draw/v3 (the default): the keeper seals the register and the declared conflicts under
    // the demo's view key and publishes the sealed view and the inspector view without
    // conflicts (docs/spec/privacy.md §13).
    let keeper = match a.draw {
        DrawVersion::V3 => Some(crate::privacy_draw::keeper(
            targets.clone(),
            &public_inspectors,
            ViewKey(crate::privacy_cmd::DEMO_VIEW_KEY),
        )?),
        DrawVersion::V2 => None,
    };
    let published_inspectors = public_inspectors.without_conflicts();
    let regs_out = match &keeper {
        Some(k) => Registers {
            sealed: Some(k),
            public: &published_inspectors,
            ..regs
        },
        None => regs,
    };

    // The known-answer vectors of draw/v1 (tests/vectors), kept byte for byte: the plan
    // they were made with, frozen in tests/vectors/v1-plan.json, under its own trail.
    let v1 = match &a.vectors {
        Some(_) => {
            let plan_v1: DrawPlan = serde_json::from_str(V1_PLAN)
                .map_err(|e| format!("tests/vectors/v1-plan.json: {e}"))?;
            Some(draw_v1(&items, &targets, &public_inspectors, plan_v1, d)?)
        }
        None => None,
    };
    let main = demo_draw(suite, &regs_out, plan.clone())?;
    if let (Some(dir), Some(v1)) = (&a.vectors, &v1) {
        // The draw/v2 vectors: the same demo under draw/v2 (the output's own under --draw v2).
        let v2_draw;
        let v2 = match keeper {
            Some(_) => {
                v2_draw = demo_draw(suite, &regs, plan.clone())?;
                &v2_draw
            }
            None => &main,
        };
        write_vectors(dir, &regs, &inspectors, &key, v1, v2, plan)?;
    }
    let DemoDraw {
        signed,
        sealed,
        trust,
        anchor,
        verdict,
        mut trail,
        draw_event,
        ..
    } = main;

    std::fs::create_dir_all(&a.out)
        .map_err(|e| format!("cannot create {}: {e}", a.out.display()))?;
    util::write_atomic(&a.out.join("commitment.json"), &util::to_json(&signed)?)?;
    match &keeper {
        Some(k) => {
            // The record, the sealed view and the inspector view without conflicts are
            // published; the full register, the view key and the declarations go to
            // private/ (the keeper's and the auditor's). A register view an earlier
            // `--draw v2` left in the folder would publish every class: removed.
            for stale in ["targets.public.json", "targets.public.csv"] {
                let p = a.out.join(stale);
                if p.exists() {
                    std::fs::remove_file(&p)
                        .map_err(|e| format!("cannot remove {}: {e}", p.display()))?;
                }
            }
            crate::privacy_draw::write(
                &a.out,
                &sealed,
                k,
                &published_inspectors,
                &public_inspectors,
            )?;
        }
        None => {
            util::write_atomic(&a.out.join("record.json"), &util::to_json(&sealed)?)?;
            util::write_atomic(
                &a.out.join("targets.public.json"),
                &util::to_json(&targets)?,
            )?;
            // The same register as CSV sorted by id: the streamed form (spec §7), which a
            // verifier reads twice in slices instead of holding it (the page streams CSVs
            // over 64 MB).
            util::write_atomic(
                &a.out.join("targets.public.csv"),
                shuangsuiji::import::targets_to_csv(&targets).as_bytes(),
            )?;
            util::write_atomic(
                &a.out.join("inspectors.public.json"),
                &util::to_json(&public_inspectors)?,
            )?;
        }
    }
    // The verifier's file, in a folder of its own: a real verifier gets it from the unit
    // through a channel it trusts, never from beside the record it checks.
    let verifier_dir = a.out.join("verifier");
    std::fs::create_dir_all(&verifier_dir)
        .map_err(|e| format!("cannot create {}: {e}", verifier_dir.display()))?;
    util::write_atomic(&verifier_dir.join("trust.json"), &util::to_json(&trust)?)?;
    util::write_atomic(&a.out.join("anchor.json"), &util::to_json(&anchor)?)?;
    crate::summary::print(&sealed, &verdict);
    if let Some(k) = &keeper {
        print_v3_disclosure(&sealed, k, &public_inspectors);
    }
    // Published under the draw's suite (an SM2-signed notice with SM3 commitments under
    // sm2-sm3).
    crate::demo_publish::run(&a.out, &sealed, &targets, &inspectors, &mut trail)?;
    let last = trail.checkpoint()?;
    trail.prove(draw_event)?;
    trail.write(&a.out.join("audit.json"))?;
    println!("\n审计日志 Audit log: {} events, checkpoint signed (size {}); the draw event #{draw_event} is proven included", trail.size(), last.lines().nth(1).unwrap_or("?"));
    let o = a.out.display();
    let (views, view_file) = match keeper {
        Some(_) => ("targets.sealed", "targets.sealed.json"),
        None => ("targets.public", "targets.public.json"),
    };
    println!(
        "\n文件 Files: {o}/{{commitment,record,{views},inspectors.public,audit,anchor}}.json, notice/, verifier/trust.json{}",
        if keeper.is_some() { "；保管方与审计方 keeper and auditor only: private/（演示的视图密钥与签名密钥一样是公开常量，切勿用于真实抽查 the demo's view key, like its signing keys, is a public constant: never for a real draw）" } else { "" }
    );
    println!("复核 Re-check: shuangsuiji verify {o}/record.json --targets {o}/{view_file} --inspectors {o}/inspectors.public.json --trust {o}/verifier/trust.json --anchor {o}/anchor.json");
    if keeper.is_some() {
        println!("审计 Audit:    shuangsuiji verify {o}/record.json --targets {o}/private/targets.json --view-key {o}/private/view.key --inspectors {o}/private/inspectors.declared.json --trust {o}/verifier/trust.json --anchor {o}/anchor.json");
    }
    println!("  信任文件应从可信渠道独立获取，不要取自记录的发布者 Get a real trust file from the unit through a channel you trust, never from the record's publisher.");
    Ok(())
}

/// What the draw/v3 demo's published files disclose: the targets whose class facts the
/// record opens, and the declared conflicts its opened recusal sets reveal.
fn print_v3_disclosure(
    sealed: &SealedRecord,
    keeper: &SealedKeeper,
    declared: &PublicInspectorRegister,
) {
    let rec = &sealed.record;
    let n = keeper.register().targets().len() as u64;
    if let Some(p) = &rec.classes {
        crate::privacy_cmd::print_disclosure(&shuangsuiji::privacy::disclosure(p, n));
    }
    let all: usize = declared
        .inspectors()
        .iter()
        .map(|i| i.conflicts.len())
        .sum();
    let revealed: usize = rec.recusals.iter().map(|r| r.inspectors.len()).sum();
    println!(
        "回避关系 Conflicts: 声明 {all} 项，公开文件可知 {revealed} 项（仅派出检查组的 {} 个对象的回避名单）· {all} declared, {revealed} revealed (only the recusal sets of the {} targets teams go to)",
        rec.recusals.len(),
        rec.recusals.len()
    );
}

/// Writes the known-answer vectors: draw/v1, the registers, draw/v2 with its anchor, the
/// published-numbers beacon, and the 国密 suite with its notice.
fn write_vectors(
    dir: &Path,
    regs: &Registers<'_>,
    inspectors: &shuangsuiji::InspectorRegister,
    key: &[u8; 32],
    v1: &SealedRecord,
    v2: &DemoDraw,
    plan: DrawPlan,
) -> Result<(), String> {
    let (items, targets, public_inspectors) = (regs.items, regs.targets, regs.public);
    crate::vectors::write_registers(dir, items, targets, inspectors, public_inspectors, key)?;
    crate::vectors::write_draw(dir, v1, crate::vectors::V1_DESCRIPTION)?;
    let dir2 = dir.join("v2");
    crate::vectors::write_draw(&dir2, &v2.sealed, crate::vectors::V2_DESCRIPTION)?;
    crate::vectors::write_anchor(&dir2, &v2.trust, &v2.anchor, &v2.verdict)?;
    // The same draw under the published-numbers beacon (docs/spec/draw-v2.md §15).
    let (published, announcement) = crate::demo_published::draw(
        items,
        targets,
        public_inspectors,
        &v2.signed.commitment.plan,
        &v2.sign_keys,
        &v2.participant_keys,
    )?;
    crate::demo_published::write(
        &dir.join("v2-published"),
        &published,
        &announcement,
        targets,
        public_inspectors,
        &v2.trust,
    )?;
    // The same draw under the 国密 suite (docs/spec/suites.md).
    let sm = demo_draw(Suite::Sm2Sm3, regs, plan)?;
    let dir3 = dir.join("v2-sm2-sm3");
    crate::vectors::write_draw(&dir3, &sm.sealed, crate::vectors::SM2_SM3_DESCRIPTION)?;
    crate::vectors::write_anchor(&dir3, &sm.trust, &sm.anchor, &sm.verdict)?;
    // Its results published under SM2 (SM3 commitments, an SM2-signed notice).
    let (_, p) = crate::demo_publish::notice(&sm.sealed, targets, inspectors)?;
    crate::vectors::write_notice(&dir3, &p)
}
