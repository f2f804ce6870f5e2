//! Tamper suite: every field of a sealed record changed one at a time, and bytes of its
//! canonical form flipped — each change is rejected, and the error names the right part.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::*;
use serde_json::Value;
use shuangsuiji::*;

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
        // Outside the commitment, the reveals, the beacon and the signatures, the re-run
        // names the changed field itself.
        let top = path.split(['.', '[']).collect::<Vec<_>>();
        if top[0] == "record" && !["commitment", "reveals", "beacon", "item_list"].contains(&top[1])
        {
            match &err {
                VerifyError::Mismatch { path: at, .. } => {
                    let want = path.trim_start_matches("record.");
                    assert!(
                        want.starts_with(at.as_str()) || at.ends_with(".length"),
                        "{path}: reported at {at}"
                    );
                    located += 1;
                }
                other => panic!("{path}: {other}"),
            }
        }
        if top[0] == "signatures" {
            assert!(
                matches!(err, VerifyError::Signature { .. }),
                "{path}: {err}"
            );
        }
    }
    // Some changes are refused already by parsing (e.g. an unknown enum value); every
    // other one must reach verification and fail there.
    assert!(
        rejected > 150 && located > 60,
        "{rejected} rejected, {located} located"
    );
}

#[test]
fn flipped_bytes_of_the_canonical_record_are_rejected() {
    let w = World::new(targets(40), inspectors(6, 0));
    let sealed = w.sealed(plan(), 5);
    let bytes = sealed.record.canonical_bytes().unwrap();
    let mut checked = 0;
    for i in (0..bytes.len()).step_by(37) {
        let mut b = bytes.clone();
        b[i] ^= 0x01;
        let Ok(rec) = serde_json::from_slice::<DrawRecord>(&b) else {
            continue;
        };
        if rec == sealed.record {
            continue; // a flip that JSON reads back as the same value (e.g. in white space)
        }
        let t = SealedRecord {
            record: rec,
            hash: sealed.hash,
            signatures: sealed.signatures.clone(),
        };
        assert!(verify(&t, &w.targets, &w.inspectors).is_err(), "byte {i}");
        checked += 1;
    }
    assert!(checked > 50, "{checked}");
}

fn read_vector(rel: &str) -> Value {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(rel);
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

/// Every field of the signed notice vector, changed one at a time: the notice no longer
/// verifies (or no longer parses).
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
            assert!(n.verify().is_err(), "{path}");
            rejected += 1;
        }
    }
    assert!(rejected > 50, "{rejected} of {}", all.len());
}

/// Every field of the audit log vector, changed one at a time: the log no longer
/// verifies under its operator's key.
#[test]
fn every_log_field_change_is_rejected() {
    let json = read_vector("audit/demo-log.json");
    let key = json["verifier_key"].as_str().unwrap().to_string();
    let good: shuangsuiji::audit::LogFile = serde_json::from_value(json.clone()).unwrap();
    assert!(good.verify(&key, &[]).is_ok());
    let mut all = Vec::new();
    leaves(&json, String::new(), &mut all);
    let mut rejected = 0;
    for (path, leaf) in all
        .iter()
        .filter(|(p, _)| p != "generated_by" && p != "verifier_key")
    {
        let mut t = json.clone();
        set(&mut t, path, mutate(leaf));
        if let Ok(l) = serde_json::from_value::<shuangsuiji::audit::LogFile>(t) {
            assert!(l.verify(&key, &[]).is_err(), "{path}");
            rejected += 1;
        }
    }
    assert!(rejected > 100, "{rejected} of {}", all.len());
}
