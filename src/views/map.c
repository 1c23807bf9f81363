/* SPDX-License-Identifier: ISC */
/*
 * The map: states and counties of the United States as SVG paths,
 * drawn by the server from us-atlas's counties-albers-10m.json (Census
 * cartographic boundaries, already projected to a 975 x 610 Albers
 * plane).  The TopoJSON is decoded once at start-up with jansson: arcs
 * are delta-decoded and scaled, rings stitched from arcs (a negative
 * index ~i is arc i reversed, and each arc after the first in a ring
 * repeats the previous arc's last point), and each shape's path kept
 * as a string in relative tenths of a pixel.  A request only colours
 * and links them.
 *
 * It does not simplify shapes or draw anything but states and counties.
 */
#include "views/views.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/xalloc.h"
#include "model/model.h"
#include "store/store.h"
#include "views/html.h"
#include "views/vcache.h"

struct map_feature {
	char id[8];  /* FIPS: 2 digits (state) or 5 (county) */
	char *name;  /* owned */
	char *d;     /* owned SVG path data */
};

struct map_data {
	struct map_feature *states, *counties; /* sorted by id */
	size_t nstates, ncounties;
};

struct arcs {
	long (*pt)[2];	/* points in tenths of a pixel, owned */
	size_t *start;	/* arc i is pt[start[i]] .. pt[start[i + 1] - 1] */
	size_t n;
};

static int
feat_cmp(const void *a, const void *b)
{
	const struct map_feature *x = a, *y = b;

	return strcmp(x->id, y->id);
}

static enum at_err
decode_arcs(json_t *top, struct arcs *out, struct at_diag *d)
{
	json_t *arcs = json_object_get(top, "arcs");
	json_t *tr = json_object_get(top, "transform");
	double sx, sy, tx, ty;
	size_t total = 0, k = 0;

	if (!json_is_array(arcs) || !json_is_object(tr))
		return at_diag_set(d, AT_EINVAL, "arcs",
		    "no quantized arcs in the file");
	sx = json_number_value(json_array_get(json_object_get(tr, "scale"), 0));
	sy = json_number_value(json_array_get(json_object_get(tr, "scale"), 1));
	tx = json_number_value(json_array_get(json_object_get(tr,
	    "translate"), 0));
	ty = json_number_value(json_array_get(json_object_get(tr,
	    "translate"), 1));
	for (size_t i = 0; i < json_array_size(arcs); i++)
		total += json_array_size(json_array_get(arcs, i));
	out->n = json_array_size(arcs);
	out->pt = xreallocarray(NULL, total + 1, sizeof(*out->pt));
	out->start = xreallocarray(NULL, out->n + 1, sizeof(*out->start));
	for (size_t i = 0; i < out->n; i++) {
		json_t *a = json_array_get(arcs, i);
		long x = 0, y = 0;

		out->start[i] = k;
		for (size_t j = 0; j < json_array_size(a); j++) {
			json_t *p = json_array_get(a, j);

			if (!json_is_integer(json_array_get(p, 0)) ||
			    !json_is_integer(json_array_get(p, 1)))
				return at_diag_set(d, AT_EINVAL, "arcs",
				    "arc %zu point %zu is not two integers",
				    i, j);
			x += (long)json_integer_value(json_array_get(p, 0));
			y += (long)json_integer_value(json_array_get(p, 1));
			out->pt[k][0] = lround((x * sx + tx) * 10.0);
			out->pt[k][1] = lround((y * sy + ty) * 10.0);
			k++;
		}
	}
	out->start[out->n] = k;
	return AT_OK;
}

static void
put_tenths(struct buf *b, long v)
{
	if (v < 0) {
		buf_putc(b, '-');
		v = -v;
	}
	if (v % 10 == 0)
		buf_printf(b, "%ld", v / 10);
	else
		buf_printf(b, "%ld.%ld", v / 10, v % 10);
}

