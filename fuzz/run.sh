#!/bin/sh
# SPDX-License-Identifier: ISC
# Run each libFuzzer target for FUZZ_SECONDS (default 60) seconds:
#   fuzz/run.sh BUILD_DIR [TARGET...]
# BUILD_DIR is a meson build configured with clang (see `make fuzz`).
# The committed corpus fuzz/corpus/<t>/ is read; new inputs go to
# BUILD_DIR/fuzz-work/<t>/ so the tree stays small (merge worthwhile ones
# by hand with -merge=1).  A finding is written to
# BUILD_DIR/fuzz-artifacts/ and makes the script exit 1.  Each run is
# appended to BUILD_DIR/fuzz-history.tsv (date, target, seconds,
# executions, result), the record of how long each target has run.
set -u
build=${1:?usage: fuzz/run.sh BUILD_DIR [TARGET...]}
shift
secs=${FUZZ_SECONDS:-60}
src=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -gt 0 ]; then
	targets=$*
else
	targets=$(cd "$src/fuzz" && grep -l LLVMFuzzerTestOneInput fuzz_*.c |
		sed 's/^fuzz_//; s/\.c$//' | sort)
fi
exe=""
for t in $targets; do
	exe="$exe fuzz/fuzz_$t"
done
# shellcheck disable=SC2086
ninja -C "$build" $exe || exit 2
mkdir -p "$build/fuzz-artifacts"
hist="$build/fuzz-history.tsv"
fail=0
for t in $targets; do
	work="$build/fuzz-work/$t"
	log="$build/fuzz-work/$t.log"
	mkdir -p "$work"
	"$build/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$build/fuzz-artifacts/$t-" \
	    "$work" "$src/fuzz/corpus/$t" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	if [ "$rc" -eq 0 ]; then
		result=ok
	else
		result=FINDING
		fail=1
	fi
	printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$t" \
	    "$secs" "${execs:-?}" "$result" >>"$hist"
	printf '%-10s %4ss %10s execs  %s\n' "$t" "$secs" "${execs:-?}" "$result"
	if [ "$rc" -ne 0 ]; then
		grep -E 'ERROR|property failed|SUMMARY|Test unit written' "$log" |
			head -20
	fi
done
awk -F'\t' '{ s[$2] += $3; n[$2] += $4 }
	END { print "total per target so far (" FILENAME "):";
	      for (t in s) printf "  %-10s %6d s %12d execs\n", t, s[t], n[t] }' \
	    "$hist"
exit $fail
