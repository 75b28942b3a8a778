/*
 * ruleset.c — the loaded rule set: built-in rules (embedded at build time)
 * plus every *.rules file of the --rules directories, sorted by id, and the
 * normalised dump that reloads to the same rules.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "embedded.h"
#include "err.h"
#include "sl_limits.h"
#include "predicates.h"
#include "rules_priv.h"
#include "sbuf.h"
#include "xmalloc.h"

static const char *const severity_names[] = {
	"info", "low", "medium", "high", "critical"
};
static const char *const scope_names[] = { "host", "user", "file", "key" };

const char *
severity_name(enum severity s)
{
	if ((unsigned int)s > SEV_CRITICAL)
		return "?";
	return severity_names[s];
}

int
severity_parse(const char *s, enum severity *sevp)
{
	int i;

	for (i = SEV_INFO; i <= SEV_CRITICAL; i++)
		if (strcmp(severity_names[i], s) == 0) {
			*sevp = (enum severity)i;
			return 0;
		}
	return SL_ERR_PARSE;
}

const char *
scope_name(enum scope s)
{
	if ((unsigned int)s > SCOPE_KEY)
		return "?";
	return scope_names[s];
}

static void
fix_spec_cleanup(struct fix_spec *fs)
{
	free(fs->action);
	strv_cleanup(&fs->args);
	free(fs->text);
}

void
rule_priv_free(struct rule_priv *rp)
{
	size_t i;

	if (rp == NULL)
		return;
	free(rp->r.id);
	free(rp->r.title);
	free(rp->r.rationale);
	strv_cleanup(&rp->r.refs);
	strv_cleanup(&rp->r.args);
	fix_spec_cleanup(&rp->r.fix);
	fix_spec_cleanup(&rp->r.dsm_fix);
	free(rp->r.file);
	for (i = 0; i < rp->nres; i++)
		re_free(rp->res[i]);
	free(rp->res);
	free(rp);
}

struct re *const *
rule_res(const struct rule *r)
{
	return ((const struct rule_priv *)(const void *)r)->res;
}

struct ruleset *
ruleset_new(void)
{
	struct ruleset *rs = xcalloc(1, sizeof(*rs));

	strv_init(&rs->ids);
	strv_init(&rs->locs);
	rs->active = -1;
	return rs;
}

void
rule_profile_cleanup(struct rule_profile *p)
{
	free(p->name);
	free(p->title);
	strv_cleanup(&p->vars);
	strv_cleanup(&p->values);
	free(p->file);
}

void
ruleset_free(struct ruleset *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->n; i++)
		rule_priv_free(rs->v[i]);
	free(rs->v);
	strv_cleanup(&rs->ids);
	strv_cleanup(&rs->locs);
	for (i = 0; !rs->profiles_borrowed && i < rs->nprofiles; i++)
		rule_profile_cleanup(&rs->profiles[i]);
	if (!rs->profiles_borrowed)
		free(rs->profiles);
	free(rs);
}

static int
cmp_rule(const void *a, const void *b)
{
	const struct rule_priv *x = *(const struct rule_priv *const *)a;
	const struct rule_priv *y = *(const struct rule_priv *const *)b;

	return strcmp(x->r.id, y->r.id);
}

void
ruleset_append(struct ruleset *rs, struct rule_priv *rp)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap == 0 ? 32 : rs->cap * 2;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	rs->v[rs->n++] = rp;
	qsort(rs->v, rs->n, sizeof(*rs->v), cmp_rule);
}

size_t
ruleset_count(const struct ruleset *rs)
{
	return rs->n;
}

const struct rule *
ruleset_rule(const struct ruleset *rs, size_t i)
{
	return i < rs->n ? &rs->v[i]->r : NULL;
}

const struct rule *
ruleset_find(const struct ruleset *rs, const char *id)
{
	size_t lo = 0, hi = rs->n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(id, rs->v[mid]->r.id)) == 0)
			return &rs->v[mid]->r;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Reads a regular file of at most SL_MAX_RULE_FILE bytes. */
