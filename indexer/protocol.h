/* The bytes between the indexer and its extraction workers: requests and replies. */
#ifndef WA_PROTOCOL_H
#define WA_PROTOCOL_H

#include <stddef.h>

#include "wa_buf.h"

/*
 * A request names one file: "path\0id\0mtime" (mtime in decimal). The
 * parent writes it; the worker decodes it.
 */
struct wa_request {
    const char *path; /* borrowed: NUL-terminated */
    const char *id;
    long long mtime;
};

/*
 * A successful reply carries what the worker made of the file:
 *   16 lowercase hex digits  the file's hash
 *   8 lowercase hex digits   the length W of the warnings that follow
 *   W bytes                  warnings, one per line
 *   the record as JSON (without its text), a NUL byte,
 *   the rest                 the serialised Xapian document
 * It was written by a process that just parsed a hostile file, so the
 * parent decodes it as untrusted input. A failed job's reply is its reason
 * as plain text (the status travels beside it, see workers.h).
 */
struct wa_reply {
    char hash[17];        /* NUL-terminated */
    const char *warnings; /* borrowed from the decoded bytes; not NUL-terminated */
    size_t warnings_len;
    const char *record; /* JSON; followed by the NUL in the bytes */
    size_t record_len;
    const char *doc; /* serialised document */
    size_t doc_len;
};

/* Largest warnings part a reply can state (8 hex digits). */
#define WA_REPLY_MAX_WARNINGS 0xffffffffu

/* Append r's request to out. WA_ERR_INVALID if path or id is empty or
 * holds a NUL (cannot be told apart); on error out is as it was. */
wa_status wa_request_encode(const struct wa_request *r, struct wa_buf *out);

/* Decode p[0..len) into r, whose strings point into p. WA_ERR_FORMAT
 * unless it is exactly path, NUL, id, NUL, a decimal mtime (an optional
 * '-' and 1 to 18 digits, nothing else) with non-empty path and id. */
wa_status wa_request_decode(const char *p, size_t len, struct wa_request *r);

/*
 * Append a reply to out: hash (16 lowercase hex digits), the warnings,
 * the record JSON (no NUL inside) and the document bytes. WA_ERR_INVALID
 * for a malformed hash, an empty record or one with a NUL, or too long
 * warnings; on any error out is as it was.
 */
wa_status wa_reply_encode(const char *hash, const char *warnings, size_t warnings_len,
                          const char *record, size_t record_len, const char *doc, size_t doc_len,
                          struct wa_buf *out);

/* Decode p[0..len) into r (pointing into p). WA_ERR_FORMAT when it is not
 * a reply as described above (bad hex, lengths past the end, no NUL after
 * the record, an empty record). */
wa_status wa_reply_decode(const char *p, size_t len, struct wa_reply *r);

#endif
