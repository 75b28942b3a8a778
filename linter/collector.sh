#!/bin/sh
# collector.sh — synolint's collector: run once per host (live, or with
# --root DIR over a copy of a NAS filesystem), it prints one bundle in the
# format of docs/bundle-format.md (version 1) on stdout. POSIX sh only: it
# must run under dash, bash and BusyBox ash. It never prints password hashes
# or private key material, never reads stdin, and bounds everything it sends.
#
# Usage: sh collector.sh [--root DIR] [--session NAME] [--hostname NAME]
# Environment: SL_HOSTNAME (fixed hostname), SL_ROOT_LABEL (meta root value),
# SOURCE_DATE_EPOCH (when set, no time is printed).
#
# Everything is defined in functions and only run by the last line, so a
# truncated script is a syntax error instead of half a collection, and the
# commands it runs read /dev/null instead of the rest of the script.

SL_COLLECTOR_VERSION=1
SL_MAX_FILE=1048576		# bytes of one file's content
SL_MAX_BYTES=50331648		# bytes of file content in the whole bundle
SL_MAX_USERS=500		# users whose home is examined
SL_MAX_STATS=20000		# stat/nostat records
SL_MAX_FILES=2000		# file records
SL_MAX_CONFIGS=64		# sshd_config files (main + Includes)
SL_MAX_DEPTH=16			# Include nesting
SL_MAX_LINKS=40			# symlinks followed while resolving one path
SL_MAX_PATH=4096		# bytes of one path (longer: a skip record)
SL_MAX_ACLS=5000		# ACL listings (synoacltool -get / getfacl)
SL_MAX_CMD=65536		# bytes of one command's output
SL_SYNOINFO_KEYS='ssh_port|sftpPort|rsync_sshd_port|autoblock_attempts|autoblock_attempt_min|autoblock_expriedday|smartblock|enableguest|userHomeEnable|upnpmodelname|unique|otp_enforce_option|supportssh'

SL_TAB=$(printf '\t')
SL_CR=$(printf '\r')
SL_NL='
'

sl_die() {
	printf 'collector: %s\n' "$1" >&2
	exit 2
}

# Runs "$@" in a subshell whose files may grow to at most $1 bytes (a
# multiple of 1024): with RLIMIT_FSIZE (ulimit -f) the file the caller
# redirects the tool's output to ends exactly at the cap, and every write
# past it fails (EFBIG; SIGXFSZ is ignored, so no tool dies of a signal the
# shell would report on stderr). This bounds a tool's output like
# `| dd bs=4096 count=N` did, without a dd process. Only when SL_ULIM (the
# shell's ulimit -f unit) is set. The tool does not get fd 9 (the spool's
# real stdout): a daemon it might start must not hold the session open.
sl_capped() {
	cp_cap=$(($1 / SL_ULIM))
	shift
	(
		trap '' XFSZ
		ulimit -f "$cp_cap" || exit 126
		exec "$@" 9>&-
	)
}

# Prints one record header: the arguments joined by TAB.
sl_rec() {
	sl_ifs=$IFS
	IFS=$SL_TAB
	printf '%s\n' "$*"
	IFS=$sl_ifs
	SL_NREC=$((SL_NREC + 1))
}

# True if $1 cannot travel in a header field (TAB, LF or CR in it).
sl_badtext() {
	case $1 in
	*"$SL_TAB"* | *"$SL_NL"* | *"$SL_CR"*) return 0 ;;
	esac
	return 1
}

# skip REASON TEXT; TEXT is made one line of at most 4096 bytes.
sl_skip() {
	sl_s=$(printf '%s' "$2" | tr '\t\n\r' '???' | dd bs=4096 count=1 2>/dev/null)
	sl_rec skip "$1" "$sl_s"
}

# --- lstat -----------------------------------------------------------------

# Converts an ls mode string (drwxr-sr-x+) into ST_T, ST_M and, from the
# eleventh character, ST_A.
sl_modebits() {
	mb_s=$1
	case $mb_s in
	-*) ST_T=f ;;
	d*) ST_T=d ;;
	l*) ST_T=l ;;
	*) ST_T=o ;;
	esac
	mb_s=${mb_s#?}
	mb_v=0
	for mb_w in 256:2048 32:1024 4:512; do
		mb_r=${mb_w%:*}
		mb_x=${mb_w#*:}
		mb_c=${mb_s%"${mb_s#?}"}
		mb_s=${mb_s#?}
		[ "$mb_c" = r ] && mb_v=$((mb_v + mb_r))
		mb_c=${mb_s%"${mb_s#?}"}
		mb_s=${mb_s#?}
		[ "$mb_c" = w ] && mb_v=$((mb_v + mb_r / 2))
		mb_c=${mb_s%"${mb_s#?}"}
		mb_s=${mb_s#?}
		case $mb_c in
		x) mb_v=$((mb_v + mb_r / 4)) ;;
		s | t) mb_v=$((mb_v + mb_r / 4 + mb_x)) ;;
		S | T) mb_v=$((mb_v + mb_x)) ;;
		esac
	done
	ST_M="$((mb_v / 512))$((mb_v / 64 % 8))$((mb_v / 8 % 8))$((mb_v % 8))"
	case $mb_s in
	+*) ST_A=1 ;;
	*) ST_A=$SL_LS_ACL ;;
	esac
}

# lstat of real (canonical) host path $1; sets ST_T ST_M ST_U ST_G ST_S ST_A
# ST_L, or ST_T=! and ST_E. Never follows a symlink of the host namespace:
# every component of $1 but the last is a real directory under the root.
# Sets ST_T ST_M ST_U ST_G ST_S ST_A from one `ls -ldn` line $1; sets
# LS_NF to the number of fields before the name (8, or 9 for a device).
# Returns 1 (ST_T=! ST_E=EIO) when the line does not look like one.
sl_lsfields() {
	lf_ifs=$IFS
	IFS=" $SL_TAB"
	# shellcheck disable=SC2086 # split the ls line into its fields (noglob)
	set -- $1
	IFS=$lf_ifs
	if [ $# -lt 5 ]; then
		ST_T=!
		ST_E=EIO
		return 1
	fi
	sl_modebits "$1"
	ST_U=$3
	ST_G=$4
	LS_NF=8
	case $5 in
	*,) ST_S=0; LS_NF=9 ;;	# device numbers "8," "1" (BusyBox/GNU differ)
	*[!0-9]*) ST_S=0 ;;
	*) ST_S=$5 ;;
	esac
	case $ST_U$ST_G in
	*[!0-9]*) ST_T=!; ST_E=EIO; return 1 ;;
	esac
	return 0
}

# Sets ST_* from a cache line's fields in SL_V (see sl_cache_get).
sl_vfields() {
	vf_ifs=$IFS
	IFS=$SL_TAB
	# shellcheck disable=SC2086 # split the cached fields (noglob)
	set -- $SL_V
	IFS=$vf_ifs
	ST_T=$1 ST_M=${2-} ST_U=${3-} ST_G=${4-} ST_S=${5-} ST_A=${6-} ST_L=${7-}
	ST_E=
	[ "$ST_T" = ! ] && ST_E=$ST_M
	return 0
}

