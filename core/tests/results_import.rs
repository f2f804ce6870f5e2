//! The results sheet (issue 17 §5, issue 18 §2): written from the sealed record, filled by
//! the team, read back and checked against the draw — every problem with its row.
#![cfg(feature = "import")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use shuangsuiji::import::{results, results_headers, results_template_csv};
use shuangsuiji::publish::{FollowUp, OutcomeCode, Sensitivity};
use shuangsuiji::registers::*;
use shuangsuiji::SealedRecord;

fn setup() -> (World, SealedRecord, InspectorRegister) {
    let w = World::new(targets(400), inspectors(12, 0));
    let sealed = w.sealed(plan(), 1);
    let reg = InspectorRegister::new(AS_OF, inspectors(12, 0)).unwrap();
    (w, sealed, reg)
}

/// The template's rows as cells, with a setter by header name.
struct Sheet {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Sheet {
    fn parse(csv: &str) -> Sheet {
        let mut lines = csv.trim_start_matches('\u{feff}').lines();
        let split = |l: &str| l.split(',').map(str::to_string).collect::<Vec<_>>();
        let header = split(lines.next().unwrap());
        Sheet {
            header,
            rows: lines.filter(|l| !l.is_empty()).map(split).collect(),
        }
    }
    fn col(&self, name: &str) -> usize {
        self.header.iter().position(|h| h == name).unwrap()
    }
    fn get(&self, row: usize, name: &str) -> String {
        self.rows[row][self.col(name)].clone()
    }
    fn set(&mut self, row: usize, name: &str, v: &str) {
        let c = self.col(name);
        self.rows[row][c] = v.to_string();
    }
    /// Fills every row as a team would.
    fn fill(&mut self) {
        for r in 0..self.rows.len() {
            let first = self
                .get(r, "检查人员")
                .split('；')
                .next()
                .unwrap()
                .to_string();
            self.set(r, "检查日期", "2023-09-06");
            self.set(r, "结果日期", "2023-09-08");
            self.set(r, "录入人", &first);
            self.set(r, "检查结果", "未发现问题");
        }
    }
    fn bytes(&self) -> Vec<u8> {
        let mut s = self.header.join(",");
        for r in &self.rows {
            s.push('\n');
            s.push_str(&r.join(","));
        }
        s.into_bytes()
    }
}

#[test]
fn a_filled_template_imports_with_names_and_badges_from_the_register() {
    let (w, sealed, reg) = setup();
    let csv = results_template_csv(&sealed, &w.targets);
    let mut sheet = Sheet::parse(&csv);
    assert_eq!(sheet.header, results_headers());
    assert_eq!(sheet.rows.len(), sealed.record.teams.len());
    sheet.fill();
    sheet.set(0, "后续处置", "责令改正（期限2023-10-01）；移送市场监管局");
    sheet.set(0, "检查结果", "发现问题已责令改正");
    sheet.set(1, "不予公示依据", "个人隐私:负责人");
    let got = results(&sheet.bytes(), &sealed, &w.targets, &reg).unwrap();
    assert_eq!(got.len(), sheet.rows.len());
    let r = &got[0];
    assert_eq!(r.draw_record, sealed.hash);
    assert_eq!(r.id, r.target.id);
    assert_eq!(r.outcome, OutcomeCode::ProblemFoundOrderedToCorrect);
    assert_eq!(r.follow_up.len(), 2);
    assert!(
        matches!(r.follow_up[1], FollowUp::TransferredToDepartment { ref department } if department == "市场监管局")
    );
    let member = &r.team[0];
    let person = reg
        .inspectors()
        .iter()
        .find(|i| i.id == member.inspector_id)
        .unwrap();
    assert_eq!(member.name, person.personal.name);
    assert_eq!(got[1].sensitivity[0].class, Sensitivity::PersonalPrivacy);
    // The results publish as they are (the draw's own check passes).
    shuangsuiji::publish::check_results_in_draw(&got, &sealed).unwrap();
}

#[test]
fn rows_outside_the_draw_are_refused_with_their_rows() {
    let (w, sealed, reg) = setup();
    let mut sheet = Sheet::parse(&results_template_csv(&sealed, &w.targets));
    sheet.fill();
    let drawn: std::collections::BTreeSet<String> =
        sealed.record.selected_ids().map(str::to_string).collect();
    let undrawn = w
        .targets
        .targets()
        .iter()
        .find(|t| !drawn.contains(&t.id))
        .unwrap()
        .id
        .clone();
    // Row 2 (first data row): a target nobody drew.
    sheet.set(0, "检查对象编码", &undrawn);
    // Row 3: an inspector of the register who is not on the drawn team.
    let team: Vec<String> = sheet
        .get(1, "检查人员")
        .split('；')
        .map(str::to_string)
        .collect();
    let outsider = reg
        .inspectors()
        .iter()
        .find(|i| !team.contains(&i.id))
        .unwrap()
        .id
        .clone();
    sheet.set(1, "录入人", &outsider);
    // Row 4: an item outside the plan.
    sheet.set(2, "抽查事项", "HA-GAT-006");
    // Row 5: a date that is no date, an outcome not on the list, a follow-up not understood.
    sheet.set(3, "检查日期", "2023-13-01");
    sheet.set(3, "检查结果", "合格");
    sheet.set(3, "后续处置", "批评教育");
    // Row 6: someone not in the register at all.
    sheet.set(4, "检查人员", "P9999");
    // Row 7: another company's name and USCC beside a drawn id.
    let other = w.targets.targets()[0].clone();
    sheet.set(5, "企业名称", &other.name);
    sheet.set(5, "统一社会信用代码", other.uscc.as_deref().unwrap());
    // Row 8: a result id that is another drawn target's id.
    let other_drawn = sheet.get(7, "检查对象编码");
    sheet.set(6, "结果编号", &other_drawn);
    // Row 10: one inspector; an inspection before the plan's first day; a result before it.
    let one = sheet
        .get(8, "检查人员")
        .split('；')
        .next()
        .unwrap()
        .to_string();
    sheet.set(8, "检查人员", &one);
    sheet.set(8, "检查日期", "2023-09-01");
    sheet.set(8, "结果日期", "2023-08-31");
    let e = results(&sheet.bytes(), &sealed, &w.targets, &reg).unwrap_err();
    let at = |row: usize, field: &str, needle: &str| {
        assert!(
            e.problems
                .iter()
                .any(|p| p.row == Some(row) && p.field == field && p.message.contains(needle)),
            "row {row} {field} {needle}: {:#?}",
            e.problems
        );
    };
    at(2, "target", "was not drawn");
    at(3, "target", "is not on the drawn team");
    at(4, "target", "item HA-GAT-006 is not in the plan");
    at(5, "inspection_date", "not understood");
    at(5, "outcome", "not understood");
    at(5, "follow_up", "批评教育");
    at(6, "team", "P9999 is not in the inspector register");
    at(7, "name", "differs from the register");
    at(7, "uscc", "differs from the register");
    at(8, "id", "is the id of another drawn target");
    at(9, "id", "also on row 8");
    at(10, "team", "at least two inspectors");
    at(
        10,
        "inspection_date",
        "lies before the plan's first inspection day",
    );
    at(10, "result_date", "lies before the inspection");
}

#[test]
fn a_target_with_two_rows_needs_result_ids() {
    let (w, sealed, reg) = setup();
    let mut sheet = Sheet::parse(&results_template_csv(&sealed, &w.targets));
    sheet.fill();
    let dup = sheet.rows[0].clone();
    sheet.rows.push(dup);
    let e = results(&sheet.bytes(), &sealed, &w.targets, &reg).unwrap_err();
    assert!(
        e.problems
            .iter()
            .any(|p| p.field == "id" && p.row == Some(2)),
        "{:?}",
        e.problems
    );
    let last = sheet.rows.len() - 1;
    sheet.set(0, "结果编号", "R-1");
    sheet.set(last, "结果编号", "R-2");
    assert_eq!(
        results(&sheet.bytes(), &sealed, &w.targets, &reg)
            .unwrap()
            .len(),
        sheet.rows.len()
    );
}

/// A second column for one field (a hidden 检查对象编码, say) is refused: what a reviewer
/// reads and what is imported must be the same cells.
#[test]
fn a_field_with_two_columns_is_refused() {
    let (w, sealed, reg) = setup();
    let mut sheet = Sheet::parse(&results_template_csv(&sealed, &w.targets));
    sheet.fill();
    sheet.header.push("检查对象编码".into());
    for r in &mut sheet.rows {
        r.push("91410100MA00000000".into());
    }
    let e = results(&sheet.bytes(), &sealed, &w.targets, &reg).unwrap_err();
    assert!(
        e.problems[0]
            .message
            .contains("a field has two columns: target"),
        "{:?}",
        e.problems
    );
}
