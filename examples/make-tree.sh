#!/bin/sh
# make-tree.sh — builds a realistic Synology DSM filesystem tree (only the
# parts synolint's collector reads) for one example scenario.
#
# Usage (as root, DIR must not exist or be empty):
#   sh examples/make-tree.sh SCENARIO DIR
# Scenarios:
#   seed-local   the initiating NAS of shared/reference/seed-scenario.md, as the
#                recipe leaves it (DSM 6.2.3, OpenSSH 7.4p1)
#   seed-remote  the accepting NAS of the same recipe (DSM 6.2.3)
#   dsm-default  a factory DSM 6.2.3 with SSH and the user home service on
#   hardened     a DSM 7.2.2 box with every setting synolint recommends
# See examples/README.md for what each tree holds and where the facts come from.
# shellcheck disable=SC2016 # "$6$..." and "$OpenBSD" are literal text here
set -eu
LC_ALL=C
export LC_ALL

usage() {
	printf 'usage: make-tree.sh seed-local|seed-remote|dsm-default|hardened DIR\n' >&2
	exit 2
}

[ $# -eq 2 ] || usage
SCENARIO=$1
case $SCENARIO in
seed-local | seed-remote | dsm-default | hardened) ;;
*) usage ;;
esac
[ "$(id -u)" -eq 0 ] || { printf 'make-tree.sh: must run as root (chown)\n' >&2; exit 1; }
command -v ssh-keygen >/dev/null || { printf 'make-tree.sh: needs ssh-keygen\n' >&2; exit 1; }
mkdir -p -- "$2"
D=$(cd -P -- "$2" && pwd -P)
if [ -z "$D" ] || [ "$D" = / ]; then
	printf 'make-tree.sh: refusing DIR=/\n' >&2
	exit 1
fi
if [ -n "$(ls -A -- "$D")" ]; then
	printf 'make-tree.sh: %s is not empty\n' "$D" >&2
	exit 1
fi
umask 022

# DSM ids (FW623 etc.defaults/passwd and group; SDK61 synosdk/user.h).
ADMIN_UID=1024
USERS_GID=100
ADMINS_GID=101

# d PATH MODE UID GID — a directory under the tree.
d() {
	mkdir -p -- "$D$1"
	chown "$3:$4" -- "$D$1"
	chmod "$2" -- "$D$1"
}

# f PATH MODE UID GID < content — a file under the tree.
f() {
	cat >"$D$1"
	chown "$3:$4" -- "$D$1"
	chmod "$2" -- "$D$1"
}

# l TARGET PATH — a symlink under the tree (target as DSM has it).
l() {
	ln -s -- "$1" "$D$2"
}

# key PATH TYPE BITS FORMAT COMMENT UID GID — a passphrase-less key pair.
# FORMAT is PEM (what OpenSSH 7.4's ssh-keygen writes, DSM 6) or RFC4716/
# openssh (OpenSSH >= 7.8, DSM 7). ed25519 keys are always openssh format.
key() {
	k_fmt=
	[ "$4" = PEM ] && [ "$2" != ed25519 ] && k_fmt="-m PEM"
	k_bits=
	[ -n "$3" ] && k_bits="-b $3"
	# shellcheck disable=SC2086 # optional words
	ssh-keygen -q -t "$2" $k_bits $k_fmt -N '' -C "$5" -f "$D$1" </dev/null
	chown "$6:$7" -- "$D$1" "$D$1.pub"
	chmod 600 -- "$D$1"
	chmod 644 -- "$D$1.pub"
}

# opt LINE — prints LINE unless it is empty.
opt() {
	[ -z "$1" ] || printf '%s\n' "$1"
}

# ---------------------------------------------------------------- skeleton

skeleton() {
	d / 755 0 0
	d /etc 755 0 0
	d /etc/ssh 755 0 0
	d /etc.defaults 755 0 0
	d /etc.defaults/ssh 755 0 0
	d /usr 755 0 0
	d /usr/bin 755 0 0
	l usr/bin /bin			# FW623: /bin is a symlink to usr/bin
	d /var 755 0 0
	d /var/services 755 0 0
	d /volume1 755 0 0
	d /root 700 0 0
}

# sshd stub: the collector greps the version string out of the binary.
sshd_stub() {
	printf '\177ELF\002\001\001\000stub sshd for synolint examples\000%s\000\n' "$1" |
		f /usr/bin/sshd 755 0 0
}

