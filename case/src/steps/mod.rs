//! The case's steps, each one function: read the case, check the previous steps, write
//! the step's files and log events as one transaction.

pub mod commit;
pub mod new;
pub mod print;
pub mod redraw;
pub mod seal;
pub mod witness;
