/* analyze/match.c - an Aho-Corasick automaton with sparse edges over bytes. */
#include "match.h"

#include <assert.h>
#include "base.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	unsigned char byte;
	int to;
} edge;

typedef struct {
	int first_edge, nedges; /* into m->edges after build; before, a list */
	int fail;
	int out;     /* nearest terminal node along fail links, or -1 */
	int payload; /* first payload of this node, or -1 */
	int depth;   /* bytes from the root */
} node;

typedef struct {
	int type, id, next;
} payload;

struct tl_matcher {
	node *nodes;
	size_t nnodes, capnodes;
	/* While building, edges of each node live in a linked list. */
	edge *edges;
	int *edge_next;
	size_t nedges, capedges;
	payload *payloads;
	size_t npayloads, cappayloads;
	int built;
	/* The full transition table, failure links folded in: one lookup a
	 * byte. Columns are byte classes (each byte some pattern uses has
	 * its own; every other byte is class 0) and states 16 bits: rows of
	 * ~100 x 2 bytes instead of 256 x 4 keep the states text visits in
	 * cache. NULL when the automaton is too large for it (then the
	 * sparse edges and failure links are walked). */
	uint16_t *delta;
	unsigned char cls[256];
	size_t ncls;
	unsigned char
	    *hit; /* per node: a pattern ends here or on its fail path */
	/* The same automaton a character at a time, when every pattern is
	 * UTF-8 (built from delta): states are the nodes at character
	 * boundaries, columns the characters patterns use (ccls; 0: any
	 * other, which leads back to the root). A third of the steps of the
	 * byte walk, and most characters of a text skip the table. */
	uint16_t *cdelta;
	uint16_t *ccls;        /* code point (BMP) -> column */
	uint32_t *astral;      /* sorted code points above U+FFFF */
	size_t nastral, ncols; /* astral[i] has column ncols_bmp + i */
	size_t ncols_bmp;
	int *cnode;          /* character state -> node */
	unsigned char *chit; /* per character state: as hit */
	/* The matches ending at each character state, in the order emit()
	 * finds them along the output links: state st's are cout[cout_at[st]]
	 * .. cout[cout_at[st + 1] - 1]. Walking the links and payloads
	 * instead was a third of the walk's time (some 19 matches a
	 * paragraph, each a chase through two arrays). */
	uint32_t *cout_at;
	struct hitrec {
		uint32_t depth;
		int type, id;
	} * cout;
};

#define DELTA_MAX_NODES 65536      /* states fit 16 bits */
#define CHARS_MAX_CELLS (1u << 22) /* 8 MiB of character table at most */

static int new_node(tl_matcher *m, int depth)
{
	if (m->nnodes == m->capnodes) {
		m->capnodes = m->capnodes ? m->capnodes * 2 : 256;
		m->nodes = tl_xrealloc(m->nodes, m->capnodes * sizeof(node));
	}
	node *x = &m->nodes[m->nnodes];
	x->first_edge = -1;
	x->nedges = 0;
	x->fail = 0;
	x->out = -1;
	x->payload = -1;
	x->depth = depth;
	return (int)m->nnodes++;
}

tl_matcher *tl_matcher_new(void)
{
	tl_matcher *m = tl_xcalloc(1, sizeof(*m));
	new_node(m, 0);
	return m;
}

void tl_matcher_free(tl_matcher *m)
{
	if (!m)
		return;
	free(m->nodes);
	free(m->edges);
	free(m->edge_next);
	free(m->payloads);
	free(m->delta);
	free(m->hit);
	free(m->cdelta);
	free(m->ccls);
	free(m->astral);
	free(m->cnode);
	free(m->chit);
	free(m->cout_at);
	free(m->cout);
	free(m);
}

/* Child of node x on byte c, or -1. Built matchers keep edges sorted. */
static int child(const tl_matcher *m, int x, unsigned char c)
{
	const node *nd = &m->nodes[x];
	if (m->built) {
		const edge *e = m->edges + nd->first_edge;
		int lo = 0, hi = nd->nedges - 1;
		while (lo <= hi) {
			int mid = (lo + hi) / 2;
			if (e[mid].byte == c)
				return e[mid].to;
			if (e[mid].byte < c)
				lo = mid + 1;
			else
				hi = mid - 1;
		}
		return -1;
	}
	for (int k = nd->first_edge; k >= 0; k = m->edge_next[k])
		if (m->edges[k].byte == c)
			return m->edges[k].to;
	return -1;
}

