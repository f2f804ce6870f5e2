//! `shuangsuiji template`: a blank 一单两库 template a department fills in (issue 18), as
//! CSV or as XLSX with dropdowns for fixed values and an instructions sheet. The columns
//! and their values come from the core (`import::template_columns`), so the importer is
//! guaranteed to read what the template offers.

use crate::util;
use clap::{Args, ValueEnum};
use rust_xlsxwriter::{DataValidation, Format, Workbook, XlsxError};
use shuangsuiji::import::{template_columns, template_csv, template_title, TemplateKind};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum Which {
    /// 随机抽查事项清单 (附件1)
    Items,
    /// 检查对象名录库 (附件2)
    Targets,
    /// 执法检查人员名录库 (附件2)
    Inspectors,
    /// 检查结果录入表, made from a sealed record (needs --record and --targets)
    Results,
}

#[derive(Args)]
pub struct TemplateArgs {
    /// 模板种类 Which template
    what: Which,
    /// 输出文件 Output file (.csv, or .xlsx with --xlsx)
    #[arg(long)]
    out: PathBuf,
    /// 写 XLSX（下拉选项、说明页）Write XLSX with dropdowns and an instructions sheet
    #[arg(long)]
    xlsx: bool,
    /// 覆盖已有文件 Overwrite an existing file (a filled-in register, perhaps)
    #[arg(long)]
    force: bool,
    /// 抽取记录 For `results`: the sealed record (JSON).
    #[arg(long)]
    record: Option<PathBuf>,
    /// 检查对象名录库公开视图 For `results`: the public target register (JSON).
    #[arg(long)]
    targets: Option<PathBuf>,
}

/// Data rows offered with dropdowns (the importer reads any number of rows).
const ROWS: u32 = 5_000;

fn kind(w: Which) -> Option<TemplateKind> {
    match w {
        Which::Items => Some(TemplateKind::Items),
        Which::Targets => Some(TemplateKind::Targets),
        Which::Inspectors => Some(TemplateKind::Inspectors),
        Which::Results => None,
    }
}

fn xlsx(kind: TemplateKind) -> Result<Vec<u8>, XlsxError> {
    let cols = template_columns(kind);
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let seed = Format::new().set_bold().set_background_color("#DDEBF7");
    let text = Format::new().set_num_format("@");
    let ws = wb.add_worksheet();
    ws.set_name("模板")?;
    ws.write_string_with_format(0, 0, template_title(kind), &bold)?;
    ws.write_string(1, 0, "填报部门：（盖章）· 蓝色为原模板列，其余为可选列 blue: the seed's columns; the rest are optional")?;
    for (c, col) in cols.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        ws.write_string_with_format(2, c, col.header, if col.seed { &seed } else { &bold })?;
        // Text cells: codes keep their leading zeros, dates their spelling.
        ws.set_column_format(c, &text)?;
        ws.set_column_width(c, 16)?;
        ws.write_string(3, c, col.example)?;
        if !col.choices.is_empty() {
            let dv = DataValidation::new().allow_list_strings(col.choices)?;
            ws.add_data_validation(3, c, 3 + ROWS, c, &dv)?;
        }
    }
    let help = wb.add_worksheet();
    help.set_name("说明")?;
    for (c, h) in [
        "列 column",
        "原模板 seed",
        "必填 required",
        "说明 note",
        "可选值 values",
    ]
    .iter()
    .enumerate()
    {
        help.write_string_with_format(0, u16::try_from(c).unwrap_or(0), *h, &bold)?;
    }
    for (r, col) in cols.iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(0) + 1;
        help.write_string(r, 0, col.header)?;
        help.write_string(r, 1, if col.seed { "是" } else { "否" })?;
        help.write_string(r, 2, if col.required { "是" } else { "否" })?;
        help.write_string(r, 3, col.note)?;
        help.write_string(r, 4, col.choices.join("、"))?;
    }
    let last = u32::try_from(cols.len()).unwrap_or(0) + 2;
    help.write_string(last, 0, "第 4 行为示例，填写前请删除。未填写的属性记为“未知”，不会被推测；依赖它的抽查计划将被拒绝。· Row 4 is an example: delete it. Attributes left empty are unknown, never guessed; a plan relying on one is refused.")?;
    help.set_column_width(3, 60)?;
    wb.save_to_buffer()
}

pub fn run(a: TemplateArgs) -> Result<(), String> {
    util::refuse_overwrite(&a.out, a.force)?;
    let Some(k) = kind(a.what) else {
        let (Some(record), Some(targets)) = (a.record, a.targets) else {
            return Err("结果录入表由抽取记录生成，请给出 --record 与 --targets · the results sheet is made from a sealed record: give --record and --targets".into());
        };
        return crate::results_cmd::template(crate::results_cmd::TemplateArgs {
            record,
            targets,
            out: a.out,
            xlsx: a.xlsx,
            force: true,
        });
    };
    let bytes = if a.xlsx {
        xlsx(k).map_err(|e| format!("XLSX: {e}"))?
    } else {
        template_csv(k).into_bytes()
    };
    util::write_atomic(&a.out, &bytes)?;
    println!(
        "已写出模板 Template written: {}（{}）· 表头下一行为示例，填写前请删除 the row under the header is an example: delete it",
        a.out.display(),
        template_title(k)
    );
    Ok(())
}
