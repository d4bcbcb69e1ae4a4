"""The first step of `bench install-app aims_app`, alone: Frappe's own sync of the app's doctypes, reports,
print formats and other standard records into a fresh site, with the install flag Frappe's installer sets
around it, and none of aims_app's own install steps. benchmarks/install_migrate.sh times it as the floor
that install-app cannot go below whatever aims_app does.

	env/bin/python apps/aims_app/benchmarks/doctype_sync.py --site SITE      (from sites/; SITE is dropped after)
"""

import argparse

import frappe
from frappe.model.sync import sync_for
from harness import connected


def main():
	with connected(argparse.ArgumentParser(description=__doc__)):
		frappe.flags.in_install = "aims_app"
		sync_for("aims_app", force=True, reset_permissions=True)
		frappe.db.commit()


if __name__ == "__main__":
	main()
