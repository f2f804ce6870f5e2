//! The command line as a user meets it: exit codes and the messages of docs/errors.md §10.
// A test crate: its helpers, outside `#[test]` functions, may unwrap (clippy.toml covers
// only test functions and `#[cfg(test)]` modules).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shuangsuiji"));
    c.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
    c
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("shuangsuiji-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).ok();
    d
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
fn demo_then_verify_then_tampered_verify() {
    let out = tmp("demo");
    let (ok, text) = run(bin().args(["demo", "--draw", "v2", "--out"]).arg(&out));
    assert!(ok, "{text}");
    // A draw/v2 record under the demo's trust file, its witness having dated the
    // commitment and the reveals 23 s before the round, and its log showing one
    // commitment for the plan: anchored, nothing missing.
    assert!(
        text.contains("核验结果 Result: 通过，已锚定 VERIFIED, ANCHORED"),
        "{text}"
    );
    assert!(text.contains("时间锚 Anchored time: 1692803710"), "{text}");
    assert!(!text.contains("[unsigned_participants]"), "{text}");
    assert!(
        !text.contains("[time_anchor") && !text.contains("[no_trust_file]"),
        "{text}"
    );
    assert!(!text.contains("通过 OK"), "{text}");
    // The disclosures hold every withheld value in clear: their directory is the owner's.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let private = std::fs::metadata(out.join("notice/private")).unwrap();
        assert_eq!(private.permissions().mode() & 0o777, 0o700);
    }
    let args = |rec: &Path| {
        let mut c = bin();
        c.arg("verify")
            .arg(rec)
            .arg("--targets")
            .arg(out.join("targets.public.json"))
            .arg("--inspectors")
            .arg(out.join("inspectors.public.json"));
        c
    };
    let (ok, text) = run(&mut args(&out.join("record.json")));
    assert!(ok, "{text}");
    assert!(text.contains("[no_trust_file]"), "{text}");
    // With the demo's trust file the signers are anchored by role; --require-anchored
    // still refuses a v1 record (exit 3), naming nothing as OK.
    let trust = out.join("verifier/trust.json");
    let (ok, text) = run(args(&out.join("record.json")).arg("--trust").arg(&trust));
    assert!(ok && text.contains("trusted role: 抽查负责人"), "{text}");
    assert!(
        text.contains("[time_anchor]"),
        "without --anchor the time is a claim: {text}"
    );
    let (ok, text) = run(args(&out.join("record.json"))
        .arg("--trust")
        .arg(&trust)
        .arg("--anchor")
        .arg(out.join("anchor.json")));
    assert!(
        ok && text.contains("时间锚 Anchored time: 1692803710"),
        "{text}"
    );
    assert!(
        text.contains("fingerprint ") && text.contains("drand quicknet（内置 built in）"),
        "{text}"
    );
    let status = args(&out.join("record.json"))
        .arg("--trust")
        .arg(&trust)
        .arg("--require-anchored")
        .output()
        .unwrap()
        .status;
    assert_eq!(status.code(), Some(3));
    // A trust file that breaks its rules is refused with every problem.
    let bad_trust = out.join("bad-trust.json");
    std::fs::write(
        &bad_trust,
        r#"{"format": "x", "name": "n", "witness_quorum": 1}"#,
    )
    .unwrap();
    let (ok, text) = run(args(&out.join("record.json"))
        .arg("--trust")
        .arg(&bad_trust));
    assert!(
        !ok && text.contains("format:") && text.contains("witness_quorum:"),
        "{text}"
    );
    // The streamed form: targets.public.csv read twice, never whole, the same verdict; a
    // CSV with two rows swapped is refused as unsorted, not sorted silently.
    let streamed = |csv: &Path| {
        let mut c = bin();
        c.arg("verify")
            .arg(out.join("record.json"))
            .arg("--targets")
            .arg(csv)
            .arg("--inspectors")
            .arg(out.join("inspectors.public.json"))
            .args(["--stream", "--trust"])
            .arg(&trust)
            .arg("--anchor")
            .arg(out.join("anchor.json"));
        run(&mut c)
    };
    let (ok, text) = streamed(&out.join("targets.public.csv"));
    assert!(
        ok && text.contains("核验结果 Result: 通过，已锚定 VERIFIED, ANCHORED"),
        "{text}"
    );
    let csv = std::fs::read_to_string(out.join("targets.public.csv")).unwrap();
    let mut lines: Vec<&str> = csv.lines().collect();
    lines.swap(2, 3);
    let swapped = out.join("swapped.csv");
    std::fs::write(&swapped, lines.join("\n") + "\n").unwrap();
    let (ok, text) = streamed(&swapped);
    assert!(!ok && text.contains("未通过 NOT VERIFIED"), "{text}");
    // Change one selected target to its first alternate: exit non-zero, naming the path.
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("record.json")).unwrap()).unwrap();
    let alt = v["record"]["strata"][0]["alternates"][0]["target"].clone();
    v["record"]["strata"][0]["selected"][0]["target"] = alt;
    let bad = out.join("tampered.json");
    std::fs::write(&bad, serde_json::to_vec(&v).unwrap()).unwrap();
    let (ok, text) = run(&mut args(&bad));
    assert!(!ok);
    assert!(
        text.contains("未通过 NOT VERIFIED") && text.contains("strata[0].selected[0].target"),
        "{text}"
    );
    // The audit log verifies and proves the record's inclusion.
    let hash = v["hash"].as_str().unwrap().to_string();
    let (ok, text) = run(bin()
        .args(["log", "verify"])
        .arg(out.join("audit.json"))
        .args(["--subject", &hash]));
    assert!(ok && text.contains("is included"), "{text}");
    // The notice verifies with its CSV and disclosures.
    let n = out.join("notice");
    let (ok, text) = run(bin()
        .args(["notice", "verify"])
        .arg(n.join("notice.json"))
        .arg("--csv")
        .arg(n.join("notice.csv"))
        .arg("--disclosures")
        .arg(n.join("private/disclosures.json")));
    assert!(ok, "{text}");
    // Leak check on what the CLI publishes: no personal value of the private results
    // (contact name, ID number, mobile; inspector name, badge) appears in the notice or its
    // CSV, nor in the credit feed derived from it.
    let with_record = |c: &mut Command| {
        c.arg("--record")
            .arg(out.join("record.json"))
            .arg("--targets")
            .arg(out.join("targets.public.json"))
            .arg("--inspectors")
            .arg(out.join("inspectors.public.json"));
    };
    // The feed needs the verified record; the notice covers every drawn target.
    let (ok, text) = run(bin()
        .args(["notice", "credit-feed"])
        .arg(n.join("notice.json")));
    assert!(!ok && text.contains("needs --record"), "{text}");
    let mut c = bin();
    c.args(["notice", "verify"]).arg(n.join("notice.json"));
    with_record(&mut c);
    let (ok, text) = run(&mut c);
    // 24 drawn: 22 results name their target, 2 are withheld as a whole (counted, never
    // hidden), so the 2 targets without a visible result are listed with that caveat.
    assert!(
        ok && text.contains("覆盖 Coverage: 抽中 24 个对象 drawn, 22 个有公示结果 with a published result, 2 条整体不予公示 withheld"),
        "{text}"
    );
    assert_eq!(
        text.matches("无公示结果 no result naming it").count(),
        2,
        "{text}"
    );
    assert!(text.contains("其中至多 2 个"), "{text}");
    let mut c = bin();
    c.args(["notice", "credit-feed"]).arg(n.join("notice.json"));
    with_record(&mut c);
    let (ok, feed) = run(&mut c);
    assert!(ok && feed.trim_start().starts_with('{'), "{feed}");
    let public = [
        std::fs::read_to_string(n.join("notice.json")).unwrap(),
        std::fs::read_to_string(n.join("notice.csv")).unwrap(),
        feed,
    ]
    .concat();
    let results: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("results.private.json")).unwrap()).unwrap();
    let mut personal = Vec::new();
    for r in results.as_array().unwrap() {
        let c = &r["target"]["contact"];
        personal.extend(["name", "id_number", "mobile"].map(|k| c[k].as_str()));
        for m in r["team"].as_array().unwrap() {
            personal.extend(["name", "badge"].map(|k| m[k].as_str()));
        }
    }
    let personal: Vec<&str> = personal.into_iter().flatten().collect();
    assert!(personal.len() > 100, "{} personal values", personal.len());
    // Digests and signatures are long hex runs that may hold any six digits (a badge, by
    // chance): they carry nothing personal, so they are left out of the search.
    let public = without_hex_runs(&public);
    for v in personal {
        assert!(!public.contains(v), "published output contains {v:?}");
    }
    std::fs::remove_dir_all(out).ok();
}

