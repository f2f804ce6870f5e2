//! `verify`: the full re-run of a sealed record against the public register views, with a
//! summary of what the record says for people to read.

use crate::errors::Failure;
use crate::input;
use crate::types::to_js;
use serde::Serialize;
use shuangsuiji::import::TargetCsvStream;
use shuangsuiji::trust::{
    verify_anchored, verify_with_references, References, TimeAnchor, TrustFile, Verdict,
};
use shuangsuiji::{
    draw::BeaconChoice, draw::Participant, draw::StratumDraw, draw::Team, registers::RegisterRoots,
    Digest32, PublicInspectorRegister, Reveal, SealedRecord, Verified,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The result object (`VerifyResult` in the `.d.ts`).
#[derive(Serialize)]
struct VerifyResult<'a> {
    ok: bool,
    error: Option<Failure>,
    /// What the record says (present whenever the record could be read; verified only
    /// when `ok`).
    summary: Option<Summary<'a>>,
    /// What the verification established (only when `ok`).
    verified: Option<VerifiedOut>,
    /// The verdict against the trust file (docs/spec/trust.md): its level, every element
    /// without an anchor, the beacon and signers as anchored. Present whenever the draw was
    /// re-run; `ok` alone never means "anchored".
    verdict: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct VerifiedOut {
    record_hash: Digest32,
    seed: Digest32,
    selected: usize,
    beacon: bool,
    commitment_hash: Digest32,
    committed_at: i64,
    beacon_round: Option<u64>,
    suite: &'static str,
    /// draw/v3 only: "public" or "auditor" (how far the sealed classes were checked).
    #[serde(skip_serializing_if = "Option::is_none")]
    classes: Option<shuangsuiji::draw::ClassesChecked>,
}

impl From<Verified> for VerifiedOut {
    fn from(v: Verified) -> Self {
        VerifiedOut {
            record_hash: v.record_hash,
            seed: v.seed,
            selected: v.selected,
            beacon: v.beacon,
            commitment_hash: v.commitment_hash,
            committed_at: v.committed_at,
            beacon_round: v.beacon_round,
            suite: v.suite.name(),
            classes: (v.classes != shuangsuiji::draw::ClassesChecked::NotSealed)
                .then_some(v.classes),
        }
    }
}

#[derive(Serialize)]
struct PlanOut<'a> {
    id: &'a str,
    title: &'a str,
    items: &'a [String],
    inspection_date: String,
}

#[derive(Serialize)]
struct BeaconOut<'a> {
    chain_hash: &'a str,
    round: u64,
    /// Unix time at which the round is published.
    round_time: i64,
    signature: Option<&'a str>,
    randomness: Option<&'a str>,
}

#[derive(Serialize)]
struct PublishedOut<'a> {
    source: &'a str,
    issue: &'a str,
    announced_in: &'a str,
    draws_at: i64,
    groups: Vec<GroupOut<'a>>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    #[serde(flatten)]
    form: &'a shuangsuiji::draw::NumberGroup,
    numbers: &'a [u32],
}

#[derive(Serialize)]
struct StratumOut<'a> {
    key: &'a str,
    population: u64,
    ratio: &'a shuangsuiji::registers::fields::BasisPoints,
    quota: u64,
    selected: usize,
    alternates: usize,
}

#[derive(Serialize)]
struct SelectedOut<'a> {
    target: &'a str,
    /// Stratum key, or `null` for the 100 % list.
    stratum: Option<&'a str>,
    ticket: &'a Digest32,
}

/// What the record says, in the shape the page shows. Inspector ids only: the public
/// view carries no personal data.
#[derive(Serialize)]
struct Summary<'a> {
    algorithm: &'a str,
    /// The cryptographic suite: "ed25519-sha256" or "sm2-sm3" (国密).
    suite: &'static str,
    plan: PlanOut<'a>,
    record_hash: &'a Digest32,
    commitment_hash: &'a Digest32,
    committed_at: i64,
    roots: &'a RegisterRoots,
    item_list_version: &'a str,
    participants: &'a [Participant],
    reveals: &'a [Reveal],
    /// `null` in offline mode (reveals only).
    beacon: Option<BeaconOut<'a>>,
    /// Published-numbers mode: each public draw with its numbers (empty otherwise).
    published_numbers: Vec<PublishedOut<'a>>,
    seed: &'a Digest32,
    strata: Vec<StratumOut<'a>>,
    must_include: usize,
    exclusions: usize,
    selected: Vec<SelectedOut<'a>>,
    teams: &'a [Team],
    batches: Vec<usize>,
    signers: Vec<&'a str>,
    commitment_signatures: Vec<&'a str>,
    record_signatures: Vec<&'a str>,
}

