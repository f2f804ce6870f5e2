//! End-to-end publication tests: signing, disclosure, overrides, the leak test and the
//! known-answer vectors in `tests/vectors/publication/`.

use super::*;
use crate::encoding::canonical::tagged_hash;
use crate::publish::calendar::{CalendarError, WorkingCalendar};
use ed25519_dalek::SigningKey;
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use time::macros::date;

const DRAW: Digest32 = Digest32([0x11; 32]);

fn key() -> SigningKey {
    SigningKey::from_bytes(&[0x42; 32])
}

fn header() -> NoticeHeader {
    NoticeHeader {
        notice_id: "HA-GAT-2024-GS-007".into(),
        publisher: "河南省公安厅治安总队".into(),
        published_on: date!(2024 - 05 - 06),
        draw_record: DRAW,
    }
}

fn base(id: &str) -> InspectionResult {
    InspectionResult {
        id: id.into(),
        draw_record: DRAW,
        target: ResultTarget {
            id: "91350100M000100Y43".into(),
            name: "郑州某某娱乐有限公司".into(),
            uscc: Some("91350100M000100Y43".into()),
            address: Some("河南省郑州市金水区花园路88号".into()),
            contact: Some(ContactPerson {
                name: "欧阳娜娜".into(),
                id_number: Some("11010119900307123X".into()),
                mobile: Some("13812341234".into()),
            }),
        },
        items: vec!["GAT-ZA-001".into()],
        team: vec![TeamMember {
            inspector_id: "P001".into(),
            name: "张三".into(),
            badge: Some("010203".into()),
        }],
        inspection_date: date!(2024 - 04 - 10),
        result_date: date!(2024 - 04 - 12),
        entered_by: "P001".into(),
        outcome: OutcomeCode::ProblemFoundOrderedToCorrect,
        findings: "消防通道堆放杂物".into(),
        follow_up: vec![FollowUp::OrderedToCorrect {
            deadline: date!(2024 - 04 - 30),
        }],
        sensitivity: vec![],
    }
}

fn sample() -> Vec<InspectionResult> {
    let mut private = base("R-2");
    private.sensitivity = vec![SensitivityMark {
        class: Sensitivity::PersonalPrivacy,
        field: Some(FieldKind::TargetAddress),
    }];
    let mut secret = base("R-3");
    secret.findings = "涉及专案线索".into();
    secret.sensitivity = vec![SensitivityMark {
        class: Sensitivity::StateSecret,
        field: None,
    }];
    let mut police = base("R-4");
    police.sensitivity = vec![SensitivityMark {
        class: Sensitivity::PoliceWorkSecret,
        field: Some(FieldKind::Findings),
    }];
    vec![secret, base("R-1"), private, police]
}

fn run(
    results: &[InspectionResult],
    policy: &RedactionPolicy,
    seed: u64,
) -> Result<Publication, PublishError> {
    publish(
        results,
        policy,
        header(),
        &key(),
        &mut ChaCha20Rng::seed_from_u64(seed),
    )
}

