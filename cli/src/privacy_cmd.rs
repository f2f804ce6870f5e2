//! `shuangsuiji privacy …`: draw/v3's sealed classes (docs/spec/privacy.md) for a clerk —
//! seal the register, prove a selection, check it as the public and as the auditor, and
//! count what the published files disclose.

use crate::util;
use clap::{Args, Subcommand};
use shuangsuiji::draw::DrawPlan;
use shuangsuiji::privacy::{
    check_auditor, check_auditor_with, check_public, disclosure, prove, ClassProof, Disclosure,
    PrivacyError, Recusals, SealedView, SelectionInputs, ViewKey,
};
use shuangsuiji::Explain;
use shuangsuiji::PublicInspectorRegister;
use shuangsuiji::{import, Digest32, ItemList, Suite, TargetRegister};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum PrivacyCmd {
    /// 密封名录 Seal the target register: classes become commitments; writes the sealed
    /// view (published) and a fresh view key (kept, handed to the auditor).
    Seal(SealArgs),
    /// 生成类别证明 The draw/v3 selection and its class proof, from the full register.
    Prove(ProveArgs),
    /// 核验 Check a class proof as the public (sealed view) and, with the register and the
    /// view key, as the auditor.
    Verify(VerifyArgs),
    /// 披露统计 What a class proof discloses: targets with any class fact, and their share.
    Report(ReportArgs),
    /// 示例 Seal, prove, check and count on the bundled sample.
    Demo(DemoArgs),
}

#[derive(Args)]
pub struct RegisterArg {
    /// 检查对象名录库 The full target register (JSON, or CSV/XLSX read as of --as-of).
    #[arg(long)]
    targets: PathBuf,
    /// 名录库日期 The register date, for a CSV/XLSX register.
    #[arg(long)]
    as_of: Option<String>,
}

