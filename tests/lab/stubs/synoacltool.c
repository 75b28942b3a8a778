/*
 * synoacltool.c — the lab's native stand-in for DSM's ACL tool, for the
 * calls the collector makes on every home path (`-get PATH`, `-getace
 * PATH`): one exec per path, as on a real DSM, where the shell stub
 * (stubs/synoacltool, installed as .lab/synoacltool.sh) costs a shell and a
 * getfacl. It answers exactly as the shell stub does: a path "has a
 * Synology ACL" when it carries an extended POSIX ACL (make-tree.sh's
 * stand-in for DSM's ACL). Everything else — the .lab/acl list, -del,
 * unknown options — is handed to the shell stub. Built by lab.sh up.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#define SHELL_STUB	"/usr/syno/bin/.lab/synoacltool.sh"
#define ACL_LIST	"/usr/syno/bin/.lab/acl"
#define MAX_ACL		4096		/* bytes of one POSIX ACL xattr */

/* Linux's POSIX ACL xattr: a version word, then (tag, perm, id) entries. */
enum { TAG_USER = 0x02, TAG_GROUP = 0x08, PERM_WRITE = 0x02 };

struct acl_entry {
	uint16_t	tag;
	uint16_t	perm;
	uint32_t	id;
};

static int
shell_stub(char **argv)
{
	argv[0] = (char *)SHELL_STUB;
	execv(SHELL_STUB, argv);
	perror(SHELL_STUB);
	return 255;
}

/* Bytes of the xattr (following symlinks, as getfacl does), or -1. */
static ssize_t
read_acl(const char *path, const char *name, unsigned char *buf)
{
	return getxattr(path, name, buf, MAX_ACL);
}

static int
has_extended_acl(const char *path)
{
	unsigned char buf[MAX_ACL];
	ssize_t n;

	/* getfacl -s: more than the three base entries, or a default ACL */
	n = read_acl(path, "system.posix_acl_access", buf);
	if (n > (ssize_t)(4 + 3 * sizeof(struct acl_entry)))
		return 1;
	n = read_acl(path, "system.posix_acl_default", buf);
	return n > 4;
}

static void
print_user(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	if (pw != NULL)
		fputs(pw->pw_name, stdout);
	else
		printf("%lu", (unsigned long)uid);
}

/* The owner as `stat -c %U` prints it: of the path itself (a symlink's own). */
static void
print_owner(const struct stat *lst)
{
	if (getpwuid(lst->st_uid) != NULL)
		print_user(lst->st_uid);
	else
		fputs("UNKNOWN", stdout);
}

static void
entries(const char *path, const struct stat *lst)
{
	unsigned char buf[MAX_ACL];
	struct acl_entry e;
	struct group *gr;
	ssize_t n, off;
	int k = 1;

	fputs("\t [0] user:", stdout);
	print_owner(lst);
	fputs(":allow:rwxpdDaARWc--:fd-- (level:0)\n", stdout);
	n = read_acl(path, "system.posix_acl_access", buf);
	for (off = 4; n > 0 && off + (ssize_t)sizeof(e) <= n;
	    off += (ssize_t)sizeof(e)) {
		memcpy(&e, buf + off, sizeof(e));
		if (e.tag != TAG_USER && e.tag != TAG_GROUP)
			continue;
		printf("\t [%d] %s:", k++, e.tag == TAG_USER ? "user" : "group");
		if (e.tag == TAG_USER)
			print_user(e.id);
		else if ((gr = getgrgid(e.id)) != NULL)
			fputs(gr->gr_name, stdout);
		else
			printf("%lu", (unsigned long)e.id);
		printf(":allow:%s:fd-- (level:0)\n", e.perm & PERM_WRITE ?
		    "rwxpdDaARWc--" : "r-x---a-R-c--");
	}
}

int
main(int argc, char **argv)
{
	struct stat st, lst;
	int get;

	if (argc < 3 || access(ACL_LIST, F_OK) == 0 ||
	    (strcmp(argv[1], "-get") != 0 && strcmp(argv[1], "-getace") != 0))
		return shell_stub(argv);
	get = strcmp(argv[1], "-get") == 0;
	if (stat(argv[2], &st) != 0) {
		printf("(synoacltool.c, 1130)Failed to get ACL of %s\n", argv[2]);
		return 255;
	}
	if (lstat(argv[2], &lst) != 0)
		lst = st;
	if (!has_extended_acl(argv[2])) {
		printf("(synoacltool.c, 1208)It's Linux mode\n");
		return 255;
	}
	if (get) {
		printf("ACL version: 1\nArchive: has_ACL,is_support_ACL\n"
		    "Owner: [");
		print_owner(&lst);
		printf("(user)]\n---------------------\n");
	}
	entries(argv[2], &lst);
	return fflush(stdout) == 0 ? 0 : 255;
}
