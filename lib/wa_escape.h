/* Escaping for the output contexts of the web page and the JSON snippets:
 * HTML text, HTML attribute values, URL query components; and the inverse
 * of the last for reading a query string. */
#ifndef WA_ESCAPE_H
#define WA_ESCAPE_H

#include <stddef.h>

#include "wa_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Append p[0..len) to out escaped as HTML text: & < > " ' become entities,
 * so the result is also safe inside a quoted attribute. NUL bytes and other
 * C0 controls except tab and newline become U+FFFD. On error (WA_ERR_TOOBIG,
 * WA_ERR_NOMEM) out is unchanged.
 */
wa_status wa_escape_html(struct wa_buf *out, const char *p, size_t len);

/*
 * Append p[0..len) escaped for a double-quoted HTML attribute value: as
 * wa_escape_html, and newlines and tabs as character references so that
 * nothing the value holds is lost or reinterpreted. On error out is unchanged.
 */
wa_status wa_escape_attr(struct wa_buf *out, const char *p, size_t len);

/*
 * As wa_escape_html, but the single bytes mark_start and mark_end inside p
 * become "<mark>" and "</mark>" (a snippet with its matches marked). An
 * unbalanced marker is closed at the end. On error out is unchanged.
 */
wa_status wa_escape_html_marked(struct wa_buf *out, const char *p, size_t len, char mark_start,
                                char mark_end);

/*
 * Append p[0..len) percent-encoded for a URL query component (RFC 3986:
 * only A-Z a-z 0-9 - . _ ~ stay as they are; a space is "%20"). The result
 * holds no character that needs HTML escaping. On error out is unchanged.
 */
wa_status wa_escape_url(struct wa_buf *out, const char *p, size_t len);

/*
 * Append the decoded form of the query component p[0..len) ("+" is a
 * space, %XX a byte) to out. WA_ERR_FORMAT for a malformed escape ("%G1",
 * a "%" at the end) or a decoded NUL byte; then out is unchanged. The
 * result may be any bytes: check it as UTF-8 afterwards.
 */
wa_status wa_unescape_url(struct wa_buf *out, const char *p, size_t len);

#ifdef __cplusplus
}
#endif
#endif
