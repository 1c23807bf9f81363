-- SPDX-License-Identifier: ISC
-- 0001: one table per entity kind (columns follow src/model/model.c),
-- the append-only audit log and its checkpoints.

CREATE TABLE jurisdictions (
	id TEXT PRIMARY KEY NOT NULL,
	name TEXT,
	kind TEXT,
	parent TEXT REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	also_in TEXT,
	valid_from TEXT,
	valid_to TEXT,
	source TEXT,
	confidence TEXT
);
CREATE INDEX jurisdictions_parent ON jurisdictions(parent);
CREATE TABLE agencies (
	id TEXT PRIMARY KEY NOT NULL,
	jurisdiction TEXT REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	name TEXT,
	kind TEXT,
	officer_title TEXT,
	officer_name TEXT,
	valid_from TEXT,
	valid_to TEXT,
	source TEXT,
	confidence TEXT
);
CREATE INDEX agencies_jurisdiction ON agencies(jurisdiction);
CREATE TABLE programs (
	id TEXT PRIMARY KEY NOT NULL,
	name TEXT,
	listing TEXT,
	federal_agency TEXT,
	source TEXT,
	confidence TEXT
);
CREATE TABLE awards (
	id TEXT PRIMARY KEY NOT NULL,
	program TEXT REFERENCES programs(id) DEFERRABLE INITIALLY DEFERRED,
	agency TEXT REFERENCES agencies(id) DEFERRABLE INITIALLY DEFERRED,
	fiscal_year INTEGER,
	amount INTEGER,
	award_date TEXT,
	start_date TEXT,
	end_date TEXT,
	source TEXT,
	confidence TEXT
);
CREATE INDEX awards_program ON awards(program);
CREATE INDEX awards_agency ON awards(agency);
CREATE TABLE requirements (
	id TEXT PRIMARY KEY NOT NULL,
	citation TEXT,
	title TEXT,
	kind TEXT,
	text TEXT,
	valid_from TEXT,
	valid_to TEXT,
	source TEXT,
	confidence TEXT
);
CREATE TABLE conditions (
	id TEXT PRIMARY KEY NOT NULL,
	program TEXT REFERENCES programs(id) DEFERRABLE INITIALLY DEFERRED,
	fiscal_year INTEGER,
	number TEXT,
	title TEXT,
	text TEXT,
	requirements TEXT,
	evidence TEXT,
	due_date TEXT,
	valid_from TEXT,
	valid_to TEXT,
	source TEXT,
	confidence TEXT
);
CREATE INDEX conditions_program ON conditions(program);
CREATE TABLE policies (
	id TEXT PRIMARY KEY NOT NULL,
	jurisdiction TEXT REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	kind TEXT,
	title TEXT,
	citation TEXT,
	adopted TEXT,
	binds TEXT,
	supersedes TEXT REFERENCES policies(id) DEFERRABLE INITIALLY DEFERRED,
	url TEXT,
	valid_from TEXT,
	valid_to TEXT,
	source TEXT,
	confidence TEXT
);
CREATE INDEX policies_jurisdiction ON policies(jurisdiction);
CREATE INDEX policies_supersedes ON policies(supersedes);
CREATE TABLE provisions (
	id TEXT PRIMARY KEY NOT NULL,
	policy TEXT REFERENCES policies(id) DEFERRABLE INITIALLY DEFERRED,
	type TEXT,
	section TEXT,
	excerpt TEXT,
	excerpt_kind TEXT,
	scope TEXT,
	exceptions TEXT,
	valid_from TEXT,
	valid_to TEXT,
	source TEXT,
	confidence TEXT
);
CREATE INDEX provisions_policy ON provisions(policy);
CREATE TABLE rulings (
	id TEXT PRIMARY KEY NOT NULL,
	case_name TEXT,
	court TEXT,
	docket TEXT,
	date TEXT,
	kind TEXT,
	conditions TEXT,
	scope TEXT,
	plaintiffs TEXT,
	members_of TEXT,
	target TEXT REFERENCES rulings(id) DEFERRABLE INITIALLY DEFERRED,
	superseded_by TEXT REFERENCES rulings(id) DEFERRABLE INITIALLY DEFERRED,
	summary TEXT,
	valid_from TEXT,
	valid_to TEXT,
	source TEXT,
	confidence TEXT
);
CREATE INDEX rulings_target ON rulings(target);
CREATE INDEX rulings_superseded_by ON rulings(superseded_by);
CREATE TABLE directives (
	id TEXT PRIMARY KEY NOT NULL,
	kind TEXT,
	title TEXT,
	citation TEXT,
	date TEXT,
	revoked_by TEXT REFERENCES directives(id) DEFERRABLE INITIALLY DEFERRED,
	url TEXT,
	valid_from TEXT,
	valid_to TEXT,
	source TEXT,
	confidence TEXT
);
CREATE INDEX directives_revoked_by ON directives(revoked_by);
CREATE TABLE designations (
	id TEXT PRIMARY KEY NOT NULL,
	directive TEXT REFERENCES directives(id) DEFERRABLE INITIALLY DEFERRED,
	jurisdiction TEXT REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	date TEXT,
	label TEXT,
	valid_from TEXT,
	valid_to TEXT,
	source TEXT,
	confidence TEXT
);
CREATE INDEX designations_directive ON designations(directive);
CREATE INDEX designations_jurisdiction ON designations(jurisdiction);
CREATE TABLE notices (
	id TEXT PRIMARY KEY NOT NULL,
	kind TEXT,
	date TEXT,
	jurisdiction TEXT REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	agency TEXT REFERENCES agencies(id) DEFERRABLE INITIALLY DEFERRED,
	sender TEXT,
	conditions TEXT,
	awards TEXT,
	due_date TEXT,
	due_rule TEXT,
	in_reply_to TEXT REFERENCES notices(id) DEFERRABLE INITIALLY DEFERRED,
	summary TEXT,
	source TEXT,
	confidence TEXT
);
CREATE INDEX notices_jurisdiction ON notices(jurisdiction);
CREATE INDEX notices_agency ON notices(agency);
CREATE INDEX notices_in_reply_to ON notices(in_reply_to);
CREATE TABLE certifications (
	id TEXT PRIMARY KEY NOT NULL,
	jurisdiction TEXT REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	agency TEXT REFERENCES agencies(id) DEFERRABLE INITIALLY DEFERRED,
	notice TEXT REFERENCES notices(id) DEFERRABLE INITIALLY DEFERRED,
	conditions TEXT,
	date TEXT,
	signer TEXT,
	signer_title TEXT,
	authority TEXT,
	has_legal_opinion TEXT,
	summary TEXT,
	source TEXT,
	confidence TEXT
);
CREATE INDEX certifications_jurisdiction ON certifications(jurisdiction);
CREATE INDEX certifications_agency ON certifications(agency);
CREATE INDEX certifications_notice ON certifications(notice);
CREATE TABLE events (
	id TEXT PRIMARY KEY NOT NULL,
	date TEXT,
	kind TEXT,
	jurisdiction TEXT REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	title TEXT,
	summary TEXT,
	url TEXT,
	source TEXT,
	confidence TEXT
);
CREATE INDEX events_jurisdiction ON events(jurisdiction);
CREATE TABLE actions (
	id TEXT PRIMARY KEY NOT NULL,
	kind TEXT,
	date TEXT,
	jurisdiction TEXT REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	award TEXT REFERENCES awards(id) DEFERRABLE INITIALLY DEFERRED,
	condition TEXT REFERENCES conditions(id) DEFERRABLE INITIALLY DEFERRED,
	amount INTEGER,
	ruling TEXT REFERENCES rulings(id) DEFERRABLE INITIALLY DEFERRED,
	summary TEXT,
	source TEXT,
	confidence TEXT
);
CREATE INDEX actions_jurisdiction ON actions(jurisdiction);
CREATE INDEX actions_award ON actions(award);
CREATE INDEX actions_condition ON actions(condition);
CREATE INDEX actions_ruling ON actions(ruling);

CREATE TABLE audit_log (
	seq INTEGER PRIMARY KEY NOT NULL,
	time TEXT NOT NULL,
	actor TEXT NOT NULL,
	verb TEXT NOT NULL,
	kind TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	new_json TEXT,
	old_json TEXT,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(kind, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