passwd_group_shadow() {
	# $1: extra passwd lines, $2: extra group members of administrators,
	# $3: extra shadow lines, $4: admin's shadow expire field (1 = disabled)
	{
		printf 'root:x:0:0::/root:/bin/ash\n'
		printf 'admin:x:%s:%s:System default user:/var/services/homes/admin:/bin/sh\n' \
		    "$ADMIN_UID" "$USERS_GID"
		printf 'guest:x:1025:%s:Guest:/nonexist:/usr/bin/nologin\n' "$USERS_GID"
		opt "$1"
	} | f /etc/passwd 644 0 0
	printf 'root:x:0:\nwheel:x:10:\nusers:x:%s:\nadministrators:x:%s:admin%s\n' \
	    "$USERS_GID" "$ADMINS_GID" "$2" | f /etc/group 644 0 0
	# No real hashes in a committed example: root and guest have "*" as in
	# the factory file; users with a password get a placeholder, which the
	# collector reports as "x" (some password) like any real hash.
	{
		printf 'root:*:10933:0:99999:7:::\n'
		printf 'admin:$6$example$placeholder.not.a.real.hash:18400:0:99999:7::%s:\n' "$4"
		printf 'guest:*:10933:0:99999:7::1:\n'
		opt "$3"
	} | f /etc/shadow 600 0 0
}

# synoinfo.conf: a subset of DSM's keys (the collector keeps only the audit
# keys; the others are here so the filter has something to drop).
synoinfo() {
	# $1 model, $2 unique, $3 autoblock attempts, $4 minutes, $5 expire days,
	# $6 smartblock, $7 extra lines (ssh_port etc.)
	f /etc/synoinfo.conf 644 0 0 <<EOF
company_title="Synology"
upnpmodelname="$1"
unique="$2"
supportssh="yes"
support_synoacl="yes"
defgroup="users"
enableguest="no"
strong_password_enable="yes"
pswdprotect="no"
ftpport="21"
userHomeEnable="yes"
autoblock_attempts="$3"
autoblock_attempt_min="$4"
autoblock_expriedday="$5"
smartblock="$6"
EOF
	[ -z "$7" ] || printf '%s\n' "$7" >>"$D/etc/synoinfo.conf"
}

version_623() {
	f /etc.defaults/VERSION 644 0 0 <<'EOF'
majorversion="6"
minorversion="2"
productversion="6.2.3"
buildphase="GM"
buildnumber="25426"
smallfixnumber="0"
builddate="2020/05/12"
buildtime="06:13:44"
EOF
}

version_722() {
	f /etc.defaults/VERSION 644 0 0 <<'EOF'
majorversion="7"
minorversion="2"
major="7"
minor="2"
micro="2"
buildphase="GM"
buildnumber="72806"
smallfixnumber="0"
nano="0"
base="72806"
productversion="7.2.2"
os_name="DSM"
EOF
}

