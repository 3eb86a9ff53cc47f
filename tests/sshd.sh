#!/bin/bash
# sshd.sh - a throw-away OpenSSH server on 127.0.0.1 for the tests: a free
# high port, host and client keys, sshd_config, ssh_config, known_hosts and
# authorized_keys in a directory of the caller's, and nothing else touched
# (the system's own sshd, its configuration and its service are left
# alone; as root the privilege separation directory /run/sshd is created
# when it is missing, as the service would).
#
# As a command (from C tests through system()):
#   bash tests/sshd.sh start DIR     start; prints the port
#   bash tests/sshd.sh stop DIR      stop it (by its pid) and wait for it
# As a library (shell tests):
#   . tests/sshd.sh; sshd_start DIR; ...; sshd_stop DIR
#
# Then:  ssh -F DIR/ssh_config -tt plandash-test 'COMMAND'
# logs in as the current user with DIR/client_key; no LANG or other
# variable is sent, and the server accepts none (so the session has no
# LANG, as from PuTTY or Tera Term).
#
# sshd_start returns (exits with) 0 when the server is up, 77 when it cannot
# run here (no sshd or ssh, or, when not root, a login that fails: the
# reason is on stderr and in DIR/skip), 1 on an error.  As root, a server
# that does not let us log in is an error, not a skip.
#
# Environment:
#   SSHD_KEY_OPTIONS  options for the authorized_keys line, e.g.
#                     'command="plandash --access a.yaml plan.yaml",restrict,pty'
#                     (then the login check at start is skipped: the key
#                     runs that command whatever is asked)
#   SSHD_PTY          yes (default): the login check at start asks for a
#                     terminal (ssh -tt), which a server not run by root
#                     cannot give (it cannot chown the pty): then 77 when
#                     not root.  no: sessions without a terminal are enough.
#   SSHD_LIFETIME     seconds after which the server stops by itself even
#                     if nobody stops it (default 900)
#   SSHD              the sshd binary (default /usr/sbin/sshd: sshd must be
#                     started by an absolute path)
#
# Files in DIR: sshd_config, ssh_config, host_key, client_key,
# authorized_keys, known_hosts, port, sshd.pid, sshd.log.

sshd_skip() {   # DIR REASON
	echo "$2" >"$1/skip"
	echo "sshd.sh: $2" >&2
	return 77
}

# A high port nobody listens on now (sshd_start tries again when another
# process takes it first).
sshd_free_port() {
	local port i
	for i in $(seq 1 50); do
		port=$((30000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
	echo "$port"
}

sshd_write_config() {   # DIR PORT USER
	local dir=$1 port=$2 user=$3
	cat >"$dir/sshd_config" <<EOF
ListenAddress 127.0.0.1:$port
HostKey $dir/host_key
PidFile none
AuthorizedKeysFile $dir/authorized_keys
AllowUsers $user
StrictModes no
UsePAM no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
PermitUserEnvironment no
AllowTcpForwarding no
AllowAgentForwarding no
AllowStreamLocalForwarding no
X11Forwarding no
PermitTunnel no
PrintMotd no
PrintLastLog no
UseDNS no
MaxStartups 50
LogLevel VERBOSE
EOF
	cat >"$dir/ssh_config" <<EOF
Host plandash-test
	HostName 127.0.0.1
	Port $port
	User $user
	IdentityFile $dir/client_key
	IdentitiesOnly yes
	IdentityAgent none
	UserKnownHostsFile $dir/known_hosts
	GlobalKnownHostsFile /dev/null
	StrictHostKeyChecking yes
	UpdateHostKeys no
	BatchMode yes
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	EscapeChar none
	ConnectTimeout 10
	LogLevel ERROR
EOF
	printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$dir/host_key.pub")" \
		>"$dir/known_hosts"
	echo "$port" >"$dir/port"
}

# Wait until the server at pid listens (its log says so); false when it died.
sshd_wait_listening() {   # DIR PID PORT
	local i
	for i in $(seq 1 100); do
		if grep -q "Server listening on 127.0.0.1 port $3" "$1/sshd.log" 2>/dev/null; then
			return 0
		fi
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}

sshd_start() {   # DIR
	local dir=$1 sshd=${SSHD:-/usr/sbin/sshd} user port pid try
	[ -n "$dir" ] || { echo "usage: sshd_start DIR" >&2; return 1; }
	mkdir -p "$dir" && chmod 700 "$dir" || return 1
	rm -f "$dir/skip"
	[ -x "$sshd" ] || { sshd_skip "$dir" "no $sshd (install openssh-server)"; return; }
	command -v ssh >/dev/null && command -v ssh-keygen >/dev/null ||
		{ sshd_skip "$dir" "no ssh or ssh-keygen (install openssh-client)"; return; }
	user=$(id -un) || return 1
	if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then
		mkdir -p /run/sshd && chmod 0755 /run/sshd || return 1
	fi
	rm -f "$dir/host_key" "$dir/host_key.pub" "$dir/client_key" "$dir/client_key.pub"
	ssh-keygen -q -t ed25519 -N '' -C plandash-test-host -f "$dir/host_key" </dev/null &&
		ssh-keygen -q -t ed25519 -N '' -C plandash-test-client -f "$dir/client_key" </dev/null ||
		return 1
	printf '%s%s\n' "${SSHD_KEY_OPTIONS:+$SSHD_KEY_OPTIONS }" "$(cat "$dir/client_key.pub")" \
		>"$dir/authorized_keys"
	for try in 1 2 3 4 5; do
		port=$(sshd_free_port)
		sshd_write_config "$dir" "$port" "$user"
		: >"$dir/sshd.log"
		# -D -e: in the foreground, logging to the log file; timeout stops
		# it if the test that started it dies first
		timeout "${SSHD_LIFETIME:-900}" "$sshd" -D -e -f "$dir/sshd_config" \
			</dev/null >>"$dir/sshd.log" 2>&1 &
		pid=$!
		echo "$pid" >"$dir/sshd.pid"
		if sshd_wait_listening "$dir" "$pid" "$port"; then
			break
		fi
		sshd_stop "$dir"
		pid=
	done
	if [ -z "$pid" ]; then
		echo "sshd.sh: sshd did not start; its log:" >&2
		cat "$dir/sshd.log" >&2
		return 1
	fi
	local tty=-T
	[ "${SSHD_PTY:-yes}" = no ] || tty=-tt
	if [ -z "${SSHD_KEY_OPTIONS:-}" ] &&
	   ! ssh -F "$dir/ssh_config" "$tty" plandash-test true </dev/null >"$dir/login.log" 2>&1; then
		local why
		why="cannot log in as $user ($tty) through a loopback sshd: $(grep -h -v \
			-e '^Connection from' -e '^Accepted' -e '^Postponed' -e '^User child' \
			"$dir/sshd.log" "$dir/login.log" | tail -n 3 | tr '\n' ' ')"
		sshd_stop "$dir"
		if [ "$(id -u)" -eq 0 ]; then
			echo "sshd.sh: $why" >&2
			return 1
		fi
		sshd_skip "$dir" "$why"
		return
	fi
	echo "$port"
}

sshd_stop() {   # DIR
	local dir=$1 pid i
	pid=$(cat "$dir/sshd.pid" 2>/dev/null) || return 0
	[ -n "$pid" ] || return 0
	kill "$pid" 2>/dev/null
	for i in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	kill -9 "$pid" 2>/dev/null
	rm -f "$dir/sshd.pid"
	return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	case ${1:-} in
	start) sshd_start "$2"; exit ;;
	stop) sshd_stop "$2"; exit ;;
	*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
	esac
fi
