//! Registers from a database's rows (a DB-API cursor, any iterable of tuples or mappings)
//! and from Arrow (the PyCapsule interface), results read back the same ways, and the
//! draw's outcome as rows and Arrow tables for the host system (docs/embedding.md).
//!
//! Translation only: a Python value becomes the text a template cell would hold, by the
//! XLSX importer's rules (whole floats without ".0", dates as YYYY-MM-DD, booleans as
//! `true`/`false`); reading, validating and drawing are the core's.

use crate::convert::{date_from_py, to_py};
use crate::draw::SealedRecord;
use crate::errors::{format_error, Error, Result};

/// An error's text as Python would show it (the draw's source errors carry text).
fn message(e: Error) -> String {
    PyErr::from(e).to_string()
}
use crate::registers::{InspectorRegister, ItemList, TargetRegister};
use arrow_array::{Array, ArrayRef, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple,
};
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;
use shuangsuiji as core;
use shuangsuiji::import::{self, Rows};
use std::collections::BTreeMap;
use std::sync::Arc;
use time::Date;

/// Rows read per `fetchmany` call of a DB-API cursor, unless the caller says otherwise.
const BATCH: usize = 10_000;

/// A `columns=` mapping: source column → template or English column name, or None.
fn rename_of(columns: Option<&Bound<'_, PyDict>>) -> Result<BTreeMap<String, Option<String>>> {
    let mut out = BTreeMap::new();
    if let Some(d) = columns {
        for (k, v) in d.iter() {
            let k: String = k.extract().map_err(|_| {
                format_error("columns: keys must be the source's column names (str)")
            })?;
            let v: Option<String> = v.extract().map_err(|_| {
                format_error(format!(
                    "columns[{k:?}]: expected a column name (str) or None"
                ))
            })?;
            out.insert(k, v);
        }
    }
    Ok(out)
}

/// A whole number without ".0", as an XLSX cell shows it; NaN (how pandas writes a missing
/// value) is empty.
fn float_text(f: f64, full: impl FnOnce() -> String) -> String {
    if f.is_nan() {
        String::new()
    } else {
        import::whole_number_text(f).unwrap_or_else(full)
    }
}

/// A decimal's text without the zeros a scale adds (`100.00` reads as `100`, as a whole
/// `Decimal` does).
fn decimal_text(t: &str) -> String {
    match t.split_once('.') {
        Some((whole, frac)) if frac.bytes().all(|b| b == b'0') => whole.to_string(),
        _ => t.to_string(),
    }
}

