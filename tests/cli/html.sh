#!/bin/sh
# html.sh — the HTML report: well-formed (as XML and for libxml2's HTML
# parser), self-contained (no script, no external resource), hostile host
# names escaped, and the numbers it shows equal the JSON report's.
. "$(dirname "$0")/lib.sh"
EX=$SRC/examples

# A bundle whose name (the host label) is markup.
cp "$EX/seed-remote.bundle" "$T/<b>&\"x'.bundle"
printf 'SSHD-020 * host 2030-01-01 "<script>alert(1)</script> & more"\nX-1 nas9 * 2030-01-01 "stale"\n' >"$T/w.txt"
"$SL" scan --bundle "$EX/dsm-default.bundle" --bundle "$EX/hardened.bundle" \
    --bundle "$T/<b>&\"x'.bundle" --bundle "$T/missing.bundle" --waivers "$T/w.txt" \
    --report "html:$T/r.html" --report "json:$T/r.json" >/dev/null 2>&1
[ $? -eq 3 ] && ok || bad "exit 3 with a missing bundle"

if xmllint --noout "$T/r.html" 2>"$T/x.err"; then ok; else bad "not well-formed"; cat "$T/x.err" >&2; fi
if xmllint --html --noout "$T/r.html" 2>"$T/x.err" && [ ! -s "$T/x.err" ]; then ok; else
	bad "xmllint --html complains"; cat "$T/x.err" >&2; fi
expect_nogrep "<script" "$T/r.html" "no script element (the waiver's is escaped)"
expect_grep "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" "$T/r.html" "justification escaped"
expect_grep "&lt;b&gt;&amp;&quot;x&#39;.bundle" "$T/r.html" "host name escaped"
expect_nogrep 'src=\|href=\|@import\|url(' "$T/r.html" "no external resources"
expect_grep "Could not be scanned" "$T/r.html" "missing bundle shown"
expect_grep "WAIVER-002" "$T/r.html" "stale waiver shown"
expect_grep "2023-11-14T22:13:20Z" "$T/r.html" "SOURCE_DATE_EPOCH as the date"
if /usr/bin/python3 "$SRC/tests/cli/html_counts.py" "$T/r.html" "$T/r.json" 2>"$T/c.err"; then ok; else
	bad "HTML numbers differ from the JSON report"; cat "$T/c.err" >&2; fi

# Same input, same bytes.
"$SL" scan --bundle "$EX/dsm-default.bundle" --report "html:$T/a.html" >/dev/null 2>&1
"$SL" scan --bundle "$EX/dsm-default.bundle" --report "html:$T/b.html" >/dev/null 2>&1
cmp -s "$T/a.html" "$T/b.html" && ok || bad "HTML output not deterministic"
finish
