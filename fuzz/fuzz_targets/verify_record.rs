//! Record parsing and full verification on arbitrary JSON against the bundled sample
//! registers: a record either verifies or is refused with an error — never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use shuangsuiji::{
    import, parse_date, verify, PublicInspectorRegister, SealedRecord, TargetRegister,
};
use std::sync::OnceLock;

fn registers() -> &'static Option<(TargetRegister, PublicInspectorRegister)> {
    static R: OnceLock<Option<(TargetRegister, PublicInspectorRegister)>> = OnceLock::new();
    R.get_or_init(|| {
        let d = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/");
        let as_of = parse_date("2023-08-23")?;
        let t = import::targets(&std::fs::read(format!("{d}targets.csv")).ok()?, as_of).ok()?;
        let i =
            import::inspectors(&std::fs::read(format!("{d}inspectors.csv")).ok()?, as_of).ok()?;
        let key = std::fs::read_to_string(format!("{d}inspector-salt.key")).ok()?;
        let mut k = [0u8; 32];
        for (n, b) in k.iter_mut().enumerate() {
            *b = u8::from_str_radix(key.trim().get(2 * n..2 * n + 2)?, 16).ok()?;
        }
        Some((t, i.public_view(&k)))
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = serde_json::from_slice::<SealedRecord>(data) {
        // One data model, one form: what parses writes back to JSON that parses to itself.
        let again = serde_json::to_vec(&s).expect("a parsed record serialises");
        let back: SealedRecord = serde_json::from_slice(&again).expect("a written record parses");
        assert_eq!(back, s, "record changes through write and read");
        if let Some((t, i)) = registers() {
            let _ = verify(&s, t, i);
        }
    }
});
