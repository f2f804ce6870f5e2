//! `shuangsuiji case …`: the case workflow (抽查任务, docs/case.md). Each command is one
//! step of `shuangsuiji_case`; this module only reads arguments and the clock and prints.

use crate::util;
use clap::{Args, Subcommand};
use shuangsuiji::draw::{Participant, Reveal};
use shuangsuiji::trust::{Level, TrustFile};
use shuangsuiji::SecretKey;
use shuangsuiji_case::casefile::Chain;
use shuangsuiji_case::keys::{SignatureFile, SignerPublic};
use shuangsuiji_case::steps::{commit, new, seal, witness};
use shuangsuiji_case::{layout, status, CaseError, Store};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum CaseCmd {
    /// 新建抽查任务 Make a case from the item list, the registers and the plan (every
    /// problem reported at once; nothing written on error).
    New(Box<NewArgs>),
    /// 登记参与方 File a participant's participant.json (before the commitment).
    Participant { case: PathBuf, file: PathBuf },
    /// 登记签字人 File a signer's public.json (before the commitment).
    Signer { case: PathBuf, file: PathBuf },
    /// 生成抽取承诺 Build the commitment; its beacon round is the first after now + margin.
    Commit {
        case: PathBuf,
        /// 指定轮次 A later round than the earliest allowed.
        #[arg(long)]
        round: Option<u64>,
        /// 无互联网时：以公开开奖号码为信标 Without internet: name future public draws
        /// (a lottery issue) instead of a drand round — a JSON file `{"draws": [{"source",
        /// "issue", "announced_in", "draws_at", "groups": [{"name", "count", "min", "max",
        /// "order": "ascending"|"as_drawn"}]}]}` (docs/spec/draw-v2.md §9).
        #[arg(long, conflicts_with = "round")]
        published: Option<PathBuf>,
        /// 现场揭示仪式 A live ceremony: no public beacon, the participants (at least two
        /// distinct roles) reveal in the commitment's order, each logged before the next;
        /// the last to reveal could see the outcome first (docs/spec/draw-v2.md §16).
        #[arg(long, conflicts_with_all = ["round", "published"])]
        ceremony: bool,
        #[command(flatten)]
        key: LogKey,
    },
    /// 重新抽取 Set the current commitment aside (its files kept in superseded/) so that a new
    /// one supersedes it; logged with the reason.
    Redraw {
        case: PathBuf,
        /// 理由 register_error | plan_error | participant_unavailable | beacon_unavailable | ordered
        #[arg(long)]
        reason: String,
        /// 说明 An explanation for people.
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        key: LogKey,
    },
    /// 收回签名 File a signature made with `sign` on a signer's or participant's machine.
    Signature {
        case: PathBuf,
        file: PathBuf,
        #[command(flatten)]
        key: LogKey,
    },
    /// 收回揭示 File a participant's reveal (after every signature on the commitment).
    Reveal {
        case: PathBuf,
        file: PathBuf,
        #[command(flatten)]
        key: LogKey,
    },
    /// 请见证人联署 Sign a checkpoint of the log for the witnesses to cosign.
    WitnessRequest {
        case: PathBuf,
        #[command(flatten)]
        key: LogKey,
    },
    /// 收回联署 File a witness's cosignature line (the output of `witness cosign`).
    Cosignature { case: PathBuf, file: PathBuf },
    /// 载入信标 Load the beacon round the commitment names, from a file or a drand relay.
    Beacon {
        case: PathBuf,
        /// drand's JSON for the round (as /{chain}/public/{round} serves it).
        #[arg(long, conflicts_with = "url")]
        file: Option<PathBuf>,
        /// A drand HTTP relay (e.g. http://relay.example:8080): fetches
        /// {url}/{chain hash}/public/{round}.
        #[arg(long)]
        url: Option<String>,
    },
    /// 录入开奖号码 Published-numbers mode: enter the announced numbers once the public
    /// draws are held.
    Numbers {
        case: PathBuf,
        /// 号码 For one named draw: groups separated by `;`, numbers by `,` or spaces, as
        /// announced (e.g. "3,7,12,19,25,31;9": 红球, then 蓝球). An ascending group may be
        /// typed in any order; it is sorted.
        #[arg(long, conflicts_with = "file")]
        numbers: Option<String>,
        /// A JSON file `[{"source", "issue", "numbers": [[…], …]}, …]`, one per named draw.
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// 抽取 Run the draw and keep the record for the signers.
    Draw {
        case: PathBuf,
        #[command(flatten)]
        key: LogKey,
    },
    /// 信任文件草稿 Draft a trust file from the case's keys (a verifier must get its own).
    Trust {
        case: PathBuf,
        /// Whose anchors these are, for people.
        #[arg(long)]
        name: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// 核验 The verdict on the case's record under a trust file.
    Verify {
        case: PathBuf,
        #[arg(long)]
        trust: Option<PathBuf>,
        /// 要求已锚定 Exit with status 3 unless anchored.
        #[arg(long)]
        require_anchored: bool,
    },
    /// 打印抽查记录 The printable 抽查记录 (A4 HTML, internal and public copies) with the
    /// verdict under a trust file, the record hash as text and QR code, and signature lines.
    Print {
        case: PathBuf,
        #[arg(long)]
        trust: Option<PathBuf>,
    },
    /// 派发与告知 Dispatch lists per inspecting unit (CSV and HTML) and a 检查告知书 per target.
    Dispatch { case: PathBuf },
    /// 进度 What is done, who acts next, and the deadlines.
    Status { case: PathBuf },
    /// 日志公钥 Print the audit log's verifier key (for the witness and for verifiers).
    LogKey { case: PathBuf },
}

/// The unit's audit-log key; default: the file `case new --log-key` named.
#[derive(Args)]
pub struct LogKey {
    /// 日志密钥 The audit log's key file (default: the one named at `case new`).
    #[arg(long = "log-key")]
    log_key: Option<PathBuf>,
}

#[derive(Args)]
pub struct NewArgs {
    /// 抽查任务目录 The new case directory (must not exist, or be empty).
    case: PathBuf,
    /// 抽查事项清单 (CSV/XLSX).
    #[arg(long)]
    items: PathBuf,
    /// Version label of the item list.
    #[arg(long, default_value = "1")]
    list_version: String,
    /// 检查对象名录库 (CSV/XLSX).
    #[arg(long)]
    targets: PathBuf,
    /// 执法检查人员名录库 with personal data (CSV/XLSX; kept in private/).
    #[arg(long)]
    inspectors: PathBuf,
    /// 抽查计划 (JSON).
    #[arg(long)]
    plan: PathBuf,
    /// 名录库日期 Register date (YYYY-MM-DD); default: today in China.
    #[arg(long)]
    as_of: Option<String>,
    /// The register keeper's salt key for the public inspector view (64 hex digits);
    /// default: a fresh one, kept in private/.
    #[arg(long)]
    salt_key: Option<PathBuf>,
    /// 抽查单位 The unit running the draw.
    #[arg(long)]
    unit: String,
    /// 日志来源 The audit log's origin line (e.g. gat.henan.gov.cn/shuangsuiji).
    #[arg(long)]
    origin: String,
    /// 日志密钥 The audit log's key file (make it with `keys new`): `key` (Ed25519) or
    /// `key.pem` (SM2: an SM3 log with SM2 checkpoints); its path is kept.
    #[arg(long = "log-key")]
    log_key: PathBuf,
    /// 信标链 drand chain parameters (JSON with chain_hash, public_key, genesis_time,
    /// period_seconds, or the `chain` member of such a file); default: drand quicknet.
    #[arg(long)]
    chain: Option<PathBuf>,
    /// 余量 Seconds between commitment and the earliest round it may name: time enough for
    /// every signer and participant to sign and reveal on their own machines (default 1 h).
    #[arg(long, default_value_t = 3600)]
    margin: i64,
    /// 见证人 A witness, as NAME=VERIFIER_KEY (repeat).
    #[arg(long = "witness")]
    witnesses: Vec<String>,
    /// 见证人法定数 How many witnesses must cosign (default: all).
    #[arg(long)]
    witness_quorum: Option<u32>,
    /// 算法套件：ed25519-sha256（默认）或 sm2-sm3（国密）；签字人和参与方的密钥须同属此套件
    /// Cryptographic suite: ed25519-sha256 (default) or sm2-sm3; signers' and participants'
    /// keys must be of it (`keys new --suite`, `participant new --suite`).
    #[arg(long, default_value = "ed25519-sha256")]
    suite: util::SuiteArg,
    /// 抽取算法：v3（默认；公开封存视图，风险等级、信用等级与回避关系不公开）或 v2
    /// Draw algorithm: v3 (default; the sealed view is published, classes and declared
    /// conflicts stay in private/: docs/spec/privacy.md §13) or v2 (the published register
    /// carries them).
    #[arg(long, value_enum, default_value = "v3")]
    draw: crate::demo::DrawVersion,
}

fn fail(e: CaseError) -> String {
    format!("拒绝 REFUSED [{}]: {e}", e.kind())
}

fn log_key(store: &Store, k: &LogKey) -> Result<SecretKey, String> {
    let path = match &k.log_key {
        Some(p) => p.clone(),
        None => {
            let case: shuangsuiji_case::casefile::CaseFile =
                store.read_json(layout::CASE).map_err(fail)?;
            PathBuf::from(case.log_key)
        }
    };
    shuangsuiji_case::keys::read_note_key(&path).map_err(fail)
}

fn open(case: &Path) -> Result<Store, String> {
    Store::open(case).map_err(fail)
}

/// "Now" for a step of this case: the rehearsal clock only for a rehearsal case, so a real
/// case's times can never be set by hand.
pub fn now_for(store: &Store) -> Result<i64, String> {
    commit::check_clock(store, std::env::var(util::NOW_VAR).is_ok()).map_err(fail)?;
    util::unix_now()
}

fn chain(path: Option<&Path>) -> Result<Chain, String> {
    let Some(p) = path else {
        return Ok(Chain::quicknet());
    };
    let v: serde_json::Value = util::load_json(p)?;
    let v = v.get("chain").cloned().unwrap_or(v);
    serde_json::from_value::<Chain>(v.clone())
        .or_else(|_| {
            // drand's /info form: `hash`, `public_key`, `genesis_time`, `period`.
            let g = |k: &str| v.get(k).cloned().unwrap_or_default();
            serde_json::from_value::<Chain>(serde_json::json!({
                "chain_hash": g("hash"), "public_key": g("public_key"),
                "genesis_time": g("genesis_time"), "period_seconds": g("period"),
            }))
        })
        .map_err(|e| {
            format!(
                "{}: 不是信标链参数 · not chain parameters: {e}",
                p.display()
            )
        })
}

fn new_case(a: NewArgs) -> Result<(), String> {
    let as_of = util::date_or_today("--as-of", a.as_of.as_deref())?;
    let witnesses = a
        .witnesses
        .iter()
        .map(|w| {
            w.split_once('=')
                .map(|(n, k)| (n.to_string(), k.to_string()))
                .ok_or_else(|| {
                    format!("--witness {w:?}: 应为 NAME=VERIFIER_KEY · expected NAME=VERIFIER_KEY")
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let quorum = a
        .witness_quorum
        .unwrap_or(u32::try_from(witnesses.len()).unwrap_or(u32::MAX));
    let salt = a.salt_key.as_deref().map(util::read_key).transpose()?;
    let log_key_path = std::fs::canonicalize(&a.log_key)
        .map_err(|e| format!("cannot read {}: {e}", a.log_key.display()))?;
    let log_key = shuangsuiji_case::keys::read_note_key(&log_key_path).map_err(fail)?;
    let (items, targets, inspectors, plan) = (
        util::read(&a.items)?,
        util::read(&a.targets)?,
        util::read(&a.inspectors)?,
        util::read(&a.plan)?,
    );
    let ext = if inspectors.starts_with(b"PK") {
        "xlsx"
    } else {
        "csv"
    };
    let now = util::unix_now()?;
    let made = new::create(
        &a.case,
        new::NewCase {
            items: &items,
            items_version: &a.list_version,
            targets: &targets,
            inspectors: &inspectors,
            inspectors_ext: ext,
            plan: &plan,
            as_of,
            salt,
            unit: &a.unit,
            origin: &a.origin,
            log_key_path: &log_key_path.to_string_lossy(),
            log_key,
            chain: chain(a.chain.as_deref())?,
            margin_seconds: a.margin,
            witnesses,
            witness_quorum: quorum,
            rehearsal: std::env::var(util::NOW_VAR).is_ok(),
            suite: a.suite.0,
            sealed: a.draw == crate::demo::DrawVersion::V3,
        },
        now,
    )
    .map_err(fail)?;
    for n in &made.notes {
        eprintln!("注意 note: {n}");
    }
    let (i, t, s) = made.counts;
    println!(
        "已建立抽查任务 Case made: {} — 计划 plan {}，事项 {i} items，检查对象 {t} targets，执法检查人员 {s} inspectors；计划已核对并试抽通过 · the plan is checked and a rehearsal draw ran",
        a.case.display(),
        made.plan_id
    );
    if a.draw == crate::demo::DrawVersion::V3 {
        println!(
            "draw/v3：公开 public/targets.sealed.json（不含风险等级、信用等级）与 public/inspectors.public.json（不含回避关系）；完整名录库、视图密钥与回避声明留在 private/（保管方与审计方）· published: the sealed view and the inspector view without conflicts; the full register, the view key and the declarations stay in private/ (keeper and auditor)"
        );
    }
    println!(
        "下一步 Next: 参与方 participant new / case participant，签字人 keys new / case signer"
    );
    Ok(())
}

fn print_status(store: &Store) -> Result<(), String> {
    let s = status::status(store, now_for(store)?).map_err(fail)?;
    println!(
        "抽查任务 Case {} — 计划 plan {}",
        store.root().display(),
        s.plan_id
    );
    for st in &s.steps {
        println!(
            "  [{}] {} — {}",
            if st.done { "✓" } else { " " },
            st.name,
            st.detail
        );
    }
    match &s.next {
        Some(n) => println!("下一步 Next: {n}"),
        None => println!("下一步 Next: 结果录入与公示 results and publication (results template / results import / publish)"),
    }
    for d in &s.deadlines {
        println!("时限 Deadline: {d}");
    }
    Ok(())
}

fn fetch_round(url: &str, store: &Store) -> Result<serde_json::Value, String> {
    let c: shuangsuiji::SignedCommitment = store.read_json(layout::COMMITMENT).map_err(fail)?;
    let shuangsuiji::draw::BeaconChoice::Drand(spec) = &c.commitment.beacon else {
        return Err("the commitment names no beacon".into());
    };
    let full = format!(
        "{}/{}/public/{}",
        url.trim_end_matches('/'),
        spec.chain_hash,
        spec.round
    );
    crate::http::get_json(&full)
}

pub fn run(c: CaseCmd) -> Result<(), String> {
    match c {
        CaseCmd::New(a) => new_case(*a)?,
        CaseCmd::Redraw {
            case,
            reason,
            note,
            key,
        } => {
            let s = open(&case)?;
            let k = log_key(&s, &key)?;
            let old = shuangsuiji_case::steps::redraw::redraw(
                &s,
                k,
                &reason,
                note.as_deref(),
                now_for(&s)?,
            )
            .map_err(fail)?;
            println!("已记录重新抽取 Re-draw logged: 承诺 {old} 及其文件移入 superseded/ · the commitment and its files moved to superseded/");
            println!("下一步 Next: 参与方重新登记（已揭示者须 participant new 新建目录），再 case commit · participants file again (a new folder if revealed), then `case commit`");
        }
        CaseCmd::Participant { case, file } => {
            let s = open(&case)?;
            let p: Participant = util::load_json(&file)?;
            commit::add_participant(&s, p.clone()).map_err(fail)?;
            println!("已登记参与方 Participant filed: {} ({})", p.id, p.role);
        }
        CaseCmd::Signer { case, file } => {
            let s = open(&case)?;
            let p: SignerPublic = util::load_json(&file)?;
            commit::add_signer(&s, p.clone()).map_err(fail)?;
            println!("已登记签字人 Signer filed: {} ({})", p.name, p.role);
        }
        CaseCmd::Commit {
            case,
            round,
            published,
            ceremony,
            key,
        } => {
            let s = open(&case)?;
            let k = log_key(&s, &key)?;
            let plan = match (published, ceremony) {
                (Some(p), _) => commit::BeaconPlan::Published(util::load_json(&p)?),
                (None, true) => commit::BeaconPlan::Ceremony,
                (None, false) => commit::BeaconPlan::Drand { round },
            };
            let numbers = matches!(plan, commit::BeaconPlan::Published(_));
            let done = commit::commit(&s, k, now_for(&s)?, plan).map_err(fail)?;
            println!("已生成抽取承诺 Commitment built: {}", done.hash);
            if ceremony {
                println!("信标：无（现场揭示仪式，参与方按顺序揭示）Beacon: none (a live ceremony: participants reveal in turn)");
                let c: shuangsuiji::SignedCommitment =
                    s.read_json(layout::COMMITMENT).map_err(fail)?;
                println!(
                    "  揭示顺序 Reveal order: {}",
                    c.commitment
                        .participants
                        .iter()
                        .map(|p| format!("{}（{}）", p.id, p.role))
                        .collect::<Vec<_>>()
                        .join(" → ")
                );
                println!("  注意：最后揭示的参与方可先算出结果并拒绝揭示（只能导致重新抽取，且留痕）· the last to reveal can compute the outcome first and withhold (which only forces a logged re-draw)");
            } else if numbers {
                println!(
                    "信标：公开开奖号码，首期开奖 Beacon: published numbers, first draw at {}",
                    status::beijing(done.round_time)
                );
            } else {
                println!(
                    "信标轮次 Beacon round {}，发布时间 published at {}",
                    done.round,
                    status::beijing(done.round_time)
                );
            }
            println!(
                "下一步 Next: 把 {} 交给每位签字人和参与方签署（sign），在轮次之前收回签名和揭示 · hand it to every signer and participant to sign; collect signatures and reveals before the round",
                s.path(layout::COMMITMENT).display()
            );
        }
        CaseCmd::Signature { case, file, key } => {
            let s = open(&case)?;
            let sig: SignatureFile = util::load_json(&file)?;
            let k = log_key(&s, &key)?;
            commit::add_signature(&s, k, sig.clone(), now_for(&s)?).map_err(fail)?;
            println!("已收回签名 Signature filed: {}", sig.entry.signer);
        }
        CaseCmd::Reveal { case, file, key } => {
            let s = open(&case)?;
            let r: Reveal = util::load_json(&file)?;
            let k = log_key(&s, &key)?;
            commit::add_reveal(&s, k, r.clone(), now_for(&s)?).map_err(fail)?;
            println!("已收回揭示 Reveal filed: {}", r.participant);
        }
        CaseCmd::WitnessRequest { case, key } => {
            let s = open(&case)?;
            let k = log_key(&s, &key)?;
            let r = witness::request(&s, k, now_for(&s)?).map_err(fail)?;
            println!(
                "待联署检查点 Checkpoint for the witnesses (size {}{}): {}",
                r.size,
                if r.after_round {
                    ", 轮次后 after the round"
                } else {
                    ", 轮次前 before the round"
                },
                s.path(layout::WITNESS_CHECKPOINT).display()
            );
            for (name, old, proof) in &r.witnesses {
                println!(
                    "  见证人 {name}: shuangsuiji witness cosign --state STATE --name {name} --key KEY {} --old-size {old} --proof {}",
                    s.path(layout::WITNESS_CHECKPOINT).display(),
                    s.path(proof).display()
                );
            }
        }
        CaseCmd::Cosignature { case, file } => {
            let s = open(&case)?;
            let line = String::from_utf8(util::read(&file)?)
                .map_err(|_| format!("{} is not text", file.display()))?;
            let f = witness::file_cosignature(&s, &line).map_err(fail)?;
            println!(
                "已收回联署 Cosignature filed: {} at {}（{}/{}）",
                f.witness,
                status::beijing(i64::try_from(f.time).unwrap_or(i64::MAX)),
                f.have,
                f.quorum
            );
        }
        CaseCmd::Beacon { case, file, url } => {
            let s = open(&case)?;
            let v: serde_json::Value = match (file, url) {
                (Some(f), _) => {
                    let v: serde_json::Value = util::load_json(&f)?;
                    // A recorded file may hold several rounds (`rounds`): take the one named.
                    pick_round(v, &s)?
                }
                (None, Some(u)) => fetch_round(&u, &s)?,
                (None, None) => return Err("--file 或 --url 二选一 · give --file or --url".into()),
            };
            let r = seal::beacon(&s, &v).map_err(fail)?;
            println!("已载入信标轮次 Beacon round {r} loaded and verified (BLS)");
        }
        CaseCmd::Numbers {
            case,
            numbers,
            file,
        } => {
            let s = open(&case)?;
            let results = match (numbers, file) {
                (_, Some(f)) => util::load_json(&f)?,
                (Some(n), None) => typed_numbers(&s, &n)?,
                (None, None) => {
                    return Err("--numbers 或 --file 二选一 · give --numbers or --file".into())
                }
            };
            seal::numbers(&s, &results, now_for(&s)?).map_err(fail)?;
            for r in &results {
                println!(
                    "已载入开奖号码 Numbers loaded: {} 第 {} 期 {:?}",
                    r.source, r.issue, r.numbers
                );
            }
            println!("请与官方开奖公告逐一核对 · compare them with the official announcement");
        }
        CaseCmd::Draw { case, key } => {
            let s = open(&case)?;
            let k = log_key(&s, &key)?;
            let sealed = seal::run_draw(&s, k, now_for(&s)?).map_err(fail)?;
            println!(
                "已抽取 Drawn: {} 个检查对象 targets, {} 个检查组 teams；记录 record {}",
                sealed.record.selected_ids().count(),
                sealed.record.teams.len(),
                sealed.hash
            );
            println!(
                "下一步 Next: 签字人核对并签署 {}（sign），case signature 收回 · signers check and sign the record",
                s.path(layout::RECORD).display()
            );
        }
        CaseCmd::Trust { case, name, out } => {
            let s = open(&case)?;
            let t = seal::trust_draft(&s, &name).map_err(fail)?;
            util::refuse_overwrite(&out, false)?;
            util::write_atomic(&out, &util::to_json(&t)?)?;
            println!("信任文件草稿 Trust file draft: {}", out.display());
            println!("  核验人应从可信渠道独立获得各密钥 · a verifier must get these keys through a channel it trusts");
        }
        CaseCmd::Verify {
            case,
            trust,
            require_anchored,
        } => {
            let s = open(&case)?;
            let t: Option<TrustFile> = trust.as_deref().map(util::load_json).transpose()?;
            let v = seal::verdict(&s, t.as_ref()).map_err(fail)?;
            let sealed: shuangsuiji::SealedRecord = s.read_json(layout::RECORD).map_err(fail)?;
            crate::summary::print(&sealed, &v);
            if v.verified.is_none() {
                return Err("未通过 NOT VERIFIED".into());
            }
            if require_anchored && v.level != Level::Anchored {
                std::process::exit(3);
            }
        }
        CaseCmd::Print { case, trust } => {
            let s = open(&case)?;
            let t: Option<TrustFile> = trust.as_deref().map(util::load_json).transpose()?;
            for rel in shuangsuiji_case::steps::print::print_record(&s, t.as_ref()).map_err(fail)? {
                println!("抽查记录 Printable record: {}", s.path(&rel).display());
            }
            println!("  用浏览器打开并打印（可另存为 PDF）· open in a browser and print (or save as PDF)");
        }
        CaseCmd::Dispatch { case } => {
            let s = open(&case)?;
            let (lists, notices) =
                shuangsuiji_case::steps::print::dispatch_all(&s).map_err(fail)?;
            println!(
                "已生成派发名单 {lists} 份（{}）和检查告知书 {notices} 份（{}）· dispatch lists and notices written (internal files)",
                s.path("dispatch").display(),
                s.path("notices").display()
            );
        }
        CaseCmd::Status { case } => print_status(&open(&case)?)?,
        CaseCmd::LogKey { case } => {
            let s = open(&case)?;
            let c: shuangsuiji_case::casefile::CaseFile =
                s.read_json(layout::CASE).map_err(fail)?;
            println!("{}", c.log_verifier_key);
        }
    }
    Ok(())
}

/// The numbers as a clerk types them for the one draw the commitment names: groups by `;`,
/// numbers by `,` or spaces; an ascending group sorted as the commitment's form requires.
fn typed_numbers(
    s: &Store,
    typed: &str,
) -> Result<Vec<shuangsuiji::draw::PublishedResult>, String> {
    use shuangsuiji::draw::{BeaconChoice, NumberOrder, PublishedResult};
    let c: shuangsuiji::SignedCommitment = s.read_json(layout::COMMITMENT).map_err(fail)?;
    let BeaconChoice::PublishedNumbers(spec) = &c.commitment.beacon else {
        return Err("承诺未指定公开开奖 · the commitment names no public draw".into());
    };
    let [d] = spec.draws.as_slice() else {
        return Err("承诺指定了多期开奖，请用 --file 逐期录入 · the commitment names several draws: use --file".into());
    };
    let groups: Vec<&str> = typed.split(';').collect();
    if groups.len() != d.groups.len() {
        return Err(format!(
            "应有 {} 组号码（{}），输入了 {} 组 · {} groups expected, {} typed",
            d.groups.len(),
            d.groups
                .iter()
                .map(|g| g.name.as_str())
                .collect::<Vec<_>>()
                .join("；"),
            groups.len(),
            d.groups.len(),
            groups.len()
        ));
    }
    let mut numbers = Vec::new();
    for (g, text) in d.groups.iter().zip(groups) {
        let mut ns = text
            .split(|c: char| c == ',' || c == '，' || c.is_whitespace())
            .filter(|t| !t.is_empty())
            .map(|t| {
                // ASCII digits only: "+7" or "٧" is not how an announcement writes a number.
                t.bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| t.parse::<u32>().ok())
                    .flatten()
                    .ok_or_else(|| format!("{}：{t:?} 不是号码 · is not a number", g.name))
            })
            .collect::<Result<Vec<u32>, String>>()?;
        if g.order == NumberOrder::Ascending {
            ns.sort_unstable();
        }
        numbers.push(ns);
    }
    Ok(vec![PublishedResult {
        source: d.source.clone(),
        issue: d.issue.clone(),
        numbers,
    }])
}

/// The round the commitment names from a recorded file: drand's JSON for one round, or a
/// file with several under `rounds` (as tests/data keep them).
fn pick_round(v: serde_json::Value, s: &Store) -> Result<serde_json::Value, String> {
    let Some(rounds) = v.get("rounds").and_then(|r| r.as_array()) else {
        return Ok(v);
    };
    let c: shuangsuiji::SignedCommitment = s.read_json(layout::COMMITMENT).map_err(fail)?;
    let want = match &c.commitment.beacon {
        shuangsuiji::draw::BeaconChoice::Drand(spec) => spec.round,
        shuangsuiji::draw::BeaconChoice::Offline
        | shuangsuiji::draw::BeaconChoice::PublishedNumbers(_) => 0,
    };
    rounds
        .iter()
        .find(|r| r.get("round").and_then(serde_json::Value::as_u64) == Some(want))
        .cloned()
        .ok_or_else(|| format!("文件中没有轮次 {want} · the file holds no round {want}"))
}
