/* Shared state of werkarchiv-index and its subcommands. */
#ifndef WA_INDEXER_H
#define WA_INDEXER_H

#include <stdio.h>

#include "known.h"
#include "wa_archive.h"
#include "wa_buf.h"
#include "wa_curation.h"
#include "wa_xapian.h"

#define PROG "werkarchiv-index"

/* Commit after this many changed documents (each commit is an fsync). */
#define WA_BATCH_DOCS 500
/* Exit status after Ctrl-C or SIGTERM (the index stays at its last commit). */
#define WA_EXIT_INTERRUPTED 130

/* User metadata key of the internal database: the last indexing run (add or
 * sync) as a JSON object: when, command, indexed, unchanged, removed,
 * skipped, failed, interrupted (docs/office.md). */
#define WA_LAST_RUN_META "werkarchiv:last-run"

struct wa_failure {
    char *path;
    char *reason;
};

/* A change a dry run would make (listed by indexer_summary). */
struct wa_change {
    const char *action; /* "add", "replace" or "remove" (static) */
    char *id, *path, *title;
};

struct command;

struct indexer {
    const struct command *cmd; /* the running subcommand (command.h) */
    const char *db_arg;        /* --db, or NULL */
    const char *archive;       /* archive directory (--db resolved) */
    int quiet;
    int json;
    int jobs;
    int retry_failed;
    int timeout;      /* seconds per helper program; a worker gets twice that per file */
    int wait;         /* --wait: wait for the writer lock instead of failing */
    int wait_timeout; /* --wait=S: at most S seconds (0: no limit) */
    const char *by;   /* --by: who changes the archive (audit log), or NULL */
    int dry_run;      /* --dry-run: plan only, change nothing */
    /* a dry run on an archive that does not exist yet reads an empty
     * stand-in (made and removed by indexer_open/_close) */
    char stand_in[4096];
    const char *real_archive;
    int progress;     /* draw a progress line on stderr */
    wa_archive *arch; /* the archive opened for writing (indexer_open) */
    /* its two databases, borrowed from arch for reading values and metadata;
     * documents are written and deleted through wa_archive_put/_delete only */
    wa_wdb *pub;
    wa_wdb *internal;
    wa_wdb *withdrawn;
    /* the office's curation file, read by indexer_open and applied to every
     * document built (curate.h) */
    wa_curation *curation;
    unsigned pending; /* changes since the last commit */
    /* summary */
    unsigned long indexed, unchanged, removed, skipped;
    unsigned long extracted; /* files actually handed to an extractor */
    int interrupted;         /* stopped by SIGINT/SIGTERM */
    struct wa_failure *failures;
    size_t nfailures;
    struct wa_failure *skips; /* skipped files and why (JSON summary) */
    size_t nskips;
    struct wa_failure *warnings; /* indexed files with problems (bad sidecar lines) */
    size_t nwarnings;
    struct wa_change *changes; /* --dry-run: what would change */
    size_t nchanges;
    unsigned long cut;     /* files whose text was not indexed whole (WA_CUT_WARNING) */
    int commit_failed;     /* a commit failed: nothing more is written */
    struct wa_known known; /* documents held at the start of the run (known.h) */
    int known_loaded;
};

/* Open both databases of the archive for writing (creating them); only for a
 * command flagged CMD_NEEDS_WRITER_LOCK. Prints the error and returns non-zero
 * on failure. */
int indexer_open(struct indexer *ix);
/* Before documents are built: register the synonyms in both databases (not
 * in a dry run) and warn about missing language data. Cannot fail. */
void indexer_prepare_indexing(struct indexer *ix);
/* Commit and close; prints errors; returns non-zero on failure. */
int indexer_close(struct indexer *ix);
/* Count a change and commit when a batch is full; non-zero on a fatal error. */
int indexer_changed(struct indexer *ix);
/* Write doc into the database side names (the archive moves it when its
 * visibility changed); a document the index refuses is a per-file failure
 * of path. Counts the change; non-zero only on a fatal error. */
int indexer_write(struct indexer *ix, const char *idterm, enum wa_side side, wa_doc *doc,
                  const char *path);
