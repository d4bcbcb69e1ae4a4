from aims_app.ai_governance.onboarding_rules import FACT_DOCTYPES as ONBOARDING_FACT_DOCTYPES
from aims_app.compat import desk_path
from aims_app.roles import AIMS_ROLES
from aims_app.workflows import WORKFLOW_ACTIONS, WORKFLOW_DOCTYPES, WORKFLOW_STATES

app_name = "aims_app"
app_title = "AIMS"
app_publisher = "aims_app developers"
app_description = "ISO/IEC 42001:2023 AI Management System for Frappe and ERPNext"
app_email = "aims_app@example.org"
app_license = "mit"

# ERPNext is optional: nothing here requires it.
required_apps = []

add_to_apps_screen = [
	{
		"name": "aims_app",
		"logo": "/assets/frappe/images/frappe-framework-logo.svg",
		"title": "AIMS",
		"route": desk_path("aims"),
	}
]

# Installation
# ------------
after_install = "aims_app.install.after_install"
# After the workspace is in (install runs after_install before it syncs dashboards and fixtures).
after_sync = "aims_app.install.after_sync"
after_migrate = "aims_app.install.after_migrate"
after_app_install = "aims_app.install.after_app_install"
before_app_uninstall = "aims_app.install.before_app_uninstall"
before_uninstall = "aims_app.install.before_uninstall"

# Permissions
# -----------
# Owner scoping on top of the role permissions in the doctype JSON (see aims_app/permissions.py).
has_permission = {
	"AI System": "aims_app.permissions.ai_system",
	"AI Incident": "aims_app.permissions.ai_incident",
	"AI Model": "aims_app.permissions.ai_model",
	"AI Dataset": "aims_app.permissions.ai_dataset",
	"AI Impact Assessment": "aims_app.permissions.ai_impact_assessment",
	"AI Risk": "aims_app.permissions.ai_risk",
	"Risk Acceptance": "aims_app.permissions.risk_acceptance",
	"AIMS Evidence": "aims_app.permissions.aims_evidence",
	"Nonconformity": "aims_app.permissions.nonconformity",
	"AI System Stage Review": "aims_app.permissions.ai_system_step",
	"AI System Change": "aims_app.permissions.ai_system_step",
	"AI Monitoring Metric": "aims_app.permissions.ai_monitoring_metric",
	"AI Monitoring Measurement": "aims_app.permissions.ai_monitoring_measurement",
	"AI Fairness Evaluation": "aims_app.permissions.ai_fairness_evaluation",
}

# Frappe 15.44's `frappe.client.get_count` counts any doctype's records without checking who asks (later 15.x
# count through the list query): the fixed version answers on every Frappe the app supports
# (docs/permissions.md).
override_whitelisted_methods = {"frappe.client.get_count": "aims_app.overrides.get_count"}

# Document Events
# ---------------
# Conditional mandatory fields (mandatory_depends_on) enforced on the server too, for every doctype that
# declares them in its own fields or its child tables' (tests/test_app_files.py keeps this list complete).
doc_events = {
	doctype: {"validate": "aims_app.validation.validate_conditional_mandatory"}
	for doctype in (
		"AIMS Settings",
		"AIMS Scope",
		"Interested Party",
		"AI System",
		"AI Model",
		"AI Dataset",
		"Control Implementation",
		"AI Monitoring Metric",
	)
}
# A workflow state written directly (REST, import), or a submit or cancel made without the workflow's action,
# must be what an action could have done.
doc_events.update(
	{
		doctype: dict.fromkeys(
			("before_save", "before_submit", "before_update_after_submit", "before_cancel"),
			"aims_app.workflows.guard.refuse_state_outside_workflow",
		)
		for doctype in WORKFLOW_DOCTYPES
	}
)

# Beside ERPNext and HRMS (aims_app/integrations/): hooks keyed by their doctypes do nothing where they are absent.
# Text with markup in the AIMS doctypes' fields is escaped before the desk formats it as HTML (lists, report view,
# read-only fields, table cells): Frappe 15's Data formatter does not escape.
app_include_js = ["/assets/aims_app/js/inert_text.js"]
override_doctype_dashboards = {"Supplier": "aims_app.integrations.suppliers.supplier_dashboard"}
doctype_js = {
	"Supplier": "public/js/supplier.js",
	"AI System Stage Review": "public/js/approval_step.js",
	"AI System Change": "public/js/approval_step.js",
	"AIMS Audit": "public/js/audit_pack.js",
}
doctype_list_js = {"AIMS Audit": "public/js/audit_pack.js"}
doc_events.update(
	{
		"Supplier": {"on_update": "aims_app.integrations.suppliers.flag_dependent_systems"},
		"Training Result": {
			"before_submit": "aims_app.integrations.training.refuse_attendees_without_user",
			"on_submit": "aims_app.integrations.training.record_competence",
		},
	}
)
# A record given a new owner is no longer flagged as owned by someone who left (module-level names are
# hooks: no loop variables here).
doc_events.update(
	{
		doctype: {**doc_events.get(doctype, {}), "before_validate": f"aims_app.integrations.people.{method}"}
		for doctype, method in (
			("AI System", "clear_flag_on_reassignment"),
			("AI Risk", "clear_flag_on_reassignment"),
			("Control Implementation", "clear_flag_on_reassignment"),
			("AIMS Evidence", "clear_flag_on_reassignment"),
			("Nonconformity", "clear_row_flags_on_reassignment"),
		)
	}
)
doc_events["AI System"]["onload"] = "aims_app.integrations.ai_system.show_erp_notes"
# The guided setup's steps are done once the records say so (aims_app/ai_governance/onboarding.py, whose
# FACT_DOCTYPES these are).
doc_events.update(
	{
		doctype: {
			**doc_events.get(doctype, {}),
			"on_update": "aims_app.ai_governance.onboarding.mark_steps_done",
		}
		for doctype in ONBOARDING_FACT_DOCTYPES
	}
)

