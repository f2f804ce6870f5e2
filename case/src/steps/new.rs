//! `case new`: a case from the item list, the registers and the plan, every problem found
//! at once (imports, the plan against the list and the registers, and a rehearsal draw).

use crate::casefile::{CaseFile, CaseWitness, Chain, CASE_FORMAT};
use crate::error::{CaseError, Result};
use crate::layout;
use crate::store::{to_json, Store, Txn};
use crate::trail::Trail;
use shuangsuiji::audit::EventKind;
use shuangsuiji::draw::{BeaconChoice, Participant, SealedKeeper, Signatory, TargetSource};
use shuangsuiji::encoding::canonical_json;
use shuangsuiji::hazmat::commit_secret_in;
use shuangsuiji::privacy::{Recusals, SealedView, ViewKey};
use shuangsuiji::registers::RegisterRoots;
use shuangsuiji::{
    draw, import, Commitment, Date, DrawInputs, DrawPlan, ItemList, PublicInspectorRegister,
    SignedCommitment, SigningKey, TargetRegister,
};
use shuangsuiji::{SecretKey, Suite, SuiteSigner};
use std::path::Path;

/// What a new case is made from: the files' bytes as given, and the unit's settings.
pub struct NewCase<'a> {
    /// The item list (CSV/XLSX) and its version label.
    pub items: &'a [u8],
    /// The item list's version label.
    pub items_version: &'a str,
    /// The target register (CSV/XLSX).
    pub targets: &'a [u8],
    /// The inspector register with personal data (CSV/XLSX).
    pub inspectors: &'a [u8],
    /// Its file extension (`csv` or `xlsx`), kept with the copy in `private/`.
    pub inspectors_ext: &'a str,
    /// The draw plan (JSON).
    pub plan: &'a [u8],
    /// The registers' date.
    pub as_of: Date,
    /// The register keeper's salt for the public inspector view; a fresh one if absent.
    pub salt: Option<[u8; 32]>,
    /// The unit running the draw (the log's actor).
    pub unit: &'a str,
    /// The audit log's origin line.
    pub origin: &'a str,
    /// Where the unit keeps the log key (recorded, never copied).
    pub log_key_path: &'a str,
    /// The log key.
    pub log_key: SecretKey,
    /// The beacon chain.
    pub chain: Chain,
    /// Seconds between commitment and the earliest round.
    pub margin_seconds: i64,
    /// Witnesses (name, verifier key).
    pub witnesses: Vec<(String, String)>,
    /// How many must cosign.
    pub witness_quorum: u32,
    /// A rehearsal (the caller's clock is the rehearsal clock).
    pub rehearsal: bool,
    /// The draw's cryptographic suite.
    pub suite: shuangsuiji::Suite,
    /// draw/v3: seal the target register under a fresh view key; publish the sealed view
    /// and the inspector view without conflicts (docs/spec/privacy.md §13). Else draw/v2.
    pub sealed: bool,
}

/// What `case new` made, for the summary it prints.
#[derive(Debug, Clone)]
pub struct Created {
    /// The plan id.
    pub plan_id: String,
    /// Items, targets and inspectors.
    pub counts: (usize, usize, usize),
    /// Importers' notes (columns ignored, defaults applied).
    pub notes: Vec<String>,
}

/// The registers and list the case's later steps read back.
pub(crate) struct Inputs {
    pub items: ItemList,
    /// The full target register (under draw/v2 also the published view).
    pub targets: TargetRegister,
    /// The inspector view the draw reads and publishes (draw/v3: without conflicts).
    pub inspectors: PublicInspectorRegister,
    pub plan: DrawPlan,
    /// draw/v3: what the keeper holds beside the register.
    pub sealed: Option<Sealed>,
}

/// A draw/v3 case's sealed view (published) and the keeper's view key and declarations.
pub(crate) struct Sealed {
    pub view: SealedView,
    pub key: ViewKey,
    pub declared: PublicInspectorRegister,
    /// The sealed root and keeper-inputs digest the log last recorded (`case new`, or a
    /// re-draw's re-seal): what `public/` and `private/` must still be.
    pub logged: Option<(shuangsuiji::Digest32, String)>,
}