fn stratum(st: &StratumDraw) -> StratumOut<'_> {
    StratumOut {
        key: &st.key,
        population: st.population,
        ratio: &st.ratio,
        quota: st.quota,
        selected: st.selected.len(),
        alternates: st.alternates.len(),
    }
}

fn summary(s: &SealedRecord) -> Summary<'_> {
    let r = &s.record;
    let c = &r.commitment.commitment;
    let beacon = match &c.beacon {
        BeaconChoice::Drand(spec) => Some(BeaconOut {
            chain_hash: &spec.chain_hash,
            round: spec.round,
            round_time: spec.round_time(),
            signature: r.beacon.as_ref().map(|b| b.signature.as_str()),
            randomness: r.beacon.as_ref().map(|b| b.randomness.as_str()),
        }),
        _ => None,
    };
    // The committed draws beside the numbers the record holds for each (by position; the
    // re-run has checked source and issue when the record verifies).
    let published_numbers = match &c.beacon {
        BeaconChoice::PublishedNumbers(spec) => spec
            .draws
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let numbers = r.published_numbers.get(i).map(|x| x.numbers.as_slice());
                PublishedOut {
                    source: &d.source,
                    issue: &d.issue,
                    announced_in: &d.announced_in,
                    draws_at: d.draws_at,
                    groups: d
                        .groups
                        .iter()
                        .enumerate()
                        .map(|(j, g)| GroupOut {
                            form: g,
                            numbers: numbers.and_then(|n| n.get(j)).map_or(&[], Vec::as_slice),
                        })
                        .collect(),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let selected = r
        .must_include
        .iter()
        .map(|t| (None, t))
        .chain(
            r.strata
                .iter()
                .flat_map(|st| st.selected.iter().map(move |t| (Some(st.key.as_str()), t))),
        )
        .map(|(stratum, t)| SelectedOut {
            target: &t.target,
            stratum,
            ticket: &t.ticket,
        })
        .collect();
    Summary {
        algorithm: &r.algorithm,
        suite: c.suite.name(),
        plan: PlanOut {
            id: &c.plan.id,
            title: &c.plan.title,
            items: &c.plan.items,
            inspection_date: c.plan.inspection_date.to_string(),
        },
        record_hash: &s.hash,
        commitment_hash: &r.commitment.hash,
        committed_at: c.committed_at,
        roots: &c.roots,
        item_list_version: r.item_list.version(),
        participants: &c.participants,
        reveals: &r.reveals,
        beacon,
        published_numbers,
        seed: &r.seed,
        strata: r.strata.iter().map(stratum).collect(),
        must_include: r.must_include.len(),
        exclusions: r.exclusions.len(),
        selected,
        teams: &r.teams,
        batches: r.batches.iter().map(Vec::len).collect(),
        signers: c.signers.iter().map(|x| x.name.as_str()).collect(),
        commitment_signatures: r
            .commitment
            .signatures
            .iter()
            .map(|x| x.signer.as_str())
            .collect(),
        record_signatures: s.signatures.iter().map(|x| x.signer.as_str()).collect(),
    }
}

fn failed(error: Failure, summary: Option<Summary<'_>>) -> VerifyResult<'_> {
    VerifyResult {
        ok: false,
        error: Some(error),
        summary,
        verified: None,
        verdict: None,
    }
}

/// Verifies a sealed draw record (JSON) against the public target register (JSON as
/// published, or the CSV/XLSX template with `asOf`) and the public view of the inspector
/// register (JSON): re-runs the draw and checks every signature, commitment, reveal,
/// beacon and root, then assesses the record against `trust` (a trust file, JSON; absent:
/// nothing is anchored). Never throws for a record that does not verify: the result says
/// why, and `verdict.level` says how far the record is anchored. `announcements`
/// (published-numbers mode, docs/spec/draw-v2.md §15): the official announcements as the
/// reader entered them, `[{source, issue, draws_at, numbers}]`; without them the verdict
/// lists `published_numbers` for the reader to compare.
#[wasm_bindgen(unchecked_return_type = "VerifyResult")]
pub fn verify(
    #[wasm_bindgen(unchecked_param_type = "Input")] record: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Input")] targets: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Input")] inspectors: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_optional_param_type = "string")] as_of: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "Input")] trust: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Input")] anchor: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Input")] announcements: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    respond(
        &record,
        &inspectors,
        trust,
        anchor,
        |sealed, inspectors, trust, anchor| {
            let as_of = input::date("asOf", as_of)?;
            let targets = input::targets(&input::required("targets", &targets)?, as_of)?;
            let announcements: Vec<shuangsuiji::trust::Announcement> = match &announcements {
                Some(a) if !a.is_undefined() && !a.is_null() => {
                    input::json_value("announcements", a)?
                }
                _ => Vec::new(),
            };
            Ok(verify_with_references(
                sealed,
                &targets,
                inspectors,
                trust,
                anchor,
                &References {
                    announcements: &announcements,
                    ..References::default()
                },
            ))
        },
    )
}

/// draw/v3 (docs/spec/privacy.md §13), the public: verifies a sealed record against the
/// sealed target view (JSON, as published) and the public inspector view, as `verify` does
/// (`verified.classes` is "public": each class being the register's is the auditor's).
#[wasm_bindgen(js_name = verifySealed, unchecked_return_type = "VerifyResult")]
pub fn verify_sealed(
    #[wasm_bindgen(unchecked_param_type = "Input")] record: JsValue,
    #[wasm_bindgen(js_name = sealedView, unchecked_param_type = "Input")] sealed_view: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Input")] inspectors: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Input")] trust: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Input")] anchor: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    respond(
        &record,
        &inspectors,
        trust,
        anchor,
        |sealed, inspectors, trust, anchor| {
            let view: shuangsuiji::privacy::SealedView =
                input::json_value("sealedView", &sealed_view)?;
            Ok(verify_with_references(
                sealed,
                &view,
                inspectors,
                trust,
                anchor,
                &References::default(),
            ))
        },
    )
}

