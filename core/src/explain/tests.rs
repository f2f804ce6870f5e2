//! Every variant of every error: a snake_case kind, a Chinese message, English text kept.

use super::registers::refused_zh;
use super::Explain;
use crate::audit::{CheckpointError, ProofError};
use crate::draw::*;
use crate::encoding::SignatureError;
use crate::publish::{CalendarError, NoticeError, PolicyError, PublishError};
use crate::publish::{FieldKind, FieldSelector, Operator, RedactionClass};
use crate::registers::fields::{FieldError, RefusedChar};
use crate::registers::ProblemKind;
use crate::registers::{Problem, RegisterName, ValidationErrors};
use crate::Digest32;

/// The kind the Python binding derived before `Explain`: the `Debug` variant name in
/// snake_case. Kinds must stay what it gave.
fn debug_kind(v: &impl std::fmt::Debug) -> String {
    let name: String = format!("{v:?}")
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// Checks every value and returns their kinds in order.
fn check<E: Explain + std::fmt::Debug>(values: &[E], debug_named: bool) -> Vec<&'static str> {
    values
        .iter()
        .map(|e| {
            let k = e.kind();
            assert!(
                !k.is_empty()
                    && k.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{e:?}: kind {k:?}"
            );
            if debug_named {
                assert_eq!(k, debug_kind(e), "{e:?}");
            }
            let zh = e.message_zh();
            assert!(zh.chars().any(is_cjk), "{e:?}: {zh}");
            assert_eq!(e.message_bilingual(), format!("{zh}\n{e}"));
            if let Some(c) = e.cause_kind() {
                assert!(!c.is_empty(), "{e:?}");
            }
            k
        })
        .collect()
}

fn problem() -> Problem {
    Problem {
        register: RegisterName::Targets,
        row: Some(5),
        record: Some("T1".into()),
        field: "region".into(),
        column: None,
        kind: ProblemKind::InvalidRegion,
        message: "\"4101\" is not six ASCII digits".into(),
    }
}

fn plan_error() -> PlanError {
    PlanError {
        problems: vec![
            "batches: at least 1".into(),
            "items: a plan inspects at least one item".into(),
        ],
    }
}

fn d(b: u8) -> Digest32 {
    Digest32([b; 32])
}

fn draw_errors() -> Vec<DrawError> {
    vec![
        DrawError::Plan(plan_error()),
        DrawError::Algorithm {
            found: "shuangsuiji/draw/v2".into(),
            expected: crate::draw::ALGORITHM,
        },
        DrawError::Commitment {
            problems: vec![
                "signers: at least one responsible person signs (谁抽查、谁签字)".into(),
            ],
        },
        DrawError::Root {
            what: RootOf::ItemList,
            committed: d(0),
            actual: d(1),
        },
        DrawError::Reveal {
            participant: "jijian".into(),
            reason: "is missing".into(),
        },
        DrawError::Beacon(BeaconError::RandomnessMismatch),
        DrawError::MustInclude {
            target: "T9".into(),
            reason: "is not in the target register".into(),
        },
        DrawError::TeamShortfall {
            target: "T1".into(),
            department: "治安总队".into(),
            role: Role::Officer,
            needed: 2,
            found: 1,
            excluded: "recused (declared conflict): 1".into(),
        },
        DrawError::Unsorted {
            previous: "T2".into(),
            id: "T1".into(),
        },
        DrawError::Register(Box::new(problem())),
        DrawError::Source("targets.csv: No such file or directory (os error 2)".into()),
        DrawError::Encoding("key must be a string".into()),
    ]
}

fn beacon_errors() -> Vec<BeaconError> {
    vec![
        BeaconError::Presence {
            expected: RoundNamed::Names,
            given: RoundGiven::NotGiven,
        },
        BeaconError::WrongRound {
            committed: 124,
            given: 123,
        },
        BeaconError::TooEarly {
            round: 123,
            round_time: 1_692_803_367,
            committed_at: 1_692_803_400,
        },
        BeaconError::Malformed {
            field: BeaconField::Signature,
            reason: "not lower-case hex".into(),
        },
        BeaconError::BadSignature { round: 124 },
        BeaconError::RandomnessMismatch,
    ]
}

