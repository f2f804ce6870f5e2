//! Target selection by hash-and-sort tickets (spec §5.1).
//!
//! Each eligible target gets `ticket = SHA-256(T || subseed(stratum) || u32(len id) || id)`
//! with `T` the 32-byte tag below; the lowest tickets of a stratum win. One hash per
//! target, O(k) memory, and a target's chance never depends on the order or spelling of
//! the others — the register can be streamed twice (census, then selection) from a file.

use crate::draw::error::DrawError;
use crate::draw::exclude::Excluder;
use crate::draw::plan::{DrawPlan, Rounding};
use crate::draw::protocol::subseed_in;
use crate::encoding::canonical::Digest32;
use crate::encoding::{Hasher, Suite};
use crate::registers::fields::FieldError;
use crate::registers::target::{Target, TargetStatus};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

/// `"shuangsuiji/v1/ticket"` zero-padded to 32 bytes, so that `T || subseed` fills exactly
/// one SHA-256 block and each ticket costs one block more.
pub(crate) const TICKET_TAG: [u8; 32] = *b"shuangsuiji/v1/ticket\0\0\0\0\0\0\0\0\0\0\0";

/// A target and its ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ticketed {
    /// Target id.
    pub target: String,
    /// Its ticket; lower wins.
    pub ticket: Digest32,
}

/// Why an eligible target was left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum ExclusionReason {
    /// Inspected for one of the plan's items within the plan's window.
    InspectedRecently {
        /// The item.
        item: String,
        /// The last inspection.
        #[serde(with = "crate::registers::fields::dates::iso")]
        date: time::Date,
    },
    /// Already drawn this cycle (draw/v1's hand-typed list).
    #[serde(deserialize_with = "crate::encoding::canonical::no_members")]
    AlreadyDrawn,
    /// draw/v2: drawn by a department of this plan in an earlier draw within the window.
    DrawnBefore {
        /// The earlier record's hash.
        record: Digest32,
    },
    /// draw/v2: drawn by another department within the window (防止检查过多和执法扰民).
    DrawnElsewhere {
        /// The earlier record's hash.
        record: Digest32,
    },
    /// draw/v2: drawn by another department under a joinable task of the same annual
    /// plan: this plan's items are inspected in that visit (进一次门、查多项事).
    JointVisit {
        /// The earlier record's hash.
        record: Digest32,
    },
    /// draw/v2: inspected under the item more recently than its 抽查频次 tier allows.
    NotDue {
        /// The item.
        item: String,
        /// The last inspection.
        #[serde(with = "crate::registers::fields::dates::iso")]
        date: time::Date,
        /// The tier's least interval, in days.
        days: u32,
    },
}

/// An excluded target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ExclusionWire")]
pub struct Exclusion {
    /// Target id.
    pub target: String,
    /// Why.
    #[serde(flatten)]
    pub reason: ExclusionReason,
}

/// An exclusion as written (`{"target","reason"[,"item","date"]}`), read member by member:
/// serde cannot refuse unknown members next to `flatten`, and a record must not verify
/// with a member its format does not define.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExclusionWire {
    target: String,
    reason: String,
    // Present or absent, never `null`: a member with no value is not in the format.
    #[serde(default, deserialize_with = "present_string")]
    item: Option<String>,
    #[serde(default, deserialize_with = "present_date")]
    date: Option<time::Date>,
    #[serde(default, deserialize_with = "present_digest")]
    record: Option<Digest32>,
    #[serde(default, deserialize_with = "present_u32")]
    days: Option<u32>,
}

fn present_digest<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Digest32>, D::Error> {
    Digest32::deserialize(d).map(Some)
}

fn present_u32<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    u32::deserialize(d).map(Some)
}

fn present_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    String::deserialize(d).map(Some)
}

fn present_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<time::Date>, D::Error> {
    crate::registers::fields::dates::iso::deserialize(d).map(Some)
}

