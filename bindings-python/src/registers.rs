//! The item list (一单) and the registers (两库): from lists of dicts, from CSV/XLSX files
//! read and parsed in Rust, and from their published JSON.

use crate::convert::{bytes32, date_from_py, date_to_py, from_value, py_to_value, to_py};
use crate::errors::{Error, Result};
use pyo3::exceptions::{PyFileNotFoundError, PyIndexError, PyOSError, PyPermissionError};
use pyo3::prelude::*;
use serde::de::DeserializeOwned;
use shuangsuiji as core;
use shuangsuiji::{
    import, registers::Problem, registers::ProblemKind, registers::RegisterName, ValidationErrors,
};
use std::path::PathBuf;

/// Reads a whole file, without the GIL; an error names the path.
pub fn read_file(py: Python<'_>, path: &PathBuf) -> Result<Vec<u8>> {
    py.detach(|| std::fs::read(path)).map_err(|e| {
        let msg = format!("cannot read {}: {e}", path.display());
        Error::Py(match e.kind() {
            std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(msg),
            std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(msg),
            _ => PyOSError::new_err(msg),
        })
    })
}

/// Deserialises each entry of a Python list; an entry of the wrong shape becomes a
/// `Problem` (record id if readable, field from the serde path) so that every problem of
/// the list is reported at once, together with the register's own validation.
fn entries_of<T: DeserializeOwned>(
    list: &Bound<'_, PyAny>,
    register: RegisterName,
) -> Result<(Vec<T>, Vec<Problem>)> {
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for (i, entry) in list.try_iter()?.enumerate() {
        let value = py_to_value(&entry?)?;
        let record = value.get("id").and_then(|v| v.as_str()).map(str::to_owned);
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(t) => ok.push(t),
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner().to_string();
                let missing = inner
                    .strip_prefix("missing field `")
                    .and_then(|s| s.split('`').next())
                    .map(str::to_owned);
                let field = match (&missing, path.as_str()) {
                    (Some(f), ".") => f.clone(),
                    (Some(f), p) => format!("{p}.{f}"),
                    (None, p) => p.to_string(),
                };
                problems.push(Problem {
                    register,
                    row: None,
                    record,
                    field,
                    column: None,
                    kind: if missing.is_some() {
                        ProblemKind::Missing
                    } else {
                        ProblemKind::UnknownValue
                    },
                    message: format!("entry {i}: {inner}"),
                });
            }
        }
    }
    Ok((ok, problems))
}

/// Merges shape problems with the register's validation result.
fn finish<R>(shape: Vec<Problem>, built: std::result::Result<R, ValidationErrors>) -> Result<R> {
    match built {
        Ok(r) if shape.is_empty() => Ok(r),
        Ok(_) => Err(ValidationErrors { problems: shape }.into()),
        Err(mut e) => {
            let mut problems = shape;
            problems.append(&mut e.problems);
            Err(ValidationErrors { problems }.into())
        }
    }
}

fn leaf(bytes: Option<Vec<u8>>, index: usize) -> PyResult<Vec<u8>> {
    bytes.ok_or_else(|| PyIndexError::new_err(format!("no entry {index}")))
}

/// The constructors every dated register shares: from a list of dicts in the core's JSON
/// form (`new`), from a CSV/XLSX file of its template (`read`) or that file's bytes
/// (`from_bytes`), each as of a register date; and that date (`as_of`).
macro_rules! dated_register {
    ($class:ident, $register:ident, $entries:ident) => {
        #[pymethods]
        impl $class {
            /// Validates the entries (a list of dicts in the core's JSON form) as of `as_of`
            /// (`datetime.date` or "YYYY-MM-DD"). Raises ValidationError listing every problem.
            #[new]
            fn new($entries: &Bound<'_, PyAny>, as_of: &Bound<'_, PyAny>) -> Result<Self> {
                let as_of = date_from_py(as_of, "as_of")?;
                let (ok, shape) = entries_of($entries, RegisterName::$register)?;
                finish(shape, core::$class::new(as_of, ok)).map($class)
            }

            /// The register date.
            #[getter]
            fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                date_to_py(py, self.0.as_of())
            }
        }
    };
    ($class:ident, $register:ident, $import:path, $entries:ident) => {
        dated_register!($class, $register, $entries);

        #[pymethods]
        impl $class {
            /// Reads a CSV (UTF-8 or GB18030) or XLSX file of the 附件2 template in Rust (no
            /// Python object per row). Raises ValidationError listing every bad row.
            #[staticmethod]
            fn read(py: Python<'_>, path: PathBuf, as_of: &Bound<'_, PyAny>) -> Result<Self> {
                let as_of = date_from_py(as_of, "as_of")?;
                let bytes = read_file(py, &path)?;
                Ok($class(py.detach(|| $import(&bytes, as_of))?))
            }

            /// Like `read`, from the file's bytes.
            #[staticmethod]
            fn from_bytes(py: Python<'_>, data: &[u8], as_of: &Bound<'_, PyAny>) -> Result<Self> {
                let as_of = date_from_py(as_of, "as_of")?;
                Ok($class(py.detach(|| $import(data, as_of))?))
            }
        }
    };
}

