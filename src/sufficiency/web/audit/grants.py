"""The PostgreSQL privileges of the application's database role: the audit log is INSERT and
SELECT only.

Deploy with two roles: an owner that runs migrations (and so owns the tables and their triggers),
and the role the service connects as. ``sufficiency-admin audit_grants ROLE`` prints the grants
for the service's role; run them as the owner after every migrate. The service's role can then
neither change nor remove an audit event, nor drop the triggers that also refuse it.
"""

from __future__ import annotations

import re

# A PostgreSQL role name this command will print grants for (plain identifiers only).
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
AUDIT_TABLE = "audit_auditevent"


def application_role_grants(role: str, schema: str = "public") -> list[str]:
    """SQL statements giving ``role`` what the service needs, and only INSERT and SELECT on the
    audit log."""
    if not ROLE_NAME.fullmatch(role) or not ROLE_NAME.fullmatch(schema):
        raise ValueError(f"not a plain PostgreSQL identifier: {role!r} / {schema!r}")
    return [
        f"GRANT USAGE ON SCHEMA {schema} TO {role};",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role};",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role};",
        f"REVOKE ALL ON {schema}.{AUDIT_TABLE} FROM {role};",
        f"GRANT SELECT, INSERT ON {schema}.{AUDIT_TABLE} TO {role};",
    ]
