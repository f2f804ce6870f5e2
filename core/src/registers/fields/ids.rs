//! Record identifiers.
//!
//! An id is what a ticket hashes, so two spellings of "the same" id must never exist:
//! ids are printable ASCII without spaces (0x21–0x7E), at most 64 bytes. Importers map
//! full-width forms to ASCII before this check; the core refuses anything else rather than
//! guessing (spec §1.2, the RFC 3797 lesson).

use super::error::FieldError;

/// Longest id accepted, in bytes.
pub const MAX_ID_LEN: usize = 64;

/// `Ok(())` for a valid id.
///
/// # Errors
/// [`FieldError::IdEmpty`], [`FieldError::IdTooLong`] or [`FieldError::IdCharacter`].
///
/// ```
/// use shuangsuiji::registers::fields::check_id;
/// assert!(check_id("91410100MA00000000").is_ok());
/// assert!(check_id("9141０１00").is_err()); // a full-width digit is another id
/// assert!(check_id("A 1").is_err());
/// ```
pub fn check_id(id: &str) -> Result<(), FieldError> {
    if id.is_empty() {
        return Err(FieldError::IdEmpty);
    }
    if id.len() > MAX_ID_LEN {
        return Err(FieldError::IdTooLong { len: id.len() });
    }
    if let Some(c) = id.chars().find(|c| !('\u{21}'..='\u{7e}').contains(c)) {
        return Err(FieldError::IdCharacter { found: c });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(check_id("HA-GAT-001").is_ok());
        assert!(check_id("").is_err());
        assert!(check_id("A B").is_err());
        assert!(check_id("ＨＡ").is_err());
        assert!(check_id(&"x".repeat(65)).is_err());
    }
}
