#!/bin/sh
# strictmodes-matrix.sh — synolint's "key login is refused" verdict (rule
# HOME-001: FAIL with "sshd refuses key login", i.e. breaks_login) against
# what a real sshd does, for a matrix of home / .ssh / authorized_keys modes,
# owners, ACLs and symlinks, with StrictModes yes and no.
#
# Two fake NAS (seed-remote; user admin, uid 1024, home
# /var/services/homes/admin -> /volume1/homes/admin): nas1 keeps sshd's
# default StrictModes yes, nas2 gets "StrictModes no" (and a reload through
# the lab's synosystemctl stub). For every row the admin home is restored
# from a pristine copy, mutated on the host side of the bind mount (the
# same inodes the namespace sees), and then:
#   - the real sshd is asked: `ssh nasK true` with the lab key;
#     its log says why it refused ("bad ownership or modes" / "Could not
#     open ... Permission denied");
#   - synolint is asked twice: `scan --local --only HOME-001` as root inside
#     the host's namespace, and `scan nasK` over SSH as admin (which can only
#     log in when sshd accepts: then its verdict must be the same; when sshd
#     refuses, the SSH scan must fail with "authentication failed").
# Verdicts and reasons must agree on every row; a table is printed.
# Needs root and $SL_SYNOLINT (exit 77 = skipped).
set -u
LC_ALL=C
export LC_ALL
LAB_DIR=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
lab() { sh "$LAB_DIR/lab.sh" "$@"; }
[ "$(id -u)" -eq 0 ] || { echo "skip: the lab needs root"; exit 77; }
for c in unshare nsenter ssh ssh-keygen ss setfacl xmllint /usr/sbin/sshd; do
	command -v "$c" >/dev/null 2>&1 || { echo "skip: needs $c"; exit 77; }
done
SYN=${SL_SYNOLINT:-}
if [ -z "$SYN" ] || [ ! -x "$SYN" ]; then
	echo "skip: SL_SYNOLINT not set to the synolint binary"
	exit 77
fi
SYN=$(cd -P -- "$(dirname -- "$SYN")" && pwd -P)/$(basename -- "$SYN")
unset SSH_AUTH_SOCK

T=$(mktemp -d "${TMPDIR:-/tmp}/sl-lab-matrix.XXXXXX") || exit 1
S=$T/lab
trap 'lab down --state "$S" >/dev/null 2>&1; rm -rf -- "$T"' EXIT
trap 'exit 130' INT TERM HUP PIPE

if ! lab up --state "$S" seed-remote seed-remote >"$T/up.out" 2>&1; then
	sed 's/^/    /' "$T/up.out"
	echo "0 passed, 1 failed"
	exit 1
fi
for h in nas1 nas2; do
	[ "$(cat "$S/hosts/$h/user")" = admin ] || {
		echo "FAIL: $h's lab user is not admin"; exit 1; }
done
UID_OTHER=1025	# guest, another user of the tree
GID_USERS=100

# nas2: StrictModes no before the Match blocks, then reload its sshd.
C2=$S/hosts/nas2/tree/etc/ssh/sshd_config
{ echo "StrictModes no"; cat -- "$C2"; } >"$T/cfg" && cat -- "$T/cfg" >"$C2"
if ! nsenter -t "$(cat "$S/hosts/nas2/pid")" -m -- \
    /usr/syno/bin/synosystemctl restart sshd.service >"$T/reload.out" 2>&1; then
	sed 's/^/    /' "$T/reload.out"
	echo "FAIL: nas2 did not reload with StrictModes no"
	exit 1
fi
for h in nas1 nas2; do
	nsenter -t "$(cat "$S/hosts/$h/pid")" -m -- /usr/sbin/sshd -T \
	    -C user=admin,host=x,addr=127.0.0.1 2>/dev/null |
	    sed -n 's/^strictmodes //p' >"$S/hosts/$h/strictmodes"
done
if [ "$(cat "$S/hosts/nas1/strictmodes")" != yes ] ||
    [ "$(cat "$S/hosts/nas2/strictmodes")" != no ]; then
	echo "FAIL: StrictModes is not yes on nas1 and no on nas2"
	exit 1
