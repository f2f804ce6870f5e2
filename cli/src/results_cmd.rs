//! `shuangsuiji results template|import`: the team's results sheet, made from the sealed
//! record and read back against it (issue 17 §5, issue 18 §2). The sheet carries the drawn
//! targets, the plan's items and the drawn teams; the team fills in dates, 检查结果 and
//! what follows. Import refuses, with its row, anything the draw did not produce.

use crate::util;
use clap::{Args, Subcommand};
use rust_xlsxwriter::{DataValidation, Format, Workbook, XlsxError};
use shuangsuiji::import::{
    self, results_headers, results_template_csv, results_template_rows, SENSITIVITY_LABELS,
};
use shuangsuiji::publish::OutcomeCode;
use shuangsuiji::{SealedRecord, TargetRegister};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum ResultsCmd {
    /// 结果录入表 The results sheet of a sealed record, for the inspecting teams.
    Template(TemplateArgs),
    /// 导入结果 Read a filled results sheet, checked against the record, into results JSON.
    Import(ImportArgs),
}

#[derive(Args)]
pub struct TemplateArgs {
    /// 抽取记录 The sealed record (JSON), verified beforehand.
    #[arg(long)]
    pub record: PathBuf,
    /// 检查对象名录库公开视图 The public target register (JSON), for names and addresses.
    #[arg(long)]
    pub targets: PathBuf,
    /// 输出 Output file (.csv, or .xlsx with --xlsx).
    #[arg(long)]
    pub out: PathBuf,
    /// 写 XLSX（下拉选项、说明页）Write XLSX with dropdowns and an instructions sheet.
    #[arg(long)]
    pub xlsx: bool,
    /// 覆盖已有文件 Overwrite an existing file (perhaps one already filled in).
    #[arg(long)]
    pub force: bool,
}

#[derive(Args)]
pub struct ImportArgs {
    /// 已填写的结果表 The filled results sheet (CSV or XLSX).
    file: PathBuf,
    /// 抽取记录 The sealed record (JSON) the results belong to.
    #[arg(long)]
    record: PathBuf,
    /// 检查对象名录库公开视图 The public target register (JSON) the record committed: names and
    /// USCCs are checked against it.
    #[arg(long)]
    targets: PathBuf,
    /// 执法检查人员名录库 The inspector register with personal data (CSV/XLSX), for names and badges.
    #[arg(long)]
    inspectors: PathBuf,
    /// 名录库日期 The register date (default: the record's committed register date).
    #[arg(long)]
    as_of: Option<String>,
    /// 输出 Results JSON, as `publish --results` reads it.
    #[arg(long)]
    out: PathBuf,
    /// 覆盖已有文件 Overwrite an existing output file.
    #[arg(long)]
    force: bool,
}

pub fn run(c: ResultsCmd) -> Result<(), String> {
    match c {
        ResultsCmd::Template(a) => template(a),
        ResultsCmd::Import(a) => import_results(a),
    }
}

pub fn template(a: TemplateArgs) -> Result<(), String> {
    util::refuse_overwrite(&a.out, a.force)?;
    let sealed: SealedRecord = util::load_json(&a.record)?;
    let targets: TargetRegister = util::load_json(&a.targets)?;
    let bytes = if a.xlsx {
        xlsx(&results_template_rows(&sealed, &targets)).map_err(|e| format!("XLSX: {e}"))?
    } else {
        results_template_csv(&sealed, &targets).into_bytes()
    };
    util::write_atomic(&a.out, &bytes)?;
    println!(
        "已写出结果录入表 Results sheet written: {}（{} 个抽中对象 drawn targets）",
        a.out.display(),
        sealed.record.teams.len()
    );
    Ok(())
}

/// The CSV's rows in a workbook: text cells, a dropdown of the 13 published 检查结果, and
/// an instructions sheet.
fn xlsx(rows: &[Vec<String>]) -> Result<Vec<u8>, XlsxError> {
    let headers = results_headers();
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let ws = wb.add_worksheet();
    ws.set_name("检查结果")?;
    for (c, h) in headers.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        ws.set_column_format(c, &text)?;
        ws.set_column_width(c, 18)?;
        ws.write_string_with_format(0, c, *h, &bold)?;
    }
    let mut n = 0u32;
    for (r, cells) in rows.iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(0) + 1;
        n = r;
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r, u16::try_from(c).unwrap_or(0), v)?;
        }
    }
    let labels: Vec<&str> = OutcomeCode::ALL.iter().map(|c| c.label()).collect();
    if let Some(col) = headers.iter().position(|h| *h == "检查结果") {
        let col = u16::try_from(col).unwrap_or(0);
        let dv = DataValidation::new().allow_list_strings(&labels)?;
        ws.add_data_validation(1, col, n.max(1), col, &dv)?;
    }
    let help = wb.add_worksheet();
    help.set_name("说明")?;
    let lines = [
        "每行为一个抽中对象；对象、事项、检查人员已按抽取记录填好，请勿改动。One row per drawn target; target, items and team come from the record: do not change them.".to_string(),
        "检查日期、结果日期：YYYY-MM-DD。录入人：检查人员之一的人员编码（谁检查、谁录入）。Dates as YYYY-MM-DD; 录入人 is the 人员编码 of one of the team.".to_string(),
        format!("检查结果（下拉）Outcome (dropdown): {}", labels.join("、")),
        "后续处置（可多项，用分号）Follow-up, several separated by ；: 责令改正（期限YYYY-MM-DD）、立案查处、移送司法机关、列入经营异常名录、移送<部门>".to_string(),
        format!("不予公示依据（可多项）Grounds for withholding: {}；只涉及一项内容时写“类别:字段”，如“个人隐私:负责人” (class:field for one field)", SENSITIVITY_LABELS.join("、")),
        "同一对象检查多次时，每行填写不同的结果编号。A target with several rows needs a 结果编号 on each.".to_string(),
    ];
    for (r, l) in lines.iter().enumerate() {
        help.write_string(u32::try_from(r).unwrap_or(0), 0, l)?;
    }
    help.set_column_width(0, 120)?;
    wb.save_to_buffer()
}

fn import_results(a: ImportArgs) -> Result<(), String> {
    util::refuse_overwrite(&a.out, a.force)?;
    let sealed: SealedRecord = util::load_json(&a.record)?;
    let targets: TargetRegister = util::load_json(&a.targets)?;
    let as_of = match a.as_of.as_deref() {
        Some(d) => util::date_or_today("--as-of", Some(d))?,
        None => sealed.record.commitment.commitment.as_of.ok_or(
            "记录未载明名录库日期，请用 --as-of 指定 · the record states no register date: give --as-of",
        )?,
    };
    let inspectors = import::inspectors(&util::read(&a.inspectors)?, as_of)
        .map_err(crate::import_cmd::report)?;
    let results = import::results(&util::read(&a.file)?, &sealed, &targets, &inspectors)
        .map_err(crate::import_cmd::report)?;
    util::write_atomic(&a.out, &util::to_json(&results)?)?;
    println!(
        "已导入 {} 条检查结果 {} result(s) imported, each checked against record {}",
        results.len(),
        results.len(),
        sealed.hash
    );
    Ok(())
}
