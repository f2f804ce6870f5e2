//! One vocabulary for every error, in every runtime.
//!
//! Programs switch on a stable `kind` (snake_case, documented in `docs/errors.md`); people
//! read a message, Chinese first. Python's `.kind`, JavaScript's `kind` and the CLI all take
//! both from here, so an error is called the same everywhere and no binding derives it
//! from `Debug` text or maps it by hand.

/// What every public error of this crate says about itself beyond `Display` (the English
/// message).
pub trait Explain: std::error::Error {
    /// A stable snake_case name for programs: the variant's name (`TeamShortfall` →
    /// `team_shortfall`), or for an error that is one thing, that thing (`plan`,
    /// `validation`). A wrapping variant (`VerifyError::Rerun`) keeps its own kind; its
    /// cause's kind is [`Explain::cause_kind`].
    fn kind(&self) -> &'static str;

    /// The message for people, in Chinese. Names, ids, numbers and hashes appear as in
    /// the English message.
    fn message_zh(&self) -> String;

    /// The kind of the wrapped error, for a variant that wraps one (e.g. the
    /// `DrawError` inside `VerifyError::Rerun`); `None` otherwise.
    fn cause_kind(&self) -> Option<&'static str> {
        None
    }

    /// Chinese first, then English, as the CLI prints it.
    fn message_bilingual(&self) -> String {
        format!("{}\n{}", self.message_zh(), self)
    }
}

use crate::audit::{CheckpointError, ProofError};
use crate::draw::{
    BeaconError, BeaconField, DrawError, PlanError, Role, RootOf, RoundGiven, RoundNamed,
    SignedDocument, VerifyError,
};
use crate::encoding::SignatureError;
use crate::publish::{
    CalendarError, NoticeError, PolicyError, PublishError, CALENDAR_FORMAT, NOTICE_FORMAT,
};
use crate::registers::fields::{FieldError, RefusedChar, MAX_ID_LEN};
use crate::registers::{Problem, RegisterName, ValidationErrors};

// The Chinese names of the fixed values that errors carry, in the vocabulary of
// docs/errors.md.

fn register_zh(r: RegisterName) -> &'static str {
    match r {
        RegisterName::ItemList => "事项清单",
        RegisterName::Targets => "检查对象名录库",
        RegisterName::Inspectors => "执法检查人员名录库",
        RegisterName::IdList => "ID 列表",
    }
}

/// One problem, as `Problem`'s `Display` gives it in English: register, row, record,
/// field and message (the message as it is).
fn problem_zh(p: &Problem) -> String {
    let mut s = register_zh(p.register).to_string();
    if let Some(row) = p.row {
        s.push_str(&format!("，第 {row} 行"));
    }
    if let Some(rec) = &p.record {
        s.push_str(&format!("，记录 {rec}"));
    }
    s.push_str(&format!("，字段 {}：{}", p.field, p.message));
    s
}

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

fn refused_zh(c: RefusedChar) -> &'static str {
    match c {
        RefusedChar::FullWidth => "全角字符；请写成 ASCII 形式",
        RefusedChar::KangxiRadical => "康熙部首；请写成对应的汉字",
        RefusedChar::CjkRadical => "CJK 部首；请写成对应的汉字",
        RefusedChar::VariationSelector => "不可见的异体字选择符",
        RefusedChar::Control => "控制字符",
        RefusedChar::OtherSpace => "ASCII 空格以外的空格",
        RefusedChar::Format => "不可见的格式字符",
    }
}

impl Explain for ValidationErrors {
    fn kind(&self) -> &'static str {
        "validation"
    }

    fn message_zh(&self) -> String {
        let mut s = format!("共 {} 个问题", self.problems.len());
        if let Some(p) = self.problems.first() {
            s.push_str(&format!("；第一个：{}", problem_zh(p)));
        }
        s
    }
}