impl TryFrom<ExclusionWire> for Exclusion {
    type Error = String;
    fn try_from(w: ExclusionWire) -> Result<Self, String> {
        let reason = match (w.reason.as_str(), w.item, w.date, w.record, w.days) {
            ("inspected_recently", Some(item), Some(date), None, None) => {
                ExclusionReason::InspectedRecently { item, date }
            }
            ("inspected_recently", ..) => {
                return Err("inspected_recently has exactly `item` and `date`".into())
            }
            ("already_drawn", None, None, None, None) => ExclusionReason::AlreadyDrawn,
            ("already_drawn", ..) => return Err("already_drawn has no other member".into()),
            ("drawn_before", None, None, Some(record), None) => {
                ExclusionReason::DrawnBefore { record }
            }
            ("drawn_elsewhere", None, None, Some(record), None) => {
                ExclusionReason::DrawnElsewhere { record }
            }
            ("joint_visit", None, None, Some(record), None) => {
                ExclusionReason::JointVisit { record }
            }
            ("drawn_before" | "drawn_elsewhere" | "joint_visit", ..) => {
                return Err(format!("{} has exactly `record`", w.reason))
            }
            ("not_due", Some(item), Some(date), None, Some(days)) => {
                ExclusionReason::NotDue { item, date, days }
            }
            ("not_due", ..) => return Err("not_due has exactly `item`, `date` and `days`".into()),
            (other, ..) => return Err(format!("unknown exclusion reason {other:?}")),
        };
        Ok(Exclusion {
            target: w.target,
            reason,
        })
    }
}

/// One stratum's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StratumDraw {
    /// Stratum key.
    pub key: String,
    /// Eligible targets (after filter and exclusions, without the 100 % list).
    pub population: u64,
    /// The ratio applied.
    pub ratio: crate::registers::fields::ratio::BasisPoints,
    /// `min(population, max(min, round(population × ratio)))`.
    pub quota: u64,
    /// The `quota` lowest tickets, ascending.
    pub selected: Vec<Ticketed>,
    /// The next lowest tickets: replacements in this order (备选).
    pub alternates: Vec<Ticketed>,
}

/// What a census pass finds: per-stratum populations, exclusions, and the 100 % list.
#[derive(Debug, Clone, Default)]
pub struct Census {
    populations: BTreeMap<String, u64>,
    exclusions: Vec<Exclusion>,
    must_include: BTreeMap<String, Target>,
    last_id: Option<String>,
    excluder: Option<Excluder>,
    /// draw/v2: the item list, for 抽查频次 (`None`: draw/v1 rules).
    frequencies_from: Option<crate::registers::item::ItemList>,
    /// Targets whose frequency tier matters and cannot be told, per item.
    unknown_tiers: BTreeMap<String, u64>,
    must: Option<BTreeSet<String>>,
    must_problem: Option<DrawError>,
    coverage: crate::draw::coverage::Coverage,
    /// draw/v3: the classes are sealed, so the stratifying attribute's coverage is the
    /// class proof's (`unknown` has no eligible member), not the census's.
    sealed: bool,
}

fn check_order(last: &mut Option<String>, id: &str) -> Result<(), DrawError> {
    if let Some(prev) = last.as_deref() {
        if prev.as_bytes() >= id.as_bytes() {
            return Err(DrawError::Unsorted {
                previous: prev.to_string(),
                id: id.to_string(),
            });
        }
    }
    *last = Some(id.to_string());
    Ok(())
}