# The DSM 6.2.3 factory /etc.defaults/ssh/sshd_config: the directive set of
# dsm.md 2.3 (FW623), comments as in OpenSSH 7.4's sshd_config v1.100.
# $1: "6" or "7" (DSM 7 carries the v1.103 header and drops the options
# OpenSSH 7.5+ removed).
factory_sshd_config() {
	if [ "$1" = 7 ]; then
		printf '#\t$OpenBSD: sshd_config,v 1.103 2018/04/09 20:41:22 tj Exp $\n'
	else
		printf '#\t$OpenBSD: sshd_config,v 1.100 2016/08/15 12:32:04 naddy Exp $\n'
	fi
	cat <<'EOF'

# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

# This sshd was compiled with PATH=/usr/bin:/bin:/usr/sbin:/sbin

# The strategy used for options in the default sshd_config shipped with
# OpenSSH is to specify options with their default value where
# possible, but leave them commented.  Uncommented options override the
# default value.

#Port 22
#AddressFamily any
#ListenAddress 0.0.0.0
#ListenAddress ::

#HostKey /etc/ssh/ssh_host_rsa_key
#HostKey /etc/ssh/ssh_host_ecdsa_key
#HostKey /etc/ssh/ssh_host_ed25519_key

# Ciphers and keying
#RekeyLimit default none

# Logging
#SyslogFacility AUTH
#LogLevel INFO

# Authentication:

#LoginGraceTime 2m
#PermitRootLogin prohibit-password
#StrictModes yes
#MaxAuthTries 6
#MaxSessions 10

#PubkeyAuthentication yes

# The default is to check both .ssh/authorized_keys and .ssh/authorized_keys2
# but this is overridden so installations will only check .ssh/authorized_keys
#AuthorizedKeysFile	.ssh/authorized_keys

#AuthorizedPrincipalsFile none

#AuthorizedKeysCommand none
#AuthorizedKeysCommandUser nobody

# For this to work you will also need host keys in /etc/ssh/ssh_known_hosts
#HostbasedAuthentication no
# Change to yes if you don't trust ~/.ssh/known_hosts for
# HostbasedAuthentication
#IgnoreUserKnownHosts no
# Don't read the user's ~/.rhosts and ~/.shosts files
#IgnoreRhosts yes

# To disable tunneled clear text passwords, change to no here!
PasswordAuthentication yes
#PermitEmptyPasswords no

# Change to no to disable s/key passwords
ChallengeResponseAuthentication no

# Kerberos options
#KerberosAuthentication no
#KerberosOrLocalPasswd yes
#KerberosTicketCleanup yes
#KerberosGetAFSToken no

# GSSAPI options
#GSSAPIAuthentication no
#GSSAPICleanupCredentials yes

# Set this to 'yes' to enable PAM authentication, account processing,
# and session processing. If this is enabled, PAM authentication will
# be allowed through the ChallengeResponseAuthentication and
# PasswordAuthentication.  Depending on your PAM configuration,
# PAM authentication via ChallengeResponseAuthentication may bypass
# the setting of "PermitRootLogin without-password".
# If you just want the PAM account and session checks to run without
# PAM authentication, then enable this but set PasswordAuthentication
# and ChallengeResponseAuthentication to 'no'.
UsePAM yes

#AllowAgentForwarding yes
AllowTcpForwarding no
#GatewayPorts no
#X11Forwarding no
#X11DisplayOffset 10
#X11UseLocalhost yes
#PermitTTY yes
#PrintMotd yes
#PrintLastLog yes
#TCPKeepAlive yes
EOF
	if [ "$1" != 7 ]; then
		printf '#UseLogin no\n#UsePrivilegeSeparation sandbox\n'
	fi
	cat <<'EOF'
#PermitUserEnvironment no
#Compression delayed
#ClientAliveInterval 0
#ClientAliveCountMax 3
#UseDNS no
#PidFile /var/run/sshd.pid
#MaxStartups 10:30:100
#PermitTunnel no
ChrootDirectory none
#VersionAddendum none

# no default banner path
#Banner none

# override default of no subsystems
Subsystem	sftp	internal-sftp -f DAEMON -u 000

# Example of overriding settings on a per-user basis
#Match User anoncvs
#	X11Forwarding no
#	AllowTcpForwarding no
#	PermitTTY no
#	ForceCommand cvs server
Match User root
	AllowTcpForwarding yes
Match User admin
	AllowTcpForwarding yes
Match User anonymous
	AllowTcpForwarding no
	GatewayPorts no
EOF
}

# Host keys as DSM 6's sshd upstart job generates them (rc.ssh.subr: rsa,
# dsa, ecdsa, ed25519), written by OpenSSH 7.4's ssh-keygen (PEM).
host_keys_dsm6() {
	key /etc/ssh/ssh_host_rsa_key rsa 2048 PEM "" 0 0
	key /etc/ssh/ssh_host_dsa_key dsa 1024 PEM "" 0 0
	key /etc/ssh/ssh_host_ecdsa_key ecdsa 256 PEM "" 0 0
	key /etc/ssh/ssh_host_ed25519_key ed25519 "" PEM "" 0 0
}

homes() {
	# $1: mode of /volume1/homes
	d /volume1/homes "$1" 0 0
	l /volume1/homes /var/services/homes
}

# A POSIX ACL stands in for DSM's ACL so that "ls -l" shows the "+" DSM
# shows on homes (DSM's own ACLs need synoacltool); skipped without setfacl.
acl() {
	if command -v setfacl >/dev/null 2>&1; then
		setfacl -m "g:$ADMINS_GID:rwx" -- "$D$1" 2>/dev/null || :
	fi
}

# ---------------------------------------------------------------- scenarios

dsm6_base() {
	skeleton
	sshd_stub OpenSSH_7.4p1
	version_623
	factory_sshd_config 6 | f /etc.defaults/ssh/sshd_config 644 0 0
	host_keys_dsm6
}

