//! The case workflow (issue 17 §1–§2): `case status` right after every step and after an
//! interrupted one, a step killed half-way leaves the case as before it (or finishes it
//! once committed), a held lock refuses a second command, and handed-over files that do
//! not belong are refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::Command;

struct Case {
    dir: PathBuf,
}

impl Case {
    fn new(name: &str) -> Case {
        let dir =
            std::env::temp_dir().join(format!("shuangsuiji-case-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Case { dir }
    }

    /// Runs the CLI in the case's working directory at rehearsal time `now`.
    fn run(&self, now: i64, args: &[&str]) -> (bool, String) {
        self.run_env(now, args, &[])
    }

    fn run_env(&self, now: i64, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
        let mut c = Command::new(env!("CARGO_BIN_EXE_shuangsuiji"));
        c.current_dir(&self.dir)
            .args(args)
            .env("SHUANGSUIJI_NOW", now.to_string());
        for (k, v) in env {
            c.env(k, v);
        }
        let o = c.output().unwrap();
        (
            o.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            ),
        )
    }

    fn ok(&self, now: i64, args: &[&str]) -> String {
        let (ok, text) = self.run(now, args);
        assert!(ok, "{args:?}:\n{text}");
        text
    }

    /// The status lines, `[✓] name` or `[ ] name`.
    fn status(&self) -> String {
        self.ok(T0, &["case", "status", "task"])
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }
}

const T0: i64 = 1_692_803_100;
const T_COMMIT: i64 = 1_692_803_700;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

fn done(status: &str, step: &str) -> bool {
    status.contains(&format!("[✓] {step}"))
}

/// Keys, and a case with two participants and two signers, not yet committed.
fn prepared(name: &str) -> Case {
    let c = Case::new(name);
    let data = repo().join("examples/data");
    for (name, role, dir) in [
        ("日志", "审计日志", "keys/log"),
        ("抽查负责人 甲", "抽查负责人", "keys/lead"),
        ("监督人 乙", "监督人", "keys/supervisor"),
    ] {
        c.ok(
            T0,
            &["keys", "new", "--name", name, "--role", role, "--out", dir],
        );
    }
    for id in ["zazd", "jjjc"] {
        c.ok(
            T0,
            &[
                "participant",
                "new",
                "--id",
                id,
                "--role",
                id,
                "--out",
                &format!("keys/{id}"),
            ],
        );
    }
    let f = |n: &str| data.join(n).to_string_lossy().into_owned();
    c.ok(
        T0,
        &[
            "case",
            "new",
            "task",
            "--items",
            &f("items.csv"),
            "--list-version",
            "豫政办〔2017〕80号",
            "--targets",
            &f("targets.csv"),
            "--inspectors",
            &f("inspectors.csv"),
            "--plan",
            &f("plan.json"),
            "--as-of",
            "2023-08-23",
            "--unit",
            "单位",
            "--origin",
            "example/case",
            "--log-key",
            "keys/log/key",
            "--margin",
            "30",
        ],
    );
    c.ok(
        T0,
        &["case", "participant", "task", "keys/zazd/participant.json"],
    );
    c.ok(
        T0,
        &["case", "participant", "task", "keys/jjjc/participant.json"],
    );
    c.ok(T0, &["case", "signer", "task", "keys/lead/public.json"]);
    c.ok(
        T0,
        &["case", "signer", "task", "keys/supervisor/public.json"],
    );
    c
}

#[test]
fn status_is_right_after_every_step() {
    let c = prepared("status");
    let s = c.status();
    assert!(
        done(&s, "参与方") && done(&s, "签字人") && !done(&s, "抽取承诺"),
        "{s}"
    );
    assert!(s.contains("下一步 Next: 抽取承诺"), "{s}");
    c.ok(T_COMMIT, &["case", "commit", "task"]);
    let s = c.status();
    assert!(done(&s, "抽取承诺") && !done(&s, "承诺签名"), "{s}");
    assert!(
        s.contains("待签 waiting for: 抽查负责人 甲、监督人 乙、jjjc、zazd"),
        "{s}"
    );
    assert!(s.contains("信标轮次 123 的时间"), "{s}");
    // A participant's own tool reveals only for a commitment it signed, fully signed.
    let reveal = |who: &str, from: &str| {
        c.run(
            T_COMMIT,
            &[
                "participant",
                "reveal",
                "--dir",
                &format!("keys/{who}"),
                from,
                "--out",
                &format!("{who}.reveal"),
            ],
        )
    };
    let (ok, text) = reveal("zazd", "task/commitment.json");
    assert!(!ok && text.contains("本目录没有签署过这份承诺"), "{text}");
    for who in ["lead", "supervisor", "zazd", "jjjc"] {
        let sig = format!("{who}.sig");
        c.ok(
            T_COMMIT,
            &[
                "sign",
                "--dir",
                &format!("keys/{who}"),
                "task/commitment.json",
                "--out",
                &sig,
            ],
        );
        if who != "jjjc" {
            c.ok(T_COMMIT, &["case", "signature", "task", &sig]);
        }
    }
    let (ok, text) = reveal("zazd", "task/commitment.json");
    assert!(!ok && text.contains("jjjc"), "not fully signed: {text}");
    // The case refuses a reveal before the commitment it holds is fully signed, even one
    // made from a fully signed copy elsewhere.
    let copy = c.path("copy");
    std::fs::create_dir_all(&copy).unwrap();
    let mut full: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.path("task/commitment.json")).unwrap()).unwrap();
    let jsig: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.path("jjjc.sig")).unwrap()).unwrap();
    full["participant_signatures"]
        .as_array_mut()
        .unwrap()
        .push(jsig["entry"].clone());
    std::fs::write(copy.join("commitment.json"), full.to_string()).unwrap();
    let (ok, text) = reveal("zazd", "copy/commitment.json");
    assert!(ok, "{text}");
    let (ok, text) = c.run(T_COMMIT, &["case", "reveal", "task", "zazd.reveal"]);
    assert!(
        !ok && text.contains("[not_yet]") && text.contains("承诺尚缺签名"),
        "{text}"
    );
    c.ok(T_COMMIT, &["case", "signature", "task", "jjjc.sig"]);
    // The same signature twice is refused.
    let (ok, text) = c.run(T_COMMIT, &["case", "signature", "task", "lead.sig"]);
    assert!(!ok && text.contains("[done]"), "{text}");
    let s = c.status();
    assert!(done(&s, "承诺签名") && !done(&s, "揭示"), "{s}");
    c.ok(T_COMMIT, &["case", "reveal", "task", "zazd.reveal"]);
    let s = c.status();
    assert!(
        !done(&s, "揭示") && s.contains("待揭示 waiting for: jjjc"),
        "{s}"
    );
    let (ok, text) = reveal("jjjc", "task/commitment.json");
    assert!(ok, "{text}");
    c.ok(T_COMMIT, &["case", "reveal", "task", "jjjc.reveal"]);
    let s = c.status();
    assert!(done(&s, "揭示") && !done(&s, "信标轮次"), "{s}");
    // The draw waits for the beacon.
    let (ok, text) = c.run(T_COMMIT + 100, &["case", "draw", "task"]);
    assert!(
        !ok && text.contains("[not_yet]") && text.contains("信标轮次"),
        "{text}"
    );
    let drand = repo().join("examples/data/drand-quicknet.json");
    c.ok(
        T_COMMIT + 100,
        &["case", "beacon", "task", "--file", drand.to_str().unwrap()],
    );
    assert!(done(&c.status(), "信标轮次"));
    c.ok(T_COMMIT + 100, &["case", "draw", "task"]);
    let s = c.status();
    assert!(done(&s, "抽取") && !done(&s, "记录签名"), "{s}");
    for who in ["lead", "supervisor"] {
        let sig = format!("{who}.record.sig");
        c.ok(
            T_COMMIT + 100,
            &[
                "sign",
                "--dir",
                &format!("keys/{who}"),
                "task/record.json",
                "--out",
                &sig,
                "--targets",
                "task/public/targets.public.json",
                "--inspectors",
                "task/public/inspectors.public.json",
            ],
        );
        c.ok(T_COMMIT + 100, &["case", "signature", "task", &sig]);
    }
    let s = c.status();
    assert!(
        done(&s, "记录签名") && s.contains("下一步 Next: 结果录入与公示"),
        "{s}"
    );
    // Without witnesses the record is consistent, its time the record's own claim.
    let (ok, text) = c.run(T_COMMIT + 100, &["case", "verify", "task"]);
    assert!(ok && text.contains("CONSISTENT, NOT ANCHORED"), "{text}");
}

