#!/usr/bin/env bash
# Fuzzes every target for a bounded time each (default 30 s), from the seed corpus in
# Tests/Fuzz/corpus/<target>/, after building them (Tests/Fuzz/build.sh).
# Usage: Tests/Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# New inputs go to $OUT/corpus/<target>, crashes to $OUT/crashes/<target>/ (OUT defaults to
# /tmp/authconsole-fuzz). Prints one line per target: executions, seconds, result.
# Exit status 1 when any target crashed, leaked, timed out or ran out of memory. FUZZ_LEAKS=0
# turns leak checking off (faster). The regression-leak-* seeds are the inputs on which LeakSanitizer
# first reported the parser's nodes as leaked (LargeStack's detached thread, fixed).
set -uo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET=${1:-30}
shift || true
OUT=${OUT:-/tmp/authconsole-fuzz}
[ "${SKIP_BUILD:-0}" = 1 ] || bash Tests/Fuzz/build.sh "$OUT" || exit 1
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(settings urls dotenv decoders arguments)
failed=0
for t in "${targets[@]}"; do
  mkdir -p "$OUT/corpus/$t" "$OUT/crashes/$t"
  log="$OUT/$t.log"
  # -timeout: one input taking over FUZZ_TIMEOUT s (default 10) of wall time is a hang; it is wall
  # time, so a target that must yield the CPU (campaign.sh PARALLEL=1, at nice 19) needs more.
  # -rss_limit_mb: a memory blow-up is a bug.
  # CPU seconds beside the wall time: targets run side by side (campaign.sh PARALLEL=1) share the cores.
  timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -f "%U %S" -o "$OUT/$t.cpu")
  nice "${timer[@]}" "$OUT/$t" "$OUT/corpus/$t" "Tests/Fuzz/corpus/$t" -max_total_time="$SECONDS_PER_TARGET" \
    -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -print_final_stats=1 -detect_leaks="${FUZZ_LEAKS:-1}" \
    -artifact_prefix="$OUT/crashes/$t/" >"$log" 2>&1
  rc=$?
  runs=$(grep -Eo "Done [0-9]+ runs in [0-9]+ second" "$log" | tail -n 1)
  cov=$(grep -Eo "cov: [0-9]+" "$log" | tail -n 1)
  cpu=""
  [ -s "$OUT/$t.cpu" ] && cpu=$(awk 'END { printf ", %.0f CPU s", $1 + $2 }' "$OUT/$t.cpu")
  if [ $rc -eq 0 ]; then
    echo "fuzz $t: ok, ${runs:-no summary}$cpu, $cov, corpus $(ls "$OUT/corpus/$t" | wc -l) new"
  else
    failed=1
    echo "fuzz $t: FAILED (exit $rc), ${runs:-}; artifacts: $(ls "$OUT/crashes/$t" | tr '\n' ' ')"
    grep -E "ERROR|SUMMARY|==[0-9]+==|Fatal|fatal" "$log" | head -n 20
  fi
done
exit $failed
