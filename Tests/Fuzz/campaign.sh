#!/usr/bin/env bash
# A longer fuzzing campaign, keeping the grown corpus in $OUT/corpus between runs (OUT defaults to
# /var/tmp/authconsole-fuzz-campaign so it survives reboots). Crashes land in $OUT/crashes.
#   HOURS=8 Tests/Fuzz/campaign.sh              every target in turn, HOURS split evenly
#   PARALLEL=1 HOURS=2 Tests/Fuzz/campaign.sh   every target side by side, each for HOURS, at nice 19
#                                               (so builds and tests on the same 2 cores go first)
# CAMPAIGN_SECONDS overrides HOURS (seconds per target). In the parallel mode an input counts as a
# hang only after FUZZ_TIMEOUT=300 s of wall time: at nice 19 a target can wait many seconds for a
# core while other work runs (with libFuzzer's 10 s, all five once "timed out" together on inputs
# that take 30 ms).
# Prints one line per target (executions, wall and CPU seconds, coverage) and writes them to
# $OUT/summary.txt. Minimise interesting finds into Tests/Fuzz/corpus/<target>/ by hand:
#   $OUT/TARGET -merge=1 Tests/Fuzz/corpus/TARGET $OUT/corpus/TARGET
set -uo pipefail
cd "$(dirname "$0")/../.."
HOURS=${HOURS:-8}
export OUT=${OUT:-/var/tmp/authconsole-fuzz-campaign}
targets=(settings urls dotenv decoders arguments)
bash Tests/Fuzz/build.sh "$OUT" || exit 1
export SKIP_BUILD=1
if [ "${PARALLEL:-0}" = 1 ]; then
  per=${CAMPAIGN_SECONDS:-$(( HOURS * 3600 ))}
  export FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-300}
  echo "campaign: ${per} s per target, all ${#targets[@]} side by side, in $OUT (hang: ${FUZZ_TIMEOUT} s)"
  pids=()
  for t in "${targets[@]}"; do
    nice -n 19 bash Tests/Fuzz/run.sh "$per" "$t" >"$OUT/$t.result" 2>&1 &
    pids+=($!)
  done
  failed=0
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  for t in "${targets[@]}"; do cat "$OUT/$t.result"; done | tee "$OUT/summary.txt"
  exit $failed
fi
per=${CAMPAIGN_SECONDS:-$(( HOURS * 3600 / ${#targets[@]} ))}
echo "campaign: ${HOURS} h, ${per} s per target, in $OUT"
bash Tests/Fuzz/run.sh "$per" | tee "$OUT/summary.txt"
