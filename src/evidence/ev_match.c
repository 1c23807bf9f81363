/* SPDX-License-Identifier: ISC */
/*
 * Matching rows to jurisdictions: by FIPS code first, then by name
 * within a state.  The jurisdictions are read once per import into
 * memory (a few thousand codes), so matching costs no queries.
 *
 * Facility names in the ICE tables are free text ("CONTRA COSTA CO.
 * JAIL", "SANTA CLARA CO MAIN JAIL/"), so a facility is matched when its
 * name holds a county's name followed by COUNTY, CO, CNTY or PARISH, or
 * when its city is an independent or consolidated city-county (San
 * Francisco, Denver, Baltimore city...).  A city's name alone is not
 * taken as its county's: Jackson, Mississippi is not in Jackson County.
 * What does not match is reported, never guessed.
 */
#include "evidence/evidence_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "model/model.h"
#include "store/store.h"

struct place {
	char fips[8];
	char state[3];	 /* state code of a county, the code of a state */
	char name[96];	 /* normalised, without COUNTY, PARISH, ... */
	bool is_state;
	bool is_city;	 /* an independent city (kind "city") */
};

struct ev_places {
	struct place *p; /* owned, sorted by fips */
	size_t n, cap;
	int32_t *county; /* owned: index of 5-digit code, -1; 100000 */
};

/* Latin-1 letters as UTF-8 (C3 80..C3 BF) to plain capitals. */
static const char latin1[] = "AAAAAAACEEEEIIIIDNOOOOO OUUUUY  "
			     "AAAAAAACEEEEIIIIDNOOOOO OUUUUY Y";

