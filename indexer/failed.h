/* Remembered failures: files that could not be extracted are retried only when they change.
 * Documents that ask not to be indexed are remembered the same way (reason "noindex"). */
#ifndef WA_FAILED_H
#define WA_FAILED_H

#include "wa_buf.h"
#include "wa_xapian.h"

/* Metadata key prefix in the internal database: "failed:" + id term. */
#define WA_FAILED_PREFIX "failed:"
/* The reason remembered for a document that asks not to be indexed. */
#define WA_FAILED_NOINDEX "noindex"

struct wa_failed {
    long long size, mtime;
    char hash[17];
    struct wa_buf path;
    struct wa_buf reason;
};

/* Initialise / free a failure record. Cannot fail. */
void wa_failed_init(struct wa_failed *f);
void wa_failed_release(struct wa_failed *f);

/* Look up the failure remembered for idterm: WA_OK and *f filled, or
 * WA_ERR_NOT_FOUND when none is remembered. */
wa_status wa_failed_get(wa_wdb *w, const char *idterm, struct wa_failed *f);
/* Read a remembered failure's stored value v[0..len) (NUL-terminated at
 * v[len]) into *f: WA_ERR_FORMAT if it is not one. */
wa_status wa_failed_parse(const char *v, size_t len, struct wa_failed *f);
/* Remember (or update) the failure for idterm. */
wa_status wa_failed_put(wa_wdb *w, const char *idterm, const struct wa_failed *f);
/* Forget the failure for idterm (not an error when none is remembered). */
wa_status wa_failed_forget(wa_wdb *w, const char *idterm);

#endif
