/* The archive directory as the office commands read it: its databases by path. */
#ifndef WA_ARCHIVE_DIR_H
#define WA_ARCHIVE_DIR_H

#include <stddef.h>

struct indexer;

/* The databases the office commands walk, in this order (as enum wa_side):
 * the two that searches read, then the withdrawn documents. */
enum archive_dir_side {
    ARCHIVE_DIR_PUBLIC = 0,
    ARCHIVE_DIR_INTERNAL = 1,
    ARCHIVE_DIR_WITHDRAWN = 2,
    ARCHIVE_DIR_SIDES
};
/* The sides searches read. */
#define ARCHIVE_DIR_SEARCHED 2

/* Subdirectory names of the sides (WA_ARCHIVE_PUBLIC, _INTERNAL, _WITHDRAWN). */
extern const char *const archive_dir_side_name[ARCHIVE_DIR_SIDES];

/* ix->archive/<side's folder> into out[0..outlen). Returns out. Cannot fail
 * (a path that does not fit is cut, and then found missing). */
char *archive_dir_db(const struct indexer *ix, int side, char *out, size_t outlen);

/* 0 if ix->archive is an archive directory; otherwise prints a German error
 * naming it and returns -1 (the caller exits 2). */
int archive_dir_need(const struct indexer *ix);

#endif
