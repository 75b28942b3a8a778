/*
 * sshd_keywords.h — every sshd_config keyword sshd knows, as an X-macro list
 * (servconf.c's keywords[] plus what dump_config() prints). Expanded by the
 * parser (validation, Match permission, status), the effective-config engine
 * (first-wins/accumulate, defaults) and the `sshd -T` printer (order).
 *
 * SSHD_KW(spelling, canon, type, mode, flags, since, until, status, dflt)
 *   spelling	lowercase keyword as written (matched case-insensitively)
 *   canon	the name `sshd -T` prints it under (== spelling unless alias)
 *   type	SSHD_T_*: how its arguments are checked and normalised
 *   mode	SSHD_M_FIRST (first value wins), SSHD_M_LAST (servconf.c
 *		assigns without an "unset" check), SSHD_M_ACCUM (accumulates)
 *   flags	SSHD_F_MATCH: allowed in a Match block; SSHD_F_NOPRINT: sshd -T
 *		does not print it (on Linux)
 *   since,until  OpenSSH versions (major*100+minor) where this row applies:
 *		since <= v < until. Outside every row the keyword is unknown.
 *   status	SSHD_S_OK, SSHD_S_DEPRECATED, SSHD_S_UNSUPPORTED, SSHD_S_IGNORE
 *		(servconf.c sIgnore: silently ignored; we report it as deprecated)
 *   dflt	the default exactly as `sshd -T` prints it, one line per '\n'
 *		separated value; NULL if computed or not printed.
 *
 * Canonical rows (spelling == canon, status OK, no NOPRINT) appear in the
 * order dump_config() prints them for OpenSSH 9.2 (verified against Debian
 * 12's /usr/sbin/sshd -T). Where a default differs by version, SSHD_DEF rows
 * below override dflt.
 *
 * Version 902 models Debian 12's build (USE_PAM, KRB5, GSSAPI and Debian's
 * GSSAPI key-exchange patch, which adds gssapikeyexchange,
 * gssapistorecredentialsonrekey and gssapikexalgorithms). Older versions
 * model upstream portable builds with PAM, Kerberos and GSSAPI, as Synology
 * ships them.
 *
 * History sources (servconf.c history / release notes via the search tool):
 *  7.4: SSH-1 server removed: RSAAuthentication, RhostsRSAAuthentication,
 *       ServerKeyBits, KeyRegenerationInterval, UseLogin -> Deprecated.
 *  7.5: UsePrivilegeSeparation -> Deprecated (privsep mandatory).
 *  7.6: ExposeAuthInfo, RDomain. 7.8: PermitListen, SetEnv.
 *  7.9: CASignatureAlgorithms. 8.2: Include, PubkeyAuthOptions,
 *       SecurityKeyProvider. 8.3: ModuliFile? (XXX unverified, may be 8.4).
 *  8.5: PubkeyAcceptedKeyTypes -> PubkeyAcceptedAlgorithms and
 *       HostbasedAcceptedKeyTypes -> HostbasedAcceptedAlgorithms (old names
 *       kept as aliases), PerSourceMaxStartups, PerSourceNetBlockSize,
 *       LogVerbose. 8.7: ChallengeResponseAuthentication becomes an alias of
 *       KbdInteractiveAuthentication (default yes); IgnoreRhosts shosts-only
 *       and allowed in Match (XXX: 8.7 unverified). 9.1: RequiredRSASize.
 *  9.2: ChannelTimeout, UnusedConnectionTimeout.
 */
#ifndef SL_SSHD_KEYWORDS_H
#define SL_SSHD_KEYWORDS_H

