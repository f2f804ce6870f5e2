//! The field rules every register shares (spec §1): ids, matched names, USCCs, region codes,
//! dates and ratios. Each rule refuses what it cannot read in one spelling rather than
//! guessing, because a field that reads two ways gives two different draws.

pub(crate) mod dates;
pub(crate) mod error;
pub(crate) mod ids;
pub(crate) mod names;
pub(crate) mod ratio;
pub(crate) mod region;
pub(crate) mod uscc;

pub use dates::parse_date;
pub use error::{FieldError, RefusedChar};
pub use ids::{check_id, MAX_ID_LEN};
pub use names::{check_name, normalise_name};
pub use ratio::BasisPoints;
pub use region::check_region_code;
pub use uscc::{uscc_check_char, validate_uscc};
