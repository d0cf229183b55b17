/* What the office's commands share: finding a document by id or path, reading it, the audit log. */
#include "office.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "curate.h"
#include "indexer.h"
#include "wa_schema.h"

static int read_doc(struct indexer *ix, struct office_doc *d)
{
    wa_wdb *w = wa_archive_wdb(ix->arch, d->side);
    struct wa_buf data;
    wa_status st;

    wa_buf_init(&data, 0);
    st = wa_wdb_get_data(w, d->idterm, &data);
    if (st == WA_OK)
        st = wa_record_from_json(&d->rec, data.p, data.len);
    wa_buf_release(&data);
    if (st != WA_OK) {
        fprintf(stderr, "%s: '%s' nicht lesbar: %s\n", PROG, d->idterm + 1,
                st == WA_ERR_FORMAT ? "gespeicherte Daten beschädigt" : wa_wdb_errmsg(w));
        return -1;
    }
    return 0;
}

/* Where the document idterm is: the withdrawn copy first when it is withdrawn. */
static int side_of(struct indexer *ix, const char *idterm, const char *id)
{
    return curate_read_side(ix, wa_archive_where(ix->arch, idterm), id);
}

static int find(struct indexer *ix, const char *arg, struct office_doc *d, int quiet)
{
    char abs[2 * PATH_MAX + 2], pt[256];
    struct wa_buf b;
    int side, s;

    memset(d, 0, sizeof *d);
    wa_record_init(&d->rec);
    wa_schema_idterm(arg, d->idterm, sizeof d->idterm);
    side = side_of(ix, d->idterm, arg);
    if (side < 0) {
        /* not an id: a source path (the file may be gone already) */
        if (arg[0] == '/' || !realpath(arg, abs)) {
            char cwd[PATH_MAX];
            if (arg[0] == '/' || !getcwd(cwd, sizeof cwd))
                snprintf(abs, sizeof abs, "%s", arg);
            else
                snprintf(abs, sizeof abs, "%s/%s", cwd, arg);
        }
        wa_schema_pathterm(abs, pt, sizeof pt);
        wa_buf_init(&b, 256);
        for (s = 0; s < WA_SIDES && side < 0; s++) {
            wa_buf_reset(&b);
            if (wa_wdb_find_idterm(wa_archive_wdb(ix->arch, (enum wa_side)s), pt, &b) == WA_OK &&
                b.len < sizeof d->idterm) {
                memcpy(d->idterm, b.p, b.len + 1);
                side = s;
            }
        }
        wa_buf_release(&b);
    }
    if (side < 0) {
        if (!quiet)
            fprintf(stderr, "%s: kein Dokument '%s' im Archiv\n", PROG, arg);
        return 1;
    }
    if (!wa_idterm_id(d->idterm)) {
        fprintf(stderr, "%s: die ID von '%s' ist zu lang für die Kuration\n", PROG, arg);
        return 1;
    }
    d->id = strdup(wa_idterm_id(d->idterm));
    if (!d->id) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        return -1;
    }
    d->side = (enum wa_side)side_of(ix, d->idterm, d->id);
    return read_doc(ix, d);
}

int office_find(struct indexer *ix, const char *arg, struct office_doc *d)
{
    return find(ix, arg, d, 0);
}

int office_find_quiet(struct indexer *ix, const char *arg, struct office_doc *d)
{
    return find(ix, arg, d, 1);
}

void office_doc_release(struct office_doc *d)
{
    if (!d)
        return;
    free(d->id);
    d->id = NULL;
    wa_record_release(&d->rec);
}

wa_status office_field_value(const struct wa_record *r, const char *key, struct wa_buf *out)
{
    const struct wa_field *f = wa_schema_field(key, strlen(key));
    const struct wa_strlist *l;
    const char *s;
    wa_status st = WA_OK;
    size_t i;

    if (!f)
        return WA_OK;
    l = wa_record_list(r, f);
    if (l) {
        const char *sep = strcmp(f->key, "authors") == 0 ? "; " : ", ";
        for (i = 0; i < l->n && st == WA_OK; i++) {
            if (i)
                st = wa_buf_adds(out, sep);
            if (st == WA_OK)
                st = wa_buf_adds(out, l->v[i]);
        }
        return st;
    }
    s = wa_record_str(r, f);
    return s ? wa_buf_adds(out, s) : WA_OK;
}

void office_audit(struct wa_buf *lines, const struct office_opts *o, const char *action,
                  const char *id, const char *field, const char *old_value, const char *new_value,
                  const char *reason)
{
    struct wa_audit_entry e;

    memset(&e, 0, sizeof e);
    e.who = wa_audit_user(o->by);
    e.action = action;
    e.id = id;
    e.field = field;
    e.old_value = old_value;
    e.new_value = new_value;
    e.reason = reason ? reason : o->reason;
    wa_audit_format(lines, &e);
}

int office_audit_write(struct indexer *ix, const struct wa_buf *lines)
{
    if (lines->len && wa_audit_write(ix->archive, lines->p, lines->len) != WA_OK) {
        fprintf(stderr, "%s: Protokoll '%s/%s' nicht schreibbar\n", PROG, ix->archive,
                WA_AUDIT_FILE);
        return -1;
    }
    return 0;
}

int office_save(struct indexer *ix)
{
    if (wa_curation_save(ix->curation, ix->archive) != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_curation_errmsg(ix->curation));
        return -1;
    }
    return 0;
}

int office_apply_close(struct indexer *ix, char **idterms, size_t n)
{
    size_t i;
    int rc = n ? 0 : curate_all(ix);

    for (i = 0; i < n && rc == 0; i++)
        rc = idterms[i] ? curate_doc(ix, idterms[i], NULL) : -1;
    if (rc == 0 && curate_mark_applied(ix) != 0)
        rc = -1;
    if (indexer_close(ix) != 0)
        rc = -1;
    return rc;
}

int office_forget(struct indexer *ix, char *const *ids, size_t n)
{
    struct office_opts o = {ix->by, "entfernt"};
    struct wa_curation_entry e;
    struct wa_buf lines;
    const char *reason;
    size_t i, k, dropped = 0;
    int rc = 0;

    wa_buf_init(&lines, 0);
    for (k = 0; k < n && rc == 0; k++) {
        const char *id = ids[k];
        if (!id || !*id)
            continue;
        if (wa_curation_withdrawn(ix->curation, id, NULL, &reason)) {
            office_audit(&lines, &o, "forget", id, "", "zurückgezogen", "", reason);
            wa_curation_restore(ix->curation, id);
            dropped++;
        }
        for (i = 0; i < wa_curation_count(ix->curation) && rc == 0;) {
            char *key;
            if (!wa_curation_entry(ix->curation, i, &e) || e.kind != WA_CUR_META ||
                strcmp(e.a, id) != 0) {
                i++;
                continue;
            }
            key = strdup(e.b);
            office_audit(&lines, &o, "forget", id, e.b, e.c, "", NULL);
            if (!key || wa_curation_unset_meta(ix->curation, id, key) != WA_OK)
                rc = -1;
            free(key);
            dropped++;
        }
    }
    if (rc == 0 && dropped) {
        if (wa_archive_commit(ix->arch) != WA_OK) {
            fprintf(stderr, "%s: %s\n", PROG, wa_archive_errmsg(ix->arch));
            rc = -1;
        } else if (office_save(ix) != 0 || office_audit_write(ix, &lines) != 0 ||
                   curate_mark_applied(ix) != 0) {
            rc = -1;
        }
    }
    wa_buf_release(&lines);
    return rc;
}
