/* SPDX-License-Identifier: ISC */
/*
 * Entity descriptors and validation (see model.h).  The field lists here
 * are the schema: the store's tables and statements, the CSV headers and
 * the JSON output follow them, and a unit test checks the store agrees.
 */
#include "model/model.h"

#include <stdlib.h>
#include <string.h>

#include "core/parse.h"
#include "core/xalloc.h"

#define ID_MAX	 64
#define NAME_MAX 300
#define LINE_MAX_ 2000
#define TEXT_MAX 20000
#define LIST_MAX 4000

static const char *const confidence_choices[] = { "verified", "reported",
	"unverified", NULL };

#define F_SOURCE                                                         \
	{ "source", FT_TEXT, true, LINE_MAX_, 0, NULL, 0, 0,             \
		"document or address the fact comes from" }
#define F_CONFIDENCE                                                     \
	{ "confidence", FT_ENUM, false, 16, 0, confidence_choices, 0, 0, \
		"verified, reported or unverified" }
#define F_VALID_FROM                                                     \
	{ "valid_from", FT_DATE, false, 10, 0, NULL, 0, 0,               \
		"first day the fact holds" }
#define F_VALID_TO                                                       \
	{ "valid_to", FT_DATE, false, 10, 0, NULL, 0, 0,                 \
		"first day the fact no longer holds (exclusive)" }

static const char *const jur_kinds[] = { "state", "district", "territory",
	"county", "parish", "borough", "city", "town", "village",
	"consolidated", "tribal", NULL };

static const struct model_field jur_fields[] = {
	{ "id", FT_FIPS, true, 7, 0, NULL, 0, 0,
	    "FIPS code: state 2 digits, county 5, place 7 (state + place)" },
	{ "name", FT_TEXT, true, NAME_MAX, 0, NULL, 0, 0, "official name" },
	{ "kind", FT_ENUM, true, 16, 0, jur_kinds, 0, 0, "kind of government" },
	{ "parent", FT_REF, false, 7, KIND_JURISDICTION, NULL, 0, 0,
	    "FIPS code of the enclosing jurisdiction" },
	{ "also_in", FT_REFLIST, false, 64, KIND_JURISDICTION, NULL, 0, 0,
	    "other counties the jurisdiction spans" },
	F_VALID_FROM, F_VALID_TO, F_SOURCE, F_CONFIDENCE,
};

static const char *const agency_kinds[] = { "police", "sheriff",
	"corrections", "state_administering", "executive", "legal",
	"legislature", "court", "other", NULL };

static const struct model_field agency_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0, "readable id, e.g. CA-BSCC" },
	{ "jurisdiction", FT_REF, true, 7, KIND_JURISDICTION, NULL, 0, 0,
	    "FIPS code of the government the agency belongs to" },
	{ "name", FT_TEXT, true, NAME_MAX, 0, NULL, 0, 0, "name" },
	{ "kind", FT_ENUM, true, 24, 0, agency_kinds, 0, 0, "kind of agency" },
	{ "officer_title", FT_TEXT, false, NAME_MAX, 0, NULL, 0, 0,
	    "title of the officer letters go to" },
	{ "officer_name", FT_TEXT, false, NAME_MAX, 0, NULL, 0, 0,
	    "name of that officer" },
	F_VALID_FROM, F_VALID_TO, F_SOURCE, F_CONFIDENCE,
};

static const struct model_field program_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0, "readable id, e.g. JAG" },
	{ "name", FT_TEXT, true, NAME_MAX, 0, NULL, 0, 0, "program name" },
	{ "listing", FT_TEXT, true, 6, 0, NULL, 0, 0,
	    "assistance listing number NN.NNN" },
	{ "federal_agency", FT_TEXT, false, NAME_MAX, 0, NULL, 0, 0,
	    "administering federal office" },
	F_SOURCE, F_CONFIDENCE,
};

static const struct model_field award_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0,
	    "award number (FAIN), e.g. 2016-DJ-BX-0446" },
	{ "program", FT_REF, true, ID_MAX, KIND_PROGRAM, NULL, 0, 0,
	    "program id" },
	{ "agency", FT_REF, true, ID_MAX, KIND_AGENCY, NULL, 0, 0,
	    "recipient agency id" },
	{ "fiscal_year", FT_INT, true, 4, 0, NULL, 1990, 2100, "fiscal year" },
	{ "amount", FT_CENTS, false, 24, 0, NULL, 0, 0,
	    "amount in dollars; empty when unknown" },
	{ "award_date", FT_DATE, false, 10, 0, NULL, 0, 0, "date awarded" },
	{ "start_date", FT_DATE, false, 10, 0, NULL, 0, 0,
	    "project period start" },
	{ "end_date", FT_DATE, false, 10, 0, NULL, 0, 0, "project period end" },
	F_SOURCE, F_CONFIDENCE,
};

static const char *const req_kinds[] = { "statute", "condition",
	"executive_order", "regulation", NULL };