#[derive(Args)]
pub struct SealArgs {
    #[command(flatten)]
    register: RegisterArg,
    /// 密封名录输出 Where to write the sealed view (JSON).
    #[arg(long)]
    out: PathBuf,
    /// 视图密钥输出 Where to write the new view key (64 hex digits; keep it private).
    #[arg(long)]
    key_out: PathBuf,
    /// 人员公开视图（含回避对象）The inspector view with its declared conflicts (JSON, as
    /// `import inspectors` or `demo` write it): the conflicts are sealed into the target
    /// entries.
    #[arg(long)]
    inspectors: PathBuf,
    /// 人员公开视图输出 Where to write the inspector view draw/v3 publishes: the same, without
    /// the conflicts.
    #[arg(long)]
    inspectors_out: PathBuf,
    /// Overwrite existing files.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
pub struct SelectionArgs {
    /// 抽查计划 The draw plan (JSON).
    #[arg(long)]
    plan: PathBuf,
    /// 检查事项清单 The item list (CSV/XLSX, or JSON).
    #[arg(long)]
    items: PathBuf,
    /// 清单版本 The item list's version, for a CSV/XLSX list.
    #[arg(long, default_value = "")]
    items_version: String,
    /// 种子 The draw's seed (64 hex digits).
    #[arg(long)]
    seed: String,
    /// 算法套件 ed25519-sha256 (default) or sm2-sm3: tickets under its hash.
    #[arg(long, default_value = "ed25519-sha256")]
    suite: util::SuiteArg,
}

#[derive(Args)]
pub struct ProveArgs {
    #[command(flatten)]
    selection: SelectionArgs,
    #[command(flatten)]
    register: RegisterArg,
    /// 视图密钥 The view key the register was sealed under.
    #[arg(long)]
    key: PathBuf,
    /// 类别证明输出 Where to write the class proof (JSON).
    #[arg(long)]
    out: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    selection: SelectionArgs,
    /// 密封名录 The sealed view (JSON), as published.
    #[arg(long)]
    sealed: PathBuf,
    /// 类别证明 The class proof (JSON), as published.
    #[arg(long)]
    proof: PathBuf,
    /// 审计：完整名录库 Auditor: the full register (with --key).
    #[arg(long, requires = "key")]
    targets: Option<PathBuf>,
    /// 审计：名录库日期 For a CSV/XLSX register.
    #[arg(long)]
    as_of: Option<String>,
    /// 审计：视图密钥 Auditor: the view key.
    #[arg(long, requires = "targets")]
    key: Option<PathBuf>,
    /// 审计：保管方人员视图（含回避对象）Auditor: the keeper's inspector view with its
    /// declared conflicts, to recompute each entry's recusal commitment too.
    #[arg(long, requires = "key")]
    inspectors: Option<PathBuf>,
}

#[derive(Args)]
pub struct ReportArgs {
    /// 密封名录 The sealed view (JSON).
    #[arg(long)]
    sealed: PathBuf,
    /// 类别证明 The class proof (JSON).
    #[arg(long)]
    proof: PathBuf,
}

#[derive(Args)]
pub struct DemoArgs {
    /// Sample data directory (default: examples/data).
    #[arg(long)]
    data: Option<PathBuf>,
    /// 写出 draw/v3 抽取的公开文件（记录、封存视图、人员公开视图）及 private/（完整名录库、
    /// 视图密钥）· Write the draw/v3 draw's published files (record, sealed view, public
    /// inspector view) into DIR, and the keeper's private ones into DIR/private/.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write the draw/v3 known-answer vector into DIR/v3-privacy/.
    #[arg(long)]
    vectors: Option<PathBuf>,
}

pub fn run(c: PrivacyCmd) -> Result<(), String> {
    match c {
        PrivacyCmd::Seal(a) => seal(a),
        PrivacyCmd::Prove(a) => prove_cmd(a),
        PrivacyCmd::Verify(a) => verify(a),
        PrivacyCmd::Report(a) => report(a),
        PrivacyCmd::Demo(a) => demo(a),
    }
}

fn bilingual(e: PrivacyError) -> String {
    e.message_bilingual()
}

fn register(r: &RegisterArg) -> Result<TargetRegister, String> {
    load_register(&r.targets, r.as_of.as_deref())
}

fn load_register(path: &Path, as_of: Option<&str>) -> Result<TargetRegister, String> {
    let bytes = util::read(path)?;
    if import::json_document(&bytes).is_some() {
        return util::load_json(path);
    }
    let as_of = as_of.ok_or_else(|| {
        format!(
            "{}: 表格形式的名录库须给出 --as-of · a CSV/XLSX register needs --as-of",
            path.display()
        )
    })?;
    let as_of = util::date_or_today("--as-of", Some(as_of))?;
    import::targets(&bytes, as_of)
        .map_err(|e| format!("{}:\n{}", path.display(), crate::import_cmd::report(e)))
}

fn load_items(path: &Path, version: &str) -> Result<ItemList, String> {
    let bytes = util::read(path)?;
    if import::json_document(&bytes).is_some() {
        return util::load_json(path);
    }
    import::items(&bytes, version)
        .map_err(|e| format!("{}:\n{}", path.display(), crate::import_cmd::report(e)))
}

fn read_view_key(path: &Path) -> Result<ViewKey, String> {
    Ok(ViewKey(util::read_key(path)?))
}

struct Selection {
    plan: DrawPlan,
    items: ItemList,
    seed: Digest32,
    suite: Suite,
}

impl Selection {
    fn load(a: &SelectionArgs) -> Result<Selection, String> {
        Ok(Selection {
            plan: util::load_json(&a.plan)?,
            items: load_items(&a.items, &a.items_version)?,
            seed: Digest32::from_hex(a.seed.trim())
                .ok_or("--seed 须为 64 位十六进制 · --seed must be 64 hex digits")?,
            suite: a.suite.0,
        })
    }
    fn inputs(&self) -> SelectionInputs<'_> {
        SelectionInputs {
            suite: self.suite,
            plan: &self.plan,
            items: &self.items,
            seed: self.seed,
        }
    }
}

