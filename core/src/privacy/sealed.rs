//! The draw/v3 public target view: every registration field as before, the risk level and
//! credit class replaced by one Pedersen commitment per possible value (docs/spec/privacy.md
//! §4). A leaf carries a commitment for *every* value, so its size and shape never depend on
//! the class it hides.

use crate::encoding::canonical::{canonical_json, Digest32};
use crate::encoding::merkle::merkle_root_in;
use crate::encoding::Suite;
use crate::privacy::error::PrivacyError;
use crate::privacy::pedersen::value_base;
use crate::privacy::pedersen::{
    blind, commit, point_from_hex, point_hex, scalar_from_hex, scalar_hex, ViewKey,
};
use crate::privacy::recusal::Recusals;
use crate::registers::fields::dates::{iso, iso_opt};
use crate::registers::target::{
    CreditClass, IsoDate, RiskLevel, Target, TargetKind, TargetRegister, TargetStatus,
};
use curve25519_dalek::ristretto::RistrettoPoint;
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::Identity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

/// A classification the public view hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClassAttribute {
    /// 风险等级.
    Risk,
    /// 信用类别.
    Credit,
}

impl ClassAttribute {
    /// Both, in the byte order of their wire names.
    pub const ALL: [ClassAttribute; 2] = [ClassAttribute::Credit, ClassAttribute::Risk];

    /// The member name (`risk`, `credit`), also the `a` of the blinding derivation.
    pub fn wire_name(self) -> &'static str {
        match self {
            ClassAttribute::Risk => "risk",
            ClassAttribute::Credit => "credit",
        }
    }

    /// Every wire value, `unknown` included, in spec/registers.md §4.1's order.
    pub fn values(self) -> &'static [&'static str] {
        match self {
            ClassAttribute::Risk => &["low", "medium_low", "medium_high", "high", "unknown"],
            ClassAttribute::Credit => &["A", "B", "C", "D", "unknown"],
        }
    }

    /// The target's value.
    pub fn value_of(self, t: &Target) -> &'static str {
        match self {
            ClassAttribute::Risk => t.risk.wire_name(),
            ClassAttribute::Credit => t.credit.wire_name(),
        }
    }

    /// The attribute a plan stratifies by (`None` for one stratum: no class is used).
    pub fn of_plan(s: crate::draw::plan::StratifyBy) -> Option<ClassAttribute> {
        match s {
            crate::draw::plan::StratifyBy::None => None,
            crate::draw::plan::StratifyBy::Risk => Some(ClassAttribute::Risk),
            crate::draw::plan::StratifyBy::Credit => Some(ClassAttribute::Credit),
        }
    }
}

/// One entry of the sealed (public) target view. Members as [`Target`], less `risk` and
/// `credit`, plus `classes` and `blind_sums`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedTarget {
    /// 住所.
    #[serde(default)]
    pub address: String,
    /// Per attribute (`credit`, `risk`), per value: `C = b·V + r·B`, compressed, hex.
    pub classes: BTreeMap<String, BTreeMap<String, String>>,
    /// Per attribute: `ρ = Σ_v r(v)`, so that anyone checks `Σ_v C = V + ρ·B` (one class).
    pub blind_sums: BTreeMap<String, String>,
    /// The commitment to the inspectors who declared a conflict with this target (§5):
    /// 64 lower-case hex digits, opened by a draw/v3 record only for targets it sends a
    /// team to.
    pub recusals: String,
    /// 所属部门.
    pub department: String,
    /// 成立日期.
    #[serde(default, with = "iso_opt", skip_serializing_if = "Option::is_none")]
    pub established: Option<Date>,
    /// 等级.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// Id.
    pub id: String,
    /// 行业.
    pub industry: String,
    /// 对象类型.
    pub kind: TargetKind,
    /// Last inspection per item.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub last_inspected: BTreeMap<String, IsoDate>,
    /// 名称.
    pub name: String,
    /// 行政区划代码.
    pub region: String,
    /// 登记状态.
    pub status: TargetStatus,
    /// 统一社会信用代码.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uscc: Option<String>,
}

