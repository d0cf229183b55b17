/* werkarchiv-index export: the whole archive as JSON Lines (docs/export.md), streamed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive_dir.h"
#include "command.h"
#include "indexer.h"
#include "wa_archive.h"
#include "wa_curation.h"
#include "wa_export.h"
#include "wa_record.h"
#include "wa_schema.h"
#include "wa_xapian_admin.h"

/* One document of the archive: only what sorting and finding it take, so that
 * the export holds one document's text at a time, never the archive. */
struct entry {
    char *id;
    char *idterm;
    int side;
    unsigned docid;
};

struct walk {
    struct entry *v;
    size_t n, cap;
    int side;
    wa_admin_reader *reader;
    int failed;
};

static int cmp_entry(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : x->side - y->side;
}

static int cmp_id(const void *key, const void *e)
{
    return strcmp(key, ((const struct entry *)e)->id);
}

/* The id of a document whose id term was hashed: from its stored record. */
static char *id_from_record(wa_admin_reader *r, unsigned docid)
{
    struct wa_buf data;
    struct wa_record rec;
    char err[256], *id = NULL;

    wa_buf_init(&data, 0);
    wa_record_init(&rec);
    if (wa_admin_reader_get(r, docid, &data, NULL, 0, NULL, err, sizeof err) == WA_OK &&
        wa_record_from_json(&rec, data.p, data.len) == WA_OK && rec.id)
        id = strdup(rec.id);
    wa_record_release(&rec);
    wa_buf_release(&data);
    return id;
}

static int collect(const char *idterm, unsigned docid, void *ctx)
{
    struct walk *w = ctx;
    const char *id = wa_idterm_id(idterm);
    struct entry *e;

    if (w->n == w->cap) {
        size_t nc = w->cap ? w->cap * 2 : 256;
        struct entry *nv = realloc(w->v, nc * sizeof *nv);
        if (!nv) {
            w->failed = 1;
            return 1;
        }
        w->v = nv;
        w->cap = nc;
    }
    e = &w->v[w->n];
    e->id = id ? strdup(id) : id_from_record(w->reader, docid);
    e->idterm = strdup(idterm);
    e->side = w->side;
    e->docid = docid;
    if (!e->id || !e->idterm) {
        free(e->id);
        free(e->idterm);
        w->failed = 1;
        return 1;
    }
    w->n++;
    return 0;
}

/* Write b to out and empty it; -1 on a write error. */
static int flush_buf(FILE *out, struct wa_buf *b)
{
    int r = b->len && fwrite(b->p, 1, b->len, out) != b->len ? -1 : 0;
    wa_buf_reset(b);
    return r;
}

