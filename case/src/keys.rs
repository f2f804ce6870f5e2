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
use shuangsuiji::encoding::{SignatureEntry, COMMITMENT_CONTEXT, RECORD_CONTEXT};
use shuangsuiji::hazmat::{commit_secret_in, sign_hash};
use shuangsuiji::{Digest32, SecretKey, Suite, SuiteSigner};
use std::path::Path;

/// The private key file of a folder.
pub const KEY: &str = "key";
/// A signer folder's public part.
pub const PUBLIC: &str = "public.json";
/// A participant folder's secret.
pub const SECRET: &str = "secret";
/// A participant folder's public part.
pub const PARTICIPANT: &str = "participant.json";
/// An `sm2-sm3` folder's private key, PKCS#8 PEM (its only key file).
pub const KEY_PEM: &str = "key.pem";

/// The marker of a key folder made for a rehearsal: only such a folder signs or reveals
/// under the rehearsal clock.
pub const REHEARSAL: &str = "rehearsal";

/// Marks a new key folder as a rehearsal one.
///
/// # Errors
/// When the marker cannot be written.
pub fn mark_rehearsal(dir: &Path) -> Result<()> {
    write_new(&dir.join(REHEARSAL), b"rehearsal key folder\n", false)
}

/// Whether a key folder was made for a rehearsal.
pub fn is_rehearsal(dir: &Path) -> bool {
    dir.join(REHEARSAL).exists()
}

/// The clock rule of a key folder: a time set by hand (the rehearsal clock) only for a
/// folder made for rehearsal, so a real signer's or participant's before-the-round checks
/// always use the system clock.
///
/// # Errors
/// [`CaseError::Refused`] for a hand-set time on a real folder.
pub fn check_clock(dir: &Path, hand_set: bool) -> Result<()> {
    if hand_set && !is_rehearsal(dir) {
        return Err(CaseError::Refused(format!(
            "设置了演练时钟，但 {} 不是演练用的密钥目录 · a time was set by hand, but {} is not a rehearsal key folder",
            dir.display(),
            dir.display()
        )));
    }
    Ok(())
}

/// A signer's public part, handed to the case (`case signer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignerPublic {
    /// Name and post as they sign (e.g. "省公安厅治安总队 抽查负责人").
    pub name: String,
    /// The role a verifier's trust file gives them (抽查负责人, 监督人 …).
    pub role: String,
    /// Public key (hex): Ed25519, or SM2 `04‖x‖y` in an `sm2-sm3` folder.
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
    if path.exists() {
        return Err(CaseError::Refused(format!(
            "{} 已存在，未覆盖（密钥一旦使用就不能替换）· exists and was not overwritten (a key in use must never be replaced)",
            path.display()
        )));
    }
    // create_new underneath: a file that appears meanwhile is still never overwritten.
    crate::store::write_file(path, bytes, private)
}

fn new_folder(dir: &Path) -> Result<()> {
    for f in [KEY, SECRET] {
        if dir.join(f).exists() {
            return Err(CaseError::Refused(format!(
                "{} 已有密钥，未覆盖 · already holds a key and was left as it is",
                dir.display()
            )));
        }
    }
    if dir.exists() {
        // An existing folder keeps its permissions (it may be shared, or `.`): only the
        // key files are closed (0600).
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| CaseError::io(dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| CaseError::io(dir, e))?;
    }
    Ok(())
}

