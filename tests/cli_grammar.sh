#!/bin/bash
# cli_grammar.sh - the command line's grammars and words, through the real
# binary: every year, status and item form of get and set, the rule that
# tells a command from a file, what is missing, load errors in Japanese
# (a tab in the indentation, a file cut off), and the localised --check
# summary next to get's stable output.  Prints TAP.
set -u

top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
plandash=$top_builddir/plandash
plan_yaml=$top_srcdir/plan.yaml
export PLANDASH_LOCALEDIR=$top_builddir/po/locale
export LC_ALL=C.UTF-8
unset LANGUAGE LANG

work=$(mktemp -d "${TMPDIR:-/tmp}/plandash-grammar.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

. "$top_srcdir/tests/tap.sh"   # ok, not_ok, expect, finish
# and its output (stdout and stderr) holds WANT_TEXT (a fixed string).
# same_output DESC COMMAND1 -- COMMAND2: both succeed with the same stdout.
same_output() {
	local desc=$1 a=() b out1 out2
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

# ---- get: every year and item form names the same entry ------------------
for year in 2013 FY2013 fy2013 H25 h25 平成25 平成25年 平成25年度 ２０１３ Ｈ２５ 平成２５年度; do
	same_output "get 4-3 $year = get 4-3 2013" \
		"$plandash" get "$p" 4-3 "$year" -- "$plandash" get "$p" 4-3 2013
done
for item in ４－３ 4ー3 "4−3" " 4-3 "; do
	same_output "get '$item' 2014 = get 4-3 2014" \
		"$plandash" get "$p" "$item" 2014 -- "$plandash" get "$p" 4-3 2014
done
for item in 31 No.31 no.31 No31 "No. 31" "#31" Ｎｏ．３１ ３１; do
	same_output "get $item 2014 = get 4-4 2014" \
		"$plandash" get "$p" "$item" 2014 -- "$plandash" get "$p" 4-4 2014
done
same_output "get 27 H25 = get 3-7 2013 (事業仕分けの実施 is No.27)" \
	"$plandash" get "$p" 27 H25 -- "$plandash" get "$p" 3-7 2013
expect "get 4-3 平成25年度 prints the entry" 0 "status: in_progress" \
	"$plandash" get "$p" 4-3 平成25年度
expect "get 4-3 R1: a Reiwa year the plan does not reach" 1 \
	"FY2019 is not in the plan (FY2011-FY2015)" "$plandash" get "$p" 4-3 R1
expect "get 4-3 令和元年度: the same" 1 "FY2019 is not in the plan" \
	"$plandash" get "$p" 4-3 令和元年度
expect "get 4-3 FY2016: not in the plan" 1 "FY2016 (平成28年度) is not in the plan" \
	"$plandash" get "$p" 4-3 FY2016
expect "get 4-3 soon: not a year, a usage error" 2 "\"soon\" is not a fiscal year" \
	"$plandash" get "$p" 4-3 soon
expect "get 99 2013: no item No.99" 1 "no item \"99\" in the plan" \
	"$plandash" get "$p" 99 2013

# ---- get's output: for people in Japanese, for scripts otherwise ---------
# (get once printed the script form in every locale; the Japanese interface
# now names the fields and the status in Japanese, the key kept in brackets,
# and --lang en gives scripts their form under any locale)
if [ "$have_ja" = yes ]; then
	same_output "get --lang en under ja_JP.UTF-8 prints the script form (status: KEY)" \
		"$plandash" get "$p" 1-1 2012 -- ja "$plandash" get "$p" 1-1 2012 --lang en
	expect "get under ja_JP.UTF-8: the status by its label, the key kept" 0 "状況: 完了 (done)" \
		ja "$plandash" get "$p" 1-1 2011
	expect "get under ja_JP.UTF-8: the plan text" 0 "計画: " ja "$plandash" get "$p" 1-1 2011
	expect "get of a rating under ja_JP.UTF-8: the date by its label" 0 \
		"日付: 平成28年3月末 (2016-03-31)" ja "$plandash" get "$p" 1-1 2016-03-31
else
	ok "# SKIP get under ja_JP.UTF-8: no Japanese locale or catalogue"
fi
expect "get's first line is status: KEY" 0 "status: done" "$plandash" get "$p" 1-1 2011

# ---- set: the status as key, label, letter or number ---------------------
for form in done 完了 D d 3 ３ Ｄ DONE; do
	cp "$p" "$work/old.yaml"
	"$plandash" set "$p" 1-3 2012 planned >/dev/null 2>&1
	if "$plandash" set "$p" 1-3 H24 "$form" >/dev/null 2>&1 &&
	   [ "$("$plandash" get "$p" 1-3 2012 | sed -n 's/^status: //p')" = done ]; then
		ok "set 1-3 H24 $form sets done"
	else
		not_ok "set 1-3 H24 $form sets done"
	fi
done
cp "$p" "$work/old.yaml"
expect "set 1-3 H25 完了 (the issue's example)" 0 "" "$plandash" set "$p" 1-3 H25 完了
if diff "$work/old.yaml" "$p" | grep -qx ">             status: done" &&
   [ "$(diff "$work/old.yaml" "$p" | grep -c '^[<>]')" = 2 ]; then
	ok "set 1-3 H25 完了 changes one line to status: done"
else
	not_ok "set 1-3 H25 完了 changes one line to status: done" "$(diff "$work/old.yaml" "$p")"
fi
expect "set by serial number: set No.27 H26 L" 0 "" "$plandash" set "$p" No.27 H26 L
expect "... and get 3-7 2014 shows delayed" 0 "status: delayed" "$plandash" get "$p" 3-7 2014
cp "$p" "$work/old.yaml"
expect "set 1-3 H25 9: no ninth status" 1 "unknown status \"9\"" \
	"$plandash" set "$p" 1-3 H25 9
expect "set 1-3 H25 済: not a status" 1 "such as done, 完了, D, 3" \
	"$plandash" set "$p" 1-3 H25 済
if cmp -s "$work/old.yaml" "$p"; then ok "refused sets leave the file as it was"
else not_ok "refused sets leave the file as it was"; fi

# ---- a command or a file --------------------------------------------------
expect "plandash frobnicate plan.yaml: unknown command, exit 2" 2 \
	"unknown command: frobnicate" "$plandash" frobnicate "$p"
expect "plandash frobnicate alone: the same" 2 "unknown command: frobnicate" \
	"$plandash" frobnicate
cp "$p" "$work/get"
expect "plandash ./get --check opens the file ./get" 0 "./get: valid" \
	bash -c 'cd "$1" && "$2" ./get --check' _ "$work" "$(cd "$top_builddir" && pwd)/plandash"
expect "plandash plan.yaml --check opens plan.yaml" 0 "plan.yaml: valid" \
	"$plandash" "$p" --check
expect "a name with an upper-case letter is a file" 2 "Get:" "$plandash" Get --check

# ---- what is missing -------------------------------------------------------
expect "get FILE ITEM: missing YEAR, exit 2" 2 "plandash: missing YEAR" \
	"$plandash" get "$p" 4-3
expect "get FILE: missing ITEM" 2 "plandash: missing ITEM" "$plandash" get "$p"
expect "get: missing FILE" 2 "plandash: missing FILE" "$plandash" get
expect "get with one argument too many" 2 "too many arguments" \
	"$plandash" get "$p" 4-3 2013 x
expect "set FILE ITEM YEAR: missing STATUS" 2 "plandash: missing STATUS" \
	"$plandash" set "$p" 4-3 H25
expect "set FILE ITEM: missing YEAR" 2 "plandash: missing YEAR" "$plandash" set "$p" 4-3
expect "set FILE: missing ITEM" 2 "plandash: missing ITEM" "$plandash" set "$p"
expect "set: missing FILE" 2 "plandash: missing FILE" "$plandash" set
expect "set ... --note: missing TEXT" 2 "missing TEXT after --note" \
	"$plandash" set "$p" 4-3 H25 done --note
expect "set ... --plan: missing TEXT" 2 "missing TEXT after --plan" \
	"$plandash" set "$p" 4-3 H25 done --plan
expect "set with an unknown option" 2 "unknown option: --colour" \
	"$plandash" set "$p" 4-3 H25 done --colour
expect "log: missing FILE" 2 "plandash: missing FILE" "$plandash" log
expect "log FILE --since: missing DATE" 2 "missing DATE after --since" \
	"$plandash" log "$p" --since
expect "no file for the dashboard: missing FILE" 2 "plandash: missing FILE" "$plandash" -r
expect "the usage line of the command follows" 2 "Usage: plandash get FILE ITEM YEAR" \
	"$plandash" get "$p" 4-3

# ---- a file cut off says so --------------------------------------------------
head -c 7001 "$p" > "$work/cut.yaml"
expect "--check on a file cut inside an item: the file may be cut off" 1 \
	"(the file may be cut off)" "$plandash" --check "$work/cut.yaml"
head -c 5000 "$p" > "$work/cut.yaml"   # inside a character
expect "--check on a file cut mid-character: the file may be cut off" 1 \
	"(the file may be cut off)" "$plandash" --check "$work/cut.yaml"

# ---- Japanese --------------------------------------------------------------
if [ "$have_ja" = yes ]; then
	line=$(grep -n '^      - id: "1-2"' "$p" | cut -d: -f1)
	sed "${line}s/^    /\t/" "$p" > "$work/tab.yaml"
	expect "ja: a tab in the indentation gives a Japanese message with its line and column" 1 \
		"$work/tab.yaml:$line:1: インデントにタブ文字があります (インデントには空白を使います)" \
		ja "$plandash" --check "$work/tab.yaml"
	expect "ja: a file cut off says so in Japanese" 1 \
		"(ファイルが途中で切れている可能性があります)" ja "$plandash" --check "$work/cut.yaml"
	expect "ja: missing YEAR" 2 "plandash: YEAR (2013、H25、平成25年度 のような年度) が指定されていません" \
		ja "$plandash" get "$p" 4-3
	expect "ja: unknown command" 2 "plandash: 不明なコマンドです: frobnicate" \
		ja "$plandash" frobnicate "$p"
	expect "ja: a year not in the plan" 1 "平成28年度 (FY2016)は計画の年度にありません" \
		ja "$plandash" get "$p" 4-3 2016
	expect "ja: the --check summary is Japanese" 0 "年度計画: 310 (予定:" \
		ja "$plandash" --check "$p"
	expect "ja: the review counts name the changes in Japanese" 0 "(担当課:9 内容:35" \
		ja "$plandash" --check "$p"
	if ja "$plandash" --check "$p" | grep -qE 'valid|entries|revised|policies|items|review year'; then
		not_ok "ja: no English words in the --check summary" "$(ja "$plandash" --check "$p")"
	else
		ok "ja: no English words in the --check summary"
	fi
else
	ok "# SKIP Japanese messages: no ja_JP.UTF-8 locale or catalogue"
fi
expect "C: the --check summary names the status keys" 0 \
	"entries: 310 (planned:" "$plandash" --check "$p"

finish
