/* The office's curation file: metadata overrides, aliases and withdrawals kept beside the index. */
#ifndef WA_CURATION_H
#define WA_CURATION_H

#include <stddef.h>

#include "wa_buf.h"
#include "wa_record.h"
#include "wa_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The curation is a plain UTF-8 text file in the archive directory
 * (WA_CURATION_FILE), one entry per line, fields separated by a TAB, with
 * "\t", "\n" and "\\" as the only escapes (docs/office.md):
 *
 *   werkarchiv-curation 1
 *   alias      FIELD  VARIANT  CANONICAL     (FIELD: werkstatt or typ)
 *   meta       ID     KEY      VALUE         (KEY: see wa_curation_keys)
 *   withdrawn  ID     WHEN     REASON        (WHEN: ISO 8601 UTC)
 *
 * Lines starting with '#' and blank lines are ignored. It is written sorted,
 * so that a version control system shows each change as one line. Neither
 * the sources nor the Xapian databases hold it: it survives a full rebuild.
 */
#define WA_CURATION_FILE   "curation.txt"
#define WA_CURATION_HEADER "werkarchiv-curation 1"
/* Caps against hostile or broken files (bytes). */
#define WA_CURATION_MAX_FILE  ((size_t)64 << 20)
#define WA_CURATION_MAX_FIELD ((size_t)64 << 10)

typedef struct wa_curation wa_curation;

/* A new empty curation; NULL when out of memory. Free with wa_curation_free. */
wa_curation *wa_curation_new(void);
/* Free; accepts NULL. */
void wa_curation_free(wa_curation *c);
/* Message of the last failed call (German, names the line or the allowed
 * values); never NULL, valid until the next call on c. NULL c: "out of memory". */
const char *wa_curation_errmsg(const wa_curation *c);

/*
 * Replace c's entries with those of the file text p[0..len). On any error
 * (WA_ERR_FORMAT with the line number in the message, WA_ERR_TOOBIG,
 * WA_ERR_NOMEM) c is left empty: a half-read curation could republish a
 * withdrawn document.
 */
wa_status wa_curation_parse(wa_curation *c, const char *p, size_t len);
/* Parse dir/WA_CURATION_FILE; a missing file is an empty curation. */
wa_status wa_curation_load(wa_curation *c, const char *dir);
/* Append the file text (header, comment, sorted entries) to out. */
wa_status wa_curation_serialise(const wa_curation *c, struct wa_buf *out);
/* Write dir/WA_CURATION_FILE atomically: a temporary file, fsync, rename,
 * fsync of the folder. After a crash the old or the new file is there. */
wa_status wa_curation_save(const wa_curation *c, const char *dir);
/* FNV-1a hash of the serialised curation as 16 hex digits into out[17]. */
wa_status wa_curation_hash(const wa_curation *c, char out[17]);

/* ---- metadata overrides -------------------------------------------------- */

/* The keys an override may set, as written in the file ("titel", "datum",
 * ...), joined by ", " for messages. Cannot fail. */
const char *wa_curation_keys(void);
/*
 * Set the override key=value for document id. key is any name the schema
 * knows for an allowed field (titel/title, datum/date, ...); the value is
 * checked and normalised as an index run would (dates to ISO, visibility to
 * "öffentlich"/"intern"). WA_ERR_NOT_FOUND for a key that may not be
 * overridden, WA_ERR_FORMAT for a bad value; the message names the allowed
 * ones. An existing override of the key is replaced.
 */
wa_status wa_curation_set_meta(wa_curation *c, const char *id, const char *key, const char *value);
/* Remove the override; WA_ERR_NOT_FOUND if there is none (or the key is unknown). */
wa_status wa_curation_unset_meta(wa_curation *c, const char *id, const char *key);
/* The override of id for key (any schema name), or NULL. Borrowed. */
const char *wa_curation_meta(const wa_curation *c, const char *id, const char *key);
/* The file key ("titel") for any schema name of an allowed field, or NULL. */
const char *wa_curation_key(const char *name);

/* ---- aliases ------------------------------------------------------------- */

/*
 * Merge the spelling variant of field (werkstatt or typ, any schema name)
 * into canonical. Refuses chains and cycles (WA_ERR_INVALID): a canonical
 * value is never itself a variant, and a variant never a canonical value.
 */
wa_status wa_curation_alias_add(wa_curation *c, const char *field, const char *variant,
                                const char *canonical);
/* WA_ERR_NOT_FOUND if variant is no alias of field. */
wa_status wa_curation_alias_remove(wa_curation *c, const char *field, const char *variant);
/* The canonical value of variant for field, or NULL. Borrowed. */
const char *wa_curation_alias(const wa_curation *c, const char *field, const char *variant);

/* ---- withdrawals --------------------------------------------------------- */

/* Withdraw id: when is "YYYY-MM-DDTHH:MM:SSZ"; reason must not be empty.
 * A second withdrawal replaces the first. */
wa_status wa_curation_withdraw(wa_curation *c, const char *id, const char *when,
                               const char *reason);
/* WA_ERR_NOT_FOUND if id is not withdrawn. */
wa_status wa_curation_restore(wa_curation *c, const char *id);
/* 1 if id is withdrawn; *when and *reason (if not NULL) borrowed from c. */
int wa_curation_withdrawn(const wa_curation *c, const char *id, const char **when,
                          const char **reason);

/* ---- walking the entries ------------------------------------------------- */

enum wa_curation_kind { WA_CUR_ALIAS, WA_CUR_META, WA_CUR_WITHDRAWN };

/* One entry; the strings are borrowed from the curation. */
struct wa_curation_entry {
    enum wa_curation_kind kind;
    const char *a; /* alias: field; meta, withdrawn: document id */
    const char *b; /* alias: variant; meta: key; withdrawn: when */
    const char *c; /* alias: canonical; meta: value; withdrawn: reason */
};

/* Number of entries, and entry i in file order (aliases, overrides by id,
 * withdrawals by id); 0 if i is out of range. */
size_t wa_curation_count(const wa_curation *c);
int wa_curation_entry(const wa_curation *c, size_t i, struct wa_curation_entry *e);

/* ---- applying it to documents --------------------------------------------- */

/*
 * Apply the curation to a document record: first undo what an earlier
 * curation changed (orig holds, as a JSON object, the values the record had
 * before it: key → string, list or null; empty when nothing), then set the
 * overrides of r->id, then map werkstatt and type through the aliases.
 * Afterwards orig holds the values this curation replaced (empty if none), so
 * that applying a changed curation later starts again from the document's
 * own metadata. Applying the same curation twice changes nothing.
 * *changed (if not NULL) is set when r's metadata differs from before.
 */
wa_status wa_curation_apply(const wa_curation *c, struct wa_record *r, struct wa_buf *orig,
                            int *changed);

#ifdef __cplusplus
}
#endif
#endif
