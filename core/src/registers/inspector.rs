//! The inspector register (执法检查人员名录库, 附件2).
//!
//! Personal fields (name, sex, badge number, phones) live apart from the draw-relevant
//! ones. Each public entry carries a salted digest of its personal fields, so the public
//! view — everything a draw needs, nothing personal — verifies against the same Merkle
//! root as the full register (spec §3.3).

use crate::encoding::canonical::{canonical_json, lp, tagged_hash, Digest32};
use crate::registers::fields::dates::iso;
use crate::registers::fields::ids::check_id;
use crate::registers::fields::names::{check_named_field, check_named_list};
use crate::registers::fields::region::check_region_code;
use crate::registers::register;
use crate::registers::validate::{Collector, ProblemKind, RegisterName, ValidationErrors};
use serde::{Deserialize, Serialize};
use time::Date;

/// 性别.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// 男.
    Male,
    /// 女.
    Female,
}

impl Sex {
    /// Reads 男/女 or male/female.
    pub fn parse(text: &str) -> Option<Sex> {
        match text.trim() {
            "男" | "male" => Some(Sex::Male),
            "女" | "female" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// 人员状态.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum InspectorStatus {
    /// 在岗.
    Active,
    /// 休假 / 请假 / 借调: temporarily not available.
    OnLeave,
    /// 退休 / 调离.
    Retired,
}

impl InspectorStatus {
    /// Reads the Chinese label or the snake_case name.
    pub fn parse(text: &str) -> Option<InspectorStatus> {
        Some(match text.trim() {
            "在岗" | "在职" | "active" => InspectorStatus::Active,
            "休假" | "请假" | "借调" | "on_leave" => InspectorStatus::OnLeave,
            "退休" | "调离" | "离职" | "retired" => InspectorStatus::Retired,
            _ => return None,
        })
    }
}

/// 执法资质: an enforcement certificate and its validity (both dates inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    /// 执法证号.
    pub certificate: String,
    /// First day of validity.
    #[serde(with = "iso")]
    pub valid_from: Date,
    /// Last day of validity.
    #[serde(with = "iso")]
    pub valid_until: Date,
}

impl Qualification {
    /// Whether the certificate is valid on `day`.
    pub fn valid_on(&self, day: Date) -> bool {
        self.valid_from <= day && day <= self.valid_until
    }
}

/// The personal fields of an inspector, never in a public view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonalInfo {
    /// 姓名.
    pub name: String,
    /// 性别.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// 警号.
    #[serde(default)]
    pub badge: String,
    /// 联系电话.
    #[serde(default)]
    pub office_phone: String,
    /// 手机号码.
    #[serde(default)]
    pub mobile: String,
}

/// The draw-relevant, publishable fields of an inspector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inspector {
    /// 人员编码.
    pub id: String,
    /// 所属部门.
    pub department: String,
    /// 工作单位 (used for optional own-unit recusal).
    #[serde(default)]
    pub unit: String,
    /// 所在地区 (GB/T 2260), for optional own-region recusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// 职务（职级）.
    #[serde(default)]
    pub rank: String,
    /// 执法资质; `None` for expert-pool members without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<Qualification>,
    /// 业务专长 tags.
    #[serde(default)]
    pub expertise: Vec<String>,
    /// 人员状态.
    pub status: InspectorStatus,
    /// Member of the expert pool (检测机构、科研院所、专家学者).
    #[serde(default)]
    pub expert: bool,
    /// Declared conflicts of interest: target ids this inspector must not inspect (回避).
    #[serde(default)]
    pub conflicts: Vec<String>,
    /// The personal fields; the register's public view replaces them by a digest.
    pub personal: PersonalInfo,
}

/// An inspector as published: the draw-relevant fields and the salted digest of the
/// personal ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicInspector {
    /// Declared conflicts (target ids), sorted.
    pub conflicts: Vec<String>,
    /// 所属部门.
    pub department: String,
    /// Expert-pool member.
    pub expert: bool,
    /// 业务专长.
    pub expertise: Vec<String>,
    /// 人员编码.
    pub id: String,
    /// `tagged_hash("shuangsuiji/v1/personal", salt || JCS(personal))`.
    pub personal_digest: Digest32,
    /// 执法资质.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<Qualification>,
    /// 职务（职级）.
    pub rank: String,
    /// 所在地区.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// 人员状态.
    pub status: InspectorStatus,
    /// 工作单位.
    pub unit: String,
}

