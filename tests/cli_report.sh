#!/bin/bash
# cli_report.sh - `plandash report` through the real binary: the city's
# published tables at 2016-03-31 and 2017-03-31, the CSV parsed back and the
# JSON compared value by value with the plan as python3-yaml reads it
# (tests/report_check.py), formula guards, escaping of text from the plan,
# the changes since the previous review, filters, the files -o refuses,
# the atomic write, and the exit codes.  Prints TAP.
set -u

top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
plandash=$top_builddir/plandash
plan_yaml=$top_srcdir/plan.yaml
checker=$top_srcdir/tests/report_check.py
python=${PYTHON3:-python3}
export PLANDASH_LOCALEDIR=$top_builddir/po/locale
export LC_ALL=C.UTF-8
unset LANGUAGE LANG PLANDASH_LANG

work=$(mktemp -d "${TMPDIR:-/tmp}/plandash-report.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

. "$top_srcdir/tests/tap.sh"
# has_line DESC FILE LINE: FILE holds LINE as a whole line.
has_line() {
	if grep -qxF -- "$3" "$2"; then
		ok "$1"
	else
		not_ok "$1" "no line \"$3\" in $2:" "$(head -20 "$2")"
	fi
}
lacks() {
	if grep -qF -- "$3" "$2"; then
		not_ok "$1" "\"$3\" is in $2: $(grep -F -- "$3" "$2" | head -3)"
	else
		ok "$1"
	fi
}
# checked DESC MODE REPORT DATE YEAR [PLAN]: report_check.py agrees.
checked() {
	local out
	if out=$("$python" "$checker" "$2" "${6:-$p}" "$3" "$4" "$5" 2>&1); then
		ok "$1"
	else
		not_ok "$1" "$(printf '%s' "$out" | head -12)"
	fi
}
report() {
	"$plandash" report "$@"
}

if [ ! -x "$plandash" ] || [ ! -r "$plan_yaml" ]; then
	not_ok "found $plandash and $plan_yaml"
	finish
fi
if ! "$python" -c 'import yaml' 2>/dev/null; then
	not_ok "python3 with the yaml module (python3-yaml) is installed"
	finish
fi
p=$work/plan.yaml
cp "$plan_yaml" "$p"
chmod u+w "$p"
have_ja=no
if locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$'; then
	have_ja=yes
fi

# ---- Markdown: the city's published tables --------------------------------
report "$p" --lang=ja > "$work/latest.md"
has_line "md: the follow-up row of policy 1, as the city publishes it" "$work/latest.md" \
	"| 方針1 地域協働の推進 | 9 | 1 | 7 | 1 |"
has_line "md: the follow-up total, as the city publishes it" "$work/latest.md" \
	"| 合計 | 41 | 1 | 35 | 5 |"
# the whole follow-up table of 2017-03-31 as the city published it (the
# figures of the public follow-up page), its rows one after another
published='| 方針1 地域協働の推進 | 9 | 1 | 7 | 1 |
| 方針2 情報の共有と双方向のコミュニケーション | 4 | 0 | 4 | 0 |
| 方針3 PDCAサイクルの構築 | 6 | 0 | 5 | 1 |
| 方針4 財政基盤の強化 | 12 | 0 | 10 | 2 |
| 方針5 執行体制の再構築 | 10 | 0 | 9 | 1 |
| 合計 | 41 | 1 | 35 | 5 |'
got=$(grep -F -x -A5 -m1 "| 方針1 地域協働の推進 | 9 | 1 | 7 | 1 |" "$work/latest.md")
if [ "$got" = "$published" ]; then
	ok "md: the follow-up table at 2017-03-31, row by row as published"
else
	not_ok "md: the follow-up table at 2017-03-31, row by row as published" "$got"
fi
has_line "md: the 'as of' date is the latest review date" "$work/latest.md" "平成29年3月末現在"
has_line "md: the 効果額 of FY2015, on a budget basis" "$work/latest.md" \
	"| 平成27年度（予算ベース） | 169 | 1 | 168 | 82 | 1053 |"
has_line "md: the 効果額 of FY2012 with its decrease" "$work/latest.md" \
	"| 平成24年度 | 174 | 58 | 116 | ▲111 | 459 |"
checked "md at 2017-03-31: every table recomputed from plan.yaml" md "$work/latest.md" \
	2017-03-31 2013
report "$p" --lang=ja --date 2017-03-31 > "$work/follow.md"
if cmp -s "$work/latest.md" "$work/follow.md"; then
	ok "md: --date 2017-03-31 is the default (the latest review date)"
else
	not_ok "md: --date 2017-03-31 is the default (the latest review date)"
fi
report "$p" --lang=ja --date 2016-03-31 > "$work/end.md"
has_line "md at 2016-03-31: 62 | 1 | 50 | 11" "$work/end.md" "| 合計 | 62 | 1 | 50 | 11 |"
checked "md at 2016-03-31: every table recomputed from plan.yaml" md "$work/end.md" \
	2016-03-31 2013
for date in 平成28年3月末 H28.3.31 2016/3/31 ２０１６－０３－３１; do
	report "$p" --lang=ja --date "$date" > "$work/form.md"
	if cmp -s "$work/end.md" "$work/form.md"; then
		ok "md: --date '$date' is 2016-03-31"
	else
		not_ok "md: --date '$date' is 2016-03-31" "$(diff "$work/end.md" "$work/form.md" | head -5)"
	fi
done
report "$p" --lang=ja --date 2016-03-31 --year H27 > "$work/h27.md"
checked "md: --year H27 gives the statuses of FY2015" md "$work/h27.md" 2016-03-31 2015
# the checker can fail: one number changed in the published table
sed 's/^| 合計 | 41 | 1 | 35 | 5 |$/| 合計 | 41 | 1 | 34 | 6 |/' "$work/latest.md" > "$work/wrong.md"
if "$python" "$checker" md "$p" "$work/wrong.md" 2017-03-31 2013 >/dev/null 2>&1; then
	not_ok "report_check.py md catches a wrong total"
else
	ok "report_check.py md catches a wrong total"
fi
if [ "$have_ja" = yes ]; then
	LC_ALL=ja_JP.UTF-8 "$plandash" report "$p" > "$work/locale.md"
	if cmp -s "$work/latest.md" "$work/locale.md"; then
		ok "md: ja_JP.UTF-8 gives the Japanese report, like --lang=ja"
	else
		not_ok "md: ja_JP.UTF-8 gives the Japanese report, like --lang=ja"
	fi
else
	ok "# SKIP the Japanese locale is missing"
fi
report "$p" > "$work/en.md"
has_line "md in English: Policy 1 and its title" "$work/en.md" \
	"| Policy 1 地域協働の推進 | 9 | 1 | 7 | 1 |"
has_line "md in English: the Total row" "$work/en.md" "| Total | 41 | 1 | 35 | 5 |"
has_line "md in English: as of the ISO date" "$work/en.md" "As of 2017-03-31"
if LC_ALL=C.UTF-8 "$plandash" report "$p" --lang=ja | grep -qE 'Policy|Total|Rating|Items'; then
	not_ok "md in Japanese: no English word" \
		"$(report "$p" --lang=ja | grep -E 'Policy|Total|Rating|Items' | head -3)"
else
	ok "md in Japanese: no English word"
fi
if [ "$(head -c 3 "$work/latest.md" | od -An -tx1 | tr -d ' ')" = efbbbf ]; then
	not_ok "md: no byte order mark (only the CSV has one)"
else
	ok "md: no byte order mark (only the CSV has one)"
fi

# ---- CSV for Excel --------------------------------------------------------
expect "-o r.csv: the format from the extension, said on stdout" 0 "en.csv: wrote the report (CSV, 62 items)" \
	report "$p" -o "$work/en.csv"
report "$p" --lang=ja -o "$work/r.csv" >/dev/null
checked "csv: BOM, CRLF, 62 rows, labels, ratings and notes as python reads the plan" csv \
	"$work/r.csv" 2017-03-31 2013
report "$p" --lang=ja --date 2016-03-31 --year 2015 -o "$work/r2.CSV" >/dev/null
checked "csv: .CSV, --date 2016-03-31 --year 2015" csv "$work/r2.CSV" 2016-03-31 2015
has_line "csv: Japanese header cells under --lang=ja (平成25年度)" <(head -1 "$work/r.csv" | tr -d '\r' | sed 's/^\xef\xbb\xbf//') \
	"ID,No.,方針,項目,担当課,評価（平成29年3月末）,平成23年度,平成24年度,平成25年度,平成26年度,平成27年度,備考（平成25年度）"
has_line "csv: English header cells otherwise (FY2013)" <(head -1 "$work/en.csv" | tr -d '\r' | sed 's/^\xef\xbb\xbf//') \
	"ID,No.,Policy,Item,Departments,Rating (2017-03-31),FY2011,FY2012,FY2013,FY2014,FY2015,Note (FY2013)"
# the checker can fail: a label turned into its key
sed 's/,完了,/,done,/' "$work/r.csv" > "$work/wrong.csv"
if "$python" "$checker" csv "$p" "$work/wrong.csv" 2017-03-31 2013 >/dev/null 2>&1; then
	not_ok "report_check.py csv catches a status key instead of its label"
else
	ok "report_check.py csv catches a status key instead of its label"
fi

# ---- formula injection, and text from the plan escaped ------------------
f=$work/inject/plan.yaml
mkdir -p "$work/inject"
cp "$plan_yaml" "$f"
chmod u+w "$f"
"$plandash" set "$f" 1-1 2013 in_progress --note '=HYPERLINK("http://evil.example/","x")' >/dev/null &&
"$plandash" set "$f" 1-2 2013 done --note '+1+1' >/dev/null &&
"$plandash" set "$f" 1-3 2013 in_progress --note '-2+3' >/dev/null &&
"$plandash" set "$f" 1-4 2013 in_progress --note '@SUM(A1:A2)' >/dev/null &&
"$plandash" set "$f" 1-7 2013 in_progress --note $'\e[31m<script>alert(1)</script> | *強調* & [link](x)' >/dev/null ||
	not_ok "set the notes of the injection test"
report "$f" --lang=ja -o "$work/inject.csv" >/dev/null
checked "csv: notes starting with = + - @ come back as text, after a quote" csv \
	"$work/inject.csv" 2017-03-31 2013 "$f"
if grep -qaF "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\"" "$work/inject.csv"; then
	ok "csv: the =HYPERLINK note is quoted, its quotes doubled, a ' before it"
else
	not_ok "csv: the =HYPERLINK note is quoted, its quotes doubled, a ' before it" \
		"$(grep -a HYPERLINK "$work/inject.csv")"
fi
if grep -qa $'\e' "$work/inject.csv"; then
	not_ok "csv: no escape character reaches the file"
else
	ok "csv: no escape character reaches the file"
fi
report "$f" --format json > "$work/inject.json"
checked "json: the plan with the injected notes, value by value" json "$work/inject.json" \
	2017-03-31 2013 "$f"
report "$f" --lang=ja > "$work/inject.md"
lacks "md: no raw HTML from the plan" "$work/inject.md" "<script>"
lacks "md: no escape character from the plan" "$work/inject.md" $'\e'
if grep -qF '\<script\>alert(1)\</script\> \| \*強調\* \& \[link\](x)' "$work/inject.md"; then
	ok "md: markup from the plan is backslash-escaped in the changes table"
else
	not_ok "md: markup from the plan is backslash-escaped in the changes table" \
		"$(grep -F 'script' "$work/inject.md")"
fi
report "$f" --lang=ja --format html > "$work/inject.html"
lacks "html: no script from the plan" "$work/inject.html" "<script"
if grep -qiE '<script|<link|<img|<iframe|src=|href=|@import|url\(' "$work/inject.html"; then
	not_ok "html: self-contained (no script, no external resource)"
else
	ok "html: self-contained (no script, no external resource)"
fi
if grep -qF "@page { size: A4;" "$work/inject.html" && grep -qF "default-src 'none'" "$work/inject.html"; then
	ok "html: A4 pages, and a Content-Security-Policy that forbids fetching"
else
	not_ok "html: A4 pages, and a Content-Security-Policy that forbids fetching"
fi
if grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; | *強調* &amp; [link](x)' "$work/inject.html"; then
	ok "html: text from the plan is HTML-escaped"
else
	not_ok "html: text from the plan is HTML-escaped" "$(grep -F 'script' "$work/inject.html")"
fi

# ---- the changes since the previous review date ----------------------------
user=$(id -un 2>/dev/null || echo "uid $(id -u)")
old=$("$python" -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1]))
print([e.get("note", "(なし)") for e in d["policies"][0]["items"][1]["schedule"] if e["year"] == 2013][0])' "$plan_yaml")
has_line "md: the changes since the previous review date have their heading" "$work/inject.md" \
	"## 平成28年3月末以降に保存された変更"
