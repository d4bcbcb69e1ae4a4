// Issue 26: the path a new compliance lead walks, in the order of her day, each step as the role that takes
// it, without a wall: a chatbot registered and its impact assessment filled from it on save, a risk above the
// appetite accepted by someone other than whoever asked, one count of risks above the appetite wherever it is
// shown, a stage review rejected with a reason, the Statement of Applicability printed in the app's own format
// under the organisation's head, and the guided setup showing done what the records hold. Screenshots:
// e2e/screenshots/lead-*.png.
import { Api, inserted } from "../api.js";
import { expect, test } from "../fixtures.js";
import { day, stamp, users } from "../desk.js";
import { DESK, DeskPage } from "../pages/desk_page.js";
import { FormPage } from "../pages/form_page.js";
import { WorkspacePage } from "../pages/workspace_page.js";

async function workflow(role, doctype, name, action) {
	const api = await Api.as(role);
	const doc = await api.workflow(doctype, name, action);
	await api.dispose();
	return doc;
}

async function formAs(as, role, doctype, name = "new") {
	const form = new FormPage(await as(role, { fresh: true }));
	await form.open(doctype, name);
	return form;
}

const STEPS = [
	"Set the AIMS Risk Matrix",
	"Define the AIMS Scope",
	"Register an AI System",
	"Raise an AI Risk",
	"Decide the Annex A Controls",
	"Write the AI Policy",
	"Plan the First AIMS Audit",
];

const chatbot = () => ({
	doctype: "AI System",
	system_name: `E2E policy chatbot ${stamp()}`,
	system_owner: users.owner,
	lifecycle_stage: "Concept",
	purpose: "Answer policyholders' questions about their cover from the policy wording.",
	our_role: "Deployer",
	automation_level: "Decision support (a person decides)",
});

test("an impact assessment saved with only its system chosen is filled from the system", async ({ as, made }) => {
	const system = await inserted("owner", chatbot(), made);
	const form = await formAs(as, "owner", "AI Impact Assessment");
	await form.pickLink("ai_system", system.name, system.system_name);
	await form.save();
	const doc = await form.doc();
	made.add("AI Impact Assessment", doc.name);
	expect(doc.intended_purpose).toBe(system.purpose);
	expect(doc.impacts.map((row) => row.area)).toEqual([
		"Fairness",
		"Privacy",
		"Safety",
		"Security",
		"Autonomy and human rights",
		"Transparency",
		"Environment",
		"Society",
	]);
	await form.shot("lead-1-impact-assessment-filled");
});

test("a stage review is rejected with a reason: the dialog takes the reason, the page is never frozen", async ({ as, made }) => {
	const system = await inserted("owner", chatbot(), made);
	// before any review: the stage says how it moves, and the form what the next gate asks
	const owner = await formAs(as, "owner", "AI System", system.name);
	await expect(owner.page.locator('.frappe-control[data-fieldname="lifecycle_stage"]')).toContainText(
		"Create ▸ Stage Review",
	);
	await expect(owner.page.locator(".aims-next-gate")).toContainText("Next stage, Design and development");
	await owner.shot("lead-2-next-gate");
	const review = await inserted(
		"owner",
		{ doctype: "AI System Stage Review", ai_system: system.name, target_stage: "Design and development" },
		made,
	);
	await workflow("owner", "AI System Stage Review", review.name, "Request Approval");
	// the approver finds it among their ToDos
	const api = await Api.as("approver");
	const todos = await api.list("ToDo", { reference_name: review.name, allocated_to: users.approver, status: "Open" });
	await api.dispose();
	expect(todos.length, "a ToDo for the approver").toBe(1);

	const approver = await formAs(as, "approver", "AI System Stage Review", review.name);
	await approver.expectState("Awaiting Approval");
	const page = approver.page;
	await page.locator(".page-head .actions-btn-group > button:visible", { hasText: "Actions" }).click();
	await page.locator(".page-head .actions-btn-group .dropdown-menu.show .dropdown-item", { hasText: "Reject" }).click();
	const dialog = page.locator(".modal.show", { hasText: "Why is it rejected?" });
	await expect(dialog).toBeVisible();
	await expect(page.locator("#freeze.in")).toHaveCount(0);
	// a click reaches the dialog: nothing lies over it
	await dialog.locator("textarea").click();
	await dialog.locator("textarea").fill("The chatbot's answers were not tested against the policy wording.");
	await approver.shot("lead-3-reject-reason");
	await dialog.locator(".btn-primary", { hasText: "Reject" }).click();
	await approver.expectState("Rejected");
	await approver.settled();
	const doc = await approver.doc();
	expect([doc.workflow_state, doc.rejection_reason]).toEqual([
		"Rejected",
		"The chatbot's answers were not tested against the policy wording.",
	]);
	await expect(page.locator(".form-message.red")).toContainText("not tested against the policy wording");
	await approver.shot("lead-3-rejected-with-reason");
});

