-- SPDX-License-Identifier: ISC
-- 0001 for PostgreSQL: the twin of sql/sqlite/0001_init.sql.  Text
-- columns compare and sort bytewise (COLLATE "C") as SQLite's do, so
-- lists, exports and date comparisons agree on both backends whatever
-- the cluster's locale; integers are 64-bit.

CREATE TABLE jurisdictions (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	name TEXT COLLATE "C",
	kind TEXT COLLATE "C",
	parent TEXT COLLATE "C" REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	also_in TEXT COLLATE "C",
	valid_from TEXT COLLATE "C",
	valid_to TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE INDEX jurisdictions_parent ON jurisdictions(parent);
CREATE TABLE agencies (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	jurisdiction TEXT COLLATE "C" REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	name TEXT COLLATE "C",
	kind TEXT COLLATE "C",
	officer_title TEXT COLLATE "C",
	officer_name TEXT COLLATE "C",
	valid_from TEXT COLLATE "C",
	valid_to TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE INDEX agencies_jurisdiction ON agencies(jurisdiction);
CREATE TABLE programs (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	name TEXT COLLATE "C",
	listing TEXT COLLATE "C",
	federal_agency TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE TABLE awards (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	program TEXT COLLATE "C" REFERENCES programs(id) DEFERRABLE INITIALLY DEFERRED,
	agency TEXT COLLATE "C" REFERENCES agencies(id) DEFERRABLE INITIALLY DEFERRED,
	fiscal_year BIGINT,
	amount BIGINT,
	award_date TEXT COLLATE "C",
	start_date TEXT COLLATE "C",
	end_date TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE INDEX awards_program ON awards(program);
CREATE INDEX awards_agency ON awards(agency);
CREATE TABLE requirements (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	citation TEXT COLLATE "C",
	title TEXT COLLATE "C",
	kind TEXT COLLATE "C",
	text TEXT COLLATE "C",
	valid_from TEXT COLLATE "C",
	valid_to TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE TABLE conditions (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	program TEXT COLLATE "C" REFERENCES programs(id) DEFERRABLE INITIALLY DEFERRED,
	fiscal_year BIGINT,
	number TEXT COLLATE "C",
	title TEXT COLLATE "C",
	text TEXT COLLATE "C",
	requirements TEXT COLLATE "C",
	evidence TEXT COLLATE "C",
	due_date TEXT COLLATE "C",
	valid_from TEXT COLLATE "C",
	valid_to TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE INDEX conditions_program ON conditions(program);
CREATE TABLE policies (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	jurisdiction TEXT COLLATE "C" REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	kind TEXT COLLATE "C",
	title TEXT COLLATE "C",
	citation TEXT COLLATE "C",
	adopted TEXT COLLATE "C",
	binds TEXT COLLATE "C",
	supersedes TEXT COLLATE "C" REFERENCES policies(id) DEFERRABLE INITIALLY DEFERRED,
	url TEXT COLLATE "C",
	valid_from TEXT COLLATE "C",
	valid_to TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE INDEX policies_jurisdiction ON policies(jurisdiction);
CREATE INDEX policies_supersedes ON policies(supersedes);
CREATE TABLE provisions (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	policy TEXT COLLATE "C" REFERENCES policies(id) DEFERRABLE INITIALLY DEFERRED,
	type TEXT COLLATE "C",
	section TEXT COLLATE "C",
	excerpt TEXT COLLATE "C",
	excerpt_kind TEXT COLLATE "C",
	scope TEXT COLLATE "C",
	exceptions TEXT COLLATE "C",
	valid_from TEXT COLLATE "C",
	valid_to TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE INDEX provisions_policy ON provisions(policy);
CREATE TABLE rulings (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	case_name TEXT COLLATE "C",
	court TEXT COLLATE "C",
	docket TEXT COLLATE "C",
	date TEXT COLLATE "C",
	kind TEXT COLLATE "C",
	conditions TEXT COLLATE "C",
	scope TEXT COLLATE "C",
	plaintiffs TEXT COLLATE "C",
	members_of TEXT COLLATE "C",
	target TEXT COLLATE "C" REFERENCES rulings(id) DEFERRABLE INITIALLY DEFERRED,
	superseded_by TEXT COLLATE "C" REFERENCES rulings(id) DEFERRABLE INITIALLY DEFERRED,
	summary TEXT COLLATE "C",
	valid_from TEXT COLLATE "C",
	valid_to TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE INDEX rulings_target ON rulings(target);
CREATE INDEX rulings_superseded_by ON rulings(superseded_by);
CREATE TABLE directives (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	kind TEXT COLLATE "C",
	title TEXT COLLATE "C",
	citation TEXT COLLATE "C",
	date TEXT COLLATE "C",
	revoked_by TEXT COLLATE "C" REFERENCES directives(id) DEFERRABLE INITIALLY DEFERRED,
	url TEXT COLLATE "C",
	valid_from TEXT COLLATE "C",
	valid_to TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE INDEX directives_revoked_by ON directives(revoked_by);
CREATE TABLE designations (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	directive TEXT COLLATE "C" REFERENCES directives(id) DEFERRABLE INITIALLY DEFERRED,
	jurisdiction TEXT COLLATE "C" REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	date TEXT COLLATE "C",
	label TEXT COLLATE "C",
	valid_from TEXT COLLATE "C",
	valid_to TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE INDEX designations_directive ON designations(directive);
CREATE INDEX designations_jurisdiction ON designations(jurisdiction);
CREATE TABLE notices (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	kind TEXT COLLATE "C",
	date TEXT COLLATE "C",
	jurisdiction TEXT COLLATE "C" REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	agency TEXT COLLATE "C" REFERENCES agencies(id) DEFERRABLE INITIALLY DEFERRED,
	sender TEXT COLLATE "C",
	conditions TEXT COLLATE "C",
	awards TEXT COLLATE "C",
	due_date TEXT COLLATE "C",
	due_rule TEXT COLLATE "C",
	in_reply_to TEXT COLLATE "C" REFERENCES notices(id) DEFERRABLE INITIALLY DEFERRED,
	summary TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE INDEX notices_jurisdiction ON notices(jurisdiction);
CREATE INDEX notices_agency ON notices(agency);
CREATE INDEX notices_in_reply_to ON notices(in_reply_to);
CREATE TABLE certifications (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	jurisdiction TEXT COLLATE "C" REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	agency TEXT COLLATE "C" REFERENCES agencies(id) DEFERRABLE INITIALLY DEFERRED,
	notice TEXT COLLATE "C" REFERENCES notices(id) DEFERRABLE INITIALLY DEFERRED,
	conditions TEXT COLLATE "C",
	date TEXT COLLATE "C",
	signer TEXT COLLATE "C",
	signer_title TEXT COLLATE "C",
	authority TEXT COLLATE "C",
	has_legal_opinion TEXT COLLATE "C",
	summary TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE INDEX certifications_jurisdiction ON certifications(jurisdiction);
CREATE INDEX certifications_agency ON certifications(agency);
CREATE INDEX certifications_notice ON certifications(notice);
CREATE TABLE events (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	date TEXT COLLATE "C",
	kind TEXT COLLATE "C",
	jurisdiction TEXT COLLATE "C" REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	title TEXT COLLATE "C",
	summary TEXT COLLATE "C",
	url TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE INDEX events_jurisdiction ON events(jurisdiction);
CREATE TABLE actions (
	id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	kind TEXT COLLATE "C",
	date TEXT COLLATE "C",
	jurisdiction TEXT COLLATE "C" REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	award TEXT COLLATE "C" REFERENCES awards(id) DEFERRABLE INITIALLY DEFERRED,
	condition TEXT COLLATE "C" REFERENCES conditions(id) DEFERRABLE INITIALLY DEFERRED,
	amount BIGINT,
	ruling TEXT COLLATE "C" REFERENCES rulings(id) DEFERRABLE INITIALLY DEFERRED,
	summary TEXT COLLATE "C",
	source TEXT COLLATE "C",
	confidence TEXT COLLATE "C"
);
CREATE INDEX actions_jurisdiction ON actions(jurisdiction);
CREATE INDEX actions_award ON actions(award);
CREATE INDEX actions_condition ON actions(condition);
CREATE INDEX actions_ruling ON actions(ruling);

CREATE TABLE audit_log (
	seq BIGINT PRIMARY KEY NOT NULL,
	time TEXT COLLATE "C" NOT NULL,
	actor TEXT COLLATE "C" NOT NULL,
	verb TEXT COLLATE "C" NOT NULL,
	kind TEXT COLLATE "C" NOT NULL,
	entity_id TEXT COLLATE "C" NOT NULL,
	new_json TEXT COLLATE "C",
	old_json TEXT COLLATE "C",
	prev_hash TEXT COLLATE "C" NOT NULL,
	hash TEXT COLLATE "C" NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(kind, entity_id);
CREATE FUNCTION attest_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION attest_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION attest_append_only();
