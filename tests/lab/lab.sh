#!/bin/sh
# lab.sh — the fake-Synology lab: each fake NAS is a real OpenSSH sshd
# running in a private mount (and UTS) namespace where a DSM filesystem tree
# (examples/make-tree.sh, or a lab scenario in tests/lab/scenarios/) is
# bind-mounted over the real paths. The host's files, users and services are
# never changed: all bind mounts live in the namespaces only.
#
# Usage (as root):
#   tests/lab/lab.sh up [--hosts N | SCENARIO[:VARIANT[:BYTES]]...] [--state DIR]
#                       [--port PORT] [--timeout SECONDS] [--nopasswd NAS,...]
#   tests/lab/lab.sh down   [--state DIR]
#   tests/lab/lab.sh status [--state DIR]
#
# Scenarios: seed-local seed-remote dsm-default hardened (examples/make-tree.sh)
# and the lab-only broken-acl, dsm7-lax, webapi-broken, unreachable, trap,
# hostile[:VARIANT[:BYTES]] (VARIANT
# one of truncated garbage oversized control endless hang lie stall
# disconnect impostor; default truncated;
# BYTES sizes truncated/garbage/oversized, see stubs/lab-hostile).
# Without scenarios, `up` starts the four example scenarios; `--hosts N`
# starts N hosts cycling through them. Hosts are named nas1, nas2, ... in
# argument order and listen on 127.0.0.10, 127.0.0.11, ... on the port the
# tree's synoinfo.conf gives (ssh_port, default 22, as DSM's sshd does) or
# on --port.
#
# After `up`, DIR (default /tmp/synolint-lab, or $SL_LAB_STATE) holds:
#   ssh_config    `ssh -F DIR/ssh_config nas1 true` logs in with the lab key
#   known_hosts   every host's keys; id_ed25519 the test client identity
#   hosts/NAME/   scenario, addr, port, user, pid, sshd.log (sshd -e), tree/,
#                 sudo (password or nopasswd; absent without sudo here)
#   become_password  the test user's password on every host (random, 0600)
# With this machine's sudo installed, each host gets DSM's sudo rule in its
# own /etc/sudoers (bind-mounted, like the rest): members of administrators
# may run anything as root, with their password, or without one on the
# hosts named by --nopasswd. sudo's log, timestamps and lecture notes stay
# in the tree (/usr/syno/bin/.lab/), never on the host.
# `down` stops only the sshd processes the lab started (and everything else
# inside their namespaces), removes the mount points it created on the host
# (only if still empty) and the state directory. Both are idempotent.
# Exit status: 0 ok, 1 failure (everything started is stopped again), 2 usage.
set -u
LC_ALL=C
export LC_ALL
umask 022

LAB_DIR=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
SRC=$(cd -P -- "$LAB_DIR/../.." && pwd -P)
MAKE_TREE=${SL_MAKE_TREE:-$SRC/examples/make-tree.sh}
SSHD=${SL_LAB_SSHD:-/usr/sbin/sshd}
STATE=${SL_LAB_STATE:-/tmp/synolint-lab}
MARKER=.synolint-lab
EXAMPLES="seed-local seed-remote dsm-default hardened"
HOSTILE_VARIANTS="truncated garbage oversized control endless hang lie stall disconnect impostor"
# Host paths that must exist as (empty) mount points, in creation order.
MOUNT_DIRS="/var/services /volume1 /etc.defaults /usr/syno /usr/syno/bin /run/sshd"
MOUNT_FILES="/etc/synoinfo.conf"
DSM_PATH=/sbin:/bin:/usr/sbin:/usr/bin:/usr/syno/sbin:/usr/syno/bin:/usr/local/sbin:/usr/local/bin

