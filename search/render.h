/* Renderers of the result model: every output format shows the same facts. */
#ifndef WA_RENDER_H
#define WA_RENDER_H

#include <stdio.h>

#include "results.h"

/* Flags of wa_render_text and wa_render_record_text. */
enum {
    WA_TEXT_COLOR = 1 << 0,  /* bold titles and matches (ANSI) */
    WA_TEXT_FACETS = 1 << 1, /* list the facets after the hits */
};

/* Human-readable German text. */
void wa_render_text(FILE *out, const struct wa_results *r, unsigned flags);
/* One JSON object (format in docs/json.md). Returns 0, or -1 when out of memory. */
int wa_render_json(FILE *out, const struct wa_results *r);
/* CSV (RFC 4180: header line, CRLF line ends, quoted fields). With excel set,
 * as German Excel opens it: a UTF-8 byte order mark, ';' between fields and a
 * decimal comma in the score. Returns 0, or -1. */
int wa_render_csv(FILE *out, const struct wa_results *r, int excel);

/* One document with its metadata and full text (werkarchiv-search show). */
void wa_render_record_text(FILE *out, const struct wa_record *rec, unsigned flags);
/* The same as one JSON object. Returns 0, or -1 when out of memory. */
int wa_render_record_json(FILE *out, const struct wa_record *rec);

/* Write a "YYYY-MM-DD", "YYYY-MM" or "YYYY" date the German way
 * ("12.03.2021", "03/2021", "2021") into out. Returns out. Cannot fail. */
const char *wa_render_date_de(const char *iso, char *out, size_t len);

#endif
