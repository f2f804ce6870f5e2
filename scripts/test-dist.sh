#!/usr/bin/env bash
# Tests what scripts/dist.sh put in dist/ as installed, not as built:
#   - SHA256SUMS matches every file;
#   - the static CLI, unpacked into an empty directory elsewhere: x86_64 natively, aarch64
#     under qemu-aarch64-static (Debian's qemu-user-static) — `demo`, then `verify` of what
#     it wrote against the demo's trust file and time anchor, anchored; both architectures
#     write the same record bytes, equal to the draw/v2 vector;
#   - the aarch64 wheel under qemu, in Debian's arm64 CPython (its packages downloaded and
#     unpacked into a sysroot, not installed): imported from the wheel's own files, then the
#     Python suite run by pytest (pure-Python wheels from PyPI) but for test_rows.py, whose
#     pyarrow, pandas and polars are not brought for arm64, and test_sm.py, whose gmssl needs
#     pycryptodomex (a native wheel; the x86_64 run checks the SM2/SM3 interop);
#   - the page folder: byte-identical when rebuilt from a copy of the source elsewhere.
# The x86_64 wheel and the npm tarball are tested by test-python.sh and test-wasm.sh, which
# scripts/test-all.sh points at dist/ (SHUANGSUIJI_WHEEL, SHUANGSUIJI_NPM_TARBALL).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
dist="${SHUANGSUIJI_DIST:-$root/dist}"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
step_start=$SECONDS
step() { echo "[test-dist] $1: $((SECONDS - step_start)) s"; step_start=$SECONDS; }
sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo

(cd "$dist" && sha256sum --quiet -c SHA256SUMS)
step "SHA256SUMS"

if ! command -v qemu-aarch64-static > /dev/null; then
  $sudo_ apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q qemu-user-static
fi
# An ELF file's machine (x86_64 62, aarch64 183), and with "static" that it asks for no
# program interpreter (no PT_INTERP: nothing of the host's libc is needed).
elf_check() {
  python3 - "$@" <<'PY'
import struct, sys
path, arch = sys.argv[1], sys.argv[2]
static = len(sys.argv) > 3
b = open(path, "rb").read()
assert b[:4] == b"\x7fELF" and b[4] == 2 and b[5] == 1, f"{path}: not a 64-bit little-endian ELF"
machine = struct.unpack_from("<H", b, 18)[0]
want = {"x86_64": 62, "aarch64": 183}[arch]
assert machine == want, f"{path}: ELF machine {machine}, not {arch} ({want})"
phoff, = struct.unpack_from("<Q", b, 32)
phentsize, phnum = struct.unpack_from("<HH", b, 54)
types = [struct.unpack_from("<I", b, phoff + i * phentsize)[0] for i in range(phnum)]
assert not static or 3 not in types, f"{path}: dynamically linked (has an interpreter)"
print(f"{path.rsplit('/', 1)[-1]}: ELF {arch}" + (", static" if static else ""))
PY
}
work="$(mktemp -d /tmp/shuangsuiji-dist-test.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# The CLI: demo and verify, from the unpacked archive only (run from another directory, so
# the demo finds its sample data beside the program).
for arch in x86_64 aarch64; do
  run=()
  [ "$arch" = x86_64 ] || run=(qemu-aarch64-static)
  mkdir -p "$work/$arch/cwd"
  tar -xzf "$dist/shuangsuiji-cli-$version-$arch-linux-musl.tar.gz" -C "$work/$arch"
  exe="$work/$arch/shuangsuiji-cli-$version-$arch-linux-musl/shuangsuiji"
  elf_check "$exe" "$arch" static
  (
    cd "$work/$arch/cwd"
    # The main job (draw/v3): the public's check from the sealed view, the auditor's from
    # the keeper's private files; both anchored.
    "${run[@]}" "$exe" demo --out demo > demo.txt
    "${run[@]}" "$exe" verify --targets demo/targets.sealed.json --inspectors demo/inspectors.public.json \
      --trust demo/verifier/trust.json --anchor demo/anchor.json --require-anchored demo/record.json > verify.txt
    "${run[@]}" "$exe" verify --targets demo/private/targets.json --view-key demo/private/view.key \
      --inspectors demo/private/inspectors.declared.json \
      --trust demo/verifier/trust.json --anchor demo/anchor.json --require-anchored demo/record.json > audit.txt
    grep -q "审计核验通过" audit.txt
    # draw/v2, whose record is the known-answer vector's.
    "${run[@]}" "$exe" demo --draw v2 --out demo-v2 > demo-v2.txt
    "${run[@]}" "$exe" verify --targets demo-v2/targets.public.json --inspectors demo-v2/inspectors.public.json \
      --trust demo-v2/verifier/trust.json --anchor demo-v2/anchor.json --require-anchored demo-v2/record.json > verify-v2.txt
  )
  cmp "$work/$arch/cwd/demo/record.json" "$work/x86_64/cwd/demo/record.json"
  cmp "$work/$arch/cwd/demo-v2/record.json" "$work/x86_64/cwd/demo-v2/record.json"
  step "cli $arch: demo (draw/v3 and v2) + verify (public and auditor, anchored)"
