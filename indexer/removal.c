/* Removing documents: planned first, recorded in the audit log, then deleted. */
#include "removal.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indexer.h"
#include "purge.h"
#include "wa_audit.h"
#include "wa_record.h"

void removal_plan_init(struct removal_plan *p)
{
    memset(p, 0, sizeof *p);
}

void removal_plan_release(struct removal_plan *p)
{
    size_t i;

    for (i = 0; i < p->n; i++) {
        free(p->v[i].idterm);
        free(p->v[i].id);
        free(p->v[i].path);
        free(p->v[i].title);
        free(p->v[i].visibility);
    }
    free(p->v);
    wa_known_release(&p->docs);
    removal_plan_init(p);
}

int removal_plan_load(struct indexer *ix, struct removal_plan *p)
{
    if (p->loaded)
        return 0;
    if (wa_known_load(&p->docs, ix->pub) != WA_OK ||
        wa_known_load(&p->docs, ix->internal) != WA_OK ||
        (p->withdrawn_too &&
         wa_known_load(&p->docs, wa_archive_wdb(ix->arch, WA_SIDE_WITHDRAWN)) != WA_OK) ||
        wa_known_sort(&p->docs) != WA_OK) {
        fprintf(stderr, "%s: die Dokumente des Archivs sind nicht lesbar: %s\n", PROG,
                wa_wdb_errmsg(ix->pub));
        wa_known_release(&p->docs);
        return -1;
    }
    p->loaded = 1;
    return 0;
}

/* Title, id and visibility from the stored record (empty when it cannot be read). */
static int describe(struct indexer *ix, struct removal *r)
{
    static const enum wa_side order[] = {WA_SIDE_PUBLIC, WA_SIDE_INTERNAL, WA_SIDE_WITHDRAWN};
    const size_t nsides = sizeof order / sizeof order[0];
    struct wa_buf data;
    struct wa_record rec;
    const char *id = wa_idterm_id(r->idterm);
    size_t i;
    int rc = 0;

    wa_buf_init(&data, 0);
    wa_record_init(&rec);
    for (i = 0; i < nsides; i++) {
        wa_wdb *w = wa_archive_wdb(ix->arch, order[i]);
        wa_buf_reset(&data);
        if (w && wa_wdb_get_data(w, r->idterm, &data) == WA_OK)
            break;
    }
    if (i == nsides)
        wa_buf_reset(&data);
    r->withdrawn = i < nsides && order[i] == WA_SIDE_WITHDRAWN;
    /* a record that cannot be read still gets removed, without a title */
    if (data.len && wa_record_from_json(&rec, data.p, data.len) != WA_OK) {
        wa_record_release(&rec);
        wa_record_init(&rec);
    }
    r->title = strdup(rec.title ? rec.title : "");
    r->id = strdup(rec.id ? rec.id : id ? id : "");
    if (rec.visibility)
        r->visibility = strdup(rec.visibility);
    else
        r->visibility = strdup(i == 1 ? WA_VISIBILITY_INTERNAL : WA_VISIBILITY_PUBLIC);
    if (!r->path || !*r->path) {
        free(r->path);
        r->path = strdup(rec.path ? rec.path : "");
    }
    if (!r->title || !r->id || !r->path || !r->visibility)
        rc = -1;
    wa_record_release(&rec);
    wa_buf_release(&data);
    return rc;
}

static int add(struct indexer *ix, struct removal_plan *p, const char *idterm, const char *path)
{
    struct removal *r;

    if (p->n == p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : 64;
        struct removal *nv = realloc(p->v, ncap * sizeof *nv);
        if (!nv)
            goto nomem;
        p->v = nv;
        p->cap = ncap;
    }
    r = &p->v[p->n];
    memset(r, 0, sizeof *r);
    r->idterm = strdup(idterm);
    r->path = strdup(path ? path : "");
    p->n++; /* released with the plan from here on */
    if (!r->idterm || !r->path || describe(ix, r) != 0)
        goto nomem;
    return 1;
nomem:
    fprintf(stderr, "%s: out of memory\n", PROG);
    return -1;
}

/* 1 if path lies below one of the folders in spare. */
static int spared(const char *path, char **spare, size_t nspare)
{
    size_t i;

    for (i = 0; i < nspare; i++) {
        size_t n = strlen(spare[i]);
        if (strncmp(path, spare[i], n) == 0 && path[n] == '/')
            return 1;
    }
    return 0;
}

static int cmp_removal(const void *a, const void *b)
{
    const struct removal *x = a, *y = b;
    int c = strcmp(x->path, y->path);

    return c ? c : strcmp(x->idterm, y->idterm);
}

