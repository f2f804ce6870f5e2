//! Record identifiers.
//!
//! An id is what a ticket hashes, so two spellings of "the same" id must never exist:
//! ids are printable ASCII without spaces (0x21–0x7E), at most 64 bytes. Importers map
//! full-width forms to ASCII before this check; the core refuses anything else rather than
//! guessing (spec §1.2, the RFC 3797 lesson).

/// Longest id accepted, in bytes.
pub const MAX_ID_LEN: usize = 64;

/// `Ok(())` for a valid id.
///
/// # Errors
/// A human-readable reason otherwise.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("is empty".into());
    }
    if id.len() > MAX_ID_LEN {
        return Err(format!(
            "is {} bytes long, at most {MAX_ID_LEN} allowed",
            id.len()
        ));
    }
    if let Some(c) = id.chars().find(|c| !('\u{21}'..='\u{7e}').contains(c)) {
        return Err(format!(
            "contains {c:?}; ids are printable ASCII without spaces"
        ));
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
