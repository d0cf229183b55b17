/* werkarchiv-index synonyms: the archive's own abbreviation and synonym list (docs/synonyms.md). */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive_dir.h"
#include "command.h"
#include "indexer.h"
#include "wa_archive.h"
#include "wa_audit.h"
#include "wa_document.h"
#include "wa_german.h"
#include "wa_record.h"
#include "wa_schema.h"
#include "wa_xapian_admin.h"

/* Room for one line of the list (as wa_synonyms_load reads it). */
#define SYN_MAX_LINE 2048

/* One line of the list: a concept with its variants, or a comment or blank
 * line kept as it is (id NULL). */
struct synline {
    char *text; /* comment/blank: the line; concept: NULL */
    char *id;
    char **v;
    size_t nv;
};

struct synlist {
    struct synline *l;
    size_t n;
};

static void synlist_release(struct synlist *s)
{
    size_t i, k;
    for (i = 0; i < s->n; i++) {
        free(s->l[i].text);
        free(s->l[i].id);
        for (k = 0; k < s->l[i].nv; k++)
            free(s->l[i].v[k]);
        free(s->l[i].v);
    }
    free(s->l);
    s->l = NULL;
    s->n = 0;
}

static char *trimdup(const char *p, size_t n)
{
    char *c;
    while (n && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' || p[n - 1] == '\n'))
        n--;
    c = malloc(n + 1);
    if (c) {
        memcpy(c, p, n);
        c[n] = '\0';
    }
    return c;
}

static struct synline *add_line(struct synlist *s)
{
    struct synline *nl = realloc(s->l, (s->n + 1) * sizeof *nl);
    if (!nl)
        return NULL;
    s->l = nl;
    memset(&nl[s->n], 0, sizeof nl[s->n]);
    return &nl[s->n++];
}

static int add_variant(struct synline *l, const char *v, size_t n)
{
    char **nv = realloc(l->v, (l->nv + 1) * sizeof *nv);
    if (!nv)
        return -1;
    l->v = nv;
    l->v[l->nv] = trimdup(v, n);
    if (!l->v[l->nv])
        return -1;
    if (!*l->v[l->nv]) {
        free(l->v[l->nv]);
        return 0;
    }
    l->nv++;
    return 0;
}

/* Read the list text p[0..len) into s (its syntax checked by the caller). */
static int synlist_parse(struct synlist *s, const char *p, size_t len)
{
    const char *end = p + len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *eq = memchr(p, '=', n), *q;
        struct synline *l = add_line(s);
        size_t k = 0;
        if (!l)
            return -1;
        while (k < n && (p[k] == ' ' || p[k] == '\t'))
            k++;
        if (!eq || k == n || p[k] == '#') {
            if (!(l->text = trimdup(p, n)))
                return -1;
        } else {
            if (!(l->id = trimdup(p, (size_t)(eq - p))))
                return -1;
            for (q = eq + 1; q < p + n;) {
                const char *semi = memchr(q, ';', (size_t)(p + n - q));
                size_t vn = semi ? (size_t)(semi - q) : (size_t)(p + n - q);
                if (add_variant(l, q, vn))
                    return -1;
                q += vn + 1;
            }
        }
        p += n + 1;
    }
    return 0;
}

/* A concept line as written: "id = A; B". */
static wa_status render_line(const struct synline *l, struct wa_buf *out)
{
    size_t k;
    wa_status st = wa_buf_addf(out, "%s =", l->id);
    for (k = 0; st == WA_OK && k < l->nv; k++)
        st = wa_buf_addf(out, "%s %s", k ? ";" : "", l->v[k]);
    return st;
}

static wa_status render(const struct synlist *s, struct wa_buf *out)
{
    size_t i;
    wa_status st = WA_OK;
    for (i = 0; st == WA_OK && i < s->n; i++) {
        if (!s->l[i].id && !s->l[i].text)
            continue; /* removed */
        if (s->l[i].id)
            st = render_line(&s->l[i], out);
        else
            st = wa_buf_adds(out, s->l[i].text);
        if (st == WA_OK)
            st = wa_buf_addch(out, '\n');
    }
    return st;
}

static struct synline *find(struct synlist *s, const char *id)
{
    size_t i;
    for (i = 0; i < s->n; i++)
        if (s->l[i].id && strcmp(s->l[i].id, id) == 0)
            return &s->l[i];
    return NULL;
}

