/*
 * check_fix.c — the fixer's pure parts (issue #6): the sshd_config editor
 * (in place where set, first value wins, Include'd files, before the first
 * Match, never inside one, comments kept, idempotent), the unified diff
 * (applied with patch(1) it gives the new file), and plan selection on the
 * seed's remote NAS (risky rules need --only ID or --fix-risky, --skip,
 * waivers, chained chmods).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bundle.h"
#include "engine.h"
#include "err.h"
#include "facts.h"
#include "fix.h"
#include "rules.h"
#include "sbuf.h"
#include "sl_check.h"
#include "sl_example_host.h"
#include "sshd.h"
#include "sshd_memsrc.h"
#include "xmalloc.h"

/* ---- the editor ---------------------------------------------------- */

static const char *
mem_read(void *arg, const char *path, size_t *lenp)
{
	const struct memfile *f;

	for (f = arg; f->path != NULL; f++)
		if (strcmp(f->path, path) == 0) {
			*lenp = strlen(f->data);
			return f->data;
		}
	return NULL;
}

struct result {
	char	*path[4];
	char	*data[4];
	size_t	 n;
};

static int
collect(const char *path, const char *old, size_t oldlen, const char *new_,
    size_t newlen, void *arg)
{
	struct result *r = arg;

	(void)old;
	(void)oldlen;
	ck_assert_uint_lt(r->n, 4);
	r->path[r->n] = xstrdup(path);
	r->data[r->n++] = xstrndup(new_, newlen);
	return 0;
}

static void
result_free(struct result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->path[i]);
		free(r->data[i]);
	}
	memset(r, 0, sizeof(*r));
}

/*
 * Sets kw to value on the configuration files (main first) for version v;
 * fix_line: a line of the main file inside a Match block to edit too (0:
 * none). Returns what sshd_editor_set returned; out gets the new files.
 */
static int
edit_set(const struct memfile *files, int v, const char *kw,
    const char *value, unsigned int fix_line, struct result *out)
{
	struct sshd_source src = memsrc(files);
	struct sshd_config *cfg = NULL;
	struct sshd_editor *ed;
	const char *ff[1] = { files[0].path };
	unsigned int fl[1] = { fix_line };
	struct diag d;
	int r;

	diag_init(&d);
	ck_assert_int_eq(sshd_config_load(files[0].path, &src, v, &cfg, &d), 0);
	ed = sshd_editor_new(cfg, files[0].path, v, mem_read, (void *)files);
	r = sshd_editor_set(ed, kw, value, ff, fl, fix_line ? 1 : 0);
	memset(out, 0, sizeof(*out));
	ck_assert_int_eq(sshd_editor_each(ed, collect, out), 0);
	sshd_editor_free(ed);
	sshd_config_free(cfg);
	diag_cleanup(&d);
	return r;
}

#define MAIN "/etc/ssh/sshd_config"

START_TEST(test_edit_in_place_keeps_comment)
{
	const struct memfile f[] = {
		{ MAIN, "# DSM\n  PasswordAuthentication yes   # was here\n"
		  "UsePAM yes\n", 0 },
		{ NULL, NULL, 0 }
	};
	struct result r;

	ck_assert_int_eq(edit_set(f, 902, "PasswordAuthentication", "no", 0,
	    &r), 1);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_str_eq(r.data[0], "# DSM\n  PasswordAuthentication no "
	    "# was here\nUsePAM yes\n");
	result_free(&r);
}
END_TEST

START_TEST(test_edit_first_value_wins)
{
	const struct memfile f[] = {
		{ MAIN, "X11Forwarding=yes\nX11Forwarding no\n", 0 },
		{ NULL, NULL, 0 }
	};
	struct result r;

	/* sshd uses the first line: that one is edited, the second kept */
	ck_assert_int_eq(edit_set(f, 902, "X11Forwarding", "no", 0, &r), 1);
	ck_assert_str_eq(r.data[0], "X11Forwarding no\nX11Forwarding no\n");
	result_free(&r);
}
END_TEST

