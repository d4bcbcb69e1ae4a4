"""Who may do what, written by hand from the promises in docs/features.md ("Permissions:" and the description
of each record) and the roles in DESIGN.md, never from the doctypes: the tests compare the live server and
docs/permissions.md with this table, so a right granted by mistake in a doctype or a workflow shows.

No Frappe import: the static suite reads this file too.

Letters: R read (with list, report view and reports), C create, W write, D delete, S submit, X cancel, A amend.
A capital letter holds on any record; a small one only on the user's own record (OWN_RULES says whose a
record is), so someone else's record is refused. A role not listed reads (docs/features.md: "everyone with an AIMS
role reads the rest"); a user without an AIMS role, and Guest, get nothing.
"""

from aims_app.roles import (
	AI_RISK_OWNER,
	AI_SYSTEM_OWNER,
	AIMS_APPROVER,
	AIMS_AUDITOR,
	AIMS_MANAGER,
	AIMS_ROLES,
	UNRESTRICTED,
)

LETTERS = "RCWDSXA"
MANAGES = "RCWD"  # "an AIMS Manager manages everything"
SIGNS = "RCWDSXA"  # ... and, on signed records, signs, cancels and amends them

RIGHTS = {
	# The library: "read-only for everyone but System Manager".
	"Compliance Framework": {},
	"Framework Requirement": {},
	"Requirement Mapping": {},
	# Clause 4 and 5 records: the AIMS Manager runs them, everyone else reads.
	"AIMS Settings": {AIMS_MANAGER: "RW"},  # a Single: written, never created or deleted
	"AIMS Scope": {AIMS_MANAGER: SIGNS},  # "versions by amendment"
	"Interested Party": {AIMS_MANAGER: MANAGES},
	"Context Issue": {AIMS_MANAGER: MANAGES},
	"AIMS Role Assignment": {AIMS_MANAGER: MANAGES},
	"AI Objective": {AIMS_MANAGER: MANAGES},
	"Competence Record": {AIMS_MANAGER: MANAGES},
	# "drafted by an AIMS Manager, submitted for review, approved by an AIMS Approver, then published": the
	# Manager needs S to publish an approved version (a change after signing) and X to withdraw it; who signs
	# it is the workflow's Approve, the Approver's alone (WORKFLOW_POLICY).
	"AI Policy": {AIMS_MANAGER: SIGNS, AIMS_APPROVER: "RWS"},
	# "an AI System Owner creates systems and changes only the systems they own and what hangs off them
	# (their models, datasets, incidents, impact assessments and risks)"
	"AI System": {AIMS_MANAGER: MANAGES, AI_SYSTEM_OWNER: "Rcw"},
	"AI Model": {AIMS_MANAGER: MANAGES, AI_SYSTEM_OWNER: "RCw"},  # anyone of them adds one; changes their own
	"AI Dataset": {AIMS_MANAGER: MANAGES, AI_SYSTEM_OWNER: "RCw"},
	"AI Incident": {AIMS_MANAGER: MANAGES, AI_SYSTEM_OWNER: "Rcw"},
	"AI Supplier": {AIMS_MANAGER: MANAGES},
	"AI Impact Assessment": {AIMS_MANAGER: SIGNS, AI_SYSTEM_OWNER: "Rcwsxa"},
	# "an AI Risk Owner raises and changes the risks they own"; a system owner changes the risks of their systems
	"AI Risk": {AIMS_MANAGER: MANAGES, AI_SYSTEM_OWNER: "Rcw", AI_RISK_OWNER: "Rcw"},
	# "an AIMS Manager manages everything but does not accept risks": drafts, withdraws, never signs;
	# the risk owner accepts their own risks; "an AIMS Approver (top management) accepts risks" of anyone.
	"Risk Acceptance": {AIMS_MANAGER: "RCWDXA", AI_RISK_OWNER: "Rcwsa", AIMS_APPROVER: "RWSX"},
	"Control Implementation": {AIMS_MANAGER: "RW"},  # one per Annex A control, made by the install
	# "evidence is changed by its owner or whoever filed it": the owners of systems and risks file it
	"AIMS Evidence": {AIMS_MANAGER: MANAGES, AI_SYSTEM_OWNER: "RCw", AI_RISK_OWNER: "RCw"},
	# "... does not approve a Statement of Applicability"; "an AIMS Approver ... approves" it by submitting
	"Statement of Applicability": {AIMS_MANAGER: "RCWDA", AIMS_APPROVER: "RWSX"},
	# Auditors audit ("a planned audit becomes an AIMS Audit with one click": they write the programme's link)
	"Audit Programme": {AIMS_MANAGER: MANAGES, AIMS_AUDITOR: "RW"},
	"AIMS Audit": {AIMS_MANAGER: SIGNS, AIMS_AUDITOR: "RCWS"},
	# "a nonconformity by its owner, the owners of its corrective actions and the auditors"
	"Nonconformity": {AIMS_MANAGER: MANAGES, AI_SYSTEM_OWNER: "Rw", AI_RISK_OWNER: "Rw", AIMS_AUDITOR: "RCW"},
	# clause 9.3: top management (the AIMS Approver) reviews and signs the minutes
	"Management Review": {AIMS_MANAGER: SIGNS, AIMS_APPROVER: "RWS"},
	# "a system owner asks to move their system to another stage, or to change it in operation; the owner
	# (limited and minimal risk) or an AIMS Approver approves, never the person who asked"; the AIMS Manager
	# manages the drafts and signs nothing
	"AI System Stage Review": {AIMS_MANAGER: MANAGES, AI_SYSTEM_OWNER: "Rcws", AIMS_APPROVER: "RWS"},
	"AI System Change": {AIMS_MANAGER: MANAGES, AI_SYSTEM_OWNER: "Rcws", AIMS_APPROVER: "RWS"},
	# clause 9.1: a system owner watches their own systems; a measurement is a record of what was measured,
	# added (by hand or a pipeline) and not changed; a fairness evaluation is signed by the system's owner
	"AI Monitoring Metric": {AIMS_MANAGER: MANAGES, AI_SYSTEM_OWNER: "Rcw"},
	"AI Monitoring Measurement": {AIMS_MANAGER: MANAGES, AI_SYSTEM_OWNER: "Rc"},
	"AI Fairness Evaluation": {AIMS_MANAGER: SIGNS, AI_SYSTEM_OWNER: "Rcwsxa"},
	# A.3.3: concerns reach the AIMS Manager, who triages them; auditors and viewers read them (contact details
	# of reporters are for no one else). The public reports them only through the web form, never over REST.
	"AI Concern": {AIMS_MANAGER: MANAGES, AI_SYSTEM_OWNER: "", AI_RISK_OWNER: "", AIMS_APPROVER: ""},
	# A.10.3: the AIMS Manager sends, reviews and signs supplier assessments; the supplier answers through
	# the questionnaire's web form (an AI Supplier Response), or the manager enters answers received otherwise.
	"AI Supplier Assessment": {AIMS_MANAGER: SIGNS},
	"AI Supplier Response": {AIMS_MANAGER: MANAGES},
}

