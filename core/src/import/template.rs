//! Blank templates a department fills in (issue 18): the seed's layout (附件1, 附件2) plus
//! the optional columns a draw can use, each with what it means and, for fixed values,
//! the values the importer reads — so that a department starts from a file the importer is
//! guaranteed to read.

/// What every template's example row starts its name with; the importer refuses such a
/// row, so that the example never enters a register as data.
pub const EXAMPLE_MARK: &str = "（示例）";

/// Which template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateKind {
    /// 随机抽查事项清单 (附件1).
    Items,
    /// 检查对象名录库 (附件2).
    Targets,
    /// 执法检查人员名录库 (附件2).
    Inspectors,
}

/// One column of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateColumn {
    /// The header, as the importer reads it.
    pub header: &'static str,
    /// In the seed's own template (the rest are optional extras).
    pub seed: bool,
    /// The importer cannot do without it.
    pub required: bool,
    /// What goes in it, Chinese first.
    pub note: &'static str,
    /// The values the importer reads, where the column takes fixed values.
    pub choices: &'static [&'static str],
    /// A value for the example row.
    pub example: &'static str,
}

const fn col(
    header: &'static str,
    seed: bool,
    required: bool,
    note: &'static str,
    choices: &'static [&'static str],
    example: &'static str,
) -> TemplateColumn {
    TemplateColumn {
        header,
        seed,
        required,
        note,
        choices,
        example,
    }
}

const TARGETS: &[TemplateColumn] = &[
    col("序号", true, false, "行号 row number", &[], "1"),
    col(
        "企业名称",
        true,
        true,
        "名称 name",
        &[],
        "（示例）郑州某某娱乐有限公司",
    ),
    col("成立日期", true, false, "YYYY-MM-DD", &[], "2015-03-02"),
    col(
        "住所",
        true,
        false,
        "地址 address",
        &[],
        "河南省郑州市金水区花园路88号",
    ),
    col(
        "统一社会信用代码",
        false,
        false,
        "18 位；有则作编码 the id when given",
        &[],
        "91350100M000100Y43",
    ),
    col(
        "行政区划代码",
        false,
        false,
        "GB/T 2260 六位 six digits",
        &[],
        "410105",
    ),
    col("行业", false, false, "GB/T 4754 代码 code", &[], "R9011"),
    col(
        "对象类型",
        false,
        false,
        "对象类型 kind",
        &[
            "企业",
            "个体工商户",
            "农民专业合作社",
            "产品",
            "项目",
            "行为",
        ],
        "企业",
    ),
    col("信用类别", false, false, "A–D", &["A", "B", "C", "D"], "A"),
    col(
        "风险等级",
        false,
        false,
        "风险等级 risk",
        &["低", "较低", "较高", "高"],
        "低",
    ),
    col(
        "所属部门",
        false,
        false,
        "监管部门 department in charge",
        &[],
        "省公安厅治安总队",
    ),
    col(
        "状态",
        false,
        false,
        "空则按存续 empty: active",
        &["存续", "注销", "吊销", "停业", "迁出"],
        "存续",
    ),
    col(
        "检查记录",
        false,
        false,
        "事项编码:YYYY-MM-DD；多条用分号 item:date; …",
        &[],
        "",
    ),
    col(
        "等级",
        false,
        false,
        "分级管理等级，如治安管理场所“一级”；抽查频次分等级时据此确定 grade, e.g. 一级: picks the tier of a tiered 抽查频次",
        &[],
        "",
    ),
];

const INSPECTORS: &[TemplateColumn] = &[
    col("序号", true, false, "行号 row number", &[], "1"),
    col("姓名", true, true, "姓名 name", &[], "（示例）张三"),
    col("性别", true, false, "男/女", &["男", "女"], "男"),
    col("职务（职级）", true, false, "职务 rank", &[], "一级警长"),
    col(
        "警号",
        true,
        false,
        "无人员编码时作编码（将公开）the id when 人员编码 is empty (public)",
        &[],
        "100001",
    ),
    col(
        "所属部门",
        true,
        true,
        "所属部门 department",
        &[],
        "省公安厅治安总队",
    ),
    col(
        "联系电话",
        true,
        false,
        "办公电话 office phone",
        &[],
        "0371-65550001",
    ),
    col("手机号码", true, false, "手机 mobile", &[], "13800000001"),
    col("人员编码", false, false, "编码 id (ASCII)", &[], "P0001"),
    col(
        "执法证号",
        false,
        false,
        "无此三列时在册即视为有执法资格 without these three columns, membership qualifies",
        &[],
        "豫公执字第0001号",
    ),
    col(
        "执法证有效期起",
        false,
        false,
        "YYYY-MM-DD",
        &[],
        "2021-01-01",
    ),
    col(
        "执法证有效期至",
        false,
        false,
        "YYYY-MM-DD",
        &[],
        "2026-12-31",
    ),
    col(
        "业务专长",
        false,
        false,
        "多项用顿号 tags, 、-separated",
        &[],
        "娱乐场所",
    ),
    col(
        "状态",
        false,
        false,
        "空则在岗 empty: active",
        &["在岗", "休假", "借调", "调离", "退休"],
        "在岗",
    ),
    col("专家库", false, false, "是/否", &["是", "否"], "否"),
    col(
        "回避对象",
        false,
        false,
        "检查对象编码，顿号分隔 target ids",
        &[],
        "",
    ),
    col(
        "所在地区",
        false,
        false,
        "GB/T 2260 六位，用于属地回避 for own-region recusal",
        &[],
        "410105",
    ),
    col(
        "工作单位",
        false,
        false,
        "工作单位 unit",
        &[],
        "治安总队一支队",
    ),
];

