/*
 * yaml_reader: libyaml events -> struct yr_node tree. See the header for
 * the grammar. libyaml's 1-on-success convention stops here; its marks are
 * 0-based and become 1-based.
 */
#include "base/yaml_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "base/suggest.h"
#include "base/xalloc.h"

const struct yr_limits yr_default_limits = {
    .max_bytes = 16u * 1024 * 1024,
    .max_depth = 32,
};

struct parser {
    yaml_parser_t yaml;
    struct yr_doc *doc;
    const struct yr_limits *limits;
    struct diag_list *diags;
    const char *data;            /* the whole input, for byte -> line:col */
    size_t len;
    bool failed;
};

/* A growable list of child pointers used while a container is open. */
struct children {
    void **v;
    size_t n, alloc;
};

static void children_push(struct children *c, void *p)
{
    if (c->n == c->alloc) {
        c->alloc = c->alloc ? c->alloc * 2 : 8;
        c->v = xrealloc(c->v, c->alloc * sizeof(*c->v));
    }
    c->v[c->n++] = p;
}

static void error_at(struct parser *p, const yaml_mark_t *mark, const char *fmt, const char *arg)
{
    diag_add(p->diags, DIAG_ERROR, p->doc->file, (int)mark->line + 1, (int)mark->column + 1,
             fmt, arg);
    p->failed = true;
}

static void report_libyaml_error(struct parser *p)
{
    const yaml_parser_t *y = &p->yaml;
    const char *problem = y->problem ? y->problem : "cannot parse YAML";
    int line = (int)y->problem_mark.line + 1;
    int col = (int)y->problem_mark.column + 1;
    if (y->error == YAML_READER_ERROR) {
        /* Reader errors (bad UTF-8) carry a byte offset, not a mark. */
        int l = 1, c = 1;
        for (size_t i = 0; i < y->problem_offset && i < p->len; i++) {
            if (p->data[i] == '\n') {
                l++;
                c = 1;
            } else if (((unsigned char)p->data[i] & 0xC0) != 0x80) {
                c++;
            }
        }
        diag_add(p->diags, DIAG_ERROR, p->doc->file, l, c, "%s (byte %zu)", problem,
                 y->problem_offset);
    } else if (y->context) {
        diag_add(p->diags, DIAG_ERROR, p->doc->file, line, col, "%s %s (line %d)", problem,
                 y->context, (int)y->context_mark.line + 1);
    } else {
        diag_add(p->diags, DIAG_ERROR, p->doc->file, line, col, "%s", problem);
    }
    p->failed = true;
}

/* Pull the next event; on a libyaml error, report it and return false. */
static bool next_event(struct parser *p, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&p->yaml, ev)) {
        report_libyaml_error(p);
        return false;
    }
    return true;
}

static struct yr_node *new_node(struct parser *p, enum yr_kind kind, const yaml_mark_t *m)
{
    struct yr_node *n = arena_alloc(&p->doc->arena, sizeof(*n));
    n->kind = kind;
    n->line = (int)m->line + 1;
    n->col = (int)m->column + 1;
    return n;
}

static struct yr_node *parse_node(struct parser *p, yaml_event_t *ev, int depth);

/* The keys of one mapping, hashed, so the duplicate check stays linear on
 * hostile files with a million keys (open addressing, load <= 1/2). */
struct key_set {
    const struct yr_node **slots;
    size_t cap, n;
};