/// The start of the note of a draw/v3 case's register event (`case new`, a re-draw's
/// re-seal); the note ends with ` keeper-inputs <digest>`.
const SEALED_NOTE: &str = "检查对象名录库（封存视图 sealed view";
const KEEPER_INPUTS: &str = " keeper-inputs ";

/// The sealed root and keeper-inputs digest of the log's last draw/v3 register event.
fn logged_seal(store: &Store) -> Result<Option<(shuangsuiji::Digest32, String)>> {
    let file: shuangsuiji::audit::LogFile = store.read_json(layout::AUDIT)?;
    Ok(file
        .events
        .iter()
        .rev()
        .find(|e| e.kind == EventKind::RegisterChange && e.note.starts_with(SEALED_NOTE))
        .map(|e| {
            let digest = e.note.rsplit(KEEPER_INPUTS).next().unwrap_or_default();
            (e.subject, digest.to_string())
        }))
}

/// The note of a draw/v3 register event: `what`, the register date, the keeper-inputs
/// digest.
pub(crate) fn sealed_note(what: &str, as_of: Date, digest: shuangsuiji::Digest32) -> String {
    format!("{SEALED_NOTE}{what}） {as_of}{KEEPER_INPUTS}{digest}")
}

impl Inputs {
    pub(crate) fn load(store: &Store) -> Result<Inputs> {
        let case: crate::casefile::CaseFile = store.read_json(layout::CASE)?;
        let sealed = if case.sealed {
            Some(Sealed {
                view: store.read_json(layout::TARGETS_SEALED)?,
                key: ViewKey(crate::keys::read_key(&store.path(layout::VIEW_KEY))?),
                declared: store.read_json(layout::INSPECTORS_DECLARED)?,
                logged: logged_seal(store)?,
            })
        } else {
            None
        };
        Ok(Inputs {
            items: store.read_json(layout::ITEMS)?,
            targets: store.read_json(if case.sealed {
                layout::TARGETS_PRIVATE
            } else {
                layout::TARGETS_PUBLIC
            })?,
            inspectors: store.read_json(layout::INSPECTORS_PUBLIC)?,
            plan: store.read_json(layout::PLAN)?,
            sealed,
        })
    }

    /// The roots a commitment names: under draw/v3 the sealed view's for the targets.
    pub(crate) fn roots(&self, suite: Suite) -> Result<RegisterRoots> {
        Ok(RegisterRoots {
            item_list: self.items.hash_in(suite),
            targets: match &self.sealed {
                Some(s) => s
                    .view
                    .root_in(suite)
                    .map_err(|e| CaseError::Refused(format!("封存视图 the sealed view: {e}")))?,
                None => self.targets.root_in(suite),
            },
            inspectors: self.inspectors.root_in(suite),
        })
    }