/// The text of one cell, as the same value would read from an XLSX cell.
fn cell(v: &Bound<'_, PyAny>, row: usize, column: &str) -> Result<String> {
    if v.is_none() {
        return Ok(String::new());
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if let Ok(b) = v.cast::<PyBool>() {
        return Ok(b.is_true().to_string());
    }
    if v.cast::<PyInt>().is_ok() {
        return Ok(v.str()?.to_cow()?.into_owned());
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        let f = f.value();
        return Ok(float_text(f, || f.to_string()));
    }
    if v.hasattr("year")? && v.hasattr("month")? && v.hasattr("day")? {
        // A date, or a datetime taken at its date (as a date-formatted XLSX cell is); one
        // with a time zone at its date in Beijing (UTC+8), as the Arrow path reads it.
        let zoned = v.hasattr("utcoffset")? && !v.call_method0("utcoffset")?.is_none();
        let v = if zoned {
            let dt = v.py().import("datetime")?;
            let tz = dt
                .getattr("timezone")?
                .call1((dt.getattr("timedelta")?.call1((0, 8 * 3600))?,))?;
            v.call_method1("astimezone", (tz,))?
        } else {
            v.clone()
        };
        let (y, m, d): (i32, u8, u8) = (
            v.getattr("year")?.extract()?,
            v.getattr("month")?.extract()?,
            v.getattr("day")?.extract()?,
        );
        return Ok(format!("{y:04}-{m:02}-{d:02}"));
    }
    if v.cast::<PyBytes>().is_ok() || v.cast::<PyByteArray>().is_ok() {
        let b: Vec<u8> = v.extract()?;
        return String::from_utf8(b).map_err(|_| {
            format_error(format!(
                "row {row}, column {column:?}: bytes that are not UTF-8"
            ))
        });
    }
    if v.get_type().name()?.to_cow()? == "Decimal" {
        if v.call_method0("is_nan")?.is_truthy()? {
            return Ok(String::new());
        }
        let whole = v.call_method0("__int__")?;
        return Ok(if v.eq(&whole)? {
            whole.str()?.to_cow()?.into_owned()
        } else {
            v.call_method1("__format__", ("f",))?.extract()?
        });
    }
    Err(format_error(format!(
        "row {row}, column {column:?}: a {} is not a cell value (str, int, float, Decimal, date, bytes, bool or None)",
        v.get_type().name()?
    )))
}

/// Reads a row source one row at a time: a DB-API cursor (`description` for the header,
/// `fetchmany` in batches) or any iterable of tuples/lists or mappings.
struct RowReader {
    header: Option<Vec<String>>,
    batch: usize,
    n: usize,
}

impl RowReader {
    fn new(source: &Bound<'_, PyAny>, header: Option<Vec<String>>, batch: usize) -> Result<Self> {
        let header = match header {
            Some(h) => Some(h),
            None if source.hasattr("description")? => {
                let d = source.getattr("description")?;
                if d.is_none() {
                    return Err(format_error(
                        "the cursor has no result set: execute a SELECT first",
                    ));
                }
                let names = d
                    .try_iter()?
                    .map(|c| Ok(c?.get_item(0)?.str()?.to_cow()?.into_owned()))
                    .collect::<PyResult<Vec<String>>>()?;
                Some(names)
            }
            None => None,
        };
        Ok(RowReader {
            header,
            batch: batch.max(1),
            n: 0,
        })
    }

    /// Calls `on_row(header, number, cells)` for every row, in source order.
    fn each(
        &mut self,
        source: &Bound<'_, PyAny>,
        mut on_row: impl FnMut(&[String], usize, Vec<String>) -> Result<()>,
    ) -> Result<()> {
        if source.hasattr("fetchmany")? {
            loop {
                let batch = source.call_method1("fetchmany", (self.batch,))?;
                let mut any = false;
                for r in batch.try_iter()? {
                    any = true;
                    self.one(&r?, &mut on_row)?;
                }
                if !any {
                    return Ok(());
                }
            }
        }
        for r in source.try_iter()? {
            self.one(&r?, &mut on_row)?;
        }
        Ok(())
    }

    fn one(
        &mut self,
        r: &Bound<'_, PyAny>,
        on_row: &mut impl FnMut(&[String], usize, Vec<String>) -> Result<()>,
    ) -> Result<()> {
        self.n += 1;
        let n = self.n;
        if r.cast::<PyString>().is_ok() {
            return Err(format_error(format!(
                "row {n}: a str, not a row (a tuple, list or mapping)"
            )));
        }
        let cells = match r.cast::<PyMapping>() {
            Ok(m) if r.cast::<PyTuple>().is_err() && r.cast::<PyList>().is_err() => {
                let header = match &self.header {
                    Some(h) => h.clone(),
                    None => {
                        let keys = m
                            .keys()?
                            .iter()
                            .map(|k| Ok(k.str()?.to_cow()?.into_owned()))
                            .collect::<PyResult<Vec<String>>>()?;
                        self.header = Some(keys.clone());
                        keys
                    }
                };
                if m.len()? != header.len() {
                    return Err(format_error(format!(
                        "row {n}: has {} keys, the first row {}; every row must name the same columns",
                        m.len()?,
                        header.len()
                    )));
                }
                header
                    .iter()
                    .map(|k| match m.get_item(k) {
                        Ok(v) => cell(&v, n, k),
                        Err(_) => Err(format_error(format!("row {n}: no column {k:?}"))),
                    })
                    .collect::<Result<Vec<String>>>()?
            }
            _ => {
                let Some(header) = &self.header else {
                    return Err(format_error(
                        "rows are tuples: pass header=[…] (the column names), or a cursor with a description",
                    ));
                };
                let mut cells = Vec::with_capacity(header.len());
                for (i, v) in r.try_iter()?.enumerate() {
                    let name = header.get(i).map_or("?", String::as_str);
                    cells.push(cell(&v?, n, name)?);
                }
                cells
            }
        };
        let header = self.header.as_deref().unwrap_or_default();
        on_row(header, n, cells)
    }
}

/// Every row of a source, with its header and the caller's renames.
fn rows_of(
    source: &Bound<'_, PyAny>,
    columns: Option<&Bound<'_, PyDict>>,
    header: Option<Vec<String>>,
    batch: usize,
) -> Result<Rows> {
    let mut reader = RowReader::new(source, header, batch)?;
    let mut cells = Vec::new();
    reader.each(source, |_, _, row| {
        cells.push(row);
        Ok(())
    })?;
    let header = reader
        .header
        .ok_or_else(|| format_error("the source gave no rows and no header: pass header=[…]"))?;
    Ok(Rows {
        header,
        rename: rename_of(columns)?,
        cells,
    })
}

/// An Arrow column as the text of each cell (NULL as ""), by the rules of [`cell`]: a
/// value that does not convert is an error, never an empty cell; nested values are refused.
fn arrow_texts(col: &ArrayRef, name: &str) -> Result<Vec<String>> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float32Type, Float64Type};
    use arrow_cast::{cast_with_options, CastOptions};
    let strict = CastOptions {
        safe: false,
        ..CastOptions::default()
    };
    let cast = |a: &ArrayRef, to: &DataType| {
        cast_with_options(a, to, &strict).map_err(|e| format_error(format!("column {name:?}: {e}")))
    };
    let each = |n: usize, f: &dyn Fn(usize) -> String| (0..n).map(f).collect::<Vec<_>>();
    match col.data_type() {
        DataType::Dictionary(_, values) => arrow_texts(&cast(col, values)?, name),
        DataType::List(_)
        | DataType::LargeList(_)
        | DataType::FixedSizeList(..)
        | DataType::ListView(_)
        | DataType::LargeListView(_)
        | DataType::Struct(_)
        | DataType::Map(..)
        | DataType::Union(..)
        | DataType::RunEndEncoded(..) => Err(format_error(format!(
            "column {name:?}: a {} column holds no cell values",
            col.data_type()
        ))),
        // At its date in Beijing (UTC+8) when the timestamp has a zone, as in `cell`.
        DataType::Timestamp(unit, Some(_)) => {
            let beijing = cast(col, &DataType::Timestamp(*unit, Some("+08:00".into())))?;
            arrow_texts(&cast(&beijing, &DataType::Date32)?, name)
        }
        DataType::Timestamp(_, None) | DataType::Date64 => {
            arrow_texts(&cast(col, &DataType::Date32)?, name)
        }
        DataType::Float16 | DataType::Float32 => {
            let f = cast(col, &DataType::Float32)?;
            let f = f.as_primitive::<Float32Type>();
            Ok(each(f.len(), &|i| {
                let v = f.value(i);
                if f.is_null(i) {
                    String::new()
                } else {
                    float_text(f64::from(v), || v.to_string())
                }
            }))
        }
        DataType::Float64 => {
            let f = col.as_primitive::<Float64Type>();
            Ok(each(f.len(), &|i| {
                let v = f.value(i);
                if f.is_null(i) {
                    String::new()
                } else {
                    float_text(v, || v.to_string())
                }
            }))
        }
        t => {
            let decimal = matches!(
                t,
                DataType::Decimal32(..)
                    | DataType::Decimal64(..)
                    | DataType::Decimal128(..)
                    | DataType::Decimal256(..)
            );
            let text = cast(col, &DataType::Utf8)?;
            let text = text.as_string::<i32>();
            Ok(each(text.len(), &|i| {
                if text.is_null(i) {
                    String::new()
                } else if decimal {
                    decimal_text(text.value(i))
                } else {
                    text.value(i).to_string()
                }
            }))
        }
    }
}

