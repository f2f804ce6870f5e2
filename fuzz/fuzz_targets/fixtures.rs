//! The sample draw the verification targets check fuzzed input against: its record (the
//! seed of `verify_record`) and the public registers it was drawn from. A fixture that
//! fails to load stops the fuzzer at once, rather than letting every check be skipped.
#![allow(dead_code)] // each target uses what it needs
use shuangsuiji::{
    import, registers::fields::parse_date, PublicInspectorRegister, SealedRecord, TargetRegister,
};
use std::sync::OnceLock;

pub fn registers() -> &'static (TargetRegister, PublicInspectorRegister) {
    static R: OnceLock<(TargetRegister, PublicInspectorRegister)> = OnceLock::new();
    R.get_or_init(|| {
        let d = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/");
        let read = |f: &str| std::fs::read(format!("{d}{f}")).expect("sample data is readable");
        let as_of = parse_date("2023-08-23").expect("a fixed date parses");
        let t = import::targets(&read("targets.csv"), as_of).expect("sample targets import");
        let i =
            import::inspectors(&read("inspectors.csv"), as_of).expect("sample inspectors import");
        let key = String::from_utf8(read("inspector-salt.key")).expect("the salt key is text");
        let key = key.trim();
        let mut k = [0u8; 32];
        assert_eq!(key.len(), 64, "the salt key is 64 hex digits");
        for (n, b) in k.iter_mut().enumerate() {
            *b = u8::from_str_radix(&key[2 * n..2 * n + 2], 16).expect("the salt key is hex");
        }
        (t, i.public_view(&k))
    })
}

/// The seed record, which verifies against the sample registers: otherwise every `verify`
/// in the targets would stop at the first root it compares, exploring nothing further.
pub fn record() -> &'static SealedRecord {
    static R: OnceLock<SealedRecord> = OnceLock::new();
    R.get_or_init(|| {
        let r: SealedRecord =
            serde_json::from_str(include_str!("../seeds/verify_record/sample-record.json"))
                .expect("the sample record parses");
        let (t, i) = registers();
        shuangsuiji::verify(&r, t, i).expect("the sample record verifies against the samples");
        r
    })
}
