#!/bin/sh
# run_corpus.sh DRIVER — the agreement corpus: generates sshd_config files
# into a temp dir, runs the real `sshd -T -f FILE [-C SPEC]` (Debian 12,
# OpenSSH 9.2) and our `sshd_eff_driver` on each, and compares the whole
# output (the security-relevant keywords below are named in the report);
# each agreeing case is run again through `synolint sshd-effective --root`
# (SL_SYNOLINT) over a tree holding it as /etc/ssh/sshd_config.
# Then checks that configs the real `sshd -t` rejects get an error diag from
# us at the right file:line. Never touches /etc/ssh. Exit 77: not root or
# no /usr/sbin/sshd.
set -u
DRIVER=${1:?usage: run_corpus.sh DRIVER}
SSHD=/usr/sbin/sshd
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit 77; }
[ -x "$SSHD" ] || { echo "SKIP: no $SSHD"; exit 77; }
command -v ssh-keygen >/dev/null || { echo "SKIP: no ssh-keygen"; exit 77; }

# The keywords that matter for security; any difference in them is named.
SECURITY="permitrootlogin passwordauthentication kbdinteractiveauthentication
permitemptypasswords pubkeyauthentication strictmodes maxauthtries
logingracetime x11forwarding allowtcpforwarding allowagentforwarding
permituserenvironment hostbasedauthentication ignorerhosts loglevel
clientaliveinterval clientalivecountmax maxstartups maxsessions allowusers
allowgroups denyusers denygroups port listenaddress ciphers macs
kexalgorithms hostkeyalgorithms pubkeyacceptedalgorithms authorizedkeysfile
usepam gatewayports permittunnel permitopen forcecommand chrootdirectory
authenticationmethods banner compression usedns printmotd permittty
disableforwarding allowstreamlocalforwarding exposeauthinfo
authorizedkeyscommand authorizedkeyscommanduser trustedusercakeys
revokedkeys casignaturealgorithms hostbasedacceptedalgorithms
permitlisten acceptenv setenv subsystem hostkey x11uselocalhost
pubkeyauthoptions maxstartups persourcemaxstartups rekeylimit"

# /run/sshd is sshd's privilege separation dir; create only if missing.
[ -d /run/sshd ] || mkdir -p /run/sshd

T=$(mktemp -d /tmp/sshd_corpus.XXXXXX) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
ssh-keygen -q -t ed25519 -N '' -f "$T/hk" || exit 1
REL="../..$T"		# relative to /etc/ssh, as Include resolves it
pass=0
fail=0
n=0

# new_case NAME [CSPEC]: the config body comes on stdin; HostKey is prepended.
new_case() {
	n=$((n + 1))
	name=$1
	spec=${2:-}
	f="$T/c$n.conf"
	{ echo "HostKey $T/hk"; cat; } > "$f"
	if [ -n "$spec" ]; then
		"$SSHD" -T -f "$f" -C "$spec" > "$T/real" 2> "$T/real.err"
		rr=$?
		"$DRIVER" -f "$f" -C "$spec" > "$T/ours" 2> "$T/ours.err"
		ro=$?
	else
		"$SSHD" -T -f "$f" > "$T/real" 2> "$T/real.err"
		rr=$?
		"$DRIVER" -f "$f" > "$T/ours" 2> "$T/ours.err"
		ro=$?
	fi
	if [ $rr -ne 0 ]; then
		echo "FAIL $n $name: real sshd rejected the corpus config:"
		sed 's/^/    /' "$T/real.err"
		fail=$((fail + 1))
		return
	fi
	if [ $ro -ne 0 ]; then
		echo "FAIL $n $name: driver failed:"
		sed 's/^/    /' "$T/ours.err"
		fail=$((fail + 1))
		return
	fi
	if cmp -s "$T/real" "$T/ours"; then
		pass=$((pass + 1))
		via_synolint "$name" "$f" "$spec"
		return
	fi
	sec=""
	for k in $SECURITY; do
		if [ "$(grep "^$k " "$T/real")" != "$(grep "^$k " "$T/ours")" ]
		then
			sec="$sec $k"
		fi
	done
	echo "FAIL $n $name: output differs (security keywords:${sec:- none})"
	diff "$T/real" "$T/ours" | sed 's/^/    /' | head -20
	fail=$((fail + 1))
}

