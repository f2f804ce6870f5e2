//! One error, one kind, in every runtime: the failing inputs of `tests/vectors/errors.json`
//! run through the core here, through Python in `tests/python/test_error_kinds.py` and
//! through WASM in `bindings-wasm/tests/error_kinds.test.mjs`; each must raise the error
//! type, `kind` and `cause_kind` the file states, and every kind must be catalogued in
//! `docs/errors.md`.
//!
//! The file is written from the cases below with `SHUANGSUIJI_WRITE_VECTORS=1 cargo test
//! -p shuangsuiji --test error_kinds`; without it, the test compares.
#![cfg(feature = "import")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use serde_json::{json, Value};
use shuangsuiji::draw::{sample_lines, verify_round, DrandSpec};
use shuangsuiji::publish::{publish_by, PUBLICATION_WORKING_DAYS};
use shuangsuiji::registers::fields::parse_date;
use shuangsuiji::{import, verify, Explain, SealedRecord, SignedNotice};
use shuangsuiji::{Digest32, PublicInspectorRegister, TargetRegister};

const FILE: &str = "tests/vectors/errors.json";

/// The BLS12-381 G1 generator, compressed: a valid point that signs nothing.
const G1_GENERATOR: &str = "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb";

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read_json(rel: &str) -> Value {
    serde_json::from_slice(&std::fs::read(root().join(rel)).unwrap()).unwrap()
}

/// The bases the cases patch: the same documents every runtime builds from the vectors.
struct Bases {
    sealed: Value,
    notice: Value,
    spec: Value,
    committed_at: i64,
    round: Value,
    targets: TargetRegister,
    inspectors: PublicInspectorRegister,
}

fn bases() -> Bases {
    let d = read_json("tests/vectors/draw-sample.json");
    let e = &d["expected"];
    let sealed = json!({
        "record": read_json("tests/vectors/draw-sample.record.json"),
        "hash": e["record_hash"],
        "signatures": e["record_signatures"],
    });
    let n = read_json("tests/vectors/publication/notice.json");
    let notice = json!({
        "notice": serde_json::from_str::<Value>(n["notice_jcs"].as_str().unwrap()).unwrap(),
        "signature": n["signature"],
    });
    let c = &d["inputs"]["commitment"]["commitment"];
    let reg = read_json("tests/vectors/registers.json");
    let i = &reg["inputs"];
    let read = |k: &str| std::fs::read(root().join(i[k].as_str().unwrap())).unwrap();
    let as_of = parse_date(i["as_of"].as_str().unwrap()).unwrap();
    let mut key = [0u8; 32];
    hex::decode_to_slice(i["personal_salt_key"].as_str().unwrap(), &mut key).unwrap();
    Bases {
        sealed,
        notice,
        spec: c["beacon"].clone(),
        committed_at: c["committed_at"].as_i64().unwrap(),
        round: d["inputs"]["beacon"].clone(),
        targets: import::targets(&read("targets"), as_of).unwrap(),
        inspectors: import::inspectors(&read("inspectors"), as_of)
            .unwrap()
            .public_view(&key),
    }
}

/// `base` with each `[JSON pointer, value]` of `set` written into it.
fn patched(base: &Value, set: &Value) -> Value {
    let mut v = base.clone();
    for p in set.as_array().into_iter().flatten() {
        *v.pointer_mut(p[0].as_str().unwrap())
            .unwrap_or_else(|| panic!("no {} to set", p[0])) = p[1].clone();
    }
    v
}

/// The error a case raises, as `(type, kind, cause_kind)`.
fn outcome<E: Explain>(ty: &str, r: Result<impl Sized, E>) -> Value {
    match r {
        Ok(_) => panic!("a {ty} case did not fail"),
        Err(e) => json!({"type": ty, "kind": e.kind(), "cause_kind": e.cause_kind()}),
    }
}

fn run(b: &Bases, case: &Value) -> Value {
    let set = &case["set"];
    match case["op"].as_str().unwrap() {
        "verify" => {
            let s: SealedRecord = serde_json::from_value(patched(&b.sealed, set)).unwrap();
            outcome("VerifyError", verify(&s, &b.targets, &b.inspectors))
        }
        "verify_round" => {
            let spec = DrandSpec::from_json(&b.spec).unwrap();
            let round = shuangsuiji::BeaconRound::from_drand_json(&patched(&b.round, set));
            let at = b.committed_at + case["committed_at_delta"].as_i64().unwrap_or(0);
            outcome("BeaconError", verify_round(&spec, at, &round.unwrap()))
        }
        "verify_notice" => {
            let n: SignedNotice = serde_json::from_value(patched(&b.notice, set)).unwrap();
            match case["csv"].as_str() {
                Some(csv) => outcome("NoticeError", n.verify_csv(csv)),
                None => outcome("NoticeError", n.verify()),
            }
        }
        "publish_by" => {
            let d = parse_date(case["result_date"].as_str().unwrap()).unwrap();
            outcome("CalendarError", publish_by(d, PUBLICATION_WORKING_DAYS))
        }
        "sample_ids" => {
            let sub = Digest32::from_hex(case["subseed"].as_str().unwrap()).unwrap();
            let text = case["text"].as_str().unwrap();
            let take = usize::try_from(case["take"].as_u64().unwrap()).unwrap();
            outcome("ValidationError", sample_lines(&sub, text.lines(), take))
        }
        other => panic!("unknown op {other}"),
    }
}