/* Delete idterm from both databases, counting the change; *n (may be NULL)
 * receives in how many it was. Prints the error and returns -1 on failure. */
int indexer_delete(struct indexer *ix, const char *idterm, unsigned *n);
/* Remember a failed file for the summary. */
void indexer_fail(struct indexer *ix, const char *path, const char *reason);
/* Remember a warning about an indexed file (printed to stderr with the summary). */
void indexer_warn(struct indexer *ix, const char *path, const char *msg);
/* Count a skipped file and remember why (listed in the JSON summary). */
void indexer_skip(struct indexer *ix, const char *path, const char *reason);
/* A dry run: remember that action ("add", "replace", "remove"; static) would
 * happen to the document id (path, title may be NULL). Out of memory: the
 * change is left out of the listing. */
void indexer_note(struct indexer *ix, const char *action, const char *id, const char *path,
                  const char *title);
/* Print the summary (text or JSON) to stdout; returns the exit status (0 or 1). */
int indexer_summary(struct indexer *ix);
void indexer_release(struct indexer *ix);

/* Index the files below argv[1..argc) (opens and closes the archive);
 * 0 on success, 2 on a fatal error, WA_EXIT_INTERRUPTED after a signal
 * (what was done is committed). */
int indexer_add_paths(struct indexer *ix, int argc, char **argv);
/* The same in an archive indexer_open has opened (left open). */
int indexer_add_open(struct indexer *ix, int argc, char **argv);

/* Subcommands (rows of command.c): argv[0] is the subcommand name, its options
 * follow (command_parse_options). Return the exit status. */
int cmd_add(struct indexer *ix, int argc, char **argv);
int cmd_sync(struct indexer *ix, int argc, char **argv);
int cmd_remove(struct indexer *ix, int argc, char **argv);
int cmd_meta(struct indexer *ix, int argc, char **argv);
int cmd_withdraw(struct indexer *ix, int argc, char **argv);
int cmd_restore(struct indexer *ix, int argc, char **argv);
int cmd_alias(struct indexer *ix, int argc, char **argv);
int cmd_list(struct indexer *ix, int argc, char **argv);
int cmd_show(struct indexer *ix, int argc, char **argv);
int cmd_log(struct indexer *ix, int argc, char **argv);
int cmd_backup(struct indexer *ix, int argc, char **argv);
int cmd_compact(struct indexer *ix, int argc, char **argv);
int cmd_stats(struct indexer *ix, int argc, char **argv);
int cmd_failures(struct indexer *ix, int argc, char **argv);
int cmd_check(struct indexer *ix, int argc, char **argv);
int cmd_export(struct indexer *ix, int argc, char **argv);
int cmd_import(struct indexer *ix, int argc, char **argv);
int cmd_synonyms(struct indexer *ix, int argc, char **argv);
int cmd_respell(struct indexer *ix, int argc, char **argv);

/* The own options of sync and remove, for their --help (command.c). */
#define SYNC_OPTIONS_HELP                                                                          \
    "      --max-remove P  refuse to remove more than P percent of the archive's\n"                \
    "                   documents (default " WA_SYNC_MAX_REMOVE_S ")\n"                            \
    "      --force      remove also beyond --max-remove, and when a folder is missing,\n"          \
    "                   empty or unreadable (nothing is removed then otherwise)\n"
#define REMOVE_OPTIONS_HELP "      --reason TEXT  why, for the audit log\n"
#define LOG_OPTIONS_HELP                                                                           \
    "      --since T    entries from T on (2026-03-01 or 2026-03-01T09:30:00Z)\n"                  \
    "      --until T    entries up to T (a date includes its whole day)\n"                         \
    "      --id ID      entries of the document ID\n"                                              \
    "      --action A   entries of one action (remove, backup, compact, ...)\n"                    \
    "      --paths      only the source paths of removed documents, one per line\n"
/* Default of sync --max-remove (percent of the archive's documents). */
#define WA_SYNC_MAX_REMOVE   20
#define WA_SYNC_MAX_REMOVE_S "20"

#endif
