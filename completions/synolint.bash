# synolint.bash - bash completion for synolint(1): commands (from
# `synolint --help`), the options of each command (read from `synolint CMD -h`, so they cannot drift), rule ids
# (from `synolint rules`), hosts (from ~/.ssh/config), files and directories.

_synolint_hosts()
{
	local cfg=${SYNOLINT_SSH_CONFIG:-$HOME/.ssh/config}
	[ -r "$cfg" ] || return 0
	awk 'tolower($1) == "host" { for (i = 2; i <= NF; i++)
		if ($i !~ /[*?!]/) print $i }' "$cfg"
}

_synolint()
{
	local cur prev cmd i words_opts
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	local prog=${COMP_WORDS[0]}

	# The commands, from the program's own --help.
	local cmds
	cmds=$("$prog" --help 2>/dev/null |
	    awk '/^Commands:/ {f = 1; next} /^$/ {f = 0} f {printf "%s ", $1}')
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ " $cmds " == *" ${COMP_WORDS[i]} "* ]]; then
			cmd=${COMP_WORDS[i]}; break
		fi
	done

	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "-v --verbose -q --quiet --config --no-config --version -h --help" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$cmds" -- "$cur")
		fi
		return 0
	fi

	case $prev in
	--bundle|--inventory|--waivers|-i|--identity|-F|--ssh-config|--known-hosts|-o|--output|--config|--fix-script)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return 0 ;;
	--root|--rules)
		mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return 0 ;;
	--fail-on)
		mapfile -t COMPREPLY < <(compgen -W "info low medium high critical" -- "$cur"); return 0 ;;
	--color)
		mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur"); return 0 ;;
	--profile)
		mapfile -t COMPREPLY < <(compgen -W "home business internet" -- "$cur"); return 0 ;;
	--format)
		if [ "$cmd" = merge ]; then fmts="json sarif junit"; else fmts="text json dot"; fi
		mapfile -t COMPREPLY < <(compgen -W "$fmts" -- "$cur"); return 0 ;;
	--report)
		mapfile -t COMPREPLY < <(compgen -W "text junit sarif json html" -- "$cur"); return 0 ;;
	--only|--skip)
		mapfile -t COMPREPLY < <(compgen -W "$("$prog" rules 2>/dev/null | awk '{print $1}')" -- "$cur")
		return 0 ;;
	-j|--jobs|-p|--port|--timeout|--openssh-version|-l|--login|-C|--match)
		return 0 ;;
	esac

	if [[ $cur == -* ]]; then
		words_opts=$("$prog" "$cmd" -h 2>/dev/null |
		    sed -n '/^Options:/,/^$/p' | cut -c1-33 | grep -oE -- '--?[a-zA-Z][-a-zA-Z]*' )
		mapfile -t COMPREPLY < <(compgen -W "$words_opts" -- "$cur")
	elif [ "$cmd" = rules ] || [ "$cmd" = explain ]; then
		mapfile -t COMPREPLY < <(compgen -W "$("$prog" rules 2>/dev/null | awk '{print $1}')" -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -W "$(_synolint_hosts)" -- "$cur")
	fi
	return 0
}
complete -F _synolint synolint
