//! `shuangsuiji plan task|prior`: fill a draw plan's references from the documents
//! themselves, so a clerk never types a task or a list of earlier targets by hand (issue
//! 18). Both check what they copy: the annual plan's signatures and tasks, the earlier
//! records' seals.

use crate::util;
use clap::{Args, Subcommand};
use shuangsuiji::draw::{check_prior_draws, AnnualPlan, DrawPlan, PriorDraw, SignedAnnualPlan};
use shuangsuiji::{import, SealedRecord};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum PlanCmd {
    /// 核对计划 Check a plan against the item list and both registers, with a rehearsal
    /// draw, as `case new` does, without making a case: every problem at once.
    Check(CheckArgs),
    /// 年度任务 Name the plan's annual-plan task (年度抽查计划), copied from the signed annual plan.
    Task(TaskArgs),
    /// 此前抽取 Account for earlier draws (any department) from their sealed records.
    Prior(PriorArgs),
    /// 签署年度计划 Sign the annual plan as one of its signatories (each on their own machine).
    AnnualSign(AnnualSignArgs),
}

#[derive(Args)]
pub struct AnnualSignArgs {
    /// 年度抽查计划 The annual plan (JSON), unsigned or with others' signatures.
    #[arg(long)]
    annual_plan: PathBuf,
    /// 签署人 The signatory's name as the annual plan lists it.
    #[arg(long)]
    signer: String,
    /// 私钥文件 The signatory's key: Ed25519 (64 hex digits), or for an annual plan under
    /// sm2-sm3 an SM2 key as PKCS#8 PEM (key.pem from `keys new --suite sm2-sm3`).
    #[arg(long)]
    key: PathBuf,
    /// 输出 The signed annual plan (JSON); may be the input.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Args)]
pub struct TaskArgs {
    /// 抽查计划 The draw plan (JSON).
    #[arg(long)]
    plan: PathBuf,
    /// 已签署的年度抽查计划 The signed annual plan (JSON).
    #[arg(long)]
    annual_plan: PathBuf,
    /// 任务编号 The task id.
    #[arg(long)]
    task: String,
    /// 抽查事项清单 The item list (CSV/XLSX) the annual plan refers to.
    #[arg(long)]
    items: PathBuf,
    /// 清单版本 The item list's version, as the annual plan names it.
    #[arg(long)]
    list_version: String,
    /// 输出 Output plan (JSON); may be the input plan.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Args)]
pub struct PriorArgs {
    /// 抽查计划 The draw plan (JSON).
    #[arg(long)]
    plan: PathBuf,
    /// 此前的抽取记录 An earlier sealed record (repeat for each).
    #[arg(long = "record", required = true)]
    records: Vec<PathBuf>,
    /// 间隔天数 Leave out targets an earlier draw selected within this many days.
    #[arg(long)]
    within_days: u32,
    /// 输出 Output plan (JSON); may be the input plan.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(c: PlanCmd) -> Result<(), String> {
    match c {
        PlanCmd::Check(a) => check(a),
        PlanCmd::Task(a) => task(a),
        PlanCmd::Prior(a) => prior(a),
        PlanCmd::AnnualSign(a) => annual_sign(a),
    }
}

fn annual_sign(a: AnnualSignArgs) -> Result<(), String> {
    let bytes = util::read(&a.annual_plan)?;
    let mut signed = match serde_json::from_slice::<SignedAnnualPlan>(&bytes) {
        Ok(s) => s,
        Err(_) => {
            let plan: AnnualPlan = util::load_json(&a.annual_plan)?;
            SignedAnnualPlan::new(plan).map_err(|e| e.to_string())?
        }
    };
    if signed.plan.hash().map_err(|e| e.to_string())? != signed.hash {
        return Err(
            "年度抽查计划的哈希与内容不符 the annual plan's hash does not match its content".into(),
        );
    }
    // The key of the annual plan's suite: an Ed25519 seed (64 hex digits), or an SM2 key
    // as PKCS#8 PEM (`keys new --suite sm2-sm3` writes key.pem). Each form only for its
    // suite, so no key is read as the other algorithm's.
    let key = match signed.plan.suite {
        shuangsuiji::Suite::Ed25519Sha256 => shuangsuiji::SecretKey::Ed25519(
            shuangsuiji::SigningKey::from_bytes(&util::read_key(&a.key)?),
        ),
        shuangsuiji::Suite::Sm2Sm3 => {
            let pem = String::from_utf8(util::read(&a.key)?).unwrap_or_default();
            shuangsuiji::encoding::sm::Sm2SecretKey::from_pkcs8_pem(&pem)
                .map(shuangsuiji::SecretKey::Sm2)
                .map_err(|e| {
                    format!(
                        "{}: 不是 SM2 私钥（PKCS#8 PEM，如 keys new --suite sm2-sm3 生成的 key.pem）· not an SM2 private key (PKCS#8 PEM, e.g. key.pem from keys new --suite sm2-sm3): {e}",
                        a.key.display()
                    )
                })?
        }
    };
    let listed = signed
        .plan
        .signatories
        .iter()
        .find(|s| s.name == a.signer)
        .ok_or_else(|| {
            format!(
                "{} 不是年度抽查计划的签署人 is not a signatory of the annual plan",
                a.signer
            )
        })?;
    if let Some(id) = &listed.distid {
        return Err(format!(
            "年度抽查计划为 {} 列出 SM2 标识 {id:?}，本工具以默认标识签名，未签署 · the annual plan lists identifier {id:?} for {}; this tool signs under the default identifier; not signed",
            a.signer, a.signer
        ));
    }
    if listed.public_key != shuangsuiji::SuiteSigner::public_key_hex(&key) {
        return Err(format!(
            "私钥与年度抽查计划所列 {} 的公钥不符 the key is not the one the annual plan lists for {}",
            a.signer, a.signer
        ));
    }
    signed.signatures.retain(|s| s.signer != a.signer);
    signed.sign(&a.signer, &key);
    println!(
        "已签署 Signed: 年度抽查计划 {}（{} 个任务 tasks），hash {}",
        signed.plan.id,
        signed.plan.tasks.len(),
        signed.hash
    );
    util::write_atomic(&a.out, &util::to_json(&signed)?)
}

fn problems(what: &str, p: &[String]) -> String {
    format!("{what}:\n  {}", p.join("\n  "))
}

fn task(a: TaskArgs) -> Result<(), String> {
    let mut plan: DrawPlan = util::load_json(&a.plan)?;
    let annual: SignedAnnualPlan = util::load_json(&a.annual_plan)?;
    let items = import::items(&util::read(&a.items)?, &a.list_version)
        .map_err(|e| format!("抽查事项清单无法读取 item list cannot be read: {e}"))?;
    annual.check(&items).map_err(|e| {
        problems(
            "年度抽查计划未通过核对 the annual plan does not hold",
            &e.problems,
        )
    })?;
    let r = annual
        .task_ref(&a.task)
        .map_err(|e| problems("任务不存在 no such task", &e.problems))?;
    if let Some(t) = r.task() {
        println!(
            "任务 Task {}「{}」{} – {}，发起部门 {}",
            t.id, t.title, t.from, t.to, t.initiator
        );
    }
    plan.annual_task = Some(r);
    util::write_atomic(&a.out, &util::to_json(&plan)?)
}

fn prior(a: PriorArgs) -> Result<(), String> {
    let mut plan: DrawPlan = util::load_json(&a.plan)?;
    let records: Vec<SealedRecord> = a
        .records
        .iter()
        .map(|p| util::load_json(p))
        .collect::<Result<_, _>>()?;
    let mut copies = Vec::new();
    for (r, path) in records.iter().zip(&a.records) {
        let c = PriorDraw::of_record(&r.record).map_err(|e| format!("{}: {e}", path.display()))?;
        println!(
            "此前抽取 Earlier draw {}（{}，{}）：{} 户 targets",
            c.plan,
            c.departments.join("、"),
            c.inspection_date,
            c.targets.len()
        );
        copies.push(c);
    }
    plan.exclusions.prior_draws = copies;
    plan.exclusions.drawn_within_days = Some(a.within_days);
    // The seals are checked as the verifier will check them.
    check_prior_draws(&plan, &records).map_err(|e| {
        problems(
            "此前抽取记录未通过核对 an earlier record does not hold",
            &e.problems,
        )
    })?;
    util::write_atomic(&a.out, &util::to_json(&plan)?)
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// 抽查计划 The plan (JSON).
    plan: PathBuf,
    /// 抽查事项清单 (CSV/XLSX).
    #[arg(long)]
    items: PathBuf,
    /// Version label of the item list.
    #[arg(long, default_value = "1")]
    list_version: String,
    /// 检查对象名录库 (CSV/XLSX).
    #[arg(long)]
    targets: PathBuf,
    /// 执法检查人员名录库 (CSV/XLSX).
    #[arg(long)]
    inspectors: PathBuf,
    /// 名录库日期 Register date (YYYY-MM-DD); default: today in China.
    #[arg(long)]
    as_of: Option<String>,
    /// 抽取算法 The draw the case will run: v3 (default, as `case new`) or v2.
    #[arg(long, value_enum, default_value = "v3")]
    draw: crate::demo::DrawVersion,
}

fn check(a: CheckArgs) -> Result<(), String> {
    let as_of = util::date_or_today("--as-of", a.as_of.as_deref())?;
    let made = shuangsuiji_case::steps::new::check_inputs(
        &util::read(&a.items)?,
        &a.list_version,
        &util::read(&a.targets)?,
        &util::read(&a.inspectors)?,
        &util::read(&a.plan)?,
        as_of,
        util::unix_now()?,
        a.draw == crate::demo::DrawVersion::V3,
    )
    .map_err(|e| format!("拒绝 REFUSED [{}]: {e}", e.kind()))?;
    for n in &made.notes {
        eprintln!("注意 note: {n}");
    }
    let (i, t, s) = made.counts;
    println!(
        "计划 {} 可以执行 · the plan can run: 事项 {i} items，检查对象 {t} targets，执法检查人员 {s} inspectors；试抽通过 a rehearsal draw ran",
        made.plan_id
    );
    Ok(())
}