# Runs one `ls -ldn` over host paths "$@" (when this ls can be parsed
# safely: GNU with -q, or BusyBox, which both print one line per name) and
# keeps what it says in the lstat cache (bucket P, the format of S), so
# that sl_lstat needs no process of its own for them. Anything it cannot
# attribute to a path for certain (odd names, "?" or " -> " in a link
# target, other errors) is left out: sl_lstat then asks ls alone.
sl_lsbatch() {
	[ -n "$SL_LSBATCH" ] || return 0
	lb_list=$SL_NL
	for lb_p; do
		shift
		lb_f=$SL_ROOT$lb_p
		lb_list=$lb_list$lb_f$SL_NL
		set -- "$@" "$lb_f"
	done
	# shellcheck disable=SC2086 # -q for GNU ls, nothing for BusyBox
	ls -ldn $SL_LSQ -- "$@" >"$SL_T/ls" 2>"$SL_T/lserr"
	while IFS= read -r lb_l; do
		sl_lsfields "$lb_l" || continue
		lb_r=$lb_l
		lb_i=0
		while [ "$lb_i" -lt "$LS_NF" ]; do
			lb_r=${lb_r#"${lb_r%%[! ]*}"}
			lb_r=${lb_r#"${lb_r%%" "*}"}
			lb_i=$((lb_i + 1))
		done
		lb_r=${lb_r#" "}
		ST_L=
		if [ "$ST_T" = l ]; then
			ST_L=${lb_r#*" -> "}
			lb_r=${lb_r%%" -> "*}
			case $ST_L in
			*" -> "* | *"?"* | '') continue ;;
			esac
		fi
		case $lb_list in
		*"$SL_NL$lb_r$SL_NL"*) ;;
		*) continue ;;
		esac
		lb_p=${lb_r#"$SL_ROOT"}
		sl_bucket_add P "$lb_p" "$SL_NL$lb_p$SL_TAB$ST_T$SL_TAB$ST_M$SL_TAB$ST_U$SL_TAB$ST_G$SL_TAB$ST_S$SL_TAB$ST_A$SL_TAB$ST_L"
	done <"$SL_T/ls"
	while IFS= read -r lb_l; do
		case $lb_l in
		*": No such file or directory" | *": Not a directory") lb_e=ENOENT ;;
		*": Permission denied") lb_e=EACCES ;;
		*) continue ;;
		esac
		lb_r=${lb_l%": "*}
		case $lb_r in
		"ls: cannot access '"*"'") lb_r=${lb_r#"ls: cannot access '"}; lb_r=${lb_r%"'"} ;;
		"ls: "*) lb_r=${lb_r#"ls: "} ;;
		*) continue ;;
		esac
		case $lb_list in
		*"$SL_NL$lb_r$SL_NL"*) ;;
		*) continue ;;
		esac
		lb_p=${lb_r#"$SL_ROOT"}
		sl_bucket_add P "$lb_p" "$SL_NL$lb_p$SL_TAB!$SL_TAB$lb_e"
	done <"$SL_T/lserr"
}

# Batches the lstat of every not yet known lexical prefix of absolute host
# path $1 (up to a ".."): one ls for a whole walk instead of one per
# component.
sl_prefetch() {
	[ -n "$SL_LSBATCH" ] || return 0
	pf_rem=$1
	pf_p=
	set --
	while :; do
		SL_REM=$pf_rem
		sl_nextcomp
		pf_rem=$SL_REM
		[ -n "$SL_COMP" ] || break
		case $SL_COMP in
		.) continue ;;
		..) break ;;
		esac
		pf_p=$pf_p/$SL_COMP
		sl_bucket_get "$pf_p" S && continue
		sl_bucket_get "$pf_p" P && continue
		set -- "$@" "$pf_p"
	done
	[ $# -ge 2 ] && sl_lsbatch "$@"
	return 0
}

