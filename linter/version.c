/* version.c — `synolint --version`: our version and the run-time versions
 * of the libraries actually loaded (libssh, PCRE2, libxml2, jansson,
 * OpenSSL's libcrypto), which may differ from the headers we built with. */
#include <stdio.h>

#include <jansson.h>
#include <libssh/libssh.h>
#include <libxml/parser.h>
#include <openssl/crypto.h>
#include <pcre2.h>

#include "version.h"

void
version_print(FILE *fp)
{
	char pcre2[64] = "unknown";

	if (pcre2_config(PCRE2_CONFIG_VERSION, pcre2) < 0)
		snprintf(pcre2, sizeof(pcre2), "unknown");
	fprintf(fp, "synolint %s\n", SL_VERSION);
	fprintf(fp, "libssh %s\n", ssh_version(0));
	fprintf(fp, "PCRE2 %s\n", pcre2);
	fprintf(fp, "libxml2 %s\n", xmlParserVersion);
	fprintf(fp, "jansson %s\n", jansson_version_str());
	fprintf(fp, "%s\n", OpenSSL_version(OPENSSL_VERSION));
}
