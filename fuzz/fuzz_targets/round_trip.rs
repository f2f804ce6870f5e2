//! Round-trip oracles shared by the targets: a register that imports exports to CSV and
//! imports again to the same root (the export is the register's own form), and a value that
//! parses from JSON writes back to JSON that parses to the same value.
#![allow(dead_code)] // each target uses what it needs
use shuangsuiji::{import, registers::fields::parse_date, Date};

fn as_of() -> Date {
    parse_date("2023-08-23").unwrap_or(Date::MIN)
}

pub fn targets(bytes: &[u8]) {
    if let Ok(r) = import::targets(bytes, as_of()) {
        let back = import::targets(import::targets_to_csv(&r).as_bytes(), as_of())
            .expect("an imported target register re-imports from its CSV export");
        assert_eq!(back.root(), r.root(), "target CSV export changes the root");
    }
}

pub fn inspectors(bytes: &[u8]) {
    if let Ok(r) = import::inspectors(bytes, as_of()) {
        let back = import::inspectors(import::inspectors_to_csv(&r).as_bytes(), as_of())
            .expect("an imported inspector register re-imports from its CSV export");
        assert_eq!(
            back.root(&[0; 32]),
            r.root(&[0; 32]),
            "inspector CSV export changes the root"
        );
    }
}

pub fn items(bytes: &[u8]) {
    if let Ok(l) = import::items(bytes, "v") {
        let back = import::items(import::items_to_csv(&l).as_bytes(), "v")
            .expect("an imported item list re-imports from its CSV export");
        assert_eq!(back.hash(), l.hash(), "item CSV export changes the hash");
    }
}

/// What parses writes back to JSON that parses to the same value (one data model, one form).
pub fn json<T>(v: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let again = serde_json::to_vec(v).expect("a parsed value serialises");
    let back: T = serde_json::from_slice(&again).expect("a written value parses");
    assert_eq!(&back, v, "value changes through write and read");
}