fn seal(a: SealArgs) -> Result<(), String> {
    util::refuse_overwrite(&a.out, a.force)?;
    util::refuse_overwrite(&a.key_out, a.force)?;
    util::refuse_overwrite(&a.inspectors_out, a.force)?;
    let reg = register(&a.register)?;
    let declared: PublicInspectorRegister = util::load_json(&a.inspectors)?;
    let recusals = Recusals::of_public(&declared);
    let unknown = recusals.unknown_targets(&reg);
    if !unknown.is_empty() {
        return Err(format!(
            "人员视图中的回避对象不在检查对象名录中，无法封存：{} · declared conflicts name targets not in the register, so they cannot be sealed: {}",
            unknown.join(", "),
            unknown.join(", ")
        ));
    }
    let mut k = [0u8; 32];
    rand_core::TryRngCore::try_fill_bytes(&mut rand_core::OsRng, &mut k)
        .map_err(|e| format!("无法取得随机数 · no randomness from the system: {e}"))?;
    let key = ViewKey(k);
    let view = SealedView::of(&reg, &recusals, &key);
    let mut key_text = hex::encode(k).into_bytes();
    key_text.push(b'\n');
    let published = declared.without_conflicts();
    util::write_all_atomic(&[
        (&a.out, &util::to_json(&view)?),
        (&a.key_out, &key_text),
        (&a.inspectors_out, &util::to_json(&published)?),
    ])?;
    let declarations: usize = declared
        .inspectors()
        .iter()
        .map(|i| i.conflicts.len())
        .sum();
    println!(
        "已密封 {} 条（含 {} 项回避声明），根 {} · sealed {} entries ({} declared conflicts), root {}\n视图密钥（保密，交审计方）· view key (keep private, give the auditor): {}\n公开的人员视图（不含回避对象）· inspector view to publish (no conflicts): {}",
        view.targets.len(),
        declarations,
        view.root_in(Suite::Ed25519Sha256).map_err(|e| e.to_string())?,
        view.targets.len(),
        declarations,
        view.root_in(Suite::Ed25519Sha256).map_err(|e| e.to_string())?,
        a.key_out.display(),
        a.inspectors_out.display()
    );
    Ok(())
}

fn prove_cmd(a: ProveArgs) -> Result<(), String> {
    util::refuse_overwrite(&a.out, a.force)?;
    let s = Selection::load(&a.selection)?;
    let reg = register(&a.register)?;
    let key = read_view_key(&a.key)?;
    let proof = prove(s.inputs(), &reg, &key).map_err(bilingual)?;
    util::write_atomic(&a.out, &util::to_json(&proof)?)?;
    print_disclosure(&disclosure(&proof, reg.targets().len() as u64));
    Ok(())
}

