//! draw/v3 (docs/spec/privacy.md): classes sealed, selection publicly re-runnable, the
//! auditor re-run, tampers by the operator, and the leak test of issue 19 over the published
//! files (sealed view and class proof).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use shuangsuiji::draw::*;
use shuangsuiji::privacy::*;
use shuangsuiji::registers::fields::*;
use shuangsuiji::registers::*;
use shuangsuiji::*;

const SUITE: Suite = Suite::Ed25519Sha256;
const KEY: ViewKey = ViewKey([0x5a; 32]);

fn seed(n: u8) -> Digest32 {
    Digest32([n; 32])
}

/// `n` targets with random risk and credit classes (never unknown).
fn random_register(n: u32, rng_seed: u64) -> TargetRegister {
    let mut rng = ChaCha20Rng::seed_from_u64(rng_seed);
    let risks = [
        RiskLevel::Low,
        RiskLevel::MediumLow,
        RiskLevel::MediumHigh,
        RiskLevel::High,
    ];
    let credits = [
        CreditClass::A,
        CreditClass::B,
        CreditClass::C,
        CreditClass::D,
    ];
    let ts = (0..n)
        .map(|i| {
            let mut t = target(i, risks[(rng.next_u32() % 4) as usize], "410102");
            t.credit = credits[(rng.next_u32() % 4) as usize];
            t
        })
        .collect();
    TargetRegister::new(AS_OF, ts).unwrap()
}

/// The common plan on its key item (重点, no ratio cap), so that any ratio up to 100 % is a
/// valid plan.
fn plan_with(ratios: [u32; 4]) -> DrawPlan {
    let mut p = plan();
    p.items = vec!["HA-GAT-006".into()];
    for (s, r) in p.strata.iter_mut().zip(ratios) {
        s.ratio = BasisPoints(r);
    }
    p
}

struct Drawn {
    seed: Digest32,
    items: ItemList,
    reg: TargetRegister,
    plan: DrawPlan,
    view: SealedView,
    proof: ClassProof,
}

fn drawn(n: u32, ratios: [u32; 4], s: u8) -> Drawn {
    let reg = random_register(n, u64::from(s));
    let plan = plan_with(ratios);
    let view = SealedView::of(&reg, &Recusals::none(), &KEY);
    let items = items();
    let inp = SelectionInputs {
        suite: SUITE,
        plan: &plan,
        items: &items,
        seed: seed(s),
    };
    let proof = prove(inp, &reg, &KEY).unwrap();
    Drawn {
        seed: seed(s),
        items,
        reg,
        plan,
        view,
        proof,
    }
}

impl Drawn {
    fn inp(&self) -> SelectionInputs<'_> {
        SelectionInputs {
            suite: SUITE,
            plan: &self.plan,
            items: &self.items,
            seed: self.seed,
        }
    }
    fn public(&self) -> Result<PublicVerdict, PrivacyError> {
        check_public(self.inp(), &self.view, &self.proof)
    }
    fn auditor(&self) -> Result<AuditorVerdict, PrivacyError> {
        check_auditor(self.inp(), &self.reg, &KEY, &self.view, &self.proof)
    }
    fn reprove(&mut self, reg: &TargetRegister) {
        self.proof = prove(self.inp(), reg, &KEY).unwrap();
    }
}

fn sample() -> Drawn {
    drawn(2_000, [500, 500, 1_000, 2_000], 7)
}

#[test]
fn an_honest_draw_passes_the_public_and_the_auditor_re_run() {
    let d = sample();
    let v = d.public().unwrap();
    let a = d.auditor().unwrap();
    assert_eq!(v.targets_root, a.targets_root);
    assert_eq!(v.targets_root, d.view.root_in(SUITE).unwrap());
    // The populations the public now trusts are the register's own.
    for s in &v.strata {
        let (key, n) = (&s.key, &s.population);
        let true_n = d
            .reg
            .targets()
            .iter()
            .filter(|t| StratifyBy::Risk.key_of(t) == key)
            .count() as u64;
        assert_eq!(*n, true_n, "stratum {key}");
    }
    // Every kept target is of its stratum.
    for s in &d.proof.strata {
        for k in s.selected.iter().chain(&s.alternates) {
            assert_eq!(
                StratifyBy::Risk.key_of(d.reg.get(&k.target).unwrap()),
                s.key
            );
        }
    }
}

