//! The annual plan (年度抽查计划, draw/v2, docs/plans.md §4, docs/spec/draw-v2.md §13).
//!
//! 国办发〔2019〕5号 and the seed's provincial rules: 县级以上地方人民政府…统筹制定本辖区年度
//! 抽查工作计划，明确抽查任务和参与部门; 科学确定部门联合抽查的事项和发起、参与部门. So a draw is
//! one of the year's published tasks, not a department's choice on the day: a draw/v2 plan
//! carries the signed annual plan and names its task, so the commitment pins both and
//! anyone re-running the record checks the task against the signed document.

use crate::draw::error::PlanError;
use crate::draw::plan::DrawPlan;
use crate::draw::protocol::Signatory;
use crate::encoding::canonical::{canonical_json, Digest32};
use crate::encoding::sign::{sign_hash, verify_entry, SignatureEntry};
use crate::registers::fields::dates::iso;
use crate::registers::fields::ids::check_id;
use crate::registers::fields::ratio::BasisPoints;
use crate::registers::item::{Category, ItemList};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use time::Date;

/// Context for signatures on an annual plan: never valid as a commitment or record signature.
pub const ANNUAL_PLAN_CONTEXT: &[u8] = b"shuangsuiji/v2/sign/annual-plan";

/// One task of the year (抽查任务): which items, which departments, when, at what ratio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualTask {
    /// Task id, unique in the annual plan.
    pub id: String,
    /// Title, e.g. "娱乐场所治安监督检查".
    pub title: String,
    /// Items of the published list inspected under the task.
    pub items: Vec<String>,
    /// 发起部门.
    pub initiator: String,
    /// 参与部门 of a joint task (the initiator not repeated).
    #[serde(default)]
    pub participants: Vec<String>,
    /// First day draws of the task may inspect.
    #[serde(with = "iso")]
    pub from: Date,
    /// Last day.
    #[serde(with = "iso")]
    pub to: Date,
    /// The task's ratio: no draw of the task selects more than ⌈ratio × population⌉.
    pub ratio: BasisPoints,
    /// Targets drawn under this task may be joined by another joinable task's department
    /// in one visit (进一次门、查多项事) instead of being left out.
    #[serde(default)]
    pub joinable: bool,
}

impl AnnualTask {
    /// The departments that may send a team under the task.
    pub fn departments(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.initiator.as_str()).chain(self.participants.iter().map(String::as_str))
    }
}

/// 年度抽查计划.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualPlan {
    /// Plan id.
    pub id: String,
    /// The calendar year.
    pub year: i32,
    /// Who issues it, e.g. "洛阳市人民政府".
    pub issuer: String,
    /// The item list's version the tasks refer to.
    pub item_list: String,
    /// Tasks.
    pub tasks: Vec<AnnualTask>,
    /// Who signs it (its keys sign the hash).
    pub signatories: Vec<Signatory>,
    /// The cryptographic suite of its hash and signatures (docs/spec/suites.md); absent
    /// means `ed25519-sha256`, which is never written. A draw refers only to an annual
    /// plan under its own suite.
    #[serde(default, skip_serializing_if = "crate::encoding::Suite::is_default")]
    pub suite: crate::encoding::Suite,
}

/// What a draw plan carries of its annual-plan task: the signed annual plan itself and the
/// task's id. The annual plan is small (a year's tasks), and carrying it whole lets anyone
/// holding the record check the task against the signed document, with nothing else to
/// fetch; whether its signatories are the government's is the trust file's question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualTaskRef {
    /// The signed annual plan.
    pub annual_plan: SignedAnnualPlan,
    /// The task's id in it.
    pub task: String,
}

impl AnnualTaskRef {
    /// The task, when the annual plan has it.
    pub fn task(&self) -> Option<&AnnualTask> {
        self.annual_plan
            .plan
            .tasks
            .iter()
            .find(|t| t.id == self.task)
    }
}

impl AnnualPlan {
    /// `tagged_hash("shuangsuiji/v2/annual-plan", JCS(plan))` under the plan's suite.
    ///
    /// # Errors
    /// Only if canonical encoding fails.
    pub fn hash(&self) -> Result<Digest32, serde_json::Error> {
        Ok(self
            .suite
            .tagged_hash("shuangsuiji/v2/annual-plan", &[&canonical_json(self)?]))
    }