static int
read_rule_file(const char *path, char **datap, size_t *lenp, struct diag *d)
{
	struct sbuf b;
	struct stat st;
	char buf[8192];
	ssize_t got;
	int fd = -1, r = SL_ERR_INTERNAL;

	*datap = NULL;
	*lenp = 0;
	sbuf_init(&b, SL_MAX_RULE_FILE);
	if ((fd = open(path, O_RDONLY | O_NOCTTY)) == -1) {
		diag_errno(d, "open %s", path);
		r = SL_ERR_SYSTEM;
		goto out;
	}
	if (fstat(fd, &st) == -1) {
		diag_errno(d, "stat %s", path);
		r = SL_ERR_SYSTEM;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "not a regular file");
		r = SL_ERR_PARSE;
		goto out;
	}
	for (;;) {
		if ((got = read(fd, buf, sizeof(buf))) == -1) {
			if (errno == EINTR)
				continue;
			diag_errno(d, "read %s", path);
			r = SL_ERR_SYSTEM;
			goto out;
		}
		if (got == 0)
			break;
		if (sbuf_put(&b, buf, (size_t)got) != 0) {
			diag_add(d, DIAG_ERROR, path, 0, 0,
			    "rule file larger than %u bytes", SL_MAX_RULE_FILE);
			r = SL_ERR_TOO_LARGE;
			goto out;
		}
	}
	*datap = sbuf_steal(&b, lenp);
	r = 0;
 out:
	if (fd != -1)
		close(fd);
	sbuf_cleanup(&b);
	return r;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The texts of a load, in load order. */
struct texts {
	struct strv	 names;
	char		**data;
	size_t		*len;
	int		*owned;
	size_t		 n;
};

static void
texts_add(struct texts *t, const char *name, char *data, size_t len,
    int owned)
{
	t->data = xreallocarray(t->data, t->n + 1, sizeof(*t->data));
	t->len = xreallocarray(t->len, t->n + 1, sizeof(*t->len));
	t->owned = xreallocarray(t->owned, t->n + 1, sizeof(*t->owned));
	strv_push(&t->names, name);
	t->data[t->n] = data;
	t->len[t->n] = len;
	t->owned[t->n] = owned;
	t->n++;
}

static void
texts_cleanup(struct texts *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->owned[i])
			free(t->data[i]);
	free(t->data);
	free(t->len);
	free(t->owned);
	strv_cleanup(&t->names);
}

/* Reads every DIR/NAME.rules (sorted by name) into t. */
static int
load_dir(struct texts *t, const char *dir, struct diag *d)
{
	struct strv names;
	struct dirent *de;
	DIR *dp = NULL;
	char *path = NULL, *data = NULL;
	size_t i, len, nlen;
	int r = SL_ERR_INTERNAL, failed = 0;

	strv_init(&names);
	if ((dp = opendir(dir)) == NULL) {
		diag_errno(d, "rules directory %s", dir);
		r = SL_ERR_SYSTEM;
		goto out;
	}
	while ((de = readdir(dp)) != NULL) {
		nlen = strlen(de->d_name);
		if (de->d_name[0] == '.' || nlen <= 6 ||
		    strcmp(de->d_name + nlen - 6, ".rules") != 0)
			continue;
		strv_push(&names, de->d_name);
	}
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (i = 0; i < names.n; i++) {
		free(path);
		path = xprintf("%s/%s", dir, names.v[i]);
		if ((r = read_rule_file(path, &data, &len, d)) != 0)
			failed = r;
		else
			texts_add(t, path, data, len, 1);
		data = NULL;
	}
	if (failed != 0) {
		r = failed;
		goto out;
	}
	r = 0;
 out:
	if (dp != NULL)
		closedir(dp);
	free(path);
	strv_cleanup(&names);
	return r;
}

static int
add_all(struct ruleset *rs, const struct texts *t, struct diag *d)
{
	size_t i;
	int r, failed = 0;

	for (i = 0; i < t->n; i++)
		if ((r = ruleset_add_text(rs, t->names.v[i], t->data[i],
		    t->len[i], d)) != 0)
			failed = r;
	return failed;
}

/*
 * Every variable of any profile must be set by every profile; then picks
 * the active one (name, or the default, or the only one).
 */
