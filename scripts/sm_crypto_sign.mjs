// Helper for scripts/foreign_signed_vector.py: npm sm-crypto (an SM2 implementation
// independent of ours) makes key pairs and signs, reading one JSON request on stdin:
// {"keys": n} -> [{"private_key", "public_key"}], {"sign": [{"private_key", "message_hex"}]}
// -> ["r‖s hex", ...] (SM3 with Z_A under the default identifier, not DER).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(new URL("../bindings-wasm/package.json", import.meta.url));
const { sm2 } = require("sm-crypto");
const req = JSON.parse(readFileSync(0, "utf8"));
let out;
if (req.keys) {
  out = Array.from({ length: req.keys }, () => {
    const k = sm2.generateKeyPairHex();
    return { private_key: k.privateKey.padStart(64, "0"), public_key: k.publicKey };
  });
} else {
  out = req.sign.map(({ private_key, message_hex }) =>
    sm2.doSignature(Array.from(Buffer.from(message_hex, "hex")), private_key, { hash: true, der: false }));
}
process.stdout.write(JSON.stringify(out));