impl Census {
    /// First pass over the register, in id order.
    ///
    /// # Errors
    /// [`DrawError::Unsorted`] when ids are not strictly increasing;
    /// [`DrawError::MustInclude`] for an entry of the 100 % list that is missing or inactive.
    pub fn take<'a>(
        plan: &DrawPlan,
        targets: impl IntoIterator<Item = &'a Target>,
    ) -> Result<Census, DrawError> {
        Census::default().fill(plan, targets)
    }

    fn fill<'a>(
        mut self,
        plan: &DrawPlan,
        targets: impl IntoIterator<Item = &'a Target>,
    ) -> Result<Census, DrawError> {
        for t in targets {
            self.add(plan, t)?;
        }
        self.finish(plan)
    }

    /// Counts one target (the census is built incrementally when the register is
    /// streamed). A 100 % list problem is kept for [`Census::finish`], so that a register
    /// that is not the committed one is reported as such first.
    ///
    /// # Errors
    /// [`DrawError::Unsorted`].
    pub fn add(&mut self, plan: &DrawPlan, t: &Target) -> Result<(), DrawError> {
        check_order(&mut self.last_id, &t.id)?;
        let must = self
            .must
            .get_or_insert_with(|| plan.must_include.iter().cloned().collect());
        let on_list = must.contains(&t.id);
        self.coverage
            .add(plan, t, on_list || plan.filter.admits(t), self.sealed);
        if on_list {
            if t.status != TargetStatus::Active && self.must_problem.is_none() {
                self.must_problem = Some(DrawError::MustInclude {
                    target: t.id.clone(),
                    reason: format!("is not active ({:?})", t.status),
                });
            }
            self.must_include.insert(t.id.clone(), t.clone());
            return Ok(());
        }
        if !plan.filter.admits(t) {
            return Ok(());
        }
        let items = self.frequencies_from.as_ref();
        let ex = self
            .excluder
            .get_or_insert_with(|| Excluder::new(plan, items));
        match ex.reason(plan, t) {
            Ok(Some(reason)) => {
                self.exclusions.push(Exclusion {
                    target: t.id.clone(),
                    reason,
                });
                return Ok(());
            }
            Ok(None) => {}
            Err(u) => {
                *self.unknown_tiers.entry(u.item).or_default() += 1;
                return Ok(());
            }
        }
        *self
            .populations
            .entry(plan.stratify_by.key_of(t).to_string())
            .or_default() += 1;
        Ok(())
    }

    /// [`Census::take`] under draw/v2 rules (the items' 抽查频次 enforced): what the draw
    /// will find, for a department checking its plan before it commits.
    ///
    /// # Errors
    /// As [`Census::take`], and [`DrawError::Plan`] where a frequency tier is unknown.
    pub fn take_v2<'a>(
        plan: &DrawPlan,
        items: &crate::registers::item::ItemList,
        targets: impl IntoIterator<Item = &'a Target>,
    ) -> Result<Census, DrawError> {
        Census::v2(items).fill(plan, targets)
    }

    /// A census under draw/v2 rules: the items' 抽查频次 is enforced.
    pub fn v2(items: &crate::registers::item::ItemList) -> Census {
        Census {
            frequencies_from: Some(items.clone()),
            ..Census::default()
        }
    }

    /// A census under draw/v3 rules: draw/v2's, over targets whose classes are sealed.
    pub(crate) fn v3(items: &crate::registers::item::ItemList) -> Census {
        Census {
            sealed: true,
            ..Census::v2(items)
        }
    }

    /// [`Census::take_v2`] under draw/v3 rules: the stratifying class's coverage is left
    /// to the class proof, which reads eligible targets only.
    ///
    /// # Errors
    /// As [`Census::take_v2`].
    pub(crate) fn take_v3<'a>(
        plan: &DrawPlan,
        items: &crate::registers::item::ItemList,
        targets: impl IntoIterator<Item = &'a Target>,
    ) -> Result<Census, DrawError> {
        Census::v3(items).fill(plan, targets)
    }

    /// draw/v3: the populations the class proof binds to the leaves, for the caps.
    pub(crate) fn set_populations(&mut self, populations: BTreeMap<String, u64>) {
        self.populations = populations;
    }

    /// The exclusions, in id order.
    pub(crate) fn exclusions(&self) -> &[Exclusion] {
        &self.exclusions
    }

    /// Eligible targets of the stratum `key` (0 for a key no target has).
    pub fn population(&self, key: &str) -> u64 {
        self.populations.get(key).copied().unwrap_or(0)
    }

    /// Closes the census.
    ///
    /// # Errors
    /// [`DrawError::MustInclude`] for an entry of the 100 % list that is missing or inactive.
    pub fn finish(mut self, plan: &DrawPlan) -> Result<Census, DrawError> {
        if let Some(e) = self.must_problem.take() {
            return Err(e);
        }
        std::mem::take(&mut self.coverage).finish()?;
        if !self.unknown_tiers.is_empty() {
            return Err(DrawError::Plan(crate::draw::error::PlanError {
                problems: self
                    .unknown_tiers
                    .iter()
                    .map(|(item, n)| format!(
                        "frequency: item {item}'s 抽查频次 has tiers and {n} target(s) inspected under it within the longest interval state no 等级 (grade) naming exactly one tier; the plan cannot tell whether they are due"
                    ))
                    .collect(),
            }));
        }
        // The smallest missing id, so every implementation names the same one.
        if let Some(missing) = plan
            .must_include
            .iter()
            .filter(|m| !self.must_include.contains_key(*m))
            .min()
        {
            return Err(DrawError::MustInclude {
                target: missing.clone(),
                reason: "is not in the target register".into(),
            });
        }
        Ok(self)
    }
}

/// A stratum's quota over a population of `n`: the ratio, rounded as the plan says, at
/// least `min`, at most the population (spec §5.2).
pub(crate) fn quota(rounding: Rounding, s: &crate::draw::plan::Stratum, n: u64) -> u64 {
    let rounded = match rounding {
        Rounding::Ceil => s.ratio.ceil_of(n),
        Rounding::Floor => s.ratio.floor_of(n),
    };
    rounded.max(u64::from(s.min)).min(n)
}

/// A heap entry: max-heap on (ticket, id), so the worst kept ticket is on top.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Kept {
    ticket: [u8; 32],
    id: String,
}

struct Lane {
    key: String,
    quota: u64,
    keep: usize,
    prefix: Hasher,
    heap: BinaryHeap<Kept>,
}

