//! The draw's primitives, for re-implementers and benchmarks: the seed and its sub-seeds,
//! tickets, the lowest-ticket selector and uniform integers (spec §4–§5).
//!
//! Calling these directly skips the rules that make a draw a draw (the commitment, the
//! plan, the registers' validation): a result built from them alone proves nothing. Use
//! [`crate::draw()`] for a real draw.

pub use crate::draw::participants::{check_commitment_signatures, check_reveal_signatures};
pub use crate::draw::protocol::{
    check_reveals, check_reveals_in, commit_secret, commit_secret_in, seed, seed_in, subseed,
    subseed_in,
};
pub use crate::draw::select::{
    checked_ticket, checked_ticket_in, lowest_tickets, lowest_tickets_in, ticket, ticket_in,
    Selector,
};
pub use crate::encoding::sign::sign_hash;
