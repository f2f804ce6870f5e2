#!/usr/bin/env bash
# Fuzz smoke: each cargo-fuzz (libFuzzer) target replays the committed corpus
# (fuzz/corpus-min/<target>.tar.gz, always, as the regression suite), the cumulative corpus of
# earlier runs (fuzz/target/corpus/<target>) and the seeds (fuzz/seeds/<target>), then fuzzes
# for a few seconds. A crash, OOM, timeout, leak, or any other non-zero exit of libFuzzer fails
# the run; reproducers land in fuzz/artifacts/ and the whole output in fuzz/target/logs-smoke/.
# Builds carry debug assertions and overflow checks (-a), so arithmetic that would wrap in a
# release build is a crash here.
# Long runs: scripts/fuzz-long.sh (all targets at once, coverage over time; docs/fuzzing.md).
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 enables them on the stable toolchain.
# FUZZ_TARGET_DIR builds elsewhere than fuzz/target (e.g. while long runs use those binaries).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-10}"
want=0.13.2
if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
  cargo install cargo-fuzz --version "$want"
fi
export RUSTC_BOOTSTRAP=1
cd fuzz
build=(-O -a)
[ -n "${FUZZ_TARGET_DIR:-}" ] && build+=(--target-dir "$FUZZ_TARGET_DIR")
cargo fuzz build "${build[@]}"
mkdir -p target/logs-smoke
for t in import_files import_xlsx_cells verify_record verify_notice_and_log verify_inputs; do
  mkdir -p "target/corpus/$t"
  regression="target/corpus-min/$t"
  rm -rf "$regression"
  mkdir -p "$regression"
  if [ -f "corpus-min/$t.tar.gz" ]; then
    tar -xzf "corpus-min/$t.tar.gz" -C "$regression"
  fi
  # import_xlsx_cells decodes its bytes into cells (`arbitrary`): let inputs grow at once.
  # Leak checks off there: the first use of a thread-local in the XLSX writer registers its
  # destructor (32 bytes from glibc's __cxa_thread_atexit_impl), which LeakSanitizer reports
  # as a leak after 10 minutes of fuzzing; a real leak in safe Rust would show in RSS instead.
  extra=()
  [ "$t" = import_xlsx_cells ] && extra=(-max_len=2048 -len_control=20 -detect_leaks=0)
  echo "fuzz $t for ${seconds}s"
  log="target/logs-smoke/$t.log"
  status=0
  cargo fuzz run "${build[@]}" "$t" "target/corpus/$t" "$regression" "seeds/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 "${extra[@]}" \
    >"$log" 2>&1 || status=$?
  grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|INITED|DONE|ERROR|panicked" \
    "$log" || true
  if [ "$status" -ne 0 ] || ls artifacts/"$t"/{crash,oom,timeout,leak}-* >/dev/null 2>&1; then
    echo "fuzz target $t failed (exit $status); output: fuzz/$log; reproducers:" \
      artifacts/"$t"/* >&2
    exit 1
  fi
done
