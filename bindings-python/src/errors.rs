//! The one place where Rust errors become Python exceptions.
//!
//! Every exception subclasses `ShuangsuijiError`, itself a `ValueError`, so that callers
//! can catch what they already know. One subclass per concern; the message is the core's
//! `Display` text (it names the register, record, field and row), and structured details
//! are attributes: `.kind` and `.cause_kind` on every exception (the core's stable kinds from
//! `Explain`, identical to JavaScript's `kind` and `causeKind`; `input` for a `FormatError`),
//! `.message_zh` (the message in Chinese), and `.problems` on `ValidationError` and
//! `PlanError`.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use pyo3::PyTypeInfo;
use shuangsuiji as core;
use shuangsuiji::Explain;

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
    SignatureError,
    VerifyError,
    "A signature filed from outside (add_signature) is refused: signer not listed, signed already, wrong key, or it does not verify under the commitment's suite."
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
    TrustError,
    ShuangsuijiError,
    "A trust file that breaks its rules: `.problems` lists each as 'field: what is wrong'."
);
create_exception!(
    shuangsuiji,
    CalendarError,
    ShuangsuijiError,
    "The working-day calendar cannot answer (e.g. a date its notices do not cover)."
);

create_exception!(
    shuangsuiji,
    CaseError,
    ShuangsuijiError,
    "A case step refused (`.kind`: io, locked, not_a_case, not_yet, done, invalid, refused; `.problems` for invalid): nothing was written."
);

create_exception!(
    shuangsuiji,
    PrivacyError,
    ShuangsuijiError,
    "A draw/v3 class proof or sealed view refused, by the public or the auditor check (`.kind`: sealed_leaf, not_one_class, population, missing_opening, extra_opening, bad_opening, two_strata, outcome, class_proof, auditor, draw)."
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
    /// A signature filed from outside that is refused.
    Signature(core::encoding::SignatureError),
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
    /// A trust file that breaks its rules.
    Trust(core::trust::TrustError),
    /// A value of the wrong shape: what was expected, and why it does not fit.
    Format(String),
    /// A case step that refused.
    Case(shuangsuiji_case::CaseError),
    /// A draw/v3 class proof refused.
    Privacy(core::privacy::PrivacyError),
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
    Signature(core::encoding::SignatureError),
    Publish(core::PublishError),
    Policy(core::publish::PolicyError),
    Notice(core::NoticeError),
    Calendar(core::publish::CalendarError),
    Proof(core::audit::ProofError),
    Checkpoint(core::audit::CheckpointError),
    Trust(core::trust::TrustError),
    Case(shuangsuiji_case::CaseError),
    Privacy(core::privacy::PrivacyError),
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

/// The attributes every core error carries: `.kind` and `.cause_kind` (the core's stable
/// kinds, the same as JavaScript's `kind` and `causeKind`) and `.message_zh`.
fn explained<'py, E: Explain>(py: Python<'py>, e: &E) -> Vec<(&'static str, Bound<'py, PyAny>)> {
    kinds(py, e.kind(), e.cause_kind(), &e.message_zh())
}

fn kinds<'py>(
    py: Python<'py>,
    kind: &str,
    cause_kind: Option<&str>,
    message_zh: &str,
) -> Vec<(&'static str, Bound<'py, PyAny>)> {
    let text = |s: &str| {
        let Ok(s) = s.into_pyobject(py);
        s.into_any()
    };
    vec![
        ("kind", text(kind)),
        (
            "cause_kind",
            cause_kind
                .map(text)
                .unwrap_or_else(|| py.None().into_bound(py)),
        ),
        ("message_zh", text(message_zh)),
    ]
}

/// Raises `E` with a core error's message and its kinds.
fn raise_explained<E: PyTypeInfo, X: Explain>(py: Python<'_>, msg: String, e: &X) -> PyErr {
    raise::<E>(py, msg, explained(py, e))
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
    let mut attrs = explained(py, e);
    attrs.push(("problems", problems));
    raise::<ValidationError>(py, msg, attrs)
}

