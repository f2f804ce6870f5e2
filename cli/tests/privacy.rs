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
    // The keeper's inspector view, its declared conflicts included (the sample's, written
    // by `import inspectors --public-out`).
    let (declared, published) = (
        d.join("inspectors.declared.json"),
        d.join("inspectors.public.json"),
    );
    let (ok, text) = run(bin()
        .args([
            "import",
            "inspectors",
            "examples/data/inspectors.csv",
            "--as-of",
            "2023-08-23",
            "--key",
            "examples/data/inspector-salt.key",
            "--out",
        ])
        .arg(d.join("inspectors.full.json"))
        .arg("--public-out")
        .arg(&declared));
    assert!(ok, "{text}");
    let seal = |c: &mut Command| {
        c.args(["privacy", "seal", "--targets"])
            .arg(&reg)
            .arg("--out")
            .arg(&sealed)
            .arg("--key-out")
            .arg(&key)
            .arg("--inspectors")
            .arg(&declared)
            .arg("--inspectors-out")
            .arg(&published);
    };
    // The sample's 17 declarations name targets outside the 300-entry excerpt: refused with
    // the ids, nothing written (a declaration sealed nowhere would be lost).
    let mut c = bin();
    seal(&mut c);
    let (ok, text) = run(&mut c);
    assert!(!ok && text.contains("XM-410102-000013"), "{text}");
    assert!(!sealed.exists() && !key.exists() && !published.exists());
    // Declarations about the excerpt's targets only (none): sealed.
    let mut view: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&declared).unwrap()).unwrap();
    for i in view["inspectors"].as_array_mut().unwrap() {
        i["conflicts"] = serde_json::json!([]);
    }
    std::fs::write(&declared, serde_json::to_vec(&view).unwrap()).unwrap();
    let mut c = bin();
    seal(&mut c);
    let (ok, text) = run(&mut c);
    assert!(ok, "{text}");
    assert!(text.contains("已密封 300 条（含 0 项回避声明）"), "{text}");
    // The inspector view to publish holds no declared conflict.
    let out: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&published).unwrap()).unwrap();
    assert!(out["inspectors"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["conflicts"].as_array().is_none_or(Vec::is_empty)));
    // Never overwritten without --force.
    let mut c = bin();
    seal(&mut c);
    let (ok, text) = run(&mut c);
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

/// Every `risk` or `credit` member holding a class (not a commitment or blind sum) in a JSON
/// document, with the target id of the object around it when there is one.
fn classes_in(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if let (true, Some(s)) = (k == "risk" || k == "credit", x.as_str()) {
                    if !(s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())) {
                        out.push(format!(
                            "{}: {k} {s}",
                            m.get("id").unwrap_or(&serde_json::Value::Null)
                        ));
                    }
                }
                classes_in(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| classes_in(x, out)),
        _ => {}
    }
}

