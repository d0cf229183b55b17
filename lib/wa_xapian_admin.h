/* Maintenance over Xapian databases by path: walking documents, check, compact, spelling rebuild.
 */
#ifndef WA_XAPIAN_ADMIN_H
#define WA_XAPIAN_ADMIN_H

#include <stddef.h>

#include "wa_buf.h"
#include "wa_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Every function opens the database at path itself and closes it before it
 * returns; on failure err[0..errlen) receives Xapian's message. Reading
 * functions see one revision; when a writer commits so much meanwhile that
 * it is gone, they fail with WA_ERR_MODIFIED (wa_admin_find_doc retries once).
 */

/*
 * Callback of wa_admin_each_doc: the document's unique-id term, its stored
 * data and its values slots[0..n) (all borrowed, valid during the call).
 * Return non-zero to stop.
 */
typedef int (*wa_admin_doc_cb)(const char *idterm, const char *data, size_t len,
                               const struct wa_buf *values, void *ctx);
/* Call cb for every document with a unique-id term (prefix "Q"), in term
 * order. A missing database has no documents. */
wa_status wa_admin_each_doc(const char *path, const unsigned *slots, size_t n, wa_admin_doc_cb cb,
                            void *ctx, char *err, size_t errlen);

/*
 * The document that has term (its unique-id term, or its path term): its
 * unique-id term into idterm, its data into data, its values slots[0..n)
 * into values[0..n) (all appended). WA_ERR_NOT_FOUND if none (or no database).
 */
wa_status wa_admin_find_doc(const char *path, const char *term, struct wa_buf *idterm,
                            struct wa_buf *data, const unsigned *slots, size_t n,
                            struct wa_buf *values, char *err, size_t errlen);

/*
 * Callback of wa_admin_each_metadata: a user metadata key and its value (both
 * borrowed, valid during the call). Return non-zero to stop.
 */
typedef int (*wa_admin_meta_cb)(const char *key, const char *val, size_t len, void *ctx);
/* Call cb for every user metadata key starting with prefix, in key order. A
 * missing database has none. */
wa_status wa_admin_each_metadata(const char *path, const char *prefix, wa_admin_meta_cb cb,
                                 void *ctx, char *err, size_t errlen);
/* Append the user metadata value of key to out (nothing when the key or the
 * database is missing). */
wa_status wa_admin_get_metadata(const char *path, const char *key, struct wa_buf *out, char *err,
                                size_t errlen);

/*
 * A database opened for reading documents in an order of the caller's
 * choosing (export merges both databases of an archive by id). It sees one
 * revision: keep writers out (hold the write lock) for a consistent walk.
 */
typedef struct wa_admin_reader wa_admin_reader;
/* Open the database at path; *out is NULL on failure (message in err). */
wa_status wa_admin_reader_open(wa_admin_reader **out, const char *path, char *err, size_t errlen);
/* Free; accepts NULL. */
void wa_admin_reader_free(wa_admin_reader *r);
/* Callback of wa_admin_reader_each_id: a unique-id term (borrowed) and its
 * document number. Return non-zero to stop. */
typedef int (*wa_admin_id_cb)(const char *idterm, unsigned docid, void *ctx);
/* Call cb for every unique-id term (prefix "Q") in term order, reading no document. */
wa_status wa_admin_reader_each_id(wa_admin_reader *r, wa_admin_id_cb cb, void *ctx, char *err,
                                  size_t errlen);
/* Append the stored data of document docid to data and its values
 * slots[0..n) to values[0..n). WA_ERR_NOT_FOUND if there is none. */
wa_status wa_admin_reader_get(wa_admin_reader *r, unsigned docid, struct wa_buf *data,
                              const unsigned *slots, size_t n, struct wa_buf *values, char *err,
                              size_t errlen);

/* Number of documents and the size in bytes of the database's files. */
wa_status wa_admin_size(const char *path, unsigned long *docs, unsigned long long *bytes, char *err,
                        size_t errlen);

/* Xapian's consistency check of the whole database; its report is appended
 * to report. *errors receives the number of problems found. */
wa_status wa_admin_check(const char *path, struct wa_buf *report, unsigned long *errors, char *err,
                         size_t errlen);

/* Write a compacted copy of the database at src into the new folder dst
 * (document numbers kept). A consistent copy while readers go on; the caller
 * keeps writers out (holds the write lock). */
wa_status wa_admin_compact(const char *src, const char *dst, char *err, size_t errlen);

/*
 * Rebuild the spelling data from the words the database's documents hold
 * now (each word with the number of documents containing it, as indexing
 * adds them), so that words of deleted or moved documents are no longer
 * suggested. Takes the database's write lock: WA_ERR_LOCKED at once while
 * another writer has it, unless wait is set. *removed and *words receive the
 * number of entries dropped and kept.
 */
wa_status wa_admin_respell(const char *path, int wait, unsigned long *removed, unsigned long *words,
                           char *err, size_t errlen);

/* Number of spelling entries that no document of the database contains any
 * more (left by deleted documents). */
wa_status wa_admin_stale_spellings(const char *path, unsigned long *stale, char *err,
                                   size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
