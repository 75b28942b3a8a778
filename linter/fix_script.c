/*
 * fix_script.c — renders fix plans as one POSIX sh script that carries
 * DESIGN.md's fix safety protocol, and their rollbacks (fix.h describes
 * the steps, the exit status and the SYNOLINT-FIX marker lines). Every
 * value from a host is single-quoted (shquote); file contents are emitted
 * line by line as printf arguments, so a reviewer can read them.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomicfile.h"
#include "err.h"
#include "fix.h"
#include "shquote.h"
#include "xmalloc.h"

/* Helpers shared by the fix script and the rollback (POSIX sh, busybox). */
static const char prelude[] =
"set -u\n"
"umask 077\n"
"PATH=/usr/syno/sbin:/usr/syno/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
"export PATH\n"
"LC_ALL=C\n"
"export LC_ALL\n"
"SL_UID=$(id -u)\n"
"SL_HOST=-\n"
"SL_R=\n"
"\n"
"# sl_mark STEP STATUS OBJECT: one machine-readable line per step\n"
"sl_mark() {\n"
"\tprintf 'SYNOLINT-FIX host=%s step=%s status=%s object=%s\\n' \\\n"
"\t    \"$SL_HOST\" \"$1\" \"$2\" \"$3\"\n"
"}\n"
"\n"
"# sl_same A B: the two files are equal byte for byte\n"
"sl_same() {\n"
"\tif command -v cmp >/dev/null 2>&1; then\n"
"\t\tcmp -s \"$1\" \"$2\"\n"
"\telse\n"
"\t\t[ \"$(cksum <\"$1\")\" = \"$(cksum <\"$2\")\" ]\n"
"\tfi\n"
"}\n"
"\n"
"# sl_stat PATH PERMS UID GID: PATH is no symlink, lies at its real path\n"
"# and has exactly these permissions (as ls -l shows them) and owner\n"
"sl_stat() {\n"
"\t[ -L \"$1\" ] && return 1\n"
"\t[ -e \"$1\" ] || return 1\n"
"\tsl_d=$(dirname -- \"$1\")\n"
"\t[ \"$(cd -P -- \"$sl_d\" 2>/dev/null && pwd -P)\" = \"$sl_d\" ] || return 1\n"
"\tsl_l=$(ls -ldn -- \"$1\" 2>/dev/null) || return 1\n"
"\tsl_want=\"$2 $3 $4\"\n"
"\tset -f\n"
"\t# shellcheck disable=SC2086 # split ls's fields\n"
"\tset -- $sl_l\n"
"\tset +f\n"
"\tsl_p=${1%\"${1#??????????}\"}\n"
"\t[ \"$sl_p $3 $4\" = \"$sl_want\" ]\n"
"}\n"
"\n"
"# sl_may UID: this user may change what UID owns\n"
"sl_may() {\n"
"\t[ \"$SL_UID\" = 0 ] || [ \"$SL_UID\" = \"$1\" ]\n"
"}\n"
"\n"
"# sl_sshd_t CONFIG: sshd -t -f CONFIG with the first sshd found\n"
"sl_sshd_t() {\n"
"\tfor sl_s in \"$SL_SSHD\" /usr/bin/sshd /usr/sbin/sshd /usr/local/sbin/sshd; do\n"
"\t\tif [ -x \"$sl_s\" ]; then\n"
"\t\t\t\"$sl_s\" -t -f \"$1\" >&2\n"
"\t\t\treturn\n"
"\t\tfi\n"
"\tdone\n"
"\tprintf 'synolint-fix: no sshd to check %s with\\n' \"$1\" >&2\n"
"\treturn 1\n"
"}\n"
"\n"
"# sl_reload: sshd rereads its configuration, the way this host does it\n"
"sl_reload() {\n"
"\tif [ -n \"$SL_R\" ]; then\n"
"\t\tsl_mark reload skipped sshd\n"
"\t\treturn 0\n"
"\tfi\n"
"\tcase $SL_DSM in\n"
"\t7) synosystemctl restart sshd.service >&2 ;;\n"
"\t6) synoservicectl --reload sshd >&2 ;;\n"
"\t*)\n"
"\t\tsl_pid=\n"
"\t\tfor sl_pf in /run/sshd.pid /var/run/sshd.pid; do\n"
"\t\t\t[ -r \"$sl_pf\" ] && { read -r sl_pid <\"$sl_pf\"; break; }\n"
"\t\tdone\n"
"\t\tcase $sl_pid in '' | *[!0-9]*) false ;; *) kill -HUP \"$sl_pid\" ;; esac\n"
"\t\t;;\n"
"\tesac\n"
"\tsl_rc=$?\n"
"\tif [ \"$sl_rc\" = 0 ]; then sl_mark reload ok sshd; else sl_mark reload failed sshd; fi\n"
"\treturn \"$sl_rc\"\n"
"}\n"
"\n"
"# sl_webapi ARGS...: synowebapi --exec ARGS, which must answer success\n"
"sl_webapi() {\n"
"\tsl_w=$(command -v synowebapi) || return 1\n"
"\tsl_out=$(\"$sl_w\" --exec \"$@\" 2>&1) || { printf '%s\\n' \"$sl_out\" >&2; return 1; }\n"
"\tcase $sl_out in *'\"success\":true'*) return 0 ;; esac\n"
"\tprintf '%s\\n' \"$sl_out\" >&2\n"
"\treturn 1\n"
"}\n"
"\n"
"# sl_restore PATH: the backup of PATH made by this run goes back in place\n"
"sl_restore() {\n"
"\tsl_f=$SL_R$1\n"
"\tsl_b=$sl_f.synolint-$SL_STAMP\n"
"\tif [ ! -f \"$sl_b\" ] || [ -L \"$sl_b\" ]; then\n"
"\t\tsl_mark rollback skipped \"$1\"\n"
"\t\treturn 0\n"
"\tfi\n"
"\tsl_t=\n"
"\tif ! sl_t=$(mktemp \"$sl_f.synolint-old.XXXXXX\") || ! cp -p \"$sl_b\" \"$sl_t\" ||\n"
"\t    ! mv -f \"$sl_t\" \"$sl_f\" || ! sl_same \"$sl_b\" \"$sl_f\"; then\n"
"\t\t[ -n \"$sl_t\" ] && rm -f \"$sl_t\"\n"
"\t\tsl_mark rollback failed \"$1\"\n"
"\t\treturn 1\n"
"\tfi\n"
"\tsl_mark rollback ok \"$1\"\n"
"}\n";

