//! Chinese messages and kinds of the trust file and of what a verdict finds unanchored.

use super::Explain;
use crate::trust::{TrustError, Unanchored};

impl Explain for TrustError {
    fn kind(&self) -> &'static str {
        "trust"
    }

    fn message_zh(&self) -> String {
        format!(
            "信任文件有 {} 个问题：{}",
            self.problems.len(),
            self.problems.join("；")
        )
    }
}

impl Explain for Unanchored {
    fn kind(&self) -> &'static str {
        match self {
            Unanchored::NoTrustFile => "no_trust_file",
            Unanchored::Chain { .. } => "chain",
            Unanchored::OfflineBeacon => "offline_beacon",
            Unanchored::PublishedNumbers { .. } => "published_numbers",
            Unanchored::Signer { .. } => "signer",
            Unanchored::UnsignedParticipants => "unsigned_participants",
            Unanchored::Participant { .. } => "participant",
            Unanchored::ParticipantRoles { .. } => "participant_roles",
            Unanchored::PlanLog { .. } => "plan_log",
            Unanchored::Redraw { .. } => "redraw",
            Unanchored::AfterRound { .. } => "after_round",
            Unanchored::TimeAnchor { .. } => "time_anchor",
            Unanchored::TimeAnchorRefused { .. } => "time_anchor_refused",
            Unanchored::AnnualTask { .. } => "annual_task",
            Unanchored::PriorDraws { .. } => "prior_draws",
        }
    }

    fn message_zh(&self) -> String {
        match self {
            Unanchored::NoTrustFile => {
                "未提供信任文件：记录中的密钥和信标链只是记录自己的声明".into()
            }
            Unanchored::Chain { chain_hash } => {
                format!("信标链 {chain_hash} 不在您的信任文件中")
            }
            Unanchored::OfflineBeacon => {
                "未使用公共随机信标（离线模式）：最后揭示的参与方可能先看到结果".into()
            }
            Unanchored::PublishedNumbers {
                draw,
                issue,
                reason,
            } => format!(
                "{draw} 第 {issue} 期开奖号码：{}",
                if reason.starts_with("not compared") {
                    "尚未与官方开奖公告核对：请核对所示的来源、期号、开奖时间和号码".to_string()
                } else {
                    format!("与您录入的官方公告不一致：{reason}")
                }
            ),
            Unanchored::Signer { name, public_key } => {
                format!("签名人 {name}（密钥 {public_key}）不是您信任文件中的签名人")
            }
            Unanchored::UnsignedParticipants => {
                "v1：未锚定——参与方未对各自的承诺签名（draw/v1）：已公开的秘密值可能被重放".into()
            }
            Unanchored::Participant { id, public_key } => {
                format!("参与方 {id}（密钥 {public_key}）不是您信任文件中的参与方")
            }
            Unanchored::ParticipantRoles { roles } => format!(
                "您信任文件认可的参与方只有 {roles} 种角色；须有两个相互独立的参与方（如检查部门和纪检监察）"
            ),
            Unanchored::Redraw {
                commitments,
                reason,
            } => format!(
                "计划已重新抽取：审计日志中该计划共有 {commitments} 个承诺；本承诺以理由代码 {reason} 取代前一个"
            ),
            Unanchored::AfterRound { plan } => format!(
                "未提供信标轮次之后经见证的检查点：无法核对结果可知后计划 {plan} 是否又被重新承诺"
            ),
            Unanchored::PlanLog { plan } => format!(
                "时间锚未附审计日志：无法核对计划 {plan} 是否还有其他承诺（重新抽取）"
            ),
            Unanchored::TimeAnchor { committed_at } => {
                format!("没有经见证的时间锚：承诺时间 {committed_at} 只是记录自己的声明")
            }
            Unanchored::TimeAnchorRefused { reason } => format!("时间锚不成立：{reason}"),
            Unanchored::AnnualTask { task, reason } => {
                format!("年度抽查计划任务 {task} 未核对或不符：{reason}")
            }
            Unanchored::PriorDraws { count, reason } => {
                format!("计划所列此前 {count} 次抽取未核对或不符：{reason}")
            }
        }
    }
}
