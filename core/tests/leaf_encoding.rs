//! Leaf bytes are written directly for speed (targets field by field, inspectors by
//! serde_json); they must equal RFC 8785 JCS.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::*;
use proptest::prelude::*;
use shuangsuiji::{encoding::*, registers::*, *};

#[cfg(feature = "import")]
#[test]
fn sample_leaves_are_jcs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data");
    let t = import::targets(&std::fs::read(root.join("targets.csv")).unwrap(), AS_OF).unwrap();
    for e in t.targets() {
        assert_eq!(e.leaf_bytes(), canonical_json(e).unwrap(), "{}", e.id);
    }
    let i =
        import::inspectors(&std::fs::read(root.join("inspectors.csv")).unwrap(), AS_OF).unwrap();
    for e in i.public_view(&KEY).inspectors() {
        assert_eq!(e.leaf_bytes(), canonical_json(e).unwrap(), "{}", e.id);
    }
}

proptest! {
    #[test]
    fn generated_leaves_are_jcs(name in "\\PC{0,12}", ctrl in proptest::collection::vec(0u8..0x20, 0..4), addr in any::<String>(), unit in any::<String>(), exp in proptest::collection::vec(any::<String>(), 0..3)) {
        let mut t = target(7, RiskLevel::High, "410105");
        t.name = format!("{name}{}", ctrl.iter().map(|c| char::from(*c)).collect::<String>());
        t.address = addr;
        t.last_inspected.insert("HA-GAT-001".into(), IsoDate(DAY));
        t.established = None;
        prop_assert_eq!(t.leaf_bytes(), canonical_json(&t).unwrap());
        let mut i = inspector(3, &unit, "410105");
        i.expertise = exp;
        i.conflicts = vec!["A\"\\\u{7f}".into()];
        let p = i.public(&KEY);
        prop_assert_eq!(p.leaf_bytes(), canonical_json(&p).unwrap());
    }

    /// Every optional member present or absent, every enum value, several inspection
    /// dates under ids that sort differently as bytes and as text, any year.
    #[test]
    fn generated_target_leaves_are_jcs(
        strings in proptest::collection::vec(any::<String>(), 6),
        kind in 0usize..7, credit in 0usize..5, risk in 0usize..5, status in 0usize..5,
        year in -9999i32..=9999, day in 1u16..=365,
        with in proptest::collection::vec(any::<bool>(), 3),
        items in proptest::collection::vec(("[A-Za-z0-9_\\-\"\\\\]{1,8}", 1u16..=365), 0..4),
    ) {
        let mut t = target(9, RiskLevel::Low, "410105");
        let s = |n: usize| strings.get(n).cloned().unwrap_or_default();
        t.id = s(0);
        t.name = s(1);
        t.department = s(2);
        t.industry = s(3);
        t.region = s(4);
        t.address = s(5);
        let d = |o: u16| time::Date::from_ordinal_date(year, o).unwrap_or(DAY);
        t.established = with[0].then(|| d(day));
        t.grade = with[1].then(|| "一级".to_string());
        t.uscc = with[2].then(|| "91350100M000100Y43".to_string());
        t.kind = [TargetKind::Enterprise, TargetKind::IndividualBusiness, TargetKind::Cooperative, TargetKind::Product, TargetKind::Project, TargetKind::Behaviour, TargetKind::Unknown][kind];
        t.credit = [CreditClass::A, CreditClass::B, CreditClass::C, CreditClass::D, CreditClass::Unknown][credit];
        t.risk = [RiskLevel::Low, RiskLevel::MediumLow, RiskLevel::MediumHigh, RiskLevel::High, RiskLevel::Unknown][risk];
        t.status = [TargetStatus::Active, TargetStatus::Deregistered, TargetStatus::Revoked, TargetStatus::Closed, TargetStatus::MovedOut][status];
        t.last_inspected = items.iter().map(|(i, o)| (i.clone(), IsoDate(d(*o)))).collect();
        prop_assert_eq!(t.leaf_bytes(), canonical_json(&t).unwrap());
    }
}
