//! Every importer on arbitrary bytes (CSV in any encoding, XLSX when the bytes look like a
//! ZIP): it must return a register or problems — never panic. A register that imports must
//! export to CSV and import again to the same root (the export is the register's own form).
#![no_main]
use libfuzzer_sys::fuzz_target;
use shuangsuiji::{import, parse_date};

fuzz_target!(|data: &[u8]| {
    let as_of = parse_date("2023-08-23").unwrap_or(shuangsuiji::Date::MIN);
    if let Ok(r) = import::targets(data, as_of) {
        let back = import::targets(import::targets_to_csv(&r).as_bytes(), as_of)
            .expect("an imported target register re-imports from its CSV export");
        assert_eq!(back.root(), r.root(), "target CSV export changes the root");
    }
    if let Ok(r) = import::inspectors(data, as_of) {
        let back = import::inspectors(import::inspectors_to_csv(&r).as_bytes(), as_of)
            .expect("an imported inspector register re-imports from its CSV export");
        assert_eq!(
            back.root(&[0; 32]),
            r.root(&[0; 32]),
            "inspector CSV export changes the root"
        );
    }
    if let Ok(l) = import::items(data, "v") {
        let back = import::items(import::items_to_csv(&l).as_bytes(), "v")
            .expect("an imported item list re-imports from its CSV export");
        assert_eq!(back.hash(), l.hash(), "item CSV export changes the hash");
    }
});