/// Every row of an Arrow stream or array, column by column (no Python object per row).
fn arrow_rows(data: AnyRecordBatch, rename: BTreeMap<String, Option<String>>) -> Result<Rows> {
    let reader = data.into_reader()?;
    let header: Vec<String> = reader
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let mut cells: Vec<Vec<String>> = Vec::new();
    for batch in reader {
        let batch = batch.map_err(|e| format_error(format!("Arrow: {e}")))?;
        let columns = batch
            .columns()
            .iter()
            .zip(&header)
            .map(|(c, name)| arrow_texts(c, name))
            .collect::<Result<Vec<_>>>()?;
        let start = cells.len();
        cells.resize_with(start + batch.num_rows(), || {
            Vec::with_capacity(header.len())
        });
        for col in columns {
            for (row, v) in cells.iter_mut().skip(start).zip(col) {
                row.push(v);
            }
        }
    }
    Ok(Rows {
        header,
        rename,
        cells,
    })
}

#[pymethods]
impl ItemList {
    /// Reads the item list from rows: a DB-API cursor after `execute` (read in `fetchmany`
    /// batches), or any iterable of tuples (with `header`) or mappings. Columns named as
    /// the 附件1 template or the English field names need no `columns` entry; others are
    /// mapped (`{"source": "抽查事项"}`) or dropped (`{"source": None}`). Raises
    /// ValidationError listing every problem with its row and source column.
    #[staticmethod]
    #[pyo3(signature = (rows, version, *, columns = None, header = None, batch_size = 10000))]
    fn from_rows(
        py: Python<'_>,
        rows: &Bound<'_, PyAny>,
        version: &str,
        columns: Option<&Bound<'_, PyDict>>,
        header: Option<Vec<String>>,
        batch_size: usize,
    ) -> Result<Self> {
        let rows = rows_of(rows, columns, header, batch_size)?;
        let (l, _) = py.detach(|| import::items_from_rows(&rows, version))?;
        Ok(ItemList(l))
    }