static const struct model_field requirement_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0,
	    "readable id, e.g. USC-8-1373-a" },
	{ "citation", FT_TEXT, true, NAME_MAX, 0, NULL, 0, 0,
	    "citation, e.g. 8 U.S.C. 1373(a)" },
	{ "title", FT_TEXT, true, NAME_MAX, 0, NULL, 0, 0, "short title" },
	{ "kind", FT_ENUM, true, 20, 0, req_kinds, 0, 0, "kind of source" },
	{ "text", FT_LONGTEXT, false, TEXT_MAX, 0, NULL, 0, 0, "text" },
	F_VALID_FROM, F_VALID_TO, F_SOURCE, F_CONFIDENCE,
};

static const char *const evidence_kinds[] = { "legal_opinion",
	"clo_certification", "policy_in_place", "questionnaire", "none", NULL };

static const struct model_field condition_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0,
	    "readable id, e.g. JAG-FY2016-1373" },
	{ "program", FT_REF, true, ID_MAX, KIND_PROGRAM, NULL, 0, 0,
	    "program id" },
	{ "fiscal_year", FT_INT, true, 4, 0, NULL, 1990, 2100, "fiscal year" },
	{ "number", FT_TEXT, false, 32, 0, NULL, 0, 0,
	    "number in the award document, e.g. 55 or 52-53" },
	{ "title", FT_TEXT, true, NAME_MAX, 0, NULL, 0, 0, "short title" },
	{ "text", FT_LONGTEXT, false, TEXT_MAX, 0, NULL, 0, 0,
	    "text or summary of the condition" },
	{ "requirements", FT_REFLIST, false, LIST_MAX, KIND_REQUIREMENT, NULL,
	    0, 0, "requirement ids the condition imposes" },
	{ "evidence", FT_ENUM, false, 24, 0, evidence_kinds, 0, 0,
	    "what a recipient must submit" },
	{ "due_date", FT_DATE, false, 10, 0, NULL, 0, 0,
	    "date the evidence is due" },
	F_VALID_FROM, F_VALID_TO, F_SOURCE, F_CONFIDENCE,
};

static const char *const policy_kinds[] = { "statute", "ordinance",
	"executive_order", "resolution", "directive", "policy", "practice",
	"charter", NULL };

static const struct model_field policy_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0, "readable id" },
	{ "jurisdiction", FT_REF, true, 7, KIND_JURISDICTION, NULL, 0, 0,
	    "FIPS code of the government that made it" },
	{ "kind", FT_ENUM, true, 20, 0, policy_kinds, 0, 0, "kind of policy" },
	{ "title", FT_TEXT, true, NAME_MAX, 0, NULL, 0, 0, "title" },
	{ "citation", FT_TEXT, true, NAME_MAX, 0, NULL, 0, 0,
	    "citation, e.g. Chicago Municipal Code 2-173" },
	{ "adopted", FT_DATE, false, 10, 0, NULL, 0, 0, "date adopted" },
	{ "binds", FT_REFLIST, false, LIST_MAX, KIND_AGENCY, NULL, 0, 0,
	    "agency ids it binds; empty = every agency of the jurisdiction" },
	{ "supersedes", FT_REF, false, ID_MAX, KIND_POLICY, NULL, 0, 0,
	    "policy this version replaces" },
	{ "url", FT_URL, false, LINE_MAX_, 0, NULL, 0, 0, "where to read it" },
	F_VALID_FROM, F_VALID_TO, F_SOURCE, F_CONFIDENCE,
};

static const char *const provision_types[] = { "P01", "P02", "P03", "P04",
	"P05", "P06", "P07", "P08", "P09", "P10", "P11", "P12", "P13", "P14",
	"P15", "P16", "P17", "P18", "P19", "P20", NULL };
static const char *const excerpt_kinds[] = { "quoted", "described", NULL };

static const struct model_field provision_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0, "readable id" },
	{ "policy", FT_REF, true, ID_MAX, KIND_POLICY, NULL, 0, 0, "policy id" },
	{ "type", FT_ENUM, true, 3, 0, provision_types, 0, 0,
	    "provision type P01-P20 (DESIGN.md section 3)" },
	{ "section", FT_TEXT, false, NAME_MAX, 0, NULL, 0, 0,
	    "section of the policy" },
	{ "excerpt", FT_LONGTEXT, false, TEXT_MAX, 0, NULL, 0, 0,
	    "short quotation or description" },
	{ "excerpt_kind", FT_ENUM, false, 10, 0, excerpt_kinds, 0, 0,
	    "quoted or described" },
	{ "scope", FT_REFLIST, false, LIST_MAX, KIND_AGENCY, NULL, 0, 0,
	    "agency ids it reaches; empty = all the policy binds" },
	{ "exceptions", FT_TEXT, false, LINE_MAX_, 0, NULL, 0, 0,
	    "exceptions it states" },
	F_VALID_FROM, F_VALID_TO, F_SOURCE, F_CONFIDENCE,
};

