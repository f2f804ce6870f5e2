//! The draw, as the public checks it: `verify` (re-run a sealed record), `verifyRound`
//! (a drand round), `recordHash`/`canonicalRecord` (a record's bytes) and `sampleIds`
//! (the selection primitive on an id list). The same split as the Python binding's
//! `draw` module.

mod beacon;
mod record;
mod sample;
mod verify;