fn plan(py: Python<'_>, e: &core::PlanError) -> PyErr {
    let problems = PyList::new(py, &e.problems)
        .map(|l| l.into_any())
        .unwrap_or_else(|_| PyList::empty(py).into_any());
    let mut attrs = explained(py, e);
    attrs.push(("problems", problems));
    raise::<PlanError>(py, e.to_string(), attrs)
}

fn draw(py: Python<'_>, e: &core::DrawError) -> PyErr {
    match e {
        core::DrawError::Plan(p) => plan(py, p),
        core::DrawError::Beacon(b) => raise_explained::<BeaconError, _>(py, b.to_string(), b),
        other => raise_explained::<DrawError, _>(py, other.to_string(), other),
    }
}

impl Error {
    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self {
            Error::Validation(e) => validation(py, &e),
            Error::Plan(e) => plan(py, &e),
            Error::Draw(e) => draw(py, &e),
            Error::Beacon(e) => raise_explained::<BeaconError, _>(py, e.to_string(), &e),
            Error::Signature(e) => raise_explained::<SignatureError, _>(py, e.to_string(), &e),
            Error::Verify(e) => {
                let err = raise_explained::<VerifyError, _>(py, e.to_string(), &e);
                if let core::VerifyError::Rerun(d) = &e {
                    err.set_cause(py, Some(draw(py, d)));
                }
                err
            }
            Error::Publish(core::PublishError::Policy(p)) => {
                raise_explained::<PolicyError, _>(py, format!("policy: {p}"), &p)
            }
            Error::Publish(e) => raise_explained::<PublishError, _>(py, e.to_string(), &e),
            Error::Policy(e) => raise_explained::<PolicyError, _>(py, format!("policy: {e}"), &e),
            Error::Notice(e) => raise_explained::<NoticeError, _>(py, e.to_string(), &e),
            Error::Calendar(e) => {
                let mut attrs = explained(py, &e);
                if let core::publish::CalendarError::NotCovered { needs_year, .. } = &e {
                    let Ok(y) = needs_year.into_pyobject(py);
                    attrs.push(("needs_year", y.into_any()));
                }
                raise::<CalendarError>(py, e.to_string(), attrs)
            }
            Error::Proof(e) => raise_explained::<AuditError, _>(py, e.to_string(), &e),
            Error::Checkpoint(e) => raise_explained::<AuditError, _>(py, e.to_string(), &e),
            Error::Trust(e) => {
                let problems = PyList::new(py, &e.problems)
                    .map(|l| l.into_any())
                    .unwrap_or_else(|_| PyList::empty(py).into_any());
                let mut attrs = explained(py, &e);
                attrs.push(("problems", problems));
                raise::<TrustError>(py, e.to_string(), attrs)
            }
            Error::Format(m) => {
                let zh = format!("输入的形式不对：{m}");
                raise::<FormatError>(py, m, kinds(py, "input", None, &zh))
            }
            Error::Case(e) => {
                let problems = match &e {
                    shuangsuiji_case::CaseError::Invalid { problems, .. } => problems.clone(),
                    _ => Vec::new(),
                };
                let mut attrs = kinds(py, e.kind(), None, &e.to_string());
                let list = PyList::new(py, &problems)
                    .map(|l| l.into_any())
                    .unwrap_or_else(|_| PyList::empty(py).into_any());
                attrs.push(("problems", list));
                raise::<CaseError>(py, e.to_string(), attrs)
            }
            Error::Privacy(core::privacy::PrivacyError::Draw(d)) => draw(py, &d),
            Error::Privacy(e) => raise_explained::<PrivacyError, _>(py, e.to_string(), &e),
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
    m.add("SignatureError", py.get_type::<SignatureError>())?;
    m.add("PublishError", py.get_type::<PublishError>())?;
    m.add("PolicyError", py.get_type::<PolicyError>())?;
    m.add("NoticeError", py.get_type::<NoticeError>())?;
    m.add("CalendarError", py.get_type::<CalendarError>())?;
    m.add("AuditError", py.get_type::<AuditError>())?;
    m.add("TrustError", py.get_type::<TrustError>())?;
    m.add("CaseError", py.get_type::<CaseError>())?;
    m.add("PrivacyError", py.get_type::<PrivacyError>())?;
    Ok(())
}