#[test]
fn the_sealed_view_holds_no_class_and_every_leaf_has_one_shape() {
    let d = sample();
    let json = serde_json::to_value(&d.view).unwrap();
    let mut shapes = std::collections::BTreeSet::new();
    for t in json["targets"].as_array().unwrap() {
        let o = t.as_object().unwrap();
        assert!(!o.contains_key("risk") && !o.contains_key("credit"));
        // Same members, same class-map sizes, whatever the class.
        let classes = serde_json::to_string(&o["classes"]).unwrap().len();
        let sums = serde_json::to_string(&o["blind_sums"]).unwrap().len();
        shapes.insert((o.keys().cloned().collect::<Vec<_>>(), classes, sums));
    }
    assert_eq!(shapes.len(), 1, "{shapes:?}");
}

#[test]
fn disclosure_is_a_few_per_cent_at_sample_ratios() {
    let d = sample();
    let f = disclosure(&d.proof, d.reg.targets().len() as u64);
    // Largest ratio 20 % (plus two alternates per stratum): about a fifth, never everyone.
    assert!(f.share_bp < 3_000, "{f:?}");
    assert!(f.disclosed > 0 && f.full_class > 0 && f.negative_only > 0);
    // "Not in three strata" names the fourth: counted among the disclosed, never outside.
    assert!(f.recovered <= f.negative_only, "{f:?}");
    // Per-stratum tickets would have opened about Σ ratios; one ticket opens about the max.
    let kept: usize = d
        .proof
        .strata
        .iter()
        .map(|s| s.selected.len() + s.alternates.len())
        .sum();
    assert_eq!(f.full_class as usize, kept);
}

#[test]
fn a_stratum_kept_whole_opens_no_negative_fact() {
    // 100 % of 高风险 (a common plan): its members are selected, nobody else is opened for it.
    let d = drawn(1_000, [300, 300, 300, 10_000], 9);
    d.public().unwrap();
    d.auditor().unwrap();
    assert!(!d
        .proof
        .openings
        .iter()
        .any(|o| o.stratum == "high" && o.bit == 0));
    let f = disclosure(&d.proof, 1_000);
    let high = d.proof.strata.iter().find(|s| s.key == "high").unwrap();
    let opened: std::collections::BTreeSet<&str> =
        d.proof.openings.iter().map(|o| o.target.as_str()).collect();
    assert!((opened.len() as u64) < high.population + 200, "{f:?}");
    // Yet the published list of every high-risk target says of each other eligible one that
    // it is not high risk: counted, not hidden.
    assert_eq!(f.disclosed, f.eligible, "{f:?}");
    assert_eq!(f.implied_only, f.eligible - opened.len() as u64, "{f:?}");
}

#[test]
fn a_plan_without_strata_opens_nothing() {
    let mut d = sample();
    d.plan.stratify_by = StratifyBy::None;
    d.plan.strata = vec![Stratum {
        key: "all".into(),
        ratio: BasisPoints(500),
        min: 0,
    }];
    let reg = d.reg.clone();
    d.reprove(&reg);
    assert!(d.proof.openings.is_empty() && d.proof.attribute.is_none());
    d.public().unwrap();
    d.auditor().unwrap();
}

#[test]
fn an_extra_opening_is_refused_as_a_leak() {
    let d0 = sample();
    let opened: std::collections::BTreeSet<&str> = d0
        .proof
        .openings
        .iter()
        .map(|o| o.target.as_str())
        .collect();
    let outsider = d0
        .reg
        .targets()
        .iter()
        .find(|t| !opened.contains(t.id.as_str()))
        .unwrap();
    let mut d = sample();
    let k = StratifyBy::Risk.key_of(outsider);
    d.proof.openings.push(Opening {
        target: outsider.id.clone(),
        stratum: k.into(),
        bit: 1,
        blind: shuangsuiji::privacy::pedersen::scalar_hex(&shuangsuiji::privacy::pedersen::blind(
            &KEY,
            &outsider.id,
            "risk",
            k,
        )),
    });
    d.proof.openings.sort();
    assert!(matches!(d.public(), Err(PrivacyError::ExtraOpening { .. })));
}

#[test]
fn a_missing_negative_opening_is_refused() {
    let mut d = sample();
    let i = d.proof.openings.iter().position(|o| o.bit == 0).unwrap();
    d.proof.openings.remove(i);
    assert!(matches!(
        d.public(),
        Err(PrivacyError::MissingOpening { .. })
    ));
}

#[test]
fn a_false_opening_is_refused() {
    let mut d = sample();
    let o = d.proof.openings.iter_mut().find(|o| o.bit == 0).unwrap();
    o.bit = 1;
    assert!(matches!(d.public(), Err(PrivacyError::BadOpening { .. })));
}