/* Append one ring (a JSON array of arc indices) as "M..l..z". */
static enum at_err
ring_path(const struct arcs *a, json_t *ring, struct buf *b)
{
	long cx = 0, cy = 0;
	bool started = false, lined = false;

	for (size_t r = 0; r < json_array_size(ring); r++) {
		json_int_t ix = json_integer_value(json_array_get(ring, r));
		bool rev = ix < 0;
		size_t arc = (size_t)(rev ? ~ix : ix), n, first;

		if (arc >= a->n)
			return AT_EINVAL;
		first = a->start[arc];
		n = a->start[arc + 1] - first;
		for (size_t j = (r == 0 ? 0 : 1); j < n; j++) {
			const long *p = a->pt[first + (rev ? n - 1 - j : j)];

			if (!started) {
				buf_putc(b, 'M');
				put_tenths(b, p[0]);
				buf_putc(b, ' ');
				put_tenths(b, p[1]);
				started = true;
				lined = false;
			} else {
				long dx = p[0] - cx, dy = p[1] - cy;

				if (dx == 0 && dy == 0)
					continue;
				if (!lined)
					buf_putc(b, 'l');
				lined = true;
				put_tenths(b, dx);
				if (dy >= 0)
					buf_putc(b, ' ');
				put_tenths(b, dy);
				buf_putc(b, ' ');
			}
			cx = p[0];
			cy = p[1];
		}
	}
	if (started)
		buf_putc(b, 'z');
	return AT_OK;
}

static enum at_err
geometry_path(const struct arcs *a, json_t *g, struct buf *b)
{
	const char *type = json_string_value(json_object_get(g, "type"));
	json_t *arcs = json_object_get(g, "arcs");

	if (type == NULL || !json_is_array(arcs))
		return AT_OK; /* null geometry: nothing to draw */
	if (strcmp(type, "Polygon") == 0) {
		for (size_t i = 0; i < json_array_size(arcs); i++)
			if (ring_path(a, json_array_get(arcs, i), b) != AT_OK)
				return AT_EINVAL;
	} else if (strcmp(type, "MultiPolygon") == 0) {
		for (size_t p = 0; p < json_array_size(arcs); p++) {
			json_t *poly = json_array_get(arcs, p);

			for (size_t i = 0; i < json_array_size(poly); i++)
				if (ring_path(a, json_array_get(poly, i), b) !=
				    AT_OK)
					return AT_EINVAL;
		}
	}
	return AT_OK;
}

static enum at_err
load_object(json_t *top, const struct arcs *a, const char *name,
    struct map_feature **out, size_t *nout, struct at_diag *d)
{
	json_t *geoms = json_object_get(json_object_get(json_object_get(top,
	    "objects"), name), "geometries");
	struct map_feature *v;
	size_t n = 0;

	if (!json_is_array(geoms))
		return at_diag_set(d, AT_EINVAL, name, "no %s in the file",
		    name);
	v = xcalloc(json_array_size(geoms) + 1, sizeof(*v));
	for (size_t i = 0; i < json_array_size(geoms); i++) {
		json_t *g = json_array_get(geoms, i);
		const char *id = json_string_value(json_object_get(g, "id"));
		const char *nm = json_string_value(json_object_get(
		    json_object_get(g, "properties"), "name"));
		struct buf b;

		if (id == NULL || strlen(id) >= sizeof(v[n].id))
			continue;
		buf_init(&b, 4u * 1024 * 1024);
		if (geometry_path(a, g, &b) != AT_OK) {
			buf_fini(&b);
			for (size_t j = 0; j < n; j++) {
				free(v[j].name);
				free(v[j].d);
			}
			free(v);
			return at_diag_set(d, AT_EINVAL, name,
			    "shape %s names an arc that does not exist", id);
		}
		memcpy(v[n].id, id, strlen(id) + 1);
		v[n].name = xstrdup(nm != NULL ? nm : id);
		v[n].d = buf_detach(&b, NULL);
		if (v[n].d == NULL)
			v[n].d = xstrdup("");
		n++;
	}
	qsort(v, n, sizeof(*v), feat_cmp);
	*out = v;
	*nout = n;
	return AT_OK;
}

