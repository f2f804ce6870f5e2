//! Public notices, disclosures, signed checkpoints and audit logs on arbitrary bytes.
//! Disclosures are checked against the seed notice they were made with, so mutated
//! openings reach the digest comparison.
#![no_main]
use libfuzzer_sys::fuzz_target;
use shuangsuiji::audit::{LogFile, SignedCheckpoint};
use shuangsuiji::{publish::Disclosure, publish::NoticeEntry, SignedNotice};
use std::sync::OnceLock;

fn seed_notice() -> &'static SignedNotice {
    static N: OnceLock<SignedNotice> = OnceLock::new();
    N.get_or_init(|| {
        serde_json::from_str(include_str!("../seeds/verify_notice_and_log/notice.json"))
            .expect("the seed notice parses")
    })
}

const KEY: &str =
    "shuangsuiji.example/henan-gat/demo+00000000+AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

#[path = "round_trip.rs"]
mod round_trip;
use round_trip::json as round_trips;

/// The notice's CSV reads back as a table: a header, then one row per result, every row as
/// wide as the header, each starting with its result id — whatever the ids and values
/// hold (quotes, commas, line breaks).
fn csv_has_one_row_per_result(n: &SignedNotice) {
    let text = n.notice.to_csv();
    let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("the notice CSV is well-formed");
    assert_eq!(rows.len(), n.notice.results.len() + 1, "one row per result");
    let width = rows[0].len();
    for (row, entry) in rows[1..].iter().zip(&n.notice.results) {
        assert_eq!(row.len(), width, "every row as wide as the header");
        let (NoticeEntry::Published { id, .. } | NoticeEntry::Withheld { id, .. }) = entry;
        assert_eq!(
            row.get(0),
            Some(id.as_str()),
            "the row starts with its result id"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(n) = serde_json::from_slice::<SignedNotice>(data) {
        round_trips(&n);
        csv_has_one_row_per_result(&n);
        let _ = n.verify();
        let _ = n.verify_csv(&String::from_utf8_lossy(data));
    }
    if let Ok(d) = serde_json::from_slice::<Vec<Disclosure>>(data) {
        round_trips(&d);
        let _ = seed_notice().verify_disclosures(&d);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = SignedCheckpoint::verify(text, KEY);
        let _ = SignedCheckpoint::verify(text, text);
    }
    if let Ok(l) = serde_json::from_slice::<LogFile>(data) {
        round_trips(&l);
        // Inclusion proofs too: ask about the subjects the log's own events name.
        let subjects: Vec<_> = l.events.iter().take(4).map(|e| e.subject).collect();
        let _ = l.verify(&l.verifier_key, &subjects);
    }
});
