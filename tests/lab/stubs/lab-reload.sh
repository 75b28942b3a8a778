# lab-reload.sh — sourced by the lab's synosystemctl/synoservicectl stubs:
# reload this fake NAS's sshd the way the real one reacts to HUP (re-exec
# with the new configuration on the same PID and port), and wait until it
# listens again on a new socket. Fails when sshd dies (bad configuration).
lab_reload() {
	lr_pid=$(cat /usr/syno/bin/.lab/sshd.pid 2>/dev/null)
	read -r lr_addr lr_port </usr/syno/bin/.lab/listen 2>/dev/null || :
	if [ -z "$lr_pid" ] || [ "$(cat "/proc/$lr_pid/comm" 2>/dev/null)" != sshd ]; then
		printf '%s: sshd is not running\n' "$LAB_TOOL" >&2
		return 1
	fi
	lr_ino() {
		ss -Hltne src "$lr_addr:$lr_port" 2>/dev/null |
			sed -n 's/.* ino:\([0-9]*\).*/\1/p' | head -n 1
	}
	lr_old=$(lr_ino)
	kill -HUP "$lr_pid" || return 1
	lr_i=0
	while [ "$lr_i" -lt 100 ]; do
		if [ "$(cat "/proc/$lr_pid/comm" 2>/dev/null)" != sshd ]; then
			printf '%s: sshd failed to restart (configuration error?)\n' \
			    "$LAB_TOOL" >&2
			return 1
		fi
		lr_new=$(lr_ino)
		[ -n "$lr_new" ] && [ "$lr_new" != "$lr_old" ] && return 0
		sleep 0.05 2>/dev/null || sleep 1
		lr_i=$((lr_i + 1))
	done
	printf '%s: sshd did not listen again within 5 s\n' "$LAB_TOOL" >&2
	return 1
}

lab_status() {
	ls_pid=$(cat /usr/syno/bin/.lab/sshd.pid 2>/dev/null)
	[ -n "$ls_pid" ] && [ "$(cat "/proc/$ls_pid/comm" 2>/dev/null)" = sshd ]
}