/* Only in the fix script: check, back up, write, validate, install. */
static const char fix_helpers[] =
"\n"
"# sl_check PATH: PATH still holds what was audited (in $SL_TMPD/orig)\n"
"sl_check() {\n"
"\tif [ -f \"$SL_R$1\" ] && [ ! -L \"$SL_R$1\" ] && sl_same \"$SL_R$1\" \"$SL_TMPD/orig\"; then\n"
"\t\treturn 0\n"
"\tfi\n"
"\tsl_mark check changed \"$1\"\n"
"\tprintf 'synolint-fix: %s changed since the audit: nothing done on %s\\n' \"$1\" \"$SL_HOST\" >&2\n"
"\treturn 1\n"
"}\n"
"\n"
"# sl_edit PATH NEWFN MODE UID GID VALIDATE: back up PATH, write the new\n"
"# file beside it with the audited mode and owner, sshd -t it (VALIDATE\n"
"# 1), then rename it over PATH\n"
"sl_edit() {\n"
"\tsl_f=$SL_R$1\n"
"\tsl_b=$sl_f.synolint-$SL_STAMP\n"
"\tif [ -e \"$sl_b\" ] || [ -L \"$sl_b\" ]; then\n"
"\t\tsl_mark backup failed \"$1\"\n"
"\t\treturn 1\n"
"\tfi\n"
"\tif ! cp -p \"$sl_f\" \"$sl_b\" || ! sl_same \"$sl_f\" \"$sl_b\"; then\n"
"\t\tsl_mark backup failed \"$1\"\n"
"\t\treturn 1\n"
"\tfi\n"
"\tsl_mark backup ok \"$1.synolint-$SL_STAMP\"\n"
"\tsl_t=$(mktemp \"$sl_f.synolint-new.XXXXXX\") || { sl_mark install failed \"$1\"; return 1; }\n"
"\tif ! \"$2\" >\"$sl_t\" || ! chmod \"$3\" \"$sl_t\" ||\n"
"\t    { [ \"$SL_UID\" = 0 ] && ! chown \"$4:$5\" \"$sl_t\"; }; then\n"
"\t\trm -f \"$sl_t\"\n"
"\t\tsl_mark install failed \"$1\"\n"
"\t\treturn 1\n"
"\tfi\n"
"\tif [ \"$6\" = 1 ]; then\n"
"\t\tif ! sl_sshd_t \"$sl_t\"; then\n"
"\t\t\trm -f \"$sl_t\"\n"
"\t\t\tsl_mark validate failed \"$1\"\n"
"\t\t\treturn 1\n"
"\t\tfi\n"
"\t\tsl_mark validate ok \"$1\"\n"
"\tfi\n"
"\tif ! mv -f \"$sl_t\" \"$sl_f\"; then\n"
"\t\trm -f \"$sl_t\"\n"
"\t\tsl_mark install failed \"$1\"\n"
"\t\treturn 1\n"
"\tfi\n"
"\tsl_mark install ok \"$1\"\n"
"}\n"
"\n"
"# sl_chmod PATH PERMS UID GID MODE / sl_chown PATH PERMS UID GID NEWUID\n"
"sl_chmod() {\n"
"\tif sl_stat \"$SL_R$1\" \"$2\" \"$3\" \"$4\" && chmod \"$5\" \"$SL_R$1\"; then\n"
"\t\tsl_mark chmod ok \"$1\"\n"
"\telse\n"
"\t\tsl_mark chmod failed \"$1\"\n"
"\t\treturn 1\n"
"\tfi\n"
"}\n"
"sl_chown() {\n"
"\tif sl_stat \"$SL_R$1\" \"$2\" \"$3\" \"$4\" && chown \"$5\" \"$SL_R$1\"; then\n"
"\t\tsl_mark chown ok \"$1\"\n"
"\telse\n"
"\t\tsl_mark chown failed \"$1\"\n"
"\t\treturn 1\n"
"\tfi\n"
"}\n"
"\n"
"# sl_abort: a step failed after changes began: roll back\n"
"sl_abort() {\n"
"\tprintf 'synolint-fix: %s: a step failed; rolling back with %s\\n' \"$SL_HOST\" \"$SL_RB\" >&2\n"
"\tsh \"$SL_RB\"\n"
"\treturn 2\n"
"}\n";

