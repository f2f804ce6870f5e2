//! 附件2 检查对象名录库, extended with the fields a draw needs.

use super::table::{read_rows, to_ascii_form, Columns, Format};
use super::RowProblems;
use crate::dates::parse_date;
use crate::target::{
    CreditClass, IsoDate, RiskLevel, Target, TargetKind, TargetRegister, TargetStatus,
};
use crate::validate::{ProblemKind, RegisterName, ValidationErrors};
use std::collections::{BTreeMap, HashMap};
use time::Date;

pub(crate) const COLUMNS: Columns = &[
    ("no", &["序号", "no"]),
    ("id", &["对象编码", "id"]),
    ("uscc", &["统一社会信用代码", "uscc"]),
    ("name", &["企业名称", "对象名称", "name"]),
    ("established", &["成立日期", "established"]),
    ("address", &["住所", "address"]),
    ("region", &["行政区划代码", "行政区划", "region"]),
    ("industry", &["行业", "行业代码", "industry"]),
    ("kind", &["对象类型", "kind"]),
    ("credit", &["信用类别", "信用等级", "credit"]),
    ("risk", &["风险等级", "risk"]),
    ("department", &["所属部门", "监管部门", "department"]),
    ("status", &["状态", "登记状态", "status"]),
    ("last_inspected", &["检查记录", "last_inspected"]),
];

const REQUIRED: &[&str] = &[
    "name",
    "region",
    "industry",
    "kind",
    "credit",
    "risk",
    "department",
    "status",
];

/// Reads a target register file (CSV or XLSX) as of the register date `as_of`.
/// The id defaults to the USCC; objects without one need 对象编码.
///
/// # Errors
/// Every problem of every row, with row numbers; nothing partial.
pub fn targets(bytes: &[u8], as_of: Date) -> Result<TargetRegister, ValidationErrors> {
    let rows = read_rows(
        bytes,
        Format::sniff(bytes),
        RegisterName::Targets,
        COLUMNS,
        REQUIRED,
    )?;
    let mut p = RowProblems::new(RegisterName::Targets);
    let mut out = Vec::with_capacity(rows.len());
    let mut at: HashMap<String, Vec<usize>> = HashMap::new();
    for row in &rows {
        let uscc =
            Some(to_ascii_form(row.get("uscc")).to_ascii_uppercase()).filter(|u| !u.is_empty());
        let id = Some(to_ascii_form(row.get("id")))
            .filter(|i| !i.is_empty())
            .or_else(|| uscc.clone())
            .unwrap_or_default();
        if id.is_empty() {
            p.push(
                row,
                "",
                "id",
                ProblemKind::Missing,
                "neither 对象编码 nor 统一社会信用代码 is given",
            );
        }
        at.entry(id.clone()).or_default().push(row.number);
        let established = match row.get("established") {
            "" => None,
            d => {
                let v = parse_date(&to_ascii_form(d));
                if v.is_none() {
                    p.push(
                        row,
                        &id,
                        "established",
                        ProblemKind::InvalidDate,
                        format!("{d:?} is not a date"),
                    );
                }
                v
            }
        };
        let kind = p.parsed(
            row,
            &id,
            "kind",
            "kind",
            ProblemKind::UnknownValue,
            TargetKind::parse,
        );
        let credit = p.parsed(
            row,
            &id,
            "credit",
            "credit",
            ProblemKind::UnknownValue,
            CreditClass::parse,
        );
        let risk = p.parsed(
            row,
            &id,
            "risk",
            "risk",
            ProblemKind::UnknownValue,
            RiskLevel::parse,
        );
        let status = p.parsed(
            row,
            &id,
            "status",
            "status",
            ProblemKind::UnknownValue,
            TargetStatus::parse,
        );
        let mut last_inspected = BTreeMap::new();
        for entry in row
            .get("last_inspected")
            .split([';', '；'])
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            let parsed = entry
                .split_once([':', '：'])
                .and_then(|(item, d)| Some((to_ascii_form(item), parse_date(&to_ascii_form(d))?)));
            match parsed {
                Some((item, d)) => {
                    // Several visits for one item: the latest is what exclusion windows use.
                    let e = last_inspected.entry(item).or_insert(IsoDate(d));
                    e.0 = e.0.max(d);
                }
                None => p.push(
                    row,
                    &id,
                    "last_inspected",
                    ProblemKind::InvalidDate,
                    format!("{entry:?} is not ITEM:YYYY-MM-DD"),
                ),
            }
        }
        if let (Some(kind), Some(credit), Some(risk), Some(status)) = (kind, credit, risk, status) {
            out.push(Target {
                id,
                uscc,
                name: row.get("name").to_string(),
                established,
                address: row.get("address").to_string(),
                region: to_ascii_form(row.get("region")),
                industry: to_ascii_form(row.get("industry")),
                kind,
                credit,
                risk,
                department: row.get("department").to_string(),
                status,
                last_inspected,
            });
        }
    }
    let built = TargetRegister::new(as_of, out);
    p.finish(&at, built)
}