impl Explain for FieldError {
    fn kind(&self) -> &'static str {
        match self {
            FieldError::IdEmpty => "id_empty",
            FieldError::IdTooLong { .. } => "id_too_long",
            FieldError::IdCharacter { .. } => "id_character",
            FieldError::NameEmpty => "name_empty",
            FieldError::NameEdgeSpace => "name_edge_space",
            FieldError::NameCharacter { .. } => "name_character",
            FieldError::NameNotNfc => "name_not_nfc",
            FieldError::UsccLength { .. } => "uscc_length",
            FieldError::UsccCharacter { .. } => "uscc_character",
            FieldError::UsccCheckCharacter { .. } => "uscc_check_character",
            FieldError::RegionFormat { .. } => "region_format",
            FieldError::RegionProvince { .. } => "region_province",
            FieldError::UnknownMethod { .. } => "unknown_method",
        }
    }

    fn message_zh(&self) -> String {
        match self {
            FieldError::IdEmpty => "ID 为空".into(),
            FieldError::IdTooLong { len } => {
                format!("ID 长 {len} 字节，最多允许 {MAX_ID_LEN} 字节")
            }
            FieldError::IdCharacter { found } => {
                format!("ID 含有 {found:?}；ID 须为不含空格的可打印 ASCII 字符")
            }
            FieldError::NameEmpty => "名称为空".into(),
            FieldError::NameEdgeSpace => "名称首尾有空白字符".into(),
            FieldError::NameCharacter { found, class } => format!(
                "名称含有 U+{:04X}（{}）",
                u32::from(*found),
                refused_zh(*class)
            ),
            FieldError::NameNotNfc => {
                "名称不是 Unicode 规范形式 C（含分解的附加符号或 CJK 兼容汉字）；请写成预组合形式"
                    .into()
            }
            FieldError::UsccLength { len } => {
                format!("统一社会信用代码须为 18 个字符，实有 {len} 个")
            }
            FieldError::UsccCharacter { found } => {
                format!("统一社会信用代码中的字符 {found:?} 不在 GB 32100 字符集中")
            }
            FieldError::UsccCheckCharacter { expected, found } => {
                format!("统一社会信用代码的校验码为 {found:?}，按 GB 32100-2015 应为 {expected:?}")
            }
            FieldError::RegionFormat { code } => {
                format!("行政区划代码 {code:?} 不是六位 ASCII 数字")
            }
            FieldError::RegionProvince { code, prefix } => {
                format!("行政区划代码 {code:?} 的前两位 {prefix:?} 不是 GB/T 2260 中的省级代码")
            }
            FieldError::UnknownMethod { rest } => format!("{rest:?} 不是已知的检查方式"),
        }
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
            DrawError::Beacon(_) => "beacon",
            DrawError::MustInclude { .. } => "must_include",
            DrawError::TeamShortfall { .. } => "team_shortfall",
            DrawError::Unsorted { .. } => "unsorted",
            DrawError::Register(_) => "register",
            DrawError::Source(_) => "source",
            DrawError::Encoding(_) => "encoding",
        }
    }

    fn cause_kind(&self) -> Option<&'static str> {
        match self {
            DrawError::Plan(e) => Some(e.kind()),
            DrawError::Beacon(e) => Some(e.kind()),
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

impl Explain for SignatureError {
    fn kind(&self) -> &'static str {
        match self {
            SignatureError::KeyMismatch { .. } => "key_mismatch",
            SignatureError::BadKeyHex => "bad_key_hex",
            SignatureError::InvalidPoint { .. } => "invalid_point",
            SignatureError::BadSignatureHex => "bad_signature_hex",
            SignatureError::DoesNotVerify => "does_not_verify",
        }
    }

    fn message_zh(&self) -> String {
        match self {
            SignatureError::KeyMismatch {
                signed_with,
                listed,
            } => format!("签名所用公钥为 {signed_with}，承诺列出的是 {listed}"),
            SignatureError::BadKeyHex => "公钥不是 64 位十六进制数字".into(),
            SignatureError::InvalidPoint { reason } => {
                format!("公钥不是有效的 Ed25519 点：{reason}")
            }
            SignatureError::BadSignatureHex => "签名不是 128 位小写十六进制数字".into(),
            SignatureError::DoesNotVerify => "签名核验不通过".into(),
        }
    }
}

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

impl Explain for ProofError {
    fn kind(&self) -> &'static str {
        match self {
            ProofError::OutOfRange(_) => "out_of_range",
            ProofError::WrongLength { .. } => "wrong_length",
            ProofError::RootMismatch => "root_mismatch",
        }
    }

    fn message_zh(&self) -> String {
        match self {
            ProofError::OutOfRange(s) => format!("审计日志证明超出范围：{s}"),
            ProofError::WrongLength { found, expected } => {
                format!("审计日志证明的哈希个数不对（{found} 个，应为 {expected} 个）")
            }
            ProofError::RootMismatch => "审计日志证明不能得出预期的根哈希".into(),
        }
    }
}

