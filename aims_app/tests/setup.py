"""What every integration test expects on the site, made once by `bench run-tests` (the `before_tests` hook)
and committed, instead of again by each test: the users the tests act as, with exactly their roles."""

import frappe

from aims_app.tests import make_user
from aims_app.tests.http import PRINCIPALS

AI_SYSTEM_OWNER, AI_RISK_OWNER = ["AI System Owner"], ["AI Risk Owner"]
AIMS_MANAGER, AIMS_APPROVER, AIMS_AUDITOR, AIMS_VIEWER = (
	["AIMS Manager"],
	["AIMS Approver"],
	["AIMS Auditor"],
	["AIMS Viewer"],
)

TEST_USERS = {
	"aims-manager@example.com": AIMS_MANAGER,
	"aims-viewer@example.com": AIMS_VIEWER,
	"approver@example.com": AIMS_APPROVER,
	"auditor@example.com": AIMS_AUDITOR,
	"bias-tester@example.com": AI_RISK_OWNER,
	"bystander@example.com": AI_SYSTEM_OWNER,
	"cv-owner@example.com": AI_SYSTEM_OWNER,
	"digest-manager@example.com": AIMS_MANAGER,
	"digest-manager-2@example.com": AIMS_MANAGER,
	"digest-risk-owner@example.com": AI_RISK_OWNER,
	"digest-viewer@example.com": AIMS_VIEWER,
	"action-fixer@example.com": AI_SYSTEM_OWNER,
	"evidence-keeper@example.com": AI_SYSTEM_OWNER,
	"evidence-owner@example.com": AI_RISK_OWNER,
	"fixer@example.com": AI_SYSTEM_OWNER,
	"nc-owner@example.com": AI_SYSTEM_OWNER,
	"objective-owner@example.com": AI_SYSTEM_OWNER,
	"other-fixer@example.com": AI_SYSTEM_OWNER,
	"other-owner@example.com": AI_SYSTEM_OWNER,
	"other-risk-owner@example.com": AI_RISK_OWNER,
	"policy-approver@example.com": AIMS_APPROVER,
	"policy-manager@example.com": AIMS_MANAGER,
	"policy-viewer@example.com": AIMS_VIEWER,
	"risk-owner@example.com": AI_RISK_OWNER,
	"ws-manager@example.com": AIMS_MANAGER,
	"ws-outsider@example.com": [],
	"ws-viewer@example.com": AIMS_VIEWER,
	**{email: list(roles) for email, roles in PRINCIPALS.values() if email != "Guest"},
	# the setup wizard's first user: Frappe deletes no user (the demo's, say) while no other System Manager
	# than Administrator is enabled
	"site-admin@example.com": ["System Manager"],
}


def before_tests():
	for email, roles in TEST_USERS.items():
		make_user(email, roles)
	frappe.db.commit()
