//! Chinese messages and kinds of the draw's errors (双随机).

use super::registers::problem_zh;
use super::Explain;
use crate::draw::{
    BeaconError, BeaconField, DrawError, PlanError, Role, RootOf, RoundGiven, RoundNamed,
    SignedDocument, VerifyError,
};

fn role_zh(r: Role) -> &'static str {
    match r {
        Role::Officer => "执法人员",
        Role::Expert => "专家库成员",
    }
}

fn root_zh(r: RootOf) -> &'static str {
    match r {
        RootOf::CommitmentHash => "承诺哈希",
        RootOf::ItemList => "抽查事项清单",
        RootOf::TargetRegister => "检查对象名录库",
        RootOf::InspectorRegister => "执法检查人员名录库",
    }
}

fn signed_zh(d: SignedDocument) -> &'static str {
    match d {
        SignedDocument::Commitment => "抽查前承诺",
        SignedDocument::Record => "抽取记录",
    }
}

fn beacon_field_zh(f: BeaconField) -> &'static str {
    match f {
        BeaconField::PublicKey => "链公钥（public_key）",
        BeaconField::Signature => "轮次签名（signature）",
    }
}

impl Explain for PlanError {
    fn kind(&self) -> &'static str {
        "plan"
    }

    fn message_zh(&self) -> String {
        format!(
            "抽查计划有 {} 个问题：{}",
            self.problems.len(),
            self.problems.join("；")
        )
    }
}

impl Explain for BeaconError {
    fn kind(&self) -> &'static str {
        match self {
            BeaconError::Presence { .. } => "presence",
            BeaconError::WrongRound { .. } => "wrong_round",
            BeaconError::TooEarly { .. } => "too_early",
            BeaconError::Malformed { .. } => "malformed",
            BeaconError::BadSignature { .. } => "bad_signature",
            BeaconError::RandomnessMismatch => "randomness_mismatch",
            BeaconError::Numbers { .. } => "numbers",
        }
    }

    fn message_zh(&self) -> String {
        match self {
            BeaconError::Presence { expected, given } => {
                let named = match expected {
                    RoundNamed::Names => "指定了",
                    RoundNamed::DoesNotName => "未指定",
                };
                let given = match given {
                    RoundGiven::Given => "却给出了轮次",
                    RoundGiven::NotGiven => "却没有给出轮次",
                };
                format!("信标：承诺{named} drand 轮次，{given}")
            }
            BeaconError::WrongRound { committed, given } => {
                format!("信标：给出的是第 {given} 轮，承诺的是第 {committed} 轮")
            }
            BeaconError::TooEarly {
                round,
                round_time,
                committed_at,
            } => format!(
                "信标：第 {round} 轮发布于 {round_time}（Unix 时间），不晚于承诺时间 {committed_at}"
            ),
            BeaconError::Malformed { field, reason } => {
                format!("信标：{}格式错误：{reason}", beacon_field_zh(*field))
            }
            BeaconError::BadSignature { round } => {
                format!("信标：第 {round} 轮的 BLS 签名在该链公钥下核验不通过")
            }
            BeaconError::RandomnessMismatch => "信标：记录的随机数不是该轮签名的 SHA-256".into(),
            BeaconError::Numbers { draw, reason } => {
                format!("信标：公开开奖号码（{draw}）不符合承诺所定的格式：{reason}")
            }
        }
    }
}

