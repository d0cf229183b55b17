/* werkarchiv-index stats and failures: what the archive holds, and the files it could not read. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "failed.h"
#include "indexer.h"
#include "archive_dir.h"
#include "wa_schema.h"
#include "wa_xapian_admin.h"

/* The facets stats counts, each from its value slot. */
static const struct {
    const char *key;   /* JSON key */
    const char *label; /* German heading */
    unsigned slot;
} facets[] = {
    {"werkstatt", "Nach Werkstatt", WA_SLOT_WERKSTATT},
    {"type", "Nach Typ", WA_SLOT_TYPE},
    {"year", "Nach Jahr", WA_SLOT_YEAR},
    {"format", "Nach Format", WA_SLOT_FORMAT},
};
#define NFACETS (sizeof facets / sizeof facets[0])

struct counts {
    json_t *by[NFACETS]; /* value → count */
    unsigned long docs[ARCHIVE_DIR_SIDES];
    int nomem;
};

static void bump(json_t *o, const char *key, int *nomem)
{
    json_t *v = json_object_get(o, key);
    if (v) {
        json_integer_set(v, json_integer_value(v) + 1);
        return;
    }
    if (json_object_set_new(o, key, json_integer(1)) != 0)
        *nomem = 1;
}

struct side_ctx {
    struct counts *c;
    size_t side;
};

static int count_doc(const char *idterm, const char *data, size_t len, const struct wa_buf *values,
                     void *ctx)
{
    struct side_ctx *sc = ctx;
    size_t i;

    (void)idterm;
    (void)data;
    (void)len;
    sc->c->docs[sc->side]++;
    if (sc->side >= ARCHIVE_DIR_SEARCHED)
        return 0; /* withdrawn: counted, in no facet */
    for (i = 0; i < NFACETS; i++)
        bump(sc->c->by[i], values[i].p, &sc->c->nomem);
    return sc->c->nomem;
}

/* A facet's values as a JSON array of {value, count}: years in order, the
 * others most frequent first; an empty value (not stated) is null, last. */
struct entry {
    const char *value;
    unsigned long n;
};
static int by_count(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    if (!*x->value != !*y->value)
        return *x->value ? -1 : 1;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->value, y->value);
}
static int by_value(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    if (!*x->value != !*y->value)
        return *x->value ? -1 : 1;
    return strcmp(x->value, y->value);
}

static struct entry *sorted(json_t *o, int chrono, size_t *n)
{
    struct entry *v = malloc((json_object_size(o) + 1) * sizeof *v);
    const char *key;
    json_t *val;

    *n = 0;
    if (!v)
        return NULL;
    json_object_foreach(o, key, val)
    {
        v[*n].value = key;
        v[(*n)++].n = (unsigned long)json_integer_value(val);
    }
    qsort(v, *n, sizeof *v, chrono ? by_value : by_count);
    return v;
}

/* Remembered failures and documents that asked not to be indexed (reason
 * "noindex", remembered the same way). */
struct remembered {
    unsigned long failed, noindex;
};

static int count_failure(const char *key, const char *val, size_t len, void *ctx)
{
    struct remembered *r = ctx;
    struct wa_failed f;

    (void)key;
    if (!len) /* a forgotten failure is an empty value until the key is gone */
        return 0;
    wa_failed_init(&f);
    if (wa_failed_parse(val, len, &f) == WA_OK && strcmp(f.reason.p, WA_FAILED_NOINDEX) == 0)
        r->noindex++;
    else
        r->failed++;
    wa_failed_release(&f);
    return 0;
}

/* "3,4 MiB" */
static void human_size(unsigned long long b, char *out, size_t outlen)
{
    if (b < 1024)
        snprintf(out, outlen, "%llu Bytes", b);
    else if (b < 1024ull * 1024)
        snprintf(out, outlen, "%.1f KiB", (double)b / 1024);
    else
        snprintf(out, outlen, "%.1f MiB", (double)b / (1024.0 * 1024));
    for (; *out; out++)
        if (*out == '.')
            *out = ',';
}

static void print_last_run(json_t *run)
{
    if (!json_is_object(run)) {
        puts("Letzter Lauf: keiner aufgezeichnet");
        return;
    }
    printf("Letzter Lauf: %s, %s: %lld indexiert, %lld unverändert, %lld entfernt, %lld "
           "übersprungen, %lld fehlgeschlagen%s\n",
           json_string_value(json_object_get(run, "when")),
           json_string_value(json_object_get(run, "command")),
           (long long)json_integer_value(json_object_get(run, "indexed")),
           (long long)json_integer_value(json_object_get(run, "unchanged")),
           (long long)json_integer_value(json_object_get(run, "removed")),
           (long long)json_integer_value(json_object_get(run, "skipped")),
           (long long)json_integer_value(json_object_get(run, "failed")),
           json_is_true(json_object_get(run, "interrupted")) ? "; abgebrochen" : "");
}