    /// Reads the item list from an Arrow table or stream (pyarrow, polars, pandas …,
    /// anything with `__arrow_c_stream__` or `__arrow_c_array__`).
    #[staticmethod]
    #[pyo3(signature = (data, version, *, columns = None))]
    fn from_arrow(
        py: Python<'_>,
        data: AnyRecordBatch,
        version: &str,
        columns: Option<&Bound<'_, PyDict>>,
    ) -> Result<Self> {
        let rename = rename_of(columns)?;
        let (l, _) = py.detach(|| -> Result<_> {
            Ok(import::items_from_rows(
                &arrow_rows(data, rename)?,
                version,
            )?)
        })?;
        Ok(ItemList(l))
    }
}

macro_rules! dated_from_rows {
    ($class:ident, $import:path) => {
        #[pymethods]
        impl $class {
            /// Reads the register from rows as of `as_of`: a DB-API cursor after `execute`
            /// (read in `fetchmany` batches), or any iterable of tuples (with `header`) or
            /// mappings. Columns named as the template (附件2) or the English field names
            /// need no `columns` entry; others are mapped (`{"fx": "风险等级"}`) or dropped
            /// (`{"created_at": None}`). Raises ValidationError listing every problem with
            /// its row (from 1) and source column.
            #[staticmethod]
            #[pyo3(signature = (rows, as_of, *, columns = None, header = None, batch_size = 10000))]
            fn from_rows(
                py: Python<'_>,
                rows: &Bound<'_, PyAny>,
                as_of: &Bound<'_, PyAny>,
                columns: Option<&Bound<'_, PyDict>>,
                header: Option<Vec<String>>,
                batch_size: usize,
            ) -> Result<Self> {
                let as_of = date_from_py(as_of, "as_of")?;
                let rows = rows_of(rows, columns, header, batch_size)?;
                let (r, _) = py.detach(|| $import(&rows, as_of))?;
                Ok($class(r))
            }

            /// Reads the register from an Arrow table or stream (pyarrow, polars, pandas …,
            /// anything with `__arrow_c_stream__` or `__arrow_c_array__`), as of `as_of`.
            #[staticmethod]
            #[pyo3(signature = (data, as_of, *, columns = None))]
            fn from_arrow(
                py: Python<'_>,
                data: AnyRecordBatch,
                as_of: &Bound<'_, PyAny>,
                columns: Option<&Bound<'_, PyDict>>,
            ) -> Result<Self> {
                let as_of = date_from_py(as_of, "as_of")?;
                let rename = rename_of(columns)?;
                let (r, _) =
                    py.detach(|| -> Result<_> { Ok($import(&arrow_rows(data, rename)?, as_of)?) })?;
                Ok($class(r))
            }
        }
    };
}

