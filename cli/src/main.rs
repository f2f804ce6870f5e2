//! `shuangsuiji`: the command line. It reads files and the clock, then hands values to the
//! pure core; every rule lives in the `shuangsuiji` crate.

mod import_cmd;
mod util;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "shuangsuiji", version, about = "双随机、一公开: verifiable inspection draws")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Validate a register or item list file (CSV/XLSX) and write it as JSON.
    Import(import_cmd::ImportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r = match cli.cmd {
        Cmd::Import(a) => import_cmd::run(a),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
