#!/usr/bin/env python3
"""gen_bundle.py — write a large, deterministic synthetic bundle (format v1,
docs/bundle-format.md) for the parse+evaluate benchmark.

Usage: gen_bundle.py OUT [--keys N] [--config-lines N] [--users N] [--pad-to BYTES]
--pad-to adds /var/pad/N files of up to 16 MiB (the per-file cap) until the
bundle is about BYTES long (the memory benchmark's maximal host).
"""
import argparse
import base64
import random
import struct


def sshstr(b):
    return struct.pack(">I", len(b)) + b


def ed25519_line(rng, i):
    blob = sshstr(b"ssh-ed25519") + sshstr(rng.randbytes(32))
    opts = ""
    if i % 3 == 0:
        opts = 'from="10.0.%d.%d",restrict ' % (i // 256 % 256, i % 256)
    return "%sssh-ed25519 %s user%d@bench\n" % (
        opts, base64.b64encode(blob).decode(), i)


def rsa_line(rng, i):
    n = b"\x00" + rng.randbytes(256)  # 2048-bit modulus, high bit set below
    n = b"\x00" + bytes([n[1] | 0x80]) + n[2:]
    blob = sshstr(b"ssh-rsa") + sshstr(b"\x01\x00\x01") + sshstr(n)
    return "ssh-rsa %s rsa%d@bench\n" % (base64.b64encode(blob).decode(), i)


def sshd_config(lines):
    out = ["# synthetic sshd_config for the benchmark\n",
           "PermitRootLogin no\n", "PasswordAuthentication no\n",
           "MaxAuthTries 3\n", "LogLevel VERBOSE\n"]
    i = 0
    while len(out) < lines:
        if i % 10 == 0:
            out.append("Match User bench%d,bench%d Address 10.%d.0.0/16\n"
                       % (i, i + 1, i % 250))
        elif i % 10 == 1:
            out.append("\tAllowTcpForwarding no\n")
        elif i % 10 == 2:
            out.append("\tX11Forwarding no\n")
        else:
            out.append("  # comment line %d\n" % i)
        i += 1
    return "".join(out[:lines])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--keys", type=int, default=10000)
    ap.add_argument("--config-lines", type=int, default=2000)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--pad-to", type=int, default=0)
    a = ap.parse_args()
    rng = random.Random(42)
    recs = []

    def meta(k, v):
        recs.append(("meta\t%s\t%s\n" % (k, v)).encode())

    def stat(t, mode, uid, gid, size, path):
        recs.append(("stat\t%s\t%04o\t%d\t%d\t%d\t0\t%s\n"
                     % (t, mode, uid, gid, size, path)).encode())

    def file(path, data):
        data = data.encode()
        recs.append(("file\t%d\t-\t%s\n" % (len(data), path)).encode()
                    + data + b"\n")

    meta("collector_version", "1")
    meta("hostname", "bench-nas")
    meta("session", "root")
    meta("uid", "0")
    meta("openssh_version", "OpenSSH_9.2p1")
    passwd = ["root:x:0:0::/root:/bin/sh\n", "sshd:x:100:65534::/run/sshd:/usr/sbin/nologin\n"]
    members = []
    for u in range(a.users):
        passwd.append("bench%d:x:%d:100::/var/services/homes/bench%d:/bin/sh\n"
                      % (u, 1026 + u, u))
        members.append("bench%d" % u)
    file("/etc/passwd", "".join(passwd))
    file("/etc/group", "root:x:0:\nusers:x:100:\nadministrators:x:101:%s\n"
         % ",".join(members[:5]))
    cfg = sshd_config(a.config_lines)
    stat("d", 0o755, 0, 0, 4096, "/")
    stat("d", 0o755, 0, 0, 4096, "/etc")
    stat("d", 0o755, 0, 0, 4096, "/etc/ssh")
    stat("f", 0o644, 0, 0, len(cfg), "/etc/ssh/sshd_config")
    file("/etc/ssh/sshd_config", cfg)
    stat("d", 0o755, 0, 0, 4096, "/var")
    stat("d", 0o755, 0, 0, 4096, "/var/services")
    stat("l", 0o777, 0, 0, 14, "/var/services/homes")
    recs.append(b"link\t/var/services/homes\t/volume1/homes\n")
    stat("d", 0o755, 0, 0, 4096, "/volume1")
    stat("d", 0o755, 0, 0, 4096, "/volume1/homes")
    keys = "".join(rsa_line(rng, i) if i % 10 == 0 else ed25519_line(rng, i)
                   for i in range(a.keys))
    per_user = [keys] + [ed25519_line(rng, 100000 + u) for u in range(1, a.users)]
    for u in range(a.users):
        home = "/volume1/homes/bench%d" % u
        uid = 1026 + u
        stat("d", 0o755 if u % 7 else 0o777, uid, 100, 4096, home)
        stat("d", 0o700, uid, 100, 4096, home + "/.ssh")
        stat("f", 0o600, uid, 100, len(per_user[u]), home + "/.ssh/authorized_keys")
        file(home + "/.ssh/authorized_keys", per_user[u])
    size = sum(len(r) for r in recs) + 64
    n = 0
    while a.pad_to - size > 4096:
        chunk = min(16 * 1024 * 1024, a.pad_to - size - 4096)
        line = b"# padding line of the maximal host\n"
        data = (line * (chunk // len(line) + 1))[:chunk]
        rec = b"file\t%d\t-\t/var/pad/%d\n" % (len(data), n) + data + b"\n"
        recs.append(rec)
        size += len(rec)
        n += 1
    with open(a.out, "wb") as fp:
        fp.write(b"synolint-bundle\t1\n")
        for r in recs:
            fp.write(r)
        fp.write(b"end\t%d\n" % len(recs))


if __name__ == "__main__":
    main()
