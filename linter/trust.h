/*
 * trust.h — keys across the hosts of one run. A trust_host is the compact,
 * self-contained summary of one host's keys (it outlives the facts it was
 * built from, so a fleet pass needs no facts); a trust_map joins the hosts:
 * edges "a private key on host A, user a, authorizes login to host B as
 * user b" (the private half is matched through its adjacent .pub), the key
 * inventory by fingerprint, and the chains of edges that reach an
 * administrator account from another host.
 */
#ifndef SL_TRUST_H
#define SL_TRUST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "facts.h"
#include "keys.h"

/* One authorized_keys line of a user. Strings owned by the host. */
struct trust_auth {
	char		*user;
	int		 admin;		/* uid 0 or in administrators */
	int		 usable;	/* sshd would accept the key today */
	const char	*unusable_why;	/* static, when !usable */
	char		*file;
	unsigned int	 line;
	char		 fp[KEY_FP_SIZE];
	const char	*type;		/* "RSA", "ED25519", ... (static) */
	unsigned int	 bits;
	char		*comment;	/* may be NULL */
	char		*options;	/* as written, NULL if none */
	unsigned int	 from:1, command:1, restricted:1;
};

/* One private key file (header only) and, if known, its public half. */
struct trust_priv {
	char		*user;		/* NULL: a host key */
	int		 admin;
	char		*path;
	int		 encrypted;	/* 1, 0, -1 unknown */
	const char	*format;	/* privkey_format_str() */
	int		 has_pub;	/* fp/type/bits/comment below are set */
	char		 fp[KEY_FP_SIZE];
	const char	*type;
	unsigned int	 bits;
	char		*comment;
};

struct trust_host {
	char			*label;	/* the target as given (bundle path, host) */
	char			*name;	/* its hostname when known, else label */
	struct trust_auth	*auths;
	size_t			 nauths;
	struct trust_priv	*privs;
	size_t			 nprivs;
};

/*
 * Summarises f's keys model (f->keys; none: an empty host). now is the
 * time expiry-time options are judged against. Caller frees.
 */
struct trust_host *trust_host_build(const struct facts *f, const char *label,
	    uint64_t now);
void	trust_host_free(struct trust_host *);

/* A key login from a private key (priv) to an authorization (auth). */
struct trust_edge {
	size_t		 from_host, from_priv;
	size_t		 to_host, to_auth;
};

struct trust_map {
	struct trust_host *const *hosts;	/* borrowed (see trust_map_new) */
	size_t			 nhosts;
	struct trust_edge	*edges;
	size_t			 nedges;
	struct trust_host	**owned;	/* trust_map_new: hosts, owned */
};

/* Computes the edges between hosts[0..n) (kept borrowed). */
void	trust_map_init(struct trust_map *, struct trust_host *const *hosts,
	    size_t n);
void	trust_map_cleanup(struct trust_map *);
/*
 * A map that owns hosts[0..n) and the array itself (a scan result keeps
 * one for its reports). Free with trust_map_free() (NULL-safe).
 */
struct trust_map *trust_map_new(struct trust_host **hosts, size_t n);
void	trust_map_free(struct trust_map *);
/*
 * Accounts on the map: distinct (host, user) ends of its edges, i.e. the
 * nodes of trust_write_dot()'s graph.
 */
size_t	trust_map_accounts(const struct trust_map *);

/* The edge's ends. */
const struct trust_priv *trust_edge_priv(const struct trust_map *,
	    const struct trust_edge *);
const struct trust_auth *trust_edge_auth(const struct trust_map *,
	    const struct trust_edge *);
/* Passphrase-less private key and neither from= nor command=/restrict. */
int	trust_edge_weak(const struct trust_map *, const struct trust_edge *);

/*
 * The shortest chain of edges that lets an account on another host, or a
 * non-administrator of host h, reach user on host h: every key on it
 * passphrase-less, every authorization
 * usable and without from= or command= (it gives a shell), and an
 * administrator on a host may use any user's key there. Returns the chain
 * as "hostA:a -[id_rsa]-> hostB:b" (caller frees) or NULL if none.
 */
char	*trust_chain_to(const struct trust_map *, size_t h, const char *user);

/* Now, for expiry-time: SOURCE_DATE_EPOCH when set, else the clock. */
uint64_t trust_now(void);

/* "restricted", "partly restricted" (from=, command= or restrict: some) or "unrestricted". */
const char *trust_restriction(const struct trust_auth *);
/* A key's passphrase: "none", "yes", "unknown" (trust_priv.encrypted). */
const char *trust_passphrase_str(int encrypted);

/* "yes"/"no"/"unknown" for trust_priv.encrypted. */
const char *trust_encrypted_str(int);

/* The key inventory and the edges: text for people, JSON, Graphviz dot. */
int	trust_write_text(FILE *, const struct trust_map *);
int	trust_write_json(FILE *, const struct trust_map *);
int	trust_write_dot(FILE *, const struct trust_map *);

#endif