#[test]
fn every_error_has_a_kind_and_a_chinese_message() {
    let v = ValidationErrors {
        problems: vec![problem(), problem()],
    };
    assert_eq!(check(std::slice::from_ref(&v), false), ["validation"]);
    assert_eq!(
        v.message_zh(),
        "共 2 个问题；第一个：检查对象名录库，第 5 行，记录 T1，字段 region：\"4101\" is not six ASCII digits"
    );
    assert_eq!(check(&[plan_error()], false), ["plan"]);

    assert_eq!(
        check(&beacon_errors(), true),
        [
            "presence",
            "wrong_round",
            "too_early",
            "malformed",
            "bad_signature",
            "randomness_mismatch"
        ]
    );
    let draws = draw_errors();
    assert_eq!(
        check(&draws, true),
        [
            "plan",
            "algorithm",
            "commitment",
            "root",
            "reveal",
            "beacon",
            "must_include",
            "team_shortfall",
            "unsorted",
            "register",
            "source",
            "encoding"
        ]
    );
    assert_eq!(draws[0].cause_kind(), Some("plan"));
    assert_eq!(draws[5].cause_kind(), Some("randomness_mismatch"));
    assert_eq!(draws[3].cause_kind(), None);
    assert_eq!(draws[0].message_zh(), plan_error().message_zh());
    assert_eq!(
        draws[7].message_zh(),
        "T1 的检查组：部门 治安总队 需要 2 名执法人员，符合条件的只有 1 名（recused (declared conflict): 1）"
    );

    let verifies = vec![
        VerifyError::Signature {
            what: SignedDocument::Record,
            signer: "负责人".into(),
            reason: "does not verify".into(),
        },
        VerifyError::Rerun(DrawError::Beacon(BeaconError::BadSignature { round: 7 })),
        VerifyError::Mismatch {
            path: "strata[2].selected[5].target".into(),
            recorded: "T1".into(),
            recomputed: "T2".into(),
        },
        VerifyError::Malformed("not an object".into()),
    ];
    assert_eq!(
        check(&verifies, true),
        ["signature", "rerun", "mismatch", "malformed"]
    );
    assert_eq!(verifies[1].cause_kind(), Some("beacon"));
    assert!(verifies[1].message_zh().starts_with("重新运行抽取：信标："));

    let signatures = [
        SignatureError::KeyMismatch {
            signed_with: "ab".repeat(32),
            listed: "cd".repeat(32),
        },
        SignatureError::BadKeyHex,
        SignatureError::InvalidPoint {
            reason: "signature error".into(),
        },
        SignatureError::BadSignatureHex,
        SignatureError::DoesNotVerify,
    ];
    assert_eq!(
        check(&signatures, true),
        [
            "key_mismatch",
            "bad_key_hex",
            "invalid_point",
            "bad_signature_hex",
            "does_not_verify"
        ]
    );

    let fields = [
        FieldError::IdEmpty,
        FieldError::IdTooLong { len: 65 },
        FieldError::IdCharacter { found: 'Ｈ' },
        FieldError::NameEmpty,
        FieldError::NameEdgeSpace,
        FieldError::NameCharacter {
            found: '\u{3000}',
            class: RefusedChar::OtherSpace,
        },
        FieldError::NameNotNfc,
        FieldError::UsccLength { len: 17 },
        FieldError::UsccCharacter { found: 'I' },
        FieldError::UsccCheckCharacter {
            expected: '3',
            found: '4',
        },
        FieldError::RegionFormat {
            code: "4101".into(),
        },
        FieldError::RegionProvince {
            code: "990105".into(),
            prefix: "99".into(),
        },
        FieldError::UnknownMethod {
            rest: "飞行检查".into(),
        },
    ];
    assert_eq!(
        check(&fields, true),
        [
            "id_empty",
            "id_too_long",
            "id_character",
            "name_empty",
            "name_edge_space",
            "name_character",
            "name_not_nfc",
            "uscc_length",
            "uscc_character",
            "uscc_check_character",
            "region_format",
            "region_province",
            "unknown_method"
        ]
    );
    // Every class of refused character has its Chinese name.
    for class in [
        RefusedChar::FullWidth,
        RefusedChar::KangxiRadical,
        RefusedChar::CjkRadical,
        RefusedChar::VariationSelector,
        RefusedChar::Control,
        RefusedChar::OtherSpace,
        RefusedChar::Format,
    ] {
        assert!(refused_zh(class).chars().any(is_cjk), "{class:?}");
    }

    let policies = [
        PolicyError::NoMask(FieldSelector::AnyField),
        PolicyError::Misplaced {
            selector: FieldSelector::Field(FieldKind::TargetName),
            op: Operator::WithholdResult,
        },
        PolicyError::DuplicateRule {
            class: RedactionClass::Unclassified,
            selector: FieldSelector::Result,
        },
        PolicyError::UnjustifiedOverride {
            result_id: "R1".into(),
            field: FieldKind::ContactIdNumber,
        },
    ];
    assert_eq!(
        check(&policies, true),
        [
            "no_mask",
            "misplaced",
            "duplicate_rule",
            "unjustified_override"
        ]
    );

    let publishes = [
        PublishError::Policy(policies[2].clone()),
        PublishError::NoResults,
        PublishError::InvalidResultId {
            id: String::new(),
            reason: "is empty".into(),
        },
        PublishError::DuplicateResult("R1".into()),
        PublishError::DrawRecordMismatch {
            result_id: "R1".into(),
            found: d(2),
            expected: d(3),
        },
        PublishError::OverrideOnSecret {
            result_id: "R1".into(),
            field: FieldKind::TargetName,
        },
        PublishError::NotInDraw {
            problems: vec!["R1: target T1 was not drawn".into()],
        },
    ];
    assert_eq!(
        check(&publishes, true),
        [
            "policy",
            "no_results",
            "invalid_result_id",
            "duplicate_result",
            "draw_record_mismatch",
            "override_on_secret",
            "not_in_draw"
        ]
    );
    assert_eq!(publishes[0].cause_kind(), Some("duplicate_rule"));

    let notices = [
        NoticeError::Format("shuangsuiji/notice/v0".into()),
        NoticeError::BadKey,
        NoticeError::BadSignature,
        NoticeError::CsvMismatch,
        NoticeError::NoCommitment("/results/0/target/name".into()),
        NoticeError::DigestMismatch("/results/0/target/name".into()),
        NoticeError::MaskMismatch {
            path: "/results/0/target/contact/mobile".into(),
            shown: "138****1234".into(),
            expected: "139****1234".into(),
        },
        NoticeError::RecordMismatch {
            notice: d(1),
            record: d(2),
        },
        NoticeError::OtherSuite {
            record: d(1),
            suite: "sm2-sm3".into(),
            notice_suite: "ed25519-sha256".into(),
        },
    ];
    assert_eq!(
        check(&notices, true),
        [
            "format",
            "bad_key",
            "bad_signature",
            "csv_mismatch",
            "no_commitment",
            "digest_mismatch",
            "mask_mismatch",
            "record_mismatch",
            "other_suite"
        ]
    );

    let calendars = [
        CalendarError::Json("expected value at line 1 column 1".into()),
        CalendarError::Format("shuangsuiji/calendar/v0".into()),
        CalendarError::DuplicateYear(2024),
        CalendarError::EmptyYear(2024),
        CalendarError::DateOutsideYear {
            year: 2024,
            date: "2026-01-01".into(),
        },
        CalendarError::ReversedSpan {
            from: "2024-10-07".into(),
            to: "2024-10-01".into(),
        },
        CalendarError::MakeUpOnWeekday("2024-10-08".into()),
        CalendarError::Conflict("2024-10-01".into()),
        CalendarError::NotCovered {
            date: "2030-01-02".into(),
            needs_year: 2030,
        },
    ];
    assert_eq!(
        check(&calendars, true),
        [
            "json",
            "format",
            "duplicate_year",
            "empty_year",
            "date_outside_year",
            "reversed_span",
            "make_up_on_weekday",
            "conflict",
            "not_covered"
        ]
    );

    let proofs = [
        ProofError::OutOfRange("index 13 is not below size 13".into()),
        ProofError::WrongLength {
            found: 3,
            expected: 4,
        },
        ProofError::RootMismatch,
    ];
    assert_eq!(
        check(&proofs, true),
        ["out_of_range", "wrong_length", "root_mismatch"]
    );

    let checkpoints = [
        CheckpointError::Inconsistent("the log shrank".into()),
        CheckpointError::Malformed("checkpoint 1: no blank line".into()),
        CheckpointError::BadSignature("log+0a1b2c3d+AQ".into()),
        CheckpointError::Proof(ProofError::RootMismatch),
    ];
    assert_eq!(
        check(&checkpoints, true),
        ["inconsistent", "malformed", "bad_signature", "proof"]
    );
    assert_eq!(checkpoints[3].cause_kind(), Some("root_mismatch"));

    use crate::audit::WitnessError;
    let witnesses = [
        WitnessError::UnknownLog("o".into()),
        WitnessError::Known("o".into()),
        WitnessError::Checkpoint(CheckpointError::BadSignature("o".into())),
        WitnessError::OldSizeTooLarge { old: 5, size: 3 },
        WitnessError::Conflict { old: 3, latest: 5 },
        WitnessError::Inconsistent(ProofError::RootMismatch),
        WitnessError::Timestamp(u64::MAX),
    ];
    assert_eq!(
        check(&witnesses, true),
        [
            "unknown_log",
            "known",
            "checkpoint",
            "old_size_too_large",
            "conflict",
            "inconsistent",
            "timestamp"
        ]
    );
    assert_eq!(witnesses[5].cause_kind(), Some("root_mismatch"));
}