void
ev_norm(const char *s, char *out, size_t n)
{
	size_t o = 0;
	bool space = true;
	const unsigned char *u = (const unsigned char *)s;

	if (n == 0)
		return;
	for (; *u != '\0' && o + 1 < n; u++) {
		char c = ' ';

		if (*u >= 'a' && *u <= 'z')
			c = (char)(*u - 'a' + 'A');
		else if ((*u >= 'A' && *u <= 'Z') || (*u >= '0' && *u <= '9'))
			c = (char)*u;
		else if (*u == 0xC3 && u[1] >= 0x80 && u[1] <= 0xBF) {
			c = latin1[u[1] - 0x80];
			u++;
		} else if (*u == '\'')
			continue; /* O'BRIEN, PRINCE GEORGE'S */
		if (c == ' ') {
			if (!space)
				out[o++] = ' ';
			space = true;
			continue;
		}
		out[o++] = c;
		space = false;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	/* SAINT -> ST, as a whole word. */
	for (char *p = out; (p = strstr(p, "SAINT")) != NULL; p += 2) {
		if ((p == out || p[-1] == ' ') && (p[5] == ' ' || p[5] == '\0')) {
			p[1] = 'T';
			memmove(p + 2, p + 5, strlen(p + 5) + 1);
		} else
			p += 3;
	}
}

static bool
strip_suffix(char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	/*
	 * s[a - b - 1] is one of the a bytes before s's NUL.  The analyzer
	 * does not tie strlen to the bytes written: after ev_norm of an empty
	 * name (only out[0] written) it assumes a > b and reads past it.
	 */
	/* NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult) */
	if (a > b && s[a - b - 1] == ' ' && strcmp(s + a - b, suffix) == 0) {
		s[a - b - 1] = '\0';
		return true;
	}
	return false;
}

/* The bare name of a county-level unit: without its kind word. */
static void
bare(char *s)
{
	static const char *const words[] = { "CITY AND BOROUGH",
		"CENSUS AREA", "MUNICIPALITY", "COUNTY", "PARISH", "BOROUGH",
		"CITY", NULL };

	for (size_t i = 0; words[i] != NULL; i++)
		if (strip_suffix(s, words[i]))
			return;
}

static int
add_place(void *ctx, const struct model_record *r)
{
	struct ev_places *pl = ctx;
	const char *id = r->v[0].text, *name = r->v[1].text;
	const char *kind = r->v[2].text, *parent = r->v[3].text;
	struct place *p;
	size_t idlen;

	if (id == NULL || name == NULL)
		return 0;
	idlen = strlen(id);
	if (idlen != 2 && idlen != 5)
		return 0;
	if (pl->n == pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 4096;
		pl->p = xreallocarray(pl->p, pl->cap, sizeof(*pl->p));
	}
	p = &pl->p[pl->n++];
	memset(p, 0, sizeof(*p));
	memcpy(p->fips, id, idlen + 1);
	p->is_state = idlen == 2;
	if (p->is_state)
		memcpy(p->state, id, 3);
	else {
		memcpy(p->state, parent != NULL && strlen(parent) == 2 ? parent :
		    id, 2);
		p->state[2] = '\0';
	}
	ev_norm(name, p->name, sizeof(p->name));
	if (!p->is_state) {
		p->is_city = kind != NULL && strcmp(kind, "city") == 0;
		bare(p->name);
	}
	return 0;
}

static int
by_fips(const void *a, const void *b)
{
	return strcmp(((const struct place *)a)->fips,
	    ((const struct place *)b)->fips);
}

/* The number of a 5-digit code, or -1. */
static long
code5(const char *s)
{
	long v = 0;

	for (size_t i = 0; i < 5; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return s[5] == '\0' ? v : -1;
}

enum at_err
ev_places_load(struct store *s, struct ev_places **out)
{
	struct ev_places *pl = xcalloc(1, sizeof(*pl));
	enum at_err er;

	er = store_record_each(s, KIND_JURISDICTION, NULL, add_place, pl);
	if (er != AT_OK) {
		ev_places_free(pl);
		return er;
	}
	if (pl->n > 0)
		qsort(pl->p, pl->n, sizeof(*pl->p), by_fips);
	pl->county = xreallocarray(NULL, 100000, sizeof(*pl->county));
	for (size_t i = 0; i < 100000; i++)
		pl->county[i] = -1;
	for (size_t i = 0; i < pl->n; i++)
		if (!pl->p[i].is_state && code5(pl->p[i].fips) >= 0)
			pl->county[code5(pl->p[i].fips)] = (int32_t)i;
	*out = pl;
	return AT_OK;
}

void
ev_places_free(struct ev_places *p)
{
	if (p == NULL)
		return;
	free(p->p);
	free(p->county);
	free(p);
}

size_t
ev_places_count(const struct ev_places *p)
{
	return p->n;
}

long
ev_places_find(const struct ev_places *p, const char *fips)
{
	size_t lo = 0, hi = p->n;
	long c5 = code5(fips);

	if (c5 >= 0)
		return p->county[c5];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(p->p[mid].fips, fips);

		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

bool
ev_places_has(const struct ev_places *p, const char *fips)
{
	return ev_places_find(p, fips) >= 0;
}

const char *
ev_places_code(const struct ev_places *p, size_t i)
{
	return i < p->n ? p->p[i].fips : "";
}

const char *
ev_places_state(const struct ev_places *p, const char *name)
{
	char want[96];

	ev_norm(name, want, sizeof(want));
	for (size_t i = 0; i < p->n; i++) {
		const char *abbr;

		if (!p->p[i].is_state)
			continue;
		abbr = model_state_abbr(p->p[i].fips);
		if (strcmp(p->p[i].name, want) == 0 ||
		    (abbr != NULL && strcmp(abbr, want) == 0))
			return p->p[i].fips;
	}
	return NULL;
}

/* Counties renamed since the ICE data were written. */
static const struct {
	const char *state, *old_name, *name;
} aliases[] = {
	{ "12", "DADE", "MIAMI DADE" },
	{ "12", "METRO DADE", "MIAMI DADE" },
};

const char *
ev_places_county(const struct ev_places *p, const char *state,
    const char *name, bool prefer_city)
{
	char want[96];
	const char *county = NULL, *city = NULL;
	int ncounty = 0, ncity = 0;

	ev_norm(name, want, sizeof(want));
	if (!strip_suffix(want, "CITY"))
		bare(want);
	else if (!prefer_city)
		prefer_city = true;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(aliases[i].state, state) == 0 &&
		    strcmp(aliases[i].old_name, want) == 0)
			(void)snprintf(want, sizeof(want), "%s", aliases[i].name);
	if (want[0] == '\0')
		return NULL;
	for (size_t i = 0; i < p->n; i++) {
		const struct place *q = &p->p[i];

		if (q->is_state || strcmp(q->state, state) != 0 ||
		    strcmp(q->name, want) != 0)
			continue;
		if (q->is_city) {
			city = q->fips;
			ncity++;
		} else {
			county = q->fips;
			ncounty++;
		}
	}
	if (prefer_city && ncity == 1)
		return city;
	if (ncounty == 1)
		return county;
	if (ncounty == 0 && ncity == 1)
		return city;
	return NULL;
}

/* City-counties whose city bears the county's name (Census names). */
static const char *const consolidated[] = { "06075", "08031", "08014",
	"42101", "15003", NULL };

static bool
is_county_word(const char *w)
{
	static const char *const words[] = { "COUNTY", "CO", "CNTY", "CTY",
		"PARISH", NULL };

	for (size_t i = 0; words[i] != NULL; i++)
		if (strcmp(w, words[i]) == 0)
			return true;
	return false;
}

const char *
ev_places_facility(const struct ev_places *p, const char *state,
    const char *facility, const char *city, const char **how)
{
	char norm[256], *tok[48], cand[256];
	size_t nt = 0;
	const char *f;

	ev_norm(facility, norm, sizeof(norm));
	for (char *s = norm; *s != '\0' && nt < 48;) {
		tok[nt++] = s;
		s = strchr(s, ' ');
		if (s == NULL)
			break;
		*s++ = '\0';
	}
	for (size_t k = 1; k < nt; k++) {
		if (!is_county_word(tok[k]))
			continue;
		/* Longest name first: "CONTRA COSTA" before "COSTA". */
		for (size_t len = k < 4 ? k : 4; len >= 1; len--) {
			size_t o = 0;

			cand[0] = '\0';
			for (size_t i = k - len; i < k; i++) {
				int rc = snprintf(cand + o, sizeof(cand) - o,
				    "%s%s", o ? " " : "", tok[i]);

				if (rc < 0 || (size_t)rc >= sizeof(cand) - o)
					break;
				o += (size_t)rc;
			}
			f = ev_places_county(p, state, cand, false);
			if (f != NULL) {
				*how = "county name in facility name";
				return f;
			}
		}
	}
	if (city != NULL && city[0] != '\0') {
		f = ev_places_county(p, state, city, true);
		if (f != NULL) {
			for (size_t i = 0; i < p->n; i++)
				if (strcmp(p->p[i].fips, f) == 0 &&
				    p->p[i].is_city) {
					*how = "independent city";
					return f;
				}
			for (size_t i = 0; consolidated[i] != NULL; i++)
				if (strcmp(consolidated[i], f) == 0) {
					*how = "consolidated city-county";
					return f;
				}
		}
	}
	return NULL;
}

void
ev_unmatched(struct ev_import_stats *st, long line, const char *what)
{
	st->unmatched++;
	if (st->nsamples < EV_SAMPLES) {
		if (snprintf(st->samples[st->nsamples],
			sizeof(st->samples[0]), "line %ld: %s", line, what) < 0)
			st->samples[st->nsamples][0] = '\0';
		st->nsamples++;
	}
}

void
ev_json_str(struct buf *b, const char *s, size_t len)
{
	static const char hexd[] = "0123456789abcdef";
	size_t start = 0;

	buf_putc(b, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[7];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_append(b, s + start, i - start);
		start = i + 1;
		switch (c) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\t':
			esc = "\\t";
			break;
		default:
			memcpy(u, "\\u00", 4);
			u[4] = hexd[c >> 4];
			u[5] = hexd[c & 15];
			u[6] = '\0';
			esc = u;
			break;
		}
		buf_puts(b, esc);
	}
	buf_append(b, s + start, len - start);
	buf_putc(b, '"');
}
