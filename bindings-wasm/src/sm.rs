//! The 国密 primitives (docs/spec/suites.md) for JavaScript: SM3, and SM2 signatures with
//! the distinguishing identifier, keys as `04‖x‖y` hex or PEM. Hex in and out, as gmssl and
//! sm-crypto exchange them; the arithmetic is the core's.

use crate::errors::Failure;
use crate::input;
use shuangsuiji::encoding::sm::{self, Sm2PublicKey, Sm2SecretKey, SmError};
use wasm_bindgen::prelude::*;

fn thrown(what: &'static str, e: SmError) -> JsValue {
    Failure::input(what, e).into_js_error()
}

fn secret(hex_key: &str) -> Result<Sm2SecretKey, JsValue> {
    let mut d = [0u8; 32];
    hex::decode_to_slice(hex_key, &mut d)
        .map_err(|e| Failure::input("secretKey", e).into_js_error())?;
    Sm2SecretKey::from_bytes(&d).map_err(|e| thrown("secretKey", e))
}

fn message(v: &JsValue) -> Result<Vec<u8>, JsValue> {
    input::required("message", v).map_err(Failure::into_js_error)
}

/// SM3 (GB/T 32905) of `data` (a string as UTF-8, or bytes), 64 lower-case hex digits.
#[wasm_bindgen(js_name = sm3)]
pub fn sm3_hex(
    #[wasm_bindgen(unchecked_param_type = "Input")] data: JsValue,
) -> Result<String, JsValue> {
    let b = input::required("data", &data).map_err(Failure::into_js_error)?;
    Ok(hex::encode(sm::sm3(&[&b])))
}

/// The SM2 public key `04‖x‖y` (130 hex digits) of a secret scalar (64 hex digits).
#[wasm_bindgen(js_name = sm2PublicKey)]
pub fn sm2_public_key(
    #[wasm_bindgen(js_name = secretKey)] secret_key: &str,
) -> Result<String, JsValue> {
    Ok(secret(secret_key)?.public_key().to_hex())
}

/// The SM2 signature `r‖s` (128 hex digits) on `message` under `distid` (absent: GM/T
/// 0009's default `1234567812345678`); deterministic.
#[wasm_bindgen(js_name = sm2Sign)]
pub fn sm2_sign(
    #[wasm_bindgen(js_name = secretKey)] secret_key: &str,
    #[wasm_bindgen(unchecked_param_type = "Input")] message_: JsValue,
    distid: Option<String>,
) -> Result<String, JsValue> {
    let sig = secret(secret_key)?
        .sign(distid.as_deref(), &message(&message_)?)
        .map_err(|e| thrown("distid", e))?;
    Ok(hex::encode(sig))
}

/// Whether `signature` (`r‖s`, 128 lower-case hex digits: its one spelling) is an SM2
/// signature on `message` under `publicKey` (`04‖x‖y`, lower-case hex) and `distid`.
/// Throws when a value does not decode.
#[wasm_bindgen(js_name = sm2Verify)]
pub fn sm2_verify(
    #[wasm_bindgen(js_name = publicKey)] public_key: &str,
    #[wasm_bindgen(unchecked_param_type = "Input")] message_: JsValue,
    signature: &str,
    distid: Option<String>,
) -> Result<bool, JsValue> {
    let pk = Sm2PublicKey::from_hex(public_key).map_err(|e| thrown("publicKey", e))?;
    let sig = sm::signature_from_hex(signature).map_err(|e| thrown("signature", e))?;
    match pk.verify(distid.as_deref(), &message(&message_)?, &sig) {
        Ok(()) => Ok(true),
        Err(SmError::BadSignature) => Ok(false),
        Err(e) => Err(thrown("signature", e)),
    }
}

/// The `r‖s` (128 hex digits) of a DER-encoded SM2 signature given as hex (as OpenSSL and
/// GmSSL write it).
#[wasm_bindgen(js_name = sm2SignatureFromDer)]
pub fn sm2_signature_from_der(der: &str) -> Result<String, JsValue> {
    let b = hex::decode(der).map_err(|e| Failure::input("der", e).into_js_error())?;
    sm::signature_from_der(&b)
        .map(hex::encode)
        .map_err(|e| thrown("der", e))
}

/// The public key (`04‖x‖y` hex) as SubjectPublicKeyInfo PEM (id-ecPublicKey, curve SM2).
#[wasm_bindgen(js_name = sm2PublicKeyPem)]
pub fn sm2_public_key_pem(
    #[wasm_bindgen(js_name = publicKey)] public_key: &str,
) -> Result<String, JsValue> {
    Sm2PublicKey::from_hex(public_key)
        .and_then(|k| k.to_spki_pem())
        .map_err(|e| thrown("publicKey", e))
}

/// A SubjectPublicKeyInfo PEM block as `04‖x‖y` hex.
#[wasm_bindgen(js_name = sm2PublicKeyFromPem)]
pub fn sm2_public_key_from_pem(pem: &str) -> Result<String, JsValue> {
    Sm2PublicKey::from_spki_pem(pem)
        .map(|k| k.to_hex())
        .map_err(|e| thrown("pem", e))
}
