//! `shuangsuiji verify RECORD --targets T --inspectors I`: exit 0 only when everything
//! verifies.

use crate::util;
use clap::Args;
use shuangsuiji::{verify, PublicInspectorRegister, SealedRecord, TargetRegister};
use std::path::PathBuf;

#[derive(Args)]
pub struct VerifyArgs {
    /// The sealed record (JSON).
    record: PathBuf,
    /// Public target register (JSON, as written by `demo` or `import targets --out`).
    #[arg(long)]
    targets: PathBuf,
    /// Public view of the inspector register (JSON).
    #[arg(long)]
    inspectors: PathBuf,
}

fn load<T: serde::de::DeserializeOwned>(p: &std::path::Path) -> Result<T, String> {
    serde_json::from_slice(&util::read(p)?).map_err(|e| format!("{}: {e}", p.display()))
}

pub fn run(a: VerifyArgs) -> Result<(), String> {
    let sealed: SealedRecord = load(&a.record)?;
    let targets: TargetRegister = load(&a.targets)?;
    let inspectors: PublicInspectorRegister = load(&a.inspectors)?;
    let v =
        verify(&sealed, &targets, &inspectors).map_err(|e| format!("未通过 NOT VERIFIED: {e}"))?;
    crate::summary::print(&sealed, &v);
    Ok(())
}
