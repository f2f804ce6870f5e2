//! The target register (检查对象名录库, 附件2): market subjects and other objects that
//! may be drawn.

use crate::encoding::canonical::Digest32;
use crate::registers::fields::dates::{iso, iso_opt};
use crate::registers::fields::ids::check_id;
use crate::registers::fields::names::check_named_field;
use crate::registers::fields::region::check_region_code;
use crate::registers::fields::uscc::validate_uscc;
use crate::registers::register;
use crate::registers::validate::{Collector, ProblemKind, RegisterName, ValidationErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

/// 对象类型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// 企业.
    Enterprise,
    /// 个体工商户.
    IndividualBusiness,
    /// 农民专业合作社.
    Cooperative,
    /// 产品.
    Product,
    /// 项目.
    Project,
    /// 行为.
    Behaviour,
    /// Not stated: the register has no 对象类型 (the seed's template has none). A plan
    /// that filters on the kind refuses a register with such entries.
    Unknown,
}

impl TargetKind {
    /// Reads the Chinese label or the snake_case name.
    pub fn parse(text: &str) -> Option<TargetKind> {
        Some(match text.trim() {
            "企业" | "enterprise" => TargetKind::Enterprise,
            "个体工商户" | "个体" | "individual_business" => TargetKind::IndividualBusiness,
            "农民专业合作社" | "合作社" | "cooperative" => TargetKind::Cooperative,
            "产品" | "product" => TargetKind::Product,
            "项目" | "project" => TargetKind::Project,
            "行为" | "behaviour" => TargetKind::Behaviour,
            _ => return None,
        })
    }

    /// The name in JSON (serde's), for the leaf writer.
    pub(crate) fn wire_name(self) -> &'static str {
        match self {
            TargetKind::Enterprise => "enterprise",
            TargetKind::IndividualBusiness => "individual_business",
            TargetKind::Cooperative => "cooperative",
            TargetKind::Product => "product",
            TargetKind::Project => "project",
            TargetKind::Behaviour => "behaviour",
            TargetKind::Unknown => "unknown",
        }
    }

    /// Market subjects are registered and must carry a USCC; products, projects and
    /// behaviours need not.
    pub fn needs_uscc(self) -> bool {
        matches!(
            self,
            TargetKind::Enterprise | TargetKind::IndividualBusiness | TargetKind::Cooperative
        )
    }
}

/// 信用类别 (A best … D worst).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum CreditClass {
    /// A.
    A,
    /// B.
    B,
    /// C.
    C,
    /// D.
    D,
    /// Not stated: the register has no 信用类别 (it comes from the market regulator, if
    /// at all). A plan stratified by credit refuses a register with such entries.
    #[serde(rename = "unknown")]
    Unknown,
}

impl CreditClass {
    /// The name in JSON (serde's), for the leaf writer.
    pub(crate) fn wire_name(self) -> &'static str {
        match self {
            CreditClass::A => "A",
            CreditClass::B => "B",
            CreditClass::C => "C",
            CreditClass::D => "D",
            CreditClass::Unknown => "unknown",
        }
    }

    /// Reads A–D (also "A类", "a").
    pub fn parse(text: &str) -> Option<CreditClass> {
        Some(
            match text
                .trim()
                .trim_end_matches('类')
                .to_ascii_uppercase()
                .as_str()
            {
                "A" => CreditClass::A,
                "B" => CreditClass::B,
                "C" => CreditClass::C,
                "D" => CreditClass::D,
                _ => return None,
            },
        )
    }
}

/// 风险等级 (信用风险分类: 低、较低、较高、高).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    /// 低风险.
    Low,
    /// 较低风险 (一般).
    MediumLow,
    /// 较高风险.
    MediumHigh,
    /// 高风险.
    High,
    /// Not stated: the register has no 风险等级. A plan stratified by risk refuses a
    /// register with such entries.
    Unknown,
}

