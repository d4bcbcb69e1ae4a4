// Outside the desk, as a member of the public (a browser with no session): the transparency page lists a
// published AI system and links to the concern form, the form offers that system and gives a reference on
// sending (with an address to reply to, on a site that may have no outgoing mail), and a guessed system page
// is not found. Screenshots: e2e/screenshots/portal-*.png.
import { Api } from "../api.js";
import { expect, test } from "../fixtures.js";
import { shotFile } from "../desk.js";

const SYSTEM = "E2E Public Chat Assistant";

test("a guest reads the transparency page and reports a concern with a reference", async ({ browser, made }) => {
	const manager = await Api.as("manager");
	const system = await manager.insert({
		doctype: "AI System",
		system_name: SYSTEM,
		system_owner: "e2e-owner@example.com",
		lifecycle_stage: "Operation and monitoring",
		purpose: "Answers customers' questions about their orders on our website.",
		our_role: "Deployer",
		automation_level: "Decision support (a person decides)",
		human_oversight: "A support agent reviews every conversation flagged by a customer.",
		publish_on_transparency_page: 1,
		who_it_affects: "Customers who use the chat on our website.",
		interacts_with_people: 1,
		generates_synthetic_content: 1,
	});
	made.add("AI System", system.name);

	const guest = await browser.newContext();
	const page = await guest.newPage();
	const scriptErrors = [];
	page.on("pageerror", (error) => scriptErrors.push(`${page.url()}: ${error.message}`));
	try {
		const response = await page.goto("/ai-transparency");
		expect(response.status()).toBe(200);
		await expect(page.getByRole("heading", { name: "How We Use AI" })).toBeVisible();
		const entry = page.locator(`article#${system.name}`);
		await expect(entry.getByRole("link", { name: SYSTEM })).toBeVisible();
		await expect(entry).toContainText("Customers who use the chat on our website.");
		await page.screenshot({ path: shotFile("portal-transparency"), fullPage: true });

		const missing = await page.goto("/ai-transparency/AIS-99999");
		expect(missing.status()).toBe(404);

		await page.goto(`/ai-transparency/${system.name}`);
		await page.getByRole("link", { name: "Report a concern about this system" }).click();
		await expect(page.locator(".web-form")).toBeVisible();
		await expect(page.locator('select[data-fieldname="reported_system"]')).toHaveValue(system.name);
		await page.locator('input[data-fieldname="subject"]').fill("The chat gave me a wrong delivery date");
		await page
			.locator('textarea[data-fieldname="what_happened"]')
			.fill("On Monday it said my order had shipped; it had not. <b>Please check.</b>");
		// an address to reply to: the concern is kept whether or not the site can send mail
		await page.locator('input[data-fieldname="contact_email"]').fill("reporter@example.com");
		await page.screenshot({ path: shotFile("portal-concern-form"), fullPage: true });
		await page.locator(".web-form-footer .submit-btn, .web-form .btn-primary").first().click();
		await expect(page.locator(".success-message")).toContainText("Your reference is CON-");
		const reference = (await page.locator(".success-message").innerText()).match(/CON-\d{4}-\d+/)[0];
		made.add("AI Concern", reference);
		await page.screenshot({ path: shotFile("portal-concern-sent"), fullPage: true });
		expect(scriptErrors, "no script error on the public pages").toEqual([]);
	} finally {
		await guest.close();
		await manager.dispose();
	}
});
