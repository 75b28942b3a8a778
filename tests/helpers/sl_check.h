/* sl_check.h — shared helpers for the Check unit tests. */
#ifndef SL_CHECK_H
#define SL_CHECK_H

#include <check.h>
#include <stddef.h>

/* Runs the suite; exit status 0 only if every test passed. */
int	sl_check_run(Suite *);
#define SL_CHECK_MAIN(suite_fn)						\
	int main(void) { return sl_check_run(suite_fn()); }

/* Path of a fixture under tests/fixtures; caller frees. */
char	*sl_fixture(const char *rel);
/* Reads a whole file into a NUL-terminated buffer; caller frees. NULL on error. */
char	*sl_read_file(const char *path, size_t *lenp);
/* Creates a fresh temporary directory; caller frees the path. */
char	*sl_mkdtemp(void);
/* rm -rf dir (refuses anything not under /tmp). */
void	sl_rmtree(const char *dir);

#endif
