#!/usr/bin/python3
"""make-fixtures.py — writes tests/rules/<RULE-ID>/{pass,fail,na}.bundle and
`expect` from the compact descriptions in RULES below.

Every bundle is the BASE host (a hardened DSM 7.2 box, OpenSSH 8.2p1, as a
live `scan --become` collects it, DSM's tool answers included: every built-in
rule passes on it) plus a few deltas, so each fixture reads as "the hardened
box, except ...". The `expect` file lists, per bundle, every finding
the rule must produce for it, exactly (check_rules_fixtures.c):

    BUNDLE VERDICT OBJECT [FILE:LINE]

(no FILE:LINE: the finding has no config location). Deterministic: re-running
the script reproduces the committed files byte for byte (tested by
tests/rules/tests.cmake). Usage: make-fixtures.py [OUTDIR] (default: the
directory of this script).
"""
import copy
import json
import os
import sys
import textwrap

CFG = "/etc/ssh/sshd_config"

# The hardened sshd_config; deltas refer to these line numbers.
SSHD_CONFIG = [
    "# synolint rule fixture: a hardened DSM 7.2 sshd_config",  # 1
    "PermitRootLogin no",                                       # 2
    "PasswordAuthentication no",                                # 3
    "ChallengeResponseAuthentication no",  # 4 (kbdint before 8.7)
    "PermitEmptyPasswords no",                                  # 5
    "PubkeyAuthentication yes",                                 # 6
    "StrictModes yes",                                          # 7
    "MaxAuthTries 2",                                           # 8
    "LoginGraceTime 30",                                        # 9
    "X11Forwarding no",                                         # 10
    "AllowTcpForwarding no",                                    # 11
    "AllowAgentForwarding no",                                  # 12
    "PermitUserEnvironment no",                                 # 13
    "HostbasedAuthentication no",                               # 14
    "IgnoreRhosts yes",                                         # 15
    "LogLevel VERBOSE",                                         # 16
    "ClientAliveInterval 300",                                  # 17
    "ClientAliveCountMax 3",                                    # 18
    "MaxStartups 10:30:60",                                     # 19
    "AllowGroups administrators",                               # 20
    "Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,"
    "aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr",  # 21
    "MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,"
    "umac-128-etm@openssh.com",                                 # 22
    "KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org,"
    "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,"
    "diffie-hellman-group-exchange-sha256",                     # 23
    "HostKeyAlgorithms ssh-ed25519,ssh-ed25519-cert-v01@openssh.com,"
    "rsa-sha2-512,rsa-sha2-256",                                # 24
    "HostKey /etc/ssh/ssh_host_ed25519_key",                    # 25
    "AuthorizedKeysFile .ssh/authorized_keys",                  # 26
    "UsePAM yes",                                               # 27
    "ChrootDirectory none",                                     # 28
    "Subsystem sftp internal-sftp -f DAEMON -u 000",            # 29
]

# As DSM's knowledge base advises, the built-in admin is disabled (shadow
# expire field 1) and alice, another administrator, is the one with keys.
PASSWD = [
    "root:x:0:0::/root:/bin/ash",
    "admin:x:1024:100:System default user:/var/services/homes/admin:/bin/sh",
    "guest:x:1025:100:Guest:/nonexist:/usr/bin/nologin",
    "alice:x:1026:100::/var/services/homes/alice:/bin/sh",
]
GROUP = ["root:x:0:", "users:x:100:", "administrators:x:101:admin,alice"]
SHADOW = [
    "root:*:10933:0:99999:7:::",
    "admin:x:18400:0:99999:7::1:",
    "guest:*:10933:0:99999:7::1:",
    "alice:x:19700:0:99999:7:::",
]
SYNOINFO = {"upnpmodelname": "DS920+", "ssh_port": "2222",
            "userHomeEnable": "yes", "enableguest": "no"}
VERSION = [("majorversion", "7"), ("minorversion", "2"),
           ("buildnumber", "72806"), ("productversion", "7.2.2"),
           ("os_name", "DSM")]

KEY_ED = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureFixtureFixtureFixtureFixtureFix"
PRIV_HDR = ("-----BEGIN OPENSSH PRIVATE KEY-----\nFormat: openssh-key-v1\n"
            "Cipher: none\nKDF: none\n")

# The collector names home paths through the DSM homes symlink and also sends
# the canonical ones: a node under CANON is also sent under NAMED.
NAMED, CANON = "/var/services/homes/", "/volume1/homes/"

# DSM's tools as the collector runs them on a live box as root (`scan
# --become`): synowebapi answers (fields read by linter/facts_dsm.c; shapes
# of tests/fixtures/dsm), the service manager, the TCP listeners.
WEBAPI = "synowebapi SYNO.Core."
AUTOBLOCK = dict(enable=True, attempts=10, within_mins=5, expire_day=0)
TERMINAL = dict(enable_ssh=True, enable_telnet=False, forbid_console=False,
                ssh_port=2222)
DSM_CMDS = ("cat /proc/sys/kernel/syno_hw_version",
            "synosystemctl is-active sshd.service",
            "synoservicectl --status sshd") + tuple(
    WEBAPI + x for x in ("Security.AutoBlock get",
                         "Security.AutoBlock.Rules list allow",
                         "Terminal get", "FileServ.FTP.SFTP get",
                         "FileServ.Rsync get"))
