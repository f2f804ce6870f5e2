//! `shuangsuiji`: the command line. It reads files and the clock, then hands values to the
//! pure core; every rule lives in the `shuangsuiji` crate.

mod calendar_cmd;
mod case_cmd;
mod demo;
mod demo_audit;
mod demo_publish;
mod demo_published;
mod http;
mod import_cmd;
mod keys_cmd;
mod log_cmd;
mod plan_cmd;
mod privacy_cmd;
mod privacy_draw;
mod progress;
mod publish_cmd;
mod results_cmd;
mod sample_cmd;
mod summary;
mod template_cmd;
mod util;
mod vectors;
mod verify_cmd;
mod witness_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "shuangsuiji",
    version,
    about = "双随机、一公开: verifiable inspection draws"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the whole job on the bundled sample data: commit, reveal, beacon, draw, sign, verify.
    Demo(demo::DemoArgs),
    /// 抽查任务 The case workflow: a department's draw, step by step (docs/case.md).
    #[command(subcommand)]
    Case(case_cmd::CaseCmd),
    /// 签字人密钥 A signer's key folder, made on the signer's own machine.
    #[command(subcommand)]
    Keys(keys_cmd::KeysCmd),
    /// 参与方 A participant's secret and key, and its reveal, on its own machine.
    #[command(subcommand)]
    Participant(keys_cmd::ParticipantCmd),
    /// 签署 Sign a commitment or record handed over, on one's own machine.
    Sign(keys_cmd::SignArgs),
    /// Validate a register or item list file (CSV/XLSX) and write it as JSON.
    Import(import_cmd::ImportArgs),
    /// 空白模板 A blank 一单两库 template (CSV, or XLSX with dropdowns) the importer reads.
    Template(template_cmd::TemplateArgs),
    /// 抽查计划 Fill a draw plan's annual task and earlier draws from the documents themselves.
    #[command(subcommand)]
    Plan(plan_cmd::PlanCmd),
    /// Verify a sealed draw record against the public register views.
    Verify(verify_cmd::VerifyArgs),
    /// 检查结果 The results sheet of a draw, and its import checked against the record.
    #[command(subcommand)]
    Results(results_cmd::ResultsCmd),
    /// Publish inspection results as a signed public notice (一公开).
    Publish(publish_cmd::PublishArgs),
    /// Public notices.
    #[command(subcommand)]
    Notice(publish_cmd::NoticeCmd),
    /// Report results overdue or due soon for publication.
    Deadline(publish_cmd::DeadlineArgs),
    /// 放假安排 The holiday notices deadlines are counted with.
    #[command(subcommand)]
    Calendar(calendar_cmd::CalendarCmd),
    /// Select the k lowest tickets from a plain id list (the selection primitive).
    Sample(sample_cmd::SampleArgs),
    /// The audit log (全过程留痕).
    #[command(subcommand)]
    Log(log_cmd::LogCmd),
    /// 类别保密 draw/v3: risk level and credit class sealed out of the published files
    /// (docs/spec/privacy.md).
    #[command(subcommand)]
    Privacy(privacy_cmd::PrivacyCmd),
    /// 见证人 The witness role: cosign checkpoints that extend the last one, never a fork.
    #[command(subcommand)]
    Witness(witness_cmd::WitnessCmd),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r = match cli.cmd {
        Cmd::Demo(a) => demo::run(a),
        Cmd::Case(c) => case_cmd::run(c),
        Cmd::Keys(c) => keys_cmd::run_keys(c),
        Cmd::Participant(c) => keys_cmd::run_participant(c),
        Cmd::Sign(a) => keys_cmd::run_sign(a),
        Cmd::Import(a) => import_cmd::run(a),
        Cmd::Template(a) => template_cmd::run(a),
        Cmd::Plan(c) => plan_cmd::run(c),
        Cmd::Verify(a) => verify_cmd::run(a),
        Cmd::Results(c) => results_cmd::run(c),
        Cmd::Publish(a) => publish_cmd::run_publish(a),
        Cmd::Notice(c) => publish_cmd::run_notice(c),
        Cmd::Deadline(a) => publish_cmd::run_deadline(a),
        Cmd::Calendar(c) => calendar_cmd::run(c),
        Cmd::Log(c) => log_cmd::run(c),
        Cmd::Sample(a) => sample_cmd::run(a),
        Cmd::Witness(c) => witness_cmd::run(c),
        Cmd::Privacy(c) => privacy_cmd::run(c),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
