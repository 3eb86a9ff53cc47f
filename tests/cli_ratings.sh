#!/bin/bash
# cli_ratings.sh - the review cycle through the real binary: the city's
# published totals recomputed from plan.yaml by an independent reader
# (python3-yaml, tests/ratings_totals.py), the ratings and the 効果額 in the
# --check summary, the consistency warnings (the issue's example, --strict,
# Japanese), and get with a review date in every form.  Prints TAP.
set -u

top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
plandash=$top_builddir/plandash
plan_yaml=$top_srcdir/plan.yaml
totals=$top_srcdir/tests/ratings_totals.py
python=${PYTHON3:-python3}
export PLANDASH_LOCALEDIR=$top_builddir/po/locale
export LC_ALL=C.UTF-8
unset LANGUAGE LANG

work=$(mktemp -d "${TMPDIR:-/tmp}/plandash-ratings.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

. "$top_srcdir/tests/tap.sh"   # ok, not_ok, expect, finish
# and its output (stdout and stderr) holds WANT_TEXT (a fixed string).
# same_output DESC COMMAND1 -- COMMAND2: both succeed with the same stdout.
same_output() {
	local desc=$1 a=() out1 out2
	shift
	while [ "$1" != -- ]; do
		a+=("$1")
		shift
	done
	shift
	if out1=$("${a[@]}" 2>&1) && out2=$("$@" 2>&1) && [ "$out1" = "$out2" ]; then
		ok "$desc"
	else
		not_ok "$desc" "first:  $(printf '%s' "$out1" | head -3)" \
			"second: $(printf '%s' "$out2" | head -3)"
	fi
}
ja() {
	LC_ALL=ja_JP.UTF-8 "$@"
}

if [ ! -x "$plandash" ] || [ ! -r "$plan_yaml" ]; then
	not_ok "found $plandash and $plan_yaml"
	finish
fi
p=$work/plan.yaml
cp "$plan_yaml" "$p"
chmod u+w "$p"
have_ja=no
if locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$' &&
   [ -r "$PLANDASH_LOCALEDIR/ja/LC_MESSAGES/plandash.mo" ]; then
	have_ja=yes
fi

# ---- the published totals, read by another YAML reader -------------------
if "$python" -c 'import yaml' 2>/dev/null; then
	ok "python3 with the yaml module is installed"
	expect "ratings_totals.py: plan.yaml has the city's totals" 0 \
		"2016-03-31: 62 items, S 1 / A 50 / B 11" "$python" "$totals" "$p"
	expect "ratings_totals.py: the follow-up of policy 4 (12 items, B 2)" 0 \
		"2017-03-31, policy 4: 12 items, S 0 / A 10 / B 2" "$python" "$totals" "$p"
	expect "ratings_totals.py: H23-H26 sum to 884" 0 "effects: FY2011-FY2014 884" \
		"$python" "$totals" "$p"
	# it can fail: one B turned A at 2016-03-31, one date left unquoted
	sed '/- id: "1-13"/,/departments:/ s/{date: "2016-03-31", rating: B}/{date: "2016-03-31", rating: A}/' \
		"$p" > "$work/wrong.yaml"
	expect "ratings_totals.py: a B turned A is caught" 1 "2016-03-31 is not 62 items" \
		"$python" "$totals" "$work/wrong.yaml"
	sed '0,/{date: "2013-09-30", rating: A}/ s//{date: 2013-09-30, rating: A}/' \
		"$p" > "$work/wrong.yaml"
	expect "ratings_totals.py: an unquoted date is caught" 1 "is not a quoted string" \
		"$python" "$totals" "$work/wrong.yaml"
else
	not_ok "python3 with the yaml module (python3-yaml) is installed" \
		"the totals are recomputed by an independent YAML reader; install python3-yaml"
fi

# ---- the --check summary ----------------------------------------------------
expect "--check: 62 items rated at 2016-03-31, S 1 / A 50 / B 11" 0 \
	"  2016-03-31 平成28年3月末: 62 items rated (S:1 A:50 B:11)" "$plandash" --check "$p"
expect "--check: 41 items rated at the follow-up" 0 \
	"  2017-03-31 平成29年3月末: 41 items rated (S:1 A:35 B:5)" "$plandash" --check "$p"
expect "--check: the first review date" 0 "  2011-09-30 平成23年9月末: 62 items rated (" \
	"$plandash" --check "$p"
expect "--check: the effects total, FY2015 on a budget basis" 0 \
	"effects: 1053 million yen in FY2011-FY2015 (revenue 322, savings 731); on a budget basis: FY2015 (平成27年度)" \
	"$plandash" --check "$p"
expect "--check: plan.yaml has no warning" 0 "warnings: 0" "$plandash" --check "$p"
if "$plandash" --check "$p" 2>&1 >/dev/null | grep -q .; then
	not_ok "--check on plan.yaml writes nothing to standard error" \
		"$("$plandash" --check "$p" 2>&1 >/dev/null | head -3)"
else
	ok "--check on plan.yaml writes nothing to standard error"
fi
expect "--strict: plan.yaml passes" 0 "warnings: 0" "$plandash" --strict "$p"

# ---- the issue's example: 2-4 FY2014 and FY2015 done after FY2013 delayed ---
"$plandash" set "$p" 2-4 2014 完了 >/dev/null && "$plandash" set "$p" 2-4 2015 完了 >/dev/null
line=$(awk '/- id: "2-4"/ { in24 = 1 } in24 && /year: 2014/ { y = 1 }
            y && /status:/ { print NR; exit }' "$p")
expect "--check warns about 2-4's FY2014, with its line and column" 0 \
	"$p:$line:21: warning: item \"2-4\": FY2014 (平成26年度) is done, a final status, while the earlier FY2013 (平成25年度) is still delayed" \
	"$plandash" --check "$p"
expect "--check: the same status is after the current fiscal year" 0 \
	"$p:$line:21: warning: item \"2-4\": FY2014 (平成26年度) is already done, after the current fiscal year FY2013 (平成25年度)" \
	"$plandash" --check "$p"
expect "--check counts the warnings and still exits 0" 0 "warnings: 4" "$plandash" --check "$p"
expect "--strict exits 1 on warnings" 1 "warning: item \"2-4\"" "$plandash" --strict "$p"
expect "-s is --strict" 1 "warnings: 4" "$plandash" -s "$p"
if [ "$have_ja" = yes ]; then
	expect "ja: the warning says 警告" 0 "$p:$line:21: 警告: 取組「2-4」: 平成26年度 (FY2014)が完了" \
		ja "$plandash" --check "$p"
	expect "ja: the ratings in the summary" 0 "  2016-03-31 平成28年3月末: 評価した取組 62 (S:1 A:50 B:11)" \
		ja "$plandash" --check "$p"
	expect "ja: the effects in the summary" 0 \
		"効果額: 2011-2015年度の計 1053百万円 (歳入確保 322、歳出削減 731)。予算ベース: 平成27年度 (FY2015)" \
		ja "$plandash" --check "$p"
	if ja "$plandash" --check "$p" 2>&1 | grep -qE 'warning|rated|effects|million|budget'; then
		not_ok "ja: no English words in the summary and the warnings" \
			"$(ja "$plandash" --check "$p" 2>&1 | grep -E 'warning|rated|effects|million|budget')"
	else
		ok "ja: no English words in the summary and the warnings"
	fi
else
	ok "# SKIP Japanese: no ja_JP.UTF-8 locale or catalogue"
fi
cp "$plan_yaml" "$p"

# ---- get ITEM DATE: the rating at a review date ------------------------------
expect "get 1-2 2016-03-31: rated S" 0 "rating: S" "$plandash" get "$p" 1-2 2016-03-31
want=$(printf 'rating: B\ndate: 2013-09-30\nreview: 平成25年9月末\nnote: 団体との協議に時間を要している')
if [ "$("$plandash" get "$p" 5-7 2013-09-30)" = "$want" ]; then
	ok "get 5-7 2013-09-30 prints rating, date, review and note"
else
	not_ok "get 5-7 2013-09-30 prints rating, date, review and note" \
		"$("$plandash" get "$p" 5-7 2013-09-30 2>&1)"
fi
for date in 平成28年3月末 " 平成28年3月末 " 2016-3-31 2016/03/31 2016.3.31 2016年3月31日 \
            平成28年3月31日 H28.3.31 h28-3-31 H28.3末 2016年3月末 ２０１６－０３－３１ Ｈ２８．３．３１; do
	same_output "get 4-3 '$date' = get 4-3 2016-03-31" \
		"$plandash" get "$p" 4-3 "$date" -- "$plandash" get "$p" 4-3 2016-03-31
done
same_output "get No.19 平成27年9月末 = get 2-4 2015-09-30 (serial numbers too)" \
	"$plandash" get "$p" No.19 平成27年9月末 -- "$plandash" get "$p" 2-4 2015-09-30
expect "get 2-4 2017-03-31: not followed up, not rated" 1 \
	"item \"2-4\" was not rated at 2017-03-31 (平成29年3月末)" "$plandash" get "$p" 2-4 2017-03-31
expect "get 1-1 2016-04-01: a date but no review date" 1 \
	"2016-04-01 is not one of the plan's review dates (2011-09-30 to 2017-03-31)" \
	"$plandash" get "$p" 1-1 2016-04-01
expect "get 1-1 平成28年4月末: the same" 1 "2016-04-30 is not one of the plan's review dates" \
	"$plandash" get "$p" 1-1 平成28年4月末
expect "get 1-1 2015-02-29: no such day, so neither year nor date (usage)" 2 \
	"\"2015-02-29\" is not a fiscal year or a review date" "$plandash" get "$p" 1-1 2015-02-29
expect "get 1-1 soon: neither a year nor a review date (usage)" 2 \
	"(try 2013, FY2013, H25 or 平成25年度 for a year, 2017-03-31 or 平成29年3月末 for a review date)" \
	"$plandash" get "$p" 1-1 soon
expect "get 9-9 2016-03-31: no such item" 1 "no item \"9-9\" in the plan" \
	"$plandash" get "$p" 9-9 2016-03-31
expect "get 4-3 2013 still prints the yearly entry" 0 "status: in_progress" \
	"$plandash" get "$p" 4-3 2013
if [ "$have_ja" = yes ]; then
	# (once the same lines in every locale; the Japanese interface now
	# names them in Japanese, and --lang en keeps the script form)
	same_output "get's rating lines with --lang en are the same under ja_JP.UTF-8" \
		"$plandash" get "$p" 5-7 2013-09-30 -- ja "$plandash" get "$p" 5-7 2013-09-30 --lang en
	expect "ja: not rated" 1 "取組「2-4」は 2017-03-31 (平成29年3月末) に評価されていません" \
		ja "$plandash" get "$p" 2-4 2017-03-31
else
	ok "# SKIP get under ja_JP.UTF-8: no Japanese locale or catalogue"
fi

finish
