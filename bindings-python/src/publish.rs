//! Publication (一公开): results under a redaction policy to a signed notice, disclosures,
//! masks; and the working-day deadline.

use crate::convert::{bytes32, date_from_py, date_to_py, digest, from_py, py_to_value, to_py};
use crate::draw::{DrawRecord, SealedRecord};
use crate::errors::{format_error, Result};
use pyo3::prelude::*;
use pyo3::types::PyString;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use shuangsuiji as core;

/// A notice and its signature, as published.
#[pyclass(module = "shuangsuiji", name = "SignedNotice", frozen)]
pub struct SignedNotice(pub core::SignedNotice);

json_in!(SignedNotice, "signed notice");
json_out!(SignedNotice);

#[pymethods]
impl SignedNotice {
    /// Verifies the signature with the key inside the notice; returns the notice hash (hex).
    /// Raises NoticeError.
    fn verify(&self) -> Result<String> {
        Ok(self.0.verify()?.to_hex())
    }

    /// Verifies the notice, then that `csv` is its rendering. Raises NoticeError.
    fn verify_csv(&self, csv: &str) -> Result<()> {
        Ok(self.0.verify_csv(csv)?)
    }

    /// Verifies the notice, then that the disclosure (dict `{"path", "salt", "value"}`)
    /// opens the commitment at its path. Raises NoticeError.
    fn verify_disclosure(&self, disclosure: &Bound<'_, PyAny>) -> Result<()> {
        let d: core::publish::Disclosure = from_py(disclosure, "disclosure")?;
        Ok(self.0.verify_disclosure(&d)?)
    }

    /// Verifies the notice once, then every disclosure. Raises NoticeError at the first failure.
    fn verify_disclosures(&self, disclosures: &Bound<'_, PyAny>) -> Result<()> {
        let ds: Vec<core::publish::Disclosure> = from_py(disclosures, "disclosures")?;
        Ok(self.0.verify_disclosures(&ds)?)
    }

    /// The notice hash (hex): `tagged_hash("shuangsuiji/v1/notice", canonical bytes)`.
    #[getter]
    fn hash(&self) -> String {
        self.0.notice.hash().to_hex()
    }

    /// The signature (hex).
    #[getter]
    fn signature(&self) -> String {
        hex::encode(self.0.signature.0)
    }

    /// The canonical (RFC 8785) bytes of the signed notice body.
    fn canonical_bytes(&self) -> Vec<u8> {
        self.0.notice.canonical_bytes()
    }

    /// The table for people: one row per result.
    fn to_csv(&self) -> String {
        self.0.notice.to_csv()
    }

    /// The credit feed (信用信息归集) of the notice, as a dict: one entry per published
    /// result, linked to this notice and its draw record. Verifies the notice first;
    /// raises NoticeError.
    fn credit_feed<'py>(&self, py: Python<'py>) -> Result<Bound<'py, PyAny>> {
        to_py(py, &core::publish::CreditFeed::from_notice(&self.0)?)
    }

    /// The credit feed as CSV for the credit platform's import. Raises NoticeError.
    fn credit_feed_csv(&self) -> Result<String> {
        Ok(core::publish::CreditFeed::from_notice(&self.0)?.to_csv())
    }

    fn __repr__(&self) -> String {
        format!(
            "<SignedNotice {} ({} results)>",
            self.0.notice.header.notice_id,
            self.0.notice.results.len()
        )
    }
}

/// The outcome of `publish`: the notice (public) and the disclosures (the publisher's archive).
#[pyclass(module = "shuangsuiji", name = "Publication", frozen)]
pub struct Publication(pub core::publish::Publication);

json_out!(Publication);

#[pymethods]
impl Publication {
    /// The signed notice, for the public.
    #[getter]
    fn notice(&self) -> SignedNotice {
        SignedNotice(self.0.notice.clone())
    }

    /// Every commitment's opening `{"path", "salt", "value"}`, for the publisher only.
    #[getter]
    fn disclosures<'py>(&self, py: Python<'py>) -> Result<Bound<'py, PyAny>> {
        to_py(py, &self.0.disclosures)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Publication {}: {} disclosures>",
            self.0.notice.notice.header.notice_id,
            self.0.disclosures.len()
        )
    }
}

/// The environment switch without which `insecure_test_seed` is refused.
const TEST_SALTS_ENV: &str = "SHUANGSUIJI_INSECURE_TEST_SALTS";

