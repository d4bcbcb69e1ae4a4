"""The roles aims_app ships (names are part of the contract in DESIGN.md)."""

AIMS_MANAGER = "AIMS Manager"
AI_SYSTEM_OWNER = "AI System Owner"
AI_RISK_OWNER = "AI Risk Owner"
AIMS_AUDITOR = "AIMS Auditor"
AIMS_APPROVER = "AIMS Approver"
AIMS_VIEWER = "AIMS Viewer"

AIMS_ROLES = (AIMS_MANAGER, AI_SYSTEM_OWNER, AI_RISK_OWNER, AIMS_AUDITOR, AIMS_APPROVER, AIMS_VIEWER)

# Roles that pass every record-level rule in aims_app/permissions.py (Administrator holds every role).
UNRESTRICTED = frozenset({AIMS_MANAGER, "System Manager", "Administrator"})
