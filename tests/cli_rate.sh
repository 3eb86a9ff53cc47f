#!/bin/bash
# cli_rate.sh - `plandash rate` and `get` with a review date on copies of
# plan.yaml: exact output, exit statuses as for set, a one-line diff for a
# rating changed, one added line per rating added and one more for a review
# date added (--new-review), every save re-read by an independent YAML
# reader (python3-yaml, tests/yaml_diff.py); a refusal leaves the file
# byte-identical; ratings in `plandash log` with the date in the YEAR
# column; Japanese messages.  Prints TAP.
set -u

top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
plandash=$top_builddir/plandash
plan_yaml=$top_srcdir/plan.yaml
yaml_diff=$top_srcdir/tests/yaml_diff.py
python=${PYTHON3:-python3}
export PLANDASH_LOCALEDIR=$top_builddir/po/locale
export LC_ALL=C.UTF-8
unset LANGUAGE LANG

work=$(mktemp -d "${TMPDIR:-/tmp}/plandash-rate.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

. "$top_srcdir/tests/tap.sh"   # ok, not_ok, expect, finish
# exact DESC WANT_RC WANT_STDOUT WANT_STDERR COMMAND...: the command exits
# with WANT_RC and prints exactly those (each without its last newline).
exact() {
	local desc=$1 want_rc=$2 want_out=$3 want_err=$4 out err rc
	shift 4
	out=$("$@" 2>"$work/stderr")
	rc=$?
	err=$(cat "$work/stderr")
	if [ "$rc" = "$want_rc" ] && [ "$out" = "$want_out" ] && [ "$err" = "$want_err" ]; then
		ok "$desc"
	else
		not_ok "$desc" "exit $rc (wanted $want_rc)" "stdout: $out" "wanted: $want_out" \
			"stderr: $err" "wanted: $want_err"
	fi
}
# check DESC COMMAND...: ok when the command succeeds.
check() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$desc"
	else
		not_ok "$desc" "$(printf '%s' "$out" | head -20)"
	fi
}
# diff_shape OLD NEW WANT: the diff's commands ("122c122", "85a86"), one
# per line, with their line numbers taken out ("c", "a").
diff_shape() {
	diff "$1" "$2" | grep -E '^[0-9,]+[acd][0-9,]+$' | sed 's/[0-9,]//g' | tr '\n' ' '
}
# added_lines OLD NEW: the lines NEW adds, "> " taken out.
added_lines() {
	diff "$1" "$2" | sed -n 's/^> //p'
}
ja() {
	LC_ALL=ja_JP.UTF-8 "$@"
}

if ! "$python" -c 'import yaml' 2>/dev/null; then
	not_ok "python3 with the yaml module (python3-yaml) is installed"
	finish
fi
if [ ! -x "$plandash" ] || [ ! -r "$plan_yaml" ]; then
	not_ok "found $plandash and $plan_yaml"
	finish
fi

p=$work/plan.yaml
cp "$plan_yaml" "$p"
chmod u+w "$p"
cp "$p" "$work/orig.yaml"

# ---- get with a review date ----------------------------------------------
exact "get ITEM DATE prints the rating, its date and label" 0 \
	"$(printf 'rating: A\ndate: 2016-03-31\nreview: 平成28年3月末')" "" \
	"$plandash" get "$p" 1-1 2016-03-31

# ---- a rating changed: one line ------------------------------------------
exact "rate 1-1 2016-03-31 B saves one change" 0 "$p: saved 1 change" "" \
	"$plandash" rate "$p" 1-1 2016-03-31 B
check "the diff is one changed line" test "$(diff_shape "$work/orig.yaml" "$p")" = "c "
check "the changed line is 1-1's rating at 2016-03-31" \
	bash -c 'diff "$1" "$2" | grep -qxF ">           - {date: \"2016-03-31\", rating: B}"' \
	_ "$work/orig.yaml" "$p"
check "python3-yaml: only 1-1/2016-03-31/rating changed" \
	"$python" "$yaml_diff" "$work/orig.yaml" "$p" "1-1/2016-03-31/rating=B"
exact "get prints the new rating" 0 \
	"$(printf 'rating: B\ndate: 2016-03-31\nreview: 平成28年3月末')" "" \
	"$plandash" get "$p" 1-1 2016-03-31
exact "the same rating again: nothing to save" 0 "$p: nothing to save" "" \
	"$plandash" rate "$p" 1-1 2016-03-31 B

# ---- RATING as a digit, a label; a note ----------------------------------
cp "$p" "$work/old.yaml"
exact "RATING as the digit 1 (S)" 0 "$p: saved 1 change" "" \
	"$plandash" rate "$p" 1-1 2016-03-31 1
exact "RATING as the label 予定どおり (A), with a note" 0 "$p: saved 2 changes" "" \
	"$plandash" rate "$p" 1-1 平成28年3月末 予定どおり --note "説明: 順調"
check "python3-yaml: the rating and its note" \
	"$python" "$yaml_diff" "$work/old.yaml" "$p" "1-1/2016-03-31/rating=A" \
	"1-1/2016-03-31/note=説明: 順調"