enum at_err
map_data_load(const char *path, struct map_data **out, struct at_diag *d)
{
	struct map_data *m = NULL;
	struct arcs a = { NULL, NULL, 0 };
	json_error_t jerr;
	json_t *top;
	enum at_err er;

	top = json_load_file(path, 0, &jerr);
	if (top == NULL)
		return at_diag_set(d, AT_IO, "map", "%s: %s", path, jerr.text);
	m = xcalloc(1, sizeof(*m));
	if ((er = decode_arcs(top, &a, d)) != AT_OK)
		goto out;
	if ((er = load_object(top, &a, "states", &m->states, &m->nstates,
		 d)) != AT_OK)
		goto out;
	if ((er = load_object(top, &a, "counties", &m->counties,
		 &m->ncounties, d)) != AT_OK)
		goto out;
	*out = m;
	m = NULL;
out:
	map_data_free(m);
	free(a.pt);
	free(a.start);
	json_decref(top);
	return er;
}

static void
free_feats(struct map_feature *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].d);
	}
	free(v);
}

void
map_data_free(struct map_data *m)
{
	if (m == NULL)
		return;
	free_feats(m->states, m->nstates);
	free_feats(m->counties, m->ncounties);
	free(m);
}

/* ---- the page ---- */

struct tally {
	const struct map_data *m;
	int *states, *counties; /* parallel to the feature arrays */
	struct store *s;
	int field;
};

