/* The archive directory as the office commands read it: its databases by path. */
#include "archive_dir.h"

#include <stdio.h>

#include "indexer.h"
#include "wa_archive.h"

const char *const archive_dir_side_name[ARCHIVE_DIR_SIDES] = {
    WA_ARCHIVE_PUBLIC, WA_ARCHIVE_INTERNAL, WA_ARCHIVE_WITHDRAWN};

char *archive_dir_db(const struct indexer *ix, int side, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s/%s", ix->archive, archive_dir_side_name[side]);
    return out;
}

int archive_dir_need(const struct indexer *ix)
{
    if (wa_archive_is_archive(ix->archive))
        return 0;
    fprintf(stderr, "%s: '%s' ist kein Archivverzeichnis (public/ und internal/ fehlen)\n", PROG,
            ix->archive);
    return -1;
}
