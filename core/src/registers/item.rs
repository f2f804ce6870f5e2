//! The item list (一单, 随机抽查事项清单): what may be inspected, under which law, at
//! which ratio and frequency. Fields follow 附件1 and the table of 豫政办〔2017〕80号.

use crate::encoding::canonical::{canonical_json, tagged_hash, Digest32};
use crate::registers::fields::error::FieldError;
use crate::registers::fields::ids::check_id;
use crate::registers::fields::ratio::BasisPoints;
use crate::registers::validate::{Collector, ProblemKind, RegisterName, ValidationErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// 事项类别.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 一般检查事项: must carry a ratio cap.
    General,
    /// 重点检查事项: safety, quality, public interest; no ratio cap.
    Key,
}

impl Category {
    /// Reads 一般检查事项 / 重点检查事项 (or "general" / "key").
    pub fn parse(text: &str) -> Option<Category> {
        let t = text.trim();
        match t {
            "general" => Some(Category::General),
            "key" => Some(Category::Key),
            _ if t.starts_with("一般") => Some(Category::General),
            _ if t.starts_with("重点") => Some(Category::Key),
            _ => None,
        }
    }
}

/// 检查方式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// 现场检查 / 实地检查.
    OnSite,
    /// 书面检查.
    Documents,
    /// 网络检查 / 网上检查 / 网络监测.
    Online,
    /// 专业机构检查.
    ProfessionalBody,
    /// 技术检测.
    TechnicalTesting,
    /// 查阅台账.
    LedgerReview,
}

const METHOD_WORDS: [(&str, Method); 11] = [
    ("现场检查", Method::OnSite),
    ("实地检查", Method::OnSite),
    ("书面检查", Method::Documents),
    ("网络检查", Method::Online),
    ("网上检查", Method::Online),
    ("网络监测", Method::Online),
    ("专业机构检查", Method::ProfessionalBody),
    ("技术检测", Method::TechnicalTesting),
    ("查阅台账", Method::LedgerReview),
    ("on_site", Method::OnSite),
    ("documents", Method::Documents),
];

impl Method {
    /// Splits a methods cell, with or without separators ("实地检查网上检查" and
    /// "现场检查、书面检查" both work, as both occur in the published lists).
    ///
    /// # Errors
    /// [`FieldError::UnknownMethod`] with the part that is not a known method.
    pub fn parse_list(text: &str) -> Result<Vec<Method>, FieldError> {
        let mut out = Vec::new();
        let mut rest = text.trim();
        while !rest.is_empty() {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "、,，;；/".contains(c));
            if rest.is_empty() {
                break;
            }
            let hit = METHOD_WORDS.iter().find(|(w, _)| rest.starts_with(w));
            let Some((w, m)) = hit else {
                return Err(FieldError::UnknownMethod {
                    rest: rest.to_string(),
                });
            };
            if !out.contains(m) {
                out.push(*m);
            }
            rest = rest.get(w.len()..).unwrap_or_default();
        }
        Ok(out)
    }
}

/// 检查部门实施层级.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 省.
    Province,
    /// 市.
    City,
    /// 县.
    County,
}

impl Level {
    /// 省, 市 or 县.
    pub fn zh(self) -> &'static str {
        match self {
            Level::Province => "省",
            Level::City => "市",
            Level::County => "县",
        }
    }

    /// Reads "省、市、县市场监管部门"-style cells: each of 省/市/县 present is a level.
    pub fn parse_list(text: &str) -> Vec<Level> {
        let mut v = Vec::new();
        for (c, l) in [
            ('省', Level::Province),
            ('市', Level::City),
            ('县', Level::County),
        ] {
            if text.contains(c) {
                v.push(l);
            }
        }
        v
    }
}

/// One statute of 检查依据 and the articles cited from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// The statute's name without 《》.
    pub statute: String,
    /// The issuing document, e.g. "国务院令第344号", when given in brackets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Cited articles in the source's words, e.g. "第六条第二项".
    pub articles: Vec<String>,
}

impl LegalBasis {
    /// Reads a 检查依据 cell: one or more 《statute》(document)articles groups.
    /// Text before the first 《 or without any 《》 yields nothing (and a validation problem).
    pub fn parse_list(text: &str) -> Vec<LegalBasis> {
        let mut out = Vec::new();
        for chunk in text.split('《').skip(1) {
            let Some((statute, rest)) = chunk.split_once('》') else {
                continue;
            };
            let mut rest = rest.trim();
            let mut document = None;
            for (open, close) in [('（', '）'), ('(', ')')] {
                if let Some(r) = rest.strip_prefix(open) {
                    if let Some((doc, after)) = r.split_once(close) {
                        document = Some(doc.trim().to_string());
                        rest = after;
                    }
                }
            }
            let articles = rest
                .split(|c: char| "、，,；;。\n ".contains(c))
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            out.push(LegalBasis {
                statute: statute.trim().to_string(),
                document,
                articles,
            });
        }
        out
    }
}

