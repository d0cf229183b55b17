/* Renderers of the result model: every output format shows the same facts. */
#ifndef WA_RENDER_H
#define WA_RENDER_H

#include <stdio.h>

#include "results.h"

/* Human-readable German text; color: bold matches and titles (ANSI). */
void wa_render_text(FILE *out, const struct wa_results *r, int color);
/* One JSON object (format in docs/json.md). Returns 0, or -1 when out of memory. */
int wa_render_json(FILE *out, const struct wa_results *r);

#endif
