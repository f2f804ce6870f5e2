//! Export back to CSV in the import layout (Chinese headers), so that a register can make
//! the round trip file → register → file.

use super::table::Columns;
use crate::registers::fields::dates::format_date;
use crate::registers::inspector::{InspectorRegister, InspectorStatus, Sex};
use crate::registers::item::{Category, ItemList, Level, Method};
use crate::registers::target::{CreditClass, RiskLevel, TargetKind, TargetRegister, TargetStatus};

pub(super) fn write(columns: Columns, rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = columns
        .iter()
        .map(|(_, names)| names.first().copied().unwrap_or_default())
        .collect();
    // Writing into a Vec cannot fail; an error would leave a shorter file, never a panic.
    let _ = w.write_record(&header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn method_label(m: Method) -> &'static str {
    match m {
        Method::OnSite => "现场检查",
        Method::Documents => "书面检查",
        Method::Online => "网络检查",
        Method::ProfessionalBody => "专业机构检查",
        Method::TechnicalTesting => "技术检测",
        Method::LedgerReview => "查阅台账",
    }
}

/// The item list as CSV in the 附件1 layout.
pub fn items_to_csv(list: &ItemList) -> String {
    let rows = list.items().iter().enumerate().map(|(n, i)| {
        let basis: Vec<String> = i
            .legal_basis
            .iter()
            .map(|b| {
                format!(
                    "《{}》{}{}",
                    b.statute,
                    b.document
                        .as_ref()
                        .map(|d| format!("（{d}）"))
                        .unwrap_or_default(),
                    b.articles.join("、")
                )
            })
            .collect();
        vec![
            (n + 1).to_string(),
            i.id.clone(),
            i.department.clone(),
            i.name.clone(),
            i.target_scope.join("、"),
            i.content.clone(),
            match i.category {
                Category::General => "一般检查事项",
                Category::Key => "重点检查事项",
            }
            .into(),
            i.methods
                .iter()
                .map(|m| method_label(*m))
                .collect::<Vec<_>>()
                .join("、"),
            i.levels
                .iter()
                .map(|l| match l {
                    Level::Province => "省",
                    Level::City => "市",
                    Level::County => "县",
                })
                .collect::<Vec<_>>()
                .join("、"),
            basis.join("；"),
            i.ratio.map(|r| r.to_string()).unwrap_or_default(),
            i.frequency.text.clone(),
            i.remarks.clone(),
        ]
    });
    write(super::items::COLUMNS, rows)
}

/// The target register as CSV in the extended 附件2 layout.
pub fn targets_to_csv(reg: &TargetRegister) -> String {
    let rows = reg.targets().iter().enumerate().map(|(n, t)| {
        let id_col = if t.uscc.as_deref() == Some(t.id.as_str()) {
            String::new()
        } else {
            t.id.clone()
        };
        vec![
            (n + 1).to_string(),
            id_col,
            t.uscc.clone().unwrap_or_default(),
            t.name.clone(),
            t.established.map(format_date).unwrap_or_default(),
            t.address.clone(),
            t.region.clone(),
            t.industry.clone(),
            match t.kind {
                TargetKind::Enterprise => "企业",
                TargetKind::IndividualBusiness => "个体工商户",
                TargetKind::Cooperative => "农民专业合作社",
                TargetKind::Product => "产品",
                TargetKind::Project => "项目",
                TargetKind::Behaviour => "行为",
                TargetKind::Unknown => "",
            }
            .into(),
            match t.credit {
                CreditClass::A => "A",
                CreditClass::B => "B",
                CreditClass::C => "C",
                CreditClass::D => "D",
                CreditClass::Unknown => "",
            }
            .into(),
            match t.risk {
                RiskLevel::Low => "低",
                RiskLevel::MediumLow => "较低",
                RiskLevel::MediumHigh => "较高",
                RiskLevel::High => "高",
                RiskLevel::Unknown => "",
            }
            .into(),
            t.department.clone(),
            match t.status {
                TargetStatus::Active => "存续",
                TargetStatus::Deregistered => "注销",
                TargetStatus::Revoked => "吊销",
                TargetStatus::Closed => "停业",
                TargetStatus::MovedOut => "迁出",
            }
            .into(),
            t.last_inspected
                .iter()
                .map(|(i, d)| format!("{i}:{}", format_date(d.0)))
                .collect::<Vec<_>>()
                .join(";"),
            t.grade.clone().unwrap_or_default(),
        ]
    });
    write(super::targets::COLUMNS, rows)
}

/// The full inspector register (with personal data) as CSV in the extended 附件2 layout.
/// Personal data: keep the output where the register itself is kept.
pub fn inspectors_to_csv(reg: &InspectorRegister) -> String {
    let rows = reg.inspectors().iter().enumerate().map(|(n, i)| {
        let q = i.qualification.as_ref();
        vec![
            (n + 1).to_string(),
            i.id.clone(),
            i.personal.name.clone(),
            match i.personal.sex {
                Some(Sex::Male) => "男",
                Some(Sex::Female) => "女",
                None => "",
            }
            .into(),
            i.rank.clone(),
            i.personal.badge.clone(),
            i.department.clone(),
            i.personal.office_phone.clone(),
            i.personal.mobile.clone(),
            q.map(|q| q.certificate.clone()).unwrap_or_default(),
            q.map(|q| format_date(q.valid_from)).unwrap_or_default(),
            q.map(|q| format_date(q.valid_until)).unwrap_or_default(),
            i.expertise.join(";"),
            match i.status {
                InspectorStatus::Active => "在岗",
                InspectorStatus::OnLeave => "休假",
                InspectorStatus::Retired => "退休",
            }
            .into(),
            if i.expert { "是" } else { "否" }.into(),
            i.conflicts.join(";"),
            i.region.clone().unwrap_or_default(),
            i.unit.clone(),
        ]
    });
    write(super::inspectors::COLUMNS, rows)
}