static size_t key_hash(const char *s)
{
    size_t h = 1469598103934665603u;  /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Insert key; returns the key already there with the same text, or NULL. */
static const struct yr_node *key_set_add(struct key_set *ks, const struct yr_node *key)
{
    if (2 * (ks->n + 1) > ks->cap) {
        struct key_set big = {xcalloc(ks->cap ? 2 * ks->cap : 16, sizeof(*big.slots)),
                              ks->cap ? 2 * ks->cap : 16, 0};
        for (size_t i = 0; i < ks->cap; i++)
            if (ks->slots[i])
                key_set_add(&big, ks->slots[i]);
        free(ks->slots);
        *ks = big;
    }
    size_t i = key_hash(key->scalar) & (ks->cap - 1);
    for (; ks->slots[i]; i = (i + 1) & (ks->cap - 1))
        if (strcmp(ks->slots[i]->scalar, key->scalar) == 0)
            return ks->slots[i];
    ks->slots[i] = key;
    ks->n++;
    return NULL;
}

/* sequence ::= SEQUENCE-START node* SEQUENCE-END; ev is the start event. */
static struct yr_node *parse_sequence(struct parser *p, yaml_event_t *start, int depth)
{
    struct yr_node *n = new_node(p, YR_SEQUENCE, &start->start_mark);
    struct children kids = {0};
    for (;;) {
        yaml_event_t ev;
        if (!next_event(p, &ev))
            break;
        if (ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        struct yr_node *child = parse_node(p, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!child)
            break;
        children_push(&kids, child);
    }
    n->count = kids.n;
    n->items = arena_calloc(&p->doc->arena, kids.n, sizeof(*n->items));
    if (kids.n)
        memcpy(n->items, kids.v, kids.n * sizeof(*n->items));
    free(kids.v);
    return p->failed ? NULL : n;
}

/* mapping ::= MAPPING-START (SCALAR node)* MAPPING-END */
static struct yr_node *parse_mapping(struct parser *p, yaml_event_t *start, int depth)
{
    struct yr_node *n = new_node(p, YR_MAPPING, &start->start_mark);
    struct children kids = {0};  /* alternating key, value */
    struct key_set keys = {0};
    for (;;) {
        yaml_event_t ev;
        if (!next_event(p, &ev))
            break;
        if (ev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        if (ev.type != YAML_SCALAR_EVENT && ev.type != YAML_ALIAS_EVENT) {
            error_at(p, &ev.start_mark, "mapping keys must be plain text%s", "");
            yaml_event_delete(&ev);
            break;
        }
        struct yr_node *key = parse_node(p, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!key)
            break;
        const struct yr_node *other = key_set_add(&keys, key);
        if (other) {
            diag_add(p->diags, DIAG_ERROR, p->doc->file, key->line, key->col,
                     "duplicate key '%s' (first at line %d)", key->scalar, other->line);
            p->failed = true;
        }
        if (!next_event(p, &ev))
            break;
        struct yr_node *value = parse_node(p, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!value)
            break;
        children_push(&kids, key);
        children_push(&kids, value);
    }
    n->count = kids.n / 2;
    n->pairs = arena_calloc(&p->doc->arena, n->count, sizeof(*n->pairs));
    for (size_t i = 0; i < n->count; i++) {
        n->pairs[i].key = kids.v[2 * i];
        n->pairs[i].value = kids.v[2 * i + 1];
    }
    free(kids.v);
    free(keys.slots);
    return p->failed ? NULL : n;
}

/* node ::= SCALAR | sequence | mapping; ev is the node's first event. */
static struct yr_node *parse_node(struct parser *p, yaml_event_t *ev, int depth)
{
    if (depth > p->limits->max_depth) {
        diag_add(p->diags, DIAG_ERROR, p->doc->file, (int)ev->start_mark.line + 1,
                 (int)ev->start_mark.column + 1, "nesting deeper than %d levels",
                 p->limits->max_depth);
        p->failed = true;
        return NULL;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT: {
        struct yr_node *n = new_node(p, YR_SCALAR, &ev->start_mark);
        /* Copy every byte, NULs included ("\0" in a quoted scalar), so
         * scalar_len bytes are readable; yr_scalar_string() refuses them. */
        char *text = arena_alloc(&p->doc->arena, ev->data.scalar.length + 1);
        memcpy(text, ev->data.scalar.value, ev->data.scalar.length);
        n->scalar = text;
        n->scalar_len = ev->data.scalar.length;
        n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
        return n;
    }
    case YAML_SEQUENCE_START_EVENT:
        return parse_sequence(p, ev, depth);
    case YAML_MAPPING_START_EVENT:
        return parse_mapping(p, ev, depth);
    case YAML_ALIAS_EVENT:
        error_at(p, &ev->start_mark, "YAML aliases are not allowed (found '*%s')",
                 (const char *)ev->data.alias.anchor);
        return NULL;
    default:
        error_at(p, &ev->start_mark, "unexpected YAML structure%s", "");
        return NULL;
    }
}

/* stream ::= STREAM-START document? STREAM-END */
static void parse_stream(struct parser *p)
{
    yaml_event_t ev;
    bool seen_document = false;
    while (!p->failed && next_event(p, &ev)) {
        yaml_event_type_t type = ev.type;
        if (type == YAML_DOCUMENT_START_EVENT && seen_document) {
            error_at(p, &ev.start_mark, "only one YAML document per file is allowed%s", "");
        } else if (type == YAML_DOCUMENT_START_EVENT) {
            seen_document = true;
            yaml_event_t body;
            if (next_event(p, &body)) {
                if (body.type != YAML_DOCUMENT_END_EVENT)
                    p->doc->root = parse_node(p, &body, 1);
                yaml_event_delete(&body);
            }
            yaml_event_delete(&ev);
            continue;
        }
        yaml_event_delete(&ev);
        if (type == YAML_STREAM_END_EVENT)
            break;
    }
}

struct yr_doc *yr_load_buffer(const char *name, const char *data, size_t len,
                              const struct yr_limits *limits, struct diag_list *diags)
{
    if (!limits)
        limits = &yr_default_limits;
    struct yr_doc *doc = xcalloc(1, sizeof(*doc));
    arena_init(&doc->arena);
    doc->file = arena_strdup(&doc->arena, name);
    if (len > limits->max_bytes) {
        diag_add(diags, DIAG_ERROR, name, 0, 0, "file is too large (%zu bytes, limit %zu)", len,
                 limits->max_bytes);
        yr_doc_free(doc);
        return NULL;
    }
    struct parser p = {.doc = doc, .limits = limits, .diags = diags, .data = data, .len = len};
    if (!yaml_parser_initialize(&p.yaml))
        BUG("yaml_parser_initialize failed");
    yaml_parser_set_input_string(&p.yaml, (const unsigned char *)data, len);
    parse_stream(&p);
    yaml_parser_delete(&p.yaml);
    if (p.failed) {
        yr_doc_free(doc);
        return NULL;
    }
    return doc;
}

FILE *yr_open_input(const char *path)
{
    /* open(2) of a FIFO blocks until a writer opens it, for ever if none
     * does; O_NONBLOCK makes it return at once (POSIX open(), "O_NONBLOCK
     * ... for reading-only shall return without delay"). Cleared again, so
     * that reads then wait for data or end-of-file as on any pipe. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
        int err = errno;
        close(fd);
        errno = err;
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        int err = errno;
        close(fd);
        errno = err;
    }
    return f;
}

struct yr_doc *yr_load_file(const char *path, const struct yr_limits *limits,
                            struct diag_list *diags)
{
    if (!limits)
        limits = &yr_default_limits;
    FILE *f = yr_open_input(path);
    if (!f) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    /* Read at most one byte past the limit, so a huge file is refused
     * without reading it all. */
    size_t cap = 64 * 1024, len = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (len == cap) {
            if (cap > limits->max_bytes)
                break;
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    bool read_error = ferror(f);
    fclose(f);
    struct yr_doc *doc = NULL;
    if (read_error)
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read '%s'", path);
    else if (len > limits->max_bytes)
        diag_add(diags, DIAG_ERROR, path, 0, 0, "file is too large (more than %zu bytes)",
                 limits->max_bytes);
    else
        doc = yr_load_buffer(path, buf, len, limits, diags);
    free(buf);
    return doc;
}

void yr_doc_free(struct yr_doc *doc)
{
    if (!doc)
        return;
    arena_release(&doc->arena);
    free(doc);
}

const struct yr_node *yr_get(const struct yr_node *map, const char *key)
{
    if (!map || map->kind != YR_MAPPING)
        return NULL;
    for (size_t i = 0; i < map->count; i++)
        if (strcmp(map->pairs[i].key->scalar, key) == 0)
            return map->pairs[i].value;
    return NULL;
}

size_t yr_check_keys(const struct yr_node *map, const char *const *allowed, const char *what,
                     const char *file, struct diag_list *diags)
{
    size_t n_allowed = 0, bad = 0;
    while (allowed[n_allowed])
        n_allowed++;
    for (size_t i = 0; map && map->kind == YR_MAPPING && i < map->count; i++) {
        const struct yr_node *k = map->pairs[i].key;
        bool ok = false;
        for (size_t j = 0; j < n_allowed && !ok; j++)
            ok = strcmp(k->scalar, allowed[j]) == 0;
        if (ok)
            continue;
        const char *hint = suggest_closest(k->scalar, allowed, n_allowed);
        if (hint)
            diag_add(diags, DIAG_ERROR, file, k->line, k->col,
                     "unknown key '%s' in %s (did you mean '%s'?)", k->scalar, what, hint);
        else
            diag_add(diags, DIAG_ERROR, file, k->line, k->col, "unknown key '%s' in %s",
                     k->scalar, what);
        bad++;
    }
    return bad;
}

const struct yr_node *yr_root_mapping(const struct yr_doc *doc, enum diag_severity if_empty,
                                      const char *empty, const char *not_mapping,
                                      struct diag_list *diags)
{
    if (!doc)
        return NULL;
    if (!doc->root) {
        diag_add(diags, if_empty, doc->file, 0, 0, "%s", empty);
        return NULL;
    }
    if (doc->root->kind != YR_MAPPING) {
        diag_add(diags, DIAG_ERROR, doc->file, doc->root->line, doc->root->col, "%s, not %s",
                 not_mapping, yr_kind_name(doc->root->kind));
        return NULL;
    }
    return doc->root;
}

const char *yr_kind_name(enum yr_kind k)
{
    switch (k) {
    case YR_SCALAR: return "a scalar";
    case YR_SEQUENCE: return "a list";
    case YR_MAPPING: return "a mapping";
    }
    return "?";
}

static int want_scalar(const struct yr_node *n, const char *what, const char *expected,
                       const char *file, struct diag_list *diags)
{
    if (n->kind == YR_SCALAR)
        return 0;
    diag_add(diags, DIAG_ERROR, file, n->line, n->col, "%s must be %s, not %s", what, expected,
             yr_kind_name(n->kind));
    return -1;
}

int yr_scalar_string(const struct yr_node *n, const char *what, const char *file,
                     struct diag_list *diags, const char **out)
{
    if (want_scalar(n, what, "text", file, diags) < 0)
        return -1;
    if (strlen(n->scalar) != n->scalar_len) {
        diag_add(diags, DIAG_ERROR, file, n->line, n->col, "%s contains a NUL character", what);
        return -1;
    }
    *out = n->scalar;
    return 0;
}

int yr_scalar_int(const struct yr_node *n, const char *what, const char *file,
                  struct diag_list *diags, long long *out)
{
    if (want_scalar(n, what, "a whole number", file, diags) < 0)
        return -1;
    /* Accept digit group separators written as '_' (YAML 1.1 style). */
    char buf[64];
    size_t j = 0;
    for (const char *s = n->scalar; *s && j + 1 < sizeof(buf); s++)
        if (*s != '_')
            buf[j++] = *s;
    buf[j] = '\0';
    char *end;
    errno = 0;
    long long v = strtoll(buf, &end, 10);
    if (!n->scalar[0] || *end || errno == ERANGE || j + 1 >= sizeof(buf)) {
        /* Allow 1e6-style integers if they are exact. */
        double d = strtod(buf, &end);
        if (n->scalar[0] && !*end && isfinite(d) && d == floor(d) && fabs(d) < 9.2e18) {
            *out = (long long)d;
            return 0;
        }
        diag_add(diags, DIAG_ERROR, file, n->line, n->col, "%s must be a whole number, not '%s'",
                 what, n->scalar);
        return -1;
    }
    *out = v;
    return 0;
}

int yr_scalar_double(const struct yr_node *n, const char *what, const char *file,
                     struct diag_list *diags, double *out)
{
    if (want_scalar(n, what, "a number", file, diags) < 0)
        return -1;
    char *end;
    errno = 0;
    double v = strtod(n->scalar, &end);
    if (!n->scalar[0] || *end || errno == ERANGE || !isfinite(v) ||
        strspn(n->scalar, "0123456789+-.eE") != strlen(n->scalar)) {
        diag_add(diags, DIAG_ERROR, file, n->line, n->col, "%s must be a finite number, not '%s'",
                 what, n->scalar);
        return -1;
    }
    *out = v;
    return 0;
}

int yr_scalar_bool(const struct yr_node *n, const char *what, const char *file,
                   struct diag_list *diags, bool *out)
{
    if (want_scalar(n, what, "true or false", file, diags) < 0)
        return -1;
    const char *s = n->scalar;
    if (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on")) {
        *out = true;
        return 0;
    }
    if (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "off")) {
        *out = false;
        return 0;
    }
    diag_add(diags, DIAG_ERROR, file, n->line, n->col, "%s must be true or false, not '%s'", what,
             s);
    return -1;
}
