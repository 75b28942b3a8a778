/*
 * sl_jsonschema.h — validate a JSON document from a unit test against a
 * schema in the source tree with python3-jsonschema (a subprocess running
 * tests/helpers/validate_json.py). Header-only: each test gets its copy.
 */
#ifndef SL_JSONSCHEMA_H
#define SL_JSONSCHEMA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "sl_check.h"
#include "xmalloc.h"

/*
 * Writes data to a temporary file and validates it against
 * $SL_SOURCE_DIR/schema_rel. Returns the validator's exit status (0 valid,
 * 1 invalid, 77 jsonschema missing), or -1 if it could not run.
 */
static inline int
sl_validate_json(const char *schema_rel, const char *data, size_t len)
{
	const char *src = getenv("SL_SOURCE_DIR");
	char *dir, *file, *schema, *script;
	FILE *fp;
	pid_t pid;
	int st = -1, rc = -1;

	if (src == NULL)
		return -1;
	dir = sl_mkdtemp();
	file = xprintf("%s/doc.json", dir);
	schema = xprintf("%s/%s", src, schema_rel);
	script = xprintf("%s/tests/helpers/validate_json.py", src);
	if ((fp = fopen(file, "wb")) == NULL)
		goto out;
	if (fwrite(data, 1, len, fp) != len) {
		fclose(fp);
		goto out;
	}
	if (fclose(fp) != 0)
		goto out;
	if ((pid = fork()) == -1)
		goto out;
	if (pid == 0) {
		execl("/usr/bin/python3", "python3", script, schema, file,
		    (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) == pid && WIFEXITED(st))
		rc = WEXITSTATUS(st);
 out:
	sl_rmtree(dir);
	free(dir);
	free(file);
	free(schema);
	free(script);
	return rc;
}

#endif