#[test]
fn import_reports_every_problem_and_writes_nothing() {
    let d = tmp("import");
    let bad = d.join("targets.csv");
    std::fs::write(&bad, "统一社会信用代码,企业名称,行政区划代码,行业,对象类型,信用类别,风险等级,所属部门,状态\n91350100M000100Y44,甲,410105,R,企业,A,低,治安,存续\n91110000802100433B,乙,4101,R,企业,A,低,治安,存续\n").unwrap();
    let out = d.join("out.json");
    let (ok, text) = run(bin()
        .args(["import", "targets"])
        .arg(&bad)
        .arg("--as-of")
        .arg("2023-08-23")
        .arg("--out")
        .arg(&out));
    assert!(!ok);
    assert!(
        text.contains("2 problem(s) found; nothing was written"),
        "{text}"
    );
    assert!(text.contains("row 2") && text.contains("row 3"), "{text}");
    assert!(!out.exists());
    let (ok, text) = run(bin().args([
        "import",
        "targets",
        "examples/data/targets.csv",
        "--as-of",
        "2023-13-01",
    ]));
    assert!(
        !ok && text.contains("--as-of \"2023-13-01\" is not a date"),
        "{text}"
    );
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn deadline_of_a_date() {
    let (ok, text) = run(bin().args(["deadline", "2023-09-04"]));
    assert!(ok);
    assert_eq!(text.trim(), "2023-10-08");
    let (ok, text) = run(bin().args(["deadline", "2018-05-02"]));
    assert!(!ok, "{text}");
}

/// Spec §1.2 on plain id lists: a line that is not an id in its one spelling is refused with
/// its line number, not hashed as another id.
#[test]
fn sample_refuses_look_alike_ids_by_line() {
    let d = tmp("sample");
    let ids = d.join("ids.txt");
    let sample = |file: &Path, take: &str| {
        let seed = "ab".repeat(32);
        run(bin()
            .arg("sample")
            .arg(file)
            .args(["--seed", &seed, "--take", take]))
    };
    std::fs::write(&ids, "ID1\nID2\nID3\n").unwrap();
    let (ok, text) = sample(&ids, "2");
    assert!(ok, "{text}");
    assert_eq!(text.lines().count(), 2, "{text}");
    std::fs::write(&ids, "ID1\n\nＩＤ2\n").unwrap();
    let (ok, text) = sample(&ids, "2");
    assert!(
        !ok && text.contains("row 3") && text.contains("ＩＤ2"),
        "{text}"
    );
    // An id listed twice would hold two places of the sample.
    std::fs::write(&ids, "ID1\nID2\nID1\n").unwrap();
    let (ok, text) = sample(&ids, "3");
    assert!(
        !ok && text.contains("id list, record ID1, field id: ID1 appears more than once"),
        "{text}"
    );
    // A line that cannot be read stops the sample with its line number: not UTF-8 ...
    std::fs::write(&ids, b"ID1\nID2\n\xff\xfeID3\n").unwrap();
    let (ok, text) = sample(&ids, "2");
    let want = format!(
        "{}: 1 problem(s); first: id list, row 3, field line: cannot be read: ",
        ids.display()
    );
    assert!(
        !ok && text.contains(&want) && text.contains("UTF-8"),
        "{text}"
    );
    // ... or a read error at the first line (on Unix a directory opens, then fails to read).
    #[cfg(unix)]
    {
        let (ok, text) = sample(&d, "2");
        let want = format!(
            "{}: 1 problem(s); first: id list, row 1, field line: cannot be read: ",
            d.display()
        );
        assert!(!ok && text.contains(&want), "{text}");
    }
    std::fs::remove_dir_all(d).ok();
}

/// The names under `dir`, recursively, relative to it and sorted.
fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let name = path
            .strip_prefix(dir)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        if path.is_dir() {
            out.extend(walk(&path).into_iter().map(|n| format!("{name}/{n}")));
        }
        out.push(name);
    }
    out.sort();
    out
}

