/* The archive directory and its public/internal split: the one owner of that rule. */
#ifndef WA_ARCHIVE_H
#define WA_ARCHIVE_H

#include <stddef.h>

#include "wa_status.h"
#include "wa_xapian.h"

#ifdef __cplusplus
extern "C" {
#endif

struct wa_record;

/* Subdirectories of an archive directory. */
#define WA_ARCHIVE_PUBLIC   "public"
#define WA_ARCHIVE_INTERNAL "internal"
/* Withdrawn documents (docs/design-notes.md): kept with their metadata and
 * text, never opened by a reader, so no search, count, facet or spelling
 * rebuild sees them. */
#define WA_ARCHIVE_WITHDRAWN "withdrawn"
/* The archive's own synonym list (docs/german.md), in the archive directory. */
#define WA_ARCHIVE_SYNONYMS "synonyms.txt"
/* Environment variable naming the default archive. */
#define WA_ARCHIVE_ENV "WERKARCHIV_DB"
/* Default archive when neither --db nor the variable is given. */
#define WA_ARCHIVE_DEFAULT "/var/lib/werkarchiv"

/* The two visibility values a record holds (wa_record_set normalises to them). */
#define WA_VISIBILITY_PUBLIC   "öffentlich"
#define WA_VISIBILITY_INTERNAL "intern"
/*
 * The visibility of a document that states none. Public, as the network
 * publishes its results by default; a document is internal only when its
 * metadata, sidecar or the office says so.
 */
#define WA_VISIBILITY_DEFAULT WA_VISIBILITY_PUBLIC

/* The databases of an archive: the two that readers open, and the withdrawn one. */
enum wa_side { WA_SIDE_PUBLIC = 0, WA_SIDE_INTERNAL = 1, WA_SIDE_WITHDRAWN = 2 };
#define WA_SIDES 3

/* The subdirectory of side ("public", "internal", "withdrawn"). Cannot fail. */
const char *wa_archive_side_dir(enum wa_side side);

/* Who reads: anonymous visitors see the public database only. */
enum wa_audience { WA_AUDIENCE_PUBLIC = 0, WA_AUDIENCE_MEMBERS = 1 };

/* The archive to use: arg if not NULL, else $WERKARCHIV_DB, else the default.
 * Returns a borrowed string. Cannot fail. */
const char *wa_archive_default(const char *arg);

/*
 * 1 if dir looks like an archive directory (has public/ or internal/).
 * Each side is a database directory or a Xapian stub file naming that
 * side's shards, local or remote (docs/shards.md): the shards listed in
 * public are the public ones, those in internal the internal ones.
 */
int wa_archive_is_archive(const char *dir);

/* Give rec the default visibility if it has none (WA_ERR_NOMEM otherwise unchanged). */
wa_status wa_archive_default_visibility(struct wa_record *rec);

/* The database rec belongs in: internal only when its visibility says so
 * (a record without one gets WA_VISIBILITY_DEFAULT's). Cannot fail. */
enum wa_side wa_archive_side(const struct wa_record *rec);

/* ---- reading --------------------------------------------------------- */

/*
 * Make the synonym list of the first archive directory in dirs[0..n) that
 * has one (WA_ARCHIVE_SYNONYMS) the list of query rewriting and indexing
 * (wa_german_use_synonyms); without one the data directory's stays.
 * wa_archive_open_read and the writer's open call it. WA_ERR_NOMEM only.
 */
wa_status wa_archive_use_synonyms(const char *const *dirs, size_t n);

/*
 * Open the archives args[0..n) for reading, as one database, for who.
 * Members: an archive directory gives its public and internal databases;
 * any other path (a database directory, a Xapian stub file naming local or
 * remote databases) is opened as it is. The public: every argument must be
 * an archive directory, of which only public/ is opened; internal/ is never
 * opened or read, and a stub file, a bare database directory or a public/
 * that resolves to the internal database is refused.
 * On success *out is the database (free it with wa_db_destroy). On failure,
 * when *out is not NULL opening the databases failed and its wa_db_errmsg
 * says why (any status, as for wa_db_open); else *out is NULL and:
 *   WA_ERR_NOT_FOUND with *culprit = the argument: it does not exist;
 *   WA_ERR_NOT_FOUND with *culprit = NULL: the archives hold no database yet;
 *   WA_ERR_INVALID with *culprit = the argument: refused for the public;
 *   WA_ERR_NOMEM.
 * culprit may be NULL; *culprit is borrowed from args.
 */
wa_status wa_archive_open_read(wa_db **out, const char *const *args, size_t n, enum wa_audience who,
                               const char **culprit);

/*
 * Parse db's queries with the spelling data and synonyms of the local
 * archives args[0..n) (resolved for who as wa_archive_open_read does, so a
 * public search never reads internal words) instead of those of the
 * databases searched: remote shards serve neither (docs/shards.md).
 * On failure: WA_ERR_NOT_FOUND or WA_ERR_INVALID with *culprit = the
 * argument (as for wa_archive_open_read), WA_ERR_NOT_FOUND with *culprit =
 * NULL when the archives hold no database, or another status with the
 * message on db (wa_db_errmsg). culprit may be NULL; borrowed from args.
 */
wa_status wa_archive_add_dictionary(wa_db *db, const char *const *args, size_t n,
                                    enum wa_audience who, const char **culprit);

/* ---- writing --------------------------------------------------------- */

/* An archive opened for writing: all its databases under one writer. */
typedef struct wa_archive wa_archive;

/*
 * Open the archive directory dir for writing, creating it and its three
 * databases as needed. WA_ERR_LOCKED if another writer holds it. *out is set
 * even on failure (for wa_archive_errmsg; free it with wa_archive_destroy)
 * unless out of memory.
 */
wa_status wa_archive_open_write(wa_archive **out, const char *dir);

/* Message of the last failed call on a; never NULL (also for NULL), valid until the
 * next call on a. */
const char *wa_archive_errmsg(const wa_archive *a);

/*
 * One database of the archive, for reading values, records and metadata
 * (borrowed; valid until wa_archive_destroy). Documents are written and
 * deleted through wa_archive_put and wa_archive_delete only, so that the
 * split stays whole.
 */
wa_wdb *wa_archive_wdb(wa_archive *a, enum wa_side side);

/*
 * Write doc under its unique term idterm into side's database (into the
 * shard wa_archive_shard picks when the side is a stub file of several),
 * and delete it from the others first (a change of visibility moves the
 * document; if the write then fails the document is in none, never in two). On
 * failure the message is on a.
 */
wa_status wa_archive_put(wa_archive *a, const char *idterm, enum wa_side side, wa_doc *doc);

/*
 * Move a document that may exist nowhere else (no source file to index it
 * again from: withdraw, restore, a curated change of visibility): write doc
 * into side's database and commit it, then delete idterm from the others
 * (committed with the next wa_archive_commit). A crash in between leaves the
 * document in two databases, never in none; the curation file says which
 * copy is right, and the next run that applies it deletes the other
 * (docs/design-notes.md). On failure the message is on a.
 */
wa_status wa_archive_move(wa_archive *a, const char *idterm, enum wa_side side, wa_doc *doc);

/* Bit (1u << side) set for each database that holds idterm (0: none, or an error). */
unsigned wa_archive_where(wa_archive *a, const char *idterm);

/*
 * Which of n shards the document idterm belongs in: wa_hash64 of idterm
 * modulo n, so that a document always goes to the same
 * shard while the side's stub file lists the same shards in the same order
 * (docs/shards.md). 0 when n < 2. Cannot fail.
 */
size_t wa_archive_shard(const char *idterm, size_t n);

/* wa_archive_put under document number docid of side's database (import
 * keeps the exported numbers: they order equally ranked hits). */
wa_status wa_archive_put_at(wa_archive *a, const char *idterm, enum wa_side side, wa_doc *doc,
                            unsigned docid);

/* Delete the document idterm from all databases; *removed (may be NULL)
 * receives in how many it was (0 if absent: not an error). */
wa_status wa_archive_delete(wa_archive *a, const char *idterm, unsigned *removed);

/* 1 if side's database holds idterm, 0 if not or on error. */
int wa_archive_holds(wa_archive *a, enum wa_side side, const char *idterm);

/* Commit all databases (public first). On failure the message is on a. */
wa_status wa_archive_commit(wa_archive *a);

/* Commit and close all databases; the handle stays for wa_archive_errmsg and
 * wa_archive_destroy. Accepts NULL. */
wa_status wa_archive_close(wa_archive *a);

/* Close if still open (discarding an error: call wa_archive_close first to
 * see it) and free; accepts NULL. */
void wa_archive_destroy(wa_archive *a);

#ifdef __cplusplus
}
#endif
#endif
