#!/bin/sh
# load.sh - the load benchmark (make bench-load).
#
# Usage: load.sh PLANDASH YAML_PARSE RUNSTAT PLAN_YAML OUTDIR [RUNS]
#
# Generates a plan of 100,000 items and 500,000 yearly entries in OUTDIR
# (modelled on PLAN_YAML), then times `plandash --check` on it and a bare
# libyaml event parse of the same file (YAML_PARSE), alternating, RUNS times
# each (default 5), and prints the medians of wall time and peak RSS and the
# ratios against the goals: time <= 1.3x the bare parse, peak memory <= 3x
# the file size.  The generated file is removed at the end.
set -eu

if [ $# -lt 5 ]; then
	echo "usage: $0 PLANDASH YAML_PARSE RUNSTAT PLAN_YAML OUTDIR [RUNS]" >&2
	exit 2
fi
plandash=$1 yaml_parse=$2 runstat=$3 plan_yaml=$4 outdir=$5 runs=${6:-5}
items=${BENCH_ITEMS:-100000}
here=$(dirname "$0")
big=$outdir/big.yaml

mkdir -p "$outdir"
trap 'rm -f "$big" "$outdir"/*.times; rmdir "$outdir" 2>/dev/null || true' EXIT INT TERM

${PYTHON3:-python3} "$here/gen_plan.py" "$plan_yaml" "$big" "$items"
size=$(wc -c < "$big")

echo "plandash --check:"
"$plandash" --check "$big" | sed 's/^/  /'
echo "bare libyaml parse:"
"$yaml_parse" "$big" | sed 's/^/  /'

# One warm-up run each, so both read the file from the page cache.
"$runstat" "$plandash" --check "$big" >/dev/null
"$runstat" "$yaml_parse" "$big" >/dev/null

: > "$outdir/plandash.times"
: > "$outdir/bare.times"
i=0
while [ "$i" -lt "$runs" ]; do
	"$runstat" "$plandash" --check "$big" >> "$outdir/plandash.times"
	"$runstat" "$yaml_parse" "$big" >> "$outdir/bare.times"
	i=$((i + 1))
done

# Any failed run fails the benchmark.
if awk '$3 != 0 { bad = 1 } END { exit !bad }' "$outdir/plandash.times" "$outdir/bare.times"; then
	echo "load.sh: a run failed" >&2
	exit 1
fi

median() {   # median of column $1 of file $2
	awk -v c="$1" '{ print $c }' "$2" | sort -n |
		awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
t_plandash=$(median 1 "$outdir/plandash.times")
t_bare=$(median 1 "$outdir/bare.times")
m_plandash=$(median 2 "$outdir/plandash.times")
m_bare=$(median 2 "$outdir/bare.times")

awk -v size="$size" -v runs="$runs" -v items="$items" \
    -v tp="$t_plandash" -v tb="$t_bare" -v mp="$m_plandash" -v mb="$m_bare" 'BEGIN {
	mib = 1024 * 1024
	printf "\nload benchmark: %d items, %.1f MiB, median of %d runs each\n", items, size / mib, runs
	printf "  %-26s %10s %14s\n", "", "wall time", "peak RSS"
	printf "  %-26s %9.3fs %10.1f MiB\n", "plandash --check", tp, mp / 1024
	printf "  %-26s %9.3fs %10.1f MiB\n", "bare libyaml event parse", tb, mb / 1024
	rt = tp / tb; rm = mp * 1024 / size
	printf "  time  plandash / bare parse  = %.2fx  (goal <= 1.3x: %s)\n", rt, rt <= 1.3 ? "met" : "NOT met"
	printf "  peak RSS plandash / file size = %.2fx  (goal <= 3x: %s)\n", rm, rm <= 3 ? "met" : "NOT met"
	printf "  (bare parse peak RSS / file size = %.2fx)\n", mb * 1024 / size
}'