START_TEST(test_edit_in_the_included_file)
{
	const struct memfile f[] = {
		{ MAIN, "Include /etc/ssh/sshd_config.d/*.conf\n"
		  "PasswordAuthentication yes\n", 0 },
		{ "/etc/ssh/sshd_config.d/10-local.conf",
		  "# local\nPasswordAuthentication yes\n", 0 },
		{ NULL, NULL, 0 }
	};
	struct result r;

	/* the Include comes first, so its line is the one sshd uses */
	ck_assert_int_eq(edit_set(f, 902, "PasswordAuthentication", "no", 0,
	    &r), 1);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_str_eq(r.path[0], "/etc/ssh/sshd_config.d/10-local.conf");
	ck_assert_str_eq(r.data[0], "# local\nPasswordAuthentication no\n");
	result_free(&r);
}
END_TEST

START_TEST(test_insert_before_match)
{
	const struct memfile f[] = {
		{ MAIN, "Port 22\n\n# per-user settings\n#Match User anoncvs\n"
		  "Match User admin\n\tAllowTcpForwarding yes\n", 0 },
		{ NULL, NULL, 0 }
	};
	struct result r;

	/* above the comment block that introduces the Match, never in it */
	ck_assert_int_eq(edit_set(f, 902, "PermitRootLogin", "no", 0, &r), 1);
	ck_assert_str_eq(r.data[0], "Port 22\n\nPermitRootLogin no\n"
	    "# per-user settings\n#Match User anoncvs\nMatch User admin\n"
	    "\tAllowTcpForwarding yes\n");
	result_free(&r);
}
END_TEST

START_TEST(test_match_only_gets_global_and_block_edit)
{
	const struct memfile f[] = {
		{ MAIN, "Include /etc/ssh/inc.conf\nMatch User admin\n"
		  "\tAllowTcpForwarding yes\n", 0 },
		{ "/etc/ssh/inc.conf", "Match User bob\n\tX11Forwarding yes\n",
		  0 },
		{ NULL, NULL, 0 }
	};
	struct result r;

	/* set only inside Match: a global line before the main file's first
	   Match (after the Include: an included Match ends with its file),
	   and the block's line edited in place */
	ck_assert_int_eq(edit_set(f, 902, "AllowTcpForwarding", "no", 3, &r),
	    1);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_str_eq(r.data[0], "Include /etc/ssh/inc.conf\n"
	    "AllowTcpForwarding no\nMatch User admin\n"
	    "\tAllowTcpForwarding no\n");
	result_free(&r);
}
END_TEST

START_TEST(test_append_without_match_or_newline)
{
	const struct memfile f[] = {
		{ MAIN, "UsePAM yes", 0 },
		{ NULL, NULL, 0 }
	};
	struct result r;

	ck_assert_int_eq(edit_set(f, 902, "LogLevel", "VERBOSE", 0, &r), 1);
	ck_assert_str_eq(r.data[0], "UsePAM yes\nLogLevel VERBOSE\n");
	result_free(&r);
}
END_TEST

START_TEST(test_edit_idempotent)
{
	struct memfile f[] = {
		{ MAIN, "PasswordAuthentication yes\nMatch User admin\n"
		  "\tAllowTcpForwarding yes\n", 0 },
		{ NULL, NULL, 0 }
	};
	struct result r, r2;
	char *once;

	ck_assert_int_eq(edit_set(f, 902, "AllowTcpForwarding", "no", 3, &r),
	    1);
	once = xstrdup(r.data[0]);
	result_free(&r);
	f[0].data = once;
	ck_assert_int_eq(edit_set(f, 902, "AllowTcpForwarding", "no", 3, &r2),
	    0);
	ck_assert_uint_eq(r2.n, 0);
	/* an equal value in another spelling is "already so" too */
	ck_assert_int_eq(edit_set(f, 902, "passwordauthentication", "YES", 0,
	    &r2), 0);
	free(once);
}
END_TEST

