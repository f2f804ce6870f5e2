//! Issue 18, point 1: the seed's three templates (附件1, 附件2 ×2), filled in exactly as
//! printed — and each with an added USCC column — import in CSV and XLSX; what they do not
//! state is unknown, never guessed, and a plan that relies on it is refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use shuangsuiji::draw::{DrawError, StratifyBy, TargetFilter};
use shuangsuiji::import;
use shuangsuiji::registers::{CreditClass, RiskLevel, TargetKind, TargetStatus};
use shuangsuiji::Explain;
use time::macros::date;

const AS_OF: time::Date = date!(2023 - 08 - 23);

/// 附件2 检查对象名录库 as printed: 序号, 企业名称, 成立日期, 住所.
const TARGETS: &str = "检查对象名录库\n填报部门：（盖章）\n序号,企业名称,成立日期,住所\n\
1,郑州某某娱乐有限公司,2015-03-02,河南省郑州市金水区花园路88号\n\
2,郑州某某歌舞厅,2018-07-15,河南省郑州市二七区大学路1号\n\
3,开封某某网吧,2019-01-20,河南省开封市龙亭区中山路3号\n";

/// 附件2 执法检查人员名录库 as printed: 序号, 姓名, 性别, 职务（职级）, 警号, 所属部门, 联系电话, 手机号码.
const INSPECTORS: &str = "执法检查人员名录库\n填报部门：（盖章）\n序号,姓名,性别,职务（职级）,警号,所属部门,联系电话,手机号码\n\
1,张三,男,一级警长,100001,省公安厅治安总队,0371-65550001,13800000001\n\
2,李四,女,二级警长,100002,省公安厅治安总队,0371-65550002,13800000002\n\
3,王五,男,三级警长,100003,省公安厅治安总队,0371-65550003,13800000003\n\
4,赵六,男,四级警长,100004,省公安厅治安总队,0371-65550004,13800000004\n";

/// 附件1 as printed (its headers spaced as in the seed), with its own sample row.
const ITEMS: &str = "省公安厅“双随机、一公开”监管事项随机抽查清单（样例）\n填报部门：（盖章）\n\
序号,部 门,\"抽 查\n事 项\",检 查对 象,检查内容,事 项类 别,检查方式,检查部门实施层级,检查依据,备 注\n\
1,省市场监督管理局,年度报告公示信息的检查,企业、个体、工商户、农民专业合作社,年度报告、即时公示信息是否真实、及时、全面,一般检查事项,现场检查、书面检查、网络检查、专业机构检查,省、市、县市场监管部门,《企业信息公示暂行条例》第三条、第八条,事项类别：要注明是一般检查事项，还是重点检查事项\n\
2,省公安厅治安总队,娱乐场所监督检查,娱乐场所,备案情况,重点检查事项,实地检查,省、市、县,《娱乐场所管理条例》（国务院令第458号）第三条,\n";

#[test]
fn the_target_template_imports_as_printed() {
    let (reg, notes) = import::targets_with_notes(TARGETS.as_bytes(), AS_OF).unwrap();
    assert_eq!(reg.targets().len(), 3);
    for t in reg.targets() {
        assert!(t.id.starts_with("D-"), "{}", t.id);
        assert_eq!(
            (t.kind, t.credit, t.risk, t.status),
            (
                TargetKind::Unknown,
                CreditClass::Unknown,
                RiskLevel::Unknown,
                TargetStatus::Active
            )
        );
        assert!(t.region.is_empty() && t.industry.is_empty() && t.department.is_empty());
    }
    // Every derived id is reported with its row, and ids are stable across imports.
    assert_eq!(
        notes.iter().filter(|n| n.contains("派生")).count(),
        3,
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains("风险等级 risk")));
    let again = import::targets(TARGETS.as_bytes(), AS_OF).unwrap();
    assert_eq!(again.root(), reg.root());
    assert_eq!(
        reg.targets()
            .iter()
            .find(|t| t.name == "郑州某某歌舞厅")
            .unwrap()
            .id,
        import::derived_target_id(
            "郑州某某歌舞厅",
            "2018-07-15",
            "河南省郑州市二七区大学路1号"
        )
    );
    // With the USCC column a department's real sheet carries, the USCC is the id.
    let with_uscc = TARGETS
        .replace("序号,企业名称", "序号,统一社会信用代码,企业名称")
        .replace("1,郑州某某娱乐", "1,91350100M000100Y43,郑州某某娱乐")
        .replace("2,郑州某某歌舞厅", "2,,郑州某某歌舞厅")
        .replace("3,开封某某网吧", "3,,开封某某网吧");
    let (reg, notes) = import::targets_with_notes(with_uscc.as_bytes(), AS_OF).unwrap();
    assert!(reg.targets().iter().any(|t| t.id == "91350100M000100Y43"));
    assert_eq!(notes.iter().filter(|n| n.contains("派生")).count(), 2);
}

