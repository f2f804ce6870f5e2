//! A draw over a target register streamed from a sorted CSV file (O(selection) memory):
//!
//!     cargo run --release -p shuangsuiji-benches --example draw_stream -- TARGETS.csv DATA_DIR [OUT_DIR]
//!
//! DATA_DIR supplies items.csv, inspectors.csv, inspector-salt.key, plan.json and
//! drand-quicknet.json (e.g. target/bench-data/scaled-1000000). Peak memory: run it
//! under `/usr/bin/time -v`. With OUT_DIR, the commitment and the record are signed (a
//! fixed example key) and OUT_DIR gets record.json and inspectors.public.json: what a
//! verifier needs beside TARGETS.csv (bindings-wasm/scripts/bench-page-stream.mjs), then a
//! native streamed verification of them is timed too.

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
    let (mut signed, reveals) = common::commitment(&inputs, tree.root())?;
    common::sign_commitment(&mut signed);
    let t = Instant::now();
    let rec = draw(DrawInputs {
        commitment: &signed,
        item_list: &inputs.items,
        targets: &source,
        inspectors: &inputs.inspectors,
        reveals: &reveals,
        beacon: Some(&inputs.round),
        published: &[],
    })
    .map_err(|e| e.to_string())?;
    println!(
        "{n} targets streamed: root pass {:.2} s, draw (2 passes + matching) {:.2} s; {} selected; record {}",
        t_root.as_secs_f64(),
        t.elapsed().as_secs_f64(),
        rec.selected_ids().count(),
        rec.hash().map_err(|e| e.to_string())?
    );
    if let Some(out) = args.next() {
        let sealed = common::seal_and_write(rec, &inputs, Path::new(&out))?;
        let t = Instant::now();
        let v = verify(&sealed, &source, &inputs.inspectors).map_err(|e| e.to_string())?;
        println!(
            "native streamed verification: {:.2} s ({} selected); wrote {}",
            t.elapsed().as_secs_f64(),
            v.selected,
            Path::new(&out).display()
        );
    }
    Ok(())
}
