//! The shared known-answer vectors (tests/vectors/) re-computed from their inputs. The
//! Python and WASM tests read the same files.
#![cfg(feature = "import")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use serde_json::Value;
use shuangsuiji::{draw::*, encoding::*, hazmat::*, registers::fields::*, registers::*, *};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read_json(rel: &str) -> Value {
    serde_json::from_slice(&std::fs::read(root().join(rel)).unwrap()).unwrap()
}

struct Sample {
    items: ItemList,
    targets: TargetRegister,
    inspectors: InspectorRegister,
    key: [u8; 32],
}

fn sample(reg: &Value) -> Sample {
    let i = &reg["inputs"];
    let read = |k: &str| std::fs::read(root().join(i[k].as_str().unwrap())).unwrap();
    let as_of = parse_date(i["as_of"].as_str().unwrap()).unwrap();
    let mut key = [0u8; 32];
    hex::decode_to_slice(i["personal_salt_key"].as_str().unwrap(), &mut key).unwrap();
    Sample {
        items: import::items(&read("items"), i["item_list_version"].as_str().unwrap()).unwrap(),
        targets: import::targets(&read("targets"), as_of).unwrap(),
        inspectors: import::inspectors(&read("inspectors"), as_of).unwrap(),
        key,
    }
}

fn hex_of(d: Digest32) -> Value {
    Value::String(d.to_hex())
}

#[test]
fn register_vectors() {
    let v = read_json("tests/vectors/registers.json");
    let s = sample(&v);
    assert_eq!(hex_of(s.items.hash()), v["item_list_hash"]);
    assert_eq!(hex_of(s.targets.root()), v["targets_root"]);
    let public = s.inspectors.public_view(&s.key);
    assert_eq!(hex_of(public.root()), v["inspectors_root"]);
    assert_eq!(
        hex_of(s.inspectors.root(&s.key)),
        v["inspectors_root"],
        "full register and public view share the root"
    );
    assert_eq!(
        Value::String(String::from_utf8(s.targets.targets()[0].leaf_bytes()).unwrap()),
        v["first_target_leaf"]
    );
    assert_eq!(
        Value::String(String::from_utf8(public.inspectors()[0].leaf_bytes()).unwrap()),
        v["first_inspector_public_leaf"]
    );
    let first = &s.inspectors.inspectors()[0];
    let salt = personal_salt(&s.key, &first.id);
    assert_eq!(hex_of(salt), v["first_inspector_personal_salt"]);
    assert_eq!(
        hex_of(personal_digest(&salt, &first.personal)),
        v["first_inspector_personal_digest"]
    );
    // The published public view, parsed back, verifies against the same root.
    let back: PublicInspectorRegister =
        serde_json::from_str(&serde_json::to_string(&public).unwrap()).unwrap();
    assert_eq!(hex_of(back.root()), v["inspectors_root"]);
}

#[test]
fn sample_draw_vector() {
    let reg = read_json("tests/vectors/registers.json");
    let v = read_json("tests/vectors/draw-sample.json");
    let s = sample(&reg);
    let public = s.inspectors.public_view(&s.key);
    let commitment: SignedCommitment =
        serde_json::from_value(v["inputs"]["commitment"].clone()).unwrap();
    let reveals: Vec<Reveal> = serde_json::from_value(v["inputs"]["reveals"].clone()).unwrap();
    let beacon: BeaconRound = serde_json::from_value(v["inputs"]["beacon"].clone()).unwrap();
    let rec = draw(DrawInputs {
        commitment: &commitment,
        item_list: &s.items,
        targets: &s.targets,
        inspectors: &public,
        reveals: &reveals,
        beacon: Some(&beacon),
        published: &[],
    })
    .unwrap();
    let e = &v["expected"];
    assert_eq!(
        hex_of(commitment.commitment.hash().unwrap()),
        e["commitment_hash"]
    );
    assert_eq!(hex_of(rec.seed), e["seed"]);
    for (purpose, want) in e["subseeds"].as_object().unwrap() {
        assert_eq!(&hex_of(subseed(&rec.seed, purpose)), want, "{purpose}");
    }
    assert_eq!(serde_json::to_value(&rec.strata).unwrap(), e["strata"]);
    assert_eq!(
        serde_json::to_value(&rec.must_include).unwrap(),
        e["must_include"]
    );
    assert_eq!(serde_json::to_value(&rec.teams).unwrap(), e["teams"]);
    // Every ticket re-derives from its sub-seed and id.
    for st in &rec.strata {
        let ss = subseed(&rec.seed, &format!("target/{}", st.key));
        for t in st.selected.iter().chain(&st.alternates) {
            assert_eq!(ticket(&ss, &t.target), t.ticket);
        }
    }
    let bytes = std::fs::read(root().join("tests/vectors/draw-sample.record.json")).unwrap();
    assert_eq!(
        rec.canonical_bytes().unwrap(),
        bytes,
        "canonical record bytes"
    );
    assert_eq!(hex_of(rec.hash().unwrap()), e["record_hash"]);
    // The sealed record (hash + the vector's signatures) verifies.
    let sealed = SealedRecord {
        record: rec,
        hash: Digest32::from_hex(e["record_hash"].as_str().unwrap()).unwrap(),
        signatures: serde_json::from_value(e["record_signatures"].clone()).unwrap(),
    };
    verify(&sealed, &s.targets, &public).unwrap();
}

