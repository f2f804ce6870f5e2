//! The commands each person runs on their own machine: `keys new` (a signer's key
//! folder), `participant new|reveal`, and `sign` (a commitment or record handed over).

use crate::util;
use clap::Subcommand;
use shuangsuiji_case::{keys, CaseError};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum KeysCmd {
    /// 生成签字人密钥 A signer's key folder: key (0600, never printed) and public.json,
    /// which is handed to the case.
    New {
        /// 姓名及职务 Name and post as they sign.
        #[arg(long)]
        name: String,
        /// 角色 Role (抽查负责人, 监督人 …).
        #[arg(long)]
        role: String,
        /// 密钥目录 The folder (made; must not hold a key).
        #[arg(long)]
        out: PathBuf,
        /// 算法套件：ed25519-sha256（默认，私钥文件 key）或 sm2-sm3（国密 SM2，私钥文件 key.pem，PKCS#8）
        /// Suite: ed25519-sha256 (default; private key `key`) or sm2-sm3 (SM2; `key.pem`, PKCS#8).
        #[arg(long, default_value = "ed25519-sha256")]
        suite: util::SuiteArg,
    },
}

#[derive(Subcommand)]
pub enum ParticipantCmd {
    /// 生成参与方秘密 A participant's folder: secret and key (0600) and participant.json,
    /// which is handed to the case.
    New {
        /// 参与方编号 Id (letters, digits, - _ .).
        #[arg(long)]
        id: String,
        /// 角色 Role (检查部门, 纪检监察 …).
        #[arg(long)]
        role: String,
        /// 目录 The folder.
        #[arg(long)]
        out: PathBuf,
        /// 算法套件：ed25519-sha256（默认，私钥文件 key）或 sm2-sm3（国密 SM2，私钥文件 key.pem，PKCS#8）
        /// Suite: ed25519-sha256 (default; private key `key`) or sm2-sm3 (SM2; `key.pem`, PKCS#8).
        #[arg(long, default_value = "ed25519-sha256")]
        suite: util::SuiteArg,
    },
    /// 揭示 The signed reveal of this participant's secret for a commitment that lists it.
    Reveal {
        /// 参与方目录 The participant's folder.
        #[arg(long)]
        dir: PathBuf,
        /// 抽取承诺 The commitment handed over.
        commitment: PathBuf,
        /// 输出 The reveal to hand back.
        #[arg(long)]
        out: PathBuf,
    },
}

fn fail(e: CaseError) -> String {
    format!("拒绝 REFUSED [{}]: {e}", e.kind())
}

/// "Now" for a key folder: the rehearsal clock only for a folder made under it, so a real
/// signer's or participant's before-the-round checks can never be fooled by it.
fn now_for(dir: &std::path::Path) -> Result<i64, String> {
    keys::check_clock(dir, std::env::var(util::NOW_VAR).is_ok()).map_err(fail)?;
    util::unix_now()
}

/// Marks a folder made under the rehearsal clock.
fn mark_if_rehearsal(dir: &std::path::Path) -> Result<(), String> {
    if std::env::var(util::NOW_VAR).is_ok() {
        keys::mark_rehearsal(dir).map_err(fail)?;
        println!(
            "  演练用密钥目录 rehearsal key folder (made under {})",
            util::NOW_VAR
        );
    }
    Ok(())
}

pub fn run_keys(c: KeysCmd) -> Result<(), String> {
    let KeysCmd::New {
        name,
        role,
        out,
        suite,
    } = c;
    let p = keys::new_signer(&out, &name, &role, suite.0).map_err(fail)?;
    mark_if_rehearsal(&out)?;
    println!("已生成签字人密钥 Signer key made: {} ({})", p.name, p.role);
    println!("  公钥 public key {} （{}）", p.public_key, suite.0);
    println!(
        "  交给抽查任务 Hand over: {}；私钥 {} 留在本机 · the private key stays here",
        out.join(keys::PUBLIC).display(),
        out.join(if suite.0.is_default() {
            keys::KEY
        } else {
            keys::KEY_PEM
        })
        .display()
    );
    Ok(())
}