TCP_HEAD = ("  sl  local_address rem_address   st tx_queue rx_queue tr "
            "tm->when retrnsmt   uid  timeout inode\n")
TCP6_HEAD = ("  sl  local_address                         remote_address"
             "                        st tx_queue rx_queue tr tm->when "
             "retrnsmt   uid  timeout inode\n")


def webapi_answer(data):
    return json.dumps(dict(data=data, success=True), sort_keys=True,
                      separators=(",", ":")) + "\n"


def listen_table(ports, v6):
    """/proc/net/tcp{,6} as the collector sends it: header + LISTEN lines."""
    any_ = "0" * (32 if v6 else 8)
    rows = ["%4d: %s:%04X %s:0000 0A 00000000:00000000 00:00000000 "
            "00000000     0        0 %d 1 0000000000000000 100 0 0 10 0\n"
            % (i, any_, port, any_, 16000 + 2 * i + v6)
            for i, port in enumerate(sorted(ports))]
    return (TCP6_HEAD if v6 else TCP_HEAD) + "".join(rows)


class Host:
    """A host as the collector would see it: meta, lstat nodes, contents."""

    def __init__(self):
        self.meta = [("collector_version", "1"), ("session", "ssh"),
                     ("uid", "0"), ("hostname", "fixture"),
                     ("openssh_version", "OpenSSH_8.2p1")]
        # cmd records: name -> (status, output); the listeners are kept as
        # ports and written as /proc/net/tcp{,6} at bundle time.
        self.listen = {2222, 5000, 5001}
        self.cmds = {
            "cat /proc/sys/kernel/syno_hw_version": (0, "DS920+\n"),
            "synosystemctl is-active sshd.service": (0, "active\n"),
            WEBAPI + "Security.AutoBlock get": (0, webapi_answer(AUTOBLOCK)),
            WEBAPI + "Security.AutoBlock.Rules list allow":
                (0, webapi_answer(dict(ip_info=[], total=0))),
            WEBAPI + "Terminal get": (0, webapi_answer(TERMINAL)),
            WEBAPI + "FileServ.FTP.SFTP get":
                (0, webapi_answer(dict(enable=False))),
            WEBAPI + "FileServ.Rsync get":
                (0, webapi_answer(dict(enable_server=False))),
        }
        self.nodes = {}     # canonical path -> dict
        self.missing = {}   # path -> errno name (nostat)
        self.nofile = {}    # path -> errno name
        self.sshd = list(SSHD_CONFIG)
        self.extra_files = {}   # other config files: path -> lines
        self.passwd, self.group = list(PASSWD), list(GROUP)
        self.shadow = list(SHADOW)
        self.synoinfo = dict(SYNOINFO)
        self.version = list(VERSION)
        for p in ("/", "/etc", "/etc.defaults", "/var", "/var/services",
                  "/volume1", "/root"):
            self.dir(p, 0o700 if p == "/root" else 0o755)
        self.node("/var/services/homes", "l", 0o777, link="/volume1/homes")
        self.dir("/volume1/homes", 0o711)
        self.dir("/etc/ssh", 0o755)
        # Text files: their content comes from text_files() at write time.
        for p in ("/etc/passwd", "/etc/group", "/etc/synoinfo.conf",
                  "/etc.defaults/VERSION"):
            self.file(p, 0o644, None)
        self.file("/etc/shadow", 0o600, None)
        self.file(CFG, 0o600, None)
        self.file("/etc/ssh/ssh_host_ed25519_key", 0o600, PRIV_HDR, trunc=True)
        self.file("/etc/ssh/ssh_host_ed25519_key.pub", 0o644,
                  KEY_ED + " root@fixture\n")
        self.gone("/root/.ssh")
        self.gone("/root/.ssh/authorized_keys", nofile=True)
        self.gone("/root/.ssh/authorized_keys2", nofile=True)
        self.gone("/nonexist")
        # admin (disabled) keeps its home but has no ~/.ssh.
        h = CANON + "admin"
        self.dir(h, 0o700, 1024, 100)
        self.gone(h + "/.ssh")
        self.gone(h + "/.ssh/authorized_keys", nofile=True)
        self.gone(h + "/.ssh/authorized_keys2", nofile=True)
        h = CANON + "alice"
        self.dir(h, 0o700, 1026, 100)
        self.dir(h + "/.ssh", 0o700, 1026, 100)
        self.file(h + "/.ssh/authorized_keys", 0o600,
                  KEY_ED + " alice@laptop\n", 1026, 100)
        self.gone(h + "/.ssh/authorized_keys2", nofile=True)
        self.file(h + "/.ssh/id_ed25519", 0o600, PRIV_HDR, 1026, 100,
                  trunc=True)
        self.file(h + "/.ssh/id_ed25519.pub", 0o644,
                  KEY_ED + " alice@fixture\n", 1026, 100)

    # --- building blocks -------------------------------------------------
    def node(self, path, type_, mode, uid=0, gid=0, acl=0, link=None,
             content=None, trunc=False):
        self.missing.pop(path, None)
        self.nofile.pop(path, None)
        self.nodes[path] = dict(type=type_, mode=mode, uid=uid, gid=gid,
                                acl=acl, link=link, content=content,
                                trunc=trunc)

    def dir(self, path, mode, uid=0, gid=0, acl=0):
        self.node(path, "d", mode, uid, gid, acl)

    def file(self, path, mode, content, uid=0, gid=0, acl=0, trunc=False):
        self.node(path, "f", mode, uid, gid, acl, content=content,
                  trunc=trunc)

    def gone(self, path, nofile=False):
        self.nodes.pop(path, None)
        self.missing[path] = "ENOENT"
        if nofile:
            self.nofile[path] = "ENOENT"

    def set(self, path, **kw):
        self.nodes[path].update(kw)

    # --- serialisation ---------------------------------------------------
    def text_files(self):
        """Contents of the files kept as lines (for nodes that exist)."""
        def lines(v):
            return "".join(x + "\n" for x in v)
        t = {"/etc/passwd": lines(self.passwd), "/etc/group": lines(self.group),
             "/etc/shadow": lines(self.shadow),
             "/etc/synoinfo.conf": lines('%s="%s"' % kv
                                         for kv in self.synoinfo.items())}
        if self.version is not None:
            t["/etc.defaults/VERSION"] = lines('%s="%s"' % kv
                                               for kv in self.version)
        if self.sshd is not None:
            t[CFG] = lines(self.sshd)
        for p, v in self.extra_files.items():
            t[p] = lines(v)
        return t

    def bundle(self):
        nodes = copy.deepcopy(self.nodes)
        for p, data in self.text_files().items():
            if p in nodes:
                nodes[p]["content"] = data
        missing = dict(self.missing)
        nofile = dict(self.nofile)
        # Send home nodes under their named path too, as the collector does.
        for p in list(nodes):
            if p.startswith(CANON):
                nodes[NAMED + p[len(CANON):]] = dict(nodes[p])
                nodes[p] = dict(nodes[p], send=False)
        for p in list(missing):
            if p.startswith(CANON):
                missing[NAMED + p[len(CANON):]] = missing[p]
        for p in list(nofile):
            if p.startswith(CANON):
                nofile[NAMED + p[len(CANON):]] = nofile.pop(p)
        recs = []
        for k, v in self.meta:
            recs.append(b"meta\t%s\t%s\n" % (k.encode(), v.encode()))
        for p in sorted(set(nodes) | set(missing)):
            if p in missing:
                recs.append(b"nostat\t%s\t%s\n" % (missing[p].encode(),
                                                   p.encode()))
                continue
            n = nodes[p]
            if n["type"] == "l":
                size = len(n["link"])
            elif n["type"] == "d":
                size = 4096
            else:
                size = len((n["content"] or "").encode())
            recs.append(b"stat\t%s\t%04o\t%d\t%d\t%d\t%s\t%s\n" % (
                n["type"].encode(), n["mode"], n["uid"], n["gid"], size,
                b"-" if n["acl"] < 0 else b"%d" % n["acl"], p.encode()))
            if n["type"] == "l":
                recs.append(b"link\t%s\t%s\n" % (p.encode(),
                                                 n["link"].encode()))
        for p in sorted(p for p in nodes if nodes[p]["content"] is not None
                        and nodes[p].get("send", True)):
            n = nodes[p]
            data = n["content"].encode()
            recs.append(b"file\t%d\t%s\t%s\n%s\n" % (
                len(data), b"t" if n["trunc"] else b"-", p.encode(), data))
        for p in sorted(nofile):
            recs.append(b"nofile\t%s\t%s\n" % (nofile[p].encode(), p.encode()))
        cmds = dict(self.cmds)
        if self.listen is not None:
            for v6, name in ((0, "listen /proc/net/tcp"),
                             (1, "listen /proc/net/tcp6")):
                cmds[name] = (0, listen_table(self.listen, v6))
        for name in sorted(cmds):
            status, out = cmds[name]
            data = out.encode()
            recs.append(b"cmd\t%d\t%d\t%s\n%s\n" % (
                len(data), status, name.encode(), data))
        return (b"synolint-bundle\t1\n" + b"".join(recs) +
                b"end\t%d\n" % len(recs))


