#!/bin/sh
# setup.sh — install the Debian 12 packages synolint needs and build it in ./build.
# Usage: ./setup.sh            (as root, or with sudo available)
set -eu
cd "$(dirname "$0")"

PKGS="build-essential cmake pkg-config clang libclang-rt-14-dev
libssh-dev libssl-dev libpcre2-dev libxml2-dev libxml2-utils libjansson-dev check libsubunit-dev
openssh-server openssh-client python3 python3-jsonschema valgrind graphviz
iproute2 util-linux acl procps busybox shellcheck python3-yaml chromium
man-db groff-base mandoc zsh dpkg-dev file sudo openssl"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	echo "setup: installing:$missing"
	$SUDO apt-get update
	# openssh-server is only used by the tests (sshd -T, the lab); do not start it.
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
		$SUDO chmod 755 /usr/sbin/policy-rc.d
		trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
	fi
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
echo "setup: built ./build/synolint"
