//! Cases from the verifiable-draw literature (RFC 3797, consistent_sampler, Arlo): inputs
//! that differ only by encoding must not silently give a different draw — the spec
//! normalises at the import edge (full-width forms) and rejects everything else.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::*;
use shuangsuiji::{draw::*, encoding::*, publish::*, registers::*};

#[test]
fn ids_have_one_spelling() {
    // Full-width digits, NFD-decomposed letters, spaces, or a number where a string is due.
    for bad in [
        "９１４１０１００００００００００１Ｘ",
        "Cafe\u{301}-1",
        "A 1",
        "ＨＡ-1",
    ] {
        let mut t = target(1, RiskLevel::Low, "410105");
        t.id = bad.into();
        t.uscc = None;
        t.kind = TargetKind::Behaviour;
        let e = TargetRegister::new(AS_OF, vec![t]).unwrap_err();
        assert_eq!(e.problems[0].kind, ProblemKind::InvalidId, "{bad}");
    }
    let json = r#"{"as_of":"2023-08-23","targets":[{"id":914101,"name":"x","region":"410105","industry":"R","kind":"behaviour","credit":"A","risk":"low","department":"d","status":"active"}]}"#;
    assert!(
        serde_json::from_str::<TargetRegister>(json).is_err(),
        "a number is not an id"
    );
    assert!(
        serde_json::from_str::<TargetRegister>(&json.replace("914101", "\"914101\"")).is_ok(),
        "the control: the same record with the id as a string parses"
    );
}

#[cfg(feature = "import")]
#[test]
fn full_width_ids_are_normalised_at_import_to_the_same_draw() {
    use shuangsuiji::import::{targets as import_targets, targets_to_csv};
    let w = World::new(targets(60), inspectors(8, 0));
    let csv = targets_to_csv(&w.targets);
    // The same file with every ASCII digit of the USCC column written full-width.
    let wide: String = csv
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                return l.to_string();
            }
            let mut cells: Vec<String> = l.split(',').map(str::to_string).collect();
            cells[2] = cells[2]
                .chars()
                .map(|c| {
                    if c.is_ascii_digit() {
                        char::from_u32(c as u32 + 0xfee0).unwrap()
                    } else {
                        c
                    }
                })
                .collect();
            cells.join(",")
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(wide, csv);
    let back = import_targets(wide.as_bytes(), AS_OF).unwrap();
    assert_eq!(
        back.root(),
        w.targets.root(),
        "same register, same root, same draw"
    );
}

/// One change to a plan, for the table of plan fields below.
type PlanEdit = fn(&mut DrawPlan, String);

