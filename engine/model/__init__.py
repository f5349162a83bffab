"""Subjects that rule sets are evaluated against: programmes, transfers (and grade cohorts)."""
