//! The one place where errors of the core become JavaScript values.
//!
//! Every failure is a [`Failure`]: a `kind` programs can switch on, the core's `message`
//! for people, and where known the `path` of the first difference (e.g.
//! `strata[0].selected[3].target`) or the `input` that could not be read. Verification
//! functions return it inside their result object (`{ ok: false, error }`); computation
//! functions throw it as a JS `Error` carrying the same properties.

use serde::Serialize;
use shuangsuiji::{
    draw::BeaconError, publish::CalendarError, registers::Problem, DrawError, NoticeError,
    ValidationErrors, VerifyError,
};
use wasm_bindgen::JsValue;

/// Why something did not verify or could not be computed.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// What kind of failure (see `ErrorKind` in the `.d.ts`).
    pub kind: &'static str,
    /// The core's explanation, for people.
    pub message: String,
    /// JSON path of the first difference, or the field concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Which input could not be read: `record`, `targets`, `inspectors`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<&'static str>,
    /// Every problem of a register that does not validate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<Vec<Problem>>,
}

impl Failure {
    fn new(kind: &'static str, message: String) -> Self {
        Failure {
            kind,
            message,
            path: None,
            input: None,
            problems: None,
        }
    }

    /// An input that is missing, not JSON, or not the expected document.
    pub fn input(input: &'static str, message: impl std::fmt::Display) -> Self {
        Failure {
            input: Some(input),
            ..Failure::new("input", format!("{input}: {message}"))
        }
    }

    /// The JS `Error` thrown by computation functions.
    pub fn into_js_error(self) -> JsValue {
        let e = js_sys::Error::new(&self.message);
        let set = |k: &str, v: JsValue| {
            // Setting a property on a fresh Error object cannot fail.
            let _ = js_sys::Reflect::set(&e, &JsValue::from_str(k), &v);
        };
        set("kind", JsValue::from_str(self.kind));
        if let Some(p) = &self.path {
            set("path", JsValue::from_str(p));
        }
        if let Some(i) = self.input {
            set("input", JsValue::from_str(i));
        }
        if let Some(p) = &self.problems {
            if let Ok(v) = crate::types::to_js(p) {
                set("problems", v);
            }
        }
        e.into()
    }
}

impl From<VerifyError> for Failure {
    fn from(e: VerifyError) -> Self {
        let message = e.to_string();
        match e {
            VerifyError::Signature { signer, .. } => Failure {
                path: Some(signer),
                ..Failure::new("signature", message)
            },
            VerifyError::Rerun(d) => Failure {
                message,
                ..Failure::from(d)
            },
            VerifyError::Mismatch { path, .. } => Failure {
                path: Some(path),
                ..Failure::new("mismatch", message)
            },
            VerifyError::Malformed(_) => Failure::new("malformed", message),
            _ => Failure::new("other", message),
        }
    }
}

impl From<DrawError> for Failure {
    fn from(e: DrawError) -> Self {
        let message = e.to_string();
        let (kind, path) = match e {
            DrawError::Plan(_) => ("plan", None),
            DrawError::Root { what, .. } => ("root", Some(what.to_string())),
            DrawError::Reveal { participant, .. } => ("reveal", Some(participant)),
            DrawError::Beacon(_) => ("beacon", None),
            DrawError::MustInclude { target, .. } => ("must_include", Some(target)),
            DrawError::TeamShortfall { target, .. } => ("team_shortfall", Some(target)),
            DrawError::Unsorted { id, .. } => ("unsorted", Some(id)),
            DrawError::Encoding(_) => ("encoding", None),
            DrawError::Algorithm { .. } => ("algorithm", None),
            DrawError::Commitment { .. } => ("commitment", None),
            _ => ("other", None),
        };
        Failure {
            path,
            ..Failure::new(kind, message)
        }
    }
}

impl From<shuangsuiji::audit::CheckpointError> for Failure {
    fn from(e: shuangsuiji::audit::CheckpointError) -> Self {
        Failure::new("audit", e.to_string())
    }
}

impl From<BeaconError> for Failure {
    fn from(e: BeaconError) -> Self {
        let path = match &e {
            BeaconError::Malformed { field, .. } => Some(field.to_string()),
            _ => None,
        };
        Failure {
            path,
            ..Failure::new("beacon", e.to_string())
        }
    }
}

impl From<NoticeError> for Failure {
    fn from(e: NoticeError) -> Self {
        let message = e.to_string();
        let (kind, path) = match e {
            NoticeError::Format(_) => ("notice_format", None),
            NoticeError::BadKey => ("notice_key", None),
            NoticeError::BadSignature => ("notice_signature", None),
            NoticeError::CsvMismatch => ("notice_csv", None),
            NoticeError::NoCommitment(p) => ("no_commitment", Some(p)),
            NoticeError::DigestMismatch(p) => ("digest_mismatch", Some(p)),
            NoticeError::MaskMismatch { path, .. } => ("mask_mismatch", Some(path)),
            _ => ("other", None),
        };
        Failure {
            path,
            ..Failure::new(kind, message)
        }
    }
}

impl From<CalendarError> for Failure {
    fn from(e: CalendarError) -> Self {
        let kind = match e {
            CalendarError::NotCovered { .. } => "calendar_not_covered",
            _ => "calendar",
        };
        Failure::new(kind, e.to_string())
    }
}

/// A register file (CSV/XLSX) with invalid rows: every problem, the first in the message.
pub fn validation(input: &'static str, e: ValidationErrors) -> Failure {
    Failure {
        input: Some(input),
        path: e.problems.first().map(|p| p.field.clone()),
        message: format!("{input}: {e}"),
        problems: Some(e.problems),
        ..Failure::new("validation", String::new())
    }
}
