//! `shuangsuiji witness …`: the witness role of C2SP tlog-witness (见证人). A witness keeps,
//! per log, the latest checkpoint it cosigned (in a state file it alone writes), cosigns a
//! new checkpoint only when a consistency proof shows it extends that one, and dates it
//! with its own clock. Its cosignatures are what dates a commitment (docs/spec/trust.md).

use crate::util;
use clap::Subcommand;
use shuangsuiji::audit::{Witness, WitnessState};
use shuangsuiji::{Digest32, Explain, SecretKey};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum WitnessCmd {
    /// 见证人公钥 Print the witness's verifier key, for trust files.
    Key {
        /// The witness's name (a schema-less URL, e.g. witness.example.org/w1).
        #[arg(long)]
        name: String,
        /// 见证人私钥 The witness's secret key: a file of 64 hex digits (Ed25519,
        /// cosignature/v1) or an SM2 PKCS#8 PEM (`keys new --suite sm2-sm3`'s key.pem: SM2
        /// cosignatures).
        #[arg(long)]
        key: PathBuf,
    },
    /// 登记日志 Start witnessing a log, from the empty tree.
    AddLog {
        /// The witness state file (created if absent).
        #[arg(long)]
        state: PathBuf,
        /// The log's origin line.
        #[arg(long)]
        origin: String,
        /// The log's note verifier key (`<origin>+<id>+<key>`).
        #[arg(long)]
        log_key: String,
        /// Create the state file (a new witness only: a witness's state is never
        /// recreated, or it could cosign a log's history again from scratch).
        #[arg(long)]
        init: bool,
        /// 演练见证人 With --init: a rehearsal witness, the only kind that dates its
        /// cosignatures by the rehearsal clock (SHUANGSUIJI_NOW).
        #[arg(long, requires = "init")]
        rehearsal: bool,
    },
    /// 联署检查点 Cosign a checkpoint that extends the latest one cosigned for its log;
    /// prints the cosignature line and records the checkpoint as the latest.
    Cosign {
        /// The witness state file.
        #[arg(long)]
        state: PathBuf,
        /// The witness's name.
        #[arg(long)]
        name: String,
        /// 见证人私钥 The witness's secret key (64 hex digits: Ed25519; PEM: SM2).
        #[arg(long)]
        key: PathBuf,
        /// The signed checkpoint (C2SP signed note).
        checkpoint: PathBuf,
        /// Size of the latest checkpoint cosigned for this log (0 the first time).
        #[arg(long)]
        old_size: u64,
        /// Consistency proof from the old size: a file of base64 hashes, one per line.
        #[arg(long)]
        proof: Option<PathBuf>,
    },
}

fn load_state(path: &Path, init: bool) -> Result<WitnessState, String> {
    match (path.exists(), init) {
        (false, true) => Ok(WitnessState::default()),
        (true, true) => Err(format!(
            "{} exists: --init creates a new witness state only",
            path.display()
        )),
        (false, false) => Err(format!(
            "{} is missing: a witness state is never recreated (use --init for a new witness)",
            path.display()
        )),
        (true, false) => util::load_json(path),
    }
}

/// An exclusive lock beside the state file for one load–check–save, so two runs can never
/// both cosign on top of the same state (a fork cosigned); removed when dropped. A lock left
/// by a crashed run must be removed by hand after checking the state.
struct StateLock(PathBuf);

impl StateLock {
    fn take(state: &Path) -> Result<StateLock, String> {
        let mut name = state.as_os_str().to_owned();
        name.push(".lock");
        let lock = PathBuf::from(name);
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock)
            .map_err(|e| {
                format!(
                    "cannot lock {}: {e} (another run holds it, or a crashed one left it)",
                    lock.display()
                )
            })?;
        Ok(StateLock(lock))
    }
}

impl Drop for StateLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The file beside a witness's state that makes it a rehearsal witness.
fn rehearsal_marker(state: &Path) -> PathBuf {
    let mut name = state.as_os_str().to_owned();
    name.push(".rehearsal");
    PathBuf::from(name)
}

fn proof(path: Option<&Path>) -> Result<Vec<Digest32>, String> {
    use base64::Engine as _;
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let text = String::from_utf8(util::read(path)?)
        .map_err(|_| format!("{} is not UTF-8", path.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            base64::engine::general_purpose::STANDARD
                .decode(l.trim())
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .map(Digest32)
                .ok_or_else(|| format!("{}: line {} is not a base64 hash", path.display(), i + 1))
        })
        .collect()
}

/// The witness's key file, either suite by its form.
fn witness_key(path: &Path) -> Result<SecretKey, String> {
    shuangsuiji_case::keys::read_note_key(path)
        .map_err(|e| format!("拒绝 REFUSED [{}]: {e}", e.kind()))
}

pub fn run(c: WitnessCmd) -> Result<(), String> {
    let fail = |e: &dyn Explain| format!("拒绝 REFUSED [{}]: {}\n{e}", e.kind(), e.message_zh());
    match c {
        WitnessCmd::Key { name, key } => {
            let w = Witness::new(&name, witness_key(&key)?);
            println!("{}", w.verifier_key());
        }
        WitnessCmd::AddLog {
            state,
            origin,
            log_key,
            init,
            rehearsal,
        } => {
            let _lock = StateLock::take(&state)?;
            let mut s = load_state(&state, init)?;
            s.add_log(&origin, &log_key).map_err(|e| fail(&e))?;
            let marker = rehearsal_marker(&state);
            if rehearsal {
                util::write_atomic(&marker, b"rehearsal witness\n")?;
            } else if init && marker.exists() {
                // A marker left from an earlier (deleted) state must not make a real witness
                // honour the rehearsal clock.
                std::fs::remove_file(&marker)
                    .map_err(|e| format!("cannot remove {}: {e}", marker.display()))?;
            }
            util::write_atomic(&state, &util::to_json(&s)?)?;
            println!("见证 Witnessing {origin} from the empty tree");
        }
        WitnessCmd::Cosign {
            state,
            name,
            key,
            checkpoint,
            old_size,
            proof: proof_file,
        } => {
            let _lock = StateLock::take(&state)?;
            let mut s = load_state(&state, false)?;
            let w = Witness::new(&name, witness_key(&key)?);
            let note = String::from_utf8(util::read(&checkpoint)?)
                .map_err(|_| format!("{} is not UTF-8", checkpoint.display()))?;
            // A witness's clock is what verifiers trust: the rehearsal clock only for a
            // witness made for rehearsal, never for a real one.
            let now = if rehearsal_marker(&state).exists() {
                util::unix_now()?
            } else if std::env::var(util::NOW_VAR).is_ok() {
                return Err(format!(
                    "拒绝 REFUSED: 设置了演练时钟 {0}，但这不是演练见证人（witness add-log --init --rehearsal）· {0} is set, but this is not a rehearsal witness",
                    util::NOW_VAR
                ));
            } else {
                time::OffsetDateTime::now_utc().unix_timestamp()
            };
            let now = u64::try_from(now).map_err(|_| "the clock is before 1970")?;
            let line = w
                .add_checkpoint(&mut s, &note, old_size, &proof(proof_file.as_deref())?, now)
                .map_err(|e| fail(&e))?;
            // The state moves forward only once the cosignature exists; written atomically.
            util::write_atomic(&state, &util::to_json(&s)?)?;
            print!("{line}");
        }
    }
    Ok(())
}
