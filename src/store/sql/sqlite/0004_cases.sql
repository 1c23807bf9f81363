-- SPDX-License-Identifier: ISC
-- 0004: the case workflow (DESIGN.md section 5).
--
-- One case per notice: its current state and due date in case_states,
-- every step in case_transitions (append-only, so an extension keeps
-- the old due date in the row before it).  reviews hold a finding, who
-- proposed it and who (a different person) approved or returned it.
-- documents are the files attached to a certification: their SHA-256,
-- size and the type sniffed from their bytes.  letters are the rendered
-- notices, each with its SHA-256.  certification_checks keep what was
-- computed when a certification was received: on time or late against
-- the due date then in force, and whether it carries what its
-- conditions need.  Every write also appends to audit_log.

CREATE TABLE case_states (
	notice TEXT PRIMARY KEY NOT NULL REFERENCES notices(id) DEFERRABLE INITIALLY DEFERRED,
	state TEXT NOT NULL,
	due_date TEXT,
	due_rule TEXT,
	derivation TEXT,
	updated TEXT NOT NULL
);
CREATE INDEX case_states_due ON case_states(due_date);

CREATE TABLE case_transitions (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	notice TEXT NOT NULL REFERENCES notices(id) DEFERRABLE INITIALLY DEFERRED,
	event TEXT NOT NULL,
	from_state TEXT,
	to_state TEXT NOT NULL,
	on_date TEXT NOT NULL,
	due_date TEXT,
	derivation TEXT,
	actor TEXT NOT NULL,
	reason TEXT,
	ref TEXT
);
CREATE INDEX case_transitions_notice ON case_transitions(notice, id);
CREATE TRIGGER case_transitions_no_update BEFORE UPDATE ON case_transitions
BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END;
CREATE TRIGGER case_transitions_no_delete BEFORE DELETE ON case_transitions
BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END;

CREATE TABLE reviews (
	id TEXT PRIMARY KEY NOT NULL,
	certification TEXT NOT NULL REFERENCES certifications(id) DEFERRABLE INITIALLY DEFERRED,
	notice TEXT REFERENCES notices(id) DEFERRABLE INITIALLY DEFERRED,
	finding TEXT NOT NULL CHECK (finding IN ('complies',
	    'possibly_noncompliant', 'insufficient', 'needs_information')),
	provisions TEXT,
	rationale TEXT,
	explanation TEXT,
	proposer TEXT NOT NULL,
	proposed_on TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'returned')),
	decider TEXT,
	decided_on TEXT,
	decision_reason TEXT,
	CHECK (decider IS NULL OR decider <> proposer)
);
CREATE INDEX reviews_certification ON reviews(certification);

CREATE TABLE documents (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	certification TEXT NOT NULL REFERENCES certifications(id) DEFERRABLE INITIALLY DEFERRED,
	role TEXT NOT NULL,
	name TEXT NOT NULL,
	size INTEGER NOT NULL,
	type TEXT NOT NULL,
	sha256 TEXT NOT NULL
);
CREATE INDEX documents_certification ON documents(certification);

CREATE TABLE letters (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	notice TEXT NOT NULL REFERENCES notices(id) DEFERRABLE INITIALLY DEFERRED,
	format TEXT NOT NULL,
	template TEXT NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	rendered TEXT NOT NULL
);
CREATE INDEX letters_notice ON letters(notice);

CREATE TABLE certification_checks (
	certification TEXT PRIMARY KEY NOT NULL REFERENCES certifications(id) DEFERRABLE INITIALLY DEFERRED,
	notice TEXT,
	due_date TEXT,
	on_time INTEGER,
	days_late INTEGER,
	complete INTEGER NOT NULL,
	reason TEXT
);