# --- deltas: each returns a function Host -> None ------------------------
def cfg(line, text):
    """Replace sshd_config line `line` (1-based) by text."""
    def f(h):
        h.sshd[line - 1] = text
    return f


def cfg_add(*lines):
    """Append lines (a Match block) to sshd_config; first is line 30."""
    def f(h):
        h.sshd.extend(lines)
    return f


def chmod(path, mode, acl=None):
    def f(h):
        h.set(path, mode=mode)
        if acl is not None:
            h.set(path, acl=acl)
    return f


def chown(path, uid, gid=100):
    def f(h):
        h.set(path, uid=uid, gid=gid)
    return f


def add_file(path, mode, content, uid=0, gid=0, trunc=False):
    def f(h):
        h.file(path, mode, content, uid, gid, trunc=trunc)
    return f


def add_dir(path, mode, uid=0, gid=0):
    def f(h):
        h.dir(path, mode, uid, gid)
    return f


def rm(path, nofile=False):
    def f(h):
        h.gone(path, nofile)
    return f


def synoinfo(key, value):
    def f(h):
        if value is None:
            h.synoinfo.pop(key, None)
        else:
            h.synoinfo[key] = value
    return f


def not_dsm(h):
    """A plain Linux host: no /etc.defaults/VERSION, so no DSM tools run."""
    h.version = None
    h.gone("/etc.defaults/VERSION")
    for name in DSM_CMDS:
        h.cmds.pop(name, None)


