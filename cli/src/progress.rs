//! What a person waiting on a large target register sees: rows read so far on stderr (on a
//! terminal only, one line rewritten in place), then one line with the time taken and the
//! rate once the register is accepted (on stderr, in logs too). Registers under 65,536 rows
//! print nothing, so the output of everyday use is unchanged.

use shuangsuiji::import::{ImportProgress, PROGRESS_EVERY};
use std::io::{IsTerminal, Write};
use std::time::Instant;

/// Progress of one import, timed from its creation (the clock stays out of the core).
pub struct ImportMeter {
    start: Instant,
    terminal: bool,
    rows: usize,
}

impl ImportMeter {
    pub fn new() -> Self {
        ImportMeter {
            start: Instant::now(),
            terminal: std::io::stderr().is_terminal(),
            rows: 0,
        }
    }

    /// The core's report, shown on a terminal.
    pub fn update(&mut self, p: ImportProgress) {
        let line = match p {
            ImportProgress::Rows(n) => {
                self.rows = n;
                format!("已读取 {n} 行 · {n} rows read")
            }
            ImportProgress::Checking(n) => {
                format!("正在核对 {n} 条记录（编码唯一、排序）· checking {n} entries (unique ids, order)")
            }
            _ => return,
        };
        if self.terminal && self.rows >= PROGRESS_EVERY {
            let mut e = std::io::stderr().lock();
            let _ = write!(e, "\r\x1b[2K{line}");
            let _ = e.flush();
        }
    }

    /// Clears the progress line; for an accepted register large enough to have shown
    /// progress, prints the time taken and the rate (a refused one gets its problems only).
    pub fn finish(&self, bytes: usize, accepted: bool) {
        if self.terminal && self.rows >= PROGRESS_EVERY {
            eprint!("\r\x1b[2K");
        }
        if !accepted || self.rows < PROGRESS_EVERY {
            return;
        }
        let s = self.start.elapsed().as_secs_f64().max(1e-9);
        let rows = self.rows;
        let rate = (rows as f64 / s).round();
        let mb = bytes as f64 / 1e6 / s;
        eprintln!(
            "已导入 {rows} 行，用时 {s:.2} 秒（每秒 {rate} 行，{mb:.0} MB）· imported {rows} rows in {s:.2} s ({rate} rows/s, {mb:.0} MB/s)"
        );
    }
}
