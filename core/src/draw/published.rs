//! The published-numbers beacon (in the manner of RFC 3797): for hosts that cannot reach
//! drand (公安信息网 and other networks without internet), the commitment names future
//! public draws — a welfare or sports lottery issue, say — that any citizen can look up; the
//! operators enter the announced numbers after them, and the record carries them.
//!
//! Nothing signs the numbers: what binds them is that everyone can compare them with the
//! official announcement. So the commitment says exactly which draw and how its numbers are
//! written (groups, ranges, order), the record holds them in one canonical form (an
//! operator who could choose among spellings, or among orders of an unordered set, could
//! grind), and the verdict always shows them for a reader to compare, unless the reader has
//! entered the announcement and it matched (docs/spec/draw-v2.md §15).

use crate::draw::error::BeaconError;
use crate::encoding::canonical::Digest32;
use serde::{Deserialize, Serialize};

/// Most public draws one commitment may name (RFC 3797 recommends several independent
/// sources; a bound keeps a hostile commitment small).
pub const MAX_PUBLISHED_DRAWS: usize = 8;
/// Most groups of numbers one draw may have (双色球 has two: 红球, 蓝球).
pub const MAX_GROUPS: usize = 8;
/// Most numbers in one group (快乐8 draws 20).
pub const MAX_GROUP_COUNT: u32 = 64;
/// Fewest outcomes the named draws together may have (2^20). In draw/v2 every secret is
/// revealed before the public draw, so participants colluding with the operator know all
/// but the beacon; a beacon of 16 outcomes would let them try commitments until one suits
/// all 16. 双色球 alone has C(33,6)·16 ≈ 2^24.1; 福彩3D alone (720 counted) is refused and
/// must be combined with other draws, as RFC 3797 advises.
pub const MIN_OUTCOMES: u128 = 1 << 20;

/// How the numbers of a group are written in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberOrder {
    /// Sorted, smallest first (repeats kept): for a set whose drawing order the
    /// announcement does not fix (双色球's red balls). Any other order is refused, so that
    /// the operator cannot pick one of `count!` spellings.
    Ascending,
    /// In the announced order: for digits whose position matters (排列三, 福彩3D).
    AsDrawn,
}

/// One group of a public draw's numbers, e.g. 红球: 6 numbers from 1 to 33, ascending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberGroup {
    /// The group's name in the announcement (红球, 蓝球, 前区, 后区).
    pub name: String,
    /// How many numbers it has.
    pub count: u32,
    /// The smallest number it can hold.
    pub min: u32,
    /// The largest number it can hold.
    pub max: u32,
    /// How the record writes them.
    pub order: NumberOrder,
}

impl NumberGroup {
    /// A group of `count` numbers from `min` to `max` written smallest first (a set, such as
    /// 双色球's 6 red balls from 1–33).
    pub fn ascending(name: &str, count: u32, min: u32, max: u32) -> Self {
        NumberGroup {
            name: name.into(),
            count,
            min,
            max,
            order: NumberOrder::Ascending,
        }
    }

    /// A group of `count` digits from `min` to `max` in the order drawn (排列三, 福彩3D).
    pub fn as_drawn(name: &str, count: u32, min: u32, max: u32) -> Self {
        NumberGroup {
            order: NumberOrder::AsDrawn,
            ..NumberGroup::ascending(name, count, min, max)
        }
    }
}

/// A future public draw the commitment names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedDraw {
    /// The draw, as its announcement names it: "中国福利彩票 双色球".
    pub source: String,
    /// The issue (期号), e.g. "2026138".
    pub issue: String,
    /// Where a reader finds the official announcement (a site, a newspaper).
    pub announced_in: String,
    /// When the draw takes place (Unix seconds, UTC), as scheduled. It must be after the
    /// commitment; a reader compares it with the announcement.
    pub draws_at: i64,
    /// Its numbers, group by group.
    pub groups: Vec<NumberGroup>,
}

/// The beacon member of a commitment in published-numbers mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedNumbersSpec {
    /// The public draws, in the order their numbers enter the seed.
    pub draws: Vec<PublishedDraw>,
}

/// The announced numbers of one named draw, as the record holds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedResult {
    /// The draw's source, as the commitment names it (repeated for readers).
    pub source: String,
    /// Its issue, as the commitment names it.
    pub issue: String,
    /// The numbers, one list per group, in the commitment's group order.
    pub numbers: Vec<Vec<u32>>,
}

