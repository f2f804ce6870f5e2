//! The case's audit log (全过程留痕): every step appends its events and signs a checkpoint
//! with the unit's log key, which never enters the case directory.

use crate::error::{CaseError, Result};
use crate::layout;
use crate::store::{Store, Txn};
use shuangsuiji::audit::{AuditLog, CheckpointSigner, Event, EventKind, LogFile, SignedCheckpoint};
use shuangsuiji::{Digest32, SecretKey, SuiteSigner};

/// The log as a step sees it: loaded, appended to, written back in the step's files.
pub struct Trail {
    log: AuditLog,
    file: LogFile,
    signer: CheckpointSigner,
}

impl Trail {
    /// A new, empty log of `origin` under `key`, whose suite is the log's for life
    /// (docs/spec/suites.md §3 "Audit log").
    pub fn new(origin: &str, key: SecretKey) -> Trail {
        let suite = key.suite();
        let signer = CheckpointSigner::new(origin, key, None);
        Trail {
            log: AuditLog::new_in(suite),
            file: LogFile {
                origin: origin.into(),
                verifier_key: signer.verifier_key(),
                events: Vec::new(),
                checkpoints: Vec::new(),
            },
            signer,
        }
    }

    /// The case's log, with the signer resumed from its last checkpoint (so it refuses to
    /// sign anything that does not extend it).
    ///
    /// # Errors
    /// When the key is not the log's, or the log's last checkpoint does not verify.
    pub fn load(store: &Store, key: SecretKey) -> Result<Trail> {
        let file: LogFile = store.read_json(layout::AUDIT)?;
        let signer = CheckpointSigner::new(&file.origin, key.clone(), None);
        if signer.verifier_key() != file.verifier_key {
            return Err(CaseError::Refused(
                "所给日志密钥不是本抽查任务审计日志的密钥 · the log key given is not this case's audit log key".into(),
            ));
        }
        let last = match file.checkpoints.last() {
            Some(t) => Some(
                SignedCheckpoint::verify(t, &file.verifier_key)
                    .map_err(|e| CaseError::Refused(format!("audit.json: {e}")))?
                    .checkpoint,
            ),
            None => None,
        };
        Ok(Trail {
            log: AuditLog::from_events_in(signer.suite(), &file.events),
            signer: CheckpointSigner::new(&file.origin, key, last),
            file,
        })
    }

    /// Appends one event; returns its index.
    pub fn record(
        &mut self,
        kind: EventKind,
        actor: &str,
        time: i64,
        subject: Digest32,
        note: &str,
    ) -> u64 {
        let e = Event {
            kind,
            actor: actor.into(),
            time,
            subject,
            note: note.into(),
        };
        self.file.events.push(e.clone());
        self.log.append(&e)
    }

    /// Signs a checkpoint of the log as it stands and keeps it in the file.
    ///
    /// # Errors
    /// When the log no longer extends the last checkpoint (it was altered).
    pub fn checkpoint(&mut self) -> Result<SignedCheckpoint> {
        let c = self
            .signer
            .sign(&self.log)
            .map_err(|e| CaseError::Refused(format!("audit.json: {e}")))?;
        self.file.checkpoints.push(c.text.clone());
        Ok(c)
    }

    /// The events so far.
    pub fn events(&self) -> &[Event] {
        &self.file.events
    }

    /// The log's verifier key.
    pub fn verifier_key(&self) -> &str {
        &self.file.verifier_key
    }

    /// The tree, for proofs.
    pub fn log(&self) -> &AuditLog {
        &self.log
    }

    /// Adds the log to a step's files.
    ///
    /// # Errors
    /// Only if it cannot be encoded.
    pub fn put(&self, txn: &mut Txn) -> Result<()> {
        txn.put_json(layout::AUDIT, &self.file)
    }
}
