//! Unified social credit code (统一社会信用代码), GB 32100-2015.
//!
//! 18 characters from a 31-symbol alphabet (no I, O, Z, S, V); the 18th is a check
//! character over the first 17 with weights 3^i mod 31.

use super::error::FieldError;

const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn value_of(c: u8) -> Option<u32> {
    CHARSET
        .iter()
        .position(|&x| x == c)
        .and_then(|p| u32::try_from(p).ok())
}

/// The GB 32100-2015 check character for the first 17 characters, or `None` when they are
/// not 17 characters of the code's alphabet.
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in bytes.iter().zip(WEIGHTS.iter()) {
        sum += value_of(*c)? * w;
    }
    let check = (31 - sum % 31) % 31;
    CHARSET
        .get(usize::try_from(check).ok()?)
        .map(|&b| b as char)
}

/// Checks length, alphabet and check character; `Ok(())` when the code is valid.
///
/// # Errors
/// [`FieldError::UsccLength`], [`FieldError::UsccCharacter`] or
/// [`FieldError::UsccCheckCharacter`].
///
/// ```
/// use shuangsuiji::registers::fields::{uscc_check_char, validate_uscc};
/// let first17 = "91350100M000100Y4";
/// let code = format!("{first17}{}", uscc_check_char(first17).unwrap());
/// assert!(validate_uscc(&code).is_ok());
/// let wrong = if code.ends_with('0') { "1" } else { "0" };
/// assert!(validate_uscc(&format!("{first17}{wrong}")).is_err()); // another check character
/// ```
pub fn validate_uscc(code: &str) -> Result<(), FieldError> {
    let n = code.chars().count();
    if n != 18 {
        return Err(FieldError::UsccLength { len: n });
    }
    if let Some(bad) = code
        .chars()
        .find(|c| !c.is_ascii() || value_of(*c as u8).is_none())
    {
        return Err(FieldError::UsccCharacter { found: bad });
    }
    let (head, tail) = code.split_at(17);
    let expected = uscc_check_char(head).ok_or(FieldError::UsccLength { len: n })?;
    let found = tail
        .chars()
        .next()
        .ok_or(FieldError::UsccLength { len: n })?;
    if expected != found {
        return Err(FieldError::UsccCheckCharacter { expected, found });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Published codes (company registration documents) used as known answers.
    #[test]
    fn known_valid_codes() {
        for code in [
            "91350100M000100Y43",
            "91110000802100433B",
            "911100007109288314",
        ] {
            assert_eq!(validate_uscc(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn rejects_wrong_check_length_and_alphabet() {
        assert!(matches!(
            validate_uscc("91350100M000100Y44"),
            Err(FieldError::UsccCheckCharacter { .. })
        ));
        assert_eq!(
            validate_uscc("91350100M000100Y4"),
            Err(FieldError::UsccLength { len: 17 })
        );
        assert_eq!(
            validate_uscc("91350100M000100I43"),
            Err(FieldError::UsccCharacter { found: 'I' })
        );
        assert_eq!(
            validate_uscc("9135010０M000100Y43"),
            Err(FieldError::UsccCharacter { found: '０' })
        );
    }
}
