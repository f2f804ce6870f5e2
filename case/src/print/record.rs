//! The printable 抽查记录: plan, legal basis, seed inputs, beacon, strata, selection,
//! alternates, teams, the verdict, the record hash as text and QR code, and signature lines
//! for the people present (现场参加人员).

use super::{esc, page, qr_svg, table, View};
use shuangsuiji::draw::Role;
use shuangsuiji::registers::InspectorRegister;
use shuangsuiji::trust::{Level, Verdict};
use shuangsuiji::{Explain as _, SealedRecord, TargetRegister};
use std::collections::BTreeMap;

/// What the record is printed from.
pub struct RecordPrint<'a> {
    /// The sealed record.
    pub sealed: &'a SealedRecord,
    /// The target register (names, addresses) the record committed.
    pub targets: &'a TargetRegister,
    /// The inspector register with personal data (names, badges): internal view only.
    pub inspectors: Option<&'a InspectorRegister>,
    /// The verdict the record was verified with.
    pub verdict: &'a Verdict,
    /// Which view.
    pub view: View,
}

/// The verdict in words, Chinese first.
pub fn verdict_text(v: &Verdict) -> (String, Vec<String>) {
    let n = v.verified.as_ref().map_or(0, |x| x.selected);
    let head = match v.level {
        Level::Anchored => format!("通过，已锚定 VERIFIED, ANCHORED（抽中 {n} 个对象）"),
        Level::NotAnchored => {
            format!("记录自洽，但未锚定 CONSISTENT, NOT ANCHORED（抽中 {n} 个对象）")
        }
        Level::Failed => "未通过 NOT VERIFIED".to_string(),
    };
    let mut lines: Vec<String> = v
        .unanchored
        .iter()
        .map(|u| format!("未锚定 [{}]：{}", u.kind(), u.message_zh()))
        .collect();
    if let Some(e) = &v.error {
        lines.push(format!("[{}] {}", e.kind(), e.message_zh()));
    }
    if let Some(note) = v.verified.as_ref().and_then(|x| x.classes.note()) {
        lines.push(note.to_string());
    }
    if let Some(t) = &v.trust {
        lines.push(format!(
            "信任文件「{}」指纹 fingerprint {}",
            t.name, t.fingerprint
        ));
    }
    (head, lines)
}

fn inspector_label(p: &RecordPrint<'_>, id: &str) -> String {
    match (p.view, p.inspectors) {
        (View::Internal, Some(reg)) => reg.inspectors().iter().find(|i| i.id == id).map_or_else(
            || id.to_string(),
            |i| format!("{}（{}，执法证 {}）", i.personal.name, id, i.personal.badge),
        ),
        _ => id.to_string(),
    }
}

fn target_label(p: &RecordPrint<'_>, id: &str) -> (String, String) {
    match (p.view, p.targets.get(id)) {
        (View::Internal, Some(t)) => (t.name.clone(), t.address.clone()),
        _ => (String::new(), String::new()),
    }
}