fn verify(a: VerifyArgs) -> Result<(), String> {
    let s = Selection::load(&a.selection)?;
    let view: SealedView = util::load_json(&a.sealed)?;
    let proof: ClassProof = util::load_json(&a.proof)?;
    let public = check_public(s.inputs(), &view, &proof);
    println!("种子按给定值使用：尚无 draw/v3 记录证明其来源（须来自承诺了该密封名录根的抽取）· the seed is used as given: no draw/v3 record proves where it came from yet (it must be the seed of a draw whose commitment fixed this sealed root)");
    println!("公众核验（密封名录与类别证明）· public checks (sealed view and class proof):");
    match &public {
        Ok(v) => {
            println!("  通过 PASSED · 名录根 targets root {}", v.targets_root);
            println!("  可抽对象 eligible: {}", v.eligible);
            for s in &v.strata {
                let bound = if v.attribute.is_some() {
                    "（已与承诺核对 bound to the commitments）"
                } else {
                    "（按公开字段计数 counted from public fields）"
                };
                println!(
                    "  层 stratum {}: 对象数 population {}{bound}，应抽 quota {}，保留 kept {}",
                    s.key, s.population, s.quota, s.kept
                );
            }
            if v.attribute.is_some() {
                println!("  已核：每个可抽对象的承诺之和为一类、各层对象数与承诺之和相符、各层保留号签最低的成员、无多余开启 · checked: each eligible target's commitments add up to one class, populations are the commitments' sums, each stratum keeps its members' lowest tickets, no extra opening");
                if proof.strata.iter().any(|s| s.zero_blind.is_some()) {
                    println!("  已核：全部保留的层，其余可抽对象均承诺为 0 · checked: in a stratum kept whole, every other eligible target commits to 0");
                }
                println!("  未核（需审计）：类别是否属实、未开启的承诺是否为 0/1 · not checked (auditor's): whether each class is the register's, whether every unopened commitment is 0 or 1");
            } else {
                println!("  计划不分类别：按号签最低者入选已核，不涉及任何类别 · the plan has no classes: the lowest tickets are checked, no class is involved");
            }
        }
        Err(e) => println!("  未通过 FAILED:\n{}", e.message_bilingual()),
    }
    match (&a.targets, &a.key) {
        (Some(t), Some(k)) => {
            let reg = load_register(t, a.as_of.as_deref())?;
            let key = read_view_key(k)?;
            println!("审计核验（完整名录与视图密钥）· auditor checks (full register and view key):");
            let declared = a
                .inspectors
                .as_deref()
                .map(util::load_json::<PublicInspectorRegister>)
                .transpose()?
                .map(|v| Recusals::of_public(&v));
            let checked = match &declared {
                Some(r) => check_auditor_with(s.inputs(), &reg, r, &key, &view, &proof),
                None => check_auditor(s.inputs(), &reg, &key, &view, &proof),
            };
            match checked {
                Ok(v) => {
                    println!(
                        "  通过 PASSED · 重算 {} 条密封条目与类别证明，与所发布的内容相同 · re-sealed {} entries and re-proved: the same as published",
                        v.entries, v.entries
                    );
                    if !v.recusals_checked {
                        println!("  回避承诺未核（需 --inspectors 保管方含回避对象的人员视图）· recusal commitments not checked (need --inspectors, the keeper's inspector view with its conflicts)");
                    }
                }
                Err(e) => {
                    println!("  未通过 FAILED:\n{}", e.message_bilingual());
                    return Err("审计核验未通过 · the auditor check failed".into());
                }
            }
        }
        _ => println!(
            "审计核验：未做（需 --targets 与 --key）· auditor checks: not done (need --targets and --key) — 类别是否属实、未开启的承诺是否为 0/1 · whether each class is the register's, whether every unopened commitment is 0 or 1"
        ),
    }
    public
        .map(|_| ())
        .map_err(|_| "公众核验未通过 · the public check failed".to_string())
}

fn report(a: ReportArgs) -> Result<(), String> {
    let view: SealedView = util::load_json(&a.sealed)?;
    let proof: ClassProof = util::load_json(&a.proof)?;
    println!("按所给类别证明计数，未核验；请先用 privacy verify 核验 · counted from the proof as given, not checked: run privacy verify first");
    print_disclosure(&disclosure(&proof, view.targets.len() as u64));
    Ok(())
}

pub(crate) fn print_disclosure(d: &Disclosure) {
    println!(
        "披露 disclosure: 名录 {} 条，可抽 {}；公开文件可知其类别事实的对象 {}（{}.{:02}%）：入选/备选（类别公开）{}，仅知“不属于某层” {}（其中仅由全部保留的层推知 {}），由此可推知类别 {} · register {}, eligible {}; targets with any class fact in the published files {} ({}.{:02}%): kept (class public) {}, \"not in k\" only {} (of which implied only by a stratum kept whole {}); class inferable {}",
        d.register, d.eligible, d.disclosed, d.share_bp / 100, d.share_bp % 100,
        d.full_class, d.negative_only, d.implied_only, d.recovered,
        d.register, d.eligible, d.disclosed, d.share_bp / 100, d.share_bp % 100,
        d.full_class, d.negative_only, d.implied_only, d.recovered
    );
}

/// The demo's view key and seed: fixed, so that the vector is reproducible (a real view key
/// comes from `privacy seal`, a real seed from the draw).
pub(crate) const DEMO_VIEW_KEY: [u8; 32] = [0x3c; 32];
const DEMO_SEED: &str = "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed";
/// The vector's register: the sample's first entries by id that pass the plan's filter (the
/// whole sealed sample is about 10 MB).
const VECTOR_TARGETS: usize = 300;

