//! `shuangsuiji privacy …` as a clerk and an auditor use it (docs/spec/privacy.md): seal with
//! a fresh key, prove, check publicly and as the auditor, a tampered proof refused with the
//! reason, nothing overwritten.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shuangsuiji"));
    c.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
    c
}

fn run(c: &mut Command) -> (bool, String) {
    let o = c.output().expect("run the CLI");
    (
        o.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

#[test]
fn seal_prove_verify_as_public_and_auditor_and_refuse_a_tamper() {
    let d: PathBuf =
        std::env::temp_dir().join(format!("shuangsuiji-cli-{}-privacy", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/vectors/v3-privacy/selection.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let i = &v["inputs"];
    let w = |name: &str, x: &serde_json::Value| {
        let p = d.join(name);
        std::fs::write(&p, serde_json::to_vec_pretty(x).unwrap()).unwrap();
        p
    };
    let (plan, items, reg) = (
        w("plan.json", &i["plan"]),
        w("items.json", &i["item_list"]),
        w("targets.json", &i["register"]),
    );
    let seed = i["seed"].as_str().unwrap();
    let (sealed, key, proof) = (
        d.join("targets.sealed.json"),
        d.join("view.key"),
        d.join("proof.json"),
    );
    let (ok, text) = run(bin()
        .args(["privacy", "seal", "--targets"])
        .arg(&reg)
        .arg("--out")
        .arg(&sealed)
        .arg("--key-out")
        .arg(&key));
    assert!(ok, "{text}");
    assert!(text.contains("已密封 300 条"), "{text}");
    // Never overwritten without --force.
    let (ok, text) = run(bin()
        .args(["privacy", "seal", "--targets"])
        .arg(&reg)
        .arg("--out")
        .arg(&sealed)
        .arg("--key-out")
        .arg(&key));
    assert!(!ok, "{text}");
    let sel = |c: &mut Command| {
        c.arg("--plan")
            .arg(&plan)
            .arg("--items")
            .arg(&items)
            .args(["--seed", seed]);
    };
    let mut c = bin();
    c.args(["privacy", "prove"]);
    sel(&mut c);
    c.arg("--targets")
        .arg(&reg)
        .arg("--key")
        .arg(&key)
        .arg("--out")
        .arg(&proof);
    let (ok, text) = run(&mut c);
    assert!(ok, "{text}");
    assert!(text.contains("披露 disclosure"), "{text}");
    let verify = |proof: &Path, auditor: bool| {
        let mut c = bin();
        c.args(["privacy", "verify"]);
        sel(&mut c);
        c.arg("--sealed").arg(&sealed).arg("--proof").arg(proof);
        if auditor {
            c.arg("--targets").arg(&reg).arg("--key").arg(&key);
        }
        run(&mut c)
    };
    let (ok, text) = verify(&proof, false);
    assert!(ok, "{text}");
    assert!(
        text.contains("通过 PASSED") && text.contains("审计核验：未做"),
        "{text}"
    );
    assert!(text.contains("种子按给定值使用"), "{text}");
    let (ok, text) = verify(&proof, true);
    assert!(ok, "{text}");
    assert!(text.contains("与所发布的内容相同"), "{text}");
    // One negative opening removed: refused publicly, naming the target.
    let mut p: serde_json::Value = serde_json::from_slice(&std::fs::read(&proof).unwrap()).unwrap();
    let openings = p["openings"].as_array_mut().unwrap();
    let at = openings.iter().position(|o| o["bit"] == 0).unwrap();
    let gone = openings.remove(at)["target"].as_str().unwrap().to_string();
    let bad = w("proof.bad.json", &p);
    let (ok, text) = verify(&bad, false);
    assert!(!ok, "{text}");
    assert!(
        text.contains("未通过 FAILED") && text.contains("缺少对象") && text.contains(&gone),
        "{text}"
    );
    let (ok, text) = run(bin()
        .args(["privacy", "report", "--sealed"])
        .arg(&sealed)
        .arg("--proof")
        .arg(&proof));
    assert!(ok && text.contains("名录 300 条"), "{text}");
    std::fs::remove_dir_all(&d).ok();
}
