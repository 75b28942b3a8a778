#!/bin/sh
# remote.sh — synolint over real ssh against a throwaway OpenSSH sshd on
# 127.0.0.1: its own free port, host key, authorized_keys and config under a
# temp dir; root logs in with a temp key. Every sshd started here is killed
# by its PID on exit. Nothing outside the temp dir is touched except /run/sshd
# (sshd's privilege-separation directory, created if missing).
. "$(dirname "$0")/../cli/lib.sh"

[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root"; exit 77; }
[ -x /usr/sbin/sshd ] || { echo "SKIP: no /usr/sbin/sshd"; exit 77; }
command -v ssh-keygen >/dev/null || { echo "SKIP: no ssh-keygen"; exit 77; }
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "SKIP: no $PY"; exit 77; }

PIDS=
cleanup() {
	for p in $PIDS; do
		kill "$p" 2>/dev/null
	done
	if [ -s "$T/forced.pids" ]; then
		while read -r p; do
			kill "$p" 2>/dev/null
		done <"$T/forced.pids"
	fi
	for p in $PIDS; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 "$p" 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
unset SSH_AUTH_SOCK SYNOLINT_BECOME_PASSWORD

free_port() {
	"$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

P=$(free_port)
P2=$(free_port)
while [ "$P2" = "$P" ]; do P2=$(free_port); done
P3=$(free_port)
while [ "$P3" = "$P" ] || [ "$P3" = "$P2" ]; do P3=$(free_port); done
CLOSED=$(free_port)
TARPIT=$(free_port)

ssh-keygen -q -t ed25519 -N '' -C hostkey -f "$T/hostkey"
ssh-keygen -q -t ed25519 -N '' -C otherhost -f "$T/otherhost"
ssh-keygen -q -t ed25519 -N '' -C user -f "$T/userkey"
ssh-keygen -q -t ed25519 -N '' -C stranger -f "$T/stranger"
cp "$T/userkey.pub" "$T/authorized_keys"
mkdir "$T/bin"
PW='s3cr3t-Become-PW-9f2c'
printf '%s\n' "$PW" >"$T/expected_pw"

# A stand-in for sudo, first in the session's PATH: logs its argv, checks
# the password from stdin with -S (unless $T/nopasswd exists, like a
# NOPASSWD rule), then runs the command.
cat >"$T/bin/sudo" <<EOF
#!/bin/sh
printf 'sudo' >>"$T/sudo.log"
for a in "\$@"; do printf ' [%s]' "\$a" >>"$T/sudo.log"; done
echo >>"$T/sudo.log"
mode=
while [ \$# -gt 0 ]; do
	case \$1 in
	-n) mode=n; shift ;;
	-S) mode=S; shift ;;
	-p) shift 2 ;;
	--) shift; break ;;
	*) break ;;
	esac
done
if [ "\$mode" = S ] && [ ! -e "$T/nopasswd" ]; then
	IFS= read -r pw || pw=
	[ "\$pw" = "\$(cat "$T/expected_pw")" ] || { echo "sudo: incorrect password" >&2; exit 1; }
fi
exec "\$@"
EOF
chmod 755 "$T/bin/sudo"

cat >"$T/sshd_config" <<EOF
ListenAddress 127.0.0.1:$P
ListenAddress 127.0.0.1:$P2
ListenAddress 127.0.0.1:$P3
HostKey $T/hostkey
AuthorizedKeysFile $T/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
SetEnv PATH=$T/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
Match LocalPort $P2
	ForceCommand echo \$\$ >>$T/forced.pids; exec sleep 60
Match LocalPort $P3
	ForceCommand echo 'this is not a bundle'
EOF
[ -d /run/sshd ] || mkdir -m 0755 /run/sshd
/usr/sbin/sshd -D -e -f "$T/sshd_config" -o PidFile=none 2>"$T/sshd.log" &
PIDS="$PIDS $!"
i=0
until grep -q "port $P3" "$T/sshd.log" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 50 ]; then
		echo "sshd did not start:" >&2
		cat "$T/sshd.log" >&2
		exit 1
	fi
	sleep 0.1
done

H=127.0.0.1:$P
KH=$T/known_hosts
FP=$(ssh-keygen -lf "$T/hostkey.pub" | awk '{print $2}')
# Common options: no user ssh config, our known_hosts and key.
RO="-F /dev/null --known-hosts $KH -i $T/userkey"