#[test]
fn notice_verifies_and_every_disclosure_opens() {
    let p = run(&sample(), &RedactionPolicy::default_policy(), 7).unwrap();
    let hash = p.notice.verify().unwrap();
    assert_eq!(hash, p.notice.notice.hash());
    let ids: Vec<_> = p
        .notice
        .notice
        .results
        .iter()
        .map(NoticeEntry::id)
        .collect();
    assert_eq!(ids, ["R-1", "R-2", "R-3", "R-4"], "sorted by id");
    assert!(
        matches!(
            p.notice.notice.results.get(2),
            Some(NoticeEntry::Withheld { .. })
        ),
        "国家秘密: whole result withheld"
    );
    for d in &p.disclosures {
        p.notice.verify_disclosure(d).unwrap();
        let mut wrong = d.clone();
        wrong.value = serde_json::json!("13812341235");
        assert_eq!(
            p.notice.verify_disclosure(&wrong),
            Err(NoticeError::DigestMismatch(d.path.clone()))
        );
    }
    let stray = Disclosure {
        path: "/R-9/findings".into(),
        ..p.disclosures.first().unwrap().clone()
    };
    assert_eq!(
        p.notice.verify_disclosure(&stray),
        Err(NoticeError::NoCommitment("/R-9/findings".into()))
    );
    // Every masked field was checked against the mask of its disclosed value above; a
    // publisher who signs a notice showing another mask is caught when the value is shown.
    let masked: Vec<&Disclosure> = p
        .disclosures
        .iter()
        .filter(|d| d.path.ends_with("/mobile") || d.path.ends_with("/name"))
        .collect();
    assert!(!masked.is_empty());
    let mut checked = 0;
    for d in masked {
        let mut notice = p.notice.notice.clone();
        let mut changed = false;
        for e in &mut notice.results {
            if let NoticeEntry::Published { id, fields } = e {
                let Some(rest) = d.path.strip_prefix(&format!("/{id}")) else {
                    continue;
                };
                if let Some(PublishedValue::Masked { text, .. }) = fields.get_mut(rest) {
                    *text = format!("{text}*");
                    changed = true;
                }
            }
        }
        if !changed {
            continue; // committed or withheld, not masked
        }
        let forged = notice.sign(&key());
        assert!(
            forged.verify().is_ok(),
            "the forged notice is validly signed"
        );
        assert!(
            matches!(
                forged.verify_disclosure(d),
                Err(NoticeError::MaskMismatch { ref path, .. }) if *path == d.path
            ),
            "{}",
            d.path
        );
        checked += 1;
    }
    assert!(checked >= 2, "{checked} masked fields checked");
    // The JSON round trip keeps the signature valid, as a member of the public receives it.
    let json = serde_json::to_string(&p.notice).unwrap();
    let back: SignedNotice = serde_json::from_str(&json).unwrap();
    assert_eq!(back.verify().unwrap(), hash);
    back.verify_csv(&back.notice.to_csv()).unwrap();
}

#[test]
fn tampering_is_detected() {
    let p = run(&sample(), &RedactionPolicy::default_policy(), 7).unwrap();
    let mut t = p.notice.clone();
    t.notice.header.published_on = date!(2024 - 05 - 07);
    assert_eq!(t.verify(), Err(NoticeError::BadSignature));
    let mut t = p.notice.clone();
    t.notice.publisher_key = PublisherKey(hex::encode(
        SigningKey::from_bytes(&[1; 32]).verifying_key().to_bytes(),
    ));
    assert_eq!(t.verify(), Err(NoticeError::BadSignature));
    let mut t = p.notice.clone();
    t.notice.format = "v0".into();
    assert!(matches!(t.verify(), Err(NoticeError::Format(_))));
    let csv = p.notice.notice.to_csv().replace("责令", "要求");
    assert_eq!(p.notice.verify_csv(&csv), Err(NoticeError::CsvMismatch));
}

#[test]
fn default_policy_field_by_field() {
    let p = run(&sample(), &RedactionPolicy::default_policy(), 7).unwrap();
    let fields = |i: usize| match p.notice.notice.results.get(i) {
        Some(NoticeEntry::Published { fields, .. }) => fields.clone(),
        _ => panic!("result {i} not published"),
    };
    let r1 = fields(0);
    // 个人隐私 by nature: names, ID number, mobile and badge masked by convention.
    assert!(
        matches!(r1.get("/target/contact/name"), Some(PublishedValue::Masked { text, .. }) if text == "欧阳**")
    );
    assert!(
        matches!(r1.get("/target/contact/mobile"), Some(PublishedValue::Masked { text, .. }) if text == "138****1234")
    );
    assert!(
        matches!(r1.get("/target/contact/id_number"), Some(PublishedValue::Masked { text, .. }) if text == "110101********123X")
    );
    assert!(
        matches!(r1.get("/team/0/name"), Some(PublishedValue::Masked { text, .. }) if text == "张*")
    );
    assert!(
        matches!(r1.get("/team/0/badge"), Some(PublishedValue::Masked { text, .. }) if text == "01****")
    );
    // Registration data and the result itself are public.
    assert_eq!(
        r1.get("/target/address"),
        Some(&PublishedValue::Clear(serde_json::json!(
            "河南省郑州市金水区花园路88号"
        )))
    );
    assert_eq!(
        r1.get("/outcome"),
        Some(&PublishedValue::Clear(serde_json::json!(
            "problem_found_ordered_to_correct"
        )))
    );
    // A private address is cut to the district.
    assert!(
        matches!(fields(1).get("/target/address"), Some(PublishedValue::Masked { text, .. }) if text == "河南省郑州市金水区")
    );
    // 警务工作秘密 on the findings: withheld, the rest published.
    let r4 = fields(3);
    assert!(matches!(
        r4.get("/findings"),
        Some(PublishedValue::Withheld { .. })
    ));
    assert!(matches!(r4.get("/outcome"), Some(PublishedValue::Clear(_))));
}