def passwd(line, shadow=None):
    def f(h):
        h.passwd.append(line)
        if shadow is not None:
            h.shadow.append(shadow)
    return f


def no_sshd_config(h):
    h.sshd = None
    h.gone(CFG, nofile=True)


H = CANON + "alice"
NAMED_H = NAMED + "alice"
AK = H + "/.ssh/authorized_keys"
C = CFG + ":"

# Per rule: `why` (one line per bundle, written into `expect`), the deltas
# of each bundle over BASE ("pass" may be [] when the base host passes), and
# the exact expected findings per bundle.
RULES = {}


def rule(rid, why, expect, **bundles):
    RULES[rid] = dict(why=why, expect=expect, bundles=bundles)


# ---- home.rules ----------------------------------------------------------
rule("HOME-001",
     "pass: alice's home, ~/.ssh and authorized_keys are 0700/0700/0600, "
     "owned by alice, on the real path /volume1/homes/alice. "
     "fail: DSM's default 0777 home with an ACL: StrictModes refuses the key. "
     "na: root has no authorized_keys and alice has none either.",
     ["pass PASS user:alice", "pass NA user:root",
      "fail FAIL user:alice", "fail NA user:root",
      "na NA user:alice", "na NA user:root"],
     pass_=[], fail=[chmod(H, 0o777, acl=1)],
     na=[rm(AK, nofile=True)])

rule("HOME-002",
     "pass: /root 0700, alice's home 0700 (via the homes symlink). "
     "fail: alice's home is DSM's 0777 with an ACL.",
     ["pass PASS user:alice", "pass PASS user:root",
      "fail FAIL user:alice", "fail PASS user:root"],
     pass_=[], fail=[chmod(H, 0o777, acl=1)])

rule("HOME-003",
     "pass: every home owned by its user. "
     "fail: alice's home owned by root (uid 0).",
     ["pass PASS user:alice", "pass PASS user:root",
      "fail FAIL user:alice", "fail PASS user:root"],
     pass_=[], fail=[chown(H, 0, 0)])

rule("HOME-004",
     "pass: alice's ~/.ssh 0700 (root has none: NA). "
     "fail: alice's ~/.ssh 0755. na: nobody has a ~/.ssh.",
     ["pass PASS user:alice", "pass NA user:root",
      "fail FAIL user:alice", "fail NA user:root",
      "na NA user:alice", "na NA user:root"],
     pass_=[], fail=[chmod(H + "/.ssh", 0o755)],
     na=[rm(H + "/.ssh"), rm(AK, nofile=True), rm(H + "/.ssh/id_ed25519"),
         rm(H + "/.ssh/id_ed25519.pub")])

rule("HOME-005",
     "pass: alice's ~/.ssh owned by alice. fail: owned by guest (1025). "
     "na: nobody has a ~/.ssh.",
     ["pass PASS user:alice", "pass NA user:root",
      "fail FAIL user:alice", "fail NA user:root",
      "na NA user:alice", "na NA user:root"],
     pass_=[], fail=[chown(H + "/.ssh", 1025)],
     na=[rm(H + "/.ssh"), rm(AK, nofile=True), rm(H + "/.ssh/id_ed25519"),
         rm(H + "/.ssh/id_ed25519.pub")])

rule("HOME-006",
     "pass: alice's authorized_keys 0600. fail: 0644. "
     "na: nobody has authorized_keys.",
     ["pass PASS user:alice", "pass NA user:root",
      "fail FAIL user:alice", "fail NA user:root",
      "na NA user:alice", "na NA user:root"],
     pass_=[], fail=[chmod(AK, 0o644)], na=[rm(AK, nofile=True)])

rule("HOME-007",
     "pass: alice's authorized_keys owned by alice. fail: owned by guest. "
     "na: nobody has authorized_keys.",
     ["pass PASS user:alice", "pass NA user:root",
      "fail FAIL user:alice", "fail NA user:root",
      "na NA user:alice", "na NA user:root"],
     pass_=[], fail=[chown(AK, 1025)], na=[rm(AK, nofile=True)])

rule("HOME-008",
     "pass: alice's ~/.ssh/id_ed25519 is 0600 (root has no keys: NA). "
     "fail: it is 0644. na: no private key anywhere.",
     ["pass PASS file:%s/.ssh/id_ed25519" % NAMED_H, "pass NA user:root",
      "fail FAIL file:%s/.ssh/id_ed25519" % NAMED_H, "fail NA user:root",
      "na NA user:alice", "na NA user:root"],
     pass_=[], fail=[chmod(H + "/.ssh/id_ed25519", 0o644)],
     na=[rm(H + "/.ssh/id_ed25519")])

rule("HOME-009",
     "pass: alice's ~/.ssh and authorized_keys have no ACL (root has "
     "neither: NA). fail: authorized_keys carries a Synology ACL.",
     ["pass PASS file:%s/.ssh" % NAMED_H,
      "pass PASS file:%s/.ssh/authorized_keys" % NAMED_H,
      "pass NA file:/root/.ssh", "pass NA file:/root/.ssh/authorized_keys",
      "fail PASS file:%s/.ssh" % NAMED_H,
      "fail FAIL file:%s/.ssh/authorized_keys" % NAMED_H,
      "fail NA file:/root/.ssh", "fail NA file:/root/.ssh/authorized_keys"],
     pass_=[], fail=[chmod(AK, 0o600, acl=1)])