me=lab.sh
say() { printf '%s: %s\n' "$me" "$*"; }
err() { printf '%s: %s\n' "$me" "$*" >&2; }
usage() {
	sed -n '/^# Usage/,/^# Scenarios/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

# The commands run inside a fresh mount+UTS namespace: bind the tree over
# the DSM paths, note our PID (sshd keeps it: exec, and HUP re-execs in
# place) for the stub DSM tools, and become sshd. Sessions get DSM's PATH
# (with /usr/syno/bin) from the command line, not from the tree's config.
# shellcheck disable=SC2016 # expanded by the inner sh
INNER='set -e
T=$1
hostname "$4" 2>/dev/null || :
mount --bind "$T/etc/ssh" /etc/ssh
mount --bind "$T/var/services" /var/services
mount --bind "$T/volume1" /volume1
for f in passwd group shadow synoinfo.conf; do
	mount --bind "$T/etc/$f" "/etc/$f"
done
mount --bind "$T/etc.defaults" /etc.defaults
mount --bind "$T/usr/syno/bin" /usr/syno/bin
mount --bind "$T/root" /root
[ ! -f "$T/etc/sudoers" ] || mount --bind "$T/etc/sudoers" /etc/sudoers
echo $$ >/usr/syno/bin/.lab/sshd.pid
exec "$5" -D -e -o "ListenAddress=$2:$3" -o PidFile=none -o "SetEnv=PATH=$6"'

# ------------------------------------------------------------ helpers

# nap — a short sleep (GNU sleep takes fractions; fall back to 1 s).
nap() {
	sleep 0.1 2>/dev/null || sleep 1
}

# is_lab_sshd PID MNTNS — PID is alive, runs sshd, and (when MNTNS is given)
# is still in that mount namespace.
is_lab_sshd() {
	[ -n "$1" ] && [ -r "/proc/$1/comm" ] || return 1
	case $(cat "/proc/$1/comm" 2>/dev/null) in
	sshd) ;;
	*) return 1 ;;
	esac
	[ -z "${2:-}" ] || [ "$(readlink "/proc/$1/ns/mnt" 2>/dev/null)" = "$2" ]
}

# ns_pids MNTNS — every process in that mount namespace (never the host's).
ns_pids() {
	[ -n "$1" ] && [ "$1" != "$(readlink /proc/1/ns/mnt)" ] &&
		[ "$1" != "$(readlink /proc/self/ns/mnt)" ] || return 0
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/ns/mnt" 2>/dev/null)" = "$1" ] &&
			printf '%s\n' "${p#/proc/}"
	done
	return 0
}

# listening ADDR PORT — something accepts TCP connections there.
listening() {
	[ -n "$(ss -Hltn src "$1:$2" 2>/dev/null)" ]
}

# hosts — the lab's host names, in creation order.
hosts() {
	cat -- "$STATE/hostlist" 2>/dev/null
}

# hval HOST KEY — a value from the host's state directory.
hval() {
	cat -- "$STATE/hosts/$1/$2" 2>/dev/null
}

# confval FILE KEY — a synoinfo.conf-style value (key="value").
confval() {
	sed -n "s/^$2=\"\\{0,1\\}\\([^\"]*\\)\"\\{0,1\\}\$/\\1/p" -- "$1" 2>/dev/null |
		tail -n 1
}

# ------------------------------------------------------------ down

# stop_host NAME — stop the host's sshd and everything in its namespace.
stop_host() {
	sh_pid=$(hval "$1" pid)
	sh_ns=$(hval "$1" mntns)
	[ -n "$sh_pid" ] || return 0
	sh_self=$(readlink /proc/self/ns/mnt)
	sh_pns=$(readlink "/proc/$sh_pid/ns/mnt" 2>/dev/null)
	sh_ppid=$(sed -n 's/^PPid:[[:space:]]*//p' "/proc/$sh_pid/status" 2>/dev/null)
	# Ours: sshd in its own namespace (the recorded one, once confirmed),
	# or, not yet confirmed, our unshare/sh on its way there.
	sh_ours=
	case $(cat "/proc/$sh_pid/comm" 2>/dev/null) in
	sshd)
		if [ -n "$sh_pns" ] && [ "$sh_pns" != "$sh_self" ] &&
		    { [ -z "$sh_ns" ] || [ "$sh_ns" = "$sh_pns" ]; }; then
			sh_ours=1
		fi
		;;
	unshare | sh)
		if [ -z "$sh_ns" ] && [ -n "$sh_pns" ] &&
		    { [ "$sh_pns" != "$sh_self" ] || [ "$sh_ppid" = "$$" ]; }; then
			sh_ours=1
		fi
		;;
	esac
	if [ -n "$sh_ours" ]; then
		kill -TERM "$sh_pid" 2>/dev/null
		[ "$sh_pns" = "$sh_self" ] || sh_ns=$sh_pns
	fi
	# Then everything left in its namespace (sessions, ForceCommands),
	# even when the listener itself is already gone.
	[ -n "$sh_ns" ] || return 0
	# shellcheck disable=SC2046 # PIDs
	kill -TERM $(ns_pids "$sh_ns") 2>/dev/null
	sh_i=0
	while [ -n "$(ns_pids "$sh_ns")" ]; do
		sh_i=$((sh_i + 1))
		if [ "$sh_i" -eq 50 ]; then
			# shellcheck disable=SC2046 # PIDs
			kill -KILL $(ns_pids "$sh_ns") 2>/dev/null
		elif [ "$sh_i" -gt 100 ]; then
			err "$1: processes of namespace $sh_ns do not exit: $(ns_pids "$sh_ns" | tr '\n' ' ')"
			return 1
		fi
		nap
	done
	return 0
}

