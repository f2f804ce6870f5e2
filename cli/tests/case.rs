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

/// `case new task` over the sample registers and `plan`, its log key `keys/log/key`.
fn case_new_args(plan: &str) -> Vec<String> {
    let data = repo().join("examples/data");
    let f = |n: &str| data.join(n).to_string_lossy().into_owned();
    [
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
        plan,
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
    ]
    .map(String::from)
    .to_vec()
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
    let plan = data.join("plan.json").to_string_lossy().into_owned();
    let args = case_new_args(&plan);
    c.ok(T0, &args.iter().map(String::as_str).collect::<Vec<_>>());
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
                "task/public/targets.sealed.json",
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
    // Issue 19: a case draws under draw/v3 by default. Nothing the case publishes holds a
    // class or a declared conflict; private/ holds them, closed to other users.
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.path("task/record.json")).unwrap()).unwrap();
    assert_eq!(record["record"]["algorithm"], "shuangsuiji/draw/v3");
    let mut published = Vec::new();
    json_files(&c.path("task"), &mut published);
    assert!(published.iter().any(|p| p.ends_with("targets.sealed.json")));
    assert!(!published.iter().any(|p| p.ends_with("targets.public.json")));
    let (mut classes, mut conflicts) = (0, 0);
    for p in &published {
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
        count_private(&v, &mut classes, &mut conflicts);
    }
    assert_eq!((classes, conflicts), (0, 0), "{published:?}");
    let private = |rel: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(c.path(&format!("task/private/{rel}"))).unwrap())
            .unwrap()
    };
    count_private(&private("targets.json"), &mut classes, &mut conflicts);
    count_private(
        &private("inspectors.declared.json"),
        &mut classes,
        &mut conflicts,
    );
    assert!(classes > 1000 && conflicts > 0, "{classes} {conflicts}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let m = std::fs::metadata(c.path("task/private/view.key")).unwrap();
        assert_eq!(m.permissions().mode() & 0o077, 0);
    }
    // The auditor re-draws it from private/: every class and recusal set.
    let (ok, text) = c.run(
        T_COMMIT + 100,
        &[
            "verify",
            "task/record.json",
            "--targets",
            "task/private/targets.json",
            "--view-key",
            "task/private/view.key",
            "--inspectors",
            "task/private/inspectors.declared.json",
        ],
    );
    assert!(ok && text.contains("审计核验通过"), "{text}");
    // The auditor's files are the ones the log's digest names.
    assert!(
        text.contains(&format!("keeper-inputs {}", logged_keeper_inputs(&c))),
        "{text}"
    );
}

/// Every JSON file under `dir` outside its `private/` folders: what a case publishes (or
/// keeps for its own steps) in the open.
fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            if p.file_name().unwrap() != "private" {
                json_files(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

/// Counts `risk`/`credit` members holding a class (not a 64-hex commitment) and the
/// declared conflicts in a JSON document.
fn count_private(v: &serde_json::Value, classes: &mut usize, conflicts: &mut usize) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("risk" | "credit", serde_json::Value::String(s))
                        if !(s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())) =>
                    {
                        *classes += 1;
                    }
                    ("conflicts", serde_json::Value::Array(a)) => *conflicts += a.len(),
                    _ => {}
                }
                count_private(x, classes, conflicts);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| count_private(x, classes, conflicts)),
        _ => {}
    }
}

/// `case new --draw v2`: the register's public view (with its classes) is published and
/// nothing is sealed.
#[test]
fn a_v2_case_publishes_the_register_view() {
    let c = Case::new("v2");
    c.ok(
        T0,
        &[
            "keys",
            "new",
            "--name",
            "日志",
            "--role",
            "审计日志",
            "--out",
            "keys/log",
        ],
    );
    let plan = repo()
        .join("examples/data/plan.json")
        .to_string_lossy()
        .into_owned();
    let mut args = case_new_args(&plan);
    args.extend(["--draw".to_string(), "v2".to_string()]);
    c.ok(T0, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(c.path("task/public/targets.public.json").exists());
    assert!(!c.path("task/public/targets.sealed.json").exists());
    assert!(!c.path("task/private/view.key").exists());
    let case: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.path("task/case.json")).unwrap()).unwrap();
    assert!(case.get("sealed").is_none());
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
    let c = revealed_case("relay");
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
    // With the beacon filed the outcome is known: only an order re-draws.
    let (ok, text) = c.run(
        T_COMMIT + 100,
        &["case", "redraw", "task", "--reason", "beacon_unavailable"],
    );
    assert!(!ok && text.contains("ordered"), "{text}");
    assert!(c.path("task/record.json").exists());
}

