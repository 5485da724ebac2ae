#ifndef AUTHCONSOLE_CLIBPQ_SHIM_H
#define AUTHCONSOLE_CLIBPQ_SHIM_H
/* libpq, the PostgreSQL client library (Debian: libpq-dev; pkg-config: libpq). */
#include <libpq-fe.h>
#endif
