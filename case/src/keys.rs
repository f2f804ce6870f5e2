//! Key folders, kept by each person on their own machine: a signer's (抽查负责人, 监督人),
//! a participant's (检查部门, 纪检监察: a secret and a key). Only the public part ever
//! leaves the folder; the private halves are written 0600 and never printed.
//!
//! Signing and revealing happen here too, from a file handed over (the commitment, the
//! record), so a private key never has to travel to the machine that runs the case.

use crate::error::{CaseError, Result};
use rand_core::{OsRng, TryRngCore as _};
use serde::{Deserialize, Serialize};
use shuangsuiji::draw::{
    sign_commitment, signed_reveal, Participant, Reveal, SealedRecord, SignedCommitment,
};
use shuangsuiji::encoding::{public_key_hex, SignatureEntry, COMMITMENT_CONTEXT, RECORD_CONTEXT};
use shuangsuiji::hazmat::{commit_secret, sign_hash};
use shuangsuiji::{Digest32, SigningKey};
use std::path::Path;

/// The private key file of a folder.
pub const KEY: &str = "key";
/// A signer folder's public part.
pub const PUBLIC: &str = "public.json";
/// A participant folder's secret.
pub const SECRET: &str = "secret";
/// A participant folder's public part.
pub const PARTICIPANT: &str = "participant.json";

/// A signer's public part, handed to the case (`case signer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignerPublic {
    /// Name and post as they sign (e.g. "省公安厅治安总队 抽查负责人").
    pub name: String,
    /// The role a verifier's trust file gives them (抽查负责人, 监督人 …).
    pub role: String,
    /// Ed25519 public key (hex).
    pub public_key: String,
}

/// Which document a signature is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Document {
    /// The pre-draw commitment.
    Commitment,
    /// The sealed draw record.
    Record,
}

/// A signature made on one's own machine and handed back to the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureFile {
    /// The document signed.
    pub document: Document,
    /// Its hash.
    pub hash: Digest32,
    /// Whether the signer signs as a participant (draw/v2 participant signature).
    pub participant: bool,
    /// The signature.
    pub entry: SignatureEntry,
}

fn random32() -> Result<[u8; 32]> {
    let mut b = [0u8; 32];
    OsRng.try_fill_bytes(&mut b).map_err(|e| {
        CaseError::Refused(format!(
            "系统随机数不可用 · the OS random generator failed: {e}"
        ))
    })?;
    Ok(b)
}

fn write_new(path: &Path, bytes: &[u8], private: bool) -> Result<()> {
    use std::io::Write as _;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt as _;
        o.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut f = o.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            CaseError::Refused(format!(
                "{} 已存在，未覆盖（密钥一旦使用就不能替换）· exists and was not overwritten (a key in use must never be replaced)",
                path.display()
            ))
        } else {
            CaseError::io(path, e)
        }
    })?;
    f.write_all(bytes).map_err(|e| CaseError::io(path, e))?;
    f.sync_all().map_err(|e| CaseError::io(path, e))
}

fn new_folder(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| CaseError::io(dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| CaseError::io(dir, e))?;
    }
    for f in [KEY, SECRET] {
        if dir.join(f).exists() {
            return Err(CaseError::Refused(format!(
                "{} 已有密钥，未覆盖 · already holds a key and was left as it is",
                dir.display()
            )));
        }
    }
    Ok(())
}

/// Reads a 32-byte private half (64 hex digits) from a file.
///
/// # Errors
/// When the file is missing or not 64 hex digits.
pub fn read_key(path: &Path) -> Result<[u8; 32]> {
    let text = std::fs::read_to_string(path).map_err(|e| CaseError::io(path, e))?;
    let mut k = [0u8; 32];
    hex::decode_to_slice(text.trim(), &mut k).map_err(|_| {
        CaseError::Refused(format!(
            "{} 应为 64 位十六进制密钥 · must hold 64 hex digits",
            path.display()
        ))
    })?;
    Ok(k)
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = std::fs::read(path).map_err(|e| CaseError::io(path, e))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| CaseError::Refused(format!("{}: {e}", path.display())))
}

/// Makes a signer's key folder: `key` (0600) and `public.json`, which is handed over.
///
/// # Errors
/// When the folder already holds a key, or cannot be written.
pub fn new_signer(dir: &Path, name: &str, role: &str) -> Result<SignerPublic> {
    if name.trim().is_empty() || role.trim().is_empty() {
        return Err(CaseError::Refused(
            "签字人姓名和角色不能为空 · a signer needs a name and a role".into(),
        ));
    }
    new_folder(dir)?;
    let key = SigningKey::from_bytes(&random32()?);
    let public = SignerPublic {
        name: name.into(),
        role: role.into(),
        public_key: public_key_hex(&key),
    };
    write_new(&dir.join(KEY), hex::encode(key.to_bytes()).as_bytes(), true)?;
    write_new(&dir.join(PUBLIC), &crate::store::to_json(&public)?, false)?;
    Ok(public)
}