impl PublicInspector {
    /// Leaf bytes of the register commitment: JCS of the public entry (spec §3.3).
    ///
    /// Invariant: fields declared in the byte order of their JSON names, map keys ASCII and
    /// no floats, so serde_json's output is already JCS (tests compare the two on sample and
    /// generated entries; target leaves are written field by field instead, for speed).
    pub fn leaf_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Whether this inspector counts as one of the two required enforcement officers on
    /// `day`: active and holding a qualification valid that day.
    pub fn is_enforcement_officer_on(&self, day: Date) -> bool {
        self.status == InspectorStatus::Active
            && self.qualification.as_ref().is_some_and(|q| q.valid_on(day))
    }
}

/// The per-inspector salt: `tagged_hash("shuangsuiji/v1/personal-salt", key || lp(id))`.
///
/// Derived from the register keeper's secret key, so the same register always gives the
/// same root, while a single salt can be handed out to prove one person's data without
/// exposing anyone else's.
pub fn personal_salt(key: &[u8; 32], id: &str) -> Digest32 {
    tagged_hash("shuangsuiji/v1/personal-salt", &[key, &lp(id.as_bytes())])
}

/// The digest of personal fields under a salt.
pub fn personal_digest(salt: &Digest32, personal: &PersonalInfo) -> Digest32 {
    let bytes = canonical_json(personal).unwrap_or_default();
    tagged_hash("shuangsuiji/v1/personal", &[&salt.0, &bytes])
}

impl Inspector {
    /// The public entry under the register key.
    pub fn public(&self, key: &[u8; 32]) -> PublicInspector {
        let mut conflicts = self.conflicts.clone();
        conflicts.sort();
        conflicts.dedup();
        PublicInspector {
            id: self.id.clone(),
            department: self.department.clone(),
            unit: self.unit.clone(),
            region: self.region.clone(),
            rank: self.rank.clone(),
            qualification: self.qualification.clone(),
            expertise: self.expertise.clone(),
            status: self.status,
            expert: self.expert,
            conflicts,
            personal_digest: personal_digest(&personal_salt(key, &self.id), &self.personal),
        }
    }

    fn check(&self, c: &mut Collector, today: Date) {
        let id = self.id.as_str();
        if let Err(e) = check_id(id) {
            c.push(
                id,
                "id",
                ProblemKind::InvalidId,
                format!("inspector id {e}"),
            );
        }
        if self.personal.name.trim().is_empty() {
            c.push(id, "name", ProblemKind::Missing, "is empty");
        }
        if self.department.trim().is_empty() {
            c.push(id, "department", ProblemKind::Missing, "is empty");
        }
        check_named_field(c, id, "department", &self.department);
        check_named_list(c, id, "expertise", &self.expertise);
        if let Some(r) = &self.region {
            if let Err(e) = check_region_code(r) {
                c.push(id, "region", ProblemKind::InvalidRegion, e.to_string());
            }
        }
        for t in &self.conflicts {
            if let Err(e) = check_id(t) {
                c.push(
                    id,
                    "conflicts",
                    ProblemKind::InvalidId,
                    format!("conflict target id {e}"),
                );
            }
        }
        match &self.qualification {
            Some(q) => {
                if q.certificate.trim().is_empty() {
                    c.push(
                        id,
                        "certificate",
                        ProblemKind::Missing,
                        "a qualification needs its certificate number",
                    );
                }
                if q.valid_until < q.valid_from {
                    c.push(
                        id,
                        "valid_until",
                        ProblemKind::DateOrder,
                        format!("{} lies before valid_from {}", q.valid_until, q.valid_from),
                    );
                } else if self.status == InspectorStatus::Active && !q.valid_on(today) {
                    c.push(
                        id,
                        "valid_until",
                        ProblemKind::QualificationNotValid,
                        format!(
                            "an active inspector's certificate is valid {}..{}, not on {today}",
                            q.valid_from, q.valid_until
                        ),
                    );
                }
            }
            // Expert-pool members may lack a certificate; they then never count toward
            // the two officers a team needs.
            None if !self.expert && self.status == InspectorStatus::Active => {
                c.push(id, "certificate", ProblemKind::Missing, "an active officer outside the expert pool needs an enforcement qualification (执法资质)");
            }
            None => {}
        }
    }
}