const ITEMS: &[TemplateColumn] = &[
    col(
        "序号",
        true,
        false,
        "行号；无事项编码时与部门一起派生编码 with 部门 derives the id",
        &[],
        "1",
    ),
    col(
        "部门",
        true,
        true,
        "实施部门 department",
        &[],
        "省公安厅治安总队",
    ),
    col(
        "抽查事项",
        true,
        true,
        "事项名称 item",
        &[],
        "（示例）娱乐场所监督检查",
    ),
    col(
        "检查对象",
        true,
        true,
        "对象类型或范围 kinds or scope",
        &[],
        "娱乐场所",
    ),
    col(
        "检查内容",
        true,
        true,
        "内容 content",
        &[],
        "备案情况；安全设施",
    ),
    col(
        "事项类别",
        true,
        true,
        "一般/重点",
        &["一般检查事项", "重点检查事项"],
        "一般检查事项",
    ),
    col(
        "检查方式",
        true,
        true,
        "多项用顿号 methods, 、-separated",
        &[],
        "实地检查、网上检查",
    ),
    col(
        "检查部门实施层级",
        true,
        false,
        "省、市、县",
        &[],
        "省、市、县",
    ),
    col(
        "检查依据",
        true,
        true,
        "法律依据 legal basis",
        &[],
        "《娱乐场所管理条例》（国务院令第458号）第三条",
    ),
    col("备注", true, false, "备注 remarks", &[], ""),
    col(
        "事项编码",
        false,
        false,
        "编码 id (ASCII)",
        &[],
        "HA-GAT-002",
    ),
    col(
        "抽查比例",
        false,
        false,
        "一般事项的比例上限，如 5% cap of a general item",
        &[],
        "5%",
    ),
    col(
        "抽查频次",
        false,
        false,
        "如 1次/年 e.g. once a year",
        &[],
        "1次/年",
    ),
];

/// The columns of a template, the seed's first, in order.
pub fn template_columns(kind: TemplateKind) -> &'static [TemplateColumn] {
    match kind {
        TemplateKind::Items => ITEMS,
        TemplateKind::Targets => TARGETS,
        TemplateKind::Inspectors => INSPECTORS,
    }
}

/// The template's title line, as the seed prints it.
pub fn template_title(kind: TemplateKind) -> &'static str {
    match kind {
        TemplateKind::Items => "随机抽查事项清单",
        TemplateKind::Targets => "检查对象名录库",
        TemplateKind::Inspectors => "执法检查人员名录库",
    }
}

/// A CSV template (UTF-8 with a byte-order mark, which spreadsheet programs need to read
/// Chinese): the title, the header and one example row.
pub fn template_csv(kind: TemplateKind) -> String {
    let cols = template_columns(kind);
    let line = |f: &dyn Fn(&TemplateColumn) -> &str| {
        cols.iter()
            .map(|c| {
                let v = f(c);
                if v.contains([',', '"', '\n']) {
                    format!("\"{}\"", v.replace('"', "\"\""))
                } else {
                    v.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    format!(
        "\u{feff}{}\n{}\n{}\n",
        template_title(kind),
        line(&|c| c.header),
        line(&|c| c.example)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// Every template's example row is refused as such (it must never enter a register as
    /// data); without it the template imports; every fixed value it offers is one the
    /// importer reads.
    #[test]
    fn templates_import_without_their_example_row() {
        let as_of = date!(2023 - 08 - 23);
        for kind in [
            TemplateKind::Items,
            TemplateKind::Targets,
            TemplateKind::Inspectors,
        ] {
            let csv = template_csv(kind);
            let read = |b: &[u8]| match kind {
                TemplateKind::Items => crate::import::items(b, "t").map(|_| ()),
                TemplateKind::Targets => crate::import::targets(b, as_of).map(|_| ()),
                TemplateKind::Inspectors => crate::import::inspectors(b, as_of).map(|_| ()),
            };
            let e = read(csv.as_bytes()).unwrap_err();
            assert_eq!(e.problems.len(), 1, "{e}");
            assert!(e.problems[0].message.contains("示例行"), "{e}");
            assert_eq!(e.problems[0].row, Some(3));
            // Filled in: the example row replaced by a real one.
            let filled = csv.replace(EXAMPLE_MARK, "");
            assert!(read(filled.as_bytes()).is_ok(), "{kind:?}");
        }
        use crate::registers::inspector::InspectorStatus;
        use crate::registers::item::Category;
        use crate::registers::target::{CreditClass, RiskLevel, TargetKind as K, TargetStatus};
        for c in template_columns(TemplateKind::Targets) {
            for v in c.choices {
                let ok = match c.header {
                    "对象类型" => K::parse(v).is_some(),
                    "信用类别" => CreditClass::parse(v).is_some(),
                    "风险等级" => RiskLevel::parse(v).is_some(),
                    "状态" => TargetStatus::parse(v).is_some(),
                    _ => false,
                };
                assert!(ok, "{} {v}", c.header);
            }
        }
        for c in template_columns(TemplateKind::Inspectors)
            .iter()
            .filter(|c| c.header == "状态")
        {
            assert!(c
                .choices
                .iter()
                .all(|v| InspectorStatus::parse(v).is_some()));
        }
        for c in template_columns(TemplateKind::Items)
            .iter()
            .filter(|c| c.header == "事项类别")
        {
            assert!(c.choices.iter().all(|v| Category::parse(v).is_some()));
        }
    }
}