enum sshd_type {
	SSHD_T_NONE,		/* deprecated/unsupported: arguments ignored */
	SSHD_T_FLAG,		/* yes|no */
	SSHD_T_PRL,		/* PermitRootLogin */
	SSHD_T_COMP,		/* Compression */
	SSHD_T_GWP,		/* GatewayPorts */
	SSHD_T_FWD,		/* AllowTcpForwarding, AllowStreamLocalForwarding */
	SSHD_T_AF,		/* AddressFamily */
	SSHD_T_IGNRH,		/* IgnoreRhosts */
	SSHD_T_PRIVSEP,		/* UsePrivilegeSeparation (< 7.5) */
	SSHD_T_TUN,		/* PermitTunnel (case-sensitive) */
	SSHD_T_LOGLEVEL,
	SSHD_T_FACILITY,
	SSHD_T_FPHASH,
	SSHD_T_INT,		/* non-negative int (atoi_err) */
	SSHD_T_TIME,		/* convtime(): 1h30m -> 5400 */
	SSHD_T_STR,		/* one argument, kept as written */
	SSHD_T_PATH,		/* one file name argument */
	SSHD_T_RAW,		/* rest of the line (ForceCommand, VersionAddendum) */
	SSHD_T_CMD,		/* rest of the line, absolute path or none */
	SSHD_T_USERS,		/* Allow/DenyUsers: one value per argument */
	SSHD_T_GROUPS,		/* Allow/DenyGroups */
	SSHD_T_ACCEPTENV,
	SSHD_T_SETENV,
	SSHD_T_ARGS1,		/* arguments of the first line, one printed line */
	SSHD_T_MULTI,		/* one value per line (HostKey, HostCertificate) */
	SSHD_T_ALG_CIPHER,
	SSHD_T_ALG_MAC,
	SSHD_T_ALG_KEX,
	SSHD_T_ALG_KEY,		/* HostKey/Pubkey/Hostbased algorithms */
	SSHD_T_ALG_SIG,		/* CASignatureAlgorithms */
	SSHD_T_PORT,
	SSHD_T_LISTEN,
	SSHD_T_MAXSTARTUPS,
	SSHD_T_PSMAX,		/* PerSourceMaxStartups */
	SSHD_T_PSNET,		/* PerSourceNetBlockSize */
	SSHD_T_REKEY,
	SSHD_T_IPQOS,
	SSHD_T_OCTMASK,		/* StreamLocalBindMask */
	SSHD_T_PERMITOPEN,
	SSHD_T_PERMITLISTEN,
	SSHD_T_PUENV,		/* PermitUserEnvironment */
	SSHD_T_PKOPTS,		/* PubkeyAuthOptions */
	SSHD_T_AUTHMETHODS,
	SSHD_T_CHTIMEOUT,	/* ChannelTimeout */
	SSHD_T_UNUSEDTO,	/* UnusedConnectionTimeout */
	SSHD_T_SUBSYSTEM,
	SSHD_T_AKFILE,		/* AuthorizedKeysFile */
	SSHD_T_LOGVERBOSE,
	SSHD_T_INCLUDE,
	SSHD_T_MATCH,
	SSHD_T_RDOMAIN		/* not supported on Linux: fatal */
};

enum sshd_mode { SSHD_M_FIRST, SSHD_M_LAST, SSHD_M_ACCUM };

enum sshd_status {
	SSHD_S_OK, SSHD_S_DEPRECATED, SSHD_S_UNSUPPORTED, SSHD_S_IGNORE
};

#define SSHD_F_MATCH	0x01
#define SSHD_F_NOPRINT	0x02
#define SSHD_V_ALL	0
#define SSHD_V_MAX	100000

#define SSHD_ALGS_CIPHER_902 "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com"
#define SSHD_ALGS_MAC_902 "umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1"
#define SSHD_ALGS_KEX_902 "sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256"
#define SSHD_ALGS_KEY_902 "ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256"
#define SSHD_ALGS_SIG_902 "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256"
#define SSHD_GSSKEX_902 "gss-group14-sha256-,gss-group16-sha512-,gss-nistp256-sha256-,gss-curve25519-sha256-,gss-group14-sha1-,gss-gex-sha1-"
#define SSHD_HOSTKEYS "/etc/ssh/ssh_host_rsa_key\n/etc/ssh/ssh_host_ecdsa_key\n/etc/ssh/ssh_host_ed25519_key"

#define KM	SSHD_F_MATCH
#define KNP	SSHD_F_NOPRINT
#define KVA	SSHD_V_ALL
#define KVX	SSHD_V_MAX
#define KOK	SSHD_S_OK
#define KFI	SSHD_M_FIRST
#define KLA	SSHD_M_LAST
#define KAC	SSHD_M_ACCUM

