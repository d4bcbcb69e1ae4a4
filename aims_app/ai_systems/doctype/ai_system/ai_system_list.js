// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["AI System"] = {
	add_fields: ["eu_ai_act_tier"],
	onload(listview) {
		if (!frappe.user.has_role(["AIMS Manager", "System Manager"])) return;
		const group = __("Inventory");
		listview.page.add_inner_button(__("Import Inventory"), () => pick_inventory_file(listview), group);
		listview.page.add_inner_button(
			__("Export Inventory"),
			() => window.open("/api/method/aims_app.ai_systems.inventory.transfer.download_inventory"),
			group
		);
	},
	get_indicator(doc) {
		const colors = {
			Prohibited: "red",
			"High-risk": "orange",
			"GPAI model": "purple",
			"Limited risk": "yellow",
			"Minimal risk": "green",
		};
		if (!doc.eu_ai_act_tier) return;
		return [__(doc.eu_ai_act_tier), colors[doc.eu_ai_act_tier], "eu_ai_act_tier,=," + doc.eu_ai_act_tier];
	},
};

// Inventory as code (docs/inventory-format.md): check the chosen YAML file, show what it would change,
// then import.
function pick_inventory_file(listview) {
	const input = Object.assign(document.createElement("input"), { type: "file", accept: ".yaml,.yml" });
	input.onchange = () => {
		const file = input.files[0];
		if (!file) return;
		file.text().then((content) => send_inventory(listview, { content, filename: file.name }, 1));
	};
	input.click();
}

function send_inventory(listview, args, dry_run) {
	frappe.call({
		method: "aims_app.ai_systems.inventory.transfer.upload_inventory",
		args: { ...args, dry_run },
		freeze: true,
		freeze_message: dry_run ? __("Checking {0}", [args.filename]) : __("Importing {0}", [args.filename]),
		callback: ({ message }) => show_inventory_summary(listview, args, message),
	});
}

function show_inventory_summary(listview, args, summary) {
	if (!summary.dry_run) listview.refresh();
	const sections = {
		suppliers: __("Suppliers"),
		models: __("Models"),
		datasets: __("Datasets"),
		systems: __("AI Systems"),
	};
	const rows = Object.entries(summary.counts)
		.map(
			([key, c]) => `<tr><td>${sections[key]}</td><td>${c.created}</td><td>${c.updated}</td>
				<td>${c.unchanged}</td></tr>`
		)
		.join("");
	const updates = summary.records
		.filter((r) => r.status === "updated")
		.slice(0, 20)
		.map((r) => {
			const changed = frappe.utils.escape_html(r.changed.join(", "));
			return `<li>${frappe.utils.escape_html(r.id)}: ${changed}</li>`;
		})
		.join("");
	const changes = summary.records.some((r) => r.status !== "unchanged");
	const dialog = new frappe.ui.Dialog({
		title: summary.dry_run
			? __("{0}: what an import would do", [args.filename])
			: __("{0} imported", [args.filename]),
		fields: [
			{
				fieldtype: "HTML",
				fieldname: "summary",
				options: `<table class="table table-bordered"><thead><tr><th></th><th>${__("Created")}</th>
					<th>${__("Updated")}</th><th>${__("Unchanged")}</th></tr></thead>
					<tbody>${rows}</tbody></table>
					${updates ? `<p>${__("Changed fields")}</p><ul>${updates}</ul>` : ""}`,
			},
		],
		primary_action_label: summary.dry_run && changes ? __("Import") : __("Close"),
		primary_action() {
			dialog.hide();
			if (summary.dry_run && changes) send_inventory(listview, args, 0);
		},
	});
	dialog.show();
}
