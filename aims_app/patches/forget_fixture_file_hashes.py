"""Roles and workflows were imported by the app itself, which kept a hash of each file as a global default
("aims_app_records:<file>"). Frappe's fixture sync imports them now: the hashes have nothing left to say."""

import frappe

KEY_PREFIX = "aims_app_records:"


def execute():
	forget_fixture_file_hashes()


def forget_fixture_file_hashes():
	frappe.db.delete("DefaultValue", {"parent": "__global", "defkey": ("like", f"{KEY_PREFIX}%")})
	frappe.clear_cache()