static const char *const ruling_kinds[] = { "preliminary_injunction",
	"permanent_injunction", "appellate", "stay", "vacatur", "dismissal",
	"agency_notice", "order", NULL };
static const char *const ruling_scopes[] = { "named_plaintiffs", "members",
	"state_and_subdivisions", "nationwide", "none", NULL };

static const struct model_field ruling_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0, "readable id" },
	{ "case_name", FT_TEXT, true, NAME_MAX, 0, NULL, 0, 0, "case name" },
	{ "court", FT_TEXT, true, NAME_MAX, 0, NULL, 0, 0,
	    "court, or the agency for a notice" },
	{ "docket", FT_TEXT, false, NAME_MAX, 0, NULL, 0, 0, "docket number" },
	{ "date", FT_DATE, true, 10, 0, NULL, 0, 0, "date of the order" },
	{ "kind", FT_ENUM, true, 24, 0, ruling_kinds, 0, 0, "kind of order" },
	{ "conditions", FT_REFLIST, false, LIST_MAX, KIND_CONDITION, NULL, 0, 0,
	    "condition ids it reaches" },
	{ "scope", FT_ENUM, true, 24, 0, ruling_scopes, 0, 0, "whom it covers" },
	{ "plaintiffs", FT_REFLIST, false, LIST_MAX, KIND_JURISDICTION, NULL,
	    0, 0, "jurisdiction ids covered by name" },
	{ "members_of", FT_TEXT, false, NAME_MAX, 0, NULL, 0, 0,
	    "association whose members are covered" },
	{ "target", FT_REF, false, ID_MAX, KIND_RULING, NULL, 0, 0,
	    "ruling this one stays, narrows, affirms or reverses" },
	{ "superseded_by", FT_REF, false, ID_MAX, KIND_RULING, NULL, 0, 0,
	    "ruling that replaced it" },
	{ "summary", FT_LONGTEXT, false, TEXT_MAX, 0, NULL, 0, 0, "holding" },
	F_VALID_FROM, F_VALID_TO, F_SOURCE, F_CONFIDENCE,
};

static const char *const directive_kinds[] = { "executive_order",
	"memorandum", "guidance", "list", "legal_notice", NULL };

static const struct model_field directive_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0, "readable id, e.g. EO-13768" },
	{ "kind", FT_ENUM, true, 16, 0, directive_kinds, 0, 0, "kind" },
	{ "title", FT_TEXT, true, NAME_MAX, 0, NULL, 0, 0, "title" },
	{ "citation", FT_TEXT, false, NAME_MAX, 0, NULL, 0, 0,
	    "citation, e.g. 82 FR 8799" },
	{ "date", FT_DATE, true, 10, 0, NULL, 0, 0, "date signed or issued" },
	{ "revoked_by", FT_REF, false, ID_MAX, KIND_DIRECTIVE, NULL, 0, 0,
	    "directive that revoked it" },
	{ "url", FT_URL, false, LINE_MAX_, 0, NULL, 0, 0, "where to read it" },
	F_VALID_FROM, F_VALID_TO, F_SOURCE, F_CONFIDENCE,
};

static const struct model_field designation_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0, "readable id" },
	{ "directive", FT_REF, true, ID_MAX, KIND_DIRECTIVE, NULL, 0, 0,
	    "list or order that names the jurisdiction" },
	{ "jurisdiction", FT_REF, true, 7, KIND_JURISDICTION, NULL, 0, 0,
	    "FIPS code" },
	{ "date", FT_DATE, true, 10, 0, NULL, 0, 0, "date of the list" },
	{ "label", FT_TEXT, false, NAME_MAX, 0, NULL, 0, 0,
	    "the label as the list gives it" },
	F_VALID_FROM, F_VALID_TO, F_SOURCE, F_CONFIDENCE,
};

static const char *const notice_kinds[] = { "certification_request",
	"preliminary_finding", "clearance", "document_demand", "determination",
	"extension", "other", NULL };

static const struct model_field notice_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0, "readable id" },
	{ "kind", FT_ENUM, true, 24, 0, notice_kinds, 0, 0, "kind of notice" },
	{ "date", FT_DATE, true, 10, 0, NULL, 0, 0, "date sent" },
	{ "jurisdiction", FT_REF, true, 7, KIND_JURISDICTION, NULL, 0, 0,
	    "FIPS code of the recipient" },
	{ "agency", FT_REF, false, ID_MAX, KIND_AGENCY, NULL, 0, 0,
	    "recipient agency id" },
	{ "sender", FT_TEXT, false, NAME_MAX, 0, NULL, 0, 0,
	    "sender's name and title" },
	{ "conditions", FT_REFLIST, false, LIST_MAX, KIND_CONDITION, NULL, 0, 0,
	    "condition ids it concerns" },
	{ "awards", FT_REFLIST, false, LIST_MAX, KIND_AWARD, NULL, 0, 0,
	    "award numbers it concerns" },
	{ "due_date", FT_DATE, false, 10, 0, NULL, 0, 0, "response due" },
	{ "due_rule", FT_TEXT, false, NAME_MAX, 0, NULL, 0, 0,
	    "how the due date was set, e.g. fixed or 70 calendar days" },
	{ "in_reply_to", FT_REF, false, ID_MAX, KIND_NOTICE, NULL, 0, 0,
	    "earlier notice it follows" },
	{ "summary", FT_LONGTEXT, false, TEXT_MAX, 0, NULL, 0, 0, "summary" },
	F_SOURCE, F_CONFIDENCE,
};