/// A prepared case committed, fully signed and revealed, before the round.
fn revealed_case(name: &str) -> Case {
    let c = prepared(name);
    c.ok(T_COMMIT, &["case", "commit", "task"]);
    sign_commitment(&c, T_COMMIT);
    for who in ["zazd", "jjjc"] {
        c.ok(
            T_COMMIT,
            &["case", "reveal", "task", &reveal_file(&c, who, T_COMMIT)],
        );
    }
    c
}

/// Every signer and participant signs the case's commitment on its own folder, and the
/// clerk files each signature; what `sign` showed each, in order.
fn sign_commitment(c: &Case, now: i64) -> Vec<String> {
    ["lead", "supervisor", "zazd", "jjjc"]
        .iter()
        .map(|who| {
            let sig = format!("{who}.sig");
            let dir = format!("keys/{who}");
            let shown = c.ok(
                now,
                &["sign", "--dir", &dir, "task/commitment.json", "--out", &sig],
            );
            c.ok(now, &["case", "signature", "task", &sig]);
            shown
        })
        .collect()
}

/// A participant's reveal made on its own folder; the file's name, for the clerk to file.
fn reveal_file(c: &Case, who: &str, now: i64) -> String {
    let r = format!("{who}.reveal");
    let dir = format!("keys/{who}");
    c.ok(
        now,
        &[
            "participant",
            "reveal",
            "--dir",
            &dir,
            "task/commitment.json",
            "--out",
            &r,
        ],
    );
    r
}

/// Both signers sign the case's record (re-running it from the public views) and the
/// clerk files each signature.
fn sign_record(c: &Case, now: i64) {
    for who in ["lead", "supervisor"] {
        let sig = format!("{who}.record.sig");
        let dir = format!("keys/{who}");
        c.ok(
            now,
            &[
                "sign",
                "--dir",
                &dir,
                "task/record.json",
                "--out",
                &sig,
                "--targets",
                "task/public/targets.sealed.json",
                "--inspectors",
                "task/public/inspectors.public.json",
            ],
        );
        c.ok(now, &["case", "signature", "task", &sig]);
    }
}

/// A case taken to a record signed by both signers (no witness).
fn sealed_case(name: &str) -> Case {
    let c = revealed_case(name);
    let drand = repo().join("examples/data/drand-quicknet.json");
    c.ok(
        T_AFTER,
        &["case", "beacon", "task", "--file", drand.to_str().unwrap()],
    );
    c.ok(T_AFTER, &["case", "draw", "task"]);
    sign_record(&c, T_AFTER);
    c
}

const T_AFTER: i64 = T_COMMIT + 100;

/// The names and badges of the sample inspectors (personal data).
fn inspector_personal_data() -> Vec<String> {
    let csv = std::fs::read_to_string(repo().join("examples/data/inspectors.csv")).unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let (name, badge) = (
        head.iter().position(|h| *h == "姓名").unwrap(),
        head.iter().position(|h| *h == "执法证号").unwrap(),
    );
    lines
        .flat_map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            [cells[name].to_string(), cells[badge].to_string()]
        })
        .filter(|s: &String| !s.is_empty())
        .collect()
}

fn chromium() -> Option<&'static str> {
    let p = "/usr/bin/chromium";
    if Path::new(p).exists() {
        return Some(p);
    }
    // CI installs it (scripts/install-browser.sh): there, a missing browser is a failure.
    assert!(
        std::env::var_os("CI").is_none(),
        "Chromium is required in CI (scripts/install-browser.sh)"
    );
    eprintln!("skipped: no Chromium at {p}");
    None
}

fn headless(extra: &[&str], url: &str, user_dir: &Path) -> std::process::Output {
    Command::new(chromium().unwrap())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", user_dir.display()))
        .args(extra)
        .arg(url)
        .output()
        .unwrap()
}

