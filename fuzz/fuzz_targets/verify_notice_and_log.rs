//! Public notices, disclosures, signed checkpoints and audit logs on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use shuangsuiji::audit::{LogFile, SignedCheckpoint};
use shuangsuiji::{Disclosure, SignedNotice};

const KEY: &str = "shuangsuiji.example/henan-gat/demo+00000000+AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

fuzz_target!(|data: &[u8]| {
    if let Ok(n) = serde_json::from_slice::<SignedNotice>(data) {
        let _ = n.verify();
        let _ = n.verify_csv(&String::from_utf8_lossy(data));
    }
    if let Ok(d) = serde_json::from_slice::<Vec<Disclosure>>(data) {
        let _ = d.len();
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = SignedCheckpoint::verify(text, KEY);
        let _ = SignedCheckpoint::verify(text, text);
    }
    if let Ok(l) = serde_json::from_slice::<LogFile>(data) {
        let _ = l.verify(&l.verifier_key, &[]);
    }
});
