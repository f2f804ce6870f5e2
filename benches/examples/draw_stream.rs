//! A draw over a target register streamed from a sorted CSV file (O(selection) memory):
//!
//!     cargo run --release -p shuangsuiji-benches --example draw_stream -- TARGETS.csv DATA_DIR
//!
//! DATA_DIR supplies items.csv, inspectors.csv, inspector-salt.key, plan.json and
//! drand-quicknet.json (e.g. target/bench-data/scaled-1000000). Peak memory: run it
//! under `/usr/bin/time -v`.

use shuangsuiji::import::TargetCsvFile;
use shuangsuiji::*;
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let targets_path = args
        .next()
        .ok_or("usage: draw_stream TARGETS.csv DATA_DIR")?;
    let dir = args
        .next()
        .ok_or("usage: draw_stream TARGETS.csv DATA_DIR")?;
    let d = Path::new(&dir);
    let read = |f: &str| std::fs::read(d.join(f)).map_err(|e| format!("{f}: {e}"));
    let as_of = parse_date("2023-08-23").ok_or("date")?;
    let source = TargetCsvFile::new(&targets_path, as_of);
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
    // The root is what a commitment pins: one streaming pass.
    let t = Instant::now();
    let mut tree = MerkleTree::new();
    let mut n = 0u64;
    source
        .scan(&mut |t| {
            tree.push_leaf(&t.leaf_bytes());
            n += 1;
            Ok(())
        })
        .map_err(|e| e.to_string())?;
    let t_root = t.elapsed();
    let secret = [7u8; 32];
    let c = Commitment {
        algorithm: ALGORITHM.into(),
        plan,
        roots: RegisterRoots {
            item_list: items.hash(),
            targets: tree.root(),
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
    let t = Instant::now();
    let reveals = [Reveal {
        participant: "zazd".into(),
        secret: hex::encode(secret),
    }];
    let rec = draw(DrawInputs {
        commitment: &signed,
        item_list: &items,
        targets: &source,
        inspectors: &inspectors,
        reveals: &reveals,
        beacon: Some(&round),
    })
    .map_err(|e| e.to_string())?;
    println!(
        "{n} targets streamed: root pass {:.2} s, draw (2 passes + matching) {:.2} s; {} selected; record {}",
        t_root.as_secs_f64(),
        t.elapsed().as_secs_f64(),
        rec.selected_ids().count(),
        rec.hash().map_err(|e| e.to_string())?
    );
    Ok(())
}