impl Explain for DrawError {
    fn kind(&self) -> &'static str {
        match self {
            DrawError::Plan(_) => "plan",
            DrawError::Algorithm { .. } => "algorithm",
            DrawError::Commitment { .. } => "commitment",
            DrawError::Root { .. } => "root",
            DrawError::Reveal { .. } => "reveal",
            DrawError::Participant { .. } => "participant",
            DrawError::AsOf { .. } => "as_of",
            DrawError::OverCap { .. } => "over_cap",
            DrawError::OverTaskRatio { .. } => "over_task_ratio",
            DrawError::Beacon(_) => "beacon",
            DrawError::MustInclude { .. } => "must_include",
            DrawError::TeamShortfall { .. } => "team_shortfall",
            DrawError::Unsorted { .. } => "unsorted",
            DrawError::Register(_) => "register",
            DrawError::Source(_) => "source",
            DrawError::Encoding(_) => "encoding",
            DrawError::Classes(_) => "classes",
        }
    }

    fn cause_kind(&self) -> Option<&'static str> {
        match self {
            DrawError::Plan(e) => Some(e.kind()),
            DrawError::Beacon(e) => Some(e.kind()),
            DrawError::Classes(e) => Some(e.kind()),
            _ => None,
        }
    }

    fn message_zh(&self) -> String {
        match self {
            DrawError::Plan(e) => e.message_zh(),
            DrawError::Algorithm { found, expected } => {
                format!("承诺指定的抽取算法 {found:?} 不是本库实现的 {expected}")
            }
            DrawError::Commitment { problems } => format!(
                "抽查前承诺有 {} 个问题：{}",
                problems.len(),
                problems.join("；")
            ),
            DrawError::Root {
                what,
                committed,
                actual,
            } => format!(
                "{}不符：承诺中为 {committed}，所给数据为 {actual}",
                root_zh(*what)
            ),
            DrawError::Reveal {
                participant,
                reason,
            } => format!("参与方 {participant} 的揭示：{reason}"),
            DrawError::Participant {
                participant,
                reason,
            } => format!("参与方 {participant} 的签名：{reason}"),
            DrawError::AsOf {
                committed,
                register,
                given,
            } => format!(
                "名录库日期不符：承诺针对 {committed} 的名录库，所给{}名录库为 {given}",
                if *register == "target" { "检查对象" } else { "执法检查人员" }
            ),
            DrawError::OverCap {
                item,
                earlier,
                drawn,
                population,
                cap,
                cap_count,
            } => format!(
                "一般检查事项 {item}：本次将抽取 {population} 户中的 {drawn} 户（本年度此前已抽 {earlier} 户），超过其比例上限 {cap}（{cap_count} 户）；请调整计划"
            ),
            DrawError::OverTaskRatio {
                task,
                drawn,
                population,
                ratio,
                ratio_count,
            } => format!(
                "年度抽查计划任务 {task}：本次将抽取 {population} 户中的 {drawn} 户，超过任务比例 {ratio}（{ratio_count} 户）；请调整计划"
            ),
            DrawError::Beacon(e) => e.message_zh(),
            DrawError::MustInclude { target, reason } => {
                format!("必查名单（must_include）：检查对象 {target} {reason}")
            }
            DrawError::TeamShortfall {
                target,
                department,
                role,
                needed,
                found,
                excluded,
            } => format!(
                "{target} 的检查组：部门 {department} 需要 {needed} 名{}，符合条件的只有 {found} 名（{excluded}）",
                role_zh(*role)
            ),
            DrawError::Unsorted { previous, id } => {
                format!("检查对象流未按 ID 升序排列：{id} 排在 {previous} 之后")
            }
            DrawError::Register(p) => format!("流式读取的名录库：{}", problem_zh(p)),
            DrawError::Source(s) => format!("无法读取流式名录库：{s}"),
            DrawError::Encoding(s) => format!("规范编码失败（程序缺陷，请报告）：{s}"),
            DrawError::Classes(e) => format!("类别封存（draw/v3）：{}", e.message_zh()),
        }
    }
}

impl Explain for VerifyError {
    fn kind(&self) -> &'static str {
        match self {
            VerifyError::Signature { .. } => "signature",
            VerifyError::Rerun(_) => "rerun",
            VerifyError::Mismatch { .. } => "mismatch",
            VerifyError::Malformed(_) => "malformed",
        }
    }

    fn cause_kind(&self) -> Option<&'static str> {
        match self {
            VerifyError::Rerun(e) => Some(e.kind()),
            _ => None,
        }
    }

    fn message_zh(&self) -> String {
        match self {
            VerifyError::Signature {
                what,
                signer,
                reason,
            } => format!("{}上 {signer} 的签名：{reason}", signed_zh(*what)),
            VerifyError::Rerun(e) => format!("重新运行抽取：{}", e.message_zh()),
            VerifyError::Mismatch {
                path,
                recorded,
                recomputed,
            } => format!(
                "记录与重新运行的结果在 {path} 处不同：记录为 {recorded}，重新运行得到 {recomputed}"
            ),
            VerifyError::Malformed(s) => format!("记录格式错误：{s}"),
        }
    }
}
