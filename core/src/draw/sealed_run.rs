//! draw/v3 (docs/spec/privacy.md §13): draw/v2 over a sealed target view. The register
//! keeper runs it from the full register and the view key, and the record carries the class
//! proof; a reader re-runs it from the sealed view and that proof, never reading a class.
//!
//! Both sides share every step that reads only public fields (commitment, roots, seed, the
//! 100 % list, exclusions, teams, batches) with draw/v1 and v2: only selection differs, and
//! there the keeper proves and the reader checks.

use crate::draw::cap::check_general_caps;
use crate::draw::error::{DrawError, RootOf};
use crate::draw::protocol::Version;
use crate::draw::record::DrawRecord;
use crate::draw::run::{
    check_commitment, check_inspector_root, finish, seed_of, DrawInputs, Outcome, TargetSource,
};
use crate::draw::select::{must_include_tickets, Census, StratumDraw};
use crate::encoding::canonical::Digest32;
use crate::privacy::{
    check_public, prove, ClassProof, PrivacyError, RecusalOpening, Recusals, SealedTarget,
    SealedView, SelectionInputs, ViewKey,
};
use crate::registers::inspector::PublicInspectorRegister;
use crate::registers::target::{Target, TargetRegister};
use std::collections::BTreeMap;
use time::Date;

/// What a draw/v3 reads the targets from.
#[derive(Clone, Copy)]
pub enum SealedSource<'a> {
    /// The register keeper (and the auditor): the full register and the view key. The
    /// draw seals the register, checks the sealed root against the commitment, and proves.
    Keeper(&'a SealedKeeper),
    /// A reader: the sealed view; the class proof comes from the record being checked.
    View(&'a SealedView),
}

/// The full register with the inspectors' declared conflicts and the key its published view
/// was sealed under.
pub struct SealedKeeper {
    register: TargetRegister,
    recusals: Recusals,
    key: ViewKey,
    view: SealedView,
}

impl SealedKeeper {
    /// Seals the register once (the draw, its root and the proof all read that view). The
    /// declarations come from the keeper's inspector view before its conflicts are taken
    /// out ([`Recusals::of_public`]); the draw is given the view without them.
    pub fn new(register: TargetRegister, recusals: Recusals, key: ViewKey) -> SealedKeeper {
        let view = SealedView::of(&register, &recusals, &key);
        SealedKeeper {
            register,
            recusals,
            key,
            view,
        }
    }

    /// The full register.
    pub fn register(&self) -> &TargetRegister {
        &self.register
    }

    /// The view key (the keeper's and the auditor's, never published).
    pub fn key(&self) -> &ViewKey {
        &self.key
    }

    /// The sealed view (what is published as `targets.sealed.json`).
    pub fn view(&self) -> &SealedView {
        &self.view
    }
}

impl TargetSource for SealedKeeper {
    fn as_of(&self) -> Date {
        self.register.as_of()
    }

    fn scan(&self, f: &mut dyn FnMut(&Target) -> Result<(), DrawError>) -> Result<(), DrawError> {
        self.register.targets().iter().try_for_each(f)
    }

    fn sealed(&self) -> Option<SealedSource<'_>> {
        Some(SealedSource::Keeper(self))
    }
}

/// A reader's sealed view scans as the public fields of each entry, the classes `unknown`.
impl TargetSource for SealedView {
    fn as_of(&self) -> Date {
        self.as_of
    }

    fn scan(&self, f: &mut dyn FnMut(&Target) -> Result<(), DrawError>) -> Result<(), DrawError> {
        self.targets.iter().try_for_each(|t| f(&t.public_target()))
    }

    fn sealed(&self) -> Option<SealedSource<'_>> {
        Some(SealedSource::View(self))
    }
}

fn classes(e: PrivacyError) -> DrawError {
    match e {
        PrivacyError::Draw(d) => d,
        other => DrawError::Classes(Box::new(other)),
    }
}

/// The keeper's draw/v3: the record with its class proof.
///
/// # Errors
/// As [`crate::draw::draw`], and [`DrawError::Classes`] when the source is not the keeper's.
pub(crate) fn draw_v3(inp: DrawInputs<'_>) -> Result<DrawRecord, DrawError> {
    // The commitment's own checks come first, as in every version, whatever the source:
    // `run` begins with them; a source that cannot draw meets them here.
    if let Some(SealedSource::Keeper(k)) = inp.targets.sealed() {
        return run(inp, k.view(), Side::Keeper(k));
    }
    check_commitment(inp, Version::V3, inp.targets.as_of())?;
    let why = if inp.targets.sealed().is_some() {
        "只有封存视图无法执行 draw/v3 抽取：抽取由名录库保管方以完整名录库和视图密钥执行，核验从记录读取类别证明 · a sealed view alone cannot run a draw/v3: the register keeper runs it from the full register and the view key; verification reads the class proof from the record"
    } else {
        "draw/v3 的承诺针对封存视图：须给出完整名录库和视图密钥（保管方、审计方）或封存视图（公众） · a draw/v3 commitment is over a sealed view: give the full register and the view key (keeper, auditor) or the sealed view (public)"
    };
    Err(DrawError::Classes(Box::new(PrivacyError::Proof(
        why.into(),
    ))))
}