static int
find(const struct map_feature *v, size_t n, const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(v[mid].id, id);

		if (c == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void
count_county(struct tally *t, const char *id)
{
	int i = find(t->m->counties, t->m->ncounties, id);

	if (i >= 0)
		t->counties[i]++;
}

/* Count a record against the jurisdiction it names: its state, and its
 * county (a place counts in every county it lies in). */
static void
count_jur(struct tally *t, const char *jid)
{
	char st[3] = { jid[0], jid[1], '\0' };
	int si = find(t->m->states, t->m->nstates, st);
	size_t len = strlen(jid);

	if (si >= 0)
		t->states[si]++;
	if (len == 5)
		count_county(t, jid);
	else if (len == 7) {
		struct model_record *p = NULL;

		if (store_record_get(t->s, KIND_JURISDICTION, jid, &p) ==
		    AT_OK) {
			const char *parent = model_record_text(p, 3);
			const char *also = model_record_text(p, 4);

			if (parent != NULL && strlen(parent) == 5)
				count_county(t, parent);
			while (also != NULL && *also != '\0') {
				char c[8];
				size_t n = strcspn(also, ";");

				if (n == 5) {
					memcpy(c, also, 5);
					c[5] = '\0';
					count_county(t, c);
				}
				also += n;
				if (*also == ';')
					also++;
			}
			model_record_free(p);
		}
	}
}

static int
tally_cb(void *ctx, const struct model_record *r)
{
	struct tally *t = ctx;
	const char *j = model_record_text(r, (size_t)t->field);

	if (j != NULL && strlen(j) >= 2)
		count_jur(t, j);
	return 0;
}

/* The tallies as kept in the cache (vcache.h): both arrays in one. */
struct tally_kept {
	size_t nstates, ncounties;
	int v[]; /* states, then counties */
};

/* Count every record against the shapes, once per data version: a
 * scan of every kind is too much for each visit to the map. */
static void
tally_all(struct web_req *r, struct tally *t)
{
	const struct map_data *m = t->m;
	const struct tally_kept *kept;
	struct tally_kept *copy;
	struct vcache_ref *ref = NULL;
	char key[VCACHE_KEYLEN];
	int64_t ver = -1;
	int rc;

	rc = snprintf(key, sizeof(key), "tally|%p", (const void *)m);
	if (rc > 0 && (size_t)rc < sizeof(key))
		ver = vcache_version(r->store);
	kept = vcache_get(key, ver, &ref);
	if (kept != NULL && kept->nstates == m->nstates &&
	    kept->ncounties == m->ncounties) {
		memcpy(t->states, kept->v, m->nstates * sizeof(int));
		memcpy(t->counties, kept->v + m->nstates,
		    m->ncounties * sizeof(int));
		vcache_release(ref);
		return;
	}
	vcache_release(ref);
	for (int k = 0; k < KIND__MAX; k++) {
		t->field = model_field_index((enum model_kind)k,
		    "jurisdiction");
		if (t->field < 0 || k == KIND_JURISDICTION)
			continue;
		if (store_record_each(r->store, (enum model_kind)k, NULL,
		    tally_cb, t) != AT_OK)
			ver = -1; /* shown as far as read, never kept */
	}
	/* Kept only if no write came between the two readings. */
	if (ver < 0 || vcache_version(r->store) != ver)
		return;
	copy = xmalloc(sizeof(*copy) + (m->nstates + m->ncounties) *
	    sizeof(int));
	copy->nstates = m->nstates;
	copy->ncounties = m->ncounties;
	memcpy(copy->v, t->states, m->nstates * sizeof(int));
	memcpy(copy->v + m->nstates, t->counties, m->ncounties * sizeof(int));
	vcache_put(key, ver, copy, free, NULL);
}

static const char *
bucket(int v)
{
	if (v <= 0)
		return "v0";
	if (v == 1)
		return "v1";
	if (v <= 3)
		return "v2";
	if (v <= 9)
		return "v3";
	return "v4";
}

/* Outcomes per shape, -1 where the condition does not apply. */
struct oc {
	const struct map_data *m;
	int *states, *counties;
};

static void
oc_cb(void *ctx, const char *jurisdiction, enum rules_outcome o)
{
	struct oc *c = ctx;
	size_t len = strlen(jurisdiction);
	int i;

	if (len == 2 && (i = find(c->m->states, c->m->nstates,
	    jurisdiction)) >= 0)
		c->states[i] = (int)o;
	else if (len == 5 && (i = find(c->m->counties, c->m->ncounties,
	    jurisdiction)) >= 0)
		c->counties[i] = (int)o;
}

static const char *
oc_class(int o)
{
	static const char *const cls[RULES_OUTCOME__MAX] = {
		[RULES_COMPLIES] = "o-complies",
		[RULES_CONFLICTS] = "o-conflicts",
		[RULES_UNKNOWN] = "o-unknown",
		[RULES_NOT_APPLICABLE] = "o-na",
		[RULES_NOT_ENFORCED] = "o-not_enforced",
	};

	return o >= 0 && o < RULES_OUTCOME__MAX ? cls[o] : "o-na";
}

static void
draw_oc(struct html *h, const struct map_feature *v, size_t n, const int *oc)
{
	for (size_t i = 0; i < n; i++) {
		struct buf u;

		buf_init(&u, 128);
		web_link(&u, PAGE_JURISDICTION, v[i].id, NULL);
		html_open(h, HE_A, "href", buf_str(&u), NULL);
		html_open(h, HE_PATH, "class", oc_class(oc[i]), "d", v[i].d,
		    NULL);
		html_open(h, HE_SVGTITLE, NULL);
		html_text(h, v[i].name);
		HTML_RAW(h, ": ");
		html_text(h, oc[i] >= 0 ? rules_outcome_name(
		    (enum rules_outcome)oc[i]) : "does not apply");
		html_close(h);
		html_close(h);
		html_close(h);
		buf_fini(&u);
	}
}

static void
draw(struct html *h, const struct map_feature *v, size_t n, const int *val,
    bool linked)
{
	for (size_t i = 0; i < n; i++) {
		struct buf u;

		buf_init(&u, 128);
		if (linked) {
			web_link(&u, PAGE_JURISDICTION, v[i].id, NULL);
			html_open(h, HE_A, "href", buf_str(&u), NULL);
		}
		html_open(h, HE_PATH, "class", linked ? bucket(val[i]) : "edge",
		    "d", v[i].d, NULL);
		if (linked) {
			html_open(h, HE_SVGTITLE, NULL);
			html_text(h, v[i].name);
			buf_printf(h->b, ": %d record%s", val[i],
			    val[i] == 1 ? "" : "s");
			html_close(h);
		}
		html_close(h);
		if (linked)
			html_close(h);
		buf_fini(&u);
	}
}

struct cond_list {
	char **ids;
	size_t n, cap;
};

static int
cond_cb(void *ctx, const struct model_record *rec)
{
	struct cond_list *l = ctx;

	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 16 : l->cap * 2;
		l->ids = xreallocarray(l->ids, l->cap, sizeof(*l->ids));
	}
	l->ids[l->n++] = xstrdup(model_record_id(rec));
	return 0;
}

/* What to colour by (records, or a condition's outcome), the level, and
 * the day and reading: links and a form that keep the others. */
static void
map_choices(struct html *h, struct web_req *r, const struct outcome_view *v,
    bool states, const char *cond)
{
	struct cond_list l = { NULL, 0, 0 };
	struct buf u;

	html_open(h, HE_P, NULL);
	HTML_RAW(h, "Colour by ");
	buf_init(&u, 512);
	buf_printf(&u, "/map?level=%s", states ? "state" : "county");
	if (cond == NULL)
		html_elem_text(h, HE_STRONG, "records on file");
	else {
		html_open(h, HE_A, "href", buf_str(&u), NULL);
		HTML_RAW(h, "records on file");
		html_close(h);
	}
	if (r->rules != NULL)
		(void)store_record_each(r->store, KIND_CONDITION, NULL,
		    cond_cb, &l);
	for (size_t i = 0; i < l.n; i++) {
		HTML_RAW(h, " \xc2\xb7 ");
		if (cond != NULL && strcmp(cond, l.ids[i]) == 0)
			html_elem_text(h, HE_STRONG, l.ids[i]);
		else {
			buf_reset(&u);
			buf_printf(&u, "/map?level=%s&as_of=%s&condition=",
			    states ? "state" : "county", v->day_s);
			url_encode(&u, l.ids[i]);
			buf_puts(&u, "&interpretation=");
			url_encode(&u, v->interp != NULL ? v->interp : "");
			html_open(h, HE_A, "href", buf_str(&u), NULL);
			html_text(h, l.ids[i]);
			html_close(h);
		}
		free(l.ids[i]);
	}
	free(l.ids);
	HTML_RAW(h, ". Show ");
	buf_reset(&u);
	buf_printf(&u, "/map?level=%s&as_of=%s", states ? "county" : "state",
	    v->day_s);
	if (cond != NULL) {
		buf_puts(&u, "&condition=");
		url_encode(&u, cond);
		buf_puts(&u, "&interpretation=");
		url_encode(&u, v->interp != NULL ? v->interp : "");
	}
	html_open(h, HE_A, "href", buf_str(&u), NULL);
	html_text(h, states ? "counties" : "states");
	html_close(h);
	HTML_RAW(h, ". Each shape links to its page.");
	html_close(h);
	buf_fini(&u);
	if (cond != NULL)
		outcome_controls(h, r, v, "/map", states ? "state" : "county",
		    cond);
}

void
page_map(struct web_req *r, struct web_resp *w)
{
	const struct map_data *m = r->map;
	const char *level = web_arg(r, "level");
	const char *cond = web_arg(r, "condition");
	bool states = level != NULL && strcmp(level, "state") == 0;
	struct outcome_view ov;
	struct oc oc = { NULL, NULL, NULL };
	struct tally t;
	struct html h;

	if (outcome_view_args(r, &ov) != AT_OK) {
		page_error(r, w, 400, "No such day or reading of the statute");
		return;
	}

	w->status = 200;
	w->ctype = "text/html; charset=utf-8";
	html_init(&h, &w->body);
	layout_begin(&h, r, "Map");
	html_elem_text(&h, HE_H1, "Map");
	if (m == NULL) {
		html_elem_text(&h, HE_P, "The map's boundary file was not "
		    "found when the server started (install us-atlas with "
		    "make).");
		layout_end(&h);
		return;
	}
	memset(&t, 0, sizeof(t));
	t.m = m;
	t.s = r->store;
	t.states = xcalloc(m->nstates + 1, sizeof(int));
	t.counties = xcalloc(m->ncounties + 1, sizeof(int));
	tally_all(r, &t);
	if (cond != NULL && r->rules != NULL) {
		oc.m = m;
		oc.states = xcalloc(m->nstates + 1, sizeof(int));
		oc.counties = xcalloc(m->ncounties + 1, sizeof(int));
		for (size_t i = 0; i < m->nstates; i++)
			oc.states[i] = -1;
		for (size_t i = 0; i < m->ncounties; i++)
			oc.counties[i] = -1;
		if (outcome_map(r, &ov, cond, oc_cb, &oc) != AT_OK) {
			free(oc.states);
			free(oc.counties);
			free(t.states);
			free(t.counties);
			buf_reset(&w->body);
			page_error(r, w, 404, "No such condition");
			return;
		}
	}
	map_choices(&h, r, &ov, states, cond);
	html_open(&h, HE_SVG, "xmlns", "http://www.w3.org/2000/svg",
	    "viewBox", "0 0 975 610", "class", "map", "role", "img",
	    "aria-label", states ? "Map of the states" :
	    "Map of the counties", NULL);
	if (states && oc.m != NULL)
		draw_oc(&h, m->states, m->nstates, oc.states);
	else if (states)
		draw(&h, m->states, m->nstates, t.states, true);
	else {
		html_open(&h, HE_G, "class", "counties", NULL);
		if (oc.m != NULL)
			draw_oc(&h, m->counties, m->ncounties, oc.counties);
		else
			draw(&h, m->counties, m->ncounties, t.counties, true);
		html_close(&h);
		html_open(&h, HE_G, "class", "borders", NULL);
		draw(&h, m->states, m->nstates, t.states, false);
		html_close(&h);
	}
	html_close_to(&h, HE_SVG);
	if (oc.m != NULL) {
		HTML_RAW(&h, "<ul class=\"legend\">");
		for (int o = 0; o < RULES_OUTCOME__MAX; o++) {
			html_open(&h, HE_LI, NULL);
			html_open(&h, HE_SPAN, "class", oc_class(o), NULL);
			html_close(&h);
			html_text(&h, o == RULES_NOT_APPLICABLE ?
			    "does not apply" :
			    rules_outcome_name((enum rules_outcome)o));
			html_close(&h);
		}
		HTML_RAW(&h, "</ul>");
		layout_end(&h);
		free(oc.states);
		free(oc.counties);
		free(t.states);
		free(t.counties);
		return;
	}
	HTML_RAW(&h, "<ul class=\"legend\"><li><span class=\"v0\"></span>none"
		     "</li><li><span class=\"v1\"></span>1</li><li><span "
		     "class=\"v2\"></span>2\xe2\x80\x93""3</li><li><span "
		     "class=\"v3\"></span>4\xe2\x80\x93""9</li><li><span "
		     "class=\"v4\"></span>10 or more</li></ul>");
	/* The same facts as a table, for people who cannot see the map. */
	html_open(&h, HE_TABLE, "class", "list", NULL);
	html_elem_text(&h, HE_CAPTION, states ? "States with records" :
	    "Counties with records");
	HTML_RAW(&h, "<thead><tr><th scope=\"col\">jurisdiction</th><th "
		     "scope=\"col\">records</th></tr></thead>");
	html_open(&h, HE_TBODY, NULL);
	{
		const struct map_feature *v = states ? m->states : m->counties;
		const int *val = states ? t.states : t.counties;
		size_t n = states ? m->nstates : m->ncounties;

		for (size_t i = 0; i < n; i++) {
			struct buf u;

			if (val[i] == 0)
				continue;
			buf_init(&u, 128);
			web_link(&u, PAGE_JURISDICTION, v[i].id, NULL);
			html_open(&h, HE_TR, NULL);
			html_open(&h, HE_TD, NULL);
			html_open(&h, HE_A, "href", buf_str(&u), NULL);
			html_text(&h, v[i].name);
			html_close_to(&h, HE_TD);
			html_open(&h, HE_TD, NULL);
			html_int(&h, val[i]);
			html_close_to(&h, HE_TR);
			buf_fini(&u);
		}
	}
	html_close_to(&h, HE_TABLE);
	layout_end(&h);
	free(t.states);
	free(t.counties);
}
