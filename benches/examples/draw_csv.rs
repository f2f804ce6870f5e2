//! One draw from CSV files, timed by phase: the Rust side of the Python-overhead
//! comparison (`benches/compare/draw_csv.py` does the same through the Python package).
//!
//!     cargo run --release -p shuangsuiji-benches --example draw_csv -- DIR
//!
//! DIR holds items.csv, targets.csv, inspectors.csv, inspector-salt.key, plan.json and
//! drand-quicknet.json (see benches/compare/scale_data.py). Offline-free: the demo's
//! commitment shape with drand round 123.

use shuangsuiji::*;
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), String> {
    let dir = std::env::args().nth(1).ok_or("usage: draw_csv DIR")?;
    let d = Path::new(&dir);
    let read = |f: &str| std::fs::read(d.join(f)).map_err(|e| format!("{f}: {e}"));
    let as_of = parse_date("2023-08-23").ok_or("date")?;
    let t = Instant::now();
    let targets = import::targets(&read("targets.csv")?, as_of).map_err(|e| e.to_string())?;
    let t_import = t.elapsed();
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
    let plan: DrawPlan = serde_json::from_slice(&read("plan.json")?).map_err(|e| e.to_string())?;
    let beacon: serde_json::Value =
        serde_json::from_slice(&read("drand-quicknet.json")?).map_err(|e| e.to_string())?;
    let round: BeaconRound =
        serde_json::from_value(beacon["rounds"][0].clone()).map_err(|e| e.to_string())?;
    let t = Instant::now();
    let secret = [7u8; 32];
    let c = Commitment {
        algorithm: ALGORITHM.into(),
        plan,
        roots: RegisterRoots {
            item_list: items.hash(),
            targets: targets.root(),
            inspectors: inspectors.root(),
        },
        participants: vec![Participant {
            id: "zazd".into(),
            role: "检查部门".into(),
            commitment: commit_secret("zazd", &secret),
        }],
        signers: vec![Signer {
            name: "负责人".into(),
            public_key: public_key_hex(&[9; 32]),
        }],
        beacon: BeaconChoice::Drand(DrandSpec::quicknet(123)),
        committed_at: 1_692_803_700,
        supersedes: None,
        log_checkpoint: None,
    };
    let signed = SignedCommitment::new(c).map_err(|e| e.to_string())?;
    let t_commit = t.elapsed();
    let t = Instant::now();
    let reveals = [Reveal {
        participant: "zazd".into(),
        secret: hex::encode(secret),
    }];
    let rec = draw(DrawInputs {
        commitment: &signed,
        item_list: &items,
        targets: &targets,
        inspectors: &inspectors,
        reveals: &reveals,
        beacon: Some(&round),
    })
    .map_err(|e| e.to_string())?;
    let t_draw = t.elapsed();
    println!(
        "{} targets: import {:.3} s, commit (roots) {:.3} s, draw {:.3} s; {} selected; record {}",
        targets.targets().len(),
        t_import.as_secs_f64(),
        t_commit.as_secs_f64(),
        t_draw.as_secs_f64(),
        rec.selected_ids().count(),
        rec.hash().map_err(|e| e.to_string())?
    );
    Ok(())
}
