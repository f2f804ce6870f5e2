//! 检查结果 entered in a sheet (issue 17 §5, issue 18 §2): one row per inspected target,
//! read into [`InspectionResult`]s and checked against the draw record they belong to, so
//! that a clerk's typing error and a result for a target nobody drew are both refused with
//! their row ("谁检查、谁录入、谁公开": only the drawn team enters, only drawn targets,
//! only the plan's items).
//!
//! The sheet is the one [`results_template_csv`] writes from the record: targets, items and
//! team ids already filled, the inspectors' names and badges taken from the inspector
//! register (never typed), the outcome from the published list of 检查结果.

use super::rows::Rows;
use super::table::{read_rows, to_ascii_form, Columns, Input, Row};
use super::{split_list, RowProblems};
use crate::draw::SealedRecord;
use crate::publish::{
    ContactPerson, FieldKind, FollowUp, InspectionResult, OutcomeCode, ResultTarget, Sensitivity,
    SensitivityMark, TeamMember,
};
use crate::registers::fields::dates::parse_date;
use crate::registers::inspector::InspectorRegister;
use crate::registers::target::TargetRegister;
use crate::registers::validate::{ProblemKind, RegisterName, ValidationErrors};
use std::collections::{BTreeMap, HashMap};

pub(crate) const COLUMNS: Columns = &[
    ("no", &["序号", "no"]),
    ("id", &["结果编号", "id"]),
    ("target", &["检查对象编码", "对象编码", "target"]),
    ("name", &["企业名称", "对象名称", "name"]),
    ("uscc", &["统一社会信用代码", "uscc"]),
    ("address", &["住所", "经营场所", "address"]),
    ("items", &["抽查事项", "事项编码", "items"]),
    ("team", &["检查人员", "人员编码", "team"]),
    ("inspection_date", &["检查日期", "inspection_date"]),
    ("result_date", &["结果日期", "结果产生日期", "result_date"]),
    ("entered_by", &["录入人", "entered_by"]),
    ("outcome", &["检查结果", "outcome"]),
    ("findings", &["检查情况", "findings"]),
    ("follow_up", &["后续处置", "follow_up"]),
    ("sensitivity", &["不予公示依据", "sensitivity"]),
    ("contact", &["负责人", "contact"]),
    ("contact_id", &["负责人身份证号码", "contact_id_number"]),
    ("contact_mobile", &["负责人手机号码", "contact_mobile"]),
];

const REQUIRED: &[&str] = &[
    "target",
    "name",
    "items",
    "team",
    "inspection_date",
    "result_date",
    "entered_by",
    "outcome",
];

/// The sheet's headers, in order (the template writes them; the importer reads them).
pub fn results_headers() -> Vec<&'static str> {
    COLUMNS
        .iter()
        .map(|(_, names)| names.first().copied().unwrap_or_default())
        .collect()
}

/// Field names as the sheet writes them after a sensitivity class (`个人隐私:负责人`).
const FIELDS: &[(&str, FieldKind)] = &[
    ("对象编码", FieldKind::TargetId),
    ("企业名称", FieldKind::TargetName),
    ("统一社会信用代码", FieldKind::TargetUscc),
    ("住所", FieldKind::TargetAddress),
    ("负责人", FieldKind::ContactName),
    ("负责人身份证号码", FieldKind::ContactIdNumber),
    ("负责人手机号码", FieldKind::ContactMobile),
    ("抽查事项", FieldKind::Items),
    ("人员编码", FieldKind::InspectorId),
    ("检查人员姓名", FieldKind::InspectorName),
    ("警号", FieldKind::InspectorBadge),
    ("检查日期", FieldKind::InspectionDate),
    ("结果日期", FieldKind::ResultDate),
    ("录入人", FieldKind::EnteredBy),
    ("检查结果", FieldKind::Outcome),
    ("检查情况", FieldKind::Findings),
    ("后续处置", FieldKind::FollowUp),
];

/// The four grounds, as the sheet writes them.
pub const SENSITIVITY_LABELS: [&str; 4] = ["国家秘密", "警务工作秘密", "商业秘密", "个人隐私"];

fn sensitivity(label: &str) -> Option<Sensitivity> {
    match label {
        "国家秘密" => Some(Sensitivity::StateSecret),
        "警务工作秘密" => Some(Sensitivity::PoliceWorkSecret),
        "商业秘密" => Some(Sensitivity::CommercialSecret),
        "个人隐私" => Some(Sensitivity::PersonalPrivacy),
        _ => None,
    }
}

