//! draw/v3's sealed classes (docs/spec/privacy.md) for Python: dicts in and out, the
//! arithmetic and every check the core's.

use crate::convert::{bytes32, digest, from_py, suite, to_py};
use crate::errors::Result;
use crate::registers::{ItemList, TargetRegister};
use pyo3::prelude::*;
use shuangsuiji as core;
use shuangsuiji::privacy::{self, SelectionInputs, ViewKey};

fn inputs<'a>(
    suite_name: Option<&str>,
    plan: &'a core::DrawPlan,
    items: &'a core::ItemList,
    seed: &str,
) -> Result<SelectionInputs<'a>> {
    Ok(SelectionInputs {
        suite: suite(suite_name)?,
        plan,
        items,
        seed: digest(seed, "seed")?,
    })
}

/// The two published documents a check reads: the sealed view and the class proof.
fn published(
    sealed_view: &Bound<'_, PyAny>,
    proof: &Bound<'_, PyAny>,
) -> Result<(privacy::SealedView, privacy::ClassProof)> {
    Ok((
        from_py(sealed_view, "sealed_view")?,
        from_py(proof, "proof")?,
    ))
}

/// The sealed (public) target view of a register under a 32-byte view key, as a dict:
/// classes replaced by Pedersen commitments, each entry committing to the inspectors who
/// declared a conflict with it in `inspectors` (the keeper's PublicInspectorRegister with its
/// conflicts; None: nobody declared one). Keep the key private; give it to the auditor.
#[pyfunction]
#[pyo3(signature = (targets, view_key, inspectors = None))]
pub fn seal_targets<'py>(
    py: Python<'py>,
    targets: &Bound<'py, TargetRegister>,
    view_key: &[u8],
    inspectors: Option<&Bound<'py, crate::registers::PublicInspectorRegister>>,
) -> Result<Bound<'py, PyAny>> {
    let key = ViewKey(bytes32(view_key, "view_key")?);
    let reg = &targets.get().0;
    let recusals = inspectors.map_or_else(privacy::Recusals::none, |i| {
        privacy::Recusals::of_public(&i.get().0)
    });
    let view = py.detach(|| privacy::SealedView::of(reg, &recusals, &key));
    to_py(py, &view)
}

/// The sealed view's root under the suite (the `targets` root a draw/v3 commits to).
/// Raises PrivacyError for a malformed view.
#[pyfunction]
#[pyo3(signature = (sealed_view, suite = None))]
pub fn sealed_root(sealed_view: &Bound<'_, PyAny>, suite: Option<&str>) -> Result<String> {
    let view: privacy::SealedView = from_py(sealed_view, "sealed_view")?;
    view.check()?;
    Ok(view.root_in(crate::convert::suite(suite)?)?.to_hex())
}

/// The draw/v3 selection of a plan (dict) over the full register, and its class proof (dict).
/// `seed` is the draw's seed (64 hex digits). Raises DrawError for what the census refuses.
#[pyfunction]
#[pyo3(signature = (plan, item_list, targets, view_key, seed, suite = None))]
pub fn prove_classes<'py>(
    py: Python<'py>,
    plan: &Bound<'py, PyAny>,
    item_list: &Bound<'py, ItemList>,
    targets: &Bound<'py, TargetRegister>,
    view_key: &[u8],
    seed: &str,
    suite: Option<&str>,
) -> Result<Bound<'py, PyAny>> {
    let plan: core::DrawPlan = from_py(plan, "plan")?;
    let key = ViewKey(bytes32(view_key, "view_key")?);
    let inp = inputs(suite, &plan, &item_list.get().0, seed)?;
    let reg = &targets.get().0;
    let proof = py.detach(|| privacy::prove(inp, reg, &key))?;
    to_py(py, &proof)
}

/// The public check of a class proof (dict) against the sealed view (dict): returns the
/// verdict (targets root, eligible count, each stratum's population, quota and kept).
/// Raises PrivacyError naming the target and stratum. The seed is taken as given: compare
/// the verdict's targets root with the draw's commitment, whose seed it must be.
#[pyfunction]
#[pyo3(signature = (plan, item_list, sealed_view, seed, proof, suite = None))]
pub fn check_classes_public<'py>(
    py: Python<'py>,
    plan: &Bound<'py, PyAny>,
    item_list: &Bound<'py, ItemList>,
    sealed_view: &Bound<'py, PyAny>,
    seed: &str,
    proof: &Bound<'py, PyAny>,
    suite: Option<&str>,
) -> Result<Bound<'py, PyAny>> {
    let plan: core::DrawPlan = from_py(plan, "plan")?;
    let (view, proof) = published(sealed_view, proof)?;
    let inp = inputs(suite, &plan, &item_list.get().0, seed)?;
    let v = py.detach(|| privacy::check_public(inp, &view, &proof))?;
    to_py(py, &v)
}