/// Spec §1.7: a department or expertise name has one spelling. A register or plan that
/// writes it another way (full-width bracket or digit, decomposed accent, compatibility
/// ideograph, ideographic space) is refused, naming the record and field, instead of
/// silently moving targets or inspectors out of the draw.
#[test]
fn matched_names_have_one_spelling() {
    let spellings = [
        format!("{ZA}（一）"),
        format!("{ZA}２"),
        format!("{ZA}\u{3000}"),
        format!("Cafe\u{301}{ZA}"),
        format!("\u{f90a}{ZA}"),
        format!("\u{2f00}{ZA}"),
        "治安\u{200b}总队".to_string(),
        "治安\u{a0}总队".to_string(),
    ];
    for bad in &spellings {
        let mut ts = targets(10);
        ts[3].department = bad.clone();
        let e = TargetRegister::new(AS_OF, ts.clone()).unwrap_err();
        assert_eq!(e.problems.len(), 1, "{bad:?}: {e}");
        let p = &e.problems[0];
        assert_eq!(
            (p.kind, p.field.as_str(), p.record.as_deref()),
            (
                ProblemKind::InvalidName,
                "department",
                Some(ts[3].id.as_str())
            ),
            "{bad:?}"
        );

        let mut is = inspectors(4, 0);
        is[1].expertise = vec!["网络安全".into(), bad.clone()];
        let e = InspectorRegister::new(AS_OF, is).unwrap_err();
        assert_eq!(
            (e.problems[0].kind, e.problems[0].field.as_str()),
            (ProblemKind::InvalidName, "expertise"),
            "{bad:?}"
        );

        // A published view read by a verifier is held to the same rule.
        let good = InspectorRegister::new(AS_OF, inspectors(4, 0)).unwrap();
        let mut json = serde_json::to_value(good.public_view(&[1; 32])).unwrap();
        json["inspectors"][0]["department"] = bad.clone().into();
        let e = serde_json::from_value::<PublicInspectorRegister>(json).unwrap_err();
        assert!(e.to_string().contains("department"), "{bad:?}: {e}");

        let mut ts = targets(10);
        ts[4].industry = bad.clone();
        let e = TargetRegister::new(AS_OF, ts).unwrap_err();
        assert_eq!(
            (e.problems[0].kind, e.problems[0].field.as_str()),
            (ProblemKind::InvalidName, "industry"),
            "{bad:?}"
        );

        // Every name a plan matches against the registers.
        let team = format!("team.departments.{ZA}");
        let edits: [(String, PlanEdit); 5] = [
            ("team.departments: ".into(), |p, b| {
                p.team.departments[0].department = b
            }),
            ("filter.departments: ".into(), |p, b| {
                p.filter.departments = vec![b]
            }),
            ("filter.industries: ".into(), |p, b| {
                p.filter.industries = vec![b]
            }),
            (format!("{team}.required_expertise: "), |p, b| {
                p.team.departments[0].required_expertise = vec![b]
            }),
            (format!("{team}.preferred_expertise: "), |p, b| {
                p.team.departments[0].preferred_expertise = vec![b]
            }),
        ];
        for (want, edit) in edits {
            let mut p = plan();
            edit(&mut p, bad.clone());
            let e = p.check(&items()).unwrap_err();
            // The problem names the field, the value and why (docs/errors.md §2).
            let why = if bad.trim() != bad {
                " starts or ends with white space".to_string()
            } else if bad.contains('\u{301}') || bad.contains('\u{f90a}') {
                " is not in Unicode normal form C".to_string()
            } else {
                " contains U+".to_string()
            };
            let named = format!("{want}{bad:?}{why}");
            assert!(
                e.problems.iter().any(|m| m.starts_with(&named)),
                "{bad:?} in {want}: {e:?}"
            );
        }
    }
    // A list separator inside an expertise tag would split it on re-import.
    let mut is = inspectors(4, 0);
    is[0].expertise = vec!["网络,安全".into()];
    let e = InspectorRegister::new(AS_OF, is).unwrap_err();
    assert_eq!(e.problems[0].kind, ProblemKind::InvalidName);
    // The control: the one spelling passes everywhere.
    assert!(TargetRegister::new(AS_OF, targets(10)).is_ok());
    assert!(plan().check(&items()).is_ok());
}

/// Spec §1.7 at the import edge: department, industry and expertise cells written with
/// look-alike characters (full-width brackets, a Kangxi radical, a zero-width space, a
/// decomposed accent) import to the registers written in the one spelling — the same roots,
/// the same draw.
#[cfg(feature = "import")]
#[test]
fn look_alike_names_are_normalised_at_import_to_the_same_draw() {
    use shuangsuiji::import::{
        inspectors as import_inspectors, inspectors_to_csv, targets as import_targets,
        targets_to_csv,
    };
    const DEPT: &str = "治安一队(东)";
    const WIDE: &str = "治安\u{2f00}队（东）";
    let mut ts = targets(40);
    for t in &mut ts {
        t.department = DEPT.into();
        t.industry = "R86".into();
    }
    let mut is = inspectors(8, 0);
    for i in &mut is {
        i.department = DEPT.into();
        i.expertise = vec!["Café".into(), "网络安全".into()];
    }
    let mut p = plan();
    p.filter.departments = vec![DEPT.into()];
    p.filter.industries = vec!["R8".into()];
    p.team.departments[0].department = DEPT.into();
    p.team.departments[0].required_expertise = vec!["Café".into()];
    let reg = InspectorRegister::new(AS_OF, is.clone()).unwrap();
    let w = World::new(ts, is);

    let t_csv = targets_to_csv(&w.targets);
    let t_wide = t_csv.replace(DEPT, WIDE).replace(",R86,", ",R\u{200b}86,");
    assert_ne!(t_wide, t_csv);
    let t_back = import_targets(t_wide.as_bytes(), AS_OF).unwrap();
    assert_eq!(t_back.root(), w.targets.root());

    let i_csv = inspectors_to_csv(&reg);
    let i_wide = i_csv.replace(DEPT, WIDE).replace("Café", "Cafe\u{301}");
    assert_ne!(i_wide, i_csv);
    let i_back = import_inspectors(i_wide.as_bytes(), AS_OF).unwrap();
    assert_eq!(i_back.root(&[1; 32]), reg.root(&[1; 32]));

    let first = w.sealed(p.clone(), 2);
    assert!(!first.record.teams.is_empty(), "the plan draws");
    let again = World::new(t_back.targets().to_vec(), i_back.inspectors().to_vec());
    assert_eq!(again.sealed(p, 2), first, "same registers, same draw");
}

