/* The job an extraction worker runs for one file: extract, build the document, reply. */
#include "job.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract.h"
#include "protocol.h"
#include "wa_curation.h"
#include "wa_document.h"
#include "wa_limits.h"
#include "wa_record.h"
#include "wa_schema.h"

/* The warning line for a text that was not indexed whole (its prefix
 * WA_CUT_WARNING lets the summary count them). */
static wa_status report_cut(const struct wa_index_cut *cut, struct wa_buf *warn)
{
    double mib = (double)cut->indexed_len / (1 << 20), all = (double)cut->text_len / (1 << 20);

    if (cut->text_cap)
        return wa_buf_addf(warn,
                           "%s: nur die ersten %.1f MiB von %.1f MiB Text sind durchsuchbar "
                           "(höchstens %zu MiB je Dokument)\n",
                           WA_CUT_WARNING, mib, all, WA_MAX_INDEX_TEXT >> 20);
    return wa_buf_addf(warn,
                       "%s: nur die ersten %.1f MiB von %.1f MiB Text sind durchsuchbar "
                       "(%zu verschiedene Wörter, höchstens %d je Dokument)\n",
                       WA_CUT_WARNING, mib, all, cut->terms, WA_MAX_DOC_TERMS);
}

wa_status indexer_extract_job(const char *req, size_t len, struct wa_buf *out, void *ctx)
{
    struct wa_request rq;
    struct wa_record rec;
    struct wa_buf reason, warn, json, ser, orig;
    struct wa_index_cut cut;
    char hash[17];
    wa_doc *doc = NULL;
    wa_status st;

    if (wa_request_decode(req, len, &rq) != WA_OK)
        return WA_ERR_INVALID;
    wa_record_init(&rec);
    wa_buf_init(&reason, 4096);
    wa_buf_init(&warn, 64 * 1024);
    wa_buf_init(&json, 0);
    wa_buf_init(&ser, 0);
    wa_buf_init(&orig, 0);
    st = wa_extract_file_warn(rq.path, rq.id, &rec, &reason, &warn);
    if (st != WA_OK) {
        wa_buf_add(out, reason.p, reason.len);
        goto cleanup;
    }
    if (wa_file_hash(rq.path, hash) != WA_OK)
        memset(hash, '0', 16);
    hash[16] = '\0';
    rec.mtime = rq.mtime;
    /* indexed now: the time tells a file written in this second (racily
     * clean); ctx is the office's curation (read before the workers started),
     * applied here so that the record sent back is the curated one, and the
     * values it replaced go into WA_SLOT_ORIGINAL */
    st = ctx ? wa_curation_apply(ctx, &rec, &orig, NULL) : WA_OK;
    if (st == WA_OK)
        st = wa_document_build_capped(&rec, hash, (long long)time(NULL), NULL, &doc, &cut);
    if (st == WA_OK && orig.len)
        st = wa_doc_set_value(doc, WA_SLOT_ORIGINAL, orig.p, orig.len);
    if (st != WA_OK) {
        wa_buf_adds(out, doc ? wa_doc_errmsg(doc) : wa_strerror(st));
        goto cleanup;
    }
    if (cut.text_cap || cut.term_cap)
        st = report_cut(&cut, &warn);
    if (st != WA_OK) {
        wa_buf_adds(out, wa_strerror(st));
        goto cleanup;
    }
    /* the text is in the document now; the parent needs only the metadata */
    free(rec.text);
    rec.text = NULL;
    rec.text_len = 0;
    st = wa_record_to_json(&rec, &json);
    if (st == WA_OK)
        st = wa_doc_serialise(doc, &ser);
    if (st == WA_OK)
        st = wa_reply_encode(hash, warn.p, warn.len, json.p, json.len, ser.p, ser.len, out);
    if (st != WA_OK) {
        wa_buf_reset(out);
        wa_buf_adds(out, wa_strerror(st));
    }
cleanup:
    wa_doc_free(doc);
    wa_record_release(&rec);
    wa_buf_release(&reason);
    wa_buf_release(&warn);
    wa_buf_release(&json);
    wa_buf_release(&ser);
    wa_buf_release(&orig);
    return st;
}