static const char *const authority_kinds[] = { "legal_counsel",
	"chief_legal_officer", "executive", "other", "unknown", NULL };

static const struct model_field certification_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0, "readable id" },
	{ "jurisdiction", FT_REF, true, 7, KIND_JURISDICTION, NULL, 0, 0,
	    "FIPS code of the certifying government" },
	{ "agency", FT_REF, false, ID_MAX, KIND_AGENCY, NULL, 0, 0,
	    "submitting agency id" },
	{ "notice", FT_REF, false, ID_MAX, KIND_NOTICE, NULL, 0, 0,
	    "notice it answers" },
	{ "conditions", FT_REFLIST, false, LIST_MAX, KIND_CONDITION, NULL, 0, 0,
	    "condition ids it certifies" },
	{ "date", FT_DATE, true, 10, 0, NULL, 0, 0, "date submitted" },
	{ "signer", FT_TEXT, false, NAME_MAX, 0, NULL, 0, 0, "who signed" },
	{ "signer_title", FT_TEXT, false, NAME_MAX, 0, NULL, 0, 0,
	    "signer's title" },
	{ "authority", FT_ENUM, false, 24, 0, authority_kinds, 0, 0,
	    "signer's authority" },
	{ "has_legal_opinion", FT_ENUM, false, 8, 0,
	    (const char *const[]){ "yes", "no", "unknown", NULL }, 0, 0,
	    "whether a legal opinion is attached" },
	{ "summary", FT_LONGTEXT, false, TEXT_MAX, 0, NULL, 0, 0, "summary" },
	F_SOURCE, F_CONFIDENCE,
};

static const char *const event_kinds[] = { "statement", "press_release",
	"filing", "response", "report", "letter", "hearing", "other", NULL };

static const struct model_field event_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0, "readable id" },
	{ "date", FT_DATE, true, 10, 0, NULL, 0, 0, "date" },
	{ "kind", FT_ENUM, true, 16, 0, event_kinds, 0, 0, "kind of event" },
	{ "jurisdiction", FT_REF, false, 7, KIND_JURISDICTION, NULL, 0, 0,
	    "FIPS code, if it concerns one" },
	{ "title", FT_TEXT, true, NAME_MAX, 0, NULL, 0, 0, "title" },
	{ "summary", FT_LONGTEXT, false, TEXT_MAX, 0, NULL, 0, 0, "summary" },
	{ "url", FT_URL, false, LINE_MAX_, 0, NULL, 0, 0, "address" },
	F_SOURCE, F_CONFIDENCE,
};

static const char *const action_kinds[] = { "withhold", "release",
	"deobligate", "refer", "extend_deadline", "delay", NULL };