# Whose a record is, for the small letters above.
OWN_RULES = {
	"AI System": "its system owner",
	"AI Model": "whoever created it or owns a system that uses it",
	"AI Dataset": "whoever created it or owns a system that uses it",
	"AI Incident": "the owner of its AI system",
	"AI Impact Assessment": "the owner of the AI system assessed",
	"AI Risk": "its risk owner or the owner of its AI system",
	"Risk Acceptance": "the owner of the risk accepted",
	"AIMS Evidence": "its evidence owner or whoever filed it",
	"Nonconformity": "its owner or the owner of one of its corrective actions",
	"AI System Stage Review": "the owner of its AI system",
	"AI System Change": "the owner of its AI system",
	"AI Monitoring Metric": "the owner of the AI system watched",
	"AI Monitoring Measurement": "the owner of the AI system its metric watches",
	"AI Fairness Evaluation": "the owner of the AI system evaluated",
}

# "A write is judged on what is stored, not on what the request claims: changing an owning field is itself a
# permission" (DESIGN.md, docs/permissions.md): the fields whose value makes a record someone's, per the rules
# above. A person in `people` is handed over only by an unrestricted role or by the person named now; a
# record is moved to another `containers` record (an AI system, a risk, a metric) only by someone who may
# change it both before and after.
OWNING_FIELDS = {
	"AI System": {"people": ("system_owner",)},
	"AI Model": {"people": ("owner",)},
	"AI Dataset": {"people": ("owner",)},
	"AI Incident": {"containers": ("ai_system",)},
	"AI Impact Assessment": {"containers": ("ai_system",)},
	"AI Risk": {"people": ("risk_owner",), "containers": ("ai_system",)},
	"Risk Acceptance": {"containers": ("ai_risk",)},
	"AIMS Evidence": {"people": ("evidence_owner", "owner")},
	"Nonconformity": {"people": ("nc_owner",)},
	"AI System Stage Review": {"containers": ("ai_system",)},
	"AI System Change": {"containers": ("ai_system",)},
	"AI Monitoring Metric": {"containers": ("ai_system",)},
	"AI Monitoring Measurement": {"containers": ("metric",)},
	"AI Fairness Evaluation": {"containers": ("ai_system",)},
}