done
python3 - "$work/x86_64/cwd/demo-v2/record.json" tests/vectors/v2/draw-sample.json <<'PY'
import json, sys
got = json.load(open(sys.argv[1], encoding="utf-8"))["hash"]
want = json.load(open(sys.argv[2], encoding="utf-8"))["expected"]["record_hash"]
assert got == want, f"the static CLI's demo record {got} is not the draw/v2 vector's {want}"
print("the static CLIs' demo record is the draw/v2 vector's:", got)
PY
# The aarch64 wheel in an arm64 CPython under emulation.
sysroot="$root/target/arm64-sysroot"
if [ ! -x "$sysroot/usr/bin/python3.11" ]; then
  dpkg --print-foreign-architectures | grep -qx arm64 || { $sudo_ dpkg --add-architecture arm64; $sudo_ apt-get update -q; }
  debs="$(mktemp -d)"
  (cd "$debs" && apt-get download -q libc6:arm64 libgcc-s1:arm64 python3.11-minimal:arm64 \
    libpython3.11-minimal:arm64 libpython3.11-stdlib:arm64 libexpat1:arm64 zlib1g:arm64 libffi8:arm64)
  rm -rf "$sysroot.partial"
  mkdir -p "$sysroot.partial"
  for d in "$debs"/*.deb; do dpkg -x "$d" "$sysroot.partial"; done
  rm -rf "$debs" "$sysroot"
  mv "$sysroot.partial" "$sysroot"    # whole or not at all: an interrupted unpack is redone
fi
site="$work/arm64-site"
mkdir -p "$site"
python3 -m zipfile -e "$dist"/shuangsuiji-"$version"-cp39-abi3-manylinux*_aarch64.whl "$site"
"$root/target/venv-build/bin/python" -m pip download --quiet --disable-pip-version-check --only-binary=:all: --no-deps \
  -d "$work/pure" "pytest>=7,<9" "pluggy>=1.5,<2" iniconfig packaging pygments
for w in "$work"/pure/*.whl; do python3 -m zipfile -e "$w" "$site"; done
arm_py=(qemu-aarch64-static -L "$sysroot" "$sysroot/usr/bin/python3.11")
elf_check "$site"/shuangsuiji/_shuangsuiji*.so aarch64
PYTHONPATH="$site" "${arm_py[@]}" -c "import platform, shuangsuiji._shuangsuiji as m; assert platform.machine() == 'aarch64'; print('aarch64 wheel imports:', m.__file__)"
PYTHONPATH="$site" "${arm_py[@]}" -m pytest -p no:cacheprovider -q tests/python \
  --ignore=tests/python/test_rows.py --ignore=tests/python/test_sm.py
step "wheel aarch64 (qemu, Debian arm64 CPython)"

scripts/check-page-reproducible.sh "$dist/page"
step "page reproducible"
