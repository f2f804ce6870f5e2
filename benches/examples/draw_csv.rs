//! One draw from CSV files, timed by phase: the Rust side of the Python-overhead
//! comparison (`benches/compare/draw_csv.py` does the same through the Python package).
//!
//!     cargo run --release -p shuangsuiji-benches --example draw_csv -- DIR [OUT_DIR]
//!
//! DIR holds items.csv, targets.csv, inspectors.csv, inspector-salt.key, plan.json and
//! drand-quicknet.json (see benches/compare/scale_data.py). With OUT_DIR, the draw is signed
//! (an example key) and OUT_DIR gets record.json and inspectors.public.json.

mod common;

use shuangsuiji::{draw::*, registers::fields::*, *};
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), String> {
    let dir = std::env::args().nth(1).ok_or("usage: draw_csv DIR")?;
    let d = Path::new(&dir);
    let as_of = parse_date("2023-08-23").ok_or("date")?;
    let t = Instant::now();
    let targets = import::targets(
        &std::fs::read(d.join("targets.csv")).map_err(|e| e.to_string())?,
        as_of,
    )
    .map_err(|e| e.to_string())?;
    let t_import = t.elapsed();
    let inputs = common::inputs(d, as_of)?;
    let t = Instant::now();
    // With OUT_DIR the commitment is signed (another record than the unsigned default, whose
    // hash the docs quote) and the sealed record is written for verifiers (the WASM row of
    // benches/compare/end_to_end.py).
    let out = std::env::args().nth(2);
    let (mut signed, reveals) = common::commitment(&inputs, targets.root())?;
    if out.is_some() {
        common::sign_commitment(&mut signed);
    }
    let t_commit = t.elapsed();
    let t = Instant::now();
    let rec = draw(DrawInputs {
        commitment: &signed,
        item_list: &inputs.items,
        targets: &targets,
        inspectors: &inputs.inspectors,
        reveals: &reveals,
        beacon: Some(&inputs.round),
        published: &[],
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
    if let Some(out) = out {
        common::seal_and_write(rec, &inputs, Path::new(&out))?;
    }
    Ok(())
}
