//! Every importer on arbitrary bytes (CSV in any encoding, XLSX when the bytes look like a
//! ZIP): it must return a register or problems — never panic. A register that imports must
//! export to CSV and import again to the same root (the export is the register's own form).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "round_trip.rs"]
mod round_trip;

fuzz_target!(|data: &[u8]| {
    round_trip::targets(data);
    round_trip::inspectors(data);
    round_trip::items(data);
});
