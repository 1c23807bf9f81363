/* SPDX-License-Identifier: ISC */
/*
 * A certification received (casework_certify.h).  Every check runs
 * before the transaction opens, so a refusal leaves the store as it
 * was; the writes then go in one transaction with their audit entries.
 */
#include "casework/casework_certify.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_common.h"
#include "core/date.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_cases.h"

/* The base name of a path, for the record. */
static const char *
base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s != NULL ? s + 1 : p;
}

/* Types that can carry a written legal opinion. */
static bool
is_document(const char *type)
{
	if (type == NULL)
		return false;
	return strcmp(type, "application/pdf") == 0 ||
	    strcmp(type, "text/plain") == 0 ||
	    strcmp(type, "application/rtf") == 0 ||
	    strcmp(type, "application/zip") == 0 ||
	    strcmp(type, "text/html") == 0;
}

/* The type a file name claims by its extension, or NULL when the name
 * claims none we can check.  Word and OpenDocument files are zip
 * archives, so their bytes sniff as application/zip. */
static const char *
claimed_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} map[] = {
		{ "pdf", "application/pdf" },
		{ "png", "image/png" },
		{ "jpg", "image/jpeg" },
		{ "jpeg", "image/jpeg" },
		{ "gif", "image/gif" },
		{ "zip", "application/zip" },
		{ "docx", "application/zip" },
		{ "odt", "application/zip" },
		{ "rtf", "application/rtf" },
		{ "html", "text/html" },
		{ "htm", "text/html" },
		{ "txt", "text/plain" },
	};
	const char *dot = strrchr(name, '.');

	if (dot == NULL || dot == name)
		return NULL;
	dot++;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		const char *a = dot, *b = map[i].ext;

		while (*a != '\0' && *b != '\0' &&
		    (*a == *b || *a == (char)(*b - 'a' + 'A'))) {
			a++;
			b++;
		}
		if (*a == '\0' && *b == '\0')
			return map[i].type;
	}
	return NULL;
}

enum at_err
casework_doc_check(const struct casework_doc *doc, const char **type,
    struct at_diag *d)
{
	const char *name, *claim, *got;

	*type = NULL;
	if (doc->role == NULL || (strcmp(doc->role, "legal_opinion") != 0 &&
	    strcmp(doc->role, "certification") != 0 &&
	    strcmp(doc->role, "attachment") != 0))
		return at_diag_set(d, AT_EINVAL, "role",
		    "a document is a legal_opinion, certification or "
		    "attachment");
	name = doc->name != NULL ? base(doc->name) : "";
	if (name[0] == '\0')
		return at_diag_set(d, AT_EINVAL, doc->role,
		    "the document has no file name");
	if (strlen(name) > 255)
		return at_diag_set(d, AT_EINVAL, doc->role,
		    "the file name is longer than 255 bytes");
	if (!text_is_clean(name, strlen(name), false))
		return at_diag_set(d, AT_EINVAL, doc->role,
		    "the file name is not clean UTF-8 text (no control "
		    "characters)");
	if (doc->len > CASES_DOC_MAX)
		return at_diag_set(d, AT_LIMIT, doc->role,
		    "%s is larger than the limit of %u bytes", name,
		    CASES_DOC_MAX);
	got = cases_sniff_type(doc->bytes, doc->len);
	claim = claimed_type(name);
	/* An empty file is nothing in particular; the name cannot lie. */
	/* Plain text and HTML tell themselves apart only by a guess at
	 * tags, so either name fits either. */
	if (claim != NULL && doc->len > 0 && strcmp(claim, got) != 0 &&
	    !(strncmp(claim, "text/", 5) == 0 && strncmp(got, "text/", 5) == 0))
		return at_diag_set(d, AT_EINVAL, doc->role,
		    "%s is named as %s but its bytes are %s", name, claim,
		    got);
	*type = got;
	return AT_OK;
}

/* The certification record from c; *r owned by the caller. */
static enum at_err
build(struct store *s, const struct casework_cert *c, const char *jur,
    const char *conds, bool has_opinion, struct model_record **out,
    struct at_diag *d)
{
	const struct casework_field f[] = { { "id", c->id },
		{ "jurisdiction", jur }, { "agency", c->agency },
		{ "notice", c->notice }, { "conditions", conds },
		{ "date", c->date }, { "signer", c->signer },
		{ "signer_title", c->signer_title },
		{ "authority", c->authority != NULL ? c->authority : "unknown" },
		{ "has_legal_opinion", has_opinion ? "yes" : "no" },
		{ "summary", c->summary }, { "source", c->source } };

	return casework_record_make(s, KIND_CERTIFICATION, f,
	    sizeof(f) / sizeof(f[0]), out, d);
}

