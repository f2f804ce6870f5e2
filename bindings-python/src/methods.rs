//! Methods many classes share, written once. Each macro adds its own `#[pymethods]` block
//! (pyo3's `multiple-pymethods`) to a class that wraps a core value as `.0`.

/// `from_dict`/`from_json` (one reader: a dict, or JSON text as str or bytes) for a class
/// whose core value has a JSON form; `what` names it in errors.
macro_rules! json_in {
    ($class:ident, $what:literal) => {
        #[pyo3::pymethods]
        impl $class {
            /// From the JSON form: a dict, or JSON text (str or bytes).
            #[staticmethod]
            fn from_dict(d: &pyo3::Bound<'_, pyo3::PyAny>) -> $crate::errors::Result<Self> {
                $crate::convert::from_py(d, $what).map($class)
            }

            /// From JSON text (str or bytes); a dict is read as by `from_dict`.
            #[staticmethod]
            fn from_json(s: &pyo3::Bound<'_, pyo3::PyAny>) -> $crate::errors::Result<Self> {
                Self::from_dict(s)
            }
        }
    };
}

/// `to_dict`/`to_json` for a class whose core value has a JSON form.
macro_rules! json_out {
    ($class:ident) => {
        #[pyo3::pymethods]
        impl $class {
            /// The JSON form as plain Python objects.
            fn to_dict<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> $crate::errors::Result<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::convert::to_py(py, &self.0)
            }

            /// JSON text: canonical (RFC 8785) by default, pretty with `pretty=True` (what
            /// the CLI writes).
            #[pyo3(signature = (pretty = false))]
            fn to_json(&self, pretty: bool) -> $crate::errors::Result<String> {
                $crate::convert::to_json(&self.0, pretty)
            }
        }
    };
}

/// `sign`, `hash` and `signatures` for a document the commitment's signatories sign (the
/// commitment and the sealed record).
macro_rules! signed {
    ($class:ident) => {
        #[pyo3::pymethods]
        impl $class {
            /// Adds the signature of `signer` (a name the commitment lists) with a 32-byte
            /// Ed25519 secret key.
            fn sign(&mut self, signer: &str, secret_key: &[u8]) -> $crate::errors::Result<()> {
                let key = $crate::convert::bytes32(secret_key, "secret_key")?;
                self.0
                    .sign(signer, &shuangsuiji::SigningKey::from_bytes(&key));
                Ok(())
            }

            /// The hash the signatures cover (hex).
            #[getter]
            fn hash(&self) -> String {
                self.0.hash.to_hex()
            }

            /// The signatures, as dicts `{"signer", "public_key", "signature"}`.
            #[getter]
            fn signatures<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> $crate::errors::Result<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::convert::to_py(py, &self.0.signatures)
            }
        }
    };
}