/* A stamp goes into file names and a printf: letters, digits, "._-". */
static int
stamp_ok(const char *s)
{
	if (s == NULL)
		return 1;
	if (*s == '\0' || strlen(s) > 64)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") == strlen(s);
}

/* "drwxr-x---" as ls -l shows type and mode. */
static void
perm_string(char out[11], int is_dir, unsigned int mode)
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	out[0] = is_dir ? 'd' : '-';
	for (i = 0; i < 9; i++)
		out[i + 1] = (mode & (0400u >> i)) ? rwx[i] : '-';
	if (mode & 04000)
		out[3] = out[3] == 'x' ? 's' : 'S';
	if (mode & 02000)
		out[6] = out[6] == 'x' ? 's' : 'S';
	if (mode & 01000)
		out[9] = out[9] == 'x' ? 't' : 'T';
	out[10] = '\0';
}

static void
put_q(struct sbuf *b, const char *s)
{
	char *q = shquote(s);

	(void)sbuf_puts(b, q);
	free(q);
}

/* A function NAME that prints data exactly (lines as printf arguments). */
static void
put_content_fn(struct sbuf *b, const char *name, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *nl;
	char *line;
	int any = 0;

	(void)sbuf_putf(b, "# shellcheck disable=SC2016 # file lines, literal\n"
	    "%s() {\n", name);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		line = xstrndup(p, nl != NULL ? (size_t)(nl - p) :
		    (size_t)(end - p));
		if (nl == NULL) {
			(void)sbuf_puts(b, any ? "\n\tprintf '%s' " :
			    "\tprintf '%s' ");
			put_q(b, line);
			any = 0;
		} else {
			(void)sbuf_puts(b, any ? " \\\n\t    " :
			    "\tprintf '%s\\n' \\\n\t    ");
			put_q(b, line);
			any = 1;
		}
		free(line);
		p = nl != NULL ? nl + 1 : end;
	}
	(void)sbuf_puts(b, len == 0 ? "\t:\n}\n" : "\n}\n");
}