static int read_file(const char *path, struct wa_buf *out)
{
    char chunk[65536];
    size_t n;
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (wa_buf_add(out, chunk, n) != WA_OK) {
            fclose(f);
            errno = EFBIG;
            return -1;
        }
    n = (size_t)ferror(f);
    fclose(f);
    return n ? -1 : 0;
}

/* Check the list in path as search and indexing will read it; prints the
 * German error naming file and line. */
static int valid_list(const char *path, const char *shown)
{
    struct wa_synonyms *t = NULL;
    long bad = 0;
    wa_status st = wa_synonyms_load(&t, path, &bad);

    wa_synonyms_free(t);
    if (st == WA_OK)
        return 0;
    if (st == WA_ERR_FORMAT)
        fprintf(stderr,
                "%s: '%s', Zeile %ld: erwartet 'begriff = Variante; Variante; ...' (begriff: "
                "Kleinbuchstaben a-z und Ziffern, höchstens 6 Wörter je Variante)\n",
                PROG, shown, bad);
    else
        fprintf(stderr, "%s: kann '%s' nicht lesen: %s\n", PROG, shown, wa_strerror(st));
    return -1;
}

/* Write p[0..len) to path with fsync (the caller renames it into place). */
static int write_synced(const char *path, const char *p, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), r = 0;
    if (fd < 0)
        return -1;
    while (len && r == 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0)
            r = -1;
        else
            p += w, len -= (size_t)w;
    }
    if (r == 0 && fsync(fd) != 0)
        r = -1;
    if (close(fd) != 0)
        r = -1;
    return r;
}

/* ---- re-tagging the documents a change touches ----------------------------- */

struct retag {
    struct indexer *ix;
    const struct wa_synonyms *changed; /* old and new lines of the changed concepts */
    wa_admin_reader *reader;
    int side;
    unsigned long done;
    char err[512];
    int failed;
};

/* Body text of a record as indexing scans it for concepts: every text field and the text. */
static wa_status scan_text(const struct wa_record *r, struct wa_buf *out)
{
    const struct wa_field *f;
    wa_status st = WA_OK;
    for (f = wa_schema_fields(); f->key && st == WA_OK; f++) {
        const char *s = wa_record_str(r, f);
        const struct wa_strlist *l = wa_record_list(r, f);
        size_t k;
        if (s)
            st = wa_buf_addf(out, "%s\n\n", s);
        for (k = 0; l && st == WA_OK && k < l->n; k++)
            st = wa_buf_addf(out, "%s\n\n", l->v[k]);
    }
    if (st == WA_OK && r->text)
        st = wa_buf_add(out, r->text, r->text_len);
    return st;
}

static int retag_doc(const char *idterm, unsigned docid, void *ctx)
{
    struct retag *t = ctx;
    struct wa_buf data, stamp, text, found;
    struct wa_record rec;
    const unsigned slots[] = {WA_SLOT_SOURCE_HASH};
    wa_doc *doc = NULL;
    wa_status st;

    wa_buf_init(&data, 0);
    wa_buf_init(&stamp, 0);
    wa_buf_init(&text, 0);
    wa_buf_init(&found, 0);
    wa_record_init(&rec);
    st = wa_admin_reader_get(t->reader, docid, &data, slots, 1, &stamp, t->err, sizeof t->err);
    if (st == WA_OK)
        st = wa_record_from_json(&rec, data.p, data.len);
    if (st == WA_OK)
        st = scan_text(&rec, &text);
    if (st == WA_OK)
        st = wa_german_concepts(t->changed, text.p, text.len, &found);
    if (st == WA_OK && found.len) {
        /* the same document from its stored record, with the new list's concepts */
        st = wa_document_build(&rec, NULL, 0, NULL, &doc);
        if (st == WA_OK)
            st = wa_doc_set_value(doc, WA_SLOT_SOURCE_HASH, stamp.p, stamp.len);
        if (st == WA_OK)
            st = wa_archive_put_at(t->ix->arch, idterm, (enum wa_side)t->side, doc, docid);
        if (st != WA_OK)
            snprintf(t->err, sizeof t->err, "'%s': %s", rec.id ? rec.id : idterm,
                     doc ? wa_archive_errmsg(t->ix->arch) : wa_strerror(st));
        if (st == WA_OK && indexer_changed(t->ix))
            st = WA_ERR_IO;
        if (st == WA_OK)
            t->done++;
    } else if (st != WA_OK && !t->err[0]) {
        snprintf(t->err, sizeof t->err, "'%s': %s", idterm, wa_strerror(st));
    }
    wa_doc_free(doc);
    wa_record_release(&rec);
    wa_buf_release(&data);
    wa_buf_release(&stamp);
    wa_buf_release(&text);
    wa_buf_release(&found);
    if (st != WA_OK)
        t->failed = 1;
    return t->failed;
}