/// A validated inspector register (full, with personal data).
///
/// Invariant: entries valid as of `as_of`, ids unique, sorted by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InspectorRegister {
    #[serde(with = "iso")]
    as_of: Date,
    inspectors: Vec<Inspector>,
}

impl InspectorRegister {
    /// Validates every entry as of `as_of`.
    ///
    /// # Errors
    /// Every problem of every entry.
    pub fn new(as_of: Date, inspectors: Vec<Inspector>) -> Result<Self, ValidationErrors> {
        let inspectors = register::validated(as_of, inspectors)?;
        Ok(InspectorRegister { as_of, inspectors })
    }

    /// The register date.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// Entries, sorted by id.
    pub fn inspectors(&self) -> &[Inspector] {
        &self.inspectors
    }

    /// The public view under the keeper's key.
    pub fn public_view(&self, key: &[u8; 32]) -> PublicInspectorRegister {
        PublicInspectorRegister {
            as_of: self.as_of,
            inspectors: self.inspectors.iter().map(|i| i.public(key)).collect(),
        }
    }

    /// The register root; equal to the root of its public view.
    pub fn root(&self, key: &[u8; 32]) -> Digest32 {
        self.public_view(key).root()
    }
}

register::deserialize_through_new!(InspectorRegister, inspectors, Inspector);

impl register::Entry for Inspector {
    const REGISTER: RegisterName = RegisterName::Inspectors;

    fn id(&self) -> &str {
        &self.id
    }

    fn check(&self, c: &mut Collector, as_of: Date) {
        Inspector::check(self, c, as_of)
    }
}

/// The public view of the inspector register: what a draw needs and a verifier sees.
///
/// Invariant: ids unique and sorted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicInspectorRegister {
    #[serde(with = "iso")]
    as_of: Date,
    inspectors: Vec<PublicInspector>,
}

impl PublicInspectorRegister {
    /// The view a draw/v3 publishes: every member but the declared conflicts, which are
    /// sealed per target instead (docs/spec/privacy.md §5, §13).
    pub fn without_conflicts(&self) -> PublicInspectorRegister {
        PublicInspectorRegister {
            as_of: self.as_of,
            inspectors: self
                .inspectors
                .iter()
                .map(|i| PublicInspector {
                    conflicts: Vec::new(),
                    ..i.clone()
                })
                .collect(),
        }
    }

    /// Builds a view from published entries (e.g. parsed from JSON); sorts by id.
    ///
    /// # Errors
    /// Duplicate or invalid ids.
    pub fn new(as_of: Date, inspectors: Vec<PublicInspector>) -> Result<Self, ValidationErrors> {
        let inspectors = register::validated(as_of, inspectors)?;
        Ok(PublicInspectorRegister { as_of, inspectors })
    }

    /// The register date.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// Entries, sorted by id.
    pub fn inspectors(&self) -> &[PublicInspector] {
        &self.inspectors
    }

    /// RFC 6962 root over the public entries in id order (SHA-256).
    pub fn root(&self) -> Digest32 {
        register::root(&self.inspectors)
    }

    /// The root under a suite's hash (docs/spec/suites.md §3).
    pub fn root_in(&self, suite: crate::encoding::Suite) -> Digest32 {
        register::root_in(suite, &self.inspectors)
    }
}

register::deserialize_through_new!(PublicInspectorRegister, inspectors, PublicInspector);

impl register::Leaf for PublicInspector {
    fn leaf_bytes(&self) -> Vec<u8> {
        PublicInspector::leaf_bytes(self)
    }
}

impl register::Entry for PublicInspector {
    const REGISTER: RegisterName = RegisterName::Inspectors;

    fn id(&self) -> &str {
        &self.id
    }

    /// A published entry carries no dates to check; its ids and names still must be in
    /// their one spelling.
    fn check(&self, c: &mut Collector, _as_of: Date) {
        if let Err(e) = check_id(&self.id) {
            c.push(
                &self.id,
                "id",
                ProblemKind::InvalidId,
                format!("inspector id {e}"),
            );
        }
        if self.department.trim().is_empty() {
            c.push(&self.id, "department", ProblemKind::Missing, "is empty");
        }
        check_named_field(c, &self.id, "department", &self.department);
        check_named_list(c, &self.id, "expertise", &self.expertise);
    }

