/*
 * predicates.h — the C functions rules call (registered in predicate_list.h),
 * the context they get and the results they emit. A predicate reads facts,
 * never prints, and emits zero or more results (one per object it judged).
 */
#ifndef SL_PREDICATES_H
#define SL_PREDICATES_H

#include <stddef.h>

#include "facts.h"
#include "findings.h"
#include "re.h"
#include "rules.h"

#define SC_HOST	(1u << SCOPE_HOST)
#define SC_USER	(1u << SCOPE_USER)
#define SC_FILE	(1u << SCOPE_FILE)
#define SC_KEY	(1u << SCOPE_KEY)
/*
 * Not a scope: the predicate judges the keys of every host of the run
 * together (ctx->fleet), after all hosts were collected (engine.h).
 */
#define SC_FLEET	(1u << 8)

struct sshd_view;
struct trust_map;

struct pred_ctx {
	const struct facts	*facts;
	const struct rule	*rule;
	const struct strv	*args;	/* the rule's predicate arguments */
	struct re *const	*res;	/* res[i]: compiled regex of args[i], or NULL */
	const struct user_fact	*user;	/* SCOPE_USER: the user judged, else NULL */
	struct sshd_view	*sshd;	/* effective sshd settings (cached per run) */
	int			 is_dsm;
	/* SC_FLEET predicates: every host of the run, and which one is judged;
	   facts may then be NULL. */
	const struct trust_map	*fleet;
	size_t			 fleet_host;
};

/* One judgement; every string owned by the result. */
struct pred_result {
	char		*object;	/* NULL: the scope's default object */
	enum verdict	 verdict;
	char		*message;
	char		*evidence;
	char		*loc_file;	/* config line at fault, may be NULL */
	unsigned int	 loc_line;
	int		 breaks_login;
	char		*path;		/* the file a chmod/chown fix acts on */
	unsigned int	 mode;		/* its current mode (for chmod) */
	int		 acl;		/* its ACL state (1 present) */
	char		*fix;		/* concrete fix overriding the rule's */
};

struct pred_out {
	struct pred_result	*v;
	size_t			 n;
	size_t			 cap;
};

typedef int (*pred_fn)(const struct pred_ctx *, struct pred_out *);

struct predicate {
	const char	*name;
	unsigned int	 scopes;	/* SC_* mask */
	int		 amin;
	int		 amax;		/* -1: unbounded */
	const char	*argspec;	/* see predicate_list.h */
	pred_fn		 fn;
};

/* The predicate called name, or NULL. Borrowed from a static table. */
const struct predicate *predicate_find(const char *name);
/* The i-th predicate in list order, NULL past the end. */
const struct predicate *predicate_get(size_t i);

void	pred_out_init(struct pred_out *);
void	pred_out_cleanup(struct pred_out *);
/*
 * Appends a result (object may be NULL) and returns it for the caller to
 * fill evidence, loc_*, path, fix. Valid until the next pred_emit().
 */
struct pred_result *pred_emit(struct pred_out *, enum verdict,
	    const char *object, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));

/* Helpers for predicates (predicates.c). */
/* Whether sshd may let u in: a login shell and not disabled. */
int	pred_login_user(const struct user_fact *u);
/* The lstat fact of path (facts->paths is sorted), NULL if not collected. */
const struct path_fact *pred_path(const struct facts *, const char *path);
const struct file_fact *pred_file(const struct facts *, const char *path);
/* A /etc/synoinfo.conf value, NULL if absent. */
const char *pred_synoinfo(const struct facts *, const char *key);
/*
 * Expands %h (home), %u (user name) and %% in tmpl for user. Returns a new
 * string, or NULL when tmpl needs a user and user is NULL. Caller frees.
 */
char	*pred_expand(const char *tmpl, const struct user_fact *user);
/*
 * 1 when a chown or chmod for user may be proposed for path: it lies in the
 * user's home (as named or as resolved), or, with ancestors, is a directory
 * above it (StrictModes walks those). A file reached through a symlink out
 * of the home (authorized_keys -> /etc/shadow, .ssh -> /etc) must never be
 * given to the user or have its modes changed for them. 1 as well when the
 * home's realpath is unknown (nothing was resolved out of it then).
 */
int	pred_fix_in_home(const struct facts *, const struct user_fact *user,
	    const char *path, int ancestors);
/*
 * Calls fn for every collected path matching the fnmatch(3) glob pattern
 * (FNM_PATHNAME), in path order; a pattern without glob characters is looked
 * up directly and fn gets NULL when it was not collected. Returns the number
 * of calls, or the first negative value fn returned.
 */
int	pred_paths_matching(const struct facts *, const char *pattern,
	    int (*fn)(const char *path, const struct path_fact *, void *),
	    void *arg);
/* "0777 with ACL (+)", "0700" or "0700 (ACL unknown)" into buf. */
void	pred_mode_text(char *buf, size_t len, const struct path_fact *);

/*
 * Effective sshd settings for the engine's run (pred_sshd.c). user NULL is
 * the global view (no Match applied). Returns 0 with *valuep as `sshd -T`
 * prints it (NULL when it prints none) and the directive that set it in
 * *filep and *linep (NULL/0: OpenSSH's default); SL_ERR_NOT_FOUND when the host
 * has no sshd configuration in its facts.
 */
struct sshd_view *sshd_view_new(const struct facts *);
void	sshd_view_free(struct sshd_view *);
int	sshd_view_value(struct sshd_view *, const struct user_fact *,
	    const char *name, const char **valuep, const char **filep,
	    unsigned int *linep);

#endif