/// Issue 17 §3: the printed 抽查记录 renders in headless Chromium; its text holds the plan,
/// the verdict, the record hash and the signature lines; its QR code, read back from the
/// screenshot (kept in the test output), decodes to the record hash; the public copy
/// carries no name or badge of an inspector. §4: dispatch lists and notices are written,
/// private.
#[test]
fn the_printed_record_renders_and_its_qr_code_reads_the_hash() {
    let c = sealed_case("print");
    let text = c.ok(T_AFTER, &["case", "print", "task"]);
    assert!(text.contains("record.internal.html"), "{text}");
    let text = c.ok(T_AFTER, &["case", "dispatch", "task"]);
    assert!(text.contains("检查告知书 24 份"), "{text}");
    let xlsx = std::fs::read_dir(c.path("task/dispatch"))
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.path().extension().is_some_and(|x| x == "xlsx"))
        .expect("an XLSX dispatch list");
    assert!(std::fs::read(xlsx.path()).unwrap().starts_with(b"PK"));
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.path("task/record.json")).unwrap()).unwrap();
    let hash = record["hash"].as_str().unwrap().to_string();
    let internal = std::fs::read_to_string(c.path("task/print/record.internal.html")).unwrap();
    let public = std::fs::read_to_string(c.path("task/print/record.public.html")).unwrap();
    let personal = inspector_personal_data();
    assert!(
        personal.iter().any(|p| internal.contains(p.as_str())),
        "the internal copy names the team"
    );
    for p in &personal {
        assert!(!public.contains(p.as_str()), "the public copy shows {p}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |rel: &str| std::fs::metadata(c.path(rel)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode("task/print/record.internal.html"), 0o600);
        let lists = std::fs::read_dir(c.path("task/dispatch")).unwrap();
        for f in lists {
            assert_eq!(
                f.unwrap().metadata().unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
    let notice = std::fs::read_dir(c.path("task/notices"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let notice = std::fs::read_to_string(notice).unwrap();
    assert!(notice.contains("检查告知书") && notice.contains("执法证号") && notice.contains(&hash));

    let Some(_) = chromium() else { return };
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let url = format!(
        "file://{}",
        c.path("task/print/record.internal.html").display()
    );
    let dom = headless(&["--dump-dom"], &url, &c.path("chrome-1"));
    let dom = String::from_utf8_lossy(&dom.stdout);
    for want in [
        "演练 REHEARSAL",
        "双随机抽查记录",
        "抽查事项及依据",
        "随机数来源",
        "记录自洽，但未锚定",
        "现场参加人员签字",
        hash.as_str(),
    ] {
        assert!(dom.contains(want), "missing {want:?} in the rendered page");
    }
    let png = out.join("printed-record.png");
    let shot = headless(
        &[
            "--window-size=900,1300",
            "--force-device-scale-factor=2",
            &format!("--screenshot={}", png.display()),
        ],
        &url,
        &c.path("chrome-2"),
    );
    assert!(png.exists(), "{}", String::from_utf8_lossy(&shot.stderr));
    eprintln!("screenshot kept at {}", png.display());
    let img = image::open(&png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the first page");
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(content, hash);
}

/// A real case (made without the rehearsal clock) refuses it; a commitment whose round
/// passed cannot take reveals, and `case redraw` moves the round aside so the next
/// commitment supersedes it.
#[test]
fn late_steps_are_refused_and_a_redraw_supersedes() {
    let c = prepared("late");
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
    // After the round (T_AFTER): the participant's own tool and the case both refuse.
    let (ok, text) = c.run(
        T_AFTER,
        &[
            "participant",
            "reveal",
            "--dir",
            "keys/zazd",
            "task/commitment.json",
            "--out",
            "z.reveal",
        ],
    );
    assert!(!ok && text.contains("已于"), "{text}");
    c.ok(
        T_COMMIT,
        &[
            "participant",
            "reveal",
            "--dir",
            "keys/zazd",
            "task/commitment.json",
            "--out",
            "z.reveal",
        ],
    );
    let (ok, text) = c.run(T_AFTER, &["case", "reveal", "task", "z.reveal"]);
    assert!(!ok && text.contains("case redraw"), "{text}");
    let s = c.ok(T_AFTER, &["case", "status", "task"]);
    assert!(s.contains("此承诺无法锚定"), "{s}");
    // A signer never signs a second commitment for the plan that does not supersede the
    // first: re-draw first.
    let (ok, text) = c.run(T_AFTER, &["case", "redraw", "task", "--reason", "whim"]);
    assert!(!ok && text.contains("participant_unavailable"), "{text}");
    c.ok(
        T_AFTER,
        &[
            "case",
            "redraw",
            "task",
            "--reason",
            "participant_unavailable",
            "--note",
            "轮次前未能揭示",
        ],
    );
    assert!(c.path("task/superseded/1/commitment.json").exists());
    assert!(!c.path("task/commitment.json").exists());
    // draw/v3: the next round gets a sealed view of its own under a fresh key; the old view
    // stays beside its round, the old key with the keeper.
    let old_view = std::fs::read(c.path("task/superseded/1/public/targets.sealed.json")).unwrap();
    let new_view = std::fs::read(c.path("task/public/targets.sealed.json")).unwrap();
    assert_ne!(old_view, new_view);
    assert_ne!(
        std::fs::read(c.path("task/private/superseded/1/view.key")).unwrap(),
        std::fs::read(c.path("task/private/view.key")).unwrap()
    );
    let log = std::fs::read_to_string(c.path("task/audit.json")).unwrap();
    assert!(log.contains("re-sealed for the re-draw") && log.contains("keeper-inputs"));
    // zazd revealed, so its folder refuses the new commitment; jjjc did not, so it may sign
    // the superseding one. zazd comes back with a new folder.
    c.ok(
        T0,
        &[
            "participant",
            "new",
            "--id",
            "zazd",
            "--role",
            "zazd",
            "--out",
            "keys/zazd2",
        ],
    );
    c.ok(
        T_AFTER,
        &["case", "participant", "task", "keys/zazd2/participant.json"],
    );
    c.ok(
        T_AFTER,
        &["case", "participant", "task", "keys/jjjc/participant.json"],
    );
    c.ok(T_AFTER + 10, &["case", "commit", "task"]);
    let new: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.path("task/commitment.json")).unwrap()).unwrap();
    let old: serde_json::Value = serde_json::from_slice(
        &std::fs::read(c.path("task/superseded/1/commitment.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(new["commitment"]["supersedes"]["commitment"], old["hash"]);
    assert_eq!(
        new["commitment"]["supersedes"]["reason"],
        "participant_unavailable"
    );
    let (ok, text) = c.run(
        T_AFTER + 10,
        &[
            "sign",
            "--dir",
            "keys/jjjc",
            "task/commitment.json",
            "--out",
            "j2.sig",
        ],
    );
    assert!(ok, "jjjc signs the superseding commitment: {text}");
    let (ok, text) = c.run(
        T_AFTER + 10,
        &[
            "sign",
            "--dir",
            "keys/zazd",
            "task/commitment.json",
            "--out",
            "z2.sig",
        ],
    );
    assert!(!ok, "zazd's old folder is not listed: {text}");
    c.ok(T0, &["log", "verify", "task/audit.json"]);
    // The rehearsal clock on a real case.
    let real = Case::new("real");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shuangsuiji"));
    let data = repo().join("examples/data");
    let f = |n: &str| data.join(n).to_string_lossy().into_owned();
    real.ok(
        T0,
        &["keys", "new", "--name", "l", "--role", "r", "--out", "log"],
    );
    let o = cmd
        .current_dir(&real.dir)
        .env_remove("SHUANGSUIJI_NOW")
        .args([
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
            "u",
            "--origin",
            "o",
            "--log-key",
            "log/key",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (ok, text) = real.run(T_COMMIT, &["case", "status", "task"]);
    assert!(!ok && text.contains("这是真实的抽查任务"), "{text}");
    // A real key folder does not sign under the rehearsal clock either.
    let o = Command::new(env!("CARGO_BIN_EXE_shuangsuiji"))
        .current_dir(&real.dir)
        .env_remove("SHUANGSUIJI_NOW")
        .args([
            "keys", "new", "--name", "s", "--role", "r", "--out", "signer",
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    let (ok, text) = real.run(
        T_COMMIT,
        &[
            "sign",
            "--dir",
            "signer",
            "task/public/targets.sealed.json",
            "--out",
            "x.sig",
        ],
    );
    assert!(!ok && text.contains("不是演练用的密钥目录"), "{text}");
}

/// `plan check`: the checks of `case new` without a case — a plan that runs, and one whose
/// annual plan names another item list, refused with the reason.
#[test]
fn plan_check_runs_the_case_checks_without_a_case() {
    let c = Case::new("plancheck");
    let data = repo().join("examples/data");
    let f = |n: &str| data.join(n).to_string_lossy().into_owned();
    let args = |version: &str| {
        vec![
            "plan".to_string(),
            "check".into(),
            f("plan.json"),
            "--items".into(),
            f("items.csv"),
            "--list-version".into(),
            version.into(),
            "--targets".into(),
            f("targets.csv"),
            "--inspectors".into(),
            f("inspectors.csv"),
            "--as-of".into(),
            "2023-08-23".into(),
        ]
    };
    let a = args("豫政办〔2017〕80号");
    let text = c.ok(T0, &a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        text.contains("可以执行") && text.contains("10000 targets"),
        "{text}"
    );
    let a = args("1");
    let (ok, text) = c.run(T0, &a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        !ok && text.contains("[invalid]") && text.contains("item list"),
        "{text}"
    );
    assert!(
        std::fs::read_dir(&c.dir).unwrap().next().is_none(),
        "nothing written"
    );
    // draw/v3 (the default) seals each declared conflict with its target: one naming a
    // target outside the register is refused, named, rather than lost; draw/v2 takes it.
    let csv = std::fs::read_to_string(data.join("inspectors.csv")).unwrap();
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let mut row: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(row[15], "", "回避对象 of the first inspector");
    row[15] = "91410100MA00000000";
    lines[1] = row.join(",");
    let stale = c.dir.join("inspectors-stale.csv");
    std::fs::write(&stale, lines.join("\n")).unwrap();
    let mut a = args("豫政办〔2017〕80号");
    a[10] = stale.to_string_lossy().into_owned();
    let (ok, text) = c.run(T0, &a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        !ok && text.contains("回避对象 91410100MA00000000 不在检查对象名录库中"),
        "{text}"
    );
    a.extend(["--draw".to_string(), "v2".to_string()]);
    let text = c.ok(T0, &a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(text.contains("可以执行"), "{text}");
}

/// Issue 20 (4a): without internet, the case names a future lottery issue; the clerk types
/// the announced numbers after it; the record verifies, shows the numbers, matches the
/// announcement entered, and a changed number is refused.
#[test]
fn a_case_without_internet_runs_on_published_numbers() {
    let c = prepared("published");
    let draws_at = T_COMMIT + 3600;
    let spec = serde_json::json!({"draws": [{
    "source": "中国福利彩票 双色球", "issue": "2026138", "announced_in": "www.cwl.gov.cn",
    "draws_at": draws_at,
    "groups": [
        {"name": "红球", "count": 6, "min": 1, "max": 33, "order": "ascending"},
        {"name": "蓝球", "count": 1, "min": 1, "max": 16, "order": "ascending"}
    ]}]});
    std::fs::write(c.path("ssq.json"), spec.to_string()).unwrap();
    let out = c.ok(
        T_COMMIT,
        &["case", "commit", "task", "--published", "ssq.json"],
    );
    assert!(out.contains("公开开奖号码"), "{out}");
    // Each signer is shown the named draw, its time and the form of its numbers.
    for shown in sign_commitment(&c, T_COMMIT) {
        assert!(
            shown.contains("中国福利彩票 双色球 第 2026138 期")
                && shown.contains("红球：6 个，1–33"),
            "{shown}"
        );
    }
    for who in ["zazd", "jjjc"] {
        let r = reveal_file(&c, who, T_COMMIT);
        c.ok(T_COMMIT, &["case", "reveal", "task", &r]);
    }
    assert!(c.status().contains("[ ] 开奖号码"));
    // Before the lottery is drawn there are no numbers to enter.
    let typed = ["case", "numbers", "task", "--numbers", "31 3 7 12 19 25;9"];
    let (ok, text) = c.run(T_COMMIT + 100, &typed);
    assert!(!ok && text.contains("尚未"), "{text}");
    // A number out of range is refused, and nothing is filed.
    let (ok, text) = c.run(
        draws_at + 600,
        &["case", "numbers", "task", "--numbers", "3 7 12 19 25 34;9"],
    );
    assert!(!ok && text.contains("34"), "{text}");
    let out = c.ok(draws_at + 600, &typed);
    assert!(out.contains("[[3, 7, 12, 19, 25, 31], [9]]"), "{out}");
    assert!(done(&c.status(), "开奖号码"));
    c.ok(draws_at + 700, &["case", "draw", "task"]);
    sign_record(&c, draws_at + 700);
    let verify = |record: &str, extra: &[&str]| {
        let mut args = vec![
            "verify",
            record,
            "--targets",
            "task/public/targets.sealed.json",
            "--inspectors",
            "task/public/inspectors.public.json",
        ];
        args.extend_from_slice(extra);
        c.run(draws_at + 800, &args)
    };
    let (ok, text) = verify("task/record.json", &[]);
    assert!(ok, "{text}");
    assert!(
        text.contains("红球（6 个，1–33，从小到大 ascending）: 3 7 12 19 25 31"),
        "{text}"
    );
    assert!(text.contains("尚未与官方开奖公告核对"), "{text}");
    let announced = serde_json::json!([{"source": "中国福利彩票 双色球", "issue": "2026138",
        "draws_at": draws_at, "numbers": [[25, 3, 31, 7, 19, 12], [9]]}]);
    std::fs::write(c.path("announced.json"), announced.to_string()).unwrap();
    let (ok, text) = verify("task/record.json", &["--announcement", "announced.json"]);
    assert!(ok && text.contains("已与您录入的公告核对一致"), "{text}");
    assert!(!text.contains("尚未与官方开奖公告核对"), "{text}");
    // The blue ball changed in the record: refused.
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.path("task/record.json")).unwrap()).unwrap();
    v["record"]["published_numbers"][0]["numbers"][1][0] = 10.into();
    std::fs::write(c.path("forged.json"), v.to_string()).unwrap();
    let (ok, text) = verify("forged.json", &[]);
    assert!(!ok, "{text}");
}

/// Issue 20 (4b): a live ceremony — no beacon, reveals in the commitment's order, each
/// logged before the next; the verdict states the last-revealer risk.
#[test]
fn a_live_ceremony_reveals_in_turn() {
    let c = prepared("ceremony");
    let out = c.ok(T_COMMIT, &["case", "commit", "task", "--ceremony"]);
    assert!(out.contains("最后揭示的参与方"), "{out}");
    for shown in sign_commitment(&c, T_COMMIT) {
        assert!(
            shown.contains("揭示顺序 reveal order: jjjc → zazd"),
            "{shown}"
        );
    }
    assert!(c.status().contains("现场揭示顺序 ceremony reveal order"));
    let commitment: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.path("task/commitment.json")).unwrap()).unwrap();
    assert_eq!(commitment["commitment"]["beacon"]["mode"], "offline");
    let order: Vec<String> = commitment["commitment"]["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    for who in &order {
        reveal_file(&c, who, T_COMMIT);
    }
    // The second in the commitment's order cannot go first.
    let (ok, text) = c.run(
        T_COMMIT,
        &["case", "reveal", "task", &format!("{}.reveal", order[1])],
    );
    assert!(!ok && text.contains(&order[0]), "{text}");
    for who in &order {
        c.ok(
            T_COMMIT + 10,
            &["case", "reveal", "task", &format!("{who}.reveal")],
        );
    }
    c.ok(T_COMMIT + 20, &["case", "draw", "task"]);
    sign_record(&c, T_COMMIT + 30);
    let out = c.ok(T_COMMIT + 40, &["case", "verify", "task"]);
    assert!(out.contains("最后揭示的参与方可能先看到结果"), "{out}");
}

/// A ceremony of one role is one party: refused.
#[test]
fn a_ceremony_of_one_role_is_refused() {
    let c = prepared("ceremony-one-role");
    // Both participants filed under one role (as a unit holding both keys would).
    let f = c.path("task/participants/jjjc.json");
    let mut p: serde_json::Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
    p["role"] = "zazd".into();
    std::fs::write(&f, serde_json::to_vec_pretty(&p).unwrap()).unwrap();
    let (ok, text) = c.run(T_COMMIT, &["case", "commit", "task", "--ceremony"]);
    assert!(!ok && text.contains("两个不同角色"), "{text}");
    assert!(!c.path("task/commitment.json").exists());
}

/// Issue 20: a whole case under the 国密 suite — SM2 key folders (`keys new --suite`,
/// `participant new --suite`), the annual plan issued and signed under sm2-sm3, `case new
/// --suite sm2-sm3`, commit, sign, reveal, beacon, draw, sign — and the record verifies
/// under SM3 and SM2. An Ed25519 signer in the sm2-sm3 case is refused when filed.
#[test]
fn a_case_runs_under_sm2_sm3() {
    let c = Case::new("sm2");
    let data = repo().join("examples/data");
    let f = |n: &str| data.join(n).to_string_lossy().into_owned();
    let sm = ["--suite", "sm2-sm3"];
    let keys_new = |name: &str, role: &str, dir: &str, suite: &[&str]| {
        let mut args = vec!["keys", "new", "--name", name, "--role", role, "--out", dir];
        args.extend_from_slice(suite);
        c.ok(T0, &args)
    };
    // The log under the suite too: an SM3 tree with SM2 checkpoints (its key's form).
    keys_new("日志", "审计日志", "keys/log", &sm);
    keys_new("河南省人民政府办公厅", "年度计划", "keys/annual", &sm);
    keys_new("抽查负责人 甲", "抽查负责人", "keys/lead", &sm);
    keys_new("监督人 乙", "监督人", "keys/supervisor", &sm);
    keys_new("他人", "抽查负责人", "keys/ed", &[]);
    // An SM2 folder holds only key.pem (PKCS#8), an Ed25519 one only key: no key file can
    // be read as the other algorithm's.
    assert!(c.path("keys/lead/key.pem").exists() && !c.path("keys/lead/key").exists());
    assert!(c.path("keys/ed/key").exists() && !c.path("keys/ed/key.pem").exists());

    for id in ["zazd", "jjjc"] {
        let dir = format!("keys/{id}");
        let args = [
            "participant",
            "new",
            "--id",
            id,
            "--role",
            id,
            "--out",
            &dir,
        ];
        c.ok(T0, &[&args[..], &sm[..]].concat());
    }
    // The annual plan issued under sm2-sm3 by its SM2 signatory, and the plan's task from it.
    let mut annual: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.join("annual-plan.json")).unwrap()).unwrap();
    let public: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.path("keys/annual/public.json")).unwrap()).unwrap();
    let mut plan = annual["plan"].take();
    plan["suite"] = "sm2-sm3".into();
    plan["signatories"][0]["public_key"] = public["public_key"].clone();
    std::fs::write(c.path("annual.json"), plan.to_string()).unwrap();
    c.ok(
        T0,
        &[
            "plan",
            "annual-sign",
            "--annual-plan",
            "annual.json",
            "--signer",
            "河南省人民政府办公厅",
            "--key",
            "keys/annual/key.pem",
            "--out",
            "annual.signed.json",
        ],
    );
    c.ok(
        T0,
        &[
            "plan",
            "task",
            "--plan",
            &f("plan.json"),
            "--annual-plan",
            "annual.signed.json",
            "--task",
            "T2023-ZA-01",
            "--items",
            &f("items.csv"),
            "--list-version",
            "豫政办〔2017〕80号",
            "--out",
            "plan.sm2.json",
        ],
    );
    let mut new_args = case_new_args("plan.sm2.json");
    let at = new_args.iter().position(|x| x == "keys/log/key").unwrap();
    new_args[at] = "keys/log/key.pem".into();
    let new: Vec<&str> = new_args.iter().map(String::as_str).collect();
    // A log key file of neither form (PEM: SM2; 64 hex digits: Ed25519) is refused.
    let mut with_bad_log_key = [&new[..], &sm[..]].concat();
    with_bad_log_key[at] = "keys/lead/public.json";
    let (ok, text) = c.run(T0, &with_bad_log_key);
    assert!(!ok && text.contains("64"), "{text}");
    assert!(!c.path("task/case.json").exists());
    // Without --suite the sm2-sm3 annual plan does not fit: one draw, one suite.
    let (ok, text) = c.run(T0, &new);
    assert!(!ok && text.contains("one draw, one suite"), "{text}");
    let _ = std::fs::remove_dir_all(c.path("task"));
    // An SM2 witness (its cosignatures SM2 under its own type), named at case new.
    keys_new("见证人", "见证人", "keys/witness", &sm);
    let wkey = c.ok(
        T0,
        &[
            "witness",
            "key",
            "--name",
            "w.example/1",
            "--key",
            "keys/witness/key.pem",
        ],
    );
    let witness_arg = format!("w.example/1={}", wkey.trim());
    c.ok(
        T0,
        &[&new[..], &sm[..], &["--witness", &witness_arg][..]].concat(),
    );
    for id in ["zazd", "jjjc"] {
        c.ok(
            T0,
            &[
                "case",
                "participant",
                "task",
                &format!("keys/{id}/participant.json"),
            ],
        );
    }
    // An Ed25519 signer in an sm2-sm3 case is refused when filed, naming the suite.
    let (ok, text) = c.run(T0, &["case", "signer", "task", "keys/ed/public.json"]);
    assert!(
        !ok && text.contains("not of the case's suite sm2-sm3"),
        "{text}"
    );
    c.ok(T0, &["case", "signer", "task", "keys/lead/public.json"]);
    c.ok(
        T0,
        &["case", "signer", "task", "keys/supervisor/public.json"],
    );
    c.ok(T_COMMIT, &["case", "commit", "task"]);
    sign_commitment(&c, T_COMMIT);
    for who in ["zazd", "jjjc"] {
        let r = reveal_file(&c, who, T_COMMIT);
        c.ok(T_COMMIT, &["case", "reveal", "task", &r]);
    }
    // The witness cosigns the SM3 log before the round, and again after it: the proofs the
    // case files in anchor.json are SM3 proofs, which the verdict checks.
    let log_key = c.ok(T0, &["case", "log-key", "task"]);
    c.ok(
        T0,
        &[
            "witness",
            "add-log",
            "--state",
            "witness.state",
            "--init",
            "--rehearsal",
            "--origin",
            "example/case",
            "--log-key",
            log_key.trim(),
        ],
    );
    let cosign = |now: i64, out: &str| {
        c.ok(now, &["case", "witness-request", "task"]);
        let cp = std::fs::read_to_string(c.path("task/witness/checkpoint.txt")).unwrap();
        let state: serde_json::Value =
            serde_json::from_slice(&std::fs::read(c.path("witness.state")).unwrap()).unwrap();
        let old = state["logs"]["example/case"]["size"].to_string();
        assert!(cp.starts_with("example/case\n"), "{cp}");
        let o = Command::new(env!("CARGO_BIN_EXE_shuangsuiji"))
            .current_dir(c.path(""))
            .env("SHUANGSUIJI_NOW", now.to_string())
            .args([
                "witness",
                "cosign",
                "--state",
                "witness.state",
                "--name",
                "w.example/1",
            ])
            .args([
                "--key",
                "keys/witness/key.pem",
                "task/witness/checkpoint.txt",
            ])
            .args(["--old-size", &old, "--proof", "task/witness/proof-1.txt"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::write(c.path(out), &o.stdout).unwrap();
        c.ok(now, &["case", "cosignature", "task", out]);
    };
    cosign(T_COMMIT + 10, "before.cosig");
    let drand = repo().join("examples/data/drand-quicknet.json");
    c.ok(
        T_AFTER,
        &["case", "beacon", "task", "--file", drand.to_str().unwrap()],
    );
    c.ok(T_AFTER, &["case", "draw", "task"]);
    sign_record(&c, T_AFTER);
    cosign(T_AFTER + 100, "after.cosig");
    c.ok(
        T_AFTER,
        &[
            "case",
            "trust",
            "task",
            "--name",
            "演练",
            "--out",
            "trust.json",
        ],
    );
    let (ok, text) = c.run(
        T_AFTER,
        &[
            "verify",
            "task/record.json",
            "--targets",
            "task/public/targets.sealed.json",
            "--inspectors",
            "task/public/inspectors.public.json",
            "--trust",
            "trust.json",
            "--anchor",
            "task/anchor.json",
            "--require-anchored",
        ],
    );
    assert!(ok && text.contains("算法套件 Suite: sm2-sm3"), "{text}");
    let rec: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.path("task/record.json")).unwrap()).unwrap();
    assert_eq!(
        rec["record"]["commitment"]["commitment"]["suite"],
        "sm2-sm3"
    );
    assert_eq!(
        rec["signatures"][0]["public_key"].as_str().unwrap().len(),
        130
    );
    // The case's log is an SM3 log with SM2 checkpoints (its key's form).
    use base64::Engine as _;
    let text = c.ok(T_AFTER, &["log", "verify", "task/audit.json"]);
    assert!(text.contains("算法套件 Suite: sm2-sm3"), "{text}");
    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.path("task/audit.json")).unwrap()).unwrap();
    let key = log["verifier_key"].as_str().unwrap();
    let raw = base64::engine::general_purpose::STANDARD
        .decode(key.splitn(3, '+').nth(2).unwrap())
        .unwrap();
    assert!(raw.starts_with(b"\xffshuangsuiji/sm2-sm3/v1\n") && raw.len() == 24 + 65);
    // An SM2 witness key prints an SM2 cosignature verifier key; a file of neither form is
    // refused.
    let w = c.ok(
        T_AFTER,
        &[
            "witness",
            "key",
            "--name",
            "w.example/1",
            "--key",
            "keys/witness/key.pem",
        ],
    );
    let raw = base64::engine::general_purpose::STANDARD
        .decode(w.trim().splitn(3, '+').nth(2).unwrap())
        .unwrap();
    assert!(
        raw.starts_with(b"\xffshuangsuiji/sm2-sm3-cosignature/v1\n"),
        "{w}"
    );
    let (ok, _) = c.run(
        T_AFTER,
        &[
            "witness",
            "key",
            "--name",
            "w.example/1",
            "--key",
            "keys/witness/public.json",
        ],
    );
    assert!(!ok);
}

/// Review of draw/v3 as the default (medium 1): `private/` changed after the case was made
/// (a class edited) no longer gives the published sealed view: the commitment is refused,
/// the keeper-inputs digest the log holds is named, and the restored file commits.
#[test]
fn private_files_that_no_longer_match_the_published_views_are_refused() {
    let c = prepared("tampered");
    let path = c.path("task/private/targets.json");
    let original = std::fs::read(&path).unwrap();
    let mut reg: serde_json::Value = serde_json::from_slice(&original).unwrap();
    let t = &mut reg["targets"][0];
    t["risk"] = if t["risk"] == "high" { "low" } else { "high" }.into();
    std::fs::write(&path, serde_json::to_vec(&reg).unwrap()).unwrap();
    let (ok, text) = c.run(T_COMMIT, &["case", "commit", "task"]);
    assert!(
        !ok && text.contains("private/ 中的完整名录库") && text.contains("keeper inputs"),
        "{text}"
    );
    assert!(!c.path("task/commitment.json").exists());
    // The message names the digest the log holds (and the present files' other one).
    let logged = logged_keeper_inputs(&c);
    assert!(text.contains(&format!("keeper inputs {logged}")), "{text}");
    std::fs::write(&path, &original).unwrap();
    c.ok(T_COMMIT, &["case", "commit", "task"]);
}

/// Review of the fixes (medium): a keeper who swaps `private/` and `public/` together for
/// files that agree with each other (here another case's, sealed under another key) is
/// refused too: the published root is not the one the log recorded.
#[test]
fn swapped_private_and_public_files_are_refused_against_the_log() {
    let a = prepared("swap-a");
    let b = prepared("swap-b");
    for rel in [
        "task/private/targets.json",
        "task/private/view.key",
        "task/private/inspectors.declared.json",
        "task/public/targets.sealed.json",
    ] {
        std::fs::copy(b.path(rel), a.path(rel)).unwrap();
    }
    let (ok, text) = a.run(T_COMMIT, &["case", "commit", "task"]);
    assert!(
        !ok && text.contains(&format!("keeper inputs {}", logged_keeper_inputs(&a))),
        "{text}"
    );
    assert!(!a.path("task/commitment.json").exists());
}

/// The keeper-inputs digest of the case log's last draw/v3 register event.
fn logged_keeper_inputs(c: &Case) -> String {
    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.path("task/audit.json")).unwrap()).unwrap();
    log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["note"].as_str()?.split(" keeper-inputs ").nth(1))
        .next_back()
        .expect("a draw/v3 case logs its keeper-inputs digest")
        .to_string()
}