/// `国家秘密` (the whole result) or `个人隐私:负责人` (one field).
fn parse_mark(text: &str) -> Option<SensitivityMark> {
    let (class, field) = match text.split_once([':', '：']) {
        Some((c, f)) => (c.trim(), Some(f.trim())),
        None => (text.trim(), None),
    };
    let class = sensitivity(class)?;
    let field = match field {
        None => None,
        Some(f) => Some(FIELDS.iter().find(|(n, _)| *n == f).map(|(_, k)| *k)?),
    };
    Some(SensitivityMark { class, field })
}

/// 责令改正（期限2023-10-01）, 立案查处, 移送司法机关, 列入经营异常名录, 移送<部门>.
fn parse_follow_up(text: &str) -> Option<FollowUp> {
    let t = text.trim();
    if let Some(rest) = t.strip_prefix("责令改正") {
        let inner = rest
            .trim()
            .trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')'])
            .trim_start_matches("期限")
            .trim();
        return parse_date(&to_ascii_form(inner))
            .map(|deadline| FollowUp::OrderedToCorrect { deadline });
    }
    match t {
        "立案查处" => Some(FollowUp::CaseOpened),
        "移送司法机关" => Some(FollowUp::TransferredToJudicialOrgans),
        "列入经营异常名录" => Some(FollowUp::ListedAsAbnormal),
        _ => t
            .strip_prefix("移送")
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| FollowUp::TransferredToDepartment {
                department: crate::registers::fields::names::normalise_name(d),
            }),
    }
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Reads a results sheet (CSV or XLSX) for the draw of `sealed` (verify it first), taking
/// the team's names and badges from `inspectors` and checking each target's name and USCC
/// against the committed register `targets` (a result is published, and fed to the credit
/// system, under them: a drawn id beside another company's USCC must not pass). A result's
/// id is its 结果编号, or the target id where the target has one row.
///
/// # Errors
/// Every problem of every row, with its row number: unreadable cells, unknown inspectors,
/// and whatever does not belong to the draw (an undrawn target, an inspector off the
/// drawn team, an item outside the plan). Nothing partial is returned.
pub fn results(
    bytes: &[u8],
    sealed: &SealedRecord,
    targets: &TargetRegister,
    inspectors: &InspectorRegister,
) -> Result<Vec<InspectionResult>, ValidationErrors> {
    results_from(Input::File(bytes), sealed, targets, inspectors)
}

/// As [`results`], from rows a database, a cursor or an Arrow table gave (the host
/// system's result table; docs/embedding.md).
///
/// # Errors
/// As [`results`], each problem naming the source column.
pub fn results_from_rows(
    rows: &Rows,
    sealed: &SealedRecord,
    targets: &TargetRegister,
    inspectors: &InspectorRegister,
) -> Result<Vec<InspectionResult>, ValidationErrors> {
    results_from(Input::Rows(rows), sealed, targets, inspectors)
}