/// Makes a participant's folder: its secret and key (0600) and `participant.json` — the
/// commitment to the secret and the public key — which is handed over.
///
/// # Errors
/// When the id is not printable ASCII, the folder holds a key, or cannot be written.
pub fn new_participant(dir: &Path, id: &str, role: &str) -> Result<Participant> {
    if id.is_empty() || !id.bytes().all(|b| (0x21..0x7f).contains(&b)) || role.trim().is_empty() {
        return Err(CaseError::Refused(format!(
            "参与方编号须为可打印 ASCII、角色不能为空 · a participant id is printable ASCII without spaces and a role is required (got {id:?})"
        )));
    }
    new_folder(dir)?;
    let secret = random32()?;
    let key = SigningKey::from_bytes(&random32()?);
    let p = Participant {
        id: id.into(),
        role: role.into(),
        commitment: commit_secret(id, &secret),
        public_key: Some(public_key_hex(&key)),
    };
    write_new(&dir.join(SECRET), hex::encode(secret).as_bytes(), true)?;
    write_new(&dir.join(KEY), hex::encode(key.to_bytes()).as_bytes(), true)?;
    write_new(&dir.join(PARTICIPANT), &crate::store::to_json(&p)?, false)?;
    Ok(p)
}

/// A handed-over commitment or record, its hash recomputed (never taken from the file).
enum Doc {
    Commitment(Box<SignedCommitment>),
    Record(Box<SealedRecord>),
}

fn read_doc(bytes: &[u8]) -> Result<Doc> {
    let v: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| CaseError::Refused(format!("不是 JSON 文件 · not a JSON file: {e}")))?;
    let bad = |e: String| CaseError::Refused(format!("无法读取 cannot be read: {e}"));
    if v.get("record").is_some() {
        let s: SealedRecord = serde_json::from_value(v).map_err(|e| bad(e.to_string()))?;
        if s.record.hash().map_err(|e| bad(e.to_string()))? != s.hash {
            return Err(CaseError::Refused(
                "记录的哈希与内容不符 · the record's hash does not match its content".into(),
            ));
        }
        Ok(Doc::Record(Box::new(s)))
    } else if v.get("commitment").is_some() {
        let s: SignedCommitment = serde_json::from_value(v).map_err(|e| bad(e.to_string()))?;
        if s.commitment.hash().map_err(|e| bad(e.to_string()))? != s.hash {
            return Err(CaseError::Refused(
                "承诺的哈希与内容不符 · the commitment's hash does not match its content".into(),
            ));
        }
        Ok(Doc::Commitment(Box::new(s)))
    } else {
        Err(CaseError::Refused(
            "这不是抽取承诺或抽取记录 · this is neither a commitment nor a record".into(),
        ))
    }
}

/// Signs a handed-over commitment or record with the key in `dir`: a signer's folder signs
/// either, as the signatory the commitment lists under that key; a participant's folder
/// signs the commitment that lists it with its own secret's commitment and key.
///
/// # Errors
/// When the document does not list this key, or cannot be read.
pub fn sign(dir: &Path, doc: &[u8]) -> Result<SignatureFile> {
    let key = SigningKey::from_bytes(&read_key(&dir.join(KEY))?);
    let mine = public_key_hex(&key);
    let doc = read_doc(doc)?;
    if dir.join(PARTICIPANT).exists() {
        let me: Participant = read_json(&dir.join(PARTICIPANT))?;
        let Doc::Commitment(c) = doc else {
            return Err(CaseError::Refused(
                "参与方只签署抽取承诺，记录由签字人签署 · a participant signs the commitment; the record is signed by the signers".into(),
            ));
        };
        listed_participant(&c, &me, &mine)?;
        return Ok(SignatureFile {
            document: Document::Commitment,
            hash: c.hash,
            participant: true,
            entry: sign_commitment(&me.id, &key, &c.hash),
        });
    }
    let me: SignerPublic = read_json(&dir.join(PUBLIC))?;
    let (document, hash, signers, context) = match &doc {
        Doc::Commitment(c) => (
            Document::Commitment,
            c.hash,
            &c.commitment.signers,
            COMMITMENT_CONTEXT,
        ),
        Doc::Record(r) => (
            Document::Record,
            r.hash,
            &r.record.commitment.commitment.signers,
            RECORD_CONTEXT,
        ),
    };
    if !signers
        .iter()
        .any(|s| s.name == me.name && s.public_key == mine)
    {
        return Err(CaseError::Refused(format!(
            "此文件未列出签字人“{}”及其密钥，未签署 · the document does not list signer {:?} with this key; not signed",
            me.name, me.name
        )));
    }
    Ok(SignatureFile {
        document,
        hash,
        participant: false,
        entry: sign_hash(&me.name, &key, context, &hash),
    })
}

fn listed_participant(c: &SignedCommitment, me: &Participant, key: &str) -> Result<()> {
    let listed = c.commitment.participants.iter().any(|p| {
        p.id == me.id && p.commitment == me.commitment && p.public_key.as_deref() == Some(key)
    });
    if listed {
        Ok(())
    } else {
        Err(CaseError::Refused(format!(
            "此承诺未按本机的秘密承诺和密钥列出参与方 {:?} · the commitment does not list participant {:?} with this folder's secret commitment and key",
            me.id, me.id
        )))
    }
}

/// The participant's signed reveal for a handed-over commitment that lists it.
///
/// # Errors
/// When the commitment does not list this participant, or cannot be read.
pub fn reveal(dir: &Path, commitment: &[u8]) -> Result<Reveal> {
    let me: Participant = read_json(&dir.join(PARTICIPANT))?;
    let key = SigningKey::from_bytes(&read_key(&dir.join(KEY))?);
    let secret = read_key(&dir.join(SECRET))?;
    let Doc::Commitment(c) = read_doc(commitment)? else {
        return Err(CaseError::Refused(
            "揭示需要抽取承诺文件 · a reveal needs the commitment file".into(),
        ));
    };
    listed_participant(&c, &me, &public_key_hex(&key))?;
    Ok(signed_reveal(&me.id, &key, &c.hash, &secret))
}