START_TEST(test_spelling_for_the_version)
{
	const struct memfile f[] = {
		{ MAIN, "UsePAM yes\n", 0 },
		{ NULL, NULL, 0 }
	};
	struct result r;

	/* OpenSSH 7.4 knows only the old name */
	ck_assert_int_eq(edit_set(f, 704, "PubkeyAcceptedAlgorithms",
	    "-ssh-rsa", 0, &r), 1);
	ck_assert_str_eq(r.data[0], "UsePAM yes\n"
	    "PubkeyAcceptedKeyTypes -ssh-rsa\n");
	result_free(&r);
	ck_assert_int_eq(edit_set(f, 902, "NoSuchKeyword", "x", 0, &r),
	    SL_ERR_UNSUPPORTED);
	result_free(&r);
}
END_TEST

START_TEST(test_remove_comments_out)
{
	const struct memfile f[] = {
		{ MAIN, "Port 2222\nPort 22\nUsePAM yes\n", 0 },
		{ NULL, NULL, 0 }
	};
	struct sshd_source src = memsrc(f);
	struct sshd_config *cfg = NULL;
	struct sshd_editor *ed;
	struct result r;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(sshd_config_load(MAIN, &src, 902, &cfg, &d), 0);
	ed = sshd_editor_new(cfg, MAIN, 902, mem_read, (void *)f);
	ck_assert_int_eq(sshd_editor_remove(ed, "Port", "SSHD-021"), 1);
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(sshd_editor_each(ed, collect, &r), 0);
	ck_assert_str_eq(r.data[0], "#Port 2222  # synolint SSHD-021\n"
	    "#Port 22  # synolint SSHD-021\nUsePAM yes\n");
	result_free(&r);
	sshd_editor_free(ed);
	sshd_config_free(cfg);
	diag_cleanup(&d);
}
END_TEST

/* ---- the diff --------------------------------------------------------- */

static void
write_file(const char *path, const char *data)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, strlen(data), fp), strlen(data));
	ck_assert_int_eq(fclose(fp), 0);
}

/* diff old -> new, then patch(1) old with it: the result must be new. */
static void
diff_roundtrip(const char *old, const char *new_)
{
	char *dir = sl_mkdtemp(), *a, *p, *o, *cmd, *got;
	struct sbuf b;
	size_t len;

	a = xprintf("%s/old", dir);
	p = xprintf("%s/patch", dir);
	o = xprintf("%s/out", dir);
	write_file(a, old);
	sbuf_init(&b, 0);
	ck_assert_int_eq(fix_diff(&b, "/etc/ssh/sshd_config", old, strlen(old),
	    new_, strlen(new_)), 0);
	if (strcmp(old, new_) == 0)
		ck_assert_uint_eq(b.len, 0);
	write_file(p, b.len > 0 ? b.data : "");
	cmd = xprintf("patch -s -o %s %s < %s", o, a, p);
	if (b.len > 0) {
		ck_assert_msg(system(cmd) == 0, "patch failed on:\n%s", b.data);
		got = sl_read_file(o, &len);
		ck_assert_ptr_nonnull(got);
		ck_assert_str_eq(got, new_);
		free(got);
	}
	sbuf_cleanup(&b);
	free(cmd);
	free(a);
	free(p);
	free(o);
	sl_rmtree(dir);
	free(dir);
}

START_TEST(test_diff_format)
{
	struct sbuf b;
	const char *old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
	const char *new_ = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n";

	sbuf_init(&b, 0);
	ck_assert_int_eq(fix_diff(&b, "/x", old, strlen(old), new_,
	    strlen(new_)), 0);
	ck_assert_str_eq(b.data, "--- a/x\n+++ b/x\n@@ -2,7 +2,7 @@\n 2\n 3\n"
	    " 4\n-5\n+five\n 6\n 7\n 8\n");
	sbuf_cleanup(&b);
}
END_TEST