/// The English messages are what they were when these fields were strings.
#[test]
fn display_is_unchanged() {
    use crate::registers::fields::{check_id, check_name, check_region_code, validate_uscc};
    let zeros = "0".repeat(64);
    let ones = "01".repeat(32);
    for (e, old) in [
        (
            BeaconError::Presence {
                expected: RoundNamed::DoesNotName,
                given: RoundGiven::Given,
            }
            .to_string(),
            "beacon: the commitment does not name a drand round, but a round was given"
                .to_string(),
        ),
        (
            BeaconError::Presence {
                expected: RoundNamed::Names,
                given: RoundGiven::NotGiven,
            }
            .to_string(),
            "beacon: the commitment names a drand round, but no round was given".into(),
        ),
        (
            BeaconError::Malformed {
                field: BeaconField::PublicKey,
                reason: "Odd number of digits".into(),
            }
            .to_string(),
            "beacon: malformed public_key: Odd number of digits".into(),
        ),
        (
            DrawError::Root {
                what: RootOf::CommitmentHash,
                committed: d(0),
                actual: d(1),
            }
            .to_string(),
            format!("commitment hash: committed {zeros}, given data has {ones}"),
        ),
        (
            DrawError::Root {
                what: RootOf::InspectorRegister,
                committed: d(0),
                actual: d(1),
            }
            .to_string(),
            format!("inspector register: committed {zeros}, given data has {ones}"),
        ),
        (
            DrawError::TeamShortfall {
                target: "T1".into(),
                department: "治安总队".into(),
                role: Role::Expert,
                needed: 2,
                found: 1,
                excluded: "at workload cap: 12".into(),
            }
            .to_string(),
            "team for T1: department 治安总队 needs 2 expert(s), only 1 eligible (at workload cap: 12)"
                .into(),
        ),
        (
            VerifyError::Signature {
                what: SignedDocument::Commitment,
                signer: "负责人".into(),
                reason: "is missing".into(),
            }
            .to_string(),
            "signature on the pre-draw commitment by 负责人: is missing".into(),
        ),
        (
            VerifyError::Signature {
                what: SignedDocument::Record,
                signer: "负责人".into(),
                reason: SignatureError::DoesNotVerify.to_string(),
            }
            .to_string(),
            "signature on the draw record by 负责人: does not verify".into(),
        ),
        (
            SignatureError::KeyMismatch {
                signed_with: "ab".into(),
                listed: "cd".into(),
            }
            .to_string(),
            "signed with key ab, the commitment lists cd".into(),
        ),
        (
            SignatureError::BadSignatureHex.to_string(),
            "signature is not 128 lower-case hex digits".into(),
        ),
        (
            check_id("").unwrap_err().to_string(),
            "is empty".into(),
        ),
        (
            check_id(&"x".repeat(65)).unwrap_err().to_string(),
            "is 65 bytes long, at most 64 allowed".into(),
        ),
        (
            check_id("A B").unwrap_err().to_string(),
            "contains ' '; ids are printable ASCII without spaces".into(),
        ),
        (
            check_name("治安\u{3000}总队").unwrap_err().to_string(),
            "contains U+3000 (a space other than the ASCII space)".into(),
        ),
        (
            check_name("第２分局").unwrap_err().to_string(),
            "contains U+FF12 (a full-width form; write its ASCII form)".into(),
        ),
        (
            check_name(" 治安").unwrap_err().to_string(),
            "starts or ends with white space".into(),
        ),
        (
            check_region_code("4101").unwrap_err().to_string(),
            "\"4101\" is not six ASCII digits".into(),
        ),
        (
            check_region_code("990105").unwrap_err().to_string(),
            "\"990105\" has no province-level prefix \"99\" in GB/T 2260".into(),
        ),
        (
            validate_uscc("91350100M000100Y44").unwrap_err().to_string(),
            "check character is '4', GB 32100-2015 gives '3'".into(),
        ),
        (
            validate_uscc("91350100M000100Y4").unwrap_err().to_string(),
            "must have 18 characters, has 17".into(),
        ),
        (
            validate_uscc("91350100M000100I43").unwrap_err().to_string(),
            "character 'I' is not in the GB 32100 alphabet".into(),
        ),
        (
            crate::hazmat::checked_ticket(&d(0), "").unwrap_err().to_string(),
            "is empty".into(),
        ),
    ] {
        assert_eq!(e, old);
    }
}