    /// The commitment's algorithm for this case.
    pub(crate) fn algorithm(&self) -> &'static str {
        if self.sealed.is_some() {
            shuangsuiji::draw::ALGORITHM_V3
        } else {
            shuangsuiji::draw::ALGORITHM_V2
        }
    }

    /// What the public re-runs the draw against: the sealed view, else the register.
    pub(crate) fn public_targets(&self) -> &dyn TargetSource {
        match &self.sealed {
            Some(s) => &s.view,
            None => &self.targets,
        }
    }

    /// draw/v3: the keeper, checked against what was published and logged — the register
    /// sealed again under the view key must give the published sealed view's root, which
    /// must be the root the log's last register event recorded, and the declarations
    /// without their conflicts the published inspector view's. Checked before the
    /// commitment, before the draw and before a re-seal, so files changed in between stop
    /// the step with the logged and the present keeper-inputs digests.
    ///
    /// # Errors
    /// When `private/` or `public/` no longer match each other or the log.
    pub(crate) fn checked_keeper(&self, suite: Suite) -> Result<Option<SealedKeeper>> {
        let (Some(keeper), Some(s)) = (self.keeper(), &self.sealed) else {
            return Ok(None);
        };
        let root = |v: &SealedView| {
            v.root_in(suite)
                .map_err(|e| CaseError::Refused(format!("封存视图 the sealed view: {e}")))
        };
        let published = root(&s.view)?;
        let (logged_root, logged_digest) = match &s.logged {
            Some((r, d)) => (Some(*r), d.as_str()),
            None => (None, "—"),
        };
        if root(keeper.view())? != published
            || logged_root.is_some_and(|r| r != published)
            || s.declared.without_conflicts().root_in(suite) != self.inspectors.root_in(suite)
        {
            let present = keeper_inputs(suite, &self.targets, &s.key, &s.declared);
            return Err(CaseError::Refused(format!(
                "private/ 中的完整名录库、视图密钥或回避声明，或 public/ 中的视图，与审计日志最后一次记录的名录库事件不符；请恢复当时的文件（日志记录的保管方输入摘要 keeper inputs {logged_digest}，现有文件的摘要 {present}）· the full register, view key or declarations in private/, or the views in public/, no longer match the log's last register event; restore those files (logged keeper-inputs digest {logged_digest}, present files' {present})"
            )));
        }
        Ok(Some(keeper))
    }

    /// draw/v3: the keeper (the register sealed again under the view key, with the
    /// declarations); the draw is made from it.
    pub(crate) fn keeper(&self) -> Option<SealedKeeper> {
        self.sealed.as_ref().map(|s| {
            SealedKeeper::new(
                self.targets.clone(),
                Recusals::of_public(&s.declared),
                ViewKey(s.key.0),
            )
        })
    }
}

/// draw/v3: one digest of the keeper's private inputs (the full register's root, the view
/// key's hash, the declared inspector view's root), logged when the case is made: an
/// auditor given `private/` later checks it holds the files the draw was committed over,
/// and a draw stopped because they changed is attributable.
pub fn keeper_inputs(
    suite: Suite,
    register: &TargetRegister,
    key: &ViewKey,
    declared: &PublicInspectorRegister,
) -> shuangsuiji::Digest32 {
    let key_hash = suite.tagged_hash("shuangsuiji/v3/view-key", &[&key.0]);
    suite.tagged_hash(
        "shuangsuiji/v3/keeper-inputs",
        &[
            &register.root_in(suite).0,
            &key_hash.0,
            &declared.root_in(suite).0,
        ],
    )
}

fn prefixed<T: std::fmt::Display>(what: &str, ps: &[T]) -> Vec<String> {
    ps.iter().map(|p| format!("{what}: {p}")).collect()
}