impl RiskLevel {
    /// The name in JSON (serde's), for the leaf writer.
    pub(crate) fn wire_name(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::MediumLow => "medium_low",
            RiskLevel::MediumHigh => "medium_high",
            RiskLevel::High => "high",
            RiskLevel::Unknown => "unknown",
        }
    }

    /// Reads 低/较低/较高/高 (with or without 风险) or the snake_case name.
    pub fn parse(text: &str) -> Option<RiskLevel> {
        Some(match text.trim().trim_end_matches("风险") {
            "低" | "low" => RiskLevel::Low,
            "较低" | "一般" | "medium_low" => RiskLevel::MediumLow,
            "较高" | "medium_high" => RiskLevel::MediumHigh,
            "高" | "high" => RiskLevel::High,
            _ => return None,
        })
    }
}

/// 登记状态.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    /// 存续 / 在业.
    Active,
    /// 注销.
    Deregistered,
    /// 吊销.
    Revoked,
    /// 停业 / 关闭.
    Closed,
    /// 迁出.
    MovedOut,
}

impl TargetStatus {
    /// The name in JSON (serde's), for the leaf writer.
    pub(crate) fn wire_name(self) -> &'static str {
        match self {
            TargetStatus::Active => "active",
            TargetStatus::Deregistered => "deregistered",
            TargetStatus::Revoked => "revoked",
            TargetStatus::Closed => "closed",
            TargetStatus::MovedOut => "moved_out",
        }
    }

    /// Reads the Chinese label or the snake_case name.
    pub fn parse(text: &str) -> Option<TargetStatus> {
        Some(match text.trim() {
            "存续" | "在业" | "开业" | "active" => TargetStatus::Active,
            "注销" | "deregistered" => TargetStatus::Deregistered,
            "吊销" | "revoked" => TargetStatus::Revoked,
            "停业" | "关闭" | "歇业" | "closed" => TargetStatus::Closed,
            "迁出" | "moved_out" => TargetStatus::MovedOut,
            _ => return None,
        })
    }
}

/// One entry of the target register. Every field is public (registration data), so the
/// register's public view is the register itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// 住所.
    #[serde(default)]
    pub address: String,
    /// 信用类别.
    pub credit: CreditClass,
    /// 所属部门: the department in charge ("谁审批、谁监管，谁主管、谁监管").
    pub department: String,
    /// 成立日期.
    #[serde(default, with = "iso_opt", skip_serializing_if = "Option::is_none")]
    pub established: Option<Date>,
    /// 等级 (e.g. 治安管理场所 "一级"): picks the target's tier of a tiered 抽查频次.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// Id: the USCC for registered subjects, an assigned code otherwise.
    pub id: String,
    /// 行业 (GB/T 4754 code).
    pub industry: String,
    /// 对象类型.
    pub kind: TargetKind,
    /// Date of the last inspection, per item id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub last_inspected: BTreeMap<String, IsoDate>,
    /// 企业名称 / 对象名称.
    pub name: String,
    /// 行政区划代码 (GB/T 2260, six digits).
    pub region: String,
    /// 风险等级.
    pub risk: RiskLevel,
    /// 登记状态.
    pub status: TargetStatus,
    /// 统一社会信用代码.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uscc: Option<String>,
}

/// A date that serialises as `YYYY-MM-DD` (used as a map value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IsoDate(#[serde(with = "iso")] pub Date);

impl Target {
    pub(crate) fn check(&self, c: &mut Collector, today: Date) {
        let id = self.id.as_str();
        if let Err(e) = check_id(id) {
            c.push(id, "id", ProblemKind::InvalidId, format!("target id {e}"));
        }
        match (&self.uscc, self.kind.needs_uscc()) {
            (Some(u), _) => {
                if let Err(e) = validate_uscc(u) {
                    c.push(id, "uscc", ProblemKind::InvalidUscc, format!("{u:?}: {e}"));
                }
            }
            (None, true) => c.push(
                id,
                "uscc",
                ProblemKind::Missing,
                "a registered market subject needs a USCC (统一社会信用代码)",
            ),
            (None, false) => {}
        }
        if self.name.trim().is_empty() {
            c.push(id, "name", ProblemKind::Missing, "is empty");
        }
        // An empty region, industry or department is "not stated" (the seed's template has
        // none of them); a plan that relies on one refuses such a register (draw/coverage).
        if !self.region.is_empty() {
            if let Err(e) = check_region_code(&self.region) {
                c.push(id, "region", ProblemKind::InvalidRegion, e.to_string());
            }
        }
        check_named_field(c, id, "industry", &self.industry);
        check_named_field(c, id, "department", &self.department);
        if let Some(g) = &self.grade {
            // Absent and blank would mean the same yet hash differently: one spelling.
            if g.trim().is_empty() {
                c.push(
                    id,
                    "grade",
                    ProblemKind::Missing,
                    "is blank; leave it out when there is none",
                );
            } else {
                check_named_field(c, id, "grade", g);
            }
        }
        if let Some(d) = self.established {
            if d > today {
                c.push(
                    id,
                    "established",
                    ProblemKind::DateOrder,
                    format!("{d} lies after the register date {today}"),
                );
            }
        }
        for (item, d) in &self.last_inspected {
            if let Err(e) = check_id(item) {
                c.push(
                    id,
                    "last_inspected",
                    ProblemKind::InvalidId,
                    format!("item id {e}"),
                );
            }
            if d.0 > today {
                c.push(
                    id,
                    "last_inspected",
                    ProblemKind::DateOrder,
                    format!(
                        "inspection for {item} on {} lies after the register date {today}",
                        d.0
                    ),
                );
            }
        }
    }

