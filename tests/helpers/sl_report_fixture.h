/*
 * sl_report_fixture.h — a small hand-built scan (rules constructed directly,
 * no rule engine) shared by the reporter tests. Header-only on purpose: each
 * test executable gets its own copy.
 */
#ifndef SL_REPORT_FIXTURE_H
#define SL_REPORT_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "findings.h"
#include "rules.h"
#include "strv.h"
#include "xmalloc.h"

enum { FX_HOME, FX_SSHD, FX_KEYS, FX_EMPTY, FX_DSM, FX_NRULES };

struct fx {
	struct rule		rules[FX_NRULES];
	struct scan_result	sr;
};

static inline void
fx_rule(struct rule *r, const char *id, const char *title, enum severity sev,
    const char *fix)
{
	memset(r, 0, sizeof(*r));
	r->id = xstrdup(id);
	r->title = xstrdup(title);
	r->rationale = xprintf("Why %s matters.", id);
	r->severity = sev;
	r->scope = SCOPE_HOST;
	strv_init(&r->refs);
	strv_init(&r->args);
	strv_init(&r->fix.args);
	if (fix != NULL) {
		r->fix.action = xstrdup("manual");
		r->fix.text = xstrdup(fix);
	}
	r->file = xstrdup("rules/test.rules");
	r->line = 1;
}

static inline void
fx_rule_cleanup(struct rule *r)
{
	free(r->id);
	free(r->title);
	free(r->rationale);
	strv_cleanup(&r->refs);
	strv_cleanup(&r->args);
	free(r->fix.action);
	strv_cleanup(&r->fix.args);
	free(r->fix.text);
	free(r->file);
}

static inline void
fx_rules(struct fx *fx)
{
	fx_rule(&fx->rules[FX_HOME], "HOME-002",
	    "Home directory is not writable by others", SEV_CRITICAL, NULL);
	fx_rule(&fx->rules[FX_SSHD], "SSHD-001",
	    "Root cannot log in with a password", SEV_HIGH,
	    "Set PermitRootLogin prohibit-password in /etc/ssh/sshd_config.");
	strv_push(&fx->rules[FX_SSHD].refs, "CIS-5.2.10");
	strv_push(&fx->rules[FX_SSHD].refs, "dev-sec:sshd-7");
	fx_rule(&fx->rules[FX_KEYS], "KEYS-003", "Keys use strong algorithms",
	    SEV_MEDIUM, "Replace the key with an ed25519 key.");
	fx_rule(&fx->rules[FX_EMPTY], "SSHD-010",
	    "Empty passwords are refused", SEV_LOW, NULL);
	fx_rule(&fx->rules[FX_DSM], "DSM-001", "Auto block is enabled",
	    SEV_INFO, NULL);
}

/*
 * nas1: three failures (critical, high, medium), one could-not-check, one
 * pass, one n/a, one waived. nas2: could not be scanned. Findings are added
 * out of order: reporters must sort.
 */
static inline void
fx_build(struct fx *fx)
{
	struct host_result *h;
	struct finding *f;

	fx_rules(fx);
	scan_result_init(&fx->sr, NULL);

	h = scan_result_add_host(&fx->sr, "nas1");
	h->dsm_version = xstrdup("7.1.1-42962");
	h->openssh_version = xstrdup("8.2p1");
	(void)findings_add(&h->findings, &fx->rules[FX_EMPTY], "host",
	    VERDICT_PASS, "PermitEmptyPasswords no");
	f = findings_add(&h->findings, &fx->rules[FX_KEYS], "key:alice:1",
	    VERDICT_FAIL, "ssh-dss key (1024 bits)");
	f->evidence = xstrdup("ssh-dss AAAAB3NzaC1kc3M... alice@old");
	f->loc_file = xstrdup("/var/services/homes/alice/.ssh/authorized_keys");
	f->loc_line = 1;
	(void)findings_add(&h->findings, &fx->rules[FX_KEYS], "user:bob",
	    VERDICT_ERROR, "cannot read authorized_keys");
	f = findings_add(&h->findings, &fx->rules[FX_SSHD], "host",
	    VERDICT_FAIL, "PermitRootLogin yes");
	f->loc_file = xstrdup("/etc/ssh/sshd_config");
	f->loc_line = 14;
	(void)findings_add(&h->findings, &fx->rules[FX_DSM], "host",
	    VERDICT_NA, "no synowebapi on this host");
	(void)findings_add(&h->findings, &fx->rules[FX_KEYS], "key:alice:2",
	    VERDICT_WAIVED, "accepted until 2030-01-01");
	f = findings_add(&h->findings, &fx->rules[FX_HOME], "user:alice",
	    VERDICT_FAIL, "/var/services/homes/alice is group-writable (0775)");
	f->breaks_login = 1;
	f->fix = xstrdup("chmod 755 /volume1/homes/alice\n"
	    "then log in again with the key");

	h = scan_result_add_host(&fx->sr, "nas2");
	h->status = SL_ERR_CONNECT;
	h->error = xstrdup("connect to nas2 port 22: Connection refused");
}

static inline void
fx_cleanup(struct fx *fx)
{
	int i;

	scan_result_cleanup(&fx->sr);
	for (i = 0; i < FX_NRULES; i++)
		fx_rule_cleanup(&fx->rules[i]);
}

#endif
