//! The 国密 primitives (SM3, SM2 with its distinguishing identifier, keys as hex, SPKI and
//! PKCS#8), translated for Python: bytes and hex in, hex out. The suite they serve is
//! docs/spec/suites.md; the arithmetic is the core's.

use crate::convert::bytes32;
use crate::errors::{format_error, Result};
use pyo3::prelude::*;
use shuangsuiji::encoding::sm::{self, Sm2PublicKey, Sm2SecretKey, SmError};

fn err(e: SmError) -> crate::errors::Error {
    format_error(e.to_string())
}

fn secret(b: &[u8]) -> Result<Sm2SecretKey> {
    Sm2SecretKey::from_bytes(&bytes32(b, "secret_key")?).map_err(err)
}

/// SM3 (GB/T 32905) of `data`, 64 lower-case hex digits.
#[pyfunction]
pub fn sm3_hex(data: &[u8]) -> String {
    hex::encode(sm::sm3(&[data]))
}

/// The SM2 public key `04‖x‖y` (130 lower-case hex digits) of a 32-byte secret scalar.
/// Raises FormatError for a scalar outside 1..n-1.
#[pyfunction]
pub fn sm2_public_key(secret_key: &[u8]) -> Result<String> {
    Ok(secret(secret_key)?.public_key().to_hex())
}

/// The SM2 signature `r‖s` (128 lower-case hex digits) on `message` with a 32-byte secret
/// scalar, under `distid` (None: GM/T 0009's default `1234567812345678`); deterministic.
#[pyfunction]
#[pyo3(signature = (secret_key, message, distid = None))]
pub fn sm2_sign(secret_key: &[u8], message: &[u8], distid: Option<&str>) -> Result<String> {
    Ok(hex::encode(
        secret(secret_key)?.sign(distid, message).map_err(err)?,
    ))
}

/// Whether `signature` (`r‖s`, 128 lower-case hex digits: its one spelling) is an SM2
/// signature on `message` under `public_key` (`04‖x‖y`, lower-case hex) and `distid` (None:
/// the default). Raises FormatError for a key or signature that does not decode.
#[pyfunction]
#[pyo3(signature = (public_key, message, signature, distid = None))]
pub fn sm2_verify(
    public_key: &str,
    message: &[u8],
    signature: &str,
    distid: Option<&str>,
) -> Result<bool> {
    let pk = Sm2PublicKey::from_hex(public_key).map_err(err)?;
    let sig = rs(signature)?;
    match pk.verify(distid, message, &sig) {
        Ok(()) => Ok(true),
        Err(SmError::BadSignature) => Ok(false),
        Err(e) => Err(err(e)),
    }
}

fn rs(signature: &str) -> Result<[u8; 64]> {
    sm::signature_from_hex(signature).map_err(err)
}

/// The `r‖s` (128 hex digits) of a DER-encoded SM2 signature (as OpenSSL and GmSSL write it).
#[pyfunction]
pub fn sm2_signature_from_der(der: &[u8]) -> Result<String> {
    Ok(hex::encode(sm::signature_from_der(der).map_err(err)?))
}

/// The public key (`04‖x‖y` hex) as SubjectPublicKeyInfo PEM, for OpenSSL and GmSSL.
#[pyfunction]
pub fn sm2_public_key_pem(public_key: &str) -> Result<String> {
    Sm2PublicKey::from_hex(public_key)
        .and_then(|k| k.to_spki_pem())
        .map_err(err)
}

/// A SubjectPublicKeyInfo PEM block (id-ecPublicKey, curve SM2) as `04‖x‖y` hex.
#[pyfunction]
pub fn sm2_public_key_from_pem(pem: &str) -> Result<String> {
    Ok(Sm2PublicKey::from_spki_pem(pem).map_err(err)?.to_hex())
}

/// The 32-byte secret scalar of a PKCS#8 PEM block (`-----BEGIN PRIVATE KEY-----`).
#[pyfunction]
pub fn sm2_secret_key_from_pem(pem: &str) -> Result<Vec<u8>> {
    Ok(Sm2SecretKey::from_pkcs8_pem(pem)
        .map_err(err)?
        .to_bytes()
        .to_vec())
}

/// A 32-byte secret scalar as PKCS#8 PEM.
#[pyfunction]
pub fn sm2_secret_key_pem(secret_key: &[u8]) -> Result<String> {
    secret(secret_key)?.to_pkcs8_pem().map_err(err)
}
