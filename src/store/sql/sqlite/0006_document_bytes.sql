-- SPDX-License-Identifier: ISC
-- 0006: the bytes of the documents attached to certifications, kept once
-- per SHA-256 (documents.sha256 names them, as does the audit entry of
-- their attachment).  data is base64: statement parameters are text on
-- both backends.  Kept bytes are never changed or removed.
CREATE TABLE document_bytes (
	sha256 TEXT PRIMARY KEY NOT NULL,
	size INTEGER NOT NULL,
	data TEXT NOT NULL
);
CREATE TRIGGER document_bytes_no_update BEFORE UPDATE ON document_bytes
BEGIN SELECT RAISE(ABORT, 'document bytes are append-only'); END;
CREATE TRIGGER document_bytes_no_delete BEFORE DELETE ON document_bytes
BEGIN SELECT RAISE(ABORT, 'document bytes are append-only'); END;