do_down() {
	[ -e "$STATE" ] || { say "no lab in $STATE"; return 0; }
	if [ ! -f "$STATE/$MARKER" ]; then
		err "$STATE is not a lab state directory (no $MARKER): not touching it"
		return 1
	fi
	dd_rc=0
	for dd_h in $(hosts); do
		stop_host "$dd_h" || dd_rc=1
	done
	# Reap our own children (when called from a failed `up`).
	wait 2>/dev/null
	[ "$dd_rc" -eq 0 ] || { err "some lab processes survive; state kept in $STATE"; return 1; }
	# Mount points this lab created, newest first, only if still empty.
	if [ -f "$STATE/created" ]; then
		# shellcheck disable=SC2013 # one absolute path per line, no blanks
		for dd_p in $(sed '1!G;h;$!d' "$STATE/created"); do
			if [ -d "$dd_p" ] && [ ! -L "$dd_p" ]; then
				rmdir -- "$dd_p" 2>/dev/null ||
					err "left $dd_p in place (not empty)"
			elif [ -f "$dd_p" ] && [ ! -L "$dd_p" ]; then
				if [ -s "$dd_p" ]; then
					err "left $dd_p in place (not empty)"
				else
					rm -f -- "$dd_p"
				fi
			fi
		done
	fi
	# Never rm -rf through a mount: nothing of the lab is mounted on the
	# host (the mounts lived in the namespaces), so anything here is foreign.
	dd_m=$(findmnt -rn -o TARGET,SOURCE 2>/dev/null | awk -v s="$STATE" '
	    index($1, s "/") == 1 || $1 == s || index($2, "[" s "/") || index($2, "[" s "]") { print }')
	if [ -n "$dd_m" ]; then
		err "mounts under $STATE on the host: $dd_m; state kept"
		return 1
	fi
	rm -rf -- "$STATE"
	say "lab down ($STATE removed)"
	return 0
}

# ------------------------------------------------------------ status

do_status() {
	if [ ! -f "$STATE/$MARKER" ]; then
		say "no lab in $STATE"
		return 1
	fi
	ds_rc=0
	printf '%-6s %-22s %-16s %-6s %-8s %-8s %s\n' HOST SCENARIO ADDRESS PORT USER PID STATE
	for ds_h in $(hosts); do
		ds_pid=$(hval "$ds_h" pid)
		if [ "$(hval "$ds_h" listen)" = no ]; then
			ds_st="no listener (by design)"
			ds_pid=-
		elif is_lab_sshd "$ds_pid" "$(hval "$ds_h" mntns)"; then
			ds_st=running
			listening "$(hval "$ds_h" addr)" "$(hval "$ds_h" port)" ||
				{ ds_st="running, not listening"; ds_rc=1; }
		else
			ds_st=dead
			ds_rc=1
		fi
		printf '%-6s %-22s %-16s %-6s %-8s %-8s %s\n' "$ds_h" \
		    "$(hval "$ds_h" scenario)" "$(hval "$ds_h" addr)" \
		    "$(hval "$ds_h" port)" "$(hval "$ds_h" user)" "${ds_pid:--}" "$ds_st"
	done
	printf 'ssh -F %s/ssh_config HOST\n' "$STATE"
	return "$ds_rc"
}

# lab_running — the state describes a lab whose every sshd is alive.
lab_running() {
	[ -f "$STATE/$MARKER" ] && [ -f "$STATE/ready" ] || return 1
	for lr_h in $(hosts); do
		[ "$(hval "$lr_h" listen)" = no ] && continue
		is_lab_sshd "$(hval "$lr_h" pid)" "$(hval "$lr_h" mntns)" || return 1
	done
	return 0
}

# ------------------------------------------------------------ up

# ensure_mount_points — create the missing empty mount points, noting each.
ensure_mount_points() {
	for em_p in /etc/ssh /root /etc/passwd /etc/group /etc/shadow; do
		[ -e "$em_p" ] && [ ! -L "$em_p" ] && continue
		err "$em_p is missing or a symlink on this machine: cannot mount the lab tree there"
		return 1
	done
	for em_p in $MOUNT_DIRS; do
		if [ -L "$em_p" ] || { [ -e "$em_p" ] && [ ! -d "$em_p" ]; }; then
			err "$em_p exists but is not a directory: cannot mount the lab tree there"
			return 1
		fi
		[ -d "$em_p" ] && continue
		mkdir -m 755 -- "$em_p" || return 1
		printf '%s\n' "$em_p" >>"$STATE/created"
	done
	for em_p in $MOUNT_FILES; do
		if [ -L "$em_p" ] || { [ -e "$em_p" ] && [ ! -f "$em_p" ]; }; then
			err "$em_p exists but is not a regular file"
			return 1
		fi
		[ -f "$em_p" ] && continue
		(umask 077 && : >"$em_p") || return 1
		chmod 644 -- "$em_p"
		printf '%s\n' "$em_p" >>"$STATE/created"
	done
	return 0
}

# pick_user TREE — the first login-capable, not disabled user with a DSM
# home: the account the lab logs in as.
pick_user() {
	awk -F: 'NR == FNR { if ($8 == "1") off[$1] = 1; next }
	$6 ~ /^\/var\/services\/homes\// && $7 ~ /\/(sh|ash|bash)$/ && !off[$1] {
		print $1; exit }' "$1/etc/shadow" "$1/etc/passwd"
}