#[test]
fn a_stated_population_off_by_one_is_refused() {
    // One member moved between strata: the sum is still the eligible count, the commitments
    // say otherwise.
    let mut d = sample();
    d.proof.strata[0].population += 1;
    d.proof.strata[1].population -= 1;
    assert!(matches!(d.public(), Err(PrivacyError::Population { .. })));
    // One more than the eligible count: refused before any quota is computed.
    let mut d = sample();
    d.proof.strata[0].population += 1;
    assert!(matches!(d.public(), Err(PrivacyError::Proof(_))));
}

#[test]
fn a_target_sealed_into_no_class_is_refused_publicly() {
    // The operator hides a target from every stratum: all its risk bits 0.
    let mut d = sample();
    let t = d.view.targets[3].clone();
    let id = t.id.clone();
    let mut sealed = t.clone();
    let per = sealed.classes.get_mut("risk").unwrap();
    for (v, c) in per.iter_mut() {
        let r = shuangsuiji::privacy::pedersen::blind(&KEY, &id, "risk", v);
        *c = shuangsuiji::privacy::pedersen::point_hex(&shuangsuiji::privacy::pedersen::commit(
            0, &r,
        ));
    }
    d.view.targets[3] = sealed;
    assert!(matches!(d.public(), Err(PrivacyError::NotOneClass { .. })));
}

#[test]
fn a_misclassified_target_is_the_auditors_catch() {
    // The operator seals a high-risk target as low risk (a valid class, so the public walk
    // cannot tell) and proves over that register: the auditor, holding the true register,
    // names the entry.
    let honest = sample();
    let victim = honest
        .reg
        .targets()
        .iter()
        .find(|t| t.risk == RiskLevel::High)
        .unwrap()
        .clone();
    let mut forged: Vec<Target> = honest.reg.targets().to_vec();
    for t in &mut forged {
        if t.id == victim.id {
            t.risk = RiskLevel::Low;
        }
    }
    let forged = TargetRegister::new(AS_OF, forged).unwrap();
    let mut d = sample();
    d.view = SealedView::of(&forged, &Recusals::none(), &KEY);
    d.reprove(&forged);
    d.public().unwrap();
    let e = d.auditor().unwrap_err().to_string();
    assert!(
        e.contains(&victim.id) && e.contains("class commitments"),
        "{e}"
    );
    let zh = shuangsuiji::Explain::message_zh(&d.auditor().unwrap_err());
    assert!(zh.contains(&victim.id) && zh.contains("类别承诺"), "{zh}");
}

#[test]
fn a_swapped_selection_is_refused() {
    let mut d = sample();
    let s = &mut d.proof.strata[2];
    s.selected.swap(0, 1);
    assert!(matches!(d.public(), Err(PrivacyError::Outcome { .. })));
}

#[test]
fn another_seed_or_algorithm_is_refused() {
    let mut d = sample();
    d.seed = seed(8);
    assert!(d.public().is_err());
    let mut d = sample();
    d.proof.algorithm = ALGORITHM_V2.into();
    assert!(matches!(d.public(), Err(PrivacyError::Proof(_))));
}

/// Issue 19's leak test: random registers, a draw, and every published file searched for
/// each undisclosed target's class and id, then the obvious inferences tried.
#[test]
fn leak_test_over_published_files() {
    for s in 1..=4u8 {
        let d = drawn(1_500, [200, 500, 800, 1_500], s);
        d.public().unwrap();
        let proof_json = serde_json::to_string(&d.proof).unwrap();
        let view_json = serde_json::to_string(&d.view).unwrap();
        let disclosed: std::collections::BTreeSet<&str> =
            d.proof.openings.iter().map(|o| o.target.as_str()).collect();
        let mut undisclosed = 0;
        for t in d.reg.targets() {
            if disclosed.contains(t.id.as_str()) {
                continue;
            }
            undisclosed += 1;
            // Not named in the proof at all.
            assert!(!proof_json.contains(&t.id));
            // Its blinds never appear anywhere.
            for a in ["risk", "credit"] {
                for v in ClassAttribute::ALL
                    .iter()
                    .find(|x| x.wire_name() == a)
                    .unwrap()
                    .values()
                {
                    let r = shuangsuiji::privacy::pedersen::scalar_hex(
                        &shuangsuiji::privacy::pedersen::blind(&KEY, &t.id, a, v),
                    );
                    assert!(!proof_json.contains(&r) && !view_json.contains(&r));
                }
            }
        }
        // Counting: populations are public, so a stratum whose members are all opened leaves
        // the others "not in it"; with ≥ 3 strata still open, nobody is pinned.
        let open = candidates_for_undisclosed(&d.proof);
        assert!(open.len() >= 2, "{open:?}");
        let f = disclosure(&d.proof, 1_500);
        assert!(undisclosed > 1_000, "{f:?}");
    }
}

