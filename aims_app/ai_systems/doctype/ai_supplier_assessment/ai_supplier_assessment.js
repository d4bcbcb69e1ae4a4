// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI Supplier Assessment", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.docstatus === 0 && frm.doc.status !== "Answered" && frm.perm[0].write) {
			const label = frm.doc.status === "Sent" ? __("Send Again") : __("Send to Supplier");
			frm.add_custom_button(label, () =>
				frm.call("send_to_supplier").then(() => frm.reload_doc())
			);
		}
		const answers = frm.doc.__onload && frm.doc.__onload.answers;
		const $wrapper = frm.get_field("answers_html").$wrapper;
		$wrapper.empty();
		if (answers && answers.length) {
			const rows = answers.map(
				(a) => `<tr><td>${frappe.utils.escape_html(a.topic || "")}</td>
					<td>${frappe.utils.escape_html(a.question || "")}</td>
					<td>${frappe.utils.escape_html(a.answer || "")}</td></tr>`
			);
			$wrapper.html(`<table class="table table-bordered">
				<thead><tr><th>${__("Topic")}</th><th>${__("Question")}</th><th>${__("Answer")}</th></tr></thead>
				<tbody>${rows.join("")}</tbody></table>`);
		}
	},
});