    /// Checks the annual plan against the item list; every problem at once.
    ///
    /// # Errors
    /// [`PlanError`] listing each problem.
    pub fn check(&self, items: &ItemList) -> Result<(), PlanError> {
        let mut p = Vec::new();
        if let Err(e) = check_id(&self.id) {
            p.push(format!("id: annual plan id {e}"));
        }
        if self.item_list != items.version() {
            p.push(format!(
                "item_list: the annual plan refers to item list {}, the list given is {}",
                self.item_list,
                items.version()
            ));
        }
        if self.issuer.trim().is_empty() {
            p.push("issuer: empty".into());
        }
        if self.signatories.is_empty() {
            p.push("signatories: an annual plan is signed by whoever issues it".into());
        }
        for s in &self.signatories {
            if let Some(why) = s
                .distid
                .as_deref()
                .and_then(|d| self.suite.distid_problem(d))
            {
                p.push(format!("signatories.{}.distid: {why}", s.name));
            }
        }
        let mut ids = BTreeSet::new();
        for t in &self.tasks {
            if !ids.insert(t.id.as_str()) {
                p.push(format!("tasks.{}: the id appears more than once", t.id));
            }
            p.extend(task_problems(self.year, t, items));
        }
        if self.tasks.is_empty() {
            p.push("tasks: an annual plan has at least one task".into());
        }
        if p.is_empty() {
            Ok(())
        } else {
            Err(PlanError { problems: p })
        }
    }
}

fn task_problems(year: i32, t: &AnnualTask, items: &ItemList) -> Vec<String> {
    let at = format!("tasks.{}", t.id);
    let mut p = Vec::new();
    if let Err(e) = check_id(&t.id) {
        p.push(format!("{at}.id: task id {e}"));
    }
    if t.items.is_empty() {
        p.push(format!("{at}.items: a task inspects at least one item"));
    }
    if t.from > t.to {
        p.push(format!("{at}: from {} lies after to {}", t.from, t.to));
    }
    for (f, d) in [("from", t.from), ("to", t.to)] {
        if d.year() != year {
            p.push(format!("{at}.{f}: {d} lies outside the plan's year {year}"));
        }
    }
    if !t.ratio.is_valid_ratio() {
        p.push(format!(
            "{at}.ratio: {} bp is outside (0, 10000]",
            t.ratio.0
        ));
    }
    let depts: BTreeSet<&str> = t.departments().collect();
    if depts.len() != 1 + t.participants.len() {
        p.push(format!("{at}.participants: a department is named twice"));
    }
    let mut owners = BTreeSet::new();
    for id in &t.items {
        let Some(item) = items.get(id) else {
            p.push(format!(
                "{at}.items: {id} is not in item list {}",
                items.version()
            ));
            continue;
        };
        owners.insert(item.department.as_str());
        if !depts.contains(item.department.as_str()) {
            p.push(format!(
                "{at}.items.{id}: its department {} is neither the initiator nor a participant",
                item.department
            ));
        }
        if item.category == Category::General {
            if let Some(cap) = item.ratio_cap().filter(|c| t.ratio > *c) {
                p.push(format!(
                    "{at}.ratio: {} exceeds the cap {cap} of general item {id}",
                    t.ratio
                ));
            }
        }
    }
    for d in depts.iter().filter(|d| !owners.contains(**d)) {
        p.push(format!(
            "{at}: department {d} has no item of its own in the task (法律、法规、规章没有规定的，一律不得擅自开展检查)"
        ));
    }
    p
}

/// A draw/v2 plan inside its annual-plan task: its items are the task's, its teams the
/// task's departments, its inspection date in the task's period. The task's ratio bounds
/// the whole draw ([`crate::draw::cap`]).
pub(crate) fn check_plan_in_task(plan: &DrawPlan, items: &ItemList) -> Vec<String> {
    let Some(r) = &plan.annual_task else {
        return Vec::new();
    };
    let mut p: Vec<String> = match r.annual_plan.check(items) {
        Ok(()) => Vec::new(),
        Err(e) => e
            .problems
            .into_iter()
            .map(|x| format!("annual_task.annual_plan: {x}"))
            .collect(),
    };
    let Some(t) = r.task() else {
        p.push(format!(
            "annual_task.task: no task {} in annual plan {}",
            r.task, r.annual_plan.plan.id
        ));
        return p;
    };
    for id in plan.items.iter().filter(|i| !t.items.contains(i)) {
        p.push(format!(
            "items: {id} is not an item of annual task {} ({})",
            t.id,
            t.items.join(", ")
        ));
    }
    let depts: BTreeSet<&str> = t.departments().collect();
    for d in plan
        .team
        .departments
        .iter()
        .filter(|d| !depts.contains(d.department.as_str()))
    {
        p.push(format!(
            "team.departments.{}: not a department of annual task {}",
            d.department, t.id
        ));
    }
    if plan.inspection_date < t.from || plan.inspection_date > t.to {
        p.push(format!(
            "inspection_date: {} lies outside annual task {}'s period {} – {}",
            plan.inspection_date, t.id, t.from, t.to
        ));
    }
    // A task ratio above a general item's cap is refused by the annual plan's own check
    // above (its tasks' items include the plan's).
    if r.annual_plan.plan.year != plan.inspection_date.year() {
        p.push(format!(
            "annual_task: annual plan {} is for {}, not the inspection year {}",
            r.annual_plan.plan.id,
            r.annual_plan.plan.year,
            plan.inspection_date.year()
        ));
    }
    p
}

