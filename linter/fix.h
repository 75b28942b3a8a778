/*
 * fix.h — the fixer's plan and its renderings. From one host's facts and
 * findings, fix_plan_build() makes a self-contained plan (it copies what
 * it needs, so it outlives the facts): the actions (one per rule x object,
 * planned or skipped with the reason) and the whole new content of every
 * file that would change. --dry-run prints it (fix_plan_print), and
 * --fix-script renders it as one POSIX sh script that carries the safety
 * protocol of DESIGN.md (fix_script_render); --fix (fix_apply.c, helper
 * "fixapply") sends the very same script over the host's session and reads
 * its SYNOLINT-FIX marker lines.
 *
 * Which rules are fixable comes from the rule data (fix / dsmfix actions:
 * sshd_set, sshd_remove, chmod, chown; manual is never applied). Which are
 * risky is the table in fix_plan.c (fix_rule_risky()); DSM-001/DSM-002
 * (Auto Block) become synowebapi calls there (the rule data only carries
 * their manual text). HOME-001 names per path whether a chmod or a chown
 * fixes it (the finding's fix text), the plan follows that.
 *
 * For --fix (helper "fixapply"): cli.c already parses --fix into
 * cli_opts.fix and refuses it as "not implemented yet" in the CMD_SCAN
 * branch of parse_cmd_options; main.c plans through cmd_fix.c
 * (fix_run_hook on fleet_scan_hook, then fix_run_finish). Apply by sending
 * fix_script_render(plan) to "sh -s" over the session (with --become),
 * parse the SYNOLINT-FIX lines, verify with a new connection and, if it
 * fails, run the rollback script named by "step=rollback status=written"
 * (or send fix_rollback_render(plan, stamp) with the stamp you passed in
 * fix_script_opts).
 */
#ifndef SL_FIX_H
#define SL_FIX_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "facts.h"
#include "findings.h"
#include "sbuf.h"
#include "strv.h"

struct waivers;

enum fix_kind {
	FIX_SSHD_SET,		/* set a directive in sshd_config (file edit) */
	FIX_SSHD_REMOVE,	/* comment out a directive (file edit) */
	FIX_CHMOD,		/* clear mode bits on an audited path */
	FIX_CHOWN,		/* give an audited path to its user */
	FIX_DSM_WEBAPI,		/* a DSM setting through synowebapi --exec */
	FIX_MANUAL		/* advice only: never applied */
};

/* One rule x object of the plan. Every string is owned by the plan. */
struct fix_action {
	char		*rule_id;
	enum fix_kind	 kind;
	char		*object;	/* the finding's object ("host", "user:alice") */
	char		*target;	/* path (chmod/chown/edits), directive keyword
					   (sshd), or the API name (webapi) */
	char		*description;	/* one line: what is done */
	int		 risky;		/* fix_rule_risky(rule_id) */
	int		 planned;	/* 1: in the plan; 0: skipped */
	char		*skip_reason;	/* when !planned: one line */
	/* FIX_CHMOD / FIX_CHOWN: what was audited and what it becomes. The
	   script acts only if the path is still no symlink and still has
	   exactly expect_mode/expect_uid/expect_gid. */
	unsigned int	 expect_mode;
	unsigned long	 expect_uid;
	unsigned long	 expect_gid;
	unsigned int	 new_mode;	/* FIX_CHMOD */
	unsigned long	 new_uid;	/* FIX_CHOWN */
	char		*new_owner;	/* FIX_CHOWN: name, for people */
	int		 acl;		/* the path carries an ACL (1), -1 unknown */
	int		 is_dir;	/* the path is a directory (else a file) */
	/* FIX_SSHD_*: the file edit(s) it contributes to (indexes in
	   plan->edits, -1 when the edit was folded into another action's) */
	long		 edit;
	/* FIX_DSM_WEBAPI: the synowebapi arguments (after "--exec"), and
	   those that undo it (the audited values). */
	struct strv	 webapi;
	struct strv	 webapi_undo;
};

/* One file that would change: its whole old and new content. */
struct fix_edit {
	char		*path;		/* absolute, as on the host */
	char		*original;	/* what the collector read (NUL-terminated) */
	size_t		 original_len;
	char		*content;	/* the new file */
	size_t		 content_len;
	unsigned int	 mode;		/* audited mode/owner: the temp file gets them */
	unsigned long	 uid;
	unsigned long	 gid;
	struct strv	 rules;		/* rule ids that changed it */
};

