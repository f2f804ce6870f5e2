//! What the draw examples share: the sample inputs besides the targets, and a one-
//! participant drand commitment (the demo's shape, with fixed example secrets).

use shuangsuiji::{draw::*, encoding::*, hazmat::*, registers::*, *};
use std::path::Path;

/// Items, the public inspector view, the plan and the recorded drand round of a data dir.
pub struct Inputs {
    pub items: ItemList,
    pub inspectors: PublicInspectorRegister,
    pub plan: DrawPlan,
    pub round: BeaconRound,
}

pub fn inputs(d: &Path, as_of: Date) -> Result<Inputs, String> {
    let read = |f: &str| std::fs::read(d.join(f)).map_err(|e| format!("{f}: {e}"));
    let items = import::items(&read("items.csv")?, "v").map_err(|e| e.to_string())?;
    let mut key = [0u8; 32];
    hex::decode_to_slice(
        String::from_utf8_lossy(&read("inspector-salt.key")?).trim(),
        &mut key,
    )
    .map_err(|e| e.to_string())?;
    let inspectors = import::inspectors(&read("inspectors.csv")?, as_of)
        .map_err(|e| e.to_string())?
        .public_view(&key);
    let mut plan: DrawPlan =
        serde_json::from_slice(&read("plan.json")?).map_err(|e| e.to_string())?;
    // The benches time draw/v1's selection and matching (draw/v2 adds four signature
    // checks and a cap check, microseconds); v1 plans carry no reason codes, level or
    // annual task (benches/compare/draw_csv.py drops the same members).
    plan.must_include_reasons.clear();
    plan.level = None;
    plan.annual_task = None;
    let beacon: serde_json::Value =
        serde_json::from_slice(&read("drand-quicknet.json")?).map_err(|e| e.to_string())?;
    let round = shuangsuiji::BeaconRound::from_drand_json(&beacon["rounds"][0])
        .map_err(|e| e.to_string())?;
    Ok(Inputs {
        items,
        inspectors,
        plan,
        round,
    })
}

pub const SECRET: [u8; 32] = [7; 32];
/// The one signer's name and (example, public) key.
pub const SIGNER: &str = "负责人";
pub const SIGNER_KEY: [u8; 32] = [9; 32];
pub const SECRET2: [u8; 32] = [8; 32];

/// The commitment over these inputs and a target root, and the matching reveal.
pub fn commitment(
    i: &Inputs,
    targets_root: Digest32,
) -> Result<(SignedCommitment, Vec<Reveal>), String> {
    let c = Commitment {
        algorithm: ALGORITHM.into(),
        suite: Default::default(),
        plan: i.plan.clone(),
        roots: RegisterRoots {
            item_list: i.items.hash(),
            targets: targets_root,
            inspectors: i.inspectors.root(),
        },
        as_of: None,
        participants: vec![
            Participant {
                id: "zazd".into(),
                role: "检查部门".into(),
                commitment: commit_secret("zazd", &SECRET),
                public_key: None,
                distid: None,
            },
            Participant {
                id: "jjjc".into(),
                role: "纪检监察".into(),
                commitment: commit_secret("jjjc", &SECRET2),
                public_key: None,
                distid: None,
            },
        ],
        signers: vec![Signatory {
            name: SIGNER.into(),
            public_key: public_key_hex(&SigningKey::from_bytes(&SIGNER_KEY)),
            distid: None,
        }],
        beacon: BeaconChoice::Drand(DrandSpec::quicknet(123)),
        committed_at: 1_692_803_700,
        supersedes: None,
        log_checkpoint: None,
    };
    let signed = SignedCommitment::new(c).map_err(|e| e.to_string())?;
    Ok((
        signed,
        vec![
            Reveal {
                participant: "zazd".into(),
                secret: hex::encode(SECRET),
                signature: None,
            },
            Reveal {
                participant: "jjjc".into(),
                secret: hex::encode(SECRET2),
                signature: None,
            },
        ],
    ))
}

/// Signs the commitment as the one signer, so that its record can be verified.
pub fn sign_commitment(c: &mut SignedCommitment) {
    c.sign(SIGNER, &SigningKey::from_bytes(&SIGNER_KEY));
}

/// Seals and signs `rec` (its commitment signed by [`sign_commitment`]) and writes what a
/// verifier needs beside the targets: `record.json` and `inspectors.public.json` in `out`.
pub fn seal_and_write(rec: DrawRecord, i: &Inputs, out: &Path) -> Result<SealedRecord, String> {
    let mut sealed = SealedRecord::new(rec).map_err(|e| e.to_string())?;
    sealed.sign(SIGNER, &SigningKey::from_bytes(&SIGNER_KEY));
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let write = |name: &str, bytes: serde_json::Result<Vec<u8>>| -> Result<(), String> {
        let bytes = bytes.map_err(|e| e.to_string())?;
        std::fs::write(out.join(name), bytes).map_err(|e| format!("{name}: {e}"))
    };
    write("record.json", serde_json::to_vec(&sealed))?;
    write("inspectors.public.json", serde_json::to_vec(&i.inspectors))?;
    Ok(sealed)
}
