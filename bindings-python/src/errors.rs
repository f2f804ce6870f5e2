//! The one place where Rust errors become Python exceptions.
//!
//! Every exception subclasses `ShuangsuijiError`, itself a `ValueError`, so that callers
//! can catch what they already know. One subclass per concern; the message is the core's
//! `Display` text (it names the register, record, field and row), and structured details
//! are attributes: `.problems` on `ValidationError` and `PlanError`, `.kind` on the others
//! (the core variant in snake_case).

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use pyo3::PyTypeInfo;
use shuangsuiji as core;

create_exception!(
    shuangsuiji,
    ShuangsuijiError,
    PyValueError,
    "Base of every error raised by shuangsuiji (a ValueError)."
);
create_exception!(
    shuangsuiji,
    FormatError,
    ShuangsuijiError,
    "A value passed in (dict, JSON, bytes, date) does not have the shape of the expected type."
);
create_exception!(
    shuangsuiji,
    ValidationError,
    ShuangsuijiError,
    "Register or item-list problems: `.problems` lists every one as a dict (register, row, record, field, kind, message)."
);
create_exception!(
    shuangsuiji,
    DrawError,
    ShuangsuijiError,
    "A draw cannot be made (roots, reveals, 100% list, team shortfall ...)."
);
create_exception!(
    shuangsuiji,
    PlanError,
    DrawError,
    "The draw plan cannot be run as written: `.problems` lists each as 'field: what is wrong'."
);
create_exception!(
    shuangsuiji,
    BeaconError,
    DrawError,
    "The beacon round cannot be used (wrong round, too early, bad BLS signature ...)."
);
create_exception!(
    shuangsuiji,
    VerifyError,
    ShuangsuijiError,
    "A record does not verify; the message names the first failing check."
);
create_exception!(
    shuangsuiji,
    PublishError,
    ShuangsuijiError,
    "A batch of results cannot be published."
);
create_exception!(
    shuangsuiji,
    PolicyError,
    PublishError,
    "A redaction policy cannot be used."
);
create_exception!(
    shuangsuiji,
    NoticeError,
    ShuangsuijiError,
    "A public notice, its CSV or a disclosure does not verify."
);
create_exception!(
    shuangsuiji,
    AuditError,
    ShuangsuijiError,
    "An audit-log proof or checkpoint does not verify."
);
create_exception!(
    shuangsuiji,
    CalendarError,
    ShuangsuijiError,
    "The working-day calendar cannot answer (e.g. a date its notices do not cover)."
);

/// Every error the binding returns, before it becomes a Python exception.
#[derive(Debug)]
pub enum Error {
    /// Register or item-list problems.
    Validation(core::ValidationErrors),
    /// A plan problem.
    Plan(core::PlanError),
    /// A draw error.
    Draw(core::DrawError),
    /// A beacon error.
    Beacon(core::draw::BeaconError),
    /// A verification failure.
    Verify(core::VerifyError),
    /// A publication error.
    Publish(core::PublishError),
    /// A policy error.
    Policy(core::publish::PolicyError),
    /// A notice error.
    Notice(core::NoticeError),
    /// A calendar error.
    Calendar(core::publish::CalendarError),
    /// An audit proof error.
    Proof(core::audit::ProofError),
    /// An audit checkpoint error.
    Checkpoint(core::audit::CheckpointError),
    /// A value of the wrong shape: what was expected, and why it does not fit.
    Format(String),
    /// An error already raised by Python (e.g. OSError from reading a file).
    Py(PyErr),
}

macro_rules! from_core {
    ($($v:ident($t:ty)),*) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Self { Error::$v(e) }
        }
    )*};
}
from_core!(
    Validation(core::ValidationErrors),
    Plan(core::PlanError),
    Draw(core::DrawError),
    Beacon(core::draw::BeaconError),
    Verify(core::VerifyError),
    Publish(core::PublishError),
    Policy(core::publish::PolicyError),
    Notice(core::NoticeError),
    Calendar(core::publish::CalendarError),
    Proof(core::audit::ProofError),
    Checkpoint(core::audit::CheckpointError),
    Py(PyErr)
);

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Py(e.into())
    }
}

/// Shorthand for a `FormatError`.
pub fn format_error(msg: impl Into<String>) -> Error {
    Error::Format(msg.into())
}

/// Result of the binding's functions.
pub type Result<T> = std::result::Result<T, Error>;

/// At most this many problems are spelled out in a `ValidationError` message; all are in `.problems`.
const MESSAGE_PROBLEMS: usize = 50;