# Batches the lstat of those of host paths "$@" not yet known. Returns 1
# when it ran no ls (fewer than two such paths).
sl_prefetch_list() {
	[ -n "$SL_LSBATCH" ] || return 1
	for pl_p; do
		shift
		sl_badtext "$pl_p" && continue
		sl_bucket_get "$pl_p" S && continue
		sl_bucket_get "$pl_p" P && continue
		set -- "$@" "$pl_p"
	done
	[ $# -ge 2 ] || return 1
	sl_lsbatch "$@"
}

# Resolves absolute host path $1 like sl_canon, but only from what the
# cache knows, sending nothing and running nothing. Returns 0 with the
# canonical path in RC_PATH; 1 with RC_MISS (LF-separated) listing the
# first unknown canonical prefix, the lexical rest of the path under it and
# that path's .ssh files, which a prefetch should ask about; 2 when the path
# cannot resolve (missing, symlink loop, "..").
sl_rcache() {
	SL_REM=$1
	rc_real=
	rc_links=0
	while :; do
		sl_nextcomp
		[ -n "$SL_COMP" ] || break
		case $SL_COMP in
		.) continue ;;
		..) rc_real=${rc_real%/*}; continue ;;
		esac
		rc_cand=$rc_real/$SL_COMP
		if sl_bucket_get "$rc_cand" S || sl_bucket_get "$rc_cand" P; then
			sl_vfields
		else
			RC_MISS=$rc_cand
			while :; do
				sl_nextcomp
				[ -n "$SL_COMP" ] || break
				case $SL_COMP in
				.) continue ;;
				..) return 1 ;;
				esac
				rc_cand=$rc_cand/$SL_COMP
				RC_MISS=$RC_MISS$SL_NL$rc_cand
			done
			for rc_f in .ssh .ssh/authorized_keys .ssh/authorized_keys2 \
			    .ssh/known_hosts; do
				RC_MISS=$RC_MISS$SL_NL$rc_cand/$rc_f
			done
			return 1
		fi
		case $ST_T in
		!) return 2 ;;
		l) ;;
		*) rc_real=$rc_cand; continue ;;
		esac
		rc_links=$((rc_links + 1))
		[ -n "$ST_L" ] && [ "$rc_links" -le "$SL_MAX_LINKS" ] || return 2
		case $ST_L in
		/*) rc_real= ;;
		esac
		if [ -n "$SL_REM" ]; then
			SL_REM=$ST_L/$SL_REM
		else
			SL_REM=$ST_L
		fi
	done
	RC_PATH=${rc_real:-/}
	return 0
}

# Before the users are examined: batches the lstat of every home directory
# (each path to it, through symlinks) and its .ssh files, in a few rounds
# of one ls each, resolving from the cache between rounds.
sl_users_prefetch() {
	[ -n "$SL_LSBATCH" ] || return 0
	up_round=0
	while [ "$up_round" -lt 4 ]; do
		up_list=
		up_n=0
		while IFS=: read -r up_u up_pw up_uid up_gid up_gecos up_h up_sh <&6; do
			case $up_h in
			/*) ;;
			*) continue ;;
			esac
			up_n=$((up_n + 1))
			[ "$up_n" -le "$SL_MAX_USERS" ] || break
			sl_badtext "$up_h" && continue
			sl_rcache "$up_h"
			case $? in
			0)
				up_r=${RC_PATH%/}
				up_list=$up_list$SL_NL$up_r/.ssh$SL_NL$up_r/.ssh/authorized_keys
				up_list=$up_list$SL_NL$up_r/.ssh/authorized_keys2
				up_list=$up_list$SL_NL$up_r/.ssh/known_hosts
				;;
			1) up_list=$up_list$SL_NL$RC_MISS ;;
			esac
		done 6<"$SL_PASSWD"
		up_ifs=$IFS
		IFS=$SL_NL
		# shellcheck disable=SC2086 # one path per line (noglob)
		set -- $up_list
		IFS=$up_ifs
		sl_prefetch_list "$@" || break
		up_round=$((up_round + 1))
	done
	: "$up_u" "$up_pw" "$up_uid" "$up_gid" "$up_gecos" "$up_sh"
}

sl_lstat() {
	ls_p=$1
	ls_f=$SL_ROOT$1
	[ -n "$ls_f" ] || ls_f=/
	ST_L=
	ST_E=
	if sl_bucket_get "$1" P; then
		sl_vfields
		[ "$ST_T" = ! ] && return 1
	else
		if ! ls_o=$(ls -ldn -- "$ls_f" 2>&1); then
			ST_T=!
			case $ls_o in
			*"No such file"* | *"Not a directory"*) ST_E=ENOENT ;;
			*"ermission denied"*) ST_E=EACCES ;;
			*) ST_E=EIO ;;
			esac
			return 1
		fi
		ls_o=${ls_o%%"$SL_NL"*}
		sl_lsfields "$ls_o" || return 1
		if [ "$ST_T" = l ] &&
		    ! ST_L=$(readlink -- "$ls_f" 2>/dev/null); then
			ST_L=${ls_o#*"$ls_f -> "}
		fi
	fi
	case $ST_T in
	d | f)
		# The ACL itself travels as a cmd record after the stat
		# (sl_send): synoacltool's listing on DSM, else getfacl's
		# numeric one when ls showed a "+".
		if [ -n "$SL_SYNOACL" ]; then
			if [ -n "$SL_ULIM" ]; then
				sl_capped 65536 "$SL_SYNOACL" -get "$ls_f" \
				    >"$SL_BLOB" 2>&1
			else
				"$SL_SYNOACL" -get "$ls_f" 2>&1 9>&- |
					dd bs=4096 count=16 2>/dev/null >"$SL_BLOB"
			fi
			sl_aclkind "$SL_BLOB"
			case $SL_AK in
			linux) ST_A=0 ;;
			acl)
				ST_A=1
				SL_ACLPEND=$ls_p
				SL_ACLCMD="synoacltool -get"
				;;
			esac
		elif [ "$ST_A" = 1 ] && [ -n "$SL_GETFACL" ]; then
			if [ -n "$SL_ULIM" ]; then
				sl_capped 65536 "$SL_GETFACL" -c -n -- "$ls_f" \
				    >"$SL_BLOB" 2>/dev/null
			else
				"$SL_GETFACL" -c -n -- "$ls_f" 2>/dev/null 9>&- |
				    dd bs=4096 count=16 2>/dev/null >"$SL_BLOB"
			fi
			if [ -s "$SL_BLOB" ]; then
				SL_ACLPEND=$ls_p
				SL_ACLCMD=getfacl
			fi
		fi
		;;
	esac
	return 0
}

# The record cache: shell variables, no files and no processes. Host path
# P that was sent is a line "<LF>P<TAB>T<TAB>MODE<TAB>UID<TAB>GID<TAB>SIZE
# <TAB>ACL<TAB>LINK" (T=! for nostat, MODE then the error) in variable
# SL_S<length of P>, and a path whose content was handled is "<LF>P<TAB>" in
# SL_F<length of P>: bucketing by length keeps every lookup short even with
# thousands of paths. Paths never hold TAB or LF (sl_badtext).
# sl_bucket KIND P sets SL_B to the bucket of P.
sl_bucket() {
	SL_B=
	eval "SL_B=\${SL_$1${#2}-}"
}

# sl_bucket_add KIND P LINE: appends LINE (which starts with LF P TAB).
sl_bucket_add() {
	eval "SL_$1${#2}=\${SL_$1${#2}-}\$3"
}

# True if host path $1 has an entry in bucket kind $2; sets SL_V to the rest
# of its line.
sl_bucket_get() {
	sl_bucket "$2" "$1"
	case $SL_B in
	*"$SL_NL$1$SL_TAB"*) ;;
	*) return 1 ;;
	esac
	SL_V=${SL_B#*"$SL_NL$1$SL_TAB"}
	SL_V=${SL_V%%"$SL_NL"*}
	return 0
}

# Sets SL_AK to "linux", "acl" or "other" for synoacltool's output in file
# $1 (shell builtins only: the file is at most 64 KiB).
sl_aclkind() {
	ak_first=
	SL_AK=other
	while IFS= read -r ak_l || [ -n "$ak_l" ]; do
		case $ak_l in
		*"Linux mode"*) SL_AK=linux; return 0 ;;
		esac
		[ -n "$ak_first" ] || ak_first=1$ak_l
		case $ak_first in
		"1ACL version:"*) SL_AK=acl ;;
		esac
	done <"$1"
}

# Loads ST_* for host path $1 and returns 0 if it was sent before.
sl_cache_get() {
	sl_bucket_get "$1" S || return 1
	sl_vfields
}

# Sends the stat (or nostat) record of the current ST_* under name $1, once.
# A symlink whose target cannot travel is sent with a skip instead of a link
# record and counts as unresolvable (ST_L empty).
sl_send() {
	if sl_cache_get "$1"; then
		return 0
	fi
	if [ "${#1}" -gt "$SL_MAX_PATH" ]; then
		sl_skip longpath "$1"
		return 1
	fi
	if [ "$SL_NSTAT" -ge "$SL_MAX_STATS" ]; then
		[ "$SL_NSTAT" -eq "$SL_MAX_STATS" ] && sl_skip limit-stats "$1"
		SL_NSTAT=$((SL_NSTAT + 1))
		return 1
	fi
	SL_NSTAT=$((SL_NSTAT + 1))
	if [ "$ST_T" = ! ]; then
		sl_rec nostat "$ST_E" "$1"
		sl_bucket_add S "$1" "$SL_NL$1$SL_TAB!$SL_TAB$ST_E"
		return 0
	fi
	sl_rec stat "$ST_T" "$ST_M" "$ST_U" "$ST_G" "$ST_S" "$ST_A" "$1"
	if [ -n "$SL_ACLPEND" ] && [ "$SL_ACLPEND" = "$1" ]; then
		SL_ACLPEND=
		SL_NACL=$((SL_NACL + 1))
		if [ "$SL_NACL" -le "$SL_MAX_ACLS" ]; then
			sl_cmd "$SL_ACLCMD $1" 0
		elif [ "$SL_NACL" -eq $((SL_MAX_ACLS + 1)) ]; then
			sl_skip limit-acls "$1"
		fi
	fi
	if [ "$ST_T" = l ]; then
		if [ -z "$ST_L" ] || sl_badtext "$ST_L"; then
			sl_skip badlink "$1"
			ST_L=
		else
			sl_rec link "$1" "$ST_L"
		fi
	fi
	sl_bucket_add S "$1" "$SL_NL$1$SL_TAB$ST_T$SL_TAB$ST_M$SL_TAB$ST_U$SL_TAB$ST_G$SL_TAB$ST_S$SL_TAB$ST_A$SL_TAB$ST_L"
	return 0
}

# Looks at canonical path $1 (from the cache, or lstat and send). Returns 1
# if it does not exist or could not be examined.
sl_node() {
	if ! sl_cache_get "$1"; then
		if [ "${#1}" -gt "$SL_MAX_PATH" ]; then
			sl_skip longpath "$1"
			return 1
		fi
		sl_lstat "$1"
		sl_send "$1" || return 1
	fi
	[ "$ST_T" != ! ]
}

# Lexical clean-up of absolute path $1 into SL_NORM: no empty or "."
# components (".." stays: only the walk can resolve it).
sl_norm() {
	SL_REM=$1
	SL_NORM=
	while :; do
		sl_nextcomp
		[ -n "$SL_COMP" ] || break
		[ "$SL_COMP" = . ] && continue
		SL_NORM=$SL_NORM/$SL_COMP
	done
	SL_NORM=${SL_NORM:-/}
}

# Splits the first component off SL_REM into SL_COMP (leading slashes go).
sl_nextcomp() {
	while :; do
		case $SL_REM in
		/*) SL_REM=${SL_REM#/} ;;
		*) break ;;
		esac
	done
	case $SL_REM in
	*/*) SL_COMP=${SL_REM%%/*}; SL_REM=${SL_REM#*/} ;;
	*) SL_COMP=$SL_REM; SL_REM= ;;
	esac
}