/// draw/v3, the auditor: as `verifySealed`, from the full target register (JSON), the view
/// key (64 hex digits) the sealed view was made under and the keeper's inspector view with
/// its declared conflicts (the record is checked against it without them) — the whole draw
/// re-run, each class and recusal set included (`verified.classes` is "auditor"). Nothing
/// is sent anywhere.
#[wasm_bindgen(js_name = auditSealed, unchecked_return_type = "VerifyResult")]
pub fn audit_sealed(
    #[wasm_bindgen(unchecked_param_type = "Input")] record: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Input")] targets: JsValue,
    #[wasm_bindgen(js_name = viewKey)] view_key: &str,
    #[wasm_bindgen(unchecked_param_type = "Input")] inspectors: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Input")] trust: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Input")] anchor: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    respond(
        &record,
        &inspectors,
        trust,
        anchor,
        |sealed, declared, trust, anchor| {
            let register: shuangsuiji::TargetRegister = input::json_value("targets", &targets)?;
            let key = shuangsuiji::privacy::ViewKey::from_hex(view_key)
                .ok_or_else(|| Failure::input("viewKey", "expected 64 hex digits"))?;
            let keeper = shuangsuiji::draw::SealedKeeper::new(
                register,
                shuangsuiji::privacy::Recusals::of_public(declared),
                key,
            );
            Ok(verify_with_references(
                sealed,
                &keeper,
                &declared.without_conflicts(),
                trust,
                anchor,
                &References::default(),
            ))
        },
    )
}

/// As `verify`, with the target register streamed: a CSV sorted by id (as `shuangsuiji
/// export` and the public CSV view write it) that the re-run reads twice through
/// `readTargets(offset, length)` — the next bytes from `offset`, at most `length`, empty
/// at the end — and never holds whole. In a Web Worker, `FileReaderSync` over
/// `file.slice(offset, offset + length)` verifies a register far larger than memory; the
/// callback is also where a page counts progress. An exception it throws stops the re-run
/// and is reported as the register's problem.
#[wasm_bindgen(js_name = verifyStreamed, unchecked_return_type = "VerifyResult")]
pub fn verify_streamed(
    #[wasm_bindgen(unchecked_param_type = "Input")] record: JsValue,
    #[wasm_bindgen(
        js_name = readTargets,
        unchecked_param_type = "(offset: number, length: number) => Uint8Array"
    )]
    read_targets: js_sys::Function,
    #[wasm_bindgen(unchecked_param_type = "Input")] inspectors: JsValue,
    #[wasm_bindgen(js_name = asOf)] as_of: String,
    #[wasm_bindgen(unchecked_optional_param_type = "Input")] trust: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Input")] anchor: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    respond(
        &record,
        &inspectors,
        trust,
        anchor,
        |sealed, inspectors, trust, anchor| {
            let as_of = input::date("asOf", Some(as_of))?
                .ok_or_else(|| Failure::input("asOf", "is missing"))?;
            let source = TargetCsvStream::new(|| Ok(JsChunks::new(&read_targets)), as_of);
            Ok(verify_anchored(sealed, &source, inspectors, trust, anchor))
        },
    )
}

