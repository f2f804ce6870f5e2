//! The draw: from a signed commitment, the published data, the reveals and the beacon
//! round to a record (spec §5). Pure: the same inputs always give the same bytes.

use crate::draw::beacon::{verify_round, BeaconRound};
use crate::draw::cap::check_general_caps;
use crate::draw::error::{BeaconError, DrawError, RootOf, RoundGiven, RoundNamed};
use crate::draw::matching::match_teams;
use crate::draw::participants::{
    check_commitment_signatures, check_reveal_signatures, check_unsigned,
};
use crate::draw::protocol::{
    check_reveals_in, seed_in, subseed_in, BeaconChoice, Randomness, Reveal, Version,
};
use crate::draw::published::PublishedResult;
use crate::draw::record::{DrawRecord, SignedCommitment};
use crate::draw::select::{Census, Selector};
use crate::draw::uniform::{below, stream};
use crate::encoding::canonical::Digest32;
use crate::encoding::merkle::MerkleTree;
use crate::registers::inspector::PublicInspectorRegister;
use crate::registers::item::ItemList;
use crate::registers::target::{Target, TargetRegister, UsccsSeen};
use time::Date;

/// Where a draw reads the target register from. The draw makes two passes (root and
/// census, then selection) and keeps only the selected targets, so a source may stream
/// a register that does not fit in memory.
pub trait TargetSource {
    /// The register date (validation and the plan's date check refer to it).
    fn as_of(&self) -> Date;

    /// Calls `f` on every entry, in strictly increasing id order (the order the register
    /// root is defined over).
    ///
    /// # Errors
    /// The first error of `f`, or of reading the source.
    fn scan(&self, f: &mut dyn FnMut(&Target) -> Result<(), DrawError>) -> Result<(), DrawError>;

    /// The source as a register in memory, if it is one: the draw then reads that register
    /// and uses the root it computed once, not a second pass of leaf hashing. (Entries and
    /// root both come from the register returned, so no source can pair one with another.)
    /// Every other source is taken to change between passes (a live table, a file being
    /// rewritten, a server answering each read its own way): each pass after the first is
    /// hashed again and the draw refused unless it gives the committed root. There is no
    /// way for a source to claim it is fixed and skip that.
    fn in_memory(&self) -> Option<&TargetRegister> {
        None
    }

    /// draw/v3 (docs/spec/privacy.md §13): the register keeper's full register with the view
    /// key, or a reader's sealed view. A plain register is neither, and a draw/v3 is
    /// refused on it: its classes are what v3 keeps out of the published files.
    fn sealed(&self) -> Option<crate::draw::sealed_run::SealedSource<'_>> {
        None
    }
}

impl TargetSource for TargetRegister {
    fn as_of(&self) -> Date {
        TargetRegister::as_of(self)
    }

    fn scan(&self, f: &mut dyn FnMut(&Target) -> Result<(), DrawError>) -> Result<(), DrawError> {
        self.targets().iter().try_for_each(f)
    }

    fn in_memory(&self) -> Option<&TargetRegister> {
        Some(self)
    }
}

/// A pass over a source that may change between passes, hashed as it goes: `f` on every
/// entry, and the root of the entries this pass gave.
fn hashed_scan(
    suite: crate::encoding::Suite,
    targets: &dyn TargetSource,
    f: &mut dyn FnMut(&Target) -> Result<(), DrawError>,
) -> Result<Digest32, DrawError> {
    let mut tree = MerkleTree::new_in(suite);
    let mut leaf = Vec::new();
    targets.scan(&mut |t| {
        leaf.clear();
        t.write_leaf(&mut leaf);
        tree.push_leaf(&leaf);
        f(t)
    })?;
    Ok(tree.root())
}

/// Everything a draw reads.
#[derive(Clone, Copy)]
pub struct DrawInputs<'a> {
    /// The signed pre-draw commitment.
    pub commitment: &'a SignedCommitment,
    /// The item list it pins.
    pub item_list: &'a ItemList,
    /// The target register it pins (in memory, or streamed: [`TargetSource`]).
    pub targets: &'a dyn TargetSource,
    /// The public inspector register it pins.
    pub inspectors: &'a PublicInspectorRegister,
    /// The participants' reveals.
    pub reveals: &'a [Reveal],
    /// The beacon round (drand mode).
    pub beacon: Option<&'a BeaconRound>,
    /// The announced numbers (published-numbers mode; empty otherwise).
    pub published: &'a [PublishedResult],
}

