#!/bin/sh
# trap — the seed-remote NAS booby-trapped for its auditor (issue #8), in
# ways that still let sshd start and the test user log in:
#   eve's authorized_keys is a symlink to /etc/shadow, mallory's .ssh one
#   to /etc (outside the home), admin's authorized_keys2 one to root's
#   private key; root's and eve's shadow hashes and that key hold the marker
#   SLSECRET, which must never reach a bundle or a report;
#   admin's .ssh holds files whose names carry a newline, an escape sequence
#   and invalid UTF-8, a .pub whose comment is invalid UTF-8;
#   eve's gecos and a comment in sshd_config are invalid UTF-8;
#   /etc/ssh/loop.conf includes itself and /dev/zero (the test appends
#   "Include /etc/ssh/loop.conf" to sshd_config once sshd is running: the
#   daemon itself would refuse to start with it).
# Usage: sh trap.sh HOSTDIR (env: SL_MAKE_TREE)
# shellcheck disable=SC2016 # "$6$..." is literal text here
set -eu
D=$1
sh "$SL_MAKE_TREE" seed-remote "$D/tree"
T=$D/tree
H=$T/volume1/homes
# Users, with hashes that must stay on the NAS.
printf 'eve:x:1030:100:Eve \377\376\303(:/var/services/homes/eve:/bin/sh\n' >>"$T/etc/passwd"
printf 'mallory:x:1031:100:Mallory:/var/services/homes/mallory:/bin/sh\n' >>"$T/etc/passwd"
awk -F: -v OFS=: '$1 == "root" { $2 = "$6$SLSECRETsalt$SLSECRETroothash" } { print }' \
    "$T/etc/shadow" >"$D/shadow.new"
cat -- "$D/shadow.new" >"$T/etc/shadow"
rm -f -- "$D/shadow.new"
printf 'eve:$6$SLSECRETsalt$SLSECRETevehash:19000:0:99999:7:::\n' >>"$T/etc/shadow"
printf 'mallory:!:19000:0:99999:7:::\n' >>"$T/etc/shadow"
mkdir -p -- "$H/eve/.ssh" "$H/mallory"
ln -s /etc/shadow "$H/eve/.ssh/authorized_keys"
ln -s /etc "$H/mallory/.ssh"
chown -R -h 1030:100 -- "$H/eve"
chown -R -h 1031:100 -- "$H/mallory"
chmod 0700 -- "$H/eve" "$H/eve/.ssh" "$H/mallory"
# Root's private key, and admin's authorized_keys2 pointing at it.
mkdir -p -- "$T/root/.ssh"
printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ SLSECRETkeymaterial\n-----END OPENSSH PRIVATE KEY-----\n' \
    >"$T/root/.ssh/id_ed25519"
chmod 0600 -- "$T/root/.ssh/id_ed25519"
ln -s /root/.ssh/id_ed25519 "$H/admin/.ssh/authorized_keys2"
# Names and contents a terminal or a parser could choke on.
pub='ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'
printf '%s bad\377\376utf8\300\n' "$pub" >"$H/admin/.ssh/id_$(printf 'new\nline').pub"
printf '%s esc\n' "$pub" >"$H/admin/.ssh/id_$(printf '\033]0;pwned\007\033[2J').pub"
printf '%s latin1\n' "$pub" >"$H/admin/.ssh/id_$(printf '\351\377').pub"
chown -h 1024:100 -- "$H/admin/.ssh/"id_* "$H/admin/.ssh/authorized_keys2"
printf '# caf\351 \377\376 \033[31mred\033[0m\n' >>"$T/etc/ssh/sshd_config"
printf 'Include /etc/ssh/loop.conf\nInclude /dev/zero\n' >"$T/etc/ssh/loop.conf"
printf 'admin\n' >"$D/user"
