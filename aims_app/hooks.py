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

# Beside ERPNext and HRMS (aims_app/integrations/): hooks keyed by their doctypes do nothing where they are absent.
# Text with markup in the AIMS doctypes' fields is escaped before the desk formats it as HTML (lists, report view,
# read-only fields, table cells): Frappe 15's Data formatter does not escape.
app_include_js = ["/assets/aims_app/js/inert_text.js", "/assets/aims_app/js/onboarding_texts.js"]
override_doctype_dashboards = {"Supplier": "aims_app.integrations.suppliers.supplier_dashboard"}
doctype_js = {
	"Supplier": "public/js/supplier.js",
	"AI System Stage Review": "public/js/approval_step.js",
	"AI System Change": "public/js/approval_step.js",
	"AIMS Audit": "public/js/audit_pack.js",
}
doctype_list_js = {"AIMS Audit": "public/js/audit_pack.js"}

# Document Events
# ---------------
# Other apps' doctypes only: the AIMS doctypes' behaviour is in their controllers
# (aims_app/controllers/aims_document.py).
doc_events = {
	"Supplier": {"on_update": "aims_app.integrations.suppliers.flag_dependent_systems"},
	"Training Result": {
		"before_submit": "aims_app.integrations.training.refuse_attendees_without_user",
		"on_submit": "aims_app.integrations.training.record_competence",
	},
}

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
# Configuration: roles and workflows, which Frappe imports from aims_app/fixtures/ on install and migrate and
# `bench export-fixtures` writes there. The standards library is data, not configuration: it ships versioned in
# aims_app/aims_library/data/ (docs/library.md) and aims_app.install applies it.
fixtures = [
	{"dt": "Role", "filters": [["name", "in", list(AIMS_ROLES)]]},
	{"dt": "Workflow", "filters": [["document_type", "in", list(WORKFLOW_DOCTYPES)]]},
	{"dt": "Workflow State", "filters": [["name", "in", list(WORKFLOW_STATES)]]},
	{"dt": "Workflow Action Master", "filters": [["name", "in", list(WORKFLOW_ACTIONS)]]},
]