static const char *
safe_label(const char *s, char *buf, size_t len)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < len; i++)
		buf[i] = (unsigned char)s[i] <= ' ' || s[i] == 0x7f ? '_' : s[i];
	buf[i] = '\0';
	return buf;
}

static int
is_path_kind(const struct fix_action *a)
{
	return a->kind == FIX_CHMOD || a->kind == FIX_CHOWN;
}

/* The assignments every part of a host starts with. */
static void
put_host_vars(struct sbuf *b, const struct fix_plan *p)
{
	char lbl[256];

	(void)sbuf_puts(b, "\tSL_HOST=");
	put_q(b, safe_label(p->host.label, lbl, sizeof(lbl)));
	(void)sbuf_puts(b, "\n\tSL_R=");
	put_q(b, p->host.root != NULL ? p->host.root : "");
	(void)sbuf_puts(b, "\n\tSL_SSHD=");
	put_q(b, p->host.sshd_path);
	(void)sbuf_putf(b, "\n\tSL_DSM=%d\n", p->host.is_dsm ?
	    p->host.dsm_major : 0);
}

static int
any_edit(const struct fix_plan *p)
{
	size_t i;

	for (i = 0; i < p->nedits; i++)
		if (fix_edit_used(p, i))
			return 1;
	return 0;
}

/* The rollback's steps (after the prelude and its variables). */
static void
put_rollback_steps(struct sbuf *b, const struct fix_plan *p, int no_reload)
{
	char perm[11];
	size_t i;

	(void)sbuf_puts(b, "SL_RC=0\n");
	for (i = p->nedits; i-- > 0;)
		if (fix_edit_used(p, i)) {
			(void)sbuf_puts(b, "sl_restore ");
			put_q(b, p->edits[i].path);
			(void)sbuf_puts(b, " || SL_RC=1\n");
		}
	for (i = p->nactions; i-- > 0;) {
		const struct fix_action *a = &p->actions[i];

		if (!a->planned || !is_path_kind(a))
			continue;
		if (a->kind == FIX_CHMOD) {
			perm_string(perm, a->is_dir, a->new_mode);
			(void)sbuf_puts(b, "if sl_stat \"$SL_R\"");
			put_q(b, a->target);
			(void)sbuf_putf(b, " %s %lu %lu; then chmod %04o \"$SL_R\"",
			    perm, a->expect_uid, a->expect_gid, a->expect_mode);
		} else {
			perm_string(perm, a->is_dir, a->expect_mode);
			(void)sbuf_puts(b, "if sl_stat \"$SL_R\"");
			put_q(b, a->target);
			(void)sbuf_putf(b, " %s %lu %lu; then chown %lu \"$SL_R\"",
			    perm, a->new_uid, a->expect_gid, a->expect_uid);
		}
		put_q(b, a->target);
		(void)sbuf_puts(b, " && sl_mark rollback ok ");
		put_q(b, a->target);
		(void)sbuf_puts(b, "; else sl_mark rollback skipped ");
		put_q(b, a->target);
		(void)sbuf_puts(b, "; fi\n");
	}
	for (i = p->nactions; i-- > 0;) {
		const struct fix_action *a = &p->actions[i];
		char *args;

		if (!a->planned || a->kind != FIX_DSM_WEBAPI)
			continue;
		args = shquote_argv((const char *const *)a->webapi_undo.v);
		(void)sbuf_putf(b, "if sl_webapi %s; then sl_mark rollback ok ",
		    args);
		put_q(b, a->target);
		(void)sbuf_puts(b, "; else sl_mark rollback failed ");
		put_q(b, a->target);
		(void)sbuf_puts(b, "; SL_RC=1; fi\n");
		free(args);
	}
	if (any_edit(p) && !no_reload)
		(void)sbuf_puts(b, "sl_reload || SL_RC=1\n");
	(void)sbuf_puts(b, "if [ \"$SL_RC\" = 0 ]; then sl_mark rollback ok host; "
	    "else sl_mark rollback failed host; fi\nexit \"$SL_RC\"\n");
}

