//! A draw over a target register streamed from a sorted CSV file (O(selection) memory):
//!
//!     cargo run --release -p shuangsuiji-benches --example draw_stream -- TARGETS.csv DATA_DIR
//!
//! DATA_DIR supplies items.csv, inspectors.csv, inspector-salt.key, plan.json and
//! drand-quicknet.json (e.g. target/bench-data/scaled-1000000). Peak memory: run it
//! under `/usr/bin/time -v`.

mod common;

use shuangsuiji::import::TargetCsvFile;
use shuangsuiji::{draw::*, encoding::*, registers::fields::*};
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
    let as_of = parse_date("2023-08-23").ok_or("date")?;
    let source = TargetCsvFile::new(&targets_path, as_of);
    let inputs = common::inputs(Path::new(&dir), as_of)?;
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
    let (signed, reveals) = common::commitment(&inputs, tree.root())?;
    let t = Instant::now();
    let rec = draw(DrawInputs {
        commitment: &signed,
        item_list: &inputs.items,
        targets: &source,
        inspectors: &inputs.inspectors,
        reveals: &reveals,
        beacon: Some(&inputs.round),
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
