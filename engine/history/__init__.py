"""Audit history: every audit recorded in a store (SQLite by default, PostgreSQL for a shared server), read
back as a list and as the differences between two audits.

    store.py       the records (AuditRecord, FindingRecord) and the Store interface, with its SQL
    sqlite.py      the embedded store (a file; WAL mode, several writers)
    postgres.py    the server store (postgresql://...)
    migrations.py  the versioned schema
    recording.py   open_store(PATH_OR_URL), record(store, report, subject)
    diff.py        what appeared, disappeared or changed status between two audits
    output.py      the history and a difference as text, JSON, Markdown and HTML
"""