/// 随机抽查事项清单: a validated, versioned item list.
#[pyclass(module = "shuangsuiji", name = "ItemList", frozen)]
pub struct ItemList(pub core::ItemList);

json_in!(ItemList, "item list");
json_out!(ItemList);

#[pymethods]
impl ItemList {
    /// Validates `items` (a list of dicts in the core's JSON form) under `version`.
    /// Raises ValidationError listing every problem.
    #[new]
    fn new(items: &Bound<'_, PyAny>, version: &str) -> Result<Self> {
        let (ok, shape) = entries_of(items, RegisterName::ItemList)?;
        finish(shape, core::ItemList::new(version, ok)).map(ItemList)
    }

    /// Reads a CSV (UTF-8 or GB18030) or XLSX file of the 附件1 template; the file is read
    /// and parsed in Rust. Raises ValidationError listing every bad row.
    #[staticmethod]
    fn read(py: Python<'_>, path: PathBuf, version: &str) -> Result<Self> {
        let bytes = read_file(py, &path)?;
        Ok(ItemList(py.detach(|| import::items(&bytes, version))?))
    }

    /// Like `read`, from the file's bytes.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8], version: &str) -> Result<Self> {
        Ok(ItemList(py.detach(|| import::items(data, version))?))
    }

    /// The list's version label.
    #[getter]
    fn version(&self) -> &str {
        self.0.version()
    }

    /// The content hash (hex) under a suite ("ed25519-sha256" or "sm2-sm3"), as an
    /// `sm2-sm3` commitment names it.
    fn hash_in(&self, suite: &str) -> Result<String> {
        Ok(self.0.hash_in(crate::convert::suite(Some(suite))?).to_hex())
    }

    /// Content hash (hex), as committed to.
    #[getter]
    fn hash(&self) -> String {
        self.0.hash().to_hex()
    }

    fn __len__(&self) -> usize {
        self.0.items().len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<ItemList {:?}: {} items, hash {}>",
            self.0.version(),
            self.0.items().len(),
            self.0.hash()
        )
    }

    /// The 附件1 CSV rendering.
    fn to_csv(&self) -> String {
        import::items_to_csv(&self.0)
    }
}

/// 检查对象名录库: a validated target register, as of a date.
#[pyclass(module = "shuangsuiji", name = "TargetRegister", frozen)]
pub struct TargetRegister(pub core::TargetRegister);

json_in!(TargetRegister, "target register");
dated_register!(TargetRegister, Targets, targets);

#[pymethods]
impl TargetRegister {
    /// Reads a CSV (UTF-8 or GB18030) or XLSX file of the 附件2 template in Rust (no Python
    /// object per row). `progress(step, count)`, if given, hears `("rows", n)` every 65,536
    /// rows and at the end, then `("checking", n)`. Raises ValidationError listing every bad
    /// row.
    #[staticmethod]
    #[pyo3(signature = (path, as_of, *, progress = None))]
    fn read(
        py: Python<'_>,
        path: PathBuf,
        as_of: &Bound<'_, PyAny>,
        progress: Option<Py<PyAny>>,
    ) -> Result<Self> {
        let as_of = date_from_py(as_of, "as_of")?;
        let bytes = read_file(py, &path)?;
        import_targets(py, &bytes, as_of, progress).map(TargetRegister)
    }

    /// Like `read`, from the file's bytes.
    #[staticmethod]
    #[pyo3(signature = (data, as_of, *, progress = None))]
    fn from_bytes(
        py: Python<'_>,
        data: &[u8],
        as_of: &Bound<'_, PyAny>,
        progress: Option<Py<PyAny>>,
    ) -> Result<Self> {
        let as_of = date_from_py(as_of, "as_of")?;
        import_targets(py, data, as_of, progress).map(TargetRegister)
    }
}

