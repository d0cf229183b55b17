/* werkarchiv-index respell: rebuild the spelling data of both databases from the documents they
 * hold. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "archive_dir.h"
#include "command.h"
#include "indexer.h"
#include "wa_audit.h"
#include "wa_xapian_admin.h"

int cmd_respell(struct indexer *ix, int argc, char **argv)
{
    unsigned long removed[ARCHIVE_DIR_SEARCHED] = {0, 0}, words[ARCHIVE_DIR_SEARCHED] = {0, 0};
    struct wa_audit_entry a = {0};
    char err[512], path[4096], oldv[64], newv[64];
    int rc, first, k;

    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (first < argc) {
        fprintf(stderr, "%s: respell erwartet keine Operanden\ntry '%s respell --help'\n", PROG,
                PROG);
        return 2;
    }
    if (archive_dir_need(ix))
        return 2;
    /* public first: that is the one anonymous visitors get suggestions from;
     * withdrawn documents are read by no search, their database needs none */
    for (k = 0; k < ARCHIVE_DIR_SEARCHED; k++) {
        struct stat sb;
        wa_status st;
        archive_dir_db(ix, k, path, sizeof path);
        if (stat(path, &sb) != 0)
            continue;
        err[0] = '\0';
        /* the database's own write lock: fails at once while a run writes it
         * (with --wait: waits for it, however long) */
        st = wa_admin_respell(path, ix->wait, &removed[k], &words[k], err, sizeof err);
        if (st == WA_ERR_LOCKED) {
            fprintf(stderr,
                    "%s: das Archiv '%s' wird gerade von einem anderen Lauf geschrieben; "
                    "respell später wiederholen\n",
                    PROG, ix->archive);
            return 2;
        }
        if (st != WA_OK) {
            fprintf(stderr, "%s: kann die Rechtschreibdaten von '%s' nicht neu aufbauen: %s\n",
                    PROG, path, err);
            return 2;
        }
    }
    snprintf(oldv, sizeof oldv, "%lu", removed[0] + removed[1]);
    snprintf(newv, sizeof newv, "%lu", words[0] + words[1]);
    a.who = ix->by;
    a.action = "respell";
    a.field = "spelling";
    a.old_value = oldv; /* entries dropped */
    a.new_value = newv; /* entries kept */
    if (wa_audit_append(ix->archive, &a) != WA_OK)
        fprintf(stderr, "%s: Warnung: respell steht nicht im Protokoll '%s'\n", PROG,
                WA_AUDIT_FILE);
    if (ix->json) {
        json_t *o =
            json_pack("{s:i, s:{s:I, s:I}, s:{s:I, s:I}}", "format_version", 1, "public", "removed",
                      (json_int_t)removed[0], "words", (json_int_t)words[0], "internal", "removed",
                      (json_int_t)removed[1], "words", (json_int_t)words[1]);
        char *s = o ? json_dumps(o, JSON_INDENT(2)) : NULL;
        if (s)
            puts(s);
        free(s);
        json_decref(o);
    } else if (!ix->quiet) {
        printf("Rechtschreibdaten neu aufgebaut: öffentlich %lu Wörter (%lu entfernt), intern %lu "
               "Wörter (%lu entfernt)\n",
               words[0], removed[0], words[1], removed[1]);
    }
    return 0;
}