/// Whether `id` is a participant id a case files: letters, digits and `- _ .`, not
/// starting with a dot (it names the participant's files in the case).
pub fn participant_id_ok(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('.')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

/// Writes a file only its owner can read (a reveal or a signature to hand over), refusing
/// to replace one.
///
/// # Errors
/// When it exists or cannot be written.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_new(path, bytes, true)
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

/// A log's or a witness's key file (`case new --log-key`, `witness … --key`): a PEM file is
/// an SM2 key (PKCS#8), an `sm2-sm3` log or witness; anything else must be 64 hex digits,
/// an Ed25519 seed. The two forms are disjoint, so no file is read as both, and the key's
/// form is the log's suite (docs/spec/suites.md §3 "Audit log").
///
/// # Errors
/// When the file is missing, too large, or neither form.
pub fn read_note_key(path: &Path) -> Result<SecretKey> {
    let text = read_key_text(path)?;
    if text.trim_start().starts_with("-----BEGIN") {
        return sm2_from_pem(path, &text);
    }
    Ok(SecretKey::Ed25519(shuangsuiji::SigningKey::from_bytes(
        &read_key(path)?,
    )))
}

/// A key file's text: at most 4 KB (a key file is a few lines; a hostile one costs nothing
/// to refuse) and UTF-8.
fn read_key_text(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| CaseError::io(path, e))?;
    if meta.len() > 4096 {
        return Err(CaseError::Refused(format!(
            "{} 不是密钥文件 · is not a key file (over 4 KB)",
            path.display()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| CaseError::io(path, e))?;
    String::from_utf8(bytes)
        .map_err(|_| CaseError::Refused(format!("{} 不是文本 · is not text", path.display())))
}

/// An SM2 private key from PKCS#8 PEM text read from `path`.
fn sm2_from_pem(path: &Path, text: &str) -> Result<SecretKey> {
    shuangsuiji::encoding::sm::Sm2SecretKey::from_pkcs8_pem(text)
        .map(SecretKey::Sm2)
        .map_err(|e| CaseError::Refused(format!("{}: {e}", path.display())))
}

/// A fresh key of the suite in a new folder, written once (0600): an Ed25519 seed as `key`
/// (64 hex digits), an SM2 key as `key.pem` (PKCS#8, as GmSSL, OpenSSL and gmssl exchange
/// it) and nothing else — so no reader of Ed25519 key files can take an SM2 scalar for a
/// seed, and the folder's suite is the form of its key file.
fn new_key(dir: &Path, suite: Suite) -> Result<SecretKey> {
    // A random scalar is below n-1 but for a chance of about 2^-32.
    let key = loop {
        if let Ok(k) = suite.secret_key(&random32()?) {
            break k;
        }
    };
    match &key {
        SecretKey::Ed25519(k) => {
            write_new(&dir.join(KEY), hex::encode(k.to_bytes()).as_bytes(), true)?;
        }
        SecretKey::Sm2(k) => {
            let pem = k
                .to_pkcs8_pem()
                .map_err(|e| CaseError::Refused(e.to_string()))?;
            write_new(&dir.join(KEY_PEM), pem.as_bytes(), true)?;
        }
    }
    Ok(key)
}

/// The folder's key: `key.pem` (SM2, PKCS#8) or `key` (Ed25519, 64 hex digits); a folder
/// holding both is refused (its suite would be ambiguous).
///
/// # Errors
/// When neither or both exist, or the key cannot be read.
pub fn folder_key(dir: &Path) -> Result<SecretKey> {
    let (pem, hex) = (dir.join(KEY_PEM), dir.join(KEY));
    match (pem.exists(), hex.exists()) {
        (true, true) => Err(CaseError::Refused(format!(
            "{} 同时有 {KEY} 和 {KEY_PEM}，算法套件不明 · holds both {KEY} and {KEY_PEM}: its suite is ambiguous",
            dir.display()
        ))),
        // key.pem is only ever read as SM2, whatever it holds.
        (true, false) => sm2_from_pem(&pem, &read_key_text(&pem)?),
        _ => Ok(SecretKey::Ed25519(shuangsuiji::SigningKey::from_bytes(
            &read_key(&hex)?,
        ))),
    }
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
pub fn new_signer(dir: &Path, name: &str, role: &str, suite: Suite) -> Result<SignerPublic> {
    if name.trim().is_empty() || role.trim().is_empty() {
        return Err(CaseError::Refused(
            "签字人姓名和角色不能为空 · a signer needs a name and a role".into(),
        ));
    }
    new_folder(dir)?;
    let key = new_key(dir, suite)?;
    let public = SignerPublic {
        name: name.into(),
        role: role.into(),
        public_key: key.public_key_hex(),
    };
    write_new(&dir.join(PUBLIC), &crate::store::to_json(&public)?, false)?;
    Ok(public)
}

/// Makes a participant's folder: its secret and key (0600) and `participant.json` — the
/// commitment to the secret and the public key — which is handed over.
///
/// # Errors
/// When the id is not one a case files, the folder holds a key, or cannot be written.
pub fn new_participant(dir: &Path, id: &str, role: &str, suite: Suite) -> Result<Participant> {
    if !participant_id_ok(id) || role.trim().is_empty() {
        return Err(CaseError::Refused(format!(
            "参与方编号只能由字母、数字和 - _ . 组成（至多 64 个字符），角色不能为空 · a participant id holds letters, digits and - _ . (at most 64) and a role is required (got {id:?})"
        )));
    }
    new_folder(dir)?;
    let secret = random32()?;
    let key = new_key(dir, suite)?;
    let p = Participant {
        id: id.into(),
        role: role.into(),
        commitment: commit_secret_in(suite, id, &secret),
        public_key: Some(key.public_key_hex()),
        distid: None,
    };
    write_new(&dir.join(SECRET), hex::encode(secret).as_bytes(), true)?;
    write_new(&dir.join(PARTICIPANT), &crate::store::to_json(&p)?, false)?;
    Ok(p)
}

/// A handed-over commitment or record, its hash recomputed (never taken from the file).
enum Doc {
    Commitment(Box<SignedCommitment>),
    Record(Box<SealedRecord>),
}

/// The public target view a handed-over record is re-run against, read by `targets` (JSON;
/// read only for a record): the sealed view for a draw/v3 record (`public/targets.sealed.json`), else the
/// register's public view; `None` for a commitment, which is signed without one.
///
/// # Errors
/// When the document cannot be read, or the text is not the view the record needs,
/// saying which file it wants.
pub fn public_targets(
    doc: &[u8],
    targets: impl FnOnce() -> Result<Vec<u8>>,
) -> Result<Option<Box<dyn shuangsuiji::draw::TargetSource>>> {
    let v3 = match read_doc(doc)? {
        Doc::Commitment(_) => return Ok(None),
        Doc::Record(r) => {
            r.record.commitment.commitment.version() == Some(shuangsuiji::draw::Version::V3)
        }
    };
    let targets = &targets()?;
    if v3 {
        let view: shuangsuiji::privacy::SealedView = serde_json::from_slice(targets).map_err(|e| {
            CaseError::Refused(format!(
                "draw/v3 记录须以封存视图重新运行（public/targets.sealed.json）· a draw/v3 record re-runs against the sealed view (public/targets.sealed.json): {e}"
            ))
        })?;
        Ok(Some(Box::new(view)))
    } else {
        let register: shuangsuiji::TargetRegister = serde_json::from_slice(targets)
            .map_err(|e| CaseError::Refused(format!("检查对象名录库公开视图无法读取 · the public target register cannot be read: {e}")))?;
        Ok(Some(Box::new(register)))
    }
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

/// What a person signs or reveals for, shown to them before anything leaves their folder.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The document signed, and its hash.
    pub document: Document,
    /// Its hash.
    pub hash: Digest32,
    /// Plan id and title.
    pub plan: String,
    /// Beacon round and its time (Unix seconds), if any.
    pub round: Option<(u64, i64)>,
    /// The beacon as a signer must see it when it is not a drand round: each named public
    /// draw with its time and the form of its numbers, or the ceremony's reveal order and
    /// its last-revealer risk (empty for drand).
    pub beacon: Vec<String>,
    /// The commitment time the document claims.
    pub committed_at: i64,
    /// Participants (id, role) and signers' names.
    pub people: Vec<String>,
    /// For a record: the number of selected targets, verified by re-running the draw.
    pub selected: Option<usize>,
    /// For a record: how far its classes were checked (a draw/v3 record from the sealed
    /// view: the public's check, not that each class is the register's).
    pub classes: Option<shuangsuiji::draw::ClassesChecked>,
}

/// The ledger a key folder keeps of what it signed (`signed.json`): a folder signs one
/// commitment per plan — a later one only when it supersedes the last — and reveals only
/// for a commitment it signed, so an operator cannot collect signatures or a secret for a
/// second, ground commitment.
pub const LEDGER: &str = "signed.json";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerEntry {
    plan: String,
    commitment: Digest32,
    round_time: Option<i64>,
    revealed: bool,
}

fn ledger(dir: &Path) -> Result<Vec<LedgerEntry>> {
    let p = dir.join(LEDGER);
    if p.exists() {
        read_json(&p)
    } else {
        Ok(Vec::new())
    }
}

fn save_ledger(dir: &Path, l: &[LedgerEntry]) -> Result<()> {
    let p = dir.join(LEDGER);
    let tmp = dir.join(format!("{LEDGER}.tmp~"));
    let _ = std::fs::remove_file(&tmp);
    write_new(&tmp, &crate::store::to_json(&l)?, true)?;
    std::fs::rename(&tmp, &p).map_err(|e| CaseError::io(&p, e))
}

fn round_of(c: &SignedCommitment) -> Option<(u64, i64)> {
    match &c.commitment.beacon {
        shuangsuiji::draw::BeaconChoice::Drand(s) => Some((s.round, s.round_time())),
        shuangsuiji::draw::BeaconChoice::Offline
        | shuangsuiji::draw::BeaconChoice::PublishedNumbers(_) => None,
    }
}

fn beacon_lines(c: &SignedCommitment) -> Vec<String> {
    use shuangsuiji::draw::{BeaconChoice, NumberOrder};
    match &c.commitment.beacon {
        BeaconChoice::Drand(_) => Vec::new(),
        BeaconChoice::PublishedNumbers(p) => {
            let mut out = vec![format!(
                "信标：公开开奖号码（按格式共 {} 种可能结果）Beacon: published numbers ({} outcomes by their form)",
                p.outcomes(),
                p.outcomes()
            )];
            for d in &p.draws {
                out.push(format!(
                    "  {} 第 {} 期，开奖于 {}（公告：{}）请核对开奖时间 · check the draw time",
                    d.source,
                    d.issue,
                    crate::status::beijing(d.draws_at),
                    d.announced_in
                ));
                for g in &d.groups {
                    out.push(format!(
                        "    {}：{} 个，{}–{}，{}",
                        g.name,
                        g.count,
                        g.min,
                        g.max,
                        match g.order {
                            NumberOrder::Ascending => "从小到大 ascending",
                            NumberOrder::AsDrawn if g.count > 1 => "按开出顺序 as drawn（注意：若公告同时给出排序和开出顺序，操作者可择一 · if the announcement lists both a sorted and a drawn order, the operator could pick one）",
                            NumberOrder::AsDrawn => "按开出顺序 as drawn",
                        }
                    ));
                }
            }
            out
        }
        BeaconChoice::Offline => vec![
            format!(
                "信标：无（现场揭示仪式）揭示顺序 reveal order: {} · Beacon: none (a live ceremony)",
                crate::status::reveal_order(c)
            ),
            "  最后揭示者（及先收到其揭示文件者）可先算出结果并拒绝揭示，迫使留痕的重新抽取 · the last to reveal (and whoever receives its reveal file first) can compute the outcome first and withhold, forcing a logged re-draw".into(),
        ],
    }
}

fn shown(document: Document, hash: Digest32, c: &SignedCommitment) -> Shown {
    let k = &c.commitment;
    Shown {
        document,
        hash,
        plan: format!("{}（{}）", k.plan.id, k.plan.title),
        round: round_of(c),
        beacon: beacon_lines(c),
        committed_at: k.committed_at,
        people: k
            .participants
            .iter()
            .map(|p| format!("参与方 {} ({})", p.id, p.role))
            .chain(k.signers.iter().map(|s| format!("签字人 {}", s.name)))
            .collect(),
        selected: None,
        classes: None,
    }
}

/// Refuses a commitment whose beacon round is published (or due) by `now`: signing or
/// revealing then would let whoever already knows the round pick the outcome.
fn before_round(c: &SignedCommitment, now: i64) -> Result<()> {
    if let Some((round, t)) = round_of(c) {
        if now >= t {
            return Err(CaseError::Refused(format!(
                "信标轮次 {round} 已于 {t} 发布（现在 {now}）：此时签署或揭示可被用来选择结果，已拒绝 · beacon round {round} was published at {t} (now {now}): signing or revealing now could be used to pick the outcome"
            )));
        }
    }
    // Published-numbers mode: the same bound, at the first named public draw.
    if let Some(t) = c.commitment.beacon.public_at() {
        if now >= t {
            return Err(CaseError::Refused(format!(
                "信标（公开开奖）已于 {t} 公布（现在 {now}）：此时签署或揭示可被用来选择结果，已拒绝 · the beacon (a public draw) was public at {t} (now {now}): signing or revealing now could be used to pick the outcome"
            )));
        }
    }
    Ok(())
}

/// One commitment per plan: a second only when it supersedes the last one signed, and
/// never one that reuses a secret already revealed.
fn check_ledger(l: &[LedgerEntry], c: &SignedCommitment, participant: bool) -> Result<()> {
    let plan = &c.commitment.plan.id;
    let Some(last) = l.iter().rfind(|e| &e.plan == plan) else {
        return Ok(());
    };
    if last.commitment == c.hash {
        return Ok(());
    }
    let supersedes_last = c
        .commitment
        .supersedes
        .as_ref()
        .is_some_and(|s| s.commitment == last.commitment);
    if !supersedes_last {
        return Err(CaseError::Refused(format!(
            "本目录已为计划 {plan} 签署过承诺 {}；新的承诺未声明取代它，拒绝签署（一计划一承诺，重新抽取须用 case redraw）· this folder already signed commitment {} for plan {plan}; the new one does not supersede it",
            last.commitment, last.commitment
        )));
    }
    if participant && l.iter().any(|e| &e.plan == plan && e.revealed) {
        return Err(CaseError::Refused(
            "本目录的秘密已经揭示，不能再用于新的承诺；请用 participant new 另建参与方目录 · this folder's secret is already revealed: make a new participant folder for the new commitment".into(),
        ));
    }
    Ok(())
}

/// The commitment this folder signed last for `c`'s plan must be `c` itself: a reveal, or
/// a seal on a record, for a commitment since superseded would hand the operator a second
/// usable outcome. A participant reveals for one commitment of a plan only.
fn latest_signed(l: &[LedgerEntry], c: &SignedCommitment, revealing: bool) -> Result<()> {
    latest_of_plan(l, &c.commitment.plan.id, &c.hash, revealing)
}

fn latest_of_plan(l: &[LedgerEntry], plan: &str, hash: &Digest32, revealing: bool) -> Result<()> {
    match l.iter().rfind(|e| e.plan == plan) {
        None => Err(CaseError::Refused(
            "本目录没有签署过这份承诺 · this folder did not sign this commitment".into(),
        )),
        Some(last) if last.commitment != *hash => Err(CaseError::Refused(format!(
            "本目录为计划 {plan} 最后签署的是承诺 {}，这份承诺已被取代，拒绝 · this folder last signed commitment {} for plan {plan}; this one is superseded",
            last.commitment, last.commitment
        ))),
        Some(_)
            if revealing
                && l
                    .iter()
                    .any(|e| e.plan == plan && e.revealed && e.commitment != *hash) =>
        {
            Err(CaseError::Refused(format!(
                "本目录已为计划 {plan} 的另一份承诺揭示过 · this folder already revealed for another commitment of plan {plan}"
            )))
        }
        Some(_) => Ok(()),
    }
}

fn record_signed(dir: &Path, c: &SignedCommitment) -> Result<()> {
    let mut l = ledger(dir)?;
    if !l.iter().any(|e| e.commitment == c.hash) {
        l.push(LedgerEntry {
            plan: c.commitment.plan.id.clone(),
            commitment: c.hash,
            round_time: round_of(c).map(|(_, t)| t),
            revealed: false,
        });
        save_ledger(dir, &l)?;
    }
    Ok(())
}

/// Signs a handed-over commitment or record with the key in `dir`, at `now`: a signer's
/// folder signs either, as the signatory the commitment lists under that key; a
/// participant's folder signs the commitment that lists it with its own secret's
/// commitment and key. A commitment is signed only before its beacon round and only once
/// per plan (a later one must supersede it); a record only once it re-runs: `views` (the
/// public registers) are required for a record, and the draw is verified with them.
///
/// # Errors
/// When the document does not list this key, or any of the above fails.
pub fn sign(
    dir: &Path,
    doc: &[u8],
    views: Option<(
        &dyn shuangsuiji::draw::TargetSource,
        &shuangsuiji::PublicInspectorRegister,
    )>,
    now: i64,
) -> Result<(SignatureFile, Shown)> {
    let key = folder_key(dir)?;
    let mine = key.public_key_hex();
    let doc = read_doc(doc)?;
    let participant = dir.join(PARTICIPANT).exists();
    if participant {
        let me: Participant = read_json(&dir.join(PARTICIPANT))?;
        let Doc::Commitment(c) = doc else {
            return Err(CaseError::Refused(
                "参与方只签署抽取承诺，记录由签字人签署 · a participant signs the commitment; the record is signed by the signers".into(),
            ));
        };
        listed_participant(&c, &me, &mine)?;
        before_round(&c, now)?;
        check_ledger(&ledger(dir)?, &c, true)?;
        record_signed(dir, &c)?;
        let sig = SignatureFile {
            document: Document::Commitment,
            hash: c.hash,
            participant: true,
            entry: sign_commitment(&me.id, &key, &c.hash),
        };
        return Ok((sig, shown(Document::Commitment, c.hash, &c)));
    }
    let me: SignerPublic = read_json(&dir.join(PUBLIC))?;
    let listed = |signers: &[shuangsuiji::draw::Signatory]| {
        let entry = signers
            .iter()
            .find(|s| s.name == me.name && s.public_key == mine);
        if let Some(id) = entry.and_then(|s| s.distid.as_deref()) {
            // A folder's key signs under the default identifier: a signature under it could
            // never verify for an entry that names another (docs/spec/suites.md §3).
            Err(CaseError::Refused(format!(
                "此文件为签字人“{}”列出 SM2 标识 {id:?}，本密钥目录以默认标识签名，未签署；请用持有该标识的工具签名后以 case signature 提交 · the document lists identifier {id:?} for signer {:?}; this folder signs under the default identifier; not signed (sign with the tool that holds it and file the signature)",
                me.name, me.name
            )))
        } else if entry.is_some() {
            Ok(())
        } else {
            Err(CaseError::Refused(format!(
                "此文件未列出签字人“{}”及其密钥，未签署 · the document does not list signer {:?} with this key; not signed",
                me.name, me.name
            )))
        }
    };
    match doc {
        Doc::Commitment(c) => {
            listed(&c.commitment.signers)?;
            before_round(&c, now)?;
            check_ledger(&ledger(dir)?, &c, false)?;
            record_signed(dir, &c)?;
            let sig = SignatureFile {
                document: Document::Commitment,
                hash: c.hash,
                participant: false,
                entry: sign_hash(&me.name, &key, COMMITMENT_CONTEXT, &c.hash),
            };
            Ok((sig, shown(Document::Commitment, c.hash, &c)))
        }
        Doc::Record(r) => {
            let c = &r.record.commitment;
            listed(&c.commitment.signers)?;
            latest_signed(&ledger(dir)?, c, false)?;
            let Some((targets, inspectors)) = views else {
                return Err(CaseError::Refused(
                    "签署记录前须用公开名录库重新核验（--targets、--inspectors）· a record is signed only after re-running it against the public registers (--targets, --inspectors)".into(),
                ));
            };
            // The record re-runs from its own inputs, under a fully signed commitment: a
            // signer never seals an outcome it cannot reproduce. (Not `verify`, which also
            // wants the record's own signatures — the ones being collected now.) A draw/v3
            // record re-runs from the sealed view, as the public's check does.
            commitment_fully_signed(c)?;
            let (_, classes) =
                shuangsuiji::draw::rerun(&r.record, targets, inspectors).map_err(|e| {
                    CaseError::Refused(format!(
                        "记录无法重新运行，拒绝签署 · the record does not re-run; not signed: {e}"
                    ))
                })?;
            // (`read_doc` has checked that the hash is the record's.)
            let selected = r.record.selected_ids().count();
            if !c
                .signatures
                .iter()
                .any(|e| e.signer == me.name && e.public_key == mine)
            {
                return Err(CaseError::Refused(
                    "记录中的承诺没有本人的签名 · the record's commitment does not carry this signer's signature".into(),
                ));
            }
            let sig = SignatureFile {
                document: Document::Record,
                hash: r.hash,
                participant: false,
                entry: sign_hash(&me.name, &key, RECORD_CONTEXT, &r.hash),
            };
            let mut sh = shown(Document::Record, r.hash, c);
            sh.selected = Some(selected);
            sh.classes = Some(classes);
            Ok((sig, sh))
        }
    }
}

/// Every signature a commitment needs is on it and verifies: the signers' and (draw/v2)
/// the participants'.
fn commitment_fully_signed(c: &SignedCommitment) -> Result<()> {
    shuangsuiji::hazmat::check_commitment_signatures(
        c.commitment.suite,
        &c.commitment.participants,
        &c.participant_signatures,
        &c.hash,
    )
    .map_err(|e| {
        CaseError::Refused(format!(
            "承诺的参与方签名不齐或无效 · participants' signatures: {e}"
        ))
    })?;
    for s in &c.commitment.signers {
        let e = c
            .signatures
            .iter()
            .find(|e| e.signer == s.name)
            .ok_or_else(|| {
                CaseError::Refused(format!(
                    "承诺尚缺签字人 {} 的签名 · the commitment lacks {}'s signature",
                    s.name, s.name
                ))
            })?;
        shuangsuiji::encoding::verify_entry(
            c.commitment.suite,
            e,
            &s.public_key,
            s.distid.as_deref(),
            COMMITMENT_CONTEXT,
            &c.hash,
        )
        .map_err(|err| CaseError::Refused(format!("{}: {err}", s.name)))?;
    }
    Ok(())
}

fn listed_participant(c: &SignedCommitment, me: &Participant, key: &str) -> Result<()> {
    // A folder's key signs under the default identifier, so an entry naming another one
    // is not this folder's (docs/spec/suites.md §3).
    let listed = c.commitment.participants.iter().any(|p| {
        p.id == me.id
            && p.commitment == me.commitment
            && p.public_key.as_deref() == Some(key)
            && p.distid.is_none()
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

/// The participant's signed reveal, at `now`, for a commitment it signed from this folder
/// that carries every signature (signers' and participants', each verified) and whose
/// beacon round is still to come; the folder's ledger marks the secret revealed.
///
/// # Errors
/// When any of that fails.
pub fn reveal(dir: &Path, commitment: &[u8], now: i64) -> Result<(Reveal, Shown)> {
    let me: Participant = read_json(&dir.join(PARTICIPANT))?;
    let key = folder_key(dir)?;
    let secret = read_key(&dir.join(SECRET))?;
    let Doc::Commitment(c) = read_doc(commitment)? else {
        return Err(CaseError::Refused(
            "揭示需要抽取承诺文件 · a reveal needs the commitment file".into(),
        ));
    };
    listed_participant(&c, &me, &key.public_key_hex())?;
    before_round(&c, now)?;
    let mut l = ledger(dir)?;
    latest_signed(&l, &c, true)?;
    let Some(entry) = l.iter_mut().find(|e| e.commitment == c.hash) else {
        return Err(CaseError::Refused(
            "本目录没有签署过这份承诺 · this folder did not sign this commitment".into(),
        ));
    };
    commitment_fully_signed(&c)?;
    entry.revealed = true;
    save_ledger(dir, &l)?;
    let r = signed_reveal(&me.id, &key, &c.hash, &secret);
    Ok((r, shown(Document::Commitment, c.hash, &c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(plan: &str, n: u8, revealed: bool) -> LedgerEntry {
        LedgerEntry {
            plan: plan.into(),
            commitment: Digest32([n; 32]),
            round_time: None,
            revealed,
        }
    }

    /// A folder reveals, and a signer seals, only for the last commitment it signed for a
    /// plan: signing B (superseding A) leaves A unusable, so an operator never holds two
    /// fully revealed commitments to choose between.
    #[test]
    fn only_the_latest_commitment_of_a_plan_is_revealed_or_sealed() {
        let l = vec![
            entry("P", 1, false),
            entry("Q", 9, false),
            entry("P", 2, false),
        ];
        assert!(latest_of_plan(&l, "P", &Digest32([2; 32]), true).is_ok());
        let old = latest_of_plan(&l, "P", &Digest32([1; 32]), true).unwrap_err();
        assert!(old.to_string().contains("superseded"), "{old}");
        assert!(latest_of_plan(&l, "P", &Digest32([1; 32]), false).is_err());
        assert!(
            latest_of_plan(&l, "R", &Digest32([1; 32]), true).is_err(),
            "never signed"
        );
        // Revealed for one commitment of the plan: no reveal for another.
        let l = vec![entry("P", 1, true), entry("P", 2, false)];
        let twice = latest_of_plan(&l, "P", &Digest32([2; 32]), true).unwrap_err();
        assert!(twice.to_string().contains("already revealed"), "{twice}");
        assert!(latest_of_plan(&l, "P", &Digest32([2; 32]), false).is_ok());
    }
}
