/* werkarchiv-search show ID: one document's metadata and full text. */
#include <stdio.h>

#include "commands.h"
#include "render.h"
#include "wa_record.h"
#include "wa_schema.h"

int wa_cmd_show(wa_db *db, const struct wa_request *c, int color)
{
    char idterm[256];
    struct wa_buf data;
    struct wa_record rec;
    wa_status st;
    int rc = 2;

    wa_buf_init(&data, 0);
    wa_record_init(&rec);
    wa_schema_idterm(c->show, idterm, sizeof idterm);
    st = wa_db_get_data(db, idterm, &data);
    if (st == WA_ERR_NOT_FOUND) {
        fprintf(stderr,
                "%s: kein Dokument '%s' (die Kennungen sind die Pfade, die eine Suche zeigt, "
                "z. B. mit --json)\n",
                WA_SEARCH_PROG, c->show);
        goto cleanup;
    }
    if (st != WA_OK) {
        fprintf(stderr, "%s: das Dokument '%s' lässt sich nicht lesen (Archiv beschädigt?): %s\n",
                WA_SEARCH_PROG, c->show, wa_db_errmsg(db));
        goto cleanup;
    }
    st = wa_record_from_json(&rec, data.p, data.len);
    if (st != WA_OK) {
        fprintf(stderr,
                "%s: das Dokument '%s' lässt sich nicht lesen: der gespeicherte Datensatz ist "
                "beschädigt (%s)\n",
                WA_SEARCH_PROG, c->show, wa_strerror(st));
        goto cleanup;
    }
    if (c->format == WA_FORMAT_JSON) {
        if (wa_render_record_json(stdout, &rec) != 0) {
            fprintf(stderr, "%s: out of memory\n", WA_SEARCH_PROG);
            goto cleanup;
        }
    } else if (c->format == WA_FORMAT_CSV) {
        fprintf(stderr, "%s: show prints text or JSON, not CSV\n", WA_SEARCH_PROG);
        goto cleanup;
    } else {
        wa_render_record_text(stdout, &rec, color ? WA_TEXT_COLOR : 0);
    }
    rc = 0;
cleanup:
    wa_record_release(&rec);
    wa_buf_release(&data);
    return rc;
}
