/* err.c — the text of every SL_ERR_* code, generated from the same list. */
#include "err.h"

const char *
sl_strerror(int r)
{
	switch (r) {
#define X(name, val, msg) case (val): return (msg);
	SL_ERRORS(X)
#undef X
	}
	return "unknown error";
}
