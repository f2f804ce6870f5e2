//! Returned objects: serialised by serde to JSON and parsed by the JS engine in one call
//! (fast even for tens of thousands of selected targets), and their TypeScript types,
//! which wasm-bindgen appends to the generated `.d.ts`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A value as a plain JS object.
///
/// # Errors
/// Only if serialisation fails (a bug), as a JS `Error`.
pub fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    let s = serde_json::to_string(v).map_err(|e| js_sys::Error::new(&e.to_string()))?;
    js_sys::JSON::parse(&s)
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A document as text (JSON, CSV) or bytes (JSON, CSV, XLSX); parsed in Rust. */
export type Input = string | Uint8Array | ArrayBuffer;
/** 32 bytes as 64 lower-case hex digits. */
export type Hex32 = string;

/** What failed: the core's stable kind (docs/errors.md, the same as Python's `.kind`), or
 *  `input` for an input that could not be read. `mismatch`: the record differs from the
 *  re-run (see `path`); `rerun`: re-running the draw failed (see `causeKind`). */
export type ErrorKind =
  | "input" | "validation" | "plan" | "presence" | "wrong_round" | "too_early" | "malformed"
  | "bad_signature" | "randomness_mismatch" | "algorithm" | "commitment" | "root" | "reveal" | "participant" | "as_of" | "over_cap"
  | "beacon" | "must_include" | "team_shortfall" | "unsorted" | "register" | "source" | "encoding"
  | "signature" | "rerun" | "mismatch" | "format" | "bad_key" | "csv_mismatch" | "no_commitment"
  | "digest_mismatch" | "mask_mismatch" | "json" | "duplicate_year" | "empty_year"
  | "date_outside_year" | "reversed_span" | "make_up_on_weekday" | "conflict" | "not_covered"
  | "inconsistent" | "proof" | "out_of_range" | "wrong_length" | "root_mismatch" | "trust"
  | "sealed_leaf" | "not_one_class" | "population" | "missing_opening" | "extra_opening"
  | "bad_opening" | "two_strata" | "outcome" | "class_proof" | "auditor";

/** Which error, named as the Python exception class of the same error. */
export type ErrorType =
  | "FormatError" | "ValidationError" | "PlanError" | "DrawError" | "BeaconError"
  | "VerifyError" | "NoticeError" | "CalendarError" | "AuditError" | "TrustError"
  | "PrivacyError";

/** One problem of a register file (row-level, from CSV/XLSX import) or of an id list
 *  (`sampleIds`: `row` is the line). */
export interface Problem {
  register: "item_list" | "targets" | "inspectors" | "results" | "id_list";
  row: number | null;
  record: string | null;
  field: string;
  /** The source's own column name, for rows from a database or Arrow (never set here). */
  column?: string;
  kind: string;
  message: string;
}

/** Why something did not verify. Also the shape of errors thrown by computation functions. */
export interface Failure {
  kind: ErrorKind;
  /** The kind of the wrapped error, e.g. `root` under `rerun`, `bad_signature` under `beacon`. */
  causeKind?: ErrorKind;
  type: ErrorType;
  /** The core's explanation, in English. */
  message: string;
  /** The same explanation, in Chinese. */
  messageZh: string;
  /** JSON path of the first difference (`strata[0].selected[3].target`), the signer, the
   *  participant, the target or the field concerned. */
  path?: string;
  /** The input that could not be read. */
  input?: "record" | "targets" | "inspectors" | "asOf" | "spec" | "round" | "committedAt"
    | "notice" | "csv" | "disclosures" | "itemList" | "itemListVersion" | "log" | "subjects"
    | "subseed" | "text" | "resultDate" | "salt" | "value" | "trust" | "plan" | "seed"
    | "suite" | "viewKey" | "sealedView" | "proof";
  problems?: Problem[];
}

/** Thrown by `registerRoots`, `recordHash`, `canonicalRecord`, `sampleIds`, `publishBy`,
 *  `disclosureCommitment`. */
export interface ShuangsuijiError extends Error, Failure {}

export interface Participant { id: string; role: string; commitment: Hex32; public_key?: string; distid?: string }
export interface Reveal { participant: string; secret: string }
export interface Member { inspector: string; department: string; role: "officer" | "expert" }
export interface Team { target: string; members: Member[] }

export interface DrawSummary {
  algorithm: string;
  /** The cryptographic suite of every hash and signature (docs/spec/suites.md). */
  suite: "ed25519-sha256" | "sm2-sm3";
  plan: { id: string; title: string; items: string[]; inspection_date: string };
  record_hash: Hex32;
  commitment_hash: Hex32;
  /** Unix seconds. */
  committed_at: number;
  roots: { item_list: Hex32; targets: Hex32; inspectors: Hex32 };
  item_list_version: string;
  participants: Participant[];
  reveals: Reveal[];
  /** `null` in offline mode (participants' reveals only). */
  beacon: null | {
    chain_hash: Hex32; round: number; round_time: number;
    signature: string | null; randomness: string | null;
  };
  /** Published-numbers mode (docs/spec/draw-v2.md §15): the public draws the commitment
   *  names with the numbers the record gives; empty in the other modes. */
  published_numbers: PublishedDraw[];
  seed: Hex32;
  strata: { key: string; population: number; ratio: number; quota: number;
            selected: number; alternates: number }[];
  must_include: number;
  exclusions: number;
  /** The 100 % list first (`stratum: null`), then each stratum's selection. */
  selected: { target: string; stratum: string | null; ticket: Hex32 }[];
  /** Inspector ids only: the public view holds no personal data. */
  teams: Team[];
  /** Sizes of the batches, in inspection order. */
  batches: number[];
  signers: string[];
  commitment_signatures: string[];
  record_signatures: string[];
}

