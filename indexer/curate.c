/* Applying the office's curation file to the archive: at each run's start and by the curation
 * commands. */
#include "curate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indexer.h"
#include "known.h"
#include "wa_document.h"
#include "wa_schema.h"

int curate_load(struct indexer *ix)
{
    wa_curation_free(ix->curation);
    ix->curation = wa_curation_new();
    if (!ix->curation) {
        fprintf(stderr, "%s: kein Speicher für die Kuration\n", PROG);
        return -1;
    }
    if (wa_curation_load(ix->curation, ix->archive) != WA_OK) {
        fprintf(stderr, "%s: Kurationsdatei nicht lesbar: %s\n", PROG,
                wa_curation_errmsg(ix->curation));
        return -1;
    }
    return 0;
}

enum wa_side curate_side(const struct indexer *ix, const struct wa_record *rec)
{
    if (ix->curation && wa_curation_withdrawn(ix->curation, rec->id, NULL, NULL))
        return WA_SIDE_WITHDRAWN;
    return wa_archive_side(rec);
}

int curate_read_side(const struct indexer *ix, unsigned where, const char *id)
{
    int side;

    if (id && wa_curation_withdrawn(ix->curation, id, NULL, NULL) &&
        (where & (1u << WA_SIDE_WITHDRAWN)))
        return WA_SIDE_WITHDRAWN;
    for (side = 0; side < WA_SIDES; side++)
        if (where & (1u << side))
            return side;
    return -1;
}

int curate_doc(struct indexer *ix, const char *idterm, int *found)
{
    static const unsigned slots[] = {WA_SLOT_SOURCE_HASH, WA_SLOT_ORIGINAL};
    unsigned where = wa_archive_where(ix->arch, idterm);
    int side = curate_read_side(ix, where, wa_idterm_id(idterm)), changed = 0, rc = -1;
    struct wa_buf data, v[2];
    struct wa_record rec;
    struct wa_source_stamp stamp;
    enum wa_side target;
    wa_doc *doc = NULL;
    wa_wdb *w;
    wa_status st;
    size_t i;

    if (found)
        *found = side >= 0;
    if (side < 0)
        return 0;
    w = wa_archive_wdb(ix->arch, (enum wa_side)side);
    wa_buf_init(&data, 0);
    for (i = 0; i < 2; i++)
        wa_buf_init(&v[i], 0);
    wa_record_init(&rec);
    st = wa_wdb_get_data(w, idterm, &data);
    if (st == WA_OK)
        st = wa_wdb_get_values(w, idterm, slots, 2, v);
    if (st == WA_OK)
        st = wa_record_from_json(&rec, data.p, data.len);
    if (st != WA_OK) {
        fprintf(stderr, "%s: '%s' nicht lesbar: %s\n", PROG, idterm + 1,
                st == WA_ERR_FORMAT ? "gespeicherte Daten beschädigt" : wa_wdb_errmsg(w));
        goto cleanup;
    }
    wa_document_stamp_parse(v[0].p, v[0].len, &stamp);
    st = wa_curation_apply(ix->curation, &rec, &v[1], &changed);
    if (st != WA_OK) {
        fprintf(stderr, "%s: Kuration von '%s' nicht anwendbar: %s\n", PROG, idterm + 1,
                wa_strerror(st));
        goto cleanup;
    }
    target = curate_side(ix, &rec);
    if (!changed && where == (1u << target)) {
        rc = 0; /* already as the curation wants it */
        goto cleanup;
    }
    /* moving into a searchable database brings the words into its spelling data */
    st = wa_document_build_curated(
        &rec, &v[1], NULL, stamp.hash[0] ? stamp.hash : NULL, stamp.indexed_at,
        target != WA_SIDE_WITHDRAWN && side != (int)target ? wa_archive_wdb(ix->arch, target)
                                                           : NULL,
        &doc, NULL);
    if (st != WA_OK) {
        fprintf(stderr, "%s: '%s': %s\n", PROG, idterm + 1,
                doc ? wa_doc_errmsg(doc) : wa_strerror(st));
        goto cleanup;
    }
    /* in place, or moved: the stored copy may be the only one (no source
     * left), so it is written before the old one is deleted */
    if ((where == (1u << target) ? wa_archive_put(ix->arch, idterm, target, doc)
                                 : wa_archive_move(ix->arch, idterm, target, doc)) != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_archive_errmsg(ix->arch));
        goto cleanup;
    }
    rc = indexer_changed(ix);
cleanup:
    wa_doc_free(doc);
    wa_record_release(&rec);
    wa_buf_release(&data);
    for (i = 0; i < 2; i++)
        wa_buf_release(&v[i]);
    return rc;
}

int curate_all(struct indexer *ix)
{
    struct wa_known docs = {0};
    size_t i;
    int side, rc = 0;

    for (side = 0; side < WA_SIDES && rc == 0; side++) {
        wa_wdb *w = wa_archive_wdb(ix->arch, (enum wa_side)side);
        if (wa_known_load(&docs, w) != WA_OK) {
            fprintf(stderr, "%s: %s\n", PROG, wa_wdb_errmsg(w));
            rc = -1;
        }
    }
    /* a document in two databases is listed twice: the second call finds it settled */
    for (i = 0; i < docs.n && rc == 0; i++)
        rc = curate_doc(ix, docs.v[i].idterm, NULL);
    wa_known_release(&docs);
    return rc;
}

int curate_mark_applied(struct indexer *ix)
{
    char hash[17];

    if (wa_archive_commit(ix->arch) != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_archive_errmsg(ix->arch));
        return -1;
    }
    ix->pending = 0;
    if (wa_curation_hash(ix->curation, hash) != WA_OK ||
        wa_wdb_set_metadata(ix->pub, CURATE_APPLIED_KEY, hash, 16) != WA_OK ||
        wa_archive_commit(ix->arch) != WA_OK) {
        fprintf(stderr, "%s: Stand der Kuration nicht speicherbar: %s\n", PROG,
                wa_archive_errmsg(ix->arch));
        return -1;
    }
    return 0;
}

int curate_reconcile(struct indexer *ix)
{
    char hash[17];
    struct wa_buf applied;
    int same;

    wa_buf_init(&applied, 64);
    if (wa_curation_hash(ix->curation, hash) != WA_OK) {
        wa_buf_release(&applied);
        fprintf(stderr, "%s: out of memory\n", PROG);
        return -1;
    }
    same = wa_wdb_get_metadata(ix->pub, CURATE_APPLIED_KEY, &applied) == WA_OK &&
           applied.len == 16 && memcmp(applied.p, hash, 16) == 0;
    wa_buf_release(&applied);
    if (same)
        return 0;
    if (curate_all(ix) != 0)
        return -1;
    return curate_mark_applied(ix);
}
