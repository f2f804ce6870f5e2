//! `shuangsuiji sample IDS --seed HEX --take K`: the selection primitive on a plain id
//! list (one id per line), streamed from the file in O(k) memory. Used by the benchmark
//! comparison with consistent-sampler; a real draw goes through `demo`'s full protocol.

use clap::Args;
use shuangsuiji::{draw::sample_reader, Digest32};
use std::io::BufReader;
use std::path::PathBuf;

#[derive(Args)]
pub struct SampleArgs {
    /// File of ids, one per line.
    ids: PathBuf,
    /// The sub-seed (64 hex digits) the tickets are computed under.
    #[arg(long)]
    seed: String,
    /// How many to take.
    #[arg(long)]
    take: usize,
    /// Print tickets too.
    #[arg(long)]
    tickets: bool,
}

pub fn run(a: SampleArgs) -> Result<(), String> {
    let seed = Digest32::from_hex(&a.seed).ok_or("--seed must be 64 hex digits")?;
    let f =
        std::fs::File::open(&a.ids).map_err(|e| format!("cannot read {}: {e}", a.ids.display()))?;
    // Lines are read lazily; an id is kept only while it is among the k lowest.
    let picked = sample_reader(&seed, BufReader::with_capacity(1 << 20, f), a.take)
        .map_err(|e| format!("{}: {e}", a.ids.display()))?;
    let lines: Vec<String> = picked
        .into_iter()
        .map(|t| {
            if a.tickets {
                format!("{} {}", t.target, t.ticket)
            } else {
                t.target
            }
        })
        .collect();
    println!("{}", lines.join("\n"));
    Ok(())
}
