//! Leaf bytes are written straight by serde_json for speed; they must equal RFC 8785 JCS.
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
}