# Resolves absolute host path $1 inside the root like realpath(3), sending a
# record for every canonical path it passes. Sets SL_CANON ("" on failure)
# and leaves ST_* describing the resolved object.
sl_canon() {
	SL_CANON=
	sl_prefetch "$1"
	SL_REM=$1
	cn_real=
	cn_links=0
	sl_node / || return 1
	while :; do
		sl_nextcomp
		[ -n "$SL_COMP" ] || break
		case $SL_COMP in
		.) continue ;;
		..) cn_real=${cn_real%/*}; continue ;;
		esac
		cn_cand=$cn_real/$SL_COMP
		sl_node "$cn_cand" || return 1
		if [ "$ST_T" = l ]; then
			[ -n "$ST_L" ] || return 1
			cn_links=$((cn_links + 1))
			if [ "$cn_links" -gt "$SL_MAX_LINKS" ]; then
				sl_skip symlink-loop "$1"
				return 1
			fi
			case $ST_L in
			/*) cn_real= ;;
			esac
			if [ -n "$SL_REM" ]; then
				SL_REM=$ST_L/$SL_REM
			else
				SL_REM=$ST_L
			fi
		else
			cn_real=$cn_cand
		fi
	done
	SL_CANON=${cn_real:-/}
	sl_node "$SL_CANON"
}

# Sends records for every prefix of host path $1 as named (lstat semantics:
# the prefix's own symlink is not followed) and for every canonical path they
# resolve through, so that a reader can compute realpath and the StrictModes
# walk from records alone. Sets SL_REAL (realpath, "" if unresolvable), WT
# (type of $1 itself, ! if missing) and RT/RS (type and size at SL_REAL).
sl_walk() {
	SL_REAL=
	WT=!
	RT=!
	RS=0
	if sl_badtext "$1"; then
		sl_skip badpath "$1"
		return 1
	fi
	case $1 in
	/*) ;;
	*) sl_skip relpath "$1"; return 1 ;;
	esac
	sl_prefetch "$1"
	wk_rem=$1
	wk_lit=
	wk_real=
	sl_node / || return 1
	WT=d
	while :; do
		SL_REM=$wk_rem
		sl_nextcomp
		wk_rem=$SL_REM
		[ -n "$SL_COMP" ] || break
		case $SL_COMP in
		.) continue ;;
		..) wk_lit=$wk_lit/..; wk_real=${wk_real%/*}; continue ;;
		esac
		wk_lit=$wk_lit/$SL_COMP
		wk_cand=$wk_real/$SL_COMP
		sl_node "$wk_cand"
		wk_ok=$?
		[ "$wk_lit" != "$wk_cand" ] && sl_send "$wk_lit"
		WT=$ST_T
		[ "$wk_ok" -eq 0 ] || return 1
		if [ "$ST_T" = l ]; then
			case $ST_L in
			'') return 1 ;;
			/*) wk_t=$ST_L ;;
			*) wk_t=$wk_real/$ST_L ;;
			esac
			sl_canon "$wk_t" || return 1
			wk_real=$SL_CANON
			[ "$wk_real" = / ] && wk_real=
		else
			wk_real=$wk_cand
		fi
	done
	SL_REAL=${wk_real:-/}
	RT=$ST_T
	RS=$ST_S
	return 0
}

# --- file contents ---------------------------------------------------------

# --- the spool ---------------------------------------------------------------
# Records are not streamed: the shell prints headers into segment files
# ($SL_T/s.N, its stdout) and a record's content stays in its own file
# ($SL_BLOB, $SL_T/b.N, written by the tool that made it); sl_flush then
# sends segments and contents in order with one cat to the real stdout (fd
# 9) — one process for many records instead of a cat per record.
# SL_CAT lists the finished files (names in $SL_T), SL_PIN those still read
# after being sent (not emptied by a flush). A record whose size no tool
# reported gets its header (h.N) only at the flush, from one `wc -c` over
# all such contents (SL_DEFER: their N), instead of a wc each; a file
# record is then counted against SL_MAX_BYTES with an upper bound
# (SL_PENDB) until the flush knows its size.

sl_spool_start() {
	exec 9>&1
	SL_SEG=1
	SL_CAT=
	SL_PIN=
	SL_SPOOLB=0
	SL_PENDB=0
	SL_DEFER=
	SL_BLOB=$SL_T/b.1
	exec >"$SL_T/s.1"
}

# Puts file $1 (in $SL_T, $2 bytes) after what was printed so far; with
# $3 and $4, after a header "$3 <size of $1> $4" (fields TAB-joined) that
# the flush writes. What was spooled before is sent first when it is large
# (64 contents or 4 MiB): never the file just put, which its caller may
# still read (and pin).
sl_emit() {
	if [ "$SL_SEG" -ge $((SL_SEGFLUSH + 64)) ] ||
	    [ $((SL_SPOOLB + $2)) -gt 4194304 ]; then
		sl_flush
	fi
	if [ $# -ge 4 ]; then
		SL_NREC=$((SL_NREC + 1))
		eval "SL_HA_$SL_SEG=\$3 SL_HB_$SL_SEG=\$4 SL_HF_$SL_SEG=\$1"
		SL_DEFER="$SL_DEFER $SL_SEG"
		SL_CAT="$SL_CAT s.$SL_SEG h.$SL_SEG ${1#"$SL_T/"}"
	else
		SL_CAT="$SL_CAT s.$SL_SEG ${1#"$SL_T/"}"
	fi
	SL_SEG=$((SL_SEG + 1))
	SL_BLOB=$SL_T/b.$SL_SEG
	exec >"$SL_T/s.$SL_SEG"
	SL_SPOOLB=$((SL_SPOOLB + $2))
}

# Writes the headers of the deferred records (one wc for all contents).
sl_headers() {
	fh_ifs=$IFS
	IFS=' '
	fh_names=
	fh_f=
	fh_a=
	fh_b=
	for fh_k in $SL_DEFER; do
		eval "fh_f=\$SL_HF_$fh_k"
		fh_names="$fh_names ${fh_f#"$SL_T/"}"
	done
	# shellcheck disable=SC2086 # simple names (noglob)
	(cd "$SL_T" && exec wc -c -- $fh_names) >"$SL_T/wc" 2>/dev/null
	# shellcheck disable=SC2086 # numbers (noglob)
	set -- $SL_DEFER
	IFS=$fh_ifs
	while [ $# -gt 0 ]; do
		eval "fh_f=\$SL_HF_$1 fh_a=\$SL_HA_$1 fh_b=\$SL_HB_$1"
		# wc prints its lines in argument order, then a total line.
		IFS= read -r fh_l || fh_l=
		fh_l=${fh_l#"${fh_l%%[! ]*}"}
		fh_n=${fh_l%%" "*}
		case $fh_l in
		*" ${fh_f#"$SL_T/"}") ;;
		*) fh_n= ;;
		esac
		case $fh_n in
		'' | *[!0-9]*) fh_n=$(wc -c <"$fh_f"); fh_n=${fh_n##*[!0-9]} ;;
		esac
		printf '%s\t%s\t%s\n' "$fh_a" "$fh_n" "$fh_b" >"$SL_T/h.$1"
		[ "$fh_a" = file ] && SL_BYTES=$((SL_BYTES + fh_n))
		unset "SL_HA_$1" "SL_HB_$1" "SL_HF_$1"
		shift
	done <"$SL_T/wc"
	SL_DEFER=
	SL_PENDB=0
}

# Sends every finished file of the spool, then empties it (but the pinned).
sl_flush() {
	[ -n "$SL_CAT" ] || return 0
	[ -z "$SL_DEFER" ] || sl_headers
	fs_ifs=$IFS
	IFS=' '
	# shellcheck disable=SC2086 # simple names (noglob)
	(cd "$SL_T" && exec cat -- $SL_CAT) >&9
	for fs_f in $SL_CAT; do
		case " $SL_PIN " in
		*" $fs_f "*) ;;
		*) : >"$SL_T/$fs_f" ;;
		esac
	done
	IFS=$fs_ifs
	SL_CAT=
	SL_SPOOLB=0
	SL_SEGFLUSH=$SL_SEG
}

# Sends the current segment too and prints to the real stdout again.
sl_spool_end() {
	SL_CAT="$SL_CAT s.$SL_SEG"
	exec >&9
	sl_flush
	exec 9>&-
}

# Keeps sent file $1 (in $SL_T) until the collector ends.
sl_pin() {
	SL_PIN="$SL_PIN ${1#"$SL_T/"}"
}

# Sets SL_SZ to the byte count in dd's report ($SL_T/dderr; GNU dd, and
# BusyBox dd with its third status line), else leaves it empty.
sl_ddsize() {
	SL_SZ=
	while IFS= read -r dz_l; do
		case $dz_l in
		[0-9]*" byte "* | [0-9]*" bytes "* | [0-9]*" bytes") ;;
		*) continue ;;
		esac
		dz_l=${dz_l%%" "*}
		case $dz_l in
		*[!0-9]*) ;;
		*) SL_SZ=$dz_l ;;
		esac
	done <"$SL_T/dderr"
}

# Sets SL_SZ to the size of file $1 unless it is set already.
sl_size() {
	[ -n "$SL_SZ" ] && return 0
	SL_SZ=$(wc -c <"$1")
	SL_SZ=${SL_SZ##*[!0-9]}
}

# True if file $1 (SL_SZ bytes, when known) holds "PRIVATE KEY-----". A
# small file is read by the shell, whose count of what it read must match
# SL_SZ (a NUL byte the shell drops makes it ask grep); else grep.
sl_haskey() {
	if [ -n "$SL_SZ" ] && [ "$SL_SZ" -le 2048 ]; then
		hk_n=0
		hk_k=1
		while :; do
			if IFS= read -r hk_l; then
				hk_n=$((hk_n + ${#hk_l} + 1))
			else
				hk_n=$((hk_n + ${#hk_l}))
				[ -n "$hk_l" ] || break
			fi
			case $hk_l in
			*"PRIVATE KEY-----"*) hk_k=0 ;;
			esac
		done <"$1" 2>/dev/null
		[ "$hk_n" -eq "$SL_SZ" ] && return "$hk_k"
	fi
	grep -a -q 'PRIVATE KEY-----' "$1"
}

# Sends $SL_BLOB (SL_SZ bytes, when known) as the content of host path $1
# with flags $2; SL_SENT names its file. Content of unknown size (a
# filter's output: at most 2 MiB) is sent with a deferred header while the
# byte limit cannot be reached even at that size; else its size is asked
# first (after a flush has settled the earlier ones) and checked exactly.
sl_sendblob() {
	SL_SENT=$SL_BLOB
	SL_SENTFLAG=$2
	if [ -z "$SL_SZ" ] &&
	    [ $((SL_BYTES + SL_PENDB + 2097152)) -le "$SL_MAX_BYTES" ]; then
		SL_PENDB=$((SL_PENDB + 2097152))
		sl_emit "$SL_BLOB" 65536 file "$2$SL_TAB$1"
		printf '\n'
		return 0
	fi
	if [ -n "$SL_DEFER" ] && { [ -z "$SL_SZ" ] ||
	    [ $((SL_BYTES + SL_PENDB + SL_SZ)) -gt "$SL_MAX_BYTES" ]; }; then
		sl_flush
	fi
	sl_size "$SL_BLOB"
	if [ $((SL_BYTES + SL_SZ)) -gt "$SL_MAX_BYTES" ]; then
		sl_skip limit-bytes "$1"
		return 1
	fi
	SL_BYTES=$((SL_BYTES + SL_SZ))
	sl_rec file "$SL_SZ" "$2" "$1"
	sl_emit "$SL_BLOB" "$SL_SZ"
	printf '\n'
}

# Field 2 of passwd/group/shadow lines becomes "" (empty), "!" (locked),
# "*" (no password) or "x" (some password); the hash itself never travels.
sl_filter_pw() {
	awk -F: 'BEGIN { OFS = ":" }
	NF < 2 { print ""; next }
	{
		p = $2
		if (p == "") q = ""
		else if (substr(p, 1, 1) == "!") q = "!"
		else if (substr(p, 1, 1) == "*") q = "*"
		else q = "x"
		$2 = q
		print
	}'
}

# The header of a private key: the BEGIN line, PEM "Name: value" header
# lines (Proc-Type, DEK-Info), and for openssh-key-v1 the cipher and KDF
# names decoded from the first base64 line (which holds no key material).
sl_filter_key() {
	awk 'function b64(c) {
		return index("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", c) - 1
	}
	function name(off,   len, i, c, s) {
		if (off + 4 > nb)
			return "?"
		len = b[off] * 16777216 + b[off + 1] * 65536 + b[off + 2] * 256 + b[off + 3]
		if (len < 1 || len > 32 || off + 4 + len > nb)
			return "?"
		s = ""
		for (i = off + 4; i < off + 4 + len; i++) {
			c = b[i]
			if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 || c == 46 || c == 64))
				return "?"
			s = s sprintf("%c", c)
		}
		nxt = off + 4 + len
		return s
	}
	{ sub(/\r$/, "") }
	NR == 1 {
		if ($0 !~ /^-----BEGIN [A-Z0-9 ]+-----$/)
			exit
		print
		ossh = ($0 == "-----BEGIN OPENSSH PRIVATE KEY-----")
		next
	}
	ossh {
		nb = 0
		acc = 0
		bits = 0
		for (i = 1; i <= length($0); i++) {
			v = b64(substr($0, i, 1))
			if (v < 0)
				break
			acc = acc * 64 + v
			bits += 6
			if (bits >= 8) {
				bits -= 8
				p = 1
				for (j = 0; j < bits; j++)
					p *= 2
				b[nb++] = int(acc / p)
				acc = acc % p
			}
		}
		magic = "111 112 101 110 115 115 104 45 107 101 121 45 118 49 0"
		m = ""
		for (i = 0; i < 15 && i < nb; i++)
			m = m (i ? " " : "") b[i]
		if (m != magic) {
			print "Format: unknown"
			exit
		}
		print "Format: openssh-key-v1"
		c = name(15)
		print "Cipher: " c
		if (c != "?")
			print "KDF: " name(nxt)
		exit
	}
	NR <= 8 && /^[A-Za-z][A-Za-z0-9-]*: / { print; next }
	{ exit }'
}

sl_filter_synoinfo() {
	grep -E "^($SL_SYNOINFO_KEYS)=" || :
}

# Sends the content of host path $1 (a file record, or nofile). $2 is how:
# plain, pw (password field hidden), key (private key header only),
# synoinfo (audit keys only). SL_SENT names the file sent. Returns 1 when
# nothing was sent.
sl_file() {
	if [ "${#1}" -gt "$SL_MAX_PATH" ]; then
		sl_skip longpath "$1"
		return 1
	fi
	case $1 in
	/*) sl_norm "$1"; set -- "$SL_NORM" "$2" ;;
	esac
	sl_bucket_get "$1" F && return 1
	if [ "$SL_NFILES" -ge "$SL_MAX_FILES" ]; then
		[ "$SL_NFILES" -eq "$SL_MAX_FILES" ] && sl_skip limit-files "$1"
		SL_NFILES=$((SL_NFILES + 1))
		return 1
	fi
	if ! sl_walk "$1"; then
		sl_badtext "$1" && return 1
		case $WT in
		!) fl_e=${ST_E:-ENOENT} ;;
		*) fl_e=ENOENT ;;	# a dangling symlink
		esac
		[ "$fl_e" = EACCES ] || fl_e=ENOENT
		sl_bucket_add F "$1" "$SL_NL$1$SL_TAB"
		sl_rec nofile "$fl_e" "$1"
		return 1
	fi
	sl_bucket_add F "$1" "$SL_NL$1$SL_TAB"
	SL_NFILES=$((SL_NFILES + 1))
	fl_real=$SL_ROOT$SL_REAL
	if [ "$RT" != f ]; then
		sl_rec nofile EIO "$1"
		return 1
	fi
	if [ ! -r "$fl_real" ]; then
		sl_rec nofile EACCES "$1"
		return 1
	fi
	fl_flag=-
	[ "$RS" -gt "$SL_MAX_FILE" ] && fl_flag=t
	fl_cnt=$((SL_MAX_FILE / 65536))
	# Whatever a name says, secrets stay here: a file that IS a password
	# database (authorized_keys -> /etc/shadow) is sent without the hashes,
	# one that holds a private key (authorized_keys -> ~/.ssh/id_rsa) only
	# as a key header.
	case $SL_REAL in
	/etc/shadow | /etc/shadow- | /etc/gshadow | /etc/gshadow- | /etc/master.passwd)
		set -- "$1" pw ;;
	esac
	SL_SZ=
	if [ "$2" = plain ]; then
		dd if="$fl_real" bs=65536 count="$fl_cnt" 2>"$SL_T/dderr" \
		    >"$SL_BLOB"
		sl_ddsize
		if sl_haskey "$SL_BLOB"; then
			set -- "$1" key
			SL_SZ=
		fi
	fi
	case $2 in
	pw)
		dd if="$fl_real" bs=65536 count="$fl_cnt" 2>/dev/null |
			sl_filter_pw >"$SL_BLOB"
		;;
	synoinfo)
		dd if="$fl_real" bs=65536 count="$fl_cnt" 2>/dev/null |
			sl_filter_synoinfo >"$SL_BLOB"
		fl_flag=-
		;;
	key)
		dd if="$fl_real" bs=65536 count=1 2>/dev/null |
			sl_filter_key >"$SL_BLOB"
		fl_flag=t
		;;
	esac
	if [ ! -f "$SL_BLOB" ]; then
		sl_rec nofile EIO "$1"
		return 1
	fi
	sl_sendblob "$1" "$fl_flag"
}

# --- helpers for sshd_config -----------------------------------------------

# Prints every value word of keyword $2 (lower case) in config file $1, one
# per line; double quotes are dropped, a word starting with # ends the line.
# With $1 "-": $2 is a list of keywords and each one's words go, without
# repeats, to its own file (in order $3 ...), from the config files after.
sl_cfg_words() {
	if [ "$1" = - ]; then
		cw_kws=$2
		shift 2
		cw_outs=
		for cw_k in $cw_kws; do
			: "$cw_k" >"$1"
			cw_outs="$cw_outs$1$SL_NL"
			shift
		done
	else
		cw_kws=$2
		cw_outs=
		set -- "$1"
	fi
	awk -v kws="$cw_kws" -v outs="$cw_outs" 'BEGIN {
		nk = split(kws, kl, " ")
		split(outs, ol, "\n")
		for (i = 1; i <= nk; i++)
			out[kl[i]] = ol[i]
	}
	{
		sub(/\r$/, "")
		sub(/^[ \t]+/, "")
		if ($0 == "" || substr($0, 1, 1) == "#")
			next
		k = $0
		sub(/[ \t=].*/, "", k)
		k = tolower(k)
		if (!(k in out))
			next
		rest = substr($0, length(k) + 1)
		sub(/^[ \t]*=?[ \t]*/, "", rest)
		n = split(rest, w, /[ \t]+/)
		for (i = 1; i <= n; i++) {
			x = w[i]
			if (substr(x, 1, 1) == "#")
				break
			gsub(/"/, "", x)
			if (x == "")
				continue
			if (out[k] == "")
				print x
			else if (!((k, x) in seen)) {
				seen[k, x] = 1
				print x > out[k]
			}
		}
	}' "$@"
}

