"""Operations: backup and restore, and what the service shows while its database is down."""