#[test]
fn the_v3_demo_publishes_no_class_and_verifies_as_public_and_auditor() {
    let d: PathBuf = std::env::temp_dir().join(format!(
        "shuangsuiji-cli-{}-privacy-draw",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    let (ok, text) = run(bin().args(["privacy", "demo", "--out"]).arg(&d));
    assert!(ok, "{text}");
    assert!(text.contains("draw/v3 记录 record"), "{text}");
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(d.join(p)).unwrap()).unwrap()
    };
    // The published files: no class anywhere; the private register has them (the probe sees).
    let mut found = Vec::new();
    for p in [
        "record.json",
        "targets.sealed.json",
        "inspectors.public.json",
    ] {
        classes_in(&read(p), &mut found);
    }
    assert!(found.is_empty(), "{found:?}");
    classes_in(&read("private/targets.json"), &mut found);
    assert!(found.len() > 1000);
    // No declared conflict in the published inspector view; the keeper's view has them.
    let conflicts = |v: &serde_json::Value| -> usize {
        v["inspectors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["conflicts"].as_array().map_or(0, Vec::len))
            .sum()
    };
    assert_eq!(conflicts(&read("inspectors.public.json")), 0);
    assert!(conflicts(&read("private/inspectors.declared.json")) > 0);
    // The record opens one recusal set per target a team goes to, and no other.
    let rec = &read("record.json")["record"];
    let teams: std::collections::BTreeSet<&str> = rec["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    let opened: std::collections::BTreeSet<&str> = rec["recusals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["target"].as_str().unwrap())
        .collect();
    assert_eq!(teams, opened);
    // The record opens classes only for the targets its proof needs, a few per cent.
    let record = read("record.json");
    let opened: std::collections::BTreeSet<&str> = record["record"]["classes"]["openings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["target"].as_str().unwrap())
        .collect();
    assert!(!opened.is_empty() && opened.len() < 200, "{}", opened.len());
    let verify_v3 = |record: &str, targets: &str, key: Option<&Path>, inspectors: &str| {
        let mut c = bin();
        c.arg("verify")
            .arg(d.join(record))
            .arg("--targets")
            .arg(d.join(targets));
        if let Some(k) = key {
            c.arg("--view-key").arg(k);
        }
        run(c.arg("--inspectors").arg(d.join(inspectors)))
    };
    let (ok, text) = verify_v3(
        "record.json",
        "targets.sealed.json",
        None,
        "inspectors.public.json",
    );
    assert!(ok, "{text}");
    assert!(
        text.contains("公众核验通过") && text.contains("未核（审计方）"),
        "{text}"
    );
    let (ok, text) = verify_v3(
        "record.json",
        "private/targets.json",
        Some(&d.join("private/view.key")),
        "private/inspectors.declared.json",
    );
    assert!(ok, "{text}");
    assert!(text.contains("审计核验通过"), "{text}");
    // The auditor given the published inspector view (no declarations): the sealed recusal
    // sets are not what it gives, so the sealed root differs.
    let (ok, text) = verify_v3(
        "record.json",
        "private/targets.json",
        Some(&d.join("private/view.key")),
        "inspectors.public.json",
    );
    assert!(!ok && text.contains("NOT VERIFIED"), "{text}");
    // The auditor with another key: the sealed root is not the committed one.
    let other = d.join("other.key");
    std::fs::write(&other, format!("{}\n", "11".repeat(32))).unwrap();
    let (ok, text) = verify_v3(
        "record.json",
        "private/targets.json",
        Some(&other),
        "inspectors.public.json",
    );
    assert!(
        !ok && text.contains("未通过 NOT VERIFIED [rerun]"),
        "{text}"
    );
    // The public given the full register instead of the sealed view: refused with the reason.
    let (ok, text) = verify_v3(
        "record.json",
        "private/targets.json",
        None,
        "inspectors.public.json",
    );
    assert!(
        !ok && text.contains("--targets targets.sealed.json"),
        "{text}"
    );
    // A v3 record with one opening dropped: refused by the public check.
    let mut forged = record.clone();
    forged["record"]["classes"]["openings"]
        .as_array_mut()
        .unwrap()
        .pop();
    std::fs::write(d.join("forged.json"), serde_json::to_vec(&forged).unwrap()).unwrap();
    let (ok, text) = verify_v3(
        "forged.json",
        "targets.sealed.json",
        None,
        "inspectors.public.json",
    );
    assert!(!ok && text.contains("NOT VERIFIED"), "{text}");
    std::fs::remove_dir_all(&d).unwrap();
}

/// Every file under `dir` a draw publishes: all but the keeper's `private/` folders and
/// its `*.private.json` files.
fn published_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.is_dir() {
            if name != "private" {
                published_files(&p, out);
            }
        } else if !name.ends_with(".private.json") {
            out.push(p);
        }
    }
}

/// Every non-empty `conflicts` member in a JSON document.
fn conflicts_in(v: &serde_json::Value, out: &mut usize) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if k == "conflicts" {
                    *out += x.as_array().map_or(1, Vec::len);
                }
                conflicts_in(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| conflicts_in(x, out)),
        _ => {}
    }
}

