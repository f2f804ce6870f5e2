//! RFC 6962 Merkle tree hash (leaf prefix 0x00, node prefix 0x01).
//!
//! The same tree shape as Certificate Transparency and the C2SP tlog, so that existing
//! verifiers and their test vectors apply to register commitments.

use crate::encoding::canonical::Digest32;
use crate::encoding::suite::Suite;

/// `H(0x00 || leaf)` under the suite's hash.
pub(crate) fn leaf_hash_in(suite: Suite, leaf: &[u8]) -> Digest32 {
    suite.hash(&[&[0u8], leaf])
}

/// `SHA-256(0x00 || leaf)`.
#[cfg(test)]
pub(crate) fn leaf_hash(leaf: &[u8]) -> Digest32 {
    leaf_hash_in(Suite::Ed25519Sha256, leaf)
}

/// `H(0x01 || left || right)` under the suite's hash.
pub(crate) fn node_hash_in(suite: Suite, left: &Digest32, right: &Digest32) -> Digest32 {
    suite.hash(&[&[1u8], &left.0, &right.0])
}

/// `SHA-256(0x01 || left || right)`.
#[cfg(test)]
pub(crate) fn node_hash(left: &Digest32, right: &Digest32) -> Digest32 {
    node_hash_in(Suite::Ed25519Sha256, left, right)
}

/// Builds the root of leaves given as leaf hashes, in order, in O(log n) memory.
///
/// RFC 6962 splits at the largest power of two below n; a left-to-right stack of perfect
/// subtrees, merged right to left at the end, gives the same root.
#[derive(Debug, Default, Clone)]
pub struct MerkleTree {
    /// (height, hash) of completed perfect subtrees, heights strictly decreasing.
    stack: Vec<(u32, Digest32)>,
    size: u64,
    suite: Suite,
}

impl MerkleTree {
    /// An empty tree (SHA-256).
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty tree under a suite's hash (SM3 under `sm2-sm3`).
    pub fn new_in(suite: Suite) -> Self {
        MerkleTree {
            suite,
            ..Self::default()
        }
    }

    /// Appends a leaf's bytes (hashed with the 0x00 prefix).
    pub fn push_leaf(&mut self, leaf: &[u8]) {
        self.push_leaf_hash(leaf_hash_in(self.suite, leaf));
    }

    /// Appends an already computed leaf hash.
    pub fn push_leaf_hash(&mut self, mut h: Digest32) {
        let mut height = 0;
        while let Some(&(top_h, top)) = self.stack.last() {
            if top_h != height {
                break;
            }
            self.stack.pop();
            h = node_hash_in(self.suite, &top, &h);
            height += 1;
        }
        self.stack.push((height, h));
        self.size += 1;
    }

    /// Number of leaves.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The RFC 6962 root; `H("")` for the empty tree.
    pub fn root(&self) -> Digest32 {
        let mut it = self.stack.iter().rev();
        let Some(&(_, mut acc)) = it.next() else {
            return self.suite.hash(&[]);
        };
        for (_, h) in it {
            acc = node_hash_in(self.suite, h, &acc);
        }
        acc
    }
}

/// Root over leaves' bytes, in the order given (RFC 6962: the empty tree's root is
/// SHA-256 of nothing).
///
/// ```
/// use shuangsuiji::encoding::merkle_root;
/// let empty: [&[u8]; 0] = [];
/// assert_eq!(
///     merkle_root(empty).to_hex(),
///     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
/// );
/// assert_ne!(merkle_root([b"a", b"b"]), merkle_root([b"b", b"a"]));
/// ```
pub fn merkle_root<I, B>(leaves: I) -> Digest32
where
    I: IntoIterator<Item = B>,
    B: AsRef<[u8]>,
{
    merkle_root_in(Suite::Ed25519Sha256, leaves)
}

/// [`merkle_root`] under a suite's hash.
pub fn merkle_root_in<I, B>(suite: Suite, leaves: I) -> Digest32
where
    I: IntoIterator<Item = B>,
    B: AsRef<[u8]>,
{
    let mut t = MerkleTree::new_in(suite);
    for l in leaves {
        t.push_leaf(l.as_ref());
    }
    t.root()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Straight from RFC 6962 §2.1, recursive, for comparison.
    fn mth(leaves: &[Vec<u8>]) -> Digest32 {
        match leaves.len() {
            0 => Digest32(<sha2::Sha256 as sha2::Digest>::digest([]).into()),
            1 => leaf_hash(&leaves[0]),
            n => {
                let k = 1usize << (usize::BITS - 1 - (n - 1).leading_zeros());
                node_hash(&mth(&leaves[..k]), &mth(&leaves[k..]))
            }
        }
    }

    #[test]
    fn matches_rfc6962_definition_for_all_sizes_to_70() {
        let leaves: Vec<Vec<u8>> = (0u32..70).map(|i| i.to_be_bytes().to_vec()).collect();
        for n in 0..=70 {
            assert_eq!(merkle_root(&leaves[..n]), mth(&leaves[..n]), "n={n}");
        }
    }

    /// The eight leaves of the Certificate Transparency reference tree
    /// (google/certificate-transparency, merkle_tree_test.cc).
    pub(crate) fn ct_leaves() -> Vec<Vec<u8>> {
        [
            "",
            "00",
            "10",
            "2021",
            "3031",
            "40414243",
            "5051525354555657",
            "606162636465666768696a6b6c6d6e6f",
        ]
        .iter()
        .map(|h| hex::decode(h).unwrap())
        .collect()
    }

    /// Known answers from the Certificate Transparency reference test data.
    #[test]
    fn certificate_transparency_known_answers() {
        let leaves = ct_leaves();
        assert_eq!(
            merkle_root(&leaves[..1]).to_hex(),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
        );
        assert_eq!(
            merkle_root(&leaves[..8]).to_hex(),
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
        );
        assert_eq!(
            merkle_root(&leaves[..3]).to_hex(),
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"
        );
        assert_eq!(
            merkle_root(Vec::<Vec<u8>>::new()).to_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
