/* werkarchiv-index import: rebuild an archive from an export alone, without the sources. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>

#include "command.h"
#include "indexer.h"
#include "wa_archive.h"
#include "wa_audit.h"
#include "wa_curation.h"
#include "wa_document.h"
#include "wa_export.h"
#include "wa_german.h"
#include "wa_record.h"
#include "wa_schema.h"

/* 1 if dir does not exist or is an empty directory: import builds new archives only. */
static int fresh(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int empty = 1;

    if (!d)
        return errno == ENOENT;
    while (empty && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            empty = 0;
    closedir(d);
    return empty;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Read one line of f into line (without its newline), at most WA_EXPORT_MAX_LINE
 * bytes: 1 read, 0 at the end, -1 too long or a read error (*toolong tells). */
static int read_line(FILE *f, struct wa_buf *line, int *toolong)
{
    char chunk[65536];
    size_t n;

    wa_buf_reset(line);
    *toolong = 0;
    while (fgets(chunk, sizeof chunk, f)) {
        n = strlen(chunk);
        if (n && chunk[n - 1] == '\n') {
            if (wa_buf_add(line, chunk, n - 1) != WA_OK) {
                *toolong = 1;
                return -1;
            }
            return 1;
        }
        if (wa_buf_add(line, chunk, n) != WA_OK) {
            *toolong = 1;
            return -1;
        }
    }
    if (ferror(f))
        return -1;
    return line->len ? 1 : 0; /* a last line without newline */
}

/* Build the document of an export line as indexing does (the same terms and
 * the same spelling data) with the exported source stamp, and write it. */
static int put_document(struct indexer *ix, const struct wa_export_doc *d, char *err, size_t errlen)
{
    char idterm[256];
    struct wa_buf ser;
    wa_doc *built = NULL, *doc = NULL;
    enum wa_side side = strcmp(d->database, WA_ARCHIVE_INTERNAL) == 0    ? WA_SIDE_INTERNAL
                        : strcmp(d->database, WA_ARCHIVE_WITHDRAWN) == 0 ? WA_SIDE_WITHDRAWN
                                                                         : WA_SIDE_PUBLIC;
    wa_status st;
    int rc = -1;

    wa_buf_init(&ser, 0);
    wa_schema_idterm(d->rec.id, idterm, sizeof idterm);
    st = wa_document_build(&d->rec, NULL, 0, NULL, &built);
    /* the stamp as exported, byte for byte (empty: none) */
    if (st == WA_OK)
        st = wa_doc_set_value(built, WA_SLOT_SOURCE_HASH, d->source_hash.p, d->source_hash.len);
    if (st == WA_OK)
        st = wa_doc_serialise(built, &ser);
    if (st == WA_OK)
        st = wa_doc_unserialise(&doc, ser.p, ser.len, 1);
    if (st != WA_OK) {
        snprintf(err, errlen, "Dokument '%s': %s", d->rec.id,
                 doc     ? wa_doc_errmsg(doc)
                 : built ? wa_doc_errmsg(built)
                         : wa_strerror(st));
        goto cleanup;
    }
    st = d->docid ? wa_archive_put_at(ix->arch, idterm, side, doc, (unsigned)d->docid)
                  : wa_archive_put(ix->arch, idterm, side, doc);
    if (st != WA_OK) {
        snprintf(err, errlen, "Dokument '%s': %s", d->rec.id, wa_archive_errmsg(ix->arch));
        goto cleanup;
    }
    rc = indexer_changed(ix);
    if (rc)
        snprintf(err, errlen, "Schreiben fehlgeschlagen");
cleanup:
    wa_doc_free(built);
    wa_doc_free(doc);
    wa_buf_release(&ser);
    return rc;
}

/* The archive's own synonym list, before any document is built: documents
 * get their concepts from it, and both databases its query synonyms. */
static int put_synonyms(struct indexer *ix, const struct wa_buf *text, unsigned long docs,
                        char *err, size_t errlen)
{
    char path[4096];
    FILE *f;
    int bad;

    if (docs) {
        snprintf(err, errlen, "die Synonymliste steht nach Dokumenten");
        return -1;
    }
    snprintf(path, sizeof path, "%s/%s", ix->archive, WA_ARCHIVE_SYNONYMS);
    f = fopen(path, "w");
    if (!f) {
        snprintf(err, errlen, "kann %s im Archiv nicht schreiben: %s", WA_ARCHIVE_SYNONYMS,
                 strerror(errno));
        return -1;
    }
    bad = fwrite(text->p, 1, text->len, f) != text->len;
    bad |= fclose(f) != 0;
    if (bad) {
        snprintf(err, errlen, "kann %s im Archiv nicht schreiben", WA_ARCHIVE_SYNONYMS);
        return -1;
    }
    if (wa_german_use_synonyms(path) != WA_OK || !wa_german_synonyms()) {
        snprintf(err, errlen, "die Synonymliste ist unlesbar");
        return -1;
    }
    if (wa_german_register_synonyms(ix->pub) != WA_OK ||
        wa_german_register_synonyms(ix->internal) != WA_OK) {
        snprintf(err, errlen, "kann die Synonyme nicht eintragen: %s", wa_wdb_errmsg(ix->pub));
        return -1;
    }
    return 0;
}

int cmd_import(struct indexer *ix, int argc, char **argv)
{
    const char *file, *target;
    struct wa_buf line, tmpdir, count_s, dest;
    size_t tlen;
    struct wa_export_doc d;
    enum wa_export_line kind;
    wa_curation *cur = NULL;
    unsigned long docs = 0, count = 0;
    long lineno = 0;
    char err[1024];
    FILE *in = NULL;
    int rc, first, r, toolong, seen_end = 0, opened = 0, built = 0;

    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (argc - first != 1) {
        fprintf(stderr,
                "%s: import braucht genau eine Datei (- für die Standardeingabe)\n"
                "try '%s import --help'\n",
                PROG, PROG);
        return 2;
    }
    file = argv[first];
    target = ix->archive;
    if (!fresh(target)) {
        fprintf(stderr,
                "%s: '%s' ist nicht leer: import baut ein neues Archiv auf (ein fehlendes oder "
                "leeres Verzeichnis)\n",
                PROG, target);
        return 2;
    }
    in = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
    if (!in) {
        fprintf(stderr, "%s: kann '%s' nicht lesen: %s\n", PROG, file, strerror(errno));
        return 2;
    }
    wa_buf_init(&line, WA_EXPORT_MAX_LINE);
    wa_buf_init(&tmpdir, 0);
    wa_buf_init(&count_s, 0);
    wa_buf_init(&dest, 0);
    wa_export_doc_init(&d);
    rc = 2;
    err[0] = '\0';
    cur = wa_curation_new();
    /* built beside the target and renamed into place at the end: an import
     * that fails or is killed leaves no half archive under the target's name */
    tlen = strlen(target);
    while (tlen > 1 && target[tlen - 1] == '/')
        tlen--; /* "neu/": the temporary archive goes beside it, not into it */
    if (!cur ||
        wa_buf_addf(&tmpdir, "%.*s.import-%ld", (int)tlen, target, (long)getpid()) != WA_OK ||
        wa_buf_add(&dest, target, tlen) != WA_OK) {
        snprintf(err, sizeof err, "kein Speicher mehr");
        goto cleanup;
    }
    ix->archive = tmpdir.p;
    built = 1;
    if (indexer_open(ix))
        goto cleanup_quiet;
    opened = 1;
    indexer_prepare_indexing(ix); /* the synonym keys, as for indexing */
    while ((r = read_line(in, &line, &toolong)) == 1) {
        lineno++;
        if (seen_end) {
            snprintf(err, sizeof err, "Zeile %ld: nach der Schlusszeile", lineno);
            goto cleanup;
        }
        if (wa_export_read(line.p, line.len, cur, &d, &kind, &count, err, sizeof err) != WA_OK) {
            char msg[900];
            snprintf(msg, sizeof msg, "%s", err);
            snprintf(err, sizeof err, "Zeile %ld: %s", lineno, msg);
            goto cleanup;
        }
        if ((lineno == 1) != (kind == WA_EXPORT_HEADER)) {
            snprintf(err, sizeof err, "Zeile %ld: %s", lineno,
                     lineno == 1 ? "keine Kopfzeile eines Werkarchiv-Exports" : "zweite Kopfzeile");
            goto cleanup;
        }
        if (kind == WA_EXPORT_DOCUMENT) {
            if (put_document(ix, &d, err, sizeof err))
                goto cleanup;
            docs++;
        } else if (kind == WA_EXPORT_SYNONYMS) {
            if (put_synonyms(ix, &d.synonyms, docs, err, sizeof err))
                goto cleanup;
        } else if (kind == WA_EXPORT_END) {
            seen_end = 1;
        }
    }
    if (r < 0) {
        snprintf(err, sizeof err, "%s", toolong ? "eine Zeile ist zu lang" : "Lesefehler");
        goto cleanup;
    }
    if (!seen_end) {
        snprintf(err, sizeof err, "unvollständig: die Schlusszeile fehlt");
        goto cleanup;
    }
    if (count != docs) {
        snprintf(err, sizeof err, "die Schlusszeile nennt %lu Dokumente, die Datei enthält %lu",
                 count, docs);
        goto cleanup;
    }
    if (wa_curation_count(cur) && wa_curation_save(cur, tmpdir.p) != WA_OK) {
        snprintf(err, sizeof err, "%s: %s", WA_CURATION_FILE, wa_curation_errmsg(cur));
        goto cleanup;
    }
    opened = 0;
    if (indexer_close(ix))
        goto cleanup_quiet;
    /* rename(2) replaces an empty directory */
    if (rename(tmpdir.p, dest.p) != 0) {
        snprintf(err, sizeof err, "kann '%s' nicht nach '%s' umbenennen: %s", tmpdir.p, target,
                 strerror(errno));
        goto cleanup;
    }
    built = 0;
    ix->archive = target;
    {
        struct wa_audit_entry a = {0};
        a.who = ix->by;
        wa_buf_addf(&count_s, "%lu", docs);
        a.action = "import";
        a.new_value = count_s.p;
        a.reason = file;
        if (wa_audit_append(target, &a) != WA_OK)
            fprintf(stderr, "%s: Warnung: der Import steht nicht im Protokoll '%s'\n", PROG,
                    WA_AUDIT_FILE);
    }
    if (!ix->quiet)
        printf("%lu Dokumente importiert nach '%s'\n", docs, target);
    rc = 0;
    goto cleanup_quiet;
cleanup:
    fprintf(stderr, "%s: Import von '%s' abgebrochen: %s\n", PROG, file, err);
cleanup_quiet:
    if (opened)
        indexer_close(ix);
    if (built)
        nftw(tmpdir.p, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    ix->archive = target;
    if (in && in != stdin)
        fclose(in);
    wa_curation_free(cur);
    wa_export_doc_release(&d);
    wa_buf_release(&line);
    wa_buf_release(&tmpdir);
    wa_buf_release(&count_s);
    wa_buf_release(&dest);
    return rc;
}