if grep -qE "^\| [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} \| $user \| 1-2 \| 平成25年度 \| 備考 \| $old \| \+1\+1 \|$" \
	"$work/inject.md"; then
	ok "md: a change says when, who, which item and year, what"
else
	not_ok "md: a change says when, who, which item and year, what" "$(grep -F '1-2' "$work/inject.md")"
fi
if [ "$(grep -c '^| 20[0-9][0-9]-' "$work/inject.md")" = 5 ]; then
	ok "md: the five saved changes, no more"
else
	not_ok "md: the five saved changes, no more" "$(grep '^| 20[0-9][0-9]-' "$work/inject.md")"
fi
expect "json: the changes with their user" 0 "\"user\": \"$user\", \"item\": \"1-4\", \"year\": 2013, \"field\": \"note\"" \
	report "$f" --format json
report "$p" --lang=ja > "$work/none.md"
has_line "md: no change saved in the period" "$work/none.md" "この期間に保存された変更はありません。"

# ---- filters narrow the items as the dashboard's do ------------------------
report "$p" --lang=ja --policy 4 > "$work/p4.md"
has_line "--policy 4: its follow-up row" "$work/p4.md" "| 方針4 財政基盤の強化 | 12 | 0 | 10 | 2 |"
has_line "--policy 4: the total is policy 4's" "$work/p4.md" "| 合計 | 12 | 0 | 10 | 2 |"
lacks "--policy 4: no other policy" "$work/p4.md" "| 方針1 "
has_line "--policy 4: the report says what it covers" "$work/p4.md" "対象の項目: 18 / 62 (方針4)"
report "$p" --policy ４ --format csv > "$work/p4.csv"
if [ "$(tr -d '\r' < "$work/p4.csv" | tail -n +2 | grep -c '^4-')" = 18 ] &&
   [ "$(tr -d '\r' < "$work/p4.csv" | wc -l)" = 19 ]; then
	ok "--policy ４ (full-width): the 18 items of policy 4 in the CSV"
