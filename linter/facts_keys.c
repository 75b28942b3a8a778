/*
 * facts_keys.c — the keys model of one host: which authorized_keys files
 * sshd reads for each user (the effective AuthorizedKeysFile of the user's
 * Match context), every line of them parsed as that host's OpenSSH reads
 * it, the *.pub files and host keys, the private key headers matched with
 * their adjacent .pub, and the known_hosts files. Reads facts only.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "facts.h"
#include "keys.h"
#include "sbuf.h"
#include "sshd.h"
#include "strictmodes.h"
#include "xmalloc.h"

#define DEFAULT_AKF	".ssh/authorized_keys .ssh/authorized_keys2"

static const char *
own(struct keys_model *km, char *s)
{
	if (s != NULL)
		strv_push_owned(&km->owned, s);
	return s;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

/* "/home/u/" + ".ssh" without a double slash; caller frees. */
static char *
home_join(const char *home, const char *rel)
{
	size_t n = strlen(home);

	while (n > 1 && home[n - 1] == '/')
		n--;
	return xprintf("%.*s/%s", (int)n, home, rel);
}

/*
 * One AuthorizedKeysFile word expanded for u as sshd's expand_authorized_
 * keys() does (%h %u %U %%; relative to the home). NULL for an unknown
 * token. Caller frees.
 */
static char *
akf_expand(const char *word, const struct user_fact *u)
{
	struct sbuf b;
	const char *p;
	char *s, *abs;

	sbuf_init(&b, 0);
	for (p = word; *p != '\0'; p++) {
		if (*p != '%') {
			(void)sbuf_putc(&b, *p);
			continue;
		}
		switch (*++p) {
		case '%':
			(void)sbuf_putc(&b, '%');
			break;
		case 'h':
			(void)sbuf_puts(&b, u->home);
			break;
		case 'u':
			(void)sbuf_puts(&b, u->name);
			break;
		case 'U':
			(void)sbuf_putf(&b, "%lu", u->uid);
			break;
		default:
			sbuf_cleanup(&b);
			return NULL;
		}
	}
	s = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	if (s[0] == '/')
		return s;
	abs = home_join(u->home, s);
	free(s);
	return abs;
}

/* The effective settings sshd applies to u (NULL: global). */
static struct sshd_effective *
eff_for(const struct facts *f, const struct user_fact *u)
{
	struct sshd_effective *eff = NULL;
	struct sshd_match_ctx mc;
	struct diag d;

	if (f->sshd == NULL)
		return NULL;
	memset(&mc, 0, sizeof(mc));
	if (u != NULL) {
		mc.user = u->name;
		mc.groups = &u->groups;
	}
	diag_init(&d);
	if (sshd_effective_new(f->sshd, u != NULL ? &mc : NULL, &eff, &d) != 0)
		eff = NULL;
	diag_cleanup(&d);
	return eff;
}

/*
 * Does a word of the effective keyword name match? Users: "user[@host]"
 * patterns (the host part cannot be judged offline: it may match); groups:
 * the user's groups.
 */
static int
list_matches(const struct sshd_effective *eff, const char *name,
    const struct user_fact *u, int groups, int *setp)
{
	const struct strv *vals = sshd_eff_values(eff, name);
	char *words, *w, *save = NULL, *at;
	size_t i, g;
	int hit = 0;

	*setp = 0;
	for (i = 0; vals != NULL && i < vals->n && !hit; i++) {
		words = xstrdup(vals->v[i]);
		for (w = strtok_r(words, " \t", &save); w != NULL && !hit;
		    w = strtok_r(NULL, " \t", &save)) {
			*setp = 1;
			if (!groups) {
				if ((at = strchr(w, '@')) != NULL)
					*at = '\0';
				hit = fnmatch(w, u->name, 0) == 0;
				continue;
			}
			for (g = 0; g < u->groups.n && !hit; g++)
				hit = fnmatch(w, u->groups.v[g], 0) == 0;
		}
		free(words);
	}
	return hit;
}

static void
fill_login(struct key_user *ku, const struct sshd_effective *eff)
{
	const struct user_fact *u = ku->user;
	const char *prl;
	int set;

	ku->login_allowed = 1;
	if (eff == NULL)
		return;
	if (list_matches(eff, "denyusers", u, 0, &set))
		ku->login_why = "DenyUsers";
	else if (!list_matches(eff, "allowusers", u, 0, &set) && set)
		ku->login_why = "not in AllowUsers";
	else if (list_matches(eff, "denygroups", u, 1, &set))
		ku->login_why = "DenyGroups";
	else if (!list_matches(eff, "allowgroups", u, 1, &set) && set)
		ku->login_why = "not in AllowGroups";
	else if (u->uid == 0 &&
	    (prl = sshd_eff_value(eff, "permitrootlogin")) != NULL) {
		if (strcmp(prl, "no") == 0)
			ku->login_why = "PermitRootLogin no";
		else if (strcmp(prl, "forced-commands-only") == 0)
			ku->root_forced = 1;
	}
	if (ku->login_why != NULL)
		ku->login_allowed = 0;
}

