// Issue 26: a new compliance lead's day, walked end to end in one check, each step as the role that takes it and
// without a wall: the customer chatbot registered with its supplier and classified under the EU AI Act, its
// impact assessment filled from it on save, a risk above the appetite accepted by someone other than whoever
// asked, one count of risks above the appetite wherever it is shown, a stage review rejected with a reason and
// the next one approved by the approver it was sent to (from their ToDo), a breaching measurement, the Statement
// of Applicability printed under the organisation's head, a concern left with an address on a site that sends no
// mail, the guided setup showing done what the records hold, and then the same screens in German.
// Screenshots: e2e/screenshots/walk-*.png.
import { Api } from "../api.js";
import { expect, test } from "../fixtures.js";
import { day, shotFile, stamp, users } from "../desk.js";
import { DESK, DeskPage } from "../pages/desk_page.js";
import { FormPage } from "../pages/form_page.js";
import { ListPage } from "../pages/list_page.js";
import { ReportPage } from "../pages/report_page.js";
import { WorkspacePage } from "../pages/workspace_page.js";

const STEPS = [
	"Set the AIMS Risk Matrix",
	"Define the AIMS Scope",
	"Register an AI System",
	"Raise an AI Risk",
	"Decide the Annex A Controls",
	"Write the AI Policy",
	"Plan the First AIMS Audit",
];
const AREAS = [
	"Fairness",
	"Privacy",
	"Safety",
	"Security",
	"Autonomy and human rights",
	"Transparency",
	"Environment",
	"Society",
];
const REJECTION = "The chatbot's answers were not tested against the policy wording.";

async function formAs(as, role, doctype, name = "new") {
	const form = new FormPage(await as(role, { fresh: true }));
	await form.open(doctype, name);
	return form;
}

async function asRole(role, work) {
	const api = await Api.as(role);
	try {
		return await work(api);
	} finally {
		await api.dispose();
	}
}

async function workflow(role, doctype, name, action) {
	return asRole(role, (api) => api.workflow(doctype, name, action));
}

// A stage review of the system to Design and development, sent to the approver. One that is approved is signed
// for good (its workflow has no Cancel: the move is the system's history), so it, the system and its supplier are
// left on the test site, which the next run's uninstall clears; `made` removes one that is not.
async function stageReviewSent(system, made) {
	const review = await asRole("owner", (api) =>
		api.insert({ doctype: "AI System Stage Review", ai_system: system.name, target_stage: "Design and development" }),
	);
	if (made) made.add("AI System Stage Review", review.name);
	await workflow("owner", "AI System Stage Review", review.name, "Request Approval");
	return review;
}

// How each heat-map label is laid out: its words, the lines it takes, whether it overflows its cell, and the
// computed style that decides where it may wrap.
function heatMapLabels(page) {
	return page.locator(".aims-heat-map th").evaluateAll((cells) =>
		cells
			.filter((cell) => cell.textContent.trim())
			.map((cell) => {
				const range = document.createRange();
				range.selectNodeContents(cell);
				const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
				const style = getComputedStyle(cell);
				return {
					text: cell.textContent.trim(),
					words: cell.textContent.trim().split(/\s+/).length,
					lines: tops.size,
					overflows: cell.scrollWidth > cell.clientWidth + 1,
					wrap: `${style.wordBreak} ${style.overflowWrap}`,
					lang: cell.closest("[lang]")?.lang,
				};
			}),
	);
}