int cmd_stats(struct indexer *ix, int argc, char **argv)
{
    struct counts c;
    struct side_ctx sc;
    unsigned slots[NFACETS];
    struct remembered failures = {0, 0};
    unsigned long withdrawn = 0, total = 0;
    unsigned long long bytes[ARCHIVE_DIR_SIDES] = {0}, allbytes = 0;
    struct wa_buf run;
    json_t *last = NULL, *out = NULL;
    char err[512], path[4096];
    size_t i, k;
    int rc, first;

    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (first < argc) {
        fprintf(stderr, "%s: stats erwartet keine Operanden\ntry '%s stats --help'\n", PROG, PROG);
        return 2;
    }
    if (archive_dir_need(ix))
        return 2;
    memset(&c, 0, sizeof c);
    wa_buf_init(&run, 0);
    rc = 2;
    for (i = 0; i < NFACETS; i++) {
        slots[i] = facets[i].slot;
        c.by[i] = json_object();
        if (!c.by[i])
            goto cleanup;
    }
    for (k = 0; k < ARCHIVE_DIR_SIDES; k++) {
        unsigned long n;
        archive_dir_db(ix, k, path, sizeof path);
        sc.c = &c;
        sc.side = k;
        err[0] = '\0';
        if (wa_admin_each_doc(path, slots, NFACETS, count_doc, &sc, err, sizeof err) != WA_OK ||
            wa_admin_size(path, &n, &bytes[k], err, sizeof err) != WA_OK) {
            fprintf(stderr, "%s: kann '%s' nicht lesen: %s\n", PROG, path, err);
            goto cleanup;
        }
        if (c.nomem)
            goto cleanup;
        if (k < ARCHIVE_DIR_SEARCHED)
            total += c.docs[k];
        allbytes += bytes[k];
    }
    archive_dir_db(ix, ARCHIVE_DIR_INTERNAL, path, sizeof path);
    err[0] = '\0';
    if (wa_admin_each_metadata(path, WA_FAILED_PREFIX, count_failure, &failures, err, sizeof err) !=
            WA_OK ||
        wa_admin_get_metadata(path, WA_LAST_RUN_META, &run, err, sizeof err) != WA_OK) {
        fprintf(stderr, "%s: kann '%s' nicht lesen: %s\n", PROG, path, err);
        goto cleanup;
    }
    if (run.len)
        last = json_loadb(run.p, run.len, 0, NULL);
    withdrawn = c.docs[ARCHIVE_DIR_WITHDRAWN];

    if (ix->json) {
        json_t *docs, *idx, *a;
        char *s;
        out = json_object();
        docs =
            json_pack("{s:I, s:I, s:I, s:I}", "total", (json_int_t)total, "public",
                      (json_int_t)c.docs[ARCHIVE_DIR_PUBLIC], "internal",
                      (json_int_t)c.docs[ARCHIVE_DIR_INTERNAL], "withdrawn", (json_int_t)withdrawn);
        idx = json_pack("{s:I, s:I, s:I, s:I}", "bytes", (json_int_t)allbytes, "public_bytes",
                        (json_int_t)bytes[ARCHIVE_DIR_PUBLIC], "internal_bytes",
                        (json_int_t)bytes[ARCHIVE_DIR_INTERNAL], "withdrawn_bytes",
                        (json_int_t)bytes[ARCHIVE_DIR_WITHDRAWN]);
        if (!out || !docs || !idx) {
            json_decref(docs);
            json_decref(idx);
            goto cleanup;
        }
        json_object_set_new(out, "format_version", json_integer(1));
        json_object_set_new(out, "archive", json_string(ix->archive));
        json_object_set_new(out, "documents", docs);
        for (i = 0; i < NFACETS; i++) {
            size_t n, j;
            struct entry *v = sorted(c.by[i], facets[i].slot == WA_SLOT_YEAR, &n);
            if (!v)
                goto cleanup;
            a = json_array();
            for (j = 0; a && j < n; j++)
                json_array_append_new(a,
                                      json_pack("{s:o, s:I}", "value",
                                                *v[j].value ? json_string(v[j].value) : json_null(),
                                                "count", (json_int_t)v[j].n));
            free(v);
            json_object_set_new(out, facets[i].key, a);
        }
        json_object_set_new(out, "visibility",
                            json_pack("{s:I, s:I}", "öffentlich",
                                      (json_int_t)c.docs[ARCHIVE_DIR_PUBLIC], "intern",
                                      (json_int_t)c.docs[ARCHIVE_DIR_INTERNAL]));
        json_object_set_new(out, "index", idx);
        json_object_set_new(out, "last_run",
                            json_is_object(last) ? json_incref(last) : json_null());
        json_object_set_new(out, "failures", json_integer((json_int_t)failures.failed));
        json_object_set_new(out, "noindex", json_integer((json_int_t)failures.noindex));
        s = json_dumps(out, JSON_INDENT(2) | JSON_SORT_KEYS);
        if (!s)
            goto cleanup;
        puts(s);
        free(s);
    } else {
        char hb[32], hp[32], hi[32], hw[32];
        printf("Archiv: %s\n", ix->archive);
        printf("Dokumente: %lu (öffentlich %lu, intern %lu; zurückgezogen %lu)\n", total,
               c.docs[ARCHIVE_DIR_PUBLIC], c.docs[ARCHIVE_DIR_INTERNAL], withdrawn);
        for (i = 0; i < NFACETS; i++) {
            size_t n, j;
            struct entry *v = sorted(c.by[i], facets[i].slot == WA_SLOT_YEAR, &n);
            if (!v)
                goto cleanup;
            printf("\n%s:\n", facets[i].label);
            for (j = 0; j < n; j++)
                printf("  %6lu  %s\n", v[j].n, *v[j].value ? v[j].value : "(ohne Angabe)");
            free(v);
        }
        printf("\nNach Sichtbarkeit:\n  %6lu  öffentlich\n  %6lu  intern\n\n",
               c.docs[ARCHIVE_DIR_PUBLIC], c.docs[ARCHIVE_DIR_INTERNAL]);
        human_size(allbytes, hb, sizeof hb);
        human_size(bytes[ARCHIVE_DIR_PUBLIC], hp, sizeof hp);
        human_size(bytes[ARCHIVE_DIR_INTERNAL], hi, sizeof hi);
        human_size(bytes[ARCHIVE_DIR_WITHDRAWN], hw, sizeof hw);
        printf("Indexgröße: %s (öffentlich %s, intern %s, zurückgezogen %s)\n", hb, hp, hi, hw);
        print_last_run(last);
        printf("Gemerkte Fehlschläge: %lu%s\n", failures.failed,
               failures.failed ? " (werkarchiv-index failures listet sie)" : "");
        if (failures.noindex)
            printf("Auf eigenen Wunsch nicht indexiert (noindex): %lu\n", failures.noindex);
    }
    rc = 0;
cleanup:
    if (rc == 2 && c.nomem)
        fprintf(stderr, "%s: kein Speicher mehr\n", PROG);
    for (i = 0; i < NFACETS; i++)
        json_decref(c.by[i]);
    json_decref(last);
    json_decref(out);
    wa_buf_release(&run);
    return rc;
}