fn raise<E: PyTypeInfo>(
    py: Python<'_>,
    msg: String,
    attrs: Vec<(&str, Bound<'_, PyAny>)>,
) -> PyErr {
    let err = PyErr::new::<E, _>(msg);
    let value = err.value(py);
    for (k, v) in attrs {
        // Setting an attribute on a fresh exception instance cannot fail.
        let _ = value.setattr(k, v);
    }
    err
}

fn kind_of<T: std::fmt::Debug>(v: &T) -> String {
    // The variant name of a core error, as snake_case: `NotCovered { .. }` -> "not_covered".
    let dbg = format!("{v:?}");
    let name: String = dbg
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn kind<'py, T: std::fmt::Debug>(py: Python<'py>, v: &T) -> Vec<(&'static str, Bound<'py, PyAny>)> {
    vec![(
        "kind",
        kind_of(v)
            .into_pyobject(py)
            .map(|s| s.into_any())
            .unwrap_or_else(|_| py.None().into_bound(py)),
    )]
}

fn validation(py: Python<'_>, e: &core::ValidationErrors) -> PyErr {
    let mut msg = e.to_string();
    for p in e.problems.iter().take(MESSAGE_PROBLEMS) {
        msg.push_str("\n  ");
        msg.push_str(&p.to_string());
    }
    if e.problems.len() > MESSAGE_PROBLEMS {
        msg.push_str(&format!(
            "\n  ... and {} more (see .problems)",
            e.problems.len() - MESSAGE_PROBLEMS
        ));
    }
    let problems = serde_json::to_value(&e.problems)
        .ok()
        .and_then(|v| crate::convert::value_to_py(py, &v).ok())
        .unwrap_or_else(|| PyList::empty(py).into_any());
    raise::<ValidationError>(py, msg, vec![("problems", problems)])
}

fn plan(py: Python<'_>, e: &core::PlanError) -> PyErr {
    let problems = PyList::new(py, &e.problems)
        .map(|l| l.into_any())
        .unwrap_or_else(|_| PyList::empty(py).into_any());
    raise::<PlanError>(py, e.to_string(), vec![("problems", problems)])
}

fn draw(py: Python<'_>, e: &core::DrawError) -> PyErr {
    match e {
        core::DrawError::Plan(p) => plan(py, p),
        core::DrawError::Beacon(b) => raise::<BeaconError>(py, b.to_string(), kind(py, b)),
        other => raise::<DrawError>(py, other.to_string(), kind(py, other)),
    }
}

impl Error {
    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self {
            Error::Validation(e) => validation(py, &e),
            Error::Plan(e) => plan(py, &e),
            Error::Draw(e) => draw(py, &e),
            Error::Beacon(e) => raise::<BeaconError>(py, e.to_string(), kind(py, &e)),
            Error::Verify(e) => {
                let err = raise::<VerifyError>(py, e.to_string(), kind(py, &e));
                if let core::VerifyError::Rerun(d) = &e {
                    err.set_cause(py, Some(draw(py, d)));
                }
                err
            }
            Error::Publish(core::PublishError::Policy(p)) => {
                raise::<PolicyError>(py, format!("policy: {p}"), kind(py, &p))
            }
            Error::Publish(e) => raise::<PublishError>(py, e.to_string(), kind(py, &e)),
            Error::Policy(e) => raise::<PolicyError>(py, format!("policy: {e}"), kind(py, &e)),
            Error::Notice(e) => raise::<NoticeError>(py, e.to_string(), kind(py, &e)),
            Error::Calendar(e) => {
                let mut attrs = kind(py, &e);
                if let core::publish::CalendarError::NotCovered { needs_year, .. } = &e {
                    let Ok(y) = needs_year.into_pyobject(py);
                    attrs.push(("needs_year", y.into_any()));
                }
                raise::<CalendarError>(py, e.to_string(), attrs)
            }
            Error::Proof(e) => raise::<AuditError>(py, e.to_string(), kind(py, &e)),
            Error::Checkpoint(e) => raise::<AuditError>(py, e.to_string(), kind(py, &e)),
            Error::Format(m) => raise::<FormatError>(py, m, vec![]),
            Error::Py(e) => e,
        }
    }
}

impl From<Error> for PyErr {
    fn from(e: Error) -> PyErr {
        Python::attach(|py| e.into_pyerr(py))
    }
}

/// Adds the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ShuangsuijiError", py.get_type::<ShuangsuijiError>())?;
    m.add("FormatError", py.get_type::<FormatError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add("DrawError", py.get_type::<DrawError>())?;
    m.add("PlanError", py.get_type::<PlanError>())?;
    m.add("BeaconError", py.get_type::<BeaconError>())?;
    m.add("VerifyError", py.get_type::<VerifyError>())?;
    m.add("PublishError", py.get_type::<PublishError>())?;
    m.add("PolicyError", py.get_type::<PolicyError>())?;
    m.add("NoticeError", py.get_type::<NoticeError>())?;
    m.add("CalendarError", py.get_type::<CalendarError>())?;
    m.add("AuditError", py.get_type::<AuditError>())?;
    Ok(())
}
