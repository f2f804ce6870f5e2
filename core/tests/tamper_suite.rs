//! Tamper suite: every field of a sealed record changed one at a time, and bytes of its
//! canonical form flipped — each change is rejected, and the error names the right part.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::*;
use serde_json::Value;
use shuangsuiji::{draw::*, encoding::*, publish::*, registers::*};

/// Every leaf of a JSON value with its path (`a.b[2].c`).
fn leaves(v: &Value, path: String, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                leaves(
                    x,
                    if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    },
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, format!("{path}[{i}]"), out);
            }
        }
        _ => out.push((path, v.clone())),
    }
}

fn set(v: &mut Value, path: &str, new: Value) {
    let mut cur = v;
    for part in path.split('.') {
        let (key, idx) = match part.find('[') {
            Some(i) => (&part[..i], Some(&part[i..])),
            None => (part, None),
        };
        if !key.is_empty() {
            cur = cur.get_mut(key).unwrap();
        }
        if let Some(idx) = idx {
            for n in idx
                .trim_start_matches('[')
                .trim_end_matches(']')
                .split("][")
            {
                cur = cur.get_mut(n.parse::<usize>().unwrap()).unwrap();
            }
        }
    }
    *cur = new;
}

/// A different value of the same JSON type.
fn mutate(v: &Value) -> Value {
    match v {
        Value::String(s) => {
            // Keep hex hex (flip the last digit) so the change is not caught by parsing alone.
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit()) {
                let mut b = s.clone().into_bytes();
                let last = b.len() - 1;
                b[last] = if b[last] == b'0' { b'1' } else { b'0' };
                Value::String(String::from_utf8(b).unwrap())
            } else {
                Value::String(format!("{s}x"))
            }
        }
        Value::Number(n) => Value::from(n.as_u64().map(|x| x + 1).unwrap_or(1)),
        Value::Bool(b) => Value::Bool(!b),
        Value::Null => Value::from(1),
        other => other.clone(),
    }
}

/// Checks that a verification error blames the part of the sealed record changed at `path`
/// (`record.strata[0].selected[3].target`, `signatures[1].signature`, …); true when the
/// re-run names the changed field itself.
fn assert_names_the_part(path: &str, err: &VerifyError) -> bool {
    let parts: Vec<&str> = path.split(['.', '[']).collect();
    let (top, part) = (parts[0], parts.get(1).copied().unwrap_or(""));
    let sub = parts.get(2).copied().unwrap_or("");
    let ok = match (top, part) {
        ("hash", _) => matches!(err, VerifyError::Mismatch { path, .. } if path == "hash"),
        ("signatures", _) => {
            matches!(err, VerifyError::Signature { what, .. } if *what == SignedDocument::Record)
        }
        // The commitment is checked against its own hash, then its signatures.
        ("record", "commitment") if sub == "signatures" => {
            matches!(err, VerifyError::Signature { what, .. } if *what == SignedDocument::Commitment)
        }
        ("record", "commitment") => {
            matches!(err, VerifyError::Mismatch { path, .. } if path == "commitment.hash")
        }
        ("record", "reveals") => matches!(err, VerifyError::Rerun(DrawError::Reveal { .. })),
        ("record", "beacon") => matches!(err, VerifyError::Rerun(DrawError::Beacon(_))),
        // The item list is bound by its hash in the commitment (or names an item the plan
        // no longer finds).
        ("record", "item_list") => matches!(
            err,
            VerifyError::Rerun(DrawError::Root { .. } | DrawError::Plan(_))
        ),
        ("record", _) => {
            let VerifyError::Mismatch { path: at, .. } = err else {
                panic!("{path}: {err}")
            };
            let want = path.trim_start_matches("record.");
            // A changed list length is reported at `<list>.length`.
            let at = at.strip_suffix(".length").unwrap_or(at);
            assert!(within(want, at), "{path}: reported at {at}");
            return true;
        }
        _ => false,
    };
    assert!(ok, "{path}: {err}");
    false
}

/// Whether path `inner` lies in the part at path `outer`, segment by segment: `strata[1]`
/// holds `strata[1].selected`, not `strata[10]`.
fn within(inner: &str, outer: &str) -> bool {
    inner == outer
        || inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

#[test]
fn within_is_by_segment() {
    assert!(within("strata[1].selected[0]", "strata[1]"));
    assert!(within("strata[1]", "strata[1]"));
    assert!(!within("strata[10]", "strata[1]"));
    assert!(!within("seeds", "seed"));
}

/// The path of the first leaf where two JSON values differ (keys in order), if any.
fn first_difference(a: &Value, b: &Value, path: String) -> Option<String> {
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(u), Some(v)) => first_difference(u, v, join(k)),
                _ => Some(join(k)),
            })
        }
        (Value::Array(x), Value::Array(y)) => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (u, v))| first_difference(u, v, format!("{path}[{i}]")))
            .or_else(|| (x.len() != y.len()).then(|| path.clone())),
        _ => (a != b).then_some(path),
    }
}

