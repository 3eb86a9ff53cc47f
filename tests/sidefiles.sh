#!/bin/bash
# sidefiles.sh - the files plandash keeps beside a plan (FILE.history,
# FILE.recover, FILE~, .FILE.lock, temporary files) under hostile
# conditions, through the command line: planted symbolic links (made by
# another user when running as root), FIFOs (every run under a time-out, so
# a hang fails instead of blocking), a file size limit, a partial history
# line, permissions and ACLs, other programs' files that look like ours,
# and the exit statuses.  Prints TAP.
set -u

top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
plandash=$top_builddir/plandash
plan_yaml=$top_srcdir/plan.yaml
export LC_ALL=C.UTF-8   # English messages, UTF-8 arguments
umask 022

work=$(mktemp -d "${TMPDIR:-/tmp}/plandash-side.XXXXXX") || exit 1
bg_pid=
cleanup() {
	if [ -n "$bg_pid" ]; then
		kill "$bg_pid" 2>/dev/null
		wait "$bg_pid" 2>/dev/null
	fi
	chmod -R u+rwX "$work" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
# Other users (below) must reach the shared directories.
chmod 0711 "$work"

. "$top_srcdir/tests/tap.sh"   # ok, not_ok, expect, finish
skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}
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
same() {   # same FILE1 FILE2
	cmp -s "$1" "$2"
}
says() {   # says TEXT NEEDLE: TEXT contains NEEDLE
	printf '%s' "$1" | grep -qF -- "$2"
}
never_kept() {   # the command line keeps nothing, so it never says so
	! printf '%s' "$1" | grep -qi 'kept'
}
mode_of() {
	stat -c %a "$1"
}
# Our temporary files, and the names a save must leave alone.
temps_in() {   # temps_in DIR NAME: how many .NAME.plandash-XXXXXX.tmp are left
	find "$1" -maxdepth 1 -name ".$2.plandash-??????.tmp" | wc -l
}

if [ ! -x "$plandash" ] || [ ! -r "$plan_yaml" ]; then
	not_ok "found $plandash and $plan_yaml"
	finish
fi

# Another user plants files, when we can be one: root runs the planting
# command as nobody (setpriv); anyone else plants them as themselves.
other=
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
   setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	other="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
as_other() {
	$other "$@"
}
if [ -n "$other" ]; then
	echo "# planting as nobody (setpriv)"
else
	echo "# planting as ourselves (not root, or no setpriv)"
fi

# A writable copy of the plan (the source tree may be read-only).
copy_plan() {   # copy_plan DEST
	cp "$plan_yaml" "$1" && chmod 0644 "$1"
}

# A sticky, world-writable directory with a copy of the plan (ours).
new_shared() {   # new_shared NAME: echo the plan's path
	local d=$work/$1
	mkdir "$d"
	chmod 1777 "$d"
	copy_plan "$d/plan.yaml"
	echo "$d/plan.yaml"
}
# run_set PLAN ID YEAR STATUS [ARGS]: plandash set under a time-out; sets
# out (stdout and stderr) and rc (124 when it hung).
run_set() {
	out=$(timeout 20 "$plandash" set "$@" 2>&1)
	rc=$?
}

# ---- 1. symbolic links planted beside the plan ------------------------------
secret=$work/secret
printf 'SECRET\n' > "$secret"
chmod 0600 "$secret"
cp "$secret" "$work/secret.orig"

p=$(new_shared links)
cp "$p" "$work/links.orig"
as_other ln -s "$secret" "$p.history"
run_set "$p" 1-3 2013 done
check "history -> a protected file: the file is not written" same "$secret" "$work/secret.orig"
check "history -> a protected file: refused, exit 2 (got $rc)" test "$rc" = 2
check "history -> a protected file: the message says it is a symbolic link" \
	says "$out" "symbolic link"
check "history -> a protected file: the plan is unchanged" same "$p" "$work/links.orig"
check "history -> a protected file: the link is left alone" \
	test "$(readlink "$p.history")" = "$secret"
never_kept "$out" && ok "history -> a protected file: no claim that edits are kept" ||
	not_ok "history -> a protected file: no claim that edits are kept" "$out"
rm -f "$p.history"