/* What each claimed condition needs, from the conditions' records. */
static size_t
claims_of(struct store *s, const char *conds, struct cases_claim *claims,
    size_t max)
{
	size_t n = 0;

	for (const char *p = conds; p != NULL && *p != '\0' && n < max;) {
		size_t len = strcspn(p, ";");
		char cid[80];
		struct model_record *cr = NULL;

		(void)snprintf(cid, sizeof(cid), "%.*s", (int)len, p);
		if (store_record_get(s, KIND_CONDITION, cid, &cr) == AT_OK) {
			const char *ev = casework_get(cr, "evidence");

			claims[n].condition = xstrdup(cid);
			claims[n].evidence = ev != NULL ? xstrdup(ev) : NULL;
			n++;
			model_record_free(cr);
		}
		p += len;
		if (*p == ';')
			p++;
	}
	return n;
}

enum at_err
casework_certify(struct store *s, const struct casework_cert *c,
    struct casework_cert_result *res, struct at_diag *d)
{
	struct model_record *r = NULL, *nrec = NULL;
	const char *jur = c->jurisdiction, *conds = c->conditions;
	const char *types[CASEWORK_DOCS_MAX];
	char shas[CASEWORK_DOCS_MAX][CASES_SHA256_HEX];
	char why[1024] = "", opinion_note[300];
	struct cases_claim claims[16];
	size_t nclaims = 0;
	struct cases_submission sub;
	struct store_case cs;
	struct store_cert_check chk;
	struct casework_cert_result out;
	struct at_date day;
	struct casework_cert cw = *c;
	bool has_opinion = false, in_tx = false, has_case = false;
	enum at_err er;