scenario_dsm_default() {
	dsm6_base
	factory_sshd_config 6 | f /etc/ssh/sshd_config 644 0 0
	passwd_group_shadow \
	    "bob:x:1026:$USERS_GID::/var/services/homes/bob:/sbin/nologin" "" \
	    "bob:\$6\$example\$placeholder.not.a.real.hash:18400:0:99999:7:::" ""
	synoinfo DS120j synology_armada37xx_ds120j 0 0 0 no ""
	homes 777
	acl /volume1/homes
	# The user home service creates homes world-writable (dsm.md 4.2).
	d /volume1/homes/admin 777 "$ADMIN_UID" "$USERS_GID"
	acl /volume1/homes/admin
	d /volume1/homes/bob 777 1026 "$USERS_GID"
	acl /volume1/homes/bob
	# The admin followed a key-login guide (mkdir ~/.ssh, chmod 700, key
	# in authorized_keys, chmod 600) but left the home as DSM made it:
	# the classic "it still asks for a password" (sshd's StrictModes).
	d /volume1/homes/admin/.ssh 700 "$ADMIN_UID" "$USERS_GID"
	dd_t=$(mktemp -d)
	ssh-keygen -q -t ed25519 -N '' -C admin@laptop -f "$dd_t/id" </dev/null
	cat -- "$dd_t/id.pub" >"$D/volume1/homes/admin/.ssh/authorized_keys"
	rm -rf -- "$dd_t"
	chown "$ADMIN_UID:$USERS_GID" -- "$D/volume1/homes/admin/.ssh/authorized_keys"
	chmod 600 -- "$D/volume1/homes/admin/.ssh/authorized_keys"
}

# Both seed NAS share this: factory DSM 6.2.3, SSH and user homes on,
# Auto Block off (the recipe only recommends turning it on).
seed_base() {
	dsm6_base
	passwd_group_shadow "" "" "" ""
	synoinfo DS218+ synology_apollolake_218+ 0 0 0 no ""
	homes 777
	acl /volume1/homes
}

scenario_seed_local() {
	seed_base
	factory_sshd_config 6 | f /etc/ssh/sshd_config 644 0 0
	# 2. sudo chmod 755 /var/services/homes/admin (chmod drops DSM's ACL)
	d /volume1/homes/admin 755 "$ADMIN_UID" "$USERS_GID"
	d /volume1/homes/admin/.ssh 700 "$ADMIN_UID" "$USERS_GID"
	# 1. ssh-keygen -t rsa, empty passphrase. DSM 6's ssh-keygen (OpenSSH
	# 7.4) makes 2048-bit RSA in PEM format by default; -b 2048 -m PEM
	# mirror that (today's default would be 3072 bits, openssh format).
	key /volume1/homes/admin/.ssh/id_rsa rsa 2048 PEM \
	    admin@nas-local "$ADMIN_UID" "$USERS_GID"
}

scenario_seed_remote() {
	seed_base
	# 5. sudo vi /etc/ssh/sshd_config: the three lines, where a user
	# editing DSM's file puts them (next to #PubkeyAuthentication).
	factory_sshd_config 6 | awk '
	/^#PubkeyAuthentication yes$/ {
		print "RSAAuthentication yes"
		print "PubkeyAuthentication yes"
		next
	}
	/^#AuthorizedKeysFile/ { print "AuthorizedKeysFile\t.ssh/authorized_keys"; next }
	{ print }' | f /etc/ssh/sshd_config 644 0 0
	# 4. sudo chmod 711 home, chmod 700 ~/.ssh, chmod 600 authorized_keys
	d /volume1/homes/admin 711 "$ADMIN_UID" "$USERS_GID"
	d /volume1/homes/admin/.ssh 700 "$ADMIN_UID" "$USERS_GID"
	# 3. the local NAS's public key, appended with cat >> (a fresh pair:
	# build seed-local and seed-remote with make-bundles.sh to share one).
	if [ -n "${SEED_LOCAL_PUB:-}" ] && [ -f "$SEED_LOCAL_PUB" ]; then
		cat -- "$SEED_LOCAL_PUB" >"$D/volume1/homes/admin/.ssh/authorized_keys"
	else
		sr_t=$(mktemp -d)
		ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -C admin@nas-local \
		    -f "$sr_t/id_rsa" </dev/null
		cat -- "$sr_t/id_rsa.pub" >"$D/volume1/homes/admin/.ssh/authorized_keys"
		rm -rf -- "$sr_t"
	fi
	chown "$ADMIN_UID:$USERS_GID" -- "$D/volume1/homes/admin/.ssh/authorized_keys"
	chmod 600 -- "$D/volume1/homes/admin/.ssh/authorized_keys"
}

