/* SPDX-License-Identifier: ISC */
/*
 * Proposing, approving and returning findings (see casework_review.h).
 */
#include "casework/casework_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/cases.h"
#include "casework/casework_common.h"
#include "core/buf.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_cases.h"

/* Every provision of the ';'-separated list provs must exist. */
static enum at_err
provisions_exist(struct store *s, const char *provs, struct at_diag *d)
{
	for (const char *p = provs; p != NULL && *p != '\0';) {
		size_t n = strcspn(p, ";");
		char pid[80];
		bool found = false;
		enum at_err er;

		if (n == 0 || n >= sizeof(pid))
			return at_diag_set(d, AT_EINVAL, "provisions",
			    "\"%.*s\" is not a provision id", (int)(n > 60 ?
			    60 : n), p);
		(void)snprintf(pid, sizeof(pid), "%.*s", (int)n, p);
		er = store_record_exists(s, KIND_PROVISION, pid, &found);
		if (er == AT_OK && !found)
			er = at_diag_set(d, AT_EINVAL, "provisions",
			    "unknown provision \"%s\"", pid);
		if (er != AT_OK)
			return er;
		p += n;
		if (*p == ';')
			p++;
	}
	return AT_OK;
}

/* The engine's explanation of each condition of conds, appended. */
static void
explain_all(struct store *s, const struct rules_set *rs, const char *jur,
    const char *conds, struct at_date day, struct buf *out)
{
	for (const char *p = conds; p != NULL && *p != '\0';) {
		size_t n = strcspn(p, ";");
		char cid[80];
		char *e;

		(void)snprintf(cid, sizeof(cid), "%.*s", (int)n, p);
		e = casework_explain(s, rs, jur, cid, day);
		if (e != NULL) {
			buf_puts(out, e);
			free(e);
		}
		p += n;
		if (*p == ';')
			p++;
	}
}

/* An id as records have them: a letter or digit, then letters, digits,
 * '.', '_', ':' or '-'; it goes into paths and page anchors. */
static bool
id_ok(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > 80)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];
		bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != ':' &&
		    c != '-')))
			return false;
	}
	return true;
}

static int
count_one(void *ctx, const struct store_review *r)
{
	size_t *n = ctx;

	(void)r;
	(*n)++;
	return 0;
}

/* A free id for the next review of cert: CERT-R<n>. */
static enum at_err
next_id(struct store *s, const char *cert, char *out, size_t outn)
{
	size_t n = 0;
	enum at_err er = store_review_each(s, cert, count_one, &n);

	while (er == AT_OK) {
		struct store_review rv;

		(void)snprintf(out, outn, "%s-R%zu", cert, ++n);
		memset(&rv, 0, sizeof(rv));
		er = store_review_get(s, out, &rv);
		store_review_fini(&rv);
		if (er == AT_NOTFOUND)
			return AT_OK;
	}
	return er;
}

