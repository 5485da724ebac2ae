#!/usr/bin/env bash
# A longer fuzzing campaign: every target for HOURS hours in total (default 8), split evenly,
# keeping the grown corpus in $OUT/corpus between runs (OUT defaults to
# /var/tmp/authconsole-fuzz-campaign so it survives reboots). Crashes land in $OUT/crashes.
# Minimise and add interesting finds to Tests/Fuzz/corpus/<target>/ by hand (`TARGET -merge=1`).
# Usage: HOURS=8 Tests/Fuzz/campaign.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
HOURS=${HOURS:-8}
export OUT=${OUT:-/var/tmp/authconsole-fuzz-campaign}
per=$(( HOURS * 3600 / 5 ))
echo "campaign: ${HOURS} h, ${per} s per target, in $OUT"
bash Tests/Fuzz/run.sh "$per"
