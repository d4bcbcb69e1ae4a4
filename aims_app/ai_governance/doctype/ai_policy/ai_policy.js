// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI Policy", {
	refresh(frm) {
		frm.set_intro("");
		if (!frm.is_new() && frm.doc.status !== "Published") show_policy_in_force(frm);
		// A new version is a new document that names the published one; publishing it supersedes that one.
		if (frm.doc.status === "Published" && frappe.model.can_create("AI Policy")) {
			frm.add_custom_button(__("New Version"), () =>
				frm.copy_doc((doc) => {
					doc.previous_version = frm.doc.name;
				})
			);
		}
	},
});

function show_policy_in_force(frm) {
	frappe
		.xcall("aims_app.ai_governance.doctype.ai_policy.ai_policy.get_published_policy")
		.then((policy) => {
			if (!policy) return;
			const title = frappe.utils.escape_html(policy.title);
			const link = `<a href="${frappe.utils.get_form_link("AI Policy", policy.name)}">${title}</a>`;
			const retired = ["Superseded", "Cancelled"].includes(frm.doc.status);
			const message = retired
				? __("This version is no longer in force. The policy in force is {0}, version {1}.", [
						link,
						policy.version,
				  ])
				: __("Until this version is published, the policy in force is {0}, version {1}.", [
						link,
						policy.version,
				  ]);
			frm.set_intro(message, retired ? "orange" : "blue");
		});
}
