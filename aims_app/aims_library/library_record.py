"""What every library doctype shares: its records come from fixtures and must keep what users add."""

import frappe

# The desk keeps these per record, outside the doctype's fields. Fixture sync deletes and re-inserts a
# library record, and insert does not write them, so they are carried over by hand.
USER_STATE_FIELDS = ("_assign", "_comments", "_liked_by", "_user_tags")


class LibraryRecord:
	def before_import(self):
		"""Runs before fixture sync deletes the stored record: remember what users hung on it."""
		self.flags.user_state = frappe.db.get_value(self.doctype, self.name, USER_STATE_FIELDS, as_dict=True)

	def after_insert(self):
		if self.flags.user_state:
			frappe.db.set_value(self.doctype, self.name, self.flags.user_state, update_modified=False)
			self.restore_tag_links(self.flags.user_state.get("_user_tags"))

	def restore_tag_links(self, tags: str | None):
		"""Deleting the old record removed its Tag Link rows, which the sidebar's tag filter reads."""
		for tag in filter(None, (tags or "").split(",")):
			link = {"document_type": self.doctype, "document_name": self.name, "tag": tag}
			if not frappe.db.exists("Tag Link", link):
				frappe.get_doc({"doctype": "Tag Link", **link, "title": self.get_title()}).insert(
					ignore_permissions=True
				)
