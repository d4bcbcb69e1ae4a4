// Every list, a new form and a saved record of every AIMS doctype open without a console error, a script
// error, a server error or an error dialog, for the role that uses it. Saved records are the demo
// organisation's (scripts/test loads it with `aims load-demo --add` before the checks) or the library's.
import { Api } from "../api.js";
import { expect, test } from "../fixtures.js";
import { FormPage } from "../pages/form_page.js";
import { ListPage } from "../pages/list_page.js";

// doctype: [the role that uses it, whether that role creates it]
const DOCTYPES = {
	"AIMS Settings": ["manager", false],
	"AIMS Scope": ["manager", true],
	"Interested Party": ["manager", true],
	"Context Issue": ["manager", true],
	"AI Policy": ["manager", true],
	"AIMS Role Assignment": ["manager", true],
	"AI Objective": ["manager", true],
	"Competence Record": ["manager", true],
	"AI System": ["owner", true],
	"AI Model": ["owner", true],
	"AI Dataset": ["owner", true],
	"AI Supplier": ["manager", true],
	"AI Incident": ["owner", true],
	"AI Impact Assessment": ["owner", true],
	"AI Risk": ["riskOwner", true],
	"Risk Acceptance": ["riskOwner", true],
	"Control Implementation": ["manager", false],
	"AIMS Evidence": ["owner", true],
	"Statement of Applicability": ["approver", false],
	"Audit Programme": ["manager", true],
	"AIMS Audit": ["auditor", true],
	"Nonconformity": ["auditor", true],
	"Management Review": ["manager", true],
	"Compliance Framework": ["viewer", false],
	"Framework Requirement": ["viewer", false],
	"Requirement Mapping": ["viewer", false],
};

for (const [doctype, [role, creates]] of Object.entries(DOCTYPES)) {
	test(`${doctype}: list, new form and a saved record open cleanly for the ${role}`, async ({ as }) => {
		const page = await as(role);
		const form = new FormPage(page);
		if (doctype === "AIMS Settings") {
			await form.open(doctype, doctype);
			return;
		}
		const list = new ListPage(page);
		await list.open(doctype);
		await expect(list.addButton()).toHaveCount(creates ? 1 : 0);
		if (creates) await form.open(doctype, "new");

		const api = await Api.as(role);
		const [saved] = await api.list(doctype, {}, ["name"], 1);
		await api.dispose();
		expect(saved, `a saved ${doctype} the ${role} can read (load the demo first)`).toBeTruthy();
		await form.open(doctype, saved.name);
	});
}
