#!/bin/sh
# save.sh - the save benchmark (make bench-save).
#
# Usage: save.sh PLANDASH RUNSTAT PLAN_YAML OUTDIR [RUNS]
#
# Generates a plan of 100,000 items and 500,000 yearly entries in OUTDIR
# (bench/gen_plan.py, modelled on PLAN_YAML), then times, alternating, RUNS
# times each (default 5):
#   - `plandash set BIG 1-1 2013 STATUS`: one status change, through the
#     whole save path (load, lock, re-read, splice, verifying re-parse,
#     temporary file, fsync, rename, directory fsync, history line);
#   - `cp BIG COPY && sync COPY`: copying the same file and fsyncing the copy;
#   - `plandash --check BIG`: the load alone, to show where the time goes.
# Each set changes the status (done <-> delayed), so every run writes.
# Prints the medians and the ratio set / (cp + fsync).  With SAVE_SESSION
# (bench/save_session) it then times the save alone in an open session,
# next to a copy plus fsync, against the goal of 3x.
# The generated files are removed at the end.
set -eu

if [ $# -lt 4 ]; then
	echo "usage: $0 PLANDASH RUNSTAT PLAN_YAML OUTDIR [RUNS]" >&2
	exit 2
fi
plandash=$1 runstat=$2 plan_yaml=$3 outdir=$4 runs=${5:-5}
items=${BENCH_ITEMS:-100000}
here=$(dirname "$0")
big=$outdir/big.yaml
copy=$outdir/copy.yaml

mkdir -p "$outdir"
cleanup() {
	rm -f "$big" "$big~" "$big.history" "$outdir/.big.yaml.lock" "$copy" "$outdir"/*.times
	rmdir "$outdir" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

${PYTHON3:-python3} "$here/gen_plan.py" "$plan_yaml" "$big" "$items"
size=$(wc -c < "$big")

# Warm-up: the file in the page cache, the lock and history files created.
"$runstat" "$plandash" set "$big" 1-1 2013 delayed >/dev/null
"$runstat" sh -c 'cp "$1" "$2" && sync "$2"' sh "$big" "$copy" >/dev/null

: > "$outdir/set.times"
: > "$outdir/copy.times"
: > "$outdir/check.times"
i=0
while [ "$i" -lt "$runs" ]; do
	if [ $((i % 2)) -eq 0 ]; then to=done; else to=delayed; fi
	"$runstat" "$plandash" set "$big" 1-1 2013 "$to" >> "$outdir/set.times"
	rm -f "$copy"
	"$runstat" sh -c 'cp "$1" "$2" && sync "$2"' sh "$big" "$copy" >> "$outdir/copy.times"
	"$runstat" "$plandash" --check "$big" >> "$outdir/check.times"
	i=$((i + 1))
done

if awk '$3 != 0 { bad = 1 } END { exit !bad }' "$outdir"/*.times; then
	echo "save.sh: a run failed" >&2
	exit 1
fi
# The last set must have landed: exactly one status differs from the start.
if ! "$plandash" get "$big" 1-1 2013 | grep -qx "status: $to"; then
	echo "save.sh: the last set did not land" >&2
	exit 1
fi

median() {   # median of column $1 of file $2
	awk -v c="$1" '{ print $c }' "$2" | sort -n |
		awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
t_set=$(median 1 "$outdir/set.times")
t_copy=$(median 1 "$outdir/copy.times")
t_check=$(median 1 "$outdir/check.times")
m_set=$(median 2 "$outdir/set.times")

awk -v size="$size" -v runs="$runs" -v items="$items" \
    -v ts="$t_set" -v tc="$t_copy" -v tl="$t_check" -v ms="$m_set" 'BEGIN {
	mib = 1024 * 1024
	printf "\nsave benchmark: one status change in %d items, %.1f MiB, median of %d runs each\n", items, size / mib, runs
	printf "  %-34s %10s\n", "", "wall time"
	printf "  %-34s %9.3fs   (peak RSS %.1f MiB)\n", "plandash set (one change)", ts, ms / 1024
	printf "  %-34s %9.3fs\n", "cp + fsync of the same file", tc
	printf "  %-34s %9.3fs\n", "plandash --check (the load alone)", tl
	r = (tc > 0) ? ts / tc : 0
	rb = (tc > 0) ? (ts - tl) / tc : 0
	printf "  time  set / (cp + fsync)     = %.2fx  (end to end, with the load)\n", r
	printf "  time  set beyond its load    = %.3fs = %.2fx cp + fsync\n", ts - tl, rb
}'

# The save alone, as in an open dashboard (the load is not part of it).
if [ -n "${SAVE_SESSION:-}" ]; then
	echo
	"$SAVE_SESSION" "$big" "$copy" "$runs"
fi