/// The failing inputs: each names what it changes; the outcome is the core's.
fn cases(b: &Bases) -> Vec<Value> {
    let flip = |s: &Value| {
        // The last byte set to 00 (or 01 where it is 00), as the other runtimes' tests do.
        let s = s.as_str().unwrap();
        let last = if s.ends_with("00") { "01" } else { "00" };
        Value::String(format!("{}{last}", &s[..s.len() - 2]))
    };
    let rec = &b.sealed["record"];
    let sig = &b.round["signature"];
    vec![
        json!({"name": "a record signature changed", "op": "verify",
               "set": [["/signatures/0/signature", flip(&b.sealed["signatures"][0]["signature"])]]}),
        json!({"name": "the recorded seed changed", "op": "verify",
               "set": [["/record/seed", flip(&rec["seed"])]]}),
        json!({"name": "the commitment hash changed", "op": "verify",
               "set": [["/record/commitment/hash", flip(&rec["commitment"]["hash"])]]}),
        json!({"name": "a revealed secret changed", "op": "verify",
               "set": [["/record/reveals/0/secret", "11".repeat(32)]]}),
        json!({"name": "the beacon signature changed", "op": "verify",
               "set": [["/record/beacon/signature", flip(&rec["beacon"]["signature"])]]}),
        json!({"name": "an item of the recorded item list changed", "op": "verify",
               "set": [["/record/item_list/items/0/content", "改过的检查内容"]]}),
        json!({"name": "a forged round signature", "op": "verify_round",
               "set": [["/signature", flip(sig)]]}),
        json!({"name": "a curve point (the G1 generator) that is not the round's signature",
               "op": "verify_round", "set": [["/signature", G1_GENERATOR]]}),
        json!({"name": "another round than the committed one", "op": "verify_round",
               "set": [["/round", 124]]}),
        json!({"name": "a round published before the commitment", "op": "verify_round",
               "set": [], "committed_at_delta": 3600}),
        json!({"name": "randomness that is not SHA-256 of the signature", "op": "verify_round",
               "set": [["/randomness", "00".repeat(32)]]}),
        json!({"name": "a signature that is not a curve point", "op": "verify_round",
               "set": [["/signature", "abcd"]]}),
        json!({"name": "a notice signature changed", "op": "verify_notice",
               "set": [["/signature", flip(&b.notice["signature"])]]}),
        json!({"name": "a CSV that is not the notice's rendering", "op": "verify_notice",
               "set": [], "csv": "序号,对象\n1,别的\n"}),
        json!({"name": "a result date beyond the loaded notices", "op": "publish_by",
               "result_date": "2031-06-02"}),
        json!({"name": "an id list with a full-width digit", "op": "sample_ids",
               "text": "A001\nA００2\n", "subseed": "00".repeat(32), "take": 1}),
    ]
}

#[test]
fn every_error_has_one_kind_in_every_runtime() {
    let b = bases();
    let got: Vec<Value> = cases(&b)
        .into_iter()
        .map(|mut c| {
            let o = run(&b, &c);
            for k in ["type", "kind", "cause_kind"] {
                c[k] = o[k].clone();
            }
            c
        })
        .collect();
    let doc = json!({
        "description": "Failing inputs and the error each raises, identical in Rust (core kind() and cause_kind()), Python (exception class, .kind, .cause_kind) and WASM (type, kind, causeKind). Bases: verify patches the sealed sample record (draw-sample.record.json with the expected record_hash and record_signatures), verified against the sample registers of registers.json; verify_round patches the sample's drand round and verifies it against the commitment's beacon at committed_at + committed_at_delta; verify_notice patches the signed notice of publication/notice.json (notice_jcs, signature) and checks csv when given; publish_by asks the bundled calendar; sample_ids samples the lines of text. set: [JSON pointer, new value] pairs.",
        "generated_by": "core/tests/error_kinds.rs (SHUANGSUIJI_WRITE_VECTORS=1 cargo test -p shuangsuiji --test error_kinds)",
        "cases": got,
    });
    let path = root().join(FILE);
    if std::env::var_os("SHUANGSUIJI_WRITE_VECTORS").is_some() {
        let mut text = serde_json::to_string_pretty(&doc).unwrap();
        text.push('\n');
        std::fs::write(&path, text).unwrap();
    }
    assert_eq!(read_json(FILE), doc, "{FILE} differs from the core's kinds");
}

#[test]
fn every_kind_is_catalogued() {
    let catalogue = std::fs::read_to_string(root().join("docs/errors.md")).unwrap();
    for c in read_json(FILE)["cases"].as_array().unwrap() {
        for k in ["kind", "cause_kind"] {
            if let Some(kind) = c[k].as_str() {
                assert!(
                    catalogue.contains(&format!("`{kind}`")),
                    "kind {kind} ({}) is not in docs/errors.md",
                    c["name"]
                );
            }
        }
    }
}