/// An annual plan with its hash and the signatories' signatures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedAnnualPlan {
    /// The plan.
    pub plan: AnnualPlan,
    /// Its hash.
    pub hash: Digest32,
    /// Signatures on the hash.
    pub signatures: Vec<SignatureEntry>,
}

impl SignedAnnualPlan {
    /// Wraps a plan with its hash and no signature yet.
    ///
    /// # Errors
    /// Only if canonical encoding fails.
    pub fn new(plan: AnnualPlan) -> Result<Self, serde_json::Error> {
        let hash = plan.hash()?;
        Ok(SignedAnnualPlan {
            plan,
            hash,
            signatures: Vec::new(),
        })
    }

    /// Adds one signatory's signature.
    pub fn sign(&mut self, signer: &str, key: &dyn crate::encoding::SuiteSigner) {
        self.signatures
            .push(sign_hash(signer, key, ANNUAL_PLAN_CONTEXT, &self.hash));
    }

    /// Checks the hash, that every listed signatory signed (once) and nobody else did, and
    /// the plan against the item list.
    ///
    /// # Errors
    /// [`PlanError`] listing each problem.
    pub fn check(&self, items: &ItemList) -> Result<(), PlanError> {
        let mut p = Vec::new();
        match self.plan.hash() {
            Ok(h) if h == self.hash => {}
            Ok(h) => p.push(format!(
                "hash: {} is given, the plan hashes to {h}",
                self.hash
            )),
            Err(e) => p.push(format!("hash: {e}")),
        }
        // Bounded and linear, as the commitment's signers: a hostile plan must not make a
        // verifier run an unbounded number of (SM2: slow) signature checks.
        let limit = crate::draw::MAX_SIGNERS;
        if self.plan.signatories.len() > limit || self.signatures.len() > limit {
            p.push(format!(
                "signatories: {} listed and {} signatures, at most {limit} each",
                self.plan.signatories.len(),
                self.signatures.len()
            ));
            return Err(PlanError { problems: p });
        }
        let mut by_name: std::collections::BTreeMap<&str, Vec<&SignatureEntry>> =
            std::collections::BTreeMap::new();
        for e in &self.signatures {
            by_name.entry(e.signer.as_str()).or_default().push(e);
        }
        for s in &self.plan.signatories {
            let mine: &[&SignatureEntry] = by_name.get(s.name.as_str()).map_or(&[], Vec::as_slice);
            match mine {
                [] => p.push(format!("signatures: {} has not signed", s.name)),
                [e] => {
                    if let Err(err) = verify_entry(
                        self.plan.suite,
                        e,
                        &s.public_key,
                        s.distid.as_deref(),
                        ANNUAL_PLAN_CONTEXT,
                        &self.hash,
                    ) {
                        p.push(format!("signatures.{}: {err}", s.name));
                    }
                }
                _ => p.push(format!("signatures: {} signed more than once", s.name)),
            }
        }
        for e in &self.signatures {
            if !self.plan.signatories.iter().any(|s| s.name == e.signer) {
                p.push(format!("signatures: {} is not a signatory", e.signer));
            }
        }
        if let Err(e) = self.plan.check(items) {
            p.extend(e.problems);
        }
        if p.is_empty() {
            Ok(())
        } else {
            Err(PlanError { problems: p })
        }
    }

    /// The reference a draw plan carries for task `id`.
    ///
    /// # Errors
    /// [`PlanError`] when the annual plan has no such task.
    pub fn task_ref(&self, id: &str) -> Result<AnnualTaskRef, PlanError> {
        let r = AnnualTaskRef {
            annual_plan: self.clone(),
            task: id.to_string(),
        };
        match r.task() {
            Some(_) => Ok(r),
            None => Err(PlanError {
                problems: vec![format!(
                    "annual_task: no task {id} in annual plan {}",
                    self.plan.id
                )],
            }),
        }
    }
}
