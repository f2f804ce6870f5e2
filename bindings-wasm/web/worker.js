// The streamed re-run, off the page's thread: a target register too large to hold (a
// province's CSV, sorted by id) is read in slices with FileReaderSync — which only a Worker
// has — while the core re-runs the draw over it twice. Nothing is uploaded; the page gets
// progress messages and, at the end, the same result object `verify` gives.
import init, { verifyStreamed } from "../pkg/web/shuangsuiji.js";

const bytes = (file) => (file ? new Uint8Array(new FileReaderSync().readAsArrayBuffer(file)) : undefined);

self.onmessage = async ({ data }) => {
  try {
    // The module the page compiled from the bytes it hashed (build.json), not a second fetch.
    const wasm = await init({ module_or_path: data.module });
    const file = data.targets;
    const reader = new FileReaderSync();
    let pass = 0;
    let last = 0;
    const t0 = performance.now();
    // Each slice is a new ArrayBuffer, and a Worker busy in one long call never frees them
    // (10M rows: 2.4 GB read, all of it still held at the end). So once the core has copied a
    // slice — by the next call — it is transferred to the page, which is idle and frees it.
    let previous = null;
    const read = (offset, length) => {
      if (previous) postMessage({ discard: previous }, [previous]);
      if (offset === 0) pass += 1;
      const end = Math.min(file.size, offset + length);
      previous = reader.readAsArrayBuffer(file.slice(offset, end));
      const chunk = new Uint8Array(previous);
      const now = performance.now();
      if (now - last > 100 || end >= file.size) {
        last = now;
        postMessage({ progress: { pass, done: end, size: file.size } });
      }
      return chunk;
    };
    const result = verifyStreamed(bytes(data.record), read, bytes(data.inspectors), data.asOf,
      bytes(data.trust), bytes(data.anchor));
    // The module's linear memory at the end (it only grows): what the re-run held at most.
    postMessage({ result, ms: performance.now() - t0, wasmBytes: wasm.memory.buffer.byteLength });
  } catch (e) {
    postMessage({ error: String(e) });
  }
};
