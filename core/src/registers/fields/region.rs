//! Administrative division codes (行政区划代码, GB/T 2260): six digits, the first two a
//! province-level code.

use super::error::FieldError;

/// Province-level prefixes of GB/T 2260 (incl. 71 Taiwan, 81 Hong Kong, 82 Macao).
const PROVINCES: [&str; 34] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

/// `Ok(())` for a six-digit code with a known province prefix.
///
/// # Errors
/// [`FieldError::RegionFormat`] or [`FieldError::RegionProvince`].
pub fn check_region_code(code: &str) -> Result<(), FieldError> {
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::RegionFormat { code: code.into() });
    }
    let prefix = code.get(..2).unwrap_or_default();
    if !PROVINCES.contains(&prefix) {
        return Err(FieldError::RegionProvince {
            code: code.into(),
            prefix: prefix.into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes() {
        assert!(check_region_code("410105").is_ok());
        assert!(check_region_code("4101").is_err());
        assert!(check_region_code("41010５").is_err());
        assert!(check_region_code("990105").is_err());
    }
}
