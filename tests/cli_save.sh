#!/bin/bash
# cli_save.sh - `plandash set` / `get` / `--check` on copies of plan.yaml,
# every save re-read by an independent YAML reader (python3-yaml, through
# tests/yaml_diff.py) which checks that exactly the intended fields changed.
# Also: ten concurrent savers, and SIGKILL in the middle of a save loop.
# Prints TAP.  Needs python3 with the yaml module: without it the test fails.
set -u

top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
plandash=$top_builddir/plandash
plan_yaml=$top_srcdir/plan.yaml
yaml_diff=$top_srcdir/tests/yaml_diff.py
python=${PYTHON3:-python3}
export LC_ALL=C.UTF-8   # English messages, UTF-8 arguments

work=$(mktemp -d "${TMPDIR:-/tmp}/plandash-cli.XXXXXX") || exit 1
bg_pgid=
cleanup() {
	if [ -n "$bg_pgid" ]; then
		kill -9 -- "-$bg_pgid" 2>/dev/null
	fi
	rm -rf "$work"
}
trap cleanup EXIT

. "$top_srcdir/tests/tap.sh"   # ok, not_ok, expect, finish
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$desc"
	else
		not_ok "$desc" "$(printf '%s' "$out" | head -20)"
	fi
}

# ---- prerequisites: these fail, never skip -----------------------------
if ! "$python" -c 'import yaml' 2>/dev/null; then
	not_ok "python3 with the yaml module (python3-yaml) is installed" \
		"the save tests need an independent YAML reader; install python3-yaml"
	finish
fi
ok "python3 with the yaml module is installed"
if [ ! -x "$plandash" ] || [ ! -r "$plan_yaml" ]; then
	not_ok "found $plandash and $plan_yaml"
	finish
fi

# ydiff OLD NEW [PATH=VALUE]...: only those paths changed, to those values.
ydiff() {
	"$python" "$yaml_diff" "$@"
}
# status FILE ID YEAR: the entry's current status, from plandash get.
status_of() {
	"$plandash" get "$1" "$2" "$3" | sed -n 's/^status: //p'
}
# changed_lines OLD NEW: number of "<" plus ">" lines of diff.
changed_lines() {
	diff "$1" "$2" | grep -c '^[<>]'
}
same() {   # same FILE1 FILE2
	cmp -s "$1" "$2"
}

p=$work/plan.yaml
cp "$plan_yaml" "$p"
chmod u+w "$p"

# ---- one status change: one line, read back by plandash and python ------
cp "$p" "$work/old.yaml"
before=$(status_of "$p" 1-3 2013)
check "plandash set of one status succeeds" "$plandash" set "$p" 1-3 2013 done
check "diff shows exactly one changed line" \
	test "$(changed_lines "$work/old.yaml" "$p")" = 2 -a \
	     "$(diff "$work/old.yaml" "$p" | grep -c '^[0-9]*c[0-9]*$')" = 1
check "the changed line is the status line" \
	bash -c 'diff "$1" "$2" | grep -qx ">             status: done"' _ "$work/old.yaml" "$p"
check "plandash get prints the new status (was $before)" \
	test "$(status_of "$p" 1-3 2013)" = done
check "python3-yaml: only 1-3/2013/status changed" \
	ydiff "$work/old.yaml" "$p" "1-3/2013/status=done"

# ---- notes and plans: inserted, replaced, tricky values -----------------
# set_and_verify DESC ID YEAR ARGS... -- PATH=VALUE...
set_and_verify() {
	local desc=$1 id=$2 year=$3 args=() expect=()
	shift 3
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		args+=("$1")
		shift
	done
	shift
	expect=("$@")
	cp "$p" "$work/old.yaml"
	local st out
	st=$(status_of "$p" "$id" "$year")
	if ! out=$("$plandash" set "$p" "$id" "$year" "$st" "${args[@]}" 2>&1); then
		not_ok "$desc" "plandash set failed: $out"
		return
	fi
	if ! out=$(ydiff "$work/old.yaml" "$p" "${expect[@]}" 2>&1); then
		not_ok "$desc" "$out"
		return
	fi
	ok "$desc"
}

# 1-1 2011 has no note: inserted; 1-1 2012 has one: replaced.
set_and_verify "note inserted (Japanese text)" 1-1 2011 --note "平成23年度に運営体制を確立した" -- \
	"1-1/2011/note=平成23年度に運営体制を確立した"