/// The CLI's own messages, as `docs/errors.md` §10 lists them: each bad input fails with
/// a non-zero exit and the catalogued text.
#[test]
fn catalogued_messages() {
    let d = tmp("messages");
    let demo = d.join("demo");
    let (ok, text) = run(bin().args(["demo", "--draw", "v2", "--out"]).arg(&demo));
    assert!(ok, "{text}");
    let p = |name: &str| d.join(name);
    let s = |path: &Path| path.to_str().unwrap().to_string();
    let write = |name: &str, bytes: &[u8]| std::fs::write(p(name), bytes).unwrap();
    let json = |rel: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(demo.join(rel)).unwrap()).unwrap()
    };
    let put = |name: &str, v: &serde_json::Value| write(name, &serde_json::to_vec(v).unwrap());
    let fails_with = |args: Vec<String>, want: &str| {
        let (ok, text) = run(bin().args(&args));
        assert!(
            !ok && text.contains(want),
            "{args:?}: want {want:?}, got {text}"
        );
    };
    let verify = |record: &Path| {
        vec![
            "verify".into(),
            s(record),
            "--targets".into(),
            s(&demo.join("targets.public.json")),
            "--inspectors".into(),
            s(&demo.join("inspectors.public.json")),
        ]
    };
    let publish = |results: &Path, key: &Path| {
        let mut a: Vec<String> = vec!["publish".into(), s(results), "--record".into()];
        a.extend([s(&demo.join("record.json")), "--key".into(), s(key)]);
        a.extend([
            "--targets".into(),
            s(&demo.join("targets.public.json")),
            "--inspectors".into(),
            s(&demo.join("inspectors.public.json")),
        ]);
        a.extend(
            [
                "--publisher",
                "p",
                "--notice-id",
                "N",
                "--date",
                "2023-10-08",
                // Judged on today (2026 or later) the sample's results are late.
                "--overdue-reason",
                "test",
            ]
            .map(String::from),
        );
        a.extend(["--out".into(), s(&p("notice"))]);
        a
    };
    let results = demo.join("results.private.json");

    // Files.
    fails_with(
        verify(&p("none.json")),
        &format!("cannot read {}", s(&p("none.json"))),
    );
    write("bad.json", b"notjson");
    fails_with(
        verify(&p("bad.json")),
        &format!("{}: 这不是 JSON 文件", s(&p("bad.json"))),
    );
    write("key", b"xyz");
    fails_with(publish(&results, &p("key")), "must hold 64 hex digits");
    write("key2", b"\xff\xfe");
    fails_with(publish(&results, &p("key2")), "is not text");
    write("key3", "1".repeat(64).as_bytes());
    write("empty.json", b"[]");
    fails_with(publish(&p("empty.json"), &p("key3")), "not published: ");
    // An SM2 publisher key for an ed25519-sha256 record: one draw, one suite.
    let (ok, text) = run(bin()
        .args([
            "keys", "new", "--name", "p", "--role", "公示", "--suite", "sm2-sm3", "--out",
        ])
        .arg(p("smkey")));
    assert!(ok, "{text}");
    fails_with(
        publish(&results, &p("smkey").join("key.pem")),
        "one draw, one suite",
    );
    // Results the draw did not produce are refused, each named (attack 6 of issue 16).
    let mut forged: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&results).unwrap()).unwrap();
    forged[0]["target"]["id"] = "91410100MA00000000".into();
    forged[1]["entered_by"] = "NOBODY".into();
    write("forged.json", &serde_json::to_vec(&forged).unwrap());
    let (ok, text) = run(Command::new(env!("CARGO_BIN_EXE_shuangsuiji"))
        .args(publish(&p("forged.json"), &p("key3"))));
    assert!(!ok, "{text}");
    assert!(
        text.contains("target 91410100MA00000000 was not drawn")
            && text.contains("entered_by NOBODY is not on the drawn team"),
        "{text}"
    );
    // An output directory under a file cannot be created.
    let mut under_a_file = publish(&results, &p("key3"));
    let last = under_a_file.len() - 1;
    under_a_file[last] = s(&p("key3").join("notice"));
    fails_with(under_a_file, "cannot create");
    // A write that fails names the file asked for, and leaves no temporary file behind,
    // whether writing (no such directory) or renaming (onto a directory) failed.
    let import_to = |out: &Path| -> Vec<String> {
        vec![
            "import".into(),
            "targets".into(),
            "examples/data/targets.csv".into(),
            "--as-of".into(),
            "2023-08-23".into(),
            "--out".into(),
            s(out),
        ]
    };
    let nowhere = p("no-such-dir/x.json");
    fails_with(
        import_to(&nowhere),
        &format!("cannot write {}: ", nowhere.display()),
    );
    let occupied = p("occupied.json");
    std::fs::create_dir_all(&occupied).unwrap();
    fails_with(
        import_to(&occupied),
        &format!(
            "cannot write {}: a directory is in the way",
            occupied.display()
        ),
    );
    let left = walk(&d);
    assert!(!left.iter().any(|n| n.ends_with(".tmp~")), "{left:?}");
    // One file for two outputs would hold only one of them.
    write("key5", "22".repeat(32).as_bytes());
    let both = p("both.json");
    fails_with(
        [
            "import",
            "inspectors",
            "examples/data/inspectors.csv",
            "--as-of",
            "2023-08-23",
            "--out",
            &s(&both),
            "--public-out",
            &s(&both),
            "--key",
            &s(&p("key5")),
        ]
        .map(String::from)
        .to_vec(),
        &format!("{} is given for two outputs", both.display()),
    );
    assert!(!both.exists());
    // A notice is never written without its disclosures (the salts that alone prove its
    // withheld fields), nor they without it: with either blocked, nothing appears.
    write("key4", "11".repeat(32).as_bytes());
    for (i, blocked) in ["private/disclosures.json", "notice.json"]
        .iter()
        .enumerate()
    {
        let dir = p(&format!("blocked{i}"));
        let mut args = publish(&results, &p("key4"));
        let last = args.len() - 1;
        args[last] = s(&dir);
        std::fs::create_dir_all(dir.join(blocked)).unwrap();
        fails_with(
            args,
            &format!("cannot write {}: ", dir.join(blocked).display()),
        );
        let mut want = vec!["private".to_string(), blocked.to_string()];
        want.sort();
        assert_eq!(walk(&dir), want);
    }

    // Calendar, sampling.
    fails_with(
        vec!["deadline".into(), "2070-01-01".into()],
        "is not covered by the calendar",
    );
    fails_with(
        vec![
            "sample".into(),
            s(&results),
            "--seed".into(),
            "zz".into(),
            "--take".into(),
            "1".into(),
        ],
        "--seed must be 64 hex digits",
    );

    // Notices.
    let notice = demo.join("notice/notice.json");
    let mut n = json("notice/notice.json");
    n["notice"]["publisher"] = format!("{}x", n["notice"]["publisher"].as_str().unwrap()).into();
    put("notice.json", &n);
    fails_with(
        vec!["notice".into(), "verify".into(), s(&p("notice.json"))],
        "未通过 NOT VERIFIED: ",
    );
    let csv = std::fs::read_to_string(demo.join("notice/notice.csv")).unwrap();
    write("notice.csv", format!("{csv}x").as_bytes());
    let notice_with = |flag: &str, file: &str| {
        vec![
            "notice".into(),
            "verify".into(),
            s(&notice),
            flag.into(),
            s(&p(file)),
        ]
    };
    fails_with(
        notice_with("--csv", "notice.csv"),
        "未通过 NOT VERIFIED (CSV): ",
    );
    write("binary.csv", b"\xff\xfe\x00");
    fails_with(notice_with("--csv", "binary.csv"), "is not UTF-8");
    let mut ds = json("notice/private/disclosures.json");
    ds[0]["value"] = format!("{}x", ds[0]["value"]).into();
    put("disclosures.json", &ds);
    fails_with(
        notice_with("--disclosures", "disclosures.json"),
        "未通过 NOT VERIFIED (disclosure): ",
    );

    // Logs.
    let log = json("audit.json");
    let log_verify = |file: &str, subject: Option<&str>| {
        let mut a = vec!["log".into(), "verify".into(), s(&p(file))];
        if let Some(x) = subject {
            a.extend(["--subject".into(), x.into()]);
        }
        a
    };
    put("log.json", &log);
    fails_with(
        log_verify("log.json", Some("xyz")),
        "--subject \"xyz\" is not 64 hex digits",
    );
    let mut other_key = log_verify("log.json", None);
    other_key.extend(["--key".into(), "example.org/other+00000000+AAAA".into()]);
    fails_with(other_key, "the log names verifier key");
    let nobody = "0".repeat(64);
    fails_with(log_verify("log.json", Some(&nobody)), "no event about");
    let mut short = log.clone();
    let events = short["events"].as_array_mut().unwrap();
    events.truncate(events.len() - 5);
    put("short.json", &short);
    fails_with(log_verify("short.json", None), "events, the log holds");
    let mut reversed = log.clone();
    reversed["checkpoints"].as_array_mut().unwrap().reverse();
    put("reversed.json", &reversed);
    fails_with(
        log_verify("reversed.json", None),
        "is smaller than the one before",
    );
    let mut moved = log.clone();
    moved["origin"] = "shuangsuiji.example/other".into();
    put("moved.json", &moved);
    fails_with(
        log_verify("moved.json", None),
        "checkpoint 0 is for origin \"shuangsuiji.example/henan-gat/demo\", the log is \"shuangsuiji.example/other\"",
    );
    let mut edited = log.clone();
    let note = format!("{}x", edited["events"][2]["note"].as_str().unwrap());
    edited["events"][2]["note"] = note.into();
    put("edited.json", &edited);
    fails_with(log_verify("edited.json", None), "the logged events give");
    fails_with(
        log_verify("edited.json", None),
        "one of events 0–3 is not what was signed",
    );
    let mut forged = log.clone();
    let last = forged["checkpoints"].as_array().unwrap().len() - 1;
    let note = forged["checkpoints"][last].as_str().unwrap().to_string();
    // One base64 character inside the signature, past the 4-byte key hash, changed.
    let at = note.rfind(' ').unwrap() + 30;
    let swap = if &note[at..at + 1] == "B" { "C" } else { "B" };
    forged["checkpoints"][last] = format!("{}{swap}{}", &note[..at], &note[at + 1..]).into();
    put("forged.json", &forged);
    fails_with(
        log_verify("forged.json", None),
        &format!("no valid signature by shuangsuiji.example/henan-gat/demo on checkpoint {last}"),
    );
    let mut bare = log.clone();
    bare["checkpoints"] = serde_json::json!([]);
    put("bare.json", &bare);
    fails_with(
        log_verify("bare.json", Some(&nobody)),
        "the log has no checkpoint",
    );
    std::fs::remove_dir_all(d).ok();
}

