//! The demo draw under the published-numbers beacon (docs/spec/draw-v2.md §15), written as
//! the vector tests/vectors/v2-published/: the same registers, plan, signers and
//! participants as the draw/v2 demo, a sample lottery named instead of a drand round.

use crate::demo::{
    demo_secrets, participants, sealed_by_signers, signatories, signed_by_signers,
    DEMO_COMMITTED_AT, PARTICIPANTS,
};
use crate::util;
use shuangsuiji::draw::{
    signed_reveal, BeaconChoice, DrawPlan, NumberGroup, PublishedDraw, PublishedNumbersSpec,
    PublishedResult, Reveal,
};
use shuangsuiji::registers::RegisterRoots;
use shuangsuiji::trust::{verify_with_references, Announcement, References, TrustFile};
use shuangsuiji::{
    draw as run_draw, Commitment, DrawInputs, ItemList, PublicInspectorRegister, SealedRecord,
    SecretKey, Suite, TargetRegister,
};
use std::path::Path;

pub const DESCRIPTION: &str = "The draw/v2 demo under the published-numbers beacon (docs/spec/draw-v2.md §15): the same registers, plan, signers and participants, a sample lottery issue (not a real draw: the numbers are made up) named in the commitment, the numbers in inputs.published_numbers; seed, selection, teams, record hash and canonical record bytes out. announcement.json is the announcement a reader enters; verdict.json the verdict under ../v2/trust.json with it (no time anchor).";

/// The sample draw a commitment at the demo's time names: 6 of 1–33 and 1 of 1–16, one
/// hour later. Not a real lottery: its numbers are made up for the vector.
fn sample_lottery() -> PublishedNumbersSpec {
    PublishedNumbersSpec {
        draws: vec![PublishedDraw {
            source: "示例彩票 sample lottery".into(),
            issue: "2023097".into(),
            announced_in: "示例公告 sample announcement (not a real draw)".into(),
            draws_at: DEMO_COMMITTED_AT + 3600,
            groups: vec![
                NumberGroup::ascending("红球", 6, 1, 33),
                NumberGroup::ascending("蓝球", 1, 1, 16),
            ],
        }],
    }
}

/// The sealed record and the announcement a reader would enter for it.
pub fn draw(
    items: &ItemList,
    targets: &TargetRegister,
    inspectors: &PublicInspectorRegister,
    plan: &DrawPlan,
    sign_keys: &[SecretKey],
    participant_keys: &[SecretKey],
) -> Result<(SealedRecord, Announcement), String> {
    let secrets = demo_secrets();
    let spec = sample_lottery();
    let draws_at = spec.draws.first().map_or(0, |d| d.draws_at);
    let commitment = Commitment::v2(
        plan.clone(),
        RegisterRoots {
            item_list: items.hash(),
            targets: targets.root(),
            inspectors: inspectors.root(),
        },
        targets.as_of(),
        participants(Suite::Ed25519Sha256, &secrets, Some(participant_keys)),
        signatories(sign_keys),
        BeaconChoice::PublishedNumbers(spec),
        DEMO_COMMITTED_AT,
    );
    let mut signed = signed_by_signers(commitment, sign_keys)?;
    for ((id, _), k) in PARTICIPANTS.iter().zip(participant_keys) {
        signed.sign_as_participant(id, k);
    }
    let reveals: Vec<Reveal> = PARTICIPANTS
        .iter()
        .zip(&secrets)
        .zip(participant_keys)
        .map(|(((id, _), s), k)| signed_reveal(id, k, &signed.hash, s))
        .collect();
    let numbers = vec![vec![4, 9, 15, 22, 27, 30], vec![11]];
    let published = [PublishedResult {
        source: "示例彩票 sample lottery".into(),
        issue: "2023097".into(),
        numbers: numbers.clone(),
    }];
    let record = run_draw(DrawInputs {
        commitment: &signed,
        item_list: items,
        targets,
        inspectors,
        reveals: &reveals,
        beacon: None,
        published: &published,
    })
    .map_err(|e| format!("published-numbers draw refused: {e}"))?;
    let announcement = Announcement {
        source: "示例彩票 sample lottery".into(),
        issue: "2023097".into(),
        draws_at,
        // As an announcement may list them: in the order the balls fell.
        numbers: vec![vec![22, 4, 30, 9, 27, 15], vec![11]],
    };
    Ok((sealed_by_signers(record, sign_keys)?, announcement))
}

/// tests/vectors/v2-published/: the draw vector, the record bytes, the announcement and the
/// verdict every runtime must reach with it.
pub fn write(
    dir: &Path,
    sealed: &SealedRecord,
    announcement: &Announcement,
    targets: &TargetRegister,
    inspectors: &PublicInspectorRegister,
    trust: &TrustFile,
) -> Result<(), String> {
    crate::vectors::write_draw(dir, sealed, DESCRIPTION)?;
    let verdict = verify_with_references(
        sealed,
        targets,
        inspectors,
        Some(trust),
        None,
        &References {
            announcements: std::slice::from_ref(announcement),
            ..References::default()
        },
    );
    util::write_atomic(
        &dir.join("announcement.json"),
        &util::to_json(&[announcement])?,
    )?;
    util::write_atomic(
        &dir.join("verdict.json"),
        &util::to_json(&verdict.to_json())?,
    )
}