fn demo(a: DemoArgs) -> Result<(), String> {
    let d = crate::demo::data_dir(a.data.as_deref())?;
    let as_of = util::date_or_today("--as-of", Some(crate::demo::DEMO_AS_OF))?;
    let (items, reg, plan) = crate::demo::sample_data(&d, as_of)?;
    let key = ViewKey(DEMO_VIEW_KEY);
    let seed = Digest32::from_hex(DEMO_SEED).ok_or("demo seed")?;
    let inp = SelectionInputs {
        suite: Suite::Ed25519Sha256,
        plan: &plan,
        items: &items,
        seed,
    };
    let view = SealedView::of(&reg, &Recusals::none(), &key);
    let proof = prove(inp, &reg, &key).map_err(bilingual)?;
    let v = check_public(inp, &view, &proof).map_err(bilingual)?;
    check_auditor(inp, &reg, &key, &view, &proof).map_err(bilingual)?;
    println!("示例（draw/v3，{} 条）：公众核验与审计核验均通过 · sample (draw/v3, {} entries): public and auditor checks passed", reg.targets().len(), reg.targets().len());
    for s in &v.strata {
        println!(
            "  层 stratum {}: population {}, quota {}, kept {}",
            s.key, s.population, s.quota, s.kept
        );
    }
    print_disclosure(&disclosure(&proof, reg.targets().len() as u64));
    // The whole draw/v3: commitment over the sealed root, reveals, round, record, both
    // verifications.
    let inspectors = import::inspectors(&util::read(&d.join("inspectors.csv"))?, as_of)
        .map_err(|e| e.to_string())?;
    let public = inspectors.public_view(&util::read_key(&d.join("inspector-salt.key"))?);
    let drawn = crate::privacy_draw::run(
        &items,
        reg.clone(),
        &public,
        plan.clone(),
        ViewKey(DEMO_VIEW_KEY),
        &d,
    )?;
    let rec = &drawn.sealed.record;
    println!(
        "draw/v3 记录 record {}：抽中 {} 个（含必查 {} 个），检查组 {} 个；公众核验（封存视图）与审计核验（完整名录库与视图密钥）均通过 · selected {} ({} on the 100 % list), {} teams; the public check (sealed view) and the auditor's (full register, view key) passed",
        drawn.sealed.hash,
        rec.selected_ids().count(),
        rec.must_include.len(),
        rec.teams.len(),
        rec.selected_ids().count(),
        rec.must_include.len(),
        rec.teams.len()
    );
    if let Some(p) = &rec.classes {
        print_disclosure(&disclosure(p, reg.targets().len() as u64));
    }
    let declared: usize = public.inspectors().iter().map(|i| i.conflicts.len()).sum();
    let revealed: usize = rec.recusals.iter().map(|r| r.inspectors.len()).sum();
    println!(
        "回避关系 conflicts: 名录中声明 {declared} 项，公开文件可知 {revealed} 项（仅限派出检查组的 {} 个对象的回避名单）· {declared} declared, {revealed} revealed by the published files (only the recusal sets of the {} targets teams go to)",
        rec.recusals.len(),
        rec.recusals.len()
    );
    if let Some(out) = &a.out {
        crate::privacy_draw::write(
            out,
            &drawn.sealed,
            &drawn.keeper,
            &drawn.inspectors,
            &public,
        )?;
        println!(
            "已写出 written: {0}/record.json, {0}/targets.sealed.json, {0}/inspectors.public.json（公开 published）; {0}/private/（保管方与审计方 keeper and auditor only）\n核验 verify: shuangsuiji verify {0}/record.json --targets {0}/targets.sealed.json --inspectors {0}/inspectors.public.json\n审计 audit:  shuangsuiji verify {0}/record.json --targets {0}/private/targets.json --view-key {0}/private/view.key --inspectors {0}/private/inspectors.declared.json",
            out.display()
        );
    }
    if let Some(dir) = a.vectors {
        write_vector(&dir.join("v3-privacy"), &reg, &items, &plan, &key, &seed)?;
        let (excerpt, excerpt_plan) = vector_excerpt(&reg, &plan)?;
        crate::privacy_draw::write_vector(
            &dir.join("v3-privacy"),
            &crate::privacy_draw::VectorDraw {
                items: &items,
                register: excerpt,
                plan: excerpt_plan,
                public: &public,
                key: ViewKey(DEMO_VIEW_KEY),
                data: &d,
            },
        )?;
    }
    Ok(())
}

