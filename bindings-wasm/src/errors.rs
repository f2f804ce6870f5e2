//! The one place where errors of the core become JavaScript values.
//!
//! Every failure is a [`Failure`]: the core's stable `kind` (and `causeKind` for an error
//! that wraps another), the error's `type` (the same name as the Python exception class),
//! the core's `message` (English) and `messageZh` (Chinese), and where known the `path` of
//! the first difference (e.g. `strata[0].selected[3].target`) or the `input` that could
//! not be read. Kinds come from [`Explain`], so Python's `.kind` and JavaScript's `kind`
//! are the same for every error. Verification functions return the failure inside their
//! result object (`{ ok: false, error }`); computation functions throw it as a JS `Error`
//! carrying the same properties.

use serde::Serialize;
use shuangsuiji::audit::CheckpointError;
use shuangsuiji::draw::BeaconError;
use shuangsuiji::publish::CalendarError;
use shuangsuiji::registers::Problem;
use shuangsuiji::trust::TrustError;
use shuangsuiji::{DrawError, Explain, NoticeError, ValidationErrors, VerifyError};
use wasm_bindgen::{JsCast, JsValue};

/// Why something did not verify or could not be computed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// The core's stable kind (`Explain::kind`), or `input` for an unreadable input.
    pub kind: &'static str,
    /// The kind of the wrapped error (`Explain::cause_kind`), e.g. `root` under `rerun`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause_kind: Option<&'static str>,
    /// Which error: the Python exception class of the same error (`VerifyError`, …).
    #[serde(rename = "type")]
    pub error_type: &'static str,
    /// The core's explanation, in English.
    pub message: String,
    /// The same, in Chinese.
    pub message_zh: String,
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
    /// A core error, in the core's own words.
    fn explained<E: Explain>(error_type: &'static str, e: &E) -> Self {
        Failure {
            kind: e.kind(),
            cause_kind: e.cause_kind(),
            error_type,
            message: e.to_string(),
            message_zh: e.message_zh(),
            path: None,
            input: None,
            problems: None,
        }
    }

    fn at(self, path: Option<String>) -> Self {
        Failure { path, ..self }
    }

    /// An input that is missing, not JSON, or not the expected document.
    pub fn input(input: &'static str, message: impl std::fmt::Display) -> Self {
        Failure {
            kind: "input",
            cause_kind: None,
            error_type: "FormatError",
            message: format!("{input}: {message}"),
            message_zh: format!("无法读取输入 {input}：{message}"),
            path: None,
            input: Some(input),
            problems: None,
        }
    }

    /// The JS `Error` thrown by computation functions: the failure's properties on an
    /// `Error` whose message is the English one.
    pub fn into_js_error(self) -> JsValue {
        let e = js_sys::Error::new(&self.message);
        if let Ok(props) = crate::types::to_js(&self) {
            // Copying own properties onto a fresh Error object cannot fail.
            let _ = js_sys::Object::assign(&e, props.unchecked_ref());
        }
        e.into()
    }
}

impl From<VerifyError> for Failure {
    fn from(e: VerifyError) -> Self {
        let path = match &e {
            VerifyError::Signature { signer, .. } => Some(signer.clone()),
            VerifyError::Rerun(d) => draw_path(d),
            VerifyError::Mismatch { path, .. } => Some(path.clone()),
            _ => None,
        };
        Failure::explained("VerifyError", &e).at(path)
    }
}

fn draw_path(e: &DrawError) -> Option<String> {
    match e {
        DrawError::Root { what, .. } => Some(what.to_string()),
        DrawError::Reveal { participant, .. } => Some(participant.clone()),
        DrawError::Beacon(b) => beacon_path(b),
        DrawError::MustInclude { target, .. } => Some(target.clone()),
        DrawError::TeamShortfall { target, .. } => Some(target.clone()),
        DrawError::Unsorted { id, .. } => Some(id.clone()),
        _ => None,
    }
}

fn beacon_path(e: &BeaconError) -> Option<String> {
    match e {
        BeaconError::Malformed { field, .. } => Some(field.to_string()),
        _ => None,
    }
}

impl From<DrawError> for Failure {
    fn from(e: DrawError) -> Self {
        let path = draw_path(&e);
        let error_type = match &e {
            DrawError::Plan(_) => "PlanError",
            DrawError::Beacon(_) => "BeaconError",
            _ => "DrawError",
        };
        Failure::explained(error_type, &e).at(path)
    }
}

impl From<shuangsuiji::privacy::PrivacyError> for Failure {
    fn from(e: shuangsuiji::privacy::PrivacyError) -> Self {
        use shuangsuiji::privacy::PrivacyError as P;
        if let P::Draw(d) = e {
            return Failure::from(d);
        }
        let path = match &e {
            P::Leaf { target, .. }
            | P::NotOneClass { target, .. }
            | P::MissingOpening { target, .. }
            | P::ExtraOpening { target, .. }
            | P::BadOpening { target, .. }
            | P::TwoStrata { target, .. } => Some(target.clone()),
            P::Population { stratum, .. }
            | P::Outcome { stratum, .. }
            | P::ZeroCheck { stratum } => Some(stratum.clone()),
            _ => None,
        };
        Failure::explained("PrivacyError", &e).at(path)
    }
}

impl From<CheckpointError> for Failure {
    fn from(e: CheckpointError) -> Self {
        Failure::explained("AuditError", &e)
    }
}

impl From<BeaconError> for Failure {
    fn from(e: BeaconError) -> Self {
        let path = beacon_path(&e);
        Failure::explained("BeaconError", &e).at(path)
    }
}

impl From<NoticeError> for Failure {
    fn from(e: NoticeError) -> Self {
        let path = match &e {
            NoticeError::NoCommitment(p) | NoticeError::DigestMismatch(p) => Some(p.clone()),
            NoticeError::MaskMismatch { path, .. } => Some(path.clone()),
            _ => None,
        };
        Failure::explained("NoticeError", &e).at(path)
    }
}

impl From<CalendarError> for Failure {
    fn from(e: CalendarError) -> Self {
        Failure::explained("CalendarError", &e)
    }
}

impl From<TrustError> for Failure {
    fn from(e: TrustError) -> Self {
        Failure {
            input: Some("trust"),
            ..Failure::explained("TrustError", &e)
        }
    }
}

/// A register file (CSV/XLSX) or id list with invalid rows: every problem, the first in
/// the message.
pub fn validation(input: &'static str, e: ValidationErrors) -> Failure {
    let f = Failure::explained("ValidationError", &e);
    Failure {
        input: Some(input),
        path: e.problems.first().map(|p| p.field.clone()),
        message: format!("{input}: {}", f.message),
        problems: Some(e.problems),
        ..f
    }
}
