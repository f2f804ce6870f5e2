//! Dispatch (名单派发) and notices to targets (检查告知书): internal documents made from the
//! sealed record and the registers. A joint team's target appears on the list of every
//! department that sends a member, so each unit sees every visit it takes part in.

use super::{esc, page, table};
use shuangsuiji::registers::InspectorRegister;
use shuangsuiji::{SealedRecord, TargetRegister};
use std::collections::BTreeMap;

/// One visit on a dispatch list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    /// Row number on the list.
    pub no: usize,
    /// Target id.
    pub target: String,
    /// Name and address (from the register).
    pub name: String,
    /// Address.
    pub address: String,
    /// The plan's items, by name.
    pub items: String,
    /// The team: names and badges.
    pub team: String,
}

/// The inspection window: from the plan's inspection date to the end of its annual task,
/// when the plan names one.
pub fn window(sealed: &SealedRecord) -> String {
    let plan = &sealed.record.commitment.commitment.plan;
    let end = plan
        .annual_task
        .as_ref()
        .and_then(|r| r.task())
        .map(|t| t.to.to_string());
    match end {
        Some(e) => format!("{} 至 {e}", plan.inspection_date),
        None => format!("{} 起", plan.inspection_date),
    }
}

fn item_names(sealed: &SealedRecord) -> String {
    super::plan_items(sealed)
        .iter()
        .map(|i| i.name.clone())
        .collect::<Vec<_>>()
        .join("；")
}

fn member(inspectors: &InspectorRegister, id: &str) -> String {
    inspectors
        .inspectors()
        .iter()
        .find(|i| i.id == id)
        .map_or_else(
            || id.to_string(),
            |i| {
                format!(
                    "{}（执法证 {}，{}）",
                    i.personal.name, i.personal.badge, i.unit
                )
            },
        )
}

/// Per department that sends a member: its visits, in the record's team order.
pub fn lists(
    sealed: &SealedRecord,
    targets: &TargetRegister,
    inspectors: &InspectorRegister,
) -> BTreeMap<String, Vec<Visit>> {
    let items = item_names(sealed);
    let mut out: BTreeMap<String, Vec<Visit>> = BTreeMap::new();
    for team in &sealed.record.teams {
        let t = targets.get(&team.target);
        let team_text = team
            .members
            .iter()
            .map(|m| member(inspectors, &m.inspector))
            .collect::<Vec<_>>()
            .join("；");
        let mut depts: Vec<&str> = team.members.iter().map(|m| m.department.as_str()).collect();
        depts.sort_unstable();
        depts.dedup();
        for d in depts {
            let list = out.entry(d.to_string()).or_default();
            list.push(Visit {
                no: list.len() + 1,
                target: team.target.clone(),
                name: t.map(|t| t.name.clone()).unwrap_or_default(),
                address: t.map(|t| t.address.clone()).unwrap_or_default(),
                items: items.clone(),
                team: team_text.clone(),
            });
        }
    }
    out
}

impl Visit {
    /// The row's cells, in [`HEADERS`] order, with the window.
    fn cells(&self, window: &str) -> [String; 7] {
        [
            self.no.to_string(),
            self.target.clone(),
            self.name.clone(),
            self.address.clone(),
            self.items.clone(),
            self.team.clone(),
            window.to_string(),
        ]
    }
}

const HEADERS: [&str; 7] = [
    "序号",
    "检查对象编码",
    "名称",
    "地址",
    "检查事项",
    "检查组",
    "检查时间",
];

