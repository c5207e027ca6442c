/*
 * sweep_exec: one cell of a sweep being assembled: run its units on
 * threads, move raw numbers in and out (messages, part files), and
 * summarise once (see sweep.h).
 *
 * A cell wraps the runner's plan (runner_internal.h): units write only
 * their own raw slots, and bench_results_from_plan() summarises in seed
 * order, which is why the split never changes a number.
 *
 * Part file format (text; every number a C99 hex float, so exact):
 *   banditmap-sweep-part 2
 *   cell C fingerprint HEX16 policies P seeds R checkpoints N
 *   checksum fnv1a64 HEX16
 *   u POLICY SEED SAMPLES ERROR SECONDS REGRET[N] REWARD[N]     (one per unit)
 *   end UNITS
 * The checksum is FNV-1a 64 (Fowler, Noll, Vo; draft-eastlake-fnv, offset
 * basis 0xcbf29ce484222325, prime 0x100000001b3) over every byte after its
 * line: the unit lines and the end line. A part whose bytes changed after
 * it was written (an edited value, a flipped bit) fails it and is ignored
 * with a warning, so its units are recomputed instead of merged; the cell
 * line, which the reader compares byte for byte, needs no checksum.
 */
#include "benchmarks/sweep.h"

#include <dirent.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/atomic_file.h"
#include "base/xalloc.h"
#include "base/yaml_reader.h"
#include "benchmarks/runner_internal.h"

struct sweep_cell {
    const struct sweep *sw;
    size_t c;
    struct bench_spec *spec;           /* owned */
    struct bench_exec plan;
    unsigned char *done;         /* [policy * seeds + seed] */
    size_t missing;
};

struct sweep_cell *sweep_cell_new(const struct sweep *sw, size_t c)
{
    struct sweep_cell *cell = xcalloc(1, sizeof(*cell));
    cell->sw = sw;
    cell->c = c;
    cell->spec = sweep_cell_spec(sw, c);
    bench_exec_init(&cell->plan, cell->spec);
    cell->missing = cell->plan.n_policies * (size_t)cell->plan.seeds;
    cell->done = xcalloc(cell->missing + 1, 1);
    return cell;
}

void sweep_cell_free(struct sweep_cell *cell)
{
    if (!cell)
        return;
    bench_exec_release(&cell->plan);
    bench_spec_free(cell->spec);
    free(cell->done);
    free(cell);
}

size_t sweep_cell_index(const struct sweep_cell *cell)
{
    return cell->c;
}

size_t sweep_cell_policies(const struct sweep_cell *cell)
{
    return cell->plan.n_policies;
}

size_t sweep_cell_missing(const struct sweep_cell *cell)
{
    return cell->missing;
}

static size_t slot(const struct sweep_cell *cell, size_t p, size_t s)
{
    return p * (size_t)cell->plan.seeds + s;
}

bool sweep_cell_has_seed(const struct sweep_cell *cell, int s)
{
    for (size_t p = 0; p < cell->plan.n_policies; p++)
        if (!cell->done[slot(cell, p, (size_t)s)])
            return false;
    return true;
}

static void mark_done(struct sweep_cell *cell, size_t p, size_t s)
{
    if (!cell->done[slot(cell, p, s)]) {
        cell->done[slot(cell, p, s)] = 1;
        cell->missing--;
    }
}

/* ---- running units on threads ---- */

struct unit_pool {
    struct bench_exec *plan;
    const size_t *items;         /* slot indices (policy * seeds + seed) */
    size_t n;
    atomic_size_t next;
};

static double thread_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void *unit_worker(void *arg)
{
    struct unit_pool *up = arg;
    size_t i;
    while ((i = atomic_fetch_add(&up->next, 1)) < up->n) {
        size_t sl = up->items[i], seeds = (size_t)up->plan->seeds;
        double t0 = thread_seconds();
        bench_run_one(up->plan, sl / seeds, sl % seeds);
        up->plan->raw_seconds[sl] = thread_seconds() - t0;
    }
    return NULL;
}