/// Computes one ticket from a stratum's prefix state.
fn ticket_from(prefix: &Hasher, id: &str) -> [u8; 32] {
    let mut h = prefix.clone();
    h.update(&u32::try_from(id.len()).unwrap_or(u32::MAX).to_be_bytes());
    h.update(id.as_bytes());
    h.finalize().0
}

/// The hash state after `T || subseed`, one 64-byte block, shared by every ticket of a
/// stratum.
fn prefix_for(suite: Suite, subseed: &Digest32) -> Hasher {
    let mut h = suite.hasher();
    h.update(&TICKET_TAG);
    h.update(&subseed.0);
    h
}

/// `SHA-256(T || subseed || u32(len id) || id)`, of an id already checked (the registers'
/// ids are); [`checked_ticket`] for an id from outside.
pub fn ticket(subseed: &Digest32, id: &str) -> Digest32 {
    ticket_in(Suite::Ed25519Sha256, subseed, id)
}

/// [`ticket`] under a suite's hash (`SM3(T || subseed || u32(len id) || id)` in `sm2-sm3`).
pub fn ticket_in(suite: Suite, subseed: &Digest32, id: &str) -> Digest32 {
    Digest32(ticket_from(&prefix_for(suite, subseed), id))
}

/// The ticket of an id given from outside (a verifier's own check of one target): an id not
/// in its one spelling (spec §1.2) would hash as another id, so it is refused.
///
/// # Errors
/// Why `id` is not an id ([`FieldError::IdEmpty`], [`FieldError::IdTooLong`] or
/// [`FieldError::IdCharacter`]).
pub fn checked_ticket(subseed: &Digest32, id: &str) -> Result<Digest32, FieldError> {
    checked_ticket_in(Suite::Ed25519Sha256, subseed, id)
}

/// [`checked_ticket`] under a suite's hash.
///
/// # Errors
/// As [`checked_ticket`].
pub fn checked_ticket_in(
    suite: Suite,
    subseed: &Digest32,
    id: &str,
) -> Result<Digest32, FieldError> {
    crate::registers::fields::ids::check_id(id)?;
    Ok(ticket_in(suite, subseed, id))
}

/// The `k` lowest tickets of `ids` under `subseed`, ascending (ties by id): the selection
/// primitive of §5.1 on its own, for plain id lists. One pass, O(k) memory, so a list of
/// any length can be streamed from a file. Ids are taken as given: lists from outside go
/// through [`crate::draw::sample_lines`], which checks them.
pub fn lowest_tickets<S: AsRef<str>>(
    subseed: &Digest32,
    ids: impl IntoIterator<Item = S>,
    k: usize,
) -> Vec<Ticketed> {
    lowest_tickets_in(Suite::Ed25519Sha256, subseed, ids, k)
}

/// [`lowest_tickets`] under a suite's hash.
pub fn lowest_tickets_in<S: AsRef<str>>(
    suite: Suite,
    subseed: &Digest32,
    ids: impl IntoIterator<Item = S>,
    k: usize,
) -> Vec<Ticketed> {
    let prefix = prefix_for(suite, subseed);
    let mut heap: BinaryHeap<Kept> = BinaryHeap::with_capacity(k.saturating_add(1).min(1 << 16));
    if k == 0 {
        return Vec::new();
    }
    for id in ids {
        let id = id.as_ref();
        let t = ticket_from(&prefix, id);
        if heap.len() < k {
            heap.push(Kept {
                ticket: t,
                id: id.to_string(),
            });
        } else if heap
            .peek()
            .is_some_and(|top| (t, id) < (top.ticket, top.id.as_str()))
        {
            heap.pop();
            heap.push(Kept {
                ticket: t,
                id: id.to_string(),
            });
        }
    }
    heap.into_sorted_vec()
        .into_iter()
        .map(|k| Ticketed {
            target: k.id,
            ticket: Digest32(k.ticket),
        })
        .collect()
}

/// The outcome of selection.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Per stratum, in the plan's order.
    pub strata: Vec<StratumDraw>,
    /// The 100 % list with tickets (for ordering only), ascending.
    pub must_include: Vec<Ticketed>,
    /// Exclusions, in id order.
    pub exclusions: Vec<Exclusion>,
    /// Data of every selected target and alternate, for matching.
    pub targets: BTreeMap<String, Target>,
}

/// Second pass: keeps the lowest `quota + alternates` tickets per stratum.
pub struct Selector<'p> {
    plan: &'p DrawPlan,
    suite: Suite,
    seed: Digest32,
    lanes: Vec<Lane>,
    census: Census,
    kept: BTreeMap<String, Target>,
    excluder: Excluder,
    must: BTreeSet<String>,
    last_id: Option<String>,
}

