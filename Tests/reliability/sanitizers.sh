#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer (with LeakSanitizer; the XCTest/Foundation harness
# leaks are suppressed by Tests/reliability/lsan.supp, which names no frame of ours) and under
# ThreadSanitizer (the console's query machinery runs concurrently with the UI).
# Usage: Tests/reliability/sanitizers.sh [address|thread]...   (default: both)
# ASAN_FILTER / TSAN_FILTER: an XCTest --filter for that run (default: the whole suite).
# SANITIZER_E2E=1: also drive the instrumented console binary through the tmux walk-through
# (Tests/e2e/run.sh), so the UI thread and the query lanes run under the sanitizer in a real pty.
# Every process writes its reports to a folder (log_path), so a report from a child the tests
# spawn (the CLI tests run the binary) is counted, not lost in that child's captured stderr.
# Separate scratch folders keep the normal build untouched. Exit status 1 when a run fails.
set -uo pipefail
cd "$(dirname "$0")/../.."
here=$(pwd)
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(address thread)
failed=0
report_pattern="^(==[0-9]+==ERROR|WARNING: ThreadSanitizer|SUMMARY: (Address|Thread|Leak)Sanitizer)"
# count_reports LOG DIR: report lines in the runner's log and in every file a process wrote.
count_reports() { cat "$1" "$2"/* 2>/dev/null | grep -cE "$report_pattern"; }
show_reports() { cat "$1" "$2"/* 2>/dev/null | grep -E "SUMMARY: |WARNING: ThreadSanitizer" | sort | uniq -c | head -n 20; }
for kind in "${kinds[@]}"; do
  scratch=/tmp/authconsole-$kind-build
  log=/tmp/authconsole-$kind.log
  reports=/tmp/authconsole-$kind-reports
  rm -rf "$reports"; mkdir -p "$reports"
  echo "=== sanitizer: $kind"
  case $kind in
    address)
      filter=${ASAN_FILTER:-}
      export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0:log_path=$reports/asan"
      export LSAN_OPTIONS="suppressions=$here/Tests/reliability/lsan.supp:print_suppressions=1"
      ;;
    thread)
      filter=${TSAN_FILTER:-}
      export TSAN_OPTIONS="halt_on_error=0:second_deadlock_stack=1:suppressions=$here/Tests/reliability/tsan.supp:log_path=$reports/tsan"
      ;;
  esac
  export AUTHCONSOLE_SANITIZER=$kind
  nice swift build --build-tests --sanitize="$kind" --scratch-path "$scratch" 2>&1 | tail -n 2
  nice swift test --skip-build --sanitize="$kind" --scratch-path "$scratch" ${filter:+--filter "$filter"} >"$log" 2>&1
  rc=$?
  total=$(grep -E "Executed [0-9]+ tests?" "$log" | tail -n 1)
  n=$(count_reports "$log" "$reports")
  echo "$kind: exit $rc; $total; sanitizer reports: $n (log: $log, reports: $reports)"
  show_reports "$log" "$reports"
  if [ $rc -ne 0 ] || [ "$n" -ne 0 ] || ! echo "$total" | grep -qE "with ([0-9]+ tests? skipped and )?0 failures"; then failed=1; fi
  if [ "${SANITIZER_E2E:-0}" = 1 ]; then
    e2e_reports=$reports/e2e; mkdir -p "$e2e_reports"
    elog=/tmp/authconsole-$kind-e2e.log
    # The walk-through sends SIGSEGV on purpose (a stand-in crash): ASan must leave it to the
    # console's own handler, which restores the terminal and exits 70. Leak checking is off for the
    # console in the pane: after its terminal closed, LeakSanitizer's exit scan sometimes never
    # ended (ps: 't' or 'R' at 97% CPU for 60 s; 2 of 7 runs, 0 of 8 without it). Leaks are still
    # checked in the suite above, whose CLI tests run the instrumented binary.
    case $kind in
      address) ASAN_OPTIONS="${ASAN_OPTIONS/log_path=$reports\/asan/log_path=$e2e_reports/asan}:handle_segv=0:detect_leaks=0" ;;
      thread) TSAN_OPTIONS="${TSAN_OPTIONS/log_path=$reports\/tsan/log_path=$e2e_reports/tsan}" ;;
    esac
    E2E_TIMEOUT=60 nice bash Tests/e2e/run.sh "$scratch/debug/authconsole" >"$elog" 2>&1
    erc=$?
    summary=$(grep -E "^e2e: [0-9]+ passed" "$elog" | tail -n 1)
    en=$(count_reports /dev/null "$e2e_reports")
    echo "$kind e2e (the instrumented console in tmux): exit $erc; ${summary:-no summary}; sanitizer reports: $en (log: $elog)"
    show_reports /dev/null "$e2e_reports"
    grep -E "^FAIL" "$elog" | head -n 10
    if [ $erc -ne 0 ] || [ "$en" -ne 0 ] || ! echo "$summary" | grep -qE "^e2e: [0-9]+ passed, 0 failed"; then failed=1; fi
  fi
done
exit $failed