static int
profiles_check(struct ruleset *rs, const char *name, struct diag *d)
{
	size_t i, j, k;
	int r = 0;

	for (i = 0; i < rs->nprofiles; i++)
		for (j = 0; j < rs->nprofiles; j++)
			for (k = 0; k < rs->profiles[j].vars.n; k++) {
				if (strv_find(&rs->profiles[i].vars,
				    rs->profiles[j].vars.v[k]) >= 0)
					continue;
				diag_add(d, DIAG_ERROR, rs->profiles[i].file,
				    rs->profiles[i].line, 1, "profile \"%s\" "
				    "does not set \"%s\" (set by \"%s\" at "
				    "%s:%u)", rs->profiles[i].name,
				    rs->profiles[j].vars.v[k],
				    rs->profiles[j].name, rs->profiles[j].file,
				    rs->profiles[j].line);
				r = SL_ERR_PARSE;
			}
	rs->active = -1;
	for (i = 0; i < rs->nprofiles; i++)
		if (name != NULL ? strcmp(rs->profiles[i].name, name) == 0 :
		    rs->profiles[i].is_default)
			rs->active = (long)i;
	if (name == NULL && rs->active < 0 && rs->nprofiles == 1)
		rs->active = 0;
	if (name != NULL && rs->active < 0) {
		struct sbuf b;

		sbuf_init(&b, 0);
		for (i = 0; i < rs->nprofiles; i++)
			(void)sbuf_putf(&b, "%s%s", i > 0 ? ", " : "",
			    rs->profiles[i].name);
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "unknown profile \"%s\" "
		    "(profiles: %s)", name, b.len > 0 ? b.data : "none");
		sbuf_cleanup(&b);
		r = SL_ERR_USAGE;
	}
	return r;
}

/* Loads the texts once per other profile so that none breaks a rule. */
static int
profiles_verify(const struct ruleset *rs, const struct texts *t,
    struct diag *d)
{
	struct ruleset *scratch;
	struct diag sd;
	size_t i, j;
	int r = 0;

	for (i = 0; i < rs->nprofiles; i++) {
		if ((long)i == rs->active)
			continue;
		scratch = ruleset_new();
		scratch->profiles = rs->profiles;
		scratch->nprofiles = rs->nprofiles;
		scratch->profiles_borrowed = 1;
		scratch->active = (long)i;
		diag_init(&sd);
		if (add_all(scratch, t, &sd) != 0) {
			for (j = 0; j < sd.n; j++)
				diag_add(d, sd.v[j].level, sd.v[j].file,
				    sd.v[j].line, sd.v[j].col, "%s (with "
				    "profile %s)", sd.v[j].msg,
				    rs->profiles[i].name);
			r = SL_ERR_PARSE;
		}
		diag_cleanup(&sd);
		ruleset_free(scratch);
	}
	return r;
}

int
ruleset_load_profile(const char *const dirs[], int with_builtin,
    const char *profile, struct ruleset **rsp, struct diag *d)
{
	struct ruleset *rs = NULL;
	struct texts t;
	size_t i;
	int r = SL_ERR_INTERNAL, failed = 0;

	*rsp = NULL;
	memset(&t, 0, sizeof(t));
	strv_init(&t.names);
	rs = ruleset_new();
	for (i = 0; with_builtin && sl_builtin_rules[i].name != NULL; i++) {
		char *name = xprintf("builtin:%s", sl_builtin_rules[i].name);

		texts_add(&t, name, (char *)(uintptr_t)sl_builtin_rules[i].data,
		    sl_builtin_rules[i].len, 0);
		free(name);
	}
	for (i = 0; dirs != NULL && dirs[i] != NULL; i++)
		if ((r = load_dir(&t, dirs[i], d)) != 0)
			failed = r;
	for (i = 0; i < t.n; i++)
		if ((r = ruleset_add_profiles(rs, t.names.v[i], t.data[i],
		    t.len[i], d)) != 0)
			failed = r;
	if (failed == 0 && (r = profiles_check(rs, profile, d)) != 0)
		failed = r;
	if (failed == 0 && (r = add_all(rs, &t, d)) != 0)
		failed = r;
	if (failed == 0 && (r = profiles_verify(rs, &t, d)) != 0)
		failed = r;
	if (failed != 0) {
		/* Every error was reported; the load fails as a parse error. */
		r = failed == SL_ERR_SYSTEM || failed == SL_ERR_TOO_LARGE ||
		    failed == SL_ERR_USAGE ? failed : SL_ERR_PARSE;
		goto out;
	}
	*rsp = rs;
	rs = NULL;
	r = 0;
 out:
	texts_cleanup(&t);
	ruleset_free(rs);
	return r;
}

int
ruleset_load(const char *const dirs[], int with_builtin, struct ruleset **rsp,
    struct diag *d)
{
	return ruleset_load_profile(dirs, with_builtin, NULL, rsp, d);
}

size_t
ruleset_profile_count(const struct ruleset *rs)
{
	return rs->nprofiles;
}

const struct rule_profile *
ruleset_profile_get(const struct ruleset *rs, size_t i)
{
	return i < rs->nprofiles ? &rs->profiles[i] : NULL;
}