/* ---- failures ------------------------------------------------------------ */

struct failures_ctx {
    json_t *list; /* JSON output, or NULL for text */
    unsigned long n;
    int bad;
};

static int list_failure(const char *key, const char *val, size_t len, void *ctx)
{
    struct failures_ctx *fc = ctx;
    struct wa_failed f;
    const char *id;

    if (!len)
        return 0;
    wa_failed_init(&f);
    if (wa_failed_parse(val, len, &f) != WA_OK) {
        fc->bad = 1;
        wa_failed_release(&f);
        return 0;
    }
    id = wa_idterm_id(key + strlen(WA_FAILED_PREFIX));
    fc->n++;
    if (fc->list)
        json_array_append_new(fc->list,
                              json_pack("{s:o, s:s, s:s, s:I, s:I}", "id",
                                        id ? json_string(id) : json_null(), "path", f.path.p,
                                        "reason", f.reason.p, "size", (json_int_t)f.size, "mtime",
                                        (json_int_t)f.mtime));
    else
        printf("%s\t%s\n", f.path.p, f.reason.p);
    wa_failed_release(&f);
    return 0;
}

int cmd_failures(struct indexer *ix, int argc, char **argv)
{
    struct failures_ctx fc;
    char err[512], path[4096];
    int rc, first;

    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (first < argc) {
        fprintf(stderr, "%s: failures erwartet keine Operanden\ntry '%s failures --help'\n", PROG,
                PROG);
        return 2;
    }
    if (archive_dir_need(ix))
        return 2;
    memset(&fc, 0, sizeof fc);
    if (ix->json && !(fc.list = json_array()))
        return 2;
    archive_dir_db(ix, ARCHIVE_DIR_INTERNAL, path, sizeof path);
    err[0] = '\0';
    if (wa_admin_each_metadata(path, WA_FAILED_PREFIX, list_failure, &fc, err, sizeof err) !=
        WA_OK) {
        fprintf(stderr, "%s: kann '%s' nicht lesen: %s\n", PROG, path, err);
        json_decref(fc.list);
        return 2;
    }
    if (fc.bad)
        fprintf(stderr, "%s: Warnung: ein gemerkter Fehlschlag ist unlesbar\n", PROG);
    if (fc.list) {
        json_t *o = json_pack("{s:i, s:o}", "format_version", 1, "failures", fc.list);
        char *s = o ? json_dumps(o, JSON_INDENT(2)) : NULL;
        if (s)
            puts(s);
        free(s);
        json_decref(o);
    } else if (!fc.n && !ix->quiet) {
        fprintf(stderr, "%s: keine gemerkten Fehlschläge\n", PROG);
    }
    return 0;
}
