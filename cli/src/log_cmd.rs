//! `shuangsuiji log verify LOG [--key VERIFIER_KEY] [--subject HASH]`: checks a stored
//! audit log (the rules are in `shuangsuiji::audit::LogFile::verify`).

use crate::util;
use clap::Subcommand;
use shuangsuiji::audit::LogFile;
use shuangsuiji::Digest32;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum LogCmd {
    /// Verify a stored audit log and its checkpoints.
    Verify {
        /// The log (JSON: origin, verifier_key, events, checkpoints).
        log: PathBuf,
        /// The verifier key to trust (default: the one in the file — a self-consistency
        /// check only; a real check uses the key the log operator published).
        #[arg(long)]
        key: Option<String>,
        /// Also prove that an event about this hash (e.g. a record hash) is included.
        #[arg(long)]
        subject: Vec<String>,
    },
}

pub fn run(c: LogCmd) -> Result<(), String> {
    let LogCmd::Verify { log, key, subject } = c;
    let f: LogFile = serde_json::from_slice(&util::read(&log)?)
        .map_err(|e| format!("{}: {e}", log.display()))?;
    let key = key.unwrap_or_else(|| f.verifier_key.clone());
    let subjects: Vec<Digest32> = subject
        .iter()
        .map(|s| {
            Digest32::from_hex(s).ok_or_else(|| format!("--subject {s:?} is not 64 hex digits"))
        })
        .collect::<Result<_, _>>()?;
    let s = f
        .verify(&key, &subjects)
        .map_err(|e| format!("未通过 NOT VERIFIED: {e}"))?;
    println!(
        "审计日志 Audit log {}: {} events, {} checkpoints — 通过 verified",
        f.origin, s.events, s.checkpoints
    );
    println!(
        "  算法套件 Suite: {}（{}）",
        s.suite,
        if s.suite.is_default() {
            "SHA-256 树、Ed25519 检查点 · SHA-256 tree, Ed25519 checkpoints"
        } else {
            "国密：SM3 树、SM2 检查点 · SM3 tree, SM2 checkpoints"
        }
    );
    if let Some((size, root)) = s.latest {
        println!("  最新检查点 Latest checkpoint: size {size}, root {root}");
    }
    for (subj, i) in &s.included {
        println!("  事件 Event #{i} about {subj} is included in the latest checkpoint");
    }
    Ok(())
}