/// The reader's re-run of a draw/v3 record from the sealed view and the record's class
/// proof: everything a keeper's draw computes from public fields, the proof checked by
/// [`check_public`] in place of selection.
///
/// # Errors
/// As [`crate::draw::draw`], and [`DrawError::Classes`] for a proof the check refuses.
pub(crate) fn rerun_public(
    inp: DrawInputs<'_>,
    view: &SealedView,
    proof: &ClassProof,
    recusals: &[RecusalOpening],
) -> Result<DrawRecord, DrawError> {
    run(inp, view, Side::Reader(proof, recusals))
}

/// The public fields of a sealed view under draw/v2's register rules (each entry's own
/// rules against the register date, one entry per USCC), on both sides alike: the keeper's
/// register met them when it was built, and a view made by hand must meet them too.
fn public_register(view: &SealedView) -> Result<TargetRegister, DrawError> {
    TargetRegister::new(
        view.as_of,
        view.targets
            .iter()
            .map(SealedTarget::public_target)
            .collect(),
    )
    .map_err(|e| match e.problems.into_iter().next() {
        Some(p) => DrawError::Register(Box::new(p)),
        None => DrawError::Source(
            "封存视图的公开字段无效 · the sealed view's public fields are invalid".into(),
        ),
    })
}

/// One sealed view, one draw (docs/spec/privacy.md §13.3): two draws over the same blinds
/// with different eligible sets would open a target's blind by subtraction of their blind
/// sums, and each draw's negative facts would add up.
fn check_view_unused(plan: &crate::draw::plan::DrawPlan, root: &Digest32) -> Result<(), DrawError> {
    match plan
        .exclusions
        .prior_draws
        .iter()
        .find(|p| p.sealed_root.as_ref() == Some(root))
    {
        Some(p) => Err(DrawError::Classes(Box::new(PrivacyError::ReusedView {
            record: p.record.to_hex(),
        }))),
        None => Ok(()),
    }
}

enum Side<'a> {
    Keeper(&'a SealedKeeper),
    Reader(&'a ClassProof, &'a [RecusalOpening]),
}

/// A draw/v3 inspector view publishes no declared conflict: they are sealed per target.
fn no_published_conflicts(inspectors: &PublicInspectorRegister) -> Result<(), DrawError> {
    match inspectors.inspectors().iter().find(|i| !i.conflicts.is_empty()) {
        Some(i) => Err(DrawError::Classes(Box::new(PrivacyError::Recusal {
            target: i.conflicts.first().cloned().unwrap_or_default(),
            detail: format!(
                "draw/v3 的人员公开视图不应载明回避对象（人员 {} 载明了）：回避对象封存于检查对象条目 · a draw/v3 inspector view publishes no declared conflicts (inspector {} does): they are sealed in the target entries",
                i.id, i.id
            ),
        }))),
        None => Ok(()),
    }
}

/// The reader's check of the record's recusal sets: exactly one per team target, in id
/// order, each opening its leaf, naming only inspectors of the view.
fn check_openings(
    openings: &[RecusalOpening],
    team_targets: &std::collections::BTreeSet<&str>,
    view: &SealedView,
    inspectors: &PublicInspectorRegister,
) -> Result<(), DrawError> {
    let bad = |target: &str, detail: &str| {
        DrawError::Classes(Box::new(PrivacyError::Recusal {
            target: target.to_string(),
            detail: detail.to_string(),
        }))
    };
    // Order first, then one to one with the team targets (both sorted): linear, whatever
    // an unsigned record holds.
    if let Some(w) = openings
        .windows(2)
        .find(|w| w.first().map(|o| o.target.as_bytes()) >= w.get(1).map(|o| o.target.as_bytes()))
    {
        return Err(bad(
            w.get(1).map_or("", |o| o.target.as_str()),
            "回避名单应按对象编号升序、每个一份 · sets must be in target id order, one each",
        ));
    }
    let missing = "派检查组的对象缺少回避名单 · missing for a target a team goes to";
    let mut wanted = team_targets.iter();
    let mut given = openings.iter().map(|o| o.target.as_str());
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => break,
            (Some(t), Some(o)) if *t == o => {}
            (Some(t), Some(o)) if t.as_bytes() < o.as_bytes() => return Err(bad(t, missing)),
            (Some(t), None) => return Err(bad(t, missing)),
            (_, Some(o)) => {
                return Err(bad(o, "未派检查组的对象不应开启回避名单（会无故公开回避关系）· opened for a target no team goes to (it would publish conflicts for nothing)"))
            }
        }
    }
    let known: std::collections::BTreeSet<&str> = inspectors
        .inspectors()
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    for o in openings {
        let leaf = view
            .targets
            .binary_search_by(|t| t.id.as_bytes().cmp(o.target.as_bytes()))
            .ok()
            .and_then(|n| view.targets.get(n))
            .ok_or_else(|| {
                bad(
                    &o.target,
                    "封存视图中无此对象 · no such entry in the sealed view",
                )
            })?;
        o.check(leaf).map_err(|e| DrawError::Classes(Box::new(e)))?;
        if let Some(i) = o.inspectors.iter().find(|i| !known.contains(i.as_str())) {
            return Err(bad(
                &o.target,
                &format!("回避名单中的 {i} 不在人员名录中 · {i} is not in the inspector register"),
            ));
        }
    }
    Ok(())
}

