//! Chinese messages and kinds of the registers' errors (一单两库).

use super::Explain;
use crate::registers::fields::{FieldError, RefusedChar, MAX_ID_LEN};
use crate::registers::{Problem, RegisterName, ValidationErrors};

// The Chinese names of the fixed values that errors carry, in the vocabulary of
// docs/errors.md.

fn register_zh(r: RegisterName) -> &'static str {
    match r {
        RegisterName::ItemList => "事项清单",
        RegisterName::Targets => "检查对象名录库",
        RegisterName::Inspectors => "执法检查人员名录库",
        RegisterName::Results => "检查结果表",
        RegisterName::IdList => "ID 列表",
    }
}

/// One problem, as `Problem`'s `Display` gives it in English: register, row, record,
/// field and message (the message as it is).
pub(super) fn problem_zh(p: &Problem) -> String {
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

pub(super) fn refused_zh(c: RefusedChar) -> &'static str {
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