#[test]
fn overrides_loosen_privacy_but_never_secrets() {
    let mut policy = RedactionPolicy::default_policy();
    let o = Override {
        result_id: "R-1".into(),
        field: FieldKind::ContactName,
        op: Operator::Keep,
        basis: OverrideBasis::Consent,
        reason: "负责人书面同意公开姓名".into(),
        approver: "李四（法制总队）".into(),
        approved_on: date!(2024 - 05 - 05),
    };
    policy.overrides.push(o.clone());
    let p = run(&sample(), &policy, 7).unwrap();
    assert_eq!(
        p.notice.notice.overrides,
        vec![o.clone()],
        "applied overrides are published with reason and approver"
    );
    assert!(p.notice.notice.to_csv().contains("欧阳娜娜"));
    // On a police work secret: refused (公安厅 notice 二（三）).
    policy.overrides = vec![Override {
        result_id: "R-4".into(),
        field: FieldKind::Findings,
        ..o.clone()
    }];
    assert_eq!(
        run(&sample(), &policy, 7).unwrap_err(),
        PublishError::OverrideOnSecret {
            result_id: "R-4".into(),
            field: FieldKind::Findings
        }
    );
    policy.overrides = vec![Override {
        result_id: "R-3".into(),
        ..o
    }];
    assert!(matches!(
        run(&sample(), &policy, 7),
        Err(PublishError::OverrideOnSecret { .. })
    ));
}

#[test]
fn batch_errors() {
    let policy = RedactionPolicy::default_policy();
    assert_eq!(run(&[], &policy, 1).unwrap_err(), PublishError::NoResults);
    assert_eq!(
        run(&[base("R-1"), base("R-1")], &policy, 1).unwrap_err(),
        PublishError::DuplicateResult("R-1".into())
    );
    assert!(matches!(
        run(&[base("R 1")], &policy, 1),
        Err(PublishError::InvalidResultId { .. })
    ));
    let mut other = base("R-1");
    other.draw_record = Digest32([0x22; 32]);
    assert!(matches!(
        run(&[other], &policy, 1),
        Err(PublishError::DrawRecordMismatch { .. })
    ));
    let mut bad = policy;
    bad.rules.push(RedactionRule {
        class: RedactionClass::Unclassified,
        selector: FieldSelector::AnyField,
        op: Operator::Mask,
    });
    assert!(matches!(
        run(&[base("R-1")], &bad, 1),
        Err(PublishError::Policy(_))
    ));
}

// --- the leak test ---------------------------------------------------------------------

const SURNAMES: [&str; 12] = [
    "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "欧阳", "司马", "诸葛", "上官",
];
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红";

fn pick<'a>(rng: &mut ChaCha20Rng, s: &'a [&'a str]) -> &'a str {
    let n = u32::try_from(s.len()).unwrap();
    s.get(usize::try_from(rng.next_u32() % n).unwrap()).unwrap()
}

fn digits(rng: &mut ChaCha20Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + u8::try_from(rng.next_u32() % 10).unwrap()))
        .collect()
}

fn code(rng: &mut ChaCha20Rng) -> String {
    (0..8)
        .map(|_| char::from(b'A' + u8::try_from(rng.next_u32() % 26).unwrap()))
        .collect()
}

/// Replaces every run of ≥64 lower-case hex digits (digests, key, signature) by `#`: a
/// random digest contains any given 4-digit string with high probability, which is not a
/// leak, and full protected values are checked against the raw bytes separately.
fn scrub_hex(s: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() || ('a'..='f').contains(&c) {
            run.push(c);
            continue;
        }
        out.push_str(if run.len() >= 64 { "#" } else { &run });
        run.clear();
        out.push(c);
    }
    out.push_str(if run.len() >= 64 { "#" } else { &run });
    out
}

