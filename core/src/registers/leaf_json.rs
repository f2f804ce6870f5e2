//! JSON pieces of leaf bytes written directly (RFC 8785 JCS for the shapes leaves have:
//! strings and dates, no numbers), so that hashing ten million entries does not go through a
//! serializer. `Target::write_leaf` puts them together; tests compare with JCS.

use time::Date;

/// A JSON string as JCS writes it: as is between quotes unless it holds a quote, a backslash
/// or a control character, which serde_json escapes exactly as JCS does (RFC 8785
/// §3.2.2.2: `\b \t \n \f \r`, other controls as lower-case `\u00xx`, nothing else).
pub(crate) fn string(out: &mut Vec<u8>, s: &str) {
    // An OR over every byte, not a search that stops early, so that the compiler scans
    // whole vectors.
    let plain = s.bytes().fold(0u8, |any, b| {
        any | u8::from(b < 0x20) | u8::from(b == b'"') | u8::from(b == b'\\')
    }) == 0;
    if plain {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else if serde_json::to_writer(&mut *out, s).is_err() {
        // Writing to a Vec cannot fail; were it to, the leaf would not match and say so.
        out.extend_from_slice(b"\"\"");
    }
}

/// A date as the JSON string `"YYYY-MM-DD"` (`dates::format_date`, the only form in
/// canonical bytes).
pub(crate) fn date(out: &mut Vec<u8>, d: Date) {
    use std::io::Write;
    let _ = write!(
        out,
        "\"{:04}-{:02}-{:02}\"",
        d.year(),
        u8::from(d.month()),
        d.day()
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any string, escapes included, is written as serde_json (JCS) writes it.
        #[test]
        fn strings_as_jcs(s in any::<String>(), ctrl in proptest::collection::vec(0u8..0x20, 0..3)) {
            let s = format!("{s}{}\"\\\u{7f}", ctrl.iter().map(|c| char::from(*c)).collect::<String>());
            for v in [s.as_str(), "", "省公安厅治安总队", "a\"b", "\u{7f}"] {
                let mut out = Vec::new();
                string(&mut out, v);
                prop_assert_eq!(out, crate::encoding::canonical::canonical_json(&v).unwrap_or_default());
            }
        }

        #[test]
        fn dates_as_format_date(y in -9999i32..=9999, o in 1u16..=365) {
            let d = Date::from_ordinal_date(y, o).unwrap_or(Date::MIN);
            let mut out = Vec::new();
            date(&mut out, d);
            prop_assert_eq!(out, format!("{:?}", crate::registers::fields::dates::format_date(d)).into_bytes());
        }
    }
}
