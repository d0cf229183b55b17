/* Descriptions of the status codes. */
#include "wa_status.h"

const char *wa_strerror(wa_status st)
{
    switch (st) {
    case WA_OK:
        return "success";
    case WA_ERR_NOMEM:
        return "out of memory";
    case WA_ERR_IO:
        return "input/output error";
    case WA_ERR_NOT_FOUND:
        return "not found";
    case WA_ERR_LOCKED:
        return "database is locked by another writer";
    case WA_ERR_CORRUPT:
        return "database is corrupt";
    case WA_ERR_MODIFIED:
        return "database was modified during the read";
    case WA_ERR_QUERY:
        return "malformed query";
    case WA_ERR_INVALID:
        return "invalid argument";
    case WA_ERR_TOOBIG:
        return "input too large";
    case WA_ERR_FORMAT:
        return "invalid format";
    case WA_ERR_INDEX:
        return "index error";
    case WA_ERR_INTERNAL:
        return "internal error";
    case WA_ERR_TIMEOUT:
        return "timed out";
    case WA_ERR_UNSUPPORTED:
        return "unsupported";
    case WA_ERR_UNREACHABLE:
        return "a remote database cannot be reached";
    }
    return "unknown error";
}
