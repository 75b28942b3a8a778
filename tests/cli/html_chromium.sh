#!/bin/sh
# html_chromium.sh — the HTML report rendered by headless Chromium (Debian's
# chromium package): the DOM it builds shows the same numbers as the JSON
# report. Skipped (77) when chromium is not installed.
. "$(dirname "$0")/lib.sh"
EX=$SRC/examples
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || { echo "chromium not installed: skipped"; exit 77; }

"$SL" scan --bundle "$EX/dsm-default.bundle" --bundle "$EX/seed-remote.bundle" \
    --bundle "$EX/hardened.bundle" --report "html:$T/r.html" --report "json:$T/r.json" \
    >/dev/null 2>&1
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
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$T/profile" --screenshot="$T/shot.png" \
    --window-size=1280,2000 "file://$T/r.html" >/dev/null 2>&1
[ -s "$T/shot.png" ] && ok || bad "no screenshot"
finish
