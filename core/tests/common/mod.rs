//! Small synthetic registers and a plan builder for draw tests.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use shuangsuiji::{draw::*, encoding::*, hazmat::*, registers::fields::*, registers::*, *};
use std::collections::BTreeMap;
use time::macros::date;

pub const AS_OF: Date = date!(2023 - 08 - 23);
pub const DAY: Date = date!(2023 - 09 - 04);
pub const ZA: &str = "治安总队";
pub const SC: &str = "市场监管局";

/// A valid USCC from a number.
pub fn uscc(n: u32) -> String {
    let head17 = format!("91410100{n:09}");
    format!("{head17}{}", uscc_check_char(&head17).unwrap())
}

pub fn target(n: u32, risk: RiskLevel, region: &str) -> Target {
    let id = uscc(n);
    Target {
        id: id.clone(),
        uscc: Some(id),
        name: format!("测试企业{n}"),
        established: Some(date!(2015 - 01 - 01)),
        address: "河南省郑州市".into(),
        region: region.into(),
        industry: "R9011".into(),
        kind: TargetKind::Enterprise,
        credit: CreditClass::B,
        risk,
        department: ZA.into(),
        status: TargetStatus::Active,
        grade: None,
        last_inspected: BTreeMap::new(),
    }
}

pub fn targets(n: u32) -> Vec<Target> {
    let risks = [
        RiskLevel::Low,
        RiskLevel::MediumLow,
        RiskLevel::MediumHigh,
        RiskLevel::High,
    ];
    let regions = ["410102", "410103", "410105"];
    (0..n)
        .map(|i| target(i, risks[(i % 4) as usize], regions[(i % 3) as usize]))
        .collect()
}

pub fn inspector(n: u32, dept: &str, region: &str) -> Inspector {
    Inspector {
        id: format!("P{n:04}"),
        department: dept.into(),
        unit: "某单位".into(),
        region: Some(region.into()),
        rank: "一级警长".into(),
        qualification: Some(Qualification {
            certificate: format!("C{n}"),
            valid_from: date!(2020 - 01 - 01),
            valid_until: date!(2028 - 01 - 01),
        }),
        expertise: vec![],
        status: InspectorStatus::Active,
        expert: false,
        conflicts: vec![],
        personal: PersonalInfo {
            name: format!("人员{n}"),
            sex: Some(Sex::Male),
            badge: format!("{:06}", n),
            office_phone: "0371-60000000".into(),
            mobile: format!("138{:08}", n),
        },
    }
}

pub fn inspectors(za: u32, sc: u32) -> Vec<Inspector> {
    let regions = ["410102", "410103", "410105", "410302"];
    (0..za)
        .map(|i| inspector(i, ZA, regions[(i % 4) as usize]))
        .chain((0..sc).map(|i| inspector(1000 + i, SC, regions[(i % 4) as usize])))
        .collect()
}

pub fn items() -> ItemList {
    let mut general = Item {
        id: "HA-GAT-002".into(),
        department: ZA.into(),
        name: "娱乐场所监督检查".into(),
        target_scope: vec!["娱乐场所".into()],
        content: "备案情况".into(),
        category: Category::General,
        methods: vec![Method::OnSite],
        levels: vec![Level::Province],
        legal_basis: LegalBasis::parse_list("《娱乐场所管理条例》（国务院令第458号）第三条"),
        ratio: Some(BasisPoints(500)),
        frequency: Frequency::parse("1次/年").unwrap(),
        remarks: String::new(),
    };
    let mut key = general.clone();
    key.id = "HA-GAT-006".into();
    key.category = Category::Key;
    key.ratio = Some(BasisPoints(5000));
    general.remarks.clear();
    ItemList::new("test", vec![general, key]).unwrap()
}

pub fn plan() -> DrawPlan {
    DrawPlan {
        id: "T-1".into(),
        title: "测试".into(),
        items: vec!["HA-GAT-002".into()],
        inspection_date: DAY,
        filter: TargetFilter::default(),
        stratify_by: StratifyBy::Risk,
        strata: ["low", "medium_low", "medium_high", "high"]
            .iter()
            .map(|k| Stratum {
                key: (*k).into(),
                ratio: BasisPoints(500),
                min: 0,
            })
            .collect(),
        rounding: Rounding::Ceil,
        must_include: vec![],
        must_include_reasons: Default::default(),
        exclusions: Exclusions::default(),
        alternates_per_stratum: 2,
        batches: None,
        team: TeamRules {
            departments: vec![DepartmentTeam {
                department: ZA.into(),
                officers: 2,
                experts: 0,
                required_expertise: vec![],
                preferred_expertise: vec![],
            }],
            workload_cap: 10,
            recuse_own_region: false,
            recent_visit_days: None,
            previous_visits: vec![],
        },
        level: None,
        annual_task: None,
    }
}