# The workflows' actions: (doctype, state) -> {action: (roles that may take it, on a record they drafted too?)}.
# Risk Acceptance: "the risk owner accepts a residual risk within the appetite; above it the owner requests
# approval and an AIMS Approver decides". AI Policy as above. Nonconformity: Open -> Correction -> Root Cause
# Analysis -> Action -> Verification -> Closed, worked by the people who own it, checked by an auditor.
WITHIN_APPETITE = "within the appetite"
ABOVE_APPETITE = "above the appetite"
_WORKERS = (AIMS_MANAGER, AI_SYSTEM_OWNER, AI_RISK_OWNER)
_CHECKERS = (AIMS_AUDITOR, AIMS_MANAGER)
WORKFLOW_POLICY = {
	("Risk Acceptance", "Draft"): {
		"Accept": {AI_RISK_OWNER: WITHIN_APPETITE, AIMS_APPROVER: None},
		"Request Approval": {AI_RISK_OWNER: ABOVE_APPETITE},
	},
	("Risk Acceptance", "Awaiting Approval"): {
		"Approve": {AIMS_APPROVER: None},
		"Reject": {AIMS_APPROVER: None},
	},
	("Risk Acceptance", "Accepted"): {"Cancel": {AIMS_APPROVER: None, AIMS_MANAGER: None}},
	("Risk Acceptance", "Rejected"): {"Revise": {AI_RISK_OWNER: None}},
	("Risk Acceptance", "Cancelled"): {},
	("AI Policy", "Draft"): {"Submit for Review": {AIMS_MANAGER: None}},
	("AI Policy", "In Review"): {"Approve": {AIMS_APPROVER: None}, "Reject": {AIMS_APPROVER: None}},
	("AI Policy", "Approved"): {
		"Publish": {AIMS_MANAGER: None, AIMS_APPROVER: None},
		"Cancel": {AIMS_MANAGER: None},
	},
	("AI Policy", "Published"): {"Cancel": {AIMS_MANAGER: None}},
	("AI Policy", "Superseded"): {},
	("AI Policy", "Cancelled"): {},
	("Nonconformity", "Open"): {"Record Correction": dict.fromkeys(_WORKERS)},
	("Nonconformity", "Correction"): {"Analyse Root Cause": dict.fromkeys(_WORKERS)},
	("Nonconformity", "Root Cause Analysis"): {"Plan Actions": dict.fromkeys(_WORKERS)},
	("Nonconformity", "Action"): {"Request Verification": dict.fromkeys(_WORKERS)},
	("Nonconformity", "Verification"): {
		"Close": dict.fromkeys(_CHECKERS),
		"Reopen Actions": dict.fromkeys(_CHECKERS),
	},
	("Nonconformity", "Closed"): {},
	**{
		(doctype, state): actions
		for doctype in ("AI System Stage Review", "AI System Change")
		for state, actions in (
			("Draft", {"Request Approval": {AI_SYSTEM_OWNER: None, AIMS_MANAGER: None}}),
			(
				"Awaiting Approval",
				{
					"Approve": {AI_SYSTEM_OWNER: WITHIN_APPETITE, AIMS_APPROVER: None},
					"Reject": {AI_SYSTEM_OWNER: WITHIN_APPETITE, AIMS_APPROVER: None},
				},
			),
			("Approved", {}),
			("Rejected", {}),
		)
	},
}
# Decisions no one takes on a record they drafted themselves: an approval is someone else's check.
NOT_ON_OWN_DRAFT = {
	("Risk Acceptance", "Approve"),
	("Risk Acceptance", "Reject"),
	("AI Policy", "Approve"),
	*(
		(doctype, action)
		for doctype in ("AI System Stage Review", "AI System Change")
		for action in ("Approve", "Reject")
	),
}

# "An auditor who owns an AI system in scope, or is assigned a requirement or system in scope (AIMS Role
# Assignment), is refused."
AUDITOR_INDEPENDENCE = "own area"