dated_from_rows!(TargetRegister, import::targets_from_rows);
dated_from_rows!(InspectorRegister, import::inspectors_from_rows);

/// A target register read from a query each time the draw scans it (twice: root and
/// census, then selection), one row at a time: for registers larger than memory. `query`
/// is called with no arguments and returns a DB-API cursor after `execute` or any
/// iterable of rows, **ordered by id in byte order** (PostgreSQL `ORDER BY id COLLATE
/// "C"`, SQLite's default); a source out of order, or with a duplicate id, stops the draw.
/// A source with `close()` (a cursor) is closed at the end of each pass. Both passes must
/// read one snapshot (a REPEATABLE READ transaction): the second is hashed again, and a
/// register that changed in between stops the draw.
#[pyclass(module = "shuangsuiji", name = "TargetQuery", frozen)]
pub struct TargetQuery {
    query: Py<PyAny>,
    as_of: Date,
    rename: BTreeMap<String, Option<String>>,
    header: Option<Vec<String>>,
    batch: usize,
    /// The Python exception that stopped the last pass, re-raised by `draw` as itself
    /// (a database error, a KeyboardInterrupt), not as text.
    raised: std::sync::Mutex<Option<PyErr>>,
}

#[pymethods]
impl TargetQuery {
    #[new]
    #[pyo3(signature = (query, as_of, *, columns = None, header = None, batch_size = 10000))]
    fn new(
        query: Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        columns: Option<&Bound<'_, PyDict>>,
        header: Option<Vec<String>>,
        batch_size: usize,
    ) -> Result<Self> {
        if !query.is_callable() {
            return Err(format_error(
                "query: expected a function that runs the SELECT and returns its cursor or rows",
            ));
        }
        Ok(TargetQuery {
            query: query.unbind(),
            as_of: date_from_py(as_of, "as_of")?,
            rename: rename_of(columns)?,
            header,
            batch: batch_size,
            raised: std::sync::Mutex::new(None),
        })
    }

    fn __repr__(&self) -> String {
        format!("<TargetQuery as of {}>", self.as_of)
    }
}

impl TargetQuery {
    /// The Python exception that stopped the last pass, if one did.
    pub fn take_raised(&self) -> Option<PyErr> {
        self.raised.lock().ok().and_then(|mut r| r.take())
    }

    /// Keeps a Python exception for `draw` to re-raise; the draw stops with its text.
    fn keep(&self, what: &str, e: PyErr) -> core::DrawError {
        let text = format!("{what}: {e}");
        if let Ok(mut r) = self.raised.lock() {
            *r = Some(e);
        }
        core::DrawError::Source(text)
    }

