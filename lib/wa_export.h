/* The archive's open export format: JSON Lines, one document per line (docs/export.md). */
#ifndef WA_EXPORT_H
#define WA_EXPORT_H

#include <stddef.h>

#include "wa_buf.h"
#include "wa_curation.h"
#include "wa_record.h"
#include "wa_status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WA_EXPORT_FORMAT  "werkarchiv-export"
#define WA_EXPORT_VERSION 1
/* A line longer than this is refused on import (bytes): the stored text is
 * capped at WA_MAX_STORED_TEXT, escaped at most six-fold. */
#define WA_EXPORT_MAX_LINE ((size_t)32 << 20)

/*
 * Writing. Each function appends exactly one line (a JSON object with sorted
 * keys and a newline) to out, so that the same archive always gives the same
 * bytes. An export is: the header, the archive's own synonym list (if it has
 * one), the aliases, the documents by id, the curation entries of documents
 * the archive does not hold, the end line.
 */
wa_status wa_export_header(struct wa_buf *out);
/* The archive's synonym list: the file text p[0..len) as it is. */
wa_status wa_export_synonyms(struct wa_buf *out, const char *p, size_t len);
wa_status wa_export_alias(struct wa_buf *out, const char *field, const char *variant,
                          const char *canonical);
/*
 * One document: its metadata as indexed (r), the values the curation
 * replaced (original: JSON object text or NULL/""), the source file (path,
 * size, mtime from r; source_hash: the indexer's content check value or
 * NULL), where it lives (database: "public", "internal", "withdrawn") and
 * its document number there (docid, which orders equally ranked hits; 0:
 * not written), the overrides and the withdrawal c holds for it, and its
 * full stored text.
 */
wa_status wa_export_document(struct wa_buf *out, const struct wa_record *r, const char *original,
                             const char *source_hash, const char *database, unsigned long docid,
                             const wa_curation *c);
/* A curation entry (override or withdrawal) of a document not in the archive. */
wa_status wa_export_entry(struct wa_buf *out, const struct wa_curation_entry *e);
wa_status wa_export_end(struct wa_buf *out, unsigned long documents);

/* Reading. */
enum wa_export_line {
    WA_EXPORT_HEADER,
    WA_EXPORT_ALIAS,
    WA_EXPORT_DOCUMENT,
    WA_EXPORT_OVERRIDE,
    WA_EXPORT_WITHDRAWAL,
    WA_EXPORT_END,
    WA_EXPORT_SYNONYMS,
};

/* What a document line holds besides its curation. */
struct wa_export_doc {
    struct wa_record rec;   /* metadata, source path/size/mtime, text */
    struct wa_buf original; /* JSON object of the values the curation replaced, or empty */
    struct wa_buf source_hash;
    char database[16];      /* "public", "internal" or "withdrawn" */
    struct wa_buf synonyms; /* of a synonyms line: the list text */
    unsigned long docid;    /* 0 when the line states none */
};

/* Initialise / free the contents (accepts NULL). Cannot fail. */
void wa_export_doc_init(struct wa_export_doc *d);
void wa_export_doc_release(struct wa_export_doc *d);

/*
 * Read one line (without its newline). Aliases, overrides and withdrawals
 * (also those inside a document line) go into c; a document into *doc
 * (released and filled again), a synonym list into doc->synonyms (replaced);
 * the end line's count into *count.
 * *kind tells which line it was. WA_ERR_FORMAT with a German message in
 * err[0..errlen) for anything that is not a line of this format version.
 */
wa_status wa_export_read(const char *p, size_t len, wa_curation *c, struct wa_export_doc *doc,
                         enum wa_export_line *kind, unsigned long *count, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