rule("HOME-010",
     "pass: only root has uid 0. fail: a second account `toor` has uid 0.",
     ["pass PASS host", "fail FAIL host"],
     pass_=[], fail=[passwd("toor:x:0:0::/root:/bin/sh",
                            "toor:x:18400:0:99999:7:::")])

# ---- sshd.rules: single-value directives ---------------------------------
# (rule, line, keyword, good value, bad value)
SIMPLE = [
    ("SSHD-004", 5, "PermitEmptyPasswords", "no", "yes"),
    ("SSHD-005", 6, "PubkeyAuthentication", "yes", "no"),
    ("SSHD-006", 7, "StrictModes", "yes", "no"),
    ("SSHD-007", 8, "MaxAuthTries", "2", "3"),
    ("SSHD-008", 9, "LoginGraceTime", "30", "31"),
    ("SSHD-009", 10, "X11Forwarding", "no", "yes"),
    ("SSHD-011", 12, "AllowAgentForwarding", "no", "yes"),
    ("SSHD-012", 13, "PermitUserEnvironment", "no", "yes"),
    ("SSHD-013", 14, "HostbasedAuthentication", "no", "yes"),
    ("SSHD-014", 15, "IgnoreRhosts", "yes", "no"),
    ("SSHD-015", 16, "LogLevel", "VERBOSE", "INFO"),
    ("SSHD-016", 17, "ClientAliveInterval", "300", "301"),
    ("SSHD-017", 18, "ClientAliveCountMax", "3", "0"),
]
for rid, line, kw, good, bad in SIMPLE:
    rule(rid,
         "pass: line %d sets %s %s. fail: line %d sets %s %s (the global "
         "value fails; no Match block, so no per-user finding)."
         % (line, kw, good, line, kw, bad),
         ["pass PASS host %s%d" % (C, line), "fail FAIL host %s%d" % (C, line)],
         pass_=[], fail=[cfg(line, "%s %s" % (kw, bad))])

# DSM's factory file re-enables forwarding for root and admin in Match
# blocks; here for root and alice (admin is disabled on the base host): the
# global value passes, the per-user view fails at the Match body line.
rule("SSHD-010",
     "pass: line 11 sets AllowTcpForwarding no. fail: as DSM's factory file "
     "does for root and admin, `Match User root` / `Match User alice` "
     "(lines 30-33) set it back to "
     "yes: host passes, root and alice fail at the body lines.",
     ["pass PASS host %s11" % C,
      "fail PASS host %s11" % C, "fail FAIL user:root %s31" % C,
      "fail FAIL user:alice %s33" % C],
     pass_=[], fail=[cfg_add("Match User root", "\tAllowTcpForwarding yes",
                             "Match User alice", "\tAllowTcpForwarding yes")])

rule("SSHD-001",
     "pass: line 2 sets PermitRootLogin no. fail: it is commented out, so "
     "OpenSSH's default prohibit-password applies (no config line).",
     ["pass PASS host %s2" % C, "fail FAIL host"],
     pass_=[], fail=[cfg(2, "#PermitRootLogin no")])

rule("SSHD-002",
     "pass: line 3 sets PasswordAuthentication no. fail: a `Match Group "
     "administrators` block (line 30-31) turns passwords back on for alice.",
     ["pass PASS host %s3" % C,
      "fail PASS host %s3" % C, "fail FAIL user:alice %s31" % C],
     pass_=[], fail=[cfg_add("Match Group administrators",
                             "\tPasswordAuthentication yes")])

rule("SSHD-003",
     "pass: line 4 sets ChallengeResponseAuthentication no, which on "
     "OpenSSH 8.2 (before 8.7) is what keeps keyboard-interactive off. "
     "fail: line 4 says KbdInteractiveAuthentication no instead, as modern "
     "guides do; ChallengeResponseAuthentication keeps its default yes and "
     "sshd 8.2 turns keyboard-interactive back on (no config line to blame).",
     ["pass PASS host", "fail FAIL host"],
     pass_=[], fail=[cfg(4, "KbdInteractiveAuthentication no")])

rule("SSHD-018",
     "pass: MaxStartups 10:30:60 (line 19). fail: OpenSSH's 10:30:100 "
     "written out (full 100 > 60).",
     ["pass PASS host %s19" % C, "fail FAIL host %s19" % C],
     pass_=[], fail=[cfg(19, "MaxStartups 10:30:100")])

rule("SSHD-019",
     "pass: AllowGroups administrators (line 20). fail: the line is "
     "commented out, so every account with a shell may log in.",
     ["pass PASS host %s20" % C, "fail FAIL host"],
     pass_=[], fail=[cfg(20, "#AllowGroups administrators")])

rule("SSHD-020",
     "pass: DSM with ssh_port=2222 in /etc/synoinfo.conf. fail: ssh_port=22. "
     "Plain Linux hosts are judged on Port (na is not meaningful).",
     ["pass PASS host", "fail FAIL host"],
     pass_=[], fail=[synoinfo("ssh_port", "22")])