check "the inserted note is one new line" \
	test "$(diff "$work/old.yaml" "$p" | grep -c '^>')" = 1 -a \
	     "$(diff "$work/old.yaml" "$p" | grep -c '^<')" = 0
for value in yes no null '~' 123 1.5 2013-04-01 0x1F '' 'a: b' '#x' 'x #y' '- x' '[x]' '{y}' \
	"it's" '"q"' '&a' '*a' '!t' '%' '@' '`' '? x' ': x' $'tab\there' $'行1\n行2' 'back\slash'; do
	set_and_verify "note replaced by $(printf '%q' "$value")" 1-1 2012 --note "$value" -- \
		"1-1/2012/note=$value"
done
set_and_verify "note inserted: 'yes' reads as a string" 2-1 2011 --note yes -- "2-1/2011/note=yes"
set_and_verify "plan replaced (Japanese, ': ' and ' #')" 2-1 2012 \
	--plan "計画: 変更 #2 (平成24年度)" -- "2-1/2012/plan=計画: 変更 #2 (平成24年度)"
set_and_verify "plan and note at once" 4-3 2014 --plan "料金改定" --note "消費税率に合わせた" -- \
	"4-3/2014/plan=料金改定" "4-3/2014/note=消費税率に合わせた"
cp "$p" "$work/old.yaml"
check "status, plan and note at once (H26 as the year)" \
	"$plandash" set "$p" 5-1 H26 delayed --plan "定員適正化計画の見直し" --note 'on'
check "python3-yaml: exactly those three fields changed" \
	ydiff "$work/old.yaml" "$p" "5-1/2014/status=delayed" \
		"5-1/2014/plan=定員適正化計画の見直し" "5-1/2014/note=on"

# ---- --backup ------------------------------------------------------------
cp "$p" "$work/old.yaml"
check "set --backup succeeds" "$plandash" set "$p" 1-4 2012 delayed --backup
check "plan.yaml~ holds the previous version" same "$work/old.yaml" "$p~"
check "python3-yaml: only 1-4/2012/status changed" \
	ydiff "$work/old.yaml" "$p" "1-4/2012/status=delayed"
rm -f "$p~"

# ---- refusals: exit status, message, file unchanged ----------------------
cp "$p" "$work/old.yaml"
out=$("$plandash" set "$p" 1-3 2013 dne 2>&1)
rc=$?
check "unknown status: exit 1 (got $rc)" test "$rc" = 1
check "unknown status: says unknown status \"dne\"" \
	bash -c 'printf "%s" "$1" | grep -qF "unknown status \"dne\""' _ "$out"
check "unknown status: file unchanged" same "$work/old.yaml" "$p"
"$plandash" set "$p" 9-99 2013 done >/dev/null 2>&1
rc=$?
check "unknown id: exit 1 (got $rc)" test "$rc" = 1
check "unknown id: file unchanged" same "$work/old.yaml" "$p"
"$plandash" set "$p" 1-3 2099 done >/dev/null 2>&1
rc=$?
check "year not in the schedule: exit 1 (got $rc)" test "$rc" = 1
for year in 20x3 H '' 13; do
	"$plandash" set "$p" 1-3 "$year" done >/dev/null 2>&1
	rc=$?
	check "bad year \"$year\": exit 2 (got $rc)" test "$rc" = 2
done
"$plandash" get "$p" 1-3 abc >/dev/null 2>&1
rc=$?
check "get with a bad year: exit 2 (got $rc)" test "$rc" = 2
check "bad years: file unchanged" same "$work/old.yaml" "$p"

# ---- --check reports a bad status with its position ----------------------
bad=$work/bad.yaml
line=$(grep -n '^            status: ' "$p" | sed -n 7p | cut -d: -f1)
sed "${line}s/status: .*/status: dne/" "$p" > "$bad"
out=$("$plandash" --check "$bad" 2>&1)
rc=$?
check "--check on a bad status: exit 1 (got $rc)" test "$rc" = 1
check "--check prints FILE:$line:21: unknown status \"dne\"" \
	bash -c 'printf "%s\n" "$1" | grep -q "^$2:$3:21: unknown status \"dne\""' _ "$out" "$bad" "$line"

