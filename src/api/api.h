/* SPDX-License-Identifier: ISC */
/*
 * The JSON API under /api/v1: every list paginated, as JSON or CSV,
 * errors as {"error":{"code":..., "message":...}} with a stable code,
 * and an OpenAPI 3 document generated from the route table (web.c), so
 * the document and the routes cannot drift.  Handlers see validated
 * input only (src/http checks it against the route's declaration).
 */
#ifndef AT_API_API_H
#define AT_API_API_H

#include "views/web.h"

/* An error answer: status, a stable code ("not_found", "bad_request",
 * "denied", ...) and a message for people. */
void api_error(struct web_resp *w, int status, const char *code,
    const char *msg);

void api_index(struct web_req *r, struct web_resp *w);
void api_openapi(struct web_req *r, struct web_resp *w);
void api_health(struct web_req *r, struct web_resp *w);
void api_me(struct web_req *r, struct web_resp *w);
void api_list(struct web_req *r, struct web_resp *w);
void api_get(struct web_req *r, struct web_resp *w);
void api_audit(struct web_req *r, struct web_resp *w);
void api_users(struct web_req *r, struct web_resp *w);
void api_user_add(struct web_req *r, struct web_resp *w);
void api_outcomes(struct web_req *r, struct web_resp *w);
void api_reviews(struct web_req *r, struct web_resp *w);
/* Case work (api_casework.c). */
void api_review_propose(struct web_req *r, struct web_resp *w);
void api_review_decide(struct web_req *r, struct web_resp *w);
void api_action_add(struct web_req *r, struct web_resp *w);
/* api_letters.c: letters, certifications received, their documents. */
void api_letter(struct web_req *r, struct web_resp *w);
void api_letter_pdf(struct web_req *r, struct web_resp *w);
void api_certify(struct web_req *r, struct web_resp *w);
void api_document(struct web_req *r, struct web_resp *w);
void api_funds(struct web_req *r, struct web_resp *w);
void api_audit_status(struct web_req *r, struct web_resp *w);
void api_review_determine(struct web_req *r, struct web_resp *w);
/* api_detainers.c: a jurisdiction's detainer records, a page. */
void api_detainers(struct web_req *r, struct web_resp *w);

#endif
