#!/bin/sh
# tests/limits/limits.sh — every documented resource cap (linter/sl_limits.h,
# README "Resource limits") exceeded once: the clear one-line error naming
# file and line, and the exit code the README's table promises (3 for a
# host's data, 2 for the operator's files, 1 where the cap is a finding).
# Beside each over-limit bundle a good one is scanned in the same run: its
# report must stay intact.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
MK="python3 $SRC/tests/limits/mkbundle.py"
cd "$T" || exit 1
$MK good.b
"$SL" scan --bundle good.b --report json:good.json >/dev/null 2>&1

# expect_host_error NAME PATTERN -- scans NAME.b beside good.b: exit 3, one
# "could not be scanned" line for NAME.b matching PATTERN, good.b reported.
expect_host_error() {
	expect_exit 3 "$1 over its cap" -- "$SL" scan --bundle "$1.b" \
	    --bundle good.b --report "json:$1.json"
	expect_grep "^synolint: host $1\.b: could not be scanned: $2" err "$1"
	n=$(grep -c . err)
	[ "$n" -eq 1 ] && ok || bad "$1: $n stderr lines, want 1"
	python3 - "$1.json" good.json <<'PY' && ok || bad "$1: good.b's report not intact"
import json, sys
both, alone = (json.load(open(f)) for f in sys.argv[1:3])
bad = [h for h in both["hosts"] if h["name"] != "good.b"]
good = [h for h in both["hosts"] if h["name"] == "good.b"]
assert len(bad) == 1 and bad[0]["status"] == "not_scanned", bad
assert good == alone["hosts"], (good, alone["hosts"])
mine = [f for f in both["findings"] if f["host"] == "good.b"]
assert mine and mine == alone["findings"], "good.b's findings changed"
PY
}

# --- a host's data: the host fails (exit 3), the others are scanned ------
$MK huge.b /a=@16000000:a /b=@16000000:b /c=@16000000:c /d=@16000000:d /e=@16000000:e
expect_host_error huge "huge\.b: error: bundle larger than 67108864 bytes"
$MK file.b /etc/x=@16777217:a
expect_host_error file "file\.b:[0-9]*: error: file record for /etc/x announces 16777217 bytes (limit 16777216)"
$MK recs.b --raw-records=200001
expect_host_error recs "recs\.b:[0-9]*: error: more than 200000 records"
printf 'synolint-bundle\t1\nmeta\thostname\t%s\nend\t1\n' "$(head -c 20000 /dev/zero | tr '\0' x)" >hdr.b
expect_host_error hdr "hdr\.b:2: error: record header longer than 16640 bytes"
$MK cfglines.b /etc/ssh/sshd_config=@200001:'#\n'
expect_host_error cfglines "/etc/ssh/sshd_config:200001: error: more than 200000 configuration lines"
# 60 files that each Include all 60: more than 1024 files read through Include
set --
i=1; while [ $i -le 60 ]; do set -- "$@" "/etc/ssh/d/c$i.conf=@1:Include /etc/ssh/d/*.conf\n"; i=$((i + 1)); done
$MK includes.b /etc/ssh/sshd_config=@1:'Include /etc/ssh/d/*.conf\n' "$@"
expect_host_error includes "/etc/ssh/d/c[0-9]*\.conf:1: error: more than 1024 files read through Include"
python3 -c '
import sys
sys.stdout.write("".join("u%d:x:%d:100::/nonexist:/bin/false\n" % (i, 2000 + i) for i in range(100001)))' >passwd.txt
$MK users.b /etc/passwd=passwd.txt
expect_host_error users "/etc/passwd:100001: error: more than 100000 users"
# 1000 users x 20001 directives: each user's effective config walks them all
python3 -c '
import sys
sys.stdout.write("".join("u%d:x:%d:100::/nonexist:/bin/false\n" % (i, 2000 + i) for i in range(1000)))' >passwd1k.txt
$MK work.b /etc/passwd=passwd1k.txt /etc/ssh/sshd_config=@20001:'MaxAuthTries 3\n'
expect_host_error work "/etc/ssh/sshd_config: error: 1000 users times 20001 directives is more than 20000000"

