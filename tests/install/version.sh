#!/bin/sh
# version.sh — `synolint --version` prints our version (the one CMake
# knows) and the run-time versions of the libraries the binary loads, each
# equal to what the installed library packages say.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
expect_exit 0 "--version" -- "$SL" --version
cp "$T/out" "$T/v"
want=$(sed -n 's/^project(synolint VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
expect_grep "^synolint $want\$" "$T/v" "our version"
[ "$(wc -l <"$T/v")" -eq 6 ] && ok || bad "--version: $(wc -l <"$T/v") lines, want 6"
# The versions the libraries report must be those of the loaded packages.
libver() { # SONAME-PACKAGE -> upstream version (Debian epoch/revision cut)
	dpkg-query -W -f='${Version}' "$1" 2>/dev/null | sed 's/^[0-9]*://; s/[-+~].*//'
}
v=$(libver libssh-4);     expect_grep "^libssh $v/" "$T/v" "libssh version ($v)"
v=$(libver libpcre2-8-0); expect_grep "^PCRE2 $v " "$T/v" "PCRE2 version ($v)"
v=$(libver libjansson4);  expect_grep "^jansson $v\$" "$T/v" "jansson version ($v)"
v=$(libver libssl3);      expect_grep "^OpenSSL $v " "$T/v" "OpenSSL version ($v)"
# libxml2 prints its numeric form: 2.9.14 -> 20914.
v=$(libver libxml2 | awk -F. '{printf "%d%02d%02d", $1, $2, $3}')
expect_grep "^libxml2 $v\$" "$T/v" "libxml2 version ($v)"
# The libraries named are the ones the binary really links.
if command -v ldd >/dev/null; then
	ldd "$SL" >"$T/ldd"
	for so in libssh.so libpcre2-8.so libxml2.so libjansson.so libcrypto.so; do
		expect_grep "$so" "$T/ldd" "linked: $so"
	done
fi
# --version wins over a command and does not need one.
expect_exit 0 "--version before a command" -- "$SL" --version scan
expect_grep '^libssh ' "$T/out" "--version scan"
finish