/// The period of a frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// 年.
    Year,
    /// 半年.
    HalfYear,
    /// 季度.
    Quarter,
    /// 月.
    Month,
}

/// One tier of a frequency: `times` per `period` for the targets it applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrequencyTier {
    /// Which targets, e.g. "一级治安管理场所"; `None` for all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<String>,
    /// Inspections per period.
    pub times: u32,
    /// The period.
    pub period: Period,
}

/// 抽查频次: the source text and its reading (several tiers for e.g.
/// "一级治安管理场所1次/年、二级和三级治安管理场所每半年1次").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frequency {
    /// The text as published.
    pub text: String,
    /// The tiers read from it.
    pub tiers: Vec<FrequencyTier>,
}

impl Frequency {
    /// Reads a frequency text; `None` when any part of it cannot be read.
    pub fn parse(text: &str) -> Option<Frequency> {
        let mut tiers = Vec::new();
        for part in text
            .split(['、', '；', ';', '，', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            tiers.push(parse_tier(part)?);
        }
        (!tiers.is_empty()).then(|| Frequency {
            text: text.trim().to_string(),
            tiers,
        })
    }
}

fn parse_period(t: &str) -> Option<Period> {
    match t
        .trim_start_matches('每')
        .trim_start_matches('/')
        .trim_end_matches('度')
    {
        "年" => Some(Period::Year),
        "半年" => Some(Period::HalfYear),
        "季" => Some(Period::Quarter),
        "月" => Some(Period::Month),
        _ => None,
    }
}

/// "1次/年", "每半年1次", "每年2次", "一级治安管理场所1次/年".
fn parse_tier(part: &str) -> Option<FrequencyTier> {
    let start = part.find(|c: char| c == '每' || c.is_ascii_digit())?;
    let (who, rule) = part.split_at(start);
    let who = who.trim();
    let applies_to = (!who.is_empty()).then(|| who.to_string());
    let (times, period) = if let Some(r) = rule.strip_prefix('每') {
        // 每<period><n>次
        let d = r.find(|c: char| c.is_ascii_digit())?;
        let (p, n) = r.split_at(d);
        (n.strip_suffix('次')?.parse().ok()?, parse_period(p)?)
    } else {
        // <n>次/<period>
        let (n, p) = rule.split_once('次')?;
        (n.parse().ok()?, parse_period(p)?)
    };
    Some(FrequencyTier {
        applies_to,
        times,
        period,
    })
}

/// One inspection item (抽查事项).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// 事项编码: stable id of the item.
    pub id: String,
    /// 部门: the department (unit) responsible.
    pub department: String,
    /// 抽查事项: the item's name.
    pub name: String,
    /// 检查对象: the kinds of target in the source's words.
    pub target_scope: Vec<String>,
    /// 检查内容.
    pub content: String,
    /// 事项类别.
    pub category: Category,
    /// 检查方式.
    pub methods: Vec<Method>,
    /// 检查部门实施层级.
    pub levels: Vec<Level>,
    /// 检查依据.
    pub legal_basis: Vec<LegalBasis>,
    /// 抽查比例: for a general item, the cap no plan may exceed; for a key item, the
    /// published default (no cap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratio: Option<BasisPoints>,
    /// 抽查频次.
    pub frequency: Frequency,
    /// 备注.
    #[serde(default)]
    pub remarks: String,
}

impl Item {
    /// The cap a plan's ratio must respect, if any.
    ///
    /// 国发〔2019〕5号 三(二) / 豫政办〔2015〕140号: 重点检查事项 "抽查比例不设上限";
    /// 一般检查事项 "抽查比例应根据监管实际情况设置上限".
    pub fn ratio_cap(&self) -> Option<BasisPoints> {
        match self.category {
            Category::General => self.ratio,
            Category::Key => None,
        }
    }