/* The old and new lines of every concept the change touches, as a list text. */
static wa_status changed_lines(struct synlist *old, struct synlist *nw, struct wa_buf *out)
{
    struct wa_buf a, b;
    size_t i;
    wa_status st = WA_OK;

    wa_buf_init(&a, 0);
    wa_buf_init(&b, 0);
    for (i = 0; st == WA_OK && i < old->n + nw->n; i++) {
        struct synline *l = i < old->n ? &old->l[i] : &nw->l[i - old->n];
        struct synline *other =
            i < old->n ? find(nw, l->id ? l->id : "") : find(old, l->id ? l->id : "");
        if (!l->id)
            continue;
        wa_buf_reset(&a);
        wa_buf_reset(&b);
        st = render_line(l, &a);
        if (st == WA_OK && other)
            st = render_line(other, &b);
        if (st == WA_OK && (!other || strcmp(a.p, b.p) != 0))
            st = wa_buf_addf(out, "%s\n", a.p);
    }
    wa_buf_release(&a);
    wa_buf_release(&b);
    return st;
}

/*
 * Make new_text the archive's list: under the writer lock, the documents
 * whose text has a variant of a changed concept get the new concepts
 * (rebuilt from their stored records, no source is read), the query
 * synonyms of both databases follow the new list, then the list file is
 * renamed into place and the change goes to the audit log.
 */
static int apply(struct indexer *ix, struct synlist *old, const char *new_text, size_t new_len,
                 const struct wa_audit_entry *audit)
{
    struct synlist nw = {NULL, 0};
    struct wa_buf final, tmp, chg, chg_path;
    struct wa_synonyms *changed = NULL;
    struct retag t;
    char path[4096];
    long bad = 0;
    int rc = 2, opened = 0, k;

    wa_buf_init(&final, 0);
    wa_buf_init(&tmp, 0);
    wa_buf_init(&chg, 0);
    wa_buf_init(&chg_path, 0);
    memset(&t, 0, sizeof t);
    if (wa_buf_addf(&final, "%s/%s", ix->archive, WA_ARCHIVE_SYNONYMS) != WA_OK ||
        wa_buf_addf(&tmp, "%s.tmp.%ld", final.p, (long)getpid()) != WA_OK ||
        wa_buf_addf(&chg_path, "%s.changed.%ld", final.p, (long)getpid()) != WA_OK ||
        synlist_parse(&nw, new_text, new_len) || changed_lines(old, &nw, &chg) != WA_OK) {
        fprintf(stderr, "%s: kein Speicher mehr\n", PROG);
        goto cleanup;
    }
    if (indexer_open(ix))
        goto cleanup;
    opened = 1;
    if (write_synced(tmp.p, new_text, new_len) || write_synced(chg_path.p, chg.p, chg.len)) {
        fprintf(stderr, "%s: kann '%s' nicht schreiben: %s\n", PROG, final.p, strerror(errno));
        goto cleanup;
    }
    if (valid_list(tmp.p, final.p) || wa_synonyms_load(&changed, chg_path.p, &bad) != WA_OK ||
        wa_german_use_synonyms(tmp.p) != WA_OK || !wa_german_synonyms()) {
        fprintf(stderr, "%s: die geänderte Liste ist unlesbar\n", PROG);
        goto cleanup;
    }
    t.ix = ix;
    t.changed = changed;
    for (k = 0; k < ARCHIVE_DIR_SIDES && changed; k++) {
        archive_dir_db(ix, k, path, sizeof path);
        wa_admin_reader_free(t.reader);
        t.reader = NULL;
        if (wa_admin_reader_open(&t.reader, path, t.err, sizeof t.err) != WA_OK ||
            (t.side = k, wa_admin_reader_each_id(t.reader, retag_doc, &t, t.err, sizeof t.err)) !=
                WA_OK ||
            t.failed) {
            fprintf(stderr, "%s: Dokument %s\n", PROG, t.err);
            goto cleanup;
        }
    }
    if (wa_german_register_synonyms(ix->pub) != WA_OK ||
        wa_german_register_synonyms(ix->internal) != WA_OK) {
        fprintf(stderr, "%s: kann die Synonyme nicht eintragen: %s\n", PROG,
                wa_wdb_errmsg(ix->pub));
        goto cleanup;
    }
    opened = 0;
    if (indexer_close(ix))
        goto cleanup;
    /* the documents are committed: now the list (a repeat of the command
     * finishes a change that was interrupted before this point) */
    if (rename(tmp.p, final.p) != 0) {
        fprintf(stderr, "%s: kann '%s' nicht schreiben: %s\n", PROG, final.p, strerror(errno));
        goto cleanup;
    }
    wa_german_use_synonyms(final.p);
    if (wa_audit_append(ix->archive, audit) != WA_OK)
        fprintf(stderr, "%s: Warnung: die Änderung steht nicht im Protokoll '%s'\n", PROG,
                WA_AUDIT_FILE);
    if (!ix->quiet)
        printf("Synonymliste gespeichert; %lu Dokumente neu verschlagwortet\n", t.done);
    rc = 0;
cleanup:
    if (opened)
        indexer_close(ix);
    unlink(tmp.p);
    unlink(chg_path.p);
    wa_admin_reader_free(t.reader);
    wa_synonyms_free(changed);
    synlist_release(&nw);
    wa_buf_release(&final);
    wa_buf_release(&tmp);
    wa_buf_release(&chg);
    wa_buf_release(&chg_path);
    return rc;
}