int tl_matcher_add(tl_matcher *m, const char *pat, size_t len, int type, int id)
{
	int x = 0;
	if (m->built || len == 0)
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)pat[i];
		int y = child(m, x, c);
		if (y < 0) {
			y = new_node(m, (int)i + 1);
			if (m->nedges == m->capedges) {
				m->capedges =
				    m->capedges ? m->capedges * 2 : 256;
				m->edges = tl_xrealloc(
				    m->edges, m->capedges * sizeof(edge));
				m->edge_next = tl_xrealloc(
				    m->edge_next, m->capedges * sizeof(int));
			}
			m->edges[m->nedges].byte = c;
			m->edges[m->nedges].to = y;
			m->edge_next[m->nedges] = m->nodes[x].first_edge;
			m->nodes[x].first_edge = (int)m->nedges++;
			m->nodes[x].nedges++;
		}
		x = y;
	}
	for (int p = m->nodes[x].payload; p >= 0; p = m->payloads[p].next)
		if (m->payloads[p].type == type)
			return 1;
	if (m->npayloads == m->cappayloads) {
		m->cappayloads = m->cappayloads ? m->cappayloads * 2 : 64;
		m->payloads =
		    tl_xrealloc(m->payloads, m->cappayloads * sizeof(payload));
	}
	payload *pl = &m->payloads[m->npayloads];
	pl->type = type;
	pl->id = id;
	pl->next = m->nodes[x].payload;
	m->nodes[x].payload = (int)m->npayloads++;
	return 0;
}