else
	not_ok "--policy ４ (full-width): the 18 items of policy 4 in the CSV"
fi
dept=$("$python" -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1]))
print(d["policies"][3]["items"][0]["departments"][0])' "$p")
want=$("$python" -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1]))
print(sum(sys.argv[2] in it["departments"] for p in d["policies"] for it in p["items"]))' "$p" "$dept")
report "$p" --department "$dept" --format csv > "$work/dept.csv"
got=$(($(tr -d '\r' < "$work/dept.csv" | wc -l) - 1))
if [ "$got" = "$want" ] && [ "$want" -gt 0 ]; then
	ok "--department $dept: the $want items python counts"
else
	not_ok "--department $dept: the $want items python counts" "got $got"
fi
want=$("$python" -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1]))
print(sum(any(e["year"] == 2013 and e["status"] == "delayed" for e in it["schedule"])
          for p in d["policies"] for it in p["items"]))' "$p")
report "$p" --status 遅延 --year H25 --format csv > "$work/late.csv"
got=$(($(tr -d '\r' < "$work/late.csv" | wc -l) - 1))
if [ "$got" = "$want" ] && [ "$want" -gt 0 ]; then
	ok "--status 遅延 --year H25: the $want items delayed in FY2013"
else
	not_ok "--status 遅延 --year H25: the $want items delayed in FY2013" "got $got"