enum at_err
casework_review_propose(struct store *s, const struct rules_set *rs,
    const struct casework_proposal *p, char *id_out, size_t id_outn,
    char **explanation, struct at_diag *d)
{
	struct model_record *c = NULL;
	struct store_review rv;
	struct store_case cs;
	enum cases_finding f;
	char day[AT_DATE_LEN];
	struct buf expl;
	enum at_err er;
	const char *notice, *jur, *conds, *id = p->id;
	char idbuf[128];

	*explanation = NULL;
	memset(&cs, 0, sizeof(cs));
	buf_init(&expl, 256 * 1024);
	if (p->proposer == NULL || p->proposer[0] == '\0') {
		er = at_diag_set(d, AT_EINVAL, "proposer",
		    "a review needs a proposer");
		goto out;
	}
	if (p->finding == NULL || cases_finding_parse(p->finding, &f) !=
	    AT_OK) {
		er = at_diag_set(d, AT_EINVAL, "finding",
		    "\"%s\" is not a finding (complies, "
		    "possibly_noncompliant, insufficient, needs_information)",
		    p->finding != NULL ? p->finding : "");
		goto out;
	}
	at_date_format(p->day, day);
	er = store_record_get(s, KIND_CERTIFICATION,
	    p->certification != NULL ? p->certification : "", &c);
	if (er == AT_NOTFOUND)
		er = at_diag_set(d, AT_EINVAL, "certification",
		    "unknown certification \"%s\"",
		    p->certification != NULL ? p->certification : "");
	if (er != AT_OK)
		goto out;
	notice = casework_get(c, "notice");
	jur = casework_get(c, "jurisdiction");
	conds = casework_get(c, "conditions");
	if (id != NULL && id[0] != '\0' && !id_ok(id)) {
		er = at_diag_set(d, AT_EINVAL, "id",
		    "\"%.80s\" is not a valid id (letters, digits and . _ : - "
		    "only)", id);
		goto out;
	}
	er = provisions_exist(s, p->provisions, d);
	if (er != AT_OK)
		goto out;
	if (p->explain)
		explain_all(s, rs, jur, conds, p->day, &expl);
	memset(&rv, 0, sizeof(rv));
	rv.id = id;
	rv.certification = p->certification;
	rv.notice = notice;
	rv.finding = cases_finding_name(f);
	rv.provisions = p->provisions;
	rv.rationale = p->rationale;
	rv.explanation = buf_len(&expl) > 0 ? buf_str(&expl) : NULL;
	rv.proposer = p->proposer;
	rv.proposed_on = day;
	store_set_actor(s, p->proposer);
	er = store_begin(s);
	if (er != AT_OK)
		goto out;
	/* The next free id is read inside the write transaction (writers
	 * are serialised), so two servers proposing at once cannot both
	 * pick it and one fail with a conflict. */
	if (id == NULL || id[0] == '\0') {
		er = next_id(s, p->certification, idbuf, sizeof(idbuf));
		id = idbuf;
		rv.id = id;
	}
	if (er == AT_OK && notice != NULL) {
		er = store_case_get(s, notice, &cs);
		if (er == AT_OK &&
		    strcmp(cs.state, cases_state_name(CASES_RECEIVED)) == 0)
			er = casework_step(s, notice, CASES_EV_REVIEW, day, NULL,
			    NULL, NULL, NULL, p->certification, NULL, d);
		if (er == AT_NOTFOUND)
			er = AT_OK; /* an imported notice without a case */
		else if (er == AT_OK) {
			char why[160];

			(void)snprintf(why, sizeof(why), "%s: %s", id,
			    rv.finding);
			er = casework_step(s, notice, CASES_EV_PROPOSE, day,
			    NULL, NULL, NULL, why, id, NULL, d);
		}
	}
	if (er == AT_OK)
		er = store_review_insert(s, &rv);
	if (er == AT_CONFLICT && (d == NULL || d->msg[0] == '\0'))
		er = at_diag_set(d, AT_CONFLICT, "id",
		    "review \"%s\" already exists", id);
	if (er == AT_OK)
		er = store_commit(s);
	if (er != AT_OK) {
		store_rollback(s);
		goto out;
	}
	if (buf_len(&expl) > 0)
		*explanation = buf_detach(&expl, NULL);
	if (id_out != NULL)
		(void)snprintf(id_out, id_outn, "%s", id);
out:
	buf_fini(&expl);
	store_case_fini(&cs);
	model_record_free(c);
	return er;
}

enum at_err
casework_review_decide(struct store *s, const char *id, bool approve,
    const char *actor, struct at_date day, const char *reason,
    struct store_review *out, struct at_diag *d)
{
	char day_text[AT_DATE_LEN];
	enum at_err er;

	memset(out, 0, sizeof(*out));
	if (!approve && (reason == NULL || reason[0] == '\0'))
		return at_diag_set(d, AT_EINVAL, "reason",
		    "a returned finding needs a reason");
	at_date_format(day, day_text);
	er = store_review_get(s, id, out);
	if (er == AT_NOTFOUND)
		return at_diag_set(d, AT_NOTFOUND, "review", "no review \"%s\"",
		    id);
	if (er != AT_OK)
		return er;
	er = cases_review_decider_ok(out->proposer, actor, d);
	if (er != AT_OK)
		return er;
	if (strcmp(out->status, "proposed") != 0)
		return at_diag_set(d, AT_CONFLICT, "review",
		    "review %s was %s by %s on %s; it can be decided once",
		    out->id, out->status,
		    out->decider != NULL ? out->decider : "?",
		    out->decided_on != NULL ? out->decided_on : "?");
	store_set_actor(s, actor);
	er = store_begin(s);
	if (er == AT_OK)
		er = store_review_decide(s, out->id,
		    approve ? "approved" : "returned", actor, day_text, reason);
	if (er == AT_OK && out->notice != NULL) {
		char why[256];

		(void)snprintf(why, sizeof(why), "%s %s by %s%s%s", out->id,
		    approve ? "approved" : "returned", actor,
		    reason != NULL ? ": " : "", reason != NULL ? reason : "");
		er = casework_step(s, out->notice,
		    approve ? CASES_EV_APPROVE : CASES_EV_RETURN, day_text,
		    NULL, NULL, NULL, why, out->id, NULL, d);
		if (er == AT_NOTFOUND)
			er = AT_OK;
	}
	if (er == AT_OK)
		er = store_commit(s);
	if (er != AT_OK)
		store_rollback(s);
	return er;
}

static bool
determining_kind(const char *kind)
{
	return kind != NULL && (strcmp(kind, "determination") == 0 ||
	    strcmp(kind, "preliminary_finding") == 0 ||
	    strcmp(kind, "clearance") == 0);
}

/* The notice record of a determination answering n. */
static enum at_err
determination_record(struct store *s, const struct casework_determination *in,
    const struct model_record *n, const char *id, const char *day,
    struct model_record **out, struct at_diag *d)
{
	char src[256];