#[test]
fn a_step_killed_half_way_leaves_the_case_before_or_after_it() {
    let c = prepared("crash");
    let before = std::fs::read(c.path("task/audit.json")).unwrap();
    // Killed with the files staged but not committed: undone at the next open.
    let (ok, _) = c.run_env(
        T_COMMIT,
        &["case", "commit", "task"],
        &[("SHUANGSUIJI_CASE_CRASH_AT", "staging")],
    );
    assert!(!ok);
    assert!(c.path("task/.staging").exists());
    let s = c.status();
    assert!(!done(&s, "抽取承诺"), "{s}");
    assert!(!c.path("task/.staging").exists() && !c.path("task/commitment.json").exists());
    assert_eq!(std::fs::read(c.path("task/audit.json")).unwrap(), before);
    // Killed after the commit point, one file moved: finished at the next open, the log
    // and the commitment together.
    let (ok, _) = c.run_env(
        T_COMMIT,
        &["case", "commit", "task"],
        &[("SHUANGSUIJI_CASE_CRASH_AT", "applying")],
    );
    assert!(!ok);
    assert!(c.path("task/.pending").exists());
    let s = c.status();
    assert!(done(&s, "抽取承诺"), "{s}");
    assert!(!c.path("task/.pending").exists());
    let log = std::fs::read_to_string(c.path("task/audit.json")).unwrap();
    let commitment = std::fs::read_to_string(c.path("task/commitment.json")).unwrap();
    let hash: serde_json::Value = serde_json::from_str(&commitment).unwrap();
    assert!(
        log.contains(hash["hash"].as_str().unwrap()),
        "the commitment event is in the log"
    );
    // And the case goes on: signing works on the recovered commitment.
    c.ok(
        T_COMMIT,
        &[
            "sign",
            "--dir",
            "keys/lead",
            "task/commitment.json",
            "--out",
            "lead.sig",
        ],
    );
    c.ok(T_COMMIT, &["case", "signature", "task", "lead.sig"]);
    c.ok(T0, &["log", "verify", "task/audit.json"]);
}