/// The inspectors as matching reads them: the view's, each with the opened sets it appears
/// in as its conflicts.
fn with_opened_conflicts(
    inspectors: &PublicInspectorRegister,
    openings: &[RecusalOpening],
) -> Vec<crate::registers::inspector::PublicInspector> {
    let mut by_inspector: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for o in openings {
        for i in &o.inspectors {
            by_inspector
                .entry(i.as_str())
                .or_default()
                .push(o.target.clone());
        }
    }
    inspectors
        .inspectors()
        .iter()
        .map(|i| {
            let mut c = i.clone();
            if let Some(ts) = by_inspector.get(i.id.as_str()) {
                c.conflicts.clone_from(ts);
                c.conflicts.sort();
            }
            c
        })
        .collect()
}

fn run(inp: DrawInputs<'_>, view: &SealedView, side: Side<'_>) -> Result<DrawRecord, DrawError> {
    let c = &inp.commitment.commitment;
    let version = Version::V3;
    let commitment_hash = check_commitment(inp, version, view.as_of)?;
    view.check().map_err(classes)?;
    let public = public_register(view)?;
    let root = view.root_in(c.suite).map_err(classes)?;
    if root != c.roots.targets {
        return Err(DrawError::Root {
            what: RootOf::TargetRegister,
            committed: c.roots.targets,
            actual: root,
        });
    }
    check_inspector_root(inp)?;
    no_published_conflicts(inp.inspectors)?;
    check_view_unused(&c.plan, &root)?;
    let seed = seed_of(inp, version, &commitment_hash)?;
    // The 100 % list, exclusions and coverage read public fields only: the census runs on
    // the entries without their classes, on both sides alike.
    let mut census = Census::v3(inp.item_list);
    for t in public.targets() {
        census.add(&c.plan, t)?;
    }
    let mut census = census.finish(&c.plan)?;
    let sel = SelectionInputs {
        suite: c.suite,
        plan: &c.plan,
        items: inp.item_list,
        seed,
    };
    let proof = match side {
        Side::Keeper(k) => prove(sel, k.register(), &k.key).map_err(classes)?,
        Side::Reader(p, _) => {
            check_public(sel, view, p).map_err(classes)?;
            p.clone()
        }
    };
    census.set_populations(
        proof
            .strata
            .iter()
            .map(|s| (s.key.clone(), s.population))
            .collect::<BTreeMap<_, _>>(),
    );
    check_general_caps(&c.plan, inp.item_list, &census)?;
    let strata: Vec<StratumDraw> = proof
        .strata
        .iter()
        .zip(&c.plan.strata)
        .map(|(p, s)| StratumDraw {
            key: p.key.clone(),
            population: p.population,
            ratio: s.ratio,
            quota: p.quota,
            selected: p.selected.clone(),
            alternates: p.alternates.clone(),
        })
        .collect();
    let must_include = must_include_tickets(c.suite, &seed, &census);
    // Matching order: every selected target by ascending ticket (ties by id), as in v2;
    // teams read the sealed view's public fields, on both sides alike.
    let mut order: Vec<(Digest32, String)> = must_include
        .iter()
        .chain(strata.iter().flat_map(|s| s.selected.iter()))
        .map(|t| (t.ticket, t.target.clone()))
        .collect();
    order.sort();
    let wanted: std::collections::BTreeSet<&str> =
        order.iter().map(|(_, id)| id.as_str()).collect();
    let by_id: BTreeMap<&str, &Target> = public
        .targets()
        .iter()
        .filter(|t| wanted.contains(t.id.as_str()))
        .map(|t| (t.id.as_str(), t))
        .collect();
    let targets: Vec<&Target> = order
        .iter()
        .filter_map(|(_, id)| by_id.get(id.as_str()).copied())
        .collect();
    // Recusal sets: the keeper opens one per team target; the reader checks the record's.
    let recusals: Vec<RecusalOpening> = match side {
        Side::Keeper(k) => wanted
            .iter()
            .map(|id| crate::privacy::recusal::open(&k.key, &k.recusals, id))
            .collect(),
        Side::Reader(_, openings) => openings.to_vec(),
    };
    // The keeper checks its own openings as a reader will: a declaration the public view
    // cannot account for (an inspector not in it) is refused before any record exists.
    check_openings(&recusals, &wanted, view, inp.inspectors)?;
    let inspectors = with_opened_conflicts(inp.inspectors, &recusals);
    let exclusions = census.exclusions().to_vec();
    finish(
        inp,
        seed,
        &targets,
        &inspectors,
        Outcome {
            strata,
            must_include,
            exclusions,
            classes: Some(proof),
            recusals,
        },
    )
}