fn results_from(
    input: Input<'_>,
    sealed: &SealedRecord,
    targets: &TargetRegister,
    inspectors: &InspectorRegister,
) -> Result<Vec<InspectionResult>, ValidationErrors> {
    let sheet = read_rows(input, RegisterName::Results, COLUMNS, REQUIRED)?;
    let rows = &sheet.rows;
    let mut p = RowProblems::new(RegisterName::Results);
    let mut per_target: HashMap<String, usize> = HashMap::new();
    for r in rows {
        *per_target
            .entry(to_ascii_form(r.get("target")))
            .or_default() += 1;
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut suite_said = false;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let drawn: std::collections::BTreeSet<&str> = sealed.record.selected_ids().collect();
    for row in rows {
        let target = to_ascii_form(row.get("target"));
        let id = match opt(row.get("id")).map(|i| to_ascii_form(&i)) {
            Some(i) => i,
            None if per_target.get(&target).copied().unwrap_or(0) > 1 => {
                p.push(row, &target, "id", ProblemKind::Missing, "这一对象有多行，请为每行填写结果编号 · the target has several rows: give each a 结果编号");
                continue;
            }
            None => target.clone(),
        };
        if let Some(first) = seen.insert(id.clone(), row.number) {
            p.push(
                row,
                &id,
                "id",
                ProblemKind::Duplicate,
                format!("also on row {first}"),
            );
        }
        if let Err(e) = crate::registers::fields::ids::check_id(&id) {
            p.push(
                row,
                &id,
                "id",
                ProblemKind::InvalidId,
                format!("result id {e}"),
            );
        }
        // A result published as "T2" must be T2's: an id naming another drawn target would
        // read as that target's result.
        if id != target && drawn.contains(id.as_str()) {
            p.push(
                row,
                &id,
                "id",
                ProblemKind::UnknownValue,
                format!("结果编号 {id} 是另一抽中对象的编码 · is the id of another drawn target"),
            );
        }
        if let Some(r) = parse_row(&mut p, row, &id, &target, sealed, inspectors) {
            check_against_register(&mut p, row, &r, targets);
            check_dates_and_team(&mut p, row, &r, sealed);
            // The draw's own rules, row by row so each problem keeps its row.
            if let Err(crate::publish::PublishError::NotInDraw { problems }) =
                crate::publish::check_results_in_draw(std::slice::from_ref(&r), sealed)
            {
                for m in problems {
                    // The record's own suite concerns the file, not this row: said once.
                    if !m.starts_with(&format!("{id}: ")) {
                        if !suite_said {
                            suite_said = true;
                            p.push(row, &id, "draw_record", ProblemKind::UnknownValue, m);
                        }
                        continue;
                    }
                    let m = m.strip_prefix(&format!("{id}: ")).unwrap_or(&m).to_string();
                    p.push(row, &id, "target", ProblemKind::UnknownValue, m);
                }
            }
            out.push(r);
        }
    }
    let problems = p.take();
    sheet.name_columns(if problems.is_empty() {
        Ok(out)
    } else {
        Err(ValidationErrors { problems })
    })
}

/// The target's name and USCC as the committed register states them.
fn check_against_register(
    p: &mut RowProblems,
    row: &Row,
    r: &InspectionResult,
    targets: &TargetRegister,
) {
    let id = r.id.as_str();
    let Some(t) = targets.get(&r.target.id) else {
        return; // Not in the register: the draw check names it as not drawn.
    };
    let key = crate::registers::fields::names::normalise_name;
    if key(&r.target.name).split_whitespace().collect::<String>()
        != key(&t.name).split_whitespace().collect::<String>()
    {
        p.push(
            row,
            id,
            "name",
            ProblemKind::UnknownValue,
            format!(
                "{:?} 与名录库所载 {:?} 不符 · differs from the register",
                r.target.name, t.name
            ),
        );
    }
    if r.target.uscc.is_some() && r.target.uscc != t.uscc {
        p.push(
            row,
            id,
            "uscc",
            ProblemKind::UnknownValue,
            format!(
                "{} 与名录库所载 {} 不符 · differs from the register",
                r.target.uscc.as_deref().unwrap_or(""),
                t.uscc.as_deref().unwrap_or("（无）")
            ),
        );
    }
}

/// 行政处罚法: at least two officers; an inspection on or after the plan's first day, and
/// a result on or after its inspection.
fn check_dates_and_team(
    p: &mut RowProblems,
    row: &Row,
    r: &InspectionResult,
    sealed: &SealedRecord,
) {
    let id = r.id.as_str();
    let first = sealed.record.commitment.commitment.plan.inspection_date;
    if r.inspection_date < first {
        p.push(
            row,
            id,
            "inspection_date",
            ProblemKind::InvalidDate,
            format!(
                "{} 早于计划的检查开始日 {first} · lies before the plan's first inspection day",
                r.inspection_date
            ),
        );
    }
    if r.result_date < r.inspection_date {
        p.push(
            row,
            id,
            "result_date",
            ProblemKind::InvalidDate,
            format!(
                "{} 早于检查日期 {} · lies before the inspection",
                r.result_date, r.inspection_date
            ),
        );
    }
    if r.team.len() < 2 {
        p.push(
            row,
            id,
            "team",
            ProblemKind::Missing,
            "执法人员不得少于两人 · at least two inspectors (行政处罚法)",
        );
    }
}

fn parse_row(
    p: &mut RowProblems,
    row: &Row,
    id: &str,
    target: &str,
    sealed: &SealedRecord,
    inspectors: &InspectorRegister,
) -> Option<InspectionResult> {
    let date = |p: &mut RowProblems, key: &str| {
        p.parsed(row, id, key, key, ProblemKind::InvalidDate, parse_date)
    };
    let inspection_date = date(p, "inspection_date");
    let result_date = date(p, "result_date");
    let outcome = p.parsed(
        row,
        id,
        "outcome",
        "outcome",
        ProblemKind::UnknownValue,
        OutcomeCode::parse,
    );
    let mut team = Vec::new();
    for m in split_list(row.get("team")) {
        let m = to_ascii_form(&m);
        let found = inspectors
            .inspectors()
            .binary_search_by(|i| i.id.as_str().cmp(m.as_str()))
            .ok()
            .and_then(|k| inspectors.inspectors().get(k));
        match found {
            Some(i) => team.push(TeamMember {
                inspector_id: m,
                name: i.personal.name.clone(),
                badge: opt(&i.personal.badge),
            }),
            None => p.push(
                row,
                id,
                "team",
                ProblemKind::UnknownValue,
                format!("{m} is not in the inspector register"),
            ),
        }
    }
    if team.is_empty() && !row.get("team").is_empty() {
        return None;
    }
    let mut follow_up = Vec::new();
    for f in split_list(row.get("follow_up")) {
        match parse_follow_up(&f) {
            Some(x) => follow_up.push(x),
            None => p.push(row, id, "follow_up", ProblemKind::UnknownValue, format!("{f:?} is not understood (责令改正（期限YYYY-MM-DD）、立案查处、移送司法机关、列入经营异常名录、移送<部门>)")),
        }
    }
    let mut marks = Vec::new();
    for m in split_list(row.get("sensitivity")) {
        match parse_mark(&m) {
            Some(x) => marks.push(x),
            None => p.push(row, id, "sensitivity", ProblemKind::UnknownValue, format!("{m:?} is not understood (国家秘密、警务工作秘密、商业秘密、个人隐私, optionally :字段)")),
        }
    }
    let contact = opt(row.get("contact")).map(|name| ContactPerson {
        name,
        id_number: opt(row.get("contact_id")),
        mobile: opt(row.get("contact_mobile")),
    });
    if contact.is_none()
        && (!row.get("contact_id").is_empty() || !row.get("contact_mobile").is_empty())
    {
        p.push(
            row,
            id,
            "contact",
            ProblemKind::Missing,
            "负责人证件或手机已填而姓名为空 · an id number or mobile without the person's name",
        );
    }
    let items: Vec<String> = split_list(row.get("items"))
        .iter()
        .map(|i| to_ascii_form(i))
        .collect();
    let entered_by = to_ascii_form(&p.required(row, id, "entered_by", "entered_by"));
    let name = p.required(row, id, "name", "name");
    if items.is_empty() || team.is_empty() {
        for (k, v) in [("items", items.is_empty()), ("team", team.is_empty())] {
            if v && row.get(k).is_empty() {
                p.push(row, id, k, ProblemKind::Missing, "is empty");
            }
        }
        return None;
    }
    Some(InspectionResult {
        id: id.to_string(),
        draw_record: sealed.hash,
        target: ResultTarget {
            id: target.to_string(),
            name,
            uscc: opt(row.get("uscc")).map(|u| to_ascii_form(&u).to_ascii_uppercase()),
            address: opt(row.get("address")),
            contact,
        },
        items,
        team,
        inspection_date: inspection_date?,
        result_date: result_date?,
        entered_by,
        outcome: outcome?,
        findings: row.get("findings").trim().to_string(),
        follow_up,
        sensitivity: marks,
    })
}

/// The results sheet for the draw of `sealed`, as UTF-8 CSV with a byte-order mark: one
/// row per drawn target in matching order, with its name, USCC and address from the public
/// target register, the plan's items and the drawn team's ids filled in; the rest is for
/// the team to enter.
pub fn results_template_csv(sealed: &SealedRecord, targets: &TargetRegister) -> String {
    // A byte-order mark, so that a spreadsheet opens the UTF-8 file as such.
    format!(
        "\u{feff}{}",
        super::export::write(COLUMNS, results_template_rows(sealed, targets).into_iter())
    )
}

/// The rows of [`results_template_csv`], cell by cell in [`results_headers`] order.
pub fn results_template_rows(sealed: &SealedRecord, targets: &TargetRegister) -> Vec<Vec<String>> {
    let rec = &sealed.record;
    let items = rec.commitment.commitment.plan.items.join("；");
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (n, team) in rec.teams.iter().enumerate() {
        let t = targets.get(&team.target);
        let mut cells: BTreeMap<&str, String> = BTreeMap::new();
        cells.insert("no", (n + 1).to_string());
        cells.insert("target", team.target.clone());
        cells.insert("name", t.map(|t| t.name.clone()).unwrap_or_default());
        cells.insert("uscc", t.and_then(|t| t.uscc.clone()).unwrap_or_default());
        cells.insert("address", t.map(|t| t.address.clone()).unwrap_or_default());
        cells.insert("items", items.clone());
        cells.insert(
            "team",
            team.members
                .iter()
                .map(|m| m.inspector.as_str())
                .collect::<Vec<_>>()
                .join("；"),
        );
        rows.push(
            COLUMNS
                .iter()
                .map(|(k, _)| cells.remove(k).unwrap_or_default())
                .collect(),
        );
    }
    rows
}
