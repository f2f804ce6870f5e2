//! Declared conflicts (回避) out of the public inspector view (docs/spec/privacy.md §5, §13):
//! each sealed target leaf commits to the set of inspectors who declared a conflict with it,
//! and a draw/v3 record opens exactly the sets of the targets it sends teams to. A reader
//! re-runs the matching with those sets; no other conflict is published.

use crate::privacy::error::PrivacyError;
use crate::privacy::pedersen::ViewKey;
use crate::privacy::sealed::SealedTarget;
use crate::registers::inspector::PublicInspectorRegister;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Tag of a target's recusal salt.
pub const RECUSAL_SALT_TAG: &str = "shuangsuiji/v3/recusal-salt";
/// Tag of a target's recusal commitment.
pub const RECUSAL_TAG: &str = "shuangsuiji/v3/recusals";

/// Who declared a conflict with each target: the inspectors' declarations, transposed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recusals(BTreeMap<String, Vec<String>>);

impl Recusals {
    /// No declared conflict at all.
    pub fn none() -> Recusals {
        Recusals::default()
    }

    /// The declarations of an inspector view that still carries them (the keeper's, before
    /// [`PublicInspectorRegister::without_conflicts`]).
    pub fn of_public(view: &PublicInspectorRegister) -> Recusals {
        let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for i in view.inspectors() {
            for t in &i.conflicts {
                m.entry(t.clone()).or_default().push(i.id.clone());
            }
        }
        for v in m.values_mut() {
            v.sort();
            v.dedup();
        }
        Recusals(m)
    }

    /// Declared targets the register does not hold, sorted: such a declaration would be
    /// sealed nowhere, so a keeper refuses them rather than lose them.
    pub fn unknown_targets(
        &self,
        register: &crate::registers::target::TargetRegister,
    ) -> Vec<String> {
        self.0
            .keys()
            .filter(|t| {
                register
                    .targets()
                    .binary_search_by(|x| x.id.as_bytes().cmp(t.as_bytes()))
                    .is_err()
            })
            .cloned()
            .collect()
    }

    /// How many (inspector, target) declarations there are.
    pub fn count(&self) -> usize {
        self.0.values().map(Vec::len).sum()
    }

    /// The inspectors who declared a conflict with `target`, sorted.
    pub fn declaring(&self, target: &str) -> &[String] {
        self.0.get(target).map_or(&[], Vec::as_slice)
    }
}

/// The first 32 bytes of the crate's tagged SHA-512 (§10.1's `wide`).
fn tagged(tag: &str, parts: &[&[u8]]) -> [u8; 32] {
    let wide = crate::privacy::pedersen::tagged_wide(tag, parts);
    let mut out = [0u8; 32];
    out.copy_from_slice(wide.get(..32).unwrap_or(&[0u8; 32]));
    out
}

fn lp(x: &str) -> Vec<u8> {
    let mut v = u32::try_from(x.len())
        .unwrap_or(u32::MAX)
        .to_be_bytes()
        .to_vec();
    v.extend_from_slice(x.as_bytes());
    v
}

/// `salt(t) = SHA-512(tag ‖ K ‖ lp(id))[..32]`: from the view key, so a fresh view has fresh
/// salts, and the auditor recomputes them.
pub fn recusal_salt(key: &ViewKey, id: &str) -> [u8; 32] {
    tagged(RECUSAL_SALT_TAG, &[&key.0, &lp(id)])
}

/// `SHA-512(tag ‖ salt ‖ lp(id) ‖ u32be(n) ‖ lp(i_1) ‖ … ‖ lp(i_n))[..32]`, the inspectors
/// sorted: hides the set (and its size) until opened.
pub fn recusal_commitment(salt: &[u8; 32], id: &str, inspectors: &[String]) -> [u8; 32] {
    let mut parts: Vec<Vec<u8>> = vec![
        lp(id),
        u32::try_from(inspectors.len())
            .unwrap_or(u32::MAX)
            .to_be_bytes()
            .to_vec(),
    ];
    parts.extend(inspectors.iter().map(|i| lp(i)));
    let mut refs: Vec<&[u8]> = vec![salt];
    refs.extend(parts.iter().map(Vec::as_slice));
    tagged(RECUSAL_TAG, &refs)
}

/// One opened recusal set: the target a team went to, exactly who declared a conflict with
/// it, and the salt that opens its leaf's commitment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecusalOpening {
    /// Target id.
    pub target: String,
    /// Inspector ids, sorted, each once (empty: nobody declared a conflict).
    pub inspectors: Vec<String>,
    /// The salt, 64 lower-case hex digits.
    pub salt: String,
}

/// The keeper's opening of `id`'s set.
pub fn open(key: &ViewKey, recusals: &Recusals, id: &str) -> RecusalOpening {
    RecusalOpening {
        target: id.to_string(),
        inspectors: recusals.declaring(id).to_vec(),
        salt: hex::encode(recusal_salt(key, id)),
    }
}

impl RecusalOpening {
    /// Checks the opening against the target's sealed leaf.
    ///
    /// # Errors
    /// [`PrivacyError::Recusal`] when the set is not sorted and unique, the salt is not
    /// canonical, or the set does not open the leaf's commitment.
    pub fn check(&self, leaf: &SealedTarget) -> Result<(), PrivacyError> {
        let bad = |detail: &str| PrivacyError::Recusal {
            target: self.target.clone(),
            detail: detail.to_string(),
        };
        if leaf.id != self.target {
            return Err(bad(
                "开启的不是该对象的条目 · the opening is not this entry's",
            ));
        }
        if self.inspectors.windows(2).any(|w| w.first() >= w.get(1)) {
            return Err(bad(
                "回避人员应按编号升序且不重复 · inspectors must be sorted and unique",
            ));
        }
        let mut salt = [0u8; 32];
        if self.salt.len() != 64
            || self.salt.bytes().any(|b| b.is_ascii_uppercase())
            || hex::decode_to_slice(&self.salt, &mut salt).is_err()
        {
            return Err(bad(
                "盐值须为 64 位小写十六进制 · the salt must be 64 lower-case hex digits",
            ));
        }
        if hex::encode(recusal_commitment(&salt, &self.target, &self.inspectors)) != leaf.recusals {
            return Err(bad(
                "回避名单与封存承诺不符 · the set does not open the sealed commitment",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commitment_binds_the_set_the_target_and_the_salt() {
        let s = recusal_salt(&ViewKey([1; 32]), "T1");
        let a = vec!["P1".to_string(), "P2".to_string()];
        let c = recusal_commitment(&s, "T1", &a);
        assert_ne!(c, recusal_commitment(&s, "T1", &a[..1]));
        assert_ne!(c, recusal_commitment(&s, "T2", &a));
        assert_ne!(
            c,
            recusal_commitment(&recusal_salt(&ViewKey([2; 32]), "T1"), "T1", &a)
        );
        // Length prefixes: ["P1P2"] is not ["P1", "P2"].
        assert_ne!(c, recusal_commitment(&s, "T1", &["P1P2".to_string()]));
        assert_ne!(recusal_commitment(&s, "T1", &[]), c);
    }
}