# adapt HOSTDIR — make the lab's copy of the tree loginable on this
# machine (DESIGN.md "The lab"), install the stubs and the test key.
adapt() {
	a_t=$1/tree
	# Shells that exist here: DSM's /bin/ash is /bin/sh in the lab.
	awk -F: -v OFS=: '$7 == "/bin/ash" { $7 = "/bin/sh" } { print }' \
	    "$a_t/etc/passwd" >"$1/passwd.new" && cat "$1/passwd.new" >"$a_t/etc/passwd"
	rm -f -- "$1/passwd.new"
	# sshd's privilege separation user.
	if ! grep -q '^sshd:' "$a_t/etc/passwd"; then
		a_pw=$(getent passwd sshd) || a_pw='sshd:x:102:65534::/run/sshd:/usr/sbin/nologin'
		printf '%s\n' "$a_pw" >>"$a_t/etc/passwd"
		printf 'sshd:*:10933:0:99999:7:::\n' >>"$a_t/etc/shadow"
	fi
	# A ListenAddress in the tree's config would listen beside the lab's.
	if grep -qi '^[[:space:]]*listenaddress' "$a_t/etc/ssh/sshd_config"; then
		sed 's/^\([[:space:]]*[Ll][Ii][Ss][Tt][Ee][Nn][Aa][Dd][Dd][Rr][Ee][Ss][Ss]\)/#lab# \1/' \
		    "$a_t/etc/ssh/sshd_config" >"$1/cfg.new" &&
			cat "$1/cfg.new" >"$a_t/etc/ssh/sshd_config"
		rm -f -- "$1/cfg.new"
	fi
	# Stub DSM tools.
	mkdir -p -- "$a_t/usr/syno/bin/.lab"
	chmod 755 -- "$a_t/usr" "$a_t/usr/syno" "$a_t/usr/syno/bin" "$a_t/usr/syno/bin/.lab"
	for a_s in synosystemctl synoservicectl synoacltool synowebapi; do
		cp -- "$LAB_DIR/stubs/$a_s" "$a_t/usr/syno/bin/$a_s"
		chmod 755 -- "$a_t/usr/syno/bin/$a_s"
	done
	if [ -x "$STATE/synoacltool" ]; then
		mv -- "$a_t/usr/syno/bin/synoacltool" "$a_t/usr/syno/bin/.lab/synoacltool.sh"
		cp -- "$STATE/synoacltool" "$a_t/usr/syno/bin/synoacltool"
		chmod 755 -- "$a_t/usr/syno/bin/synoacltool"
	fi
	cp -- "$LAB_DIR/stubs/lab-reload.sh" "$a_t/usr/syno/bin/.lab/lab-reload.sh"
	printf '%s %s\n' "$(hval "${1##*/}" addr)" "$(hval "${1##*/}" port)" \
	    >"$a_t/usr/syno/bin/.lab/listen"
	# The test user and the lab key.
	a_u=$(cat "$1/user" 2>/dev/null) || a_u=$(pick_user "$a_t")
	[ -n "$a_u" ] || { err "${1##*/}: no login user in the tree"; return 1; }
	a_line=$(grep "^$a_u:" "$a_t/etc/passwd" | head -n 1)
	a_uid=$(printf '%s' "$a_line" | cut -d: -f3)
	a_gid=$(printf '%s' "$a_line" | cut -d: -f4)
	a_home=$(printf '%s' "$a_line" | cut -d: -f6)
	if [ -z "$a_uid" ] || [ -z "$a_home" ]; then
		err "${1##*/}: bad passwd line for $a_u"
		return 1
	fi
	# /var/services/homes is a symlink to /volumeN/homes in the tree.
	case $a_home in
	/var/services/homes/*)
		a_l=$(readlink "$a_t/var/services/homes") || a_l=/volume1/homes
		a_home=$a_l/${a_home#/var/services/homes/}
		;;
	esac
	# The account must not be locked (sshd refuses "!" before keys).
	awk -F: -v OFS=: -v u="$a_u" '$1 == u && $2 ~ /^!/ { $2 = "*" } { print }' \
	    "$a_t/etc/shadow" >"$1/shadow.new" && cat "$1/shadow.new" >"$a_t/etc/shadow"
	rm -f -- "$1/shadow.new"
	grep -q "^$a_u:" "$a_t/etc/shadow" ||
		printf '%s:*:18400:0:99999:7:::\n' "$a_u" >>"$a_t/etc/shadow"
	# Keep the scenario's modes; create what is missing like ssh-copy-id.
	if [ ! -d "$a_t$a_home" ]; then
		mkdir -p -- "$a_t$a_home" && chown "$a_uid:$a_gid" -- "$a_t$a_home" &&
			chmod 700 -- "$a_t$a_home"
	fi
	if [ ! -d "$a_t$a_home/.ssh" ]; then
		mkdir -- "$a_t$a_home/.ssh" && chown "$a_uid:$a_gid" -- "$a_t$a_home/.ssh" &&
			chmod 700 -- "$a_t$a_home/.ssh"
	fi
	a_ak=$a_t$a_home/.ssh/authorized_keys
	if [ -L "$a_ak" ]; then
		err "${1##*/}: $a_home/.ssh/authorized_keys is a symlink: not writing through it"
		return 1
	elif [ -f "$a_ak" ]; then
		cat -- "$STATE/id_ed25519.pub" >>"$a_ak"
	else
		cat -- "$STATE/id_ed25519.pub" >"$a_ak" && chown "$a_uid:$a_gid" -- "$a_ak" &&
			chmod 600 -- "$a_ak"
	fi || return 1
	printf '%s\n' "$a_u" >"$1/user"
	[ -z "$SUDO_ON" ] || sudo_tree "$1" "$a_u"
}