fi
report "$p" --status delayed --format json > "$work/late.json"
if "$python" -c 'import json, sys; r = json.load(open(sys.argv[1]))["report"]
assert r["scope"]["statuses"] == ["delayed"] and r["scope"]["year"] is None, r["scope"]
assert all(i["id"] for i in r["items"]) and r["scope"]["items"] == len(r["items"]) > 0' "$work/late.json"; then
	ok "--status delayed without --year: delayed in any year, said in the JSON's scope"
else
	not_ok "--status delayed without --year: delayed in any year, said in the JSON's scope"
fi

# ---- -o: never the plan or its side files; atomic; the format ------------
before=$(cksum < "$p")
mkdir -p "$work/sub"
ln -s "$p" "$work/link.md"
ln "$p" "$work/hard.md" 2>/dev/null || cp "$p" "$work/hard-copy-unused"
for out in "$p" "$work/sub/../plan.yaml" "$p.history" "$p.recover" "$p.recover.4242" "$p~" \
           "$work/.plan.yaml.lock" "$work/.plan.yaml.who.host1.4242" \
           "$work/.plan.yaml.plandash-Ab12Cd.tmp" \
           "$work/.plan.yaml.recover.plandash-Ab12Cd.tmp" "$work/link.md"; do
	expect "-o $(basename "$out") is refused" 2 "refusing to write a report over" \
		report "$p" --format md -o "$out"