/// The shared vector (tests/vectors/v3-privacy/selection.json), recomputed from its inputs:
/// sealed view, root, first leaf, value base, proof, both verdicts and the disclosure.
#[test]
fn the_shared_vector_recomputes() {
    let v: serde_json::Value = serde_json::from_str(include_str!(
        "../../tests/vectors/v3-privacy/selection.json"
    ))
    .unwrap();
    let i = &v["inputs"];
    let e = &v["expected"];
    let plan: DrawPlan = serde_json::from_value(i["plan"].clone()).unwrap();
    let items: ItemList = serde_json::from_value(i["item_list"].clone()).unwrap();
    let reg: TargetRegister = serde_json::from_value(i["register"].clone()).unwrap();
    let key = ViewKey::from_hex(i["view_key"].as_str().unwrap()).unwrap();
    let inp = SelectionInputs {
        suite: SUITE,
        plan: &plan,
        items: &items,
        seed: Digest32::from_hex(i["seed"].as_str().unwrap()).unwrap(),
    };
    let view = SealedView::of(&reg, &Recusals::none(), &key);
    assert_eq!(serde_json::to_value(&view).unwrap(), e["sealed_view"]);
    let published: SealedView = serde_json::from_value(e["sealed_view"].clone()).unwrap();
    published.check().unwrap();
    assert_eq!(
        String::from_utf8(view.targets[0].leaf_bytes().unwrap()).unwrap(),
        e["first_leaf"].as_str().unwrap()
    );
    assert_eq!(
        shuangsuiji::privacy::pedersen::point_hex(&shuangsuiji::privacy::pedersen::value_base()),
        e["value_base"].as_str().unwrap()
    );
    let proof = prove(inp, &reg, &key).unwrap();
    assert_eq!(serde_json::to_value(&proof).unwrap(), e["proof"]);
    assert_eq!(
        serde_json::to_value(eligible_tickets(inp, &reg).unwrap()).unwrap(),
        e["eligible_by_ticket"]
    );
    // The zero check's weights, from the spec's formula (§10.6).
    for (k, z) in e["zero_weights"].as_object().unwrap() {
        let s = proof.strata.iter().find(|s| &s.key == k).unwrap();
        let kept: Vec<&str> = s
            .selected
            .iter()
            .chain(&s.alternates)
            .map(|t| t.target.as_str())
            .collect();
        let d = shuangsuiji::privacy::pedersen::kept_digest(kept.iter().copied());
        assert_eq!(hex::encode(d), z["kept_digest"].as_str().unwrap());
        for w in z["weights"].as_array().unwrap() {
            let id = w["target"].as_str().unwrap();
            assert_eq!(
                shuangsuiji::privacy::pedersen::scalar_hex(
                    &shuangsuiji::privacy::pedersen::zero_weight(&inp.seed.0, k, &d, id)
                ),
                w["weight"].as_str().unwrap()
            );
        }
    }
    let published_proof: ClassProof = serde_json::from_value(e["proof"].clone()).unwrap();
    let public = check_public(inp, &published, &published_proof).unwrap();
    assert_eq!(serde_json::to_value(&public).unwrap(), e["public_verdict"]);
    assert_eq!(
        public.targets_root.to_hex(),
        e["targets_root"].as_str().unwrap()
    );
    let auditor = check_auditor(inp, &reg, &key, &published, &published_proof).unwrap();
    assert_eq!(
        serde_json::to_value(&auditor).unwrap(),
        e["auditor_verdict"]
    );
    assert_eq!(
        serde_json::to_value(disclosure(&proof, reg.targets().len() as u64)).unwrap(),
        e["disclosure"]
    );
    // The vector exercises every kind of opening, and a stratum kept whole.
    assert!(proof.openings.iter().any(|o| o.bit == 0));
    assert!(proof.strata.iter().any(|s| s.zero_blind.is_some()));
    assert!(proof.openings.iter().any(|o| o.bit == 1));
}

