/* SPDX-License-Identifier: ISC */
/*
 * libpq, opened when the first PostgreSQL connection is made rather than
 * linked: libpq brings a dozen libraries (Kerberos, LDAP, SASL, TLS) that
 * every start of attest loaded and relocated, though most runs use
 * SQLite.  These are the libpq functions store_pg.c calls, forwarding to
 * libpq.so.5 (the soname Debian's libpq-dev links against).  Until
 * store_pq_load has succeeded none of them may be called.  A libpq
 * function newly called in src/store needs its line in PQ_FUNCS and its
 * forwarder below; until then the link fails naming it.
 */
#include "store/store_int.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <libpq-fe.h>

#define PQ_SONAME "libpq.so.5"

#define PQ_FUNCS(X) \
	X(PQconnectdb) \
	X(PQstatus) \
	X(PQresultStatus) \
	X(PQclear) \
	X(PQerrorMessage) \
	X(PQresultErrorField) \
	X(PQprepare) \
	X(PQgetResult) \
	X(PQfinish) \
	X(PQtransactionStatus) \
	X(PQsetNoticeProcessor) \
	X(PQsendQueryPrepared) \
	X(PQsendPrepare) \
	X(PQresultErrorMessage) \
	X(PQreset) \
	X(PQpipelineSync) \
	X(PQpipelineStatus) \
	X(PQntuples) \
	X(PQnfields) \
	X(PQgetvalue) \
	X(PQgetisnull) \
	X(PQexitPipelineMode) \
	X(PQexecPrepared) \
	X(PQexecParams) \
	X(PQexec) \
	X(PQenterPipelineMode) \
	X(PQputCopyData) \
	X(PQputCopyEnd)

static struct {
/* f names a member here: no parentheses. */
#define X(f) __typeof__(f) *f; /* NOLINT(bugprone-macro-parentheses) */
	PQ_FUNCS(X)
#undef X
} pq;

static pthread_once_t pq_once = PTHREAD_ONCE_INIT;
static bool pq_ok;
static char pq_why[300];

static void
pq_open(void)
{
	void *h = dlopen(PQ_SONAME, RTLD_NOW | RTLD_LOCAL), *sym;

	if (h == NULL) {
		(void)snprintf(pq_why, sizeof(pq_why), "%s", dlerror());
		return;
	}
	/* dlsym gives an object pointer; POSIX guarantees it converts to
	 * the function pointer it names. */
#define X(f)                                                           \
	sym = dlsym(h, #f);                                             \
	if (sym == NULL) {                                              \
		(void)snprintf(pq_why, sizeof(pq_why), "%s lacks %s",   \
		    PQ_SONAME, #f);                                     \
		return;                                                 \
	}                                                               \
	memcpy(&pq.f, &sym, sizeof(sym));
	PQ_FUNCS(X)
#undef X
	pq_ok = true;
}

bool
store_pq_load(const char **why)
{
	pthread_once(&pq_once, pq_open);
	*why = pq_why;
	return pq_ok;
}

PGconn *
PQconnectdb(const char *conninfo)
{
	return pq.PQconnectdb(conninfo);
}

ConnStatusType
PQstatus(const PGconn *conn)
{
	return pq.PQstatus(conn);
}

ExecStatusType
PQresultStatus(const PGresult *res)
{
	return pq.PQresultStatus(res);
}

void
PQclear(PGresult *res)
{
	pq.PQclear(res);
}

char *
PQerrorMessage(const PGconn *conn)
{
	return pq.PQerrorMessage(conn);
}

char *
PQresultErrorField(const PGresult *res, int fieldcode)
{
	return pq.PQresultErrorField(res, fieldcode);
}

PGresult *
PQprepare(PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes)
{
	return pq.PQprepare(conn, stmtName, query, nParams, paramTypes);
}

PGresult *
PQgetResult(PGconn *conn)
{
	return pq.PQgetResult(conn);
}

void
PQfinish(PGconn *conn)
{
	pq.PQfinish(conn);
}

PGTransactionStatusType
PQtransactionStatus(const PGconn *conn)
{
	return pq.PQtransactionStatus(conn);
}

PQnoticeProcessor
PQsetNoticeProcessor(PGconn *conn, PQnoticeProcessor proc, void *arg)
{
	return pq.PQsetNoticeProcessor(conn, proc, arg);
}

int
PQsendQueryPrepared(PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat)
{
	return pq.PQsendQueryPrepared(conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat);
}

int
PQsendPrepare(PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes)
{
	return pq.PQsendPrepare(conn, stmtName, query, nParams, paramTypes);
}

char *
PQresultErrorMessage(const PGresult *res)
{
	return pq.PQresultErrorMessage(res);
}

void
PQreset(PGconn *conn)
{
	pq.PQreset(conn);
}

int
PQpipelineSync(PGconn *conn)
{
	return pq.PQpipelineSync(conn);
}

PGpipelineStatus
PQpipelineStatus(const PGconn *conn)
{
	return pq.PQpipelineStatus(conn);
}

int
PQntuples(const PGresult *res)
{
	return pq.PQntuples(res);
}

int
PQnfields(const PGresult *res)
{
	return pq.PQnfields(res);
}

char *
PQgetvalue(const PGresult *res, int tup_num, int field_num)
{
	return pq.PQgetvalue(res, tup_num, field_num);
}

int
PQgetisnull(const PGresult *res, int tup_num, int field_num)
{
	return pq.PQgetisnull(res, tup_num, field_num);
}

int
PQexitPipelineMode(PGconn *conn)
{
	return pq.PQexitPipelineMode(conn);
}

PGresult *
PQexecPrepared(PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat)
{
	return pq.PQexecPrepared(conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat);
}

PGresult *
PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat)
{
	return pq.PQexecParams(conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat);
}

PGresult *
PQexec(PGconn *conn, const char *query)
{
	return pq.PQexec(conn, query);
}

int
PQenterPipelineMode(PGconn *conn)
{
	return pq.PQenterPipelineMode(conn);
}

int
PQputCopyData(PGconn *conn, const char *buffer, int nbytes)
{
	return pq.PQputCopyData(conn, buffer, nbytes);
}

int
PQputCopyEnd(PGconn *conn, const char *errormsg)
{
	return pq.PQputCopyEnd(conn, errormsg);
}
