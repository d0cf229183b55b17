/* The archive's append-only audit log: who changed what, when, from which value to which, why. */
#ifndef WA_AUDIT_H
#define WA_AUDIT_H

#include <stddef.h>

#include "wa_buf.h"
#include "wa_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * WA_AUDIT_FILE in the archive directory: UTF-8, one change per line, eight
 * fields separated by a TAB, with "\t", "\n" and "\\" as the only escapes
 * (docs/office.md):
 *
 *   WHEN  WHO  ACTION  ID  FIELD  OLD  NEW  REASON
 *
 * WHEN is ISO 8601 UTC ("2026-03-01T09:30:00Z"); empty fields are empty
 * strings. Lines are only ever appended, each with one write(2) and an
 * fsync, so concurrent writers never interleave inside a line.
 */
#define WA_AUDIT_FILE   "audit.log"
#define WA_AUDIT_FIELDS 8
/* A line longer than this is cut when read back (bytes). */
#define WA_AUDIT_MAX_LINE ((size_t)1 << 20)

struct wa_audit_entry {
    const char *when; /* NULL: now */
    const char *who;  /* NULL: the OS user (wa_audit_user) */
    const char *action;
    const char *id;
    const char *field;
    const char *old_value;
    const char *new_value;
    const char *reason;
};

/* The current time as "YYYY-MM-DDTHH:MM:SSZ" into out[21]. Cannot fail. */
void wa_audit_now(char out[21]);
/* by if not NULL or empty, else the name of the OS user running the program
 * (or "uid N"). Borrowed (static or by). Cannot fail. */
const char *wa_audit_user(const char *by);

/* Append e as one line (escaped, newline-terminated) to out; NULL fields empty. */
wa_status wa_audit_format(struct wa_buf *out, const struct wa_audit_entry *e);
/* Append the lines in p[0..len) to dir/WA_AUDIT_FILE with one write and an
 * fsync (creating the file). WA_ERR_IO on failure (errno set). */
wa_status wa_audit_write(const char *dir, const char *p, size_t len);
/* wa_audit_format + wa_audit_write of a single entry. */
wa_status wa_audit_append(const char *dir, const struct wa_audit_entry *e);

/*
 * Split one line (without its newline) into WA_AUDIT_FIELDS unescaped
 * fields f[0..8) (reset first). WA_ERR_FORMAT if the line has another
 * number of fields or a bad escape.
 */
wa_status wa_audit_parse(const char *p, size_t len, struct wa_buf f[WA_AUDIT_FIELDS]);

/* Callback for wa_audit_each: the fields of one entry (borrowed, valid
 * during the call), lineno from 1. Return non-zero to stop. */
typedef int (*wa_audit_cb)(const struct wa_audit_entry *e, size_t lineno, void *ctx);
/* Call cb for every well-formed line of dir/WA_AUDIT_FILE in order; *bad (if
 * not NULL) counts the malformed ones. A missing log has no entries. */
wa_status wa_audit_each(const char *dir, wa_audit_cb cb, void *ctx, size_t *bad);

#ifdef __cplusplus
}
#endif
#endif
