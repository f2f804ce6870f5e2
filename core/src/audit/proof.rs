//! Inclusion and consistency proofs over an RFC 6962 tree (RFC 9162 §2.1.3 and §2.1.4).
//!
//! Generation follows the recursive definitions (PATH and SUBPROOF); verification follows
//! RFC 9162's iterative algorithms, so the two halves check each other.

use crate::encoding::canonical::Digest32;
use crate::encoding::merkle::{node_hash_in, MerkleTree};
use crate::encoding::Suite;

/// Root of `leaves[lo..hi]`.
pub(crate) fn subtree_root(suite: Suite, leaves: &[Digest32], lo: usize, hi: usize) -> Digest32 {
    let mut t = MerkleTree::new_in(suite);
    for h in leaves.get(lo..hi).unwrap_or_default() {
        t.push_leaf_hash(*h);
    }
    t.root()
}

/// Largest power of two strictly less than `n` (n ≥ 2).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k << 1 < n {
        k <<= 1;
    }
    k
}

/// PATH(m, D[lo..hi]): the audit path of leaf `m` (relative to `lo`).
pub(crate) fn inclusion_path(
    suite: Suite,
    leaves: &[Digest32],
    m: usize,
    lo: usize,
    hi: usize,
    out: &mut Vec<Digest32>,
) {
    let n = hi - lo;
    if n <= 1 {
        return;
    }
    let k = split(n);
    if m < k {
        inclusion_path(suite, leaves, m, lo, lo + k, out);
        out.push(subtree_root(suite, leaves, lo + k, hi));
    } else {
        inclusion_path(suite, leaves, m - k, lo + k, hi, out);
        out.push(subtree_root(suite, leaves, lo, lo + k));
    }
}

/// SUBPROOF(m, D[lo..hi], b).
pub(crate) fn consistency_path(
    suite: Suite,
    leaves: &[Digest32],
    m: usize,
    lo: usize,
    hi: usize,
    b: bool,
    out: &mut Vec<Digest32>,
) {
    let n = hi - lo;
    if m == n {
        if !b {
            out.push(subtree_root(suite, leaves, lo, hi));
        }
        return;
    }
    let k = split(n);
    if m <= k {
        consistency_path(suite, leaves, m, lo, lo + k, b, out);
        out.push(subtree_root(suite, leaves, lo + k, hi));
    } else {
        consistency_path(suite, leaves, m - k, lo + k, hi, false, out);
        out.push(subtree_root(suite, leaves, lo, lo + k));
    }
}

/// Why a proof does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProofError {
    /// The index is not inside the tree, or the sizes are out of order.
    #[error("proof: {0}")]
    OutOfRange(String),
    /// The proof has more or fewer hashes than the tree shape allows.
    #[error("proof: wrong number of hashes ({found}, expected {expected})")]
    WrongLength {
        /// Hashes given.
        found: usize,
        /// Hashes the shape requires.
        expected: usize,
    },
    /// The hashes do not lead to the root.
    #[error("proof: does not lead to the expected root")]
    RootMismatch,
}

/// Number of hashes in an inclusion proof of `index` in a tree of `size`.
fn inclusion_len(index: u64, size: u64) -> usize {
    let inner = (64 - (index ^ (size - 1)).leading_zeros()) as usize;
    let border = (index >> inner).count_ones() as usize;
    inner + border
}

/// RFC 9162 §2.1.3.2: checks that `leaf` is at `index` in the tree of `size` with `root`
/// (an `ed25519-sha256` log: SHA-256 nodes).
///
/// # Errors
/// [`ProofError`] naming the failing check.
pub fn verify_inclusion(
    leaf: &Digest32,
    index: u64,
    size: u64,
    proof: &[Digest32],
    root: &Digest32,
) -> Result<(), ProofError> {
    verify_inclusion_in(Suite::Ed25519Sha256, leaf, index, size, proof, root)
}

/// [`verify_inclusion`] in a log of `suite` (its nodes hashed with the suite's hash,
/// docs/spec/suites.md §3 "Audit log").
///
/// # Errors
/// [`ProofError`] naming the failing check.
pub fn verify_inclusion_in(
    suite: Suite,
    leaf: &Digest32,
    index: u64,
    size: u64,
    proof: &[Digest32],
    root: &Digest32,
) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::OutOfRange(format!(
            "index {index} is not below size {size}"
        )));
    }
    let expected = inclusion_len(index, size);
    if proof.len() != expected {
        return Err(ProofError::WrongLength {
            found: proof.len(),
            expected,
        });
    }
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s_n == 0 {
            return Err(ProofError::WrongLength {
                found: proof.len(),
                expected,
            });
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash_in(suite, p, &r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            r = node_hash_in(suite, &r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n == 0 && r == *root {
        Ok(())
    } else {
        Err(ProofError::RootMismatch)
    }
}

/// RFC 9162 §2.1.4.2: checks that the tree of `size2` with `root2` extends the tree of
/// `size1` with `root1`.
///
/// # Errors
/// [`ProofError`] naming the failing check.
pub fn verify_consistency(
    size1: u64,
    size2: u64,
    root1: &Digest32,
    root2: &Digest32,
    proof: &[Digest32],
) -> Result<(), ProofError> {
    verify_consistency_in(Suite::Ed25519Sha256, size1, size2, root1, root2, proof)
}

/// [`verify_consistency`] in a log of `suite`.
///
/// # Errors
/// [`ProofError`] naming the failing check.
pub fn verify_consistency_in(
    suite: Suite,
    size1: u64,
    size2: u64,
    root1: &Digest32,
    root2: &Digest32,
    proof: &[Digest32],
) -> Result<(), ProofError> {
    if size1 > size2 {
        return Err(ProofError::OutOfRange(format!(
            "size {size1} is larger than {size2}"
        )));
    }
    if size1 == size2 {
        return if proof.is_empty() && root1 == root2 {
            Ok(())
        } else if proof.is_empty() {
            Err(ProofError::RootMismatch)
        } else {
            Err(ProofError::WrongLength {
                found: proof.len(),
                expected: 0,
            })
        };
    }
    if size1 > 0 && proof.is_empty() {
        return Err(ProofError::WrongLength {
            found: 0,
            expected: 1,
        });
    }
    if size1 == 0 {
        // The empty tree's root is the suite's hash of nothing; every tree extends it.
        if *root1 != MerkleTree::new_in(suite).root() {
            return Err(ProofError::RootMismatch);
        }
        return if proof.is_empty() {
            Ok(())
        } else {
            Err(ProofError::WrongLength {
                found: proof.len(),
                expected: 0,
            })
        };
    }
    let mut path: Vec<Digest32> = proof.to_vec();
    if size1.is_power_of_two() {
        path.insert(0, *root1);
    }
    let (mut f_n, mut s_n) = (size1 - 1, size2 - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let mut it = path.iter();
    let first = *it.next().ok_or(ProofError::WrongLength {
        found: 0,
        expected: 1,
    })?;
    let (mut fr, mut sr) = (first, first);
    for c in it {
        if s_n == 0 {
            return Err(ProofError::WrongLength {
                found: proof.len(),
                expected: proof.len() - 1,
            });
        }
        if f_n & 1 == 1 || f_n == s_n {
            fr = node_hash_in(suite, c, &fr);
            sr = node_hash_in(suite, c, &sr);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            sr = node_hash_in(suite, &sr, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n != 0 {
        return Err(ProofError::WrongLength {
            found: proof.len(),
            expected: proof.len() + 1,
        });
    }
    if fr == *root1 && sr == *root2 {
        Ok(())
    } else {
        Err(ProofError::RootMismatch)
    }
}