#[test]
fn the_inspector_template_imports_as_printed() {
    let (reg, notes) = import::inspectors_with_notes(INSPECTORS.as_bytes(), AS_OF).unwrap();
    let ids: Vec<&str> = reg.inspectors().iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["100001", "100002", "100003", "100004"]);
    // No certificate columns: membership is the qualification, and the notes say so.
    let q = reg.inspectors()[0].qualification.clone().unwrap();
    assert_eq!(q.certificate, import::REGISTER_QUALIFICATION);
    assert!(q.valid_on(date!(2023 - 09 - 04)));
    assert!(notes[0].contains("视为具有执法资格"), "{notes:?}");
    assert_eq!(notes.iter().filter(|n| n.contains("以警号")).count(), 4);
    // Without 警号 either, the row is refused and named.
    let bad = INSPECTORS.replace("100002,", ",");
    let e = import::inspectors(bad.as_bytes(), AS_OF).unwrap_err();
    assert!(
        e.problems
            .iter()
            .any(|p| p.row == Some(5) && p.field == "id"),
        "{e}"
    );
}

#[test]
fn the_item_template_imports_as_printed() {
    let (list, notes) = import::items_with_notes(ITEMS.as_bytes(), "附件1 样例").unwrap();
    assert_eq!(list.items().len(), 2);
    let general = list
        .items()
        .iter()
        .find(|i| i.department == "省市场监督管理局")
        .unwrap();
    assert_eq!(
        general.id,
        import::derived_item_id("省市场监督管理局", "年度报告公示信息的检查")
    );
    assert_eq!(general.ratio_cap(), None);
    assert!(notes.iter().any(|n| n.contains("抽查比例")), "{notes:?}");
}

#[test]
fn xlsx_templates_as_printed_import() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, line) in TARGETS.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            ws.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let xlsx = import::targets(&bytes, AS_OF).unwrap();
    let csv = import::targets(TARGETS.as_bytes(), AS_OF).unwrap();
    assert_eq!(xlsx.root(), csv.root());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, line) in INSPECTORS.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            ws.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    assert_eq!(
        import::inspectors(&bytes, AS_OF).unwrap().root(&[7; 32]),
        import::inspectors(INSPECTORS.as_bytes(), AS_OF)
            .unwrap()
            .root(&[7; 32])
    );
}

/// A plan over such registers: stratifying by risk or filtering on industry is refused
/// with the attribute and the count; a plan that relies on nothing unstated draws.
#[test]
fn plans_relying_on_unstated_attributes_are_refused() {
    let items = import::items(ITEMS.as_bytes(), "附件1 样例").unwrap();
    let key_item = items
        .items()
        .iter()
        .find(|i| i.department == "省公安厅治安总队")
        .unwrap();
    let targets = import::targets(TARGETS.as_bytes(), AS_OF).unwrap();
    let inspectors = import::inspectors(INSPECTORS.as_bytes(), AS_OF)
        .unwrap()
        .public_view(&[7; 32]);
    let w = common::World {
        items: items.clone(),
        targets,
        inspectors,
    };
    let mut plan = common::plan();
    plan.items = vec![key_item.id.clone()];
    plan.team.departments[0].department = "省公安厅治安总队".into();
    // stratify_by risk (common::plan's): refused, naming risk and the three entries.
    match w.run_v2(plan.clone(), 1) {
        Err(e @ DrawError::Plan(_)) => {
            let msg = e.to_string();
            assert!(
                msg.contains("stratify_by risk")
                    && msg.contains("3 target(s)")
                    && msg.contains("风险等级"),
                "{msg}"
            );
            assert!(e.message_zh().contains("风险等级"), "{}", e.message_zh());
        }
        other => panic!("{other:?}"),
    }
    // One stratum, but a filter on industry: refused too.
    plan.stratify_by = StratifyBy::None;
    plan.strata = vec![shuangsuiji::draw::Stratum {
        key: "all".into(),
        ratio: shuangsuiji::registers::fields::BasisPoints(5000),
        min: 1,
    }];
    plan.filter = TargetFilter {
        industries: vec!["R9011".into()],
        ..TargetFilter::default()
    };
    let e = w.run_v2(plan.clone(), 1).unwrap_err();
    assert!(e.to_string().contains("filter.industries"), "{e}");
    // Nothing unstated relied on: the draw runs over the template's registers.
    plan.filter = TargetFilter::default();
    let r = w.run_v2(plan.clone(), 1).unwrap();
    assert_eq!(r.selected_ids().count(), 2);
    // A general item whose cap the list does not state is never drawn.
    let general = items
        .items()
        .iter()
        .find(|i| i.department == "省市场监督管理局")
        .unwrap();
    plan.items = vec![general.id.clone()];
    let e = w.run_v2(plan, 1).unwrap_err();
    assert!(e.to_string().contains("states no 抽查比例"), "{e}");
}