# sudo_tree HOSTDIR USER — DSM's sudo rule as the tree's /etc/sudoers
# (root:root 0440, as sudo demands), and the lab password as USER's when
# the tree gives USER a password (a "$id$..." hash: a placeholder in the
# examples), so that `sudo` without NOPASSWD can be answered. Accounts
# without a password keep none.
sudo_tree() {
	su_t=$1/tree
	su_h=${1##*/}
	su_mode=password
	case ",$OPT_NOPASSWD," in *",$su_h,"*) su_mode=nopasswd ;; esac
	su_tag=
	[ "$su_mode" = password ] || su_tag='NOPASSWD: '
	rm -f -- "$su_t/etc/sudoers"	# never write through a tree's symlink
	{
		printf '# /etc/sudoers of the synolint lab host %s (tests/lab/lab.sh):\n' "$su_h"
		printf "# DSM's rule, and sudo's state kept in this tree.\n"
		printf 'Defaults env_reset\n'
		# Without /usr/syno/bin: synolint's scripts must set their own PATH.
		printf 'Defaults secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\n'
		printf 'Defaults !syslog, logfile=/usr/syno/bin/.lab/sudo.log, loglinelen=0\n'
		printf 'Defaults timestampdir=/usr/syno/bin/.lab/sudo-ts\n'
		printf 'Defaults lecture_status_dir=/usr/syno/bin/.lab/sudo-lectured\n'
		printf 'root ALL=(ALL) ALL\n'
		printf '%%administrators ALL=(ALL) %sALL\n' "$su_tag"
	} >"$su_t/etc/sudoers" || return 1
	chown 0:0 -- "$su_t/etc/sudoers" && chmod 440 -- "$su_t/etc/sudoers" || return 1
	awk -F: -v OFS=: -v u="$2" -v h="$(cat -- "$STATE/become_password.hash")" \
	    '$1 == u && $2 ~ /^\$/ { $2 = h } { print }' \
	    "$su_t/etc/shadow" >"$1/shadow.new" && cat "$1/shadow.new" >"$su_t/etc/shadow"
	rm -f -- "$1/shadow.new"
	printf '%s\n' "$su_mode" >"$1/sudo"
}

