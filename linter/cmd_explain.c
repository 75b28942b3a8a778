/*
 * cmd_explain.c — `synolint explain RULE-ID`: what a rule wants, why
 * (rationale), what it looks at on the NAS (the facts its check reads, named
 * by the check's family, and the check itself as the rule file writes it),
 * how to fix it and where the advice comes from. All of it from the rule's
 * metadata (rules/README.md); an unknown id names the closest ids.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd_explain.h"
#include "err.h"
#include "log.h"
#include "predicates.h"

/* What the checks of a family read from the bundle, by name prefix. */
static const struct {
	const char	*prefix;
	const char	*evidence;
} families[] = {
	{ "strictmodes_", "the owner, mode and ACL of the user's authorized_keys "
	  "and of every directory up to the home (realpath), as sshd's "
	  "StrictModes walks them" },
	{ "sshd_", "the effective sshd configuration (sshd_config with its "
	  "Includes, the first value wins, Match blocks for the context, "
	  "OpenSSH defaults of the host's version), with file:line" },
	{ "dsm_", "what DSM says (synowebapi when run as root, else "
	  "/etc/synoinfo.conf), its service manager, listening sockets and "
	  "Synology ACLs" },
	{ "path_", "lstat records of the paths (type, mode, owner, ACL "
	  "present), resolved to their realpath" },
	{ "private_key_", "the modes of the private keys in ~/.ssh (header "
	  "only: key material never leaves the NAS)" },
	{ "file_", "the content of a small text file the collector read, "
	  "line by line" },
	{ "key_", "every key: authorized_keys lines with their options, *.pub "
	  "files, host keys and private key headers (format, encryption)" },
	{ "fleet_", "the keys of every host of the run together: which "
	  "private key logs in to which account (the trust map)" },
	{ "uid0_", "/etc/passwd" },
	{ "user_", "/etc/passwd and /etc/shadow (disabled or not)" },
};

static const char *
family_evidence(const char *pred)
{
	size_t i;

	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (strncmp(pred, families[i].prefix,
		    strlen(families[i].prefix)) == 0)
			return families[i].evidence;
	return NULL;
}

static void
print_action(FILE *fp, const char *label, const struct fix_spec *fs)
{
	size_t i;

	if (fs->action == NULL)
		return;
	if (strcmp(fs->action, "manual") == 0 && fs->args.n == 1) {
		fprintf(fp, "  %s%s\n", strcmp(label, "on DSM:    ") == 0 ?
		    "on DSM:     " : "", fs->args.v[0]);
		return;
	}
	fprintf(fp, "  %s %s", label, fs->action);
	for (i = 0; i < fs->args.n; i++)
		fprintf(fp, strchr(fs->args.v[i], ' ') != NULL ? " \"%s\"" :
		    " %s", fs->args.v[i]);
	fputc('\n', fp);
}

static const char *
scope_words(enum scope s)
{
	switch (s) {
	case SCOPE_HOST:
		return "once per host";
	case SCOPE_USER:
		return "once per user who can log in";
	case SCOPE_FILE:
		return "once per file it names";
	case SCOPE_KEY:
		return "once per key";
	}
	return "";
}

/* Levenshtein distance, case-insensitive, capped at 99. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, prev, cur, best;

	if (la > 64 || lb > 64)
		return 99;
	if ((row = calloc(lb + 1, sizeof(*row))) == NULL)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			cur = row[j];
			best = prev + (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

size_t
explain_suggest(const struct ruleset *rs, const char *id, const char **out,
    size_t max)
{
	size_t i, k, n = 0, d, limit;

	/* the closest first: exact but for case, then distance 1, then 2 */
	for (limit = 0; limit <= 2 && n < max; limit++)
		for (i = 0; i < ruleset_count(rs) && n < max; i++) {
			const char *r = ruleset_rule(rs, i)->id;
			int dup = 0;

			d = distance(id, r);
			if (d != limit)
				continue;
			for (k = 0; k < n; k++)
				dup |= strcmp(out[k], r) == 0;
			if (!dup)
				out[n++] = r;
		}
	return n;
}

void
explain_unknown(const struct ruleset *rs, const char *id)
{
	const char *sugg[4];
	size_t i, n = explain_suggest(rs, id, sugg, 4);

	if (n == 0) {
		sl_error("no rule \"%s\" (`synolint rules` lists them)", id);
		return;
	}
	flockfile(stderr);
	fprintf(stderr, "synolint: error: no rule \"%s\"; did you mean ", id);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
		    sugg[i]);
	fprintf(stderr, "?\n");
	funlockfile(stderr);
}

int
explain_rule(FILE *fp, const struct ruleset *rs, const char *id)
{
	const struct rule *ru = ruleset_find(rs, id);
	const char *ev;
	size_t i;

	if (ru == NULL) {
		explain_unknown(rs, id);
		return SL_ERR_NOT_FOUND;
	}
	fprintf(fp, "%s  %s\n", ru->id, ru->title);
	fprintf(fp, "  severity:   %s, checked %s\n",
	    severity_name(ru->severity), scope_words(ru->scope));
	fprintf(fp, "\nWhy it matters\n  %s\n", ru->rationale);
	fprintf(fp, "\nWhat it looks at\n");
	ev = ru->pred != NULL ? family_evidence(ru->pred->name) : NULL;
	if (ev != NULL)
		fprintf(fp, "  %s.\n", ev);
	if (ru->pred != NULL) {
		fprintf(fp, "  check:      %s", ru->pred->name);
		for (i = 0; i < ru->args.n; i++)
			fprintf(fp, strchr(ru->args.v[i], ' ') != NULL ?
			    " \"%s\"" : " %s", ru->args.v[i]);
		fprintf(fp, "   (rules/README.md, \"Predicates\")\n");
	}
	fprintf(fp, "  defined at: %s:%u\n", ru->file, ru->line);
	fprintf(fp, "\nHow to fix it\n");
	if (ru->fix.text != NULL)
		fprintf(fp, "  %s\n", ru->fix.text);
	print_action(fp, "action:    ", &ru->fix);
	print_action(fp, "on DSM:    ", &ru->dsm_fix);
	if (ru->dsm_fix.text != NULL)
		fprintf(fp, "  on DSM:     %s\n", ru->dsm_fix.text);
	if (ru->fix.text == NULL && ru->fix.action == NULL &&
	    ru->dsm_fix.action == NULL)
		fprintf(fp, "  (no fix recorded for this rule)\n");
	if (ru->refs.n > 0) {
		fprintf(fp, "\nReferences\n");
		for (i = 0; i < ru->refs.n; i++)
			fprintf(fp, "  %s\n", ru->refs.v[i]);
	}
	return SL_OK;
}