/// The 抽查记录 as one HTML page.
///
/// # Errors
/// Only when the hash cannot be drawn as a QR code (never for a 64-digit hash).
pub fn record_html(p: &RecordPrint<'_>) -> Result<String, String> {
    let rec = &p.sealed.record;
    let c = &rec.commitment.commitment;
    let plan = &c.plan;
    let hash = p.sealed.hash.to_string();
    let mut b = String::new();
    b.push_str(&format!(
        "<div class=\"qr\">{}<div class=\"mono\">{}</div>记录哈希 record hash</div>\n",
        qr_svg(&hash)?,
        esc(&hash)
    ));
    b.push_str(&format!(
        "<h1>双随机抽查记录</h1><p style=\"text-align:center\">{}（{}）</p>\n",
        esc(&plan.title),
        match p.view {
            View::Internal => "内部存档版 internal copy",
            View::Public => "公开版 public copy（不含个人信息 no personal data）",
        }
    ));
    b.push_str(
        &table(
            &["项目", "内容"],
            &[
                vec!["抽查计划编号 plan".into(), plan.id.clone()],
                vec![
                    "检查日期 inspection date".into(),
                    plan.inspection_date.to_string(),
                ],
                vec!["算法 algorithm".into(), rec.algorithm.clone()],
                vec![
                    "事项清单 item list".into(),
                    format!("{} (hash {})", rec.item_list.version(), c.roots.item_list),
                ],
                vec![
                    "名录库日期 registers as of".into(),
                    c.as_of.map(|d| d.to_string()).unwrap_or_default(),
                ],
                vec![
                    "检查对象名录库根 target root".into(),
                    c.roots.targets.to_string(),
                ],
                vec![
                    "执法检查人员名录库根 inspector root".into(),
                    c.roots.inspectors.to_string(),
                ],
                vec![
                    "抽取承诺 commitment".into(),
                    rec.commitment.hash.to_string(),
                ],
            ],
        )
        .replace("<table>", "<table class=\"meta\">"),
    );

    b.push_str("<h2>抽查事项及依据 Items and legal basis</h2>\n");
    let rows: Vec<Vec<String>> = super::plan_items(p.sealed)
        .into_iter()
        .map(|i| {
            vec![
                i.id.clone(),
                i.name.clone(),
                i.department.clone(),
                super::basis_text(i),
            ]
        })
        .collect();
    b.push_str(&table(&["编号", "事项", "部门", "检查依据"], &rows));

    b.push_str("<h2>随机数来源 Seed inputs</h2>\n");
    let mut rows: Vec<Vec<String>> = c
        .participants
        .iter()
        .map(|part| {
            let secret = rec
                .reveals
                .iter()
                .find(|r| r.participant == part.id)
                .map(|r| r.secret.clone())
                .unwrap_or_default();
            vec![
                format!("参与方 {}（{}）", part.id, part.role),
                format!("承诺 {}；揭示 {}", part.commitment, secret),
            ]
        })
        .collect();
    if let Some(round) = &rec.beacon {
        rows.push(vec![
            "公共信标 drand".into(),
            format!(
                "轮次 round {}；随机数 randomness {}",
                round.round, round.randomness
            ),
        ]);
    }
    rows.push(vec!["种子 seed".into(), rec.seed.to_string()]);
    b.push_str(&table(&["来源", "值"], &rows).replace("<td>承诺", "<td class=\"mono\">承诺"));

    b.push_str("<h2>分层抽取 Strata</h2>\n");
    let rows: Vec<Vec<String>> = rec
        .strata
        .iter()
        .map(|s| {
            vec![
                s.key.clone(),
                s.population.to_string(),
                format!("{}", s.ratio),
                s.quota.to_string(),
                s.selected.len().to_string(),
                s.alternates.len().to_string(),
            ]
        })
        .collect();
    b.push_str(&table(
        &["层", "总数", "比例", "应抽", "抽中", "备选"],
        &rows,
    ));
    b.push_str(&format!(
        "<p class=\"note\">必查名单 100% list：{} 个；排除 exclusions：{} 个（原因见记录文件 reasons in the record file）。</p>\n",
        rec.must_include.len(),
        rec.exclusions.len()
    ));

    b.push_str("<h2>抽中对象与检查组 Selected targets and teams</h2>\n");
    let stratum_of: BTreeMap<&str, &str> = rec
        .strata
        .iter()
        .flat_map(|s| {
            s.selected
                .iter()
                .map(move |t| (t.target.as_str(), s.key.as_str()))
        })
        .chain(
            rec.must_include
                .iter()
                .map(|t| (t.target.as_str(), "必查 100%")),
        )
        .collect();
    let rows: Vec<Vec<String>> = rec
        .teams
        .iter()
        .enumerate()
        .map(|(n, t)| {
            let (name, addr) = target_label(p, &t.target);
            let members = t
                .members
                .iter()
                .map(|m| {
                    format!(
                        "{}{}",
                        inspector_label(p, &m.inspector),
                        if matches!(m.role, Role::Expert) {
                            "〔专家〕"
                        } else {
                            ""
                        }
                    )
                })
                .collect::<Vec<_>>()
                .join("；");
            let mut r = vec![(n + 1).to_string(), t.target.clone()];
            if p.view == View::Internal {
                r.push(name);
                r.push(addr);
            }
            r.push(
                stratum_of
                    .get(t.target.as_str())
                    .copied()
                    .unwrap_or("")
                    .to_string(),
            );
            r.push(members);
            r
        })
        .collect();
    let headers: Vec<&str> = match p.view {
        View::Internal => vec!["序号", "对象编码", "名称", "地址", "层", "检查组"],
        View::Public => vec!["序号", "对象编码", "层", "检查组（人员编号）"],
    };
    b.push_str(&table(&headers, &rows));

    b.push_str("<h2>备选对象 Alternates (in replacement order)</h2>\n");
    let rows: Vec<Vec<String>> = rec
        .strata
        .iter()
        .flat_map(|s| {
            s.alternates.iter().enumerate().map(move |(i, t)| {
                let mut r = vec![s.key.clone(), (i + 1).to_string(), t.target.clone()];
                if p.view == View::Internal {
                    r.push(target_label(p, &t.target).0);
                }
                r
            })
        })
        .collect();
    let headers: Vec<&str> = match p.view {
        View::Internal => vec!["层", "顺位", "对象编码", "名称"],
        View::Public => vec!["层", "顺位", "对象编码"],
    };
    b.push_str(&table(&headers, &rows));
    if !rec.batches.is_empty() {
        b.push_str(&format!(
            "<p class=\"note\">检查批次 batches：{} 批，顺序见记录文件。</p>\n",
            rec.batches.len()
        ));
    }

    b.push_str("<h2>核验结论 Verification</h2>\n");
    let (head, lines) = verdict_text(p.verdict);
    b.push_str(&format!("<div class=\"verdict\"><b>{}</b>", esc(&head)));
    for l in lines {
        b.push_str(&format!("<br><span class=\"note\">{}</span>", esc(&l)));
    }
    b.push_str(&format!(
        "<br><span class=\"note\">任何人可用 shuangsuiji verify 以公开文件复核，结果应与记录哈希 {} 一致。</span></div>\n",
        esc(&hash)
    ));

    b.push_str("<h2>现场参加人员签字 Signatures of those present</h2>\n");
    let mut rows: Vec<Vec<String>> = c
        .signers
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                "签字人 signer".into(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    rows.extend(c.participants.iter().map(|part| {
        vec![
            part.role.clone(),
            format!("参与方 {}", part.id),
            String::new(),
            String::new(),
        ]
    }));
    for _ in 0..3 {
        rows.push(vec![
            String::new(),
            "其他现场人员 others present".into(),
            String::new(),
            String::new(),
        ]);
    }
    b.push_str(
        &table(&["姓名/单位", "身份", "签字", "日期"], &rows)
            .replace("<table>", "<table class=\"sign\">"),
    );
    b.push_str("<p class=\"note\">本记录由 shuangsuiji 根据已签署的抽取记录生成；签字后存档。Printed from the sealed record; archived once signed.</p>\n");
    Ok(page(&format!("抽查记录 {}", plan.id), &b))
}