# build_host NAME SCENARIO VARIANT — the host's tree, adapted (run in the
# background; leaves HOSTDIR/built on success, messages in HOSTDIR/build.log).
build_host() {
	bh_d=$STATE/hosts/$1
	case " $EXAMPLES " in
	*" $2 "*)
		sh "$MAKE_TREE" "$2" "$bh_d/tree" || return 1
		;;
	*)
		SL_MAKE_TREE=$MAKE_TREE SL_LAB_DIR=$LAB_DIR \
		    sh "$LAB_DIR/scenarios/$2.sh" "$bh_d" "$3" || return 1
		;;
	esac
	if [ "$(hval "$1" listen)" != no ]; then
		# synoinfo.conf's ssh_port decides the port, as on DSM.
		if [ -z "$OPT_PORT" ]; then
			bh_p=$(confval "$bh_d/tree/etc/synoinfo.conf" ssh_port)
			printf '%s\n' "${bh_p:-22}" >"$bh_d/port"
		fi
		adapt "$bh_d" || return 1
	fi
	: >"$bh_d/built"
}

# start_host NAME — sshd in its namespace, in the background.
start_host() {
	st_d=$STATE/hosts/$1
	st_a=$(hval "$1" addr)
	st_p=$(hval "$1" port)
	if listening "$st_a" "$st_p"; then
		err "$1: $st_a:$st_p is already in use: $(ss -Hltnp src "$st_a:$st_p" | head -n 1)"
		return 1
	fi
	unshare --mount --uts --propagation private \
	    sh -c "$INNER" "lab-$1" "$st_d/tree" "$st_a" "$st_p" "$1" "$SSHD" "$DSM_PATH" \
	    </dev/null >>"$st_d/sshd.log" 2>&1 &
	printf '%s\n' "$!" >"$st_d/pid"
}

# wait_host NAME DEADLINE — until the host's port accepts connections.
wait_host() {
	wh_pid=$(hval "$1" pid)
	wh_a=$(hval "$1" addr)
	wh_p=$(hval "$1" port)
	while :; do
		if ! kill -0 "$wh_pid" 2>/dev/null; then
			err "$1: sshd exited before listening on $wh_a:$wh_p; its log:"
			sed 's/^/    /' "$STATE/hosts/$1/sshd.log" >&2
			return 1
		fi
		if listening "$wh_a" "$wh_p" && is_lab_sshd "$wh_pid"; then
			readlink "/proc/$wh_pid/ns/mnt" >"$STATE/hosts/$1/mntns"
			return 0
		fi
		if [ "$(date +%s)" -ge "$2" ]; then
			err "$1: sshd (pid $wh_pid) not listening on $wh_a:$wh_p after ${OPT_TIMEOUT}s; its log:"
			sed 's/^/    /' "$STATE/hosts/$1/sshd.log" >&2
			return 1
		fi
		nap
	done
}

# client_files — ssh_config and known_hosts for every host.
client_files() {
	: >"$STATE/known_hosts"
	{
		printf '# synolint lab: ssh -F %s/ssh_config HOST\n' "$STATE"
		for cf_h in $(hosts); do
			cf_a=$(hval "$cf_h" addr)
			cf_p=$(hval "$cf_h" port)
			printf 'Host %s\n\tHostName %s\n\tPort %s\n\tUser %s\n' \
			    "$cf_h" "$cf_a" "$cf_p" "$(hval "$cf_h" user)"
			printf '\tIdentityFile "%s/id_ed25519"\n\tIdentitiesOnly yes\n' "$STATE"
			printf '\tUserKnownHostsFile "%s/known_hosts"\n' "$STATE"
			printf '\tGlobalKnownHostsFile /dev/null\n\tStrictHostKeyChecking yes\n'
			printf '\tBatchMode yes\n\tPasswordAuthentication no\n'
			printf '\tConnectTimeout 5\n\tLogLevel ERROR\n\n'
			if [ "$cf_p" = 22 ]; then
				cf_n="$cf_a,$cf_h"
			else
				cf_n="[$cf_a]:$cf_p,[$cf_h]:$cf_p"
			fi
			for cf_k in "$STATE/hosts/$cf_h/tree/etc/ssh"/ssh_host_*_key.pub; do
				[ -f "$cf_k" ] || continue
				case $cf_k in *_dsa_key.pub) continue ;; esac
				printf '%s %s\n' "$cf_n" "$(cut -d' ' -f1,2 <"$cf_k")" \
				    >>"$STATE/known_hosts"
			done
		done
	} >"$STATE/ssh_config"
	chmod 600 -- "$STATE/ssh_config" "$STATE/known_hosts"
}