/// The salt RNG: the OS generator. A withheld field's salt is all that keeps it from being
/// guessed from its commitment, so a fixed seed is accepted only as 32 bytes and only when
/// the test switch is set in the environment: a notice with guessable salts must not
/// reach the public by mistake.
fn rng(seed: Option<&[u8]>) -> Result<ChaCha20Rng> {
    match seed {
        None => ChaCha20Rng::try_from_os_rng()
            .map_err(|e| format_error(format!("the OS random generator failed: {e}"))),
        Some(_) if std::env::var_os(TEST_SALTS_ENV).is_none_or(|v| v != "1") => Err(format_error(format!(
            "insecure_test_seed: 测试专用，正式公示的盐值只取自操作系统随机源 salts from a seed are for tests only (set {TEST_SALTS_ENV}=1 in a test)"
        ))),
        Some(b) => Ok(ChaCha20Rng::from_seed(bytes32(b, "insecure_test_seed")?)),
    }
}

/// The hash of the draw record results belong to: hex str, DrawRecord or SealedRecord.
fn record_hash(obj: &Bound<'_, PyAny>) -> Result<core::Digest32> {
    if let Ok(s) = obj.cast::<PyString>() {
        return digest(&s.to_cow()?, "draw_record");
    }
    if let Ok(r) = obj.cast::<SealedRecord>() {
        return Ok(r.borrow().0.hash);
    }
    if let Ok(r) = obj.cast::<DrawRecord>() {
        return Ok(r.get().0.hash()?);
    }
    Err(format_error(
        "draw_record: expected a hex str, DrawRecord or SealedRecord",
    ))
}

/// Publishes `results` (list of dicts) under `policy` (dict; None = the default policy),
/// signed with the publisher's 32-byte `signing_key` (an Ed25519 seed, or an SM2 scalar
/// under `suite="sm2-sm3"`).
///
/// Salts come from the OS random generator; `insecure_test_seed` (32 bytes, ChaCha20) is
/// for reproducible tests only and is refused unless SHUANGSUIJI_INSECURE_TEST_SALTS=1. When `draw_record` is the SealedRecord (verify it first), every
/// result must belong to its draw (kind `not_in_draw`). Raises PublishError (PolicyError
/// for a bad policy).
#[pyfunction]
#[pyo3(signature = (results, *, notice_id, publisher, published_on, draw_record, signing_key, policy = None, insecure_test_seed = None, suite = None))]
#[allow(clippy::too_many_arguments)]
pub fn publish(
    py: Python<'_>,
    results: &Bound<'_, PyAny>,
    notice_id: String,
    publisher: String,
    published_on: &Bound<'_, PyAny>,
    draw_record: &Bound<'_, PyAny>,
    signing_key: &[u8],
    policy: Option<&Bound<'_, PyAny>>,
    insecure_test_seed: Option<&[u8]>,
    suite: Option<&str>,
) -> Result<Publication> {
    let suite = crate::convert::suite(suite)?;
    let results: Vec<core::InspectionResult> = from_py(results, "results")?;
    let policy = match policy {
        None => core::RedactionPolicy::default_policy(),
        Some(p) => from_py(p, "policy")?,
    };
    let header = core::publish::NoticeHeader {
        notice_id,
        publisher,
        published_on: date_from_py(published_on, "published_on")?,
        draw_record: record_hash(draw_record)?,
    };
    // Given the sealed record itself, the results must be the draw's own (selected targets,
    // their drawn teams, the plan's items); the caller verifies the record first.
    if let Ok(r) = draw_record.cast::<SealedRecord>() {
        core::publish::check_publisher_suite(&r.borrow().0, suite)?;
        core::publish::check_results_in_draw(&results, &r.borrow().0)?;
    }
    if let Ok(r) = draw_record.cast::<DrawRecord>() {
        let sealed = core::SealedRecord::new(r.get().0.clone())?;
        core::publish::check_publisher_suite(&sealed, suite)?;
    }
    let key = crate::convert::secret_key(suite, signing_key)?;
    let mut rng = rng(insecure_test_seed)?;
    let p = py.detach(|| core::publish(&results, &policy, header, &key, &mut rng))?;
    Ok(Publication(p))
}

/// The default redaction policy, as a dict.
#[pyfunction]
pub fn default_policy<'py>(py: Python<'py>) -> Result<Bound<'py, PyAny>> {
    to_py(py, &core::RedactionPolicy::default_policy())
}