#[test]
fn leak_test_no_protected_value_in_notice_or_credit_feed() {
    let mut rng = ChaCha20Rng::seed_from_u64(20240506);
    let given: Vec<String> = GIVEN.chars().map(String::from).collect();
    let given: Vec<&str> = given.iter().map(String::as_str).collect();
    let mut seen = BTreeSet::new();
    let mut unique = |rng: &mut ChaCha20Rng, f: &dyn Fn(&mut ChaCha20Rng) -> String| loop {
        let v = f(rng);
        if seen.insert(v.clone()) {
            return v;
        }
    };
    let name = |rng: &mut ChaCha20Rng| {
        format!(
            "{}{}{}",
            pick(rng, &SURNAMES),
            pick(rng, &given),
            pick(rng, &given)
        )
    };
    let mut results = Vec::new();
    // (protected value, what its mask may keep)
    let mut protected: Vec<(String, String)> = Vec::new();
    let mut legit: Vec<String> = Vec::new();
    for i in 0..80u32 {
        let mut r = base(&format!("R-{i:03}"));
        r.target.id = format!("T{i:03}");
        r.target.uscc = None;
        r.target.name = format!("郑州市第{i}号商户");
        let contact = unique(&mut rng, &name);
        let id_number = unique(&mut rng, &|rng| {
            format!(
                "4101{}19{}{}",
                digits(rng, 2),
                digits(rng, 6),
                digits(rng, 4)
            )
        });
        let mobile = unique(&mut rng, &|rng| format!("13{}", digits(rng, 9)));
        r.target.contact = Some(ContactPerson {
            name: contact.clone(),
            id_number: Some(id_number.clone()),
            mobile: Some(mobile.clone()),
        });
        let inspector = unique(&mut rng, &name);
        let badge = unique(&mut rng, &|rng| digits(rng, 6));
        r.team = vec![TeamMember {
            inspector_id: format!("P{i:03}"),
            name: inspector.clone(),
            badge: Some(badge.clone()),
        }];
        let secret = format!("线索{}", code(&mut rng));
        let street = format!("纬五路{}号院{}栋", digits(&mut rng, 3), i);
        // Findings are secret in classes 0–3; the address is private in classes 0, 3, 4.
        let (secret_findings, private_address) = (i % 5 != 4, matches!(i % 5, 0 | 3 | 4));
        r.findings = if secret_findings {
            format!("发现{secret}")
        } else {
            format!("未发现问题第{i}户")
        };
        r.target.address = Some(if private_address {
            format!("河南省郑州市金水区{street}")
        } else {
            format!("河南省郑州市二七区大学路{i}号")
        });
        match i % 5 {
            0 => r.sensitivity.push(SensitivityMark {
                class: Sensitivity::StateSecret,
                field: None,
            }),
            1 => r.sensitivity.push(SensitivityMark {
                class: Sensitivity::PoliceWorkSecret,
                field: Some(FieldKind::Findings),
            }),
            2 => r.sensitivity.push(SensitivityMark {
                class: Sensitivity::CommercialSecret,
                field: Some(FieldKind::Findings),
            }),
            3 => r.sensitivity.push(SensitivityMark {
                class: Sensitivity::PersonalPrivacy,
                field: None,
            }),
            _ => r.sensitivity.push(SensitivityMark {
                class: Sensitivity::PersonalPrivacy,
                field: Some(FieldKind::TargetAddress),
            }),
        }
        let whole_secret = i % 5 == 0;
        protected.push((contact.clone(), mask_name(&contact)));
        protected.push((id_number.clone(), mask_id_number(&id_number)));
        protected.push((mobile.clone(), mask_phone(&mobile)));
        protected.push((inspector.clone(), mask_name(&inspector)));
        protected.push((badge.clone(), mask_badge(&badge)));
        if secret_findings {
            protected.push((secret.clone(), String::new()));
        } else {
            legit.push(r.findings.clone());
        }
        if private_address {
            protected.push((street.clone(), String::new()));
        } else {
            legit.extend(r.target.address.clone());
        }
        if whole_secret {
            protected.push((r.target.name.clone(), String::new()));
        } else {
            legit.extend([
                r.target.name.clone(),
                r.target.id.clone(),
                "河南省郑州市金水区".into(),
                "2024-04-10".into(),
                "2024-04-12".into(),
                "2024-04-30".into(),
            ]);
            legit.extend([
                mask_name(&contact),
                mask_id_number(&id_number),
                mask_phone(&mobile),
                mask_name(&inspector),
                mask_badge(&badge),
            ]);
        }
        results.push(r);
    }
    let p = publish(
        &results,
        &RedactionPolicy::default_policy(),
        header(),
        &key(),
        &mut rng,
    )
    .unwrap();
    let json = String::from_utf8(serde_json::to_vec(&p.notice).unwrap()).unwrap();
    let csv = p.notice.notice.to_csv();
    // The credit feed (信用信息归集) derived from the notice is an output too.
    let feed = CreditFeed::from_notice(&p.notice).unwrap();
    let feed_json = String::from_utf8(serde_json::to_vec(&feed).unwrap()).unwrap();
    let feed_csv = feed.to_csv();
    for (out, what) in [
        (&json, "JSON"),
        (&csv, "CSV"),
        (&feed_json, "credit feed JSON"),
        (&feed_csv, "credit feed CSV"),
    ] {
        // Every 4-character window of the output: a leaked substring of ≥4 characters
        // contains one, so checking the windows of each protected value suffices.
        let scrubbed: Vec<char> = scrub_hex(out).chars().collect();
        let present: std::collections::HashSet<String> =
            scrubbed.windows(4).map(|w| w.iter().collect()).collect();
        for (value, mask) in &protected {
            assert!(
                !out.contains(value.as_str()),
                "{what} contains protected value {value}"
            );
            let chars: Vec<char> = value.chars().collect();
            for w in chars.windows(4) {
                let s: String = w.iter().collect();
                let kept = mask.contains(&s) || legit.iter().any(|l| l.contains(&s));
                assert!(
                    kept || !present.contains(&s),
                    "{what} contains {s:?}, a part of protected {value:?} no mask keeps"
                );
            }
        }
    }
    // Each withheld or masked value is proven later; a wrong value is refused.
    assert!(p.disclosures.len() >= 80 * 5);
    p.notice.verify_disclosures(&p.disclosures).unwrap();
    for d in &p.disclosures {
        let mut wrong = d.clone();
        wrong.value = serde_json::json!(format!("{}x", d.value));
        assert!(matches!(
            p.notice.check_opening(&wrong),
            Err(NoticeError::DigestMismatch(_))
        ));
    }
}