# via_synolint NAME FILE SPEC: the same case through the program itself —
# `synolint sshd-effective --root TREE [-C SPEC]`, i.e. collector, bundle,
# facts and the effective config — with FILE installed as the tree's
# /etc/ssh/sshd_config and the corpus files (Include targets) copied under
# the tree at the same paths. Its output must equal the real sshd -T's.
via_synolint() {
	[ -n "$SYNOLINT" ] || return 0
	root="$R/$n"
	mkdir -p "$root/etc/ssh" "$root$T"
	cp -R "$T/." "$root$T/"
	cp "$2" "$root/etc/ssh/sshd_config"
	# Match Group resolves the user's groups from the tree's own files:
	# give it copies of this machine's, as the real sshd sees them.
	cp /etc/passwd /etc/group "$root/etc/"
	if [ -n "$3" ]; then
		"$SYNOLINT" sshd-effective --root "$root" -C "$3" > "$T/syno" 2> "$T/syno.err"
	else
		"$SYNOLINT" sshd-effective --root "$root" > "$T/syno" 2> "$T/syno.err"
	fi
	if [ $? -eq 0 ] && cmp -s "$T/real" "$T/syno"; then
		spass=$((spass + 1))
	else
		echo "FAIL $n $1: synolint sshd-effective --root differs from sshd -T"
		diff "$T/real" "$T/syno" | sed 's/^/    /' | head -10
		sed 's/^/    /' "$T/syno.err" | head -5
		sfail=$((sfail + 1))
	fi
	rm -rf "$root"
}
SYNOLINT=${SL_SYNOLINT:-}
R=$(mktemp -d /tmp/sshd_corpus_roots.XXXXXX) || exit 1
trap 'rm -rf "$T" "$R"' EXIT INT TERM
spass=0
sfail=0

# --- plain and defaults
new_case defaults </dev/null
new_case plain-hardened <<'EOF'
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitEmptyPasswords no
MaxAuthTries 3
LoginGraceTime 30
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
ClientAliveInterval 300
ClientAliveCountMax 2
MaxSessions 2
LogLevel VERBOSE
UsePAM yes
PrintMotd no
EOF
new_case synology-like <<'EOF'
Port 22
ListenAddress 0.0.0.0
PermitRootLogin yes
PasswordAuthentication yes
ChallengeResponseAuthentication no
UsePAM yes
AllowTcpForwarding no
Subsystem sftp internal-sftp -f DAEMON -u 000
Match User root
	AllowTcpForwarding yes
Match User admin
	AllowTcpForwarding yes