void sweep_cell_run(struct sweep_cell *cell, const int *seeds, size_t n_seeds, int threads)
{
    size_t *items = xcalloc(n_seeds * cell->plan.n_policies + 1, sizeof(*items));
    size_t n = 0;
    for (size_t i = 0; i < n_seeds; i++)
        for (size_t p = 0; p < cell->plan.n_policies; p++)
            if (!cell->done[slot(cell, p, (size_t)seeds[i])])
                items[n++] = slot(cell, p, (size_t)seeds[i]);
    struct unit_pool up = {.plan = &cell->plan, .items = items, .n = n};
    atomic_init(&up.next, 0);
    if (threads < 1)
        threads = 1;
    if ((size_t)threads > n)
        threads = n ? (int)n : 1;
    pthread_t *tids = xcalloc((size_t)threads, sizeof(*tids));
    for (int t = 1; t < threads; t++)
        if (pthread_create(&tids[t], NULL, unit_worker, &up) != 0)
            BUG("pthread_create failed");
    unit_worker(&up);
    for (int t = 1; t < threads; t++)
        pthread_join(tids[t], NULL);
    free(tids);
    for (size_t i = 0; i < n; i++)
        mark_done(cell, items[i] / (size_t)cell->plan.seeds, items[i] % (size_t)cell->plan.seeds);
    free(items);
}

/* ---- raw numbers in and out ---- */

static size_t unit_doubles(const struct sweep_cell *cell)
{
    return 2 * cell->plan.n_cp + 3;
}

size_t sweep_cell_seed_doubles(const struct sweep_cell *cell)
{
    return cell->plan.n_policies * unit_doubles(cell);
}

static void pack_unit(const struct sweep_cell *cell, size_t sl, double *out)
{
    const struct bench_exec *pl = &cell->plan;
    out[0] = pl->raw_samples[sl];
    out[1] = pl->raw_error[sl];
    out[2] = pl->raw_seconds[sl];
    memcpy(out + 3, pl->raw_regret + sl * pl->n_cp, pl->n_cp * sizeof(double));
    memcpy(out + 3 + pl->n_cp, pl->raw_reward + sl * pl->n_cp, pl->n_cp * sizeof(double));
}

static void unpack_unit(struct sweep_cell *cell, size_t sl, const double *in)
{
    struct bench_exec *pl = &cell->plan;
    pl->raw_samples[sl] = in[0];
    pl->raw_error[sl] = in[1];
    pl->raw_seconds[sl] = in[2];
    memcpy(pl->raw_regret + sl * pl->n_cp, in + 3, pl->n_cp * sizeof(double));
    memcpy(pl->raw_reward + sl * pl->n_cp, in + 3 + pl->n_cp, pl->n_cp * sizeof(double));
}

void sweep_cell_pack_seed(const struct sweep_cell *cell, int s, double *out)
{
    if (!sweep_cell_has_seed(cell, s))
        BUG("packing seed %d of cell %zu before it ran", s, cell->c);
    for (size_t p = 0; p < cell->plan.n_policies; p++)
        pack_unit(cell, slot(cell, p, (size_t)s), out + p * unit_doubles(cell));
}

void sweep_cell_unpack_seed(struct sweep_cell *cell, int s, const double *in)
{
    for (size_t p = 0; p < cell->plan.n_policies; p++) {
        unpack_unit(cell, slot(cell, p, (size_t)s), in + p * unit_doubles(cell));
        mark_done(cell, p, (size_t)s);
    }
}

/* ---- part files ---- */

static const char part_magic[] = "banditmap-sweep-part 2\n";
static const char part_magic_v1[] = "banditmap-sweep-part 1\n";

static const uint64_t fnv64_offset = 0xcbf29ce484222325ULL, fnv64_prime = 0x100000001b3ULL;

static uint64_t fnv1a64(uint64_t h, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= fnv64_prime;
    }
    return h;
}
enum { PART_HEADER_MAX = 160 };

/* The part's second line, which names the cell it belongs to: written by
 * sweep_cell_write_part() and compared byte for byte by read_part(). */
