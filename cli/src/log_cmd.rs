//! `shuangsuiji log verify LOG --key VERIFIER_KEY`: checks a stored audit log — every
//! checkpoint's signature, that its root is the root of that many logged events, and that
//! each checkpoint extends the one before.

use crate::util;
use clap::Subcommand;
use serde::{Deserialize, Serialize};
use shuangsuiji::audit::{AuditLog, Event, SignedCheckpoint};
use std::path::PathBuf;

/// A stored log: the events in order and the checkpoints signed over them.
#[derive(Serialize, Deserialize)]
pub struct LogFile {
    /// The log's origin line.
    pub origin: String,
    /// The verifier key of the log's signer (`<name>+<hash>+<key>`).
    pub verifier_key: String,
    /// Every event, in order.
    pub events: Vec<Event>,
    /// Signed checkpoints (C2SP note text), oldest first.
    pub checkpoints: Vec<String>,
}

#[derive(Subcommand)]
pub enum LogCmd {
    /// Verify a stored audit log and its checkpoints.
    Verify {
        /// The log (JSON: origin, verifier_key, events, checkpoints).
        log: PathBuf,
        /// The verifier key to trust (default: the one in the file — only for a quick look;
        /// a real check uses the key the log operator published).
        #[arg(long)]
        key: Option<String>,
    },
}

pub fn run(c: LogCmd) -> Result<(), String> {
    let LogCmd::Verify { log, key } = c;
    let f: LogFile = serde_json::from_slice(&util::read(&log)?)
        .map_err(|e| format!("{}: {e}", log.display()))?;
    let key = key.unwrap_or_else(|| f.verifier_key.clone());
    let tree = AuditLog::from_events(&f.events);
    let mut prev: Option<SignedCheckpoint> = None;
    for (n, text) in f.checkpoints.iter().enumerate() {
        let cp = SignedCheckpoint::verify(text, &key)
            .map_err(|e| format!("未通过 NOT VERIFIED: checkpoint {n}: {e}"))?;
        let c = &cp.checkpoint;
        if c.origin != f.origin {
            return Err(format!(
                "未通过 NOT VERIFIED: checkpoint {n} is for origin {:?}, the log is {:?}",
                c.origin, f.origin
            ));
        }
        let root = tree.root_at(c.size).ok_or_else(|| {
            format!(
                "未通过 NOT VERIFIED: checkpoint {n} covers {} events, the log holds {}",
                c.size,
                tree.size()
            )
        })?;
        if root != c.root {
            return Err(format!("未通过 NOT VERIFIED: checkpoint {n} (size {}) signs root {}, the logged events give {root}", c.size, c.root));
        }
        if let Some(p) = &prev {
            let proof = tree
                .consistency_proof(p.checkpoint.size, c.size)
                .ok_or("sizes out of order")?;
            p.check_extended_by(&cp, &proof)
                .map_err(|e| format!("未通过 NOT VERIFIED: checkpoint {n}: {e}"))?;
        }
        prev = Some(cp);
    }
    println!(
        "审计日志 Audit log {}: {} events, {} checkpoints — 通过 verified",
        f.origin,
        f.events.len(),
        f.checkpoints.len()
    );
    if let Some(p) = prev {
        println!(
            "  最新检查点 Latest checkpoint: size {}, root {}",
            p.checkpoint.size, p.checkpoint.root
        );
    }
    Ok(())
}
