#!/bin/bash
# git.sh - plandash with git, through the command line, in a real git
# repository under $TMPDIR: the merge driver in `git merge` (a status
# changed on one branch and the note of the same entry on another conflict
# under git's own merge and merge cleanly with the driver, in both
# directions; a true conflict leaves markers around that line only and
# --check names it), every save a commit of the plan alone (--commit
# anywhere on the command line), no commit in the middle of a merge, on a
# detached HEAD or without git, and `plandash log` in the reader's time
# zone.  Prints TAP.
set -u

top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
plandash=$(cd "$top_builddir" && pwd)/plandash
plan_yaml=$(cd "$top_srcdir" && pwd)/plan.yaml
export LC_ALL=C.UTF-8   # English messages, UTF-8 arguments
umask 022

work=$(mktemp -d "${TMPDIR:-/tmp}/plandash-git.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
# git reads no configuration of this machine or user
export HOME=$work/home GIT_CONFIG_NOSYSTEM=1
mkdir "$HOME"

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
says() {   # says TEXT NEEDLE: TEXT contains NEEDLE
	printf '%s' "$1" | grep -qF -- "$2"
}
field() {   # field FILE ITEM YEAR NAME: the value plandash get prints
	"$plandash" get "$1" "$2" "$3" | sed -n "s/^$4: //p"
}

if [ ! -x "$plandash" ] || [ ! -r "$plan_yaml" ] || ! command -v git >/dev/null; then
	not_ok "found $plandash, $plan_yaml and git"
	finish
fi

# A repository with plan.yaml (and .gitattributes naming the driver) on
# main, and two branches from it.
new_repo() {   # new_repo DIR
	mkdir "$1" && cd "$1" || exit 1
	git init -q -b main
	git config user.name Tester
	git config user.email tester@example.org
	cp "$plan_yaml" plan.yaml
	chmod 0644 plan.yaml
	printf 'plan.yaml merge=plandash\n' > .gitattributes
	printf 'one\n' > other.txt
	printf '*.history\n.*.lock\n' > .gitignore
	git add plan.yaml .gitattributes other.txt .gitignore
	git commit -q -m init >/dev/null
}
use_driver() {
	git config merge.plandash.name "plandash: field by field"
	git config merge.plandash.driver "'$plandash' merge %O %A %B"
}
last_message() {
	git log -1 --format=%B
}

# ---- 1. a status on one branch, the note of the same entry on another -----
new_repo "$work/a"
git checkout -q -b note2 main
"$plandash" set plan.yaml 1-1 2012 done --note "新しい備考" --commit >/dev/null
check "set --commit: one commit on the branch" test "$(git rev-list --count main..note2)" = 1
check "set --commit: the commit holds plan.yaml alone" \
	test "$(git show --name-only --format= HEAD)" = plan.yaml
check "set --commit: the message names the change" \
	says "$(last_message)" "1-1 FY2012 note: "
git checkout -q -b status main
"$plandash" --commit set plan.yaml 1-1 2012 delayed >/dev/null
check "--commit before the command: one commit on the branch" \
	test "$(git rev-list --count main..status)" = 1
check "the message's summary line is the change" \
	test "$(git log -1 --format=%s)" = "1-1 FY2012: done -> delayed"

# git's own merge: a conflict
if git merge -q --no-edit note2 >/dev/null 2>&1; then
	not_ok "git's line merge of a status and the note below it conflicts"
else
	ok "git's line merge of a status and the note below it conflicts"
fi
out=$("$plandash" --check plan.yaml 2>&1)
rc=$?
line=$(grep -n '^<<<<<<<' plan.yaml | head -1 | cut -d: -f1)
check "--check on git's markers: exit 1 (got $rc)" test "$rc" = 1
check "--check names the conflict by its line ($line)" says "$out" "plan.yaml:$line: unresolved merge conflict"
git merge --abort

# with the driver: clean, both ways, the same result
use_driver
check "with the driver: git merge succeeds" git merge -q --no-edit note2
check "merged: the status from one branch" test "$(field plan.yaml 1-1 2012 status)" = delayed
check "merged: the note from the other" test "$(field plan.yaml 1-1 2012 note)" = "新しい備考"
check "merged: no markers" bash -c '! grep -q "^[<=>|]\{7\}" plan.yaml'
check "merged: differs from ours in the note line only" \
	test "$(git diff HEAD^1 -- plan.yaml | grep -c '^[-+] ')" = 2
check "merged: plandash --check passes" "$plandash" --check plan.yaml
cp plan.yaml "$work/merged-one-way.yaml"
git checkout -q note2
check "the other way round: git merge succeeds" git merge -q --no-edit status
check "the other way round: the same file" cmp plan.yaml "$work/merged-one-way.yaml"

# ---- 2. a true conflict -----------------------------------------------------
git checkout -q -b x main
"$plandash" set plan.yaml 1-2 2013 delayed --commit >/dev/null
"$plandash" set plan.yaml 1-4 2014 done --commit >/dev/null
git checkout -q -b y main
"$plandash" set plan.yaml 1-2 2013 dropped --note "見直しで中止" --commit >/dev/null
if git merge -q --no-edit x >"$work/merge.out" 2>&1; then
	not_ok "a status changed to two values: git merge stops"
else
	ok "a status changed to two values: git merge stops"
fi
check "the driver names the conflict" grep -q "conflict: 1-2 2013 status: ours dropped, theirs delayed, base done" "$work/merge.out"
check "one hunk" test "$(grep -c '^<<<<<<< ours$' plan.yaml)" = 1
start=$(grep -n '^<<<<<<< ours$' plan.yaml | cut -d: -f1)
hunk=$(sed -n "$start,/^>>>>>>> theirs\$/p" plan.yaml)
check "the hunk is the status line on each side, nothing else" \
	test "$(printf '%s\n' "$hunk" | grep -vc '^\(<<<<<<< ours\|||||||| base\|=======\|>>>>>>> theirs\|  *status: \(dropped\|done\|delayed\)\)$')" = 0
check "the hunk has 7 lines" test "$(printf '%s\n' "$hunk" | wc -l)" = 7
check "the rest is merged: their other status" \
	grep -q "^            status: done$" <(sed -n '/id: "1-4"/,/id: "1-5"/p' plan.yaml | sed -n '/year: 2014/,/year: 2015/p')
check "the rest is merged: our note" grep -q "note: 見直しで中止" plan.yaml
out=$("$plandash" --check plan.yaml 2>&1)
rc=$?
check "--check: exit 1 (got $rc)" test "$rc" = 1
check "--check names the conflict with its line" \
	says "$out" "plan.yaml:$start: unresolved merge conflict: 1-2 2013 status: ours dropped, theirs delayed, base done"
out=$("$plandash" get plan.yaml 1-2 2013 2>&1)
check "get refuses a file with markers and says where" says "$out" "plan.yaml:$start:"
git merge --abort

# ---- 3. commits: the plan alone, and when there is none ---------------------
git checkout -q main
printf 'two\n' >> other.txt
git add other.txt
head=$(git rev-parse HEAD)
out=$("$plandash" set plan.yaml 1-3 2013 done --commit 2>&1)
check "a commit with something else staged: saved and committed" says "$out" "committed as"
check "... the commit has plan.yaml alone" test "$(git show --name-only --format= HEAD)" = plan.yaml
check "... other.txt is still staged" test "$(git diff --cached --name-only)" = other.txt
check "... git status shows the plan clean" test -z "$(git status --porcelain -- plan.yaml)"
check "... the parent is the old HEAD" test "$(git rev-parse HEAD~1)" = "$head"
git reset -q --hard

# mid-merge: a merge stopped before its commit
git checkout -q -b z main
"$plandash" set plan.yaml 1-5 2013 done --commit >/dev/null
git checkout -q main
git merge -q --no-ff --no-commit z >/dev/null 2>&1
head=$(git rev-parse HEAD)
out=$("$plandash" set plan.yaml 1-6 2013 done --commit 2>&1)
rc=$?
check "mid-merge: the save happens (exit $rc)" test "$rc" = 0 -a "$(field plan.yaml 1-6 2013 status)" = done
check "mid-merge: nothing is committed" test "$(git rev-parse HEAD)" = "$head"
check "mid-merge: the message says why" says "$out" "not committed: a git merge is in progress"
git merge --abort 2>/dev/null || git reset -q --hard

git checkout -q --detach
head=$(git rev-parse HEAD)
out=$("$plandash" set plan.yaml 1-6 2013 delayed --commit 2>&1)
check "detached HEAD: saved, not committed" test "$(git rev-parse HEAD)" = "$head"
check "detached HEAD: the message says why" says "$out" "HEAD is detached"
git checkout -q main 2>/dev/null || { git reset -q --hard && git checkout -q main; }

out=$(PATH=/nonexistent "$plandash" set plan.yaml 1-7 2013 done --commit 2>&1)
rc=$?
check "no git: saved (exit $rc)" test "$rc" = 0
check "no git: the message says git cannot be run" says "$out" "git cannot be run"
git reset -q --hard

# the access file: commit: true commits without --commit, and the user's
# name: and email: are the author (what git does not take, <>, left out)
cat > "$work/access.yaml" <<'EOA'
commit: true
users:
  tanaka: {departments: [財政課], name: "田中 一郎 <x>", email: tanaka@city.example}
  sato: {role: editor}
EOA
head=$(git rev-parse HEAD)
out=$("$plandash" set plan.yaml 1-3 2013 delayed --access "$work/access.yaml" --as sato 2>&1)
check "access file commit: true: a save is a commit without --commit" says "$out" "committed as"
check "... one commit" test "$(git rev-parse HEAD~1)" = "$head"
check "... by the login name when the file names no author" \
	test "$(git log -1 --format=%an HEAD)" = sato
item=$(awk '/- id:/ { id = $3; gsub(/"/, "", id) } /departments:.*財政課/ { print id; exit }' plan.yaml)
"$plandash" set plan.yaml "$item" 2013 delayed --access "$work/access.yaml" --as tanaka >/dev/null 2>&1
check "... tanaka's commit ($item) is by the access file's name and email" \
	test "$(git log -1 --format='%an|%ae' HEAD)" = "田中 一郎 x|tanaka@city.example"

cp "$plan_yaml" "$work/outside.yaml"
chmod u+w "$work/outside.yaml"
out=$(cd / && "$plandash" set "$work/outside.yaml" 1-7 2013 done --commit 2>&1)
if (cd "$work" && git rev-parse >/dev/null 2>&1); then
	ok "outside a work tree: not tested (TMPDIR is inside a git work tree) # SKIP"
else
	check "outside a work tree: saved, and said so" says "$out" "not in a git work tree"
fi

finish