/// The witness role through the binary: it cosigns the demo log's first checkpoint, then
/// refuses to cosign it again as if nothing had happened (a rollback), leaving its state as
/// it was.
#[test]
fn a_witness_cosigns_once_and_refuses_a_rollback() {
    let out = tmp("witness");
    let (ok, text) = run(bin().args(["demo", "--out"]).arg(&out));
    assert!(ok, "{text}");
    let audit: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("audit.json")).unwrap()).unwrap();
    let checkpoint = out.join("checkpoint.txt");
    std::fs::write(&checkpoint, audit["checkpoints"][0].as_str().unwrap()).unwrap();
    let key = out.join("witness.key");
    std::fs::write(&key, "5a".repeat(32)).unwrap();
    let state = out.join("witness-state.json");
    let (ok, vkey) = run(bin()
        .args([
            "witness",
            "key",
            "--name",
            "witness.example.org/w1",
            "--key",
        ])
        .arg(&key));
    assert!(ok && vkey.starts_with("witness.example.org/w1+"), "{vkey}");
    let (ok, text) = run(bin()
        .args(["witness", "add-log", "--state"])
        .arg(&state)
        .args(["--origin", audit["origin"].as_str().unwrap()])
        .args(["--log-key", audit["verifier_key"].as_str().unwrap()])
        .arg("--init"));
    assert!(ok, "{text}");
    // A state is never recreated, and a held lock stops a second run.
    let (ok, text) = run(bin()
        .args(["witness", "add-log", "--state"])
        .arg(&state)
        .args(["--origin", "x", "--log-key", "y", "--init"]));
    assert!(
        !ok && text.contains("--init creates a new witness state only"),
        "{text}"
    );
    let cosign = || {
        let mut c = bin();
        c.args(["witness", "cosign", "--state"])
            .arg(&state)
            .args(["--name", "witness.example.org/w1", "--key"])
            .arg(&key)
            .arg(&checkpoint)
            .args(["--old-size", "0"]);
        c
    };
    let (ok, line) = run(&mut cosign());
    assert!(
        ok && line.starts_with("\u{2014} witness.example.org/w1 "),
        "{line}"
    );
    let saved = std::fs::read(&state).unwrap();
    let (ok, text) = run(&mut cosign());
    assert!(!ok && text.contains("拒绝 REFUSED [conflict]"), "{text}");
    assert_eq!(
        std::fs::read(&state).unwrap(),
        saved,
        "a refusal writes nothing"
    );
    let lock = out.join("witness-state.json.lock");
    std::fs::write(&lock, b"").unwrap();
    let (ok, text) = run(&mut cosign());
    assert!(!ok && text.contains("cannot lock"), "{text}");
    std::fs::remove_file(&lock).unwrap();
}

