//! Names the draw matches exactly: departments (所属部门 of targets and inspectors, the plan's
//! department filter and teams) and expertise tags (业务专长, a team's required and preferred
//! expertise).
//!
//! Two spellings that look alike — full-width and half-width brackets or digits, a
//! precomposed and a decomposed character, a CJK compatibility ideograph and its unified
//! twin, a trailing ideographic space — would split one department into two and move targets
//! or inspectors out of a draw without a word. So a matched name has one spelling
//! (spec §1.7): NFC, no full-width ASCII forms (U+FF01–U+FF5E) or ideographic space
//! (U+3000), no control characters, no white space at either end. The core refuses any
//! other spelling and never normalises; the importers convert cells to it
//! ([`normalise_name`], docs/import.md), as they convert ids to ASCII.

use crate::validate::{Collector, ProblemKind};
use unicode_normalization::{is_nfc, UnicodeNormalization};

/// `Ok(())` for a name in its one spelling.
///
/// # Errors
/// A human-readable reason naming the first offending character.
pub fn check_name(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err("is empty".into());
    }
    if s.trim() != s {
        return Err("starts or ends with white space".into());
    }
    if let Some(c) = s
        .chars()
        .find(|c| matches!(c, '\u{ff01}'..='\u{ff5e}' | '\u{3000}'))
    {
        return Err(format!(
            "contains the full-width {c:?} (U+{:04X}); write its ASCII form",
            u32::from(c)
        ));
    }
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return Err(format!(
            "contains the control character U+{:04X}",
            u32::from(c)
        ));
    }
    if !is_nfc(s) {
        return Err(
            "is not in Unicode normal form C (a decomposed accent or a CJK compatibility \
             ideograph); write it precomposed"
                .into(),
        );
    }
    Ok(())
}

/// The one spelling of a name typed into a spreadsheet: full-width ASCII forms and the
/// ideographic space to ASCII, NFC, trimmed. `check_name` accepts the result unless it is
/// empty or holds a control character.
pub fn normalise_name(s: &str) -> String {
    let ascii: String = s
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
            c => c,
        })
        .collect();
    ascii.nfc().collect::<String>().trim().to_string()
}

/// Reports `value` of `field` in `record` unless it is in its one spelling; an empty value
/// is left to the record's own `Missing` check.
pub(crate) fn check_named_field(c: &mut Collector, record: &str, field: &str, value: &str) {
    if value.trim().is_empty() {
        return;
    }
    if let Err(e) = check_name(value) {
        c.push(
            record,
            field,
            ProblemKind::InvalidName,
            format!("{value:?} {e}"),
        );
    }
}

/// Like [`check_named_field`] for each element of a list (an empty element is refused).
pub(crate) fn check_named_list(c: &mut Collector, record: &str, field: &str, values: &[String]) {
    for v in values {
        if let Err(e) = check_name(v) {
            c.push(
                record,
                field,
                ProblemKind::InvalidName,
                format!("{v:?} {e}"),
            );
        }
    }
}

/// Plan problems for names the plan matches against the registers.
pub(crate) fn plan_name_problems<'a>(
    field: &str,
    values: impl IntoIterator<Item = &'a String>,
) -> Vec<String> {
    values
        .into_iter()
        .filter_map(|v| check_name(v).err().map(|e| format!("{field}: {v:?} {e}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spec §1.7: each look-alike spelling of a department is refused by the core and
    /// converted by the importers to the one spelling.
    #[test]
    fn look_alike_spellings_are_refused_and_normalised() {
        for (bad, good) in [
            ("郑州市公安局（二七分局）", "郑州市公安局(二七分局)"),
            ("第２分局", "第2分局"),
            ("治安总队\u{3000}", "治安总队"),
            (" 治安总队", "治安总队"),
            ("Cafe\u{301}", "Café"),
            ("\u{f90a}山分局", "金山分局"), // U+F90A is a compatibility twin of 金
        ] {
            assert!(check_name(bad).is_err(), "{bad:?} accepted");
            assert_eq!(normalise_name(bad), good, "{bad:?}");
            assert_eq!(check_name(good), Ok(()), "{good:?}");
        }
        assert!(check_name("").is_err());
        assert!(check_name("治安\u{7}总队").is_err());
        assert_eq!(check_name("省公安厅治安总队"), Ok(()));
    }
}
