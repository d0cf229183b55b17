/* The Xapian wrapper's result pages: hits, totals, facets, query words, snippets, duplicates. */
#include <cstring>

#include "wa_schema.h"
#include "wa_xapian_private.h"

using namespace wa_xapian;

extern "C" {

void wa_mset_free(wa_mset *m)
{
    delete m;
}

const char *wa_mset_errmsg(const wa_mset *m)
{
    return m ? m->err.msg : "out of memory";
}

size_t wa_mset_size(const wa_mset *m)
{
    return m->data.size();
}

unsigned long wa_mset_total(const wa_mset *m)
{
    return m->total;
}

int wa_mset_total_exact(const wa_mset *m)
{
    return m->exact ? 1 : 0;
}

size_t wa_mset_stopped_count(const wa_mset *m)
{
    return m->stopped.size();
}

const char *wa_mset_stopped(const wa_mset *m, size_t i)
{
    return i < m->stopped.size() ? m->stopped[i].c_str() : nullptr;
}

int wa_mset_relaxed(const wa_mset *m)
{
    return m->relaxed;
}

const char *wa_mset_suggestion(const wa_mset *m)
{
    return m->has_suggestion ? m->suggestion.c_str() : nullptr;
}

const char *wa_mset_data(const wa_mset *m, size_t i, size_t *len)
{
    if (i >= m->data.size())
        return nullptr;
    if (len)
        *len = m->data[i].size();
    return m->data[i].c_str();
}

double wa_mset_weight(const wa_mset *m, size_t i)
{
    return i < m->hits.size() ? m->hits[i].weight : 0.0;
}

unsigned long wa_mset_collapsed(const wa_mset *m, size_t i)
{
    return i < m->hits.size() ? m->hits[i].collapsed : 0;
}

wa_status wa_mset_query_words(wa_mset *m, const struct wa_qword **words, size_t *n)
{
    *words = nullptr;
    *n = 0;
    WA_TRY(m->err, {
        if (!m->enq) {
            m->err.set("the result page has no query");
            return WA_ERR_INVALID;
        }
        if (!m->have_words) {
            Xapian::Query q = m->enq->get_query();
            m->terms.clear();
            m->words.clear();
            for (Xapian::TermIterator t = q.get_unique_terms_begin(); t != q.get_terms_end(); ++t)
                m->terms.push_back(*t);
            /* decoded only now: the vector no longer moves its strings */
            for (const std::string &t : m->terms)
                m->words.push_back(decode_term(t));
            m->have_words = true;
        }
        *words = m->words.data();
        *n = m->words.size();
        return WA_OK;
    });
}

wa_status wa_mset_snippet(wa_mset *m, const char *text, size_t len, size_t maxlen,
                          const char *hl_start, const char *hl_end, struct wa_buf *out)
{
    if (!hl_start || !hl_end || !*hl_start || !*hl_end) {
        /* Xapian does not escape for HTML with empty markers */
        m->err.set("empty highlight markers");
        return WA_ERR_INVALID;
    }
    WA_TRY(m->err, {
        /* not SNIPPET_EXHAUSTIVE: stopping at a good passage keeps long texts cheap */
        unsigned flags = Xapian::MSet::SNIPPET_BACKGROUND_MODEL;
        std::string s =
            m->mset.snippet(std::string(text, len), maxlen, m->stem, flags, hl_start, hl_end, "…");
        return wa_buf_add(out, s.data(), s.size());
    });
}

wa_status wa_mset_duplicates(wa_mset *m, size_t i, wa_each_cb cb, void *ctx)
{
    WA_TRY(m->err, {
        if (!m->enq || i >= m->hits.size()) {
            m->err.set("no such result");
            return WA_ERR_INVALID;
        }
        const wa_hit_info &h = m->hits[i];
        if (h.collapse_key.empty() || h.collapsed == 0)
            return WA_OK; /* nothing was collapsed into this hit */
        /* The collapsed documents are those that match the same query and
         * share the collapse key; list them in docid order. */
        Xapian::Enquire e(m->db);
        e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, m->enq->get_query(),
                                  Xapian::Query(Xapian::Query::OP_VALUE_RANGE, WA_SLOT_HASH,
                                                h.collapse_key, h.collapse_key)));
        e.set_weighting_scheme(Xapian::BoolWeight());
        e.set_docid_order(Xapian::Enquire::ASCENDING);
        Xapian::MSet all = e.get_mset(0, m->db.get_doccount());
        all.fetch(); /* one round trip per remote shard, not one per document */
        for (Xapian::MSetIterator d = all.begin(); d != all.end(); ++d) {
            if (*d == h.id)
                continue;
            const std::string data = d.get_document().get_data();
            if (cb(data.data(), data.size(), ctx))
                break;
        }
        return WA_OK;
    });
}

size_t wa_mset_facet_size(const wa_mset *m, unsigned slot)
{
    for (const wa_facet &f : m->facets)
        if (f.slot == slot)
            return f.values.size();
    return 0;
}

const char *wa_mset_facet(const wa_mset *m, unsigned slot, size_t j, unsigned long *count)
{
    for (const wa_facet &f : m->facets) {
        if (f.slot == slot && j < f.values.size()) {
            if (count)
                *count = f.values[j].second;
            return f.values[j].first.c_str();
        }
    }
    return nullptr;
}

} /* extern "C" */
