//! A readable summary of a sealed record, with Chinese and English labels.

use shuangsuiji::trust::{BeaconSeen, ChainSource, Level, Verdict};
use shuangsuiji::{Explain, SealedRecord};

/// The record and its verdict. The beacon is named only when the verdict anchors it, keys
/// are printed beside names, and "通过" never stands without its level.
pub fn print(s: &SealedRecord, verdict: &Verdict) {
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
            "  参与方（记录自述）Participant (the record's claim) {} ({}): commitment {}",
            p.id, p.role, p.commitment
        );
    }
    println!(
        "承诺时间（记录自述）Commitment time (the record's claim): {}",
        c.committed_at
    );
    match (&verdict.beacon, &r.beacon) {
        (Some(b), Some(round)) => println!(
            "信标 Beacon: {} chain {} round {} (time {}), randomness {}",
            chain_label(b),
            b.chain_hash,
            b.round,
            b.round_time,
            round.randomness
        ),
        _ if !verdict.published_numbers.is_empty() => {
            println!("信标 Beacon: 公开开奖号码 published numbers — 请与官方开奖公告核对 compare with the official announcement");
            for p in &verdict.published_numbers {
                println!(
                    "  {} 第 {} 期 issue {}，开奖时间（承诺所述）draw time (as committed) {}，公告 announced in {}{}",
                    p.source,
                    p.issue,
                    p.issue,
                    p.draws_at,
                    p.announced_in,
                    if p.compared {
                        "：已与您录入的公告核对一致 matches the announcement you entered"
                    } else {
                        ""
                    }
                );
                for g in &p.groups {
                    println!(
                        "    {}（{} 个，{}–{}，{}）: {}",
                        g.form.name,
                        g.form.count,
                        g.form.min,
                        g.form.max,
                        match g.form.order {
                            shuangsuiji::draw::NumberOrder::Ascending => "从小到大 ascending",
                            shuangsuiji::draw::NumberOrder::AsDrawn => "按开出顺序 as drawn",
                        },
                        g.numbers
                            .iter()
                            .map(u32::to_string)
                            .collect::<Vec<_>>()
                            .join(" ")
                    );
                }
            }
        }
        _ => println!("信标 Beacon: none (offline mode, reveals only)"),
    }
    println!("种子 Seed: {}", r.seed);
    println!("分层 Strata:");
    for st in &r.strata {
        println!("  {:<12} 总数 population {:>5}  比例 ratio {:>6}  抽取 quota {:>3}  备选 alternates {}", st.key, st.population, st.ratio.to_string(), st.quota, st.alternates.len());
    }
    if let Some(v) = &verdict.verified {
        print_classes(v.classes, r.classes.as_ref());
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
    println!("记录哈希 Record hash: {}", s.hash);
    let suite = s.record.commitment.commitment.suite;
    println!(
        "算法套件 Suite: {suite}（{}）",
        match suite {
            shuangsuiji::Suite::Sm2Sm3 => "国密 SM3 杂凑、SM2 签名 · SM3 hashes, SM2 signatures",
            shuangsuiji::Suite::Ed25519Sha256 =>
                "SHA-256 杂凑、Ed25519 签名 · SHA-256 hashes, Ed25519 signatures",
        }
    );
    println!("签名 Signatures:");
    // Signers, then (draw/v2) participants: each key with the role the trust file gives it.
    let keyed = verdict.signers.iter().map(|x| ("", x)).chain(
        verdict
            .participants
            .iter()
            .map(|x| ("参与方 participant ", x)),
    );
    for (label, x) in keyed {
        println!(
            "  {label}{}  key {}  {}",
            x.name,
            x.public_key,
            match (&x.role, &verdict.trust) {
                (Some(r), _) => format!("（信任文件角色 trusted role: {r}）"),
                (None, Some(_)) => "（不在信任文件中 not in the trust file）".into(),
                (None, None) => "（无信任文件 no trust file）".into(),
            }
        );
    }
    print_level(verdict);
}

