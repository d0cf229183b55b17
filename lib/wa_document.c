/* Building the Xapian document for a record, with the source-hash stamp. */
#include "wa_document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wa_record.h"
#include "wa_schema.h"

wa_status wa_document_build(const struct wa_record *rec, const char *hash, long long indexed_at,
                            wa_wdb *spelling_db, wa_doc **doc)
{
    return wa_document_build_capped(rec, hash, indexed_at, spelling_db, doc, NULL);
}

wa_status wa_document_build_capped(const struct wa_record *rec, const char *hash,
                                   long long indexed_at, wa_wdb *spelling_db, wa_doc **doc,
                                   struct wa_index_cut *cut)
{
    char v[48];
    wa_status st = wa_doc_new(doc, spelling_db);

    if (st == WA_OK)
        st = wa_record_to_doc_capped(rec, *doc, cut);
    if (st == WA_OK) {
        snprintf(v, sizeof v, "%.16s:%lld", hash ? hash : "0000000000000000", indexed_at);
        st = wa_doc_set_value(*doc, WA_SLOT_SOURCE_HASH, v, strlen(v));
    }
    return st;
}

wa_status wa_document_build_curated(struct wa_record *rec, struct wa_buf *orig,
                                    const wa_curation *c, const char *hash, long long indexed_at,
                                    wa_wdb *spelling_db, wa_doc **doc, int *changed)
{
    wa_status st = WA_OK;

    *doc = NULL;
    if (changed)
        *changed = 0;
    if (c)
        st = wa_curation_apply(c, rec, orig, changed);
    if (st != WA_OK)
        return st;
    st = wa_document_build(rec, hash, indexed_at, spelling_db, doc);
    if (st == WA_OK && orig->len)
        st = wa_doc_set_value(*doc, WA_SLOT_ORIGINAL, orig->p, orig->len);
    return st;
}

void wa_document_stamp_parse(const char *v, size_t len, struct wa_source_stamp *out)
{
    const char *colon = memchr(v, ':', len);
    size_t hl = colon ? (size_t)(colon - v) : len;
    char num[24];

    memset(out, 0, sizeof *out);
    if (hl >= 16) {
        memcpy(out->hash, v, 16);
        out->hash[16] = '\0';
    }
    if (colon) {
        size_t nl = len - hl - 1;
        if (nl >= sizeof num)
            nl = sizeof num - 1;
        memcpy(num, colon + 1, nl);
        num[nl] = '\0';
        out->indexed_at = strtoll(num, NULL, 10);
    }
}
