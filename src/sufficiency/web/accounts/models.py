"""Accounts use Django's own user model; roles are Django groups (see services.py)."""
