/* SPDX-License-Identifier: ISC */
/*
 * Actions on awards (see casework_action.h).
 */
#include "casework/casework_action.h"

#include <stdio.h>
#include <string.h>

#include "cases/cases.h"
#include "casework/casework_common.h"
#include "model/model.h"
#include "store/store.h"

bool
casework_action_adverse(const char *kind)
{
	return kind != NULL && (strcmp(kind, "withhold") == 0 ||
	    strcmp(kind, "deobligate") == 0 || strcmp(kind, "refer") == 0);
}

bool
casework_action_kind_ok(const char *kind)
{
	return casework_action_adverse(kind) ||
	    (kind != NULL && strcmp(kind, "release") == 0);
}

/* AT_DENIED naming the ruling when a condition of conds is not enforced
 * against jur on day. */
static enum at_err
enforced(struct store *s, const struct rules_set *rs,
    const struct casework_action *a, const char *jur, const char *conds,
    char *ruling, size_t rulingn, struct at_diag *d)
{
	struct casework_recs rulings;
	char day[AT_DATE_LEN];
	enum at_err er;

	at_date_format(a->day, day);
	er = casework_load(s, KIND_RULING, &rulings);
	if (er != AT_OK)
		return er;
	for (const char *p = conds; *p != '\0';) {
		size_t n = strcspn(p, ";");
		char cid[80], rid[80], why[600];

		(void)snprintf(cid, sizeof(cid), "%.*s", (int)n, p);
		if (casework_not_enforced(s, rs, &rulings, cid, jur, a->day,
		        rid, sizeof(rid), why, sizeof(why))) {
			if (ruling != NULL)
				(void)snprintf(ruling, rulingn, "%s", rid);
			er = at_diag_set(d, AT_DENIED, "condition",
			    "refused: %s of award %s: condition %s is not "
			    "enforced against %s on %s because of ruling %s "
			    "(%s)",
			    a->kind, a->award, cid, jur, day, rid, why);
			break;
		}
		p += n;
		if (*p == ';')
			p++;
	}
	casework_recs_fini(&rulings);
	return er;
}

/* The actions record of a, validated. */
static enum at_err
build(struct store *s, const struct casework_action *a, const char *jur,
    const char *conds, struct model_record **out, struct at_diag *d)
{
	char day[AT_DATE_LEN], src[256], first[80];
	const char *source = a->source;

	at_date_format(a->day, day);
	if (source == NULL) {
		(void)snprintf(src, sizeof(src), "attest action by %s",
		    a->actor);
		source = src;
	}
	/* The record names one condition: the first of conds (the
	 * action's own, else its notice's). */
	if (conds != NULL)
		(void)snprintf(first, sizeof(first), "%.*s",
		    (int)strcspn(conds, ";"), conds);
	{
		const struct casework_field f[] = { { "id", a->id },
			{ "kind", a->kind }, { "date", day },
			{ "jurisdiction", jur }, { "award", a->award },
			{ "condition", conds != NULL ? first : NULL },
			{ "amount", a->amount }, { "ruling", a->ruling },
			{ "summary", a->summary }, { "source", source } };

		return casework_record_make(s, KIND_ACTION, f,
		    sizeof(f) / sizeof(f[0]), out, d);
	}
}

/* A free id for a: KIND-AWARD-YYYYMMDD, then -2, -3 ... */
static enum at_err
next_id(struct store *s, const struct casework_action *a, char *out,
    size_t outn)
{
	for (int n = 1; n < 1000; n++) {
		bool found = false;
		enum at_err er;

		if (n == 1)
			(void)snprintf(out, outn, "%s-%s-%04d%02d%02d", a->kind,
			    a->award, a->day.year, a->day.month, a->day.day);
		else
			(void)snprintf(out, outn, "%s-%s-%04d%02d%02d-%d",
			    a->kind, a->award, a->day.year, a->day.month,
			    a->day.day, n);
		er = store_record_exists(s, KIND_ACTION, out, &found);
		if (er != AT_OK || !found)
			return er;
	}
	return AT_CONFLICT;
}

