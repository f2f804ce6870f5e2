//! The demo's audit trail (全过程留痕): every step of the demo as an event in an
//! append-only log, with signed checkpoints before the commitment and at the end.

use crate::util;
use shuangsuiji::audit::LogFile;
use shuangsuiji::audit::{
    verify_event_in_checkpoint, AuditLog, CheckpointSigner, Event, EventKind, Witness, WitnessState,
};
use shuangsuiji::trust::{LoggedEvent, TimeAnchor};
use shuangsuiji::Digest32;
use std::path::Path;

pub const ORIGIN: &str = "shuangsuiji.example/henan-gat/demo";

pub struct Trail {
    log: AuditLog,
    events: Vec<Event>,
    signer: CheckpointSigner,
    checkpoints: Vec<String>,
    /// The demo witness's state and the size of the last checkpoint it cosigned.
    witnessed: Option<(WitnessState, u64)>,
}

impl Trail {
    /// A log under `key`, whose suite is the log's (docs/spec/suites.md §3 "Audit log").
    pub fn new(key: shuangsuiji::SecretKey) -> Trail {
        use shuangsuiji::SuiteSigner as _;
        Trail {
            log: AuditLog::new_in(key.suite()),
            events: Vec::new(),
            signer: CheckpointSigner::new(ORIGIN, key, None),
            checkpoints: Vec::new(),
            witnessed: None,
        }
    }

    /// Logs one event; returns its index.
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
        self.events.push(e.clone());
        self.log.append(&e)
    }

    /// The log's verifier key (C2SP note form), as a trust file names it.
    pub fn verifier_key(&self) -> String {
        self.signer.verifier_key()
    }

    /// Signs a checkpoint of the log as it stands.
    pub fn checkpoint(&mut self) -> Result<String, String> {
        let c = self.signer.sign(&self.log).map_err(|e| e.to_string())?;
        self.checkpoints.push(c.text.clone());
        Ok(c.text)
    }

    /// A time anchor for the commitment event `index` and the reveal events `reveals`: a
    /// checkpoint of the log as it stands (not added to the published list, which stays as
    /// it was), cosigned by `witness` at `now`, with the events' inclusion proofs and the
    /// log up to the checkpoint.
    pub fn witnessed_anchor(
        &mut self,
        index: u64,
        reveals: &[u64],
        witness: &Witness,
        now: u64,
    ) -> Result<TimeAnchor, String> {
        let checkpoint = self.cosigned(witness, now)?;
        let logged = |i: u64| -> Result<LoggedEvent, String> {
            Ok(LoggedEvent {
                event: self
                    .events
                    .get(usize::try_from(i).map_err(|e| e.to_string())?)
                    .ok_or("no such event")?
                    .clone(),
                index: i,
                proof: self
                    .log
                    .inclusion_proof(i, self.log.size())
                    .ok_or("no proof")?,
            })
        };
        let commitment = logged(index)?;
        Ok(TimeAnchor {
            checkpoint,
            event: commitment.event,
            index,
            proof: commitment.proof,
            reveals: reveals
                .iter()
                .map(|i| logged(*i))
                .collect::<Result<_, _>>()?,
            log: Some(self.events.clone()),
            after_round: None,
        })
    }

    /// A checkpoint of the log as it stands, cosigned by `witness` at `now` after it
    /// checked that it extends the last one it cosigned.
    fn cosigned(&mut self, witness: &Witness, now: u64) -> Result<String, String> {
        let c = self.signer.sign(&self.log).map_err(|e| e.to_string())?;
        let (mut state, old) = match self.witnessed.take() {
            Some(w) => w,
            None => {
                let mut st = WitnessState::default();
                st.add_log(ORIGIN, &self.signer.verifier_key())
                    .map_err(|e| e.to_string())?;
                (st, 0)
            }
        };
        let proof = self
            .log
            .consistency_proof(old, self.log.size())
            .ok_or("no consistency proof")?;
        let line = witness
            .add_checkpoint(&mut state, &c.text, old, &proof, now)
            .map_err(|e| e.to_string())?;
        self.witnessed = Some((state, self.log.size()));
        Ok(format!("{}{line}", c.text))
    }

    /// Completes `anchor` with a checkpoint cosigned at `now` (after the beacon round) and
    /// the log up to it: no later commitment for the plan.
    pub fn witness_after_round(
        &mut self,
        anchor: &mut TimeAnchor,
        witness: &Witness,
        now: u64,
    ) -> Result<(), String> {
        anchor.after_round = Some(self.cosigned(witness, now)?);
        anchor.log = Some(self.events.clone());
        Ok(())
    }

    /// Proves event `index` against the latest checkpoint, as a verifier would.
    pub fn prove(&self, index: u64) -> Result<(), String> {
        let text = self.checkpoints.last().ok_or("no checkpoint")?;
        let event = self
            .events
            .get(usize::try_from(index).map_err(|e| e.to_string())?)
            .ok_or("no such event")?;
        let proof = self
            .log
            .inclusion_proof(index, self.log.size())
            .ok_or("no proof")?;
        verify_event_in_checkpoint(event, index, &proof, text, &self.signer.verifier_key())
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let f = LogFile {
            origin: ORIGIN.into(),
            verifier_key: self.signer.verifier_key(),
            events: self.events.clone(),
            checkpoints: self.checkpoints.clone(),
        };
        util::write_atomic(path, &util::to_json(&f)?)
    }

    pub fn size(&self) -> u64 {
        self.log.size()
    }
}