/// A public draw's official announcement, as a reader looked it up and entered it, to be
/// compared with the record ([`References`](crate::trust::References)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Announcement {
    /// The draw's source.
    pub source: String,
    /// Its issue.
    pub issue: String,
    /// When it was held (Unix seconds), as announced.
    pub draws_at: i64,
    /// The numbers, group by group, as announced (an `ascending` group may be entered in
    /// any order: it is compared as a set).
    pub numbers: Vec<Vec<u32>>,
}

impl Announcement {
    /// `None` when the announcement says what the record says of `draw`; else how it
    /// differs. An `ascending` group is compared as a multiset (an announcement may list
    /// balls in the order they fell), an `as_drawn` group position by position.
    pub fn differs(&self, draw: &PublishedDraw, numbers: &[Vec<u32>]) -> Option<String> {
        if self.draws_at != draw.draws_at {
            return Some(format!(
                "the draw was held at {} by the announcement you entered, the commitment says {}",
                self.draws_at, draw.draws_at
            ));
        }
        let same = self.numbers.len() == numbers.len()
            && draw.groups.len() == numbers.len()
            && draw
                .groups
                .iter()
                .zip(self.numbers.iter().zip(numbers))
                .all(|(g, (a, r))| match g.order {
                    NumberOrder::AsDrawn => a == r,
                    NumberOrder::Ascending => {
                        let (mut a, mut r) = (a.clone(), r.clone());
                        a.sort_unstable();
                        r.sort_unstable();
                        a == r
                    }
                });
        if same {
            None
        } else {
            Some(format!(
                "the record gives {numbers:?}, the announcement you entered {:?}",
                self.numbers
            ))
        }
    }
}

impl PublishedNumbersSpec {
    /// The latest scheduled draw time: the one every commitment time must precede.
    pub fn last_draw_at(&self) -> i64 {
        self.draws
            .iter()
            .map(|d| d.draws_at)
            .max()
            .unwrap_or(i64::MIN)
    }

    /// A lower bound on the number of outcomes the named draws have together, from their
    /// form alone: `C(n, k)` for an ascending group (counted as a set without repeats),
    /// `n!/(n-k)!` for an as-drawn one (without repeats), `n` the range's size; saturating.
    pub fn outcomes(&self) -> u128 {
        self.draws
            .iter()
            .flat_map(|d| &d.groups)
            .map(|g| {
                let n = u128::from(g.max.saturating_sub(g.min)) + 1;
                let k = u128::from(g.count);
                if k > n {
                    return 1;
                }
                let mut c: u128 = 1;
                for i in 0..k {
                    c = c.saturating_mul(n - i);
                    if g.order == NumberOrder::Ascending && c != u128::MAX {
                        // Exact: the product of i + 1 consecutive integers is divisible by
                        // (i + 1)!, so c stays C(n, i + 1).
                        c /= i + 1;
                    }
                }
                c
            })
            .fold(1u128, u128::saturating_mul)
    }

