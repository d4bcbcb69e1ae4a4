// The AIMS workspace as its users meet it, against a running bench:
//   AIMS_URL=http://127.0.0.1:8000 AIMS_SITE=aims.test node --test workspace.test.mjs
// Same users and environment as desk_smoke.test.mjs. Screenshots go to e2e/screenshots/ (2x-...).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { base, launch, loggedIn, manager, shots, viewer } from "./desk.mjs";

const CARDS = [
	"AI Systems in Scope",
	"High-Risk AI Systems",
	"Risks Above Appetite",
	"Open Nonconformities",
	"Overdue Corrective Actions",
	"Evidence Expiring in 30 Days",
	"Expired Evidence",
];

let browser;

before(async () => {
	browser = await launch();
});

after(async () => browser && (await browser.close()));

async function openWorkspace(page) {
	await page.goto(`${base}/app/aims`);
	await page.waitForFunction(
		(count) =>
			document.querySelectorAll(".number-widget-box .number").length >= count &&
			[...document.querySelectorAll(".number-card-loading, .chart-loading-state")].every(
				(el) => el.offsetParent === null || !el.textContent.includes(__("Loading..."))
			),
		CARDS.length,
		{ timeout: 30000 }
	);
	// The heat map lives in a custom block's shadow root: Playwright's CSS locators pierce open ones.
	await page.locator("td[data-level]").first().waitFor({ timeout: 15000 });
	await page.waitForLoadState("networkidle");
}

async function cardNumber(page, label) {
	const text = await page.locator(".number-widget-box", { hasText: label }).locator(".number").innerText();
	return Number(text.replace(/[^0-9.]/g, ""));
}

// frappe-charts grow their bars when they scroll into view: let them finish before a screenshot.
async function snap(page, name) {
	await page.waitForTimeout(1500);
	await page.screenshot({ path: `${shots}${name}.png` });
}

const heatMapCell = (page, likelihood, impact) =>
	page.locator(`td[data-likelihood="${likelihood}"][data-impact="${impact}"]`);

test("an AIMS Manager sees readiness at a glance, the heat map and the onboarding", async () => {
	const page = await loggedIn(browser, manager);
	await openWorkspace(page);
	for (const label of CARDS) {
		assert.ok(Number.isFinite(await cardNumber(page, label)), `card ${label} shows a number`);
	}
	const chart = page.locator(".dashboard-widget-box", { hasText: "Controls by Implementation Status" });
	await chart.locator("svg").first().waitFor();
	assert.equal(await page.locator("td[data-level]").count(), 25, "a 5 × 5 matrix");
	assert.equal(await heatMapCell(page, 5, 5).getAttribute("data-level"), "Critical");
	await page.getByText("Set up your AI Management System").first().waitFor();
	await snap(page, "21-workspace-manager");
	await page.getByText("AI Management System", { exact: true }).first().scrollIntoViewIfNeeded();
	await snap(page, "21b-workspace-shortcuts-and-links");
	await page.close();
});

test("an AIMS Manager registers a system, raises a risk on it and the workspace counts it", async () => {
	const page = await loggedIn(browser, manager);
	await openWorkspace(page);
	const aboveBefore = await cardNumber(page, "Risks Above Appetite");
	const cellBefore = Number((await heatMapCell(page, 4, 3).innerText()) || 0);

	await page.goto(`${base}/app/ai-system/new`);
	await page.locator('input[data-fieldname="system_name"]').fill(`E2E Claims triage ${Date.now()}`);
	await page.locator('input[data-fieldname="system_owner"]').fill(manager);
	await page.locator('textarea[data-fieldname="purpose"]').fill("Route insurance claims to the right team.");
	await page.keyboard.press("Control+s");
	await page.waitForURL(/\/app\/ai-system\/AIS-/, { timeout: 15000 });
	const system = decodeURIComponent(page.url().split("/").pop());
	await page.screenshot({ path: `${shots}22-ai-system-created.png` });

	await page.goto(`${base}/app/ai-risk/new`);
	await page.locator('input[data-fieldname="title"]').fill(`E2E claims routed by postcode ${Date.now()}`);
	await page.locator('input[data-fieldname="ai_system"]').fill(system);
	await page.locator('input[data-fieldname="risk_owner"]').fill(manager);
	await page.locator('textarea[data-fieldname="description"]').fill("Postcodes stand in for ethnicity.");
	await page.locator('input[data-fieldname="likelihood"]').fill("4");
	await page.locator('input[data-fieldname="impact"]').fill("3");
	await page.keyboard.press("Control+s");
	await page.getByText("This risk is above the risk appetite").first().waitFor({ timeout: 15000 });
	assert.equal(await page.evaluate(() => cur_frm.doc.ai_system), system, "the risk is raised on the new system");
	await page.screenshot({ path: `${shots}23-ai-risk-on-system.png`, fullPage: true });

	await openWorkspace(page);
	assert.equal(await cardNumber(page, "Risks Above Appetite"), aboveBefore + 1);
	assert.equal(Number(await heatMapCell(page, 4, 3).innerText()), cellBefore + 1);
	await heatMapCell(page, 4, 3).scrollIntoViewIfNeeded();
	await snap(page, "24-workspace-after-risk");
	await page.close();
});

test("an AIMS Manager opens the AIMS Readiness report", async (t) => {
	const page = await loggedIn(browser, manager);
	const report = await page.request.get(`${base}/api/resource/Report/AIMS Readiness`);
	if (report.status() !== 200) {
		t.skip("the AIMS Readiness report is not installed on this site");
		await page.close();
		return;
	}
	await page.goto(`${base}/app/query-report/AIMS Readiness`);
	await page.locator(".dt-row").nth(1).waitFor({ timeout: 30000 });
	await page.waitForLoadState("networkidle");
	await page.screenshot({ path: `${shots}25-aims-readiness.png` });
	await page.close();
});

test("an AIMS Viewer sees the same workspace and no create button anywhere", async () => {
	const page = await loggedIn(browser, viewer);
	await openWorkspace(page);
	for (const label of CARDS) {
		assert.ok(Number.isFinite(await cardNumber(page, label)), `card ${label} shows a number`);
	}
	assert.equal(await page.getByText("Set up your AI Management System").count(), 0, "onboarding is the manager's");
	await snap(page, "26-workspace-viewer");
	// A card opens the list of what it counts.
	const expired = await cardNumber(page, "Expired Evidence");
	await page.locator(".number-widget-box", { hasText: "Expired Evidence" }).locator(".number").click();
	await page.waitForURL(/\/app\/aims-evidence\?valid_until=/);
	const first = expired ? page.locator(".list-row-container", { hasText: "Expired" }) : page.locator(".no-result");
	await first.first().waitFor({ timeout: 15000 });
	assert.equal(await page.locator(".list-row-container", { hasText: "Current" }).count(), 0);
	await snap(page, "26b-viewer-expired-evidence-from-card");
	for (const list of ["ai-system", "ai-risk", "nonconformity", "aims-evidence"]) {
		await page.goto(`${base}/app/${list}`);
		await page.locator(".list-row-container, .no-result").first().waitFor({ timeout: 15000 });
		await page.waitForLoadState("networkidle");
		await page.waitForFunction(() => !document.body.innerText.includes(__("Refreshing") + "..."));
		const add = await page.locator(".primary-action:visible", { hasText: "Add" }).count();
		assert.equal(add, 0, `no Add button on the ${list} list`);
		await page.screenshot({ path: `${shots}27-viewer-${list}-list.png` });
	}
	await page.close();
});
