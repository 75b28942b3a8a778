/*
 * re.c — the PCRE2 wrapper: compile once, JIT with interpreter fallback,
 * match and depth limits on a match context, no-match kept apart from errors.
 */
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "err.h"
#include "re.h"
#include "xmalloc.h"

struct re {
	char			*pattern;
	pcre2_code		*code;
	pcre2_match_context	*mctx;
	int			 jit;	/* JIT compiled */
};

int
re_compile(const char *pattern, struct re **rep, size_t *erroffp,
    char **errmsgp)
{
	struct re *re = NULL;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off = 0;
	int errcode = 0, r = SL_ERR_INTERNAL;

	*rep = NULL;
	*erroffp = 0;
	*errmsgp = NULL;
	re = xcalloc(1, sizeof(*re));
	re->pattern = xstrdup(pattern);
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_MULTILINE,
	    &errcode, &off, NULL);
	if (re->code == NULL) {
		if (pcre2_get_error_message(errcode, msg, sizeof(msg)) < 0)
			strcpy((char *)msg, "unknown PCRE2 error");
		*erroffp = off;
		*errmsgp = xstrdup((const char *)msg);
		r = SL_ERR_PARSE;
		goto out;
	}
	/* JIT is an optimisation: without it the interpreter runs. */
	re->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
	if ((re->mctx = pcre2_match_context_create(NULL)) == NULL) {
		r = SL_ERR_ALLOC;
		goto out;
	}
	if (pcre2_set_match_limit(re->mctx, RE_MATCH_LIMIT) != 0 ||
	    pcre2_set_depth_limit(re->mctx, RE_DEPTH_LIMIT) != 0) {
		r = SL_ERR_INTERNAL;
		goto out;
	}
	*rep = re;
	re = NULL;
	r = 0;
 out:
	re_free(re);
	return r;
}

int
re_match(const struct re *re, const char *subject, size_t len, int *matchedp)
{
	pcre2_match_data *md = NULL;
	int rc, r = SL_ERR_INTERNAL;

	*matchedp = 0;
	if ((md = pcre2_match_data_create_from_pattern(re->code, NULL)) ==
	    NULL) {
		r = SL_ERR_ALLOC;
		goto out;
	}
	rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, 0, 0, md,
	    re->mctx);
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT)	/* retry without JIT */
		rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, 0,
		    PCRE2_NO_JIT, md, re->mctx);
	if (rc >= 0) {
		*matchedp = 1;
		r = 0;
	} else if (rc == PCRE2_ERROR_NOMATCH) {
		r = 0;
	} else if (rc == PCRE2_ERROR_MATCHLIMIT ||
	    rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
	    rc == PCRE2_ERROR_JIT_STACKLIMIT) {
		r = SL_ERR_TOO_LARGE;
	} else
		r = SL_ERR_INTERNAL;
 out:
	pcre2_match_data_free(md);
	return r;
}

const char *
re_pattern(const struct re *re)
{
	return re->pattern;
}

void
re_free(struct re *re)
{
	if (re == NULL)
		return;
	pcre2_match_context_free(re->mctx);
	pcre2_code_free(re->code);
	free(re->pattern);
	free(re);
}
