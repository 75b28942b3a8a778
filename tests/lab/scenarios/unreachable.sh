#!/bin/sh
# unreachable — a host entry (in ssh_config, known to nothing) whose address
# has no listener: the scan must report the host as unreachable (exit 3)
# and go on with the others. No tree, no sshd.
# Usage: sh unreachable.sh HOSTDIR
set -eu
D=$1
printf 'no\n' >"$D/listen"
printf 'admin\n' >"$D/user"
