"""Case workflow: the only code that changes a case's state; writes the audit trail."""