# Expands Include pattern $1 inside the root (relative to /etc/ssh, globs
# sorted) and appends the matching host paths to file $2, one per line.
# (Records go to stdout, so the list never does.)
sl_include_glob() {
	case $1 in
	/*) ig_p=$1 ;;
	*) ig_p=/etc/ssh/$1 ;;
	esac
	ig_dir=${ig_p%/*}
	ig_base=${ig_p##*/}
	case $ig_base in
	*[][*?]*) ;;
	*) printf '%s\n' "$ig_p" >>"$2"; return 0 ;;
	esac
	case $ig_dir in
	*[][*?]*) sl_skip glob-dir "$1"; return 0 ;;
	esac
	sl_canon "${ig_dir:-/}" || return 0
	[ "$ST_T" = d ] || return 0
	ig_real=$SL_ROOT$SL_CANON
	[ "$SL_CANON" = / ] && ig_real=$SL_ROOT
	ig_ifs=$IFS
	IFS=
	set +f
	for ig_m in "$ig_real"/$ig_base; do
		[ -e "$ig_m" ] || [ -L "$ig_m" ] || continue
		printf '%s\n' "$ig_dir/${ig_m#"$ig_real"/}" >>"$2"
	done
	set -f
	IFS=$ig_ifs
}

# Sends sshd_config and every file its Include lines name, depth first in
# rounds (one per nesting level). Lists the files sent in SL_CFGS.
sl_configs() {
	cf_depth=0
	cf_q=$SL_T/q.0
	printf '%s\n' "$1" >"$cf_q"
	while [ -s "$cf_q" ] && [ "$cf_depth" -le "$SL_MAX_DEPTH" ]; do
		cf_qn=$SL_T/q.$(((cf_depth + 1) % 2))
		: >"$cf_qn"
		while IFS= read -r cf_p <&3; do
			if sl_badtext "$cf_p"; then
				continue
			fi
			if [ "$SL_NCFG" -ge "$SL_MAX_CONFIGS" ]; then
				sl_skip limit-configs "$cf_p"
				break
			fi
			sl_file "$cf_p" plain || continue
			SL_NCFG=$((SL_NCFG + 1))
			sl_pin "$SL_SENT"
			SL_CFGS=$SL_CFGS$SL_NL$SL_SENT
			sl_cfg_words "$SL_SENT" include >"$SL_T/inc"
			while IFS= read -r cf_i <&4; do
				sl_include_glob "$cf_i" "$cf_qn"
			done 4<"$SL_T/inc"
		done 3<"$cf_q"
		cf_q=$cf_qn
		cf_depth=$((cf_depth + 1))
	done
	[ -s "$cf_q" ] && sl_skip limit-depth "$1"
	# All values of AuthorizedKeysFile and HostKey across every config
	# file, without repeats: one awk over all of them.
	cf_ifs=$IFS
	IFS=$SL_NL
	# shellcheck disable=SC2086 # one path per line (noglob)
	set -- $SL_CFGS
	IFS=$cf_ifs
	[ $# -gt 0 ] || set -- /dev/null
	sl_cfg_words - "authorizedkeysfile hostkey" "$SL_T/akf" "$SL_T/hostkeys" \
	    "$@"
}

# Expands the %-tokens of AuthorizedKeysFile value $1 for user $2 (uid $3,
# home $4) into SL_EXP; relative results are relative to the home.
sl_expand() {
	ex_in=$1
	SL_EXP=
	while :; do
		case $ex_in in
		*%*) ;;
		*) SL_EXP=$SL_EXP$ex_in; break ;;
		esac
		SL_EXP=$SL_EXP${ex_in%%"%"*}
		ex_in=${ex_in#*"%"}
		case $ex_in in
		%*) SL_EXP=$SL_EXP% ;;
		h*) SL_EXP=$SL_EXP$4 ;;
		u*) SL_EXP=$SL_EXP$2 ;;
		U*) SL_EXP=$SL_EXP$3 ;;
		*) return 1 ;;
		esac
		ex_in=${ex_in#?}
	done
	case $SL_EXP in
	/*) ;;
	*) SL_EXP=${4%/}/$SL_EXP ;;
	esac
}

# Sends the .ssh files of a directory (host path $1): id_* private keys
# (header only) and *.pub (content).
sl_keydir() {
	sl_walk "$1" || return 0
	[ "$RT" = d ] || return 0
	kd_real=$SL_ROOT$SL_REAL
	[ "$SL_REAL" = / ] && kd_real=$SL_ROOT
	kd_dir=${1%/}
	kd_list=
	: >"$SL_T/keys"
	set +f
	for kd_m in "$kd_real"/id_* "$kd_real"/*.pub; do
		[ -e "$kd_m" ] || [ -L "$kd_m" ] || continue
		kd_n=${kd_m#"$kd_real"/}
		if sl_badtext "$kd_n"; then
			sl_skip badpath "$kd_dir/$kd_n"
		fi
	done
	# One sorted glob gives the union of both patterns in byte order
	# (LC_ALL=C), as sort -u would, without running it.
	for kd_m in "$kd_real"/*; do
		kd_n=${kd_m#"$kd_real"/}
		case $kd_n in
		id_* | *.pub) ;;
		*) continue ;;
		esac
		[ -e "$kd_m" ] || [ -L "$kd_m" ] || continue
		sl_badtext "$kd_n" && continue
		printf '%s\n' "$kd_n" >>"$SL_T/keys"
		kd_list=$kd_list$SL_NL${SL_REAL%/}/$kd_n
	done
	set -f
	kd_ifs=$IFS
	IFS=$SL_NL
	# shellcheck disable=SC2086 # one path per line (noglob)
	sl_prefetch_list $kd_list
	IFS=$kd_ifs
	while IFS= read -r kd_n <&5; do
		case $kd_n in
		*.pub) sl_file "$kd_dir/$kd_n" plain ;;
		*) sl_file "$kd_dir/$kd_n" key ;;
		esac
	done 5<"$SL_T/keys"
}

# --- collection ------------------------------------------------------------

sl_meta() {
	if sl_badtext "$2" || [ "${#2}" -gt 1024 ]; then
		sl_skip badmeta "$1"
	else
		sl_rec meta "$1" "$2"
	fi
}

# Sets ov_v to the first OpenSSH_<digits and dots>p<digits> in file $1 (at
# most 64 KiB), as `grep -o ... | head -n 1` would find it.
sl_sshd_version() {
	while IFS= read -r sv_l || [ -n "$sv_l" ]; do
		while :; do
			case $sv_l in
			*OpenSSH_*) ;;
			*) break ;;
			esac
			sv_l=${sv_l#*OpenSSH_}
			sv_n=${sv_l%%[!0-9.]*}
			case $sv_n in
			[0-9]*) ;;
			*) continue ;;
			esac
			sv_p=${sv_l#"$sv_n"}
			case $sv_p in
			p[0-9]*) ;;
			*) continue ;;
			esac
			sv_p=${sv_p#p}
			ov_v=OpenSSH_${sv_n}p${sv_p%%[!0-9]*}
			return 0
		done
		sv_l=
	done <"$1"
}

# Finds the OpenSSH version: sshd -V / ssh -V on a live system, else the
# version string inside the sshd binary.
sl_openssh_version() {
	ov_v=
	if [ -z "$SL_ROOT_MODE" ] && [ -n "$SL_SSHD" ]; then
		# One run: its output is also the "sshd -V" cmd record.
		SL_SSHDV=$SL_T/sshdv
		if [ -n "$SL_ULIM" ]; then
			sl_capped 65536 "$SL_SSHD" -V >"$SL_SSHDV" 2>&1
			SL_SSHDV_ST=$?
			sl_sshd_version "$SL_SSHDV"
		else
			"$SL_SSHD" -V >"$SL_SSHDV" 2>&1 9>&-
			SL_SSHDV_ST=$?
			ov_v=$(tr -c 'A-Za-z0-9_.\n' ' ' <"$SL_SSHDV" |
				grep -o 'OpenSSH_[0-9][0-9.]*p[0-9][0-9]*' | head -n 1)
		fi
	fi
	if [ -z "$ov_v" ]; then
		for ov_b in /usr/bin/sshd /usr/sbin/sshd; do
			sl_canon "$ov_b" || continue
			[ "$ST_T" = f ] || continue
			ov_v=$(tr -c 'A-Za-z0-9_.' '\n' <"$SL_ROOT$SL_CANON" |
				sed -n '/OpenSSH_[0-9][0-9.]*p[0-9]/{
				s/^.*\(OpenSSH_[0-9][0-9.]*p[0-9][0-9]*\).*$/\1/p
				q
				}')
			[ -n "$ov_v" ] && break
		done
	fi
	if [ -z "$ov_v" ] && [ -z "$SL_ROOT_MODE" ]; then
		ov_v=$(ssh -V 2>&1 | tr -c 'A-Za-z0-9_.\n' ' ' |
			grep -o 'OpenSSH_[0-9][0-9.]*\(p[0-9][0-9]*\)*' | head -n 1)
	fi
	[ -n "$ov_v" ] && sl_meta openssh_version "$ov_v"
}

sl_hostname() {
	hn=${SL_OPT_HOSTNAME:-${SL_HOSTNAME:-}}
	if [ -z "$hn" ] && [ -z "$SL_ROOT_MODE" ]; then
		# uname -n is this file on Linux (per UTS namespace).
		IFS= read -r hn 2>/dev/null </proc/sys/kernel/hostname ||
			hn=$(uname -n 2>/dev/null)
	fi
	if [ -z "$hn" ] && [ -n "$SL_ROOT_MODE" ] && sl_canon /etc/hostname &&
	    [ "$ST_T" = f ]; then
		hn=$(head -n 1 "$SL_ROOT$SL_CANON" | tr -d ' \t\r')
	fi
	[ -n "$hn" ] && sl_meta hostname "$hn"
}

# cmd record: $1 name, $2 status, content in $SL_BLOB.
sl_cmd() {
	sl_cmdfile "$1" "$2" "$SL_BLOB"
}

# cmd record: $1 name, $2 status, content in file $3 (in $SL_T).
sl_cmdfile() {
	sl_emit "$3" 65536 cmd "$2$SL_TAB$1"
	printf '\n'
}

# Runs TOOL ARGS... (stdout, at most SL_MAX_CMD bytes) and sends it as cmd
# record $1. A tool that is not installed gets STATUS -1 and no output.
sl_run() {
	rn_name=$1
	shift
	if ! command -v "$1" >/dev/null 2>&1; then
		: >"$SL_BLOB"
		sl_cmd "$rn_name" -1
		return 0
	fi
	if [ -n "$SL_ULIM" ]; then
		sl_capped "$SL_MAX_CMD" "$@" >"$SL_BLOB" 2>/dev/null
		rn_st=$?
	else
		"$@" >"$SL_T/out" 2>/dev/null 9>&-
		rn_st=$?
		dd if="$SL_T/out" bs=4096 count=$((SL_MAX_CMD / 4096)) \
		    2>/dev/null >"$SL_BLOB"
	fi
	[ "$rn_st" -le 255 ] || rn_st=255
	sl_cmd "$rn_name" "$rn_st"
}

# DSM's own view of the box, from its tools (live system only: a --root
# tree runs no DSM). Version-dependent: DSM 7 manages sshd with systemd
# (synosystemctl), DSM 6 with upstart (synoservicectl). The web API needs
# root; without it the facts fall back to /etc/synoinfo.conf. Listening
# sockets come from /proc/net/tcp{,6} (header and LISTEN lines only).
sl_dsm() {
	[ -z "$SL_ROOT_MODE" ] || return 0
	for dm_f in tcp tcp6; do
		[ -r "/proc/net/$dm_f" ] || continue
		if [ -n "$SL_ULIM" ]; then
			# shellcheck disable=SC2016 # an awk program
			sl_capped "$SL_MAX_CMD" awk 'NR == 1 || $4 == "0A"' \
			    "/proc/net/$dm_f" >"$SL_BLOB" 2>/dev/null
		else
			awk 'NR == 1 || $4 == "0A"' "/proc/net/$dm_f" 2>/dev/null |
				dd bs=4096 count=$((SL_MAX_CMD / 4096)) 2>/dev/null \
				>"$SL_BLOB"
		fi
		sl_cmd "listen /proc/net/$dm_f" 0
	done
	[ -f /etc.defaults/VERSION ] || return 0
	if [ -r /proc/sys/kernel/syno_hw_version ]; then
		sl_run "cat /proc/sys/kernel/syno_hw_version" \
		    cat /proc/sys/kernel/syno_hw_version
	fi
	dm_major=
	if [ -n "$SL_VERSIONF" ]; then
		# The whole file as sent (at most 1 MiB), read by the shell.
		while IFS= read -r dm_l || [ -n "$dm_l" ]; do
			case $dm_l in
			majorversion=*) ;;
			*) dm_l=; continue ;;
			esac
			dm_l=${dm_l#majorversion=}
			dm_l=${dm_l#\"}
			dm_major=${dm_l%%[!0-9]*}
			break
		done <"$SL_VERSIONF"
	else
		dm_major=$(sed -n 's/^majorversion="\{0,1\}\([0-9]*\).*/\1/p' \
		    /etc.defaults/VERSION 2>/dev/null | head -n 1)
	fi
	if [ "${dm_major:-0}" -ge 7 ]; then
		sl_run "synosystemctl is-active sshd.service" \
		    synosystemctl is-active sshd.service
	else
		sl_run "synoservicectl --status sshd" synoservicectl --status sshd
	fi
	[ "$SL_UID" = 0 ] || return 0
	dm_w=synowebapi
	sl_run "synowebapi SYNO.Core.Security.AutoBlock get" $dm_w --exec \
	    api=SYNO.Core.Security.AutoBlock method=get version=1
	sl_run "synowebapi SYNO.Core.Security.AutoBlock.Rules list allow" \
	    $dm_w --exec api=SYNO.Core.Security.AutoBlock.Rules method=list \
	    version=1 offset=0 limit=-1 'type="allow"'
	sl_run "synowebapi SYNO.Core.Terminal get" $dm_w --exec \
	    api=SYNO.Core.Terminal method=get version=1
	sl_run "synowebapi SYNO.Core.FileServ.FTP.SFTP get" $dm_w --exec \
	    api=SYNO.Core.FileServ.FTP.SFTP method=get version=1
	sl_run "synowebapi SYNO.Core.FileServ.Rsync get" $dm_w --exec \
	    api=SYNO.Core.FileServ.Rsync method=get version=1
}