impl<'p> Selector<'p> {
    /// Sets quotas from the census (`ed25519-sha256`).
    pub fn new(plan: &'p DrawPlan, seed: &Digest32, census: Census) -> Selector<'p> {
        Selector::new_in(Suite::Ed25519Sha256, plan, seed, census)
    }

    /// Sets quotas from the census; tickets under the suite's hash.
    pub fn new_in(
        suite: Suite,
        plan: &'p DrawPlan,
        seed: &Digest32,
        census: Census,
    ) -> Selector<'p> {
        let lanes = plan
            .strata
            .iter()
            .map(|s| {
                let n = census.populations.get(&s.key).copied().unwrap_or(0);
                let quota = quota(plan.rounding, s, n);
                let keep = usize::try_from(quota + u64::from(plan.alternates_per_stratum))
                    .unwrap_or(usize::MAX);
                Lane {
                    key: s.key.clone(),
                    quota,
                    keep,
                    prefix: prefix_for(
                        suite,
                        &subseed_in(suite, seed, &format!("target/{}", s.key)),
                    ),
                    heap: BinaryHeap::new(),
                }
            })
            .collect();
        let excluder = census
            .excluder
            .clone()
            .unwrap_or_else(|| Excluder::new(plan, census.frequencies_from.as_ref()));
        Selector {
            plan,
            suite,
            seed: *seed,
            lanes,
            census,
            kept: BTreeMap::new(),
            excluder,
            must: plan.must_include.iter().cloned().collect(),
            last_id: None,
        }
    }

    /// Offers one target (in id order).
    ///
    /// # Errors
    /// [`DrawError::Unsorted`].
    pub fn push(&mut self, t: &Target) -> Result<(), DrawError> {
        check_order(&mut self.last_id, &t.id)?;
        if self.must.contains(&t.id) || !self.plan.filter.admits(t) {
            return Ok(());
        }
        if !matches!(self.excluder.reason(self.plan, t), Ok(None)) {
            return Ok(());
        }
        let key = self.plan.stratify_by.key_of(t);
        let Some(lane) = self.lanes.iter_mut().find(|l| l.key == key) else {
            return Ok(());
        };
        if lane.keep == 0 {
            return Ok(());
        }
        let tk = ticket_from(&lane.prefix, &t.id);
        let entry = Kept {
            ticket: tk,
            id: t.id.clone(),
        };
        if lane.heap.len() < lane.keep {
            lane.heap.push(entry);
            self.kept.insert(t.id.clone(), t.clone());
        } else if lane.heap.peek().is_some_and(|top| entry < *top) {
            if let Some(out) = lane.heap.pop() {
                self.kept.remove(&out.id);
            }
            lane.heap.push(entry);
            self.kept.insert(t.id.clone(), t.clone());
        }
        Ok(())
    }

    /// Closes the pass.
    pub fn finish(self) -> Selection {
        let mut strata = Vec::new();
        for (lane, s) in self.lanes.into_iter().zip(&self.plan.strata) {
            let sorted = lane.heap.into_sorted_vec();
            let q = usize::try_from(lane.quota)
                .unwrap_or(usize::MAX)
                .min(sorted.len());
            let mut all = sorted.into_iter().map(|k| Ticketed {
                target: k.id,
                ticket: Digest32(k.ticket),
            });
            let selected: Vec<Ticketed> = all.by_ref().take(q).collect();
            strata.push(StratumDraw {
                key: lane.key,
                population: self.census.populations.get(&s.key).copied().unwrap_or(0),
                ratio: s.ratio,
                quota: lane.quota,
                selected,
                alternates: all.collect(),
            });
        }
        let must_include = must_include_tickets(self.suite, &self.seed, &self.census);
        let mut targets = self.kept;
        targets.extend(self.census.must_include);
        Selection {
            strata,
            must_include,
            exclusions: self.census.exclusions,
            targets,
        }
    }
}

/// The 100 % list's ordering tickets (sub-seed `must-include`), ascending, ties by id: the
/// same in every version.
pub(crate) fn must_include_tickets(
    suite: Suite,
    seed: &Digest32,
    census: &Census,
) -> Vec<Ticketed> {
    let msub = subseed_in(suite, seed, "must-include");
    let mut must_include: Vec<Ticketed> = census
        .must_include
        .keys()
        .map(|id| Ticketed {
            target: id.clone(),
            ticket: ticket_in(suite, &msub, id),
        })
        .collect();
    must_include.sort_by(|a, b| (a.ticket, &a.target).cmp(&(b.ticket, &b.target)));
    must_include
}
