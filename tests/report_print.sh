#!/bin/bash
# report_print.sh - the HTML report printed by a real browser: Debian's
# chromium in headless mode prints `plandash report --format html` to PDF
# (a fresh profile in $TMPDIR, no sandbox, no GPU, nothing fetched from
# the network), then pdfinfo and pdftotext (poppler-utils) read the PDF
# back: two or three A4 pages, every policy's title, the totals, and text
# from the plan that looks like HTML printed as text.  Prints TAP; the whole
# program is a TAP skip where chromium, poppler-utils or a Japanese font is
# missing (.ci/deps installs them), and a failure where chromium is there
# but prints nothing.  CHROMIUM names another binary,
# PLANDASH_PRINT_TIMEOUT the seconds chromium may take (180).
set -u

top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
plandash=$top_builddir/plandash
plan_yaml=$top_srcdir/plan.yaml
python=${PYTHON3:-python3}
export PLANDASH_LOCALEDIR=$top_builddir/po/locale
export LC_ALL=C.UTF-8
unset LANGUAGE LANG PLANDASH_LANG

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

chromium=${CHROMIUM:-}
if [ -z "$chromium" ]; then
	for c in chromium chromium-browser; do
		if command -v "$c" >/dev/null 2>&1; then
			chromium=$c
			break
		fi
	done
fi
[ -n "$chromium" ] || skip_all "chromium is not installed (apt-get install chromium)"
command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 ||
	skip_all "pdftotext and pdfinfo are not installed (apt-get install poppler-utils)"
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=ja 2>/dev/null)" ]; then
	skip_all "no Japanese font for chromium (apt-get install fonts-noto-cjk)"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/plandash-print.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

. "$top_srcdir/tests/tap.sh"

# A copy of the plan with one saved change whose note looks like HTML: the
# report's change table shows it, and the PDF must show it as text.
p=$work/plan.yaml
cp "$plan_yaml" "$p"
chmod u+w "$p"
markup='<b>太字</b> & <script>x</script>'
if ! "$plandash" set "$p" 1-1 2013 in_progress --note "$markup" >/dev/null ||
   ! "$plandash" report "$p" --lang=ja -o "$work/report.html" >/dev/null; then
	not_ok "plandash set, then plandash report -o report.html"
	finish
fi

# ---- print it ----------------------------------------------------------------
# A fresh profile, HOME and caches under $TMPDIR: nothing of the user's is
# read or written, as under distcheck's read-only tree and unknown HOME.
# No sandbox (CI runs as root, where chromium refuses its sandbox) and no
# GPU (there is no display).  Chromium starts helper processes (zygote,
# renderer, crashpad) that may outlive it: it runs as the leader of a
# process group of its own (setsid), and that group is ended by its id when
# chromium is done or after $limit seconds.
limit=${PLANDASH_PRINT_TIMEOUT:-180}
mkdir -p "$work/home" "$work/profile"
HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_CACHE_HOME=$work/home/.cache \
	setsid "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--disable-default-apps --disable-extensions --no-default-browser-check \
	--user-data-dir="$work/profile" --no-pdf-header-footer \
	--print-to-pdf="$work/report.pdf" "file://$work/report.html" \
	>"$work/chromium.log" 2>&1 </dev/null &
pid=$!
tenths=0
while kill -0 "$pid" 2>/dev/null && [ "$tenths" -lt $((limit * 10)) ]; do
	sleep 0.1
	tenths=$((tenths + 1))
done
if kill -0 "$pid" 2>/dev/null; then
	kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
	timed_out=yes
else
	timed_out=no
fi
wait "$pid" 2>/dev/null
rc=$?
kill -KILL -- "-$pid" 2>/dev/null   # helpers left in chromium's group
if [ -s "$work/report.pdf" ]; then
	ok "chromium printed the report to PDF"
else
	why=$(grep -v -e dbus -e '^$' "$work/chromium.log" | tail -3 | cut -c1-200)
	[ "$timed_out" = yes ] && why="no PDF after ${limit}s; $why"
	not_ok "chromium printed the report to PDF (exit $rc)" "${why:-no output}"
	finish
fi

# ---- the page is self-contained ------------------------------------------
if grep -qiE '<script|<link|<img|<iframe|src=|href=|@import|url\(|https?:' "$work/report.html"; then
	not_ok "html: no script and no external resource" \
		"$(grep -niE '<script|<link|<img|<iframe|src=|href=|@import|url\(|https?:' "$work/report.html" | head -3)"
else
	ok "html: no script and no external resource"
fi
if grep -qF "@page { size: A4;" "$work/report.html" &&
   grep -qF "break-inside: avoid" "$work/report.html" &&
   grep -qF "thead { display: table-header-group; }" "$work/report.html"; then
	ok "html: @page A4, tables kept whole, headers repeated"
else
	not_ok "html: @page A4, tables kept whole, headers repeated"
fi


info=$(pdfinfo "$work/report.pdf" 2>&1)
pages=$(printf '%s\n' "$info" | awk '/^Pages:/ { print $2 }')
if [ "$pages" = 2 ] || [ "$pages" = 3 ]; then
	ok "pdf: $pages pages (2 or 3)"
else
	not_ok "pdf: 2 or 3 pages" "Pages: $pages"
fi
if printf '%s\n' "$info" | grep -qE '^Page size: +59[45](\.[0-9]+)? x 84[12](\.[0-9]+)? pts'; then
	ok "pdf: A4 pages"
else
	not_ok "pdf: A4 pages" "$(printf '%s\n' "$info" | grep '^Page size')"
fi

pdftotext -layout "$work/report.pdf" "$work/report.txt"
"$python" -c 'import sys, yaml
for p in yaml.safe_load(open(sys.argv[1]))["policies"]:
    print(p["title"])' "$p" > "$work/titles" 2>/dev/null ||
	grep -A1 '^  - id: "[0-9]"$' "$p" | sed -n 's/^    title: //p' > "$work/titles"
missing=
while IFS= read -r title; do
	grep -qF -- "$title" "$work/report.txt" || missing="$missing $title"
done < "$work/titles"
if [ -s "$work/titles" ] && [ -z "$missing" ]; then
	ok "pdf: every policy's title ($(wc -l < "$work/titles"))"
else
	not_ok "pdf: every policy's title" "missing:$missing"
fi
if grep -qE '^ *合計 +41 +1 +35 +5 *$' "$work/report.txt"; then
	ok "pdf: the follow-up total 41 | 1 | 35 | 5"
else
	not_ok "pdf: the follow-up total 41 | 1 | 35 | 5" "$(grep -F '合計' "$work/report.txt")"
fi
if grep -qE '^ *方針1 地域協働の推進 +9 +1 +7 +1 *$' "$work/report.txt"; then
	ok "pdf: policy 1's row 9 | 1 | 7 | 1"
else
	not_ok "pdf: policy 1's row 9 | 1 | 7 | 1" "$(grep -F '方針1' "$work/report.txt" | head -3)"
fi
if grep -qE '^ *合計 +1053 +322 +731 *$' "$work/report.txt"; then
	ok "pdf: the 効果額 total 1053 | 322 | 731"
else
	not_ok "pdf: the 効果額 total 1053 | 322 | 731" "$(grep -F '合計' "$work/report.txt")"
fi
if grep -qF -- "$markup" "$work/report.txt"; then
	ok "pdf: a note that looks like HTML is printed as text"
else
	not_ok "pdf: a note that looks like HTML is printed as text" \
		"$(grep -F '太字' "$work/report.txt")"
fi

finish
