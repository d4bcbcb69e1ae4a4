"""The Frappe Workflows aims_app ships as fixtures (aims_app/fixtures/workflow*.json).

States and actions are shared masters: an uninstall removes our workflows but leaves these names, as
Frappe leaves its own.
"""

WORKFLOW_DOCTYPES = ("Risk Acceptance", "Nonconformity", "AI Policy")
WORKFLOW_STATES = (
	"Draft",
	"Awaiting Approval",
	"Accepted",
	"Rejected",
	"Cancelled",
	"Open",
	"Correction",
	"Root Cause Analysis",
	"Action",
	"Verification",
	"Closed",
	"In Review",
	"Approved",
	"Published",
	"Superseded",
)
WORKFLOW_ACTIONS = (
	"Accept",
	"Request Approval",
	"Approve",
	"Reject",
	"Revise",
	"Cancel",
	"Record Correction",
	"Analyse Root Cause",
	"Plan Actions",
	"Request Verification",
	"Close",
	"Reopen Actions",
	"Submit for Review",
	"Publish",
)