static const struct model_field action_fields[] = {
	{ "id", FT_ID, true, ID_MAX, 0, NULL, 0, 0, "readable id" },
	{ "kind", FT_ENUM, true, 16, 0, action_kinds, 0, 0, "kind of action" },
	{ "date", FT_DATE, true, 10, 0, NULL, 0, 0, "date taken" },
	{ "jurisdiction", FT_REF, true, 7, KIND_JURISDICTION, NULL, 0, 0,
	    "FIPS code" },
	{ "award", FT_REF, false, ID_MAX, KIND_AWARD, NULL, 0, 0,
	    "award number" },
	{ "condition", FT_REF, false, ID_MAX, KIND_CONDITION, NULL, 0, 0,
	    "condition it enforces" },
	{ "amount", FT_CENTS, false, 24, 0, NULL, 0, 0,
	    "amount in dollars; empty when unknown" },
	{ "ruling", FT_REF, false, ID_MAX, KIND_RULING, NULL, 0, 0,
	    "court order that compelled it" },
	{ "summary", FT_LONGTEXT, false, TEXT_MAX, 0, NULL, 0, 0, "summary" },
	F_SOURCE, F_CONFIDENCE,
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct model_kind_desc kinds[KIND__MAX] = {
	[KIND_JURISDICTION] = { "jurisdictions", "jurisdiction", jur_fields,
	    N(jur_fields), 5, 6, -1 },
	[KIND_AGENCY] = { "agencies", "agency", agency_fields,
	    N(agency_fields), 6, 7, -1 },
	[KIND_PROGRAM] = { "programs", "program", program_fields,
	    N(program_fields), -1, -1, -1 },
	[KIND_AWARD] = { "awards", "award", award_fields, N(award_fields),
	    -1, -1, 5 },
	[KIND_REQUIREMENT] = { "requirements", "requirement",
	    requirement_fields, N(requirement_fields), 5, 6, -1 },
	[KIND_CONDITION] = { "conditions", "condition", condition_fields,
	    N(condition_fields), 9, 10, -1 },
	[KIND_POLICY] = { "policies", "policy", policy_fields,
	    N(policy_fields), 9, 10, -1 },
	[KIND_PROVISION] = { "provisions", "provision", provision_fields,
	    N(provision_fields), 8, 9, -1 },
	[KIND_RULING] = { "rulings", "ruling", ruling_fields,
	    N(ruling_fields), 13, 14, 4 },
	[KIND_DIRECTIVE] = { "directives", "directive", directive_fields,
	    N(directive_fields), 7, 8, 4 },
	[KIND_DESIGNATION] = { "designations", "designation",
	    designation_fields, N(designation_fields), 5, 6, 3 },
	[KIND_NOTICE] = { "notices", "notice", notice_fields,
	    N(notice_fields), -1, -1, 2 },
	[KIND_CERTIFICATION] = { "certifications", "certification",
	    certification_fields, N(certification_fields), -1, -1, 5 },
	[KIND_EVENT] = { "events", "event", event_fields, N(event_fields), -1,
	    -1, 1 },
	[KIND_ACTION] = { "actions", "action", action_fields,
	    N(action_fields), -1, -1, 2 },
};

const struct model_kind_desc *
model_kind_desc(enum model_kind kind)
{
	if ((int)kind < 0 || kind >= KIND__MAX)
		abort();
	return &kinds[kind];
}

enum at_err
model_kind_lookup(const char *name, enum model_kind *out)
{
	for (int k = 0; k < KIND__MAX; k++) {
		if (strcmp(kinds[k].name, name) == 0 ||
		    strcmp(kinds[k].singular, name) == 0) {
			*out = (enum model_kind)k;
			return AT_OK;
		}
	}
	return AT_NOTFOUND;
}

/*
 * One row per record in a listing shows these fields: the CLI's tables
 * and the web's show the same columns in the same order.
 */
const char *const *
model_summary_fields(enum model_kind kind)
{
	static const char *const jur[] = { "id", "kind", "name", "parent",
		NULL };
	static const char *const agency[] = { "id", "jurisdiction", "kind",
		"name", NULL };
	static const char *const award[] = { "id", "program", "fiscal_year",
		"agency", "amount", NULL };
	static const char *const cond[] = { "id", "fiscal_year", "number",
		"due_date", "title", NULL };
	static const char *const policy[] = { "id", "jurisdiction",
		"valid_from", "valid_to", "citation", NULL };
	static const char *const prov[] = { "id", "policy", "type",
		"section", NULL };
	static const char *const ruling[] = { "id", "date", "kind", "scope",
		"case_name", NULL };
	static const char *const notice[] = { "id", "date", "kind",
		"jurisdiction", "due_date", NULL };
	static const char *const cert[] = { "id", "date", "jurisdiction",
		"authority", "signer", NULL };
	static const char *const dated[] = { "id", "date", "kind", "title",
		NULL };
	static const char *const design[] = { "id", "date", "directive",
		"jurisdiction", NULL };
	static const char *const action[] = { "id", "date", "kind",
		"jurisdiction", "award", "amount", NULL };
	static const char *const generic[] = { "id", "kind", "title", NULL };
	static const char *const prog[] = { "id", "listing", "name", NULL };
	static const char *const req[] = { "id", "kind", "citation", "title",
		NULL };

	switch (kind) {
	case KIND_JURISDICTION:
		return jur;
	case KIND_AGENCY:
		return agency;
	case KIND_PROGRAM:
		return prog;
	case KIND_AWARD:
		return award;
	case KIND_REQUIREMENT:
		return req;
	case KIND_CONDITION:
		return cond;
	case KIND_POLICY:
		return policy;
	case KIND_PROVISION:
		return prov;
	case KIND_RULING:
		return ruling;
	case KIND_DIRECTIVE:
	case KIND_EVENT:
		return dated;
	case KIND_DESIGNATION:
		return design;
	case KIND_NOTICE:
		return notice;
	case KIND_CERTIFICATION:
		return cert;
	case KIND_ACTION:
		return action;
	case KIND__MAX:
	default:
		return generic;
	}
}

int
model_field_index(enum model_kind kind, const char *name)
{
	const struct model_kind_desc *k = model_kind_desc(kind);

	for (size_t i = 0; i < k->nfields; i++)
		if (strcmp(k->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

struct model_record *
model_record_new(enum model_kind kind)
{
	struct model_record *r;

	r = xcalloc(1, sizeof(*r));
	r->kind = kind;
	for (size_t i = 0; i < MODEL_FIELDS_MAX; i++)
		r->v[i].is_null = true;
	return r;
}

void
model_record_free(struct model_record *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < MODEL_FIELDS_MAX; i++)
		free(r->v[i].text);
	free(r);
}

struct model_record *
model_record_dup(const struct model_record *r)
{
	struct model_record *c;

	c = xcalloc(1, sizeof(*c));
	*c = *r;
	for (size_t i = 0; i < MODEL_FIELDS_MAX; i++)
		if (r->v[i].text != NULL)
			c->v[i].text = xstrdup(r->v[i].text);
	return c;
}

const char *
model_record_text(const struct model_record *r, size_t i)
{
	if (i >= MODEL_FIELDS_MAX || r->v[i].is_null)
		return NULL;
	return r->v[i].text;
}

const char *
model_record_id(const struct model_record *r)
{
	return model_record_text(r, 0);
}

static bool
is_id_char(char c, bool first)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return true;
	return !first && (c == '.' || c == '_' || c == ':' || c == '-');
}

static bool
id_ok(const char *s, size_t len)
{
	if (len == 0 || len > ID_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_id_char(s[i], i == 0))
			return false;
	return true;
}

static bool
fips_ok(const char *s, size_t len)
{
	if (len != 2 && len != 5 && len != 7)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return model_state_abbr((const char[]){ s[0], s[1], '\0' }) != NULL;
}

/* Check one ';'-separated list element by element. */
static enum at_err
check_list(const struct model_field *f, const char *s, size_t len,
    struct at_diag *d)
{
	size_t start = 0, nth = 1;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != ';')
			continue;
		const char *e = s + start;
		size_t elen = i - start;
		bool ok = f->ref == KIND_JURISDICTION ? fips_ok(e, elen)
						      : id_ok(e, elen);
		if (!ok)
			return at_diag_set(d, AT_EINVAL, f->name,
			    "list element %zu (\"%.*s\") is not a valid %s id",
			    nth,
			    (int)(elen > 80 ? 80 : elen), e,
			    model_kind_desc(f->ref)->singular);
		start = i + 1;
		nth++;
	}
	return AT_OK;
}

