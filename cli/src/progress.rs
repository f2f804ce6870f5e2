//! What a person waiting on a large target register sees: rows read so far on stderr (on a
//! terminal only, one line rewritten in place), then one line with the time taken and the
//! rate once the register is accepted (on stderr, in logs too); the same for each pass over
//! a streamed register. Registers under 65,536 rows print nothing, so the output of
//! everyday use is unchanged.

use shuangsuiji::draw::TargetSource;
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

/// A streamed register as the draw reads it (twice, or three times when a USCC key
/// repeats), with each pass's rows shown on a terminal, then the time taken and the rate of
/// the whole re-run for a register large enough to have shown progress.
pub struct PassMeter<'a> {
    inner: &'a dyn TargetSource,
    start: Instant,
    terminal: bool,
    state: std::cell::Cell<(usize, usize)>,
}

impl<'a> PassMeter<'a> {
    pub fn new(inner: &'a dyn TargetSource) -> Self {
        PassMeter {
            inner,
            start: Instant::now(),
            terminal: std::io::stderr().is_terminal(),
            state: std::cell::Cell::new((0, 0)),
        }
    }

    /// Clears the progress line and, for a large register, prints passes, time and rate.
    pub fn finish(&self) {
        let (passes, rows) = self.state.get();
        if rows < PROGRESS_EVERY {
            return;
        }
        if self.terminal {
            eprint!("\r\x1b[2K");
        }
        let s = self.start.elapsed().as_secs_f64().max(1e-9);
        let rate = ((passes * rows) as f64 / s).round();
        eprintln!(
            "已流式读取 {rows} 行 × {passes} 遍，用时 {s:.2} 秒（每秒 {rate} 行）· streamed {rows} rows × {passes} passes in {s:.2} s ({rate} rows/s)"
        );
    }
}

impl TargetSource for PassMeter<'_> {
    fn as_of(&self) -> shuangsuiji::Date {
        self.inner.as_of()
    }

    fn scan(
        &self,
        f: &mut dyn FnMut(&shuangsuiji::registers::Target) -> Result<(), shuangsuiji::DrawError>,
    ) -> Result<(), shuangsuiji::DrawError> {
        let pass = self.state.get().0 + 1;
        let mut n = 0usize;
        let shown = self.inner.scan(&mut |t| {
            n += 1;
            if self.terminal && n.is_multiple_of(PROGRESS_EVERY) {
                let mut e = std::io::stderr().lock();
                let _ = write!(
                    e,
                    "\r\x1b[2K第 {pass} 遍：已读取 {n} 行 · pass {pass}: {n} rows read"
                );
                let _ = e.flush();
            }
            f(t)
        });
        self.state.set((pass, n));
        shown
    }
}
