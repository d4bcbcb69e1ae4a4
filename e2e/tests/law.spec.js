// Issue 29: the law as the person who must act reads it. A deployer of a vendor's chatbot sees on the system's
// EU AI Act tab that the transparency duties of Art. 50(1) and (2) are the provider's, dated, and what to check
// of the provider; a provider of a general-purpose model trained with more than 10^25 FLOP prints its model
// documentation with the systemic-risk duties; a bias audit of a hiring tool prints as the summary New York
// City's Local Law 144 asks to publish. Screenshots: e2e/screenshots/law-*.png.
import { Api } from "../api.js";
import { expect, test } from "../fixtures.js";
import { shotFile, stamp } from "../desk.js";
import { FormPage } from "../pages/form_page.js";

const OWNER = "e2e-owner@example.com";

async function insertedAs(role, doc, made) {
	const api = await Api.as(role);
	try {
		const saved = await api.insert(doc);
		made.add(doc.doctype, saved.name);
		return saved;
	} finally {
		await api.dispose();
	}
}

function system(values) {
	return {
		doctype: "AI System",
		system_owner: OWNER,
		lifecycle_stage: "Operation and monitoring",
		automation_level: "Decision support (a person decides)",
		...values,
	};
}

// Applicants by sex and race with how many of them were selected: selection rate = selected / applicants,
// impact ratio = a category's rate / the highest rate (the law's rules, 6 RCNY § 5-300).
const APPLICANTS = [
	["Male", "White", 60, 30],
	["Male", "Black", 40, 20],
	["Female", "White", 60, 18],
	["Female", "Black", 40, 12],
];

function outcomesCsv() {
	const lines = ["applicant,sex,race,selected"];
	let number = 0;
	for (const [sex, race, applicants, selected] of APPLICANTS) {
		for (let i = 0; i < applicants; i++) lines.push(`A${++number},${sex},${race},${i < selected ? 1 : 0}`);
	}
	return `${lines.join("\n")}\n`;
}

async function printView(page, doctype, name, format) {
	const url = `/printview?doctype=${encodeURIComponent(doctype)}&name=${encodeURIComponent(name)}&format=${encodeURIComponent(format)}`;
	const response = await page.goto(url);
	expect(response.status()).toBe(200);
	await expect(page.locator(".print-format")).toBeVisible();
}

test("a deployer of a vendor's chatbot sees the provider's transparency duties, dated, with what to check", async ({ as, made }) => {
	const chatbot = await insertedAs(
		"manager",
		system({
			system_name: `E2E vendor chatbot ${stamp()}`,
			purpose: "Answers policyholders' questions about their cover, built on a vendor's language model.",
			our_role: "Deployer",
			interacts_with_people: 1,
			generates_synthetic_content: 1,
			placed_on_market_on: "2026-03-01",
		}),
		made,
	);
	const form = new FormPage(await as("owner"));
	await form.open("AI System", chatbot.name);
	await form.page.locator(".form-tabs .nav-link", { hasText: "EU AI Act" }).click();
	// :visible: a list the same desk opened before keeps its filter controls of the same name, hidden
	await expect(form.page.locator('.frappe-control[data-fieldname="eu_ai_act_tier"]:visible')).toContainText(
		"Limited risk",
	);
	const grid = form.page.locator('.frappe-control[data-fieldname="obligations"]:visible');
	const art50_1 = grid.locator(".grid-row", { hasText: "Art. 50(1)" });
	await expect(art50_1).toContainText("Provider");
	await expect(grid.locator(".grid-row", { hasText: "Art. 50(2)" })).toContainText("Provider");
	await form.shot("law-1-chatbot-questionnaire");
	await grid.scrollIntoViewIfNeeded();
	await form.shot("law-2-chatbot-obligations");

	await art50_1.locator(".btn-open-row").click();
	const row = form.page.locator(".grid-row-open");
	const whatToDo = row.locator('.frappe-control[data-fieldname="what_to_do"]');
	await expect(whatToDo).toContainText("check that the system tells people they are dealing with an AI system");
	await whatToDo.scrollIntoViewIfNeeded();
	await form.shot("law-3-chatbot-art-50-1");
	await form.page.keyboard.press("Escape");
});

