#!/bin/bash
# cli_log.sh - `plandash log` shows the history's times as instants: a
# history written at -05:00 (and an old line without an offset, and one
# whose time cannot be read) read with TZ=Asia/Tokyo and TZ=UTC, --utc,
# and --since with a date (local midnight where it is read) or a time with
# a zone (that instant).  Prints TAP.
set -u

top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
plandash=$top_builddir/plandash
plan_yaml=$top_srcdir/plan.yaml
export LC_ALL=C.UTF-8

work=$(mktemp -d "${TMPDIR:-/tmp}/plandash-log.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

n=0
failures=0
# is DESCRIPTION GOT WANT
is() {
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '# got:  %s\n' "$2" | head -5
		printf '# want: %s\n' "$3" | head -5
		failures=$((failures + 1))
	fi
}
times() {   # times TZ ARGS...: the time column of plandash log
	local tz=$1
	shift
	TZ=$tz "$plandash" log "$p" "$@" | cut -f1 | tr '\n' ' '
}

p=$work/plan.yaml
cp "$plan_yaml" "$p"
chmod 0644 "$p"
# a save made five hours west of UTC (Etc/GMT+5 has no summer time): the
# history records that offset; its time is then set to 2013-03-29T03:05
# there, the same instant as every line below (2013-03-29T08:05:00Z)
TZ=Etc/GMT+5 "$plandash" set "$p" 1-1 2013 done >/dev/null
written=$(cut -f1 "$p.history")
is "the history records the saver's offset" "${written:19}" "-05:00"
sed -i "1s/^[^\t]*/2013-03-29T03:05:00-05:00/" "$p.history"
{
	printf '2013-03-29T17:05:00+09:00\ttanaka\t1-2\t2013\tstatus\tplanned\tdone\n'
	printf '2013-03-29T08:05:00Z\tsmith\t1-3\t2013\tstatus\tplanned\tdone\n'
	printf '2013-03-29T17:05:00\told\t1-4\t2013\tstatus\tplanned\tdone\n'
	printf 'March 29\tbad\t1-5\t2013\tstatus\tplanned\tdone\n'
} >> "$p.history"

is "TZ=Asia/Tokyo: local times with the offset" "$(times Asia/Tokyo)" \
	"2013-03-29T17:05:00+09:00 2013-03-29T17:05:00+09:00 2013-03-29T17:05:00+09:00 2013-03-29T17:05:00+09:00 March 29 "
is "TZ=UTC: local times with the offset" "$(times UTC)" \
	"2013-03-29T08:05:00+00:00 2013-03-29T08:05:00+00:00 2013-03-29T08:05:00+00:00 2013-03-29T17:05:00+00:00 March 29 "
is "--utc in Tokyo: UTC" "$(times Asia/Tokyo --utc)" \
	"2013-03-29T08:05:00Z 2013-03-29T08:05:00Z 2013-03-29T08:05:00Z 2013-03-29T08:05:00Z March 29 "
# a date is local midnight where it is read: 2013-03-29T00:00+09:00 is
# before every line in Tokyo; in UTC the old line (17:05 there) and the
# others (08:05) are after 2013-03-29T00:00Z, but not after the 30th
is "--since DATE in Tokyo" "$(times Asia/Tokyo --since 2013-03-29 | wc -w)" 4
is "--since the next day in Tokyo" "$(times Asia/Tokyo --since 2013-03-30 | wc -w)" 0
is "--since DATE in UTC" "$(times UTC --since 2013-03-29 | wc -w)" 4
# with a zone: that instant, wherever it is read
is "--since an instant (Tokyo)" "$(times Asia/Tokyo --since 2013-03-29T17:05:00+09:00 | wc -w)" 4
is "--since one second later (Tokyo)" "$(times Asia/Tokyo --since 2013-03-29T17:05:01+09:00 | wc -w)" 0
is "--since the same instant in UTC, read in UTC" "$(times UTC --since=2013-03-29T08:05:01Z | wc -w)" 1
out=$("$plandash" log "$p" --since 2013-02-30T99:00 2>&1)
is "a --since that is no time: exit 2" "$?" 2

echo "1..$n"
[ "$failures" -eq 0 ]
