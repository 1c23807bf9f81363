-- SPDX-License-Identifier: ISC
-- 0006 for PostgreSQL, the twin of sql/sqlite/0006_document_bytes.sql:
-- the bytes of the documents attached to certifications, kept once per
-- SHA-256 (documents.sha256 names them, as does the audit entry of
-- their attachment).  data is base64: statement parameters are text on
-- both backends.  Kept bytes are never changed or removed.
CREATE TABLE document_bytes (
	sha256 TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	size BIGINT NOT NULL,
	data TEXT COLLATE "C" NOT NULL
);
CREATE TRIGGER document_bytes_no_update BEFORE UPDATE ON document_bytes
FOR EACH ROW EXECUTE FUNCTION attest_append_only();
CREATE TRIGGER document_bytes_no_delete BEFORE DELETE ON document_bytes
FOR EACH ROW EXECUTE FUNCTION attest_append_only();
