#!/bin/bash
# cli_access.sh - who may change what from the command line and through
# forced SSH commands (SSH_ORIGINAL_COMMAND), through the real binary: a
# refused set exits 1 and leaves the file byte-identical (and no history),
# --as only with --access, access file errors with line and column in the
# user's language, the access file's lang: without LANG, the forced
# command grammar (get, set, log, report; rate not yet; shell syntax,
# open quotes and our own options refused with exit 2; no words open the
# dashboard).  Prints TAP.
set -u

top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
plandash=$top_builddir/plandash
plan_yaml=$top_srcdir/plan.yaml
export PLANDASH_LOCALEDIR=$top_builddir/po/locale
export LC_ALL=C.UTF-8
unset LANGUAGE LANG PLANDASH_LANG SSH_ORIGINAL_COMMAND

work=$(mktemp -d "${TMPDIR:-/tmp}/plandash-access.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

. "$top_srcdir/tests/tap.sh"   # ok, not_ok, expect, finish
# expect DESC WANT_RC WANT_TEXT COMMAND...: the command exits with WANT_RC
# and its output (stdout and stderr) holds WANT_TEXT (a fixed string).
expect() {
	local desc=$1 want_rc=$2 want=$3 out rc
	shift 3
	out=$("$@" 2>&1 </dev/null)
	rc=$?
	if [ "$rc" = "$want_rc" ] && printf '%s\n' "$out" | grep -qF -- "$want"; then
		ok "$desc"
	else
		not_ok "$desc" "exit $rc (wanted $want_rc); wanted \"$want\" in:" \
			"$(printf '%s' "$out" | head -8)"
	fi
}
# unchanged DESC: the copy is still plan.yaml, byte for byte, with no history
unchanged() {
	if cmp -s "$plan_yaml" "$p" && [ ! -e "$p.history" ]; then
		ok "$1"
	else
		not_ok "$1" "the file or its history changed"
	fi
}
# forced LINE COMMAND...: COMMAND with SSH_ORIGINAL_COMMAND=LINE
forced() {
	local line=$1
	shift
	SSH_ORIGINAL_COMMAND=$line "$@"
}

if [ ! -x "$plandash" ] || [ ! -r "$plan_yaml" ]; then
	not_ok "found $plandash and $plan_yaml"
	finish
fi
p=$work/plan.yaml
a=$work/access.yaml
cp "$plan_yaml" "$p"
chmod u+w "$p"   # distcheck: the source tree is read-only
cat >"$a" <<'EOF'
users:
  tanaka: {departments: [財政課]}
  suzuki: {role: viewer}
  kato:   {departments: [財政課], lang: ja}
EOF
as_tanaka=(--access "$a" --as tanaka)

# ---- set under the rules
expect "set of another department's item is refused" 1 \
	"1-1 belongs to 市民協働・男女参画推進課; tanaka may change only the items of 財政課" \
	"$plandash" set "$p" 1-1 2013 done "${as_tanaka[@]}"
unchanged "a refused set leaves the file byte-identical"
expect "a viewer's set is refused" 1 "suzuki is a viewer in the access file" \
	"$plandash" --access "$a" --as suzuki set "$p" 4-1 2013 done
expect "a user not listed is a viewer" 1 "yamada is not in the access file" \
	"$plandash" set --access="$a" --as=yamada "$p" 4-1 2013 done
unchanged "refused sets leave the file byte-identical"
expect "the refusal in Japanese" 1 "1-1 は市民協働・男女参画推進課の取組です" \
	env LC_ALL=ja_JP.UTF-8 "$plandash" set "$p" 1-1 2013 done "${as_tanaka[@]}"
expect "the access file's lang: without LANG" 1 "kato が変更できるのは財政課の取組だけです" \
	"$plandash" set "$p" 1-1 2013 done --access "$a" --as kato
unchanged "still byte-identical"
expect "--as without --access" 2 "--as is allowed only together with --access" \
	"$plandash" set "$p" 4-1 2013 done --as tanaka
expect "--as with a name that is no login name" 2 "is not a login name" \
	"$plandash" set "$p" 4-1 2013 done --access "$a" --as '../x'
unchanged "usage errors leave the file alone"
expect "a set in scope, options at the end (the issue's form)" 0 "saved 1 change" \
	"$plandash" set "$p" 4-1 2013 done "${as_tanaka[@]}"
if grep -q "	tanaka	4-1	2013	status	" "$p.history" 2>/dev/null; then
	ok "the history names the --as identity"
else
	not_ok "the history names the --as identity" "$(cat "$p.history" 2>&1)"
fi

# ---- the access file read strictly
bad=$work/bad.yaml
printf 'users:\n  tanaka: {role: admin}\n' >"$bad"
expect "an unknown role, with line and column" 2 \
	"$bad:2:18: unknown role \"admin\" of user tanaka (expected viewer or editor)" \
	"$plandash" get "$p" 4-1 2013 --access "$bad"
expect "the same in Japanese" 2 "$bad:2:18: 利用者 tanaka の役割「admin」は使えません" \
	env LC_ALL=ja_JP.UTF-8 "$plandash" get "$p" 4-1 2013 --access "$bad"
printf 'users:\n  tanaka: {departments: 財政課}\n' >"$bad"
expect "departments that are not a list" 2 "$bad:2:25: expected a list of departments" \
	"$plandash" --access "$bad" get "$p" 4-1 2013
printf 'users:\n  tanaka: {departments: [財政課], scope: all}\n' >"$bad"
expect "an unknown key" 2 "$bad:2:32: unknown key \"scope\" of user tanaka" \
	"$plandash" --access "$bad" get "$p" 4-1 2013
expect "a missing access file" 2 "$work/none.yaml: No such file or directory" \
	"$plandash" --access "$work/none.yaml" get "$p" 4-1 2013
expect "--help names --access and --as" 0 "--as=NAME" "$plandash" --help
expect "the example access file of the documentation loads" 0 "valid" \
	"$plandash" --access "$top_srcdir/doc/access.example.yaml" --as kato --check "$p"

# ---- forced commands
cp "$plan_yaml" "$p"
chmod u+w "$p"   # distcheck: the source tree is read-only
rm -f "$p.history"
expect "forced get" 0 "status: delayed" forced "get 4-1 2013" "$plandash" "${as_tanaka[@]}" "$p"
expect "forced set out of scope" 1 "tanaka may change only the items of 財政課" \
	forced "set 1-1 2013 done --note 'x y'" "$plandash" "${as_tanaka[@]}" "$p"
unchanged "a refused forced set leaves the file byte-identical"
expect "forced rate out of scope" 1 "tanaka may change only the items of 財政課" \
	forced "rate 1-1 2016-03-31 B" "$plandash" "${as_tanaka[@]}" "$p"
expect "forced rate: a new review date needs an editor of every item" 1 \
	"only a user who may change every item can add a review date" \
	forced "rate 4-1 2017-09-30 B --new-review" "$plandash" "${as_tanaka[@]}" "$p"
unchanged "refused forced rates leave the file byte-identical"
expect "forced report prints the tables of a review" 0 "| Total | 62 | 1 | 50 | 11 |" \
	forced "report --date 2016-03-31 --format md" "$plandash" "${as_tanaka[@]}" "$p"
expect "forced report -o is refused (it would write a file on the server)" 2 \
	"the option -o is not allowed" \
	forced "report -o r.md" "$plandash" "${as_tanaka[@]}" "$p"
expect "forced report --output= is refused too" 2 "the option --output=r.md is not allowed" \
	forced "report --output=r.md" "$plandash" "${as_tanaka[@]}" "$p"
expect "an unknown forced command" 2 \
	"unknown command: rm (the commands are: get, set, log, rate, report)" \
	forced "rm -rf /" "$plandash" "${as_tanaka[@]}" "$p"
expect "git's merge driver is not a forced command (it writes any file it names)" 2 \
	"unknown command: merge (the commands are: get, set, log, rate, report)" \
	forced "merge a b $p" "$plandash" "${as_tanaka[@]}" "$p"
unchanged "a refused forced merge leaves the file byte-identical"
expect "shell syntax is refused" 2 '";" at column 13 is shell syntax' \
	forced "get 4-1 2013; cat /etc/passwd" "$plandash" "${as_tanaka[@]}" "$p"
expect "a quote left open is refused" 2 "the quote (\") at column 26 is never closed" \
	forced 'set 4-1 2013 done --note "x' "$plandash" "${as_tanaka[@]}" "$p"
expect "--as in the client's words is refused" 2 "the option --as is not allowed" \
	forced "set 1-1 2013 done --as sato" "$plandash" "${as_tanaka[@]}" "$p"
expect "--access in the client's words is refused" 2 "the option --access is not allowed" \
	forced "get 4-1 2013 --access /dev/null" "$plandash" "${as_tanaka[@]}" "$p"
expect "a second file in the client's words is refused" 2 "too many arguments" \
	forced "get /etc/passwd 4-1 2013" "$plandash" "${as_tanaka[@]}" "$p"
expect "forced set with -r on the forced line" 1 "read-only (-r)" \
	forced "set 4-1 2013 done" "$plandash" "${as_tanaka[@]}" -r "$p"
unchanged "refused forced commands leave the file byte-identical"
expect "forced --lang ja" 2 "不明なコマンドです: frob" \
	forced "frob 2013 --lang ja" "$plandash" "${as_tanaka[@]}" "$p"
expect "forced set in scope, quoted note" 0 "saved 2 changes" \
	forced "set 4-1 2013 done --note '中期財政計画 \"改定\" 済'" "$plandash" "${as_tanaka[@]}" "$p"
expect "forced get shows the quoted note" 0 'note: 中期財政計画 "改定" 済' \
	forced "get 4-1 H25" "$plandash" "${as_tanaka[@]}" "$p"
expect "forced log" 0 "	tanaka	4-1	2013	status	delayed -> done" \
	forced "log" "$plandash" "${as_tanaka[@]}" "$p"
expect "forced rate in scope, with a note" 0 "saved 2 changes" \
	forced "rate 4-1 2016-03-31 A --note '見直し後 \"回復\"'" "$plandash" "${as_tanaka[@]}" "$p"
expect "forced get shows the rating" 0 "rating: A" \
	forced "get 4-1 2016-03-31" "$plandash" "${as_tanaka[@]}" "$p"
expect "forced log names the rating" 0 "	tanaka	4-1	2016-03-31	rating	B -> A" \
	forced "log" "$plandash" "${as_tanaka[@]}" "$p"
expect "no words open the dashboard" 2 "the dashboard needs a terminal" \
	forced "  " "$plandash" "${as_tanaka[@]}" "$p"

finish