static void part_header(const struct sweep_cell *cell, char buf[PART_HEADER_MAX])
{
    const struct bench_exec *pl = &cell->plan;
    snprintf(buf, PART_HEADER_MAX,
             "cell %zu fingerprint %016" PRIx64 " policies %zu seeds %d checkpoints %zu\n",
             cell->c, cell->sw->cell_fp[cell->c], pl->n_policies, pl->seeds, pl->n_cp);
}

int sweep_cell_write_part(const struct sweep_cell *cell, const char *dir, const char *tag,
                          int shard_i, int shard_n, struct diag_list *diags)
{
    char *path = xasprintf("%s/cell-%05zu.%s.part", dir, cell->c, tag);
    struct atomic_file af;
    if (atomic_file_open(&af, path, diags) < 0) {
        free(path);
        return -1;
    }
    const struct bench_exec *pl = &cell->plan;
    char header[PART_HEADER_MAX];
    part_header(cell, header);
    fprintf(af.fp, "%s%s", part_magic, header);
    /* The payload goes to memory first: its checksum comes before it. */
    char *payload = NULL;
    size_t payload_len = 0;
    FILE *mem = open_memstream(&payload, &payload_len);
    if (!mem)
        BUG("open_memstream: out of memory");
    double *buf = xmalloc(unit_doubles(cell) * sizeof(double));
    size_t units = 0;
    for (int s = 0; s < pl->seeds; s++) {
        if (shard_n > 0 && !sweep_shard_owns(cell->sw, cell->c, s, shard_i, shard_n))
            continue;
        for (size_t p = 0; p < pl->n_policies; p++) {
            if (!cell->done[slot(cell, p, (size_t)s)])
                continue;
            pack_unit(cell, slot(cell, p, (size_t)s), buf);
            fprintf(mem, "u %zu %d", p, s);
            for (size_t i = 0; i < unit_doubles(cell); i++)
                fprintf(mem, " %a", buf[i]);
            fputc('\n', mem);
            units++;
        }
    }
    fprintf(mem, "end %zu\n", units);
    if (fclose(mem) != 0)
        BUG("open_memstream: out of memory");
    fprintf(af.fp, "checksum fnv1a64 %016" PRIx64 "\n",
            fnv1a64(fnv64_offset, payload, payload_len));
    fwrite(payload, 1, payload_len, af.fp);
    free(payload);
    free(buf);
    free(path);
    return atomic_file_commit(&af, diags);
}

/* Parse "u P S v..." into p, s and buf; -1 if malformed. */
static int parse_unit(const struct sweep_cell *cell, char *line, size_t *p, int *s, double *buf)
{
    char *end;
    if (line[0] != 'u' || line[1] != ' ')
        return -1;
    unsigned long long pv = strtoull(line + 2, &end, 10);
    char *q = end;
    long sv = strtol(q, &end, 10);
    if (end == q || pv >= cell->plan.n_policies || sv < 0 || sv >= cell->plan.seeds)
        return -1;
    for (size_t i = 0; i < unit_doubles(cell); i++) {
        q = end;
        buf[i] = strtod(q, &end);
        /* every value a run stores is finite: nan/inf means a corrupt part */
        if (end == q || !isfinite(buf[i]))
            return -1;
    }
    while (*end == ' ' || *end == '\n')
        end++;
    if (*end)
        return -1;
    *p = (size_t)pv;
    *s = (int)sv;
    return 0;
}

/* Read one part; returns units added or -1 (with a warning) if the part is
 * stale or malformed, in which case nothing of it is kept. */