#define SSHD_KEYWORDS(K)						\
	/* canonical keywords, in `sshd -T` order */			\
	K("port", "port", SSHD_T_PORT, KAC, 0, KVA, KVX, KOK, "22")	\
	K("addressfamily", "addressfamily", SSHD_T_AF, KFI, 0, KVA, KVX, KOK, "any") \
	K("listenaddress", "listenaddress", SSHD_T_LISTEN, KAC, 0, KVA, KVX, KOK, NULL) \
	K("usepam", "usepam", SSHD_T_FLAG, KFI, 0, KVA, KVX, KOK, "no")	\
	K("logingracetime", "logingracetime", SSHD_T_TIME, KFI, 0, KVA, KVX, KOK, "120") \
	K("x11displayoffset", "x11displayoffset", SSHD_T_INT, KFI, KM, KVA, KVX, KOK, "10") \
	K("maxauthtries", "maxauthtries", SSHD_T_INT, KFI, KM, KVA, KVX, KOK, "6") \
	K("maxsessions", "maxsessions", SSHD_T_INT, KFI, KM, KVA, KVX, KOK, "10") \
	K("clientaliveinterval", "clientaliveinterval", SSHD_T_TIME, KFI, KM, KVA, KVX, KOK, "0") \
	K("clientalivecountmax", "clientalivecountmax", SSHD_T_INT, KFI, KM, KVA, KVX, KOK, "3") \
	K("requiredrsasize", "requiredrsasize", SSHD_T_INT, KFI, KM, 901, KVX, KOK, "1024") \
	K("streamlocalbindmask", "streamlocalbindmask", SSHD_T_OCTMASK, KLA, KM, KVA, KVX, KOK, "0177") \
	K("unusedconnectiontimeout", "unusedconnectiontimeout", SSHD_T_UNUSEDTO, KFI, KM, 902, KVX, KOK, "none") \
	K("permitrootlogin", "permitrootlogin", SSHD_T_PRL, KFI, KM, KVA, KVX, KOK, "without-password") \
	K("ignorerhosts", "ignorerhosts", SSHD_T_IGNRH, KFI, 0, KVA, 807, KOK, "yes") \
	K("ignorerhosts", "ignorerhosts", SSHD_T_IGNRH, KFI, KM, 807, KVX, KOK, "yes") \
	K("ignoreuserknownhosts", "ignoreuserknownhosts", SSHD_T_FLAG, KFI, 0, KVA, KVX, KOK, "no") \
	K("hostbasedauthentication", "hostbasedauthentication", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "no") \
	K("hostbasedusesnamefrompacketonly", "hostbasedusesnamefrompacketonly", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "no") \
	K("pubkeyauthentication", "pubkeyauthentication", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "yes") \
	K("kerberosauthentication", "kerberosauthentication", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "no") \
	K("kerberosorlocalpasswd", "kerberosorlocalpasswd", SSHD_T_FLAG, KFI, 0, KVA, KVX, KOK, "yes") \
	K("kerberosticketcleanup", "kerberosticketcleanup", SSHD_T_FLAG, KFI, 0, KVA, KVX, KOK, "yes") \
	K("gssapiauthentication", "gssapiauthentication", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "no") \
	K("gssapicleanupcredentials", "gssapicleanupcredentials", SSHD_T_FLAG, KFI, 0, KVA, KVX, KOK, "yes") \
	K("gssapikeyexchange", "gssapikeyexchange", SSHD_T_FLAG, KFI, 0, 902, KVX, KOK, "no") \
	K("gssapistrictacceptorcheck", "gssapistrictacceptorcheck", SSHD_T_FLAG, KFI, 0, 902, KVX, KOK, "yes") \
	K("gssapistrictacceptorcheck", "gssapistrictacceptorcheck", SSHD_T_FLAG, KFI, KNP, KVA, 902, KOK, "yes") \
	K("gssapistorecredentialsonrekey", "gssapistorecredentialsonrekey", SSHD_T_FLAG, KFI, 0, 902, KVX, KOK, "no") \
	K("gssapikexalgorithms", "gssapikexalgorithms", SSHD_T_STR, KFI, 0, 902, KVX, KOK, SSHD_GSSKEX_902) \
	K("passwordauthentication", "passwordauthentication", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "yes") \
	K("kbdinteractiveauthentication", "kbdinteractiveauthentication", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "yes") \
	K("challengeresponseauthentication", "challengeresponseauthentication", SSHD_T_FLAG, KFI, 0, KVA, 807, KOK, "yes") \
	K("printmotd", "printmotd", SSHD_T_FLAG, KFI, 0, KVA, KVX, KOK, "yes") \
	K("printlastlog", "printlastlog", SSHD_T_FLAG, KFI, 0, KVA, KVX, KOK, "yes") \
	K("x11forwarding", "x11forwarding", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "no") \
	K("x11uselocalhost", "x11uselocalhost", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "yes") \
	K("permittty", "permittty", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "yes") \
	K("permituserrc", "permituserrc", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "yes") \
	K("strictmodes", "strictmodes", SSHD_T_FLAG, KFI, 0, KVA, KVX, KOK, "yes") \
	K("tcpkeepalive", "tcpkeepalive", SSHD_T_FLAG, KFI, 0, KVA, KVX, KOK, "yes") \
	K("permitemptypasswords", "permitemptypasswords", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "no") \
	K("compression", "compression", SSHD_T_COMP, KFI, 0, KVA, KVX, KOK, "yes") \
	K("gatewayports", "gatewayports", SSHD_T_GWP, KFI, KM, KVA, KVX, KOK, "no") \
	K("usedns", "usedns", SSHD_T_FLAG, KFI, 0, KVA, KVX, KOK, "no")	\
	K("allowtcpforwarding", "allowtcpforwarding", SSHD_T_FWD, KFI, KM, KVA, KVX, KOK, "yes") \
	K("allowagentforwarding", "allowagentforwarding", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "yes") \
	K("disableforwarding", "disableforwarding", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "no") \
	K("allowstreamlocalforwarding", "allowstreamlocalforwarding", SSHD_T_FWD, KFI, KM, KVA, KVX, KOK, "yes") \
	K("streamlocalbindunlink", "streamlocalbindunlink", SSHD_T_FLAG, KFI, KM, KVA, KVX, KOK, "no") \
	K("useprivilegeseparation", "useprivilegeseparation", SSHD_T_PRIVSEP, KFI, 0, KVA, 705, KOK, "sandbox") \
	K("fingerprinthash", "fingerprinthash", SSHD_T_FPHASH, KLA, 0, KVA, KVX, KOK, "SHA256") \
	K("exposeauthinfo", "exposeauthinfo", SSHD_T_FLAG, KFI, KM, 706, KVX, KOK, "no") \
	K("pidfile", "pidfile", SSHD_T_PATH, KFI, 0, KVA, KVX, KOK, "/run/sshd.pid") \
	K("modulifile", "modulifile", SSHD_T_PATH, KFI, 0, 803, KVX, KOK, "/etc/ssh/moduli") \
	K("xauthlocation", "xauthlocation", SSHD_T_PATH, KFI, 0, KVA, KVX, KOK, "/usr/bin/xauth") \
	K("ciphers", "ciphers", SSHD_T_ALG_CIPHER, KFI, 0, KVA, KVX, KOK, SSHD_ALGS_CIPHER_902) \
	K("macs", "macs", SSHD_T_ALG_MAC, KFI, 0, KVA, KVX, KOK, SSHD_ALGS_MAC_902) \
	K("banner", "banner", SSHD_T_PATH, KFI, KM, KVA, KVX, KOK, "none")	\
	K("forcecommand", "forcecommand", SSHD_T_RAW, KFI, KM, KVA, KVX, KOK, "none") \
	K("chrootdirectory", "chrootdirectory", SSHD_T_STR, KFI, KM, KVA, KVX, KOK, "none") \
	K("trustedusercakeys", "trustedusercakeys", SSHD_T_PATH, KFI, KM, KVA, KVX, KOK, "none") \
	K("revokedkeys", "revokedkeys", SSHD_T_PATH, KFI, KM, KVA, KVX, KOK, "none") \
	K("securitykeyprovider", "securitykeyprovider", SSHD_T_STR, KFI, 0, 802, KVX, KOK, "internal") \
	K("authorizedprincipalsfile", "authorizedprincipalsfile", SSHD_T_STR, KFI, KM, KVA, KVX, KOK, "none") \
	K("versionaddendum", "versionaddendum", SSHD_T_RAW, KFI, 0, KVA, KVX, KOK, "none") \
	K("authorizedkeyscommand", "authorizedkeyscommand", SSHD_T_CMD, KFI, KM, KVA, KVX, KOK, "none") \
	K("authorizedkeyscommanduser", "authorizedkeyscommanduser", SSHD_T_STR, KFI, KM, KVA, KVX, KOK, "none") \
	K("authorizedprincipalscommand", "authorizedprincipalscommand", SSHD_T_CMD, KFI, KM, KVA, KVX, KOK, "none") \
	K("authorizedprincipalscommanduser", "authorizedprincipalscommanduser", SSHD_T_STR, KFI, KM, KVA, KVX, KOK, "none") \
	K("hostkeyagent", "hostkeyagent", SSHD_T_STR, KFI, 0, KVA, KVX, KOK, "none") \
	K("kexalgorithms", "kexalgorithms", SSHD_T_ALG_KEX, KFI, 0, KVA, KVX, KOK, SSHD_ALGS_KEX_902) \
	K("casignaturealgorithms", "casignaturealgorithms", SSHD_T_ALG_SIG, KFI, KM, 709, KVX, KOK, SSHD_ALGS_SIG_902) \
	K("hostbasedacceptedkeytypes", "hostbasedacceptedkeytypes", SSHD_T_ALG_KEY, KFI, KM, KVA, 805, KOK, SSHD_ALGS_KEY_902) \
	K("hostbasedacceptedalgorithms", "hostbasedacceptedalgorithms", SSHD_T_ALG_KEY, KFI, KM, 805, KVX, KOK, SSHD_ALGS_KEY_902) \
	K("hostkeyalgorithms", "hostkeyalgorithms", SSHD_T_ALG_KEY, KFI, 0, KVA, KVX, KOK, SSHD_ALGS_KEY_902) \
	K("pubkeyacceptedkeytypes", "pubkeyacceptedkeytypes", SSHD_T_ALG_KEY, KFI, KM, KVA, 805, KOK, SSHD_ALGS_KEY_902) \
	K("pubkeyacceptedalgorithms", "pubkeyacceptedalgorithms", SSHD_T_ALG_KEY, KFI, KM, 805, KVX, KOK, SSHD_ALGS_KEY_902) \
	K("rdomain", "rdomain", SSHD_T_RDOMAIN, KFI, KM | KNP, 706, KVX, KOK, NULL) \
	K("loglevel", "loglevel", SSHD_T_LOGLEVEL, KFI, KM, KVA, KVX, KOK, "INFO") \
	K("syslogfacility", "syslogfacility", SSHD_T_FACILITY, KFI, 0, KVA, KVX, KOK, "AUTH") \
	K("authorizedkeysfile", "authorizedkeysfile", SSHD_T_AKFILE, KFI, KM, KVA, KVX, KOK, ".ssh/authorized_keys .ssh/authorized_keys2") \
	K("hostkey", "hostkey", SSHD_T_MULTI, KAC, 0, KVA, KVX, KOK, SSHD_HOSTKEYS) \
	K("hostcertificate", "hostcertificate", SSHD_T_MULTI, KAC, 0, KVA, KVX, KOK, NULL) \
	K("allowusers", "allowusers", SSHD_T_USERS, KAC, KM, KVA, KVX, KOK, NULL) \
	K("denyusers", "denyusers", SSHD_T_USERS, KAC, KM, KVA, KVX, KOK, NULL) \
	K("allowgroups", "allowgroups", SSHD_T_GROUPS, KAC, KM, KVA, KVX, KOK, NULL) \
	K("denygroups", "denygroups", SSHD_T_GROUPS, KAC, KM, KVA, KVX, KOK, NULL) \
	K("acceptenv", "acceptenv", SSHD_T_ACCEPTENV, KAC, KM, KVA, KVX, KOK, NULL) \
	K("setenv", "setenv", SSHD_T_SETENV, KFI, KM, 708, KVX, KOK, NULL) \
	K("authenticationmethods", "authenticationmethods", SSHD_T_AUTHMETHODS, KFI, KM, KVA, KVX, KOK, "any") \
	K("logverbose", "logverbose", SSHD_T_LOGVERBOSE, KFI, KM, 805, KVX, KOK, NULL) \
	K("channeltimeout", "channeltimeout", SSHD_T_CHTIMEOUT, KFI, KM, 902, KVX, KOK, NULL) \
	K("subsystem", "subsystem", SSHD_T_SUBSYSTEM, KAC, 0, KVA, KVX, KOK, NULL) \
	K("maxstartups", "maxstartups", SSHD_T_MAXSTARTUPS, KLA, 0, KVA, KVX, KOK, "10:30:100") \
	K("persourcemaxstartups", "persourcemaxstartups", SSHD_T_PSMAX, KLA, 0, 805, KVX, KOK, "none") \
	K("persourcenetblocksize", "persourcenetblocksize", SSHD_T_PSNET, KLA, 0, 805, KVX, KOK, "32:128") \
	K("permittunnel", "permittunnel", SSHD_T_TUN, KFI, KM, KVA, KVX, KOK, "no") \
	K("ipqos", "ipqos", SSHD_T_IPQOS, KLA, KM, KVA, KVX, KOK, "lowdelay throughput") \
	K("rekeylimit", "rekeylimit", SSHD_T_REKEY, KFI, KM, KVA, KVX, KOK, "0 0") \
	K("permitopen", "permitopen", SSHD_T_PERMITOPEN, KFI, KM, KVA, KVX, KOK, "any") \
	K("permitlisten", "permitlisten", SSHD_T_PERMITLISTEN, KFI, KM, 708, KVX, KOK, "any") \
	K("permituserenvironment", "permituserenvironment", SSHD_T_PUENV, KFI, 0, KVA, KVX, KOK, "no") \
	K("pubkeyauthoptions", "pubkeyauthoptions", SSHD_T_PKOPTS, KFI, KM, 802, KVX, KOK, "none") \
	/* structure */							\
	K("include", "include", SSHD_T_INCLUDE, KFI, KM | KNP, 802, KVX, KOK, NULL) \
	K("match", "match", SSHD_T_MATCH, KFI, KM | KNP, KVA, KVX, KOK, NULL) \
	/* aliases */							\
	K("hostdsakey", "hostkey", SSHD_T_MULTI, KAC, 0, KVA, KVX, KOK, NULL) \
	K("dsaauthentication", "pubkeyauthentication", SSHD_T_FLAG, KFI, 0, KVA, KVX, KOK, NULL) \
	K("keepalive", "tcpkeepalive", SSHD_T_FLAG, KFI, 0, KVA, KVX, KOK, NULL) \
	K("skeyauthentication", "challengeresponseauthentication", SSHD_T_FLAG, KFI, 0, KVA, 807, KOK, NULL) \
	K("challengeresponseauthentication", "kbdinteractiveauthentication", SSHD_T_FLAG, KFI, KM, 807, KVX, KOK, NULL) \
	K("skeyauthentication", "kbdinteractiveauthentication", SSHD_T_FLAG, KFI, KM, 807, KVX, KOK, NULL) \
	K("hostbasedacceptedkeytypes", "hostbasedacceptedalgorithms", SSHD_T_ALG_KEY, KFI, KM, 805, KVX, KOK, NULL) \
	K("pubkeyacceptedkeytypes", "pubkeyacceptedalgorithms", SSHD_T_ALG_KEY, KFI, KM, 805, KVX, KOK, NULL) \
	/* obsolete: "Deprecated option" / "Unsupported option" */	\
	K("pamauthenticationviakbdint", "pamauthenticationviakbdint", SSHD_T_NONE, KFI, 0, KVA, KVX, SSHD_S_DEPRECATED, NULL) \
	K("serverkeybits", "serverkeybits", SSHD_T_NONE, KFI, 0, KVA, KVX, SSHD_S_DEPRECATED, NULL) \
	K("keyregenerationinterval", "keyregenerationinterval", SSHD_T_NONE, KFI, 0, KVA, KVX, SSHD_S_DEPRECATED, NULL) \
	K("rhostsauthentication", "rhostsauthentication", SSHD_T_NONE, KFI, 0, KVA, KVX, SSHD_S_DEPRECATED, NULL) \
	K("rhostsrsaauthentication", "rhostsrsaauthentication", SSHD_T_NONE, KFI, KM, KVA, KVX, SSHD_S_DEPRECATED, NULL) \
	K("rsaauthentication", "rsaauthentication", SSHD_T_NONE, KFI, KM, KVA, KVX, SSHD_S_DEPRECATED, NULL) \
	K("checkmail", "checkmail", SSHD_T_NONE, KFI, 0, KVA, KVX, SSHD_S_DEPRECATED, NULL) \
	K("uselogin", "uselogin", SSHD_T_NONE, KFI, 0, KVA, KVX, SSHD_S_DEPRECATED, NULL) \
	K("verifyreversemapping", "verifyreversemapping", SSHD_T_NONE, KFI, 0, KVA, KVX, SSHD_S_DEPRECATED, NULL) \
	K("reversemappingcheck", "reversemappingcheck", SSHD_T_NONE, KFI, 0, KVA, KVX, SSHD_S_DEPRECATED, NULL) \
	K("authorizedkeysfile2", "authorizedkeysfile2", SSHD_T_NONE, KFI, KM, KVA, KVX, SSHD_S_DEPRECATED, NULL) \
	K("useprivilegeseparation", "useprivilegeseparation", SSHD_T_NONE, KFI, 0, 705, KVX, SSHD_S_DEPRECATED, NULL) \
	K("protocol", "protocol", SSHD_T_NONE, KFI, 0, KVA, KVX, SSHD_S_IGNORE, NULL) \
	K("kerberosgetafstoken", "kerberosgetafstoken", SSHD_T_NONE, KFI, 0, KVA, KVX, SSHD_S_UNSUPPORTED, NULL) \
	K("kerberostgtpassing", "kerberostgtpassing", SSHD_T_NONE, KFI, 0, KVA, KVX, SSHD_S_UNSUPPORTED, NULL) \
	K("afstokenpassing", "afstokenpassing", SSHD_T_NONE, KFI, 0, KVA, KVX, SSHD_S_UNSUPPORTED, NULL)

