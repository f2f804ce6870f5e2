//! 附件2 执法检查人员名录库, extended with qualification, expertise and conflicts.

use super::rows::Rows;
use super::table::{read_rows, to_ascii_form, Columns, Input};
use super::{split_list, RowProblems};
use crate::registers::fields::dates::parse_date;
use crate::registers::inspector::{
    Inspector, InspectorRegister, InspectorStatus, PersonalInfo, Qualification, Sex,
};
use crate::registers::validate::{ProblemKind, RegisterName, ValidationErrors};
use std::collections::HashMap;
use time::Date;

pub(crate) const COLUMNS: Columns = &[
    ("no", &["序号", "no"]),
    ("id", &["人员编码", "id"]),
    ("name", &["姓名", "name"]),
    ("sex", &["性别", "sex"]),
    ("rank", &["职务（职级）", "职务", "rank"]),
    ("badge", &["警号", "badge"]),
    ("department", &["所属部门", "department"]),
    ("office_phone", &["联系电话", "office_phone"]),
    ("mobile", &["手机号码", "mobile"]),
    ("certificate", &["执法证号", "certificate"]),
    ("valid_from", &["执法证有效期起", "valid_from"]),
    (
        "valid_until",
        &["执法证有效期至", "执法证有效期止", "valid_until"],
    ),
    ("expertise", &["业务专长", "expertise"]),
    ("status", &["状态", "人员状态", "status"]),
    ("expert", &["专家库", "expert"]),
    ("conflicts", &["回避对象", "conflicts"]),
    ("region", &["所在地区", "region"]),
    ("unit", &["工作单位", "unit"]),
];

/// The seed's template (附件2 执法检查人员名录库: 序号, 姓名, 性别, 职务（职级）, 警号, 所属部门,
/// 联系电话, 手机号码) has no 人员编码: the id is then the 警号.
const REQUIRED: &[&str] = &["name", "department"];

/// What a sheet without certificate columns records as the qualification: being on the
/// register (名录库 "涵盖所有具有行政执法资格的执法检查人员"), from the register date on.
pub const REGISTER_QUALIFICATION: &str = "名录库在册";

fn parse_bool(s: &str) -> Option<bool> {
    match s.trim() {
        "" | "否" | "no" | "false" | "0" => Some(false),
        "是" | "yes" | "true" | "1" => Some(true),
        _ => None,
    }
}

/// Reads an inspector register file (CSV or XLSX) as of `as_of`. A missing 状态 means
/// active (在岗), as in the bare 附件2 template.
///
/// # Errors
/// Every problem of every row, with row numbers; nothing partial.
pub fn inspectors(bytes: &[u8], as_of: Date) -> Result<InspectorRegister, ValidationErrors> {
    inspectors_with_notes(bytes, as_of).map(|(r, _)| r)
}

/// As [`inspectors`], with what the import derived or assumed (ids taken from 警号, the
/// qualification taken from register membership), for the person importing.
///
/// # Errors
/// As [`inspectors`].
pub fn inspectors_with_notes(
    bytes: &[u8],
    as_of: Date,
) -> Result<(InspectorRegister, Vec<String>), ValidationErrors> {
    inspectors_from(Input::File(bytes), as_of)
}

/// As [`inspectors_with_notes`], from rows a database, a cursor or an Arrow table gave.
///
/// # Errors
/// Every unknown column, every problem of every row; nothing partial.
pub fn inspectors_from_rows(
    rows: &Rows,
    as_of: Date,
) -> Result<(InspectorRegister, Vec<String>), ValidationErrors> {
    inspectors_from(Input::Rows(rows), as_of)
}