// --- known-answer vectors --------------------------------------------------------------

fn vector_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/publication")
        .join(name)
}

/// With `SHUANGSUIJI_WRITE_VECTORS=1` the vector is (re)written; otherwise it is compared.
fn check_vector(name: &str, generated: &serde_json::Value) {
    let path = vector_path(name);
    if std::env::var_os("SHUANGSUIJI_WRITE_VECTORS").is_some() {
        let mut text = serde_json::to_string_pretty(generated).unwrap();
        text.push('\n');
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        return;
    }
    let stored: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        &stored, generated,
        "{name} drifted; regenerate deliberately with SHUANGSUIJI_WRITE_VECTORS=1"
    );
}

const GENERATED_BY: &str = "shuangsuiji core, publish::tests (cargo test -p shuangsuiji --lib publish::tests::vectors with SHUANGSUIJI_WRITE_VECTORS=1)";

#[test]
fn vectors_notice() {
    let results = sample();
    let policy = RedactionPolicy::default_policy();
    let p = run(&results, &policy, 2024).unwrap();
    let n = &p.notice.notice;
    let v = serde_json::json!({
        "generated_by": GENERATED_BY,
        "description": "A notice of four results under the default policy. Salts: ChaCha20Rng::seed_from_u64(2024) (rand_chacha 0.9), drawn in result-id then field order; every salt is in `disclosures`. Ed25519 key: the 32-byte seed below (RFC 8032). notice_hash = tagged_hash(\"shuangsuiji/v1/notice\", notice_jcs); signature over the 32 hash bytes.",
        "signing_key_seed": hex::encode([0x42u8; 32]),
        "header": header(),
        "policy": policy,
        "policy_digest": policy.digest(),
        "results": results,
        "notice_jcs": String::from_utf8(n.canonical_bytes()).unwrap(),
        "notice_hash": n.hash(),
        "signature": p.notice.signature,
        "csv": n.to_csv(),
        "disclosures": p.disclosures,
    });
    check_vector("notice.json", &v);
}

