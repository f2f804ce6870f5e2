//! Inspector matching at scale: 100,000 selected targets × 50,000 inspectors.
//!
//!     cargo run --release -p shuangsuiji-benches --example matching_scale
//!
//! 200,000 targets at a 50 % ratio (key item) give 100,000 selected; 50,000 inspectors in
//! one department, two officers per target, workload cap 8, own-region recusal on. The
//! draw is timed as a whole and again with a 20-target quota (same roots, census and
//! selection passes); the difference is the matching time.

use shuangsuiji::{draw::*, encoding::*, hazmat::*, registers::fields::*, registers::*};
use std::collections::BTreeMap;
use std::time::Instant;

fn main() -> Result<(), String> {
    let as_of = parse_date("2023-08-23").ok_or("date")?;
    let regions = ["410102", "410103", "410105", "410302"];
    let targets: Vec<Target> = (0..200_000u32)
        .map(|i| {
            let head = format!("91410100{i:09}");
            let id = format!("{head}{}", uscc_check_char(&head).unwrap_or('0'));
            Target {
                id: id.clone(),
                uscc: Some(id),
                name: format!("企业{i}"),
                established: None,
                address: String::new(),
                region: regions[(i % 4) as usize].into(),
                industry: "R9011".into(),
                kind: TargetKind::Enterprise,
                credit: CreditClass::B,
                risk: RiskLevel::Low,
                department: "治安".into(),
                status: TargetStatus::Active,
                grade: None,
                last_inspected: BTreeMap::new(),
            }
        })
        .collect();
    let targets = TargetRegister::new(as_of, targets).map_err(|e| e.to_string())?;
    let inspectors: Vec<Inspector> = (0..50_000u32)
        .map(|i| Inspector {
            id: format!("P{i:06}"),
            department: "治安".into(),
            unit: String::new(),
            region: Some(regions[(i % 4) as usize].into()),
            rank: String::new(),
            qualification: Some(Qualification {
                certificate: format!("C{i}"),
                valid_from: as_of,
                valid_until: parse_date("2033-08-23").unwrap_or(as_of),
            }),
            expertise: vec![],
            status: InspectorStatus::Active,
            expert: false,
            conflicts: vec![],
            personal: PersonalInfo {
                name: format!("人{i}"),
                sex: None,
                badge: String::new(),
                office_phone: String::new(),
                mobile: String::new(),
            },
        })
        .collect();
    let inspectors = InspectorRegister::new(as_of, inspectors)
        .map_err(|e| e.to_string())?
        .public_view(&[1; 32]);
    let items = ItemList::new(
        "v",
        vec![Item {
            id: "K".into(),
            department: "治安".into(),
            name: "重点".into(),
            target_scope: vec!["x".into()],
            content: "x".into(),
            category: Category::Key,
            methods: vec![Method::OnSite],
            levels: vec![Level::Province],
            legal_basis: LegalBasis::parse_list("《条例》第一条"),
            ratio: Some(BasisPoints(5000)),
            frequency: Frequency::parse("1次/年").ok_or("freq")?,
            remarks: String::new(),
        }],
    )
    .map_err(|e| e.to_string())?;
    let run = |ratio: u32| -> Result<(f64, usize), String> {
        let plan = DrawPlan {
            id: "M".into(),
            title: "matching".into(),
            items: vec!["K".into()],
            inspection_date: as_of,
            filter: TargetFilter::default(),
            stratify_by: StratifyBy::None,
            strata: vec![Stratum {
                key: "all".into(),
                ratio: BasisPoints(ratio),
                min: 0,
            }],
            rounding: Rounding::Ceil,
            must_include: vec![],
            must_include_reasons: Default::default(),
            exclusions: Exclusions::default(),
            alternates_per_stratum: 0,
            batches: None,
            team: TeamRules {
                departments: vec![DepartmentTeam {
                    department: "治安".into(),
                    officers: 2,
                    experts: 0,
                    required_expertise: vec![],
                    preferred_expertise: vec![],
                }],
                workload_cap: 8,
                recuse_own_region: true,
                recent_visit_days: None,
                previous_visits: vec![],
            },
            level: None,
            annual_task: None,
        };
        let c = Commitment {
            algorithm: ALGORITHM.into(),
            suite: Default::default(),
            plan,
            roots: RegisterRoots {
                item_list: items.hash(),
                targets: targets.root(),
                inspectors: inspectors.root(),
            },
            as_of: None,
            participants: vec![
                Participant {
                    id: "a".into(),
                    role: "a".into(),
                    commitment: commit_secret("a", &[1; 32]),
                    public_key: None,
                    distid: None,
                },
                Participant {
                    id: "b".into(),
                    role: "b".into(),
                    commitment: commit_secret("b", &[2; 32]),
                    public_key: None,
                    distid: None,
                },
            ],
            signers: vec![Signatory {
                name: "s".into(),
                public_key: public_key_hex(&SigningKey::from_bytes(&[3; 32])),
                distid: None,
            }],
            beacon: BeaconChoice::Offline,
            committed_at: 0,
            supersedes: None,
            log_checkpoint: None,
        };
        let signed = SignedCommitment::new(c).map_err(|e| e.to_string())?;
        let reveals = [
            Reveal {
                participant: "a".into(),
                secret: hex::encode([1u8; 32]),
                signature: None,
            },
            Reveal {
                participant: "b".into(),
                secret: hex::encode([2u8; 32]),
                signature: None,
            },
        ];
        let t = Instant::now();
        let rec = draw(DrawInputs {
            commitment: &signed,
            item_list: &items,
            targets: &targets,
            inspectors: &inspectors,
            reveals: &reveals,
            beacon: None,
            published: &[],
        })
        .map_err(|e| e.to_string())?;
        Ok((t.elapsed().as_secs_f64(), rec.teams.len()))
    };
    let (full, teams) = run(5000)?;
    let (small, _) = run(1)?;
    println!("{teams} teams from 50,000 inspectors: draw {full:.3} s; same draw with 20 targets {small:.3} s; matching ≈ {:.3} s", full - small);
    Ok(())
}
