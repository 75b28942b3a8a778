#!/bin/sh
# html_chromium.sh — the HTML report rendered by headless Chromium (Debian's
# chromium package): the DOM it builds shows the same numbers as the JSON
# report, and the key trust map's SVG is laid out (every node has a box)
# with as many nodes as the JSON report and `synolint keys --format json`
# have accounts. Skipped (77) when chromium is not installed.
. "$(dirname "$0")/lib.sh"
EX=$SRC/examples
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || { echo "chromium not installed: skipped"; exit 77; }

"$SL" scan --bundle "$EX/dsm-default.bundle" --bundle "$EX/seed-remote.bundle" \
    --bundle "$EX/hardened.bundle" --bundle "$EX/seed-local.bundle" \
    --report "html:$T/r.html" --report "json:$T/r.json" >/dev/null 2>&1
"$SL" keys --bundle "$EX/dsm-default.bundle" --bundle "$EX/seed-remote.bundle" \
    --bundle "$EX/hardened.bundle" --bundle "$EX/seed-local.bundle" --format json \
    >"$T/keys.json" 2>/dev/null
mkdir -p "$T/profile"
# no network, no first-run machinery; bounded in time
if timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$T/profile" --dump-dom "file://$T/r.html" \
    >"$T/dom.html" 2>"$T/chromium.err" && [ -s "$T/dom.html" ]; then ok; else
	bad "chromium could not render the report"; tail -5 "$T/chromium.err" >&2; fi
expect_grep "synolint report" "$T/dom.html" "rendered DOM has the title"
if /usr/bin/python3 "$SRC/tests/cli/html_counts.py" "$T/dom.html" "$T/r.json" 2>"$T/c.err"; then ok; else
	bad "numbers in Chromium's DOM differ from the JSON report"; cat "$T/c.err" >&2; fi

# The drawing as Chromium lays it out: a test page (ours, with a script; the
# report has none) loads the report in an iframe and writes what it measured
# into its own DOM, which --dump-dom then prints.
cat >"$T/measure.html" <<'EOM'
<!DOCTYPE html><html><body><pre id="out">pending</pre>
<iframe id="f" src="r.html" width="1400" height="3000"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {
  var d = this.contentDocument, svg = d.querySelector("figure.trustmap svg");
  var nodes = svg ? svg.querySelectorAll("g.node") : [], boxed = 0;
  for (var i = 0; i < nodes.length; i++) {
    var b = nodes[i].getBoundingClientRect();
    if (b.width > 0 && b.height > 0) boxed++;
  }
  var r = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  document.getElementById("out").textContent = JSON.stringify({svg: !!svg,
    nodes: nodes.length, boxed: boxed, width: r.width, height: r.height});
});
</script></body></html>
EOM
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$T/profile" --allow-file-access-from-files \
    --virtual-time-budget=10000 --dump-dom "file://$T/measure.html" \
    >"$T/measure.dom" 2>"$T/chromium.err"
if /usr/bin/python3 - "$T/measure.dom" "$T/r.json" "$T/keys.json" >"$T/m.out" 2>&1 <<'EOP'
import json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
got = json.loads(m.group(1)) if m and m.group(1) != "pending" else None
rep = json.load(open(sys.argv[2]))["trust"]
keys = json.load(open(sys.argv[3]))
ends = {(e["from"]["host"], e["from"]["user"]) for e in keys["edges"]} | \
       {(e["to"]["host"], e["to"]["user"]) for e in keys["edges"]}
errs = []
if got is None:
    errs.append("the measuring page did not run")
else:
    if not got["svg"] or got["width"] <= 0 or got["height"] <= 0:
        errs.append("no laid-out SVG: %r" % got)
    if got["nodes"] != rep["accounts"] or got["nodes"] != len(ends):
        errs.append("nodes %d, JSON report accounts %d, keys --format json %d"
                    % (got["nodes"], rep["accounts"], len(ends)))
    if got["boxed"] != got["nodes"]:
        errs.append("%d of %d nodes have no box" % (got["nodes"] - got["boxed"], got["nodes"]))
    if rep["key_logins"] != len(keys["edges"]) or rep["key_logins"] < 1:
        errs.append("key logins: JSON report %d, keys %d" % (rep["key_logins"], len(keys["edges"])))
print("\n".join(errs) if errs else "measured: %r" % got)
sys.exit(1 if errs else 0)
EOP
then ok; cat "$T/m.out"; else bad "trust map in Chromium"; cat "$T/m.out" >&2; tail -3 "$T/chromium.err" >&2; fi

timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$T/profile" --screenshot="$T/shot.png" \
    --window-size=1280,2000 "file://$T/r.html" >/dev/null 2>&1
[ -s "$T/shot.png" ] && ok || bad "no screenshot"
finish
