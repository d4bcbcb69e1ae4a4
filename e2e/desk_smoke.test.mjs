// A person's path through the desk, against a running bench:
//   AIMS_URL=http://127.0.0.1:8000 AIMS_SITE=aims.test node --test desk_smoke.test.mjs
// Users (created by the caller, see README): AIMS_MANAGER_USER / AIMS_VIEWER_USER, password AIMS_PASSWORD.
// Screenshots go to e2e/screenshots/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { base, launch, loggedIn as logIn, manager, open, shots, viewer } from "./desk.mjs";

let browser;

before(async () => {
	browser = await launch();
});

after(async () => browser && (await browser.close()));

const loggedIn = (user) => logIn(browser, user);

test("an AIMS Manager reaches Annex A controls and the clauses in two clicks", async () => {
	const page = await loggedIn(manager);
	await open(page, "/app/aims", "01-workspace");
	await page.getByText("Annex A Controls", { exact: true }).first().click();
	await page.waitForURL(/framework-requirement/);
	await page.getByText("A.2.2 AI policy").first().waitFor({ timeout: 15000 });
	assert.equal(await page.getByText("A.4.2 Resource documentation").count() > 0, true);
	assert.equal(await page.getByText("4.1 Understanding the organization").count(), 0);
	await page.screenshot({ path: `${shots}02-annex-a-controls.png` });
	await open(page, "/app/aims", "01-workspace");
	await page.getByText("ISO 42001 Clauses", { exact: true }).first().click();
	await page.waitForURL(/framework-requirement/);
	await page.getByText("4.1 Understanding the organization").first().waitFor({ timeout: 15000 });
	assert.equal(await page.getByText("A.2.2 AI policy").count(), 0);
	await page.screenshot({ path: `${shots}03-iso-42001-clauses.png` });
	await page.goto(`${base}/app/framework-requirement/view/tree`);
	await page.getByText("ISO/IEC 42001:2023").first().click();
	await page.getByText("Annex A Reference control objectives and controls").first().waitFor({ timeout: 15000 });
	await page.screenshot({ path: `${shots}04-library-tree.png` });
	await page.close();
});

test("an AIMS Manager creates an AI system and sees its EU AI Act tier", async () => {
	const page = await loggedIn(manager);
	await open(page, "/app/ai-system/new", "05-new-ai-system");
	const name = `E2E Chatbot ${Date.now()}`;
	await page.locator('input[data-fieldname="system_name"]').fill(name);
	await page.locator('input[data-fieldname="system_owner"]').fill(manager);
	await page.locator('textarea[data-fieldname="purpose"]').fill("Answer customer questions on the website.");
	await page.getByRole("tab", { name: "EU AI Act" }).click();
	await page.locator('input[data-fieldname="interacts_with_people"]').check();
	await page.keyboard.press("Control+s");
	await page.getByText("EU AI Act tier: Limited risk").first().waitFor({ timeout: 15000 });
	await page.screenshot({ path: `${shots}06-ai-system-saved.png` });
	await page.close();
});

test("an AIMS Manager raises a risk scored on the matrix and reads the live Statement of Applicability", async () => {
	const page = await loggedIn(manager);
	await open(page, "/app/ai-risk/new", "08-new-ai-risk");
	await page.locator('input[data-fieldname="title"]').fill(`E2E chatbot gives wrong refund advice ${Date.now()}`);
	await page.locator('input[data-fieldname="risk_owner"]').fill(manager);
	await page.locator('textarea[data-fieldname="description"]').fill("The chatbot invents refund rules.");
	await page.locator('input[data-fieldname="likelihood"]').fill("4");
	await page.locator('input[data-fieldname="impact"]').fill("3");
	await page.keyboard.press("Control+s");
	await page.getByText("This risk is above the risk appetite").first().waitFor({ timeout: 15000 });
	assert.equal(await page.locator('[data-fieldname="inherent_level"]').first().innerText().then((t) => t.includes("High")), true);
	await page.screenshot({ path: `${shots}09-ai-risk-saved.png`, fullPage: true });
	await open(page, "/app/query-report/Live Statement of Applicability", "10-live-soa");
	await page.getByText("A.10.4 Customers").first().waitFor({ timeout: 15000 });
	await page.screenshot({ path: `${shots}10-live-soa.png` });
	await open(page, "/app/query-report/AI Risk Register", "11-risk-register");
	await page.getByText("Above Appetite").first().waitFor({ timeout: 15000 });
	await page.screenshot({ path: `${shots}11-risk-register.png` });
	await page.close();
});

test("an AIMS Viewer reads the inventory but has no create button", async () => {
	const page = await loggedIn(viewer);
	await open(page, "/app/ai-system", "07-viewer-ai-system-list");
	const addButtons = await page.locator(".primary-action:visible", { hasText: "Add" }).count();
	assert.equal(addButtons, 0);
	await page.close();
});