/// Bytes pulled from a JS `(offset, length) => Uint8Array` in large chunks (one call per
/// chunk, not per CSV buffer refill: each call crosses into JS).
struct JsChunks<'a> {
    read: &'a js_sys::Function,
    offset: f64,
    buf: Vec<u8>,
    pos: usize,
    done: bool,
}

const CHUNK: usize = 4 << 20;

impl<'a> JsChunks<'a> {
    fn new(read: &'a js_sys::Function) -> Self {
        JsChunks {
            read,
            offset: 0.0,
            buf: Vec::new(),
            pos: 0,
            done: false,
        }
    }

    fn refill(&mut self) -> std::io::Result<()> {
        #[allow(clippy::cast_precision_loss)] // 4 MiB is exact in an f64
        let length = JsValue::from_f64(CHUNK as f64);
        let v = self
            .read
            .call2(&JsValue::NULL, &JsValue::from_f64(self.offset), &length)
            .map_err(|e| std::io::Error::other(format!("readTargets threw: {e:?}")))?;
        let a: js_sys::Uint8Array = v
            .dyn_into()
            .map_err(|_| std::io::Error::other("readTargets did not return a Uint8Array"))?;
        let n = a.length() as usize;
        if n == 0 {
            self.done = true;
        }
        self.buf.resize(n, 0);
        a.copy_to(&mut self.buf);
        self.pos = 0;
        #[allow(clippy::cast_precision_loss)] // offsets stay below 2^53
        {
            self.offset += n as f64;
        }
        Ok(())
    }
}

use std::io::Read;

impl Read for JsChunks<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.buf.len() && !self.done {
            self.refill()?;
        }
        let mut rest = self.buf.get(self.pos..).unwrap_or_default();
        let n = rest.read(out)?;
        self.pos += n;
        Ok(n)
    }
}

/// The inputs both forms share (record, inspectors, trust, anchor) read, the re-run made,
/// and the result shaped: a record that cannot be read gives no summary.
fn respond(
    record: &JsValue,
    inspectors: &JsValue,
    trust: Option<JsValue>,
    anchor: Option<JsValue>,
    rerun: impl FnOnce(
        &SealedRecord,
        &PublicInspectorRegister,
        Option<&TrustFile>,
        Option<&TimeAnchor>,
    ) -> Result<Verdict, Failure>,
) -> Result<JsValue, JsValue> {
    let sealed: SealedRecord = match input::json_value("record", record) {
        Ok(s) => s,
        Err(e) => return to_js(&failed(e, None)),
    };
    let trust = trust.unwrap_or(JsValue::UNDEFINED);
    let anchor = anchor.unwrap_or(JsValue::UNDEFINED);
    let verdict = others(inspectors, &trust, &anchor).and_then(|(inspectors, trust, anchor)| {
        rerun(&sealed, &inspectors, trust.as_ref(), anchor.as_ref())
    });
    let result = match verdict {
        Ok(verdict) => {
            let json = verdict.to_json();
            match (verdict.verified, verdict.error) {
                (Some(v), _) => VerifyResult {
                    ok: true,
                    error: None,
                    summary: Some(summary(&sealed)),
                    verified: Some(v.into()),
                    verdict: Some(json),
                },
                (None, e) => VerifyResult {
                    verdict: Some(json),
                    ..failed(
                        e.map_or_else(
                            || Failure::input("record", "the re-run gave no result"),
                            Failure::from,
                        ),
                        Some(summary(&sealed)),
                    )
                },
            }
        }
        Err(e) => failed(e, Some(summary(&sealed))),
    };
    to_js(&result)
}

type Others = (
    PublicInspectorRegister,
    Option<TrustFile>,
    Option<TimeAnchor>,
);

fn others(inspectors: &JsValue, trust: &JsValue, anchor: &JsValue) -> Result<Others, Failure> {
    let inspectors = input::inspectors(&input::required("inspectors", inspectors)?)?;
    let trust = match input::bytes("trust", trust)? {
        Some(b) => Some(TrustFile::from_json(&b)?),
        None => None,
    };
    let anchor: Option<TimeAnchor> = match input::bytes("anchor", anchor)? {
        Some(b) => Some(input::json("anchor", &b)?),
        None => None,
    };
    Ok((inspectors, trust, anchor))
}