pub fn run_participant(c: ParticipantCmd) -> Result<(), String> {
    match c {
        ParticipantCmd::New {
            id,
            role,
            out,
            suite,
        } => {
            let p = keys::new_participant(&out, &id, &role, suite.0).map_err(fail)?;
            mark_if_rehearsal(&out)?;
            println!("已生成参与方秘密 Participant made: {} ({})", p.id, p.role);
            println!(
                "  交给抽查任务 Hand over: {}；秘密和私钥留在本机 · the secret and key stay here",
                out.join(keys::PARTICIPANT).display()
            );
        }
        ParticipantCmd::Reveal {
            dir,
            commitment,
            out,
        } => {
            let (r, shown) =
                keys::reveal(&dir, &util::read(&commitment)?, now_for(&dir)?).map_err(fail)?;
            show(&shown);
            keys::write_private(&out, &util::to_json(&r)?).map_err(fail)?;
            println!("已揭示 Revealed: {} → {}", r.participant, out.display());
        }
    }
    Ok(())
}

/// `sign --dir DIR FILE --out SIG`.
#[derive(clap::Args)]
pub struct SignArgs {
    /// 密钥目录 A signer's or participant's folder.
    #[arg(long)]
    dir: PathBuf,
    /// 抽取承诺或抽取记录 The commitment or record handed over.
    file: PathBuf,
    /// 输出 The signature to hand back.
    #[arg(long)]
    out: PathBuf,
    /// 检查对象名录库公开视图 For a record: the public target register it is re-run against
    /// (a draw/v3 record: the sealed view, `public/targets.sealed.json`).
    #[arg(long, requires = "inspectors")]
    targets: Option<PathBuf>,
    /// 执法检查人员名录库公开视图 For a record: the public inspector register view.
    #[arg(long, requires = "targets")]
    inspectors: Option<PathBuf>,
}

/// What is being signed or revealed for, printed before the file is written.
fn show(s: &keys::Shown) {
    println!("计划 Plan: {}", s.plan);
    println!(
        "{} {}",
        match s.document {
            keys::Document::Commitment => "抽取承诺 Commitment",
            keys::Document::Record => "抽取记录 Record",
        },
        s.hash
    );
    if let Some((r, t)) = s.round {
        println!(
            "信标轮次 Beacon round {r}，发布于 published at {}",
            shuangsuiji_case::status::beijing(t)
        );
    }
    for l in &s.beacon {
        println!("{l}");
    }
    println!(
        "承诺时间（自述）Commitment time (claimed): {}",
        shuangsuiji_case::status::beijing(s.committed_at)
    );
    for p in &s.people {
        println!("  {p}");
    }
    if let Some(n) = s.selected {
        println!("已重新运行核验 Re-run and verified: 抽中 {n} 个对象 selected");
    }
    if let Some(note) = s.classes.and_then(shuangsuiji::draw::ClassesChecked::note) {
        println!("{note}");
    }
}

pub fn run_sign(a: SignArgs) -> Result<(), String> {
    let doc = util::read(&a.file)?;
    let targets = match &a.targets {
        Some(t) => keys::public_targets(&doc, || util::read(t).map_err(CaseError::Refused))
            .map_err(fail)?,
        None => None,
    };
    let views = match (targets, &a.inspectors) {
        (Some(t), Some(i)) => Some((
            t,
            util::load_json::<shuangsuiji::PublicInspectorRegister>(i)?,
        )),
        _ => None,
    };
    let (s, shown) = keys::sign(
        &a.dir,
        &doc,
        views.as_ref().map(|(t, i)| (t.as_ref(), i)),
        now_for(&a.dir)?,
    )
    .map_err(fail)?;
    show(&shown);
    keys::write_private(&a.out, &util::to_json(&s)?).map_err(fail)?;
    println!(
        "已签署 Signed: {} on the {} {} → {}",
        s.entry.signer,
        match s.document {
            keys::Document::Commitment => "commitment 抽取承诺",
            keys::Document::Record => "record 抽取记录",
        },
        s.hash,
        a.out.display()
    );
    Ok(())
}
