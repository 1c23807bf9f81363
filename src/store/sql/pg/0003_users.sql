-- SPDX-License-Identifier: ISC
-- 0003 for PostgreSQL, the twin of sql/sqlite/0003_users.sql: people
-- who sign in to attest serve, their sessions and API tokens.  Passwords are Argon2id strings (libsodium crypto_pwhash_str);
-- session and API tokens are stored only as SHA-256 hex of the token, so
-- a copy of the database does not let anyone sign in.

CREATE TABLE users (
	name TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	role TEXT COLLATE "C" NOT NULL CHECK (role IN ('admin', 'reviewer', 'approver', 'recipient')),
	jurisdiction TEXT COLLATE "C" REFERENCES jurisdictions(id) DEFERRABLE INITIALLY DEFERRED,
	pwhash TEXT COLLATE "C" NOT NULL,
	created TEXT COLLATE "C" NOT NULL,
	CHECK ((role = 'recipient') = (jurisdiction IS NOT NULL))
);
CREATE TABLE sessions (
	token_hash TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	user_name TEXT COLLATE "C" NOT NULL REFERENCES users(name) ON DELETE CASCADE,
	created BIGINT NOT NULL,
	expires BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_name);
CREATE TABLE api_tokens (
	token_hash TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	user_name TEXT COLLATE "C" NOT NULL REFERENCES users(name) ON DELETE CASCADE,
	label TEXT COLLATE "C" NOT NULL,
	created BIGINT NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens(user_name);