    /// One spelling per entry: the leaf hashes the conflict list as given.
    fn check_across(inspectors: &[Self], c: &mut Collector) {
        for i in inspectors {
            if i.conflicts.windows(2).any(|w| w.first() >= w.get(1)) {
                c.push(
                    &i.id,
                    "conflicts",
                    ProblemKind::InvalidId,
                    "must be sorted and without repeats",
                );
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use time::macros::date;

    pub(crate) fn officer(id: &str, dept: &str) -> Inspector {
        Inspector {
            id: id.into(),
            department: dept.into(),
            unit: "郑州市公安局金水分局".into(),
            region: Some("410105".into()),
            rank: "一级警长".into(),
            qualification: Some(Qualification {
                certificate: format!("HA2020{id}"),
                valid_from: date!(2020 - 01 - 01),
                valid_until: date!(2030 - 12 - 31),
            }),
            expertise: vec![],
            status: InspectorStatus::Active,
            expert: false,
            conflicts: vec![],
            personal: PersonalInfo {
                name: "张三".into(),
                sex: Some(Sex::Male),
                badge: "123456".into(),
                office_phone: "0371-65550000".into(),
                mobile: "13800001234".into(),
            },
        }
    }

    const KEY: [u8; 32] = [7; 32];

    #[test]
    fn public_view_verifies_against_same_root_without_personal_data() {
        let reg = InspectorRegister::new(
            date!(2026 - 11 - 27),
            vec![officer("P2", "A"), officer("P1", "A")],
        )
        .unwrap();
        let view = reg.public_view(&KEY);
        assert_eq!(reg.root(&KEY), view.root());
        let json = serde_json::to_string(&view).unwrap();
        assert!(
            !json.contains("张三") && !json.contains("13800001234") && !json.contains("123456\"")
        );
        // Round trip of the published view keeps the root.
        let back: PublicInspectorRegister = serde_json::from_str(&json).unwrap();
        assert_eq!(back.root(), reg.root(&KEY));
        // Changing a personal field changes the root (it is committed, not dropped).
        let mut other = officer("P1", "A");
        other.personal.mobile = "13900001234".into();
        let reg2 =
            InspectorRegister::new(date!(2026 - 11 - 27), vec![officer("P2", "A"), other]).unwrap();
        assert_ne!(reg.root(&KEY), reg2.root(&KEY));
    }

    #[test]
    fn a_disclosed_salt_proves_one_persons_data() {
        let i = officer("P1", "A");
        let salt = personal_salt(&KEY, "P1");
        assert_eq!(
            personal_digest(&salt, &i.personal),
            i.public(&KEY).personal_digest
        );
        assert_ne!(personal_salt(&KEY, "P2"), salt);
    }

    #[test]
    fn qualification_rules() {
        let today = date!(2026 - 11 - 27);
        let mut expired = officer("P1", "A");
        if let Some(q) = expired.qualification.as_mut() {
            q.valid_until = date!(2025 - 12 - 31);
        }
        let mut retired_expired = expired.clone();
        retired_expired.id = "P2".into();
        retired_expired.status = InspectorStatus::Retired;
        let mut expert = officer("P3", "A");
        expert.expert = true;
        expert.qualification = None;
        let mut unqualified = officer("P4", "A");
        unqualified.qualification = None;
        let mut reversed = officer("P5", "A");
        if let Some(q) = reversed.qualification.as_mut() {
            q.valid_from = date!(2031 - 01 - 01);
        }
        let e = InspectorRegister::new(
            today,
            vec![expired, retired_expired, expert, unqualified, reversed],
        )
        .unwrap_err();
        let got: Vec<_> = e
            .problems
            .iter()
            .map(|p| (p.record.clone().unwrap_or_default(), p.kind))
            .collect();
        assert_eq!(
            got,
            vec![
                ("P1".into(), ProblemKind::QualificationNotValid),
                ("P4".into(), ProblemKind::Missing),
                ("P5".into(), ProblemKind::DateOrder)
            ]
        );
        assert!(InspectorRegister::new(today, vec![officer("P1", "A")]).is_ok());
    }
}
