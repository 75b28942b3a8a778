/*
 * keys.h — SSH keys as sshd and ssh-keygen see them. Pure, bounded parsers
 * (bytes in, structs and diagnostics out, no I/O):
 *   - public key blobs (plain, security-key and certificate types): type,
 *     bits and SHA256 fingerprint exactly as `ssh-keygen -lf` prints them;
 *   - authorized_keys files with sshd's option grammar, one struct per line;
 *   - private key headers as the collector sends them (format, type where
 *     known, encrypted or not) without ever needing key material.
 */
#ifndef SL_KEYS_H
#define SL_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "strv.h"

/* ---- key types ------------------------------------------------------- */

enum key_family {
	KF_RSA,
	KF_DSA,
	KF_ECDSA,
	KF_ED25519,
	KF_ECDSA_SK,
	KF_ED25519_SK
};

/* One OpenSSH key type name; static table, never freed. */
struct keytype {
	const char	*name;		/* "ssh-ed25519-cert-v01@openssh.com" */
	const char	*plain;		/* "ssh-ed25519": the key inside a cert */
	const char	*label;		/* "ED25519-CERT", as ssh-keygen -l prints */
	enum key_family	 family;
	const char	*curve;		/* "nistp256" for ECDSA types, else NULL */
	unsigned int	 curve_bits;	/* 256, 384, 521; 0 for non-ECDSA */
	unsigned int	 cert:1;	/* *-cert-v01@openssh.com */
	unsigned int	 sk:1;		/* FIDO security key */
};

/* Looks up an exact type name (len bytes); NULL if OpenSSH has no such type. */
const struct keytype *keytype_by_name(const char *name, size_t len);

/* ---- public keys ----------------------------------------------------- */

/* "SHA256:" + 43 base64 characters + NUL. */
#define KEY_FP_SIZE	51

/* Why a key was refused; the same reasons sshd and ssh-keygen have. */
enum key_status {
	KEY_OK,
	KEY_BAD_BASE64,		/* not strict base64 (b64_pton rules) */
	KEY_UNKNOWN_TYPE,	/* type name OpenSSH does not know */
	KEY_TYPE_MISMATCH,	/* inner type or curve differs from the outer one */
	KEY_TRUNCATED,		/* a field runs past the end of the blob */
	KEY_INVALID,		/* a field has a value sshd rejects */
	KEY_TOO_SMALL,		/* RSA modulus under 1024 bits */
	KEY_TOO_LARGE		/* blob or field over a bound */
};

/* Explanation of a failure: status and a static one-line message. */
struct key_why {
	enum key_status	 status;
	const char	*msg;
	unsigned int	 bits;		/* KEY_TOO_SMALL: the size found */
};

/* Certificate fields (PROTOCOL.certkeys). Owned by the struct pubkey. */
struct key_cert {
	uint32_t	 type;		/* 1: user, 2: host */
	uint64_t	 serial;
	char		*key_id;
	struct strv	 principals;
	uint64_t	 valid_after;	/* seconds since the epoch, UTC */
	uint64_t	 valid_before;	/* UINT64_MAX: forever */
	struct strv	 critical;	/* critical option names, in order */
	struct strv	 extensions;	/* extension names, in order */
	const struct keytype *ca_type;	/* the signing CA key */
	unsigned int	 ca_bits;
	char		 ca_fp[KEY_FP_SIZE];
};

struct pubkey {
	const struct keytype *type;
	unsigned int	 bits;		/* as ssh-keygen -l: the key inside a cert */
	char		 fp[KEY_FP_SIZE]; /* "SHA256:...", of the plain key */
	char		*application;	/* sk keys: "ssh:..."; else NULL */
	struct key_cert	*cert;		/* certificates only, else NULL */
};

/*
 * Parses a decoded key blob. want is the type the blob must carry (the
 * outer type word), or NULL to accept any. On success returns 0 and a new
 * key in *keyp (free with pubkey_free()); otherwise SL_ERR_PARSE (or
 * SL_ERR_TOO_LARGE) with *why filled and *keyp NULL. The signature of a
 * certificate is not verified.
 */
int	pubkey_from_blob(const uint8_t *blob, size_t len,
	    const struct keytype *want, struct pubkey **keyp,
	    struct key_why *why);
void	pubkey_free(struct pubkey *);

/*
 * Decodes strict base64 as OpenSSH's b64_pton does (whitespace skipped,
 * padding required, no stray bits). Returns 0 and a malloc'd buffer, or
 * SL_ERR_PARSE / SL_ERR_TOO_LARGE (decoded size over max).
 */
int	keys_b64_decode(const char *s, size_t len, size_t max,
	    uint8_t **outp, size_t *outlenp);

/*
 * The line `ssh-keygen -lf` prints for a key (no newline), e.g.
 * "256 SHA256:abc... user@host (ED25519)"; comment NULL or "" prints
 * "no comment". Caller frees.
 */
char	*pubkey_fp_line(const struct pubkey *, const char *comment);

/* ---- authorized_keys ------------------------------------------------- */

#define AK_TUN_NONE	(-1)
#define AK_TUN_ANY	0x7fffffff	/* tunnel="any" */