/** A public draw of a published-numbers record: the committed form of each group and the
 *  numbers the record gives (`compared`: only in a verdict, whether an announcement the
 *  reader entered matched). */
export interface PublishedDraw {
  source: string; issue: string; announced_in: string;
  /** Scheduled draw time as committed, Unix seconds. */
  draws_at: number;
  groups: { name: string; count: number; min: number; max: number;
            order: "ascending" | "as_drawn"; numbers: number[] }[];
  compared?: boolean;
}

/** The result of `verify`. `summary` is what the record *claims*; it is verified only when `ok`. */
/** draw/v3 (docs/spec/privacy.md): the public or the auditor's check of a class proof. */
export interface ClassCheckResult {
  ok: boolean;
  error: Failure | null;
  /** Public: { targets_root, attribute, eligible, strata: [{key, population, quota, kept}],
   *  opened_targets }. Auditor: { entries, targets_root }. */
  verdict: Record<string, unknown> | null;
}

export interface VerifyResult {
  /** The record is consistent (it re-runs to the same bytes): not that it is anchored. */
  ok: boolean;
  error: Failure | null;
  summary: DrawSummary | null;
  verified: null | { record_hash: Hex32; seed: Hex32; selected: number; beacon: boolean;
    commitment_hash: Hex32; committed_at: number; beacon_round: number | null;
    suite: "ed25519-sha256" | "sm2-sm3" };
  /** How far the record is anchored in the trust file; present whenever it was re-run. */
  verdict: Verdict | null;
}

/** One element of a record with no anchor in the trust file (docs/spec/trust.md). */
export interface Unanchored {
  kind: "no_trust_file" | "chain" | "offline_beacon" | "signer" | "unsigned_participants"
    | "participant" | "participant_roles" | "plan_log" | "after_round" | "redraw" | "time_anchor"
    | "time_anchor_refused" | "annual_task" | "prior_draws" | "published_numbers";
  message: string;
  message_zh: string;
  chain_hash?: Hex32;
  name?: string;
  id?: string;
  public_key?: Hex32;
  roles?: number;
  plan?: string;
  /** `published_numbers`: the public draw's source and issue. */
  draw?: string;
  issue?: string;
  commitments?: number;
  committed_at?: number;
  reason?: string;
}

/** The verdict: anchored, consistent but not anchored, or failed. */
export interface Verdict {
  level: "anchored" | "not_anchored" | "failed";
  unanchored: Unanchored[];
  /** The beacon by chain hash; `name` only when anchored ("drand quicknet", or the trust
   *  file's name). */
  beacon: null | { chain_hash: Hex32; name: string | null; round: number; round_time: number };
  signers: { name: string; public_key: Hex32; role: string | null }[];
  /** draw/v2: the participants (id as `name`) with their keys and trusted roles. */
  participants: { name: string; public_key: Hex32; role: string | null }[];
  anchored_time: number | null;
  /** draw/v2: commitments the log holds for the plan (1: no re-draw); null: no log checked. */
  plan_commitments: number | null;
  /** Published-numbers mode only (docs/spec/draw-v2.md §15): each public draw with the
   *  numbers the record gives, for the reader to compare with the official announcement. */
  published_numbers?: PublishedDraw[];
  verified: null | { record_hash: Hex32; seed: Hex32; selected: number; commitment_hash: Hex32;
    committed_at: number; beacon_round: number | null;
    /** Only under "sm2-sm3" (verdicts under the default suite keep their bytes). */
    suite?: "sm2-sm3" };
  error: null | { kind: ErrorKind; cause_kind: ErrorKind | null; message: string; message_zh: string };
}

export interface AuditResult {
  ok: boolean;
  error: Failure | null;
  origin: string | null;
  /** The log's suite (its key's): "ed25519-sha256" or "sm2-sm3". */
  suite: string | null;
  events: number | null;
  checkpoints: number | null;
  latest: [number, Hex32] | null;
  included: { subject: Hex32; index: number }[];
}

export interface RoundResult {
  ok: boolean;
  error: Failure | null;
  round: number | null;
  round_time: number | null;
  randomness: Hex32 | null;
}

export interface RegisterFiles {
  itemList?: Input; itemListVersion?: string;
  targets?: Input; asOf?: string;
  inspectors?: Input;
  /** "sm2-sm3" for a draw under the 国密 suite; absent: "ed25519-sha256". */
  suite?: "ed25519-sha256" | "sm2-sm3";
}

export interface RegisterRoots {
  item_list?: Hex32; targets?: Hex32; inspectors?: Hex32;
  items_count?: number; targets_count?: number; inspectors_count?: number;
}

export interface NoticeResult {
  ok: boolean;
  error: Failure | null;
  notice_hash: Hex32 | null;
  csv_checked: boolean;
  disclosures_checked: number;
  notice: null | {
    notice_id: string; publisher: string; published_on: string; draw_record: Hex32;
    publisher_key: string; suite: string; policy_name: string;
    results: { id: string; status: "published" | "withheld" }[];
  };
}
"#;
