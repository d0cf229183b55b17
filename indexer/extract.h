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
/* The same, also appending warnings (e.g. unknown sidecar keys, one per
 * line ending in '\n') to warnings when the file was extracted. */
wa_status wa_extract_file_warn(const char *path, const char *id, struct wa_record *rec,
                               struct wa_buf *reason, struct wa_buf *warnings);

/*
 * Hash of the file's bytes followed by those of its sidecar NAME.meta (if
 * any), as 16 hex digits in out[17]: equal hashes mean nothing to extract
 * again. WA_ERR_IO when the file cannot be read.
 */
wa_status wa_file_hash(const char *path, char out[17]);

/* Read NAME.meta beside path into rec (missing file: WA_OK, nothing set).
 * Unknown keys and bad values are reported in warnings, one per line; an
 * unreadable visibility value fails with WA_ERR_FORMAT (a document must not
 * become public by a typo). */
wa_status wa_sidecar_apply(const char *path, struct wa_record *rec, struct wa_buf *warnings);

/*
 * Turn bytes of unknown encoding into NFC UTF-8 and append them to out: a
 * BOM (UTF-8, UTF-16LE/BE) wins, then valid UTF-8, then declared_charset
 * (may be NULL; "Latin-1" names are ignored), then detection (uchardet).
 * Invalid bytes become U+FFFD.
 */
wa_status wa_decode_text(const char *data, size_t len, const char *declared_charset,
                         struct wa_buf *out);

/*
 * The charset of bytes without a declaration: "UTF-8" (also for a UTF-8
 * BOM), "UTF-16LE"/"UTF-16BE" (BOM or NUL pattern), else uchardet's guess
 * mapped for a German archive: ISO-8859-15 and DOS code pages are kept,
 * every other single-byte guess becomes "WINDOWS-1252". buf[buflen] may
 * hold the returned name. Cannot fail.
 */
const char *wa_text_charset(const char *data, size_t len, char *buf, size_t buflen);

/*
 * The PDF extractor after its helpers ran: text[0..len) is pdftotext's
 * output, info[0..info_len) pdfinfo's ("Key: value" lines; may be empty).
 * Fills rec->text (NFC) and the metadata pdfinfo names. A blank text fails
 * with WA_ERR_FORMAT and "no text extracted (scanned PDF?)" in reason.
 */
wa_status wa_pdf_finish(const char *text, size_t len, const char *info, size_t info_len,
                        struct wa_record *rec, struct wa_buf *reason);

/* Default wall-clock limit of helper programs (pdftotext, pdfinfo), seconds. */
#define WA_EXTRACT_TIMEOUT 60

/* Set the wall-clock limit of helper programs for this process (0: the
 * default); after it, their process group is killed. Cannot fail. */
void wa_extract_set_timeout(int seconds);

/* Per-format extractors. */
extern const struct wa_extractor wa_extractor_text;
extern const struct wa_extractor wa_extractor_html;
extern const struct wa_extractor wa_extractor_markdown;
extern const struct wa_extractor wa_extractor_xml;
extern const struct wa_extractor wa_extractor_odt;
extern const struct wa_extractor wa_extractor_docx;
extern const struct wa_extractor wa_extractor_pdf;

#endif