/// Seals one entry under the view key, with the inspectors who declared a conflict with it.
pub fn seal(t: &Target, key: &ViewKey, declared: &[String]) -> SealedTarget {
    let mut classes = BTreeMap::new();
    let mut blind_sums = BTreeMap::new();
    for a in ClassAttribute::ALL {
        let own = a.value_of(t);
        let mut per = BTreeMap::new();
        let mut rho = Scalar::ZERO;
        for v in a.values() {
            let r = blind(key, &t.id, a.wire_name(), v);
            rho += r;
            per.insert(
                (*v).to_string(),
                point_hex(&commit(u64::from(*v == own), &r)),
            );
        }
        classes.insert(a.wire_name().to_string(), per);
        blind_sums.insert(a.wire_name().to_string(), scalar_hex(&rho));
    }
    SealedTarget {
        address: t.address.clone(),
        classes,
        blind_sums,
        recusals: hex::encode(crate::privacy::recusal::recusal_commitment(
            &crate::privacy::recusal::recusal_salt(key, &t.id),
            &t.id,
            declared,
        )),
        department: t.department.clone(),
        established: t.established,
        grade: t.grade.clone(),
        id: t.id.clone(),
        industry: t.industry.clone(),
        kind: t.kind,
        last_inspected: t.last_inspected.clone(),
        name: t.name.clone(),
        region: t.region.clone(),
        status: t.status,
        uscc: t.uscc.clone(),
    }
}

impl SealedTarget {
    /// The entry as the draw's filter and exclusion rules read it: every public field, the
    /// classes `unknown` (those rules never read them).
    pub fn public_target(&self) -> Target {
        Target {
            address: self.address.clone(),
            credit: CreditClass::Unknown,
            department: self.department.clone(),
            established: self.established,
            grade: self.grade.clone(),
            id: self.id.clone(),
            industry: self.industry.clone(),
            kind: self.kind,
            last_inspected: self.last_inspected.clone(),
            name: self.name.clone(),
            region: self.region.clone(),
            risk: RiskLevel::Unknown,
            status: self.status,
            uscc: self.uscc.clone(),
        }
    }

    /// Leaf bytes: JCS of the entry.
    ///
    /// # Errors
    /// Never for an entry read or sealed by this crate (see [`canonical_json`]).
    pub fn leaf_bytes(&self) -> Result<Vec<u8>, serde_json::Error> {
        canonical_json(self)
    }

    /// The commitment to `value` of `a`, decoded.
    ///
    /// # Errors
    /// [`PrivacyError::Leaf`] when the member is missing or not a canonical point.
    pub fn commitment(
        &self,
        a: ClassAttribute,
        value: &str,
    ) -> Result<RistrettoPoint, PrivacyError> {
        self.classes
            .get(a.wire_name())
            .and_then(|m| m.get(value))
            .and_then(|h| point_from_hex(h))
            .ok_or_else(|| PrivacyError::Leaf {
                target: self.id.clone(),
                field: format!("classes.{}.{value}", a.wire_name()),
                detail: "缺失或不是规范编码的 ristretto255 点 · missing or not a canonical ristretto255 point".into(),
            })
    }

