//! `shuangsuiji sample IDS --seed HEX --take K`: the selection primitive on a plain id
//! list (one id per line), streamed from the file in O(k) memory. Used by the benchmark
//! comparison with consistent-sampler; a real draw goes through `demo`'s full protocol.

use clap::Args;
use shuangsuiji::{sample_lines, Digest32};
use std::io::{BufRead, BufReader};
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
    let mut err = None;
    // Lines are read lazily; an id is kept only while it is among the k lowest. A line that
    // cannot be read (not UTF-8, an I/O error) stops the sample, and the message names it.
    let lines = BufReader::with_capacity(1 << 20, f)
        .lines()
        .enumerate()
        .map_while(|(i, l)| l.map_err(|e| err = Some((i + 1, e.to_string()))).ok());
    let picked = sample_lines(&seed, lines, a.take);
    if let Some((line, e)) = err {
        return Err(format!("reading {}, line {line}: {e}", a.ids.display()));
    }
    let picked = picked.map_err(|e| format!("{}: {e}", a.ids.display()))?;
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