/* What the script needs to know about the host. */
struct fix_host {
	char		*label;		/* the report's host name */
	char		*hostname;	/* uname -n when audited; NULL: unknown */
	char		*session;	/* "ssh", "local", "root" */
	char		*root;		/* --root DIR: every path lives under it */
	int		 is_dsm;
	int		 dsm_major;	/* 6, 7; -1 unknown */
	char		*sshd_path;	/* tried first for sshd -t (DSM /usr/bin/sshd) */
	char		*sshd_config;	/* the main sshd_config path */
	int		 openssh_version;	/* 902 */
};

struct fix_plan {
	struct fix_host		 host;
	struct fix_action	*actions;
	size_t			 nactions;
	struct fix_edit		*edits;
	size_t			 nedits;
};

/* Which fixes to plan. */
struct fix_opts {
	const char *const	*only;	/* --only: NULL-terminated, NULL: none */
	const char *const	*skip;	/* --skip: NULL-terminated, NULL: none */
	int			 fix_risky;	/* --fix-risky */
	const char		*root;	/* the target's --root DIR, else NULL */
	const struct waivers	*waivers;	/* --waivers: waived findings are
						   not fixed; NULL: none */
	const char		*host;	/* the host's report name (for waivers) */
};

/*
 * Builds the plan for one host from its facts and its findings, sorted
 * with findings_sort() (FAIL verdicts only; waived findings are not
 * fixed). A rule with a structured
 * fix is planned unless --skip names it, or it is risky and neither named
 * exactly by --only nor allowed by --fix-risky (a glob in --only does not
 * name a rule), or the object cannot be fixed safely (a symlink, a path
 * not audited, a file the collector could not read whole); each of these
 * is kept as a skipped action with its reason. Rules with only manual
 * advice are listed as FIX_MANUAL, never planned. Returns 0 and *planp
 * (free with fix_plan_free), or SL_ERR_* with a diag.
 */
int	fix_plan_build(const struct facts *, const struct findings *,
	    const struct fix_opts *, struct fix_plan **planp, struct diag *);
void	fix_plan_free(struct fix_plan *);
/*
 * Whether edit i is applied: a planned action's rule changed it. Edits of
 * skipped actions stay in the plan (for --dry-run's record) but are
 * neither shown as diffs nor written.
 */
int	fix_edit_used(const struct fix_plan *, size_t i);
/* Number of planned (not skipped, not manual) actions. */
size_t	fix_plan_count(const struct fix_plan *);
/* Whether rule id is risky (may cut off logins); *whyp gets the reason. */
int	fix_rule_risky(const char *rule_id, const char **whyp);

/*
 * sshd_config editing (sshd_edit.c), used by fix_plan_build and its tests.
 * Starts from the parsed config and the files' contents; each call queues
 * line operations, fix_sshd_edits() renders every changed file at once.
 */
struct sshd_editor;
/*
 * cfg: the parsed configuration (borrowed); read(arg, path) returns a
 * file's content (borrowed, NUL-terminated) or NULL.
 */
struct sshd_editor *sshd_editor_new(const struct sshd_config *cfg,
	    const char *main_path, int openssh_version,
	    const char *(*read)(void *arg, const char *path, size_t *lenp),
	    void *arg);
void	sshd_editor_free(struct sshd_editor *);
/*
 * Sets keyword to value for every connection: edits the first global
 * occurrence in place (in the file that sets it), else inserts a line
 * before the first Match block of the main file (or at its end). Each
 * (file, line) in fix_lines (may be NULL) that is the keyword inside a
 * Match block is edited in place too. Returns 1 if something changes, 0 if
 * already so, SL_ERR_* on failure.
 */
int	sshd_editor_set(struct sshd_editor *, const char *keyword,
	    const char *value, const char *const *fix_files,
	    const unsigned int *fix_lines, size_t nfix);
/* Ops queued from now on are recorded as made for rule_id (borrowed). */
void	sshd_editor_tag(struct sshd_editor *, const char *rule_id);
/* The rule ids that changed path, NULL if none. Borrowed. */
const struct strv *sshd_editor_tags(const struct sshd_editor *,
	    const char *path);
/* Comments out every line that sets keyword. Returns 1, 0 or SL_ERR_*. */
int	sshd_editor_remove(struct sshd_editor *, const char *keyword,
	    const char *rule_id);
/*
 * The changed files: calls fn(path, old, oldlen, new, newlen, arg) for each,
 * in path order. Returns 0 or the first non-zero fn returned.
 */