# fail_up MESSAGE — stop what was started and exit 1.
fail_up() {
	err "$1"
	err "stopping what was started"
	do_down >/dev/null
	exit 1
}

do_up() {
	for du_c in unshare ss ssh-keygen "$SSHD"; do
		command -v "$du_c" >/dev/null 2>&1 || { err "needs $du_c"; exit 1; }
	done
	[ -f "$MAKE_TREE" ] || { err "no tree builder at $MAKE_TREE"; exit 1; }
	if lab_running; then
		say "lab already up in $STATE (run \`lab.sh down\` first to change it)"
		do_status
		return 0
	fi
	if [ -e "$STATE" ]; then
		say "cleaning up a stale lab in $STATE"
		do_down >/dev/null || exit 1
	fi
	trap 'fail_up "interrupted"' INT TERM HUP
	mkdir -p -- "$STATE" && chmod 700 -- "$STATE" || exit 1
	STATE=$(cd -P -- "$STATE" && pwd -P)
	printf 'synolint-lab 1\n' >"$STATE/$MARKER"
	mkdir -- "$STATE/hosts" || fail_up "cannot create $STATE/hosts"
	ensure_mount_points || fail_up "cannot prepare the mount points"
	ssh-keygen -q -t ed25519 -N '' -C synolint-lab -f "$STATE/id_ed25519" </dev/null ||
		fail_up "ssh-keygen failed"
	# DSM's ACL tool is a native binary (one exec per path): so is the
	# lab's, when a C compiler is here; else the shell stub does it all.
	if command -v cc >/dev/null 2>&1; then
		cc -O2 -o "$STATE/synoacltool" "$LAB_DIR/stubs/synoacltool.c" 2>"$STATE/cc.log" ||
			fail_up "cannot build stubs/synoacltool.c: $(head -n 1 "$STATE/cc.log")"
	fi
	if [ -n "$SUDO_ON" ]; then
		# The test user's password: random per lab, only in the state.
		if ! (umask 077 && od -An -tx1 -N12 /dev/urandom | tr -d ' \n' >"$STATE/become_password" &&
		    openssl passwd -6 -stdin <"$STATE/become_password" >"$STATE/become_password.hash" &&
		    [ -s "$STATE/become_password.hash" ]); then
			fail_up "cannot make the lab password"
		fi
	fi

	du_i=0
	for du_s in $SCENARIOS; do
		du_i=$((du_i + 1))
		du_n=nas$du_i
		du_d=$STATE/hosts/$du_n
		mkdir -- "$du_d" || fail_up "cannot create $du_d"
		printf '%s\n' "$du_n" >>"$STATE/hostlist"
		du_v=
		case $du_s in *:*) du_v=${du_s#*:} du_s=${du_s%%:*} ;; esac
		printf '%s\n' "$du_s${du_v:+:$du_v}" >"$du_d/scenario"
		printf '127.0.0.%s\n' "$((9 + du_i))" >"$du_d/addr"
		printf '%s\n' "${OPT_PORT:-22}" >"$du_d/port"
		build_host "$du_n" "$du_s" "$du_v" >"$du_d/build.log" 2>&1 &
		# Bounded parallelism: host keys (RSA 4096) cost CPU.
		[ $((du_i % 8)) -ne 0 ] || wait
	done
	wait
	for du_h in $(hosts); do
		[ -f "$STATE/hosts/$du_h/built" ] && continue
		sed 's/^/    /' "$STATE/hosts/$du_h/build.log" >&2
		fail_up "$du_h: building the $(hval "$du_h" scenario) tree failed"
	done
	client_files

	for du_h in $(hosts); do
		[ "$(hval "$du_h" listen)" = no ] && continue
		start_host "$du_h" || fail_up "$du_h: cannot start"
	done
	du_end=$(($(date +%s) + OPT_TIMEOUT))
	for du_h in $(hosts); do
		if [ "$(hval "$du_h" listen)" = no ]; then
			listening "$(hval "$du_h" addr)" "$(hval "$du_h" port)" &&
				fail_up "$du_h: something listens on the unreachable host's address"
			continue
		fi
		wait_host "$du_h" "$du_end" || fail_up "$du_h: did not come up"
	done
	: >"$STATE/ready"
	trap - INT TERM HUP
	say "lab up in $STATE"
	do_status
	return 0
}