# Who may call each whitelisted function and document method of the app: the desk's buttons, cards, charts and
# forms call them, and so can anyone with a session, by hand. Written from the same promises: a method may do
# for its caller only what the rights above already give them on the records it reads or changes. Keyed by
# dotted path, `module.function`, or `module.Class.method` for a document method (called through
# run_doc_method on a record of the caller's own, so that small letters count). A method needs either every
# (letter, doctype) listed, one of a set of roles, or the questionnaire's key.
ASKED = "the doctype the call names"  # a card counting a doctype, Frappe's count: the right on that doctype
KEY_HOLDER = "whoever holds the unused key of a supplier questionnaire"  # Guest included (docs/features.md)
LINK_HOLDER = "whoever holds the confirmation link emailed to a concern's reporter"  # Guest included
_AI_SYSTEMS = "aims_app.ai_systems"
_ASSURANCE = "aims_app.ai_assurance"
_FAIRNESS = f"{_AI_SYSTEMS}.doctype.ai_fairness_evaluation.ai_fairness_evaluation.AIFairnessEvaluation"
_CONCERN = f"{_AI_SYSTEMS}.doctype.ai_concern.ai_concern.AIConcern"
_DASHBOARD = "aims_app.ai_governance.dashboard"
_ASSESSMENT = f"{_AI_SYSTEMS}.doctype.ai_supplier_assessment.ai_supplier_assessment.AISupplierAssessment"
METHODS = {
	# "the system owner ... presses *Evaluate*": whoever changes the evaluation
	f"{_FAIRNESS}.evaluate": (("W", "AI Fairness Evaluation"),),
	# "*File as Evidence* makes it an AIMS Evidence": a reader of the evaluation who files evidence
	f"{_FAIRNESS}.file_as_evidence": (("R", "AI Fairness Evaluation"), ("C", "AIMS Evidence")),
	# "Concerns ... triaged by the AIMS Manager ... *Turn into*" an incident or a nonconformity
	f"{_CONCERN}.make_incident": (("W", "AI Concern"), ("C", "AI Incident")),
	f"{_CONCERN}.make_nonconformity": (("W", "AI Concern"), ("C", "Nonconformity")),
	# the banner on the AI System form while a review or change waits: a reader of the system
	f"{_AI_SYSTEMS}.doctype.ai_system_stage_review.ai_system_stage_review.open_steps": (("R", "AI System"),),
	# what the system's next stage review will ask, on its form before a review is raised: a reader of it
	f"{_AI_SYSTEMS}.doctype.ai_system_stage_review.ai_system_stage_review.next_gate": (("R", "AI System"),),
	# the result a typed measurement would get, on the measurement form: a reader of the metric
	f"{_AI_SYSTEMS}.doctype.ai_monitoring_measurement.ai_monitoring_measurement.assess_value": (
		("R", "AI Monitoring Metric"),
	),
	# "the supplier answers ... and attaches documents" with the link's key, without an account
	f"{_AI_SYSTEMS}.doctype.ai_supplier_response.ai_supplier_response.attach_document": KEY_HOLDER,
	# the reporter confirms the address they gave by the link in the email (a wrong link is a page not found)
	f"{_AI_SYSTEMS}.doctype.ai_concern.ai_concern.confirm_contact": LINK_HOLDER,
	# "an AIMS Manager makes an AI Supplier Assessment ... *Send to Supplier*"
	f"{_ASSESSMENT}.send_to_supplier": (("W", "AI Supplier Assessment"),),
	# "*Read from MLflow*" on a metric: whoever sets up and changes the metric
	f"{_AI_SYSTEMS}.monitoring.mlflow_metrics.read_now": (("W", "AI Monitoring Metric"),),
	# the metric form's choice of its system's registry models: a reader of systems and models
	f"{_AI_SYSTEMS}.monitoring.mlflow_metrics.models_of_system": (("R", "AI System"), ("R", "AI Model")),
	# docs/inventory-format.md: "Only an AIMS Manager or a System Manager may import or export"
	f"{_AI_SYSTEMS}.inventory.transfer.upload_inventory": UNRESTRICTED,
	f"{_AI_SYSTEMS}.inventory.transfer.download_inventory": UNRESTRICTED,
	# "*Sync Models Now* (AIMS Manager)"
	f"{_AI_SYSTEMS}.model_registry.sync.sync_now": frozenset({AIMS_MANAGER}),
	# the policy in force, "as its reader may see it"
	"aims_app.ai_governance.doctype.ai_policy.ai_policy.get_published_policy": (("R", "AI Policy"),),
	# the workspace's cards and heat map: each counts only what its reader may read
	f"{_DASHBOARD}.overdue_corrective_actions": (("R", "Nonconformity"),),
	f"{_DASHBOARD}.evidence_expiring": (("R", "AIMS Evidence"),),
	f"{_DASHBOARD}.evidence_expired": (("R", "AIMS Evidence"),),
	f"{_DASHBOARD}.risk_heat_map": (("R", "AI Risk"),),
	# ERPNext's Supplier ▸ Create ▸ AI Supplier: a reader of that Supplier who creates AI Suppliers (no AIMS role
	# gives a right on ERPNext's doctypes)
	"aims_app.integrations.suppliers.make_ai_supplier": (("C", "AI Supplier"), ("R", "Supplier")),
	# "the library as a tree": its readers
	"aims_app.aims_library.doctype.framework_requirement.framework_requirement.get_children": (
		("R", "Compliance Framework"),
		("R", "Framework Requirement"),
	),
	# a management review's inputs compiled again: whoever writes the review
	f"{_ASSURANCE}.doctype.management_review.management_review.recompile_inputs": (
		("W", "Management Review"),
	),
	# "a planned audit becomes an AIMS Audit with one click": whoever writes the programme and creates audits
	f"{_ASSURANCE}.doctype.audit_programme.audit_programme.create_audit": (
		("W", "Audit Programme"),
		("C", "AIMS Audit"),
	),
	# the chart "readiness by clause", as the AIMS Readiness report: readers of the library
	f"{_ASSURANCE}.dashboard_chart_source.readiness_by_clause.readiness_by_clause.get": (
		("R", "Framework Requirement"),
	),
	# the chart "controls by implementation status" on the workspace: readers of the control decisions
	"aims_app.ai_governance.dashboard_chart_source.controls_by_implementation_status.controls_by_implementation_status.get": (
		("R", "Control Implementation"),
	),
	# "Anyone without the AIMS Manager role is refused with a message saying so, and nothing is written."
	f"{_ASSURANCE}.audit_pack.build.request_pack": frozenset({AIMS_MANAGER}),
	# "*Packs Already Built*" on the AIMS Audit list and form: "whoever may read that audit"
	f"{_ASSURANCE}.audit_pack.build.my_packs": (("R", "AIMS Audit"),),
	# Frappe's `frappe.client.get_count`, answered by aims_app (docs/permissions.md): readers of the doctype
	"aims_app.overrides.get_count": (("R", ASKED),),
}


