#!/usr/bin/env bash
# Fuzz smoke: each cargo-fuzz (libFuzzer) target replays its committed corpus
# (fuzz/corpus-min/<target>.tar.gz) and seeds (fuzz/seeds/<target>), then fuzzes for a few
# seconds; a crash, OOM, timeout or leak fails the run and leaves a reproducer in
# fuzz/artifacts/.
# Long runs: scripts/fuzz-long.sh (all targets at once, coverage over time; docs/fuzzing.md).
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 enables them on the stable toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-10}"
want=0.13.2
if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
  cargo install cargo-fuzz --version "$want"
fi
export RUSTC_BOOTSTRAP=1
cd fuzz
cargo fuzz build -O
for t in import_files import_xlsx_cells verify_record verify_notice_and_log; do
  mkdir -p "target/corpus/$t"
  # The minimised corpus of the long runs (docs/fuzzing.md) is the regression suite: every
  # input in it replays through the target and its oracles before fuzzing starts.
  if [ -z "$(ls -A "target/corpus/$t")" ] && [ -f "corpus-min/$t.tar.gz" ]; then
    tar -xzf "corpus-min/$t.tar.gz" -C "target/corpus/$t"
  fi
  # import_xlsx_cells decodes its bytes into cells (`arbitrary`): let inputs grow at once.
  # Leak checks off there: the first use of a thread-local in the XLSX writer registers its
  # destructor (32 bytes from glibc's __cxa_thread_atexit_impl), which LeakSanitizer reports
  # as a leak after 10 minutes of fuzzing; a real leak in safe Rust would show in RSS instead.
  extra=()
  [ "$t" = import_xlsx_cells ] && extra=(-max_len=2048 -len_control=20 -detect_leaks=0)
  echo "fuzz $t for ${seconds}s"
  cargo fuzz run -O "$t" "target/corpus/$t" "seeds/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 "${extra[@]}" 2>&1 \
    | grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|INITED|DONE|ERROR|panicked" || true
  if ls artifacts/"$t"/{crash,oom,timeout,leak}-* >/dev/null 2>&1; then
    echo "reproducers in fuzz/artifacts/$t:" artifacts/"$t"/* >&2
    exit 1
  fi
done
