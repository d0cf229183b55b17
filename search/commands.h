/* The actions of werkarchiv-search; each returns the exit status. */
#ifndef WA_COMMANDS_H
#define WA_COMMANDS_H

#include "options.h"
#include "wa_xapian.h"

#define WA_SEARCH_PROG "werkarchiv-search"

/* Print the document c->show (metadata and full text) as text or JSON.
 * 0 on success, 2 when it does not exist or cannot be read. */
int wa_cmd_show(wa_db *db, const struct wa_request *c, int color);

/*
 * A document named by the path a search prints (as given or made absolute)
 * rather than by its id: if no document has the id *ref (owned, may be
 * NULL) but one has that source path, *ref becomes that document's id.
 * 0, or -1 when out of memory.
 */
int wa_cmd_resolve_doc(wa_db *db, char **ref);

#endif