/// A target import without the GIL, calling a Python `progress` with it held; the first
/// exception `progress` raises stops further calls and is raised once the import returns.
fn import_targets(
    py: Python<'_>,
    data: &[u8],
    as_of: time::Date,
    progress: Option<Py<PyAny>>,
) -> Result<core::TargetRegister> {
    let mut raised: Option<PyErr> = None;
    let read = py.detach(|| {
        import::targets_with_progress(data, as_of, &mut |p| {
            let (Some(f), None) = (&progress, &raised) else {
                return;
            };
            let (step, n) = match p {
                import::ImportProgress::Rows(n) => ("rows", n),
                import::ImportProgress::Checking(n) => ("checking", n),
                _ => return,
            };
            Python::attach(|py| {
                if let Err(e) = f.call1(py, (step, n)) {
                    raised = Some(e);
                }
            });
        })
    });
    if let Some(e) = raised {
        return Err(Error::Py(e));
    }
    Ok(read?.0)
}
json_out!(TargetRegister);

#[pymethods]
impl TargetRegister {
    /// The Merkle root (hex) under a suite ("ed25519-sha256" or "sm2-sm3"), as an
    /// `sm2-sm3` commitment names it.
    fn root_in(&self, suite: &str) -> Result<String> {
        Ok(self.0.root_in(crate::convert::suite(Some(suite))?).to_hex())
    }

    /// Merkle root (hex), as committed to.
    #[getter]
    fn root(&self) -> String {
        self.0.root().to_hex()
    }

    /// The Merkle leaf bytes of entry `index` (id order).
    fn leaf_bytes(&self, index: usize) -> PyResult<Vec<u8>> {
        leaf(self.0.targets().get(index).map(|t| t.leaf_bytes()), index)
    }

    /// The entry with this id, as a dict, or None.
    fn get<'py>(&self, py: Python<'py>, id: &str) -> Result<Option<Bound<'py, PyAny>>> {
        self.0.get(id).map(|t| to_py(py, t)).transpose()
    }

    fn __len__(&self) -> usize {
        self.0.targets().len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<TargetRegister as of {}: {} targets, root {}>",
            self.0.as_of(),
            self.0.targets().len(),
            self.0.root()
        )
    }

    /// The 附件2 CSV rendering.
    fn to_csv(&self) -> String {
        import::targets_to_csv(&self.0)
    }
}

/// 执法检查人员名录库 with personal data: kept by the register keeper, never published.
#[pyclass(module = "shuangsuiji", name = "InspectorRegister", frozen)]
pub struct InspectorRegister(pub core::InspectorRegister);

json_in!(InspectorRegister, "inspector register");
dated_register!(
    InspectorRegister,
    Inspectors,
    import::inspectors,
    inspectors
);
json_out!(InspectorRegister);

#[pymethods]
impl InspectorRegister {
    /// The public view under the keeper's 32-byte salt key: no personal data, same root.
    fn public_view(&self, key: &[u8]) -> Result<PublicInspectorRegister> {
        Ok(PublicInspectorRegister(
            self.0.public_view(&bytes32(key, "key")?),
        ))
    }

    /// The register root (hex) under the keeper's key; equal to the public view's root.
    fn root(&self, key: &[u8]) -> Result<String> {
        Ok(self.0.root(&bytes32(key, "key")?).to_hex())
    }

    fn __len__(&self) -> usize {
        self.0.inspectors().len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<InspectorRegister as of {}: {} inspectors>",
            self.0.as_of(),
            self.0.inspectors().len()
        )
    }

    /// The CSV rendering of the template.
    fn to_csv(&self) -> String {
        import::inspectors_to_csv(&self.0)
    }
}

/// The public view of the inspector register: what a draw reads and a verifier sees.
#[pyclass(module = "shuangsuiji", name = "PublicInspectorRegister", frozen)]
pub struct PublicInspectorRegister(pub core::PublicInspectorRegister);

json_in!(PublicInspectorRegister, "public inspector register");
json_out!(PublicInspectorRegister);

