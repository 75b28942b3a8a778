#!/bin/sh
# html_trust.sh — the HTML report's key trust map: with Graphviz, an inline
# SVG whose nodes are the JSON report's accounts; the SVG is sanitised
# (a fake "dot" that writes a hostile SVG loses every script, link and
# external reference); without Graphviz, or when it fails, a note and the
# same edges as a table; the HTML stays well-formed and deterministic.
. "$(dirname "$0")/lib.sh"
EX=$SRC/examples
command -v dot >/dev/null 2>&1 || { echo "graphviz not installed: skipped"; exit 77; }

fleet() { "$SL" scan --bundle "$EX/seed-local.bundle" --bundle "$EX/seed-remote.bundle" \
    --bundle "$EX/dsm-default.bundle" "$@"; }

fleet --report "html:$T/r.html" --report "json:$T/r.json" >/dev/null 2>&1
[ $? -eq 1 ] && ok || bad "fleet scan: exit 1 (findings)"
expect_grep '<svg xmlns="http://www.w3.org/2000/svg"' "$T/r.html" "inline SVG"
expect_nogrep '<?xml\|<!DOCTYPE svg\|xlink\|<!--' "$T/r.html" "no XML declaration, DTD, xlink or comment from dot"
expect_nogrep 'src=\|href=\|@import\|url(\|<script' "$T/r.html" "no external resource or script"
if xmllint --noout "$T/r.html" 2>"$T/x.err"; then ok; else bad "not well-formed"; cat "$T/x.err" >&2; fi
# libxml2's HTML parser is HTML 4: it knows neither <figure> nor SVG; anything else is an error
xmllint --html --noout "$T/r.html" 2>&1 | grep 'error :' |
    grep -v 'Tag \(figure\|figcaption\|svg\|g\|title\|text\|path\|polygon\|polyline\|ellipse\) invalid' >"$T/x.err"
[ ! -s "$T/x.err" ] && ok || { bad "xmllint --html complains"; cat "$T/x.err" >&2; }
if /usr/bin/python3 "$SRC/tests/cli/html_counts.py" "$T/r.html" "$T/r.json" 2>"$T/c.err"; then ok; else
	bad "HTML numbers differ from the JSON report"; cat "$T/c.err" >&2; fi
fleet --report "html:$T/r2.html" >/dev/null 2>&1
cmp -s "$T/r.html" "$T/r2.html" && ok || bad "HTML with SVG not deterministic"

# A hostile "dot": its SVG must come out with nothing active or external.
cat >"$T/evil-dot" <<'EOS'
#!/bin/sh
cat >/dev/null
cat <<'SVG'
<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" onload="alert(1)">
<script>alert(2)</script>
<style>@import url(http://evil.invalid/x.css);</style>
<g class="node" id="n1" style="fill:url(http://evil.invalid/)"><title>&xxe;</title>
<a xlink:href="javascript:alert(3)"><text x="1" y="1">click</text></a>
<image href="http://evil.invalid/i.png" x="0" y="0"/>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
<ellipse cx="1" cy="1" rx="1" ry="1" fill="url(#grad)" stroke="red" onclick="alert(4)"/>
<text x="2" y="2">SAFE-LABEL</text>
</g>
</svg>
SVG
EOS
chmod 755 "$T/evil-dot"
SYNOLINT_DOT=$T/evil-dot fleet --report "html:$T/evil.html" >/dev/null 2>&1
expect_grep 'SAFE-LABEL' "$T/evil.html" "hostile SVG: its harmless text kept"
for pat in '<script' 'alert(' 'onload' 'onclick' '@import' 'url(' 'evil.invalid' 'xlink' \
    'javascript:' '<image' 'foreignObject' '<a ' 'root:x:0' '<!ENTITY' 'style='; do
	expect_nogrep "$pat" "$T/evil.html" "hostile SVG sanitised ($pat)"
done
if xmllint --noout "$T/evil.html" 2>"$T/x.err"; then ok; else bad "hostile SVG: not well-formed"; cat "$T/x.err" >&2; fi

# Degraded: Graphviz off, missing, failing, or writing garbage -> a note, the table, no SVG.
check_degraded() {	# FILE NOTE DESC
	expect_grep "No drawing: $2" "$1" "$3: the note"
	expect_grep '<table class="trust">' "$1" "$3: the edge table"
	expect_nogrep '<svg' "$1" "$3: no SVG"
	if /usr/bin/python3 "$SRC/tests/cli/html_counts.py" "$1" "$T/r.json" 2>"$T/c.err"; then ok; else
		bad "$3: numbers differ from the JSON report"; cat "$T/c.err" >&2; fi
}
SYNOLINT_DOT= fleet --report "html:$T/off.html" >/dev/null 2>&1
check_degraded "$T/off.html" "Graphviz is turned off" "SYNOLINT_DOT empty"
PATH=/nonexistent fleet --report "html:$T/nodot.html" >/dev/null 2>&1
check_degraded "$T/nodot.html" "Graphviz (dot) is not installed" "no dot on PATH"
printf '#!/bin/sh\nexit 1\n' >"$T/fail-dot"; chmod 755 "$T/fail-dot"
SYNOLINT_DOT=$T/fail-dot fleet --report "html:$T/fail.html" >/dev/null 2>&1
check_degraded "$T/fail.html" "Graphviz (dot) failed" "dot exits 1"
printf '#!/bin/sh\ncat >/dev/null; echo "<svg><not-closed>"\n' >"$T/junk-dot"; chmod 755 "$T/junk-dot"
SYNOLINT_DOT=$T/junk-dot fleet --report "html:$T/junk.html" >/dev/null 2>&1
check_degraded "$T/junk.html" "Graphviz (dot) wrote no usable SVG" "dot writes garbage"
SYNOLINT_DOT=dot fleet --report "html:$T/rel.html" >/dev/null 2>&1
check_degraded "$T/rel.html" "SYNOLINT_DOT is not an absolute path" "relative SYNOLINT_DOT"
finish
