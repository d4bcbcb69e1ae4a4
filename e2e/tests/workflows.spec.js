// The five workflows a user clicks through, each step as the role that takes it, with a screenshot of each
// (e2e/screenshots/wf-*.png). Each check sets its record up through the API, clicks the form's buttons, and
// removes what it made when it ends.
import { Api, inserted } from "../api.js";
import { expect, test } from "../fixtures.js";
import { day, stamp, users } from "../desk.js";
import { FormPage } from "../pages/form_page.js";
import { DESK, DeskPage } from "../pages/desk_page.js";

// Each workflow step in a desk of its own, as its user would have it.
async function formAs(as, role, doctype, name) {
	const form = new FormPage(await as(role, { fresh: true }));
	await form.open(doctype, name);
	return form;
}

test("a nonconformity goes from Open to Closed with the action buttons", async ({ as, made }) => {
	const { name } = await inserted(
		"auditor",
		{
			doctype: "Nonconformity",
			title: `E2E release without bias test ${stamp()}`,
			grade: "Minor",
			source: "Other",
			raised_on: day(),
			nc_owner: users.owner,
			description: "A model release went out without its bias test.",
		},
		made,
	);
	const owner = await formAs(as, "owner", "Nonconformity", name);
	await owner.expectState("Open");
	await owner.shot("wf-nc-1-open");
	await owner.action("Record Correction");
	await owner.expectState("Correction");
	await owner.fill({ correction: "Rolled the release back to the tested version." });
	await owner.save();
	await owner.shot("wf-nc-2-correction");
	await owner.action("Analyse Root Cause");
	await owner.fill({ root_cause: "The release checklist had no bias test step." });
	await owner.save();
	await owner.shot("wf-nc-3-root-cause");
	await owner.action("Plan Actions");
	await owner.setRows("corrective_actions", [
		{ action: "Add a bias test to the release checklist", action_owner: users.owner, due_date: day(14) },
	]);
	await owner.save();
	await owner.setRowValues("corrective_actions", { "*": { completed_on: day() } });
	await owner.save();
	await owner.shot("wf-nc-4-action");
	await owner.action("Request Verification");
	await owner.expectState("Verification");

	const auditor = await formAs(as, "auditor", "Nonconformity", name);
	await auditor.set({ effectiveness_result: "Effective", verified_by: users.auditor, verified_on: day() });
	await auditor.save();
	await auditor.action("Close");
	await auditor.expectState("Closed");
	expect((await auditor.doc()).workflow_state).toBe("Closed");
	await auditor.shot("wf-nc-5-closed");
});

test("an AI policy goes from Draft to Published with an approver", async ({ as, made }) => {
	const { name } = await inserted(
		"manager",
		{
			doctype: "AI Policy",
			title: `E2E AI policy ${stamp()}`,
			policy_owner: users.manager,
			effective_date: day(),
			review_date: day(365),
			policy_statement: "We use AI with a person accountable for every system.",
			commitments: [
				{ kind: "Meet applicable requirements", text: "We meet the law and our contracts." },
				{ kind: "Continual improvement of the AIMS", text: "We review and improve the AIMS yearly." },
			],
		},
		made,
		"Cancel",
	);
	const manager = await formAs(as, "manager", "AI Policy", name);
	await manager.expectState("Draft");
	await manager.shot("wf-policy-1-draft");
	await manager.action("Submit for Review");
	await manager.expectState("In Review");
	await manager.shot("wf-policy-2-in-review");

	const approver = await formAs(as, "approver", "AI Policy", name);
	await approver.action("Approve");
	await approver.expectState("Approved");
	await approver.shot("wf-policy-3-approved");

	await manager.refresh();
	await manager.action("Publish");
	await manager.expectState("Published");
	const doc = await manager.doc();
	expect([doc.workflow_state, doc.docstatus, doc.approved_by]).toEqual(["Published", 1, users.approver]);
	await manager.shot("wf-policy-4-published");
});

