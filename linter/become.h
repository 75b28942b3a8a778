/*
 * become.h — the sudo password for `--become`: from SYNOLINT_BECOME_PASSWORD
 * (then removed from the environment, so no child sees it) or typed at a
 * prompt on /dev/tty with echo off. Never logged; wiped by become_free().
 */
#ifndef SL_BECOME_H
#define SL_BECOME_H

#define BECOME_ENV		"SYNOLINT_BECOME_PASSWORD"
#define BECOME_MAX		1024u

/*
 * Sets *pwp to the password, or NULL when there is none (no variable, no
 * terminal, or an empty answer: sudo -n is used then). Returns 0, or
 * SL_ERR_USAGE (a password with a newline or NUL, or too long) after
 * printing one line.
 */
int	become_password_get(char **pwp);
/* Wipes and frees (NULL-safe). */
void	become_free(char *);
/*
 * Why sudo refused, from the stderr of a failed run: sudo's last message
 * (its warnings, e.g. "unable to resolve host", come before the reason),
 * at most 200 bytes, control characters as '?', with a hint when sudo -n
 * needed a password. NULL when sudo said nothing (then the failure is the
 * command's own). The caller frees it.
 */
char	*become_sudo_message(const char *err, size_t len);

#endif
