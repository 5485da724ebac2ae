#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer (with LeakSanitizer; the XCTest/Foundation harness
# leaks are suppressed by Tests/reliability/lsan.supp, which names no frame of ours) and under
# ThreadSanitizer (the console's query machinery runs concurrently with the UI).
# Usage: Tests/reliability/sanitizers.sh [address|thread]...   (default: both)
# ASAN_FILTER / TSAN_FILTER: an XCTest --filter for that run (default: the whole suite).
# Separate scratch folders keep the normal build untouched. Exit status 1 when a run fails.
set -uo pipefail
cd "$(dirname "$0")/../.."
here=$(pwd)
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(address thread)
failed=0
for kind in "${kinds[@]}"; do
  scratch=/tmp/authconsole-$kind-build
  log=/tmp/authconsole-$kind.log
  echo "=== sanitizer: $kind"
  case $kind in
    address)
      filter=${ASAN_FILTER:-}
      export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0"
      export LSAN_OPTIONS="suppressions=$here/Tests/reliability/lsan.supp:print_suppressions=1"
      ;;
    thread)
      filter=${TSAN_FILTER:-}
      export TSAN_OPTIONS="halt_on_error=0:second_deadlock_stack=1:suppressions=$here/Tests/reliability/tsan.supp"
      ;;
  esac
  export AUTHCONSOLE_SANITIZER=$kind
  nice swift build --build-tests --sanitize="$kind" --scratch-path "$scratch" 2>&1 | tail -n 2
  nice swift test --skip-build --sanitize="$kind" --scratch-path "$scratch" ${filter:+--filter "$filter"} >"$log" 2>&1
  rc=$?
  total=$(grep -E "Executed [0-9]+ tests?" "$log" | tail -n 1)
  reports=$(grep -cE "^(==[0-9]+==ERROR|WARNING: ThreadSanitizer|SUMMARY: (Address|Thread|Leak)Sanitizer)" "$log")
  echo "$kind: exit $rc; $total; sanitizer reports: $reports (log: $log)"
  grep -E "SUMMARY: |WARNING: ThreadSanitizer" "$log" | sort | uniq -c | head -n 20
  if [ $rc -ne 0 ] || [ "$reports" -ne 0 ] || ! echo "$total" | grep -qE "with ([0-9]+ tests? skipped and )?0 failures"; then failed=1; fi
done
exit $failed
