// A small program against the package's published types (pkg/web/shuangsuiji.d.ts):
// `npx tsc -p tsconfig.json` must accept it, so the .d.ts says what the module does.
// scripts/test-wasm.sh runs the check after building the package; it is never executed.
import {
  verify, verifyRound, verifyNotice, publishBy, sampleIds,
  type VerifyResult, type Failure, type ErrorKind, type ShuangsuijiError,
} from "shuangsuiji";

declare const record: string;
declare const targets: Uint8Array;
declare const inspectors: ArrayBuffer;

const r: VerifyResult = verify(record, targets, inspectors);
if (r.ok && r.summary && r.verified) {
  const hash: string = r.summary.record_hash;
  const selected: number = r.verified.selected;
  const teams: string[] = r.summary.teams.map((t) => t.members.map((m) => m.role).join(","));
  console.log(hash, selected, teams);
} else if (r.error) {
  const e: Failure = r.error;
  const kind: ErrorKind = e.kind;
  const cause: ErrorKind | undefined = e.causeKind;
  const zh: string = e.messageZh;
  if (e.type === "VerifyError" && kind === "rerun" && cause === "root") console.log(zh, e.path);
}

const round = verifyRound("{}", 1_692_803_700, "{}");
const t: number | null = round.round_time;
const notice = verifyNotice("{}", "csv text");
console.log(t, notice.ok);

try {
  const due: string = publishBy("2026-12-10");
  const picked: [string, string][] = sampleIds("A001\nA002\n", "00".repeat(32), 1);
  console.log(due, picked);
} catch (err) {
  const e = err as ShuangsuijiError;
  const kinds: ErrorKind[] = ["not_covered", "validation", "input"];
  if (kinds.includes(e.kind)) console.log(e.type, e.messageZh, e.message);
}

// The verdict against a trust file: never a bare "ok".
const trusted = verify(record, targets, inspectors, undefined, "{\"format\":\"shuangsuiji/trust/v1\",\"name\":\"n\"}");
if (trusted.verdict && trusted.verdict.level !== "anchored") {
  for (const u of trusted.verdict.unanchored) console.log(u.kind, u.message_zh, u.public_key ?? "");
  const quicknet: boolean = trusted.verdict.beacon?.name === "drand quicknet";
  console.log(quicknet);
}
