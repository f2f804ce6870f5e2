//! Chinese messages and kinds of publication's errors (一公开).

use super::Explain;
use crate::publish::{
    CalendarError, NoticeError, PolicyError, PublishError, CALENDAR_FORMAT, NOTICE_FORMAT,
};

impl Explain for PolicyError {
    fn kind(&self) -> &'static str {
        match self {
            PolicyError::NoMask(_) => "no_mask",
            PolicyError::Misplaced { .. } => "misplaced",
            PolicyError::DuplicateRule { .. } => "duplicate_rule",
            PolicyError::UnjustifiedOverride { .. } => "unjustified_override",
        }
    }

    fn message_zh(&self) -> String {
        match self {
            PolicyError::NoMask(selector) => format!("{selector:?} 没有掩码规则"),
            PolicyError::Misplaced { selector, op } => {
                format!("操作 {op:?} 不适用于选择器 {selector:?}")
            }
            PolicyError::DuplicateRule { class, selector } => {
                format!("{class:?} / {selector:?} 有两条规则")
            }
            PolicyError::UnjustifiedOverride { result_id, field } => {
                format!("对 {result_id} / {field:?} 的例外须写明理由和批准人")
            }
        }
    }
}

impl Explain for PublishError {
    fn kind(&self) -> &'static str {
        match self {
            PublishError::Policy(_) => "policy",
            PublishError::NoResults => "no_results",
            PublishError::InvalidResultId { .. } => "invalid_result_id",
            PublishError::DuplicateResult(_) => "duplicate_result",
            PublishError::DrawRecordMismatch { .. } => "draw_record_mismatch",
            PublishError::OverrideOnSecret { .. } => "override_on_secret",
            PublishError::NotInDraw { .. } => "not_in_draw",
        }
    }

    fn cause_kind(&self) -> Option<&'static str> {
        match self {
            PublishError::Policy(e) => Some(e.kind()),
            _ => None,
        }
    }

    fn message_zh(&self) -> String {
        match self {
            PublishError::Policy(e) => format!("脱敏策略：{}", e.message_zh()),
            PublishError::NoResults => "没有可公示的检查结果".into(),
            PublishError::InvalidResultId { id, reason } => {
                format!("检查结果 ID {id:?} 无效：{reason}")
            }
            PublishError::DuplicateResult(id) => format!("检查结果 {id} 出现了不止一次"),
            PublishError::DrawRecordMismatch {
                result_id,
                found,
                expected,
            } => {
                format!("检查结果 {result_id} 属于抽取记录 {found}，而本次公示针对的是 {expected}")
            }
            PublishError::OverrideOnSecret { result_id, field } => {
                format!("对 {result_id} / {field:?} 的例外会公开国家秘密或警务工作秘密")
            }
            PublishError::NotInDraw { problems } => format!(
                "{} 条检查结果不属于本次抽取（未抽中的对象、不在检查组的人员或计划外的事项）：{}",
                problems.len(),
                problems.join("；")
            ),
        }
    }
}

impl Explain for NoticeError {
    fn kind(&self) -> &'static str {
        match self {
            NoticeError::Format(_) => "format",
            NoticeError::BadKey => "bad_key",
            NoticeError::BadSignature => "bad_signature",
            NoticeError::CsvMismatch => "csv_mismatch",
            NoticeError::NoCommitment(_) => "no_commitment",
            NoticeError::DigestMismatch(_) => "digest_mismatch",
            NoticeError::MaskMismatch { .. } => "mask_mismatch",
            NoticeError::RecordMismatch { .. } => "record_mismatch",
            NoticeError::OtherSuite { .. } => "other_suite",
        }
    }

    fn message_zh(&self) -> String {
        match self {
            NoticeError::Format(f) => format!("公示格式 {f:?} 不是 {NOTICE_FORMAT:?}"),
            NoticeError::BadKey => "公示者公钥不是有效的 Ed25519 公钥".into(),
            NoticeError::BadSignature => "公示的签名在公示者公钥下核验不通过".into(),
            NoticeError::CsvMismatch => "CSV 与已签名公示的渲染结果不一致".into(),
            NoticeError::NoCommitment(path) => format!("公示在 {path} 处没有承诺"),
            NoticeError::DigestMismatch(path) => {
                format!("披露的值与 {path} 处的承诺不符")
            }
            NoticeError::MaskMismatch {
                path,
                shown,
                expected,
            } => format!("公示在 {path} 处显示 {shown:?}，但披露值的掩码是 {expected:?}"),
            NoticeError::RecordMismatch { notice, record } => {
                format!("公示针对的是抽取记录 {notice}，而不是 {record}")
            }
            NoticeError::OtherSuite {
                record,
                suite,
                notice_suite,
            } => {
                format!("抽取记录 {record} 使用算法套件 {suite}，公示文件为 {notice_suite}（一次抽取只用一种套件）")
            }
        }
    }
}

impl Explain for CalendarError {
    fn kind(&self) -> &'static str {
        match self {
            CalendarError::Json(_) => "json",
            CalendarError::Format(_) => "format",
            CalendarError::DuplicateYear(_) => "duplicate_year",
            CalendarError::EmptyYear(_) => "empty_year",
            CalendarError::DateOutsideYear { .. } => "date_outside_year",
            CalendarError::ReversedSpan { .. } => "reversed_span",
            CalendarError::MakeUpOnWeekday(_) => "make_up_on_weekday",
            CalendarError::Conflict(_) => "conflict",
            CalendarError::NotCovered { .. } => "not_covered",
        }
    }

    fn message_zh(&self) -> String {
        match self {
            CalendarError::Json(e) => {
                format!("工作日日历数据不是 {CALENDAR_FORMAT} 格式的有效 JSON：{e}")
            }
            CalendarError::Format(f) => {
                format!("工作日日历数据的格式为 {f:?}，应为 {CALENDAR_FORMAT:?}")
            }
            CalendarError::DuplicateYear(y) => format!("{y} 年已在工作日日历中"),
            CalendarError::EmptyYear(y) => format!("{y} 年没有列出任何休息日"),
            CalendarError::DateOutsideYear { year, date } => {
                format!("{date} 归在 {year} 年下，却不在该年之内")
            }
            CalendarError::ReversedSpan { from, to } => {
                format!("休息日 {from}..{to} 的结束早于开始")
            }
            CalendarError::MakeUpOnWeekday(d) => format!("调休上班日 {d} 不是周六或周日"),
            CalendarError::Conflict(d) => format!("{d} 同时被列为休息日和工作日"),
            CalendarError::NotCovered { date, needs_year } => {
                format!("工作日日历未覆盖 {date}：请添加国务院办公厅 {needs_year} 年放假安排的通知")
            }
        }
    }
}