# 1. Unknown host key: refused, fingerprint shown, nothing recorded.
expect_exit 3 "unknown host key" -- "$SL" scan $RO "$H" --report "junit:$T/unknown.xml"
expect_grep "host key not known" "$T/err" "unknown key named"
expect_grep "$FP" "$T/err" "unknown key: fingerprint shown"
expect_grep "accept-new" "$T/err" "unknown key: --accept-new suggested"
expect_grep "host key not known" "$T/unknown.xml" "unknown key in the JUnit report"
[ ! -s "$KH" ] && ok || bad "known_hosts written without --accept-new"

# 2. ssh_config cannot switch host-key checking off.
cat >"$T/lax_config" <<EOF
Host *
	StrictHostKeyChecking no
	UserKnownHostsFile /dev/null
	GlobalKnownHostsFile /dev/null
EOF
expect_exit 3 "ssh_config StrictHostKeyChecking no" -- "$SL" scan -F "$T/lax_config" \
    --known-hosts "$KH" -i "$T/userkey" "$H"
expect_grep "host key not known" "$T/err" "lax ssh_config still checks"

# 3. --accept-new records the key; the next scan needs no flag.
expect_exit 1 "--accept-new" -- "$SL" scan $RO --accept-new "$H"
expect_grep "recorded new host key" "$T/err" "--accept-new says so"
expect_grep "^\[127.0.0.1\]:$P ssh-ed25519 " "$KH" "key recorded in known_hosts"
expect_exit 1 "known host" -- "$SL" scan $RO "$H" --color never --all
cp "$T/out" "$T/remote.txt"
# -v: where the time of the host went, and its one round trip
expect_exit 1 "-v over ssh" -- "$SL" -v scan $RO "$H" --report "json:$T/v.json"
expect_grep "^synolint: host $H: connect [0-9]* ms, auth [0-9]* ms, collect [0-9]* ms in 1 round trip ([0-9]* bytes), evaluate [0-9]* ms$" "$T/err" "-v timings over ssh"
# the report records the host key that was verified, and the server
/usr/bin/python3 - "$T/v.json" "ssh-ed25519 $FP" "$SRC/docs/json-report.schema.json" <<'PY' && ok || bad "JSON: hosts[0].ssh is not the verified host key"
import json, sys, jsonschema
rep = json.load(open(sys.argv[1]))
jsonschema.validate(rep, json.load(open(sys.argv[3])))
ssh = rep["hosts"][0]["ssh"]
assert ssh["host_key"] == sys.argv[2], ssh
assert ssh["server"].startswith("SSH-2.0-OpenSSH_"), ssh
PY
expect_exit 1 "scan --bundle has no ssh record" -- "$SL" scan --bundle "$SRC/examples/seed-remote.bundle" --report "json:$T/b.json"
/usr/bin/python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["hosts"][0]["ssh"] is None' "$T/b.json" && ok || bad "bundle scan has an ssh record"

# 4. Same findings as --local (the collector runs on this machine either way).
"$SL" scan --local --color never --all >"$T/local.txt" 2>/dev/null
sed 1d "$T/remote.txt" >"$T/remote.body"
sed 1d "$T/local.txt" >"$T/local.body"
if cmp -s "$T/remote.body" "$T/local.body"; then ok; else
	bad "remote scan differs from --local"
	diff "$T/local.body" "$T/remote.body" | head -20 >&2
fi
expect_grep "^host $H (OpenSSH" "$T/remote.txt" "report labels the host as written"

# 5. A changed host key is refused loudly, even with --accept-new.
printf '[127.0.0.1]:%s %s\n' "$P" "$(cut -d' ' -f1,2 "$T/otherhost.pub")" >"$T/kh_changed"
expect_exit 3 "changed host key" -- "$SL" scan -F /dev/null --known-hosts "$T/kh_changed" \
    -i "$T/userkey" --accept-new "$H" --report "text:$T/changed.txt"