    fn source_error(&self, e: Error) -> core::DrawError {
        match e {
            Error::Py(p) => self.keep("query", p),
            other => core::DrawError::Source(message(other)),
        }
    }

    /// One pass over the rows `source` gives.
    fn pass(
        &self,
        source: &Bound<'_, PyAny>,
        f: &mut dyn FnMut(&core::registers::Target) -> std::result::Result<(), core::DrawError>,
    ) -> std::result::Result<(), core::DrawError> {
        use core::DrawError;
        let header_problems = |e: core::ValidationErrors| {
            let all: Vec<String> = e.problems.iter().map(ToString::to_string).collect();
            DrawError::Source(all.join("; "))
        };
        let mut reader = RowReader::new(source, self.header.clone(), self.batch)
            .map_err(|e| self.source_error(e))?;
        let mut parser: Option<import::TargetRows> = None;
        let mut stop: Option<DrawError> = None;
        let read = reader.each(source, |header, n, cells| {
            let step = match &parser {
                Some(p) => Ok(p),
                None => import::TargetRows::new(header, &self.rename, self.as_of)
                    .map(|p| &*parser.insert(p))
                    .map_err(header_problems),
            }
            .and_then(|p| p.target(n, &cells).map_err(DrawError::Register))
            .and_then(|t| f(&t));
            step.map_err(|e| {
                stop = Some(e);
                format_error("stopped")
            })
        });
        match (stop, read) {
            (Some(e), _) => Err(e),
            (None, Err(e)) => Err(self.source_error(e)),
            (None, Ok(())) => match (&parser, &reader.header) {
                // No rows: the header is still checked.
                (None, Some(h)) => import::TargetRows::new(h, &self.rename, self.as_of)
                    .map(drop)
                    .map_err(header_problems),
                _ => Ok(()),
            },
        }
    }
}

impl core::draw::TargetSource for TargetQuery {
    fn as_of(&self) -> Date {
        self.as_of
    }

    fn scan(
        &self,
        f: &mut dyn FnMut(&core::registers::Target) -> std::result::Result<(), core::DrawError>,
    ) -> std::result::Result<(), core::DrawError> {
        Python::attach(|py| {
            let source = self.query.call0(py).map_err(|e| self.keep("query", e))?;
            let source = source.bind(py);
            let read = self.pass(source, f);
            // Each pass ends its cursor (a server-side one holds the query open), however
            // the pass ended.
            let closed = if source.hasattr("close").unwrap_or(false) {
                source.call_method0("close").map(drop)
            } else {
                Ok(())
            };
            match (read, closed) {
                (Err(e), _) => Err(e),
                (Ok(()), Err(e)) => Err(self.keep("closing the cursor", e)),
                (Ok(()), Ok(())) => Ok(()),
            }
        })
    }
}

/// Results read back from the host system's rows (a cursor or an iterable of tuples or
/// mappings), checked as a results sheet is: against the record and the registers.
#[pyfunction]
#[pyo3(signature = (rows, record, targets, inspectors, *, columns = None, header = None))]
pub fn import_results_rows<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    record: PyRef<'_, SealedRecord>,
    targets: PyRef<'_, TargetRegister>,
    inspectors: PyRef<'_, InspectorRegister>,
    columns: Option<&Bound<'py, PyDict>>,
    header: Option<Vec<String>>,
) -> Result<Bound<'py, PyAny>> {
    let rows = rows_of(rows, columns, header, BATCH)?;
    let (sealed, t, reg) = (&record.0, &targets.0, &inspectors.0);
    let got = py.detach(|| import::results_from_rows(&rows, sealed, t, reg))?;
    to_py(py, &got)
}