#[test]
fn dates_in_records_have_one_spelling() {
    let w = World::new(targets(40), inspectors(6, 0));
    let s = w.sealed(plan(), 2);
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains("\"inspection_date\":\"2023-09-04\""));
    let other = json.replace(
        "\"inspection_date\":\"2023-09-04\"",
        "\"inspection_date\":\"2023-9-4\"",
    );
    assert!(
        serde_json::from_str::<SealedRecord>(&other).is_err(),
        "a second spelling of a date is refused"
    );
}

/// A member the format does not define is refused, not dropped: otherwise a published
/// record, notice or log could carry text no signature covers and still verify, and a
/// misspelt plan member ("ratio_bp") would silently take its default. Covers the two
/// structures written with flattened members, where serde alone would let it pass.
#[test]
fn members_a_format_does_not_define_are_refused() {
    let w = World::new(targets(20), inspectors(6, 0));
    let sealed = w.sealed(plan(), 2);
    let good = serde_json::to_value(&sealed).unwrap();
    assert!(serde_json::from_value::<SealedRecord>(good.clone()).is_ok());
    for (at, path) in [
        ("the sealed record", ""),
        ("the record", "/record"),
        ("the commitment", "/record/commitment/commitment"),
        ("the plan", "/record/commitment/commitment/plan"),
        ("a stratum", "/record/strata/0"),
        ("a team", "/record/teams/0"),
        ("a signature", "/signatures/0"),
    ] {
        let mut v = good.clone();
        v.pointer_mut(path)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert("note".into(), "一并抽中".into());
        let e = serde_json::from_value::<SealedRecord>(v).unwrap_err();
        assert!(e.to_string().contains("unknown field `note`"), "{at}: {e}");
    }

    // An exclusion (`target` + flattened reason).
    let ok = r#"{"target":"T1","reason":"inspected_recently","item":"I","date":"2023-01-02"}"#;
    assert!(serde_json::from_str::<Exclusion>(ok).is_ok());
    for bad in [
        r#"{"target":"T1","reason":"already_drawn","note":"x"}"#,
        r#"{"target":"T1","reason":"already_drawn","item":"I"}"#,
        r#"{"target":"T1","reason":"inspected_recently","item":"I"}"#,
        r#"{"target":"T1","reason":"drawn_last_year"}"#,
        r#"{"target":"T1","reason":"already_drawn","item":null}"#,
    ] {
        assert!(serde_json::from_str::<Exclusion>(bad).is_err(), "{bad}");
    }

    // Unit variants of tagged enums, where serde would ignore extra members by itself.
    let offline = serde_json::json!({"mode": "offline"});
    assert!(serde_json::from_value::<BeaconChoice>(offline).is_ok());
    let offline = serde_json::json!({"mode": "offline", "note": "x"});
    assert!(serde_json::from_value::<BeaconChoice>(offline).is_err());
    let opened = serde_json::json!({"kind": "case_opened"});
    assert!(serde_json::from_value::<FollowUp>(opened).is_ok());
    let opened = serde_json::json!({"kind": "case_opened", "note": "x"});
    assert!(serde_json::from_value::<FollowUp>(opened).is_err());

    // Digests have one spelling in JSON: lower case.
    let hex = "ab".repeat(32);
    assert!(serde_json::from_value::<Digest32>(hex.clone().into()).is_ok());
    assert!(serde_json::from_value::<Digest32>(hex.to_uppercase().into()).is_err());

    // A notice (flattened header).
    let v: serde_json::Value = serde_json::from_slice(
        &std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/vectors/publication/notice.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut notice: serde_json::Value =
        serde_json::from_str(v["notice_jcs"].as_str().unwrap()).unwrap();
    assert!(serde_json::from_value::<PublicNotice>(notice.clone()).is_ok());
    notice["note"] = "x".into();
    assert!(serde_json::from_value::<PublicNotice>(notice).is_err());

    // A plan with a misspelt member.
    let mut p = serde_json::to_value(plan()).unwrap();
    p["strata"][0]["ratio_bp"] = 100.into();
    let e = serde_json::from_value::<DrawPlan>(p).unwrap_err();
    assert!(e.to_string().contains("ratio_bp"), "{e}");
}
