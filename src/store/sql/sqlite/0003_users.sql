-- SPDX-License-Identifier: ISC
-- 0003: people who sign in to attest serve, their sessions and API
-- tokens.  Passwords are Argon2id strings (libsodium crypto_pwhash_str);
-- session and API tokens are stored only as SHA-256 hex of the token, so
-- a copy of the database does not let anyone sign in.

CREATE TABLE users (
	name TEXT PRIMARY KEY NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'approver', 'recipient')),
	jurisdiction TEXT REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	pwhash TEXT NOT NULL,
	created TEXT NOT NULL,
	CHECK ((role = 'recipient') = (jurisdiction IS NOT NULL))
);
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY NOT NULL,
	user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
	created INTEGER NOT NULL,
	expires INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_name);
CREATE TABLE api_tokens (
	token_hash TEXT PRIMARY KEY NOT NULL,
	user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
	label TEXT NOT NULL,
	created INTEGER NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens(user_name);