fn same(what: RootOf, committed: Digest32, actual: Digest32) -> Result<(), DrawError> {
    if committed == actual {
        Ok(())
    } else {
        Err(DrawError::Root {
            what,
            committed,
            actual,
        })
    }
}

/// draw/v2 commits to the registers' date: registers of another date are other registers,
/// even where their roots would agree.
fn check_as_of(committed: Option<Date>, targets: Date, inspectors: Date) -> Result<(), DrawError> {
    let Some(committed) = committed else {
        return Ok(()); // Commitment::check has refused a v2 commitment without it.
    };
    for (register, given) in [("target", targets), ("inspector", inspectors)] {
        if given != committed {
            return Err(DrawError::AsOf {
                committed,
                register,
                given,
            });
        }
    }
    Ok(())
}

/// Runs the draw.
///
/// # Errors
/// The first [`DrawError`]: plan, roots, reveals, beacon, 100 % list, team shortfall.
pub fn draw(inp: DrawInputs<'_>) -> Result<DrawRecord, DrawError> {
    let c = &inp.commitment.commitment;
    let Some(version) = c.version() else {
        return Err(DrawError::Algorithm {
            found: c.algorithm.clone(),
            expected: "shuangsuiji/draw/v1, v2 or v3",
        });
    };
    if version == Version::V3 {
        return crate::draw::sealed_run::draw_v3(inp);
    }
    let in_memory = inp.targets.in_memory();
    let targets: &dyn TargetSource = match in_memory {
        Some(register) => register,
        None => inp.targets,
    };
    let commitment_hash = check_commitment(inp, version, targets.as_of())?;
    // First pass: the register root and the census together.
    let mut tree = MerkleTree::new_in(c.suite);
    let mut census = match version {
        Version::V1 => Census::default(),
        Version::V2 | Version::V3 => Census::v2(inp.item_list),
    };
    // A register in memory was checked whole when it was built; a stream is checked here
    // for the one rule that spans entries beyond their order (one USCC, one entry).
    let mut usccs = in_memory.is_none().then(UsccsSeen::default);
    let mut leaf = Vec::new();
    targets.scan(&mut |t| {
        if let Some(seen) = usccs.as_mut() {
            seen.note(t);
        }
        if in_memory.is_none() {
            leaf.clear();
            t.write_leaf(&mut leaf);
            tree.push_leaf(&leaf);
        }
        census.add(&c.plan, t)
    })?;
    // USCCs under a repeated key are compared in full, on one more pass made only then (a
    // duplicate, or a key collision), so a duplicate is refused before the root is. That
    // pass is hashed too: a source must give it the entries of the first, or the check
    // could be shown a register without the duplicate.
    if let Some(mut suspects) = usccs.map(UsccsSeen::suspects) {
        if !suspects.is_empty() {
            let again = hashed_scan(c.suite, targets, &mut |t| {
                suspects.check(t).map_err(DrawError::Register)
            })?;
            if again != tree.root() {
                return Err(DrawError::Source(format!(
                    "名录库在各遍读取之间发生变化（核对统一社会信用代码一遍的根 {}，第一遍的根 {}）；请从快照读取 · the register changed between the draw's passes (the USCC check pass gave root {}, the first pass {}): read it from a snapshot",
                    again,
                    tree.root(),
                    again,
                    tree.root()
                )));
            }
        }
    }
    let root = in_memory.map_or_else(|| tree.root(), |r| r.root_in(c.suite));
    same(RootOf::TargetRegister, c.roots.targets, root)?;
    check_inspector_root(inp)?;
    let seed = seed_of(inp, version, &commitment_hash)?;

    let census = census.finish(&c.plan)?;
    if version == Version::V2 {
        check_general_caps(&c.plan, inp.item_list, &census)?;
    }
    // Second pass: selection, keeping only the lowest tickets.
    let mut sel = Selector::new_in(c.suite, &c.plan, &seed, census);
    if in_memory.is_some() {
        targets.scan(&mut |t| sel.push(t))?;
    } else {
        let again = hashed_scan(c.suite, targets, &mut |t| sel.push(t))?;
        if again != c.roots.targets {
            return Err(DrawError::Source(format!(
                "名录库在两遍读取之间发生变化（第二遍根 {}，承诺的根 {}）；请从快照读取（如 REPEATABLE READ 事务） · the register changed between the draw's two passes (second pass root {}, committed root {}): read it from a snapshot (e.g. a REPEATABLE READ transaction)",
                again,
                c.roots.targets,
                again,
                c.roots.targets
            )));
        }
    }
    let selection = sel.finish();

    // Matching order: every selected target by ascending ticket (ties by id).
    let mut order: Vec<(&Digest32, &str)> = selection
        .must_include
        .iter()
        .chain(selection.strata.iter().flat_map(|s| s.selected.iter()))
        .map(|t| (&t.ticket, t.target.as_str()))
        .collect();
    order.sort();
    let targets: Vec<&Target> = order
        .iter()
        .filter_map(|(_, id)| selection.targets.get(*id))
        .collect();
    finish(
        inp,
        seed,
        &targets,
        inp.inspectors.inspectors(),
        Outcome {
            strata: selection.strata,
            must_include: selection.must_include,
            exclusions: selection.exclusions,
            classes: None,
            recusals: Vec::new(),
        },
    )
}