def may_call(method: str, roles, asked: str | None = None, own: bool = True) -> bool:
	"""Whether a user with `roles` may call `method` (naming the doctype `asked` where it counts one), on a
	record of their own or someone else's. A doctype of another app (ERPNext's Supplier) is not in RIGHTS:
	no AIMS role gives a right on it."""
	needs = METHODS[method]
	if needs in (KEY_HOLDER, LINK_HOLDER):
		return True
	if isinstance(needs, frozenset):
		return bool(needs & set(roles))
	needed = [(letter, asked if doctype == ASKED else doctype) for letter, doctype in needs]
	return all(doctype in RIGHTS and allowed(doctype, roles, letter, own) for letter, doctype in needed)


def rights(doctype: str, role: str) -> str:
	"""The letters `role` holds on `doctype`: what the table says, or read for any AIMS role."""
	if role not in AIMS_ROLES:
		return ""
	return RIGHTS[doctype].get(role, "R")


def allowed(doctype: str, roles, right: str, own: bool) -> bool:
	"""Whether a user with `roles` may use `right` (a capital letter) on their own record or someone else's."""
	held = "".join(rights(doctype, role) for role in roles)
	return right in held or (own and right.lower() in held)


def offered_actions(doctype: str, state: str, roles, above_appetite: bool = False) -> set[str]:
	"""The workflow actions a user with `roles` is offered on a record in `state`."""
	condition_met = {None, ABOVE_APPETITE if above_appetite else WITHIN_APPETITE}
	return {
		action
		for action, takers in WORKFLOW_POLICY[(doctype, state)].items()
		if any(role in takers and takers[role] in condition_met for role in roles)
	}


def documented_letters(doctype: str, role: str) -> str:
	"""What docs/permissions.md shows for the role: the letters, own-record ones included, in order."""
	held = rights(doctype, role).upper()
	return "".join(letter for letter in LETTERS if letter in held) or "-"