    /// What [`Commitment::check`](crate::Commitment::check) refuses in the spec.
    pub(crate) fn problems(&self, committed_at: i64) -> Vec<String> {
        let mut p = Vec::new();
        if self.draws.is_empty() || self.draws.len() > MAX_PUBLISHED_DRAWS {
            p.push(format!(
                "beacon.draws: {} named, 1 to {MAX_PUBLISHED_DRAWS} public draws",
                self.draws.len()
            ));
        }
        if !self.draws.is_empty() && self.outcomes() < MIN_OUTCOMES {
            p.push(format!(
                "beacon.draws: {} possible outcomes by their form, fewer than 2^20 ({MIN_OUTCOMES}): name more or larger public draws",
                self.outcomes()
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, d) in self.draws.iter().enumerate() {
            let at = format!("beacon.draws[{i}]");
            for (field, v) in [
                ("source", &d.source),
                ("issue", &d.issue),
                ("announced_in", &d.announced_in),
            ] {
                if let Err(e) = crate::registers::fields::check_name(v) {
                    p.push(format!("{at}.{field}: {e}"));
                }
            }
            if !seen.insert((d.source.as_str(), d.issue.as_str())) {
                p.push(format!("{at}: {} {} is named twice", d.source, d.issue));
            }
            // A draw already held when the commitment was made may be known to its maker.
            if d.draws_at <= committed_at {
                p.push(format!(
                    "{at}.draws_at: {} is not after the commitment time {committed_at}: its numbers could already be known",
                    d.draws_at
                ));
            }
            if !(0..=crate::draw::MAX_SAFE_INTEGER).contains(&d.draws_at) {
                p.push(format!(
                    "{at}.draws_at: {} is outside 0..=2^53-1",
                    d.draws_at
                ));
            }
            if d.groups.is_empty() || d.groups.len() > MAX_GROUPS {
                p.push(format!(
                    "{at}.groups: {} groups, 1 to {MAX_GROUPS}",
                    d.groups.len()
                ));
            }
            for (j, g) in d.groups.iter().enumerate() {
                let at = format!("{at}.groups[{j}]");
                if let Err(e) = crate::registers::fields::check_name(&g.name) {
                    p.push(format!("{at}.name: {e}"));
                }
                if g.count == 0 || g.count > MAX_GROUP_COUNT {
                    p.push(format!(
                        "{at}.count: {}, 1 to {MAX_GROUP_COUNT} numbers",
                        g.count
                    ));
                }
                if g.min > g.max {
                    p.push(format!("{at}: min {} above max {}", g.min, g.max));
                }
            }
        }
        p
    }

    /// Checks the entered numbers against the spec: one result per draw, in order, same
    /// source and issue, each group of its count, in its range and in its order. Returns
    /// the digest the seed takes:
    /// `tagged_hash("shuangsuiji/v2/published-numbers", u32(D) ‖ (u32(G) ‖ (u32(k) ‖ u32(n)*)*)*)`.
    ///
    /// # Errors
    /// [`BeaconError::Numbers`] naming the draw and group.
    pub fn check(&self, results: &[PublishedResult]) -> Result<Digest32, BeaconError> {
        self.check_in(crate::encoding::Suite::Ed25519Sha256, results)
    }

    /// [`PublishedNumbersSpec::check`], the digest under a suite's hash.
    ///
    /// # Errors
    /// As [`PublishedNumbersSpec::check`].
    pub fn check_in(
        &self,
        suite: crate::encoding::Suite,
        results: &[PublishedResult],
    ) -> Result<Digest32, BeaconError> {
        let bad = |draw: &str, reason: String| BeaconError::Numbers {
            draw: draw.to_string(),
            reason,
        };
        if results.len() != self.draws.len() {
            return Err(bad(
                "",
                format!(
                    "{} draws' numbers given, the commitment names {}",
                    results.len(),
                    self.draws.len()
                ),
            ));
        }
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&u32_of(self.draws.len()).to_be_bytes());
        for (d, r) in self.draws.iter().zip(results) {
            let name = format!("{} {}", d.source, d.issue);
            if r.source != d.source || r.issue != d.issue {
                return Err(bad(
                    &name,
                    format!(
                        "the numbers given are for {} {}, not the draw the commitment names",
                        r.source, r.issue
                    ),
                ));
            }
            if r.numbers.len() != d.groups.len() {
                return Err(bad(
                    &name,
                    format!(
                        "{} groups given, the draw has {}",
                        r.numbers.len(),
                        d.groups.len()
                    ),
                ));
            }
            bytes.extend_from_slice(&u32_of(d.groups.len()).to_be_bytes());
            for (g, ns) in d.groups.iter().zip(&r.numbers) {
                check_group(g, ns).map_err(|reason| bad(&name, format!("{}: {reason}", g.name)))?;
                bytes.extend_from_slice(&u32_of(ns.len()).to_be_bytes());
                for n in ns {
                    bytes.extend_from_slice(&n.to_be_bytes());
                }
            }
        }
        Ok(suite.tagged_hash("shuangsuiji/v2/published-numbers", &[&bytes]))
    }
}

/// One group: its count, its range, its order.
fn check_group(g: &NumberGroup, ns: &[u32]) -> Result<(), String> {
    if u32_of(ns.len()) != g.count {
        return Err(format!(
            "{} numbers given, the group has {}",
            ns.len(),
            g.count
        ));
    }
    if let Some(n) = ns.iter().find(|n| !(g.min..=g.max).contains(*n)) {
        return Err(format!("{n} is outside {}..={}", g.min, g.max));
    }
    if g.order == NumberOrder::Ascending && ns.iter().zip(ns.iter().skip(1)).any(|(a, b)| a > b) {
        return Err("not written smallest first, as the commitment fixes".into());
    }
    Ok(())
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 双色球: 6 red balls from 1–33 (a set), 1 blue ball from 1–16.
    pub(crate) fn ssq(issue: &str, draws_at: i64) -> PublishedDraw {
        PublishedDraw {
            source: "中国福利彩票 双色球".into(),
            issue: issue.into(),
            announced_in: "www.cwl.gov.cn".into(),
            draws_at,
            groups: vec![
                NumberGroup::ascending("红球", 6, 1, 33),
                NumberGroup::ascending("蓝球", 1, 1, 16),
            ],
        }
    }

    fn result(numbers: Vec<Vec<u32>>) -> PublishedResult {
        PublishedResult {
            source: "中国福利彩票 双色球".into(),
            issue: "2026138".into(),
            numbers,
        }
    }

    #[test]
    fn numbers_are_checked_against_the_committed_form() {
        let spec = PublishedNumbersSpec {
            draws: vec![ssq("2026138", 2000)],
        };
        assert!(spec.problems(1000).is_empty());
        let good = result(vec![vec![3, 7, 12, 19, 25, 31], vec![9]]);
        let d = spec.check(std::slice::from_ref(&good)).unwrap();
        // Every change of a number, order, count or range is refused or moves the digest.
        let changed = result(vec![vec![3, 7, 12, 19, 25, 32], vec![9]]);
        assert_ne!(spec.check(&[changed]).unwrap(), d);
        for bad in [
            vec![vec![7, 3, 12, 19, 25, 31], vec![9]], // another order of the same set
            vec![vec![3, 7, 12, 19, 25], vec![9]],
            vec![vec![3, 7, 12, 19, 25, 34], vec![9]],
            vec![vec![0, 7, 12, 19, 25, 31], vec![9]],
            vec![vec![3, 7, 12, 19, 25, 31]],
            vec![vec![3, 7, 12, 19, 25, 31], vec![9, 10]],
        ] {
            assert!(
                matches!(
                    spec.check(&[result(bad.clone())]),
                    Err(BeaconError::Numbers { .. })
                ),
                "{bad:?}"
            );
        }
        let mut other = good.clone();
        other.issue = "2026139".into();
        assert!(spec.check(&[other]).is_err());
        assert!(spec.check(&[]).is_err());
    }

    #[test]
    fn a_draw_already_held_at_commitment_is_refused() {
        let spec = PublishedNumbersSpec {
            draws: vec![ssq("2026138", 1000)],
        };
        assert!(spec.problems(1000).iter().any(|p| p.contains("draws_at")));
        let twice = PublishedNumbersSpec {
            draws: vec![ssq("2026138", 2000), ssq("2026138", 2000)],
        };
        assert!(twice.problems(1000).iter().any(|p| p.contains("twice")));
        assert!(PublishedNumbersSpec { draws: vec![] }.problems(0).len() == 1);
    }

    #[test]
    fn a_draw_with_too_few_outcomes_is_refused() {
        let spec = PublishedNumbersSpec {
            draws: vec![ssq("2026138", 2000)],
        };
        assert_eq!(spec.outcomes(), 1_107_568 * 16); // C(33,6) · 16
        let mut blue_only = spec.clone();
        blue_only.draws[0].groups.remove(0);
        assert_eq!(blue_only.outcomes(), 16);
        assert!(blue_only.problems(0).iter().any(|p| p.contains("2^20")));
        let mut pick3 = ssq("2026138", 2000);
        pick3.groups = vec![NumberGroup::as_drawn("福彩3D", 3, 0, 9)];
        let three = PublishedNumbersSpec {
            draws: vec![pick3.clone()],
        };
        assert_eq!(three.outcomes(), 720);
        assert!(three.problems(0).iter().any(|p| p.contains("2^20")));
        let mut p2 = pick3.clone();
        p2.issue = "2026139".into();
        let mut p3 = pick3;
        p3.issue = "2026140".into();
        // Three issues: 720^3 ≈ 2^28.5.
        let combined = PublishedNumbersSpec {
            draws: vec![three.draws[0].clone(), p2, p3],
        };
        assert!(combined.problems(0).is_empty());
    }

    #[test]
    fn as_drawn_groups_keep_their_order() {
        let mut d = ssq("2026138", 2000);
        d.groups = vec![NumberGroup::as_drawn("排列三", 3, 0, 9)];
        let spec = PublishedNumbersSpec { draws: vec![d] };
        let a = spec.check(&[result(vec![vec![5, 0, 5]])]).unwrap();
        let b = spec.check(&[result(vec![vec![0, 5, 5]])]).unwrap();
        assert_ne!(a, b);
    }
}
