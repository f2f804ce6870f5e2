//! Type conversion between Python values and the core's serde types.
//!
//! Python values go through `serde_json::Value` (dicts, lists, str, int, float, bool,
//! None; `datetime.date` becomes its ISO text), so the core's own `Deserialize` rules apply
//! unchanged, and errors name the JSON path. Output goes the other way: the core's
//! `Serialize` form, so `to_dict()` is exactly `json.loads(to_json())`.

use crate::errors::{format_error, Result};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};
use shuangsuiji::Date;

/// A Python value as JSON. `datetime.date` (anything with `isoformat`) becomes its ISO text.
pub fn py_to_value(obj: &Bound<'_, PyAny>) -> Result<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        let u: u64 = obj
            .extract()
            .map_err(|_| format_error(format!("integer {obj} does not fit in 64 bits")))?;
        return Ok(Value::Number(u.into()));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| format_error(format!("{f} is not a finite number")));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut m = Map::new();
        for (k, v) in d.iter() {
            let key: String = k
                .extract()
                .map_err(|_| format_error(format!("dict key {k} is not a str")))?;
            m.insert(key, py_to_value(&v)?);
        }
        return Ok(Value::Object(m));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut v = Vec::new();
        for x in obj.try_iter()? {
            v.push(py_to_value(&x?)?);
        }
        return Ok(Value::Array(v));
    }
    if obj.hasattr("isoformat")? && obj.hasattr("year")? {
        let s: String = obj.call_method0("isoformat")?.extract()?;
        return Ok(Value::String(s));
    }
    // Inside data, bytes have no one meaning (hex? UTF-8? an id's bytes?): `b"T001"` read as
    // hex would be the valid id "54303031", a silently different draw. Secrets, keys and
    // salts are bytes, and are passed as arguments of their own, never inside data.
    if obj.is_instance_of::<PyBytes>() {
        return Err(format_error(
            "bytes inside data are refused: write text (str), and digests as 64 hex digits",
        ));
    }
    // Objects of this module (ItemList, SignedCommitment ...) convert through their to_dict().
    if obj.hasattr("to_dict")? {
        return py_to_value(&obj.call_method0("to_dict")?);
    }
    Err(format_error(format!(
        "cannot convert a {} to JSON",
        obj.get_type().name()?
    )))
}

/// A JSON value as plain Python objects (dict, list, str, int, float, bool, None).
pub fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(value_to_py(py, x)?)?;
            }
            l.into_any()
        }
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(k, value_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// A core value from a Python dict/list, or from JSON text (`str` or `bytes`).
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> Result<T> {
    let bad = |e: serde_path_to_error::Error<serde_json::Error>| {
        let path = e.path().to_string();
        if path == "." {
            format_error(format!("{what}: {}", e.into_inner()))
        } else {
            format_error(format!("{what}: at {path}: {}", e.into_inner()))
        }
    };
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow()?;
        let mut de = serde_json::Deserializer::from_str(&text);
        return serde_path_to_error::deserialize(&mut de).map_err(bad);
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        let mut de = serde_json::Deserializer::from_slice(b.as_bytes());
        return serde_path_to_error::deserialize(&mut de).map_err(bad);
    }
    from_value(py_to_value(obj)?, what)
}

/// A core value from JSON, with the path of the first error.
pub fn from_value<T: DeserializeOwned>(v: Value, what: &str) -> Result<T> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        if path == "." {
            format_error(format!("{what}: {}", e.into_inner()))
        } else {
            format_error(format!("{what}: at {path}: {}", e.into_inner()))
        }
    })
}

/// The core's serde form as plain Python objects.
pub fn to_py<'py, T: Serialize>(py: Python<'py>, v: &T) -> Result<Bound<'py, PyAny>> {
    let value = serde_json::to_value(v).map_err(|e| format_error(e.to_string()))?;
    Ok(value_to_py(py, &value)?)
}

/// JSON text of a core value: RFC 8785 canonical (the bytes hashed and signed) by default,
/// or `serde_json` pretty-printed with a final newline (what the CLI writes) when `pretty`.
pub fn to_json<T: Serialize>(v: &T, pretty: bool) -> Result<String> {
    let bytes = if pretty {
        let mut b = serde_json::to_vec_pretty(v).map_err(|e| format_error(e.to_string()))?;
        b.push(b'\n');
        b
    } else {
        shuangsuiji::encoding::canonical_json(v).map_err(|e| format_error(e.to_string()))?
    };
    String::from_utf8(bytes).map_err(|e| format_error(e.to_string()))
}

/// A date from `datetime.date` or `"YYYY-MM-DD"`.
pub fn date_from_py(obj: &Bound<'_, PyAny>, what: &str) -> Result<Date> {
    let text = if let Ok(s) = obj.cast::<PyString>() {
        s.to_cow()?.into_owned()
    } else if obj.hasattr("year")? && obj.hasattr("month")? && obj.hasattr("day")? {
        if obj.hasattr("hour")? {
            return Err(format_error(format!(
                "{what}: pass a datetime.date, not a datetime"
            )));
        }
        let (y, m, d): (i32, u8, u8) = (
            obj.getattr("year")?.extract()?,
            obj.getattr("month")?.extract()?,
            obj.getattr("day")?.extract()?,
        );
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        return Err(format_error(format!(
            "{what}: expected a datetime.date or 'YYYY-MM-DD' str"
        )));
    };
    shuangsuiji::registers::fields::parse_date(&text)
        .ok_or_else(|| format_error(format!("{what}: {text:?} is not a date (YYYY-MM-DD)")))
}

/// A `datetime.date`.
pub fn date_to_py<'py>(py: Python<'py>, d: Date) -> PyResult<Bound<'py, PyAny>> {
    py.import("datetime")?
        .getattr("date")?
        .call1((d.year(), u8::from(d.month()), d.day()))
}

/// A 32-byte key or secret from `bytes`.
pub fn bytes32(b: &[u8], what: &str) -> Result<[u8; 32]> {
    <[u8; 32]>::try_from(b)
        .map_err(|_| format_error(format!("{what} must be 32 bytes, got {}", b.len())))
}

/// A suite from its wire name; `None` is the default, `ed25519-sha256`.
pub fn suite(name: Option<&str>) -> Result<shuangsuiji::Suite> {
    match name {
        None => Ok(shuangsuiji::Suite::default()),
        Some(n) => shuangsuiji::Suite::of(n).ok_or_else(|| {
            format_error(format!(
                "suite must be \"ed25519-sha256\" or \"sm2-sm3\", got {n:?}"
            ))
        }),
    }
}

/// A 32-byte secret key of a suite: an Ed25519 seed, or an SM2 scalar.
pub fn secret_key(suite: shuangsuiji::Suite, b: &[u8]) -> Result<shuangsuiji::SecretKey> {
    suite
        .secret_key(&bytes32(b, "secret_key")?)
        .map_err(|e| format_error(format!("secret_key: {e}")))
}

/// A digest from its 64 hex digits.
pub fn digest(s: &str, what: &str) -> Result<shuangsuiji::Digest32> {
    shuangsuiji::Digest32::from_hex(s)
        .ok_or_else(|| format_error(format!("{what} must be 64 hex digits, got {s:?}")))
}
