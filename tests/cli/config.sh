#!/bin/sh
# config.sh — the configuration files: which are read (system, user by
# XDG_CONFIG_HOME or HOME, --config, $SYNOLINT_CONFIG, --no-config), the
# precedence flag > user > system > default for every key, and file:line
# errors with exit 2.
. "$(dirname "$0")/lib.sh"
B=$SRC/examples/seed-remote.bundle
H=$SRC/examples/hardened.bundle
cd "$T" || exit 1
mkdir -p home/.config/synolint xdg/synolint etc
export HOME="$T/home"
unset XDG_CONFIG_HOME SYNOLINT_CONFIG
export SYNOLINT_SYSTEM_CONFIG="$T/etc/config"
USER_CFG=$T/home/.config/synolint/config
XDG_CFG=$T/xdg/synolint/config

# fail_on of the JSON report written by the run: which setting won
failon() { /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["fail_on"])' "$1"; }

# default: low, nothing read
expect_exit 1 "no config: default fail-on low" -- "$SL" scan --bundle "$B" --report json:r.json
[ "$(failon r.json)" = low ] && ok || bad "default fail-on is $(failon r.json)"
# system
printf '# system-wide defaults\nfail-on = medium\n\nreport = json:r.json\n' >etc/config
expect_exit 1 "system config" -- "$SL" scan --bundle "$B"
[ "$(failon r.json)" = medium ] && ok || bad "system fail-on not used: $(failon r.json)"
# user over system (HOME/.config)
printf 'fail-on = high\n' >"$USER_CFG"
expect_exit 1 "user config over system" -- "$SL" scan --bundle "$B"
[ "$(failon r.json)" = high ] && ok || bad "user fail-on not used: $(failon r.json)"
# XDG_CONFIG_HOME wins over HOME/.config
printf 'fail-on = critical\n' >"$XDG_CFG"
XDG_CONFIG_HOME=$T/xdg expect_exit 0 "XDG_CONFIG_HOME" -- "$SL" scan --bundle "$B"
[ "$(failon r.json)" = critical ] && ok || bad "XDG config not used: $(failon r.json)"
# flag over user over system
expect_exit 1 "flag over config" -- "$SL" scan --bundle "$B" --fail-on info
[ "$(failon r.json)" = info ] && ok || bad "flag did not win: $(failon r.json)"
# a list key: flags replace the configured reports
expect_exit 1 "--report replaces configured reports" -- "$SL" scan --bundle "$B" --report json:flag.json
[ -s flag.json ] && ok || bad "flag report not written"
rm -f r.json
expect_exit 1 "configured report unused when flags give one" -- "$SL" scan --bundle "$B" --report json:flag.json
[ ! -e r.json ] && ok || bad "config report written although --report was given"
# --no-config reads nothing; --config FILE reads only FILE
expect_exit 1 "--no-config" -- "$SL" --no-config scan --bundle "$B" --report json:r.json
[ "$(failon r.json)" = low ] && ok || bad "--no-config still read a file"
printf 'fail-on = critical\nreport = json:only.json\n' >only.cfg
expect_exit 0 "--config FILE" -- "$SL" scan --config only.cfg --bundle "$B"
[ "$(failon only.json)" = critical ] && ok || bad "--config not used"
SYNOLINT_CONFIG=$T/only.cfg expect_exit 0 "SYNOLINT_CONFIG" -- "$SL" scan --bundle "$B" --report json:env.json
[ "$(failon env.json)" = critical ] && ok || bad "SYNOLINT_CONFIG not used"
# each key: profile, jobs, timeout, rules, waivers, known-hosts, color
rm -f "$USER_CFG" etc/config
mkdir -p myrules
cat >myrules/extra.rules <<'R'
rule LOCAL-001
	title		"A local rule"
	severity	info
	scope		host
	check		sshd_value_in PermitRootLogin no
	rationale	"Local policy."
