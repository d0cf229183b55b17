/* werkarchiv-index check: Xapian's consistency check of both databases and the archive's own. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "archive_dir.h"
#include "command.h"
#include "indexer.h"
#include "wa_curation.h"
#include "wa_record.h"
#include "wa_schema.h"
#include "wa_xapian_admin.h"

/* What check found, in the order it looks. */
struct problems {
    json_t *list; /* [{kind, id, message}] */
    struct wa_buf msg;
    int nomem;
};

static void problem(struct problems *p, const char *kind, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void problem(struct problems *p, const char *kind, const char *id, const char *fmt, ...)
{
    va_list ap;
    json_t *o;

    wa_buf_reset(&p->msg);
    va_start(ap, fmt);
    if (wa_buf_vaddf(&p->msg, fmt, ap) != WA_OK)
        p->nomem = 1;
    va_end(ap);
    o = json_pack("{s:s, s:o, s:s}", "kind", kind, "id", id ? json_string(id) : json_null(),
                  "message", p->msg.p);
    if (!o || json_array_append_new(p->list, o) != 0)
        p->nomem = 1;
}

/* The ids the archive holds, to look curation entries up. */
struct ids {
    char **v;
    size_t n, cap;
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_id(const struct ids *ids, const char *id)
{
    return bsearch(&id, ids->v, ids->n, sizeof *ids->v, cmp_str) != NULL;
}

struct walk_ctx {
    struct problems *p;
    struct ids *ids;
    const char *side;
    unsigned long docs;
    int searched; /* public or internal: withdrawn documents are only looked up */
};

static int check_doc(const char *idterm, const char *data, size_t len, const struct wa_buf *values,
                     void *ctx)
{
    struct walk_ctx *w = ctx;
    struct wa_record r;
    const char *id, *src = values[0].p;
    struct stat sb;

    w->docs++;
    wa_record_init(&r);
    if (wa_record_from_json(&r, data, len) != WA_OK || !r.id) {
        id = wa_idterm_id(idterm);
        problem(w->p, "unreadable", id, "Dokument '%s' in %s: gespeicherter Datensatz unlesbar",
                id ? id : idterm, w->side);
        wa_record_release(&r);
        return w->p->nomem;
    }
    if (w->ids->n == w->ids->cap) {
        size_t nc = w->ids->cap ? w->ids->cap * 2 : 256;
        char **nv = realloc(w->ids->v, nc * sizeof *nv);
        if (!nv) {
            w->p->nomem = 1;
            wa_record_release(&r);
            return 1;
        }
        w->ids->v = nv;
        w->ids->cap = nc;
    }
    w->ids->v[w->ids->n] = strdup(r.id);
    if (!w->ids->v[w->ids->n])
        w->p->nomem = 1;
    else
        w->ids->n++;
    if (!w->searched) {
        wa_record_release(&r);
        return w->p->nomem;
    }
    if (!r.title || !*r.title)
        problem(w->p, "no-title", r.id, "Dokument '%s' hat keinen Titel", r.id);
    if (!r.date || !*r.date)
        problem(w->p, "no-date", r.id, "Dokument '%s' hat kein Datum", r.id);
    if (*src && stat(src, &sb) != 0)
        problem(w->p, "source-missing", r.id, "Quelle von '%s' fehlt: '%s'", r.id, src);
    wa_record_release(&r);
    return w->p->nomem;
}

int cmd_check(struct indexer *ix, int argc, char **argv)
{
    struct problems p;
    struct ids ids = {0};
    wa_curation *cur = NULL;
    char err[512], path[4096];
    unsigned slots[] = {WA_SLOT_PATH};
    unsigned long docs = 0;
    size_t i, k;
    int rc, first;

    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (first < argc) {
        fprintf(stderr, "%s: check erwartet keine Operanden\ntry '%s check --help'\n", PROG, PROG);
        return 2;
    }
    if (archive_dir_need(ix))
        return 2;
    memset(&p, 0, sizeof p);
    wa_buf_init(&p.msg, 0);
    p.list = json_array();
    rc = 2;
    if (!p.list)
        goto cleanup;
    for (k = 0; k < ARCHIVE_DIR_SIDES; k++) {
        struct wa_buf report;
        unsigned long errors = 0, stale = 0;
        struct walk_ctx w = {&p, &ids, archive_dir_side_name[k], 0, k < ARCHIVE_DIR_SEARCHED};
        struct stat sb;

        archive_dir_db(ix, (int)k, path, sizeof path);
        if (stat(path, &sb) != 0)
            continue; /* an archive without internal documents has no internal/ yet */
        wa_buf_init(&report, 0);
        err[0] = '\0';
        if (wa_admin_check(path, &report, &errors, err, sizeof err) != WA_OK || errors) {
            /* the report's last line sums it up; the whole report goes to stderr */
            if (report.len)
                fprintf(stderr, "%s", report.p);
            problem(&p, "xapian", NULL, "Datenbank '%s': Xapians Prüfung meldet %lu Fehler%s%s",
                    archive_dir_side_name[k], errors ? errors : 1, *err ? ": " : "", err);
            wa_buf_release(&report);
            continue; /* a damaged database is not walked */
        }
        wa_buf_release(&report);
        err[0] = '\0';
        if (wa_admin_each_doc(path, slots, 1, check_doc, &w, err, sizeof err) != WA_OK ||
            wa_admin_stale_spellings(path, &stale, err, sizeof err) != WA_OK) {
            problem(&p, "unreadable", NULL, "Datenbank '%s' unlesbar: %s", archive_dir_side_name[k],
                    err);
            continue;
        }
        docs += w.docs;
        if (stale && w.searched)
            problem(&p, "stale-spelling", NULL,
                    "Datenbank '%s': %lu Rechtschreibeinträge stammen nur von gelöschten "
                    "Dokumenten (werkarchiv-index respell entfernt sie)",
                    archive_dir_side_name[k], stale);
    }
    if (p.nomem)
        goto cleanup;
    if (ids.n)
        qsort(ids.v, ids.n, sizeof *ids.v, cmp_str);
    /* a move interrupted by a crash leaves a document in two databases */
    for (i = 1; i < ids.n; i++)
        if (strcmp(ids.v[i], ids.v[i - 1]) == 0 && (i < 2 || strcmp(ids.v[i], ids.v[i - 2]) != 0))
            problem(&p, "duplicate", ids.v[i],
                    "Dokument '%s' liegt in mehr als einer Datenbank (die Kurationsdatei sagt, "
                    "welche gilt; der nächste Lauf bereinigt es)",
                    ids.v[i]);
    cur = wa_curation_new();
    if (!cur || wa_curation_load(cur, ix->archive) != WA_OK) {
        problem(&p, "curation", NULL, "Kurationsdatei '%s': %s", WA_CURATION_FILE,
                wa_curation_errmsg(cur));
    } else {
        for (i = 0; i < wa_curation_count(cur); i++) {
            struct wa_curation_entry e;
            if (!wa_curation_entry(cur, i, &e) || e.kind == WA_CUR_ALIAS || has_id(&ids, e.a))
                continue;
            if (e.kind == WA_CUR_META)
                problem(&p, "override-orphan", e.a,
                        "Korrektur '%s' gilt dem Dokument '%s', das das Archiv nicht enthält", e.b,
                        e.a);
            else
                problem(&p, "withdrawal-orphan", e.a,
                        "Rücknahme gilt dem Dokument '%s', das das Archiv nicht enthält", e.a);
        }
    }
    if (p.nomem)
        goto cleanup;
    if (ix->json) {
        json_t *o = json_pack("{s:i, s:b, s:I, s:O}", "format_version", 1, "ok",
                              json_array_size(p.list) == 0, "documents", (json_int_t)docs,
                              "problems", p.list);
        char *s = o ? json_dumps(o, JSON_INDENT(2)) : NULL;
        if (s)
            puts(s);
        free(s);
        json_decref(o);
    } else {
        json_t *v;
        json_array_foreach(p.list, i, v)
        {
            puts(json_string_value(json_object_get(v, "message")));
        }
        if (json_array_size(p.list))
            printf("%zu Problem%s gefunden\n", json_array_size(p.list),
                   json_array_size(p.list) == 1 ? "" : "e");
        else if (!ix->quiet)
            printf("Archiv in Ordnung: %lu Dokumente geprüft\n", docs);
    }
    rc = json_array_size(p.list) ? 1 : 0;
cleanup:
    if (rc == 2)
        fprintf(stderr, "%s: kein Speicher mehr\n", PROG);
    for (i = 0; i < ids.n; i++)
        free(ids.v[i]);
    free(ids.v);
    wa_curation_free(cur);
    json_decref(p.list);
    wa_buf_release(&p.msg);
    return rc;
}