/// Results read back from an Arrow table or stream, checked as a results sheet is.
#[pyfunction]
#[pyo3(signature = (data, record, targets, inspectors, *, columns = None))]
pub fn import_results_arrow<'py>(
    py: Python<'py>,
    data: AnyRecordBatch,
    record: PyRef<'_, SealedRecord>,
    targets: PyRef<'_, TargetRegister>,
    inspectors: PyRef<'_, InspectorRegister>,
    columns: Option<&Bound<'py, PyDict>>,
) -> Result<Bound<'py, PyAny>> {
    let rename = rename_of(columns)?;
    let (sealed, t, reg) = (&record.0, &targets.0, &inspectors.0);
    let got = py.detach(|| -> Result<_> {
        Ok(import::results_from_rows(
            &arrow_rows(data, rename)?,
            sealed,
            t,
            reg,
        )?)
    })?;
    to_py(py, &got)
}

fn outcome_table(sealed: &core::SealedRecord, name: &str) -> Result<core::draw::OutcomeTable> {
    core::draw::outcome_tables(sealed)?
        .into_iter()
        .find(|t| t.name == name)
        .ok_or_else(|| {
            let names: Vec<&str> = core::draw::OUTCOME_LAYOUT.iter().map(|(n, _)| *n).collect();
            format_error(format!(
                "no table {name:?}; the tables are {}",
                names.join(", ")
            ))
        })
}

fn cell_to_py<'py>(py: Python<'py>, c: &core::draw::Cell) -> PyResult<Bound<'py, PyAny>> {
    use core::draw::Cell;
    Ok(match c {
        Cell::Text(s) => PyString::new(py, s).into_any(),
        Cell::Int(n) => n.into_pyobject(py)?.into_any(),
        Cell::Null => py.None().into_bound(py),
    })
}

#[pymethods]
impl SealedRecord {
    /// The draw's outcome as rows for the host system's tables (docs/embedding.md gives the
    /// `CREATE TABLE`s): `{table: (columns, rows)}` for ssj_draw_item, ssj_draw_target,
    /// ssj_draw_member and ssj_draw_exclusion, each row a tuple for `executemany`.
    fn outcome_rows<'py>(&self, py: Python<'py>) -> Result<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for t in core::draw::outcome_tables(&self.0)? {
            let rows = PyList::empty(py);
            for r in &t.rows {
                let cells = r
                    .iter()
                    .map(|c| cell_to_py(py, c))
                    .collect::<PyResult<Vec<_>>>()?;
                rows.append(PyTuple::new(py, cells)?)?;
            }
            let columns = PyList::new(py, t.columns)?;
            out.set_item(t.name, (columns, rows))?;
        }
        Ok(out)
    }

    /// One outcome table as an Arrow table (an object with `__arrow_c_stream__`: pass it
    /// to `pyarrow.table(…)`, `polars.DataFrame(…)` or a database's Arrow loader).
    fn to_arrow(&self, table: &str) -> Result<PyTable> {
        use core::draw::Cell;
        let t = outcome_table(&self.0, table)?;
        let mut fields = Vec::with_capacity(t.columns.len());
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(t.columns.len());
        for (i, name) in t.columns.iter().enumerate() {
            let cells = t.rows.iter().map(|r| r.get(i).unwrap_or(&Cell::Null));
            if core::draw::OUTCOME_INT_COLUMNS.contains(name) {
                fields.push(Field::new(*name, DataType::Int64, true));
                let a: Int64Array = cells
                    .map(|c| match c {
                        Cell::Int(n) => Some(*n),
                        _ => None,
                    })
                    .collect();
                arrays.push(Arc::new(a));
            } else {
                fields.push(Field::new(*name, DataType::Utf8, true));
                let a: StringArray = cells
                    .map(|c| match c {
                        Cell::Text(s) => Some(s.as_str()),
                        _ => None,
                    })
                    .collect();
                arrays.push(Arc::new(a));
            }
        }
        let schema = Arc::new(Schema::new(fields));
        let batch = RecordBatch::try_new(schema.clone(), arrays)
            .map_err(|e| format_error(format!("Arrow: {e}")))?;
        Ok(PyTable::try_new(vec![batch], schema)?)
    }
}