fi

for h in nas1 nas2; do
	cp -a -- "$S/hosts/$h/tree/volume1/homes/admin" "$T/pristine-$h"
done

# reset HOST — the admin home as the scenario made it (0711, .ssh 0700,
# authorized_keys 0600 with the lab key, all admin's), no extra trees.
reset() {
	r_v=$S/hosts/$1/tree/volume1
	rm -rf -- "$r_v/homes/admin" "$r_v/alt" "$r_v/keys" "$r_v/homes/shared"
	cp -a -- "$T/pristine-$1" "$r_v/homes/admin"
}

# classify JUNIT — "VERDICT REASON" of HOME-001 for admin: refused (FAIL
# with breaks login) / accepted / error / n/a; reason modes|open|-.
classify() {
	c_tc='//testcase[@name="HOME-001 user:admin"]'
	if [ "$(xmllint --xpath "count($c_tc)" "$1" 2>/dev/null)" != 1 ]; then
		echo "missing -"
		return
	fi
	c_f=$(xmllint --xpath "string($c_tc/failure/@message)" "$1" 2>/dev/null)
	if [ "$(xmllint --xpath "count($c_tc/error)" "$1")" != 0 ]; then
		echo "error -"
	elif [ "$(xmllint --xpath "count($c_tc/skipped)" "$1")" != 0 ]; then
		echo "n/a -"
	elif [ "$(xmllint --xpath "count($c_tc/failure)" "$1")" = 0 ]; then
		echo "accepted -"
	else
		case $c_f in
		*"sshd refuses key login"*)
			case $c_f in
			*"bad ownership or modes"*) echo "refused modes" ;;
			*) echo "refused open" ;;
			esac
			;;
		*) echo "accepted -" ;;	# StrictModes off: accepted, but unsafe
		esac
	fi
}

# row HOST DESCRIPTION EXPECTED-SSHD SHELL-MUTATION — $H is the admin home
# (host side), $V the tree's /volume1 (host side). EXPECTED-SSHD pins the
# ground truth too, so that a lab that stopped exercising sshd shows.
row() {
	ro_h=$1
	n=$(($(wc -l <"$T/$ro_h.tally") + 1))
	ro_d=$2
	ro_want=$3
	reset "$ro_h"
	H=$S/hosts/$ro_h/tree/volume1/homes/admin
	V=$S/hosts/$ro_h/tree/volume1
	export H V
	if ! (set -e; eval "$4") >"$T/$ro_h.mut.out" 2>&1; then
		echo fail >>"$T/$ro_h.tally"
		echo "FAIL row $n ($ro_d): the mutation failed"
		sed 's/^/    /' "$T/$ro_h.mut.out"
		return
	fi
	# synolint as root inside the namespace, beside the logins (the
	# collector's ~0.6 s would otherwise double the run time).
	nsenter -t "$(cat "$S/hosts/$ro_h/pid")" -m -- "$SYN" scan --local \
	    --only HOME-001 --color never --report "junit:$T/$ro_h.local.xml" \
	    >"$T/$ro_h.local.out" 2>&1 &
	ro_lpid=$!
	ro_log=$S/hosts/$ro_h/sshd.log
	ro_lines=$(wc -l <"$ro_log")
	if timeout 20 ssh -F "$S/ssh_config" "$ro_h" true >/dev/null 2>&1; then
		ro_real=accepted
	else
		ro_real=refused
	fi
	sleep 0.1 2>/dev/null
	tail -n +"$((ro_lines + 1))" "$ro_log" >"$T/$ro_h.log.new"
	if grep -q "bad ownership or modes" "$T/$ro_h.log.new"; then
		ro_why=modes
	elif grep -q "Could not open user 'admin' authorized keys" "$T/$ro_h.log.new"; then
		ro_why=open
	else
		ro_why=-
	fi
	wait "$ro_lpid"
	# shellcheck disable=SC2046 # two words
	set -- $(classify "$T/$ro_h.local.xml")
	ro_local=$1
	ro_lwhy=$2
	"$SYN" scan "$ro_h" -F "$S/ssh_config" --known-hosts "$S/known_hosts" \
	    --timeout 15 --only HOME-001 --color never --report "junit:$T/$ro_h.ssh.xml" \
	    >"$T/$ro_h.ssh.out" 2>"$T/$ro_h.ssh.err"
	ro_rc=$?
	if [ "$ro_rc" -eq 3 ] && grep -q "authentication failed" "$T/$ro_h.ssh.err"; then
		ro_ssh=refused
	elif [ "$ro_rc" -le 1 ]; then
		ro_ssh=$(classify "$T/$ro_h.ssh.xml" | cut -d' ' -f1)
	else
		ro_ssh="exit$ro_rc"
	fi
	printf '%-4s %-4s %-44s | %-8s %-6s | %-8s %-6s | %-8s\n' "$n" \
	    "$ro_h" "$ro_d" "$ro_real" "$ro_why" "$ro_local" "$ro_lwhy" "$ro_ssh"
	ro_bad=
	[ "$ro_real" = "$ro_want" ] || ro_bad="sshd $ro_real, the test expected $ro_want"
	[ "$ro_local" = "$ro_real" ] || ro_bad="${ro_bad:+$ro_bad; }synolint --local says $ro_local"
	[ "$ro_real" = accepted ] || [ "$ro_lwhy" = "$ro_why" ] ||
		ro_bad="${ro_bad:+$ro_bad; }sshd's reason is $ro_why, synolint's $ro_lwhy"
	[ "$ro_ssh" = "$ro_real" ] || ro_bad="${ro_bad:+$ro_bad; }synolint over SSH says $ro_ssh"
	if [ -z "$ro_bad" ]; then
		echo pass >>"$T/$ro_h.tally"
	else
		echo fail >>"$T/$ro_h.tally"
		echo "FAIL row $n ($ro_h: $ro_d): $ro_bad"
		sed 's/^/    sshd: /' "$T/$ro_h.log.new"
		xmllint --xpath '//testcase[@name="HOME-001 user:admin"]' \
		    "$T/$ro_h.local.xml" 2>/dev/null | sed 's/^/    local: /'
		sed 's/^/    local: /' "$T/$ro_h.local.out"
		sed 's/^/    ssh: /' "$T/$ro_h.ssh.err"
	fi
}

