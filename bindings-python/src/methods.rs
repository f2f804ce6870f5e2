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
            /// secret key of the commitment's suite (an Ed25519 seed, or an SM2 scalar
            /// under `sm2-sm3`).
            fn sign(&mut self, signer: &str, secret_key: &[u8]) -> $crate::errors::Result<()> {
                let key = $crate::convert::secret_key(self.0.suite(), secret_key)?;
                self.0.sign(signer, &key);
                Ok(())
            }

            /// The bytes a signer signs (`context || hash`), for a signature made by
            /// another tool (gmssl, a hardware module) and filed with `add_signature`.
            fn signing_message(&self) -> Vec<u8> {
                self.0.signing_message()
            }

            /// Files a signature made elsewhere, `{"signer", "public_key", "signature"}`:
            /// checked under the commitment's suite and the listed key before it is kept.
            /// Raises SignatureError.
            fn add_signature(
                &mut self,
                entry: &pyo3::Bound<'_, pyo3::PyAny>,
            ) -> $crate::errors::Result<()> {
                let e = $crate::convert::from_py(entry, "signature entry")?;
                Ok(self.0.add_signature(e)?)
            }

            /// The cryptographic suite: "ed25519-sha256" or "sm2-sm3".
            #[getter]
            fn suite(&self) -> &'static str {
                self.0.suite().name()
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