as_other ln -s "$work/planted-by-link" "$p.history"
run_set "$p" 1-3 2013 done
check "history -> a missing file: nothing is created there" test ! -e "$work/planted-by-link"
check "history -> a missing file: refused, exit 2 (got $rc)" test "$rc" = 2
rm -f "$p.history"

rm -f "$(dirname "$p")/.plan.yaml.lock"
as_other ln -s "$secret" "$(dirname "$p")/.plan.yaml.lock"
run_set "$p" 1-3 2013 done
check "lock file -> a protected file: the file is not written" same "$secret" "$work/secret.orig"
check "lock file -> a protected file: refused, exit 2 (got $rc)" test "$rc" = 2
rm -f "$(dirname "$p")/.plan.yaml.lock"

as_other ln -s "$secret" "$p~"
run_set "$p" 1-4 2013 delayed --backup
check "backup -> a protected file: the file is not written" same "$secret" "$work/secret.orig"
check "backup -> a protected file: refused, exit 2 (got $rc)" test "$rc" = 2
check "backup -> a protected file: the link is left alone" test -L "$p~"
check "backup -> a protected file: the plan is unchanged" same "$p" "$work/links.orig"
rm -f "$p~"

# Hard links to a protected file (another user's where the kernel lets
# them link it, else our own) are refused like symbolic links.
p=$(new_shared hardlinks)
cp "$p" "$work/hardlinks.orig"
for name in plan.yaml.history .plan.yaml.lock; do
	rm -f "$(dirname "$p")/$name"
	as_other ln "$secret" "$(dirname "$p")/$name" 2>/dev/null ||
		ln "$secret" "$(dirname "$p")/$name"
	run_set "$p" 1-3 2013 done
	check "$name hard-linked to a protected file: the file is not written" \
		same "$secret" "$work/secret.orig"
	check "$name hard-linked to a protected file: refused, exit 2 (got $rc)" test "$rc" = 2
	check "$name hard-linked to a protected file: the message says why" says "$out" "hard links"
	check "$name hard-linked to a protected file: the plan is unchanged" \
		same "$p" "$work/hardlinks.orig"
	rm -f "$(dirname "$p")/$name"
done

# A planted FILE.recover (with a line the save does not settle) is
# neither read through nor replaced by a file with the target's mode.
theirs=$work/theirs.recover
printf '# plandash recovery\n1-1\t2011\tnote\t\\N\tplanted\n' > "$theirs"
chmod 0666 "$theirs"
[ -n "$other" ] && chown 65534:65534 "$theirs"
cp "$theirs" "$work/theirs.orig"
as_other ln -s "$theirs" "$p.recover"
run_set "$p" 1-5 2013 in_progress   # a change: plan.yaml has it delayed
check "recover -> another file: the save itself works (exit $rc)" test "$rc" = 0
check "recover -> another file: it is still a link" test -L "$p.recover"
check "recover -> another file: its target is unchanged" same "$theirs" "$work/theirs.orig"
check "recover -> another file: the output says it was refused" says "$out" "symbolic link"
rm -f "$p.recover"

# ---- 2. files that merely look like ours survive a save ---------------------
d=$work/temps
mkdir "$d"
copy_plan "$d/plan.yaml"
for name in .plan.yaml.backup .plan.yaml.orig01 .plan.yaml.abcdef .plan.yaml.rsync1 \
	.plan.yaml.plandash-Fresh1.tmp .plan.yaml.plandash-Stale1.tmp; do
	echo "$name" > "$d/$name"
done
touch -d '3 hours ago' "$d/.plan.yaml.plandash-Stale1.tmp" "$d/.plan.yaml.abcdef"
mkdir "$d/.plan.yaml.plandash-Sdir01.tmp"
touch -d '3 hours ago' "$d/.plan.yaml.plandash-Sdir01.tmp"
ln -s "$secret" "$d/.plan.yaml.plandash-Slink1.tmp"
touch -h -d '3 hours ago' "$d/.plan.yaml.plandash-Slink1.tmp"
if [ -n "$other" ]; then
	echo other > "$d/.plan.yaml.plandash-Other1.tmp"
	chown 65534:65534 "$d/.plan.yaml.plandash-Other1.tmp"
	touch -d '3 hours ago' "$d/.plan.yaml.plandash-Other1.tmp"