/// Checks a policy (dict). Raises PolicyError.
#[pyfunction]
pub fn validate_policy(policy: &Bound<'_, PyAny>) -> Result<()> {
    let p: core::RedactionPolicy = from_py(policy, "policy")?;
    Ok(p.validate()?)
}

/// The digest (hex) of a policy (dict), as published in a notice.
#[pyfunction]
#[pyo3(signature = (policy, *, suite = None))]
pub fn policy_digest(policy: &Bound<'_, PyAny>, suite: Option<&str>) -> Result<String> {
    let p: core::RedactionPolicy = from_py(policy, "policy")?;
    Ok(p.digest_in(crate::convert::suite(suite)?).to_hex())
}

/// The commitment (hex) a disclosure opens: of a 32-byte salt, a JSON pointer path and a
/// value, under the notice's `suite` (default `ed25519-sha256`; `sm2-sm3`: SM3). Prefer
/// `SignedNotice.verify_disclosure`, which reads the suite from the notice.
#[pyfunction]
#[pyo3(signature = (salt, path, value, *, suite = None))]
pub fn disclosure_commitment(
    salt: &[u8],
    path: &str,
    value: &Bound<'_, PyAny>,
    suite: Option<&str>,
) -> Result<String> {
    let salt = core::publish::Salt(bytes32(salt, "salt")?);
    let suite = crate::convert::suite(suite)?;
    Ok(core::publish::disclosure_commitment_in(suite, &salt, path, &py_to_value(value)?).to_hex())
}

/// 姓名 mask: keeps the first character (two for a compound surname).
#[pyfunction]
pub fn mask_name(name: &str) -> String {
    core::publish::mask_name(name)
}

/// Mobile number mask: 138****1234.
#[pyfunction]
pub fn mask_phone(phone: &str) -> String {
    core::publish::mask_phone(phone)
}

/// 身份证号 mask: 110101********123X.
#[pyfunction]
pub fn mask_id_number(id: &str) -> String {
    core::publish::mask_id_number(id)
}

/// Badge number mask.
#[pyfunction]
pub fn mask_badge(badge: &str) -> String {
    core::publish::mask_badge(badge)
}

/// Address cut to its district.
#[pyfunction]
pub fn cut_address(address: &str) -> String {
    core::publish::cut_address(address)
}

/// The last day to publish a result of `result_date` (`datetime.date` or "YYYY-MM-DD"):
/// the `n`-th working day after it on the bundled mainland-China calendar (default 20,
/// 豫政〔2019〕22号). Raises CalendarError for a date the calendar does not cover.
#[pyfunction]
#[pyo3(
    signature = (result_date, n = core::publish::PUBLICATION_WORKING_DAYS),
    text_signature = "(result_date, n=20)"
)]
pub fn publish_by<'py>(
    py: Python<'py>,
    result_date: &Bound<'py, PyAny>,
    n: u32,
) -> Result<Bound<'py, PyAny>> {
    let d = core::publish::publish_by(date_from_py(result_date, "result_date")?, n)?;
    Ok(date_to_py(py, d)?)
}

/// Whether a date is a working day (工作日) on the bundled mainland-China calendar.
/// Raises CalendarError for a date the calendar does not cover.
#[pyfunction]
pub fn is_working_day(day: &Bound<'_, PyAny>) -> Result<bool> {
    let d = date_from_py(day, "day")?;
    Ok(core::publish::WorkingCalendar::mainland_china()?.is_working_day(d)?)
}

/// The results sheet of a sealed record (CSV): one row per drawn target, with its name
/// from the public target register, the plan's items and the drawn team's ids.
#[pyfunction]
pub fn results_template_csv(
    record: PyRef<'_, SealedRecord>,
    targets: PyRef<'_, crate::registers::TargetRegister>,
) -> String {
    core::import::results_template_csv(&record.0, &targets.0)
}

/// Reads a filled results sheet (CSV/XLSX bytes) into results (dicts, as `publish` takes
/// them), checked against the record and the committed target register (names, USCCs):
/// names and badges from the inspector register, every problem with its row (ValidationError).
#[pyfunction]
pub fn import_results<'py>(
    py: Python<'py>,
    data: &[u8],
    record: PyRef<'_, SealedRecord>,
    targets: PyRef<'_, crate::registers::TargetRegister>,
    inspectors: PyRef<'_, crate::registers::InspectorRegister>,
) -> Result<Bound<'py, PyAny>> {
    let (sealed, t, reg) = (&record.0, &targets.0, &inspectors.0);
    let got = py.detach(|| core::import::results(data, sealed, t, reg))?;
    to_py(py, &got)
}
