#!/usr/bin/env bash
# Long fuzzing: every target at once for FUZZ_SECONDS (default 3600), low priority, each from
# the cumulative corpus in fuzz/target/corpus/<target>; libFuzzer's lines are time-stamped into
# fuzz/target/logs/<target>.log and scripts/fuzz_plateau.py prints coverage over time, so a
# plateau (or its absence) is read off the run rather than guessed. Figures: docs/fuzzing.md.
# Built with debug assertions and overflow checks (-a), as the smoke is. FUZZ_TARGETS (space-
# separated) runs only those targets, e.g. one still climbing, alone on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-3600}"
targets="${FUZZ_TARGETS:-import_files import_xlsx_cells verify_record verify_notice_and_log verify_inputs}"
FUZZ_SECONDS=1 scripts/fuzz-smoke.sh >/dev/null # installs cargo-fuzz, builds, checks seeds
export RUSTC_BOOTSTRAP=1
cd fuzz
mkdir -p target/logs
pids=()
for t in $targets; do
  extra=()
  [ "$t" = import_xlsx_cells ] && extra=(-max_len=2048 -len_control=20 -detect_leaks=0)
  (
    start=$(printf '%(%s)T' -1)
    nice -n 10 cargo fuzz run -O -a "$t" "target/corpus/$t" "seeds/$t" -- \
      -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 "${extra[@]}" 2>&1 \
      | while IFS= read -r line; do
          printf '%d %s\n' $(($(printf '%(%s)T' -1) - start)) "$line"
        done >"target/logs/$t.log"
  ) &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || true; done
cd ..
logs=()
for t in $targets; do logs+=("fuzz/target/logs/$t.log"); done
python3 scripts/fuzz_plateau.py "${logs[@]}"
if ls fuzz/artifacts/*/{crash,oom,timeout,leak}-* >/dev/null 2>&1; then
  echo "crash reproducers in fuzz/artifacts/" >&2
  exit 1
fi