fi
run_set "$d/plan.yaml" 1-3 2013 done
check "temporary files: the save works (exit $rc)" test "$rc" = 0
for name in .plan.yaml.backup .plan.yaml.orig01 .plan.yaml.abcdef .plan.yaml.rsync1 \
	.plan.yaml.plandash-Fresh1.tmp; do
	check "temporary files: $name survives a save" test -f "$d/$name"
done
check "temporary files: a directory with our pattern survives" \
	test -d "$d/.plan.yaml.plandash-Sdir01.tmp"
check "temporary files: a symbolic link with our pattern survives" \
	test -L "$d/.plan.yaml.plandash-Slink1.tmp"
if [ -n "$other" ]; then
	check "temporary files: another user's file with our pattern survives" \
		test -f "$d/.plan.yaml.plandash-Other1.tmp"
fi
check "temporary files: our own stale temporary file is removed" \
	test ! -e "$d/.plan.yaml.plandash-Stale1.tmp"

# ---- 3. FIFOs never hang it -----------------------------------------------
d=$work/fifos
mkdir "$d"
p=$d/plan.yaml
copy_plan "$p"
cp "$p" "$d/orig.yaml"
mkfifo "$p.history"
run_set "$p" 1-3 2013 done
check "FIFO history: set does not hang (exit $rc, 124 is the time-out)" test "$rc" != 124
check "FIFO history: refused, exit 2 (got $rc)" test "$rc" = 2
check "FIFO history: the message says it is not a regular file" says "$out" "not a regular file"
check "FIFO history: the plan is unchanged" same "$p" "$d/orig.yaml"
out=$(timeout 20 "$plandash" log "$p" 2>&1)
rc=$?
check "FIFO history: log does not hang, exit 2 (got $rc)" test "$rc" = 2
rm -f "$p.history"
run_set "$p" 1-3 2013 done
check "FIFO history removed: the next set works at once (exit $rc)" test "$rc" = 0

mkfifo "$d/fifo.yaml"
out=$(timeout 20 "$plandash" --check "$d/fifo.yaml" 2>&1)
rc=$?
check "--check on a FIFO: no hang, exit 2 (got $rc)" test "$rc" = 2
out=$(timeout 20 "$plandash" get "$d/fifo.yaml" 1-3 2013 2>&1)
rc=$?
check "get on a FIFO: no hang, exit 2 (got $rc)" test "$rc" = 2
out=$(timeout 20 "$plandash" set "$d/fifo.yaml" 1-3 2013 done 2>&1)
rc=$?
check "set on a FIFO: no hang, exit 2 (got $rc)" test "$rc" = 2
rm -f "$d/.plan.yaml.lock"
mkfifo "$d/.plan.yaml.lock"
run_set "$p" 1-3 2013 delayed
check "FIFO lock file: no hang, exit 2 (got $rc)" test "$rc" = 2
rm -f "$d/.plan.yaml.lock"

out=$(timeout 20 "$plandash" --check /dev/zero 2>&1)
rc=$?
check "--check /dev/zero: refused at once, exit 2 (got $rc)" test "$rc" = 2
check "--check /dev/zero: says it is not a regular file ($out)" \
	grep -q "not a regular file" <<<"$out"

# ---- 4. a file size limit: an error like a full disk -------------------------
d=$work/fsize
mkdir "$d"
p=$d/plan.yaml
copy_plan "$p"
cp "$p" "$d/orig.yaml"
out=$(ulimit -f 64; exec timeout 20 "$plandash" set "$p" 1-3 2013 delayed 2>&1)
rc=$?
check "ulimit -f below the plan: set is not killed, exit 2 (got $rc)" test "$rc" = 2
check "ulimit -f below the plan: the message says why" says "$out" "File too large"
never_kept "$out" && ok "ulimit -f below the plan: no claim that edits are kept" ||
	not_ok "ulimit -f below the plan: no claim that edits are kept" "$out"
check "ulimit -f below the plan: the plan is unchanged" same "$p" "$d/orig.yaml"
check "ulimit -f below the plan: no temporary file is left ($(temps_in "$d" plan.yaml))" \
	test "$(temps_in "$d" plan.yaml)" = 0