	(void)snprintf(src, sizeof(src), "attest determination by %s",
	    in->actor);
	{
		/* To the same jurisdiction, agency, conditions and awards. */
		const struct casework_field f[] = { { "id", id },
			{ "kind", in->kind }, { "date", day },
			{ "jurisdiction", casework_get(n, "jurisdiction") },
			{ "agency", casework_get(n, "agency") },
			{ "conditions", casework_get(n, "conditions") },
			{ "awards", casework_get(n, "awards") },
			{ "in_reply_to", model_record_id(n) },
			{ "summary", in->summary }, { "source", src } };

		return casework_record_make(s, KIND_NOTICE, f,
		    sizeof(f) / sizeof(f[0]), out, d);
	}
}

enum at_err
casework_review_determine(struct store *s,
    const struct casework_determination *in, char *id_out, size_t id_outn,
    struct at_diag *d)
{
	struct store_review rv;
	struct store_case cs;
	struct store_case_step st;
	struct model_record *n = NULL, *r = NULL;
	char day[AT_DATE_LEN], idbuf[128], why[160];
	const char *id = in->id;
	enum at_err er;

	memset(&rv, 0, sizeof(rv));
	memset(&cs, 0, sizeof(cs));
	if (!determining_kind(in->kind))
		return at_diag_set(d, AT_EINVAL, "kind",
		    "\"%s\" does not decide a case (determination, "
		    "preliminary_finding, clearance)",
		    in->kind != NULL ? in->kind : "");
	if (in->actor == NULL || in->actor[0] == '\0')
		return at_diag_set(d, AT_EINVAL, "actor",
		    "a determination needs an actor");
	at_date_format(in->day, day);
	er = store_review_get(s, in->review, &rv);
	if (er == AT_NOTFOUND)
		er = at_diag_set(d, AT_NOTFOUND, "review", "no review \"%s\"",
		    in->review);
	if (er != AT_OK)
		goto out;
	if (strcmp(rv.status, "approved") != 0 || rv.notice == NULL) {
		er = at_diag_set(d, AT_CONFLICT, "review",
		    rv.notice == NULL ? "review %s answers no notice, so there "
		    "is no case to determine" : "review %s is %s; only an "
		    "approved finding is determined", rv.id, rv.status);
		goto out;
	}
	er = store_case_get(s, rv.notice, &cs);
	if (er == AT_NOTFOUND)
		er = at_diag_set(d, AT_CONFLICT, "review",
		    "notice %s has no case to determine", rv.notice);
	if (er != AT_OK)
		goto out;
	if (strcmp(cs.state, cases_state_name(CASES_APPROVED)) != 0) {
		er = at_diag_set(d, AT_CONFLICT, "review",
		    "the case of notice %s is %s, not waiting for a "
		    "determination", rv.notice, cs.state);
		goto out;
	}
	er = store_record_get(s, KIND_NOTICE, rv.notice, &n);
	if (er != AT_OK)
		goto out;
	if (id == NULL || id[0] == '\0') {
		for (int k = 1; k < 1000; k++) {
			bool found = false;

			(void)snprintf(idbuf, sizeof(idbuf), "%s-D%d", rv.notice,
			    k);
			er = store_record_exists(s, KIND_NOTICE, idbuf, &found);
			if (er != AT_OK || !found)
				break;
		}
		if (er != AT_OK)
			goto out;
		id = idbuf;
	}
	er = determination_record(s, in, n, id, day, &r, d);
	if (er != AT_OK)
		goto out;
	store_set_actor(s, in->actor);
	er = store_begin(s);
	if (er == AT_OK)
		er = store_record_insert(s, r, d);
	if (er == AT_OK) {
		memset(&st, 0, sizeof(st));
		st.notice = id;
		st.event = "issue";
		st.to_state = cases_state_name(CASES_ISSUED);
		st.on_date = day;
		st.reason = in->kind;
		er = store_case_step(s, &st, NULL);
	}
	if (er == AT_OK) {
		(void)snprintf(why, sizeof(why), "%s %s after %s", in->kind,
		    id, rv.id);
		er = casework_step(s, rv.notice, CASES_EV_DETERMINE, day, NULL,
		    NULL, NULL, why, id, NULL, d);
	}
	if (er == AT_CONFLICT && (d == NULL || d->msg[0] == '\0'))
		er = at_diag_set(d, AT_CONFLICT, "id",
		    "notice \"%s\" already exists", id);
	if (er == AT_OK)
		er = store_commit(s);
	if (er != AT_OK)
		store_rollback(s);
	else if (id_out != NULL)
		(void)snprintf(id_out, id_outn, "%s", id);
out:
	model_record_free(n);
	model_record_free(r);
	store_case_fini(&cs);
	store_review_fini(&rv);
	return er;
}
