//! Verifies the bundled sample draw as a member of the public would: the sealed record
//! from `tests/vectors/`, the public register views built from `examples/data/`, and
//! `verify`, which re-runs the whole draw. Run from the repository root:
//!
//! ```sh
//! cargo run -p shuangsuiji --example verify_sample
//! ```
use shuangsuiji::registers::fields::parse_date;
use shuangsuiji::{import, verify, Explain, SealedRecord};
use std::error::Error;

fn json(path: &str) -> Result<serde_json::Value, Box<dyn Error>> {
    Ok(serde_json::from_slice(&std::fs::read(path)?)?)
}

fn main() -> Result<(), Box<dyn Error>> {
    // The sealed record: the vector's canonical record, its hash and its signatures.
    let sample = json("tests/vectors/draw-sample.json")?;
    let sealed: SealedRecord = serde_json::from_value(serde_json::json!({
        "record": json("tests/vectors/draw-sample.record.json")?,
        "hash": sample.pointer("/expected/record_hash"),
        "signatures": sample.pointer("/expected/record_signatures"),
    }))?;
    // The public views: the target register as published, the inspector register's view.
    let registers = json("tests/vectors/registers.json")?;
    let text = |k: &str| {
        registers
            .pointer(&format!("/inputs/{k}"))
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let as_of = parse_date(&text("as_of")).ok_or("registers.json: bad as_of")?;
    let targets = import::targets(&std::fs::read(text("targets"))?, as_of)?;
    let mut key = [0u8; 32];
    hex::decode_to_slice(text("personal_salt_key"), &mut key)?;
    let inspectors = import::inspectors(&std::fs::read(text("inspectors"))?, as_of)?;

    match verify(&sealed, &targets, &inspectors.public_view(&key)) {
        Ok(v) => {
            println!("通过 Verified: record {}", v.record_hash);
            println!("选中对象 selected targets: {}", v.selected);
            println!("种子 seed: {}", v.seed);
            Ok(())
        }
        Err(e) => {
            eprintln!(
                "未通过 NOT VERIFIED ({}): {}",
                e.kind(),
                e.message_bilingual()
            );
            std::process::exit(1);
        }
    }
}