const char *
ruleset_profile_active(const struct ruleset *rs)
{
	return rs->active >= 0 ? rs->profiles[rs->active].name : NULL;
}

void
ruleset_print_profiles(FILE *fp, const struct ruleset *rs)
{
	const struct rule_profile *p;
	size_t i, k;
	long v;

	if (rs->nprofiles == 0)
		return;
	fprintf(fp, "\nProfiles (--profile NAME; * = in use):\n");
	for (i = 0; i < rs->nprofiles; i++) {
		p = &rs->profiles[i];
		fprintf(fp, "  %s%-10s %s%s\n", (long)i == rs->active ? "*" :
		    " ", p->name, p->title != NULL ? p->title : "",
		    p->is_default ? " (default)" : "");
	}
	fprintf(fp, "\n  %-26s", "variable");
	for (i = 0; i < rs->nprofiles; i++)
		fprintf(fp, i + 1 < rs->nprofiles ? " %-12s" : " %s",
		    rs->profiles[i].name);
	fprintf(fp, "\n");
	p = &rs->profiles[0];
	for (k = 0; k < p->vars.n; k++) {
		fprintf(fp, "  %-26s", p->vars.v[k]);
		for (i = 0; i < rs->nprofiles; i++) {
			v = strv_find(&rs->profiles[i].vars, p->vars.v[k]);
			fprintf(fp, i + 1 < rs->nprofiles ? " %-12s" : " %s",
			    v >= 0 ? rs->profiles[i].values.v[v] : "-");
		}
		fprintf(fp, "\n");
	}
}

/* Writes one word, quoted when the tokenizer would not read it back as is. */
static void
dump_word(struct sbuf *b, const char *s, int force_quote)
{
	size_t n = strlen(s);
	const char *p;

	if (!force_quote && n > 0 && strpbrk(s, " \t\r\n\"#") == NULL &&
	    s[n - 1] != '\\') {
		(void)sbuf_puts(b, s);
		return;
	}
	(void)sbuf_putc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			(void)sbuf_putc(b, '\\');
		(void)sbuf_putc(b, *p);
	}
	(void)sbuf_putc(b, '"');
}

static void
dump_line(struct sbuf *b, const char *kw, const char *first,
    const struct strv *rest, int quote)
{
	size_t i;

	(void)sbuf_putf(b, "\t%s\t", kw);
	if (strlen(kw) < 8)
		(void)sbuf_putc(b, '\t');
	if (first != NULL)
		dump_word(b, first, quote);
	for (i = 0; rest != NULL && i < rest->n; i++) {
		if (first != NULL || i > 0)
			(void)sbuf_putc(b, ' ');
		dump_word(b, rest->v[i], 0);
	}
	(void)sbuf_putc(b, '\n');
}

int
ruleset_dump(FILE *fp, const struct ruleset *rs)
{
	const struct rule *r;
	struct sbuf b;
	size_t i;
	int rc = SL_ERR_INTERNAL;

	sbuf_init(&b, 0);
	for (i = 0; i < rs->n; i++) {
		r = &rs->v[i]->r;
		sbuf_reset(&b);
		(void)sbuf_putf(&b, "%srule %s\n", i > 0 ? "\n" : "", r->id);
		dump_line(&b, "title", r->title, NULL, 1);
		dump_line(&b, "severity", severity_name(r->severity), NULL, 0);
		dump_line(&b, "scope", scope_name(r->scope), NULL, 0);
		dump_line(&b, "check", r->pred != NULL ? r->pred->name : "?",
		    &r->args, 0);
		dump_line(&b, "rationale", r->rationale, NULL, 1);
		if (r->refs.n > 0)
			dump_line(&b, "ref", NULL, &r->refs, 0);
		if (r->fix.action != NULL)
			dump_line(&b, "fix", r->fix.action, &r->fix.args, 0);
		if (r->fix.text != NULL)
			dump_line(&b, "fixtext", r->fix.text, NULL, 1);
		if (r->dsm_fix.action != NULL)
			dump_line(&b, "dsmfix", r->dsm_fix.action,
			    &r->dsm_fix.args, 0);
		(void)sbuf_puts(&b, "end\n");
		if (fwrite(b.data, 1, b.len, fp) != b.len) {
			rc = SL_ERR_SYSTEM;
			goto out;
		}
	}
	if (fflush(fp) != 0) {
		rc = SL_ERR_SYSTEM;
		goto out;
	}
	rc = 0;
 out:
	sbuf_cleanup(&b);
	return rc;
}
