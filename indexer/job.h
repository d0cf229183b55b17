/* The job an extraction worker runs for one file: extract, build the document, reply. */
#ifndef WA_JOB_H
#define WA_JOB_H

#include <stddef.h>

#include "wa_buf.h"

/* How a warning about a text that was not indexed whole begins (counted as
 * "gekürzt" in the summary). */
#define WA_CUT_WARNING "gekürzt"

/*
 * The pool's job function (workers.h), run in a worker process: decode the
 * request (protocol.h), extract the file and build its Xapian document there
 * too (term generation and German analysis are most of the work, so they run
 * in parallel), and append the reply to out; on failure the reason.
 * ctx is the office's curation (const wa_curation *, or NULL), applied to
 * the record before its document is built.
 */
wa_status indexer_extract_job(const char *req, size_t len, struct wa_buf *out, void *ctx);

#endif