EOF
new_case permitrootlogin-prohibit <<'EOF'
PermitRootLogin prohibit-password
EOF
new_case permitrootlogin-forced <<'EOF'
PermitRootLogin forced-commands-only
EOF
new_case choices-all <<'EOF'
Compression no
GatewayPorts yes
AllowTcpForwarding remote
AllowStreamLocalForwarding all
IgnoreRhosts no
PermitTunnel ethernet
AddressFamily inet
FingerprintHash md5
SyslogFacility LOCAL7
LogLevel DEBUG1
PermitUserEnvironment yes
EOF
new_case times-and-ints <<'EOF'
LoginGraceTime 1h2m3s
ClientAliveInterval 1w
ClientAliveCountMax 0
MaxAuthTries 10
MaxSessions 0
X11DisplayOffset 20
RequiredRSASize 2048
UnusedConnectionTimeout 10m
EOF
new_case algorithms <<'EOF'
Ciphers aes256-gcm@openssh.com,chacha20-poly1305@openssh.com
MACs hmac-sha2-512-etm@openssh.com
KexAlgorithms -diffie-hellman-group14-sha256,ecdh-sha2-*
HostKeyAlgorithms +ssh-rsa
PubkeyAcceptedAlgorithms ^ssh-ed25519*
CASignatureAlgorithms ssh-ed25519
HostbasedAcceptedAlgorithms ecdsa-sha2-*
EOF
new_case alias-names <<'EOF'
PubkeyAcceptedKeyTypes ssh-ed25519,rsa-sha2-512
ChallengeResponseAuthentication no
KeepAlive no
DSAAuthentication no
HostDSAKey /tmp/nonexistent-but-listed
EOF
new_case deprecated-and-obsolete <<'EOF'
Protocol 2
RSAAuthentication yes
RhostsRSAAuthentication no
UsePrivilegeSeparation sandbox
UseLogin no
ServerKeyBits 1024
KeyRegenerationInterval 3600
KerberosGetAFSToken no
PasswordAuthentication no
EOF
new_case lists-accumulate <<'EOF'
AllowUsers alice bob@192.168.1.0/24
AllowUsers carol
DenyUsers mallory eve
DenyUsers trudy
AllowGroups wheel ssh-users
DenyGroups nossh
AcceptEnv LANG LC_*
AcceptEnv TZ
SetEnv A=1 B=2 A=3
SetEnv C=4
EOF
new_case first-line-lists <<'EOF'
AuthorizedKeysFile .ssh/authorized_keys /etc/ssh/keys/%u
AuthorizedKeysFile .ssh/ignored
AuthenticationMethods publickey,password publickey,keyboard-interactive:pam
AuthenticationMethods password
PermitOpen 10.0.0.1:22 [::1]:80 host.example:*
PermitOpen any
PermitListen 8080 localhost:9090
PubkeyAuthOptions verify-required
LogVerbose kex.c:*:1000 packet.c:*
ChannelTimeout session=30m agent-connection=5m
EOF
new_case duplicates-first-wins <<'EOF'
PermitRootLogin no
PermitRootLogin yes
PasswordAuthentication no
PasswordAuthentication yes
MaxAuthTries 2
MaxAuthTries 8
Banner /etc/issue.net
Banner none
ForceCommand /usr/bin/true
ForceCommand /usr/bin/false
ChrootDirectory /srv/%u
ChrootDirectory none
LogLevel ERROR
LogLevel DEBUG3
EOF
new_case duplicates-last-wins <<'EOF'
MaxStartups 10:50:20
MaxStartups 5
IPQoS af11 af12
IPQoS cs1
StreamLocalBindMask 0111
StreamLocalBindMask 077
FingerprintHash md5
FingerprintHash sha256
PerSourceMaxStartups 5
PerSourceMaxStartups none
PerSourceNetBlockSize 24:56
EOF
new_case ports-listen <<'EOF'
ListenAddress 127.0.0.1
ListenAddress [::1]:2200
ListenAddress 10.1.2.3:2201
Port 2022
Port 2023
EOF
new_case listen-inet6 <<'EOF'
AddressFamily inet6
Port 2222
EOF
new_case hostkeys-multi <<'EOF'
HostKey /etc/ssh/ssh_host_ed25519_key
HostCertificate /tmp/cert-one.pub
HostCertificate /tmp/cert-two.pub
EOF
new_case subsystems <<'EOF'
Subsystem sftp /usr/lib/openssh/sftp-server -l INFO -f AUTH
Subsystem backup "/usr/bin/backup tool" --fast
EOF
new_case rekey-variants <<'EOF'
RekeyLimit 512M
RekeyLimit 1G 2h
EOF
new_case rekey-none <<'EOF'
RekeyLimit default none
EOF
new_case comments-odd-spacing <<'EOF'
# a comment
   PermitRootLogin    no   # trailing comment
	PasswordAuthentication	no	
		#indented comment
MaxAuthTries   4
  
X11Forwarding yes #a comment
EOF
new_case equals-separators <<'EOF'
PermitRootLogin=no
PasswordAuthentication = no
MaxAuthTries= 5
LoginGraceTime =45
Banner=/etc/issue
EOF
new_case case-insensitive <<'EOF'
PERMITROOTLOGIN NO
passwordauthentication YES
X11forwarding Yes
loglevel verbose
Compression DELAYED
EOF
new_case quoted-args <<'EOF'
Banner "/etc/issue"
ChrootDirectory "/srv/with space"
AuthorizedKeysFile ".ssh/authorized keys" '/etc/ssh/keys/%u'
ForceCommand /bin/echo "hello world" 'x'
AllowUsers "alice" 'bob'
VersionAddendum hello # not in addendum
EOF
new_case forcecommand-raw <<'EOF'
ForceCommand internal-sftp -d /upload
AuthorizedKeysCommand /usr/bin/keys %u %f
AuthorizedKeysCommandUser nobody
EOF