rule("SSHD-021",
     "pass: DSM without a Port line. fail: DSM with `Port 2222` at line 30. "
     "na: a plain Linux host (not DSM) with the same Port line.",
     ["pass PASS host", "fail FAIL file:%s30 %s30" % (C, C), "na NA host"],
     pass_=[], fail=[cfg_add("Port 2222")], na=[not_dsm, cfg_add("Port 2222")])

rule("SSHD-022",
     "pass: Ciphers lists only AEAD and CTR modes (line 21). fail: "
     "aes256-cbc appended.",
     ["pass PASS host %s21" % C, "fail FAIL host %s21" % C],
     pass_=[], fail=[cfg(21, SSHD_CONFIG[20] + ",aes256-cbc")])

rule("SSHD-023",
     "pass: only -etm SHA-2 and UMAC-128 MACs (line 22). fail: hmac-sha1 "
     "appended.",
     ["pass PASS host %s22" % C, "fail FAIL host %s22" % C],
     pass_=[], fail=[cfg(22, SSHD_CONFIG[21] + ",hmac-sha1")])

rule("SSHD-024",
     "pass: curve25519 and the big DH groups (line 23). fail: the line is "
     "commented out, so OpenSSH 8.2's default list (NIST curves, "
     "diffie-hellman-group14-sha1) applies.",
     ["pass PASS host %s23" % C, "fail FAIL host"],
     pass_=[], fail=[cfg(23, "#" + SSHD_CONFIG[22])])

rule("SSHD-025",
     "pass: ed25519 and rsa-sha2 host key algorithms (line 24). fail: "
     "ssh-rsa appended.",
     ["pass PASS host %s24" % C, "fail FAIL host %s24" % C],
     pass_=[], fail=[cfg(24, SSHD_CONFIG[23] + ",ssh-rsa")])

rule("SSHD-026",
     "pass: no obsolete directive. fail: `Protocol 2` (deprecated) at "
     "line 30.",
     ["pass PASS host", "fail FAIL file:%s30 %s30" % (C, C)],
     pass_=[], fail=[cfg_add("Protocol 2")])

rule("SSHD-027",
     "pass: every line is valid. fail: `PermitRootLogin maybe` (bad value) "
     "replaces line 2.",
     ["pass PASS host", "fail FAIL file:%s2 %s2" % (C, C)],
     pass_=[], fail=[cfg(2, "PermitRootLogin maybe")])

rule("SSHD-028",
     "pass: sshd_config 0600. fail: 0644. na: the host has no sshd_config.",
     ["pass PASS file:" + CFG, "fail FAIL file:" + CFG, "na NA file:" + CFG],
     pass_=[], fail=[chmod(CFG, 0o644)], na=[no_sshd_config])

rule("SSHD-029",
     "pass: sshd_config owned by root. fail: owned by admin. "
     "na: the host has no sshd_config.",
     ["pass PASS file:" + CFG, "fail FAIL file:" + CFG, "na NA file:" + CFG],
     pass_=[], fail=[chown(CFG, 1024)], na=[no_sshd_config])

KEY = "/etc/ssh/ssh_host_ed25519_key"
rule("SSHD-030",
     "pass: the ed25519 host key is 0600. fail: 0640. na: no host key.",
     ["pass PASS file:" + KEY, "fail FAIL file:" + KEY, "na NA host"],
     pass_=[], fail=[chmod(KEY, 0o640)], na=[rm(KEY), rm(KEY + ".pub")])

rule("SSHD-031",
     "pass: the ed25519 host key is owned by root. fail: by admin. "
     "na: no host key.",
     ["pass PASS file:" + KEY, "fail FAIL file:" + KEY, "na NA host"],
     pass_=[], fail=[chown(KEY, 1024)], na=[rm(KEY), rm(KEY + ".pub")])

rule("SSHD-032",
     "pass: the host public key is 0644. fail: 0666. na: no host key.",
     ["pass PASS file:" + KEY + ".pub", "fail FAIL file:" + KEY + ".pub",
      "na NA host"],
     pass_=[], fail=[chmod(KEY + ".pub", 0o666)],
     na=[rm(KEY), rm(KEY + ".pub")])

rule("SSHD-033",
     "pass: /etc/ssh 0755. fail: 0775.",
     ["pass PASS file:/etc/ssh", "fail FAIL file:/etc/ssh"],
     pass_=[], fail=[chmod("/etc/ssh", 0o775)])

DROPIN = "/etc/ssh/sshd_config.d/10-fixture.conf"
rule("SSHD-034",
     "pass: a drop-in 0600. fail: the drop-in 0644. na: no drop-in "
     "directory at all (the base host).",
     ["pass PASS file:" + DROPIN, "fail FAIL file:" + DROPIN, "na NA host"],
     pass_=[add_dir("/etc/ssh/sshd_config.d", 0o755),
            add_file(DROPIN, 0o600, "# fixture drop-in\n")],
     fail=[add_dir("/etc/ssh/sshd_config.d", 0o755),
           add_file(DROPIN, 0o644, "# fixture drop-in\n")],
     na=[])


# ---- dsm.rules -------------------------------------------------------------
def api(name, base, **changes):
    """synowebapi's answer for SYNO.Core.<name>: base with changes."""
    def f(h):
        h.cmds[WEBAPI + name + " get"] = (
            0, webapi_answer(dict(base, **changes)))
    return f


