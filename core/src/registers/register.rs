//! What every register shares, written once: each entry checked and every problem kept,
//! ids unique, entries held in id order (the byte order of their ids), and the RFC 6962
//! root over their leaf bytes (spec §3.2). The three register types differ only in their
//! entries' rules, so those rules are the one thing each entry type supplies.

use crate::encoding::canonical::Digest32;
use crate::encoding::merkle::merkle_root;
use crate::registers::validate::{Collector, ProblemKind, RegisterName, ValidationErrors};
use time::Date;

/// An entry of a register: something with an id and rules of its own.
pub(crate) trait Entry: Sized {
    /// The register the entries belong to, named in every problem.
    const REGISTER: RegisterName;
    /// The entry's id (the register's sort key).
    fn id(&self) -> &str;
    /// Problems of this entry alone, as of the register date.
    fn check(&self, c: &mut Collector, as_of: Date);
    /// Rules across entries besides unique ids (unique USCCs, say); none by default.
    fn check_across(_entries: &[Self], _c: &mut Collector) {}
}

/// Checks every entry and returns them in id order, or every problem found.
///
/// # Errors
/// Every problem of every entry, in entry order, then the cross-entry ones.
pub(crate) fn validated<E: Entry>(
    as_of: Date,
    entries: Vec<E>,
) -> Result<Vec<E>, ValidationErrors> {
    validated_or_back(as_of, entries).map_err(|(e, _)| e)
}

/// As [`validated`], giving the entries back with the problems (an importer names the rows
/// of the refused records from them).
pub(crate) fn validated_or_back<E: Entry>(
    as_of: Date,
    entries: Vec<E>,
) -> Result<Vec<E>, (ValidationErrors, Vec<E>)> {
    let mut c = Collector::new(E::REGISTER);
    let by_id = in_key_order(entries.iter().enumerate().map(|(n, e)| (n, e.id())));
    let repeated = later_repeats(&by_id, entries.len());
    let order: Vec<usize> = by_id.iter().map(|&(_, n)| n).collect();
    for (e, repeated) in entries.iter().zip(repeated) {
        e.check(&mut c, as_of);
        if repeated {
            c.push(
                e.id(),
                "id",
                ProblemKind::Duplicate,
                "appears more than once",
            );
        }
    }
    E::check_across(&entries, &mut c);
    if let Err(e) = c.finish() {
        return Err((e, entries));
    }
    let mut slots: Vec<Option<E>> = entries.into_iter().map(Some).collect();
    Ok(order
        .into_iter()
        .filter_map(|n| slots.get_mut(n).and_then(Option::take))
        .collect())
}

/// Keys with their entries' positions, in the byte order of the keys and, for equal keys,
/// of the positions. Sorting (key, position) pairs, not the entries, moves 24 bytes per
/// entry instead of the entry; at ten million entries a set of the keys built on the way
/// cost as much as the sort.
pub(crate) fn in_key_order<'a>(
    keys: impl Iterator<Item = (usize, &'a str)>,
) -> Vec<(&'a str, usize)> {
    // Each key's first 16 bytes, zero-padded, as a number in front: s <= t implies
    // prefix(s) <= prefix(t), so the order is the same, and most comparisons end on the
    // number without reading the key from wherever it lies on the heap (at a million
    // entries, the plain sort was a tenth of the import, mostly waiting for memory).
    let mut v: Vec<(u128, &str, usize)> = keys.map(|(n, k)| (prefix(k), k, n)).collect();
    v.sort_unstable();
    v.into_iter().map(|(_, k, n)| (k, n)).collect()
}

/// The first 16 bytes of `k` as a big-endian number, zero-padded.
fn prefix(k: &str) -> u128 {
    let mut b = [0u8; 16];
    for (d, s) in b.iter_mut().zip(k.as_bytes()) {
        *d = *s;
    }
    u128::from_be_bytes(b)
}

/// For each of `len` positions, whether an earlier position has the same key: what a set
/// of the keys seen, filled in entry order, would have refused.
pub(crate) fn later_repeats(sorted: &[(&str, usize)], len: usize) -> Vec<bool> {
    let mut repeated = vec![false; len];
    for pair in sorted.windows(2) {
        if let [(a, _), (b, n)] = pair {
            if a == b {
                if let Some(r) = repeated.get_mut(*n) {
                    *r = true;
                }
            }
        }
    }
    repeated
}

/// An entry a root commits to. The full inspector register has none of its own: its root
/// is its public view's, under the keeper's key.
pub(crate) trait Leaf: Entry {
    /// The bytes the register root commits to (spec §3.2, §3.3).
    fn leaf_bytes(&self) -> Vec<u8>;
}

/// The register root over entries already in id order.
pub(crate) fn root<E: Leaf>(entries: &[E]) -> Digest32 {
    merkle_root(entries.iter().map(Leaf::leaf_bytes))
}

/// The register root under a suite's hash.
pub(crate) fn root_in<E: Leaf>(suite: crate::encoding::Suite, entries: &[E]) -> Digest32 {
    crate::encoding::merkle_root_in(suite, entries.iter().map(Leaf::leaf_bytes))
}

/// An entry by id, from entries in id order.
pub(crate) fn find<'a, E: Entry>(entries: &'a [E], id: &str) -> Option<&'a E> {
    entries
        .binary_search_by(|e| e.id().cmp(id))
        .ok()
        .and_then(|i| entries.get(i))
}

/// A register reads from `{"as_of": …, "<entries>": […]}` through its validating
/// constructor, so no invalid register can be deserialised.
macro_rules! deserialize_through_new {
    ($register:ident, $field:ident, $entry:ty) => {
        impl<'de> serde::Deserialize<'de> for $register {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                #[derive(serde::Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Raw {
                    #[serde(with = "crate::registers::fields::dates::iso")]
                    as_of: time::Date,
                    $field: Vec<$entry>,
                }
                let r = Raw::deserialize(d)?;
                $register::new(r.as_of, r.$field).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use deserialize_through_new;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The prefix is only a shortcut: the order is the keys' byte order, then position.
        #[test]
        fn key_order_is_byte_order(keys in proptest::collection::vec("[a\\x00-\\x02b]{0,20}|\\PC{0,20}", 0..40)) {
            let got = in_key_order(keys.iter().map(String::as_str).enumerate());
            let mut want: Vec<(&str, usize)> = keys.iter().map(String::as_str).zip(0..).collect();
            want.sort();
            prop_assert_eq!(got, want);
        }
    }
}