int	sshd_editor_each(struct sshd_editor *,
	    int (*fn)(const char *path, const char *old, size_t oldlen,
	    const char *new_, size_t newlen, void *arg), void *arg);

/*
 * A unified diff (--- a/PATH, +++ b/PATH, @@ hunks with 3 lines of
 * context) of old -> new appended to out; nothing when they are equal.
 * Returns 0 or SL_ERR_TOO_LARGE.
 */
int	fix_diff(struct sbuf *out, const char *path, const char *old,
	    size_t oldlen, const char *new_, size_t newlen);

/*
 * --dry-run: the plan of one host (planned actions: action, object, rule;
 * skipped ones with their reason; manual advice) and the diff of every
 * changed file. Returns 0 or SL_ERR_SYSTEM (write error).
 */
int	fix_plan_print(FILE *, const struct fix_plan *);

/*
 * The fix script (fix_script.c). One POSIX sh script for several hosts:
 * each host's part runs only where its guard holds (uname -n equals the
 * audited hostname for ssh/local hosts; for every host, each file to edit
 * must still equal, byte for byte, what was audited, and each path to
 * chmod/chown must still have its audited type, mode and owner — checked
 * for all objects before anything is changed). Steps, in order: check,
 * backup (cp -p to PATH.synolint-STAMP), temp file beside the file with
 * the audited owner and mode, `sshd -t -f TEMP`, mv over the file, chmod/
 * chown (never through a symlink), synowebapi, reload (DSM 7
 * `synosystemctl restart sshd.service`, DSM 6 `synoservicectl --reload
 * sshd`, elsewhere `kill -HUP` of the pid in /run/sshd.pid or
 * /var/run/sshd.pid; none for --root trees). Before the first change it
 * writes ROLLBACK = DIR/synolint-rollback-STAMP.sh beside the sshd_config
 * (restores the backups, the modes and owners, the DSM settings, then
 * reloads). Exit status: 0 done (or nothing to do), 1 a check failed and
 * nothing was changed, 2 a step failed after changes began (the script
 * runs the rollback itself; the marker lines say what happened), 3 wrong
 * host.
 *
 * Marker lines on stdout, one per step, for fix_apply.c to parse:
 *   SYNOLINT-FIX host=LABEL step=STEP status=STATUS object=OBJECT
 * STEP: guard, check, backup, validate, install, chmod, chown, webapi,
 * reload, rollback, done. STATUS: ok, changed (check: the file/path
 * differs from the audit), failed, skipped, written (rollback). OBJECT is
 * the rest of the line (a path, "sshd", an API name, "host", or the
 * rollback script's path). The rollback prints step=rollback per object
 * and "step=rollback status=ok|failed object=host" at its end. LABEL
 * never contains spaces or control characters (they become '_'). Paths
 * with control characters are never planned.
 *
 * Validation: the main sshd_config is checked as TEMP before it replaces
 * the file; an edited Include'd file can only be checked in place, so
 * those are installed first and `sshd -t -f MAIN` runs on the result
 * before any reload (failure: rollback, no reload). With --root DIR the
 * paths live under DIR, sshd -t uses this machine's sshd (Include globs
 * and default host keys resolve on this machine), and nothing is
 * reloaded; synowebapi steps are skipped.
 */
struct fix_script_opts {
	const char	*stamp;		/* backup suffix (letters, digits, "._-"); NULL:
					   date +%Y%m%d%H%M%S at run time */
	int		 no_reload;	/* 1: skip the reload step (fix_apply reloads
					   itself); the rollback it writes then
					   does not reload either */
};
/* The script for one host (a whole script: #!/bin/sh ... exit). */
int	fix_script_render(const struct fix_plan *, const struct fix_script_opts *,
	    struct sbuf *out);
/* One script for every host with a planned action (host guards). */
int	fix_script_render_all(struct fix_plan *const *plans, size_t n,
	    const struct fix_script_opts *, struct sbuf *out);
/*
 * The rollback of plan alone for backups made with stamp: restores every
 * edited file from PATH.synolint-STAMP, every chmod/chown to the audited
 * mode/owner (only where the path still has the new one) and the webapi
 * settings, then reloads. Used by fix_apply when the new login fails.
 * SL_ERR_USAGE if stamp is NULL or not letters, digits and "._-".
 */
int	fix_rollback_render(const struct fix_plan *, const char *stamp,
	    struct sbuf *out);
/* Writes the script to path atomically with mode 0700. */
int	fix_script_write(const char *path, struct fix_plan *const *plans,
	    size_t n, struct diag *);

#endif