done
if [ -e "$work/hard.md" ]; then
	expect "-o a hard link to the plan is refused" 2 "the plan itself" \
		report "$p" -o "$work/hard.md"
fi
if [ "$(cksum < "$p")" = "$before" ] && [ ! -e "$p.history" ] && [ ! -e "$p.recover" ]; then
	ok "-o: the plan is untouched and no side file was made"
else
	not_ok "-o: the plan is untouched and no side file was made"
fi
expect "-o r.txt: no format from the name" 2 "cannot tell the format of" report "$p" -o "$work/r.txt"
expect "--format xls is refused" 2 "unknown report format \"xls\"" report "$p" --format xls
report "$p" --format html -o "$work/r.txt" >/dev/null
if head -1 "$work/r.txt" | grep -qx '<!DOCTYPE html>'; then
	ok "--format html -o r.txt: --format wins over the name"
else
	not_ok "--format html -o r.txt: --format wins over the name"
fi
printf 'old\n' > "$work/keep.md"
chmod 640 "$work/keep.md"
report "$p" -o "$work/keep.md" >/dev/null
if [ "$(stat -c %a "$work/keep.md")" = 640 ] && grep -q '^# ' "$work/keep.md" &&
   ! ls -a "$work" | grep -q 'plandash-.*\.tmp$'; then
	ok "-o over a report: replaced whole, its mode kept, no temporary file left"
else
	not_ok "-o over a report: replaced whole, its mode kept, no temporary file left" \
		"$(stat -c %a "$work/keep.md") $(ls -a "$work")"
fi
mkdir -p "$work/ro"
chmod 555 "$work/ro"
if [ "$(id -u)" != 0 ]; then
	expect "-o into a directory we cannot write: an I/O error" 2 "$work/ro" \
		report "$p" -o "$work/ro/r.md"
else
	ok "# SKIP root writes into any directory"
fi
chmod 755 "$work/ro"

# ---- exit codes and messages ------------------------------------------------
expect "--date 2016-04-01: a date but no review date" 1 "2016-04-01 is not one of the plan's review dates" \
	report "$p" --date 2016-04-01
expect "--date soon: no date at all (usage)" 2 "soon" report "$p" --date soon
expect "--year 2016: not a year of the plan" 1 "is not in the plan" report "$p" --year 2016
expect "--year soon: no year (usage)" 2 "is not a fiscal year" report "$p" --year soon
expect "--policy 9: no such policy" 1 "no policy \"9\" in the plan" report "$p" --policy 9
expect "--department: no such department" 1 "no department \"総務部\" in the plan" \
	report "$p" --department 総務部
expect "--status fine: not a status" 1 "unknown status \"fine\"" report "$p" --status fine
expect "an unknown option" 2 "unknown option: --colour" report "$p" --colour
expect "--date needs a value" 2 "--date needs a value" report "$p" --date
expect "no FILE" 2 "missing FILE" report
expect "two files" 2 "too many arguments" report "$p" "$p"
expect "a missing plan" 2 "No such file" report "$work/nothing.yaml"
expect "help lists report" 0 "report FILE [--format md|csv|html|json]" "$plandash" --help
if [ "$have_ja" = yes ]; then
	expect "ja: the plan itself is refused in Japanese" 2 "計画ファイルそのもの" \
		env LC_ALL=ja_JP.UTF-8 "$plandash" report "$p" -o "$p"
else
	ok "# SKIP the Japanese locale is missing"
fi

# ---- JSON ------------------------------------------------------------------
report "$p" -o "$work/r.json" >/dev/null
checked "json: the whole plan, value by value, and the report's totals" json "$work/r.json" \
	2017-03-31 2013
report "$p" --date 2016-03-31 --format json > "$work/r2.json"
checked "json at 2016-03-31" json "$work/r2.json" 2016-03-31 2013
if command -v jq >/dev/null 2>&1; then
	if [ "$(jq -r '.policies[2].items[6].title' "$work/r.json")" = 事業仕分けの実施 ]; then
		ok "jq reads it: .policies[2].items[6].title is 事業仕分けの実施 (No.27)"
	else
		not_ok "jq reads it: .policies[2].items[6].title is 事業仕分けの実施 (No.27)"
	fi
else
	ok "# SKIP jq is not installed"
fi

finish