test("a risk acceptance above the appetite is requested and approved", async ({ as, made }) => {
	const { name: risk } = await inserted(
		"riskOwner",
		{
			doctype: "AI Risk",
			title: `E2E claims routed by postcode ${stamp()}`,
			risk_owner: users.riskOwner,
			description: "Postcodes stand in for ethnicity.",
			likelihood: 4,
			impact: 4,
			treatment_option: "Retain",
			residual_likelihood: 4,
			residual_impact: 4,
		},
		made,
	);
	const { name } = await inserted(
		"riskOwner",
		{
			doctype: "Risk Acceptance",
			ai_risk: risk,
			expires_on: day(90),
			conditions: "Reviewed monthly until the model is retrained.",
		},
		made,
		"Cancel",
	);
	const owner = await formAs(as, "riskOwner", "Risk Acceptance", name);
	expect((await owner.doc()).needs_approver, "above the appetite").toBe(1);
	await owner.shot("wf-acceptance-1-draft");
	await owner.action("Request Approval");
	await owner.expectState("Awaiting Approval");
	await owner.shot("wf-acceptance-2-requested");

	const approver = await formAs(as, "approver", "Risk Acceptance", name);
	await approver.action("Approve");
	await approver.expectState("Accepted");
	const doc = await approver.doc();
	expect([doc.docstatus, doc.accepted_by]).toEqual([1, users.approver]);
	await approver.shot("wf-acceptance-3-accepted");
});

test("an audit's checklist is answered and the audit submitted, raising its nonconformity", async ({ as, made }) => {
	const { name } = await inserted(
		"auditor",
		{
			doctype: "AIMS Audit",
			title: `E2E audit of clause 4 ${stamp()}`,
			audit_type: "Internal",
			start_date: day(-1),
			end_date: day(),
			lead_auditor: users.auditor,
			requirements: [{ requirement: "ISO-42001-4" }],
		},
		made,
	);
	const auditor = await formAs(as, "auditor", "AIMS Audit", name);
	const rows = (await auditor.doc()).checklist;
	expect(rows.length, "saving built the checklist").toBeGreaterThan(1);
	await auditor.shot("wf-audit-1-checklist");
	await auditor.setRowValues("checklist", {
		1: { result: "Minor nonconformity", evidence_seen: "Context register not reviewed this year." },
		"*": { result: "Conforms", evidence_seen: "Records sampled." },
	});
	await auditor.save();
	await auditor.shot("wf-audit-2-answered");
	await auditor.submit();
	const api = await Api.as("auditor");
	const raised = await api.list("Nonconformity", { aims_audit: name });
	await api.dispose();
	for (const nc of raised) made.add("Nonconformity", nc.name, null, { aims_audit: null });
	expect(raised.length, "one nonconformity for the one nonconforming row").toBe(1);
	expect((await auditor.doc()).docstatus).toBe(1);
	await auditor.shot("wf-audit-3-submitted");
});

test("a Statement of Applicability is approved and its PDF opened", async ({ as, made }) => {
	const { name } = await inserted(
		"manager",
		{ doctype: "Statement of Applicability", title: `E2E Statement of Applicability ${stamp()}` },
		made,
	);
	const approver = await formAs(as, "approver", "Statement of Applicability", name);
	await approver.shot("wf-soa-1-draft");
	await approver.submit();
	expect((await approver.doc()).approved_by).toBe(users.approver);
	await approver.shot("wf-soa-2-approved");

	const format = "Statement of Applicability";
	const query = `doctype=${encodeURIComponent(format)}&name=${encodeURIComponent(name)}&format=${encodeURIComponent(format)}`;
	const pdf = await approver.page.request.get(`/api/method/frappe.utils.print_format.download_pdf?${query}`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()["content-type"]).toContain("application/pdf");
	expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
	const print = new DeskPage(approver.page);
	await print.goto(`${DESK}/print/${encodeURIComponent(format)}/${encodeURIComponent(name)}`, { idle: false });
	const preview = approver.page.frameLocator("iframe.print-format-container");
	await expect(preview.locator(".print-format")).toContainText(name);
	// The desk sizes the preview's frame to its content once that has rendered.
	await approver.page.waitForFunction(() => document.querySelector("iframe.print-format-container")?.offsetHeight > 300);
	await print.shot("wf-soa-3-print");
});