/* Options of one line, as sshauthopt_parse() reads them. Owned by the line. */
struct authkey_opts {
	unsigned int	 restricted:1;		/* "restrict" given */
	unsigned int	 cert_authority:1;
	unsigned int	 no_touch_required:1;
	unsigned int	 verify_required:1;
	/* Effective after "restrict" and the per-option overrides, in order. */
	unsigned int	 permit_pty:1;
	unsigned int	 permit_port_forwarding:1;
	unsigned int	 permit_agent_forwarding:1;
	unsigned int	 permit_x11_forwarding:1;
	unsigned int	 permit_user_rc:1;
	char		*command;	/* command="...", dequoted; NULL if none */
	char		*from;		/* from="..." patterns; NULL if none */
	char		*principals;	/* principals="..."; NULL if none */
	struct strv	 permitopen;	/* "host:port" */
	struct strv	 permitlisten;	/* "host:port" ("*:" added to a bare port) */
	struct strv	 environment;	/* "NAME=value" */
	uint64_t	 expiry;	/* earliest expiry-time; 0 if none */
	unsigned int	 expiry_utc:1;	/* given with Z/UTC; else the host's local
					 * time, which expiry reads as UTC */
	int		 tunnel;	/* AK_TUN_NONE, AK_TUN_ANY or a device number */
	struct strv	 names;		/* every option name, lowercase, in order */
};

enum authkey_status {
	AK_OK,
	AK_TOO_LONG,		/* line over SL_MAX_AUTHKEYS_LINE */
	AK_BAD_QUOTE,		/* unterminated quote in the options */
	AK_BAD_OPTION,		/* sshauthopt_parse() refuses the options */
	AK_NO_KEY,		/* options, or a type word, but no key after them */
	AK_UNKNOWN_TYPE,
	AK_BAD_BASE64,
	AK_TYPE_MISMATCH,
	AK_BAD_BLOB,		/* truncated or invalid blob */
	AK_KEY_TOO_SMALL,	/* RSA under 1024 bits: sshd refuses it */
	AK_TOO_MANY		/* past SL_MAX_AUTHKEYS: this and later lines unchecked */
};

/* One non-blank, non-comment line. Strings are owned by the line. */
struct authkey_line {
	unsigned int	 line;		/* 1-based line number */
	enum authkey_status status;
	char		*why;		/* status != AK_OK: the diag text */
	struct authkey_opts opts;	/* parsed as far as the line allowed */
	char		*options;	/* the options text as written, or NULL */
	char		*type_name;	/* the key type word, or NULL */
	char		*blob_b64;	/* the base64 word, or NULL */
	char		*comment;	/* trailing comment, or NULL */
	struct pubkey	*key;		/* AK_OK (and AK_BAD_OPTION): the key */
};

struct authkeys {
	struct authkey_line *v;
	size_t		 n;
	size_t		 cap;
	size_t		 nok;		/* lines sshd would use */
};

/*
 * Parses an authorized_keys file (len bytes, need not be NUL-terminated).
 * file names it in diagnostics. Every line sshd would ignore or reject gets
 * a status and one diag (file:line) in d; blank and comment lines are
 * skipped. Returns 0 and *akp (free with authkeys_free()), or
 * SL_ERR_TOO_LARGE past SL_MAX_AUTHKEYS lines (one diag, *akp NULL).
 */
int	authkeys_parse(const char *file, const char *data, size_t len,
	    struct authkeys **akp, struct diag *d);
/*
 * As authkeys_parse(), as the sshd of openssh_version (e.g. 704; 0: the
 * newest) reads the file: an option that version does not know yet
 * (expiry-time before 7.7, permitlisten before 7.8, ...) makes the line
 * AK_BAD_OPTION, as sshd then skips it.
 */
int	authkeys_parse_ver(const char *file, const char *data, size_t len,
	    int openssh_version, struct authkeys **akp, struct diag *d);
void	authkeys_free(struct authkeys *);
const char *authkey_status_str(enum authkey_status);

/* ---- private key headers --------------------------------------------- */

enum privkey_format {
	PK_UNKNOWN,		/* not a private key we recognise */
	PK_OPENSSH,		/* openssh-key-v1 */
	PK_PEM,			/* "BEGIN RSA|DSA|EC PRIVATE KEY" (PKCS#1/SEC1) */
	PK_PKCS8,		/* "BEGIN PRIVATE KEY" */
	PK_PKCS8_ENCRYPTED	/* "BEGIN ENCRYPTED PRIVATE KEY" */
};

struct privkey_info {
	enum privkey_format format;
	const char	*type;		/* "RSA", "DSA", "ECDSA", "ED25519", ...
					 * (label of the key type); NULL if unknown */
	int		 encrypted;	/* 1, 0, or -1 if unknown */
	char		 cipher[33];	/* openssh cipher name / PEM DEK-Info cipher, or "" */
	char		 kdf[33];	/* openssh KDF name, or "" */
};

const char *privkey_format_str(enum privkey_format);

/*
 * Classifies a private key from its first lines: either the header the
 * collector sends (the BEGIN line, PEM "Name: value" lines, and for
 * openssh-key-v1 "Format:", "Cipher:", "KDF:" lines) or the start of the
 * key file itself. Reads at most SL_MAX_KEY_HEADER bytes. Always fills
 * *info; returns 0, or SL_ERR_PARSE with *whyp set when the text is not a
 * private key header.
 */
int	privkey_classify(const char *data, size_t len,
	    struct privkey_info *info, const char **whyp);

/*
 * Classifies openssh-key-v1 from the first decoded bytes of its blob (magic
 * "openssh-key-v1\0", cipher name, KDF name; the public key type too when
 * the bytes reach it). Returns 0 or SL_ERR_PARSE with *whyp set.
 */
int	privkey_openssh_blob(const uint8_t *blob, size_t len,
	    struct privkey_info *info, const char **whyp);

#endif