# ------------------------------------------------------------ main

[ $# -ge 1 ] || usage
CMD=$1
shift
SCENARIOS=
OPT_HOSTS=
OPT_PORT=
OPT_TIMEOUT=15
OPT_NOPASSWD=
# The hosts get sudo when this machine has it (and its /etc/sudoers to
# mount over), and openssl to hash the lab password.
SUDO_ON=
if command -v sudo >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1 &&
    [ -f /etc/sudoers ] && [ ! -L /etc/sudoers ]; then
	SUDO_ON=1
fi
while [ $# -gt 0 ]; do
	case $1 in
	--state)
		[ $# -ge 2 ] || usage
		STATE=$2
		shift 2
		;;
	--hosts)
		[ $# -ge 2 ] || usage
		case $2 in '' | *[!0-9]*) err "--hosts: not a number: $2"; exit 2 ;; esac
		if [ "$2" -lt 1 ] || [ "$2" -gt 200 ]; then
			err "--hosts: 1..200"
			exit 2
		fi
		OPT_HOSTS=$2
		shift 2
		;;
	--port)
		[ $# -ge 2 ] || usage
		case $2 in '' | *[!0-9]*) err "--port: not a number: $2"; exit 2 ;; esac
		if [ "$2" -lt 1 ] || [ "$2" -gt 65535 ]; then
			err "--port: 1..65535"
			exit 2
		fi
		OPT_PORT=$2
		shift 2
		;;
	--timeout)
		[ $# -ge 2 ] || usage
		case $2 in '' | *[!0-9]*) err "--timeout: not a number: $2"; exit 2 ;; esac
		OPT_TIMEOUT=$2
		shift 2
		;;
	--nopasswd)
		[ $# -ge 2 ] || usage
		case ,$2, in
		*,,* | *[!a-z0-9,]*) err "--nopasswd: a comma-separated list of host names (nas1,...): $2"; exit 2 ;;
		esac
		OPT_NOPASSWD=$2
		shift 2
		;;
	-h | --help) usage ;;
	-*) err "unknown option $1"; usage ;;
	*)
		[ "$CMD" = up ] || usage
		sc=${1%%:*}
		var=
		case $1 in *:*) var=${1#*:} ;; esac
		case " $EXAMPLES broken-acl unreachable hostile trap dsm7-lax webapi-broken " in
		*" $sc "*) ;;
		*) err "unknown scenario '$sc' (one of: $EXAMPLES broken-acl unreachable hostile trap dsm7-lax webapi-broken)"; exit 2 ;;
		esac
		if [ -n "$var" ]; then
			[ "$sc" = hostile ] || { err "$sc takes no variant"; exit 2; }
			case " $HOSTILE_VARIANTS " in
			*" ${var%%:*} "*) ;;
			*) err "unknown hostile variant '${var%%:*}' (one of: $HOSTILE_VARIANTS)"; exit 2 ;;
			esac
			case $var in
			*:*)
				case ${var#*:} in
				'' | *[!0-9]*) err "hostile:${var%%:*}: BYTES must be a number: ${var#*:}"; exit 2 ;;
				esac
				;;
			esac
		fi
		SCENARIOS="$SCENARIOS $1"
		shift
		;;
	esac
done
case $STATE in
/ | '') err "refusing state directory '$STATE'"; exit 2 ;;
esac
if [ -n "$OPT_HOSTS" ]; then
	[ -z "$SCENARIOS" ] || { err "give --hosts N or scenarios, not both"; exit 2; }
	i=0
	while [ "$i" -lt "$OPT_HOSTS" ]; do
		# shellcheck disable=SC2086 # a word list
		set -- $EXAMPLES
		shift $((i % 4))
		SCENARIOS="$SCENARIOS $1"
		i=$((i + 1))
	done
fi
[ -n "$SCENARIOS" ] || SCENARIOS=$EXAMPLES
[ "$OPT_TIMEOUT" -ge 1 ] || OPT_TIMEOUT=1

if [ "$(id -u)" -ne 0 ]; then
	err "must run as root (mount namespaces, sshd, /proc of the lab's processes)"
	exit 1
fi
case $CMD in
up) do_up ;;
down) do_down ;;
status) do_status ;;
*) usage ;;
esac