#[test]
fn a_held_case_refuses_a_second_command() {
    let c = prepared("lock");
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(c.path("task/.lock"))
        .unwrap();
    lock.lock().unwrap();
    let (ok, text) = c.run(T_COMMIT, &["case", "commit", "task"]);
    assert!(
        !ok && text.contains("[locked]") && text.contains("正由另一个命令处理"),
        "{text}"
    );
    assert!(!c.path("task/commitment.json").exists());
    drop(lock);
    c.ok(T_COMMIT, &["case", "commit", "task"]);
}

#[test]
fn handed_over_files_that_do_not_belong_are_refused() {
    let c = prepared("forged");
    // A key made after the commitment signs nothing: the commitment does not list it.
    c.ok(T_COMMIT, &["case", "commit", "task"]);
    c.ok(
        T0,
        &[
            "keys",
            "new",
            "--name",
            "抽查负责人 甲",
            "--role",
            "抽查负责人",
            "--out",
            "keys/impostor",
        ],
    );
    let (ok, text) = c.run(
        T_COMMIT,
        &[
            "sign",
            "--dir",
            "keys/impostor",
            "task/commitment.json",
            "--out",
            "x.sig",
        ],
    );
    assert!(!ok && text.contains("未列出签字人"), "{text}");
    // A genuine signature relabelled as another signer's fails its check.
    c.ok(
        T_COMMIT,
        &[
            "sign",
            "--dir",
            "keys/lead",
            "task/commitment.json",
            "--out",
            "lead.sig",
        ],
    );
    let forged = std::fs::read_to_string(c.path("lead.sig"))
        .unwrap()
        .replace("抽查负责人 甲", "监督人 乙");
    std::fs::write(c.path("forged.sig"), forged).unwrap();
    let (ok, text) = c.run(T_COMMIT, &["case", "signature", "task", "forged.sig"]);
    assert!(!ok && text.contains("[refused]"), "{text}");
    // Participants and signers cannot join once the commitment exists.
    c.ok(
        T0,
        &[
            "participant",
            "new",
            "--id",
            "late",
            "--role",
            "late",
            "--out",
            "keys/late",
        ],
    );
    let (ok, text) = c.run(
        T_COMMIT,
        &["case", "participant", "task", "keys/late/participant.json"],
    );
    assert!(!ok && text.contains("[done]"), "{text}");
    // A second commitment for the case is refused.
    let (ok, text) = c.run(T_COMMIT + 60, &["case", "commit", "task"]);
    assert!(!ok && text.contains("[done]"), "{text}");
    // Bad inputs to `case new`: every problem at once, nothing written.
    let bad = c.path("targets.csv");
    std::fs::write(&bad, "统一社会信用代码,企业名称,行政区划代码,行业,对象类型,信用类别,风险等级,所属部门,状态\n91350100M000100Y44,甲,410105,R,企业,A,低,治安,存续\n91110000802100433B,乙,4101,R,企业,A,低,治安,存续\n").unwrap();
    let data = repo().join("examples/data");
    let f = |n: &str| data.join(n).to_string_lossy().into_owned();
    let (ok, text) = c.run(
        T0,
        &[
            "case",
            "new",
            "task2",
            "--items",
            &f("items.csv"),
            "--targets",
            bad.to_str().unwrap(),
            "--inspectors",
            &f("inspectors.csv"),
            "--plan",
            &f("plan.json"),
            "--as-of",
            "2023-08-23",
            "--unit",
            "u",
            "--origin",
            "o",
            "--log-key",
            "keys/log/key",
        ],
    );
    assert!(!ok && text.contains("[invalid]"), "{text}");
    assert!(text.contains("row 2") && text.contains("row 3"), "{text}");
    assert!(!c.path("task2/case.json").exists());
}