#[test]
fn every_field_change_is_rejected_and_located() {
    let w = World::new(targets(60), inspectors(8, 4));
    let mut p = joint_plan();
    p.batches = Some(2);
    p.items = vec!["HA-GAT-006".into()];
    p.exclusions.already_drawn = vec![w.targets.targets()[0].id.clone()];
    let sealed = w.sealed(p, 3);
    assert!(verify(&sealed, &w.targets, &w.inspectors).is_ok());
    let json = serde_json::to_value(&sealed).unwrap();
    let mut all = Vec::new();
    leaves(&json, String::new(), &mut all);
    assert!(all.len() > 150, "{} leaves", all.len());
    let (mut located, mut rejected) = (0, 0);
    for (path, v) in &all {
        let mut t = json.clone();
        set(&mut t, path, mutate(v));
        let Ok(parsed) = serde_json::from_value::<SealedRecord>(t) else {
            continue;
        };
        let err = verify(&parsed, &w.targets, &w.inspectors).expect_err(path);
        rejected += 1;
        if assert_names_the_part(path, &err) {
            located += 1;
        }
    }
    // Some changes are refused already by parsing (e.g. an unknown enum value); every
    // other one must reach verification and fail there.
    assert!(
        rejected > 150 && located > 60,
        "{rejected} rejected, {located} located"
    );
}

/// A sealed record using every optional part of the format: a drand round, both kinds of
/// exclusion, batches, a must-include target, a superseded commitment and a log checkpoint.
fn rich_sealed() -> (World, SealedRecord) {
    let mut ts = targets(40);
    ts[1].last_inspected.insert(
        "HA-GAT-002".into(),
        IsoDate(time::macros::date!(2023 - 08 - 01)),
    );
    let w = World::new(ts, inspectors(6, 0));
    let ids: Vec<String> = w.targets.targets().iter().map(|t| t.id.clone()).collect();
    let mut p = plan();
    p.exclusions.already_drawn = vec![ids[0].clone()];
    p.exclusions.inspected_within_days = Some(365);
    p.batches = Some(2);
    p.must_include = vec![ids[2].clone()];
    let drand = BeaconChoice::Drand(DrandSpec::quicknet(123));
    let mut c = w.commitment(p, 5, drand, 1_692_803_700).commitment;
    c.supersedes = Some(Supersedes {
        commitment: Digest32([7; 32]),
        reason: "登记信息有误".into(),
        note: None,
    });
    c.log_checkpoint = Some("example.org/log\n3\nAAAA\n\n— example.org/log AAAA\n".into());
    let rec = w
        .draw_under(&World::resign(c), 5, Some(&quicknet_round_123()))
        .unwrap();
    let reasons: Vec<&ExclusionReason> = rec.exclusions.iter().map(|e| &e.reason).collect();
    assert!(
        reasons.contains(&&ExclusionReason::AlreadyDrawn),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| matches!(r, ExclusionReason::InspectedRecently { .. })),
        "{reasons:?}"
    );
    let mut sealed = SealedRecord::new(rec).unwrap();
    sealed.sign("负责人", &SigningKey::from_bytes(&SIGNER_KEY));
    assert!(verify(&sealed, &w.targets, &w.inspectors).is_ok());
    (w, sealed)
}