/// A draw under a throwaway participant and seed, thrown away: the census, caps, the 100 %
/// list and the teams meet the registers before anyone commits. Its outcome means nothing
/// (the real seed does not exist yet); only whether it can run does.
fn rehearse(
    inp: &Inputs,
    keeper: Option<&SealedKeeper>,
    suite: Suite,
    now: i64,
) -> std::result::Result<(), String> {
    // Two throwaway participants: a commitment needs at least two (spec: no single party
    // fixes the seed). Keys of the case's suite, so that its rules are rehearsed too.
    let key = |i: u8| suite.secret_key(&[i; 32]).map_err(|e| e.to_string());
    let people: Vec<(&str, SecretKey, [u8; 32])> = (1u8..=2)
        .map(|i| {
            let id = if i == 1 { "rehearsal-1" } else { "rehearsal-2" };
            Ok((id, key(i)?, [i.wrapping_add(100); 32]))
        })
        .collect::<std::result::Result<_, String>>()?;
    let mut c = Commitment::v2(
        inp.plan.clone(),
        inp.roots(suite).map_err(|e| e.to_string())?,
        inp.targets.as_of(),
        people
            .iter()
            .map(|(id, key, secret)| Participant {
                id: (*id).into(),
                role: "rehearsal".into(),
                commitment: commit_secret_in(suite, id, secret),
                public_key: Some(key.public_key_hex()),
                distid: None,
            })
            .collect(),
        vec![Signatory {
            name: "rehearsal".into(),
            public_key: key(3)?.public_key_hex(),
            distid: None,
        }],
        BeaconChoice::Offline,
        now,
    );
    c.suite = suite;
    c.algorithm = inp.algorithm().into();
    let mut signed = SignedCommitment::new(c).map_err(|e| e.to_string())?;
    for (id, key, _) in &people {
        signed.sign_as_participant(id, key);
    }
    let reveals: Vec<_> = people
        .iter()
        .map(|(id, key, secret)| shuangsuiji::draw::signed_reveal(id, key, &signed.hash, secret))
        .collect();
    draw(DrawInputs {
        commitment: &signed,
        item_list: &inp.items,
        targets: match keeper {
            Some(k) => k,
            None => &inp.targets,
        },
        inspectors: &inp.inspectors,
        reveals: &reveals,
        beacon: None,
        published: &[],
    })
    .map(|_| ())
    .map_err(|e| format!("[{}] {e}", shuangsuiji::Explain::kind(&e)))
}

/// Checks the inputs as a draw would, every problem at once; nothing is written on error.
/// Under draw/v3 (`view_key`) the register is sealed once here, with the conflicts the
/// inspector register declares, and the rehearsal draws from that keeper.
fn check(
    n: &NewCase<'_>,
    salt: &[u8; 32],
    view_key: Option<&[u8; 32]>,
    now: i64,
) -> Result<(Inputs, Vec<String>)> {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let items = match import::items_with_notes(n.items, n.items_version) {
        Ok((l, ns)) => {
            notes.extend(prefixed("抽查事项清单 items", &ns));
            Some(l)
        }
        Err(e) => {
            problems.extend(prefixed("抽查事项清单 items", &e.problems));
            None
        }
    };
    let targets = import::targets(n.targets, n.as_of)
        .map_err(|e| problems.extend(prefixed("检查对象名录库 targets", &e.problems)))
        .ok();
    let inspectors = import::inspectors(n.inspectors, n.as_of)
        .map_err(|e| problems.extend(prefixed("执法检查人员名录库 inspectors", &e.problems)))
        .ok();
    let plan: Option<DrawPlan> = serde_json::from_slice(n.plan)
        .map_err(|e| problems.push(format!("抽查计划 plan: {e}")))
        .ok();
    if let (Some(items), Some(targets), Some(inspectors), Some(plan)) =
        (items, targets, inspectors, plan)
    {
        let declared = inspectors.public_view(salt);
        let (inspectors, keeper) = match view_key {
            Some(k) => {
                let recusals = Recusals::of_public(&declared);
                let unknown = recusals.unknown_targets(&targets);
                problems.extend(unknown.iter().map(|t| {
                    format!("执法检查人员名录库 inspectors: 回避对象 {t} 不在检查对象名录库中 · a declared conflict names target {t}, not in the target register")
                }));
                let keeper = SealedKeeper::new(targets.clone(), recusals, ViewKey(*k));
                (declared.without_conflicts(), Some((keeper, declared)))
            }
            None => (declared, None),
        };
        let inp = Inputs {
            items,
            targets,
            inspectors,
            plan,
            sealed: keeper.as_ref().map(|(k, declared)| Sealed {
                view: k.view().clone(),
                key: ViewKey(k.key().0),
                declared: declared.clone(),
                logged: None,
            }),
        };
        let mut plan_problems = Vec::new();
        if let Err(e) = inp.plan.check(&inp.items) {
            plan_problems.extend(e.problems);
        }
        if let Err(e) = shuangsuiji::draw::check_scope(&inp.plan, &inp.items, &inp.inspectors) {
            plan_problems.extend(e.problems);
        }
        if let Err(e) = inp.plan.check_against(inp.targets.as_of(), &inp.inspectors) {
            plan_problems.extend(e.problems);
        }
        plan_problems.dedup();
        problems.extend(prefixed("抽查计划 plan", &plan_problems));
        if plan_problems.is_empty() {
            if let Err(e) = rehearse(&inp, keeper.as_ref().map(|(k, _)| k), n.suite, now) {
                problems.push(format!("试抽 rehearsal draw: {e}"));
            }
        }
        if problems.is_empty() {
            return Ok((inp, notes));
        }
    }
    Err(CaseError::invalid(
        "抽查任务的输入",
        "the case's inputs",
        problems,
    ))
}

