/* SPDX-License-Identifier: ISC */
/*
 * Every SQL statement of the PostgreSQL backend, indexed by enum stmt:
 * the twin of sql_sqlite.c, with $1..$n in the same order as SQLite's
 * ?1..?n.  Parameters are sent as text and typed by the server from
 * their context (a cast where there is none).  A statement appended to
 * enum stmt needs its text here too: test_store_pg fails, naming the
 * statement, until it has one, and store_pg.c refuses to run it.
 */
#include "store/store_int.h"

static const char *const stmts[STMT__MAX] = {
	[STMT_JURISDICTIONS_INSERT] = "INSERT INTO jurisdictions (id, name, kind, parent, also_in, "
	    "valid_from, valid_to, source, confidence) VALUES ($1, $2, "
	    "$3, $4, $5, $6, $7, $8, $9)",
	[STMT_JURISDICTIONS_GET] = "SELECT id, name, kind, parent, also_in, valid_from, "
	    "valid_to, source, confidence FROM jurisdictions WHERE id = "
	    "$1",
	[STMT_JURISDICTIONS_LIST] = "SELECT id, name, kind, parent, also_in, valid_from, "
	    "valid_to, source, confidence FROM jurisdictions ORDER BY id",
	[STMT_JURISDICTIONS_LIST_ASOF] = "SELECT id, name, kind, parent, also_in, valid_from, "
	    "valid_to, source, confidence FROM jurisdictions WHERE "
	    "(valid_from IS NULL OR valid_from <= $1) AND (valid_to IS "
	    "NULL OR valid_to > $1) ORDER BY id",
	[STMT_JURISDICTIONS_COUNT] = "SELECT count(*) FROM jurisdictions",
	[STMT_JURISDICTIONS_EXISTS] = "SELECT 1 FROM jurisdictions WHERE id = $1",
	[STMT_AGENCIES_INSERT] = "INSERT INTO agencies (id, jurisdiction, name, kind, "
	    "officer_title, officer_name, valid_from, valid_to, source, "
	    "confidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
	[STMT_AGENCIES_GET] = "SELECT id, jurisdiction, name, kind, officer_title, "
	    "officer_name, valid_from, valid_to, source, confidence FROM "
	    "agencies WHERE id = $1",
	[STMT_AGENCIES_LIST] = "SELECT id, jurisdiction, name, kind, officer_title, "
	    "officer_name, valid_from, valid_to, source, confidence FROM "
	    "agencies ORDER BY id",
	[STMT_AGENCIES_LIST_ASOF] = "SELECT id, jurisdiction, name, kind, officer_title, "
	    "officer_name, valid_from, valid_to, source, confidence FROM "
	    "agencies WHERE (valid_from IS NULL OR valid_from <= $1) AND "
	    "(valid_to IS NULL OR valid_to > $1) ORDER BY id",
	[STMT_AGENCIES_COUNT] = "SELECT count(*) FROM agencies",
	[STMT_AGENCIES_EXISTS] = "SELECT 1 FROM agencies WHERE id = $1",
	[STMT_PROGRAMS_INSERT] = "INSERT INTO programs (id, name, listing, federal_agency, "
	    "source, confidence) VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_PROGRAMS_GET] = "SELECT id, name, listing, federal_agency, source, confidence "
	    "FROM programs WHERE id = $1",
	[STMT_PROGRAMS_LIST] = "SELECT id, name, listing, federal_agency, source, confidence "
	    "FROM programs ORDER BY id",
	[STMT_PROGRAMS_LIST_ASOF] = "SELECT id, name, listing, federal_agency, source, confidence "
	    "FROM programs WHERE $1::text IS NOT NULL ORDER BY id",
	[STMT_PROGRAMS_COUNT] = "SELECT count(*) FROM programs",
	[STMT_PROGRAMS_EXISTS] = "SELECT 1 FROM programs WHERE id = $1",
	[STMT_AWARDS_INSERT] = "INSERT INTO awards (id, program, agency, fiscal_year, "
	    "amount, award_date, start_date, end_date, source, "
	    "confidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
	[STMT_AWARDS_GET] = "SELECT id, program, agency, fiscal_year, amount, award_date, "
	    "start_date, end_date, source, confidence FROM awards WHERE "
	    "id = $1",
	[STMT_AWARDS_LIST] = "SELECT id, program, agency, fiscal_year, amount, award_date, "
	    "start_date, end_date, source, confidence FROM awards ORDER "
	    "BY id",
	[STMT_AWARDS_LIST_ASOF] = "SELECT id, program, agency, fiscal_year, amount, award_date, "
	    "start_date, end_date, source, confidence FROM awards WHERE "
	    "(award_date IS NULL OR award_date <= $1) ORDER BY id",
	[STMT_AWARDS_COUNT] = "SELECT count(*) FROM awards",
	[STMT_AWARDS_EXISTS] = "SELECT 1 FROM awards WHERE id = $1",
	[STMT_REQUIREMENTS_INSERT] = "INSERT INTO requirements (id, citation, title, kind, text, "
	    "valid_from, valid_to, source, confidence) VALUES ($1, $2, "
	    "$3, $4, $5, $6, $7, $8, $9)",
	[STMT_REQUIREMENTS_GET] = "SELECT id, citation, title, kind, text, valid_from, "
	    "valid_to, source, confidence FROM requirements WHERE id = $1",
	[STMT_REQUIREMENTS_LIST] = "SELECT id, citation, title, kind, text, valid_from, "
	    "valid_to, source, confidence FROM requirements ORDER BY id",
	[STMT_REQUIREMENTS_LIST_ASOF] = "SELECT id, citation, title, kind, text, valid_from, "
	    "valid_to, source, confidence FROM requirements WHERE "
	    "(valid_from IS NULL OR valid_from <= $1) AND (valid_to IS "
	    "NULL OR valid_to > $1) ORDER BY id",
	[STMT_REQUIREMENTS_COUNT] = "SELECT count(*) FROM requirements",
	[STMT_REQUIREMENTS_EXISTS] = "SELECT 1 FROM requirements WHERE id = $1",
	[STMT_CONDITIONS_INSERT] = "INSERT INTO conditions (id, program, fiscal_year, number, "
	    "title, text, requirements, evidence, due_date, valid_from, "
	    "valid_to, source, confidence) VALUES ($1, $2, $3, $4, $5, "
	    "$6, $7, $8, $9, $10, $11, $12, $13)",
	[STMT_CONDITIONS_GET] = "SELECT id, program, fiscal_year, number, title, text, "
	    "requirements, evidence, due_date, valid_from, valid_to, "
	    "source, confidence FROM conditions WHERE id = $1",
	[STMT_CONDITIONS_LIST] = "SELECT id, program, fiscal_year, number, title, text, "
	    "requirements, evidence, due_date, valid_from, valid_to, "
	    "source, confidence FROM conditions ORDER BY id",
	[STMT_CONDITIONS_LIST_ASOF] = "SELECT id, program, fiscal_year, number, title, text, "
	    "requirements, evidence, due_date, valid_from, valid_to, "
	    "source, confidence FROM conditions WHERE (valid_from IS NULL "
	    "OR valid_from <= $1) AND (valid_to IS NULL OR valid_to > $1) "
	    "ORDER BY id",
	[STMT_CONDITIONS_COUNT] = "SELECT count(*) FROM conditions",
	[STMT_CONDITIONS_EXISTS] = "SELECT 1 FROM conditions WHERE id = $1",
	[STMT_POLICIES_INSERT] = "INSERT INTO policies (id, jurisdiction, kind, title, "
	    "citation, adopted, binds, supersedes, url, valid_from, "
	    "valid_to, source, confidence) VALUES ($1, $2, $3, $4, $5, "
	    "$6, $7, $8, $9, $10, $11, $12, $13)",
	[STMT_POLICIES_GET] = "SELECT id, jurisdiction, kind, title, citation, adopted, "
	    "binds, supersedes, url, valid_from, valid_to, source, "
	    "confidence FROM policies WHERE id = $1",
	[STMT_POLICIES_LIST] = "SELECT id, jurisdiction, kind, title, citation, adopted, "
	    "binds, supersedes, url, valid_from, valid_to, source, "
	    "confidence FROM policies ORDER BY id",
	[STMT_POLICIES_LIST_ASOF] = "SELECT id, jurisdiction, kind, title, citation, adopted, "
	    "binds, supersedes, url, valid_from, valid_to, source, "
	    "confidence FROM policies WHERE (valid_from IS NULL OR "
	    "valid_from <= $1) AND (valid_to IS NULL OR valid_to > $1) "
	    "ORDER BY id",
	[STMT_POLICIES_COUNT] = "SELECT count(*) FROM policies",
	[STMT_POLICIES_EXISTS] = "SELECT 1 FROM policies WHERE id = $1",
	[STMT_PROVISIONS_INSERT] = "INSERT INTO provisions (id, policy, type, section, excerpt, "
	    "excerpt_kind, scope, exceptions, valid_from, valid_to, "
	    "source, confidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
	    "$9, $10, $11, $12)",
	[STMT_PROVISIONS_GET] = "SELECT id, policy, type, section, excerpt, excerpt_kind, "
	    "scope, exceptions, valid_from, valid_to, source, confidence "
	    "FROM provisions WHERE id = $1",
	[STMT_PROVISIONS_LIST] = "SELECT id, policy, type, section, excerpt, excerpt_kind, "
	    "scope, exceptions, valid_from, valid_to, source, confidence "
	    "FROM provisions ORDER BY id",
	[STMT_PROVISIONS_LIST_ASOF] = "SELECT id, policy, type, section, excerpt, excerpt_kind, "
	    "scope, exceptions, valid_from, valid_to, source, confidence "
	    "FROM provisions WHERE (valid_from IS NULL OR valid_from <= "
	    "$1) AND (valid_to IS NULL OR valid_to > $1) ORDER BY id",
	[STMT_PROVISIONS_COUNT] = "SELECT count(*) FROM provisions",
	[STMT_PROVISIONS_EXISTS] = "SELECT 1 FROM provisions WHERE id = $1",
	[STMT_RULINGS_INSERT] = "INSERT INTO rulings (id, case_name, court, docket, date, "
	    "kind, conditions, scope, plaintiffs, members_of, target, "
	    "superseded_by, summary, valid_from, valid_to, source, "
	    "confidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
	    "$11, $12, $13, $14, $15, $16, $17)",
	[STMT_RULINGS_GET] = "SELECT id, case_name, court, docket, date, kind, conditions, "
	    "scope, plaintiffs, members_of, target, superseded_by, "
	    "summary, valid_from, valid_to, source, confidence FROM "
	    "rulings WHERE id = $1",
	[STMT_RULINGS_LIST] = "SELECT id, case_name, court, docket, date, kind, conditions, "
	    "scope, plaintiffs, members_of, target, superseded_by, "
	    "summary, valid_from, valid_to, source, confidence FROM "
	    "rulings ORDER BY id",
	[STMT_RULINGS_LIST_ASOF] = "SELECT id, case_name, court, docket, date, kind, conditions, "
	    "scope, plaintiffs, members_of, target, superseded_by, "
	    "summary, valid_from, valid_to, source, confidence FROM "
	    "rulings WHERE (valid_from IS NULL OR valid_from <= $1) AND "
	    "(valid_to IS NULL OR valid_to > $1) AND (date IS NULL OR "
	    "date <= $1) ORDER BY id",
	[STMT_RULINGS_COUNT] = "SELECT count(*) FROM rulings",
	[STMT_RULINGS_EXISTS] = "SELECT 1 FROM rulings WHERE id = $1",
	[STMT_DIRECTIVES_INSERT] = "INSERT INTO directives (id, kind, title, citation, date, "
	    "revoked_by, url, valid_from, valid_to, source, confidence) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
	[STMT_DIRECTIVES_GET] = "SELECT id, kind, title, citation, date, revoked_by, url, "
	    "valid_from, valid_to, source, confidence FROM directives "
	    "WHERE id = $1",
	[STMT_DIRECTIVES_LIST] = "SELECT id, kind, title, citation, date, revoked_by, url, "
	    "valid_from, valid_to, source, confidence FROM directives "
	    "ORDER BY id",
	[STMT_DIRECTIVES_LIST_ASOF] = "SELECT id, kind, title, citation, date, revoked_by, url, "
	    "valid_from, valid_to, source, confidence FROM directives "
	    "WHERE (valid_from IS NULL OR valid_from <= $1) AND (valid_to "
	    "IS NULL OR valid_to > $1) AND (date IS NULL OR date <= $1) "
	    "ORDER BY id",
	[STMT_DIRECTIVES_COUNT] = "SELECT count(*) FROM directives",
	[STMT_DIRECTIVES_EXISTS] = "SELECT 1 FROM directives WHERE id = $1",
	[STMT_DESIGNATIONS_INSERT] = "INSERT INTO designations (id, directive, jurisdiction, date, "
	    "label, valid_from, valid_to, source, confidence) VALUES ($1, "
	    "$2, $3, $4, $5, $6, $7, $8, $9)",
	[STMT_DESIGNATIONS_GET] = "SELECT id, directive, jurisdiction, date, label, valid_from, "
	    "valid_to, source, confidence FROM designations WHERE id = $1",
	[STMT_DESIGNATIONS_LIST] = "SELECT id, directive, jurisdiction, date, label, valid_from, "
	    "valid_to, source, confidence FROM designations ORDER BY id",
	[STMT_DESIGNATIONS_LIST_ASOF] = "SELECT id, directive, jurisdiction, date, label, valid_from, "
	    "valid_to, source, confidence FROM designations WHERE "
	    "(valid_from IS NULL OR valid_from <= $1) AND (valid_to IS "
	    "NULL OR valid_to > $1) AND (date IS NULL OR date <= $1) "
	    "ORDER BY id",
	[STMT_DESIGNATIONS_COUNT] = "SELECT count(*) FROM designations",
	[STMT_DESIGNATIONS_EXISTS] = "SELECT 1 FROM designations WHERE id = $1",
	[STMT_NOTICES_INSERT] = "INSERT INTO notices (id, kind, date, jurisdiction, agency, "
	    "sender, conditions, awards, due_date, due_rule, in_reply_to, "
	    "summary, source, confidence) VALUES ($1, $2, $3, $4, $5, $6, "
	    "$7, $8, $9, $10, $11, $12, $13, $14)",
	[STMT_NOTICES_GET] = "SELECT id, kind, date, jurisdiction, agency, sender, "
	    "conditions, awards, due_date, due_rule, in_reply_to, "
	    "summary, source, confidence FROM notices WHERE id = $1",
	[STMT_NOTICES_LIST] = "SELECT id, kind, date, jurisdiction, agency, sender, "
	    "conditions, awards, due_date, due_rule, in_reply_to, "
	    "summary, source, confidence FROM notices ORDER BY id",
	[STMT_NOTICES_LIST_ASOF] = "SELECT id, kind, date, jurisdiction, agency, sender, "
	    "conditions, awards, due_date, due_rule, in_reply_to, "
	    "summary, source, confidence FROM notices WHERE (date IS NULL "
	    "OR date <= $1) ORDER BY id",
	[STMT_NOTICES_COUNT] = "SELECT count(*) FROM notices",
	[STMT_NOTICES_EXISTS] = "SELECT 1 FROM notices WHERE id = $1",
	[STMT_CERTIFICATIONS_INSERT] = "INSERT INTO certifications (id, jurisdiction, agency, "
	    "notice, conditions, date, signer, signer_title, authority, "
	    "has_legal_opinion, summary, source, confidence) VALUES ($1, "
	    "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
	[STMT_CERTIFICATIONS_GET] = "SELECT id, jurisdiction, agency, notice, conditions, date, "
	    "signer, signer_title, authority, has_legal_opinion, summary, "
	    "source, confidence FROM certifications WHERE id = $1",
	[STMT_CERTIFICATIONS_LIST] = "SELECT id, jurisdiction, agency, notice, conditions, date, "
	    "signer, signer_title, authority, has_legal_opinion, summary, "
	    "source, confidence FROM certifications ORDER BY id",
	[STMT_CERTIFICATIONS_LIST_ASOF] = "SELECT id, jurisdiction, agency, notice, conditions, date, "
	    "signer, signer_title, authority, has_legal_opinion, summary, "
	    "source, confidence FROM certifications WHERE (date IS NULL "
	    "OR date <= $1) ORDER BY id",
	[STMT_CERTIFICATIONS_COUNT] = "SELECT count(*) FROM certifications",
	[STMT_CERTIFICATIONS_EXISTS] = "SELECT 1 FROM certifications WHERE id = $1",
	[STMT_EVENTS_INSERT] = "INSERT INTO events (id, date, kind, jurisdiction, title, "
	    "summary, url, source, confidence) VALUES ($1, $2, $3, $4, "
	    "$5, $6, $7, $8, $9)",
	[STMT_EVENTS_GET] = "SELECT id, date, kind, jurisdiction, title, summary, url, "
	    "source, confidence FROM events WHERE id = $1",
	[STMT_EVENTS_LIST] = "SELECT id, date, kind, jurisdiction, title, summary, url, "
	    "source, confidence FROM events ORDER BY id",
	[STMT_EVENTS_LIST_ASOF] = "SELECT id, date, kind, jurisdiction, title, summary, url, "
	    "source, confidence FROM events WHERE (date IS NULL OR date "
	    "<= $1) ORDER BY id",
	[STMT_EVENTS_COUNT] = "SELECT count(*) FROM events",
	[STMT_EVENTS_EXISTS] = "SELECT 1 FROM events WHERE id = $1",
	[STMT_ACTIONS_INSERT] = "INSERT INTO actions (id, kind, date, jurisdiction, award, "
	    "condition, amount, ruling, summary, source, confidence) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
	[STMT_ACTIONS_GET] = "SELECT id, kind, date, jurisdiction, award, condition, "
	    "amount, ruling, summary, source, confidence FROM actions "
	    "WHERE id = $1",
	[STMT_ACTIONS_LIST] = "SELECT id, kind, date, jurisdiction, award, condition, "
	    "amount, ruling, summary, source, confidence FROM actions "
	    "ORDER BY id",
	[STMT_ACTIONS_LIST_ASOF] = "SELECT id, kind, date, jurisdiction, award, condition, "
	    "amount, ruling, summary, source, confidence FROM actions "
	    "WHERE (date IS NULL OR date <= $1) ORDER BY id",
	[STMT_ACTIONS_COUNT] = "SELECT count(*) FROM actions",
	[STMT_ACTIONS_EXISTS] = "SELECT 1 FROM actions WHERE id = $1",
	[STMT_BEGIN] = "BEGIN ISOLATION LEVEL READ COMMITTED",
	[STMT_COMMIT] = "COMMIT",
	[STMT_ROLLBACK] = "ROLLBACK",
	/*
	 * One transaction-scoped advisory lock per database serialises the
	 * writers: store_pg.c takes it right after BEGIN (as SQLite's BEGIN
	 * IMMEDIATE takes its write lock), so the audit log grows in one
	 * line and two writers can never deadlock on each other's rows.
	 * Taking it again here is a no-op.  The key is "attest" in ASCII.
	 */
	[STMT_AUDIT_LOCK] = "SELECT pg_advisory_xact_lock(107152796906356)",
	[STMT_AUDIT_LAST] = "SELECT seq, hash FROM audit_log "
	    "ORDER BY seq DESC LIMIT 1",
	[STMT_AUDIT_INSERT] = "INSERT INTO audit_log (seq, time, actor, "
	    "verb, kind, entity_id, new_json, old_json, prev_hash, hash) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
	[STMT_AUDIT_GET] = "SELECT seq, time, actor, verb, kind, entity_id, "
	    "new_json, old_json, prev_hash, hash FROM audit_log "
	    "WHERE seq = $1",
	[STMT_AUDIT_LIST] = "SELECT seq, time, actor, verb, kind, "
	    "entity_id, new_json, old_json, prev_hash, hash FROM audit_log "
	    "WHERE seq >= $1 ORDER BY seq",
	[STMT_AUDIT_LIST_ENTITY] = "SELECT seq, time, actor, verb, kind, "
	    "entity_id, new_json, old_json, prev_hash, hash FROM audit_log "
	    "WHERE kind = $1 AND entity_id = $2 ORDER BY seq",
	[STMT_AUDIT_COUNT] = "SELECT count(*) FROM audit_log",
	[STMT_MIGRATION_LIST] = "SELECT version FROM schema_migrations "
	    "ORDER BY version",
	[STMT_MIGRATION_INSERT] = "INSERT INTO schema_migrations "
	    "(version, name, applied_at) VALUES ($1, $2, $3)",
	[STMT_CHECKPOINT_INSERT] = "INSERT INTO audit_checkpoints "
	    "(tree_size, root_hash, time, key_id, signature, frontier) "
	    "VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_CHECKPOINT_LAST] = "SELECT tree_size, root_hash, time, key_id, "
	    "signature, frontier FROM audit_checkpoints "
	    "ORDER BY tree_size DESC LIMIT 1",
	[STMT_CHECKPOINT_LIST] = "SELECT tree_size, root_hash, time, key_id, "
	    "signature, frontier FROM audit_checkpoints ORDER BY tree_size",
	[STMT_CHECKPOINT_GET] = "SELECT tree_size, root_hash, time, key_id, "
	    "signature, frontier FROM audit_checkpoints WHERE tree_size = $1",
	[STMT_AUDIT_HASHES] = "SELECT seq, hash FROM audit_log "
	    "WHERE seq <= $1 ORDER BY seq",
	[STMT_USER_INSERT] = "INSERT INTO users (name, role, jurisdiction, "
	    "pwhash, created) VALUES ($1, $2, $3, $4, $5)",
	[STMT_USER_GET] = "SELECT name, role, jurisdiction, pwhash, created "
	    "FROM users WHERE name = $1",
	[STMT_USER_LIST] = "SELECT name, role, jurisdiction, pwhash, created "
	    "FROM users ORDER BY name",
	[STMT_USER_SET_PWHASH] = "UPDATE users SET pwhash = $2 WHERE name = $1",
	[STMT_SESSION_INSERT] = "INSERT INTO sessions (token_hash, user_name, "
	    "created, expires) VALUES ($1, $2, $3, $4)",
	[STMT_SESSION_GET] = "SELECT u.name, u.role, u.jurisdiction, "
	    "u.pwhash, u.created, s.created, s.expires FROM sessions s "
	    "JOIN users u ON u.name = s.user_name "
	    "WHERE s.token_hash = $1 AND s.expires > $2",
	[STMT_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = $1",
	[STMT_SESSION_PURGE] = "DELETE FROM sessions WHERE expires <= $1",
	[STMT_TOKEN_INSERT] = "INSERT INTO api_tokens (token_hash, user_name, "
	    "label, created) VALUES ($1, $2, $3, $4)",
	[STMT_TOKEN_GET] = "SELECT u.name, u.role, u.jurisdiction, u.pwhash, "
	    "u.created FROM api_tokens t JOIN users u ON u.name = t.user_name "
	    "WHERE t.token_hash = $1",
	[STMT_CASES_STATE_INSERT] = "INSERT INTO case_states (notice, state, "
	    "due_date, due_rule, derivation, updated) "
	    "VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_CASES_STATE_UPDATE] = "UPDATE case_states SET state = $2, "
	    "due_date = $3, due_rule = $4, derivation = $5, updated = $6 "
	    "WHERE notice = $1",
	[STMT_CASES_STATE_GET] = "SELECT notice, state, due_date, due_rule, "
	    "derivation, updated FROM case_states WHERE notice = $1",
	[STMT_CASES_STATE_LIST] = "SELECT notice, state, due_date, due_rule, "
	    "derivation, updated FROM case_states "
	    "ORDER BY due_date IS NULL, due_date, notice",
	[STMT_CASES_STEP_INSERT] = "INSERT INTO case_transitions (notice, "
	    "event, from_state, to_state, on_date, due_date, derivation, "
	    "actor, reason, ref) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
	[STMT_CASES_STEP_LIST] = "SELECT id, notice, event, from_state, "
	    "to_state, on_date, due_date, derivation, actor, reason, ref "
	    "FROM case_transitions WHERE notice = $1 ORDER BY id",
	[STMT_CASES_REVIEW_INSERT] = "INSERT INTO reviews (id, certification, "
	    "notice, finding, provisions, rationale, explanation, proposer, "
	    "proposed_on, status) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'proposed')",
	[STMT_CASES_REVIEW_GET] = "SELECT id, certification, notice, finding, "
	    "provisions, rationale, explanation, proposer, proposed_on, "
	    "status, decider, decided_on, decision_reason FROM reviews "
	    "WHERE id = $1",
	[STMT_CASES_REVIEW_DECIDE] = "UPDATE reviews SET status = $2, "
	    "decider = $3, decided_on = $4, decision_reason = $5 "
	    "WHERE id = $1 AND status = 'proposed' RETURNING id",
	[STMT_CASES_REVIEW_LIST] = "SELECT id, certification, notice, finding, "
	    "provisions, rationale, explanation, proposer, proposed_on, "
	    "status, decider, decided_on, decision_reason FROM reviews "
	    "WHERE certification = $1 ORDER BY proposed_on, id",
	[STMT_CASES_REVIEW_LIST_ALL] = "SELECT id, certification, notice, "
	    "finding, provisions, rationale, explanation, proposer, "
	    "proposed_on, status, decider, decided_on, decision_reason "
	    "FROM reviews ORDER BY proposed_on, id",
	[STMT_CASES_DOC_INSERT] = "INSERT INTO documents (certification, role, "
	    "name, size, type, sha256) VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_CASES_DOC_LIST] = "SELECT certification, role, name, size, type, "
	    "sha256 FROM documents WHERE certification = $1 ORDER BY id",
	[STMT_CASES_LETTER_INSERT] = "INSERT INTO letters (notice, format, "
	    "template, size, sha256, rendered) "
	    "VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_CASES_LETTER_LIST] = "SELECT notice, format, template, size, "
	    "sha256, rendered FROM letters WHERE notice = $1 ORDER BY id",
	[STMT_CASES_CHECK_INSERT] = "INSERT INTO certification_checks "
	    "(certification, notice, due_date, on_time, days_late, complete, "
	    "reason) VALUES ($1, $2, $3, $4, $5, $6, $7)",
	[STMT_CASES_CHECK_GET] = "SELECT certification, notice, due_date, "
	    "on_time, days_late, complete, reason FROM certification_checks "
	    "WHERE certification = $1",
	/* Evidence (store_evidence.c); the batch insert is used on SQLite
	 * only (more parameters than store_pg.c binds). */
	[STMT_EV_DETAINER_INSERT] = "INSERT INTO evidence_detainers "
	    "(detainer_id, issued_date, facility, facility_county_fips, "
	    "outcome, outcome_date, extra) VALUES ($1, $2, $3, $4, $5, $6, $7)",
	[STMT_EV_DETAINER_INSERT_BATCH] = "INSERT INTO evidence_detainers "
	    "(detainer_id, issued_date, facility, facility_county_fips, "
	    "outcome, outcome_date, extra) VALUES "
	    "($1, $2, $3, $4, $5, $6, $7), "
	    "($8, $9, $10, $11, $12, $13, $14), "
	    "($15, $16, $17, $18, $19, $20, $21), "
	    "($22, $23, $24, $25, $26, $27, $28), "
	    "($29, $30, $31, $32, $33, $34, $35), "
	    "($36, $37, $38, $39, $40, $41, $42), "
	    "($43, $44, $45, $46, $47, $48, $49), "
	    "($50, $51, $52, $53, $54, $55, $56), "
	    "($57, $58, $59, $60, $61, $62, $63), "
	    "($64, $65, $66, $67, $68, $69, $70), "
	    "($71, $72, $73, $74, $75, $76, $77), "
	    "($78, $79, $80, $81, $82, $83, $84), "
	    "($85, $86, $87, $88, $89, $90, $91), "
	    "($92, $93, $94, $95, $96, $97, $98), "
	    "($99, $100, $101, $102, $103, $104, $105), "
	    "($106, $107, $108, $109, $110, $111, $112), "
	    "($113, $114, $115, $116, $117, $118, $119), "
	    "($120, $121, $122, $123, $124, $125, $126), "
	    "($127, $128, $129, $130, $131, $132, $133), "
	    "($134, $135, $136, $137, $138, $139, $140), "
	    "($141, $142, $143, $144, $145, $146, $147), "
	    "($148, $149, $150, $151, $152, $153, $154), "
	    "($155, $156, $157, $158, $159, $160, $161), "
	    "($162, $163, $164, $165, $166, $167, $168), "
	    "($169, $170, $171, $172, $173, $174, $175), "
	    "($176, $177, $178, $179, $180, $181, $182), "
	    "($183, $184, $185, $186, $187, $188, $189), "
	    "($190, $191, $192, $193, $194, $195, $196), "
	    "($197, $198, $199, $200, $201, $202, $203), "
	    "($204, $205, $206, $207, $208, $209, $210), "
	    "($211, $212, $213, $214, $215, $216, $217), "
	    "($218, $219, $220, $221, $222, $223, $224)",
	[STMT_EV_SUMMARY_ADD] = "INSERT INTO evidence_summary AS t (source, "
	    "jurisdiction, facility, period, issued, declined, other) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7) "
	    "ON CONFLICT (jurisdiction, source, facility, period) DO UPDATE "
	    "SET issued = t.issued + excluded.issued, "
	    "declined = t.declined + excluded.declined, "
	    "other = t.other + excluded.other",
	[STMT_EV_SUMMARY_SET] = "INSERT INTO evidence_summary AS t (source, "
	    "jurisdiction, facility, period, issued, declined, other) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7) "
	    "ON CONFLICT (jurisdiction, source, facility, period) DO UPDATE "
	    "SET issued = coalesce(excluded.issued, t.issued), "
	    "declined = coalesce(excluded.declined, t.declined), "
	    "other = coalesce(excluded.other, t.other)",
	[STMT_EV_SUMMARY_JURISDICTION] = "SELECT source, jurisdiction, "
	    "facility, period, issued, declined, other FROM evidence_summary "
	    "WHERE jurisdiction = $1 ORDER BY source, period, facility",
	[STMT_EV_FACILITY_PUT] = "INSERT INTO evidence_facilities "
	    "(facility, city, state, jurisdiction, matched_by) "
	    "VALUES ($1, $2, $3, $4, $5) "
	    "ON CONFLICT (facility, state, city) DO UPDATE "
	    "SET jurisdiction = excluded.jurisdiction, "
	    "matched_by = excluded.matched_by",
	[STMT_EV_FACILITY_GET] = "SELECT facility, city, state, jurisdiction, "
	    "matched_by FROM evidence_facilities WHERE facility = $1",
	[STMT_EV_FACILITY_LIST] = "SELECT facility, city, state, jurisdiction, "
	    "matched_by FROM evidence_facilities WHERE jurisdiction = $1 "
	    "ORDER BY facility",
	[STMT_EV_NATIONAL_PUT] = "INSERT INTO evidence_national "
	    "(measure, category, period, count, source) "
	    "VALUES ($1, $2, $3, $4, $5) "
	    "ON CONFLICT (measure, category, period) DO UPDATE "
	    "SET count = excluded.count, source = excluded.source",
	[STMT_EV_NATIONAL_LIST] = "SELECT measure, category, period, count, "
	    "source FROM evidence_national ORDER BY measure, category, period",
	[STMT_EV_USAS_TXN_INSERT] = "INSERT INTO evidence_usas_transactions "
	    "(transaction_key, fain, listing, recipient_name, recipient_uei, "
	    "amount_cents, action_date, jurisdiction, extra) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	[STMT_EV_USAS_AWARD_ADD] = "INSERT INTO evidence_usas_awards AS t "
	    "(fain, listing, recipient_name, recipient_uei, jurisdiction, "
	    "transactions, obligated_cents, first_action, last_action) "
	    "VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7) "
	    "ON CONFLICT (fain) DO UPDATE SET "
	    "transactions = t.transactions + 1, "
	    "obligated_cents = t.obligated_cents + excluded.obligated_cents, "
	    "first_action = least(t.first_action, excluded.first_action), "
	    "last_action = greatest(t.last_action, excluded.last_action), "
	    "listing = coalesce(t.listing, excluded.listing), "
	    "recipient_name = coalesce(t.recipient_name, "
	    "excluded.recipient_name), "
	    "recipient_uei = coalesce(t.recipient_uei, "
	    "excluded.recipient_uei), "
	    "jurisdiction = CASE WHEN t.jurisdiction = '' "
	    "THEN excluded.jurisdiction ELSE t.jurisdiction END",
	[STMT_EV_USAS_AWARD_LIST] = "SELECT fain, listing, recipient_name, "
	    "recipient_uei, jurisdiction, transactions, obligated_cents, "
	    "first_action, last_action FROM evidence_usas_awards "
	    "WHERE jurisdiction = $1 ORDER BY first_action, fain",
	[STMT_EV_COUNT_DETAINERS] = "SELECT count(*) FROM evidence_detainers",
	[STMT_EV_COUNT_SUMMARY] = "SELECT count(*) FROM evidence_summary",
	[STMT_EV_COUNT_FACILITIES] = "SELECT count(*) FROM evidence_facilities",
	[STMT_EV_COUNT_NATIONAL] = "SELECT count(*) FROM evidence_national",
	[STMT_EV_COUNT_USAS_TXN] = "SELECT count(*) FROM "
	    "evidence_usas_transactions",
	[STMT_EV_COUNT_USAS_AWARDS] = "SELECT count(*) FROM "
	    "evidence_usas_awards",
	/* The page cache is SQLite's; PostgreSQL has nothing to set. */
	[STMT_EV_CACHE_BULK] = "SELECT 1",
	[STMT_EV_CACHE_DEFAULT] = "SELECT 1",
	[STMT_EV_SUMMARY_CLEAR] = "DELETE FROM evidence_summary "
	    "WHERE source = $1",
	[STMT_EV_SUMMARY_ADD_BATCH] = "INSERT INTO evidence_summary AS t "
	    "(jurisdiction, source, facility, period, issued, declined, other) "
	    "VALUES "
	    "($1, $2, $3, $4, $5, $6, $7), "
	    "($8, $9, $10, $11, $12, $13, $14), "
	    "($15, $16, $17, $18, $19, $20, $21), "
	    "($22, $23, $24, $25, $26, $27, $28), "
	    "($29, $30, $31, $32, $33, $34, $35), "
	    "($36, $37, $38, $39, $40, $41, $42), "
	    "($43, $44, $45, $46, $47, $48, $49), "
	    "($50, $51, $52, $53, $54, $55, $56), "
	    "($57, $58, $59, $60, $61, $62, $63), "
	    "($64, $65, $66, $67, $68, $69, $70), "
	    "($71, $72, $73, $74, $75, $76, $77), "
	    "($78, $79, $80, $81, $82, $83, $84), "
	    "($85, $86, $87, $88, $89, $90, $91), "
	    "($92, $93, $94, $95, $96, $97, $98), "
	    "($99, $100, $101, $102, $103, $104, $105), "
	    "($106, $107, $108, $109, $110, $111, $112), "
	    "($113, $114, $115, $116, $117, $118, $119), "
	    "($120, $121, $122, $123, $124, $125, $126), "
	    "($127, $128, $129, $130, $131, $132, $133), "
	    "($134, $135, $136, $137, $138, $139, $140), "
	    "($141, $142, $143, $144, $145, $146, $147), "
	    "($148, $149, $150, $151, $152, $153, $154), "
	    "($155, $156, $157, $158, $159, $160, $161), "
	    "($162, $163, $164, $165, $166, $167, $168), "
	    "($169, $170, $171, $172, $173, $174, $175), "
	    "($176, $177, $178, $179, $180, $181, $182), "
	    "($183, $184, $185, $186, $187, $188, $189), "
	    "($190, $191, $192, $193, $194, $195, $196), "
	    "($197, $198, $199, $200, $201, $202, $203), "
	    "($204, $205, $206, $207, $208, $209, $210), "
	    "($211, $212, $213, $214, $215, $216, $217), "
	    "($218, $219, $220, $221, $222, $223, $224) "
	    "ON CONFLICT (jurisdiction, source, facility, period) DO UPDATE "
	    "SET issued = t.issued + excluded.issued, "
	    "declined = t.declined + excluded.declined, "
	    "other = t.other + excluded.other",
	[STMT_COPY_TABLES] = "SELECT table_name FROM information_schema.tables "
	    "WHERE table_schema = current_schema() "
	    "AND table_type = 'BASE TABLE' ORDER BY table_name",
	[STMT_COPY_STEPS_LIST] = "SELECT id, notice, event, from_state, to_state, "
	    "on_date, due_date, derivation, actor, reason, ref "
	    "FROM case_transitions ORDER BY id",
	[STMT_COPY_STEPS_INSERT] = "INSERT INTO case_transitions (id, notice, event, "
	    "from_state, to_state, on_date, due_date, derivation, actor, "
	    "reason, ref) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
	[STMT_COPY_REVIEWS_INSERT] = "INSERT INTO reviews (id, certification, notice, "
	    "finding, provisions, rationale, explanation, proposer, "
	    "proposed_on, status, decider, decided_on, decision_reason) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
	[STMT_COPY_DOCS_LIST] = "SELECT id, certification, role, name, size, type, "
	    "sha256 FROM documents ORDER BY id",
	[STMT_COPY_DOCS_INSERT] = "INSERT INTO documents (id, certification, role, "
	    "name, size, type, sha256) VALUES ($1, $2, $3, $4, $5, $6, $7)",
	[STMT_COPY_LETTERS_LIST] = "SELECT id, notice, format, template, size, "
	    "sha256, rendered FROM letters ORDER BY id",
	[STMT_COPY_LETTERS_INSERT] = "INSERT INTO letters (id, notice, format, "
	    "template, size, sha256, rendered) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7)",
	[STMT_COPY_CHECKS_LIST] = "SELECT certification, notice, due_date, on_time, "
	    "days_late, complete, reason FROM certification_checks "
	    "ORDER BY certification",
	[STMT_COPY_TOKENS_LIST] = "SELECT token_hash, user_name, label, created "
	    "FROM api_tokens ORDER BY token_hash",
	[STMT_COPY_IDS_RESET] = "SELECT setval(pg_get_serial_sequence('case_transitions', "
	    "'id'), (SELECT coalesce(max(id), 0) + 1 FROM case_transitions), "
	    "false), setval(pg_get_serial_sequence('documents', 'id'), "
	    "(SELECT coalesce(max(id), 0) + 1 FROM documents), false), "
	    "setval(pg_get_serial_sequence('letters', 'id'), "
	    "(SELECT coalesce(max(id), 0) + 1 FROM letters), false)",
	/* Load first, index after (store_ev_detainers_load_begin/_end).
	 * An index build's sort gets a fixed 128 MB (the default is 64 MB),
	 * enough for the server's default of two helper processes, which
	 * PostgreSQL gives a build only with 32 MB each; how many helpers
	 * the server allows stays its administrator's choice.  SET LOCAL:
	 * back to the server's settings at the transaction's end. */
	[STMT_EV_DETAINER_LAST] = "SELECT count(*) FROM evidence_detainers",
	[STMT_EV_DETAINER_INDEX_DROP] = "DROP INDEX IF EXISTS "
	    "evidence_detainers_id",
	[STMT_EV_DETAINER_INDEX_CREATE] = "CREATE UNIQUE INDEX IF NOT EXISTS "
	    "evidence_detainers_id ON evidence_detainers(detainer_id)",
	[STMT_EV_PLACE_INDEX_DROP] = "DROP INDEX IF EXISTS "
	    "evidence_detainers_place",
	[STMT_EV_PLACE_INDEX_CREATE] = "CREATE INDEX IF NOT EXISTS "
	    "evidence_detainers_place ON evidence_detainers"
	    "(facility_county_fips, issued_date, detainer_id)",
	/* After a failed unique build: the repeated id whose last copy
	 * comes first in the heap (a load appends in file order unless it
	 * fills space freed by vacuum, so this is the earliest repeat in
	 * the file, exact for pairs, as on SQLite) and how many rows hold
	 * it; the importer finds its line in the file by the id. */
	[STMT_EV_DETAINER_DUP] = "SELECT detainer_id, count(*) "
	    "FROM evidence_detainers GROUP BY detainer_id "
	    "HAVING count(*) > 1 ORDER BY max(ctid) LIMIT 1",
	[STMT_EV_DETAINER_EXISTS] = "SELECT 1 FROM evidence_detainers "
	    "WHERE detainer_id = $1",
	[STMT_EV_USAS_TXN_EXISTS] = "SELECT 1 FROM evidence_usas_transactions "
	    "WHERE transaction_key = $1",
	[STMT_EV_CACHE_SORT] = "SET LOCAL maintenance_work_mem = '128MB'",
	[STMT_EV_SORT_THREADS] = "SELECT 1",
	[STMT_JURISDICTIONS_PAGE] = "SELECT id, name, kind, parent, also_in, valid_from, "
	    "valid_to, source, confidence FROM jurisdictions ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_AGENCIES_PAGE] = "SELECT id, jurisdiction, name, kind, officer_title, "
	    "officer_name, valid_from, valid_to, source, confidence FROM "
	    "agencies ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_PROGRAMS_PAGE] = "SELECT id, name, listing, federal_agency, source, confidence "
	    "FROM programs ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_AWARDS_PAGE] = "SELECT id, program, agency, fiscal_year, amount, award_date, "
	    "start_date, end_date, source, confidence FROM awards ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_REQUIREMENTS_PAGE] = "SELECT id, citation, title, kind, text, valid_from, "
	    "valid_to, source, confidence FROM requirements ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_CONDITIONS_PAGE] = "SELECT id, program, fiscal_year, number, title, text, "
	    "requirements, evidence, due_date, valid_from, valid_to, "
	    "source, confidence FROM conditions ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_POLICIES_PAGE] = "SELECT id, jurisdiction, kind, title, citation, adopted, "
	    "binds, supersedes, url, valid_from, valid_to, source, "
	    "confidence FROM policies ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_PROVISIONS_PAGE] = "SELECT id, policy, type, section, excerpt, excerpt_kind, "
	    "scope, exceptions, valid_from, valid_to, source, confidence "
	    "FROM provisions ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_RULINGS_PAGE] = "SELECT id, case_name, court, docket, date, kind, conditions, "
	    "scope, plaintiffs, members_of, target, superseded_by, "
	    "summary, valid_from, valid_to, source, confidence FROM "
	    "rulings ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_DIRECTIVES_PAGE] = "SELECT id, kind, title, citation, date, revoked_by, url, "
	    "valid_from, valid_to, source, confidence FROM directives "
	    "ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_DESIGNATIONS_PAGE] = "SELECT id, directive, jurisdiction, date, label, valid_from, "
	    "valid_to, source, confidence FROM designations ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_NOTICES_PAGE] = "SELECT id, kind, date, jurisdiction, agency, sender, "
	    "conditions, awards, due_date, due_rule, in_reply_to, "
	    "summary, source, confidence FROM notices ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_CERTIFICATIONS_PAGE] = "SELECT id, jurisdiction, agency, notice, conditions, date, "
	    "signer, signer_title, authority, has_legal_opinion, summary, "
	    "source, confidence FROM certifications ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_EVENTS_PAGE] = "SELECT id, date, kind, jurisdiction, title, summary, url, "
	    "source, confidence FROM events ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	[STMT_ACTIONS_PAGE] = "SELECT id, kind, date, jurisdiction, award, condition, "
	    "amount, ruling, summary, source, confidence FROM actions "
	    "ORDER BY id "
	    "LIMIT $1 OFFSET $2",
	/* The data version servers key their caches on: the audit log's
	 * last seq, which every committed write raises. */
	[STMT_AUDIT_HEAD] = "SELECT coalesce(max(seq), 0) FROM audit_log",
	[STMT_CASES_DOC_BYTES_PUT] = "INSERT INTO document_bytes "
	    "(sha256, size, data) VALUES ($1, $2, $3) "
	    "ON CONFLICT (sha256) DO NOTHING",
	[STMT_CASES_DOC_BYTES_GET] = "SELECT size, data FROM document_bytes "
	    "WHERE sha256 = $1",
	[STMT_COPY_DOC_BYTES_LIST] = "SELECT sha256, size, data FROM "
	    "document_bytes ORDER BY sha256",
	[STMT_EV_DETAINER_COPY] = "COPY evidence_detainers (detainer_id, "
	    "issued_date, facility, facility_county_fips, outcome, "
	    "outcome_date, extra) FROM STDIN",
	/* Summary counts of a bulk load: COPY into a staging table, MERGE
	 * it in (a join, not a speculative insert per row as ON CONFLICT
	 * does: several times faster), then empty it.  A flush's keys are
	 * distinct, as MERGE needs. */
	[STMT_EV_SUMMARY_STAGE] = "CREATE TEMP TABLE IF NOT EXISTS "
	    "evidence_summary_in (source TEXT COLLATE \"C\", "
	    "jurisdiction TEXT COLLATE \"C\", facility TEXT COLLATE \"C\", "
	    "period TEXT COLLATE \"C\", issued BIGINT, declined BIGINT, "
	    "other BIGINT) ON COMMIT DROP",
	[STMT_EV_SUMMARY_COPY] = "COPY evidence_summary_in (source, "
	    "jurisdiction, facility, period, issued, declined, other) "
	    "FROM STDIN",
	[STMT_EV_SUMMARY_MERGE] = "MERGE INTO evidence_summary AS t "
	    "USING evidence_summary_in AS n "
	    "ON t.jurisdiction = n.jurisdiction AND t.source = n.source "
	    "AND t.facility = n.facility AND t.period = n.period "
	    "WHEN MATCHED THEN UPDATE SET issued = t.issued + n.issued, "
	    "declined = t.declined + n.declined, other = t.other + n.other "
	    "WHEN NOT MATCHED THEN INSERT (source, jurisdiction, facility, "
	    "period, issued, declined, other) VALUES (n.source, "
	    "n.jurisdiction, n.facility, n.period, n.issued, n.declined, "
	    "n.other)",
	[STMT_EV_SUMMARY_UNSTAGE] = "TRUNCATE evidence_summary_in",
	/* Whether the table is bigger than a load: counting stops there,
	 * so a small load into a big table costs little. */
	[STMT_EV_DETAINER_COUNT_UPTO] = "SELECT count(*) FROM (SELECT 1 "
	    "FROM evidence_detainers LIMIT $1) AS t",
	/* A failed build ends the transaction; the savepoint keeps the
	 * load so the repeated id can be found. */
	[STMT_EV_INDEX_SAVEPOINT] = "SAVEPOINT ev_index",
	[STMT_EV_INDEX_UNDO] = "ROLLBACK TO SAVEPOINT ev_index",
	/* When the summary holds no row of the source yet, none of a
	 * flush's keys is there: the counts go by COPY straight into the
	 * table, without the staging table and the MERGE (0.7 s less for
	 * the 386,000 rows of 2 million detainers). */
	[STMT_EV_SUMMARY_HAS_SOURCE] = "SELECT 1 FROM evidence_summary "
	    "WHERE source = $1 LIMIT 1",
	[STMT_EV_SUMMARY_COPY_DIRECT] = "COPY evidence_summary (source, "
	    "jurisdiction, facility, period, issued, declined, other) "
	    "FROM STDIN",
	/* The MERGE hashes the summary table: with the default 4 MB the
	 * join spilled to disk in 16 batches, and the MERGE of 386,000
	 * rows whose keys were all there already (2 million detainers of
	 * the same months again) took 4.7 s against 4.0 s with 64 MB.
	 * Until the transaction's end. */
	[STMT_EV_SUMMARY_MERGE_MEM] = "SET LOCAL work_mem = '64MB'",
	/* Bulk loads for rule evaluation: only the columns it reads
	 * (store.c's facts_cols names them, in this order), and no ORDER
	 * BY but for jurisdictions (results are listed by jurisdiction):
	 * a plain table scan, not an index walk with a row lookup each. */
	[STMT_FACTS_JURISDICTIONS] = "SELECT id, name, kind, parent, "
	    "valid_from, valid_to FROM jurisdictions ORDER BY id",
	[STMT_FACTS_AGENCIES] = "SELECT id, jurisdiction FROM agencies",
	[STMT_FACTS_POLICIES] = "SELECT id, jurisdiction, binds, valid_from, "
	    "valid_to FROM policies",
	[STMT_FACTS_PROVISIONS] = "SELECT id, policy, type, scope, "
	    "valid_from, valid_to FROM provisions",
	[STMT_FACTS_AWARDS] = "SELECT program, agency, fiscal_year, "
	    "award_date FROM awards",
	[STMT_SESSION_TOUCH] = "UPDATE sessions SET expires = $2 "
	    "WHERE token_hash = $1",
	[STMT_SESSION_END_USER] = "DELETE FROM sessions WHERE user_name = $1",
	/* As on SQLite: evidence_detainers_place gives the county's
	 * records in order, id included, so nothing is sorted. */
	[STMT_EV_DETAINER_PAGE] = "SELECT detainer_id, issued_date, "
	    "facility, facility_county_fips, outcome, outcome_date, extra "
	    "FROM evidence_detainers WHERE facility_county_fips = $1 "
	    "AND issued_date >= $2 AND issued_date <= $3 "
	    "AND (issued_date > $2 OR detainer_id > $4) "
	    "ORDER BY issued_date, detainer_id LIMIT $5",
	/* The page before a cursor, as on SQLite. */
	[STMT_EV_DETAINER_PAGE_BACK] = "SELECT detainer_id, issued_date, "
	    "facility, facility_county_fips, outcome, outcome_date, extra "
	    "FROM evidence_detainers WHERE facility_county_fips = $1 "
	    "AND issued_date >= $2 AND issued_date <= $3 "
	    "AND (issued_date < $3 OR $4::text IS NULL OR detainer_id < $4) "
	    "ORDER BY issued_date DESC, detainer_id DESC LIMIT $5",
};

const char *const *
store_pg_sql(void)
{
	return stmts;
}