/// What selection decided, before teams and batches.
pub(crate) struct Outcome {
    pub(crate) strata: Vec<crate::draw::select::StratumDraw>,
    pub(crate) must_include: Vec<crate::draw::select::Ticketed>,
    pub(crate) exclusions: Vec<crate::draw::select::Exclusion>,
    pub(crate) classes: Option<crate::privacy::ClassProof>,
    pub(crate) recusals: Vec<crate::privacy::RecusalOpening>,
}

/// The commitment's own checks, its signatures, the plan against the registers and the
/// item list's root, in that order (the order of errors every version keeps); the
/// commitment's hash.
pub(crate) fn check_commitment(
    inp: DrawInputs<'_>,
    version: Version,
    targets_as_of: Date,
) -> Result<Digest32, DrawError> {
    let c = &inp.commitment.commitment;
    c.check()?;
    let commitment_hash = c.hash()?;
    same(RootOf::CommitmentHash, inp.commitment.hash, commitment_hash)?;
    if version.has_v2_rules() {
        check_commitment_signatures(
            c.suite,
            &c.participants,
            &inp.commitment.participant_signatures,
            &commitment_hash,
        )?;
        check_as_of(c.as_of, targets_as_of, inp.inspectors.as_of())?;
    } else {
        check_unsigned(&inp.commitment.participant_signatures, inp.reveals)?;
    }
    c.plan.check(inp.item_list)?;
    if version.has_v2_rules() {
        crate::draw::scope::check_scope(&c.plan, inp.item_list, inp.inspectors)?;
    }
    c.plan.check_against(targets_as_of, inp.inspectors)?;
    same(
        RootOf::ItemList,
        c.roots.item_list,
        inp.item_list.hash_in(c.suite),
    )?;
    Ok(commitment_hash)
}

/// Reveals (and their signatures from draw/v2 on), the beacon, and the seed.
pub(crate) fn seed_of(
    inp: DrawInputs<'_>,
    version: Version,
    commitment_hash: &Digest32,
) -> Result<Digest32, DrawError> {
    let c = &inp.commitment.commitment;
    let secrets = check_reveals_in(c.suite, &c.participants, inp.reveals)?;
    if version.has_v2_rules() {
        check_reveal_signatures(
            c.suite,
            &c.participants,
            inp.reveals,
            &secrets,
            commitment_hash,
        )?;
    }
    let randomness = beacon_randomness(c, inp.beacon, inp.published)?;
    Ok(seed_in(
        c.suite,
        commitment_hash,
        &c.participants,
        &secrets,
        match &randomness {
            BeaconValue::Offline => Randomness::Offline,
            BeaconValue::Drand(r) => Randomness::Drand(r),
            BeaconValue::Numbers(d) => Randomness::PublishedNumbers(d),
        },
    ))
}

/// The inspector register's root against the commitment's.
pub(crate) fn check_inspector_root(inp: DrawInputs<'_>) -> Result<(), DrawError> {
    let c = &inp.commitment.commitment;
    same(
        RootOf::InspectorRegister,
        c.roots.inspectors,
        inp.inspectors.root_in(c.suite),
    )
}