    pub(crate) fn check(&self, c: &mut Collector) {
        let id = self.id.as_str();
        if let Err(e) = check_id(id) {
            c.push(id, "id", ProblemKind::InvalidId, format!("item id {e}"));
        }
        for (field, v) in [
            ("department", &self.department),
            ("name", &self.name),
            ("content", &self.content),
        ] {
            if v.trim().is_empty() {
                c.push(id, field, ProblemKind::Missing, "is empty");
            }
        }
        if self.target_scope.is_empty() {
            c.push(
                id,
                "target_scope",
                ProblemKind::Missing,
                "names no kind of target",
            );
        }
        if self.methods.is_empty() {
            c.push(
                id,
                "methods",
                ProblemKind::Missing,
                "names no inspection method",
            );
        }
        if self.levels.is_empty() {
            c.push(
                id,
                "levels",
                ProblemKind::Missing,
                "names no implementing level (省/市/县)",
            );
        }
        // 国发〔2019〕5号: "法律、法规、规章没有规定的，一律不得擅自开展检查" — an item
        // must cite the statute that allows it.
        if self.legal_basis.is_empty() || self.legal_basis.iter().any(|b| b.statute.is_empty()) {
            c.push(
                id,
                "legal_basis",
                ProblemKind::Missing,
                "cites no statute in 《》",
            );
        }
        if let Some(r) = self.ratio {
            if !r.is_valid_ratio() {
                c.push(
                    id,
                    "ratio",
                    ProblemKind::RatioOutOfRange,
                    format!("{} bp is outside (0, 10000]", r.0),
                );
            }
        }
        // A general item without 抽查比例 is kept as "cap not stated" (the seed's 附件1 has
        // no ratio column); DrawPlan::check refuses to draw under it, so no draw is uncapped.
        // A frequency not stated is likewise unknown; one stated must be readable.
        if !self.frequency.text.trim().is_empty() && self.frequency.tiers.is_empty() {
            c.push(
                id,
                "frequency",
                ProblemKind::UnreadableFrequency,
                format!("{:?} has no count per period", self.frequency.text),
            );
        }
    }
}

/// A published, versioned item list.
///
/// Invariant: items are valid, ids unique, sorted by id (byte order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemList {
    version: String,
    items: Vec<Item>,
}

impl ItemList {
    /// Validates every item and sorts by id.
    ///
    /// # Errors
    /// Every problem of every item.
    pub fn new(
        version: impl Into<String>,
        mut items: Vec<Item>,
    ) -> Result<ItemList, ValidationErrors> {
        let version = version.into();
        let mut c = Collector::new(RegisterName::ItemList);
        if version.trim().is_empty() {
            c.push(
                "",
                "version",
                ProblemKind::Missing,
                "an item list needs a version",
            );
        }
        let mut seen = BTreeSet::new();
        for it in &items {
            it.check(&mut c);
            if !seen.insert(it.id.as_str()) {
                c.push(
                    &it.id,
                    "id",
                    ProblemKind::Duplicate,
                    "appears more than once",
                );
            }
        }
        c.finish()?;
        items.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(ItemList { version, items })
    }

    /// The list's version label.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Items, sorted by id.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// An item by id.
    pub fn get(&self, id: &str) -> Option<&Item> {
        self.items
            .binary_search_by(|i| i.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.items.get(i))
    }

    /// Content hash: `tagged_hash("shuangsuiji/v1/item-list", JCS({"items", "version"}))`
    /// (spec §3.1).
    pub fn hash(&self) -> Digest32 {
        let bytes = canonical_json(self).unwrap_or_default();
        tagged_hash("shuangsuiji/v1/item-list", &[&bytes])
    }

    /// [`ItemList::hash`] under a suite's hash (docs/spec/suites.md §3).
    pub fn hash_in(&self, suite: crate::encoding::Suite) -> Digest32 {
        let bytes = canonical_json(self).unwrap_or_default();
        suite.tagged_hash("shuangsuiji/v1/item-list", &[&bytes])
    }
}

