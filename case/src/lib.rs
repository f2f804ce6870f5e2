//! The case workflow (抽查任务) of shuangsuiji: a directory holding one draw from its
//! inputs to its sealed record, and the steps that move it forward (docs/case.md).
//!
//! This crate is the I/O edge the pure `shuangsuiji` core leaves out: it reads and writes
//! files, takes an OS lock, and draws secrets from the OS. It never reads the clock: every
//! step takes `now` from its caller (the CLI, Python), so a rehearsal can set it. Each step
//! checks the steps before it, writes its files atomically together with its audit-log
//! events ([`store`]), and leaves the case as it was when it refuses or is killed.

pub mod calendar;
pub mod casefile;
pub mod error;
pub mod keys;
pub mod layout;
pub mod print;
pub mod status;
pub mod steps;
pub mod store;
pub mod trail;

pub use error::{CaseError, Result};
pub use store::Store;
