/* The extractor interface: one per format, bytes in, UTF-8 text and metadata out. */
#ifndef WA_EXTRACT_H
#define WA_EXTRACT_H

#include <stddef.h>

#include "wa_buf.h"
#include "wa_record.h"

/* Files larger than this are not read (their metadata is not indexed either). */
#define WA_MAX_FILE_SIZE ((size_t)256 << 20)

/*
 * An extractor reads the whole file (path, data[0..len)) and fills rec->text
 * (NFC-normalised valid UTF-8) and any metadata the document itself carries.
 * On failure it returns a status and writes a short reason (English,
 * lowercase) into reason; rec may then hold partial data the caller drops.
 * WA_ERR_UNSUPPORTED with reason "noindex" means the document asks not to be
 * indexed.
 */
struct wa_extractor {
    const char *name;        /* format name stored in the record: "txt", "html" */
    const char *const *exts; /* lower-case extensions without dot, NULL-terminated */
    wa_status (*extract)(const char *path, const char *data, size_t len, struct wa_record *rec,
                         struct wa_buf *reason);
};

/* The extractor for a file name (by extension), or NULL if none handles it. */
const struct wa_extractor *wa_extractor_for(const char *path);

/*
 * Extract one file completely: read it (regular files only, size-capped),
 * run its extractor, merge the sidecar NAME.meta, fill fallbacks (title from
 * the first heading/line or file name, date from the text or mtime). id is
 * the document id, path the absolute path. On failure returns a status and
 * a reason; rec is then released.
 */
wa_status wa_extract_file(const char *path, const char *id, struct wa_record *rec,
                          struct wa_buf *reason);

/* Read NAME.meta beside path into rec (missing file: WA_OK, nothing set).
 * Unknown keys and bad values are reported in warnings, one per line. */
wa_status wa_sidecar_apply(const char *path, struct wa_record *rec, struct wa_buf *warnings);

/* Turn bytes of unknown encoding into NFC UTF-8 (BOM, UTF-8, else
 * Windows-1252); appends to out. */
wa_status wa_decode_text(const char *data, size_t len, const char *declared_charset,
                         struct wa_buf *out);

/* Per-format extractors. */
extern const struct wa_extractor wa_extractor_text;
extern const struct wa_extractor wa_extractor_html;

#endif