check "ulimit -f below the plan: no history line for it" test ! -s "$p.history"

# ---- 5. the history matches the file --------------------------------------
d=$work/history
mkdir "$d"
p=$d/plan.yaml
copy_plan "$p"
printf '2013-01-01T00:00:00+09:00\tsomeone\t1-1\t2013\tstatus\tplanned\tin_progress\n' \
	> "$p.history"
printf '2013-01-02T00:00:00+09:00\tsomeone\t1-2\t20' >> "$p.history"
run_set "$p" 1-4 2013 delayed
check "partial last history line: the save works (exit $rc)" test "$rc" = 0
bad=$(awk -F'\t' 'NF != 7' "$p.history" | wc -l)
check "partial last history line: every line has 7 fields after the save ($bad do not)" \
	test "$bad" = 0
check "partial last history line: the file ends with a line end" \
	test "$(tail -c 1 "$p.history" | od -An -c | tr -d ' ')" = '\n'
log=$("$plandash" log "$p" 2>&1)
check "partial last history line: log shows the new change on a line of its own" \
	bash -c 'printf "%s\n" "$1" | grep -q "	1-4	2013	status	.* -> delayed$"' _ "$log"
check "partial last history line: log shows the earlier complete line" \
	bash -c 'printf "%s\n" "$1" | grep -q "	1-1	2013	status	planned -> in_progress$"' _ "$log"

