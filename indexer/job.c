/* The job an extraction worker runs for one file: extract, build the document, reply. */
#include "job.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract.h"
#include "protocol.h"
#include "wa_document.h"
#include "wa_record.h"

wa_status indexer_extract_job(const char *req, size_t len, struct wa_buf *out, void *ctx)
{
    struct wa_request rq;
    struct wa_record rec;
    struct wa_buf reason, warn, json, ser;
    char hash[17];
    wa_doc *doc = NULL;
    wa_status st;

    (void)ctx;
    if (wa_request_decode(req, len, &rq) != WA_OK)
        return WA_ERR_INVALID;
    wa_record_init(&rec);
    wa_buf_init(&reason, 4096);
    wa_buf_init(&warn, 64 * 1024);
    wa_buf_init(&json, 0);
    wa_buf_init(&ser, 0);
    st = wa_extract_file_warn(rq.path, rq.id, &rec, &reason, &warn);
    if (st != WA_OK) {
        wa_buf_add(out, reason.p, reason.len);
        goto cleanup;
    }
    if (wa_file_hash(rq.path, hash) != WA_OK)
        memset(hash, '0', 16);
    hash[16] = '\0';
    rec.mtime = rq.mtime;
    /* indexed now: the time tells a file written in this second (racily clean) */
    st = wa_document_build(&rec, hash, (long long)time(NULL), NULL, &doc);
    if (st != WA_OK) {
        wa_buf_adds(out, doc ? wa_doc_errmsg(doc) : wa_strerror(st));
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
    return st;
}