/// Review: a register qualified by membership round-trips through its JSON (the date
/// readers accept 1900–2999) and its CSV export; an expert-pool member is not qualified by
/// membership.
#[test]
fn membership_qualification_round_trips_and_spares_experts() {
    let reg = import::inspectors(INSPECTORS.as_bytes(), AS_OF).unwrap();
    let json = serde_json::to_string(&reg).unwrap();
    let back: shuangsuiji::InspectorRegister = serde_json::from_str(&json).unwrap();
    assert_eq!(back.root(&[7; 32]), reg.root(&[7; 32]));
    let csv = import::inspectors_to_csv(&reg);
    let again = import::inspectors(csv.as_bytes(), AS_OF).unwrap();
    assert_eq!(again.root(&[7; 32]), reg.root(&[7; 32]));
    let with_expert = INSPECTORS
        .replace("联系电话,手机号码\n", "联系电话,手机号码,专家库\n")
        .replace("13800000004\n", "13800000004,是\n");
    let reg = import::inspectors(with_expert.as_bytes(), AS_OF).unwrap();
    let expert = reg.inspectors().iter().find(|i| i.id == "100004").unwrap();
    assert!(expert.expert && expert.qualification.is_none());
}

/// Issue 18, point 6: the second sample set, made exactly in the seed's templates
/// (examples/seed-templates), imports and draws under its plan (draw/v2).
#[test]
fn the_seed_template_sample_imports_and_draws() {
    let read = |f: &str| std::fs::read(format!("../examples/seed-templates/{f}")).unwrap();
    let items = import::items(&read("items.csv"), "附件1").unwrap();
    let targets = import::targets(&read("targets.csv"), AS_OF).unwrap();
    let inspectors = import::inspectors(&read("inspectors.csv"), AS_OF)
        .unwrap()
        .public_view(&[7; 32]);
    let plan: shuangsuiji::DrawPlan = serde_json::from_slice(&read("plan.json")).unwrap();
    let w = common::World {
        items,
        targets,
        inspectors,
    };
    let r = w.run_v2(plan.clone(), 3).unwrap();
    assert_eq!(r.selected_ids().count(), 20, "10 % of 200");
    assert!(r.teams.iter().all(|t| t.members.len() == 2));
    // The same registers cannot be stratified by risk: they do not state it.
    let mut by_risk = plan;
    by_risk.stratify_by = StratifyBy::Risk;
    by_risk.strata = ["low", "medium_low", "medium_high", "high"]
        .iter()
        .map(|k| shuangsuiji::draw::Stratum {
            key: (*k).into(),
            ratio: shuangsuiji::registers::fields::BasisPoints(1000),
            min: 0,
        })
        .collect();
    let e = w.run_v2(by_risk, 3).unwrap_err();
    assert!(
        e.to_string()
            .contains("200 target(s) of the register do not state 风险等级"),
        "{e}"
    );
}

/// Review: a derived id does not change with the spelling of the same row: date formats,
/// full-width forms and white space; an item's id follows its name, not its 序号.
#[test]
fn derived_ids_are_stable_across_spellings() {
    let id = import::derived_target_id(
        "郑州某某歌舞厅",
        "2018-07-15",
        "河南省郑州市二七区大学路1号",
    );
    for (name, date, address) in [
        ("郑州某某歌舞厅", "2018/7/15", "河南省郑州市二七区大学路1号"),
        (
            " 郑州 某某歌舞厅",
            "2018-7-15",
            "河南省郑州市二七区大学路１号",
        ),
        (
            "郑州某某歌舞厅",
            "2018年7月15日",
            "河南省郑州市二七区 大学路1号",
        ),
    ] {
        assert_eq!(
            import::derived_target_id(name, date, address),
            id,
            "{name} {date} {address}"
        );
    }
    assert_ne!(
        import::derived_target_id(
            "郑州某某歌舞厅",
            "2018-07-16",
            "河南省郑州市二七区大学路1号"
        ),
        id
    );
    assert_eq!(
        import::derived_item_id("省公安厅治安总队", "娱乐场所监督检查"),
        import::derived_item_id("省公安厅 治安总队", "娱乐场所监督检查 ")
    );
    // A blank 状态 cell where the sheet states 状态 is refused, not taken as active.
    let with_status = TARGETS
        .replace(
            "序号,企业名称,成立日期,住所",
            "序号,企业名称,成立日期,住所,状态",
        )
        .replace("花园路88号\n", "花园路88号,注销\n");
    let e = import::targets(with_status.as_bytes(), AS_OF).unwrap_err();
    assert!(e.problems.iter().all(|p| p.field == "status"), "{e}");
    assert_eq!(e.problems.len(), 2, "{e}");
    // Found at the end of the sheet, reported at their rows, in row order, naming the entry.
    let rows: Vec<_> = e.problems.iter().map(|p| p.row).collect();
    assert!(
        rows.iter().all(Option::is_some) && rows.windows(2).all(|w| w[0] < w[1]),
        "{e}"
    );
    assert!(
        e.problems
            .iter()
            .all(|p| p.record.is_some() && p.kind == shuangsuiji::registers::ProblemKind::Missing),
        "{e}"
    );
}