/// The auditor's check (纪检监察 or the superior department): re-seals the full register under
/// the view key and re-proves; the published view and proof must be exactly those. Raises
/// PrivacyError naming the first entry that differs.
#[pyfunction]
#[pyo3(signature = (plan, item_list, targets, view_key, sealed_view, seed, proof, suite = None))]
#[allow(clippy::too_many_arguments)]
pub fn check_classes_auditor<'py>(
    py: Python<'py>,
    plan: &Bound<'py, PyAny>,
    item_list: &Bound<'py, ItemList>,
    targets: &Bound<'py, TargetRegister>,
    view_key: &[u8],
    sealed_view: &Bound<'py, PyAny>,
    seed: &str,
    proof: &Bound<'py, PyAny>,
    suite: Option<&str>,
) -> Result<Bound<'py, PyAny>> {
    let plan: core::DrawPlan = from_py(plan, "plan")?;
    let (view, proof) = published(sealed_view, proof)?;
    let key = ViewKey(bytes32(view_key, "view_key")?);
    let inp = inputs(suite, &plan, &item_list.get().0, seed)?;
    let reg = &targets.get().0;
    let v = py.detach(|| privacy::check_auditor(inp, reg, &key, &view, &proof))?;
    to_py(py, &v)
}

/// What a class proof discloses over a register of `register` entries (dict).
#[pyfunction]
pub fn class_disclosure<'py>(
    py: Python<'py>,
    proof: &Bound<'py, PyAny>,
    register: u64,
) -> Result<Bound<'py, PyAny>> {
    let proof: privacy::ClassProof = from_py(proof, "proof")?;
    to_py(py, &privacy::disclosure(&proof, register))
}

/// draw/v3, the keeper (docs/spec/privacy.md §13): the full register sealed once under a
/// 32-byte view key, with the conflicts declared in `inspectors` (the keeper's
/// PublicInspectorRegister with its conflicts; required, so that "nobody declared one" is
/// a choice made in the open, which the auditor checks against the inspectors' filings)
/// sealed as recusal sets. Give it as `targets` to `commit(version=3)` and `draw`, and to `verify` for the
/// auditor's re-draw. Publish `view()` and the inspector view `without_conflicts()`, never
/// the register or the key. Raises PrivacyError when a declaration names a target outside
/// the register (refused, not lost).
#[pyclass(module = "shuangsuiji", name = "SealedKeeper", frozen)]
pub struct SealedKeeper(pub core::draw::SealedKeeper);

#[pymethods]
impl SealedKeeper {
    #[new]
    fn new(
        py: Python<'_>,
        targets: &Bound<'_, TargetRegister>,
        view_key: &[u8],
        inspectors: &Bound<'_, crate::registers::PublicInspectorRegister>,
    ) -> Result<Self> {
        let key = ViewKey(bytes32(view_key, "view_key")?);
        let register = targets.get().0.clone();
        let recusals = privacy::Recusals::of_public(&inspectors.get().0);
        if let Some(unknown) = recusals.unknown_targets(&register).first() {
            return Err(privacy::PrivacyError::Recusal {
                target: unknown.clone(),
                detail: "回避声明所指对象不在检查对象名录中 · a declared conflict names a target not in the register".into(),
            }
            .into());
        }
        Ok(SealedKeeper(py.detach(|| {
            core::draw::SealedKeeper::new(register, recusals, key)
        })))
    }

    /// The sealed view to publish (as a dict, as `seal_targets` returns it).
    fn view<'py>(&self, py: Python<'py>) -> Result<Bound<'py, PyAny>> {
        to_py(py, self.0.view())
    }

    /// The sealed view's root under the suite: the `targets` root a draw/v3 commits to.
    #[pyo3(signature = (suite = None))]
    fn root(&self, suite: Option<&str>) -> Result<String> {
        Ok(self
            .0
            .view()
            .root_in(crate::convert::suite(suite)?)?
            .to_hex())
    }

    fn __repr__(&self) -> String {
        format!(
            "SealedKeeper({} targets, as of {})",
            self.0.register().targets().len(),
            self.0.register().as_of()
        )
    }
}
