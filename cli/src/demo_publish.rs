//! The demo's 一公开 step: results for the drawn targets (synthetic), published under the
//! default redaction policy, the notice verified and one withheld field proven.

use crate::util;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;
use sha2::{Digest as _, Sha256};
use shuangsuiji::audit::EventKind;
use shuangsuiji::{
    encoding::canonical_json, publish, publish::publish_by, publish::ContactPerson,
    publish::FollowUp, publish::NoticeHeader, publish::OutcomeCode, publish::ResultTarget,
    publish::Sensitivity, publish::SensitivityMark, publish::TeamMember,
    publish::PUBLICATION_WORKING_DAYS, InspectionResult, InspectorRegister, RedactionPolicy,
    SealedRecord, TargetRegister,
};
use std::path::Path;

/// Builds one result per team, cycling through a few outcomes.
fn results(
    sealed: &SealedRecord,
    targets: &TargetRegister,
    inspectors: &InspectorRegister,
) -> Vec<InspectionResult> {
    let day = sealed.record.commitment.commitment.plan.inspection_date;
    let items = sealed.record.commitment.commitment.plan.items.clone();
    let outcomes = [
        OutcomeCode::NoProblemFound,
        OutcomeCode::NoProblemFound,
        OutcomeCode::ProblemFoundOrderedToCorrect,
        OutcomeCode::RequiredInfoNotPublicised,
    ];
    let mut out = Vec::new();
    for (n, team) in sealed.record.teams.iter().enumerate() {
        let Some(t) = targets.get(&team.target) else {
            continue;
        };
        let Some(&outcome) = outcomes.get(n % outcomes.len()) else {
            continue;
        };
        let members = team
            .members
            .iter()
            .filter_map(|m| inspectors.inspectors().iter().find(|i| i.id == m.inspector))
            .map(|i| TeamMember {
                inspector_id: i.id.clone(),
                name: i.personal.name.clone(),
                badge: Some(i.personal.badge.clone()).filter(|b| !b.is_empty()),
            })
            .collect();
        let mut sensitivity = vec![];
        if n % 5 == 3 {
            sensitivity.push(SensitivityMark {
                class: Sensitivity::CommercialSecret,
                field: Some(shuangsuiji::publish::FieldKind::Findings),
            });
        }
        if n % 11 == 7 {
            sensitivity.push(SensitivityMark {
                class: Sensitivity::PoliceWorkSecret,
                field: None,
            });
        }
        out.push(InspectionResult {
            id: format!("R-{:04}", n + 1),
            draw_record: sealed.hash,
            target: ResultTarget {
                id: t.id.clone(),
                name: t.name.clone(),
                uscc: t.uscc.clone(),
                address: Some(t.address.clone()),
                contact: Some(ContactPerson {
                    name: "王建国".into(),
                    id_number: Some("410105198001011234".into()),
                    mobile: Some("13912345678".into()),
                }),
            },
            items: items.clone(),
            team: members,
            inspection_date: day,
            result_date: day,
            entered_by: team
                .members
                .first()
                .map(|m| m.inspector.clone())
                .unwrap_or_default(),
            outcome,
            findings: match outcome {
                OutcomeCode::ProblemFoundOrderedToCorrect => {
                    "消防通道堆放杂物，安全出口指示灯损坏".into()
                }
                OutcomeCode::RequiredInfoNotPublicised => "未按规定公示备案信息".into(),
                _ => String::new(),
            },
            follow_up: match outcome {
                OutcomeCode::ProblemFoundOrderedToCorrect => vec![FollowUp::OrderedToCorrect {
                    deadline: day + time::Duration::days(15),
                }],
                _ => vec![],
            },
            sensitivity,
        });
    }
    out
}

/// The demo's results and their notice under the draw's suite (seeded salts: reproducible).
pub fn notice(
    sealed: &SealedRecord,
    targets: &TargetRegister,
    inspectors: &InspectorRegister,
) -> Result<(Vec<InspectionResult>, shuangsuiji::publish::Publication), String> {
    let rs = results(sealed, targets, inspectors);
    let day = sealed.record.commitment.commitment.plan.inspection_date;
    let by = publish_by(day, PUBLICATION_WORKING_DAYS).map_err(|e| e.to_string())?;
    // The draw's suite (one draw, one suite): an SM2 publisher key under sm2-sm3.
    let suite = sealed.suite();
    let key = crate::demo::demo_key(suite, "shuangsuiji demo publisher key")?;
    // Demo only: a seeded generator makes the demo reproducible. `shuangsuiji publish`
    // uses the OS random generator.
    let mut rng = ChaCha20Rng::from_seed(Sha256::digest(b"shuangsuiji demo salts").into());
    let header = NoticeHeader {
        notice_id: "GS-HA-ZA-2023-001".into(),
        publisher: "河南省公安厅治安总队".into(),
        published_on: by,
        draw_record: sealed.hash,
    };
    let p = publish(
        &rs,
        &RedactionPolicy::default_policy(),
        header,
        &key,
        &mut rng,
    )
    .map_err(|e| format!("not published: {e}"))?;
    Ok((rs, p))
}

pub fn run(
    out: &Path,
    sealed: &SealedRecord,
    targets: &TargetRegister,
    inspectors: &InspectorRegister,
    trail: &mut crate::demo_audit::Trail,
) -> Result<(), String> {
    let suite = sealed.suite();
    let (rs, p) = notice(sealed, targets, inspectors)?;
    let day = sealed.record.commitment.commitment.plan.inspection_date;
    let by = p.notice.notice.header.published_on;
    let h = p
        .notice
        .verify()
        .map_err(|e| format!("notice does not verify: {e}"))?;
    let first = p.disclosures.first().ok_or("nothing was withheld")?;
    p.notice
        .verify_disclosure(first)
        .map_err(|e| e.to_string())?;
    let unix = |d: shuangsuiji::Date| {
        (d - time::macros::date!(1970 - 01 - 01)).whole_days() * 86_400 + 10 * 3600 - 8 * 3600
    };
    for r in &rs {
        let subject = suite.tagged_hash(
            "shuangsuiji/v1/result",
            &[&canonical_json(r).map_err(|e| e.to_string())?],
        );
        trail.record(
            EventKind::ResultEntry,
            &r.entered_by,
            unix(r.result_date),
            subject,
            &r.id,
        );
    }
    trail.record(
        EventKind::Publication,
        &p.notice.notice.header.publisher,
        unix(by),
        h,
        &p.notice.notice.header.notice_id,
    );
    util::write_atomic(&out.join("results.private.json"), &util::to_json(&rs)?)?;
    crate::publish_cmd::write_publication(&out.join("notice"), &p.notice, &p.disclosures)?;
    println!(
        "\n公示 Public notice: {} results, publish by {} (20 working days after {}), hash {}",
        p.notice.notice.results.len(),
        by,
        day,
        h
    );
    println!("  签名 signed by {} — verified; {} withheld/masked fields committed; disclosure of {:?} checks", p.notice.notice.header.publisher, p.disclosures.len(), first.path);
    Ok(())
}
