"""The site the browser checks (e2e/) run against, prepared by the test command (scripts/test):
`bench --site SITE execute aims_app.tests.browser_site.prepare --kwargs '{"password": "..."}'`.

Only a site the test command marked (`bench --site SITE set-config aims_browser_checks 1`) is touched:
it gets Frappe's setup wizard completed, as a new site's administrator would, and one user per AIMS role."""

import frappe
from frappe import _
from frappe.utils.password import update_password

from aims_app.demo import complete_setup_wizard
from aims_app.roles import (
	AI_RISK_OWNER,
	AI_SYSTEM_OWNER,
	AIMS_APPROVER,
	AIMS_AUDITOR,
	AIMS_MANAGER,
	AIMS_VIEWER,
)
from aims_app.tests import make_user

SITE_FLAG = "aims_browser_checks"

# The users e2e/tests/auth.setup.js logs in: one per AIMS role, and an administrator who cleans up after the checks (an AIMS Manager too: the workflows' Cancel is theirs).
USERS = {
	"e2e-admin@example.com": ("System Manager", AIMS_MANAGER),
	"e2e-manager@example.com": (AIMS_MANAGER,),
	"e2e-owner@example.com": (AI_SYSTEM_OWNER,),
	"e2e-risk-owner@example.com": (AI_RISK_OWNER,),
	"e2e-auditor@example.com": (AIMS_AUDITOR,),
	"e2e-approver@example.com": (AIMS_APPROVER,),
	"e2e-viewer@example.com": (AIMS_VIEWER,),
}


def refuse_unless_browser_site():
	if not frappe.conf.get(SITE_FLAG):
		frappe.throw(
			_("{0} is not the test command's browser site (site_config has no {1}): nothing changed.").format(
				frappe.local.site, SITE_FLAG
			)
		)


def prepare(password: str):
	refuse_unless_browser_site()
	complete_setup_wizard(email="e2e-admin@example.com", full_name="E2E Administrator")
	for email, roles in USERS.items():
		make_user(email, list(roles))
		update_password(email, password)
	frappe.db.commit()
	print(f"{frappe.local.site}: setup complete, {len(USERS)} users, one per AIMS role")
