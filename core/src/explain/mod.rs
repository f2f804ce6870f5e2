//! One vocabulary for every error, in every runtime.
//!
//! Programs switch on a stable `kind` (snake_case, documented in `docs/errors.md`); people
//! read a message, Chinese first. Python's `.kind`, JavaScript's `kind` and the CLI all take
//! both from here, so an error is called the same everywhere and no binding derives it
//! from `Debug` text or maps it by hand.

/// What every public error of this crate says about itself beyond `Display` (the English
/// message).
pub trait Explain: std::error::Error {
    /// A stable snake_case name for programs: the variant's name (`TeamShortfall` →
    /// `team_shortfall`), or for an error that is one thing, that thing (`plan`,
    /// `validation`). A wrapping variant (`VerifyError::Rerun`) keeps its own kind; its
    /// cause's kind is [`Explain::cause_kind`].
    fn kind(&self) -> &'static str;

    /// The message for people, in Chinese. Names, ids, numbers and hashes appear as in
    /// the English message.
    fn message_zh(&self) -> String;

    /// The kind of the wrapped error, for a variant that wraps one (e.g. the
    /// `DrawError` inside `VerifyError::Rerun`); `None` otherwise.
    fn cause_kind(&self) -> Option<&'static str> {
        None
    }

    /// Chinese first, then English, as the CLI prints it.
    fn message_bilingual(&self) -> String {
        format!("{}\n{}", self.message_zh(), self)
    }
}

mod audit;
mod draw;
mod encoding;
mod privacy;
mod publish;
mod registers;
#[cfg(test)]
mod tests;
mod trust;