# ---- ten concurrent savers on ten entries --------------------------------
cp "$p" "$work/old.yaml"
pids=()
expect=()
for i in 1 2 3 4 5 6 7 8 9 10; do
	id=4-$i
	st=$(status_of "$p" "$id" 2015)
	to=dropped
	[ "$st" = dropped ] && to=delayed
	expect+=("$id/2015/status=$to")
	"$plandash" set "$p" "$id" 2015 "$to" > "$work/set.$i.out" 2>&1 &
	pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do
	wait "$pid" || failed=$((failed + 1))
done
check "ten concurrent sets all succeed ($failed failed)" test "$failed" = 0
merged=$(cat "$work"/set.*.out | grep -c 'merged')
check "python3-yaml: all ten changes landed, nothing else ($merged saves merged)" \
	ydiff "$work/old.yaml" "$p" "${expect[@]}"
check "plandash --check accepts the result" "$plandash" --check "$p"
temps=$(find "$work" -maxdepth 1 \( -name '.plan.yaml.plandash-??????.tmp' -o \
	-name '.plan.yaml.??????' \) | wc -l)
check "no temporary files left ($temps)" test "$temps" = 0

# ---- SIGKILL in the middle of a save loop ---------------------------------
# A loop toggles one status; it is killed (with its plandash) at random
# moments.  The plan must always be exactly the old or the new version, and
# the history must match it: its last line says the status the plan holds,
# and each line starts from the status the line before it left.
k=$work/kill.yaml
cp "$p" "$k"
"$plandash" set "$k" 1-1 2013 done >/dev/null
cp "$k" "$work/v_done.yaml"
"$plandash" set "$k" 1-1 2013 in_progress >/dev/null
cp "$k" "$work/v_prog.yaml"
kills=30
bad_versions=0
parse_fail=0
hist_last=0
hist_chain=0
saves=0
set -m   # each background loop gets its own process group
for round in $(seq 1 $kills); do
	(
		while :; do
			"$plandash" set "$k" 1-1 2013 done >/dev/null 2>&1
			"$plandash" set "$k" 1-1 2013 in_progress >/dev/null 2>&1
		done
	) &
	bg_pgid=$!
	sleep "0.$((RANDOM % 3))$((RANDOM % 10))"
	kill -9 -- "-$bg_pgid" 2>/dev/null
	wait "$bg_pgid" 2>/dev/null
	bg_pgid=
	if ! same "$k" "$work/v_done.yaml" && ! same "$k" "$work/v_prog.yaml"; then
		bad_versions=$((bad_versions + 1))
		cp "$k" "$work/bad.$round.yaml"
	fi
	if ! out=$(ydiff "$work/v_prog.yaml" "$k" 2>&1) ||
	   { [ -n "$out" ] && [ "$out" != 1-1/2013/status ]; }; then
		parse_fail=$((parse_fail + 1))
		echo "# round $round: $out"
	fi
	log=$("$plandash" log "$k" 2>/dev/null | grep "	1-1	2013	status	")
	last=$(printf '%s\n' "$log" | tail -1 | sed -n 's/.* -> //p')
	if [ "$last" != "$(status_of "$k" 1-1 2013)" ]; then
		hist_last=$((hist_last + 1))
		echo "# round $round: the plan holds $(status_of "$k" 1-1 2013), the history's last line says $last"
	fi
	chain=$(printf '%s\n' "$log" | awk -F'\t' '{ split($6, v, " -> ");
		if (NR > 1 && v[1] != prev) bad++; prev = v[2] } END { print bad + 0 }')
	[ "$chain" != 0 ] && hist_chain=$((hist_chain + 1))
	saves=$(printf '%s\n' "$log" | wc -l)
done
set +m
temps=$(find "$work" -maxdepth 1 \( -name '.kill.yaml.plandash-??????.tmp' -o \
	-name '.kill.yaml.??????' \) | wc -l)
check "after $kills kills the plan is always the old or the new version ($saves saves)" \
	test "$bad_versions" = 0
check "after $kills kills python3-yaml always reads it, only the toggled status differs" \
	test "$parse_fail" = 0
check "after $kills kills the history's last line is always the plan's status ($hist_last not)" \
	test "$hist_last" = 0
check "after $kills kills every history line starts where the one before ended ($hist_chain not)" \
	test "$hist_chain" = 0
check "plandash --check accepts it" "$plandash" --check "$k"
# A kill between mkstemp and rename may leave one temporary file per kill.
echo "# temporary files left by $kills kills: $temps"
check "temporary files left ($temps) are at most one per kill" test "$temps" -le "$kills"
check "a save after the kills works" "$plandash" set "$k" 1-1 2013 done

finish
