// The auditor's pack (issue 15), from the AIMS Audit list and from a certification audit (hooks.py
// doctype_js and doctype_list_js): pick a period, the pack is built in the background with progress, and a
// link to download it appears when it is ready.
frappe.provide("aims_app.audit_pack");

aims_app.audit_pack.CERTIFICATION_AUDITS = ["Certification stage 1", "Certification stage 2", "Surveillance"];

aims_app.audit_pack.open_dialog = function (audit) {
	const to_date = (audit && audit.start_date) || frappe.datetime.get_today();
	const dialog = new frappe.ui.Dialog({
		title: __("Auditor's Pack"),
		fields: [
			{
				fieldtype: "HTML",
				options: `<p class="text-muted">${__(
					"One zip of the scope, policy, Statement of Applicability, impact assessments, audit reports, management review minutes and nonconformity log (PDF), the registers (XLSX) and the evidence files, with an index of their SHA-256. It holds only what you may read."
				)}</p>`,
			},
			{ fieldname: "from_date", fieldtype: "Date", label: __("From"), reqd: 1, default: frappe.datetime.add_months(to_date, -12) },
			{ fieldtype: "Column Break" },
			{ fieldname: "to_date", fieldtype: "Date", label: __("To"), reqd: 1, default: to_date },
			{ fieldtype: "Section Break", label: __("Packs Already Built") },
			{ fieldname: "packs", fieldtype: "HTML" },
		],
		primary_action_label: __("Build Pack"),
		primary_action(values) {
			frappe.realtime.off("aims_audit_pack_ready");
			frappe.realtime.on("aims_audit_pack_ready", (message) => {
				frappe.realtime.off("aims_audit_pack_ready");
				frappe.hide_progress();
				frappe.msgprint({
					title: __("Auditor's Pack"),
					indicator: "green",
					message: __("The pack is ready: {0}", [
						`<a href="${encodeURI(message.file_url)}" download>${frappe.utils.escape_html(message.file_name)}</a>`,
					]),
				});
			});
			frappe
				.call({
					method: "aims_app.ai_assurance.audit_pack.build.request_pack",
					args: { ...values, audit: audit ? audit.name : null },
				})
				.then(() => {
					dialog.hide();
					frappe.show_alert({ message: __("Building the pack in the background"), indicator: "blue" });
				});
		},
	});
	frappe
		.call("aims_app.ai_assurance.audit_pack.build.my_packs", { audit: audit ? audit.name : null })
		.then(({ message }) => {
			const links = (message || []).map(
				(file) =>
					`<li><a href="${encodeURI(file.file_url)}" download>${frappe.utils.escape_html(file.file_name)}</a> (${frappe.datetime.str_to_user(file.creation)})</li>`
			);
			dialog.fields_dict.packs.$wrapper.html(links.length ? `<ul>${links.join("")}</ul>` : `<p class="text-muted">${__("None yet.")}</p>`);
		});
	dialog.show();
};

frappe.ui.form.on("AIMS Audit", {
	refresh(frm) {
		if (
			!frm.is_new() &&
			frappe.user.has_role("AIMS Manager") &&
			aims_app.audit_pack.CERTIFICATION_AUDITS.includes(frm.doc.audit_type)
		) {
			frm.add_custom_button(__("Auditor's Pack"), () => aims_app.audit_pack.open_dialog(frm.doc));
		}
	},
});

frappe.listview_settings["AIMS Audit"] = Object.assign(frappe.listview_settings["AIMS Audit"] || {}, {
	onload(listview) {
		if (frappe.user.has_role("AIMS Manager")) {
			listview.page.add_inner_button(__("Auditor's Pack"), () => aims_app.audit_pack.open_dialog(null));
		}
	},
});
