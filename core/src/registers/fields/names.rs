//! Names the draw matches: departments (所属部门 of targets and inspectors, the plan's
//! department filter and teams), industries (a target's 行业 and the plan's industry
//! prefixes) and expertise tags (业务专长, a team's required and preferred expertise).
//!
//! Two spellings that look alike — full-width and half-width brackets or digits, a
//! precomposed and a decomposed character, a CJK compatibility ideograph or a Kangxi radical
//! and its unified ideograph, an invisible format character, a no-break or ideographic
//! space — would split one department into two and move targets or inspectors out of a draw
//! without a word. So a matched name has one spelling (spec §1.7), which [`check_name`]
//! states; the core refuses any other and never normalises, and the importers convert
//! cells to it ([`normalise_name`], docs/import.md), as they convert ids to ASCII.

use super::error::{FieldError, RefusedChar};
use crate::registers::validate::{Collector, ProblemKind};
use unicode_normalization::{is_nfc, UnicodeNormalization};
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// The separators of a list cell (docs/import.md): an element holding one would be split
/// differently when its register is exported and imported again.
pub(crate) const LIST_SEPARATORS: [char; 7] = ['、', ',', '，', ';', '；', '\n', '|'];

/// Why `c` has no place in a matched name, if it has none.
fn refused(c: char) -> Option<RefusedChar> {
    match c {
        '\u{ff01}'..='\u{ff5e}' => Some(RefusedChar::FullWidth),
        '\u{2f00}'..='\u{2fdf}' => Some(RefusedChar::KangxiRadical),
        '\u{2e80}'..='\u{2eff}' => Some(RefusedChar::CjkRadical),
        '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' => Some(RefusedChar::VariationSelector),
        ' ' => None,
        c if c.is_control() => Some(RefusedChar::Control),
        c if c.is_whitespace() => Some(RefusedChar::OtherSpace),
        c if c.general_category() == GeneralCategory::Format => Some(RefusedChar::Format),
        _ => None,
    }
}

/// `Ok(())` for a name in its one spelling: non-empty; no white space at either end; no
/// full-width ASCII form, Kangxi or CJK radical, variation selector, control or format
/// character, or space other than U+0020; Unicode NFC.
///
/// # Errors
/// The first rule broken ([`FieldError::NameEmpty`], [`FieldError::NameEdgeSpace`],
/// [`FieldError::NameCharacter`] naming the first offending character, or
/// [`FieldError::NameNotNfc`]).
///
/// ```
/// use shuangsuiji::registers::fields::check_name;
/// assert!(check_name("省公安厅治安总队").is_ok());
/// assert!(check_name("治安总队（一）").is_err()); // full-width brackets: write "(一)"
/// assert!(check_name("治安\u{200b}总队").is_err()); // an invisible character
/// ```
pub fn check_name(s: &str) -> Result<(), FieldError> {
    if s.is_empty() {
        return Err(FieldError::NameEmpty);
    }
    if s.trim() != s {
        return Err(FieldError::NameEdgeSpace);
    }
    if inert(s) {
        return Ok(());
    }
    check_characters(s)
}

/// The character rules of [`check_name`], for a string that is not [`inert`].
fn check_characters(s: &str) -> Result<(), FieldError> {
    if let Some((found, class)) = s.chars().find_map(|c| refused(c).map(|w| (c, w))) {
        return Err(FieldError::NameCharacter { found, class });
    }
    if !is_nfc(s) {
        return Err(FieldError::NameNotNfc);
    }
    Ok(())
}

/// Whether every character of `s` is printable ASCII (space included) or a CJK unified
/// ideograph of the basic block (U+4E00–U+9FFF): none of them is refused, decomposes,
/// combines or composes, so such a string is its own NFC and its own normalised form. Most
/// department and industry cells are such strings; at ten million rows the full Unicode
/// checks they skip were a tenth of the import (docs/performance.md).
fn inert(s: &str) -> bool {
    s.chars()
        .all(|c| matches!(c, ' '..='~' | '\u{4e00}'..='\u{9fff}'))
}

/// The ASCII character a full-width form (U+FF01–U+FF5E) stands for; any other
/// character unchanged. Shared with the importers' to-ASCII conversion of code-like cells.
pub(crate) fn ascii_form(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
        c => c,
    }
}

/// The one spelling of a name typed into a spreadsheet: full-width ASCII forms to ASCII,
/// Kangxi radicals to their ideographs (NFKC), every other space to U+0020, format
/// characters and variation selectors dropped, then NFC and trimmed. `check_name` accepts
/// the result unless it is empty or still holds a control character or a CJK radical.
pub fn normalise_name(s: &str) -> String {
    if inert(s) {
        return s.trim().to_string();
    }
    normalise_characters(s)
}

/// [`normalise_name`] for a string that is not [`inert`].
fn normalise_characters(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{ff01}'..='\u{ff5e}' => out.push(ascii_form(c)),
            '\u{2f00}'..='\u{2fdf}' => out.extend(std::iter::once(c).nfkc()),
            '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' => {}
            c if c.general_category() == GeneralCategory::Format => {}
            c if c.is_whitespace() && !c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.nfc().collect::<String>().trim().to_string()
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

/// Like [`check_named_field`] for each element of a list: an empty element, or one holding
/// a list separator, is refused too.
pub(crate) fn check_named_list(c: &mut Collector, record: &str, field: &str, values: &[String]) {
    for v in values {
        let e = match v.chars().find(|c| LIST_SEPARATORS.contains(c)) {
            Some(sep) => Err(format!("contains {sep:?}, a list separator")),
            None => check_name(v).map_err(|e| e.to_string()),
        };
        if let Err(e) = e {
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
    use proptest::prelude::*;

    proptest! {
        /// The fast path is only a shortcut: for an inert string the full rules accept it
        /// and normalise it to itself, trimmed.
        #[test]
        fn inert_strings_pass_the_full_rules(s in "[ -~\u{4e00}-\u{9fff}]{0,24}") {
            prop_assert!(inert(&s));
            prop_assert_eq!(normalise_characters(&s), s.trim());
            if !s.is_empty() && s.trim() == s {
                prop_assert!(check_characters(&s).is_ok());
            }
        }
    }

    #[test]
    fn look_alikes_are_not_inert() {
        for s in [
            "治安总队（一）",
            "治安\u{200b}总队",
            "e\u{301}",
            "治安\u{3000}总队",
            "\u{2f00}",
            "a\tb",
            "\u{f900}",
            "\u{7f}",
        ] {
            assert!(!inert(s), "{s:?}");
        }
    }

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
            ("\u{2f00}分局", "一分局"),     // U+2F00 KANGXI RADICAL ONE
            ("治安\u{200b}总队", "治安总队"), // zero-width space
            ("治安\u{feff}总队", "治安总队"),
            ("治安\u{ad}总队", "治安总队"), // soft hyphen
            ("葛\u{e0100}分局", "葛分局"),  // an ideographic variation sequence
            ("治安\u{a0}总队", "治安 总队"),
            ("治安\u{2002}总队", "治安 总队"),
        ] {
            assert!(check_name(bad).is_err(), "{bad:?} accepted");
            assert_eq!(normalise_name(bad), good, "{bad:?}");
            assert_eq!(check_name(good), Ok(()), "{good:?}");
        }
        assert!(check_name("").is_err());
        assert!(check_name("治安\u{7}总队").is_err());
        assert!(check_name("\u{2e8b}分局").is_err()); // a CJK radical with no ideograph
        assert_eq!(check_name("治安 总队"), Ok(()));
        assert_eq!(check_name("省公安厅治安总队"), Ok(()));
    }
}
