/* A document's metadata and text as the indexer extracts it and the search shows it. */
#ifndef WA_RECORD_H
#define WA_RECORD_H

#include <stddef.h>

#include "wa_buf.h"
#include "wa_schema.h"
#include "wa_xapian.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Stored text is capped so that one huge file cannot bloat the index. */
#define WA_MAX_STORED_TEXT ((size_t)4 << 20)

struct wa_strlist {
    char **v;
    size_t n;
};

/* All strings are malloc'ed UTF-8 owned by the record, or NULL. */
struct wa_record {
    char *id;   /* document id: path relative to the folder given to add */
    char *path; /* absolute path of the source file */
    char *title;
    char *date;       /* "YYYY-MM-DD", "YYYY-MM" or "YYYY" */
    char *type;       /* Ergebnis, Artikel, Protokoll, ... */
    char *werkstatt;  /* Werkstatt or Community */
    char *visibility; /* "öffentlich" or "intern" */
    char *language;
    char *format; /* txt, html, xml, md, odt, docx, pdf */
    char *summary;
    struct wa_strlist authors;
    struct wa_strlist tags;
    char *text;
    size_t text_len;
    long long mtime; /* seconds */
    long long size;  /* bytes */
};

/* Initialise an empty record. Cannot fail. */
void wa_record_init(struct wa_record *r);
/* Free all contents; the record is empty afterwards. Accepts NULL. */
void wa_record_release(struct wa_record *r);

/*
 * Set a metadata field from a key of any spelling the schema knows (German,
 * English, aliases such as "DC.date"): lists ("autoren", "tags") are split at
 * ';' (and at ',' for tags), dates are normalised to ISO, visibility to
 * "öffentlich"/"intern". An empty value leaves the field unchanged.
 * Returns WA_ERR_NOT_FOUND for unknown keys, WA_ERR_FORMAT for bad dates or
 * visibility values (field unchanged).
 */
wa_status wa_record_set(struct wa_record *r, const char *key, const char *val, size_t len);
/* Replace a string field with a copy of val[0..len) (NULL/0 clears it). */
wa_status wa_record_set_str(char **field, const char *val, size_t len);
/* Append a copy of val to the list. */
wa_status wa_strlist_add(struct wa_strlist *l, const char *val, size_t len);
void wa_strlist_release(struct wa_strlist *l);

/*
 * Field accessors through the schema's member column. wa_record_str gives the
 * string of a WA_TYPE_STR, _DATE, _VISIBILITY or _YEAR field (the date), or
 * NULL when it is empty or f has another type; wa_record_list the list of a
 * WA_TYPE_LIST field, or NULL; wa_record_int the number of a WA_TYPE_INT
 * field, or 0. Pointers are borrowed from r. Cannot fail.
 */
const char *wa_record_str(const struct wa_record *r, const struct wa_field *f);
const struct wa_strlist *wa_record_list(const struct wa_record *r, const struct wa_field *f);
long long wa_record_int(const struct wa_record *r, const struct wa_field *f);

/* 1 if the record is internal (not for anonymous visitors). */
int wa_record_is_internal(const struct wa_record *r);

/* Append the record as a JSON object (the stored document data) to out. */
wa_status wa_record_to_json(const struct wa_record *r, struct wa_buf *out);
/*
 * Append the record as stored in the index: the JSON object without the
 * text, a NUL byte, then the text (at most WA_MAX_STORED_TEXT bytes) as it
 * is, so that showing a result does not parse the whole text as JSON.
 */
wa_status wa_record_to_data(const struct wa_record *r, struct wa_buf *out);
/* Fill r (which must be initialised and empty) from JSON made by
 * wa_record_to_json or from stored data made by wa_record_to_data. */
wa_status wa_record_from_json(struct wa_record *r, const char *p, size_t len);

/*
 * Add terms, values and the stored data for r to doc, following the schema
 * table row by row: words under the field's text prefix, body words, exact
 * boolean terms, unique terms and value slots; then the text as free text
 * and the text hash used for collapsing. The id term is not added here
 * (wa_wdb_replace adds it).
 */
wa_status wa_record_to_doc(const struct wa_record *r, wa_doc *doc);

/* What indexing a record's text left out (wa_record_to_doc_capped). */
struct wa_index_cut {
    size_t text_len;    /* bytes of text the record had */
    size_t indexed_len; /* bytes of it that were indexed */
    size_t terms;       /* distinct terms of the document */
    int text_cap;       /* 1: cut at WA_MAX_INDEX_TEXT */
    int term_cap;       /* 1: cut after WA_MAX_DOC_TERMS distinct terms */
};
/*
 * wa_record_to_doc with the limits of lib/wa_limits.h: at most
 * WA_MAX_INDEX_TEXT bytes of the text are indexed, in blocks that end at a
 * word boundary, and no further block after the document holds
 * WA_MAX_DOC_TERMS distinct terms. The stored text and the text hash are
 * those of the whole text. cut (may be NULL) says what was left out.
 */
wa_status wa_record_to_doc_capped(const struct wa_record *r, wa_doc *doc, struct wa_index_cut *cut);

/* Hash of the letters and digits of text (case-folded), as 16 hex digits in out[17]. */
void wa_text_hash(const char *text, size_t len, char out[17]);

#ifdef __cplusplus
}
#endif
#endif