#[pymethods]
impl PublicInspectorRegister {
    /// Builds a view from published entries (list of dicts) as of `as_of`.
    #[new]
    fn new(inspectors: &Bound<'_, PyAny>, as_of: &Bound<'_, PyAny>) -> Result<Self> {
        let as_of = date_from_py(as_of, "as_of")?;
        let (ok, shape) = entries_of(inspectors, RegisterName::Inspectors)?;
        finish(shape, core::PublicInspectorRegister::new(as_of, ok)).map(PublicInspectorRegister)
    }

    /// The Merkle root (hex) under a suite ("ed25519-sha256" or "sm2-sm3"), as an
    /// `sm2-sm3` commitment names it.
    fn root_in(&self, suite: &str) -> Result<String> {
        Ok(self.0.root_in(crate::convert::suite(Some(suite))?).to_hex())
    }

    /// Merkle root (hex), as committed to.
    #[getter]
    fn root(&self) -> String {
        self.0.root().to_hex()
    }

    /// The view a draw/v3 publishes: the same entries without their declared conflicts
    /// (sealed per target instead, docs/spec/privacy.md §13).
    fn without_conflicts(&self) -> PublicInspectorRegister {
        PublicInspectorRegister(self.0.without_conflicts())
    }

    /// The register date.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        date_to_py(py, self.0.as_of())
    }

    /// The Merkle leaf bytes of entry `index` (id order).
    fn leaf_bytes(&self, index: usize) -> PyResult<Vec<u8>> {
        leaf(
            self.0.inspectors().get(index).map(|i| i.leaf_bytes()),
            index,
        )
    }

    fn __len__(&self) -> usize {
        self.0.inspectors().len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<PublicInspectorRegister as of {}: {} inspectors, root {}>",
            self.0.as_of(),
            self.0.inspectors().len(),
            self.0.root()
        )
    }
}

/// `personal_salt(key, inspector_id)` (hex): the salt of an inspector's personal digest.
#[pyfunction]
pub fn personal_salt(key: &[u8], inspector_id: &str) -> Result<String> {
    Ok(core::registers::personal_salt(&bytes32(key, "key")?, inspector_id).to_hex())
}

/// `personal_digest(salt, personal)` (hex): the digest published instead of personal data.
#[pyfunction]
pub fn personal_digest(salt: &str, personal: &Bound<'_, PyAny>) -> Result<String> {
    let salt = crate::convert::digest(salt, "salt")?;
    let p: core::registers::PersonalInfo = from_value(py_to_value(personal)?, "personal info")?;
    Ok(core::registers::personal_digest(&salt, &p).to_hex())
}

/// The kind of 一单两库 file: "items", "targets" or "inspectors".
fn template_kind(what: &str) -> Result<import::TemplateKind> {
    match what {
        "items" => Ok(import::TemplateKind::Items),
        "targets" => Ok(import::TemplateKind::Targets),
        "inspectors" => Ok(import::TemplateKind::Inspectors),
        _ => Err(crate::errors::format_error(format!(
            "what: {what:?} is not items, targets or inspectors"
        ))),
    }
}

/// A blank CSV template ("items", "targets" or "inspectors"): the seed's columns first,
/// the optional ones after, and an example row; the importer reads it as written.
#[pyfunction]
pub fn template_csv(what: &str) -> Result<String> {
    Ok(import::template_csv(template_kind(what)?))
}

/// What importing a file's bytes derives or finds unstated (ids derived, attributes not
/// stated, membership as qualification), Chinese first; `as_of` for registers, `version`
/// for an item list. Raises ValidationError as `read` does.
#[pyfunction]
#[pyo3(signature = (what, data, as_of = None, version = "1"))]
pub fn import_notes(
    py: Python<'_>,
    what: &str,
    data: &[u8],
    as_of: Option<&Bound<'_, PyAny>>,
    version: &str,
) -> Result<Vec<String>> {
    let kind = template_kind(what)?;
    let as_of = as_of.map(|d| date_from_py(d, "as_of")).transpose()?;
    let need_date =
        || as_of.ok_or_else(|| crate::errors::format_error("as_of: a register needs its date"));
    Ok(match kind {
        import::TemplateKind::Items => py.detach(|| import::items_with_notes(data, version))?.1,
        import::TemplateKind::Targets => {
            let d = need_date()?;
            py.detach(|| import::targets_with_notes(data, d))?.1
        }
        import::TemplateKind::Inspectors => {
            let d = need_date()?;
            py.detach(|| import::inspectors_with_notes(data, d))?.1
        }
    })
}