test("a compliance lead's day, from registering the chatbot to the same screens in German", async ({ as, browser, made }) => {
	// about twenty screens in one check, each waiting for the server's answer
	test.slow();
	const lead = "manager";
	let supplier, system, englishReasons, risk;

	await test.step("the chatbot is registered with its supplier and classified", async () => {
		supplier = await asRole(lead, (api) =>
			api.insert({ doctype: "AI Supplier", supplier_name: `E2E Chat Platform ${stamp()}`, supply_type: "AI model" }),
		);
		const form = await formAs(as, lead, "AI System");
		await form.fill({ system_name: `E2E policy chatbot ${stamp()}` });
		await form.set({
			system_owner: users.owner,
			lifecycle_stage: "Concept",
			purpose: "Answer policyholders' questions about their cover from the policy wording.",
			our_role: "Deployer",
			automation_level: "Decision support (a person decides)",
			human_oversight: "A claims handler reviews every answer a policyholder flags.",
			who_it_affects: "Policyholders who use the chat on our website.",
			interacts_with_people: 1,
			generates_synthetic_content: 1,
			publish_on_transparency_page: 1,
		});
		await form.setRows("suppliers", [{ ai_supplier: supplier.name, supplies: "The language model" }]);
		await form.save();
		system = await form.doc();
		expect(system.suppliers.map((row) => row.ai_supplier)).toEqual([supplier.name]);
		expect(system.eu_ai_act_tier).toBe("Limited risk");
		expect(system.tier_reasons).toBeTruthy();
		englishReasons = system.tier_reasons;
		// the title is the system's name, the id stays in the address
		await expect(form.page.locator(".page-head:visible .title-text")).toHaveText(system.system_name);
		await expect(form.page.locator('.frappe-control[data-fieldname="eu_ai_act_tier"]')).toContainText("Limited risk");
		await form.shot("walk-1-chatbot-classified");
	});

	await test.step("its impact assessment, saved with only the system chosen, is filled from the system", async () => {
		const form = await formAs(as, "owner", "AI Impact Assessment");
		await form.pickLink("ai_system", system.name, system.system_name);
		await form.save();
		const doc = await form.doc();
		made.add("AI Impact Assessment", doc.name);
		expect(doc.intended_purpose).toBe(system.purpose);
		expect(doc.impacts.map((row) => row.area)).toEqual(AREAS);
		await expect(form.page.locator(".page-head:visible .title-text")).toHaveText(system.system_name);
		await form.shot("walk-2-impact-assessment-filled");
	});

	await test.step("a risk above the appetite is accepted by someone other than whoever asked", async () => {
		risk = await asRole("riskOwner", (api) =>
			api.insert({
				doctype: "AI Risk",
				title: `E2E chatbot states cover the policy does not give ${stamp()}`,
				ai_system: system.name,
				risk_owner: users.riskOwner,
				description: "The model invents cover when the policy wording has no answer.",
				likelihood: 4,
				impact: 4,
				treatment_option: "Retain",
				residual_likelihood: 4,
				residual_impact: 4,
			}),
		);
		made.add("AI Risk", risk.name);
		const acceptance = await asRole("riskOwner", (api) =>
			api.insert({ doctype: "Risk Acceptance", ai_risk: risk.name, expires_on: day(90), conditions: "Monthly answer sampling." }),
		);
		made.add("Risk Acceptance", acceptance.name, "Cancel");
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
		await approver.shot("walk-3-acceptance-approved");
	});

	await test.step("the card, the heat map and the register say one number of risks above the appetite", async () => {
		const workspace = new WorkspacePage(await as(lead));
		await workspace.open();
		const card = await workspace.cardNumber("Risks Above Appetite");
		const legend = await workspace.page.locator(".above-appetite").innerText();
		expect(Number(legend.replace(/[^0-9]/g, "")), "the heat map's count").toBe(card);
		const register = await asRole(lead, (api) =>
			api.call("frappe.desk.query_report.run", { report_name: "AI Risk Register", filters: {} }),
		);
		const total = register.report_summary.find((item) => item.label === "Above Appetite");
		expect(total.value, "the register's total").toBe(card);
		await workspace.shot("walk-4-workspace-above-appetite");
	});

	await test.step("a stage review is rejected with a reason, and the next one approved from the approver's ToDo", async () => {
		const owner = await formAs(as, "owner", "AI System", system.name);
		await expect(owner.page.locator('.frappe-control[data-fieldname="lifecycle_stage"]')).toContainText(
			"Create ▸ Stage Review",
		);
		await expect(owner.page.locator(".aims-next-gate")).toContainText("Next stage, Design and development");
		await owner.shot("walk-5-next-gate");

		const first = await stageReviewSent(system, made);
		const approver = await formAs(as, "approver", "AI System Stage Review", first.name);
		await approver.expectState("Awaiting Approval");
		const page = approver.page;
		await page.locator(".page-head .actions-btn-group > button:visible", { hasText: "Actions" }).click();
		await page.locator(".page-head .actions-btn-group .dropdown-menu.show .dropdown-item", { hasText: "Reject" }).click();
		const dialog = page.locator(".modal.show", { hasText: "Why is it rejected?" });
		await expect(dialog).toBeVisible();
		await expect(page.locator("#freeze.in")).toHaveCount(0);
		// a click reaches the dialog: nothing lies over it
		await dialog.locator("textarea").click();
		await dialog.locator("textarea").fill(REJECTION);
		await approver.shot("walk-6-reject-reason");
		await dialog.locator(".btn-primary", { hasText: "Reject" }).click();
		await approver.expectState("Rejected");
		await approver.settled();
		const rejected = await approver.doc();
		expect([rejected.workflow_state, rejected.rejection_reason]).toEqual(["Rejected", REJECTION]);
		await expect(page.locator(".form-message.red")).toContainText("not tested against the policy wording");

		// tested, the owner asks again; the approver finds it among their ToDos and approves it from there
		const second = await stageReviewSent(system, null);
		const [todo] = await asRole("approver", (api) =>
			api.list("ToDo", { reference_name: second.name, allocated_to: users.approver, status: "Open" }),
		);
		expect(todo, "a ToDo for the approver").toBeTruthy();
		const todos = new ListPage(page);
		await todos.open("ToDo");
		const row = todos.rows().filter({ has: page.locator(`[data-name="${todo.name}"]`) });
		await expect(row).toBeVisible();
		await todos.shot("walk-7-approver-todo");
		const form = new FormPage(page);
		await form.open("AI System Stage Review", second.name);
		await form.action("Approve");
		await form.expectState("Approved");
		const moved = await asRole(lead, (api) => api.get("AI System", system.name));
		expect(moved.lifecycle_stage).toBe("Design and development");
		await form.shot("walk-8-review-approved");
	});

	await test.step("a breaching measurement shows Breach while it is typed and once after saving", async () => {
		const watched = await asRole("owner", (api) =>
			api.insert({
				doctype: "AI Monitoring Metric",
				metric_name: "Answers matching the policy wording",
				ai_system: system.name,
				kind: "Performance",
				direction: "Higher is better",
				warning_threshold: 0.9,
				breach_threshold: 0.8,
				frequency: "Weekly",
				on_breach: "Notify the owner",
			}),
		);
		made.add("AI Monitoring Metric", watched.name);
		// recorded by the AIMS Manager (a system owner may create measurements but not edit a form's fields)
		const form = await formAs(as, lead, "AI Monitoring Metric", watched.name);
		await expect(form.page.locator('.frappe-control[data-fieldname="latest_value"]')).toBeHidden();
		await form.page.getByRole("button", { name: "Record Measurement" }).click();
		const measurement = new FormPage(form.page);
		measurement.doctype = "AI Monitoring Measurement";
		await measurement.ready("new");
		await measurement.fill({ value: "0.75" });
		await form.page.waitForFunction(() => cur_frm.doc.result === "Breach");
		await expect(form.page.locator('.frappe-control[data-fieldname="result"]')).toContainText("Breach");
		await measurement.shot("walk-9-breach-typed");
		await measurement.save();
		made.add("AI Monitoring Measurement", await measurement.name());
		expect((await measurement.doc()).result).toBe("Breach");
		await expect(form.page.locator(".form-message:visible", { hasText: "Breach" })).toHaveCount(0);
		await form.open("AI Monitoring Metric", watched.name);
		await form.refresh();
		await expect(form.page.locator(".aims-one-measurement")).toContainText("0.75");
	});

	await test.step("the Statement of Applicability prints in the app's own format under the organisation's head", async () => {
		const soa = await asRole(lead, (api) =>
			api.insert({ doctype: "Statement of Applicability", title: `E2E SoA ${stamp()}` }),
		);
		made.add("Statement of Applicability", soa.name);
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
		await print.shot("walk-10-soa-print");
	});

	await test.step("a member of the public leaves a concern with an address, on a site that sends no mail", async () => {
		// the test site's mail accounts point at no real server: the concern is kept all the same
		// the public has no session: a browser context of its own
		const context = await browser.newContext();
		const page = await context.newPage();
		try {
			await page.goto(`/report-a-concern/new?reported_system=${encodeURIComponent(system.name)}`);
			await expect(page.locator(".web-form")).toBeVisible();
			await page.locator('input[data-fieldname="subject"]').fill("The chat promised cover my policy does not give");
			await page.locator('textarea[data-fieldname="what_happened"]').fill("It said water damage was covered; it is not.");
			await page.locator('input[data-fieldname="contact_email"]').fill("reporter@example.com");
			await page.locator(".web-form-footer .submit-btn, .web-form .btn-primary").first().click();
			await expect(page.locator(".success-message")).toContainText("Your reference is CON-");
			const reference = (await page.locator(".success-message").innerText()).match(/CON-\d{4}-\d+/)[0];
			made.add("AI Concern", reference);
			await page.screenshot({ path: shotFile("walk-11-concern-sent"), fullPage: true });
			const concern = await asRole(lead, (api) => api.get("AI Concern", reference));
			expect([concern.reported_system, concern.contact_email]).toEqual([system.name, "reporter@example.com"]);
		} finally {
			await context.close();
		}
	});

	await test.step("the guided setup shows done the steps the records already hold", async () => {
		const steps = await asRole(lead, (api) =>
			api.call("frappe.desk.doctype.onboarding_step.onboarding_step.get_onboarding_steps", {
				ob_steps: JSON.stringify(STEPS.map((step) => ({ step }))),
			}),
		);
		expect(Object.fromEntries(steps.map((step) => [step.name, step.is_complete]))).toEqual(
			Object.fromEntries(STEPS.map((step) => [step, 1])),
		);
		const workspace = new WorkspacePage(await as(lead, { fresh: true }));
		await workspace.open();
		await expect(workspace.onboarding()).toHaveCount(0);
	});

	await test.step("the same screens in German", async () => {
		const before = await asRole("admin", (api) => api.get("User", users[lead]));
		await asRole("admin", (api) =>
			api.call("frappe.client.set_value", { doctype: "User", name: users[lead], fieldname: "language", value: "de" }),
		);
		try {
			const page = await as(lead, { fresh: true });
			const workspace = new WorkspacePage(page);
			await workspace.open();
			await expect(page.locator(".number-widget-box", { hasText: "Risiken über dem Risikoappetit" })).toBeVisible();
			await expect(page.locator(".aims-heat-map-title")).toHaveText("Risiko-Heatmap");
			// the controls chart names each status as the chart source gives it to a German reader
			const chart = await asRole(lead, (api) =>
				api.call(
					"aims_app.ai_governance.dashboard_chart_source.controls_by_implementation_status.controls_by_implementation_status.get",
				),
			);
			expect(chart.labels.length).toBeGreaterThan(0);
			for (const label of chart.labels) {
				expect(["Not started", "Planned", "Partially implemented", "Implemented"]).not.toContain(label);
			}
			const widget = page.locator(".widget", { hasText: "Maßnahmen nach Umsetzungsstatus" });
			// frappe-charts shortens a long legend entry ("Teilweise umges..."): its first word is there
			for (const label of chart.labels) await expect(widget).toContainText(label.split(" ")[0]);
			await expect(widget).not.toContainText("Implemented");
			// the heat map's labels wrap between words, never inside one, and nothing overflows its cell
			const labels = await heatMapLabels(page);
			expect(labels.length).toBeGreaterThan(5);
			expect(labels.map((label) => label.text)).toContain("Vernachlässigbar");
			for (const label of labels) {
				expect(label, label.text).toMatchObject({ overflows: false, wrap: "normal normal", lang: "de" });
				expect(label.lines, `${label.text}: lines`).toBeLessThanOrEqual(label.words);
			}
			// the guided setup is done on this site, so Frappe shows none: its steps' descriptions are checked in
			// the German desk's catalogue, and the widget that shows them is the one that translates them
			const steps = await asRole(lead, (api) =>
				api.call("frappe.desk.doctype.onboarding_step.onboarding_step.get_onboarding_steps", {
					ob_steps: JSON.stringify(STEPS.map((step) => ({ step }))),
				}),
			);
			const untranslated = await page.evaluate(
				(steps) => steps.filter((step) => step.description && __(step.description) === step.description).map((step) => step.name),
				steps,
			);
			expect(untranslated, "steps whose description has no German").toEqual([]);
			expect(await page.evaluate(() => frappe.widget.widget_factory.onboarding.name)).toBe("TranslatedOnboarding");
			await workspace.shot("walk-12-workspace-de");
			await page.locator(".aims-heat-map").screenshot({ path: shotFile("walk-13-heat-map-de") });

			const form = new FormPage(page);
			await form.open("AI System", system.name);
			await expect(page.locator('.frappe-control[data-fieldname="tier_reasons"] .control-label')).toHaveText("Warum");
			await expect(page.locator('.frappe-control[data-fieldname="eu_ai_act_tier"]')).toContainText("Begrenztes Risiko");
			const reasons = await page.evaluate(() => cur_frm.doc.tier_reasons);
			expect(reasons).toBeTruthy();
			expect(reasons, "the reasons in the reader's language").not.toBe(englishReasons);
			// its tab opened and the field scrolled to, as the form's own links to a field do
			await page.evaluate(() => cur_frm.scroll_to_field("tier_reasons"));
			await expect(page.locator('.frappe-control[data-fieldname="tier_reasons"] .control-label')).toBeVisible();
			await form.shot("walk-14-chatbot-de");

			const register = new ReportPage(page);
			await register.open("AI Risk Register", { ai_system: system.name });
			await expect(register.title()).toHaveText("KI-Risikoregister");
			expect(await register.header("inherent_level")).toBe("Inhärent");
			// the table as drawn for the system's filter (it is drawn again once the filter is set)
			await expect.poll(() => register.column("status")).toEqual(["Akzeptiert"]);
			await expect.poll(() => register.column("ai_system")).toEqual([system.system_name]);
			await register.shot("walk-15-risk-register-de");
		} finally {
			await asRole("admin", (api) =>
				api.call("frappe.client.set_value", {
					doctype: "User",
					name: users[lead],
					fieldname: "language",
					value: before.language || "",
				}),
			);
		}
	});
});
