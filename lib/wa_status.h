/* Status codes shared by every Werkarchiv module. */
#ifndef WA_STATUS_H
#define WA_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * One status enum for the whole library. New values only ever at the end;
 * never remove or renumber one (tools and scripts may depend on them).
 */
typedef enum wa_status {
    WA_OK = 0,
    WA_ERR_NOMEM,       /* out of memory */
    WA_ERR_IO,          /* reading or writing a file failed */
    WA_ERR_NOT_FOUND,   /* database, document or file does not exist */
    WA_ERR_LOCKED,      /* another writer holds the database lock */
    WA_ERR_CORRUPT,     /* database is damaged or unreadable */
    WA_ERR_MODIFIED,    /* database changed under a reader even after a retry */
    WA_ERR_QUERY,       /* the query could not be parsed */
    WA_ERR_INVALID,     /* invalid argument or input */
    WA_ERR_TOOBIG,      /* input exceeded a size cap */
    WA_ERR_FORMAT,      /* input is not of the expected format */
    WA_ERR_INDEX,       /* other error reported by the index library */
    WA_ERR_INTERNAL,    /* unexpected failure (a bug) */
    WA_ERR_TIMEOUT,     /* an operation ran out of time */
    WA_ERR_UNSUPPORTED, /* the input type is not supported */
    WA_ERR_UNREACHABLE, /* a remote database (shard) cannot be reached */
} wa_status;

/* Returns a short English description of st; never NULL, cannot fail. */
const char *wa_strerror(wa_status st);

#ifdef __cplusplus
}
#endif
#endif
