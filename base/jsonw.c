#include "base/jsonw.h"

#include <math.h>

#include "base/xalloc.h"

void jsonw_init(struct jsonw *w, FILE *out, bool pretty)
{
    w->out = out;
    w->pretty = pretty;
    w->depth = 0;
    w->first[0] = true;
    w->in_object[0] = false;
    w->after_key = false;
}

static void indent(struct jsonw *w)
{
    if (!w->pretty)
        return;
    fputc('\n', w->out);
    for (int i = 0; i < w->depth; i++)
        fputs("  ", w->out);
}

/* Separator before a value (or a key in an object). */
static void before_value(struct jsonw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0 && w->in_object[w->depth])
        BUG("jsonw: value in an object needs a key first");
    if (!w->first[w->depth])
        fputc(',', w->out);
    if (w->depth > 0)
        indent(w);
    w->first[w->depth] = false;
}

static void open(struct jsonw *w, char c, bool object)
{
    before_value(w);
    if (w->depth + 1 >= JSONW_MAX_DEPTH)
        BUG("jsonw: nesting deeper than %d", JSONW_MAX_DEPTH);
    fputc(c, w->out);
    w->depth++;
    w->first[w->depth] = true;
    w->in_object[w->depth] = object;
}

static void close(struct jsonw *w, char c)
{
    if (w->depth == 0 || w->after_key)
        BUG("jsonw: unbalanced close '%c'", c);
    bool empty = w->first[w->depth];
    w->depth--;
    if (!empty)
        indent(w);
    fputc(c, w->out);
}

void jsonw_object_begin(struct jsonw *w) { open(w, '{', true); }
void jsonw_object_end(struct jsonw *w) { close(w, '}'); }
void jsonw_array_begin(struct jsonw *w) { open(w, '[', false); }
void jsonw_array_end(struct jsonw *w) { close(w, ']'); }

static void write_escaped(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        case '\b': fputs("\\b", out); break;
        case '\f': fputs("\\f", out); break;
        default:
            if (*p < 0x20)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

void jsonw_key(struct jsonw *w, const char *key)
{
    if (w->depth == 0 || !w->in_object[w->depth] || w->after_key)
        BUG("jsonw: key '%s' outside an object", key);
    if (!w->first[w->depth])
        fputc(',', w->out);
    indent(w);
    w->first[w->depth] = false;
    write_escaped(w->out, key);
    fputs(w->pretty ? ": " : ":", w->out);
    w->after_key = true;
}

void jsonw_string(struct jsonw *w, const char *s)
{
    before_value(w);
    if (s)
        write_escaped(w->out, s);
    else
        fputs("null", w->out);
}

void jsonw_number(struct jsonw *w, double v)
{
    before_value(w);
    if (!isfinite(v))
        fputs("null", w->out);
    else if (v == 0)
        fputs("0", w->out);  /* no "-0" */
    else
        fprintf(w->out, "%.10g", v);
}

void jsonw_int(struct jsonw *w, long long v)
{
    before_value(w);
    fprintf(w->out, "%lld", v);
}

void jsonw_bool(struct jsonw *w, bool v)
{
    before_value(w);
    fputs(v ? "true" : "false", w->out);
}

void jsonw_null(struct jsonw *w)
{
    before_value(w);
    fputs("null", w->out);
}

void jsonw_member_string(struct jsonw *w, const char *key, const char *s)
{
    jsonw_key(w, key);
    jsonw_string(w, s);
}

void jsonw_member_number(struct jsonw *w, const char *key, double v)
{
    jsonw_key(w, key);
    jsonw_number(w, v);
}

void jsonw_member_int(struct jsonw *w, const char *key, long long v)
{
    jsonw_key(w, key);
    jsonw_int(w, v);
}

void jsonw_member_bool(struct jsonw *w, const char *key, bool v)
{
    jsonw_key(w, key);
    jsonw_bool(w, v);
}

void jsonw_member_pair(struct jsonw *w, const char *key, double lo, double hi)
{
    jsonw_key(w, key);
    jsonw_array_begin(w);
    jsonw_number(w, lo);
    jsonw_number(w, hi);
    jsonw_array_end(w);
}

void jsonw_string_array(struct jsonw *w, const char *key, const char *const *strings,
                        size_t n)
{
    jsonw_key(w, key);
    jsonw_array_begin(w);
    for (size_t i = 0; i < n; i++)
        jsonw_string(w, strings[i]);
    jsonw_array_end(w);
}

void jsonw_finish(struct jsonw *w)
{
    if (w->depth != 0)
        BUG("jsonw: finish with %d open containers", w->depth);
    fputc('\n', w->out);
}