    /// Checks the leaf's shape: exactly both attributes, exactly their values, canonical
    /// points and scalars. A leaf that fails could hide a value outside the list.
    ///
    /// # Errors
    /// [`PrivacyError::Leaf`] naming the member.
    pub fn check_shape(&self) -> Result<(), PrivacyError> {
        let leaf = |field: String, detail: &str| PrivacyError::Leaf {
            target: self.id.clone(),
            field,
            detail: detail.to_string(),
        };
        let names: Vec<&str> = ClassAttribute::ALL.iter().map(|a| a.wire_name()).collect();
        if self
            .classes
            .keys()
            .map(String::as_str)
            .ne(names.iter().copied())
        {
            return Err(leaf(
                "classes".into(),
                "应恰有 credit 与 risk · must hold exactly credit and risk",
            ));
        }
        if self
            .blind_sums
            .keys()
            .map(String::as_str)
            .ne(names.iter().copied())
        {
            return Err(leaf(
                "blind_sums".into(),
                "应恰有 credit 与 risk · must hold exactly credit and risk",
            ));
        }
        for a in ClassAttribute::ALL {
            let per = self.classes.get(a.wire_name());
            let mut want: Vec<&str> = a.values().to_vec();
            want.sort_unstable();
            if per.is_none_or(|m| m.keys().map(String::as_str).ne(want.iter().copied())) {
                return Err(leaf(
                    format!("classes.{}", a.wire_name()),
                    "应恰有该属性的每个取值 · must hold exactly every value of the attribute",
                ));
            }
            for v in a.values() {
                let c = self.commitment(a, v)?;
                // Blind 0 would print the bit (identity = 0, V = 1): a publisher's leak the
                // public can at least refuse in its plainest form.
                if c == RistrettoPoint::identity() || c == value_base() {
                    return Err(leaf(
                        format!("classes.{}.{v}", a.wire_name()),
                        "承诺未加盲（单位元或 V）· the commitment is unblinded (identity or V)",
                    ));
                }
            }
            self.blind_sum(a)?;
        }
        if self.recusals.len() != 64
            || !self
                .recusals
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(leaf(
                "recusals".into(),
                "应为 64 位小写十六进制 · must be 64 lower-case hex digits",
            ));
        }
        Ok(())
    }

    /// `ρ` of `a`, decoded.
    ///
    /// # Errors
    /// [`PrivacyError::Leaf`] when missing or not canonical.
    pub fn blind_sum(&self, a: ClassAttribute) -> Result<Scalar, PrivacyError> {
        self.blind_sums
            .get(a.wire_name())
            .and_then(|h| scalar_from_hex(h))
            .ok_or_else(|| PrivacyError::Leaf {
                target: self.id.clone(),
                field: format!("blind_sums.{}", a.wire_name()),
                detail: "缺失或不是规范编码的标量 · missing or not a canonical scalar".into(),
            })
    }
}

/// The sealed target view (`targets.sealed.json`): what a draw/v3 publishes instead of the
/// public target view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedView {
    /// The register date.
    #[serde(with = "iso")]
    pub as_of: Date,
    /// Entries in id order.
    pub targets: Vec<SealedTarget>,
}

impl SealedView {
    /// Seals a whole register under a fresh view key, with the inspectors' declared
    /// conflicts (the keeper's [`Recusals`]).
    pub fn of(register: &TargetRegister, recusals: &Recusals, key: &ViewKey) -> SealedView {
        SealedView {
            as_of: register.as_of(),
            targets: register
                .targets()
                .iter()
                .map(|t| seal(t, key, recusals.declaring(&t.id)))
                .collect(),
        }
    }

    /// RFC 6962 root over the leaves, under the suite's hash: the `targets` root a draw/v3
    /// commitment states.
    ///
    /// # Errors
    /// Only if a leaf cannot be encoded (never for this crate's types).
    pub fn root_in(&self, suite: Suite) -> Result<Digest32, PrivacyError> {
        let leaves = self
            .targets
            .iter()
            .map(SealedTarget::leaf_bytes)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| PrivacyError::Encoding(e.to_string()))?;
        Ok(merkle_root_in(suite, leaves))
    }

    /// Ids strictly increasing and every leaf well formed.
    ///
    /// # Errors
    /// The first problem found.
    pub fn check(&self) -> Result<(), PrivacyError> {
        let mut last: Option<&str> = None;
        for t in &self.targets {
            crate::registers::fields::ids::check_id(&t.id).map_err(|e| PrivacyError::Leaf {
                target: t.id.clone(),
                field: "id".into(),
                detail: e.to_string(),
            })?;
            if last.is_some_and(|p| p.as_bytes() >= t.id.as_bytes()) {
                return Err(PrivacyError::Leaf {
                    target: t.id.clone(),
                    field: "id".into(),
                    detail:
                        "条目未按编号严格递增排列 · entries are not in strictly increasing id order"
                            .into(),
                });
            }
            last = Some(&t.id);
            t.check_shape()?;
        }
        Ok(())
    }
}