#[test]
fn vectors_disclosure() {
    let cases = [
        (
            [0u8; 32],
            "/R-1/target/contact/mobile",
            serde_json::json!("13812341234"),
        ),
        (
            [0xab; 32],
            "/R-1/team/0/name",
            serde_json::json!("欧阳娜娜"),
        ),
        (
            [0x5a; 32],
            "/R~1x/findings",
            serde_json::json!("检查\"通过\"\n"),
        ),
        (
            [0x01; 32],
            "/R-1/follow_up",
            serde_json::json!([{"kind": "ordered_to_correct", "deadline": "2024-04-30"}]),
        ),
    ];
    let out: Vec<_> = cases
        .into_iter()
        .map(|(salt, path, value)| {
            let salt = Salt(salt);
            serde_json::json!({"salt": salt, "path": path, "value_jcs": String::from_utf8(crate::encoding::canonical::canonical_json(&value).unwrap()).unwrap(), "value": value, "digest": disclosure_commitment(&salt, path, &value)})
        })
        .collect();
    let v = serde_json::json!({
        "generated_by": GENERATED_BY,
        "description": "digest = SHA-256(0x19 || \"shuangsuiji/v1/disclosure\" || u32be(32) || salt || u32be(len path) || path || u32be(len value_jcs) || value_jcs)",
        "cases": out,
    });
    check_vector("disclosure.json", &v);
    assert_eq!(tagged_hash("x", &[]), tagged_hash("x", &[]));
}

#[test]
fn vectors_publish_by() {
    let cal = WorkingCalendar::mainland_china().unwrap();
    let cases = [
        (date!(2024 - 03 - 04), 20),
        (date!(2019 - 04 - 26), 20),
        (date!(2020 - 01 - 20), 20),
        (date!(2023 - 12 - 20), 20),
        (date!(2024 - 09 - 30), 1),
        (date!(2025 - 01 - 20), 20),
        (date!(2025 - 09 - 26), 5),
        (date!(2026 - 02 - 13), 20),
        (date!(2026 - 12 - 01), 20),
        (date!(2018 - 12 - 28), 20),
    ];
    let out: Vec<_> = cases
        .into_iter()
        .map(|(d, n)| match cal.publish_by(d, n) {
            Ok(by) => serde_json::json!({"result_date": crate::registers::fields::dates::format_date(d), "working_days": n, "publish_by": crate::registers::fields::dates::format_date(by)}),
            Err(CalendarError::NotCovered { needs_year, .. }) => {
                serde_json::json!({"result_date": crate::registers::fields::dates::format_date(d), "working_days": n, "error": "not_covered", "needs_year": needs_year})
            }
            Err(e) => panic!("{e}"),
        })
        .collect();
    let v = serde_json::json!({
        "generated_by": GENERATED_BY,
        "description": "publish_by on the bundled calendar core/data/calendar/cn-2019-2026.json: the n-th working day after result_date (the result date itself not counted). Dates from 25 December of the last loaded year on need the next year's notice.",
        "cases": out,
    });
    check_vector("publish_by.json", &v);
}

/// 国发〔2019〕5号: results go into the target's credit record — the feed holds exactly
/// what the notice published, linked to notice and draw record.
#[test]
fn credit_feed_from_a_verified_notice() {
    let results = sample();
    let p = run(&results, &RedactionPolicy::default_policy(), 7).unwrap();
    let feed = CreditFeed::from_notice(&p.notice).unwrap();
    assert_eq!(feed.entries.len() + feed.withheld, results.len());
    let hash = p.notice.verify().unwrap();
    for e in &feed.entries {
        assert_eq!(e.notice_hash, hash);
        assert_eq!(e.draw_record, p.notice.notice.header.draw_record);
        assert!(e.outcome.is_some() && e.target_id.is_some());
    }
    let csv = feed.to_csv();
    assert_eq!(csv.lines().count(), feed.entries.len() + 1);
    assert!(csv.starts_with("target_id,uscc,target_name,result_id,outcome,"));
    // A tampered notice gives no feed.
    let mut bad = p.notice.clone();
    bad.notice.header.publisher.push('X');
    assert!(CreditFeed::from_notice(&bad).is_err());
}