/// draw/v3: what the verification established about the sealed classes, and what it did
/// not (docs/spec/privacy.md §13).
fn print_classes(
    checked: shuangsuiji::draw::ClassesChecked,
    proof: Option<&shuangsuiji::privacy::ClassProof>,
) {
    use shuangsuiji::draw::ClassesChecked;
    let opened = proof.map_or(0, |p| {
        p.openings
            .iter()
            .map(|o| o.target.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    });
    match checked {
        ClassesChecked::NotSealed => {}
        ClassesChecked::Public => {
            println!("类别（draw/v3）Classes: 封存；公众核验通过 sealed; the public check passed");
            println!("  已核：各层人数与承诺之和相符、各层抽中者为其最低票号、仅开启必要类别（{opened} 个对象）、派出检查组对象的回避名单与封存承诺相符 · checked: populations bound to the commitments, each stratum kept its lowest tickets, only the needed class facts opened ({opened} targets), the recusal sets of the targets teams go to open their commitments");
            println!("  未核（审计方）：各类别是否为名录库所载、未开启条目是否为 0/1、回避名单是否为人员的声明 · not checked (the auditor's): that each class is the register's, that unopened entries are bits, that each recusal set is the inspectors' declarations — re-run with --view-key, the full register and the declarations");
        }
        ClassesChecked::Auditor => {
            println!("类别（draw/v3）Classes: 审计核验通过（完整名录库、视图密钥与所给回避声明重算全部类别、证明与回避名单）· the auditor's check passed (every class, the proof and every recusal set recomputed from the full register, the view key and the declarations given)");
        }
    }
}

/// A chain is named only when the verdict anchored it, with where the name comes from.
fn chain_label(b: &BeaconSeen) -> String {
    match (&b.name, b.source) {
        (Some(n), Some(ChainSource::BuiltIn)) => format!("{n}（内置 built in）"),
        (Some(n), _) => format!("信任文件中的链 trust-file chain「{n}」"),
        (None, _) => "未锚定的链 unanchored chain".into(),
    }
}

/// The verdict's level, then each element without an anchor, Chinese first.
pub fn print_level(verdict: &Verdict) {
    match &verdict.trust {
        Some(t) => println!(
            "信任文件 Trust file: 「{}」 fingerprint {}（请确认是您自己选定的 check it is the one you chose）",
            t.name, t.fingerprint
        ),
        None => println!("信任文件 Trust file: 未提供 none given"),
    }
    if let Some(t) = verdict.anchored_time {
        println!(
            "时间锚 Anchored time: {t}（见证人联署，早于信标轮次 witnessed before the beacon round）"
        );
    }
    if let Some(n) = verdict.plan_commitments {
        println!(
            "计划承诺数 Commitments for the plan: {n}{}",
            if n > 1 {
                format!("（含 {} 次重新抽取 including {} re-draw(s)）", n - 1, n - 1)
            } else {
                "（无重新抽取 no re-draw）".into()
            }
        );
    }
    match verdict.level {
        Level::Anchored => {
            let n = verdict.verified.as_ref().map_or(0, |v| v.selected);
            println!("核验结果 Result: 通过，已锚定 VERIFIED, ANCHORED ({n} targets selected)");
        }
        Level::NotAnchored => {
            let n = verdict.verified.as_ref().map_or(0, |v| v.selected);
            println!(
                "核验结果 Result: 记录自洽，但未锚定 CONSISTENT, NOT ANCHORED ({n} targets selected)"
            );
            for u in &verdict.unanchored {
                println!("  未锚定 no anchor [{}]: {}", u.kind(), u.message_zh());
                println!("      {u}");
            }
        }
        Level::Failed => {
            if let Some(e) = &verdict.error {
                println!("未通过 NOT VERIFIED [{}]: {}", e.kind(), e.message_zh());
                println!("      {e}");
            }
        }
    }
}

/// Where only the verdict's level is printed (publishing against a record): how far a
/// draw/v3 record's classes were checked, so the public check is not taken for the
/// auditor's.
pub fn print_classes_note(verdict: &Verdict) {
    if let Some(note) = verdict.verified.as_ref().and_then(|v| v.classes.note()) {
        println!("{note}");
    }
}