# --- Include: absolute, relative to /etc/ssh, globs, order, first-wins
mkdir -p "$T/inc"
printf 'PermitRootLogin no\nMaxAuthTries 2\n' > "$T/inc/10-first.conf"
printf 'PermitRootLogin yes\nPasswordAuthentication no\n' > "$T/inc/20-second.conf"
printf 'X11Forwarding yes\n' > "$T/inc/30-third.conf"
printf 'PermitRootLogin yes\n' > "$T/inc/ignored.txt"
printf 'Match User root\n\tPasswordAuthentication yes\n' > "$T/inc/match.conf"
printf 'Include %s/inc/30-third.conf\nAllowTcpForwarding no\n' "$T" > "$T/inc/nested.conf"
new_case include-absolute <<EOF
Include $T/inc/10-first.conf
PermitRootLogin yes
EOF
new_case include-after-setting <<EOF
PermitRootLogin prohibit-password
Include $T/inc/10-first.conf
EOF
new_case include-glob-order <<EOF
Include $T/inc/*.conf
EOF
new_case include-relative <<EOF
Include $REL/inc/20-second.conf
EOF
new_case include-relative-glob <<EOF
Include $REL/inc/[12]0-*.conf
EOF
new_case include-nested <<EOF
Include $T/inc/nested.conf
X11Forwarding no
EOF
new_case include-missing-glob <<EOF
Include $T/inc/nothing-*.conf
PermitRootLogin no
EOF
new_case include-multiple-args <<EOF
Include $T/inc/30-third.conf $T/inc/20-second.conf
EOF
new_case include-with-match "user=root,host=h,addr=192.0.2.1" <<EOF
Include $T/inc/match.conf
PasswordAuthentication no
EOF

# --- Match: every criterion, negation, CIDR, wildcards, lists
new_case match-not-applied-without-C <<'EOF'
PasswordAuthentication yes
Match User root
	PasswordAuthentication no
EOF
new_case match-user "user=root,host=h.example.com,addr=192.168.1.10" <<'EOF'
PasswordAuthentication yes
Match User root
	PasswordAuthentication no
	PermitRootLogin no
	AllowUsers root
EOF
new_case match-user-list-negation "user=root,addr=192.168.1.10" <<'EOF'
Match User *,!root
	X11Forwarding yes
Match User ro?t,nobody
	MaxAuthTries 1
EOF
new_case match-user-wildcard "user=backupuser" <<'EOF'
Match User backup*
	ForceCommand /usr/bin/rsync --server
	PermitTTY no
EOF
new_case match-group "user=root" <<'EOF'
Match Group root
	AllowTcpForwarding no
Match Group !root,nogroup
	X11Forwarding yes
EOF
new_case match-address-cidr "user=u,addr=192.168.1.10" <<'EOF'
Match Address 192.168.1.0/24
	PasswordAuthentication no
Match Address 10.0.0.0/8
	PermitRootLogin yes
EOF
new_case match-address-negation "user=u,addr=192.168.1.10" <<'EOF'
Match Address !192.168.1.0/24,*
	PasswordAuthentication no
Match Address *,!10.0.0.0/8
	MaxSessions 1
EOF
new_case match-address-wildcard-v6 "user=u,addr=2001:db8::5" <<'EOF'
Match Address 192.168.*
	MaxAuthTries 1
Match Address 2001:db8::/32
	MaxAuthTries 2
EOF
new_case match-host "user=u,host=Build01.Example.COM,addr=10.0.0.1" <<'EOF'
Match Host *.example.com
	GatewayPorts yes
Match Host !build*,*
	Banner /etc/issue
EOF
new_case match-localaddress-port "user=u,laddr=10.0.0.1,lport=2222,addr=1.2.3.4" <<'EOF'
Match LocalAddress 10.0.0.0/8 LocalPort 2222
	PermitRootLogin no
Match LocalPort 22
	MaxAuthTries 9
EOF
new_case match-rdomain "user=u,rdomain=vrf1" <<'EOF'
Match RDomain vrf*
	AllowAgentForwarding no
EOF
new_case match-all "user=u" <<'EOF'
PasswordAuthentication yes
Match User nobody
	PermitRootLogin no
Match all
	PasswordAuthentication no
	PermitRootLogin yes
EOF
new_case match-and-criteria "user=root,host=h,addr=192.168.1.10" <<'EOF'
Match User root Address 10.0.0.0/8
	PasswordAuthentication no
Match User root Address 192.168.1.0/24
	MaxAuthTries 2
EOF
new_case match-first-match-wins "user=root,addr=192.168.1.10" <<'EOF'
Match Address 192.168.1.0/24
	PermitRootLogin no
	MaxSessions 3
Match User root
	PermitRootLogin yes
	MaxSessions 5
	AllowGroups admins
EOF
new_case match-lists-replace-global "user=root,addr=1.2.3.4" <<'EOF'
AllowUsers alice bob
AcceptEnv LANG
AuthenticationMethods publickey
Match User root
	AllowUsers root
	AllowUsers toor
	AcceptEnv LC_*
	AuthenticationMethods publickey,password
	PermitOpen none
	Banner none
	ForceCommand none
EOF
new_case match-missing-fields-in-spec "addr=1.2.3.4" <<'EOF'
Match User root
	PasswordAuthentication no
Match Host *
	X11Forwarding yes
Match Address 1.2.3.4
	MaxAuthTries 2
EOF
new_case match-algorithms-in-match "user=root" <<'EOF'
Match User root
	PubkeyAcceptedAlgorithms +ssh-rsa
	HostbasedAcceptedAlgorithms -ecdsa*
	RekeyLimit 100M 10m
	IPQoS cs3
	ClientAliveInterval 1m
EOF
new_case match-equals-and-case "user=root" <<'EOF'
MATCH user=root
	passwordauthentication=no
EOF
new_case match-comment-on-line "user=root" <<'EOF'
Match User root # admins
	PermitRootLogin no
EOF
new_case match-deprecated-inside "user=root" <<'EOF'
Match User root
	RSAAuthentication no
	PasswordAuthentication no
EOF
new_case match-user-noexist "user=nosuchuser,addr=1.1.1.1" <<'EOF'
Match Group root
	PasswordAuthentication no
Match User nosuch*
	MaxSessions 7
EOF

echo "agreement: $pass passed, $fail failed (of $n configurations)"

# --- configs real sshd rejects: we must report an error at FILE:LINE
epass=0
efail=0
# bad_case NAME LINE BODY [FILE]: BODY (printf format, HostKey is line 1);
# the error must be at FILE (default: the config itself) line LINE.
bad_case() {
	n=$((n + 1))
	f="$T/bad$n.conf"
	{ echo "HostKey $T/hk"; printf "$3"; } > "$f"
	at=${4:-$f}
	if "$SSHD" -t -f "$f" >/dev/null 2>&1; then
		echo "FAIL bad $1: real sshd accepted it"
		efail=$((efail + 1))
		return
	fi
	"$DRIVER" -d -f "$f" >/dev/null 2> "$T/bad.err"
	if [ $? -ne 0 ] && grep -q "^synolint: $at:$2: error:" "$T/bad.err"
	then
		epass=$((epass + 1))
	else
		echo "FAIL bad $1: no error diag at $at:$2:"
		sed 's/^/    /' "$T/bad.err"
		efail=$((efail + 1))
	fi
}
bad_case unknown-keyword 2 'Foo bar\n'
bad_case bad-flag 2 'PasswordAuthentication maybe\n'
bad_case missing-arg 3 'X11Forwarding no\nPasswordAuthentication\n'
bad_case not-in-match 3 'Match User bob\n\tPort 2222\n'
bad_case negative-int 2 'MaxAuthTries -1\n'
bad_case bad-time 2 'LoginGraceTime 1x\n'
bad_case extra-args 2 'PasswordAuthentication no yes\n'
bad_case bad-cidr 2 'Match Address 1.2.3.0/33\n\tX11Forwarding yes\n'
bad_case empty-match 2 'Match\n\tX11Forwarding yes\n'
bad_case bad-match-attr 2 'Match Foo bar\n'
bad_case bad-cipher 2 'Ciphers aes128-cbc,nosuchcipher\n'
bad_case bad-quote 2 'Banner "/etc/issue\n'
bad_case tunnel-case 2 'PermitTunnel Yes\n'
bad_case dup-subsystem 3 'Subsystem sftp /a\nSubsystem sftp /b\n'
bad_case akc-relative 2 'AuthorizedKeysCommand relative/cmd\n'
bad_case authmethods-any 2 'AuthenticationMethods any publickey\n'
bad_case maxstartups-order 2 'MaxStartups 20:30:10\n'
bad_case port-zero 2 'Port 0\n'
printf 'Include %s/loop.conf\n' "$T" > "$T/loop.conf"
bad_case include-loop 1 "Include $T/loop.conf\\n" "$T/loop.conf"
bad_case comment-glued 2 'X11Forwarding yes#notacomment\n'
bad_case any-after-methods 3 'AuthenticationMethods publickey\nAuthenticationMethods any\n'
echo "rejects: $epass passed, $efail failed"

[ -z "$SYNOLINT" ] || echo "synolint sshd-effective --root: $spass passed, $sfail failed"
[ -z "$SYNOLINT" ] || [ $((spass + sfail)) -ge 40 ] || {
	echo "FAIL: fewer than 40 configurations went through synolint"; sfail=$((sfail + 1)); }
total_fail=$((fail + efail + sfail))
echo "$((pass + epass + spass)) passed, $total_fail failed"
[ $total_fail -eq 0 ]