/// A drand HTTP relay on localhost serving recorded rounds (no network in tests): each
/// request answered with `body(path)`; the paths asked are returned at the end.
fn relay(rounds: Vec<(String, String)>) -> (String, std::thread::JoinHandle<Vec<String>>) {
    use std::io::{BufRead as _, BufReader, Write as _};
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    let h = std::thread::spawn(move || {
        let mut asked = Vec::new();
        for _ in 0..rounds.len() {
            let (mut s, _) = l.accept().unwrap();
            let mut line = String::new();
            let mut r = BufReader::new(s.try_clone().unwrap());
            r.read_line(&mut line).unwrap();
            loop {
                let mut h = String::new();
                if r.read_line(&mut h).unwrap() == 0 || h == "\r\n" {
                    break;
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
            let (status, body) = rounds
                .iter()
                .find(|(p, _)| *p == path)
                .map_or(("404 Not Found", "{}".to_string()), |(_, b)| {
                    ("200 OK", b.clone())
                });
            write!(s, "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).unwrap();
            asked.push(path);
        }
        asked
    });
    (url, h)
}

#[test]
fn the_beacon_comes_from_a_relay_and_is_checked() {
    let c = prepared("relay");
    c.ok(T_COMMIT, &["case", "commit", "task"]);
    for who in ["lead", "supervisor", "zazd", "jjjc"] {
        let sig = format!("{who}.sig");
        c.ok(
            T_COMMIT,
            &[
                "sign",
                "--dir",
                &format!("keys/{who}"),
                "task/commitment.json",
                "--out",
                &sig,
            ],
        );
        c.ok(T_COMMIT, &["case", "signature", "task", &sig]);
    }
    for who in ["zazd", "jjjc"] {
        let r = format!("{who}.reveal");
        c.ok(
            T_COMMIT,
            &[
                "participant",
                "reveal",
                "--dir",
                &format!("keys/{who}"),
                "task/commitment.json",
                "--out",
                &r,
            ],
        );
        c.ok(T_COMMIT, &["case", "reveal", "task", &r]);
    }
    let recorded: serde_json::Value = serde_json::from_slice(
        &std::fs::read(repo().join("examples/data/drand-quicknet.json")).unwrap(),
    )
    .unwrap();
    let round = recorded["rounds"][0].clone();
    assert_eq!(round["round"], 123);
    let chain = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971";
    let path = format!("/{chain}/public/123");
    // A relay that serves the round with a flipped signature byte: refused, nothing kept.
    let mut forged = round.clone();
    let sig = forged["signature"].as_str().unwrap().to_string();
    let flipped = format!(
        "{}{}",
        if sig.starts_with('a') { "b" } else { "a" },
        &sig[1..]
    );
    forged["signature"] = serde_json::Value::String(flipped);
    let (url, h) = relay(vec![(path.clone(), forged.to_string())]);
    let (ok, text) = c.run(T_COMMIT + 100, &["case", "beacon", "task", "--url", &url]);
    assert!(!ok && text.contains("信标轮次未通过核验"), "{text}");
    assert_eq!(h.join().unwrap(), vec![path.clone()]);
    assert!(!c.path("task/beacon.json").exists());
    // The genuine round, from the relay.
    let (url, h) = relay(vec![(path.clone(), round.to_string())]);
    let text = c.ok(
        T_COMMIT + 100,
        &["case", "beacon", "task", "--url", &format!("{url}/")],
    );
    assert!(
        text.contains("Beacon round 123 loaded and verified"),
        "{text}"
    );
    assert_eq!(h.join().unwrap(), vec![path]);
    c.ok(T_COMMIT + 100, &["case", "draw", "task"]);
}