static int cmp_edge(const void *a, const void *b)
{
	return (int)((const edge *)a)->byte - (int)((const edge *)b)->byte;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The column of code point cp in the character table (0: no pattern
 * uses it). */
static inline size_t char_col(const tl_matcher *m, uint32_t cp)
{
	if (cp < 0x10000)
		return m->ccls[cp];
	size_t lo = 0, hi = m->nastral;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->astral[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->nastral && m->astral[lo] == cp ? m->ncols_bmp + lo : 0;
}

/* Each character state's matches as emit() would push them (see struct
 * tl_matcher). */
static void flatten_outputs(tl_matcher *m, size_t nstates)
{
	size_t n = 0, cap = 64;
	m->cout_at = tl_xmalloc((nstates + 1) * sizeof(uint32_t));
	m->cout = tl_xmalloc(cap * sizeof(*m->cout));
	for (size_t st = 0; st < nstates; st++) {
		m->cout_at[st] = (uint32_t)n;
		for (int x = m->chit[st] ? m->cnode[st] : 0; x > 0;
		     x = m->nodes[x].out) {
			const node *nd = &m->nodes[x];
			for (int p = nd->payload; p >= 0;
			     p = m->payloads[p].next) {
				if (n == cap) {
					cap *= 2;
					m->cout = tl_xrealloc(
					    m->cout, cap * sizeof(*m->cout));
				}
				m->cout[n].depth = (uint32_t)nd->depth;
				m->cout[n].type = m->payloads[p].type;
				m->cout[n++].id = m->payloads[p].id;
			}
			if (nd->out < 0)
				break;
		}
	}
	m->cout_at[nstates] = (uint32_t)n;
}

/* The character table from the byte table (see struct tl_matcher). A
 * node is at a character boundary when the bytes into it end a whole
 * character; after a whole character the byte automaton always is at
 * one (patterns start on characters), so feeding a character's bytes
 * from a boundary state lands on another. Not built when a pattern is
 * not UTF-8. */
static void build_chars(tl_matcher *m, const int *order, size_t nodes)
{
	/* Bytes still owed to the current character, per node. */
	signed char *owed = tl_xcalloc(m->nnodes, 1);
	uint32_t *cps = NULL; /* the code point of each column */
	size_t ncps = 0, capcps = 0;
	uint32_t *partial = tl_xcalloc(m->nnodes, sizeof(uint32_t));
	int ok = 1;
	for (size_t q = 0; q < nodes && ok; q++) {
		int x = order[q];
		const node *nd = &m->nodes[x];
		for (int e = 0; e < nd->nedges && ok; e++) {
			const edge *ed = &m->edges[nd->first_edge + e];
			unsigned b = ed->byte;
			int y = ed->to;
			if (owed[x] == 0) {
				int len = b < 0x80             ? 1
				          : (b & 0xE0) == 0xC0 ? 2
				          : (b & 0xF0) == 0xE0 ? 3
				          : (b & 0xF8) == 0xF0 ? 4
				                               : 0;
				if (!len) {
					ok = 0;
					break;
				}
				owed[y] = (signed char)(len - 1);
				partial[y] = len == 1   ? b
				             : len == 2 ? (b & 0x1F)
				             : len == 3 ? (b & 0x0F)
				                        : (b & 0x07);
			} else {
				if ((b & 0xC0) != 0x80) {
					ok = 0;
					break;
				}
				owed[y] = (signed char)(owed[x] - 1);
				partial[y] = partial[x] << 6 | (b & 0x3F);
			}
			if (owed[y] == 0) { /* a whole character: a column */
				if (ncps == capcps) {
					capcps = capcps ? capcps * 2 : 256;
					cps = tl_xrealloc(
					    cps, capcps * sizeof(uint32_t));
				}
				cps[ncps++] = partial[y];
			}
		}
	}
	if (!ok)
		goto done;
	qsort(cps, ncps, sizeof(uint32_t), cmp_u32);
	size_t k = 0;
	for (size_t i = 0; i < ncps; i++)
		if (!k || cps[i] != cps[k - 1])
			cps[k++] = cps[i];
	ncps = k;
	m->ccls = tl_xcalloc(0x10000, sizeof(uint16_t));
	size_t col = 1, nast = 0;
	for (size_t i = 0; i < ncps; i++)
		if (cps[i] < 0x10000)
			m->ccls[cps[i]] = (uint16_t)col++;
		else
			nast++;
	m->ncols_bmp = col;
	m->astral = tl_xmalloc((nast + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < ncps; i++)
		if (cps[i] >= 0x10000)
			m->astral[m->nastral++] = cps[i];
	m->ncols = col + nast;
	/* Character states: the boundary nodes, root first. */
	int *state_of = tl_xmalloc(m->nnodes * sizeof(int));
	size_t nstates = 0;
	m->cnode = tl_xmalloc(m->nnodes * sizeof(int));
	for (size_t q = 0; q < nodes; q++) {
		int x = order[q];
		state_of[x] = owed[x] == 0 ? (int)nstates : -1;
		if (owed[x] == 0)
			m->cnode[nstates++] = x;
	}
	if ((uint64_t)nstates * m->ncols > CHARS_MAX_CELLS) {
		ok = 0; /* too large to stay in cache: the byte walk stays */
		goto drop;
	}
	m->cdelta = tl_xcalloc(nstates * m->ncols, sizeof(uint16_t));
	m->chit = tl_xcalloc(nstates, 1);
	for (size_t st = 0; st < nstates && ok; st++) {
		int x = m->cnode[st];
		m->chit[st] = m->hit[x];
		for (size_t i = 0; i < ncps && ok; i++) {
			unsigned char u[4];
			uint32_t cp = cps[i];
			size_t n =
			    cp < 0x80 ? (u[0] = (unsigned char)cp, 1)
			    : cp < 0x800
			        ? (u[0] = (unsigned char)(0xC0 | cp >> 6), 2)
			    : cp < 0x10000
			        ? (u[0] = (unsigned char)(0xE0 | cp >> 12), 3)
			        : (u[0] = (unsigned char)(0xF0 | cp >> 18), 4);
			for (size_t j = 1; j < n; j++)
				u[j] =
				    (unsigned char)(0x80 |
				                    (cp >> (6 * (n - 1 - j)) &
				                     0x3F));
			int y = x;
			for (size_t j = 0; j < n; j++)
				y = m->delta[(size_t)y * m->ncls +
				             m->cls[u[j]]];
			if (state_of[y] < 0)
				ok = 0; /* cannot happen; the byte walk stays */
			else
				m->cdelta[st * m->ncols + char_col(m, cp)] =
				    (uint16_t)state_of[y];
		}
	}
	if (ok)
		flatten_outputs(m, nstates);
drop:
	free(state_of);
	if (!ok) {
		free(m->cdelta);
		free(m->ccls);
		free(m->astral);
		free(m->cnode);
		free(m->chit);
		m->cdelta = m->ccls = NULL;
		m->astral = NULL;
		m->cnode = NULL;
		m->chit = NULL;
	}
done:
	free(owed);
	free(partial);
	free(cps);
}

void tl_matcher_build(tl_matcher *m)
{
	if (m->built)
		return;
	/* Lay each node's edges out contiguously and sorted. */
	edge *flat = tl_xmalloc((m->nedges ? m->nedges : 1) * sizeof(edge));
	size_t k = 0;
	for (size_t x = 0; x < m->nnodes; x++) {
		int first = (int)k;
		for (int e = m->nodes[x].first_edge; e >= 0;
		     e = m->edge_next[e])
			flat[k++] = m->edges[e];
		m->nodes[x].first_edge = first;
		qsort(flat + first, (size_t)m->nodes[x].nedges, sizeof(edge),
		      cmp_edge);
	}
	free(m->edges);
	free(m->edge_next);
	m->edges = flat;
	m->edge_next = NULL;
	m->built = 1;

	/* Breadth-first: fail links and output links. */
	int *queue = tl_xmalloc(m->nnodes * sizeof(int));
	size_t head = 0, tail = 0;
	queue[tail++] = 0;
	while (head < tail) {
		int x = queue[head++];
		node *nd = &m->nodes[x];
		for (int e = 0; e < nd->nedges; e++) {
			edge ed = m->edges[nd->first_edge + e];
			int y = ed.to, f = nd->fail;
			if (x == 0) {
				m->nodes[y].fail = 0;
			} else {
				int g;
				while ((g = child(m, f, ed.byte)) < 0 && f != 0)
					f = m->nodes[f].fail;
				m->nodes[y].fail = g >= 0 && g != y ? g : 0;
			}
			int fy = m->nodes[y].fail;
			m->nodes[y].out =
			    m->nodes[fy].payload >= 0 ? fy : m->nodes[fy].out;
			queue[tail++] = y;
		}
	}
	/* The dense table, in the same breadth-first order, so that a
	 * node's fail target is filled before the node. */
	if (m->nnodes <= DELTA_MAX_NODES) {
		unsigned char used[256] = {0};
		size_t nused = 0;
		for (size_t e = 0; e < m->nedges; e++)
			if (!used[m->edges[e].byte]) {
				used[m->edges[e].byte] = 1;
				nused++;
			}
		m->ncls = 1;
		for (int b = 0; b < 256; b++)
			/* every byte used: classes are the bytes */
			m->cls[b] = nused == 256 ? (unsigned char)b
			            : used[b]    ? (unsigned char)m->ncls++
			                         : 0;
		if (nused == 256)
			m->ncls = 256;
		size_t w = m->ncls;
		m->delta = tl_xmalloc(m->nnodes * w * sizeof(uint16_t));
		m->hit = tl_xcalloc(m->nnodes, 1);
		for (size_t q = 0; q < tail; q++) {
			int x = queue[q];
			uint16_t *row = m->delta + (size_t)x * w;
			const node *nd = &m->nodes[x];
			if (x == 0)
				memset(row, 0, w * sizeof(uint16_t));
			else
				memcpy(row, m->delta + (size_t)nd->fail * w,
				       w * sizeof(uint16_t));
			for (int e = 0; e < nd->nedges; e++) {
				const edge *ed = &m->edges[nd->first_edge + e];
				row[m->cls[ed->byte]] = (uint16_t)ed->to;
			}
			m->hit[x] = nd->payload >= 0 || nd->out >= 0;
		}
		build_chars(m, queue, tail);
	}
	free(queue);
}

void tl_match_list_release(tl_match_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static void push(tl_match_list *l, tl_match mt)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = tl_xrealloc(l->v, l->cap * sizeof(tl_match));
	}
	l->v[l->n++] = mt;
}

static int cmp_match(const void *a, const void *b)
{
	const tl_match *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x->type - y->type;
}

/* Matches come out of the walk by their end, and at one end longest
 * first: nearly in order by start already. Insertion sort, stable like
 * glibc's merge sort, while the moves stay few; qsort past that. */
static void sort_matches(tl_match_list *out)
{
	size_t moves = 0, limit = 8 * out->n + 64;
	for (size_t i = 1; i < out->n; i++) {
		tl_match t = out->v[i];
		size_t j = i;
		while (j > 0 && cmp_match(&out->v[j - 1], &t) > 0) {
			out->v[j] = out->v[j - 1];
			j--;
			moves++;
		}
		out->v[j] = t;
		if (moves > limit) {
			qsort(out->v, out->n, sizeof(tl_match), cmp_match);
			return;
		}
	}
}

static void emit(const tl_matcher *m, int x, size_t end, tl_match_list *out)
{
	for (; x > 0; x = m->nodes[x].out) {
		const node *nd = &m->nodes[x];
		for (int p = nd->payload; p >= 0; p = m->payloads[p].next) {
			tl_match mt = {end - (size_t)nd->depth, end,
			               m->payloads[p].type, m->payloads[p].id};
			push(out, mt);
		}
		if (nd->out < 0)
			break;
	}
}

/* What emit() would push at character state st, from its flattened
 * outputs. */
static void emit_flat(const tl_matcher *m, size_t st, size_t end,
                      tl_match_list *out)
{
	const struct hitrec *h = m->cout + m->cout_at[st],
	                    *e = m->cout + m->cout_at[st + 1];
	size_t need = out->n + (size_t)(e - h);
	if (need > out->cap) {
		while (out->cap < need)
			out->cap = out->cap ? out->cap * 2 : 32;
		out->v = tl_xrealloc(out->v, out->cap * sizeof(tl_match));
	}
	for (tl_match *v = out->v + out->n; h < e; h++, v++)
		*v = (tl_match){end - h->depth, end, h->type, h->id};
	out->n = need;
}

/* The character walk: a character no pattern uses sends it back to the
 * root without a lookup; bytes that start no character likewise. valid:
 * s is valid UTF-8, so a three-byte lead has its two continuation bytes
 * and no surrogate or overlong form follows (their tests were a fifth
 * of the walk's time). */
static void find_chars(const tl_matcher *m, const char *s, size_t n,
                       tl_match_list *out, int valid)
{
	out->n = 0;
	size_t x = 0, w = m->ncols;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int len;
		/* Three bytes, the Chinese case, decoded here without the
		 * surrogate test: no pattern holds a surrogate, so its column
		 * is 0 and it sends the walk to the root, as the invalid bytes
		 * it is would one by one (none of them starts a pattern). */
		if (valid && (u[i] & 0xF0) == 0xE0) {
			cp = tl_utf8_value3(u + i);
			len = 3;
		} else if (!valid && tl_utf8_seq3(s + i, n - i, &cp) &&
		           cp >= 0x800)
			len = 3;
		else
			len = tl_utf8_decode(s + i, n - i, &cp);
		if (len <= 0) {
			x = 0;
			i++;
			continue;
		}
		i += (size_t)len;
		size_t c = char_col(m, cp);
		if (!c) {
			x = 0;
			continue;
		}
		x = m->cdelta[x * w + c];
		if (m->chit[x])
			emit_flat(m, x, i, out);
	}
}

void tl_matcher_find_bytes(const tl_matcher *m, const char *s, size_t n,
                           tl_match_list *out)
{
	int x = 0;
	out->n = 0;
	if (m->delta) {
		const unsigned char *p = (const unsigned char *)s;
		const size_t w = m->ncls;
		for (size_t i = 0; i < n; i++) {
			x = m->delta[(size_t)x * w + m->cls[p[i]]];
			if (m->hit[x])
				emit(m, x, i + 1, out);
		}
		sort_matches(out);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int y;
		while ((y = child(m, x, c)) < 0 && x != 0)
			x = m->nodes[x].fail;
		x = y >= 0 ? y : 0;
		if (m->nodes[x].payload >= 0 || m->nodes[x].out >= 0)
			emit(m, x, i + 1, out);
	}
	sort_matches(out);
}

/* The character walk when the automaton has one, else the byte walk. */
static void find(const tl_matcher *m, const char *s, size_t n,
                 tl_match_list *out, int valid)
{
	if (!m->cdelta) {
		tl_matcher_find_bytes(m, s, n, out);
		return;
	}
	find_chars(m, s, n, out, valid);
	sort_matches(out);
}

void tl_matcher_find(const tl_matcher *m, const char *s, size_t n,
                     tl_match_list *out)
{
	find(m, s, n, out, 0);
}

void tl_matcher_find_utf8(const tl_matcher *m, const char *s, size_t n,
                          tl_match_list *out)
{
	find(m, s, n, out, 1);
}

void tl_match_select_each(const tl_match_list *all, const unsigned *types,
                          tl_match_list *const *outs, size_t n)
{
	size_t end[8] = {0};
	assert(n <= sizeof(end) / sizeof(end[0]));
	for (size_t k = 0; k < n; k++)
		outs[k]->n = 0;
	/* Sorted by start then longest: a match is taken when it starts at
	 * or after the end of the last one its selection took. One pass for
	 * every selection (three passes had been a twentieth of the
	 * workers' time). */
	for (size_t i = 0; i < all->n; i++) {
		const tl_match *mt = &all->v[i];
		for (size_t k = 0; k < n; k++) {
			if (!(types[k] & TL_TYPE(mt->type)) ||
			    (outs[k]->n && mt->start < end[k]))
				continue;
			push(outs[k], *mt);
			end[k] = mt->end;
		}
	}
}

void tl_match_select(const tl_match_list *all, unsigned types,
                     tl_match_list *out)
{
	tl_match_select_each(all, &types, &out, 1);
}