int
fix_rollback_render(const struct fix_plan *p, const char *stamp,
    struct sbuf *out)
{
	char lbl[256];

	if (stamp == NULL || !stamp_ok(stamp))
		return SL_ERR_USAGE;
	(void)sbuf_puts(out, "#!/bin/sh\n# shellcheck disable=SC2317 # helpers "
	    "called indirectly or not at all\n# synolint rollback of host ");
	(void)sbuf_puts(out, safe_label(p->host.label, lbl, sizeof(lbl)));
	(void)sbuf_puts(out, ": restores the backups, modes, owners and DSM "
	    "settings\n# changed by its fix script, then reloads sshd.\n");
	(void)sbuf_puts(out, prelude);
	(void)sbuf_puts(out, "SL_STAMP=");
	put_q(out, stamp);
	(void)sbuf_puts(out, "\n");
	put_host_vars(out, p);
	put_rollback_steps(out, p, 0);
	return SL_OK;
}

/* sl_host_K: the whole protocol for one host. */
static void
put_host_fn(struct sbuf *b, const struct fix_plan *p, size_t k,
    const struct fix_script_opts *o)
{
	char perm[11], fn[64];
	size_t i, n = 0;

	/* the audited and the new content of every file to edit */
	for (i = 0; i < p->nedits; i++) {
		if (!fix_edit_used(p, i))
			continue;
		snprintf(fn, sizeof(fn), "sl_orig_%zu_%zu", k, i);
		put_content_fn(b, fn, p->edits[i].original,
		    p->edits[i].original_len);
		snprintf(fn, sizeof(fn), "sl_new_%zu_%zu", k, i);
		put_content_fn(b, fn, p->edits[i].content,
		    p->edits[i].content_len);
	}
	/* the rollback, written before the first change */
	(void)sbuf_putf(b, "sl_rollback_%zu() {\n\tprintf '#!/bin/sh\\n# "
	    "shellcheck disable=SC2317\\n'\n"
	    "\tprintf 'SL_STAMP=%%s\\n' \"$SL_STAMP\"\n\tcat <<'SYNOLINT_ROLLBACK_EOF'\n", k);
	(void)sbuf_puts(b, "# synolint rollback: restores the backups, modes, "
	    "owners and DSM settings\n# changed by the fix script, then "
	    "reloads sshd.\n");
	(void)sbuf_puts(b, prelude);
	{
		struct sbuf v;

		sbuf_init(&v, 0);
		put_host_vars(&v, p);
		/* the host variables without the function indent */
		for (i = 0; i < v.len; i++)
			if (!(v.data[i] == '\t' && (i == 0 ||
			    v.data[i - 1] == '\n')))
				(void)sbuf_putc(b, v.data[i]);
		sbuf_cleanup(&v);
	}
	put_rollback_steps(b, p, o != NULL && o->no_reload);
	(void)sbuf_puts(b, "SYNOLINT_ROLLBACK_EOF\n}\n\n");

	(void)sbuf_putf(b, "sl_host_%zu() {\n", k);
	put_host_vars(b, p);
	/* guard */
	if (p->host.root != NULL) {
		(void)sbuf_puts(b, "\tif [ ! -d \"$SL_R\" ]; then\n\t\tsl_mark "
		    "guard skipped \"$SL_R\"\n\t\treturn 3\n\tfi\n");
	} else if (p->host.hostname != NULL) {
		(void)sbuf_puts(b, "\tif [ \"$(uname -n)\" != ");
		put_q(b, p->host.hostname);
		(void)sbuf_puts(b, " ]; then\n\t\tsl_mark guard skipped "
		    "\"$(uname -n)\"\n\t\treturn 3\n\tfi\n");
	}
	(void)sbuf_puts(b, "\tif [ -n \"$SL_R\" ]; then SL_R=$(cd -P -- \"$SL_R\" "
	    "&& pwd -P) || return 3; fi\n");
	(void)sbuf_puts(b, "\tsl_mark guard ok host\n");
	(void)sbuf_puts(b, "\tSL_TMPD=$(mktemp -d \"${TMPDIR:-/tmp}/synolint-fix."
	    "XXXXXX\") || return 1\n");
	(void)sbuf_puts(b, "\ttrap 'rm -rf \"$SL_TMPD\"' EXIT\n");
	/* check everything before changing anything */
	for (i = 0; i < p->nedits; i++) {
		if (!fix_edit_used(p, i))
			continue;
		(void)sbuf_putf(b, "\tsl_orig_%zu_%zu >\"$SL_TMPD/orig\" || "
		    "return 1\n\tsl_check ", k, i);
		put_q(b, p->edits[i].path);
		(void)sbuf_putf(b, " || return 1\n\tsl_may %lu || { sl_mark check "
		    "failed ", p->edits[i].uid);
		put_q(b, p->edits[i].path);
		(void)sbuf_puts(b, "; return 1; }\n\tsl_mark check ok ");
		put_q(b, p->edits[i].path);
		(void)sbuf_puts(b, "\n");
	}
	for (i = 0; i < p->nactions; i++) {
		const struct fix_action *a = &p->actions[i];
		size_t j;
		int first = 1;

		if (!a->planned)
			continue;
		if (a->kind == FIX_DSM_WEBAPI) {
			(void)sbuf_puts(b, "\tsl_may 0 || { sl_mark check failed ");
			put_q(b, a->target);
			(void)sbuf_puts(b, "; return 1; }\n");
			continue;
		}
		if (!is_path_kind(a))
			continue;
		for (j = 0; j < i; j++)
			if (p->actions[j].planned && is_path_kind(&p->actions[j])
			    && strcmp(p->actions[j].target, a->target) == 0)
				first = 0;
		perm_string(perm, a->is_dir, a->expect_mode);
		if (first) {
			(void)sbuf_puts(b, "\tif ! sl_stat \"$SL_R\"");
			put_q(b, a->target);
			(void)sbuf_putf(b, " %s %lu %lu; then\n\t\tsl_mark check "
			    "changed ", perm, a->expect_uid, a->expect_gid);
			put_q(b, a->target);
			(void)sbuf_puts(b, "\n\t\treturn 1\n\tfi\n");
		}
		(void)sbuf_putf(b, "\tsl_may %lu || { sl_mark check failed ",
		    a->kind == FIX_CHOWN ? 0ul : a->expect_uid);
		put_q(b, a->target);
		(void)sbuf_puts(b, "; return 1; }\n");
		if (first) {
			(void)sbuf_puts(b, "\tsl_mark check ok ");
			put_q(b, a->target);
			(void)sbuf_puts(b, "\n");
		}
	}
	/* the rollback script */
	(void)sbuf_puts(b, "\tSL_RB=\"$SL_R\"");
	{
		char *dir = xstrdup(p->host.sshd_config), *sl = strrchr(dir, '/');

		if (sl != NULL)
			sl[sl == dir ? 1 : 0] = '\0';
		put_q(b, dir);
		free(dir);
	}
	(void)sbuf_putf(b, "/synolint-rollback-$SL_STAMP.sh\n"
	    "\tif [ -e \"$SL_RB\" ] || ! sl_rollback_%zu >\"$SL_RB\" || "
	    "! chmod 700 \"$SL_RB\"; then\n"
	    "\t\tsl_mark rollback failed \"$SL_RB\"\n\t\treturn 1\n\tfi\n"
	    "\tsl_mark rollback written \"$SL_RB\"\n", k);
	/* edits: included files first, the main file last */
	for (int pass = 0; pass < 2; pass++)
		for (i = 0; i < p->nedits; i++) {
			int is_main = strcmp(p->edits[i].path,
			    p->host.sshd_config) == 0;

			if (!fix_edit_used(p, i) || is_main != pass)
				continue;
			(void)sbuf_putf(b, "\tif ! sl_orig_%zu_%zu >\"$SL_TMPD/orig\" "
			    "|| ! sl_check ", k, i);
			put_q(b, p->edits[i].path);
			(void)sbuf_puts(b, " ||\n\t    ! sl_edit ");
			put_q(b, p->edits[i].path);
			(void)sbuf_putf(b, " sl_new_%zu_%zu %04o %lu %lu %d; then\n"
			    "\t\tsl_abort\n\t\treturn\n\tfi\n", k, i,
			    p->edits[i].mode, p->edits[i].uid, p->edits[i].gid,
			    is_main);
			n++;
		}
	if (n > 0) {
		/* the configuration as sshd will read it, includes and all */
		(void)sbuf_puts(b, "\tif ! sl_sshd_t \"$SL_R\"");
		put_q(b, p->host.sshd_config);
		(void)sbuf_puts(b, "; then\n\t\tsl_mark validate failed ");
		put_q(b, p->host.sshd_config);
		(void)sbuf_puts(b, "\n\t\tsl_abort\n\t\treturn\n\tfi\n");
	}
	for (i = 0; i < p->nactions; i++) {
		const struct fix_action *a = &p->actions[i];

		if (!a->planned || !is_path_kind(a))
			continue;
		perm_string(perm, a->is_dir, a->expect_mode);
		if (a->kind == FIX_CHMOD) {
			(void)sbuf_puts(b, "\tsl_chmod ");
			put_q(b, a->target);
			(void)sbuf_putf(b, " %s %lu %lu %04o", perm, a->expect_uid,
			    a->expect_gid, a->new_mode);
		} else {
			(void)sbuf_puts(b, "\tsl_chown ");
			put_q(b, a->target);
			(void)sbuf_putf(b, " %s %lu %lu %lu", perm, a->expect_uid,
			    a->expect_gid, a->new_uid);
		}
		(void)sbuf_puts(b, " || { sl_abort; return; }\n");
	}
	for (i = 0; i < p->nactions; i++) {
		const struct fix_action *a = &p->actions[i];
		char *args;

		if (!a->planned || a->kind != FIX_DSM_WEBAPI)
			continue;
		args = shquote_argv((const char *const *)a->webapi.v);
		(void)sbuf_puts(b, "\tif [ -n \"$SL_R\" ]; then sl_mark webapi "
		    "skipped ");
		put_q(b, a->target);
		(void)sbuf_putf(b, "; elif sl_webapi %s; then sl_mark webapi "
		    "ok ", args);
		put_q(b, a->target);
		(void)sbuf_puts(b, "; else sl_mark webapi failed ");
		put_q(b, a->target);
		(void)sbuf_puts(b, "; sl_abort; return; fi\n");
		free(args);
	}
	if (n > 0 && (o == NULL || !o->no_reload))
		(void)sbuf_puts(b, "\tsl_reload || { sl_abort; return; }\n");
	(void)sbuf_puts(b, "\tsl_mark 'done' ok host\n\treturn 0\n}\n\n");
}