/// Every JSON object of the rich record given one more member: refused by parsing, at every
/// level (unit variants and flattened structures included).
#[test]
fn a_member_added_anywhere_is_refused() {
    let (_, sealed) = rich_sealed();
    let json = serde_json::to_value(&sealed).unwrap();
    let mut objects = Vec::new();
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                out.push(at.clone());
                for (k, x) in m {
                    walk(x, format!("{at}/{k}"), out);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    walk(&json, String::new(), &mut objects);
    assert!(objects.len() > 50, "{} objects", objects.len());
    for at in &objects {
        let mut t = json.clone();
        let obj = t.pointer_mut(at).unwrap().as_object_mut().unwrap();
        obj.insert("remark".into(), Value::from("一并抽中"));
        assert!(
            serde_json::from_value::<SealedRecord>(t).is_err(),
            "a member added at {at:?} was accepted"
        );
    }
}

/// Every byte of the rich record's canonical form, one bit flipped at a time (two masks):
/// the change is refused by parsing, or verification fails blaming the changed part. None
/// reads back as the same record (this found that a flipped member name used to be dropped
/// as unknown while the record still verified, and that upper-case digests were read as
/// the same digest; both are now refused).
#[test]
fn every_flipped_byte_of_the_canonical_record_is_rejected() {
    let (w, sealed) = rich_sealed();
    let bytes = sealed.record.canonical_bytes().unwrap();
    let original = serde_json::to_value(&sealed.record).unwrap();
    // 0x01 changes a digit, letter or quote; 0x20 changes a letter's case (hex included).
    for mask in [0x01u8, 0x20] {
        let (mut unparsed, mut rejected) = (0, 0);
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= mask;
            let Ok(rec) = serde_json::from_slice::<DrawRecord>(&b) else {
                unparsed += 1;
                continue;
            };
            let changed = serde_json::to_value(&rec).unwrap();
            // JCS has no slack and unknown members are refused: no flip goes unnoticed.
            let at = first_difference(&original, &changed, String::new())
                .unwrap_or_else(|| panic!("mask {mask:#x}, byte {i}: reads back unchanged"));
            let t = SealedRecord {
                record: rec,
                hash: sealed.hash,
                signatures: sealed.signatures.clone(),
            };
            let err = verify(&t, &w.targets, &w.inspectors)
                .expect_err(&format!("mask {mask:#x}, byte {i}"));
            assert_names_the_part(&format!("record.{at}"), &err);
            rejected += 1;
        }
        assert_eq!(unparsed + rejected, bytes.len());
        assert!(
            rejected > bytes.len() / 10,
            "mask {mask:#x}: {rejected} of {}",
            bytes.len()
        );
        eprintln!(
            "mask {mask:#x}, {} bytes: {rejected} rejected by verification, {unparsed} by parsing",
            bytes.len()
        );
    }
}