expect_grep "HOST KEY CHANGED" "$T/err" "changed key: loud"
expect_grep "$FP" "$T/err" "changed key: offered fingerprint shown"
expect_grep "HOST KEY CHANGED" "$T/changed.txt" "changed key in the report"
if grep -q "$(cut -d' ' -f2 "$T/hostkey.pub")" "$T/kh_changed"; then
	bad "changed key was recorded"; else ok; fi

# 6. Authentication failure: exit 3 with the reason.
expect_exit 3 "wrong key" -- "$SL" scan -F /dev/null --known-hosts "$KH" -i "$T/stranger" "$H"
expect_grep "authentication failed for user root" "$T/err" "auth failure named"

# 7. A fleet: a closed port and a host key problem do not stop the others;
# reports keep command-line order; exit 3.
expect_exit 3 "fleet with an unreachable host" -- "$SL" scan $RO --jobs 4 \
    "127.0.0.1:$CLOSED" "$H" "root@$H" --report "text:$T/fleet.txt" \
    --report "junit:$T/fleet.xml" --color never
expect_grep "127.0.0.1:$CLOSED: could not be scanned: cannot connect" "$T/err" "unreachable host named"
grep '^host ' "$T/fleet.txt" | cut -d' ' -f2 >"$T/order"
printf '%s\n' "127.0.0.1:$CLOSED" "$H" "root@$H" >"$T/order.want"
cmp -s "$T/order" "$T/order.want" && ok || { bad "fleet order"; cat "$T/order" >&2; }
expect_grep "3 hosts, 1 could not be scanned" "$T/fleet.txt" "fleet summary"
if xmllint --noout --schema "$SRC/tests/schemas/junit.xsd" "$T/fleet.xml" 2>"$T/xmllint.err"; then ok; else
	bad "fleet JUnit report does not validate"; cat "$T/xmllint.err" >&2; fi
n=$(grep -c 'SSHD-001' "$T/fleet.txt")
[ "$n" -ge 2 ] && ok || bad "both reachable hosts reported ($n)"

# 8. --timeout: a host whose command never ends, next to a good one.
start=$(date +%s)
expect_exit 3 "--timeout" -- "$SL" scan $RO --accept-new --timeout 3 --jobs 2 \
    "127.0.0.1:$P2" "$H" --report "text:$T/timeout.txt"
el=$(($(date +%s) - start))
expect_grep "127.0.0.1:$P2: could not be scanned: collector timed out after 3 s" "$T/err" "timeout named"
[ "$el" -le 15 ] && ok || bad "--timeout 3 took $el s"
expect_grep "^host $H" "$T/timeout.txt" "good host reported beside the timeout"
expect_grep "SSHD-001" "$T/timeout.txt" "good host scanned beside the timeout"

# A tarpit (accepts TCP, never speaks SSH) and garbage instead of a bundle.
"$PY" -c 'import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(8)
time.sleep(120)' "$TARPIT" &
PIDS="$PIDS $!"
sleep 0.5
start=$(date +%s)
expect_exit 3 "tarpit and garbage" -- "$SL" scan $RO --accept-new --timeout 3 \
    "127.0.0.1:$TARPIT" "127.0.0.1:$P3" "$H" --report "text:$T/bad.txt"
el=$(($(date +%s) - start))
[ "$el" -le 15 ] && ok || bad "tarpit with --timeout 3 took $el s"
expect_grep "127.0.0.1:$TARPIT: could not be scanned: timed out connecting after 3 s" "$T/err" "tarpit timeout named"
expect_grep "127.0.0.1:$P3: could not be scanned: collector output is not a bundle" "$T/err" "garbage named"
expect_grep "3 hosts, 2 could not be scanned" "$T/bad.txt" "good host still scanned"

# 9. Inventory with groups.
cat >"$T/inv" <<EOF
# lab hosts
[good]
$H   # the throwaway sshd
[bad]
127.0.0.1:$CLOSED
EOF
expect_exit 1 "@good" -- "$SL" scan $RO --inventory "$T/inv" @good
expect_exit 3 "whole inventory" -- "$SL" scan $RO --inventory "$T/inv"
expect_grep "127.0.0.1:$CLOSED" "$T/err" "inventory host failed"
printf 'x\nnas one\n' >"$T/inv_bad"
expect_exit 2 "bad inventory" -- "$SL" scan $RO --inventory "$T/inv_bad"
expect_grep "inv_bad:2: error: one target per line" "$T/err" "inventory error located"
expect_exit 2 "unknown group" -- "$SL" scan $RO --inventory "$T/inv" @nope
expect_grep "no group \[nope\]" "$T/err" "unknown group named"

