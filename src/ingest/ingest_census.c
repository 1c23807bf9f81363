/* SPDX-License-Identifier: ISC */
/*
 * Jurisdictions from the Census Bureau's FIPS lists as they are
 * published (the three layouts in ../shared/data), and from the
 * us-atlas TopoJSON (Census cartographic boundaries), whose geometries
 * carry each state's and county's FIPS id and name.
 *
 * The Census files give integer codes without leading zeros (1001 for
 * 01001); they are padded here.  A county implies its state: when the
 * state is not in the database yet it is inserted first, so the county
 * file loads on its own.
 */
#include "ingest/ingest_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/parse.h"
#include "model/model.h"
#include "store/store.h"

static bool
is(const char *const *names, size_t n, size_t i, const char *want)
{
	return i < n && strcmp(names[i], want) == 0;
}

enum ingest_format
ingest_census_detect(const char *const *names, size_t n)
{
	if (is(names, n, 0, "fips") && is(names, n, 1, "county_name") &&
	    is(names, n, 2, "state_abbr") && is(names, n, 3, "state_name"))
		return INGEST_CENSUS_COUNTY;
	if (is(names, n, 0, "state_name") && is(names, n, 1, "state_abbr") &&
	    is(names, n, 3, "fips"))
		return INGEST_CENSUS_STATE;
	if (n == 3 && is(names, n, 0, "fips") && is(names, n, 1, "name") &&
	    is(names, n, 2, "state"))
		return INGEST_CENSUS_BOTH;
	return INGEST_ATTEST_CSV;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Kind of a county-level unit from its Census name. */
static const char *
county_kind(const char *fips5, const char *name)
{
	if (strcmp(fips5, "11001") == 0)
		return "district";
	if (ends_with(name, " Parish"))
		return "parish";
	if (ends_with(name, " Borough") || ends_with(name, " Municipality"))
		return "borough";
	if (ends_with(name, " city"))
		return "city";
	return "county";
}

static const char *
state_kind(const char *fips2)
{
	if (strcmp(fips2, "11") == 0)
		return "district";
	if (strcmp(fips2, "56") > 0)
		return "territory";
	return "state";
}

/* Pad an integer code to width digits. */
static enum at_err
pad_code(struct ingest *in, const char *v, int width, char *out, size_t n)
{
	int64_t code;
	int64_t max = width == 2 ? 99 : 99999;
	int rc;

	if (parse_i64(v, strlen(v), 0, max, &code) != AT_OK)
		return at_diag_set(in->d, AT_EINVAL, "fips",
		    "\"%s\" is not a %d-digit FIPS code", v, width);
	rc = snprintf(out, n, "%0*lld", width, (long long)code);
	if (rc < 0 || (size_t)rc >= n)
		return AT_LIMIT;
	return AT_OK;
}

static enum at_err
set(struct ingest *in, struct model_record *r, const char *field,
    const char *v)
{
	int i = model_field_index(KIND_JURISDICTION, field);

	if (i < 0)
		abort();
	return model_record_set(r, (size_t)i, v, strlen(v), in->d);
}

/*
 * Insert one jurisdiction built from name, kind and parent.  These
 * lists are reference data that overlap (the county file repeats the
 * District of Columbia; the combined file repeats the states), so a code
 * already present is counted as skipped rather than refused.
 */
static enum at_err
put_jurisdiction(struct ingest *in, const char *id, const char *name,
    const char *kind, const char *parent, const char *source)
{
	struct model_record *r;
	enum at_err er;
	bool found = false;

	er = store_record_exists(in->store, KIND_JURISDICTION, id, &found);
	if (er != AT_OK)
		return er;
	if (found) {
		in->stats->skipped++;
		return AT_OK;
	}
	r = model_record_new(KIND_JURISDICTION);
	er = set(in, r, "id", id);
	if (er == AT_OK)
		er = set(in, r, "name", name);
	if (er == AT_OK)
		er = set(in, r, "kind", kind);
	if (er == AT_OK && parent != NULL)
		er = set(in, r, "parent", parent);
	if (er == AT_OK)
		er = set(in, r, "source", source);
	if (er == AT_OK)
		er = set(in, r, "confidence", "verified");
	if (er == AT_OK)
		er = model_record_validate(r, store_exists_cb, in->store,
		    in->d);
	if (er == AT_OK)
		er = ingest_insert(in, r);
	model_record_free(r);
	return er;
}

static enum at_err
ensure_state(struct ingest *in, const char *fips2, const char *name,
    const char *source)
{
	return put_jurisdiction(in, fips2, name, state_kind(fips2), NULL,
	    source);
}

/* "NEW MEXICO" -> "New Mexico"; "DISTRICT OF COLUMBIA" -> "District of
 * Columbia". */
static void
title_case(const char *s, char *out, size_t n)
{
	size_t i = 0;
	bool start = true;

	for (; s[i] != '\0' && i + 1 < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z' && !start)
			c = (char)(c - 'A' + 'a');
		out[i] = c;
		start = c == ' ' || c == '-' || c == '.';
	}
	out[i] = '\0';
	if (strncmp(out, "District Of ", 12) == 0)
		out[9] = 'o';
}

enum at_err
ingest_census_row(struct ingest *in, const char *const *v, size_t n)
{
	char id[8], st[3], source[300], name[128];
	enum at_err er;
	int rc;

	rc = snprintf(source, sizeof(source),
	    "US Census Bureau FIPS codes (%s)", base_name(in->path));
	if (rc < 0 || (size_t)rc >= sizeof(source))
		return AT_LIMIT;
	switch (in->stats->format) {
	case INGEST_CENSUS_COUNTY:
		if (n < 4)
			return at_diag_set(in->d, AT_EINVAL, "", "short row");
		er = pad_code(in, v[0], 5, id, sizeof(id));
		if (er != AT_OK)
			return er;
		memcpy(st, id, 2);
		st[2] = '\0';
		if (model_state_abbr(st) == NULL ||
		    strcmp(model_state_abbr(st), v[2]) != 0)
			return at_diag_set(in->d, AT_EINVAL, "state_abbr",
			    "\"%s\" does not match the state of FIPS %s", v[2],
			    id);
		er = ensure_state(in, st, v[3], source);
		if (er != AT_OK)
			return er;
		return put_jurisdiction(in, id, v[1], county_kind(id, v[1]),
		    st, source);
	case INGEST_CENSUS_STATE:
		if (n < 4)
			return at_diag_set(in->d, AT_EINVAL, "", "short row");
		er = pad_code(in, v[3], 2, st, sizeof(st));
		if (er != AT_OK)
			return er;
		return put_jurisdiction(in, st, v[0], state_kind(st), NULL,
		    source);
	case INGEST_CENSUS_BOTH:
		if (n < 3)
			return at_diag_set(in->d, AT_EINVAL, "", "short row");
		er = pad_code(in, v[0], 5, id, sizeof(id));
		if (er != AT_OK)
			return er;
		if (strcmp(id, "00000") == 0) {
			in->stats->skipped++; /* the national total */
			return AT_OK;
		}
		memcpy(st, id, 2);
		st[2] = '\0';
		if (strcmp(id + 2, "000") == 0) {
			title_case(v[1], name, sizeof(name));
			return put_jurisdiction(in, st, name, state_kind(st),
			    NULL, source);
		}
		if (model_state_abbr(st) == NULL ||
		    strcmp(model_state_abbr(st), v[2]) != 0)
			return at_diag_set(in->d, AT_EINVAL, "state",
			    "\"%s\" does not match the state of FIPS %s", v[2],
			    id);
		return put_jurisdiction(in, id, v[1], county_kind(id, v[1]),
		    st, source);
	case INGEST_ATTEST_CSV:
	case INGEST_TOPOJSON:
	default:
		abort();
	}
}

/* Name and kind of a us-atlas county: the atlas gives bare names
 * ("Cook"), so the Census suffix is restored from the state's usage.
 * Independent cities (county codes 510 and up in Virginia, Maryland,
 * Missouri and Nevada) are cities. */
static void
atlas_county(const char *id, const char *bare, char *name, size_t n,
    const char **kind)
{
	char st[3] = { id[0], id[1], '\0' };
	const char *suffix = " County";
	int rc;

	*kind = "county";
	if (strcmp(id, "11001") == 0) {
		*kind = "district";
		suffix = "";
	} else if (strcmp(st, "22") == 0) {
		*kind = "parish";
		suffix = " Parish";
	} else if (strcmp(st, "02") == 0) {
		*kind = "borough";
		suffix = "";
	} else if (strcmp(st, "72") == 0 || strcmp(st, "78") == 0 ||
	    strcmp(st, "60") == 0 || strcmp(st, "66") == 0 ||
	    strcmp(st, "69") == 0) {
		suffix = "";
	} else if ((strcmp(st, "51") == 0 || strcmp(st, "24") == 0 ||
		       strcmp(st, "29") == 0 || strcmp(st, "32") == 0) &&
	    strcmp(id + 2, "510") >= 0) {
		*kind = "city";
		suffix = strcmp(id, "32510") == 0 ? "" : " city";
	}
	rc = snprintf(name, n, "%s%s", bare, suffix);
	if (rc < 0)
		name[0] = '\0';
}

static enum at_err
atlas_object(struct ingest *in, json_t *root, const char *object,
    bool counties, const char *source)
{
	json_t *geoms;
	size_t i;
	json_t *g;

	geoms = json_object_get(json_object_get(json_object_get(root,
					  "objects"), object), "geometries");
	if (!json_is_array(geoms))
		return at_diag_set(in->d, AT_EINVAL, object,
		    "TopoJSON has no objects.%s.geometries array", object);
	json_array_foreach(geoms, i, g) {
		const char *id = json_string_value(json_object_get(g, "id"));
		const char *bare = json_string_value(json_object_get(
		    json_object_get(g, "properties"), "name"));
		char name[160];
		const char *kind;
		enum at_err er;

		in->stats->rows++;
		if (id == NULL || bare == NULL) {
			in->stats->skipped++; /* unnamed features */
			continue;
		}
		if (!counties) {
			er = put_jurisdiction(in, id, bare,
			    strlen(id) == 2 ? state_kind(id) : "state", NULL,
			    source);
		} else {
			char st[3] = { id[0], '\0', '\0' };

			if (strlen(id) != 5)
				return at_diag_set(in->d, AT_EINVAL, "id",
				    "county id \"%s\" is not 5 digits", id);
			st[1] = id[1];
			atlas_county(id, bare, name, sizeof(name), &kind);
			er = put_jurisdiction(in, id, name, kind, st, source);
		}
		if (er != AT_OK) {
			if (in->d != NULL && in->d->msg[0] != '\0') {
				char msg[sizeof(in->d->msg)];

				memcpy(msg, in->d->msg, sizeof(msg));
				(void)snprintf(in->d->msg, sizeof(in->d->msg),
				    "objects.%s[%zu]: %.400s", object, i, msg);
			}
			return er;
		}
	}
	return AT_OK;
}

enum at_err
ingest_topojson(struct ingest *in, FILE *f)
{
	json_t *root;
	json_error_t jerr;
	enum at_err er;
	char source[300];
	int rc;

	root = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		if (in->d != NULL)
			in->d->line = jerr.line;
		return at_diag_set(in->d, AT_EINVAL, "", "bad JSON: %s",
		    jerr.text);
	}
	rc = snprintf(source, sizeof(source),
	    "US Census Bureau cartographic boundaries via us-atlas (%s)",
	    base_name(in->path));
	if (rc < 0 || (size_t)rc >= sizeof(source)) {
		json_decref(root);
		return AT_LIMIT;
	}
	er = atlas_object(in, root, "states", false, source);
	if (er == AT_OK && json_object_get(json_object_get(root, "objects"),
			       "counties") != NULL)
		er = atlas_object(in, root, "counties", true, source);
	json_decref(root);
	return er;
}
