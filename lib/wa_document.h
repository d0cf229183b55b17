/* Building the Xapian document for a record, as indexing, refreshing and import all do. */
#ifndef WA_DOCUMENT_H
#define WA_DOCUMENT_H

#include <stddef.h>

#include "wa_buf.h"
#include "wa_curation.h"
#include "wa_status.h"
#include "wa_xapian.h"

#ifdef __cplusplus
extern "C" {
#endif

struct wa_record;
struct wa_index_cut;

/*
 * The source-hash value (slot WA_SLOT_SOURCE_HASH): the first 16 hex digits
 * of the source file's hash (with its sidecar), ':', and the time the
 * document was indexed in seconds. The incremental add reads both: the
 * hash to recognise an unchanged file, the time to tell a file written in
 * the second it was indexed ("racily clean").
 */
struct wa_source_stamp {
    char hash[17];        /* NUL-terminated; "" when the value holds none */
    long long indexed_at; /* 0 when unknown */
};

/*
 * Start *doc and fill it from rec (wa_record_to_doc: terms, values, stored
 * data) plus the source-hash value made of hash (16 hex digits; NULL gives
 * zeros) and indexed_at (seconds). Words feed spelling_db's spelling data
 * when it is not NULL (else they are added when the document is written,
 * wa_doc_unserialise). *doc is set even on error, for wa_doc_errmsg (free
 * it with wa_doc_free), unless out of memory.
 */
wa_status wa_document_build(const struct wa_record *rec, const char *hash, long long indexed_at,
                            wa_wdb *spelling_db, wa_doc **doc);

/* The same with the per-document limits of wa_record_to_doc_capped; cut
 * (may be NULL) says what of the text was left out. */
wa_status wa_document_build_capped(const struct wa_record *rec, const char *hash,
                                   long long indexed_at, wa_wdb *spelling_db, wa_doc **doc,
                                   struct wa_index_cut *cut);
/*
 * Apply the office's curation c to rec first (wa_curation_apply: orig holds
 * the values an earlier curation replaced, as stored in WA_SLOT_ORIGINAL,
 * or is empty, and is updated), then build as wa_document_build does and
 * store orig in WA_SLOT_ORIGINAL. c NULL: no curation (orig is stored as it
 * is). *changed (may be NULL) is set when the curation changed rec's
 * metadata. The same call builds documents in the indexing run, in the
 * content refresh and in the curation commands, so an override or alias
 * survives re-indexing and a full rebuild.
 */
wa_status wa_document_build_curated(struct wa_record *rec, struct wa_buf *orig,
                                    const wa_curation *c, const char *hash, long long indexed_at,
                                    wa_wdb *spelling_db, wa_doc **doc, int *changed);

/* Read a source-hash value v[0..len) into *out. Missing parts come out
 * empty or 0; never fails. */
void wa_document_stamp_parse(const char *v, size_t len, struct wa_source_stamp *out);

#ifdef __cplusplus
}
#endif
#endif
