//! A readable summary of a sealed record, with Chinese and English labels.

use shuangsuiji::{draw::BeaconChoice, SealedRecord, Verified};

pub fn print(s: &SealedRecord, v: &Verified) {
    let r = &s.record;
    let c = &r.commitment.commitment;
    println!("抽查计划 Plan: {} — {}", c.plan.id, c.plan.title);
    println!("算法 Algorithm: {}", r.algorithm);
    println!(
        "事项清单 Item list: {} (hash {})",
        r.item_list.version(),
        c.roots.item_list
    );
    println!("对象库根 Target register root: {}", c.roots.targets);
    println!("人员库根 Inspector register root: {}", c.roots.inspectors);
    println!(
        "承诺 Commitment: {} (signed by {})",
        r.commitment.hash,
        r.commitment.signatures.len()
    );
    for p in &c.participants {
        println!(
            "  参与方 Participant {} ({}): commitment {}",
            p.id, p.role, p.commitment
        );
    }
    match (&c.beacon, &r.beacon) {
        (BeaconChoice::Drand(spec), Some(b)) => println!(
            "信标 Beacon: drand quicknet round {} (time {}), randomness {}",
            b.round,
            spec.round_time(),
            b.randomness
        ),
        _ => println!("信标 Beacon: none (offline mode, reveals only)"),
    }
    println!("种子 Seed: {}", r.seed);
    println!("分层 Strata:");
    for st in &r.strata {
        println!("  {:<12} 总数 population {:>5}  比例 ratio {:>6}  抽取 quota {:>3}  备选 alternates {}", st.key, st.population, st.ratio.to_string(), st.quota, st.alternates.len());
    }
    println!("必查名单 100% list: {}", r.must_include.len());
    println!("排除 Exclusions: {}", r.exclusions.len());
    println!("检查组 Teams ({}):", r.teams.len());
    for t in &r.teams {
        let m: Vec<String> = t.members.iter().map(|m| m.inspector.clone()).collect();
        println!("  {}  ←  {}", t.target, m.join(", "));
    }
    if !r.batches.is_empty() {
        println!(
            "批次 Batches: {}",
            r.batches
                .iter()
                .map(|b| b.len().to_string())
                .collect::<Vec<_>>()
                .join(" / ")
        );
    }
    println!("记录哈希 Record hash: {}", v.record_hash);
    println!(
        "签名 Signatures: {}",
        s.signatures
            .iter()
            .map(|x| x.signer.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );
    println!("核验 Verified: 通过 OK ({} targets selected)", v.selected);
}