START_TEST(test_diff_patch_roundtrip)
{
	diff_roundtrip("a\nb\nc\n", "a\nb\nc\n");
	diff_roundtrip("", "new\n");
	diff_roundtrip("old\n", "");
	diff_roundtrip("a\nb", "a\nb\nc\n");
	diff_roundtrip("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n"
	    "16\n17\n18\n19\n20\n", "0\n1\n2\n3\n4\n5\n6\nX\n8\n9\n10\n11\n"
	    "12\n13\n14\n15\n16\n17\n18\n19\n20\n21\n");
	diff_roundtrip("a\nb\na\nb\na\nb\n", "b\na\nb\na\nc\n");
}
END_TEST

/* ---- plan selection on the seed's remote NAS ------------------------- */

static const struct fix_action *
action(const struct fix_plan *p, const char *rule)
{
	size_t i;

	for (i = 0; i < p->nactions; i++)
		if (strcmp(p->actions[i].rule_id, rule) == 0)
			return &p->actions[i];
	return NULL;
}

static struct fix_plan *
plan(struct host *h, const char *const *only, const char *const *skip,
    int risky)
{
	struct fix_opts o;
	struct fix_plan *p = NULL;
	struct diag d;

	memset(&o, 0, sizeof(o));
	o.only = only;
	o.skip = skip;
	o.fix_risky = risky;
	diag_init(&d);
	ck_assert_int_eq(fix_plan_build(h->f, &h->fs, &o, &p, &d), 0);
	diag_cleanup(&d);
	return p;
}

START_TEST(test_plan_risky_needs_naming)
{
	const char *only[] = { "SSHD-002", NULL };
	const char *glob[] = { "SSHD-*", NULL };
	struct host h;
	struct fix_plan *p;
	const struct fix_action *a;

	host_load(&h);
	p = plan(&h, NULL, NULL, 0);
	a = action(p, "SSHD-002");
	ck_assert_ptr_nonnull(a);
	ck_assert(a->risky && !a->planned);
	ck_assert_ptr_nonnull(strstr(a->skip_reason, "--only SSHD-002"));
	ck_assert((a = action(p, "SSHD-008")) != NULL && a->planned);
	ck_assert((a = action(p, "DSM-004")) != NULL && a->kind == FIX_MANUAL
	    && !a->planned);
	ck_assert_uint_gt(fix_plan_count(p), 3);
	fix_plan_free(p);
	/* a glob does not name a risky rule */
	p = plan(&h, glob, NULL, 0);
	ck_assert(!action(p, "SSHD-002")->planned);
	fix_plan_free(p);
	p = plan(&h, only, NULL, 0);
	ck_assert(action(p, "SSHD-002")->planned);
	ck_assert(!action(p, "SSHD-001")->planned);
	fix_plan_free(p);
	p = plan(&h, NULL, NULL, 1);
	ck_assert(action(p, "SSHD-001")->planned);
	ck_assert(action(p, "SSHD-002")->planned);
	fix_plan_free(p);
	host_free(&h);
}
END_TEST

START_TEST(test_plan_skip_and_edits)
{
	const char *skip[] = { "SSHD-008", NULL };
	struct host h;
	struct fix_plan *p;
	const struct fix_action *a;
	size_t i, used = 0;

	host_load(&h);
	p = plan(&h, NULL, skip, 0);
	a = action(p, "SSHD-008");
	ck_assert(!a->planned);
	ck_assert_str_eq(a->skip_reason, "--skip SSHD-008");
	for (i = 0; i < p->nedits; i++)
		if (fix_edit_used(p, i)) {
			used++;
			ck_assert_str_eq(p->edits[i].path, MAIN);
			/* skipped and risky rules leave the file alone */
			ck_assert_ptr_null(strstr(p->edits[i].content,
			    "\nLoginGraceTime 30\n"));
			ck_assert_ptr_null(strstr(p->edits[i].content,
			    "PasswordAuthentication no"));
			ck_assert_ptr_nonnull(strstr(p->edits[i].content,
			    "\nLogLevel VERBOSE\n"));
			ck_assert_uint_eq(p->edits[i].original_len,
			    strlen(p->edits[i].original));
		}
	ck_assert_uint_eq(used, 1);
	/* DSM: Auto Block through synowebapi, with its undo */
	a = action(p, "DSM-001");
	ck_assert_int_eq(a->kind, FIX_DSM_WEBAPI);
	ck_assert_str_eq(a->webapi.v[0], "api=SYNO.Core.Security.AutoBlock");
	ck_assert_int_ge(strv_find(&a->webapi, "enable=true"), 0);
	ck_assert_int_ge(strv_find(&a->webapi_undo, "enable=false"), 0);
	fix_plan_free(p);
	host_free(&h);
}
END_TEST

