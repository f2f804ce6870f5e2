// The streamed re-run, off the page's thread: a target register too large to hold (a
// province's CSV, sorted by id) is read in slices with FileReaderSync — which only a Worker
// has — while the core re-runs the draw over it twice. Nothing is uploaded; the page gets
// progress messages and, at the end, the same result object `verify` gives.
import init, { verifyStreamed } from "../pkg/web/shuangsuiji.js";

const bytes = (file) => (file ? new Uint8Array(new FileReaderSync().readAsArrayBuffer(file)) : undefined);

self.onmessage = async ({ data }) => {
  try {
    // The module the page compiled from the bytes it hashed (build.json), not a second fetch.
    await init({ module_or_path: data.module });
    const file = data.targets;
    const reader = new FileReaderSync();
    let pass = 0;
    let last = 0;
    const t0 = performance.now();
    const read = (offset, length) => {
      if (offset === 0) pass += 1;
      const end = Math.min(file.size, offset + length);
      const chunk = new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, end)));
      const now = performance.now();
      if (now - last > 100 || end >= file.size) {
        last = now;
        postMessage({ progress: { pass, done: end, size: file.size } });
      }
      return chunk;
    };
    const result = verifyStreamed(bytes(data.record), read, bytes(data.inspectors), data.asOf,
      bytes(data.trust), bytes(data.anchor));
    postMessage({ result, ms: performance.now() - t0 });
  } catch (e) {
    postMessage({ error: String(e) });
  }
};