    /// Leaf bytes of the register commitment: JCS of the entry (spec §3.2).
    ///
    /// Written field by field (`leaf_json`): a leaf's JCS bytes are fully determined by its
    /// fields, the members in the byte order of their names, and a string without a quote,
    /// backslash or control character is its own JSON text; at ten million entries, going
    /// through serde_json's character-by-character escaping was a tenth of the import.
    /// Tests compare the bytes with JCS on every sample entry and on generated ones.
    pub fn leaf_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(320);
        self.write_leaf(&mut out);
        out
    }

    /// Appends the leaf bytes to `out` (members in the byte order of their names).
    pub(crate) fn write_leaf(&self, out: &mut Vec<u8>) {
        use crate::registers::leaf_json::{date, string};
        out.extend_from_slice(b"{\"address\":");
        string(out, &self.address);
        out.extend_from_slice(b",\"credit\":");
        string(out, self.credit.wire_name());
        out.extend_from_slice(b",\"department\":");
        string(out, &self.department);
        if let Some(d) = self.established {
            out.extend_from_slice(b",\"established\":");
            date(out, d);
        }
        if let Some(g) = &self.grade {
            out.extend_from_slice(b",\"grade\":");
            string(out, g);
        }
        out.extend_from_slice(b",\"id\":");
        string(out, &self.id);
        out.extend_from_slice(b",\"industry\":");
        string(out, &self.industry);
        out.extend_from_slice(b",\"kind\":");
        string(out, self.kind.wire_name());
        if !self.last_inspected.is_empty() {
            out.extend_from_slice(b",\"last_inspected\":{");
            for (n, (item, d)) in self.last_inspected.iter().enumerate() {
                if n > 0 {
                    out.push(b',');
                }
                string(out, item);
                out.push(b':');
                date(out, d.0);
            }
            out.push(b'}');
        }
        out.extend_from_slice(b",\"name\":");
        string(out, &self.name);
        out.extend_from_slice(b",\"region\":");
        string(out, &self.region);
        out.extend_from_slice(b",\"risk\":");
        string(out, self.risk.wire_name());
        out.extend_from_slice(b",\"status\":");
        string(out, self.status.wire_name());
        if let Some(u) = &self.uscc {
            out.extend_from_slice(b",\"uscc\":");
            string(out, u);
        }
        out.push(b'}');
    }
}

/// A validated target register.
///
/// Invariant: entries valid as of `as_of`, ids and USCCs unique, sorted by id (bytes).
#[derive(Clone, Serialize)]
pub struct TargetRegister {
    #[serde(with = "iso")]
    as_of: Date,
    targets: Vec<Target>,
    /// The root, computed on first use: the entries never change, and a draw from a
    /// register in memory needs the root its commitment was made with once more.
    #[serde(skip)]
    root: [std::sync::OnceLock<Digest32>; 2],
}

impl TargetRegister {
    /// Validates every entry as of the register date `as_of` (dates after it are refused).
    ///
    /// # Errors
    /// Every problem of every entry.
    pub fn new(as_of: Date, targets: Vec<Target>) -> Result<Self, ValidationErrors> {
        let targets = register::validated(as_of, targets)?;
        Ok(TargetRegister {
            as_of,
            targets,
            root: [std::sync::OnceLock::new(), std::sync::OnceLock::new()],
        })
    }