static int
render(struct fix_plan *const *plans, size_t n,
    const struct fix_script_opts *o, struct sbuf *out)
{
	char lbl[256];
	size_t i, nh = 0;

	if (o != NULL && !stamp_ok(o->stamp))
		return SL_ERR_USAGE;

	(void)sbuf_puts(out, "#!/bin/sh\n"
	    "# shellcheck disable=SC2317 # helpers called indirectly or not at all\n"
	    "# synolint fix script. Review it, then run it with sh as root on the\n"
	    "# NAS it was made for (a host guard refuses any other). For each\n"
	    "# host: every file and path is compared with what was audited and\n"
	    "# nothing is changed if one differs; the rollback script is written\n"
	    "# first; each file is backed up (PATH.synolint-STAMP), written to a\n"
	    "# temp file beside it with its owner and mode, checked with\n"
	    "# `sshd -t -f TEMP` and renamed over it; modes and owners change\n"
	    "# only on the audited paths, never through a symlink; DSM settings\n"
	    "# go through synowebapi; sshd is reloaded the host's way. A failed\n"
	    "# step runs the rollback. Exit: 0 done, 1 nothing changed (a check\n"
	    "# failed), 2 rolled back, 3 not a host of this script.\n"
	    "# Hosts:");
	for (i = 0; i < n; i++)
		if (plans[i] != NULL && fix_plan_count(plans[i]) > 0)
			(void)sbuf_putf(out, " %s", safe_label(plans[i]->host.label,
			    lbl, sizeof(lbl)));
	(void)sbuf_puts(out, "\n");
	(void)sbuf_puts(out, prelude);
	(void)sbuf_puts(out, fix_helpers);
	if (o != NULL && o->stamp != NULL) {
		(void)sbuf_puts(out, "SL_STAMP=");
		put_q(out, o->stamp);
		(void)sbuf_puts(out, "\n");
	} else
		(void)sbuf_puts(out, "SL_STAMP=$(date +%Y%m%d%H%M%S) || exit 1\n");
	(void)sbuf_puts(out, "SL_TMPD=\nSL_RB=\nSL_SSHD=\nSL_DSM=0\n\n");
	for (i = 0; i < n; i++)
		if (plans[i] != NULL && fix_plan_count(plans[i]) > 0) {
			(void)sbuf_putf(out, "# ---- host %s ----\n",
			    safe_label(plans[i]->host.label, lbl, sizeof(lbl)));
			put_host_fn(out, plans[i], i, o);
			nh++;
		}
	(void)sbuf_puts(out, "SL_MATCHED=0\nSL_EXIT=0\n");
	for (i = 0; i < n; i++)
		if (plans[i] != NULL && fix_plan_count(plans[i]) > 0)
			(void)sbuf_putf(out, "sl_host_%zu\nsl_r=$?\n"
			    "if [ \"$sl_r\" != 3 ]; then\n\tSL_MATCHED=1\n"
			    "\t[ \"$sl_r\" -gt \"$SL_EXIT\" ] && SL_EXIT=$sl_r\nfi\n"
			    "[ -n \"$SL_TMPD\" ] && rm -rf \"$SL_TMPD\"\nSL_TMPD=\n",
			    i);
	if (nh == 0)
		return sbuf_puts(out, "SL_HOST=-\nsl_mark 'done' ok "
		    "\"nothing to fix\"\nexit 0\n") == 0 ? SL_OK :
		    SL_ERR_TOO_LARGE;
	return sbuf_puts(out, "if [ \"$SL_MATCHED\" = 0 ]; then\n"
	    "\tprintf 'synolint-fix: this is not a host this script was made "
	    "for\\n' >&2\n\texit 3\nfi\nexit \"$SL_EXIT\"\n") == 0 ? SL_OK :
	    SL_ERR_TOO_LARGE;
}