static bool
url_ok(const char *s, size_t len)
{
	static const char *const schemes[] = { "https://", "http://",
		"mailto:" };

	for (size_t i = 0; i < N(schemes); i++) {
		size_t n = strlen(schemes[i]);

		if (len > n && strncmp(s, schemes[i], n) == 0) {
			for (size_t k = 0; k < len; k++)
				if (s[k] == ' ' || s[k] == '"' || s[k] == '<' ||
				    s[k] == '>')
					return false;
			return true;
		}
	}
	return false;
}

enum at_err
model_record_set(struct model_record *r, size_t i, const char *s, size_t len,
    struct at_diag *d)
{
	const struct model_kind_desc *k = model_kind_desc(r->kind);
	const struct model_field *f;
	struct model_value *v;
	int64_t num = 0;
	struct at_date dt;

	if (i >= k->nfields)
		abort();
	f = &k->fields[i];
	v = &r->v[i];
	free(v->text);
	v->text = NULL;
	v->is_null = true;
	v->num = 0;
	if (len == 0)
		return AT_OK;
	if (f->type == FT_CENTS && len == 7 && memcmp(s, "unknown", 7) == 0)
		return AT_OK;
	if (!text_is_clean(s, len, f->type == FT_LONGTEXT))
		return at_diag_set(d, AT_EINVAL, f->name,
		    "contains bad UTF-8 or a control character");
	if (len > f->max_len)
		return at_diag_set(d, AT_EINVAL, f->name,
		    "is %zu bytes long; the limit is %zu", len, f->max_len);
	switch (f->type) {
	case FT_ID:
		if (!id_ok(s, len))
			return at_diag_set(d, AT_EINVAL, f->name,
			    "\"%.*s\" is not a valid id (letters, digits and . _ : - only)",
			    (int)(len > 80 ? 80 : len), s);
		break;
	case FT_FIPS:
		if (!fips_ok(s, len))
			return at_diag_set(d, AT_EINVAL, f->name,
			    "\"%.*s\" is not a FIPS code (2, 5 or 7 digits starting with a state code)",
			    (int)(len > 80 ? 80 : len), s);
		break;
	case FT_TEXT:
	case FT_LONGTEXT:
		break;
	case FT_DATE:
		if (at_date_parse(s, len, &dt) != AT_OK)
			return at_diag_set(d, AT_EINVAL, f->name,
			    "\"%.*s\" is not a date (YYYY-MM-DD, a real day)",
			    (int)(len > 80 ? 80 : len), s);
		break;
	case FT_CENTS:
		if (len > 0 && s[0] == '-')
			return at_diag_set(d, AT_EINVAL, f->name,
			    "\"%.*s\" is negative; amounts are 0 or more",
			    (int)(len > 80 ? 80 : len), s);
		if (parse_cents(s, len, &num) != AT_OK)
			return at_diag_set(d, AT_EINVAL, f->name,
			    "\"%.*s\" is not an amount in dollars (e.g. 975604 or 975604.00)",
			    (int)(len > 80 ? 80 : len), s);
		break;
	case FT_INT:
		if (parse_i64(s, len, f->min, f->max, &num) != AT_OK)
			return at_diag_set(d, AT_EINVAL, f->name,
			    "\"%.*s\" is not a whole number from %lld to %lld",
			    (int)(len > 80 ? 80 : len), s, (long long)f->min,
			    (long long)f->max);
		break;
	case FT_ENUM: {
		bool found = false;

		for (size_t c = 0; f->choices[c] != NULL; c++)
			if (strlen(f->choices[c]) == len &&
			    memcmp(f->choices[c], s, len) == 0)
				found = true;
		if (!found)
			return at_diag_set(d, AT_EINVAL, f->name,
			    "\"%.*s\" is not one of the allowed values",
			    (int)(len > 80 ? 80 : len), s);
		break;
	}
	case FT_REF:
		if (f->ref == KIND_JURISDICTION ? !fips_ok(s, len)
						: !id_ok(s, len))
			return at_diag_set(d, AT_EINVAL, f->name,
			    "\"%.*s\" is not a valid %s id",
			    (int)(len > 80 ? 80 : len), s,
			    model_kind_desc(f->ref)->singular);
		break;
	case FT_REFLIST: {
		enum at_err er = check_list(f, s, len, d);

		if (er != AT_OK)
			return er;
		break;
	}
	case FT_URL:
		if (!url_ok(s, len))
			return at_diag_set(d, AT_EINVAL, f->name,
			    "is not an http, https or mailto address");
		break;
	case FT__MAX:
	default:
		abort();
	}
	v->text = xstrndup(s, len);
	v->is_null = false;
	v->num = num;
	return AT_OK;
}