static void
fill_user(struct keys_model *km, struct key_user *ku,
    const struct sshd_effective *eff)
{
	const struct sshd_directive *o;
	const char *v, *name = "pubkeyacceptedalgorithms";
	char *words, *w, *save = NULL, *x;

	v = eff != NULL ? sshd_eff_value(eff, "authorizedkeysfile") : NULL;
	words = xstrdup(v != NULL ? v : DEFAULT_AKF);
	for (w = strtok_r(words, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		if (strcmp(w, "none") == 0)
			continue;
		if ((x = akf_expand(w, ku->user)) != NULL)
			strv_push_owned(&ku->akf, x);
	}
	free(words);
	ku->pubkey_auth = 1;
	fill_login(ku, eff);
	if (eff == NULL)
		return;
	v = sshd_eff_value(eff, "pubkeyauthentication");
	if (v != NULL && strcmp(v, "no") == 0)
		ku->pubkey_auth = 0;
	if ((v = sshd_eff_value(eff, name)) == NULL) {
		name = "pubkeyacceptedkeytypes";
		v = sshd_eff_value(eff, name);
	}
	if (v != NULL) {
		ku->pubkey_algos = own(km, xstrdup(v));
		if ((o = sshd_eff_origin(eff, name)) != NULL) {
			ku->algos_file = o->file;
			ku->algos_line = o->line;
		}
	}
}

static void
build_users(const struct facts *f, struct keys_model *km)
{
	struct sshd_effective *global = NULL, *eff;
	const struct path_fact *pf;
	char *real = NULL;
	size_t i;
	int per_user;

	km->users = xcalloc(f->nusers + 1, sizeof(*km->users));
	global = eff_for(f, NULL);
	per_user = f->sshd != NULL && sshd_config_nmatch(f->sshd) > 0;
	for (i = 0; i < f->nusers; i++) {
		const struct user_fact *u = &f->users[i];
		struct key_user *ku;

		if (u->home == NULL || u->home[0] != '/')
			continue;
		ku = &km->users[km->nusers++];
		ku->user = u;
		if (sm_realpath(f, u->home, &real, &pf) == 0 &&
		    strcmp(real, u->home) != 0)
			ku->real_home = own(km, real);
		else
			free(real);
		real = NULL;
		strv_init(&ku->akf);
		eff = per_user ? eff_for(f, u) : global;
		fill_user(km, ku, eff);
		if (eff != global)
			sshd_effective_free(eff);
	}
	sshd_effective_free(global);
}

/* The parsed file at path, parsed once per model. */
static const struct authkeys *
parse_once(struct keys_model *km, const struct file_fact *ff)
{
	struct authkeys *ak = NULL;
	struct diag d;
	size_t i;

	for (i = 0; i < km->nparsed; i++)
		if (strcmp(km->parsed_path[i], ff->path) == 0)
			return km->parsed[i];
	diag_init(&d);
	if (authkeys_parse_ver(ff->path, ff->data, ff->len,
	    km->openssh_version, &ak, &d) != 0)
		ak = NULL;
	diag_cleanup(&d);
	if (ak == NULL)
		return NULL;
	km->parsed = xreallocarray(km->parsed, km->nparsed + 1,
	    sizeof(*km->parsed));
	km->parsed_path = xreallocarray(km->parsed_path, km->nparsed + 1,
	    sizeof(*km->parsed_path));
	km->parsed_path[km->nparsed] = ff->path;
	km->parsed[km->nparsed++] = ak;
	return ak;
}

/*
 * The file record of path, or of the same path under the home's realpath
 * (a bundle may name files either way); *altp (caller frees) is the latter
 * when it was tried.
 */
static const struct file_fact *
user_file(const struct facts *f, const struct key_user *ku, const char *path,
    char **altp)
{
	const struct user_fact *u = ku->user;
	const struct file_fact *ff = facts_file(f, path);
	const char *rh = ku->real_home;
	size_t hl = strlen(u->home);

	*altp = NULL;
	if (ff != NULL || rh == NULL ||
	    strncmp(path, u->home, hl) != 0 || path[hl] != '/')
		return ff;
	*altp = xprintf("%s%s", rh, path + hl);
	return facts_file(f, *altp);
}

static void
add_authfile(const struct facts *f, struct keys_model *km,
    const struct key_user *ku, const char *path, int reads, size_t *cap)
{
	char *alt = NULL;
	const struct file_fact *ff = user_file(f, ku, path, &alt);
	struct key_authfile *af;
	size_t i;
	const struct path_fact *pf = facts_path(f, alt != NULL ? alt : path);

	free(alt);

	/* absent: nothing to read (the collector asks for the usual names) */
	if (ff == NULL || (ff->data == NULL && (pf == NULL ||
	    pf->type == PT_MISSING)))
		return;
	for (i = 0; i < km->nafiles; i++)
		if (km->afiles[i].kuser == ku &&
		    strcmp(km->afiles[i].path, ff->path) == 0)
			return;
	if (km->nafiles == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		km->afiles = xreallocarray(km->afiles, *cap,
		    sizeof(*km->afiles));
	}
	af = &km->afiles[km->nafiles++];
	memset(af, 0, sizeof(*af));
	af->path = ff->path;
	af->kuser = ku;
	af->sshd_reads = reads;
	af->is_ak2 = strcmp(base_name(path), "authorized_keys2") == 0;
	af->stat = pf;
	if (ff->data == NULL)
		af->err = ff->err != NULL ? ff->err : "unreadable";
	else if ((af->ak = parse_once(km, ff)) == NULL)
		af->err = "too many keys to parse";
}

static void
build_authfiles(const struct facts *f, struct keys_model *km)
{
	static const char *const std[] = { ".ssh/authorized_keys",
	    ".ssh/authorized_keys2" };
	size_t i, j, cap = 0;
	char *p;

	for (i = 0; i < km->nusers; i++) {
		const struct key_user *ku = &km->users[i];

		for (j = 0; j < ku->akf.n; j++)
			add_authfile(f, km, ku, ku->akf.v[j], 1, &cap);
		for (j = 0; j < 2; j++) {
			p = home_join(ku->user->home, std[j]);
			add_authfile(f, km, ku, p, 0, &cap);
			free(p);
		}
	}
}

/* The user whose ~/.ssh is dir (first in passwd order), NULL if none. */
static const struct user_fact *
ssh_dir_owner(const struct keys_model *km, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t i, k, dl;
	char *d;

	if (slash == NULL)
		return NULL;
	dl = (size_t)(slash - path);
	for (i = 0; i < km->nusers; i++) {
		const char *homes[2];

		homes[0] = km->users[i].user->home;
		homes[1] = km->users[i].real_home;
		for (k = 0; k < 2 && homes[k] != NULL; k++) {
			d = home_join(homes[k], ".ssh");
			if (strlen(d) == dl && strncmp(d, path, dl) == 0) {
				free(d);
				return km->users[i].user;
			}
			free(d);
		}
	}
	return NULL;
}

static int
is_hostkey_path(const char *path)
{
	return strncmp(path, "/etc/ssh/ssh_host_", 18) == 0 &&
	    strchr(path + 9, '/') == NULL;
}

/* A .pub file: "type base64 [comment]", read as an authorized_keys line. */
static void
parse_pub(struct keys_model *km, struct key_pubfile *pf, const char *data,
    size_t len)
{
	struct authkeys *ak = NULL;
	struct diag d;
	size_t i;

	diag_init(&d);
	if (authkeys_parse(pf->path, data, len, &ak, &d) != 0 || ak == NULL) {
		pf->why = "not a public key file";
		goto out;
	}
	for (i = 0; i < ak->n; i++) {
		if (ak->v[i].status != AK_OK || ak->v[i].key == NULL ||
		    ak->v[i].options != NULL)
			continue;
		pf->key = ak->v[i].key;
		ak->v[i].key = NULL;
		if (ak->v[i].comment != NULL)
			pf->comment = own(km, xstrdup(ak->v[i].comment));
		break;
	}
	if (pf->key == NULL)
		pf->why = own(km, ak->n > 0 && ak->v[0].why != NULL ?
		    xstrdup(ak->v[0].why) : xstrdup("no public key in the "
		    "file"));
 out:
	authkeys_free(ak);
	diag_cleanup(&d);
}

static int
looks_private(const struct file_fact *ff)
{
	const char *b = base_name(ff->path);

	if (has_suffix(b, ".pub"))
		return 0;
	if (strncmp(b, "id_", 3) == 0 || is_hostkey_path(ff->path))
		return 1;
	return ff->data != NULL && strncmp(ff->data, "-----BEGIN ", 11) == 0 &&
	    strstr(ff->data, "PRIVATE KEY-----") != NULL;
}

static void
build_key_files(const struct facts *f, struct keys_model *km)
{
	size_t i, j, npub = 0;
	const char *why;

	for (i = 0; i < f->nfiles; i++)
		if (has_suffix(f->files[i].path, ".pub"))
			npub++;
	km->pubs = xcalloc(npub + 1, sizeof(*km->pubs));
	km->privs = xcalloc(f->nfiles + 1, sizeof(*km->privs));
	for (i = 0; i < f->nfiles; i++) {
		const struct file_fact *ff = &f->files[i];
		const struct user_fact *u = ssh_dir_owner(km, ff->path);
		int hk = is_hostkey_path(ff->path);

		if (u == NULL && !hk)
			continue;
		if (has_suffix(ff->path, ".pub")) {
			struct key_pubfile *pf = &km->pubs[km->npubs++];

			pf->path = ff->path;
			pf->user = hk ? NULL : u;
			pf->hostkey = hk;
			if (ff->data == NULL)
				pf->why = ff->err != NULL ? ff->err :
				    "unreadable";
			else
				parse_pub(km, pf, ff->data, ff->len);
		} else if (looks_private(ff)) {
			struct key_privfile *kp = &km->privs[km->nprivs++];

			kp->path = ff->path;
			kp->user = hk ? NULL : u;
			kp->hostkey = hk;
			kp->stat = facts_path(f, ff->path);
			kp->info.encrypted = -1;
			if (ff->data == NULL)
				kp->why = ff->err != NULL ? ff->err :
				    "unreadable";
			else if (privkey_classify(ff->data, ff->len, &kp->info,
			    &why) != 0)
				kp->why = why;
		}
	}
	/* The public half: PATH.pub, as ssh-keygen writes it. */
	for (i = 0; i < km->nprivs; i++) {
		size_t pl = strlen(km->privs[i].path);

		for (j = 0; j < km->npubs; j++)
			if (strncmp(km->pubs[j].path, km->privs[i].path,
			    pl) == 0 && strcmp(km->pubs[j].path + pl,
			    ".pub") == 0) {
				km->privs[i].pub = &km->pubs[j];
				break;
			}
	}
}

/* known_hosts: hashed entries start with "|1|"; markers come first. */
static void
parse_known(struct key_known_hosts *kh, const char *data, size_t len)
{
	const char *s = data, *end = data + len, *nl, *p, *w;
	size_t n;

	strv_init(&kh->plain);
	while (s < end) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		p = s;
		while (p < nl && (*p == ' ' || *p == '\t'))
			p++;
		if (p < nl && *p == '@') {
			while (p < nl && *p != ' ' && *p != '\t')
				p++;
			while (p < nl && (*p == ' ' || *p == '\t'))
				p++;
		}
		if (p < nl && *p != '#' && *p != '\r') {
			w = p;
			while (p < nl && *p != ' ' && *p != '\t')
				p++;
			n = (size_t)(p - w);
			if (n >= 3 && strncmp(w, "|1|", 3) == 0)
				kh->nhashed++;
			else {
				kh->nplain++;
				if (kh->plain.n < 64 && n > 0 && n < 256)
					strv_push_owned(&kh->plain,
					    xstrndup(w, n));
			}
		}
		s = nl + 1;
	}
}

