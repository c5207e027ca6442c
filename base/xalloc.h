/*
 * xalloc: allocation that cannot fail, and BUG() for programmer errors.
 *
 * Out of memory is not a recoverable condition for banditmap: xmalloc and
 * friends print the size asked for and abort. BUG() reports a broken
 * invariant with file and line and aborts even under NDEBUG. Bad *input*
 * never goes through either: it becomes a diagnostic (see diag.h).
 * Thread-safe.
 */
#ifndef BM_XALLOC_H
#define BM_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);               /* never NULL; size 0 gives a valid pointer */
void *xcalloc(size_t count, size_t size); /* zeroed; checks count*size overflow */
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* printf into a fresh heap string; the caller owns it (free()). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with a va_list, for functions that take their own format;
 * ap is consumed. */
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

void bug_fl(const char *file, int line, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));
#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)

#endif
