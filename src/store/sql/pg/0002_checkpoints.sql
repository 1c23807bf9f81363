-- SPDX-License-Identifier: ISC
-- 0002 for PostgreSQL, the twin of sql/sqlite/0002_checkpoints.sql:
-- signed checkpoints of the audit log's Merkle tree.
--
-- One row per checkpoint: the tree size and RFC 6962 root it commits
-- to, when it was made, which key signed it (key_id: first 8 bytes of
-- SHA-256 of the Ed25519 public key, hex) and the signature (hex) over
-- the checkpoint text (docs/internals/audit.md).  frontier holds the
-- roots of the perfect subtrees that make up the tree (hex, largest
-- first), so the next checkpoint hashes only the newer entries; it is
-- checked against the signed root before use.  Append-only, like the
-- log itself.
CREATE TABLE audit_checkpoints (
	tree_size BIGINT PRIMARY KEY NOT NULL,
	root_hash TEXT COLLATE "C" NOT NULL,
	time TEXT COLLATE "C" NOT NULL,
	key_id TEXT COLLATE "C" NOT NULL,
	signature TEXT COLLATE "C" NOT NULL,
	frontier TEXT COLLATE "C" NOT NULL
);
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE
ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION attest_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE
ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION attest_append_only();
