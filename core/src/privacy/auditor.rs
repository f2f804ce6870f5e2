//! The auditor's re-run (纪检监察 or the superior department, holding the view key and the
//! full register): everything the public cannot check — that each sealed class is the
//! register's, and every unopened commitment a bit (docs/spec/privacy.md §4, §6).

use crate::encoding::canonical::Digest32;
use crate::privacy::error::PrivacyError;
use crate::privacy::pedersen::ViewKey;
use crate::privacy::prove::{prove, ClassProof, SelectionInputs};
use crate::privacy::recusal::Recusals;
use crate::privacy::sealed::{seal, SealedView};
use crate::registers::target::TargetRegister;

/// What the auditor's re-run established.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditorVerdict {
    /// Entries whose sealed leaf was recomputed from the register and the key.
    pub entries: u64,
    /// The sealed view's root under the suite.
    pub targets_root: Digest32,
    /// Whether each leaf's recusal commitment was recomputed too (given the keeper's
    /// declarations: [`check_auditor_with`]); when false, `targets_root` is the published
    /// view's, its recusal commitments taken as given.
    pub recusals_checked: bool,
}

/// Re-seals the register under the key and re-proves the selection: the published view and
/// proof must be exactly those bytes. A leaf that differs is named with the member that
/// differs, so that a falsified class (or a malformed commitment) is told from any other
/// change.
///
/// # Errors
/// [`PrivacyError::Auditor`] naming the first differing entry or stratum; the draw's own
/// errors from the re-run.
pub fn check_auditor(
    inp: SelectionInputs<'_>,
    register: &TargetRegister,
    key: &ViewKey,
    view: &SealedView,
    proof: &ClassProof,
) -> Result<AuditorVerdict, PrivacyError> {
    audit(inp, register, None, key, view, proof)
}

/// [`check_auditor`] with the keeper's declarations: every leaf re-sealed whole, its
/// recusal commitment included.
///
/// # Errors
/// As [`check_auditor`]; a recusal commitment that differs is named as such.
pub fn check_auditor_with(
    inp: SelectionInputs<'_>,
    register: &TargetRegister,
    recusals: &Recusals,
    key: &ViewKey,
    view: &SealedView,
    proof: &ClassProof,
) -> Result<AuditorVerdict, PrivacyError> {
    audit(inp, register, Some(recusals), key, view, proof)
}

fn audit(
    inp: SelectionInputs<'_>,
    register: &TargetRegister,
    recusals: Option<&Recusals>,
    key: &ViewKey,
    view: &SealedView,
    proof: &ClassProof,
) -> Result<AuditorVerdict, PrivacyError> {
    if view.as_of != register.as_of() {
        return Err(PrivacyError::Auditor(format!(
            "密封名录日期 {} 与名录 {} 不同 · sealed view dated {}, the register {}",
            view.as_of,
            register.as_of(),
            view.as_of,
            register.as_of()
        )));
    }
    if view.targets.len() != register.targets().len() {
        return Err(PrivacyError::Auditor(format!(
            "密封名录有 {} 条，名录有 {} 条 · the sealed view has {} entries, the register {}",
            view.targets.len(),
            register.targets().len(),
            view.targets.len(),
            register.targets().len()
        )));
    }
    for (t, s) in register.targets().iter().zip(&view.targets) {
        // Without the declarations (§13.4) the recusal commitments are taken as given, and
        // the verdict says so.
        let mut want = seal(t, key, recusals.map_or(&[], |r| r.declaring(&t.id)));
        if recusals.is_none() {
            want.recusals.clone_from(&s.recusals);
        }
        if want != *s {
            let (zh, en) = if want.id != s.id {
                ("编码", "id")
            } else if want.recusals != s.recusals {
                (
                    "回避承诺（与保管方的回避声明不符）",
                    "recusal commitment (not the keeper's declarations)",
                )
            } else if want.classes != s.classes || want.blind_sums != s.blind_sums {
                (
                    "类别承诺（风险等级或信用类别与名录不符）",
                    "class commitments (a risk level or credit class is not the register's)",
                )
            } else {
                ("公开字段", "a public field")
            };
            return Err(PrivacyError::Auditor(format!(
                "条目 {} 的{zh}不同 · entry {}: {en} differs",
                t.id, t.id
            )));
        }
    }
    let again = prove(inp, register, key)?;
    if again != *proof {
        return Err(PrivacyError::Auditor(
            "类别证明与按名录重新计算的不同 · the class proof is not the one the register gives"
                .into(),
        ));
    }
    Ok(AuditorVerdict {
        entries: u64::try_from(register.targets().len()).unwrap_or(u64::MAX),
        targets_root: view.root_in(inp.suite)?,
        recusals_checked: recusals.is_some(),
    })
}