static long read_part(struct sweep_cell *cell, const char *path, struct diag_list *diags)
{
    FILE *fp = yr_open_input(path);   /* a FIFO named like a part does not block */
    if (!fp) {
        diag_add(diags, DIAG_WARNING, path, 0, 0, "cannot read part");
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0;
    const char *why = NULL;
    char expect[PART_HEADER_MAX];
    const struct bench_exec *pl = &cell->plan;
    part_header(cell, expect);
    uint64_t want = 0, sum = fnv64_offset;
    ssize_t got;
    lineno = 1;
    if ((got = getline(&line, &cap, fp)) < 0 || strcmp(line, part_magic))
        why = got >= 0 && !strcmp(line, part_magic_v1) ? "part of an older format (no checksum)"
                                                       : "not a sweep part";
    else if (lineno = 2, getline(&line, &cap, fp) < 0 || strcmp(line, expect))
        why = "stale part (the sweep or its cell changed since it was written)";
    else if (lineno = 3, getline(&line, &cap, fp) < 0 ||
             sscanf(line, "checksum fnv1a64 %16" SCNx64, &want) != 1)
        why = "part without its checksum line";
    /* Units go to a scratch list first: a bad line rejects the whole part. */
    size_t nd = unit_doubles(cell), n = 0, cap_u = 16;
    double *vals = xmalloc(cap_u * nd * sizeof(double));
    size_t *slots = xmalloc(cap_u * sizeof(size_t));
    bool ended = false;
    while (!why && (got = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        sum = fnv1a64(sum, line, (size_t)got);
        unsigned long long count;
        if (sscanf(line, "end %llu", &count) == 1) {
            ended = count == n;
            if (!ended)
                why = "unit count does not match 'end'";
            break;
        }
        if (n == cap_u) {
            cap_u *= 2;
            vals = xrealloc(vals, cap_u * nd * sizeof(double));
            slots = xrealloc(slots, cap_u * sizeof(size_t));
        }
        size_t p;
        int s;
        if (parse_unit(cell, line, &p, &s, vals + n * nd) < 0)
            why = "malformed unit line";
        else
            slots[n++] = slot(cell, p, (size_t)s);
    }
    if (!why && !ended)
        why = "truncated part (no 'end' line)";
    /* Checked last, so that a cut-off part is called truncated; a value
     * changed in place parses and is caught only here. The checksum
     * covers the bytes up to the end line; anything after it is never
     * read as data. */
    if (!why && sum != want) {
        lineno = 3;
        why = "checksum mismatch (the part changed after it was written)";
    }
    long added = 0;
    if (why) {
        diag_add(diags, DIAG_WARNING, path, lineno, 0, "%s; ignored", why);
        added = -1;
    } else {
        double *mine = xmalloc(nd * sizeof(double));
        for (size_t i = 0; i < n; i++) {
            size_t sl = slots[i], seeds = (size_t)pl->seeds;
            if (cell->done[sl]) {
                pack_unit(cell, sl, mine);
                /* seconds (index 2) legitimately differ between reruns */
                if (memcmp(mine, vals + i * nd, 2 * sizeof(double)) ||
                    memcmp(mine + 3, vals + i * nd + 3, (nd - 3) * sizeof(double)))
                    diag_add(diags, DIAG_WARNING, path, 0, 0,
                             "policy %zu seed %zu differs from another part (kept the first)",
                             sl / seeds, sl % seeds);
                continue;
            }
            unpack_unit(cell, sl, vals + i * nd);
            mark_done(cell, sl / seeds, sl % seeds);
            added++;
        }
        free(mine);
    }
    free(vals);
    free(slots);
    free(line);
    fclose(fp);
    return added;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

long sweep_cell_load_parts(struct sweep_cell *cell, const char *dir, struct diag_list *diags)
{
    DIR *d = opendir(dir);
    if (!d) {
        diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot open the output directory");
        return -1;
    }
    char prefix[32];
    snprintf(prefix, sizeof(prefix), "cell-%05zu.", cell->c);
    size_t plen = strlen(prefix), n = 0, cap = 8;
    char **names = xmalloc(cap * sizeof(*names));
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= plen + 5 || strncmp(e->d_name, prefix, plen) ||
            strcmp(e->d_name + len - 5, ".part"))
            continue;
        if (n == cap)
            names = xrealloc(names, (cap *= 2) * sizeof(*names));
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(*names), cmp_names);
    long added = 0;
    for (size_t i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", dir, names[i]);
        long got = read_part(cell, path, diags);
        if (got > 0)
            added += got;
        free(path);
        free(names[i]);
    }
    free(names);
    return added;
}

void sweep_cell_results(const struct sweep_cell *cell, struct bench_results *r)
{
    if (cell->missing)
        BUG("cell %zu summarised with %zu units missing", cell->c, cell->missing);
    bench_results_from_plan(r, cell->spec, &cell->plan);
}

double sweep_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