check "still one changed line" test "$(diff_shape "$work/old.yaml" "$p")" = "c "
exact "get prints the note" 0 \
	"$(printf 'rating: A\ndate: 2016-03-31\nreview: 平成28年3月末\nnote: 説明: 順調')" "" \
	"$plandash" get "$p" 1-1 2016-03-31

# ---- refusals leave the file byte-identical ------------------------------
cp "$p" "$work/old.yaml"
exact "a date that is no review date is refused, naming the plan's dates" 1 "" \
	"$(printf '%s\n%s' \
	"plandash: 2017-09-30 is not one of the plan's review dates (2011-09-30 to 2017-03-31)" \
	"plandash: to add it as a new review date, give --new-review (the next half-yearly review date is 2017-09-30)")" \
	"$plandash" rate "$p" 1-1 2017-09-30 A
check "... and the file is byte-identical" cmp -s "$work/old.yaml" "$p"
exact "an unknown rating is refused" 1 "" \
	"plandash: unknown rating \"C\" (give a key, label or number, such as S, 予定以上, 1)" \
	"$plandash" rate "$p" 1-1 2016-03-31 C
exact "an unknown item is refused" 1 "" \
	"plandash: no item \"9-9\" in the plan (give an id such as 4-3 or a serial number such as 27)" \
	"$plandash" rate "$p" 9-9 2016-03-31 A
exact "a missing RATING is a usage error" 2 "" \
	"$(printf '%s\n%s\n%s' "plandash: missing RATING (a rating such as A, 予定どおり or 2)" \
	"Usage: plandash rate FILE ITEM DATE RATING [--note TEXT] [--new-review] [--backup]" \
	"Try 'plandash --help' for more information.")" \
	"$plandash" rate "$p" 1-1 2016-03-31
exact "a DATE that is no date is a usage error" 2 "" \
	"plandash: \"tomorrow\" is not a review date (try 2017-03-31 or 平成29年3月末)" \
	"$plandash" rate "$p" 1-1 tomorrow A
check "after every refusal the file is byte-identical" cmp -s "$work/old.yaml" "$p"
check "and no history line was written for them (four saved changes so far)" \
	test "$(wc -l < "$p.history")" = 4

# ---- a new review date: one reviews element and one line per item --------
cp "$p" "$work/old.yaml"
exact "--new-review adds the date and the rating" 0 "$p: saved 2 changes" "" \
	"$plandash" rate "$p" 1-1 2017-09-30 S --new-review
exact "the next item at the new date: one change" 0 "$p: saved 1 change" "" \
	"$plandash" rate "$p" 1-2 2017-09-30 A
check "the diff is three added lines" test "$(diff_shape "$work/old.yaml" "$p")" = "a a a "
check "the review date is labelled in the file's style" \
	bash -c 'diff "$1" "$2" | grep -qxF ">   - {date: \"2017-09-30\", label: 平成29年9月末}"' \
	_ "$work/old.yaml" "$p"
check "python3-yaml: the review date and two ratings" \
	"$python" "$yaml_diff" "$work/old.yaml" "$p" "reviews/2017-09-30/label=平成29年9月末" \
	"1-1/2017-09-30/rating=S" "1-2/2017-09-30/rating=A"
exact "a date before the last one cannot be added" 1 "" \
	"plandash: the review date 2017-06-30 cannot be added: it is not after the plan's last review date, 2017-09-30" \
	"$plandash" rate "$p" 1-1 2017-06-30 S --new-review
cp "$p" "$work/after.yaml"
"$plandash" rate "$p" 1-1 2017-06-30 S --new-review 2>/dev/null
check "... and the file is byte-identical" cmp -s "$work/after.yaml" "$p"

# ---- the log: the date in the YEAR column ---------------------------------
"$plandash" log "$p" | cut -f3- > "$work/log"
exact "log shows each rating change with its date" 0 "$(printf '%s\n' \
	"1-1	2016-03-31	rating	A -> B" \
	"1-1	2016-03-31	rating	B -> S" \
	"1-1	2016-03-31	rating	S -> A" \
	"1-1	2016-03-31	rating_note	- -> 説明: 順調" \
	"-	2017-09-30	review	- -> 平成29年9月末" \
	"1-1	2017-09-30	rating	- -> S" \
	"1-2	2017-09-30	rating	- -> A")" "" cat "$work/log"

# ---- Japanese ---------------------------------------------------------------
cp "$p" "$work/old.yaml"
exact "ja: an unknown date is refused in Japanese" 1 "" \
	"$(printf '%s\n%s' \
	"plandash: 2018-09-30 は計画の評価日にありません (2011-09-30～2017-09-30)" \
	"plandash: 新しい評価日として追加するには --new-review を付けてください (次の半期の評価日は 2018-03-31 です)")" \
	ja "$plandash" rate "$p" 1-1 2018-09-30 A
check "ja: the file is byte-identical" cmp -s "$work/old.yaml" "$p"

finish