/*
 * Version-dependent defaults: SSHD_DEF(canon, since, value) — for versions
 * below `since` the value given applies; the latest applicable row wins
 * over the table default. XXX: the pre-9.2 algorithm lists come from the
 * OpenSSH release notes (myproposal.h history), not from running those
 * daemons; verify against a real DSM `sshd -T` when one is available.
 */
#define SSHD_DEFAULTS(D)						\
	D("kbdinteractiveauthentication", 807, "no")			\
	D("compression", 706, "delayed")				\
	D("kexalgorithms", 900, "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,sntrup761x25519-sha512@openssh.com,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256") \
	D("kexalgorithms", 805, "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256") \
	D("kexalgorithms", 802, "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256,diffie-hellman-group14-sha1") \
	D("hostkeyalgorithms", 808, "ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,ssh-ed25519-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ecdsa-sha2-nistp256@openssh.com,ssh-ed25519,sk-ssh-ed25519@openssh.com,rsa-sha2-512,rsa-sha2-256,ssh-rsa") \
	D("hostkeyalgorithms", 802, "ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,ssh-ed25519,rsa-sha2-512,rsa-sha2-256,ssh-rsa") \
	D("pubkeyacceptedalgorithms", 808, "ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,ssh-ed25519-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ecdsa-sha2-nistp256@openssh.com,ssh-ed25519,sk-ssh-ed25519@openssh.com,rsa-sha2-512,rsa-sha2-256,ssh-rsa") \
	D("hostbasedacceptedalgorithms", 808, "ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,ssh-ed25519-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ecdsa-sha2-nistp256@openssh.com,ssh-ed25519,sk-ssh-ed25519@openssh.com,rsa-sha2-512,rsa-sha2-256,ssh-rsa") \
	D("pubkeyacceptedkeytypes", 805, "ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,ssh-ed25519-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ecdsa-sha2-nistp256@openssh.com,ssh-ed25519,sk-ssh-ed25519@openssh.com,rsa-sha2-512,rsa-sha2-256,ssh-rsa") \
	D("pubkeyacceptedkeytypes", 802, "ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,ssh-ed25519,rsa-sha2-512,rsa-sha2-256,ssh-rsa") \
	D("hostbasedacceptedkeytypes", 805, "ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,ssh-ed25519-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ecdsa-sha2-nistp256@openssh.com,ssh-ed25519,sk-ssh-ed25519@openssh.com,rsa-sha2-512,rsa-sha2-256,ssh-rsa") \
	D("hostbasedacceptedkeytypes", 802, "ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,ssh-ed25519,rsa-sha2-512,rsa-sha2-256,ssh-rsa") \
	D("casignaturealgorithms", 808, "ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ecdsa-sha2-nistp256@openssh.com,ssh-ed25519,sk-ssh-ed25519@openssh.com,rsa-sha2-512,rsa-sha2-256,ssh-rsa") \
	D("pidfile", 803, "/var/run/sshd.pid")

#endif