def listen(add=(), drop=()):
    def f(h):
        h.listen = (h.listen | set(add)) - set(drop)
    return f


def shadow(user, line):
    """Replace the /etc/shadow line of user."""
    def f(h):
        h.shadow = [line if x.split(":")[0] == user else x for x in h.shadow]
    return f


def add_user(name, uid, shell, admin=False):
    """A DSM user with a home and no ~/.ssh, as the collector sends it."""
    def f(h):
        h.passwd.append("%s:x:%d:100::%s%s:%s" % (name, uid, NAMED, name,
                                                  shell))
        h.shadow.append("%s:x:19700:0:99999:7:::" % name)
        if admin:
            h.group = [x + "," + name if x.startswith("administrators:")
                       else x for x in h.group]
        home = CANON + name
        h.dir(home, 0o700, uid, 100)
        h.gone(home + "/.ssh")
        h.gone(home + "/.ssh/authorized_keys", nofile=True)
        h.gone(home + "/.ssh/authorized_keys2", nofile=True)
    return f


def acl(path, *entries):
    """path carries a Synology ACL; synoacltool -get lists entries."""
    owner = "alice"
    text = ("ACL version: 1\nArchive: is_inherit,is_support_ACL\n"
            "Owner: [%s(user)]\n---------------------\n" % owner +
            "".join("\t [%d] %s\n" % (i, e) for i, e in enumerate(entries)))

    def f(h):
        h.set(path, acl=1)
        h.cmds["synoacltool -get " + path] = (0, text)
    return f


# DSM's default homes ACL (tests/fixtures/dsm/synoacltool-get-home.txt): the
# owner and administrators may write; DSM shows such a home as 0777.
HOMES_ACL = ("user:alice:allow:rwxpdDaARWc--:fd-- (level:0)",
             "group:administrators:allow:rwxpdDaARWc--:fd-- (level:1)")
EVERYONE_W = "everyone::allow:rwxpdDaARWc--:fd-- (level:1)"


def dsm6(h):
    """The factory-era DSM 6.2.3 of dsm.md: OpenSSH 7.4p1, upstart."""
    h.version = [("majorversion", "6"), ("minorversion", "2"),
                 ("buildnumber", "25426"), ("productversion", "6.2.3"),
                 ("smallfixnumber", "0"), ("os_name", "DSM")]
    h.meta = [(k, "OpenSSH_7.4p1" if k == "openssh_version" else v)
              for k, v in h.meta]
    del h.cmds["synosystemctl is-active sshd.service"]
    h.cmds["synoservicectl --status sshd"] = (
        0, "sshd start/running, process 9876\n")


def user_home_off(h):
    """User home service off: homes -> @fake_home_link, no home exists."""
    h.synoinfo["userHomeEnable"] = "no"
    h.set("/var/services/homes", link="/volume1/@fake_home_link")
    h.dir("/volume1/@fake_home_link", 0o755)
    for p in [p for p in h.nodes if p.startswith(CANON)]:
        del h.nodes[p]
    for p in [p for p in h.missing if p.startswith(CANON)]:
        del h.missing[p]
    for p in [p for p in h.nofile if p.startswith(CANON)]:
        del h.nofile[p]
    for u in ("admin", "alice"):
        h.gone("/volume1/@fake_home_link/" + u)
        h.gone(NAMED + u)
        for k in ("authorized_keys", "authorized_keys2"):
            h.gone("%s%s/.ssh/%s" % (NAMED, u, k), nofile=True)


PORT22 = [api("Terminal", TERMINAL, ssh_port=22), synoinfo("ssh_port", "22"),
          listen(add=[22], drop=[2222])]

rule("DSM-001",
     "pass: synowebapi's AutoBlock answer has enable true (10 attempts in "
     "5 minutes). fail: enable false, as DSM ships it. na: a plain Linux "
     "host (no /etc.defaults/VERSION).",
     ["pass PASS host", "fail FAIL host", "na NA host"],
     pass_=[], fail=[api("Security.AutoBlock", AUTOBLOCK, enable=False)],
     na=[not_dsm])

rule("DSM-002",
     "pass: 10 attempts within 5 minutes, blocks never expire (expire_day "
     "0). fail: 20 attempts within 1 minute, blocks expire after 3 days "
     "(internet profile: at most 10, at least 5 minutes, at least 30 days). "
     "na: Auto Block is off (DSM-001 reports it).",
     ["pass PASS host", "fail FAIL host", "na NA host"],
     pass_=[], fail=[api("Security.AutoBlock", AUTOBLOCK, attempts=20,
                         within_mins=1, expire_day=3)],
     na=[api("Security.AutoBlock", AUTOBLOCK, enable=False)])

rule("DSM-003",
     "pass: the Terminal API says enable_telnet false. fail: it says true "
     "and telnetd listens on port 23. na: a plain Linux host.",
     ["pass PASS host", "fail FAIL host", "na NA host"],
     pass_=[], fail=[api("Terminal", TERMINAL, enable_telnet=True),
                     listen(add=[23])], na=[not_dsm])

rule("DSM-004",
     "pass: DSM's SSH port is 2222 (Terminal API, synoinfo.conf). fail: "
     "DSM's default 22 everywhere. na: a plain Linux host.",
     ["pass PASS host", "fail FAIL host", "na NA host"],
     pass_=[], fail=PORT22, na=[not_dsm])

