//! Why a single field is refused: the errors of [`check_id`](super::check_id),
//! [`check_name`](super::check_name), [`validate_uscc`](super::validate_uscc),
//! [`check_region_code`](super::check_region_code) and
//! [`Method::parse_list`](crate::registers::Method::parse_list).
//!
//! The messages are fragments that follow the field they are about (`"target id {e}"`,
//! `"{name:?} {e}"`), as the register problems quote them.

use super::ids::MAX_ID_LEN;

/// Why a character has no place in a matched name (the `class` of
/// [`FieldError::NameCharacter`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RefusedChar {
    /// A full-width form of an ASCII character (U+FF01–U+FF5E).
    FullWidth,
    /// A Kangxi radical (U+2F00–U+2FDF), a look-alike of an ideograph.
    KangxiRadical,
    /// A CJK radical supplement character (U+2E80–U+2EFF).
    CjkRadical,
    /// A variation selector, invisible.
    VariationSelector,
    /// A control character.
    Control,
    /// A space other than U+0020.
    OtherSpace,
    /// An invisible format character (general category Cf).
    Format,
}

impl std::fmt::Display for RefusedChar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RefusedChar::FullWidth => "a full-width form; write its ASCII form",
            RefusedChar::KangxiRadical => "a Kangxi radical; write the ideograph",
            RefusedChar::CjkRadical => "a CJK radical; write the ideograph",
            RefusedChar::VariationSelector => "a variation selector, invisible",
            RefusedChar::Control => "a control character",
            RefusedChar::OtherSpace => "a space other than the ASCII space",
            RefusedChar::Format => "an invisible format character",
        })
    }
}

/// Why a field value is not in its one spelling, or cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FieldError {
    /// An id that is empty.
    #[error("is empty")]
    IdEmpty,
    /// An id longer than [`MAX_ID_LEN`] bytes.
    #[error("is {len} bytes long, at most {MAX_ID_LEN} allowed")]
    IdTooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// An id with a character that is not printable ASCII, or a space.
    #[error("contains {found:?}; ids are printable ASCII without spaces")]
    IdCharacter {
        /// The first such character.
        found: char,
    },
    /// A matched name that is empty.
    #[error("is empty")]
    NameEmpty,
    /// A matched name with white space at an end.
    #[error("starts or ends with white space")]
    NameEdgeSpace,
    /// A matched name with a character that has no place in it.
    #[error("contains U+{:04X} ({class})", u32::from(*.found))]
    NameCharacter {
        /// The first such character.
        found: char,
        /// Why it is refused.
        class: RefusedChar,
    },
    /// A matched name not in Unicode normal form C.
    #[error(
        "is not in Unicode normal form C (a decomposed accent or a CJK compatibility \
         ideograph); write it precomposed"
    )]
    NameNotNfc,
    /// A USCC that does not have 18 characters.
    #[error("must have 18 characters, has {len}")]
    UsccLength {
        /// The characters it has.
        len: usize,
    },
    /// A USCC with a character outside the GB 32100 alphabet.
    #[error("character {found:?} is not in the GB 32100 alphabet")]
    UsccCharacter {
        /// The first such character.
        found: char,
    },
    /// A USCC whose 18th character is not the GB 32100-2015 check character.
    #[error("check character is {found:?}, GB 32100-2015 gives {expected:?}")]
    UsccCheckCharacter {
        /// The check character the first 17 give.
        expected: char,
        /// The 18th character.
        found: char,
    },
    /// A region code that is not six ASCII digits.
    #[error("{code:?} is not six ASCII digits")]
    RegionFormat {
        /// The code.
        code: String,
    },
    /// A region code whose first two digits are no GB/T 2260 province-level code.
    #[error("{code:?} has no province-level prefix {prefix:?} in GB/T 2260")]
    RegionProvince {
        /// The code.
        code: String,
        /// Its first two digits.
        prefix: String,
    },
    /// A methods cell with text that is not a known inspection method.
    #[error("{rest:?} is not a known inspection method")]
    UnknownMethod {
        /// The cell from the first part not read as a method.
        rest: String,
    },
}