int cmd_export(struct indexer *ix, int argc, char **argv)
{
    struct walk w;
    wa_admin_reader *readers[ARCHIVE_DIR_SIDES] = {NULL};
    wa_archive *arch = NULL;
    wa_curation *cur = NULL;
    struct wa_buf line, data, hash, tmp;
    const unsigned slots[] = {WA_SLOT_SOURCE_HASH};
    const char *file;
    char err[512], path[4096];
    FILE *out = NULL;
    size_t i, k;
    int rc, first, to_stdout;
    wa_status st;

    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (argc - first != 1) {
        fprintf(stderr,
                "%s: export braucht genau eine Datei (- für die Standardausgabe)\n"
                "try '%s export --help'\n",
                PROG, PROG);
        return 2;
    }
    file = argv[first];
    to_stdout = strcmp(file, "-") == 0;
    if (archive_dir_need(ix))
        return 2;
    memset(&w, 0, sizeof w);
    wa_buf_init(&line, 0);
    wa_buf_init(&data, 0);
    wa_buf_init(&hash, 0);
    wa_buf_init(&tmp, 0);
    rc = 2;
    /* the writer lock keeps indexing out, so that both databases and the
     * curation file are read as one state; searches go on */
    st = wa_archive_open_write(&arch, ix->archive);
    if (st == WA_ERR_LOCKED) {
        fprintf(stderr,
                "%s: das Archiv '%s' wird gerade von einem anderen Lauf geschrieben; "
                "export später wiederholen\n",
                PROG, ix->archive);
        goto cleanup;
    }
    if (st != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_archive_errmsg(arch));
        goto cleanup;
    }
    cur = wa_curation_new();
    if (!cur || wa_curation_load(cur, ix->archive) != WA_OK) {
        fprintf(stderr, "%s: %s: %s\n", PROG, WA_CURATION_FILE, wa_curation_errmsg(cur));
        goto cleanup;
    }
    for (k = 0; k < ARCHIVE_DIR_SIDES; k++) {
        err[0] = '\0';
        archive_dir_db(ix, (int)k, path, sizeof path);
        if (wa_admin_reader_open(&readers[k], path, err, sizeof err) != WA_OK) {
            fprintf(stderr, "%s: kann '%s' nicht lesen: %s\n", PROG, path, err);
            goto cleanup;
        }
        w.side = (int)k;
        w.reader = readers[k];
        if (wa_admin_reader_each_id(readers[k], collect, &w, err, sizeof err) != WA_OK ||
            w.failed) {
            fprintf(stderr, "%s: kann '%s' nicht lesen: %s\n", PROG, path,
                    w.failed ? "kein Speicher mehr" : err);
            goto cleanup;
        }
    }
    if (w.n)
        qsort(w.v, w.n, sizeof *w.v, cmp_entry);

    if (to_stdout) {
        out = stdout;
    } else {
        /* a temporary file renamed at the end: FILE is whole or untouched */
        if (wa_buf_addf(&tmp, "%s.tmp%ld", file, (long)getpid()) != WA_OK)
            goto cleanup;
        out = fopen(tmp.p, "w");
        if (!out) {
            fprintf(stderr, "%s: kann '%s' nicht schreiben: %s\n", PROG, file, strerror(errno));
            goto cleanup;
        }
    }
    st = wa_export_header(&line);
    if (st == WA_OK) { /* the archive's own synonym list: documents were indexed with it */
        struct wa_buf syn, sp;
        wa_buf_init(&syn, 0);
        wa_buf_init(&sp, 0);
        st = wa_buf_addf(&sp, "%s/%s", ix->archive, WA_ARCHIVE_SYNONYMS);
        if (st == WA_OK && access(sp.p, F_OK) == 0) {
            FILE *f = fopen(sp.p, "r");
            char chunk[65536];
            size_t n;
            st = f ? WA_OK : WA_ERR_IO;
            while (st == WA_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
                st = wa_buf_add(&syn, chunk, n);
            if (f && ferror(f))
                st = WA_ERR_IO;
            if (f)
                fclose(f);
            if (st == WA_OK)
                st = wa_export_synonyms(&line, syn.p, syn.len);
        }
        wa_buf_release(&syn);
        wa_buf_release(&sp);
    }
    for (i = 0; st == WA_OK && i < wa_curation_count(cur); i++) {
        struct wa_curation_entry e;
        if (wa_curation_entry(cur, i, &e) && e.kind == WA_CUR_ALIAS)
            st = wa_export_alias(&line, e.a, e.b, e.c);
    }
    if (st != WA_OK || flush_buf(out, &line))
        goto write_error;
    for (i = 0; i < w.n; i++) {
        const struct entry *e = &w.v[i];
        struct wa_record rec;
        wa_buf_reset(&data);
        wa_buf_reset(&hash);
        err[0] = '\0';
        st = wa_admin_reader_get(readers[e->side], e->docid, &data, slots, 1, &hash, err,
                                 sizeof err);
        if (st != WA_OK) {
            fprintf(stderr, "%s: kann '%s' nicht lesen: %s\n", PROG, e->id, err);
            goto cleanup;
        }
        wa_record_init(&rec);
        st = wa_record_from_json(&rec, data.p, data.len);
        if (st == WA_OK)
            st = wa_export_document(&line, &rec, NULL, hash.p, archive_dir_side_name[e->side],
                                    e->docid, cur);
        wa_record_release(&rec);
        if (st != WA_OK) {
            fprintf(stderr, "%s: Dokument '%s': gespeicherter Datensatz unlesbar (%s)\n", PROG,
                    e->id, wa_strerror(st));
            goto cleanup;
        }
        if (flush_buf(out, &line))
            goto write_error;
    }
    /* overrides and withdrawals of documents the archive does not hold (any more) */
    for (i = 0; st == WA_OK && i < wa_curation_count(cur); i++) {
        struct wa_curation_entry e;
        if (wa_curation_entry(cur, i, &e) && e.kind != WA_CUR_ALIAS &&
            !(w.n && bsearch(e.a, w.v, w.n, sizeof *w.v, cmp_id)))
            st = wa_export_entry(&line, &e);
    }
    if (st == WA_OK)
        st = wa_export_end(&line, (unsigned long)w.n);
    if (st != WA_OK || flush_buf(out, &line) || fflush(out) != 0)
        goto write_error;
    if (!to_stdout) {
        int bad = fsync(fileno(out)) != 0;
        bad |= fclose(out) != 0;
        out = NULL;
        if (bad || rename(tmp.p, file) != 0)
            goto write_error;
        if (!ix->quiet)
            printf("%zu Dokumente exportiert nach '%s'\n", w.n, file);
    }
    rc = 0;
    goto cleanup;
write_error:
    fprintf(stderr, "%s: kann '%s' nicht schreiben: %s\n", PROG, file,
            st != WA_OK ? wa_strerror(st) : strerror(errno));
cleanup:
    if (out && out != stdout)
        fclose(out);
    if (rc != 0 && tmp.len)
        unlink(tmp.p);
    for (k = 0; k < ARCHIVE_DIR_SIDES; k++)
        wa_admin_reader_free(readers[k]);
    for (i = 0; i < w.n; i++) {
        free(w.v[i].id);
        free(w.v[i].idterm);
    }
    free(w.v);
    wa_curation_free(cur);
    /* nothing was written: closing only releases the lock */
    if (arch && wa_archive_close(arch) != WA_OK && rc == 0) {
        fprintf(stderr, "%s: %s\n", PROG, wa_archive_errmsg(arch));
        rc = 2;
    }
    wa_archive_destroy(arch);
    wa_buf_release(&line);
    wa_buf_release(&data);
    wa_buf_release(&hash);
    wa_buf_release(&tmp);
    return rc;
}
