/* The document schema: fields, term prefixes, value slots and query names. */
#ifndef WA_SCHEMA_H
#define WA_SCHEMA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Value slots. Never renumber: existing indexes depend on them. */
enum wa_slot {
    WA_SLOT_DATE = 1,      /* document date "YYYYMMDD" (sortable, ranges) */
    WA_SLOT_YEAR = 2,      /* "YYYY" (facet) */
    WA_SLOT_TYPE = 3,      /* document type (facet) */
    WA_SLOT_WERKSTATT = 4, /* Werkstatt or Community (facet) */
    WA_SLOT_TAGS = 5,      /* tags, joined by WA_VALUE_SEP (multi-valued facet) */
    WA_SLOT_FORMAT = 6,    /* source format (facet) */
    WA_SLOT_HASH = 7,      /* hash of the normalised text (duplicate collapsing) */
    WA_SLOT_MTIME = 8,     /* source mtime, decimal seconds */
    WA_SLOT_SIZE = 9,      /* source size, decimal bytes */
    WA_SLOT_AUTHORS = 10,  /* authors, joined by WA_VALUE_SEP (multi-valued facet) */
    /* hash of the source file and its sidecar, ':', indexing time (incremental add) */
    WA_SLOT_SOURCE_HASH = 11,
    WA_SLOT_PATH = 12, /* absolute source path (the same file keeps its id) */
};

/* Separator inside multi-valued value slots. */
#define WA_VALUE_SEP '\x1f'

/* Term prefixes that are not tied to one field. */
#define WA_PREFIX_ID       "Q"  /* unique id: Q + document id (or its hash) */
#define WA_PREFIX_COMPOUND "XC" /* compound parts (stemmed: ZXC...) */
#define WA_PREFIX_CONCEPT  "XK" /* synonym concepts */
#define WA_PREFIX_EXT      "E"  /* file extension */
#define WA_PREFIX_PATH     "P"  /* absolute source path (or its hash), boolean */

/* Field flags. */
enum {
    WA_F_TEXT = 1 << 0,  /* free text, searchable by words under text_prefix */
    WA_F_BOOL = 1 << 1,  /* exact value as boolean term under bool_prefix (filters) */
    WA_F_FACET = 1 << 2, /* counted as a facet from its value slot */
    WA_F_MULTI = 1 << 3, /* several values */
    WA_F_RANGE = 1 << 4, /* range queries (dates) */
    WA_F_QUERY = 1 << 5, /* usable as name: in query syntax */
};

struct wa_field {
    const char *key;         /* stable English key (JSON, docs) */
    const char *name_de;     /* German query name ("titel") */
    const char *name_en;     /* English query name ("title") */
    const char *label_de;    /* German label for output ("Titel") */
    const char *aliases;     /* extra metadata key names, '|'-separated, or NULL */
    const char *text_prefix; /* prefix of word terms, or NULL */
    const char *bool_prefix; /* prefix of exact-value terms, or NULL */
    int slot;                /* value slot, or -1 */
    unsigned flags;
};

/* The field table, terminated by an entry whose key is NULL. Cannot fail. */
const struct wa_field *wa_schema_fields(void);

/* Field by key, German or English name, or alias (ASCII case-insensitive);
 * NULL if none. */
const struct wa_field *wa_schema_field(const char *name, size_t len);

/*
 * Write the unique-id term for id into out (size outlen ≥ 64): "Q" + id, or
 * "Q#" + 32 hex digits of a hash when id is too long for a Xapian term.
 * Returns out. Cannot fail.
 */
char *wa_schema_idterm(const char *id, char *out, size_t outlen);

/* Write the path term for an absolute source path into out (size >= 64),
 * hashed like wa_schema_idterm when too long. Returns out. Cannot fail. */
char *wa_schema_pathterm(const char *path, char *out, size_t outlen);

/* 64-bit FNV-1a hash of p[0..len). Cannot fail. */
unsigned long long wa_hash64(const char *p, size_t len);

#ifdef __cplusplus
}
#endif
#endif