fn read_vector(rel: &str) -> Value {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(rel);
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

/// Whether a notice verification error blames the part changed at `at` (a path inside the
/// notice body): its format tag, its key, or else the signature, which covers every byte.
fn notice_error_names(at: &str, err: &NoticeError) -> bool {
    match at.split(['.', '[']).next().unwrap() {
        "format" => matches!(err, NoticeError::Format(_)),
        "publisher_key" => matches!(err, NoticeError::BadKey | NoticeError::BadSignature),
        _ => matches!(err, NoticeError::BadSignature),
    }
}

/// Every field of the signed notice vector, changed one at a time: the notice no longer
/// verifies (or no longer parses), and the error names the changed part.
#[test]
fn every_notice_field_change_is_rejected() {
    let v = read_vector("publication/notice.json");
    let json: Value = serde_json::json!({"notice": serde_json::from_str::<Value>(v["notice_jcs"].as_str().unwrap()).unwrap(), "signature": v["signature"]});
    let good: SignedNotice = serde_json::from_value(json.clone()).unwrap();
    assert!(good.verify().is_ok());
    let mut all = Vec::new();
    leaves(&json, String::new(), &mut all);
    let mut rejected = 0;
    for (path, leaf) in &all {
        let mut t = json.clone();
        set(&mut t, path, mutate(leaf));
        if let Ok(n) = serde_json::from_value::<SignedNotice>(t) {
            let err = n.verify().expect_err(path);
            // Outside the body only the signature itself is left.
            let at = path.strip_prefix("notice.").unwrap_or("signature");
            assert!(notice_error_names(at, &err), "{path}: {err}");
            rejected += 1;
        }
    }
    assert!(rejected > 50, "{rejected} of {}", all.len());
}

/// Every field of the audit log vector, changed one at a time: the log no longer
/// verifies under its operator's key, and the error names the changed part.
#[test]
fn every_log_field_change_is_rejected() {
    let json = read_vector("audit/demo-log.json");
    let key = json["verifier_key"].as_str().unwrap().to_string();
    let good: shuangsuiji::audit::LogFile = serde_json::from_value(json.clone()).unwrap();
    assert!(good.verify(&key, &[]).is_ok());
    let mut all = Vec::new();
    leaves(&json, String::new(), &mut all);
    let mut rejected = 0;
    for (path, leaf) in all.iter().filter(|(p, _)| p != "verifier_key") {
        let mut t = json.clone();
        set(&mut t, path, mutate(leaf));
        if let Ok(l) = serde_json::from_value::<shuangsuiji::audit::LogFile>(t) {
            let msg = l.verify(&key, &[]).expect_err(path).to_string();
            assert!(log_error_names(path, &msg), "{path}: {msg}");
            rejected += 1;
        }
    }
    assert!(rejected > 100, "{rejected} of {}", all.len());
}

/// Whether a log verification message blames the part changed at `at`: the file's key, its
/// origin, the checkpoint whose note changed, or the span of events between two
/// checkpoints that holds the changed event.
fn log_error_names(at: &str, msg: &str) -> bool {
    let parts: Vec<&str> = at.split(['.', '[', ']']).collect();
    let index = || parts[1].parse::<usize>().unwrap();
    match parts[0] {
        "verifier_key" => msg.contains("the log names verifier key"),
        "origin" => msg.contains("origin"),
        "checkpoints" => names_checkpoint(msg, index()),
        "events" => names_event(msg, index()),
        _ => false,
    }
}

/// Whether `msg` names checkpoint `n` (and not, say, checkpoint `n`0).
fn names_checkpoint(msg: &str, n: usize) -> bool {
    let pat = format!("checkpoint {n}");
    msg.match_indices(&pat).any(|(i, _)| {
        !msg[i + pat.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// Whether `msg` blames a range of events `a–b` holding `i`.
fn names_event(msg: &str, i: usize) -> bool {
    let Some(at) = msg.find("one of events ") else {
        return false;
    };
    let range = &msg[at + "one of events ".len()..];
    let mut ends = range
        .split([' ', ':'])
        .next()
        .unwrap()
        .split('–')
        .map(|x| x.parse::<usize>().unwrap());
    let (a, b) = (ends.next().unwrap(), ends.next().unwrap());
    a <= i && i <= b
}

/// Every byte of the audit log (compact JSON), one bit flipped at a time (masks 0x01, 0x20): refused by
/// parsing, or the log no longer verifies and the error names the changed part — the
/// checkpoint whose note changed, or the span of events between two checkpoints that holds
/// the changed event.
#[test]
fn every_flipped_byte_of_the_log_is_rejected_and_located() {
    let json = read_vector("audit/demo-log.json");
    let key = json["verifier_key"].as_str().unwrap().to_string();
    let bytes = serde_json::to_vec(&json).unwrap();
    let (mut unparsed, mut rejected) = (0, 0);
    let flips = [0x01u8, 0x20].map(|m| (0..bytes.len()).map(move |i| (m, i)));
    for (mask, i) in flips.into_iter().flatten() {
        let mut b = bytes.clone();
        b[i] ^= mask;
        let Ok(log) = serde_json::from_slice::<shuangsuiji::audit::LogFile>(&b) else {
            unparsed += 1;
            continue;
        };
        let changed = serde_json::to_value(&log).unwrap();
        let at = first_difference(&json, &changed, String::new())
            .unwrap_or_else(|| panic!("mask {mask:#x}, byte {i} reads back unchanged"));
        let msg = log.verify(&key, &[]).expect_err(&at).to_string();
        assert!(
            log_error_names(&at, &msg),
            "mask {mask:#x}, byte {i} changes {at}: {msg}"
        );
        rejected += 1;
    }
    assert!(rejected > bytes.len() / 3, "{rejected} of {}", bytes.len());
    eprintln!(
        "{} bytes: {rejected} rejected by verification, {unparsed} by parsing",
        bytes.len()
    );
}

/// Every byte of the signed notice's canonical form, one bit flipped at a time (masks 0x01,
/// 0x20): refused by
/// parsing, or the notice no longer verifies — as a wrong format, an unusable key, or a
/// signature that does not cover it.
#[test]
fn every_flipped_byte_of_the_notice_is_rejected() {
    let v = read_vector("publication/notice.json");
    let jcs = v["notice_jcs"].as_str().unwrap().as_bytes().to_vec();
    let original: Value = serde_json::from_slice(&jcs).unwrap();
    let signature = v["signature"].clone();
    let (mut unparsed, mut rejected) = (0, 0);
    let flips = [0x01u8, 0x20].map(|m| (0..jcs.len()).map(move |i| (m, i)));
    for (mask, i) in flips.into_iter().flatten() {
        let mut b = jcs.clone();
        b[i] ^= mask;
        let Ok(notice) = serde_json::from_slice::<Value>(&b) else {
            unparsed += 1;
            continue;
        };
        let signed = serde_json::json!({"notice": notice, "signature": signature});
        let Ok(n) = serde_json::from_value::<SignedNotice>(signed) else {
            unparsed += 1;
            continue;
        };
        let changed = serde_json::to_value(&n.notice).unwrap();
        let at = first_difference(&original, &changed, String::new())
            .unwrap_or_else(|| panic!("mask {mask:#x}, byte {i} reads back unchanged"));
        let err = n.verify().expect_err(&at);
        assert!(
            notice_error_names(&at, &err),
            "mask {mask:#x}, byte {i} changes {at}: {err}"
        );
        rejected += 1;
    }
    assert!(rejected > jcs.len() / 3, "{rejected} of {}", jcs.len());
    eprintln!(
        "{} bytes: {rejected} rejected by verification, {unparsed} by parsing",
        jcs.len()
    );
}