/// Issue 18: every template the CLI writes, CSV and XLSX, is read by `import`, which
/// refuses only its example row, naming it.
#[test]
fn templates_are_read_back_by_import() {
    let dir = tmp("templates");
    std::fs::create_dir_all(&dir).unwrap();
    for what in ["items", "targets", "inspectors"] {
        for ext in ["csv", "xlsx"] {
            let f = dir.join(format!("{what}.{ext}"));
            let mut c = bin();
            c.args(["template", what, "--out"]).arg(&f);
            if ext == "xlsx" {
                c.arg("--xlsx");
            }
            let (ok, text) = run(&mut c);
            assert!(ok, "{text}");
            let (ok, text) = run(bin()
                .args(["import", what])
                .arg(&f)
                .args(["--as-of", "2023-08-23"]));
            assert!(!ok, "{what}.{ext}: {text}");
            assert!(
                text.contains("示例行") && text.contains("1 problem"),
                "{what}.{ext}: {text}"
            );
        }
    }
}

/// `text` with every run of 32 or more hex digits replaced by `#`.
fn without_hex_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for ch in text.chars().chain(std::iter::once(' ')) {
        if ch.is_ascii_hexdigit() {
            run.push(ch);
            continue;
        }
        if run.len() >= 32 {
            out.push('#');
        } else {
            out.push_str(&run);
        }
        run.clear();
        out.push(ch);
    }
    out.pop();
    out
}

