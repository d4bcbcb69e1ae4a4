// The AIMS workspace and the demo organisation as their users meet them (the demo is loaded by scripts/test).
import { Api } from "../api.js";
import { expect, test } from "../fixtures.js";
import { DESK } from "../pages/desk_page.js";
import { FormPage } from "../pages/form_page.js";
import { ListPage } from "../pages/list_page.js";
import { CARDS, WorkspacePage } from "../pages/workspace_page.js";

test("an AIMS Manager sees the cards, the heat map and the guided setup", async ({ as }) => {
	const workspace = new WorkspacePage(await as("manager"));
	await workspace.open();
	for (const label of CARDS) expect(await workspace.cardNumber(label), label).toBeGreaterThanOrEqual(0);
	expect(await workspace.cardNumber("AI Systems in Scope"), "the demo's systems in scope").toBeGreaterThan(0);
	await expect(workspace.page.locator("td[data-level]")).toHaveCount(25);
	await expect(workspace.heatMapCell(5, 5)).toHaveAttribute("data-level", "Critical");
	// the guided setup while a step is to do; the steps are marked from the records, so once the site holds
	// what every step asks for (as the demo does), Frappe shows none
	const api = await Api.as("manager");
	const done = await api.call("frappe.client.get_value", {
		doctype: "Module Onboarding",
		filters: { name: "AIMS" },
		fieldname: "is_complete",
	});
	await api.dispose();
	if (done.is_complete) await expect(workspace.onboarding()).toHaveCount(0);
	else await expect(workspace.onboarding().first()).toBeVisible();
	await workspace.shot("ws-1-manager-workspace");
});

test("an AIMS Viewer sees the same workspace without the guided setup or any Add button", async ({ as }) => {
	const page = await as("viewer");
	const workspace = new WorkspacePage(page);
	await workspace.open();
	await expect(workspace.onboarding()).toHaveCount(0);
	await workspace.shot("ws-2-viewer-workspace");
	const list = new ListPage(page);
	for (const doctype of ["AI System", "AI Risk", "Nonconformity", "AIMS Evidence"]) {
		await list.open(doctype);
		await expect(list.rows().first()).toBeVisible();
		await expect(list.addButton()).toHaveCount(0);
	}
});

test("an AIMS Manager reaches Annex A controls and the clauses from the workspace", async ({ as }) => {
	const page = await as("manager");
	const workspace = new WorkspacePage(page);
	await workspace.open();
	await page.getByText("Annex A Controls", { exact: true }).first().click();
	await expect(page.getByText("A.2.2 AI policy").first()).toBeVisible();
	await expect(page.getByText("4.1 Understanding the organization")).toHaveCount(0);
	await workspace.open();
	await page.getByText("ISO 42001 Clauses", { exact: true }).first().click();
	await expect(page.getByText("4.1 Understanding the organization").first()).toBeVisible();
	await expect(page.getByText("A.2.2 AI policy")).toHaveCount(0);
});

test("a system owner reaches everything that hangs off their AI system from its Connections", async ({ as }) => {
	const api = await Api.as("owner");
	const [cv] = await api.list("AI System", { system_name: "CV Screening" }, ["name"], 1);
	await api.dispose();
	expect(cv, "the demo's CV Screening system").toBeTruthy();
	const form = new FormPage(await as("owner"));
	await form.open("AI System", cv.name);
	const expected = {
		"AI Risk": 1,
		"AI Impact Assessment": 1,
		"AIMS Evidence": 2,
		"AIMS Audit": 1,
		Nonconformity: 3,
		"AI Model": 1,
		"AI Dataset": 1,
		"AI Supplier": 1,
	};
	for (const [doctype, count] of Object.entries(expected)) {
		// the counts arrive after the links are drawn (Frappe asks for them in a second request)
		await expect.poll(() => form.connectionCount(doctype), { message: doctype }).toBeGreaterThanOrEqual(count);
	}
	await expect(form.page.locator('.form-dashboard:visible .document-link[data-doctype="AI Incident"]')).toBeVisible();
	await form.page.locator(".form-dashboard:visible").scrollIntoViewIfNeeded();
	await form.shot("ws-3-ai-system-connections");
	await form.page.locator('.form-dashboard:visible .document-link[data-doctype="AI Risk"] .badge-link').click();
	await expect(form.page).toHaveURL(new RegExp(`${DESK}/ai-risk/view/list\\?ai_system=`));
	await expect(new ListPage(form.page).rows()).toHaveCount(1);
});