end
R
printf 'SSHD-001 * host 2099-01-01 "accepted"\n' >w.txt
cat >"$USER_CFG" <<C
profile = home
rules = $T/myrules
waivers = $T/w.txt
color = always
jobs = 2
timeout = 5
known-hosts = $T/kh
C
expect_exit 0 "rules/explain read rules and profile from the config" -- "$SL" explain LOCAL-001
expect_grep 'A local rule' "$T/out" "configured rule directory"
"$SL" rules >rules.out 2>&1
expect_grep '^LOCAL-001' rules.out "rules lists the configured directory's rule"
"$SL" scan --bundle "$B" --report json:k.json --report text >text.out 2>&1
/usr/bin/python3 - k.json <<'PY' && ok || bad "configured waivers/profile not applied"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["waivers"]["file"].endswith("w.txt"), d["waivers"]
w = [f for f in d["findings"] if f["rule"] == "SSHD-001"]
assert w and all(f["verdict"] == "waived" for f in w), w
# profile home tolerates password login (SSHD-002 passes on seed-remote)
p = [f for f in d["findings"] if f["rule"] == "SSHD-002"]
assert p and p[0]["verdict"] == "pass", p
PY

grep -q "$(printf '\033')\[" text.out && ok || bad "color = always not applied"
"$SL" scan --bundle "$B" --color never >text2.out 2>&1
grep -q "$(printf '\033')" text2.out && bad "--color never did not override the config" || ok
# jobs/timeout/known-hosts: visible at -v for a remote target that fails fast
"$SL" -v scan 127.0.0.1:1 >v.out 2>&1
expect_grep 'up to 2 at once' v.out "configured jobs"
"$SL" -v scan --jobs 4 127.0.0.1:1 127.0.0.1:2 >v.out 2>&1
expect_grep 'up to 4 at once' v.out "--jobs over configured jobs"

# errors: one line, file:line, exit 2, no scan
printf 'fail-on = high\njobs = many\n' >bad.cfg
expect_exit 2 "bad value" -- "$SL" scan --config bad.cfg --bundle "$H"
expect_grep "^synolint: bad.cfg:2: error: jobs: \"many\" is not a number" "$T/err" "bad value message"
[ "$(wc -l <"$T/err")" -eq 1 ] && ok || bad "bad value: more than one line"
[ ! -s "$T/out" ] && ok || bad "bad config: the scan still ran"
printf 'colour = always\n' >bad.cfg
expect_exit 2 "unknown key" -- "$SL" scan --config bad.cfg --bundle "$H"
expect_grep '^synolint: bad.cfg:1: error: unknown key "colour"' "$T/err" "unknown key message"
printf '# c\n\njust words\n' >bad.cfg
expect_exit 2 "no =" -- "$SL" scan --config bad.cfg --bundle "$H"
expect_grep '^synolint: bad.cfg:3: error: expected "key = value"' "$T/err" "no = message"
printf 'jobs = 2\njobs = 3\n' >bad.cfg
expect_exit 2 "key twice" -- "$SL" scan --config bad.cfg --bundle "$H"
expect_grep '^synolint: bad.cfg:2: error: jobs is set twice' "$T/err" "key twice message"
printf 'fail-on = severe\n' >"$USER_CFG"
expect_exit 2 "bad user file" -- "$SL" scan --bundle "$H"
expect_grep "^synolint: $USER_CFG:1: error: fail-on: unknown severity \"severe\"" "$T/err" "user file named"
expect_exit 0 "a flag does not hide a bad file, but --no-config does" -- "$SL" --no-config scan --bundle "$H"
expect_exit 2 "missing --config file" -- "$SL" scan --config nothere.cfg --bundle "$H"
expect_grep '^synolint: nothere.cfg: error: cannot open' "$T/err" "missing --config message"
printf 'waivers =\n' >bad.cfg
expect_exit 2 "empty value" -- "$SL" scan --config bad.cfg --bundle "$H"
expect_grep 'bad.cfg:1: error: waivers: empty value' "$T/err" "empty value message"
finish