static enum at_err
check_ref(const struct model_field *f, const char *id, model_exists_fn exists,
    void *ctx, struct at_diag *d)
{
	bool found = false;
	enum at_err er;

	er = exists(ctx, f->ref, id, &found);
	if (er != AT_OK)
		return er;
	if (!found)
		return at_diag_set(d, AT_EINVAL, f->name, "unknown %s \"%s\"",
		    model_kind_desc(f->ref)->singular, id);
	return AT_OK;
}

static enum at_err
check_refs(const struct model_record *r, model_exists_fn exists, void *ctx,
    struct at_diag *d)
{
	const struct model_kind_desc *k = model_kind_desc(r->kind);
	enum at_err er;

	for (size_t i = 0; i < k->nfields; i++) {
		const struct model_field *f = &k->fields[i];
		const char *s = model_record_text(r, i);

		if (s == NULL)
			continue;
		if (f->type == FT_REF) {
			er = check_ref(f, s, exists, ctx, d);
			if (er != AT_OK)
				return er;
		} else if (f->type == FT_REFLIST) {
			const char *p = s;

			while (*p != '\0') {
				size_t n = strcspn(p, ";");
				char one[ID_MAX + 1];

				if (n > ID_MAX)
					n = ID_MAX;
				memcpy(one, p, n);
				one[n] = '\0';
				er = check_ref(f, one, exists, ctx, d);
				if (er != AT_OK)
					return er;
				p += n;
				if (*p == ';')
					p++;
			}
		}
	}
	return AT_OK;
}

/* Kind-specific rules that span fields. */
static enum at_err
check_jurisdiction(const struct model_record *r, struct at_diag *d)
{
	const char *id = model_record_text(r, 0);
	const char *kind = model_record_text(r, 2);
	const char *parent = model_record_text(r, 3);
	size_t len = strlen(id);
	bool statelike = strcmp(kind, "state") == 0 ||
	    strcmp(kind, "district") == 0 || strcmp(kind, "territory") == 0;

	if (statelike && len != 2 && strcmp(id, "11001") != 0)
		return at_diag_set(d, AT_EINVAL, "id",
		    "a %s has a 2-digit FIPS code, not \"%s\"", kind, id);
	if (!statelike && len == 2)
		return at_diag_set(d, AT_EINVAL, "id",
		    "\"%s\" is a state code but kind is %s", id, kind);
	if (parent != NULL) {
		if (strcmp(parent, id) == 0)
			return at_diag_set(d, AT_EINVAL, "parent",
			    "a jurisdiction cannot be its own parent");
		if (strncmp(parent, id, 2) != 0)
			return at_diag_set(d, AT_EINVAL, "parent",
			    "parent \"%s\" is in another state than \"%s\"",
			    parent, id);
		if (strlen(parent) >= len)
			return at_diag_set(d, AT_EINVAL, "parent",
			    "parent \"%s\" must be a larger unit (shorter code) than \"%s\"",
			    parent, id);
	}
	return AT_OK;
}