/// Issue 18: earlier draws enter a plan from their sealed records, never typed; a record
/// whose seal does not hold is refused, and `verify --prior` checks the copies.
#[test]
fn plan_prior_copies_earlier_records_and_checks_their_seals() {
    let out = tmp("prior");
    let (ok, text) = run(bin().args(["demo", "--out"]).arg(&out));
    assert!(ok, "{text}");
    let plan = out.join("plan-with-prior.json");
    let (ok, text) = run(bin()
        .args([
            "plan",
            "prior",
            "--plan",
            "examples/data/plan.json",
            "--record",
        ])
        .arg(out.join("record.json"))
        .args(["--within-days", "30", "--out"])
        .arg(&plan));
    assert!(ok, "{text}");
    assert!(
        text.contains("此前抽取 Earlier draw HA-ZA-2023-Q3-001"),
        "{text}"
    );
    let p: serde_json::Value = serde_json::from_slice(&std::fs::read(&plan).unwrap()).unwrap();
    assert_eq!(p["exclusions"]["drawn_within_days"], 30);
    let copy = &p["exclusions"]["prior_draws"][0];
    let rec: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("record.json")).unwrap()).unwrap();
    assert_eq!(copy["record"], rec["hash"]);
    assert!(!copy["targets"].as_array().unwrap().is_empty());

    // The same record with its signatures stripped is no evidence of anything.
    let mut forged = rec.clone();
    forged["signatures"] = serde_json::json!([]);
    let bad = out.join("forged.json");
    std::fs::write(&bad, serde_json::to_vec(&forged).unwrap()).unwrap();
    let again = out.join("plan-forged.json");
    let (ok, text) = run(bin()
        .args([
            "plan",
            "prior",
            "--plan",
            "examples/data/plan.json",
            "--record",
        ])
        .arg(&bad)
        .args(["--within-days", "30", "--out"])
        .arg(&again));
    assert!(!ok, "{text}");
    assert!(text.contains("此前抽取记录未通过核对"), "{text}");
    assert!(!again.exists());
}

