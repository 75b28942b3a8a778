/* version.h — the version banner printed by `synolint --version`. */
#ifndef SL_VERSION_H
#define SL_VERSION_H

#include <stdio.h>

/* Prints "synolint X.Y.Z" then one line per linked library with the version
 * reported by that library at run time. */
void	version_print(FILE *fp);

#endif