# The append itself fails (the limit is reached in the middle of the line):
# nothing is saved, and the history is as it was.
copy_plan "$p"
cp "$p" "$d/orig.yaml"
limit_kb=128
line=$'2013-01-01T00:00:00+09:00\tsomeone\t1-1\t2013\tstatus\tplanned\tin_progress\n'
lines=$(((limit_kb * 1024 - 200) / ${#line}))
for _ in $(seq 1 "$lines"); do
	printf '%s' "$line"
done > "$p.history"
pad=$((limit_kb * 1024 - 40 - $(stat -c %s "$p.history")))
printf '# %*s\n' "$((pad - 3))" '' >> "$p.history"
cp "$p.history" "$d/history.orig"
out=$(ulimit -f $limit_kb; exec timeout 20 "$plandash" set "$p" 1-4 2013 delayed 2>&1)
rc=$?
check "history append fails half-way: exit 2 (got $rc)" test "$rc" = 2
check "history append fails half-way: the message names the history" says "$out" "history"
check "history append fails half-way: the plan is unchanged" same "$p" "$d/orig.yaml"
check "history append fails half-way: the history is as it was" same "$p.history" "$d/history.orig"
check "history append fails half-way: no temporary file is left" \
	test "$(temps_in "$d" plan.yaml)" = 0

# ---- 6. permissions, owner, group, ACLs and extended attributes ------------
for mode in 600 640; do
	d=$work/mode$mode
	mkdir "$d"
	p=$d/plan.yaml
	copy_plan "$p"
	chmod "$mode" "$p"
	run_set "$p" 1-3 2013 done
	check "plan $mode: the history is created $mode (got $(mode_of "$p.history"))" \
		test "$(mode_of "$p.history")" = "$mode"
	check "plan $mode: the plan keeps its mode" test "$(mode_of "$p")" = "$mode"
done
d=$work/umask
mkdir "$d"
p=$d/plan.yaml
copy_plan "$p"
chmod 600 "$p"
(umask 077; exec timeout 20 "$plandash" set "$p" 1-3 2013 done >/dev/null 2>&1)
check "umask 077, plan 600: the history is 600 (got $(mode_of "$p.history"))" \
	test "$(mode_of "$p.history")" = 600

if [ -n "$other" ]; then
	# The first saver is root: the history takes the plan's owner, so
	# the plan's owner can append to it afterwards.
	d=$work/owner
	mkdir "$d"
	chmod 0777 "$d"
	p=$d/plan.yaml
	copy_plan "$p"
	chown 65534:65534 "$p"
	chmod 0664 "$p"
	run_set "$p" 1-3 2013 done
	owner=$(stat -c %u:%g "$p.history")
	check "history of nobody's plan, first saved by root: owned by nobody ($owner)" \
		test "$(stat -c %u:%g "$p.history")" = 65534:65534
	out=$(as_other timeout 20 "$plandash" set "$p" 1-4 2013 done 2>&1)
	rc=$?
	check "the plan's owner saves next: exit 0 (got $rc)" test "$rc" = 0
	check "the plan's owner saves next: its line is in the history" \
		test "$(wc -l < "$p.history")" = 2
	check "the plan keeps its owner and group" test "$(stat -c %u:%g "$p")" = 65534:65534

	# A directory nobody cannot write: EACCES is an I/O error, exit 2.
	d=$work/noaccess
	mkdir "$d"
	chmod 0755 "$d"
	p=$d/plan.yaml
	copy_plan "$p"
	chmod 0666 "$p"
	out=$(as_other timeout 20 "$plandash" set "$p" 1-3 2013 done 2>&1)
	rc=$?
	check "permission denied: exit 2 (got $rc)" test "$rc" = 2
	check "permission denied: the message says so" says "$out" "Permission denied"
	never_kept "$out" && ok "permission denied: no claim that edits are kept" ||
		not_ok "permission denied: no claim that edits are kept" "$out"
else
	d=$work/noaccess
	mkdir "$d"
	p=$d/plan.yaml
	copy_plan "$p"
	chmod 0555 "$d"
	out=$(timeout 20 "$plandash" set "$p" 1-3 2013 done 2>&1)
	rc=$?
	chmod 0755 "$d"
	check "permission denied: exit 2 (got $rc)" test "$rc" = 2
	check "permission denied: the message says so" says "$out" "Permission denied"
	never_kept "$out" && ok "permission denied: no claim that edits are kept" ||
		not_ok "permission denied: no claim that edits are kept" "$out"
fi

d=$work/acl
mkdir "$d"
p=$d/plan.yaml
copy_plan "$p"
if command -v setfacl >/dev/null && setfacl -m u:65534:r "$p" 2>/dev/null; then
	run_set "$p" 1-3 2013 done
	check "ACL: the save works (exit $rc)" test "$rc" = 0
	check "ACL: the plan keeps its ACL entry for uid 65534" \
		bash -c 'getfacl -n -c "$1" 2>/dev/null | grep -qx "user:65534:r--"' _ "$p"
else
	skip "ACL: the plan keeps its ACL entry" "setfacl (package acl) missing or no ACLs here"
fi
if command -v setfattr >/dev/null && setfattr -n user.plandash -v kept "$p" 2>/dev/null; then
	run_set "$p" 1-4 2013 done
	check "xattr: the save works (exit $rc)" test "$rc" = 0
	check "xattr: the plan keeps user.plandash" \
		bash -c 'getfattr --only-values -n user.plandash "$1" 2>/dev/null | grep -qx kept' _ "$p"
else
	skip "xattr: the plan keeps user.plandash" "setfattr (package attr) missing or no xattrs here"
fi
group=
for g in $(id -G); do
	[ "$g" != "$(id -g)" ] && group=$g && break
done
[ -z "$group" ] && [ "$(id -u)" -eq 0 ] && group=65534
if [ -n "$group" ] && chgrp "$group" "$p" 2>/dev/null; then
	run_set "$p" 1-5 2013 done
	check "group: the plan keeps group $group (got $(stat -c %g "$p"))" \
		test "$(stat -c %g "$p")" = "$group"
else
	skip "group: the plan keeps its group" "no second group to try"
fi

# ---- 8. a lock held too long is an I/O error, exit 2 -----------------------
d=$work/locked
mkdir "$d"
p=$d/plan.yaml
copy_plan "$p"
flock "$d" flock "$d/.plan.yaml.lock" sh -c ': > "$1"; sleep 15' sh "$d/holding" &
bg_pid=$!
for _ in $(seq 1 100); do
	[ -e "$d/holding" ] && break
	sleep 0.1
done
run_set "$p" 1-3 2013 done
kill "$bg_pid" 2>/dev/null
wait "$bg_pid" 2>/dev/null
bg_pid=
check "lock held by another process: exit 2 (got $rc)" test "$rc" = 2
check "lock held by another process: the message says another session is saving" \
	says "$out" "another session is saving"
never_kept "$out" && ok "lock held by another process: no claim that edits are kept" ||
	not_ok "lock held by another process: no claim that edits are kept" "$out"

finish