sl_users() {
	us_n=0
	while IFS=: read -r us_u us_pw us_uid us_gid us_gecos us_h us_sh <&6; do
		case $us_h in
		/*) ;;
		*) continue ;;
		esac
		us_n=$((us_n + 1))
		if [ "$us_n" -gt "$SL_MAX_USERS" ]; then
			sl_skip limit-users "$us_u"
			break
		fi
		sl_walk "$us_h"
		[ "$RT" = d ] || continue
		us_r=${SL_REAL%/}
		case $us_r in
		*/..* | */.) ;;
		*) sl_prefetch_list "$us_r/.ssh" "$us_r/.ssh/authorized_keys" \
		    "$us_r/.ssh/authorized_keys2" "$us_r/.ssh/known_hosts" ;;
		esac
		us_hd=${us_h%/}
		sl_walk "$us_hd/.ssh"
		sl_file "$us_hd/.ssh/authorized_keys" plain
		sl_file "$us_hd/.ssh/authorized_keys2" plain
		sl_file "$us_hd/.ssh/known_hosts" plain
		while IFS= read -r us_a <&7; do
			[ "$us_a" = none ] && continue
			sl_expand "$us_a" "$us_u" "$us_uid" "$us_h" || continue
			sl_file "$SL_EXP" plain
		done 7<"$SL_T/akf"
		sl_keydir "$us_hd/.ssh"
	done 6<"$SL_PASSWD"
	: "$us_pw" "$us_gid" "$us_gecos" "$us_sh"
}

