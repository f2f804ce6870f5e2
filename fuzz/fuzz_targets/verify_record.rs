//! Record parsing and full verification on arbitrary JSON against the bundled sample
//! registers: a record either verifies or is refused with an error — never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use shuangsuiji::{verify, SealedRecord};

#[path = "fixtures.rs"]
mod fixtures;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = serde_json::from_slice::<SealedRecord>(data) {
        // One data model, one form: what parses writes back to JSON that parses to itself.
        let again = serde_json::to_vec(&s).expect("a parsed record serialises");
        let back: SealedRecord = serde_json::from_slice(&again).expect("a written record parses");
        assert_eq!(back, s, "record changes through write and read");
        let (t, i) = fixtures::registers();
        let _ = verify(&s, t, i);
    }
});
