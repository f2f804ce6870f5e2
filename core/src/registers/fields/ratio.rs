//! Ratios in basis points (1 bp = 0.01 %), never floats: the same integer in every runtime.

use serde::{Deserialize, Serialize};

/// A ratio in basis points; 10000 = 100 %.
///
/// Invariant (checked by validation, not by construction, so that bad input can be
/// reported with its record): a ratio in an item or a plan lies in (0, 10000].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BasisPoints(pub u32);

impl BasisPoints {
    /// 100 %.
    pub const FULL: BasisPoints = BasisPoints(10_000);

    /// Whether the ratio is in (0, 10000].
    pub fn is_valid_ratio(self) -> bool {
        self.0 > 0 && self.0 <= 10_000
    }

    /// Parses "5%", "0.5%", "12.25%", "500bp" or a bare integer of basis points.
    /// At most two decimals, as one basis point is the unit; anything finer is refused.
    pub fn parse(text: &str) -> Option<BasisPoints> {
        let t = text.trim().replace('％', "%");
        if let Some(bp) = t.strip_suffix("bp") {
            return bp.trim().parse().ok().map(BasisPoints);
        }
        let Some(pct) = t.strip_suffix('%') else {
            return t.parse().ok().map(BasisPoints);
        };
        let pct = pct.trim();
        let (int, frac) = pct.split_once('.').unwrap_or((pct, ""));
        if int.is_empty()
            || frac.len() > 2
            || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let int: u32 = int.parse().ok()?;
        let frac: u32 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<2}").parse().ok()?
        };
        int.checked_mul(100)?.checked_add(frac).map(BasisPoints)
    }

    /// `ceil(n * bp / 10000)` in integers: the default rounding rule of a stratum quota.
    pub fn ceil_of(self, n: u64) -> u64 {
        (n * u64::from(self.0)).div_ceil(10_000)
    }

    /// `floor(n * bp / 10000)`.
    pub fn floor_of(self, n: u64) -> u64 {
        n * u64::from(self.0) / 10_000
    }
}

impl std::fmt::Display for BasisPoints {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (i, r) = (self.0 / 100, self.0 % 100);
        if r == 0 {
            write!(f, "{i}%")
        } else if r % 10 == 0 {
            write!(f, "{i}.{}%", r / 10)
        } else {
            write!(f, "{i}.{r:02}%")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_percentages_exactly() {
        assert_eq!(BasisPoints::parse("5%"), Some(BasisPoints(500)));
        assert_eq!(BasisPoints::parse("0.5%"), Some(BasisPoints(50)));
        assert_eq!(BasisPoints::parse("12.25%"), Some(BasisPoints(1225)));
        assert_eq!(BasisPoints::parse("50％"), Some(BasisPoints(5000)));
        assert_eq!(BasisPoints::parse("300bp"), Some(BasisPoints(300)));
        assert_eq!(BasisPoints::parse("0.125%"), None);
        assert_eq!(BasisPoints::parse("abc%"), None);
        assert_eq!(BasisPoints(1225).to_string(), "12.25%");
        assert_eq!(BasisPoints(50).to_string(), "0.5%");
    }

    #[test]
    fn rounding() {
        assert_eq!(BasisPoints(300).ceil_of(101), 4);
        assert_eq!(BasisPoints(300).floor_of(101), 3);
        assert_eq!(BasisPoints(300).ceil_of(100), 3);
        assert_eq!(BasisPoints(10_000).ceil_of(7), 7);
    }
}