impl<'de> Deserialize<'de> for ItemList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            version: String,
            items: Vec<Item>,
        }
        let r = Raw::deserialize(d)?;
        ItemList::new(r.version, r.items).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample_item(id: &str, category: Category, ratio: Option<u32>) -> Item {
        Item {
            id: id.into(),
            department: "省公安厅治安总队".into(),
            name: "娱乐场所监督检查".into(),
            target_scope: vec!["娱乐场所".into()],
            content: "1.备案情况".into(),
            category,
            methods: Method::parse_list("实地检查网上检查").unwrap(),
            levels: Level::parse_list("省、市、县"),
            legal_basis: LegalBasis::parse_list("《娱乐场所管理条例》（国务院令第458号）第三条。"),
            ratio: ratio.map(BasisPoints),
            frequency: Frequency::parse("1次/年").unwrap(),
            remarks: String::new(),
        }
    }

    #[test]
    fn methods_split_with_and_without_separators() {
        assert_eq!(
            Method::parse_list("实地检查网上检查").unwrap(),
            vec![Method::OnSite, Method::Online]
        );
        assert_eq!(
            Method::parse_list("现场检查、书面检查、网络检查、专业机构检查").unwrap(),
            vec![
                Method::OnSite,
                Method::Documents,
                Method::Online,
                Method::ProfessionalBody
            ]
        );
        assert_eq!(
            Method::parse_list("实地检查查阅台账").unwrap(),
            vec![Method::OnSite, Method::LedgerReview]
        );
        assert_eq!(
            Method::parse_list("现场检查飞行检查"),
            Err(FieldError::UnknownMethod {
                rest: "飞行检查".into()
            })
        );
    }

    #[test]
    fn legal_basis_reads_statute_document_and_articles() {
        let b = LegalBasis::parse_list("《危险化学品安全管理条例》（国务院令第344号）第六条第三项；《剧毒化学品购买和公路运输许可证件管理办法》（公安部令第77号）第十二条。");
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].statute, "危险化学品安全管理条例");
        assert_eq!(b[0].document.as_deref(), Some("国务院令第344号"));
        assert_eq!(b[0].articles, vec!["第六条第三项"]);
        assert_eq!(b[1].articles, vec!["第十二条"]);
        let c = LegalBasis::parse_list("《企业信息公示暂行条例》第三条、第八条、第九条");
        assert_eq!(c[0].articles.len(), 3);
        assert!(LegalBasis::parse_list("无").is_empty());
    }

    #[test]
    fn tiered_frequency_from_yuzhengban_2017_80() {
        let f =
            Frequency::parse("一级治安管理场所1次/年、二级和三级治安管理场所每半年1次").unwrap();
        assert_eq!(
            f.tiers,
            vec![
                FrequencyTier {
                    applies_to: Some("一级治安管理场所".into()),
                    times: 1,
                    period: Period::Year
                },
                FrequencyTier {
                    applies_to: Some("二级和三级治安管理场所".into()),
                    times: 1,
                    period: Period::HalfYear
                },
            ]
        );
        assert_eq!(
            Frequency::parse("每季度2次").unwrap().tiers[0].period,
            Period::Quarter
        );
        assert!(Frequency::parse("经常").is_none());
        assert!(Frequency::parse("").is_none());
    }

    // 国发〔2019〕5号: a general item must carry a ratio cap; a key item has none.
    #[test]
    fn general_item_cap_may_be_unstated_key_item_has_none() {
        assert!(ItemList::new("v1", vec![sample_item("A", Category::General, Some(500))]).is_ok());
        // Not stated (附件1 has no ratio column): listed, and refused by every plan
        // (draw::DrawPlan::check, tested in core/tests/seed_templates.rs).
        let unstated =
            ItemList::new("v1", vec![sample_item("A", Category::General, None)]).unwrap();
        assert_eq!(unstated.items()[0].ratio_cap(), None);
        let key = sample_item("B", Category::Key, Some(5000));
        assert_eq!(key.ratio_cap(), None);
        assert!(ItemList::new("v1", vec![key]).is_ok());
    }

    #[test]
    fn every_problem_reported_at_once() {
        let mut bad = sample_item("A B", Category::General, Some(0));
        bad.legal_basis.clear();
        bad.methods.clear();
        let dup = sample_item("X", Category::Key, Some(20_000));
        let e = ItemList::new("", vec![bad, dup.clone(), dup]).unwrap_err();
        let kinds: Vec<_> = e
            .problems
            .iter()
            .map(|p| (p.field.as_str(), p.kind))
            .collect();
        for want in [
            ("version", ProblemKind::Missing),
            ("id", ProblemKind::InvalidId),
            ("legal_basis", ProblemKind::Missing),
            ("methods", ProblemKind::Missing),
            ("ratio", ProblemKind::RatioOutOfRange),
            ("id", ProblemKind::Duplicate),
        ] {
            assert!(kinds.contains(&want), "missing {want:?} in {kinds:?}");
        }
    }

    #[test]
    fn list_hash_depends_on_version_and_content_not_order() {
        let a = sample_item("A", Category::Key, None);
        let b = sample_item("B", Category::Key, None);
        let l1 = ItemList::new("v1", vec![a.clone(), b.clone()]).unwrap();
        let l2 = ItemList::new("v1", vec![b.clone(), a.clone()]).unwrap();
        assert_eq!(l1.hash(), l2.hash());
        assert_ne!(
            l1.hash(),
            ItemList::new("v2", vec![a.clone(), b.clone()])
                .unwrap()
                .hash()
        );
        let mut a2 = a;
        a2.remarks = "x".into();
        assert_ne!(l1.hash(), ItemList::new("v1", vec![a2, b]).unwrap().hash());
    }
}
