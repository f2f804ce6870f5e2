//! Public notices, disclosures, signed checkpoints and audit logs on arbitrary bytes.
//! Disclosures are checked against the seed notice they were made with, so mutated
//! openings reach the digest comparison.
#![no_main]
use libfuzzer_sys::fuzz_target;
use shuangsuiji::audit::{LogFile, SignedCheckpoint};
use shuangsuiji::{Disclosure, SignedNotice};
use std::sync::OnceLock;

fn seed_notice() -> Option<&'static SignedNotice> {
    static N: OnceLock<Option<SignedNotice>> = OnceLock::new();
    N.get_or_init(|| serde_json::from_str(include_str!("../seeds/verify_notice_and_log/notice.json")).ok())
        .as_ref()
}

const KEY: &str = "shuangsuiji.example/henan-gat/demo+00000000+AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

fuzz_target!(|data: &[u8]| {
    if let Ok(n) = serde_json::from_slice::<SignedNotice>(data) {
        let _ = n.verify();
        let _ = n.verify_csv(&String::from_utf8_lossy(data));
    }
    if let Ok(d) = serde_json::from_slice::<Vec<Disclosure>>(data) {
        if let Some(n) = seed_notice() {
            let _ = n.verify_disclosures(&d);
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = SignedCheckpoint::verify(text, KEY);
        let _ = SignedCheckpoint::verify(text, text);
    }
    if let Ok(l) = serde_json::from_slice::<LogFile>(data) {
        let _ = l.verify(&l.verifier_key, &[]);
    }
});