/// Issue 19, done when: the main job (`shuangsuiji demo`) draws under draw/v3, and none of
/// the files it publishes (record, commitment, views, audit log, time anchor, notice, trust
/// file) holds a risk level, credit class or declared conflict; the record verifies anchored
/// from the sealed view and, as the auditor, from the private files; an earlier v2 run's
/// register view does not stay in the folder; the 国密 suite draws v3 too.
#[test]
fn the_main_demo_draws_v3_and_publishes_no_class_or_conflict() {
    let d: PathBuf =
        std::env::temp_dir().join(format!("shuangsuiji-cli-{}-demo-v3", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    // Over a folder an earlier `--draw v2` wrote: its register view must not stay published.
    let (ok, text) = run(bin().args(["demo", "--draw", "v2", "--out"]).arg(&d));
    assert!(ok && d.join("targets.public.json").exists(), "{text}");
    let (ok, text) = run(bin().args(["demo", "--out"]).arg(&d));
    assert!(ok, "{text}");
    assert!(
        text.contains("shuangsuiji/draw/v3") && text.contains("公众核验通过"),
        "{text}"
    );
    assert!(text.contains("公开文件可知 0 项"), "{text}");
    let mut files = Vec::new();
    published_files(&d, &mut files);
    let names: Vec<String> = files
        .iter()
        .map(|p| p.strip_prefix(&d).unwrap().to_string_lossy().into_owned())
        .collect();
    for must in [
        "record.json",
        "commitment.json",
        "targets.sealed.json",
        "inspectors.public.json",
        "audit.json",
        "anchor.json",
        "notice/notice.json",
    ] {
        assert!(names.iter().any(|n| n == must), "{must} not in {names:?}");
    }
    assert!(!names.iter().any(|n| n.starts_with("targets.public")));
    let (mut classes, mut conflicts) = (Vec::new(), 0);
    for p in &files {
        let bytes = std::fs::read(p).unwrap();
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            classes_in(&v, &mut classes);
            conflicts_in(&v, &mut conflicts);
        }
    }
    assert!(classes.is_empty(), "{classes:?}");
    assert_eq!(conflicts, 0);
    // The probes see what the private files hold.
    let private = |p: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(d.join("private").join(p)).unwrap()).unwrap()
    };
    classes_in(&private("targets.json"), &mut classes);
    conflicts_in(&private("inspectors.declared.json"), &mut conflicts);
    assert!(classes.len() > 1000 && conflicts > 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let m = std::fs::metadata(d.join("private")).unwrap();
        assert_eq!(m.permissions().mode() & 0o777, 0o700);
        for f in ["targets.json", "view.key", "inspectors.declared.json"] {
            let m = std::fs::metadata(d.join("private").join(f)).unwrap();
            assert_eq!(m.permissions().mode() & 0o077, 0, "{f}");
        }
    }
    let verify = |targets: &str, key: bool, inspectors: &str| {
        let mut c = bin();
        c.arg("verify")
            .arg(d.join("record.json"))
            .arg("--targets")
            .arg(d.join(targets))
            .arg("--inspectors")
            .arg(d.join(inspectors))
            .arg("--trust")
            .arg(d.join("verifier/trust.json"))
            .arg("--anchor")
            .arg(d.join("anchor.json"))
            .arg("--require-anchored");
        if key {
            c.arg("--view-key").arg(d.join("private/view.key"));
        }
        run(&mut c)
    };
    let (ok, text) = verify("targets.sealed.json", false, "inspectors.public.json");
    assert!(ok && text.contains("VERIFIED, ANCHORED"), "{text}");
    assert!(text.contains("未核（审计方）"), "{text}");
    let (ok, text) = verify(
        "private/targets.json",
        true,
        "private/inspectors.declared.json",
    );
    assert!(ok && text.contains("VERIFIED, ANCHORED"), "{text}");
    assert!(
        text.contains("审计核验通过") && text.contains("回避声明 17 项"),
        "{text}"
    );
    // (Publishing against the record checked from the sealed view: cli.rs,
    // late_publication_needs_a_reason.)
    std::fs::remove_dir_all(&d).ok();
    // The same job under the 国密 suite: draw/v3 too, anchored.
    let sm = d.with_extension("sm2");
    let (ok, text) = run(bin().args(["demo", "--suite", "sm2-sm3", "--out"]).arg(&sm));
    assert!(ok, "{text}");
    assert!(
        text.contains("shuangsuiji/draw/v3")
            && text.contains("sm2-sm3")
            && text.contains("VERIFIED, ANCHORED"),
        "{text}"
    );
    std::fs::remove_dir_all(&sm).ok();
}
