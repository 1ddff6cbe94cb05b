/* error.c — per-thread last-error message and return-code descriptions. */
#include "ferrosim/common.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#ifndef FERRO_VERSION
#define FERRO_VERSION "unknown"
#endif

#define FERRO_ERRMSG_MAX 2048
static _Thread_local char errmsg[FERRO_ERRMSG_MAX];

const char *ferro_version(void) { return FERRO_VERSION; }

int ferro_error_set(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errmsg, sizeof errmsg, fmt, ap);
    va_end(ap);
    return code;
}

int ferro_error_prefix(int code, const char *fmt, ...)
{
    char prefix[512], old[FERRO_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, errmsg, sizeof old);
    size_t n = strlen(prefix);
    memcpy(errmsg, prefix, n);
    const char *rest = old[0] ? old : ferro_strerror(code);
    size_t k = strlen(rest);
    if (n + 2 + k >= sizeof errmsg) k = sizeof errmsg - n - 3;
    memcpy(errmsg + n, ": ", 2);
    memcpy(errmsg + n + 2, rest, k);
    errmsg[n + 2 + k] = 0;
    return code;
}

const char *ferro_error_message(void) { return errmsg; }
void ferro_error_clear(void) { errmsg[0] = 0; }

const char *ferro_strerror(int code)
{
    switch (code) {
    case FERRO_OK: return "success";
    case FERRO_END: return "end of input";
    case FERRO_EINVAL: return "invalid argument";
    case FERRO_EIO: return "input/output error";
    case FERRO_ENOMEM: return "out of memory";
    case FERRO_EPARSE: return "malformed input";
    case FERRO_ESOLVER: return "numerical solver failure";
    case FERRO_EUNSUPPORTED: return "unsupported construct";
    case FERRO_ENOTFOUND: return "not found";
    case FERRO_ENUMERIC: return "result undefined for these data";
    default: return "unknown error";
    }
}

int ferro_error_open(const char *path)
{
    int e = errno;
    int code = (e == ENOENT || e == ENOTDIR) ? FERRO_ENOTFOUND : FERRO_EIO;
    return ferro_error_set(code, "%s: cannot open for reading: %s", path, e ? strerror(e) : "unknown reason");
}