enum at_err
casework_action_take(struct store *s, const struct rules_set *rs,
    const struct casework_action *in, char *id_out, size_t id_outn,
    char *ruling, size_t rulingn, struct at_diag *d)
{
	struct casework_action act = *in;
	const struct casework_action *a = &act;
	char idbuf[200];
	struct model_record *r = NULL, *nrec = NULL, *arec = NULL,
	                    *agrec = NULL;
	char day[AT_DATE_LEN];
	const char *jur = a->jurisdiction, *conds;
	enum at_err er = AT_OK;

	if (ruling != NULL && rulingn > 0)
		ruling[0] = '\0';
	if (!casework_action_kind_ok(a->kind))
		return at_diag_set(d, AT_EINVAL, "kind",
		    "\"%s\" is not an action (withhold, release, deobligate, "
		    "refer)",
		    a->kind != NULL ? a->kind : "");
	if (a->award == NULL || a->award[0] == '\0')
		return at_diag_set(d, AT_EINVAL, "award",
		    "an action needs an award");
	if (a->actor == NULL || a->actor[0] == '\0')
		return at_diag_set(d, AT_EINVAL, "actor",
		    "an action needs an actor");
	at_date_format(a->day, day);
	if (a->notice != NULL) {
		er = store_record_get(s, KIND_NOTICE, a->notice, &nrec);
		if (er == AT_NOTFOUND)
			er = at_diag_set(d, AT_EINVAL, "notice",
			    "unknown notice \"%s\"", a->notice);
		if (er != AT_OK)
			goto out;
		if (jur == NULL)
			jur = casework_get(nrec, "jurisdiction");
	}
	if (jur == NULL) {
		er = at_diag_set(d, AT_EINVAL, "jurisdiction",
		    "give a jurisdiction or a notice");
		goto out;
	}
	/* The award must be the recipient's. */
	er = store_record_get(s, KIND_AWARD, a->award, &arec);
	if (er == AT_NOTFOUND)
		er = at_diag_set(d, AT_EINVAL, "award", "unknown award \"%s\"",
		    a->award);
	if (er != AT_OK)
		goto out;
	if (store_record_get(s, KIND_AGENCY, casework_get(arec, "agency"),
	        &agrec) == AT_OK &&
	    strcmp(casework_get(agrec, "jurisdiction"), jur) != 0) {
		er = at_diag_set(d, AT_EINVAL, "award",
		    "award %s is held by %s of jurisdiction %s, not %s",
		    a->award, model_record_id(agrec),
		    casework_get(agrec, "jurisdiction"), jur);
		goto out;
	}
	conds = a->condition != NULL ? a->condition
	                             : casework_get(nrec, "conditions");
	if (casework_action_adverse(a->kind)) {
		if (conds == NULL) {
			er = at_diag_set(d, AT_EINVAL, "condition",
			    "a %s must name the condition it enforces (a "
			    "condition, or a notice that names conditions)",
			    a->kind);
			goto out;
		}
		er = enforced(s, rs, a, jur, conds, ruling, rulingn, d);
		if (er != AT_OK)
			goto out;
	}
	store_set_actor(s, a->actor);
	er = store_begin(s);
	if (er != AT_OK)
		goto out;
	/* The next free id is read inside the write transaction (writers
	 * are serialised), so two servers acting at once cannot both pick
	 * it and one fail with a conflict. */
	if (act.id == NULL || act.id[0] == '\0') {
		er = next_id(s, a, idbuf, sizeof(idbuf));
		act.id = idbuf;
	}
	if (er == AT_OK)
		er = build(s, a, jur, conds, &r, d);
	if (er == AT_OK)
		er = store_record_insert(s, r, d);
	if (er == AT_OK && a->notice != NULL) {
		char why[200];

		/* A reason cut at 200 bytes is still a reason; looking at
		 * the result keeps -Wformat-truncation quiet at -O2. */
		if (snprintf(why, sizeof(why), "%s %s of award %s", a->kind,
			a->id, a->award) < 0)
			why[0] = '\0';
		er = casework_step(s, a->notice, CASES_EV_ACT, day, NULL, NULL,
		    NULL, why, a->id, NULL, d);
	}
	if (er == AT_OK)
		er = store_commit(s);
	if (er != AT_OK)
		store_rollback(s);
	else if (id_out != NULL)
		(void)snprintf(id_out, id_outn, "%s", act.id);
out:
	model_record_free(r);
	model_record_free(nrec);
	model_record_free(arec);
	model_record_free(agrec);
	return er;
}
