#!/usr/bin/env bash
# The WebAssembly package (bindings-wasm/): installs what is missing (skipping what is
# present at the right version), builds pkg/web and pkg/node, writes the demo's public
# register views, then runs the Node tests, including the end-to-end test of the
# verification page in headless Debian Chromium (SHUANGSUIJI_PAGE_DIR: the released page
# folder instead of bindings-wasm/web). Ends with node's test-runner summary.
set -euo pipefail
cd "$(dirname "$0")/.."
wasm_dir=bindings-wasm

scripts/install-wasm-tools.sh
scripts/install-browser.sh
if [ ! -d "$wasm_dir/node_modules/playwright-core" ] || [ ! -d "$wasm_dir/node_modules/typescript" ] \
  || [ ! -d "$wasm_dir/node_modules/binaryen" ] || [ ! -d "$wasm_dir/node_modules/sm-crypto" ]; then
  (cd "$wasm_dir" && npm ci --no-audit --no-fund)
fi

# With SHUANGSUIJI_NPM_TARBALL (scripts/dist.sh's `npm pack`), the package is tested as a user
# installs it: the tarball into an empty project, the suite run there; bindings-wasm/pkg is
# the build that tarball was packed from. Else pkg/ is built here and tested in place.
tarball="${SHUANGSUIJI_NPM_TARBALL:-}"
[ -n "$tarball" ] || "$wasm_dir/scripts/build.sh"
# The published types: a small TypeScript program must type-check against the .d.ts.
(cd "$wasm_dir" && npx tsc -p tsconfig.json)
# The public register views the tests verify against (written by the CLI, as users get them):
# the draw/v2 demo, whose record is the v2 vector's and whose register streams as CSV.
cargo run -q -p shuangsuiji-cli -- demo --draw v2 --out "$wasm_dir/pkg/demo" > /dev/null

if [ -z "$tarball" ]; then
  cd "$wasm_dir"
  exec node --test --test-reporter=spec tests/
fi
tarball="$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")"
project="$PWD/target/npm-installed"
rm -rf "$project"
mkdir -p "$project"
cp -r "$wasm_dir/tests" "$project/tests"
playwright=$(node -p "require('./$wasm_dir/package.json').devDependencies['playwright-core']")
# sm-crypto: the independent SM2/SM3 implementation tests/sm.test.mjs checks against.
smcrypto=$(node -p "require('./$wasm_dir/package.json').devDependencies['sm-crypto']")
(
  cd "$project"
  printf '{ "name": "shuangsuiji-installed-test", "private": true, "type": "module" }\n' > package.json
  npm install --no-audit --no-fund --silent "$tarball" "playwright-core@$playwright" "sm-crypto@$smcrypto"
  echo "installed: $(node -p "require.resolve('shuangsuiji')")"
)
cd "$project"
# The page as released (dist/page), when given, for the end-to-end tests.
SHUANGSUIJI_ROOT="$OLDPWD" SHUANGSUIJI_DEMO_DIR="$OLDPWD/$wasm_dir/pkg/demo" \
  SHUANGSUIJI_SHOTS="$OLDPWD/$wasm_dir/pkg/screenshots" \
  exec node --test --test-reporter=spec tests/
