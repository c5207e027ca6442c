#include "base/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/xalloc.h"

void diag_list_init(struct diag_list *list)
{
    list->items = NULL;
    list->count = list->alloc = list->errors = list->dropped = 0;
}

void diag_list_release(struct diag_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].file);
        free(list->items[i].message);
    }
    free(list->items);
    diag_list_init(list);
}

static struct diag *push(struct diag_list *list)
{
    if (list->count == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 8;
        list->items = xrealloc(list->items, list->alloc * sizeof(*list->items));
    }
    return &list->items[list->count++];
}

void diag_add(struct diag_list *list, enum diag_severity sev, const char *file,
              int line, int col, const char *fmt, ...)
{
    if (sev == DIAG_ERROR)
        list->errors++;
    if (list->count >= DIAG_MAX_RECORDS) {
        list->dropped++;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);

    struct diag *d = push(list);
    d->file = xstrdup(file ? file : "");
    d->line = line;
    d->col = col;
    d->severity = sev;
    d->message = msg;
}

void diag_list_append(struct diag_list *dst, struct diag_list *src)
{
    for (size_t i = 0; i < src->count; i++) {
        if (dst->count >= DIAG_MAX_RECORDS) {
            dst->dropped++;
            free(src->items[i].file);
            free(src->items[i].message);
            continue;
        }
        *push(dst) = src->items[i];
    }
    dst->errors += src->errors;   /* kept or dropped, src counted them all */
    dst->dropped += src->dropped;
    free(src->items);
    diag_list_init(src);
}

void diag_list_copy(struct diag_list *dst, const struct diag_list *src)
{
    size_t errors = dst->errors;
    for (size_t i = 0; i < src->count; i++) {
        const struct diag *d = &src->items[i];
        diag_add(dst, d->severity, d->file, d->line, d->col, "%s", d->message);
    }
    dst->errors = errors + src->errors;  /* src's dropped errors count too */
    dst->dropped += src->dropped;
}

void diag_list_write(const struct diag_list *list, FILE *out)
{
    for (size_t i = 0; i < list->count; i++) {
        char *line = diag_format(&list->items[i]);
        fprintf(out, "%s\n", line);
        free(line);
    }
    if (list->dropped)
        fprintf(out, "banditmap: %zu more problem%s not shown\n", list->dropped,
                list->dropped == 1 ? "" : "s");
}

const char *diag_severity_name(enum diag_severity sev)
{
    switch (sev) {
    case DIAG_ERROR: return "error";
    case DIAG_WARNING: return "warning";
    case DIAG_NOTE: return "note";
    }
    return "error";
}

char *diag_format(const struct diag *d)
{
    const char *sev = diag_severity_name(d->severity);
    if (!d->file[0])
        return xasprintf("%s: %s", sev, d->message);
    if (d->line <= 0)
        return xasprintf("%s: %s: %s", d->file, sev, d->message);
    if (d->col <= 0)
        return xasprintf("%s:%d: %s: %s", d->file, d->line, sev, d->message);
    return xasprintf("%s:%d:%d: %s: %s", d->file, d->line, d->col, sev, d->message);
}
