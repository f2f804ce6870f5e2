//! The commitments a draw fixes before any randomness exists: the item list's hash and the
//! two register roots (spec §3).

use crate::encoding::canonical::Digest32;
use serde::{Deserialize, Serialize};

/// Hashes that pin the exact item list and registers a draw used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterRoots {
    /// [`crate::ItemList::hash`].
    pub item_list: Digest32,
    /// [`crate::TargetRegister::root`].
    pub targets: Digest32,
    /// [`crate::PublicInspectorRegister::root`].
    pub inspectors: Digest32,
}