START_TEST(test_plan_dsm_port_never_in_sshd_config)
{
	struct host h;
	struct fix_plan *p;
	size_t i;

	host_load(&h);
	p = plan(&h, NULL, NULL, 1);
	for (i = 0; i < p->nedits; i++)
		ck_assert_ptr_null(strstr(p->edits[i].content, "\nPort "));
	for (i = 0; i < p->nactions; i++)
		if (strcmp(p->actions[i].rule_id, "DSM-004") == 0 ||
		    strcmp(p->actions[i].rule_id, "SSHD-020") == 0)
			ck_assert_int_eq(p->actions[i].kind, FIX_MANUAL);
	fix_plan_free(p);
	host_free(&h);
}
END_TEST

START_TEST(test_script_quotes_and_markers)
{
	struct host h;
	struct fix_plan *p;
	struct fix_script_opts so = { "20260101000000", 0 };
	struct sbuf b;

	host_load(&h);
	p = plan(&h, NULL, NULL, 0);
	sbuf_init(&b, 0);
	ck_assert_int_eq(fix_script_render(p, &so, &b), 0);
	ck_assert_ptr_nonnull(strstr(b.data, "SYNOLINT-FIX host=%s step=%s"));
	ck_assert_ptr_nonnull(strstr(b.data, "SL_STAMP='20260101000000'"));
	ck_assert_ptr_nonnull(strstr(b.data, "-t -f"));
	/* DSM 6: reload with synoservicectl */
	ck_assert_ptr_nonnull(strstr(b.data, "SL_DSM=6"));
	sbuf_reset(&b);
	ck_assert_int_eq(fix_rollback_render(p, "20260101000000", &b), 0);
	ck_assert_ptr_nonnull(strstr(b.data, "sl_restore '/etc/ssh/sshd_config'"));
	ck_assert_ptr_nonnull(strstr(b.data, "enable=false"));
	/* a stamp becomes part of file names: nothing a shell would expand */
	sbuf_reset(&b);
	ck_assert_int_eq(fix_rollback_render(p, "x$(id)", &b), SL_ERR_USAGE);
	so.stamp = "a b";
	ck_assert_int_eq(fix_script_render(p, &so, &b), SL_ERR_USAGE);
	sbuf_cleanup(&b);
	fix_plan_free(p);
	host_free(&h);
}
END_TEST

static Suite *
fix_suite(void)
{
	Suite *s = suite_create("fix");
	TCase *tc = tcase_create("editor");

	tcase_add_test(tc, test_edit_in_place_keeps_comment);
	tcase_add_test(tc, test_edit_first_value_wins);
	tcase_add_test(tc, test_edit_in_the_included_file);
	tcase_add_test(tc, test_insert_before_match);
	tcase_add_test(tc, test_match_only_gets_global_and_block_edit);
	tcase_add_test(tc, test_append_without_match_or_newline);
	tcase_add_test(tc, test_edit_idempotent);
	tcase_add_test(tc, test_spelling_for_the_version);
	tcase_add_test(tc, test_remove_comments_out);
	suite_add_tcase(s, tc);
	tc = tcase_create("diff");
	tcase_add_test(tc, test_diff_format);
	tcase_add_test(tc, test_diff_patch_roundtrip);
	suite_add_tcase(s, tc);
	tc = tcase_create("plan");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_plan_risky_needs_naming);
	tcase_add_test(tc, test_plan_skip_and_edits);
	tcase_add_test(tc, test_plan_dsm_port_never_in_sshd_config);
	tcase_add_test(tc, test_script_quotes_and_markers);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(fix_suite)