/* A concept id as the list wants it: a-z and 0-9. */
static int good_id(const char *id)
{
    const char *p;
    if (!*id)
        return 0;
    for (p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
            return 0;
    return 1;
}

static int good_variant(const char *v)
{
    return *v && !strpbrk(v, ";=\n\r#") && strlen(v) < SYN_MAX_LINE / 4;
}

static void list_text(const struct synlist *s)
{
    struct wa_buf b;
    size_t i;
    wa_buf_init(&b, 0);
    for (i = 0; i < s->n; i++) {
        if (!s->l[i].id)
            continue;
        wa_buf_reset(&b);
        if (render_line(&s->l[i], &b) == WA_OK)
            puts(b.p);
    }
    wa_buf_release(&b);
}

static int list_json(const struct synlist *s, const char *file, int own)
{
    json_t *o = json_object(), *a = json_array();
    size_t i, k;
    char *out;
    if (!o || !a) {
        json_decref(o);
        json_decref(a);
        return 2;
    }
    for (i = 0; i < s->n; i++) {
        json_t *c, *v;
        if (!s->l[i].id)
            continue;
        v = json_array();
        for (k = 0; v && k < s->l[i].nv; k++)
            json_array_append_new(v, json_string(s->l[i].v[k]));
        c = json_pack("{s:s, s:o}", "id", s->l[i].id, "variants", v ? v : json_array());
        json_array_append_new(a, c);
    }
    json_object_set_new(o, "format_version", json_integer(1));
    json_object_set_new(o, "file", json_string(file));
    json_object_set_new(o, "own", json_boolean(own));
    json_object_set_new(o, "concepts", a);
    out = json_dumps(o, JSON_INDENT(2));
    if (out)
        puts(out);
    free(out);
    json_decref(o);
    return out ? 0 : 2;
}

int cmd_synonyms(struct indexer *ix, int argc, char **argv)
{
    struct synlist cur = {NULL, 0};
    struct wa_buf text, own, next, oldv, newv;
    struct wa_audit_entry audit = {0};
    const char *sub, *src;
    int rc, first, i, nops, is_own;

    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    nops = argc - first;
    sub = nops ? argv[first] : "";
    if (!(strcmp(sub, "list") == 0 && nops == 1) && !(strcmp(sub, "add") == 0 && nops >= 3) &&
        !(strcmp(sub, "remove") == 0 && nops >= 2) && !(strcmp(sub, "import") == 0 && nops == 2)) {
        fprintf(stderr,
                "%s: synonyms erwartet list, add BEGRIFF VARIANTE..., remove BEGRIFF "
                "[VARIANTE...] oder import DATEI\ntry '%s synonyms --help'\n",
                PROG, PROG);
        return 2;
    }
    if (archive_dir_need(ix))
        return 2;
    wa_buf_init(&text, 0);
    wa_buf_init(&own, 0);
    wa_buf_init(&next, 0);
    wa_buf_init(&oldv, 0);
    wa_buf_init(&newv, 0);
    rc = 2;
    /* the archive's own list, else the data directory's it starts from */
    if (wa_buf_addf(&own, "%s/%s", ix->archive, WA_ARCHIVE_SYNONYMS) != WA_OK)
        goto cleanup;
    is_own = access(own.p, F_OK) == 0;
    src = is_own ? own.p : wa_german_synonyms_path();
    if (read_file(src, &text) != 0 && (is_own || errno != ENOENT)) {
        fprintf(stderr, "%s: kann '%s' nicht lesen: %s\n", PROG, src, strerror(errno));
        goto cleanup;
    }
    if (text.len && valid_list(src, src))
        goto cleanup;
    if (synlist_parse(&cur, text.p, text.len))
        goto cleanup;

    if (strcmp(sub, "list") == 0) {
        if (ix->json)
            rc = list_json(&cur, src, is_own);
        else {
            list_text(&cur);
            rc = 0;
        }
        if (!ix->quiet && !ix->json)
            fprintf(stderr, "%s: Liste aus '%s'%s\n", PROG, src,
                    is_own ? "" : " (das Archiv hat noch keine eigene)");
        goto cleanup;
    }
    audit.who = ix->by;
    audit.field = argv[first + 1];
    if (strcmp(sub, "import") == 0) {
        const char *file = argv[first + 1];
        if (valid_list(file, file) || read_file(file, &next) != 0) {
            if (!next.len && errno)
                fprintf(stderr, "%s: kann '%s' nicht lesen: %s\n", PROG, file, strerror(errno));
            goto cleanup;
        }
        audit.action = "synonyms-import";
        audit.field = "";
        audit.reason = file;
        wa_buf_addf(&newv, "%s", file);
    } else {
        const char *id = argv[first + 1];
        struct synline *l = find(&cur, id);
        if (!good_id(id)) {
            fprintf(stderr, "%s: Begriff '%s': nur Kleinbuchstaben a-z und Ziffern (etwa 'ozg')\n",
                    PROG, id);
            goto cleanup;
        }
        if (l && render_line(l, &oldv) != WA_OK)
            goto cleanup;
        if (strcmp(sub, "add") == 0) {
            for (i = first + 2; i < argc; i++)
                if (!good_variant(argv[i])) {
                    fprintf(stderr, "%s: Variante '%s': ohne ';', '=' und '#'\n", PROG, argv[i]);
                    goto cleanup;
                }
            if (!l && (!(l = add_line(&cur)) || !(l->id = strdup(id))))
                goto cleanup;
            for (i = first + 2; i < argc; i++) {
                size_t k;
                for (k = 0; k < l->nv; k++)
                    if (strcmp(l->v[k], argv[i]) == 0)
                        break;
                if (k == l->nv && add_variant(l, argv[i], strlen(argv[i])))
                    goto cleanup;
            }
            audit.action = "synonyms-add";
        } else {
            if (!l) {
                fprintf(stderr, "%s: die Liste hat keinen Begriff '%s'\n", PROG, id);
                rc = 1;
                goto cleanup;
            }
            for (i = first + 2; i < argc; i++) {
                size_t k;
                for (k = 0; k < l->nv; k++)
                    if (strcmp(l->v[k], argv[i]) == 0)
                        break;
                if (k == l->nv) {
                    fprintf(stderr, "%s: Begriff '%s' hat keine Variante '%s'\n", PROG, id,
                            argv[i]);
                    rc = 1;
                    goto cleanup;
                }
                free(l->v[k]);
                memmove(&l->v[k], &l->v[k + 1], (l->nv - k - 1) * sizeof *l->v);
                l->nv--;
            }
            if (first + 2 == argc) { /* the whole concept */
                size_t k;
                for (k = 0; k < l->nv; k++)
                    free(l->v[k]);
                l->nv = 0;
            }
            audit.action = "synonyms-remove";
        }
        if (l->nv && render_line(l, &newv) != WA_OK)
            goto cleanup;
        if (!l->nv) { /* a concept without variants is no line at all */
            free(l->id);
            l->id = NULL;
        }
        if (render(&cur, &next) != WA_OK)
            goto cleanup;
        /* apply compares against the list as it was */
        synlist_release(&cur);
        if (synlist_parse(&cur, text.p, text.len))
            goto cleanup;
    }
    audit.old_value = oldv.p;
    audit.new_value = newv.p;
    rc = apply(ix, &cur, next.p, next.len, &audit);
cleanup:
    synlist_release(&cur);
    wa_buf_release(&text);
    wa_buf_release(&own);
    wa_buf_release(&next);
    wa_buf_release(&oldv);
    wa_buf_release(&newv);
    return rc;
}