# Every setting synolint recommends, on DSM 7.2.2. The OpenSSH version is an
# assumption (DSM 7's is unverified; dsm.md 2.4 infers 7.8-8.6 from the
# sshd_config header): 8.6p1 has sntrup761x25519 and KbdInteractiveAuthentication.
scenario_hardened() {
	skeleton
	sshd_stub OpenSSH_8.6p1
	version_722
	factory_sshd_config 7 | f /etc.defaults/ssh/sshd_config 644 0 0
	# New directives go before the first Match (DESIGN.md fix protocol);
	# DSM's grants of TCP forwarding to root and admin are removed; the
	# port stays in synoinfo.conf (ssh_port), never in sshd_config.
	factory_sshd_config 7 | awk '
	/^PasswordAuthentication yes$/ { print "PasswordAuthentication no"; next }
	/^Subsystem/ { print "Subsystem\tsftp\tinternal-sftp -f AUTH -l INFO -u 027"; next }
	/^# Example of overriding/ {
		print "# Hardening (synolint recommended settings)"
		print "HostKey /etc/ssh/ssh_host_ed25519_key"
		print "HostKey /etc/ssh/ssh_host_rsa_key"
		print "KbdInteractiveAuthentication no"
		print "PermitRootLogin no"
		print "PubkeyAuthentication yes"
		print "AuthorizedKeysFile\t.ssh/authorized_keys"
		print "AuthenticationMethods publickey"
		print "PermitEmptyPasswords no"
		print "HostbasedAuthentication no"
		print "IgnoreRhosts yes"
		print "IgnoreUserKnownHosts yes"
		print "GSSAPIAuthentication no"
		print "KerberosAuthentication no"
		print "StrictModes yes"
		print "MaxAuthTries 2"
		print "MaxSessions 4"
		print "LoginGraceTime 30"
		print "MaxStartups 10:30:60"
		print "ClientAliveInterval 300"
		print "ClientAliveCountMax 2"
		print "TCPKeepAlive no"
		print "LogLevel VERBOSE"
		print "SyslogFacility AUTH"
		print "X11Forwarding no"
		print "AllowTcpForwarding no"
		print "AllowAgentForwarding no"
		print "AllowStreamLocalForwarding no"
		print "DisableForwarding yes"
		print "GatewayPorts no"
		print "PermitTunnel no"
		print "PermitUserEnvironment no"
		print "UseDNS no"
		print "Compression no"
		print "RekeyLimit 512M 1h"
		print "AllowGroups administrators"
		print "Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr"
		print "MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com"
		print "KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,diffie-hellman-group18-sha512,diffie-hellman-group16-sha512,diffie-hellman-group-exchange-sha256"
		print "HostKeyAlgorithms ssh-ed25519,ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512,rsa-sha2-256"
		print ""
	}
	/^Match User (root|admin)$/ { skip = 1; next }
	skip && /^\t/ { next }
	{ skip = 0; print }' | f /etc/ssh/sshd_config 600 0 0
	key /etc/ssh/ssh_host_rsa_key rsa 4096 openssh "" 0 0
	key /etc/ssh/ssh_host_ed25519_key ed25519 "" openssh "" 0 0
	# The default admin is disabled (shadow expire = 1, DSM's way) and a
	# named administrator logs in with a restricted key.
	passwd_group_shadow \
	    "ops:x:1026:$USERS_GID::/var/services/homes/ops:/bin/sh" ",ops" \
	    "ops:\$6\$example\$placeholder.not.a.real.hash:18400:0:99999:7:::" 1
	synoinfo DS920+ synology_geminilake_920+ 10 5 30 yes 'ssh_port="2222"'
	homes 711
	d /volume1/homes/admin 700 "$ADMIN_UID" "$USERS_GID"
	d /volume1/homes/ops 700 1026 "$USERS_GID"
	d /volume1/homes/ops/.ssh 700 1026 "$USERS_GID"
	hd_t=$(mktemp -d)
	ssh-keygen -q -t ed25519 -N '' -C ops@workstation -f "$hd_t/id" </dev/null
	printf 'from="192.168.1.20",restrict %s\n' "$(cat -- "$hd_t/id.pub")" |
		f /volume1/homes/ops/.ssh/authorized_keys 600 1026 "$USERS_GID"
	rm -rf -- "$hd_t"
}

case $SCENARIO in
seed-local) scenario_seed_local ;;
seed-remote) scenario_seed_remote ;;
dsm-default) scenario_dsm_default ;;
hardened) scenario_hardened ;;
esac