impl Explain for CheckpointError {
    fn kind(&self) -> &'static str {
        match self {
            CheckpointError::Inconsistent(_) => "inconsistent",
            CheckpointError::Malformed(_) => "malformed",
            CheckpointError::BadSignature(_) => "bad_signature",
            CheckpointError::Proof(_) => "proof",
        }
    }

    fn cause_kind(&self) -> Option<&'static str> {
        match self {
            CheckpointError::Proof(e) => Some(e.kind()),
            _ => None,
        }
    }

    fn message_zh(&self) -> String {
        match self {
            CheckpointError::Inconsistent(s) => format!("检查点：拒绝签名：{s}"),
            CheckpointError::Malformed(s) => format!("检查点格式错误：{s}"),
            CheckpointError::BadSignature(key) => format!("检查点：没有 {key} 的有效签名"),
            CheckpointError::Proof(e) => format!("检查点：{}", e.message_zh()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publish::{FieldKind, FieldSelector, Operator, RedactionClass};
    use crate::registers::ProblemKind;
    use crate::Digest32;

    /// The kind the Python binding derived before `Explain`: the `Debug` variant name in
    /// snake_case. Kinds must stay what it gave.
    fn debug_kind(v: &impl std::fmt::Debug) -> String {
        let name: String = format!("{v:?}")
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let mut out = String::new();
        for (i, c) in name.chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    }

    fn is_cjk(c: char) -> bool {
        matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
    }

    /// Checks every value and returns their kinds in order.
    fn check<E: Explain + std::fmt::Debug>(values: &[E], debug_named: bool) -> Vec<&'static str> {
        values
            .iter()
            .map(|e| {
                let k = e.kind();
                assert!(
                    !k.is_empty()
                        && k.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                    "{e:?}: kind {k:?}"
                );
                if debug_named {
                    assert_eq!(k, debug_kind(e), "{e:?}");
                }
                let zh = e.message_zh();
                assert!(zh.chars().any(is_cjk), "{e:?}: {zh}");
                assert_eq!(e.message_bilingual(), format!("{zh}\n{e}"));
                if let Some(c) = e.cause_kind() {
                    assert!(!c.is_empty(), "{e:?}");
                }
                k
            })
            .collect()
    }

    fn problem() -> Problem {
        Problem {
            register: RegisterName::Targets,
            row: Some(5),
            record: Some("T1".into()),
            field: "region".into(),
            kind: ProblemKind::InvalidRegion,
            message: "\"4101\" is not six ASCII digits".into(),
        }
    }

    fn plan_error() -> PlanError {
        PlanError {
            problems: vec![
                "batches: at least 1".into(),
                "items: a plan inspects at least one item".into(),
            ],
        }
    }

    fn d(b: u8) -> Digest32 {
        Digest32([b; 32])
    }

    fn draw_errors() -> Vec<DrawError> {
        vec![
            DrawError::Plan(plan_error()),
            DrawError::Algorithm {
                found: "shuangsuiji/draw/v2".into(),
                expected: crate::draw::ALGORITHM,
            },
            DrawError::Commitment {
                problems: vec![
                    "signers: at least one responsible person signs (谁抽查、谁签字)".into(),
                ],
            },
            DrawError::Root {
                what: RootOf::ItemList,
                committed: d(0),
                actual: d(1),
            },
            DrawError::Reveal {
                participant: "jijian".into(),
                reason: "is missing".into(),
            },
            DrawError::Beacon(BeaconError::RandomnessMismatch),
            DrawError::MustInclude {
                target: "T9".into(),
                reason: "is not in the target register".into(),
            },
            DrawError::TeamShortfall {
                target: "T1".into(),
                department: "治安总队".into(),
                role: Role::Officer,
                needed: 2,
                found: 1,
                excluded: "recused (declared conflict): 1".into(),
            },
            DrawError::Unsorted {
                previous: "T2".into(),
                id: "T1".into(),
            },
            DrawError::Register(Box::new(problem())),
            DrawError::Source("targets.csv: No such file or directory (os error 2)".into()),
            DrawError::Encoding("key must be a string".into()),
        ]
    }

    fn beacon_errors() -> Vec<BeaconError> {
        vec![
            BeaconError::Presence {
                expected: RoundNamed::Names,
                given: RoundGiven::NotGiven,
            },
            BeaconError::WrongRound {
                committed: 124,
                given: 123,
            },
            BeaconError::TooEarly {
                round: 123,
                round_time: 1_692_803_367,
                committed_at: 1_692_803_400,
            },
            BeaconError::Malformed {
                field: BeaconField::Signature,
                reason: "not lower-case hex".into(),
            },
            BeaconError::BadSignature { round: 124 },
            BeaconError::RandomnessMismatch,
        ]
    }

    #[test]
    fn every_error_has_a_kind_and_a_chinese_message() {
        let v = ValidationErrors {
            problems: vec![problem(), problem()],
        };
        assert_eq!(check(std::slice::from_ref(&v), false), ["validation"]);
        assert_eq!(
            v.message_zh(),
            "共 2 个问题；第一个：检查对象名录库，第 5 行，记录 T1，字段 region：\"4101\" is not six ASCII digits"
        );
        assert_eq!(check(&[plan_error()], false), ["plan"]);

        assert_eq!(
            check(&beacon_errors(), true),
            [
                "presence",
                "wrong_round",
                "too_early",
                "malformed",
                "bad_signature",
                "randomness_mismatch"
            ]
        );
        let draws = draw_errors();
        assert_eq!(
            check(&draws, true),
            [
                "plan",
                "algorithm",
                "commitment",
                "root",
                "reveal",
                "beacon",
                "must_include",
                "team_shortfall",
                "unsorted",
                "register",
                "source",
                "encoding"
            ]
        );
        assert_eq!(draws[0].cause_kind(), Some("plan"));
        assert_eq!(draws[5].cause_kind(), Some("randomness_mismatch"));
        assert_eq!(draws[3].cause_kind(), None);
        assert_eq!(draws[0].message_zh(), plan_error().message_zh());
        assert_eq!(
            draws[7].message_zh(),
            "T1 的检查组：部门 治安总队 需要 2 名执法人员，符合条件的只有 1 名（recused (declared conflict): 1）"
        );

        let verifies = vec![
            VerifyError::Signature {
                what: SignedDocument::Record,
                signer: "负责人".into(),
                reason: "does not verify".into(),
            },
            VerifyError::Rerun(DrawError::Beacon(BeaconError::BadSignature { round: 7 })),
            VerifyError::Mismatch {
                path: "strata[2].selected[5].target".into(),
                recorded: "T1".into(),
                recomputed: "T2".into(),
            },
            VerifyError::Malformed("not an object".into()),
        ];
        assert_eq!(
            check(&verifies, true),
            ["signature", "rerun", "mismatch", "malformed"]
        );
        assert_eq!(verifies[1].cause_kind(), Some("beacon"));
        assert!(verifies[1].message_zh().starts_with("重新运行抽取：信标："));

        let signatures = [
            SignatureError::KeyMismatch {
                signed_with: "ab".repeat(32),
                listed: "cd".repeat(32),
            },
            SignatureError::BadKeyHex,
            SignatureError::InvalidPoint {
                reason: "signature error".into(),
            },
            SignatureError::BadSignatureHex,
            SignatureError::DoesNotVerify,
        ];
        assert_eq!(
            check(&signatures, true),
            [
                "key_mismatch",
                "bad_key_hex",
                "invalid_point",
                "bad_signature_hex",
                "does_not_verify"
            ]
        );

        let fields = [
            FieldError::IdEmpty,
            FieldError::IdTooLong { len: 65 },
            FieldError::IdCharacter { found: 'Ｈ' },
            FieldError::NameEmpty,
            FieldError::NameEdgeSpace,
            FieldError::NameCharacter {
                found: '\u{3000}',
                class: RefusedChar::OtherSpace,
            },
            FieldError::NameNotNfc,
            FieldError::UsccLength { len: 17 },
            FieldError::UsccCharacter { found: 'I' },
            FieldError::UsccCheckCharacter {
                expected: '3',
                found: '4',
            },
            FieldError::RegionFormat {
                code: "4101".into(),
            },
            FieldError::RegionProvince {
                code: "990105".into(),
                prefix: "99".into(),
            },
            FieldError::UnknownMethod {
                rest: "飞行检查".into(),
            },
        ];
        assert_eq!(
            check(&fields, true),
            [
                "id_empty",
                "id_too_long",
                "id_character",
                "name_empty",
                "name_edge_space",
                "name_character",
                "name_not_nfc",
                "uscc_length",
                "uscc_character",
                "uscc_check_character",
                "region_format",
                "region_province",
                "unknown_method"
            ]
        );
        // Every class of refused character has its Chinese name.
        for class in [
            RefusedChar::FullWidth,
            RefusedChar::KangxiRadical,
            RefusedChar::CjkRadical,
            RefusedChar::VariationSelector,
            RefusedChar::Control,
            RefusedChar::OtherSpace,
            RefusedChar::Format,
        ] {
            assert!(refused_zh(class).chars().any(is_cjk), "{class:?}");
        }

        let policies = [
            PolicyError::NoMask(FieldSelector::AnyField),
            PolicyError::Misplaced {
                selector: FieldSelector::Field(FieldKind::TargetName),
                op: Operator::WithholdResult,
            },
            PolicyError::DuplicateRule {
                class: RedactionClass::Unclassified,
                selector: FieldSelector::Result,
            },
            PolicyError::UnjustifiedOverride {
                result_id: "R1".into(),
                field: FieldKind::ContactIdNumber,
            },
        ];
        assert_eq!(
            check(&policies, true),
            [
                "no_mask",
                "misplaced",
                "duplicate_rule",
                "unjustified_override"
            ]
        );

        let publishes = [
            PublishError::Policy(policies[2].clone()),
            PublishError::NoResults,
            PublishError::InvalidResultId {
                id: String::new(),
                reason: "is empty".into(),
            },
            PublishError::DuplicateResult("R1".into()),
            PublishError::DrawRecordMismatch {
                result_id: "R1".into(),
                found: d(2),
                expected: d(3),
            },
            PublishError::OverrideOnSecret {
                result_id: "R1".into(),
                field: FieldKind::TargetName,
            },
        ];
        assert_eq!(
            check(&publishes, true),
            [
                "policy",
                "no_results",
                "invalid_result_id",
                "duplicate_result",
                "draw_record_mismatch",
                "override_on_secret"
            ]
        );
        assert_eq!(publishes[0].cause_kind(), Some("duplicate_rule"));

        let notices = [
            NoticeError::Format("shuangsuiji/notice/v0".into()),
            NoticeError::BadKey,
            NoticeError::BadSignature,
            NoticeError::CsvMismatch,
            NoticeError::NoCommitment("/results/0/target/name".into()),
            NoticeError::DigestMismatch("/results/0/target/name".into()),
            NoticeError::MaskMismatch {
                path: "/results/0/target/contact/mobile".into(),
                shown: "138****1234".into(),
                expected: "139****1234".into(),
            },
        ];
        assert_eq!(
            check(&notices, true),
            [
                "format",
                "bad_key",
                "bad_signature",
                "csv_mismatch",
                "no_commitment",
                "digest_mismatch",
                "mask_mismatch"
            ]
        );

        let calendars = [
            CalendarError::Json("expected value at line 1 column 1".into()),
            CalendarError::Format("shuangsuiji/calendar/v0".into()),
            CalendarError::DuplicateYear(2024),
            CalendarError::EmptyYear(2024),
            CalendarError::DateOutsideYear {
                year: 2024,
                date: "2026-01-01".into(),
            },
            CalendarError::ReversedSpan {
                from: "2024-10-07".into(),
                to: "2024-10-01".into(),
            },
            CalendarError::MakeUpOnWeekday("2024-10-08".into()),
            CalendarError::Conflict("2024-10-01".into()),
            CalendarError::NotCovered {
                date: "2030-01-02".into(),
                needs_year: 2030,
            },
        ];
        assert_eq!(
            check(&calendars, true),
            [
                "json",
                "format",
                "duplicate_year",
                "empty_year",
                "date_outside_year",
                "reversed_span",
                "make_up_on_weekday",
                "conflict",
                "not_covered"
            ]
        );

        let proofs = [
            ProofError::OutOfRange("index 13 is not below size 13".into()),
            ProofError::WrongLength {
                found: 3,
                expected: 4,
            },
            ProofError::RootMismatch,
        ];
        assert_eq!(
            check(&proofs, true),
            ["out_of_range", "wrong_length", "root_mismatch"]
        );

        let checkpoints = [
            CheckpointError::Inconsistent("the log shrank".into()),
            CheckpointError::Malformed("checkpoint 1: no blank line".into()),
            CheckpointError::BadSignature("log+0a1b2c3d+AQ".into()),
            CheckpointError::Proof(ProofError::RootMismatch),
        ];
        assert_eq!(
            check(&checkpoints, true),
            ["inconsistent", "malformed", "bad_signature", "proof"]
        );
        assert_eq!(checkpoints[3].cause_kind(), Some("root_mismatch"));
    }

    /// The English messages are what they were when these fields were strings.
    #[test]
    fn display_is_unchanged() {
        use crate::registers::fields::{check_id, check_name, check_region_code, validate_uscc};
        let zeros = "0".repeat(64);
        let ones = "01".repeat(32);
        for (e, old) in [
            (
                BeaconError::Presence {
                    expected: RoundNamed::DoesNotName,
                    given: RoundGiven::Given,
                }
                .to_string(),
                "beacon: the commitment does not name a drand round, but a round was given"
                    .to_string(),
            ),
            (
                BeaconError::Presence {
                    expected: RoundNamed::Names,
                    given: RoundGiven::NotGiven,
                }
                .to_string(),
                "beacon: the commitment names a drand round, but no round was given".into(),
            ),
            (
                BeaconError::Malformed {
                    field: BeaconField::PublicKey,
                    reason: "Odd number of digits".into(),
                }
                .to_string(),
                "beacon: malformed public_key: Odd number of digits".into(),
            ),
            (
                DrawError::Root {
                    what: RootOf::CommitmentHash,
                    committed: d(0),
                    actual: d(1),
                }
                .to_string(),
                format!("commitment hash: committed {zeros}, given data has {ones}"),
            ),
            (
                DrawError::Root {
                    what: RootOf::InspectorRegister,
                    committed: d(0),
                    actual: d(1),
                }
                .to_string(),
                format!("inspector register: committed {zeros}, given data has {ones}"),
            ),
            (
                DrawError::TeamShortfall {
                    target: "T1".into(),
                    department: "治安总队".into(),
                    role: Role::Expert,
                    needed: 2,
                    found: 1,
                    excluded: "at workload cap: 12".into(),
                }
                .to_string(),
                "team for T1: department 治安总队 needs 2 expert(s), only 1 eligible (at workload cap: 12)"
                    .into(),
            ),
            (
                VerifyError::Signature {
                    what: SignedDocument::Commitment,
                    signer: "负责人".into(),
                    reason: "is missing".into(),
                }
                .to_string(),
                "signature on the pre-draw commitment by 负责人: is missing".into(),
            ),
            (
                VerifyError::Signature {
                    what: SignedDocument::Record,
                    signer: "负责人".into(),
                    reason: SignatureError::DoesNotVerify.to_string(),
                }
                .to_string(),
                "signature on the draw record by 负责人: does not verify".into(),
            ),
            (
                SignatureError::KeyMismatch {
                    signed_with: "ab".into(),
                    listed: "cd".into(),
                }
                .to_string(),
                "signed with key ab, the commitment lists cd".into(),
            ),
            (
                SignatureError::BadSignatureHex.to_string(),
                "signature is not 128 lower-case hex digits".into(),
            ),
            (
                check_id("").unwrap_err().to_string(),
                "is empty".into(),
            ),
            (
                check_id(&"x".repeat(65)).unwrap_err().to_string(),
                "is 65 bytes long, at most 64 allowed".into(),
            ),
            (
                check_id("A B").unwrap_err().to_string(),
                "contains ' '; ids are printable ASCII without spaces".into(),
            ),
            (
                check_name("治安\u{3000}总队").unwrap_err().to_string(),
                "contains U+3000 (a space other than the ASCII space)".into(),
            ),
            (
                check_name("第２分局").unwrap_err().to_string(),
                "contains U+FF12 (a full-width form; write its ASCII form)".into(),
            ),
            (
                check_name(" 治安").unwrap_err().to_string(),
                "starts or ends with white space".into(),
            ),
            (
                check_region_code("4101").unwrap_err().to_string(),
                "\"4101\" is not six ASCII digits".into(),
            ),
            (
                check_region_code("990105").unwrap_err().to_string(),
                "\"990105\" has no province-level prefix \"99\" in GB/T 2260".into(),
            ),
            (
                validate_uscc("91350100M000100Y44").unwrap_err().to_string(),
                "check character is '4', GB 32100-2015 gives '3'".into(),
            ),
            (
                validate_uscc("91350100M000100Y4").unwrap_err().to_string(),
                "must have 18 characters, has 17".into(),
            ),
            (
                validate_uscc("91350100M000100I43").unwrap_err().to_string(),
                "character 'I' is not in the GB 32100 alphabet".into(),
            ),
            (
                crate::hazmat::checked_ticket(&d(0), "").unwrap_err().to_string(),
                "is empty".into(),
            ),
        ] {
            assert_eq!(e, old);
        }
    }
}