fn inspectors_from(
    input: Input<'_>,
    as_of: Date,
) -> Result<(InspectorRegister, Vec<String>), ValidationErrors> {
    let sheet = read_rows(input, RegisterName::Inspectors, COLUMNS, REQUIRED)?;
    let rows = &sheet.rows;
    let mut p = RowProblems::new(RegisterName::Inspectors);
    let mut out = Vec::with_capacity(rows.len());
    let mut at: HashMap<String, Vec<usize>> = HashMap::new();
    let mut notes = Vec::new();
    // The 名录库 covers "所有具有行政执法资格的执法检查人员": a sheet with no certificate
    // data at all qualifies its members by membership, and says so.
    let by_membership = rows.iter().all(|r| {
        ["certificate", "valid_from", "valid_until"]
            .iter()
            .all(|k| r.get(k).is_empty())
    });
    if by_membership && !rows.is_empty() {
        notes.push(format!(
            "表中无执法证信息：在册人员均视为具有执法资格（{REGISTER_QUALIFICATION}，自 {as_of} 起）· no certificate columns: being on the register counts as enforcement qualification from {as_of}"
        ));
    }
    for row in rows {
        let given = to_ascii_form(row.get("id"));
        let id = if given.is_empty() {
            let badge = to_ascii_form(row.get("badge"));
            if !badge.is_empty() {
                notes.push(format!(
                    "第 {} 行：无人员编码，以警号 {badge} 为编码（编码会出现在公开的名录库视图和抽取记录中；如不宜公开，请增加人员编码列）· row {}: no 人员编码, the 警号 {badge} is the id (ids appear in the public view and the record; add a 人员编码 column if the badge must not)",
                    row.number, row.number
                ));
            }
            badge
        } else {
            given
        };
        if id.is_empty() {
            p.push(
                row,
                "",
                "id",
                ProblemKind::Missing,
                "neither 人员编码 nor 警号 is given",
            );
        }
        p.example_row(row, &id);
        at.entry(id.clone()).or_default().push(row.number);
        let mut date = |key: &str| -> Option<Date> {
            let v = row.get(key);
            if v.is_empty() {
                return None;
            }
            let d = parse_date(&to_ascii_form(v));
            if d.is_none() {
                p.push(
                    row,
                    &id,
                    key,
                    ProblemKind::InvalidDate,
                    format!("{v:?} is not a date"),
                );
            }
            d
        };
        let (from, until) = (date("valid_from"), date("valid_until"));
        let certificate = to_ascii_form(row.get("certificate"));
        let qualification = match (certificate.is_empty(), from, until) {
            // Expert-pool members (专家库) are not enforcement officers by membership.
            (true, None, None) if by_membership && parse_bool(row.get("expert")) != Some(true) => {
                Some(Qualification {
                    certificate: REGISTER_QUALIFICATION.into(),
                    valid_from: as_of,
                    // The last day every reader accepts (dates are 1900–2999).
                    valid_until: time::macros::date!(2999 - 12 - 31),
                })
            }
            (true, None, None) => None,
            (_, Some(valid_from), Some(valid_until)) => Some(Qualification {
                certificate,
                valid_from,
                valid_until,
            }),
            _ => {
                p.push(
                    row,
                    &id,
                    "certificate",
                    ProblemKind::Missing,
                    "a qualification needs the certificate number and both validity dates",
                );
                None
            }
        };
        let sex = match row.get("sex") {
            "" => None,
            s => {
                let v = Sex::parse(s);
                if v.is_none() {
                    p.push(
                        row,
                        &id,
                        "sex",
                        ProblemKind::UnknownValue,
                        format!("{s:?} is not 男 or 女"),
                    );
                }
                v
            }
        };
        let status = match row.get("status") {
            "" => Some(InspectorStatus::Active),
            s => p.parsed(
                row,
                &id,
                "status",
                "status",
                ProblemKind::UnknownValue,
                |_| InspectorStatus::parse(s),
            ),
        };
        let expert = parse_bool(row.get("expert"));
        if expert.is_none() {
            p.push(
                row,
                &id,
                "expert",
                ProblemKind::UnknownValue,
                format!("{:?} is not 是 or 否", row.get("expert")),
            );
        }
        let region = Some(to_ascii_form(row.get("region"))).filter(|r| !r.is_empty());
        if let (Some(status), Some(expert)) = (status, expert) {
            out.push(Inspector {
                id,
                department: crate::registers::fields::names::normalise_name(row.get("department")),
                unit: row.get("unit").to_string(),
                region,
                rank: row.get("rank").to_string(),
                qualification,
                expertise: split_list(row.get("expertise")),
                status,
                expert,
                conflicts: split_list(row.get("conflicts")),
                personal: PersonalInfo {
                    name: row.get("name").to_string(),
                    sex,
                    badge: to_ascii_form(row.get("badge")),
                    office_phone: to_ascii_form(row.get("office_phone")),
                    mobile: to_ascii_form(row.get("mobile")),
                },
            });
        }
    }
    let built = InspectorRegister::new(as_of, out);
    sheet.name_columns(p.finish(|| at, built).map(|r| (r, notes)))
}