	c = &cw;
	if ((cw.id == NULL || cw.id[0] == '\0') && cw.new_id != NULL &&
	    cw.notice != NULL) {
		/* A first choice to validate with; taken for good inside
		 * the transaction below. */
		er = casework_cert_new_id(s, cw.notice, cw.new_id,
		    cw.new_idn);
		if (er != AT_OK)
			return at_diag_set(d, er, "id", "no id could be made "
			    "for a certification of notice %s", cw.notice);
		cw.id = cw.new_id;
	}
	memset(&cs, 0, sizeof(cs));
	memset(&chk, 0, sizeof(chk));
	memset(&out, 0, sizeof(out));
	opinion_note[0] = '\0';
	if (c->id == NULL || c->id[0] == '\0')
		return at_diag_set(d, AT_EINVAL, "id", "an id is required");
	if (c->date == NULL || at_date_parse_str(c->date, &day) != AT_OK)
		return at_diag_set(d, AT_EINVAL, "date",
		    "the date must be YYYY-MM-DD");
	if (c->ndocs > CASEWORK_DOCS_MAX)
		return at_diag_set(d, AT_LIMIT, "documents",
		    "at most %d documents with one certification",
		    CASEWORK_DOCS_MAX);
	for (size_t i = 0; i < c->ndocs; i++) {
		er = casework_doc_check(&c->docs[i], &types[i], d);
		if (er != AT_OK)
			return er;
		cases_sha256_hex(c->docs[i].bytes, c->docs[i].len, shas[i]);
		if (strcmp(c->docs[i].role, "legal_opinion") == 0) {
			if (is_document(types[i]))
				has_opinion = true;
			else
				(void)snprintf(opinion_note,
				    sizeof(opinion_note),
				    "the file given as the legal opinion (%s) "
				    "is %s, not a document",
				    base(c->docs[i].name), types[i]);
		}
	}
	if (c->notice != NULL) {
		er = store_record_get(s, KIND_NOTICE, c->notice, &nrec);
		if (er == AT_NOTFOUND)
			er = at_diag_set(d, AT_EINVAL, "notice",
			    "unknown notice \"%s\"", c->notice);
		if (er != AT_OK)
			goto out;
		if (jur == NULL)
			jur = casework_get(nrec, "jurisdiction");
		if (conds == NULL)
			conds = casework_get(nrec, "conditions");
		if (jur != NULL && casework_get(nrec, "jurisdiction") != NULL &&
		    strcmp(jur, casework_get(nrec, "jurisdiction")) != 0) {
			er = at_diag_set(d, AT_EINVAL, "jurisdiction",
			    "notice %s was sent to %s, not %s", c->notice,
			    casework_get(nrec, "jurisdiction"), jur);
			goto out;
		}
	}
	if (jur == NULL) {
		er = at_diag_set(d, AT_EINVAL, "jurisdiction",
		    "give a notice or a jurisdiction");
		goto out;
	}
	if (c->only_jurisdiction != NULL &&
	    strcmp(c->only_jurisdiction, jur) != 0) {
		er = at_diag_set(d, AT_DENIED, "jurisdiction",
		    "you may certify only for your own jurisdiction");
		goto out;
	}
	er = build(s, c, jur, conds, has_opinion, &r, d);
	if (er != AT_OK)
		goto out;
	nclaims = claims_of(s, conds, claims, sizeof(claims) /
	    sizeof(claims[0]));
	sub.authority = casework_get(r, "authority");
	sub.has_opinion = has_opinion;
	sub.claims = claims;
	sub.nclaims = nclaims;
	out.complete = cases_certification_complete(&sub, why, sizeof(why));
	if (!out.complete && opinion_note[0] != '\0') {
		size_t l = strlen(why);

		(void)snprintf(why + l, sizeof(why) - l, " (%s)",
		    opinion_note);
	}
	chk.certification = c->id;
	chk.notice = c->notice;
	chk.on_time = -1;
	chk.complete = out.complete;
	chk.reason = out.complete ? NULL : why;
	if (c->notice != NULL) {
		const char *due_s = NULL;
		struct at_date due;

		er = store_case_get(s, c->notice, &cs);
		if (er == AT_OK) {
			has_case = true;
			due_s = cs.due_date;
		} else if (er == AT_NOTFOUND) {
			/* A notice loaded as history has no case: its own
			 * due date still says whether this is late. */
			due_s = casework_get(nrec, "due_date");
		} else
			goto out;
		if (due_s != NULL && at_date_parse_str(due_s, &due) == AT_OK) {
			int64_t late = cases_days_overdue(due, day);

			chk.due_date = due_s;
			chk.on_time = late > 0 ? 0 : 1;
			chk.days_late = late;
		}
	}
	if (chk.on_time < 0)
		(void)snprintf(out.summary, sizeof(out.summary),
		    "no due date");
	else if (chk.on_time)
		(void)snprintf(out.summary, sizeof(out.summary),
		    "on time (due %s)", chk.due_date);
	else
		(void)snprintf(out.summary, sizeof(out.summary),
		    "LATE by %lld days (due %s)", (long long)chk.days_late,
		    chk.due_date);
	if (!out.complete) {
		size_t l = strlen(out.summary);

		(void)snprintf(out.summary + l, sizeof(out.summary) - l,
		    "; INCOMPLETE: %s", why);
	}
	er = store_begin(s);
	in_tx = er == AT_OK;
	/* The next free id again, now that writers are serialised: another
	 * server may have taken the first choice meanwhile. */
	if (er == AT_OK && c->new_id != NULL && c->id == c->new_id) {
		er = casework_cert_new_id(s, c->notice, c->new_id,
		    c->new_idn);
		if (er == AT_OK)
			er = casework_set(r, "id", c->new_id, d);
	}
	if (er == AT_OK)
		er = store_record_insert(s, r, d);
	for (size_t i = 0; er == AT_OK && i < c->ndocs; i++) {
		struct store_document sd;

		memset(&sd, 0, sizeof(sd));
		sd.certification = c->id;
		sd.role = c->docs[i].role;
		sd.name = base(c->docs[i].name);
		sd.size = (int64_t)c->docs[i].len;
		sd.type = types[i];
		sd.sha256 = shas[i];
		sd.bytes = c->docs[i].bytes;
		sd.len = c->docs[i].len;
		er = store_document_insert(s, &sd);
	}
	if (er == AT_OK)
		er = store_cert_check_insert(s, &chk);
	if (er == AT_OK && has_case)
		er = casework_step(s, c->notice, CASES_EV_RECEIVE, c->date,
		    NULL, NULL, NULL, out.summary, c->id, NULL, d);
	if (er == AT_OK)
		er = store_commit(s);
	if (er != AT_OK)
		goto out;
	in_tx = false;
	(void)snprintf(out.jurisdiction, sizeof(out.jurisdiction), "%s", jur);
	out.on_time = chk.on_time;
	out.days_late = chk.days_late;
	out.ndocs = c->ndocs;
	for (size_t i = 0; i < c->ndocs; i++) {
		(void)snprintf(out.docs[i].name, sizeof(out.docs[i].name),
		    "%s", base(c->docs[i].name));
		out.docs[i].type = types[i];
		memcpy(out.docs[i].sha, shas[i], CASES_SHA256_HEX);
		out.docs[i].len = c->docs[i].len;
	}
	*res = out;
out:
	if (in_tx)
		store_rollback(s);
	if (er == AT_CONFLICT && d != NULL && d->msg[0] == '\0')
		(void)at_diag_set(d, AT_CONFLICT, "id",
		    "certification \"%s\" exists already", c->id);
	for (size_t i = 0; i < nclaims; i++) {
		free((void *)(uintptr_t)claims[i].condition);
		free((void *)(uintptr_t)claims[i].evidence);
	}
	store_case_fini(&cs);
	model_record_free(r);
	model_record_free(nrec);
	return er;
}

enum at_err
casework_cert_new_id(struct store *s, const char *notice, char *out,
    size_t n)
{
	for (int i = 1; i < 1000; i++) {
		struct model_record *r = NULL;
		enum at_err er;
		int rc = snprintf(out, n, "%s-C%d", notice, i);

		if (rc < 0 || (size_t)rc >= n)
			return AT_LIMIT;
		er = store_record_get(s, KIND_CERTIFICATION, out, &r);
		model_record_free(r);
		if (er == AT_NOTFOUND)
			return AT_OK;
		if (er != AT_OK)
			return er;
	}
	return AT_LIMIT;
}