sl_hostkeys() {
	sl_walk /etc/ssh
	if sl_canon /etc/ssh && [ "$ST_T" = d ]; then
		hk_real=$SL_ROOT$SL_CANON
		: >"$SL_T/hk"
		set +f
		for hk_m in "$hk_real"/ssh_host_*; do
			[ -e "$hk_m" ] || [ -L "$hk_m" ] || continue
			hk_n=${hk_m#"$hk_real"/}
			if sl_badtext "$hk_n"; then
				sl_skip badpath "/etc/ssh/$hk_n"
				continue
			fi
			printf '/etc/ssh/%s\n' "$hk_n" >>"$SL_T/hk"
		done
		set -f
	fi
	while IFS= read -r hk_p <&5; do
		case $hk_p in
		/*) ;;
		*) hk_p=/etc/ssh/$hk_p ;;
		esac
		printf '%s\n%s.pub\n' "$hk_p" "$hk_p" >>"$SL_T/hk"
	done 5<"$SL_T/hostkeys"
	hk_list=
	while IFS= read -r hk_p <&5; do
		hk_list=$hk_list$SL_NL$hk_p
	done 5<"$SL_T/hk"
	hk_ifs=$IFS
	IFS=$SL_NL
	# shellcheck disable=SC2086 # one path per line (noglob)
	sl_prefetch_list $hk_list
	IFS=$hk_ifs
	while IFS= read -r hk_p <&5; do
		case $hk_p in
		*.pub) sl_file "$hk_p" plain ;;
		*) sl_file "$hk_p" key ;;
		esac
	done 5<"$SL_T/hk"
}

sl_main() {
	SL_ROOT=
	SL_ROOT_MODE=
	SL_OPT_HOSTNAME=
	SL_SESSION=
	while [ $# -gt 0 ]; do
		case $1 in
		--root)
			[ $# -ge 2 ] || sl_die "--root needs a directory"
			SL_ROOT_MODE=1
			SL_ROOT=$2
			shift 2
			;;
		--session)
			[ $# -ge 2 ] || sl_die "--session needs a name"
			SL_SESSION=$2
			shift 2
			;;
		--hostname)
			[ $# -ge 2 ] || sl_die "--hostname needs a name"
			SL_OPT_HOSTNAME=$2
			shift 2
			;;
		--) shift ;;
		*) sl_die "usage: collector.sh [--root DIR] [--session NAME] [--hostname NAME]" ;;
		esac
	done
	if [ -n "$SL_ROOT_MODE" ]; then
		[ -d "$SL_ROOT" ] || sl_die "--root: not a directory: $SL_ROOT"
		SL_ROOT_GIVEN=$SL_ROOT
		SL_ROOT=$(cd -P -- "$SL_ROOT" && pwd -P) ||
			sl_die "--root: cannot enter $SL_ROOT_GIVEN"
		SL_ROOT=${SL_ROOT%/}
		SL_SESSION=${SL_SESSION:-root}
	fi
	SL_SESSION=${SL_SESSION:-local}

	SL_NREC=0
	SL_NSTAT=0
	SL_NFILES=0
	SL_NCFG=0
	SL_BYTES=0
	SL_LS_ACL=-
	SL_LSBATCH=
	SL_LSQ=
	# GNU ls shows a "+" for an ACL; BusyBox ls never does (unknown then).
	# Both can list many paths at once one line each (sl_lsbatch).
	case $(ls --version 2>&1) in
	*"GNU coreutils"*) SL_LS_ACL=0; SL_LSBATCH=1; SL_LSQ=-q ;;
	*BusyBox*) SL_LSBATCH=1 ;;
	esac
	# ulimit -f counts 512-byte blocks (POSIX), 1024-byte ones in bash
	# outside POSIX mode; SL_ULIM empty: no usable ulimit -f, dd bounds.
	SL_ULIM=512
	if [ -n "${BASH_VERSION-}" ]; then
		# shellcheck disable=SC3028 # bash only
		case ${SHELLOPTS-} in
		*posix*) ;;
		*) SL_ULIM=1024 ;;
		esac
	fi
	(ulimit -f 128) 2>/dev/null || SL_ULIM=
	SL_SYNOACL=
	for sa in /usr/syno/bin/synoacltool "$(command -v synoacltool 2>/dev/null)"; do
		if [ -n "$sa" ] && [ -x "$sa" ]; then
			SL_SYNOACL=$sa
			break
		fi
	done
	SL_GETFACL=
	if [ -z "$SL_SYNOACL" ] && [ "$SL_LS_ACL" = 0 ]; then
		SL_GETFACL=$(command -v getfacl 2>/dev/null) || SL_GETFACL=
	fi
	SL_ACLPEND=
	SL_ACLCMD=
	SL_NACL=0
	SL_SSHD=
	for sd in /usr/bin/sshd /usr/sbin/sshd /usr/local/sbin/sshd; do
		if [ -x "$sd" ]; then
			SL_SSHD=$sd
			break
		fi
	done
	SL_UID=
	# id -u without a process: the effective uid from /proc when there.
	[ -r /proc/self/status ] && while read -r ui_k ui_r ui_e ui_rest; do
		[ "$ui_k" = Uid: ] && SL_UID=$ui_e && break
	done </proc/self/status
	: "${ui_r:-}" "${ui_rest:-}"
	case $SL_UID in
	'' | *[!0-9]*) SL_UID=$(id -u) ;;
	esac

	umask 077
	SL_T=$(mktemp -d "${TMPDIR:-/tmp}/synolint.XXXXXX") ||
		sl_die "cannot create a temporary directory"
	trap 'rm -rf "$SL_T"' EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM

	SL_CFGS=
	SL_SEGFLUSH=0
	sl_spool_start
	printf 'synolint-bundle\t1\n'
	sl_meta collector_version "$SL_COLLECTOR_VERSION"
	sl_meta session "$SL_SESSION"
	[ -n "$SL_ROOT_MODE" ] &&
		sl_meta root "${SL_ROOT_LABEL:-$SL_ROOT_GIVEN}"
	sl_meta uid "$SL_UID"
	# The paths every collection looks at, with one ls.
	sl_prefetch_list / /etc /etc/hostname /usr /usr/bin /usr/bin/sshd \
	    /usr/sbin /usr/sbin/sshd /etc/passwd /etc/group /etc/shadow \
	    /etc/synoinfo.conf /etc.defaults /etc.defaults/VERSION /etc/ssh \
	    /etc/ssh/sshd_config /etc.defaults/ssh \
	    /etc.defaults/ssh/sshd_config /root /root/.ssh \
	    /root/.ssh/authorized_keys /root/.ssh/authorized_keys2 \
	    /root/.ssh/known_hosts /var /var/services /var/services/homes
	[ -z "${SOURCE_DATE_EPOCH:-}" ] &&
		sl_meta time "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	sl_hostname
	sl_openssh_version

	: >"$SL_T/passwd"
	SL_PASSWD=$SL_T/passwd
	if sl_file /etc/passwd pw; then
		SL_PASSWD=$SL_SENT
		sl_pin "$SL_SENT"
	fi
	sl_file /etc/group pw
	sl_file /etc/shadow pw
	sl_file /etc/synoinfo.conf synoinfo
	SL_VERSIONF=
	if sl_file /etc.defaults/VERSION plain && [ -z "$SL_ROOT_MODE" ] &&
	    [ "$SL_SENTFLAG" = - ]; then
		SL_VERSIONF=$SL_SENT
		sl_pin "$SL_SENT"
	fi
	sl_configs /etc/ssh/sshd_config
	sl_file /etc.defaults/ssh/sshd_config plain
	sl_hostkeys
	sl_walk /root
	sl_walk /root/.ssh
	sl_users_prefetch
	sl_users
	sl_walk /var/services/homes
	sl_dsm

	if [ -z "$SL_ROOT_MODE" ] && [ -n "$SL_SSHD" ]; then
		sl_cmdfile "sshd -V" "$SL_SSHDV_ST" "$SL_SSHDV"
		if [ "$SL_UID" = 0 ]; then
			if [ -n "$SL_ULIM" ]; then
				sl_capped 1048576 "$SL_SSHD" -T >"$SL_BLOB" 2>/dev/null
				mn_st=$?
			else
				"$SL_SSHD" -T >"$SL_T/out" 2>/dev/null 9>&-
				mn_st=$?
				dd if="$SL_T/out" bs=65536 count=16 2>/dev/null \
				    >"$SL_BLOB"
			fi
			sl_cmd "sshd -T" "$mn_st"
		fi
	fi
	printf 'end\t%s\n' "$SL_NREC"
	sl_spool_end
}

LC_ALL=C
export LC_ALL
unset QUOTING_STYLE LS_COLORS CDPATH
PATH=$PATH:/usr/syno/sbin:/usr/syno/bin:/usr/sbin:/usr/bin:/sbin:/bin
set -f
sl_main "$@" </dev/null; exit $?