/// tests/vectors/v2-published (docs/spec/draw-v2.md §15): the demo draw under the
/// published-numbers beacon re-made from its inputs, byte for byte, and its verdict with the
/// announcement a reader enters.
#[test]
fn published_numbers_vector() {
    let reg = read_json("tests/vectors/registers.json");
    let v = read_json("tests/vectors/v2-published/draw-sample.json");
    let s = sample(&reg);
    let public = s.inspectors.public_view(&s.key);
    let commitment: SignedCommitment =
        serde_json::from_value(v["inputs"]["commitment"].clone()).unwrap();
    assert_eq!(
        commitment.commitment.beacon.public_at(),
        Some(1_692_807_300)
    );
    let reveals: Vec<Reveal> = serde_json::from_value(v["inputs"]["reveals"].clone()).unwrap();
    let published: Vec<PublishedResult> =
        serde_json::from_value(v["inputs"]["published_numbers"].clone()).unwrap();
    assert!(v["inputs"]["beacon"].is_null());
    let rec = draw(DrawInputs {
        commitment: &commitment,
        item_list: &s.items,
        targets: &s.targets,
        inspectors: &public,
        reveals: &reveals,
        beacon: None,
        published: &published,
    })
    .unwrap();
    let e = &v["expected"];
    assert_eq!(hex_of(rec.seed), e["seed"]);
    let bytes =
        std::fs::read(root().join("tests/vectors/v2-published/draw-sample.record.json")).unwrap();
    assert_eq!(rec.canonical_bytes().unwrap(), bytes);
    let sealed = SealedRecord {
        record: rec,
        hash: Digest32::from_hex(e["record_hash"].as_str().unwrap()).unwrap(),
        signatures: serde_json::from_value(e["record_signatures"].clone()).unwrap(),
    };
    let trust = trust::TrustFile::from_json(
        &std::fs::read(root().join("tests/vectors/v2/trust.json")).unwrap(),
    )
    .unwrap();
    let announcements: Vec<trust::Announcement> =
        serde_json::from_value(read_json("tests/vectors/v2-published/announcement.json")).unwrap();
    let verdict = trust::verify_with_references(
        &sealed,
        &s.targets,
        &public,
        Some(&trust),
        None,
        &trust::References {
            announcements: &announcements,
            ..trust::References::default()
        },
    );
    assert_eq!(
        verdict.to_json(),
        read_json("tests/vectors/v2-published/verdict.json")
    );
    // A changed number: refused.
    let mut forged = sealed.clone();
    forged.record.published_numbers[0].numbers[0][0] = 5;
    assert!(verify(&forged, &s.targets, &public).is_err());
}

#[test]
fn audit_log_vector() {
    use shuangsuiji::audit::{verify_event_in_checkpoint, AuditLog, Event, SignedCheckpoint};
    let v = read_json("tests/vectors/audit/demo-log.json");
    let key = v["verifier_key"].as_str().unwrap();
    let events: Vec<Event> = serde_json::from_value(v["events"].clone()).unwrap();
    let log = AuditLog::from_events(&events);
    let cps: Vec<SignedCheckpoint> = v["checkpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| SignedCheckpoint::verify(t.as_str().unwrap(), key).unwrap())
        .collect();
    for c in &cps {
        assert_eq!(log.root_at(c.checkpoint.size), Some(c.checkpoint.root));
    }
    cps[0]
        .check_extended_by(
            &cps[1],
            &log.consistency_proof(cps[0].checkpoint.size, cps[1].checkpoint.size)
                .unwrap(),
        )
        .unwrap();
    for (i, e) in events.iter().enumerate() {
        let proof = log.inclusion_proof(i as u64, log.size()).unwrap();
        verify_event_in_checkpoint(e, i as u64, &proof, &cps[1].text, key).unwrap();
    }
    // The sample (draw/v2) commitment carries the first checkpoint.
    let draw = read_json("tests/vectors/v2/draw-sample.json");
    assert_eq!(
        draw["inputs"]["commitment"]["commitment"]["log_checkpoint"],
        v["checkpoints"][0]
    );
}

/// Issue 16, point 8: every address of the corpus (tests/vectors/publication/addresses.json,
/// ≥ 200 real-shaped addresses whose cut is known by construction) is cut to its
/// county-level division, or, where the name after the city is not one, to the city.
#[test]
fn address_corpus() {
    let v = read_json("tests/vectors/publication/addresses.json");
    assert_eq!(v["gb2260_revision"], shuangsuiji::publish::GB2260_REVISION);
    let cases = v["cases"].as_array().unwrap();
    assert!(cases.len() >= 200, "{} cases", cases.len());
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let (a, want) = (c["address"].as_str().unwrap(), c["cut"].as_str().unwrap());
            let got = shuangsuiji::publish::cut_address(a);
            (got != want).then(|| format!("{a}: {got} (want {want})"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