/* Sort the plan by path and drop documents planned twice (overlapping folders). */
static void settle(struct removal_plan *p)
{
    size_t i, k = 0;

    if (p->n < 2)
        return;
    qsort(p->v, p->n, sizeof *p->v, cmp_removal);
    for (i = 0; i < p->n; i++) {
        if (k && strcmp(p->v[k - 1].idterm, p->v[i].idterm) == 0) {
            free(p->v[i].idterm);
            free(p->v[i].id);
            free(p->v[i].path);
            free(p->v[i].title);
            free(p->v[i].visibility);
            continue;
        }
        p->v[k++] = p->v[i];
    }
    p->n = k;
}

size_t removal_plan_count(struct removal_plan *p)
{
    settle(p);
    return p->n;
}

int removal_plan_paths(struct indexer *ix, struct removal_plan *p, const char *path, int dir,
                       char **keep, size_t nkeep, char **spare, size_t nspare, size_t *added)
{
    size_t i, plen = strlen(path), n = 0;

    if (added)
        *added = 0;
    if (removal_plan_load(ix, p))
        return -1;
    for (i = 0; i < p->docs.n; i++) {
        const struct wa_known_doc *d = &p->docs.v[i];
        const char *sp = d->path;
        int r,
            match = dir ? strncmp(sp, path, plen) == 0 && sp[plen] == '/' : strcmp(sp, path) == 0;
        if (match && keep && bsearch(&sp, keep, nkeep, sizeof *keep, indexer_cmp_str))
            match = 0;
        if (match && nspare && spared(sp, spare, nspare))
            match = 0;
        if (!match)
            continue;
        r = add(ix, p, d->idterm, sp);
        if (r < 0)
            return -1;
        n += (size_t)r;
    }
    if (added)
        *added = n;
    return 0;
}

int removal_plan_idterm(struct indexer *ix, struct removal_plan *p, const char *idterm,
                        size_t *added)
{
    int r;

    if (added)
        *added = 0;
    if (!wa_archive_holds(ix->arch, WA_SIDE_PUBLIC, idterm) &&
        !wa_archive_holds(ix->arch, WA_SIDE_INTERNAL, idterm) &&
        !(p->withdrawn_too && wa_archive_holds(ix->arch, WA_SIDE_WITHDRAWN, idterm)))
        return 0;
    r = add(ix, p, idterm, NULL);
    if (r < 0)
        return -1;
    if (added)
        *added = (size_t)r;
    return 0;
}

/* OLD of a removal's audit line: what identifies the document, as JSON. */
static char *describe_json(const struct removal *r)
{
    json_t *o = json_object();
    char *s;

    json_object_set_new(o, "path", json_string(r->path));
    json_object_set_new(o, "title", json_string(r->title));
    json_object_set_new(o, "visibility", json_string(r->visibility));
    if (r->withdrawn)
        json_object_set_new(o, "withdrawn", json_true());
    s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    return s;
}

static int apply(struct indexer *ix, struct removal_plan *p, const char *reason, int count);

int removal_plan_apply(struct indexer *ix, struct removal_plan *p, const char *reason)
{
    return apply(ix, p, reason, 1);
}

int removal_of_stale(struct indexer *ix, const char *idterm, const char *reason)
{
    struct removal_plan p;
    size_t n = 0;
    int rc;

    removal_plan_init(&p);
    rc = removal_plan_idterm(ix, &p, idterm, &n);
    if (rc == 0 && n)
        rc = apply(ix, &p, reason, 0);
    removal_plan_release(&p);
    return rc;
}

static int apply(struct indexer *ix, struct removal_plan *p, const char *reason, int count)
{
    struct wa_buf log;
    size_t i;
    int rc = 0;

    settle(p);
    if (!p->n)
        return 0;
    wa_buf_init(&log, 0);
    for (i = 0; i < p->n && rc == 0; i++) {
        struct wa_audit_entry e = {0};
        char *old = describe_json(&p->v[i]);
        e.who = ix->by;
        e.action = "remove";
        e.id = p->v[i].id;
        e.field = "document";
        e.old_value = old;
        e.reason = reason;
        if (!old || wa_audit_format(&log, &e) != WA_OK) {
            fprintf(stderr, "%s: out of memory\n", PROG);
            rc = -1;
        }
        free(old);
    }
    /* logged before deleted: a removal the log does not know cannot happen */
    if (rc == 0 && wa_audit_write(ix->archive, log.p, log.len) != WA_OK) {
        fprintf(stderr,
                "%s: das Protokoll '%s/%s' lässt sich nicht schreiben: %s; nichts entfernt\n", PROG,
                ix->archive, WA_AUDIT_FILE, strerror(errno));
        rc = -1;
    }
    wa_buf_release(&log);
    for (i = 0; i < p->n && rc == 0; i++) {
        unsigned n = 0;
        rc = indexer_delete(ix, p->v[i].idterm, &n);
        if (count)
            ix->removed += n;
    }
    return rc;
}

void removal_plan_note(struct indexer *ix, struct removal_plan *p)
{
    size_t i;

    settle(p);
    for (i = 0; i < p->n; i++)
        indexer_note(ix, "remove", p->v[i].id, p->v[i].path, p->v[i].title);
}