static void
build_known(const struct facts *f, struct keys_model *km)
{
	size_t i;

	km->known = xcalloc(km->nusers + 1, sizeof(*km->known));
	for (i = 0; i < km->nusers; i++) {
		const struct file_fact *ff;
		char *p = home_join(km->users[i].user->home,
		    ".ssh/known_hosts"), *alt = NULL;

		ff = user_file(f, &km->users[i], p, &alt);
		free(p);
		free(alt);
		if (ff == NULL || ff->data == NULL)
			continue;
		km->known[km->nknown].path = ff->path;
		km->known[km->nknown].user = km->users[i].user;
		parse_known(&km->known[km->nknown], ff->data, ff->len);
		km->nknown++;
	}
}

int
keys_model_build(const struct facts *f, struct keys_model **kmp)
{
	struct keys_model *km = xcalloc(1, sizeof(*km));

	strv_init(&km->owned);
	km->openssh_version = f->host.openssh_version_num;
	build_users(f, km);
	build_authfiles(f, km);
	build_key_files(f, km);
	build_known(f, km);
	*kmp = km;
	return 0;
}

void
keys_model_free(struct keys_model *km)
{
	size_t i;

	if (km == NULL)
		return;
	for (i = 0; i < km->nusers; i++)
		strv_cleanup(&km->users[i].akf);
	for (i = 0; i < km->npubs; i++)
		pubkey_free(km->pubs[i].key);
	for (i = 0; i < km->nknown; i++)
		strv_cleanup(&km->known[i].plain);
	for (i = 0; i < km->nparsed; i++)
		authkeys_free(km->parsed[i]);
	free(km->parsed);
	free(km->parsed_path);
	free(km->users);
	free(km->afiles);
	free(km->pubs);
	free(km->privs);
	free(km->known);
	strv_cleanup(&km->owned);
	free(km);
}

const struct key_user *
keys_model_user(const struct keys_model *km, const struct user_fact *u)
{
	size_t i;

	for (i = 0; km != NULL && i < km->nusers; i++)
		if (km->users[i].user == u)
			return &km->users[i];
	return NULL;
}