# --- caps that sshd itself has, or that cut one file: a finding (exit 1) -
# expect_finding NAME RULE PATTERN
expect_finding() {
	expect_exit 1 "$1: a finding" -- "$SL" scan --bundle "$1.b" --report "text:$1.txt" \
	    --report "sarif:$1.sarif"
	expect_grep "$2" "$1.txt" "$1"
	expect_grep "$3" "$1.txt" "$1"
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1.sarif" && ok || bad "$1: SARIF not JSON"
}
$MK longline.b /etc/ssh/sshd_config=@70000:x
expect_finding longline SSHD-027 "/etc/ssh/sshd_config:1: (line over 65536 bytes)"
set --
i=1; while [ $i -le 17 ]; do set -- "$@" "/etc/ssh/c$i.conf=@1:Include /etc/ssh/c$((i + 1)).conf\n"; i=$((i + 1)); done
$MK depth.b /etc/ssh/sshd_config=@1:'Include /etc/ssh/c1.conf\n' "$@" /etc/ssh/c18.conf=@1:'Port 2222\n'
expect_finding depth SSHD-027 "/etc/ssh/c16.conf:1: Include: bad value"
$MK loop.b /etc/ssh/sshd_config=@1:'Include /etc/ssh/sshd_config\n'
expect_finding loop SSHD-027 "/etc/ssh/sshd_config:1: Include: bad value"
python3 - <<'PY'
import base64, struct
b = struct.pack(">I", 11) + b"ssh-ed25519" + struct.pack(">I", 32) + b"\x01" * 32
line = "ssh-ed25519 " + base64.b64encode(b).decode() + " k\n"
open("keys.txt", "w").write(line * 100001)
open("longkey.txt", "w").write("ssh-ed25519 " + "A" * 70000 + "\n")
PY
$MK keys.b /root/.ssh/authorized_keys=keys.txt
expect_finding keys KEY-009 "/root/.ssh/authorized_keys:100001: more than 100000 keys in one authorized_keys file"
$MK longkey.b /root/.ssh/authorized_keys=longkey.txt
expect_finding longkey KEY-009 "/root/.ssh/authorized_keys:1: line longer than 65536 bytes"

# --- the operator's files: usage/configuration error (exit 2) -----------
# expect_config_error DESC PATTERN -- CMD...
expect_config_error() {
	d=$1; p=$2; shift 3
	expect_exit 2 "$d" -- "$@"
	expect_grep "$p" err "$d"
	n=$(grep -c . err)
	[ "$n" -eq 1 ] && ok || bad "$d: $n stderr lines, want 1"
}
awk 'BEGIN { for (i = 0; i < 100001; i++) printf "h%d.example\n", i }' >hosts.inv
expect_config_error "inventory hosts" "hosts\.inv:100001: error: more than 100000 hosts" -- \
    "$SL" scan --inventory hosts.inv
head -c 4194305 /dev/zero | tr '\0' '#' >big.inv
expect_config_error "inventory size" "big\.inv: error: inventory larger than 4194304 bytes" -- \
    "$SL" scan --inventory big.inv
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "h%d.example\n", i }' >full.inv
expect_config_error "hosts per run" "more than 100000 hosts in one run" -- \
    "$SL" scan --inventory full.inv @all one-more.example
mkdir rules.d
head -c 4194305 /dev/zero | tr '\0' '#' >rules.d/big.rules
expect_config_error "rule file size" "rules.d/big\.rules: error: rule file larger than 4194304 bytes" -- \
    "$SL" scan --bundle good.b --rules rules.d
head -c 1048577 /dev/zero | tr '\0' '#' >big.waivers
expect_config_error "waivers size" "big\.waivers: error: waivers file larger than 1048576 bytes" -- \
    "$SL" scan --bundle good.b --waivers big.waivers
finish
