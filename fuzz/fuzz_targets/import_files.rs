//! Every importer on arbitrary bytes (CSV in any encoding, XLSX when the bytes look like a
//! ZIP): it must return a register or problems — never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use shuangsuiji::{import, parse_date};

fuzz_target!(|data: &[u8]| {
    let as_of = parse_date("2023-08-23").unwrap_or(shuangsuiji::Date::MIN);
    if let Ok(r) = import::targets(data, as_of) {
        let _ = r.root();
        let _ = import::targets_to_csv(&r);
    }
    if let Ok(r) = import::inspectors(data, as_of) {
        let _ = r.root(&[0; 32]);
    }
    if let Ok(l) = import::items(data, "v") {
        let _ = l.hash();
    }
});
