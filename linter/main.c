/* main.c — placeholder entry point until the CLI lands. */
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("synolint %s\n", SL_VERSION);
		return 0;
	}
	fputs("usage: synolint --version\n", stderr);
	return 2;
}
