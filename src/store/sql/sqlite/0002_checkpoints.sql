-- SPDX-License-Identifier: ISC
-- 0002: signed checkpoints of the audit log's Merkle tree.
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
	tree_size INTEGER PRIMARY KEY NOT NULL,
	root_hash TEXT NOT NULL,
	time TEXT NOT NULL,
	key_id TEXT NOT NULL,
	signature TEXT NOT NULL,
	frontier TEXT NOT NULL
);
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