# The two hosts' rows run side by side (each host's rows in order).
# --- StrictModes yes (nas1)
# shellcheck disable=SC2016 # the mutations expand $H and $V in row()
rows_nas1() {
row nas1 "as built: home 0711 .ssh 0700 key 0600" accepted :
row nas1 "home 0755" accepted 'chmod 0755 "$H"'
row nas1 "home 0700" accepted 'chmod 0700 "$H"'
row nas1 "home 0750 + ACL g:users:r-x" accepted \
    'chmod 0700 "$H"; setfacl -m g:users:r-x "$H"'
row nas1 "home 0775" refused 'chmod 0775 "$H"'
row nas1 "home 0777" refused 'chmod 0777 "$H"'
row nas1 "home 0777 + ACL (DSM default)" refused \
    'chmod 0777 "$H"; setfacl -m g:users:rwx,u:1025:rwx "$H"'
row nas1 "home 0000 (owner cannot enter)" refused 'chmod 0000 "$H"'
row nas1 "home 0711 owned by root" accepted 'chown 0:0 "$H"'
row nas1 "home 0711 owned by another user" refused \
    "chown $UID_OTHER:$GID_USERS \"\$H\""
row nas1 ".ssh 0755" accepted 'chmod 0755 "$H/.ssh"'
row nas1 ".ssh 0770" refused 'chmod 0770 "$H/.ssh"'
row nas1 ".ssh 0777" refused 'chmod 0777 "$H/.ssh"'
row nas1 ".ssh 0700 owned by root" refused 'chown 0:0 "$H/.ssh"'
row nas1 ".ssh 0755 owned by root" accepted \
    'chown 0:0 "$H/.ssh"; chmod 0755 "$H/.ssh"'
row nas1 ".ssh 0755 owned by another user" refused \
    "chown $UID_OTHER:$GID_USERS \"\$H/.ssh\"; chmod 0755 \"\$H/.ssh\""
row nas1 "key 0644" accepted 'chmod 0644 "$H/.ssh/authorized_keys"'
row nas1 "key 0664" refused 'chmod 0664 "$H/.ssh/authorized_keys"'
row nas1 "key 0666" refused 'chmod 0666 "$H/.ssh/authorized_keys"'
row nas1 "key 0600 owned by root" refused \
    'chown 0:0 "$H/.ssh/authorized_keys"'
row nas1 "key 0644 owned by root" accepted \
    'chown 0:0 "$H/.ssh/authorized_keys"; chmod 0644 "$H/.ssh/authorized_keys"'
row nas1 "key 0644 owned by another user" refused \
    "chown $UID_OTHER:$GID_USERS \"\$H/.ssh/authorized_keys\"; chmod 0644 \"\$H/.ssh/authorized_keys\""
row nas1 "home -> /volume1/alt/admin (alt 0755)" accepted \
    'mkdir -m 0755 "$V/alt"; mv "$H" "$V/alt/admin"; ln -s /volume1/alt/admin "$H"'
row nas1 "home -> /volume1/alt/admin (alt 0777)" accepted \
    'mkdir -m 0777 "$V/alt"; mv "$H" "$V/alt/admin"; ln -s /volume1/alt/admin "$H"'
row nas1 "home -> /volume1/alt/admin 0777" refused \
    'mkdir -m 0755 "$V/alt"; mv "$H" "$V/alt/admin"; chmod 0777 "$V/alt/admin"; ln -s ../alt/admin "$H"'
row nas1 ".ssh -> /volume1/keys/admin (keys 0755)" accepted \
    'mkdir -m 0755 "$V/keys"; mv "$H/.ssh" "$V/keys/admin"; ln -s /volume1/keys/admin "$H/.ssh"'
row nas1 ".ssh -> /volume1/homes/shared (homes 0777)" refused \
    'mv "$H/.ssh" "$V/homes/shared"; ln -s /volume1/homes/shared "$H/.ssh"'
row nas1 "key -> /volume1/keys/admin.pub (keys 0755)" accepted \
    'mkdir -m 0755 "$V/keys"; mv "$H/.ssh/authorized_keys" "$V/keys/admin.pub"; ln -s /volume1/keys/admin.pub "$H/.ssh/authorized_keys"'
}
# --- StrictModes no (nas2)
# shellcheck disable=SC2016 # the mutations expand $H and $V in row()
rows_nas2() {
row nas2 "StrictModes no: as built" accepted :
row nas2 "StrictModes no: home 0777 + ACL" accepted \
    'chmod 0777 "$H"; setfacl -m g:users:rwx "$H"'
row nas2 "StrictModes no: .ssh 0777" accepted 'chmod 0777 "$H/.ssh"'
row nas2 "StrictModes no: key 0666" accepted \
    'chmod 0666 "$H/.ssh/authorized_keys"'
row nas2 "StrictModes no: home owned by another user" accepted \
    "chown $UID_OTHER:$GID_USERS \"\$H\""
row nas2 "StrictModes no: key 0600 owned by root" refused \
    'chown 0:0 "$H/.ssh/authorized_keys"'
row nas2 "StrictModes no: .ssh 0700 of another user" refused \
    "chown $UID_OTHER:$GID_USERS \"\$H/.ssh\""
row nas2 "StrictModes no: home 0000" refused 'chmod 0000 "$H"'
}

: >"$T/nas1.tally"
: >"$T/nas2.tally"
rows_nas1 >"$T/nas1.table" 2>&1 &
p1=$!
rows_nas2 >"$T/nas2.table" 2>&1
wait "$p1"
printf '%-4s %-4s %-44s | %-8s %-6s | %-8s %-6s | %-8s\n' ROW HOST CASE \
    SSHD WHY LOCAL WHY "OVER-SSH"
cat -- "$T/nas1.table" "$T/nas2.table"
n=$(cat -- "$T/nas1.tally" "$T/nas2.tally" | wc -l)
passed=$(cat -- "$T/nas1.tally" "$T/nas2.tally" | grep -c '^pass$')
failed=$((n - passed))
echo "$n combinations: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$n" -ge 16 ]