    /// As [`TargetRegister::new`], giving the entries back with the problems (for the
    /// importers, which name the rows of refused records).
    #[cfg(feature = "import")]
    pub(crate) fn new_or_back(
        as_of: Date,
        targets: Vec<Target>,
    ) -> Result<Self, (ValidationErrors, Vec<Target>)> {
        let targets = register::validated_or_back(as_of, targets)?;
        Ok(TargetRegister {
            as_of,
            targets,
            root: [std::sync::OnceLock::new(), std::sync::OnceLock::new()],
        })
    }

    /// The register date.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// Entries, sorted by id.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// An entry by id.
    pub fn get(&self, id: &str) -> Option<&Target> {
        register::find(&self.targets, id)
    }

    /// RFC 6962 root over the entries' leaf bytes, in id order (spec §3.2), under SHA-256.
    pub fn root(&self) -> Digest32 {
        self.root_in(crate::encoding::Suite::Ed25519Sha256)
    }

    /// The root under a suite's hash (docs/spec/suites.md §3): the register's bytes are the
    /// same under both, its root is not. Each is computed once.
    pub fn root_in(&self, suite: crate::encoding::Suite) -> Digest32 {
        let slot = match suite {
            crate::encoding::Suite::Ed25519Sha256 => &self.root[0],
            crate::encoding::Suite::Sm2Sm3 => &self.root[1],
        };
        *slot.get_or_init(|| register::root_in(suite, &self.targets))
    }
}

/// Shown without the root cache, so that it reads the same before and after `root()`.
impl std::fmt::Debug for TargetRegister {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TargetRegister")
            .field("as_of", &self.as_of)
            .field("targets", &self.targets)
            .finish()
    }
}

/// Equal registers have equal dates and entries, whether or not either has computed its root.
impl PartialEq for TargetRegister {
    fn eq(&self, other: &Self) -> bool {
        self.as_of == other.as_of && self.targets == other.targets
    }
}

impl Eq for TargetRegister {}

register::deserialize_through_new!(TargetRegister, targets, Target);

impl register::Leaf for Target {
    fn leaf_bytes(&self) -> Vec<u8> {
        Target::leaf_bytes(self)
    }
}

impl register::Entry for Target {
    const REGISTER: RegisterName = RegisterName::Targets;

    fn id(&self) -> &str {
        &self.id
    }

    fn check(&self, c: &mut Collector, as_of: Date) {
        Target::check(self, c, as_of)
    }

    /// Two entries may not share a USCC: one market subject, one entry.
    fn check_across(targets: &[Self], c: &mut Collector) {
        let by_uscc = register::in_key_order(
            targets
                .iter()
                .enumerate()
                .filter_map(|(n, t)| Some((n, t.uscc.as_deref()?))),
        );
        let repeated = register::later_repeats(&by_uscc, targets.len());
        for (t, repeated) in targets.iter().zip(repeated) {
            if let (Some(u), true) = (&t.uscc, repeated) {
                c.push(
                    &t.id,
                    "uscc",
                    ProblemKind::Duplicate,
                    format!("{u} belongs to another entry too"),
                );
            }
        }
    }
}

/// The one-market-subject-one-entry rule of `check_across`, for a register read as a
/// stream (a database query, a CSV file) that is never held whole, so that one enterprise
/// listed under two 对象编码 cannot double its chance of being drawn. On the draw's first
/// pass each USCC is kept as a 64-bit key only (8 bytes an entry, 80 MB for ten million — a
/// browser tab can hold that, not a set of strings or digests), and the keys seen twice are
/// [`UsccsSeen::suspects`]; only when there are some does one more pass compare the entries
/// under those keys by their full USCC ([`UsccSuspects::check`]); the draw hashes that pass
/// too and refuses a source that gives it other entries than the first. The key is a
/// filter, not a proof: a collision (which anyone can craft against fixed SipHash keys)
/// costs a pass and a kept string, never a wrong verdict.
#[derive(Debug, Default)]
pub struct UsccsSeen(Vec<u64>);

/// The filter's key of a USCC. SipHash with fixed keys: cheap, and the same on every run,
/// which is all a filter needs (a register crafted to collide only makes more suspects).
fn uscc_key(u: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    h.write(u.as_bytes());
    h.finish()
}