/// Issue 17 §5 / 18 §2: the results sheet made from the record, filled by a script as a
/// team would, imported against the record; a row naming an undrawn target is refused
/// with its row and nothing is written.
#[test]
fn results_sheet_from_the_record_and_back() {
    let out = tmp("results");
    let (ok, text) = run(bin().args(["demo", "--out"]).arg(&out));
    assert!(ok, "{text}");
    let sheet = out.join("results.csv");
    // The sheet and the import read the keeper's full register (the demo draws under
    // draw/v3: the published sealed view is for verifying, the register stays private).
    let (ok, text) = run(bin()
        .args(["template", "results", "--record"])
        .arg(out.join("record.json"))
        .arg("--targets")
        .arg(out.join("private/targets.json"))
        .arg("--out")
        .arg(&sheet));
    assert!(ok, "{text}");
    let csv = std::fs::read_to_string(&sheet).unwrap();
    let mut lines: Vec<Vec<String>> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    let col = |name: &str| lines[0].iter().position(|h| h == name).unwrap();
    let (d1, d2, by, team, outcome, target) = (
        col("检查日期"),
        col("结果日期"),
        col("录入人"),
        col("检查人员"),
        col("检查结果"),
        col("检查对象编码"),
    );
    for r in lines.iter_mut().skip(1) {
        r[d1] = "2023-09-06".into();
        r[d2] = "2023-09-08".into();
        r[by] = r[team].split('；').next().unwrap().to_string();
        r[outcome] = "未发现问题".into();
    }
    let join = |rows: &[Vec<String>]| {
        rows.iter()
            .map(|r| r.join(","))
            .collect::<Vec<_>>()
            .join("\n")
    };
    std::fs::write(&sheet, join(&lines)).unwrap();
    let json = out.join("results.json");
    let import = |file: &Path, dest: &Path| {
        run(bin()
            .args(["results", "import"])
            .arg(file)
            .arg("--record")
            .arg(out.join("record.json"))
            .arg("--targets")
            .arg(out.join("private/targets.json"))
            .args(["--inspectors", "examples/data/inspectors.csv", "--out"])
            .arg(dest))
    };
    let (ok, text) = import(&sheet, &json);
    assert!(ok, "{text}");
    assert!(
        text.contains(&format!("已导入 {} 条检查结果", lines.len() - 1)),
        "{text}"
    );
    // A target nobody drew.
    lines[1][target] = "91410100MA00000000".into();
    let bad = out.join("bad.csv");
    std::fs::write(&bad, join(&lines)).unwrap();
    let refused = out.join("refused.json");
    let (ok, text) = import(&bad, &refused);
    assert!(
        !ok && text.contains("row 2") && text.contains("was not drawn"),
        "{text}"
    );
    assert!(!refused.exists());
}

/// Issue 17 §8: what a clerk gets wrong is said in words a clerk can act on — swapped
/// files are named for what they are, a register given as CSV is read as the page reads
/// it, and a bad date is a bad date.
#[test]
fn clerk_mistakes_get_clear_messages() {
    let out = tmp("clerk");
    let (ok, text) = run(bin().args(["demo", "--draw", "v2", "--out"]).arg(&out));
    assert!(ok, "{text}");
    let verify = |targets: &Path, inspectors: &Path| {
        run(bin()
            .arg("verify")
            .arg(out.join("record.json"))
            .arg("--targets")
            .arg(targets)
            .arg("--inspectors")
            .arg(inspectors))
    };
    let (t, i) = (
        out.join("targets.public.json"),
        out.join("inspectors.public.json"),
    );
    let (ok, text) = verify(&i, &t);
    assert!(!ok, "{text}");
    assert!(
        text.contains("这个文件是执法检查人员名录库") && text.contains("were two files swapped"),
        "{text}"
    );
    // The register's own CSV, as the page accepts it.
    let (ok, text) = verify(Path::new("examples/data/targets.csv"), &i);
    assert!(ok && text.contains("记录自洽"), "{text}");
    // A CSV where JSON is needed.
    let (ok, text) = verify(&t, Path::new("examples/data/inspectors.csv"));
    assert!(!ok && text.contains("这不是 JSON 文件"), "{text}");
    let (ok, text) = run(bin().args(["deadline", "2026-13-01"]));
    assert!(!ok && text.contains("2026-13-01 不是有效日期"), "{text}");
}

