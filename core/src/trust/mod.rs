//! Trust is a verifier input, not record content (spec `docs/spec/trust.md`).
//!
//! 国发〔2019〕5号 三（五）asks for draws "通过公开、公正的方式"; a draw is only fair if the
//! operator could not choose its outcome, and a record that names its own keys and its own
//! beacon chain can be made to say anything. So [`verify_trusted`] takes the verifier's
//! [`TrustFile`] and returns a [`Verdict`] with a level — anchored, consistent but not
//! anchored (naming each element without an anchor), or failed — and never a bare "OK".

mod anchor;
mod file;
mod verdict;

pub use anchor::{LoggedEvent, TimeAnchor};
pub use file::{TrustError, TrustFile, TrustedChain, TrustedKey, MAX_TRUST_ENTRIES, TRUST_FORMAT};
pub use verdict::{
    verify_anchored, verify_trusted, verify_with_references, Announcement, BeaconSeen, ChainSource,
    GroupSeen, Level, PublishedSeen, References, SignerSeen, TrustSeen, Unanchored, Verdict,
};