/// `plan()` with a second department (市场监管) sending two officers: a joint draw.
pub fn joint_plan() -> DrawPlan {
    let mut p = plan();
    p.team.departments.push(DepartmentTeam {
        department: SC.into(),
        officers: 2,
        experts: 0,
        required_expertise: vec![],
        preferred_expertise: vec![],
    });
    p
}

pub const KEY: [u8; 32] = [42; 32];
pub const SIGNER_KEY: [u8; 32] = [9; 32];

pub struct World {
    pub items: ItemList,
    pub targets: TargetRegister,
    pub inspectors: PublicInspectorRegister,
}

impl World {
    pub fn new(t: Vec<Target>, i: Vec<Inspector>) -> World {
        World {
            items: items(),
            targets: TargetRegister::new(AS_OF, t).unwrap(),
            inspectors: InspectorRegister::new(AS_OF, i).unwrap().public_view(&KEY),
        }
    }

    pub fn commitment(
        &self,
        plan: DrawPlan,
        secret: u8,
        beacon: BeaconChoice,
        committed_at: i64,
    ) -> SignedCommitment {
        let c = Commitment {
            log_checkpoint: None,
            algorithm: ALGORITHM.into(),
            suite: Default::default(),
            plan,
            roots: RegisterRoots {
                item_list: self.items.hash(),
                targets: self.targets.root(),
                inspectors: self.inspectors.root(),
            },
            as_of: None,
            participants: vec![
                Participant {
                    id: "dept".into(),
                    role: "检查部门".into(),
                    commitment: commit_secret("dept", &[secret; 32]),
                    public_key: None,
                    distid: None,
                },
                Participant {
                    id: "jjjc".into(),
                    role: "纪检监察".into(),
                    commitment: commit_secret("jjjc", &[secret ^ 0xff; 32]),
                    public_key: None,
                    distid: None,
                },
            ],
            signers: vec![Signatory {
                name: "负责人".into(),
                public_key: public_key_hex(&SigningKey::from_bytes(&SIGNER_KEY)),
                distid: None,
            }],
            beacon,
            committed_at,
            supersedes: None,
        };
        let mut s = SignedCommitment::new(c).unwrap();
        s.sign("负责人", &SigningKey::from_bytes(&SIGNER_KEY));
        s
    }

    pub fn reveals(secret: u8) -> Vec<Reveal> {
        vec![
            Reveal {
                participant: "dept".into(),
                secret: hex::encode([secret; 32]),
                signature: None,
            },
            Reveal {
                participant: "jjjc".into(),
                secret: hex::encode([secret ^ 0xff; 32]),
                signature: None,
            },
        ]
    }

    /// An offline-mode draw of `plan` with secret byte `secret`.
    pub fn run(&self, plan: DrawPlan, secret: u8) -> Result<DrawRecord, DrawError> {
        let c = self.commitment(plan, secret, BeaconChoice::Offline, 0);
        self.draw_under(&c, secret, None)
    }

    /// A draw under `c` with the reveals of secret byte `secret`.
    pub fn draw_under(
        &self,
        c: &SignedCommitment,
        secret: u8,
        beacon: Option<&BeaconRound>,
    ) -> Result<DrawRecord, DrawError> {
        draw(DrawInputs {
            commitment: c,
            item_list: &self.items,
            targets: &self.targets,
            inspectors: &self.inspectors,
            reveals: &World::reveals(secret),
            beacon,
            published: &[],
        })
    }

    /// An edited commitment, hashed again and signed by the test signer.
    pub fn resign(c: Commitment) -> SignedCommitment {
        let mut s = SignedCommitment::new(c).unwrap();
        s.sign("负责人", &SigningKey::from_bytes(&SIGNER_KEY));
        s
    }

    pub fn sealed(&self, plan: DrawPlan, secret: u8) -> SealedRecord {
        let mut s = SealedRecord::new(self.run(plan, secret).unwrap()).unwrap();
        s.sign("负责人", &SigningKey::from_bytes(&SIGNER_KEY));
        s
    }
}

/// The participants' own keys in draw/v2 tests.
pub const DEPT_KEY: [u8; 32] = [11; 32];
pub const JJJC_KEY: [u8; 32] = [12; 32];

