/* The archive directory: a public and an internal Xapian database side by side. */
#ifndef WA_ARCHIVE_H
#define WA_ARCHIVE_H

#include <stddef.h>

#include "wa_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Subdirectories of an archive directory. */
#define WA_ARCHIVE_PUBLIC   "public"
#define WA_ARCHIVE_INTERNAL "internal"
/* Environment variable naming the default archive. */
#define WA_ARCHIVE_ENV "WERKARCHIV_DB"
/* Default archive when neither --db nor the variable is given. */
#define WA_ARCHIVE_DEFAULT "/var/lib/werkarchiv"

/* The archive to use: arg if not NULL, else $WERKARCHIV_DB, else the default.
 * Returns a borrowed string. Cannot fail. */
const char *wa_archive_default(const char *arg);

/*
 * The database paths to open for reading for one --db argument: for an
 * archive directory its public database, plus the internal one when members
 * is set; anything else (a database directory, a stub file) as it is.
 * Appends malloc'ed strings to (*paths)[*n...] (growing the array).
 * WA_ERR_NOT_FOUND if arg does not exist.
 */
wa_status wa_archive_read_paths(const char *arg, int members, char ***paths, size_t *n);

/* 1 if dir looks like an archive directory (has public/ or internal/). */
int wa_archive_is_archive(const char *dir);

#ifdef __cplusplus
}
#endif
#endif