pub(crate) fn random_salt() -> Result<[u8; 32]> {
    use rand_core::TryRngCore as _;
    let mut b = [0u8; 32];
    rand_core::OsRng.try_fill_bytes(&mut b).map_err(|e| {
        CaseError::Refused(format!(
            "系统随机数不可用 · the OS random generator failed: {e}"
        ))
    })?;
    Ok(b)
}

/// Makes the case: checks every input, then writes them, the public views and the audit
/// log's first events (item list, registers, plan) under a signed checkpoint.
///
/// # Errors
/// [`CaseError::Invalid`] listing every problem; nothing is written then.
pub fn create(dir: &Path, n: NewCase<'_>, now: i64) -> Result<Created> {
    if !n.witnesses.is_empty() && n.witness_quorum == 0 {
        return Err(CaseError::Refused(
            "见证人法定数至少为 1 · the witness quorum is at least 1 when witnesses are named"
                .into(),
        ));
    }
    if n.margin_seconds < 0 || n.chain.period_seconds == 0 {
        return Err(CaseError::Refused(
            "余量不能为负，信标周期须大于 0 · the margin cannot be negative and the chain period must be positive".into(),
        ));
    }
    if n.witness_quorum as usize > n.witnesses.len() {
        return Err(CaseError::Refused(format!(
            "见证人法定数 {} 大于见证人数 {} · the witness quorum {} exceeds the {} witness(es) named",
            n.witness_quorum,
            n.witnesses.len(),
            n.witness_quorum,
            n.witnesses.len()
        )));
    }
    let salt = match n.salt {
        Some(s) => s,
        None => random_salt()?,
    };
    let view_key = if n.sealed { Some(random_salt()?) } else { None };
    let (inp, notes) = check(&n, &salt, view_key.as_ref(), now)?;
    let roots = inp.roots(n.suite)?;
    let store = Store::create(dir)?;
    let mut txn = Txn::default();
    let mut trail = Trail::new(n.origin, n.log_key.clone());
    trail.record(
        EventKind::ItemListVersion,
        n.unit,
        now,
        inp.items.hash_in(n.suite),
        inp.items.version(),
    );
    trail.record(
        EventKind::RegisterChange,
        n.unit,
        now,
        roots.targets,
        &match &inp.sealed {
            Some(s) => sealed_note(
                "",
                inp.targets.as_of(),
                keeper_inputs(n.suite, &inp.targets, &s.key, &s.declared),
            ),
            None => format!("检查对象名录库 {}", inp.targets.as_of()),
        },
    );
    trail.record(
        EventKind::RegisterChange,
        n.unit,
        now,
        roots.inspectors,
        &format!("执法检查人员名录库 {}", inp.inspectors.as_of()),
    );
    let plan_hash = n.suite.tagged_hash(
        "shuangsuiji/v1/plan",
        &[&canonical_json(&inp.plan).map_err(|e| CaseError::Refused(e.to_string()))?],
    );
    trail.record(EventKind::Plan, n.unit, now, plan_hash, &inp.plan.id);
    trail.checkpoint()?;
    let case = CaseFile {
        format: CASE_FORMAT.into(),
        plan_id: inp.plan.id.clone(),
        unit: n.unit.into(),
        created_at: now,
        origin: n.origin.into(),
        log_key: n.log_key_path.into(),
        log_verifier_key: trail.verifier_key().into(),
        chain: n.chain,
        margin_seconds: n.margin_seconds,
        witnesses: n
            .witnesses
            .into_iter()
            .map(|(name, verifier_key)| CaseWitness {
                name,
                verifier_key,
                cosigned_size: 0,
            })
            .collect(),
        witness_quorum: n.witness_quorum,
        pending: None,
        rehearsal: n.rehearsal,
        supersedes: None,
        redraws: 0,
        suite: n.suite,
        sealed: inp.sealed.is_some(),
    };
    txn.put_json(layout::ITEMS, &inp.items)?;
    txn.put(layout::PLAN, n.plan.to_vec());
    txn.put_private(
        &format!("{}.{}", layout::INSPECTORS_PRIVATE, n.inspectors_ext),
        n.inspectors.to_vec(),
    );
    txn.put_private(layout::SALT, hex::encode(salt).into_bytes());
    match (&inp.sealed, view_key) {
        (Some(s), Some(k)) => {
            // Published: the sealed view and the inspector view without conflicts. Kept in
            // private/ (0600): the full register, the view key, the declarations.
            txn.put_json(layout::TARGETS_SEALED, &s.view)?;
            txn.put_private(layout::TARGETS_PRIVATE, to_json(&inp.targets)?);
            txn.put_private(layout::VIEW_KEY, hex::encode(k).into_bytes());
            txn.put_private(layout::INSPECTORS_DECLARED, to_json(&s.declared)?);
        }
        _ => txn.put_json(layout::TARGETS_PUBLIC, &inp.targets)?,
    }
    txn.put_json(layout::INSPECTORS_PUBLIC, &inp.inspectors)?;
    trail.put(&mut txn)?;
    // The case file last: a case exists once everything it names does.
    txn.put_json(layout::CASE, &case)?;
    store.commit(txn)?;
    Ok(Created {
        plan_id: case.plan_id,
        counts: (
            inp.items.items().len(),
            inp.targets.targets().len(),
            inp.inspectors.inspectors().len(),
        ),
        notes,
    })
}

