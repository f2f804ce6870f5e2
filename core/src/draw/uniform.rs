//! Uniform integers from a seeded stream, by rejection sampling (spec §5.2).
//!
//! `x % n` favours small results whenever n does not divide 2^64; the draw must be exactly
//! uniform and exactly reproducible, so out-of-zone values are rejected and redrawn.

use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};

use crate::encoding::canonical::Digest32;

/// The stream for one purpose: ChaCha20 keyed by the purpose's sub-seed (RFC 8439 block
/// function, 64-bit counter from 0, nonce 0; words taken little-endian).
pub(crate) fn stream(subseed: &Digest32) -> ChaCha20Rng {
    ChaCha20Rng::from_seed(subseed.0)
}

/// A uniform integer in `0..n`. For `n <= 1` it returns 0 without drawing.
///
/// Otherwise draws `x = next_u64()`; with `bucket = floor(2^64 / n)`, accepts when
/// `x < bucket * n` and returns `x / bucket`.
pub(crate) fn below(rng: &mut ChaCha20Rng, n: u64) -> u64 {
    if n <= 1 {
        return 0;
    }
    // 2^64 / n computed as (2^64 - n) / n + 1 to stay in u64.
    let bucket = (u64::MAX - n + 1) / n + 1;
    let zone = bucket.wrapping_mul(n);
    loop {
        let x = rng.next_u64();
        // zone wraps to 0 exactly when n divides 2^64, i.e. every x is accepted.
        if zone == 0 || x < zone {
            return x / bucket;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_in_range_and_covers_it() {
        let mut r = stream(&Digest32([1; 32]));
        let mut seen = [0u32; 7];
        for _ in 0..7000 {
            let v = below(&mut r, 7) as usize;
            seen[v] += 1;
        }
        assert!(seen.iter().all(|&c| c > 850 && c < 1150), "{seen:?}");
        assert_eq!(below(&mut r, 1), 0);
        for _ in 0..100 {
            assert!(below(&mut r, 1 << 63) < 1 << 63);
        }
    }

    #[test]
    fn rejects_values_outside_the_zone() {
        // n = 2^63 + 1: bucket = 1, zone = 2^63 + 1; about half of all draws are rejected.
        let n = (1u64 << 63) + 1;
        let mut r = stream(&Digest32([2; 32]));
        for _ in 0..200 {
            assert!(below(&mut r, n) < n);
        }
    }
}