# 10. An ssh_config alias: HostName, Port, User, IdentityFile.
cat >"$T/ssh_config" <<EOF
Host mynas
	HostName 127.0.0.1
	Port $P
	User root
	IdentityFile $T/userkey
EOF
expect_exit 1 "ssh_config alias" -- "$SL" scan -F "$T/ssh_config" --known-hosts "$KH" mynas --color never
expect_grep "^host mynas" "$T/out" "alias scanned"

# 11. capture HOST -o FILE, then the bundle scans offline; sshd-effective HOST.
expect_exit 0 "capture HOST" -- "$SL" capture $RO "$H" -o "$T/cap.bundle"
expect_grep "^synolint-bundle	1" "$T/cap.bundle" "captured bundle"
expect_grep "^meta	session	ssh" "$T/cap.bundle" "captured over ssh"
expect_exit 1 "scan the captured bundle" -- "$SL" scan --bundle "$T/cap.bundle"
expect_exit 0 "sshd-effective HOST" -- "$SL" sshd-effective $RO "$H"
expect_grep "^port " "$T/out" "sshd-effective HOST prints the config"
expect_exit 3 "capture of an unreachable host" -- "$SL" capture $RO "127.0.0.1:$CLOSED" -o "$T/none.bundle"
[ ! -e "$T/none.bundle" ] && ok || bad "capture wrote a file for a failed host"

# 12. --become: sudo -n without a password; with one, it goes on stdin only.
: >"$T/sudo.log"
expect_exit 1 "--become, sudo -n" -- setsid -w "$SL" scan $RO --become "$H"
expect_grep "^sudo \[-n\] \[--\] \[/bin/sh\] \[-s\]" "$T/sudo.log" "sudo -n used"
: >"$T/sudo.log"
SYNOLINT_BECOME_PASSWORD=$PW expect_exit 1 "--become with a password" -- \
    "$SL" -v scan $RO --become "$H" --report "text:$T/become.txt" \
    --report "junit:$T/become.xml"
cp "$T/out" "$T/become.out"; cp "$T/err" "$T/become.err"
expect_grep "^sudo \[-S\] \[-p\] \[\] \[--\]" "$T/sudo.log" "sudo -S used"
: >"$T/nopasswd"
SYNOLINT_BECOME_PASSWORD=$PW expect_exit 1 "--become, password not asked" -- \
    "$SL" scan $RO --become "$H" --report "text:$T/become2.txt"
cp "$T/out" "$T/become2.out"; cp "$T/err" "$T/become2.err"
rm -f "$T/nopasswd"
printf 'wrong\n' >"$T/expected_pw"
SYNOLINT_BECOME_PASSWORD=$PW expect_exit 3 "--become, wrong password" -- \
    "$SL" scan $RO --become "$H"
expect_grep "incorrect password" "$T/err" "sudo failure reported"
cp "$T/err" "$T/become3.err"
rm -f "$T/expected_pw"
leaks=$(grep -l -F -r -e "$PW" "$T/become.out" "$T/become.err" "$T/become.txt" \
    "$T/become.xml" "$T/become2.out" "$T/become2.err" "$T/become2.txt" \
    "$T/become3.err" "$T/sudo.log" "$T/sshd.log" 2>/dev/null)
[ -z "$leaks" ] && ok || bad "become password leaked into: $leaks"

# 13. Usage errors.
expect_exit 2 "bad target" -- "$SL" scan 'nas;id'
expect_grep 'bad target "nas;id"' "$T/err" "bad target named"
expect_exit 2 "bad port" -- "$SL" scan -p 0 nas
expect_exit 2 "bad --jobs" -- "$SL" scan --jobs 0 nas
expect_exit 2 "bad --timeout" -- "$SL" scan --timeout x nas
expect_exit 2 "group without inventory" -- "$SL" scan @office
expect_exit 2 "capture of two hosts" -- "$SL" capture a b -o x
expect_exit 3 "missing -F file" -- "$SL" scan -F "$T/nope" "$H"
expect_grep "nope" "$T/err" "missing -F file named"

finish