/// The vectors' register and plan: the sample's first entries by id that pass the plan's
/// filter, and the plan without its 100 % list (it names targets outside the excerpt) and
/// with twelve alternates, which make the excerpt's small 高风险 stratum one kept whole (its
/// zero check), the others walked.
pub(crate) fn vector_excerpt(
    reg: &TargetRegister,
    plan: &DrawPlan,
) -> Result<(TargetRegister, DrawPlan), String> {
    let mut plan = plan.clone();
    plan.must_include.clear();
    plan.must_include_reasons.clear();
    plan.alternates_per_stratum = 12;
    let sub: Vec<_> = reg
        .targets()
        .iter()
        .filter(|t| plan.filter.admits(t))
        .take(VECTOR_TARGETS)
        .cloned()
        .collect();
    let reg = TargetRegister::new(reg.as_of(), sub).map_err(|e| e.to_string())?;
    Ok((reg, plan))
}

fn write_vector(
    dir: &Path,
    reg: &TargetRegister,
    items: &ItemList,
    plan: &DrawPlan,
    key: &ViewKey,
    seed: &Digest32,
) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let (reg, plan) = vector_excerpt(reg, plan)?;
    let inp = SelectionInputs {
        suite: Suite::Ed25519Sha256,
        plan: &plan,
        items,
        seed: *seed,
    };
    let view = SealedView::of(&reg, &Recusals::none(), key);
    let proof = prove(inp, &reg, key).map_err(bilingual)?;
    let public = check_public(inp, &view, &proof).map_err(bilingual)?;
    let auditor = check_auditor(inp, &reg, key, &view, &proof).map_err(bilingual)?;
    let first = view.targets.first().ok_or("empty register")?;
    // Intermediate values for re-implementers: the walk's order, and the zero check's
    // kept-list digest and weights of each stratum kept whole.
    let eligible = shuangsuiji::privacy::eligible_tickets(inp, &reg).map_err(bilingual)?;
    let mut zero = serde_json::Map::new();
    for s in proof.strata.iter().filter(|s| s.zero_blind.is_some()) {
        use shuangsuiji::privacy::pedersen::{kept_digest, scalar_hex, zero_weight};
        let kept: Vec<&str> = s
            .selected
            .iter()
            .chain(&s.alternates)
            .map(|t| t.target.as_str())
            .collect();
        let d = kept_digest(kept.iter().copied());
        let weights: Vec<serde_json::Value> = eligible
            .iter()
            .filter(|t| !kept.contains(&t.target.as_str()))
            .map(|t| serde_json::json!({"target": t.target, "weight": scalar_hex(&zero_weight(&seed.0, &s.key, &d, &t.target))}))
            .collect();
        zero.insert(
            s.key.clone(),
            serde_json::json!({"kept_digest": hex::encode(d), "weights": weights}),
        );
    }
    let vector = serde_json::json!({
        "description": "draw/v3 sealed classes (docs/spec/privacy.md): the sample register's first 300 entries by id that pass the sample plan's filter, that plan without its 100 % list and with twelve alternates per stratum (高风险, 14 members, is kept whole: its zero_blind), a fixed view key and seed in; the sealed view, its root, the first leaf's canonical bytes, the value base V, the eligible targets in the walk's order with their tickets, the zero check's kept-list digest and weights, the class proof, the public and the auditor verdicts, and the disclosure out.",
        "generated_by": format!("shuangsuiji privacy demo --vectors (shuangsuiji {}), from examples/data", env!("CARGO_PKG_VERSION")),
        "inputs": {
            "suite": "ed25519-sha256",
            "seed": seed,
            "view_key": hex::encode(key.0),
            "plan": plan,
            "item_list": items,
            "register": reg,
        },
        "expected": {
            "sealed_view": view,
            "targets_root": public.targets_root,
            "first_leaf": String::from_utf8(first.leaf_bytes().map_err(|e| e.to_string())?).map_err(|e| e.to_string())?,
            "value_base": shuangsuiji::privacy::pedersen::point_hex(&shuangsuiji::privacy::pedersen::value_base()),
            "eligible_by_ticket": eligible,
            "zero_weights": zero,
            "proof": proof,
            "public_verdict": public,
            "auditor_verdict": auditor,
            "disclosure": disclosure(&proof, reg.targets().len() as u64),
        }
    });
    util::write_atomic(&dir.join("selection.json"), &util::to_json(&vector)?)
}
