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
    /* the values the office's curation replaced, as a JSON object (wa_curation_apply) */
    WA_SLOT_ORIGINAL = 13,
};

/* Separator inside multi-valued value slots. */
#define WA_VALUE_SEP '\x1f'

/* Term prefixes that are not tied to one field (listed by wa_schema_prefixes). */
#define WA_PREFIX_ID       "Q"   /* unique id: Q + document id (or its hash) */
#define WA_PREFIX_PATH     "P"   /* absolute source path (or its hash), boolean */
#define WA_PREFIX_COMPOUND "XC"  /* compound parts (stemmed: ZXC...) */
#define WA_PREFIX_CONCEPT  "XK"  /* synonym concepts */
#define WA_PREFIX_IDENT    "XID" /* identifiers such as "§ 34" or "12-345/2021" */

/* Field flags. */
enum {
    WA_F_TEXT = 1 << 0,  /* free text, searchable by words under text_prefix */
    WA_F_BOOL = 1 << 1,  /* exact value as boolean term under bool_prefix (filters) */
    WA_F_FACET = 1 << 2, /* counted as a facet from its value slot */
    WA_F_MULTI = 1 << 3, /* several values */
    WA_F_RANGE = 1 << 4, /* range queries (dates) */
    WA_F_QUERY = 1 << 5, /* usable as name: in query syntax */
    WA_F_KEY = 1 << 6,   /* the document key: its unique term is added by wa_wdb_replace */
};

/* How a field's value is held in struct wa_record and read from metadata. */
enum wa_field_type {
    WA_TYPE_STR,        /* char *, set as given */
    WA_TYPE_LIST,       /* struct wa_strlist, split at any byte of seps */
    WA_TYPE_DATE,       /* char *, normalised to "YYYY-MM-DD", "YYYY-MM" or "YYYY" */
    WA_TYPE_YEAR,       /* derived from the date member: not stored or shown itself */
    WA_TYPE_VISIBILITY, /* char *, normalised to "öffentlich" or "intern" */
    WA_TYPE_INT,        /* long long, decimal in its value slot */
};

/* The outputs that show record fields; a field's pos[] gives its place in each. */
enum wa_output {
    WA_OUT_STORED,   /* the JSON object stored as document data */
    WA_OUT_DOC_JSON, /* "document" of the JSON of 'werkarchiv-search show' */
    WA_OUT_HIT_JSON, /* one entry of "results" in the search JSON */
    WA_OUT_DOC_TEXT, /* the text of 'werkarchiv-search show' */
    WA_OUT_CSV,      /* one CSV row of the search */
    WA_OUT_COUNT
};

struct wa_field {
    const char *key;         /* stable English key (JSON, CSV, docs) */
    const char *name_de;     /* German query/metadata name ("titel"), NULL: not settable */
    const char *name_en;     /* English query name ("title") */
    const char *label_de;    /* German label for output ("Titel") */
    const char *aliases;     /* extra metadata key names, '|'-separated, or NULL */
    const char *text_prefix; /* prefix of word terms, or NULL */
    const char *bool_prefix; /* prefix of exact-value terms, or NULL */
    int slot;                /* value slot, or -1 */
    unsigned flags;
    /* the record member: offsetof(struct wa_record, ...), used through the
     * accessors of wa_record.h */
    size_t member;
    enum wa_field_type type;
    const char *seps;                /* WA_TYPE_LIST: separators in metadata values */
    unsigned body_wdf;               /* also indexed as body text with this weight, or 0 */
    const char *unique_prefix;       /* prefix of a unique term (hashed when long), or NULL */
    const char *missing_de;          /* shown by the text output when the field is empty, or NULL */
    unsigned char pos[WA_OUT_COUNT]; /* 1-based place in each output, 0: not shown */
    const char *doc_note;            /* the notes column of docs/schema.md */
};

/* A term prefix or value slot that belongs to no single field (docs/schema.md). */
struct wa_schema_extra {
    const char *prefix; /* term prefix, or NULL */
    int slot;           /* value slot, or -1 */
    const char *doc_note;
};

/* The prefixes above and the slots the indexer fills outside the field table,
 * terminated by an entry with neither prefix nor slot. Cannot fail. */
const struct wa_schema_extra *wa_schema_extras(void);

/* The field table, terminated by an entry whose key is NULL. Cannot fail. */
const struct wa_field *wa_schema_fields(void);

/* Field by key, German or English name, or alias (ASCII case-insensitive);
 * NULL if none. Fields without a German name (id, path, size, mtime) are
 * never found: metadata cannot set them. */
const struct wa_field *wa_schema_field(const char *name, size_t len);

/* The i-th (0-based) field shown in output out, or NULL past the last. Cannot fail. */
const struct wa_field *wa_schema_output(enum wa_output out, size_t i);

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