# Names hold no markup (aims_app/markup_rules.py): every doctype whose records people name by typing a title
# or a name. Not AI Concern and AI Supplier Response, whose subject and respondent are what the public writes,
# escaped on save by their controllers. tests/test_markup_names.py keeps this list complete.
NAMED_DOCTYPES = (
	"AIMS Audit",
	"Audit Programme",
	"Management Review",
	"Nonconformity",
	"AI Objective",
	"AI Policy",
	"AIMS Role Assignment",
	"AIMS Scope",
	"Competence Record",
	"Context Issue",
	"Interested Party",
	"AI Risk",
	"AIMS Evidence",
	"Statement of Applicability",
	"AI Dataset",
	"AI Fairness Evaluation",
	"AI Incident",
	"AI Model",
	"AI Monitoring Metric",
	"AI Supplier",
	"AI System",
	"Compliance Framework",
)
# ... and no stored text of theirs carries script (aims_app/validation.py, clean_markup_in_text)
doc_events["*"] = dict.fromkeys(
	("validate", "before_update_after_submit"), "aims_app.validation.clean_markup_in_text"
)
for doctype in NAMED_DOCTYPES:
	events = doc_events.setdefault(doctype, {})
	already = events.get("validate") or []
	events["validate"] = [
		*([already] if isinstance(already, str) else already),
		"aims_app.validation.refuse_markup_in_names",
	]

extend_bootinfo = "aims_app.integrations.company.boot_report_filters"

# Printing
# --------
# What the print formats call: aims_app/templates/print/aims_document.html (the auditor's pack, issue 15).
jinja = {
	"methods": [
		"aims_app.ai_assurance.audit_pack.printing.aims_organisation_name",
		"aims_app.ai_assurance.audit_pack.printing.aims_document_control",
		"aims_app.ai_systems.lifecycle.documentation.technical_documentation",
	]
}

# Outside the desk: one published AI system on the public transparency page (aims_app/www).
website_route_rules = [{"from_route": "/ai-transparency/<system>", "to_route": "ai-transparency-system"}]

# Scheduled Tasks
# ---------------
scheduler_events = {
	"daily": [
		"aims_app.ai_systems.doctype.ai_incident.ai_incident.mark_overdue_reports",
		"aims_app.ai_risk.doctype.risk_acceptance.risk_acceptance.expire_acceptances",
		"aims_app.ai_risk.doctype.ai_risk.ai_risk.mark_risks_due_for_review",
		"aims_app.ai_assurance.doctype.nonconformity.nonconformity.mark_overdue_actions",
		"aims_app.ai_governance.doctype.ai_objective.ai_objective.mark_missed_objectives",
		"aims_app.ai_systems.model_registry.sync.sync_daily",
		"aims_app.integrations.people.flag_records_of_leavers",
		"aims_app.ai_systems.doctype.ai_monitoring_metric.ai_monitoring_metric.mark_overdue_metrics",
		"aims_app.ai_systems.monitoring.mlflow_metrics.read_daily",
		"aims_app.ai_systems.eu_ai_act_schedule.update_obligations",
	],
	"weekly": ["aims_app.reminders.digest.send_weekly_digest"],
}

# Testing
# -------
# The users and settings every integration test expects, made once per site before `bench run-tests`.
before_tests = "aims_app.tests.setup.before_tests"

# Fixtures
# --------
# `bench export-fixtures` exports our roles and workflows to aims_app/fixtures/; move the files into
# aims_app/records/, which install and migrate import only when a file changed (Frappe would re-import
# aims_app/fixtures/ whole on every migrate). The library is not a fixture either: it ships as versioned
# data in aims_app/aims_library/data/ (built by scripts/build_library.py). Both are applied by aims_app.install.
fixtures = [
	{"dt": "Role", "filters": [["name", "in", list(AIMS_ROLES)]]},
	{"dt": "Workflow", "filters": [["document_type", "in", list(WORKFLOW_DOCTYPES)]]},
	{"dt": "Workflow State", "filters": [["name", "in", list(WORKFLOW_STATES)]]},
	{"dt": "Workflow Action Master", "filters": [["name", "in", list(WORKFLOW_ACTIONS)]]},
]