impl UsccsSeen {
    /// Notes `t`'s USCC (first pass).
    pub fn note(&mut self, t: &Target) {
        if let Some(u) = &t.uscc {
            self.0.push(uscc_key(u));
        }
    }

    /// The keys noted more than once: what the second pass compares in full.
    pub fn suspects(mut self) -> UsccSuspects {
        self.0.sort_unstable();
        let mut keys: Vec<u64> = self
            .0
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if a == b => Some(*a),
                _ => None,
            })
            .collect();
        keys.dedup();
        UsccSuspects {
            keys,
            seen: std::collections::HashSet::new(),
        }
    }
}

/// The second pass of [`UsccsSeen`]: the USCCs under a repeated key, compared in full.
#[derive(Debug, Default)]
pub struct UsccSuspects {
    keys: Vec<u64>,
    seen: std::collections::HashSet<String>,
}

impl UsccSuspects {
    /// Whether no key repeated (every USCC is then distinct).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Checks `t`'s USCC against the earlier entries' under the same key.
    ///
    /// # Errors
    /// `Duplicate` on field `uscc`, naming `t`, when an earlier entry has its USCC.
    pub fn check(&mut self, t: &Target) -> Result<(), Box<crate::registers::Problem>> {
        let Some(u) = &t.uscc else { return Ok(()) };
        if self.keys.binary_search(&uscc_key(u)).is_err() || self.seen.insert(u.clone()) {
            return Ok(());
        }
        let mut c = Collector::new(RegisterName::Targets);
        c.push(
            &t.id,
            "uscc",
            ProblemKind::Duplicate,
            format!("{u} belongs to another entry too"),
        );
        c.problems.pop().map_or(Ok(()), |p| Err(Box::new(p)))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use time::macros::date;

    /// One market subject, one entry (registers.md §2, target register validation: "USCC seen
    /// before"), streamed: a repeated USCC is found
    /// by its key and named by the full compare; two USCCs under one key (a collision, forced
    /// here) are told apart by it.
    #[test]
    fn streamed_usccs_are_compared_in_full_under_a_repeated_key() {
        let (a, b, c) = (target("A"), target("B"), target("A"));
        let mut seen = UsccsSeen::default();
        for t in [&a, &b, &c] {
            seen.note(t);
        }
        let mut s = seen.suspects();
        assert!(!s.is_empty());
        assert!(s.check(&a).is_ok() && s.check(&b).is_ok());
        let p = s.check(&c).unwrap_err();
        assert_eq!((p.kind, p.field.as_str()), (ProblemKind::Duplicate, "uscc"));
        // Distinct USCCs: no suspects, nothing more to read.
        let mut seen = UsccsSeen::default();
        seen.note(&a);
        seen.note(&b);
        assert!(seen.suspects().is_empty());
        // A forced collision: both keys equal, the USCCs differ, so neither is refused.
        let mut keys = vec![uscc_key("A"), uscc_key("B")];
        keys.sort_unstable();
        let mut forced = UsccSuspects {
            keys,
            seen: std::collections::HashSet::new(),
        };
        let mut other = target("B");
        other.uscc = Some("A".into());
        assert!(forced.check(&a).is_ok());
        assert!(
            forced.check(&b).is_ok(),
            "a different USCC is not a duplicate"
        );
        assert!(forced.check(&other).is_err());
    }

    pub(crate) fn target(id: &str) -> Target {
        Target {
            id: id.into(),
            uscc: Some(id.into()),
            name: "郑州某某娱乐有限公司".into(),
            established: Some(date!(2015 - 03 - 01)),
            address: "河南省郑州市金水区".into(),
            region: "410105".into(),
            industry: "R9011".into(),
            kind: TargetKind::Enterprise,
            credit: CreditClass::A,
            risk: RiskLevel::Low,
            department: "省公安厅治安总队".into(),
            status: TargetStatus::Active,
            grade: None,
            last_inspected: BTreeMap::new(),
        }
    }

    const GOOD: &str = "91350100M000100Y43";

    #[test]
    fn valid_register_and_root_independent_of_input_order() {
        let a = TargetRegister::new(
            date!(2026 - 11 - 27),
            vec![target(GOOD), target("91110000802100433B")],
        )
        .unwrap();
        let b = TargetRegister::new(
            date!(2026 - 11 - 27),
            vec![target("91110000802100433B"), target(GOOD)],
        )
        .unwrap();
        let fresh = a.clone();
        let fresh = TargetRegister::new(fresh.as_of(), fresh.targets().to_vec()).unwrap();
        assert_eq!(a.root(), b.root());
        assert_eq!(
            a, fresh,
            "a register that has computed its root equals one that has not"
        );
        assert_eq!(a.root(), fresh.root());
        assert_eq!(a.targets()[0].id, "91110000802100433B");
    }

    #[test]
    fn each_rule_fails_on_bad_input() {
        let mut bad_uscc = target("91350100M000100Y44");
        bad_uscc.uscc = Some("91350100M000100Y44".into());
        let mut no_uscc = target("XW-1");
        no_uscc.uscc = None;
        let mut behaviour = target("XW-2");
        behaviour.uscc = None;
        behaviour.kind = TargetKind::Behaviour;
        let mut bad_region = target("911100007109288314");
        bad_region.region = "4101".into();
        bad_region.established = Some(date!(2030 - 01 - 01));
        let dup = target(GOOD);
        let e = TargetRegister::new(
            date!(2026 - 11 - 27),
            vec![bad_uscc, no_uscc, behaviour, bad_region, dup.clone(), dup],
        )
        .unwrap_err();
        let got: Vec<_> = e
            .problems
            .iter()
            .map(|p| {
                (
                    p.record.clone().unwrap_or_default(),
                    p.field.clone(),
                    p.kind,
                )
            })
            .collect();
        assert!(got.contains(&(
            "91350100M000100Y44".into(),
            "uscc".into(),
            ProblemKind::InvalidUscc
        )));
        assert!(got.contains(&("XW-1".into(), "uscc".into(), ProblemKind::Missing)));
        assert!(
            !got.iter().any(|g| g.0 == "XW-2"),
            "a behaviour may lack a USCC"
        );
        assert!(got.contains(&(
            "911100007109288314".into(),
            "region".into(),
            ProblemKind::InvalidRegion
        )));
        assert!(got.contains(&(
            "911100007109288314".into(),
            "established".into(),
            ProblemKind::DateOrder
        )));
        assert!(got.contains(&(GOOD.into(), "id".into(), ProblemKind::Duplicate)));
        assert!(got.contains(&(GOOD.into(), "uscc".into(), ProblemKind::Duplicate)));
    }

    /// The leaf writer's names are serde's (spec §3.2: the leaf is the entry's JCS).
    #[test]
    fn wire_names_are_serdes() {
        fn json<T: Serialize>(v: &T) -> String {
            serde_json::to_string(v).unwrap_or_default()
        }
        use TargetKind as K;
        for k in [
            K::Enterprise,
            K::IndividualBusiness,
            K::Cooperative,
            K::Product,
            K::Project,
            K::Behaviour,
            K::Unknown,
        ] {
            assert_eq!(json(&k), format!("{:?}", k.wire_name()));
        }
        for c in [
            CreditClass::A,
            CreditClass::B,
            CreditClass::C,
            CreditClass::D,
            CreditClass::Unknown,
        ] {
            assert_eq!(json(&c), format!("{:?}", c.wire_name()));
        }
        use RiskLevel as R;
        for r in [R::Low, R::MediumLow, R::MediumHigh, R::High, R::Unknown] {
            assert_eq!(json(&r), format!("{:?}", r.wire_name()));
        }
        use TargetStatus as S;
        for st in [
            S::Active,
            S::Deregistered,
            S::Revoked,
            S::Closed,
            S::MovedOut,
        ] {
            assert_eq!(json(&st), format!("{:?}", st.wire_name()));
        }
    }

    #[test]
    fn labels_parse() {
        assert_eq!(
            TargetKind::parse("个体工商户"),
            Some(TargetKind::IndividualBusiness)
        );
        assert_eq!(RiskLevel::parse("较高风险"), Some(RiskLevel::MediumHigh));
        assert_eq!(CreditClass::parse("b类"), Some(CreditClass::B));
        assert_eq!(
            TargetStatus::parse("注销"),
            Some(TargetStatus::Deregistered)
        );
        assert_eq!(TargetStatus::parse("unknown"), None);
    }
}