impl World {
    /// A draw/v2 commitment of `plan`: participants with their keys, the registers' date,
    /// signed by the test signer and by both participants.
    pub fn commitment_v2(
        &self,
        plan: DrawPlan,
        secret: u8,
        beacon: BeaconChoice,
        committed_at: i64,
    ) -> SignedCommitment {
        let mut c = self
            .commitment(plan, secret, beacon, committed_at)
            .commitment;
        c.algorithm = ALGORITHM_V2.into();
        c.as_of = Some(AS_OF);
        // draw/v2 states the level and its annual task; a test that means to leave them out
        // clears them after.
        c.plan
            .level
            .get_or_insert(shuangsuiji::registers::Level::Province);
        if c.plan.annual_task.is_none() {
            c.plan.annual_task = Some(annual_plan_for(&c.plan, &self.items).task_ref("T").unwrap());
        }
        for (p, k) in c.participants.iter_mut().zip([DEPT_KEY, JJJC_KEY]) {
            p.public_key = Some(public_key_hex(&SigningKey::from_bytes(&k)));
        }
        World::sign_v2(c)
    }

    /// Hashes a draw/v2 commitment and signs it as the signer and both participants.
    pub fn sign_v2(c: Commitment) -> SignedCommitment {
        let mut s = World::resign(c);
        s.sign_as_participant("dept", &SigningKey::from_bytes(&DEPT_KEY));
        s.sign_as_participant("jjjc", &SigningKey::from_bytes(&JJJC_KEY));
        s
    }

    /// The participants' signed reveals of secret byte `secret` for `c`.
    pub fn reveals_v2(c: &SignedCommitment, secret: u8) -> Vec<Reveal> {
        vec![
            signed_reveal(
                "dept",
                &SigningKey::from_bytes(&DEPT_KEY),
                &c.hash,
                &[secret; 32],
            ),
            signed_reveal(
                "jjjc",
                &SigningKey::from_bytes(&JJJC_KEY),
                &c.hash,
                &[secret ^ 0xff; 32],
            ),
        ]
    }

    /// A draw under `c` with the given reveals (offline).
    pub fn draw_with(
        &self,
        c: &SignedCommitment,
        reveals: &[Reveal],
    ) -> Result<DrawRecord, DrawError> {
        draw(DrawInputs {
            commitment: c,
            item_list: &self.items,
            targets: &self.targets,
            inspectors: &self.inspectors,
            reveals,
            beacon: None,
            published: &[],
        })
    }

    /// An offline draw/v2 of `plan` with secret byte `secret`.
    pub fn run_v2(&self, plan: DrawPlan, secret: u8) -> Result<DrawRecord, DrawError> {
        let c = self.commitment_v2(plan, secret, BeaconChoice::Offline, 0);
        self.draw_with(&c, &World::reveals_v2(&c, secret))
    }
}

pub fn quicknet_round_123() -> BeaconRound {
    BeaconRound {
        round: 123,
        signature: "b75c69d0b72a5d906e854e808ba7e2accb1542ac355ae486d591aa9d43765482e26cd02df835d3546d23c4b13e0dfc92".into(),
        randomness: "fb8f7bc29bf24db51871ec8c79f3a1e4bd0557bc0dfcee9ed1d924e69d1c60dc".into(),
    }
}

/// The test annual plan's signatory key.
pub const ANNUAL_KEY: [u8; 32] = [13; 32];

/// A signed annual plan with one task "T" covering `plan`: its items and departments, the
/// whole year, at the lowest cap of its general items (100 % without one).
pub fn annual_plan_for(plan: &DrawPlan, items: &ItemList) -> SignedAnnualPlan {
    let depts: Vec<String> = plan
        .team
        .departments
        .iter()
        .map(|d| d.department.clone())
        .collect();
    let ratio = plan
        .items
        .iter()
        .filter_map(|i| items.get(i))
        .filter(|i| i.category == Category::General)
        .filter_map(|i| i.ratio_cap())
        .min()
        .unwrap_or(BasisPoints(10_000));
    let year = plan.inspection_date.year();
    let a = AnnualPlan {
        id: "AP-TEST".into(),
        year,
        issuer: "测试市人民政府".into(),
        item_list: items.version().into(),
        tasks: vec![AnnualTask {
            id: "T".into(),
            title: "测试任务".into(),
            items: plan.items.clone(),
            initiator: depts.first().cloned().unwrap_or_default(),
            participants: depts.iter().skip(1).cloned().collect(),
            from: Date::from_calendar_date(year, time::Month::January, 1).unwrap(),
            to: Date::from_calendar_date(year, time::Month::December, 31).unwrap(),
            ratio,
            joinable: false,
        }],
        signatories: vec![Signatory {
            name: "市政府办公室".into(),
            public_key: public_key_hex(&SigningKey::from_bytes(&ANNUAL_KEY)),
            distid: None,
        }],
        suite: Default::default(),
    };
    let mut s = SignedAnnualPlan::new(a).unwrap();
    s.sign("市政府办公室", &SigningKey::from_bytes(&ANNUAL_KEY));
    s
}