int
fix_script_render(const struct fix_plan *p, const struct fix_script_opts *o,
    struct sbuf *out)
{
	struct fix_plan *one[1];

	one[0] = (struct fix_plan *)p;
	return render(one, 1, o, out);
}

int
fix_script_render_all(struct fix_plan *const *plans, size_t n,
    const struct fix_script_opts *o, struct sbuf *out)
{
	return render(plans, n, o, out);
}

int
fix_script_write(const char *path, struct fix_plan *const *plans, size_t n,
    struct diag *d)
{
	struct atomicfile af;
	struct sbuf b;
	int r;

	sbuf_init(&b, 0);
	if ((r = render(plans, n, NULL, &b)) != SL_OK) {
		diag_error(d, path, 0, "cannot render the fix script: %s",
		    sl_strerror(r));
		goto out;
	}
	if ((r = atomicfile_open(&af, path, d)) != SL_OK)
		goto out;
	if (fwrite(b.data, 1, b.len, af.fp) != b.len ||
	    fchmod(fileno(af.fp), 0700) != 0) {
		diag_errno(d, "cannot write %s", af.tmp);
		atomicfile_abort(&af);
		r = SL_ERR_SYSTEM;
		goto out;
	}
	r = atomicfile_commit(&af, d);
 out:
	sbuf_cleanup(&b);
	return r;
}