rule("DSM-005",
     "pass: admin's /etc/shadow expire field is 1 (disabled). fail: it is "
     "empty: admin is enabled, as before DSM 6.2.4. (The predicate is not "
     "DSM-specific, so na is not meaningful.)",
     ["pass PASS host", "fail FAIL host"],
     pass_=[], fail=[shadow("admin", "admin:x:18400:0:99999:7:::")])

rule("DSM-006",
     "pass: root and alice (administrators) have shells, guest has nologin, "
     "admin is disabled. pass also with a user bob who has DSM's "
     "/sbin/nologin. fail: bob, not an administrator, has /bin/sh. "
     "na: a plain Linux host.",
     ["pass PASS host", "fail FAIL user:bob", "na NA host"],
     pass_=[add_user("bob", 1027, "/sbin/nologin")],
     fail=[add_user("bob", 1027, "/bin/sh")], na=[not_dsm])

rule("DSM-007",
     "pass: alice's home carries DSM's default homes ACL (alice and "
     "administrators write; DSM shows 0777): nothing foreign. fail: alice's "
     "~/.ssh (mode 0700, so StrictModes is content) has an ACL entry letting "
     "everyone write. root has no ACL anywhere (PASS).",
     ["pass PASS file:%s" % NAMED_H, "pass PASS user:root",
      "fail FAIL file:%s/.ssh" % NAMED_H, "fail PASS user:root"],
     pass_=[chmod(H, 0o777), acl(H, *HOMES_ACL)],
     fail=[acl(H + "/.ssh", HOMES_ACL[0], EVERYONE_W)])

rule("DSM-008",
     "pass: no ACL and modes 0700 (what chmod 700 leaves). fail: DSM's "
     "default: alice's home shows 0777 only because of the homes ACL, which "
     "lets only alice and administrators write; sshd refuses her keys. "
     "na: a plain Linux host.",
     ["pass PASS user:alice", "pass PASS user:root",
      "fail FAIL file:%s" % NAMED_H, "fail PASS user:root",
      "na NA user:alice", "na NA user:root"],
     pass_=[], fail=[chmod(H, 0o777), acl(H, *HOMES_ACL)], na=[not_dsm])

rule("DSM-009",
     "pass: userHomeEnable yes, /var/services/homes -> /volume1/homes. "
     "fail: the service is off (homes -> /volume1/@fake_home_link, no home "
     "exists) while sshd accepts only keys. na: a plain Linux host.",
     ["pass PASS host", "fail FAIL host", "na NA host"],
     pass_=[], fail=[user_home_off], na=[not_dsm])

rule("DSM-010",
     "pass: no Port line; sshd listens on DSM's port 2222. fail: `Port "
     "6622` at line 30 opens a second listener DSM does not show. na: a "
     "plain Linux host.",
     ["pass PASS host", "fail FAIL file:%s30 %s30" % (C, C), "na NA host"],
     pass_=[], fail=[cfg_add("Port 6622"), listen(add=[6622])],
     na=[not_dsm])

rule("DSM-011",
     "pass: SSH is on in DSM. fail: the Terminal API says enable_ssh false "
     "(SFTP and rsync off too) but sshd.service is active and listens on "
     "2222. na: a plain Linux host.",
     ["pass PASS host", "fail FAIL host", "na NA host"],
     pass_=[], fail=[api("Terminal", TERMINAL, enable_ssh=False)],
     na=[not_dsm])

rule("DSM-012",
     "pass: DSM 7.2.2. fail: DSM 6.2.3 with its OpenSSH 7.4p1. na: a plain "
     "Linux host.",
     ["pass PASS host", "fail FAIL host", "na NA host"],
     pass_=[], fail=[dsm6], na=[not_dsm])

rule("DSM-013",
     "pass: enableguest=\"no\" and guest's shadow expire field is 1. fail: "
     "guest enabled in Control Panel (enableguest=\"yes\", expire field "
     "empty). na: a plain Linux host.",
     ["pass PASS host", "fail FAIL host", "na NA host"],
     pass_=[], fail=[synoinfo("enableguest", "yes"),
                     shadow("guest", "guest:*:10933:0:99999:7:::")],
     na=[not_dsm])


def write_if_changed(path, data):
    with open(path, "wb") as fp:
        fp.write(data)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.abspath(__file__))
    for rid in sorted(RULES):
        r = RULES[rid]
        d = os.path.join(out, rid)
        os.makedirs(d, exist_ok=True)
        for name in ("pass", "fail", "na"):
            key = "pass_" if name == "pass" else name
            if key not in r["bundles"]:
                continue
            h = Host()
            for delta in r["bundles"][key]:
                delta(h)
            write_if_changed(os.path.join(d, name + ".bundle"), h.bundle())
        lines = ["# %s fixtures, written by tests/rules/make-fixtures.py" % rid,
                 ] + ["# " + x for x in textwrap.wrap(r["why"], 74)] + [
                 "# BUNDLE VERDICT OBJECT [FILE:LINE]"]
        lines += r["expect"]
        write_if_changed(os.path.join(d, "expect"),
                         ("\n".join(lines) + "\n").encode())


if __name__ == "__main__":
    main()