/// Issue 17 §5: a deadline in a year whose holiday notice is not loaded is provisional
/// (said on stderr), not refused; adding the year's notice makes it final.
#[test]
fn deadlines_are_provisional_until_the_years_notice_is_added() {
    let dir = tmp("calendar");
    let cal_dir = dir.join("cal");
    let deadline = |d: &str| {
        let o = bin()
            .args(["deadline", d])
            .env("SHUANGSUIJI_CALENDAR_DIR", &cal_dir)
            .output()
            .unwrap();
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stdout).trim().to_string(),
            String::from_utf8_lossy(&o.stderr).to_string(),
        )
    };
    let (ok, out, err) = deadline("2026-12-10");
    assert!(ok, "{err}");
    assert_eq!(out, "2027-01-08");
    assert!(
        err.contains("暂定 PROVISIONAL") && err.contains("2027"),
        "{err}"
    );
    // A 2027 notice (made up for the test): every statutory day off, and 元旦 1–4 January.
    let notice = dir.join("2027.json");
    std::fs::write(
        &notice,
        r#"{"format": "shuangsuiji/calendar/v1", "years": [{"year": 2027, "days_off": [
            {"name": "元旦", "from": "2027-01-01", "to": "2027-01-04"},
            {"name": "春节", "from": "2027-02-05", "to": "2027-02-11"},
            {"name": "清明节", "from": "2027-04-05", "to": "2027-04-05"},
            {"name": "劳动节", "from": "2027-05-01", "to": "2027-05-05"},
            {"name": "端午节", "from": "2027-06-09", "to": "2027-06-09"},
            {"name": "中秋节", "from": "2027-09-15", "to": "2027-09-15"},
            {"name": "国庆节", "from": "2027-10-01", "to": "2027-10-07"}]}]}"#,
    )
    .unwrap();
    let add = || {
        bin()
            .args(["calendar", "add"])
            .arg(&notice)
            .env("SHUANGSUIJI_CALENDAR_DIR", &cal_dir)
            .output()
            .unwrap()
    };
    let o = add();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (ok, out, err) = deadline("2026-12-10");
    assert!(
        ok && out == "2027-01-11" && !err.contains("暂定"),
        "{out} {err}"
    );
    // The same year twice is refused.
    let o = add();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("already in the calendar"));
    // A "notice" that works a statutory day (2028 without 国庆) is refused as incomplete.
    std::fs::write(
        &notice,
        r#"{"format": "shuangsuiji/calendar/v1", "years": [{"year": 2028,
            "days_off": [{"name": "元旦", "from": "2028-01-01", "to": "2028-01-01"}]}]}"#,
    )
    .unwrap();
    let o = add();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("incomplete"));
}

/// Issue 17 §5: publishing after the 20-working-day deadline is refused without a reason,
/// and with one the reason is written beside the notice.
#[test]
fn late_publication_needs_a_reason() {
    let out = tmp("late");
    let (ok, text) = run(bin().args(["demo", "--out"]).arg(&out));
    assert!(ok, "{text}");
    let key = out.join("publisher.key");
    std::fs::write(&key, "2".repeat(64)).unwrap();
    let publish_at = |today: i64, date: &str, reason: Option<&str>, dest: &str| {
        let mut c = bin();
        c.env("SHUANGSUIJI_NOW", today.to_string());
        c.arg("publish")
            .arg(out.join("results.private.json"))
            .arg("--record")
            .arg(out.join("record.json"))
            .arg("--targets")
            .arg(out.join("targets.sealed.json"))
            .arg("--inspectors")
            .arg(out.join("inspectors.public.json"))
            .arg("--key")
            .arg(&key)
            .args([
                "--publisher",
                "p",
                "--notice-id",
                "N",
                "--date",
                date,
                "--out",
            ])
            .arg(out.join(dest));
        if let Some(r) = reason {
            c.args(["--overdue-reason", r]);
        }
        run(&mut c)
    };
    // Today by the (rehearsal) clock: 2023-10-08 08:00 in China.
    let oct8 = 1_696_723_200;
    let publish =
        |date: &str, reason: Option<&str>, dest: &str| publish_at(oct8, date, reason, dest);
    // Results of 2023-09-04: the deadline is 2023-10-08.
    let (ok, text) = publish("2023-10-08", None, "on-time");
    assert!(ok, "{text}");
    // The demo's record is draw/v3, checked from the sealed view: said so.
    assert!(text.contains("须审计方核验"), "{text}");
    assert!(!out.join("on-time/overdue.json").exists());
    let (ok, text) = publish("2023-10-09", None, "late");
    assert!(
        !ok && text.contains("公示期限") && text.contains("2023-10-08"),
        "{text}"
    );
    assert!(!out.join("late/notice.json").exists());
    let (ok, text) = publish("2023-10-09", Some("系统故障延误"), "late");
    assert!(ok, "{text}");
    let o: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("late/overdue.json")).unwrap()).unwrap();
    assert_eq!(o["reason"], "系统故障延误");
    assert_eq!(o["late_results"], 24);
    assert_eq!(o["earliest_deadline"], "2023-10-08");
    assert!(
        o.get("late").is_none(),
        "no result ids or dates in the public file"
    );
    // Dated back to the deadline on a later day: still late.
    let (ok, text) = publish_at(oct8 + 10 * 86_400, "2023-10-08", None, "backdated");
    assert!(!ok && text.contains("公示期限"), "{text}");
}