enum at_err
model_record_validate(const struct model_record *r, model_exists_fn exists,
    void *ctx, struct at_diag *d)
{
	const struct model_kind_desc *k = model_kind_desc(r->kind);
	enum at_err er;

	for (size_t i = 0; i < k->nfields; i++)
		if (k->fields[i].required && r->v[i].is_null)
			return at_diag_set(d, AT_EINVAL, k->fields[i].name,
			    "is required");
	if (k->valid_from >= 0 && k->valid_to >= 0) {
		const char *from = model_record_text(r, (size_t)k->valid_from);
		const char *to = model_record_text(r, (size_t)k->valid_to);

		/* ISO dates compare correctly as strings. */
		if (from != NULL && to != NULL && strcmp(to, from) < 0)
			return at_diag_set(d, AT_EINVAL, "valid_to",
			    "%s is before valid_from %s", to, from);
	}
	if (r->kind == KIND_JURISDICTION) {
		er = check_jurisdiction(r, d);
		if (er != AT_OK)
			return er;
	}
	if (r->kind == KIND_AWARD) {
		const char *s = model_record_text(r, 6), *e =
		    model_record_text(r, 7);

		if (s != NULL && e != NULL && strcmp(e, s) < 0)
			return at_diag_set(d, AT_EINVAL, "end_date",
			    "%s is before start_date %s", e, s);
	}
	if (r->kind == KIND_PROGRAM) {
		const char *l = model_record_text(r, 2);

		if (strlen(l) != 6 || l[2] != '.' ||
		    strspn(l, "0123456789") != 2 ||
		    strspn(l + 3, "0123456789") != 3)
			return at_diag_set(d, AT_EINVAL, "listing",
			    "\"%s\" is not an assistance listing number (NN.NNN)",
			    l);
	}
	if (exists != NULL)
		return check_refs(r, exists, ctx, d);
	return AT_OK;
}

bool
model_record_in_force(const struct model_record *r, struct at_date on)
{
	const struct model_kind_desc *k = model_kind_desc(r->kind);
	char day[AT_DATE_LEN];
	const char *s;

	at_date_format(on, day);
	if (k->valid_from >= 0) {
		s = model_record_text(r, (size_t)k->valid_from);
		if (s != NULL && strcmp(s, day) > 0)
			return false;
		s = model_record_text(r, (size_t)k->valid_to);
		if (s != NULL && strcmp(s, day) <= 0)
			return false;
	}
	if (k->date >= 0) {
		s = model_record_text(r, (size_t)k->date);
		if (s != NULL && strcmp(s, day) > 0)
			return false;
	}
	return true;
}

/* USPS codes by state FIPS (Census Bureau, "FIPS Codes for the States
 * and the District of Columbia"), with the territories. */
static const struct {
	const char *fips, *abbr;
} states[] = {
	{ "01", "AL" }, { "02", "AK" }, { "04", "AZ" }, { "05", "AR" },
	{ "06", "CA" }, { "08", "CO" }, { "09", "CT" }, { "10", "DE" },
	{ "11", "DC" }, { "12", "FL" }, { "13", "GA" }, { "15", "HI" },
	{ "16", "ID" }, { "17", "IL" }, { "18", "IN" }, { "19", "IA" },
	{ "20", "KS" }, { "21", "KY" }, { "22", "LA" }, { "23", "ME" },
	{ "24", "MD" }, { "25", "MA" }, { "26", "MI" }, { "27", "MN" },
	{ "28", "MS" }, { "29", "MO" }, { "30", "MT" }, { "31", "NE" },
	{ "32", "NV" }, { "33", "NH" }, { "34", "NJ" }, { "35", "NM" },
	{ "36", "NY" }, { "37", "NC" }, { "38", "ND" }, { "39", "OH" },
	{ "40", "OK" }, { "41", "OR" }, { "42", "PA" }, { "44", "RI" },
	{ "45", "SC" }, { "46", "SD" }, { "47", "TN" }, { "48", "TX" },
	{ "49", "UT" }, { "50", "VT" }, { "51", "VA" }, { "53", "WA" },
	{ "54", "WV" }, { "55", "WI" }, { "56", "WY" }, { "60", "AS" },
	{ "66", "GU" }, { "69", "MP" }, { "72", "PR" }, { "78", "VI" },
};

const char *
model_state_abbr(const char *fips2)
{
	for (size_t i = 0; i < N(states); i++)
		if (strcmp(states[i].fips, fips2) == 0)
			return states[i].abbr;
	return NULL;
}

const char *
model_state_fips(const char *abbr)
{
	for (size_t i = 0; i < N(states); i++)
		if (strcmp(states[i].abbr, abbr) == 0)
			return states[i].fips;
	return NULL;
}