test("a general-purpose model trained above 10^25 FLOP prints its documentation with the systemic-risk duties", async ({ as, made }) => {
	const model = await insertedAs(
		"manager",
		system({
			system_name: `E2E house language model ${stamp()}`,
			purpose: "A general-purpose language model that our product teams build on.",
			our_role: "Provider",
			is_gpai_model: 1,
			training_compute_flops: "3.8 × 10^25",
			placed_on_market_on: "2026-09-01",
			gpai_provider_name: "Kestrel Models Ltd",
			gpai_architecture: "Decoder-only transformer",
			gpai_licence: "Proprietary",
		}),
		made,
	);
	expect(model.training_compute_flops).toBe("3.8e+25");
	const page = await as("manager");
	await printView(page, "AI System", model.name, "GPAI Model Documentation");
	const print = page.locator(".print-format");
	await expect(print).toContainText("Kestrel Models Ltd");
	await expect(print).toContainText("3.80e+25");
	await expect(print).toContainText("7. Systemic-risk duties");
	await expect(print).toContainText("Art. 55");
	await page.screenshot({ path: shotFile("law-4-gpai-print"), fullPage: true });
});

test("a bias audit of a hiring tool prints as the summary Local Law 144 asks to publish", async ({ as, made }) => {
	const screening = await insertedAs(
		"manager",
		system({
			system_name: `E2E CV screening ${stamp()}`,
			purpose: "Ranks applicants for claims-handler roles; recruiters decide whom to interview.",
			our_role: "Deployer",
			annex_iii_area: "4 - Employment and workers management",
			placed_on_market_on: "2026-01-15",
		}),
		made,
	);
	const owner = await Api.as("owner");
	let evaluation;
	try {
		evaluation = await owner.insert({
			doctype: "AI Fairness Evaluation",
			title: "CV screening, annual bias audit",
			ai_system: screening.name,
			group_columns: "sex, race",
			prediction_column: "selected",
			min_impact_ratio: 0.8,
		});
		made.add("AI Fairness Evaluation", evaluation.name);
		const file = await owner.upload("AI Fairness Evaluation", evaluation.name, "applicants.csv", outcomesCsv());
		made.add("File", file.name);
		await owner.call("frappe.client.set_value", {
			doctype: "AI Fairness Evaluation",
			name: evaluation.name,
			fieldname: "outcomes_file",
			value: file.file_url,
		});
	} finally {
		await owner.dispose();
	}

	const form = new FormPage(await as("owner"));
	await form.open("AI Fairness Evaluation", evaluation.name);
	await form.page.locator(".page-head .btn", { hasText: "Evaluate" }).click();
	await expect(form.page.locator(".form-message:visible", { hasText: "Result:" })).toContainText("Result: Fail");
	await expect(form.page.locator('.frappe-control[data-fieldname="rows_evaluated"]')).toContainText("200");

	await printView(form.page, "AI Fairness Evaluation", evaluation.name, "NYC LL144 Bias Audit Summary");
	const print = form.page.locator(".print-format");
	await expect(print).toContainText("Bias Audit Summary (NYC Local Law 144)");
	await expect(print).toContainText(screening.system_name);
	await expect(print.locator("tr", { hasText: "Data Used" })).toContainText("applicants.csv");
	await expect(print.locator("tr", { hasText: "Data Used" })).not.toContainText("|");
	// Male 50/100 = 0.500, the highest; Female 30/100 = 0.300, impact ratio 0.600 (below four fifths)
	const female = print.locator("tr", { hasText: /^\s*Female\s/ }).first();
	await expect(female).toContainText("0.300");
	await expect(female).toContainText("0.600");
	await form.page.screenshot({ path: shotFile("law-5-ll144-summary"), fullPage: true });
});
