//! Issue 17 §7: docs/walkthrough.md is run, every `sh` block in order, in a fresh empty
//! directory with `shuangsuiji` on PATH and REPO at the repository root — the page a
//! department follows cannot drift from the tool.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;
use std::process::Command;

/// The `sh` blocks of a Markdown page, in order.
fn sh_blocks(md: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut cur: Option<String> = None;
    for line in md.lines() {
        match (&mut cur, line.trim_end()) {
            (None, "```sh") => cur = Some(String::new()),
            (Some(_), "```") => blocks.push(cur.take().unwrap()),
            (Some(b), l) => {
                b.push_str(l);
                b.push('\n');
            }
            _ => {}
        }
    }
    assert!(cur.is_none(), "an unclosed sh block");
    blocks
}

#[test]
fn the_walkthrough_runs_as_written() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let md = std::fs::read_to_string(repo.join("docs/walkthrough.md")).unwrap();
    let blocks = sh_blocks(&md);
    assert!(blocks.len() >= 9, "{} blocks", blocks.len());
    let dir = std::env::temp_dir().join(format!("shuangsuiji-walkthrough-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let script = format!("set -euo pipefail\n{}", blocks.join("\n"));
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_shuangsuiji"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let o = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(&dir)
        .env("PATH", path)
        .env("REPO", repo.canonicalize().unwrap())
        .env_remove("SHUANGSUIJI_NOW")
        .output()
        .unwrap();
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{out}");
    // What the page promises, in the tool's own words.
    for want in [
        "已建立抽查任务 Case made",
        "信标轮次 Beacon round 123",
        "核验结果 Result: 通过，已锚定 VERIFIED, ANCHORED",
        "已导入 24 条检查结果",
        "已记入抽查任务日志",
        "覆盖 Coverage: 抽中 24 个对象 drawn, 24 个有公示结果",
        "— 通过 verified",
        "is included in the latest checkpoint",
        "-rw-------",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    assert!(!out.contains("CONSISTENT, NOT ANCHORED"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}