test("a risk above the appetite is accepted by someone other than whoever asked, and shows the risk as it stood", async ({ as, made }) => {
	const risk = await inserted("riskOwner", {
		doctype: "AI Risk",
		title: `E2E chatbot states cover the policy does not give ${stamp()}`,
		risk_owner: users.riskOwner,
		description: "The model invents cover when the policy wording has no answer.",
		likelihood: 4,
		impact: 4,
		treatment_option: "Retain",
		residual_likelihood: 4,
		residual_impact: 4,
	}, made);
	const acceptance = await inserted(
		"riskOwner",
		{ doctype: "Risk Acceptance", ai_risk: risk.name, expires_on: day(90), conditions: "Monthly answer sampling." },
		made,
		"Cancel",
	);
	const owner = await formAs(as, "riskOwner", "Risk Acceptance", acceptance.name);
	await owner.action("Request Approval");
	await owner.expectState("Awaiting Approval");
	// whoever asked is offered no decision on it
	await expect(owner.page.locator(".page-head .actions-btn-group > button:visible", { hasText: "Actions" })).toHaveCount(0);

	const approver = await formAs(as, "approver", "Risk Acceptance", acceptance.name);
	const table = approver.page.locator(".aims-risk-as-accepted");
	await expect(table).toContainText(risk.title);
	await expect(table).not.toContainText("{");
	await approver.action("Approve");
	await approver.expectState("Accepted");
	expect((await approver.doc()).accepted_by).toBe(users.approver);
	await approver.shot("lead-4-acceptance-approved");
});

test("risks above the appetite: the card, the heat map and the register say one number", async ({ as }) => {
	const page = await as("manager");
	const workspace = new WorkspacePage(page);
	await workspace.open();
	const card = await workspace.cardNumber("Risks Above Appetite");
	const legend = await page.locator(".above-appetite").innerText();
	expect(Number(legend.replace(/[^0-9]/g, "")), "the heat map's count").toBe(card);
	await workspace.shot("lead-5-workspace-above-appetite");
	// the register's total, as its report gives it to the desk
	const api = await Api.as("manager");
	const register = await api.call("frappe.desk.query_report.run", { report_name: "AI Risk Register", filters: {} });
	await api.dispose();
	const total = register.report_summary.find((item) => item.label === "Above Appetite");
	expect(total.value, "the register's total").toBe(card);
});

test("a breaching measurement shows Breach while it is typed, once after saving, and one measurement is no empty chart", async ({ as, made }) => {
	const system = await inserted("owner", { ...chatbot(), lifecycle_stage: "Operation and monitoring" }, made);
	const watched = await inserted(
		"owner",
		{
			doctype: "AI Monitoring Metric",
			metric_name: "Answers matching the policy wording",
			ai_system: system.name,
			kind: "Performance",
			direction: "Higher is better",
			warning_threshold: 0.9,
			breach_threshold: 0.8,
			frequency: "Weekly",
			on_breach: "Notify the owner",
		},
		made,
	);
	// recorded by the AIMS Manager (a system owner may create measurements but not edit a form's fields)
	const form = await formAs(as, "manager", "AI Monitoring Metric", watched.name);
	await expect(form.page.locator('.frappe-control[data-fieldname="latest_value"]')).toBeHidden();
	await form.page.getByRole("button", { name: "Record Measurement" }).click();
	const measurement = new FormPage(form.page);
	measurement.doctype = "AI Monitoring Measurement";
	await measurement.ready("new");
	await measurement.fill({ value: "0.75" });
	await form.page.waitForFunction(() => cur_frm.doc.result === "Breach");
	await expect(form.page.locator('.frappe-control[data-fieldname="result"]')).toContainText("Breach");
	await measurement.shot("lead-7-breach-typed");
	await measurement.save();
	made.add("AI Monitoring Measurement", await measurement.name());
	expect((await measurement.doc()).result).toBe("Breach");
	await expect(form.page.locator(".form-message:visible", { hasText: "Breach" })).toHaveCount(0);

	await form.open("AI Monitoring Metric", watched.name);
	await form.refresh();
	await expect(form.page.locator(".aims-one-measurement")).toContainText("0.75");
	await form.shot("lead-8-one-measurement");
});

test("the Statement of Applicability prints in the app's own format under the organisation's head", async ({ as, made }) => {
	const soa = await inserted("manager", { doctype: "Statement of Applicability", title: `E2E SoA ${stamp()}` }, made);
	const approver = await formAs(as, "approver", "Statement of Applicability", soa.name);
	await approver.submit();
	const print = new DeskPage(approver.page);
	await print.goto(`${DESK}/print/Statement of Applicability/${encodeURIComponent(soa.name)}`, { idle: false });
	await expect(approver.page.locator(`.frappe-control[data-fieldname="print_format"] input`)).toHaveValue(
		"Statement of Applicability",
	);
	const preview = approver.page.frameLocator("iframe.print-format-container");
	await expect(preview.locator(".aims-doc-control")).toContainText(soa.name);
	const head = preview.locator(".letter-head, .aims-doc-org").first();
	await expect(head).toBeVisible();
	await expect(head).not.toHaveText(/^\s*Frappe\s*$/);
	await approver.page.waitForFunction(() => document.querySelector("iframe.print-format-container")?.offsetHeight > 300);
	await print.shot("lead-6-soa-print");
});

test("the guided setup shows done the steps the records already hold", async ({ as }) => {
	// The demo's records (a scope, systems, risks, control decisions, a policy, an audit) do every step: the
	// steps say so, and the manager's workspace shows no guided setup left to do.
	const api = await Api.as("manager");
	const steps = await api.call("frappe.desk.doctype.onboarding_step.onboarding_step.get_onboarding_steps", {
		ob_steps: JSON.stringify(STEPS.map((step) => ({ step }))),
	});
	await api.dispose();
	expect(Object.fromEntries(steps.map((step) => [step.name, step.is_complete]))).toEqual(
		Object.fromEntries(STEPS.map((step) => [step, 1])),
	);
	const workspace = new WorkspacePage(await as("manager", { fresh: true }));
	await workspace.open();
	await expect(workspace.onboarding()).toHaveCount(0);
	await workspace.shot("lead-9-workspace-set-up");
});