/// The checks `case new` runs — imports, the plan against the list and the registers, a
/// rehearsal draw — without making a case (`plan check`): every problem at once.
///
/// # Errors
/// [`CaseError::Invalid`] listing every problem.
#[allow(clippy::too_many_arguments)]
pub fn check_inputs(
    items: &[u8],
    items_version: &str,
    targets: &[u8],
    inspectors: &[u8],
    plan: &[u8],
    as_of: Date,
    now: i64,
    sealed: bool,
) -> Result<Created> {
    let n = NewCase {
        items,
        items_version,
        targets,
        inspectors,
        inspectors_ext: "csv",
        plan,
        as_of,
        salt: None,
        unit: "",
        origin: "",
        log_key_path: "",
        log_key: SecretKey::Ed25519(SigningKey::from_bytes(&[0u8; 32])),
        chain: Chain::quicknet(),
        margin_seconds: 0,
        witnesses: Vec::new(),
        witness_quorum: 0,
        rehearsal: false,
        sealed,
        // The suite the plan's annual plan is under: a draw of its task is under the same.
        suite: serde_json::from_slice::<DrawPlan>(plan)
            .ok()
            .and_then(|p| p.annual_task.map(|r| r.annual_plan.plan.suite))
            .unwrap_or_default(),
    };
    // Under draw/v3 the rehearsal seals the register under a throwaway view key, as
    // `case new` does under its own.
    let view_key = if sealed { Some(random_salt()?) } else { None };
    let (inp, notes) = check(&n, &random_salt()?, view_key.as_ref(), now)?;
    Ok(Created {
        plan_id: inp.plan.id.clone(),
        counts: (
            inp.items.items().len(),
            inp.targets.targets().len(),
            inp.inspectors.inspectors().len(),
        ),
        notes,
    })
}