/// Teams for the selected targets (in matching order) from `inspectors` (the public view's,
/// or in draw/v3 the same with the opened recusal sets as their conflicts), batches, and the
/// record.
pub(crate) fn finish(
    inp: DrawInputs<'_>,
    seed: Digest32,
    targets: &[&Target],
    inspectors: &[crate::registers::inspector::PublicInspector],
    outcome: Outcome,
) -> Result<DrawRecord, DrawError> {
    let c = &inp.commitment.commitment;
    let mut rng = stream(&subseed_in(c.suite, &seed, "match"));
    let teams = match_teams(&c.plan, inspectors, targets, &mut rng)?;
    let batches = batch_order(
        c.suite,
        &seed,
        c.plan.batches,
        targets.iter().map(|t| t.id.clone()).collect(),
    );

    // Restore the canonical ordering of strata entries and keep the commitment as given.
    let item_list = inp.item_list.clone();
    Ok(DrawRecord {
        algorithm: c.algorithm.clone(),
        commitment: inp.commitment.clone(),
        item_list,
        reveals: {
            // check_reveals has found exactly one reveal per participant.
            let by_id: std::collections::BTreeMap<&str, &Reveal> = inp
                .reveals
                .iter()
                .map(|r| (r.participant.as_str(), r))
                .collect();
            c.participants
                .iter()
                .filter_map(|p| by_id.get(p.id.as_str()).map(|r| (*r).clone()))
                .collect()
        },
        beacon: inp.beacon.cloned(),
        published_numbers: inp.published.to_vec(),
        seed,
        strata: outcome.strata,
        must_include: outcome.must_include,
        exclusions: outcome.exclusions,
        classes: outcome.classes,
        recusals: outcome.recusals,
        teams,
        batches,
    })
}

/// The beacon's value, checked against the mode the commitment names.
enum BeaconValue {
    Offline,
    Drand([u8; 32]),
    Numbers(Digest32),
}

fn beacon_randomness(
    c: &crate::Commitment,
    round: Option<&BeaconRound>,
    published: &[PublishedResult],
) -> Result<BeaconValue, DrawError> {
    let named = |expected| BeaconError::Presence {
        expected,
        given: RoundGiven::Given,
    };
    if !published.is_empty() && !matches!(c.beacon, BeaconChoice::PublishedNumbers(_)) {
        return Err(BeaconError::Numbers {
            draw: String::new(),
            reason: "numbers were given, but the commitment names no public draw".into(),
        }
        .into());
    }
    Ok(match (&c.beacon, round) {
        (BeaconChoice::Offline, None) => BeaconValue::Offline,
        (BeaconChoice::Drand(spec), Some(r)) => {
            BeaconValue::Drand(verify_round(spec, c.committed_at, r)?)
        }
        (BeaconChoice::PublishedNumbers(spec), None) => {
            BeaconValue::Numbers(spec.check_in(c.suite, published)?)
        }
        (BeaconChoice::Offline | BeaconChoice::PublishedNumbers(_), Some(_)) => {
            return Err(named(RoundNamed::DoesNotName).into())
        }
        (BeaconChoice::Drand(_), None) => {
            return Err(BeaconError::Presence {
                expected: RoundNamed::Names,
                given: RoundGiven::NotGiven,
            }
            .into())
        }
    })
}

/// Random batch order (spec §5.4): a Fisher–Yates shuffle of the matching order with the
/// `batch` stream (for i from n-1 down to 1, swap i with `below(i+1)`), cut into `b`
/// batches, the first `n mod b` of them one longer.
fn batch_order(
    suite: crate::encoding::Suite,
    seed: &Digest32,
    batches: Option<u32>,
    mut ids: Vec<String>,
) -> Vec<Vec<String>> {
    let Some(b) = batches.filter(|b| *b > 0) else {
        return Vec::new();
    };
    let mut rng = stream(&subseed_in(suite, seed, "batch"));
    for i in (1..ids.len()).rev() {
        let j = usize::try_from(below(&mut rng, i as u64 + 1)).unwrap_or(0);
        ids.swap(i, j);
    }
    let b = usize::try_from(b).unwrap_or(1);
    let (q, r) = (ids.len() / b, ids.len() % b);
    let mut out = Vec::with_capacity(b);
    let mut it = ids.into_iter();
    for k in 0..b {
        let n = q + usize::from(k < r);
        out.push(it.by_ref().take(n).collect());
    }
    out
}