/// One department's list as CSV (UTF-8 with BOM, for spreadsheets).
pub fn list_csv(sealed: &SealedRecord, visits: &[Visit]) -> String {
    let w = window(sealed);
    let mut s = String::from("\u{feff}");
    s.push_str(&HEADERS.join(","));
    s.push('\n');
    for v in visits {
        let cells = v.cells(&w);
        s.push_str(
            &cells
                .iter()
                .map(|c| shuangsuiji::publish::csv_cell(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        s.push('\n');
    }
    s
}

/// One department's list as XLSX (text cells: ids stay ids), for units that keep their
/// task lists in spreadsheets.
///
/// # Errors
/// Only if the workbook cannot be written.
pub fn list_xlsx(
    sealed: &SealedRecord,
    department: &str,
    visits: &[Visit],
) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let w = window(sealed);
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let ws = wb.add_worksheet();
    let e = |x: rust_xlsxwriter::XlsxError| x.to_string();
    ws.set_name("派发名单").map_err(e)?;
    ws.write_string_with_format(0, 0, format!("抽查名单派发单 · 派发至 {department}"), &bold)
        .map_err(e)?;
    ws.write_string(
        1,
        0,
        format!("抽取记录 record {}；检查时间 {w}", sealed.hash),
    )
    .map_err(e)?;
    for (c, h) in HEADERS.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(0);
        ws.write_string_with_format(2, c, *h, &bold).map_err(e)?;
        ws.set_column_width(c, if c >= 4 { 40 } else { 20 })
            .map_err(e)?;
    }
    for (r, v) in visits.iter().enumerate() {
        let row = u32::try_from(r + 3).unwrap_or(u32::MAX);
        let cells = v.cells(&w);
        for (c, cell) in cells.iter().enumerate() {
            ws.write_string_with_format(row, u16::try_from(c).unwrap_or(0), cell, &text)
                .map_err(e)?;
        }
    }
    wb.save_to_buffer().map_err(e)
}

/// One department's list as a printable page.
pub fn list_html(sealed: &SealedRecord, department: &str, visits: &[Visit]) -> String {
    let plan = &sealed.record.commitment.commitment.plan;
    let w = window(sealed);
    let rows: Vec<Vec<String>> = visits.iter().map(|v| v.cells(&w).to_vec()).collect();
    let body = format!(
        "<h1>抽查名单派发单</h1><p>派发至 To：<b>{}</b><br>抽查计划 Plan：{}（{}）<br>抽取记录哈希 Record：<span class=\"mono\">{}</span><br>检查时间 Window：{}</p>\n{}<p class=\"note\">内部文件，不得公开 Internal: not for publication. 检查组成员不得擅自更换；确需调整的，按规定记录理由。</p>\n",
        esc(department),
        esc(&plan.title),
        esc(&plan.id),
        sealed.hash,
        esc(&w),
        table(&HEADERS, &rows)
    );
    page(&format!("抽查名单 {department}"), &body)
}

/// The 检查告知书 for one drawn target: who will come, for what, under which law, when,
/// and what to prepare.
pub fn notice_html(
    sealed: &SealedRecord,
    targets: &TargetRegister,
    inspectors: &InspectorRegister,
    target: &str,
) -> Option<String> {
    let rec = &sealed.record;
    let team = rec.teams.iter().find(|t| t.target == target)?;
    let t = targets.get(target)?;
    let plan = &rec.commitment.commitment.plan;
    let items: Vec<Vec<String>> = super::plan_items(sealed)
        .into_iter()
        .map(|i| vec![i.name.clone(), i.content.clone(), super::basis_text(i)])
        .collect();
    let members: Vec<Vec<String>> = team
        .members
        .iter()
        .map(|m| {
            let i = inspectors.inspectors().iter().find(|i| i.id == m.inspector);
            vec![
                i.map(|i| i.personal.name.clone())
                    .unwrap_or_else(|| m.inspector.clone()),
                i.map(|i| i.personal.badge.clone()).unwrap_or_default(),
                i.map(|i| i.unit.clone())
                    .unwrap_or_else(|| m.department.clone()),
            ]
        })
        .collect();
    let body = format!(
        "<h1>检查告知书</h1>\
<p><b>{}</b>（统一社会信用代码 {}）：</p>\
<p>根据“双随机、一公开”监管工作安排，你单位经随机抽取，被确定为“{}”（编号 {}）的检查对象。现将有关事项告知如下：</p>\
<h2>一、检查事项及依据</h2>{}\
<h2>二、检查时间</h2><p>{}。检查人员将出示执法证件。</p>\
<h2>三、检查人员</h2>{}\
<h2>四、请准备的材料</h2><p>营业执照及相关许可证件；与上述检查事项有关的管理制度、台账、记录及其他材料；接受检查的负责人或联系人应在场配合。</p>\
<h2>五、其他</h2><p>检查人员与你单位有利害关系的，你单位可以申请回避。抽查结果将依法向社会公示。本次抽取可凭记录哈希 <span class=\"mono\">{}</span> 公开核验。</p>\
<p style=\"text-align:right;margin-top:14mm\">（抽查单位盖章）<br>{} 年 月 日</p>\n",
        esc(&t.name),
        esc(t.uscc.as_deref().unwrap_or(&t.id)),
        esc(&plan.title),
        esc(&plan.id),
        table(&["检查事项", "检查内容", "检查依据"], &items),
        esc(&window(sealed)),
        table(&["姓名", "执法证号", "单位"], &members),
        sealed.hash,
        plan.inspection_date.year(),
    );
    Some(page(&format!("检查告知书 {}", t.name), &body))
}
