/* What the office's commands share: finding a document by id or path, reading it, the audit log. */
#ifndef WA_OFFICE_H
#define WA_OFFICE_H

#include <stddef.h>

#include "wa_archive.h"
#include "wa_audit.h"
#include "wa_buf.h"
#include "wa_record.h"

struct indexer;

/* Caps of the office commands' options. */
#define OFFICE_MAX_CHANGES 64

/* The options every changing office command takes: --by NAME, --reason TEXT. */
struct office_opts {
    const char *by;
    const char *reason;
};
#define OFFICE_OPT_BY     300
#define OFFICE_OPT_REASON 301

/* A document found in the archive opened for writing. */
struct office_doc {
    char idterm[256];
    char *id;             /* malloc'ed document id */
    enum wa_side side;    /* the database read */
    struct wa_record rec; /* its stored record (metadata and text) */
};

/*
 * Find the document arg names (a document id, else a source path, relative
 * to the working directory or absolute) in any database of ix->arch and read
 * its record. 0 when found; 1 when the archive holds no such document (the
 * German message printed); -1 on an error (printed).
 */
int office_find(struct indexer *ix, const char *arg, struct office_doc *d);
/* office_find without the message when there is no such document. */
int office_find_quiet(struct indexer *ix, const char *arg, struct office_doc *d);
void office_doc_release(struct office_doc *d);

/* The value of field key (any schema name) in r as one string (lists joined
 * as the curation file writes them) into out; empty when it has none. */
wa_status office_field_value(const struct wa_record *r, const char *key, struct wa_buf *out);

/* Append one audit entry to lines (who: --by or the OS user; reason: NULL
 * gives --reason). Cannot fail but for memory, which shows when the lines are
 * written. */
void office_audit(struct wa_buf *lines, const struct office_opts *o, const char *action,
                  const char *id, const char *field, const char *old_value, const char *new_value,
                  const char *reason);
/* Append lines to the archive's audit log; prints the error and returns -1
 * on failure. */
int office_audit_write(struct indexer *ix, const struct wa_buf *lines);

/*
 * After documents were deleted for good: drop the overrides and withdrawals
 * of ids[0..n) from the curation (each logged, action "forget"), commit the
 * deletions first, then save the file and record that the index follows
 * it: a crash in between leaves entries of a missing document, never a
 * withdrawn document whose withdrawal is forgotten. -1 on failure (printed).
 */
int office_forget(struct indexer *ix, char *const *ids, size_t n);

/* Save ix->curation (atomically); prints the German error, -1 on failure. */
int office_save(struct indexer *ix);

/* Apply the curation to the documents idterms[0..n) (n 0: to all), record
 * that the index follows the file, close the archive. Prints errors; -1 on
 * failure. */
int office_apply_close(struct indexer *ix, char **idterms, size_t n);

#endif