/// The review's attack (2026-11-30): a stratum kept whole (100 % 高风险) skips its
/// non-members unopened, so a malformed pair sealed before the draw — Y (truly low risk)
/// committing −1 to `high` and 2 to `low` — would let the operator leave a high-risk X of
/// their choosing unopened after the seed, with every sum still right. The zero check of the
/// stratum (weights from the seed) refuses it.
#[test]
fn a_malformed_pair_cannot_hide_a_member_of_a_stratum_kept_whole() {
    use curve25519_dalek::constants::RISTRETTO_BASEPOINT_TABLE;
    use shuangsuiji::privacy::pedersen::{blind, point_hex, scalar_hex, value_base};
    let mut d = drawn(1_000, [500, 500, 500, 10_000], 11);
    d.public().unwrap();
    let high = d.proof.strata.iter().position(|s| s.key == "high").unwrap();
    let low = d.proof.strata.iter().position(|s| s.key == "low").unwrap();
    // X: a high-risk target the operator wants left alone; Y: the low-risk target with the
    // highest ticket (never opened for low).
    let x = d.proof.strata[high].selected[0].target.clone();
    let y = d
        .reg
        .targets()
        .iter()
        .filter(|t| t.risk == RiskLevel::Low)
        .map(|t| t.id.clone())
        .max_by_key(|id| {
            shuangsuiji::hazmat::checked_ticket(
                &shuangsuiji::hazmat::subseed_in(SUITE, &d.seed, "target"),
                id,
            )
            .unwrap()
        })
        .unwrap();
    let pos = d.view.targets.iter().position(|t| t.id == y).unwrap();
    let leaf = &mut d.view.targets[pos];
    let r = |v: &str| blind(&KEY, &y, "risk", v);
    let bb = |s: &curve25519_dalek::scalar::Scalar| RISTRETTO_BASEPOINT_TABLE * s;
    let per = leaf.classes.get_mut("risk").unwrap();
    per.insert("high".into(), point_hex(&(bb(&r("high")) - value_base())));
    per.insert(
        "low".into(),
        point_hex(&(bb(&r("low")) + value_base() + value_base())),
    );
    // The proof as the operator would restate it: one member fewer in high, one more in low.
    let p = &mut d.proof;
    p.strata[high].population -= 1;
    p.strata[low].population += 1;
    assert_eq!(
        p.strata[low].quota,
        plan_with([500, 500, 500, 10_000]).strata[low]
            .ratio
            .ceil_of(p.strata[low].population),
        "precondition: the low quota does not move"
    );
    p.strata[high].quota -= 1;
    p.strata[high].selected.retain(|t| t.target != x);
    p.openings
        .retain(|o| !(o.target == x && o.stratum == "high"));
    // zero_blind as the operator computes it, X now among the unkept.
    let kept: std::collections::BTreeSet<String> = p.strata[high]
        .selected
        .iter()
        .chain(&p.strata[high].alternates)
        .map(|t| t.target.clone())
        .collect();
    let dk = shuangsuiji::privacy::pedersen::kept_digest(
        p.strata[high]
            .selected
            .iter()
            .chain(&p.strata[high].alternates)
            .map(|t| t.target.as_str()),
    );
    let s: curve25519_dalek::scalar::Scalar = d
        .reg
        .targets()
        .iter()
        .filter(|t| !kept.contains(&t.id))
        .map(|t| {
            shuangsuiji::privacy::pedersen::zero_weight(&d.seed.0, "high", &dk, &t.id)
                * blind(&KEY, &t.id, "risk", "high")
        })
        .sum();
    p.strata[high].zero_blind = Some(scalar_hex(&s));
    match d.public() {
        Err(PrivacyError::ZeroCheck { stratum }) => assert_eq!(stratum, "high"),
        other => panic!("{other:?}"),
    }
    assert!(d.auditor().is_err());
}

/// A stratum kept whole carries no "not in it" opening: one added (valid, but a class
/// disclosed for nothing) is refused where the walk meets it (third review, 2026-11-30).
#[test]
fn a_negative_opening_in_a_stratum_kept_whole_is_refused() {
    let mut d = drawn(1_000, [300, 300, 300, 10_000], 9);
    let outsider = eligible_tickets(d.inp(), &d.reg)
        .unwrap()
        .into_iter()
        .find(|t| d.reg.get(&t.target).unwrap().risk != RiskLevel::High)
        .unwrap()
        .target;
    d.proof.openings.push(Opening {
        target: outsider.clone(),
        stratum: "high".into(),
        bit: 0,
        blind: shuangsuiji::privacy::pedersen::scalar_hex(&shuangsuiji::privacy::pedersen::blind(
            &KEY, &outsider, "risk", "high",
        )),
    });
    d.proof.openings.sort();
    match d.public() {
        Err(PrivacyError::Outcome { stratum, detail }) => {
            assert_eq!(stratum, "high");
            assert!(detail.contains(&outsider), "{detail}");
        }
        other => panic!("{other:?}"),
    }
}
