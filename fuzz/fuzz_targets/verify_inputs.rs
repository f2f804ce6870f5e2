//! Everything else a verifier or publisher reads as JSON, on arbitrary bytes: the public
//! registers (checked against the sample record, as `shuangsuiji verify` does), the private
//! inspector register and the item list, drand chain specs and rounds, working calendars,
//! redaction policies, and inspection results (published, then checked as the public would).
//! Each value that parses must write back to itself and pass its own checks or be refused
//! with an error — never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rand_chacha::rand_core::SeedableRng;
use shuangsuiji::{
    draw::verify_round, draw::DrandSpec, publish, publish::NoticeHeader, publish::WorkingCalendar,
    registers::fields::parse_date, verify, BeaconRound, Digest32, InspectionResult,
    InspectorRegister, ItemList, PublicInspectorRegister, RedactionPolicy, TargetRegister,
};
use std::sync::OnceLock;

#[path = "fixtures.rs"]
mod fixtures;
use fixtures::{record, registers};

#[path = "round_trip.rs"]
mod round_trip;
use round_trip::json as round_trips;

/// The quicknet round bundled with the examples: a genuine signature, so a fuzzed spec
/// that keeps the chain's key reaches the BLS check and passes it.
fn quicknet_round() -> &'static BeaconRound {
    static R: OnceLock<BeaconRound> = OnceLock::new();
    R.get_or_init(|| {
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../../examples/data/drand-quicknet.json"))
                .expect("the bundled quicknet file is JSON");
        BeaconRound::from_drand_json(&v["rounds"][0]).expect("the bundled round parses")
    })
}

fn beacon(v: &serde_json::Value) {
    if let Ok(spec) = DrandSpec::from_json(v) {
        round_trips(&spec);
        let _ = verify_round(&spec, 0, quicknet_round());
        let _ = verify_round(&spec, spec.round_time(), quicknet_round());
    }
    if let Ok(round) = BeaconRound::from_drand_json(v) {
        let spec = DrandSpec::quicknet(round.round);
        let _ = verify_round(&spec, 0, &round);
    }
}

/// A calendar that settles a year agrees with itself: the 20th working day after New
/// Year's Day is 20 working days after it.
fn calendar(text: &str) {
    let Ok(cal) = WorkingCalendar::from_json(text) else {
        return;
    };
    for year in cal.years().take(3) {
        let Some(day) = parse_date(&format!("{year:04}-01-01")) else {
            continue;
        };
        if let Ok(by) = cal.publish_by(day, 20) {
            assert_eq!(
                cal.working_days_between(day, by),
                Ok(20),
                "publish_by and working_days_between disagree"
            );
        }
    }
}

/// Publishing under a fixed key and salt stream: what is published verifies, with its
/// CSV and every disclosure, as a member of the public would check it.
fn publishes(results: &[InspectionResult], policy: &RedactionPolicy) {
    let Some(first) = results.first() else {
        return;
    };
    let header = NoticeHeader {
        notice_id: "FUZZ-NOTICE".into(),
        publisher: "fuzz".into(),
        published_on: parse_date("2023-10-09").expect("a fixed date parses"),
        draw_record: first.draw_record,
    };
    let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
    let mut rng = rand_chacha::ChaCha20Rng::from_seed([9; 32]);
    if let Ok(p) = publish(results, policy, header, &key, &mut rng) {
        p.notice.verify().expect("a fresh notice verifies");
        p.notice
            .verify_csv(&p.notice.notice.to_csv())
            .expect("a fresh notice's CSV verifies");
        p.notice
            .verify_disclosures(&p.disclosures)
            .expect("a fresh notice's disclosures verify");
        round_trips(&p.notice);
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = serde_json::from_slice::<TargetRegister>(data) {
        round_trips(&t);
        let (_, i) = registers();
        let _ = verify(record(), &t, i);
    }
    if let Ok(i) = serde_json::from_slice::<PublicInspectorRegister>(data) {
        round_trips(&i);
        let (t, _) = registers();
        let _ = verify(record(), t, &i);
    }
    if let Ok(i) = serde_json::from_slice::<InspectorRegister>(data) {
        round_trips(&i);
    }
    if let Ok(l) = serde_json::from_slice::<ItemList>(data) {
        round_trips(&l);
        let _: Digest32 = l.hash();
    }
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        beacon(&v);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        calendar(text);
    }
    if let Ok(p) = serde_json::from_slice::<RedactionPolicy>(data) {
        round_trips(&p);
        if p.validate().is_ok() {
            let _ = p.digest();
        }
    }
    if let Ok(r) = serde_json::from_slice::<Vec<InspectionResult>>(data) {
        round_trips(&r);
        publishes(&r, &RedactionPolicy::default_policy());
    }
});
