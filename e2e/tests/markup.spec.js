// Nothing a user typed runs (issue 25). Records are copied from the demo organisation with every text field a
// user types into holding a payload that would run script if shown as HTML, each sent as a JSON string (the
// values Frappe's own sanitiser lets through). A name holding markup is refused, so names get plain text. Then
// every public page, every print format of the app, every report and the list of each doctype is opened, and a
// check fails on any script that ran (window.__xss set, a dialog) or any element of a payload in the page or its
// frames. The counts are printed at the end.
import { Api, Made } from "../api.js";
import { expect, test } from "../fixtures.js";
import { DeskPage } from "../pages/desk_page.js";
import { ListPage } from "../pages/list_page.js";
import { DESK, shotFile } from "../desk.js";

const MODULES = ["AIMS Library", "AI Governance", "AI Systems", "AI Risk", "AI Assurance"];
const PAYLOADS = [
	'<img src=x onerror="window.__xss=1">',
	"<script>window.__xss=1</script>",
	'"><svg onload="window.__xss=1">',
	'</title></script><img src=x onerror="window.__xss=1">',
];
const TEXT_TYPES = new Set(["Data", "Small Text", "Text", "Long Text", "Text Editor"]);
// The records copied, in an order where what a record links to comes first.
const DOCTYPES = [
	"AI Supplier",
	"AI System",
	"AI Model",
	"AI Dataset",
	"Interested Party",
	"Context Issue",
	"AIMS Scope",
	"AI Policy",
	"AI Objective",
	"Competence Record",
	"AIMS Role Assignment",
	"AI Incident",
	"AI Risk",
	"AIMS Evidence",
	"AI Impact Assessment",
	"AI Monitoring Metric",
	"AI Fairness Evaluation",
	"Audit Programme",
	"AIMS Audit",
	"Nonconformity",
	"Management Review",
	"Statement of Applicability",
];
// What a copy needs beyond the stored record (a programme is one per year), and a record to start from where the
// demo has none.
const ADJUST = { "Audit Programme": (doc) => (doc.programme_year = 2900 + (Date.now() % 90)) }; // clear of the years tests use
const STARTERS = {
	"AI Fairness Evaluation": () => ({
		doctype: "AI Fairness Evaluation",
		title: "E2E fairness",
		ai_system: records["AI System"],
		evaluated_on: new Date().toISOString().slice(0, 10),
		group_columns: "group",
		prediction_column: "decision",
	}),
};
const SKIPPED_KEYS = new Set([
	"name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "amended_from",
	"workflow_state", "parent", "parentfield", "parenttype", "_user_tags", "_comments", "_assign",
	"_liked_by", "_seen", "__onload", "__last_sync_on",
]);

const counts = { fields: 0, names: 0, records: 0, pages: 0, prints: 0, reports: 0, lists: 0 };
const made = new Made();
const records = {};
const nameProblems = [];
let supplierKey = null;
let n = 0;

const nextPayload = () => JSON.stringify(PAYLOADS[n++ % PAYLOADS.length]);
const typed = (df) =>
	TEXT_TYPES.has(df.fieldtype) && !(df.fieldtype === "Data" && df.options) && !df.read_only && !df.fetch_from;
const nameFields = (meta) =>
	[meta.title_field, (meta.autoname || "").startsWith("field:") ? meta.autoname.slice(6) : null].filter(
		(fieldname) => fieldname && meta.fields.some((df) => df.fieldname === fieldname && typed(df)),
	);

// A copy of a stored record for a new insert, its typed text fields holding payloads: every one (`all`), or only
// those the stored record has filled (where the controller accepts text only in some cases). Names stay plain.
function copyOf(source, metas, all) {
	const meta = metas.find((m) => m.name === source.doctype);
	const names = nameFields(meta);
	const doc = {};
	for (const [key, value] of Object.entries(source)) {
		if (SKIPPED_KEYS.has(key)) continue;
		const df = meta.fields.find((f) => f.fieldname === key);
		if (df && ["Table", "Table MultiSelect"].includes(df.fieldtype)) {
			doc[key] = value.map((row) => copyOf({ ...row, doctype: df.options }, metas, all));
		} else {
			doc[key] = df && typed(df) && !names.includes(key) && (all || value) ? nextPayload() : value;
		}
	}
	for (const df of meta.fields) {
		if (all && typed(df) && !names.includes(df.fieldname) && !(df.fieldname in doc)) {
			doc[df.fieldname] = nextPayload();
		}
	}
	for (const fieldname of names) doc[fieldname] = `E2E markup ${meta.name} R&D "quoted" ${n++}`;
	return doc;
}

const payloadsIn = (doc) =>
	Object.values(doc).reduce(
		(sum, value) =>
			sum +
			(Array.isArray(value)
				? value.reduce((rows, row) => rows + payloadsIn(row), 0)
				: PAYLOADS.some((p) => value === JSON.stringify(p))),
		0,
	);

// Every script-running element a payload could have built, and the flag a payload's script sets, in a page and
// each of its frames.
async function ranOrBuilt(page, where) {
	const found = [];
	for (const frame of page.frames()) {
		const seen = await frame
			.evaluate(() => {
				const out = [];
				if (window.__xss) out.push("a script set window.__xss");
				for (const element of document.querySelectorAll(
					"[onerror*='__xss'], [onload*='__xss'], img[src='x'], script",
				)) {
					if (element.tagName === "SCRIPT" && !element.textContent.trim().startsWith("window.__xss")) continue;
					out.push(element.outerHTML.slice(0, 160));
				}
				return out;
			})
			.catch(() => []);
		found.push(...seen.map((what) => `${where}: ${what}`));
	}
	return found;
}

async function visit(page, path, where, ready = null) {
	await page.goto(path);
	await page.waitForLoadState("networkidle");
	if (ready) await ready(page);
	await page.waitForTimeout(300); // an image with a broken source fails at once; let its handler run
	return ranOrBuilt(page, where);
}

// The checks run in order in one worker; after a failure Playwright starts another, which sets up its own records.
test.beforeAll(async () => {
	test.setTimeout(300_000);
	const admin = await Api.as("admin");
	try {
		for (const doctype of DOCTYPES) {
			const [existing] = await admin.list(doctype, { docstatus: ["<", 2] }, ["name"], 1);
			const source = existing ? await admin.get(doctype, existing.name) : STARTERS[doctype]?.();
			if (!source) continue;
			ADJUST[doctype]?.(source);
			const metas = await admin.meta(doctype);
			const meta = metas.find((m) => m.name === doctype);
			let doc = copyOf(source, metas, true);
			let inserted = await admin.attempt("frappe.client.insert", { doc });
			if (inserted.status !== 200) {
				doc = copyOf(source, metas, false);
				inserted = await admin.attempt("frappe.client.insert", { doc });
			}
			if (inserted.status !== 200) {
				console.log(`markup: no copy of ${doctype} (${inserted.status}: ${inserted.message.slice(0, 160)})`);
				continue;
			}
			const name = (records[doctype] = made.add(doctype, inserted.body.message.name));
			counts.records += 1;
			counts.fields += payloadsIn(doc);
			// markup in a name is refused and nothing is stored
			for (const fieldname of nameFields(meta)) {
				const before = (await admin.get(doctype, name))[fieldname];
				for (const payload of PAYLOADS) {
					const refused = await admin.attempt("frappe.client.set_value", {
						doctype,
						name,
						fieldname,
						value: JSON.stringify(payload),
					});
					counts.names += 1;
					const stored = (await admin.get(doctype, name))[fieldname];
					if (refused.status !== 417 || !refused.message.includes("must be plain text") || stored !== before) {
						nameProblems.push(`${doctype}.${fieldname} = ${payload}: ${refused.status}, stored ${stored}`);
					}
				}
			}
		}
		expect(records["AI System"], "a copy of a demo AI system (load the demo first)").toBeTruthy();
		await admin.call("frappe.client.set_value", {
			doctype: "AI System",
			name: records["AI System"],
			fieldname: { publish_on_transparency_page: 1 },
		});
		if (records["AI Supplier"]) supplierKey = await questionnaireKey(admin);
	} finally {
		await admin.dispose();
	}
});

test.afterAll(async () => {
	console.log(
		`markup: ${counts.records} records, ${counts.fields} text fields, ${counts.names} names refused; ` +
			`${counts.pages} public pages, ${counts.prints} prints, ${counts.reports} reports, ${counts.lists} lists`,
	);
	await made.removeAll();
});

// An assessment of the copied supplier whose questions hold payloads, sent: the key is read from its email.
async function questionnaireKey(admin) {
	const [account] = await admin.list("Email Account", { default_outgoing: 1, enable_outgoing: 1 });
	if (!account) {
		// queued only: the site the checks run on has no worker to send it, and the host does not resolve
		const made_account = await admin.insert({
			doctype: "Email Account",
			email_account_name: "E2E Outgoing",
			email_id: "e2e-outgoing@example.com",
			enable_outgoing: 1,
			default_outgoing: 1,
			smtp_server: "smtp.example.invalid",
			no_smtp_authentication: 1,
		});
		made.add("Email Account", made_account.name);
	}
	const assessment = await admin.insert({
		doctype: "AI Supplier Assessment",
		ai_supplier: records["AI Supplier"],
		contact_email: "e2e-supplier@example.com",
	});
	made.add("AI Supplier Assessment", assessment.name);
	const doc = await admin.get("AI Supplier Assessment", assessment.name);
	for (const row of doc.questions || []) {
		row.topic = nextPayload();
		row.question = nextPayload();
	}
	await admin.call("frappe.client.save", { doc });
	await admin.call("run_doc_method", { dt: "AI Supplier Assessment", dn: assessment.name, method: "send_to_supplier" });
	const [mail] = await admin.list("Email Queue", { reference_name: assessment.name }, ["message"], 1);
	const message = (mail?.message || "").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
	return message.match(/access_key=([A-Za-z0-9_-]+)/)?.[1] || null;
}

test("markup in every name is refused and nothing is stored", () => {
	expect(counts.names).toBeGreaterThan(0);
	expect(nameProblems).toEqual([]);
});

test("public pages show what was typed as text", async ({ browser }) => {
	const guest = await browser.newContext();
	const page = await guest.newPage();
	const problems = [];
	page.on("dialog", (dialog) => problems.push(`a dialog opened: ${dialog.message()}`) && dialog.dismiss());
	page.on("pageerror", (error) => problems.push(`script error on ${page.url()}: ${error.message}`));
	try {
		const system = records["AI System"];
		const pages = [
			["/ai-transparency", null],
			[`/ai-transparency/${system}`, null],
			["/report-a-concern/new", (p) => expect(p.locator(".web-form")).toBeVisible()],
			[
				`/report-a-concern/new?reported_system=${system}`,
				(p) => expect(p.locator('select[data-fieldname="reported_system"]')).toHaveValue(system),
			],
		];
		expect(supplierKey, "the questionnaire's key, from its email").toBeTruthy();
		pages.push([`/supplier-questionnaire/new?access_key=${supplierKey}`, (p) => expect(p.locator(".web-form")).toBeVisible()]);
		for (const [path, ready] of pages) {
			problems.push(...(await visit(page, path, path, ready)));
			counts.pages += 1;
		}
		await page.goto(`/ai-transparency/${system}`);
		await page.screenshot({ path: shotFile("markup-transparency"), fullPage: true });
		expect(problems, "no script from a typed value ran, no element of one was built").toEqual([]);
	} finally {
		await guest.close();
	}
});

test("every print format shows what was typed as text", async ({ as }) => {
	test.setTimeout(300_000);
	const desk = await as("admin");
	const page = await desk.context().newPage(); // the desk's session, outside the console checks of `as`
	const problems = [];
	page.on("dialog", (dialog) => problems.push(`a dialog opened: ${dialog.message()}`) && dialog.dismiss());
	const admin = await Api.as("admin");
	try {
		const formats = await admin.call("frappe.client.get_list", {
			doctype: "Print Format",
			filters: { module: ["in", MODULES] },
			fields: ["name", "doc_type"],
			limit_page_length: 0,
		});
		expect(formats.length).toBeGreaterThan(0);
		for (const format of formats) {
			const name = records[format.doc_type];
			expect(name, `a copied ${format.doc_type} for the print format ${format.name}`).toBeTruthy();
			const query = new URLSearchParams({ doctype: format.doc_type, name, format: format.name });
			problems.push(...(await visit(page, `/printview?${query}`, `print ${format.name}`)));
			// the desk's print view of the same record, the format chosen in its sidebar
			// (loaded afresh: a print view already open keeps the format last chosen, for any doctype). It first
			// shows Frappe's Standard format, which is Frappe's, not the app's: what this check judges is the
			// app's format chosen after.
			await page.goto(`${DESK}/print/${encodeURIComponent(format.doc_type)}/${encodeURIComponent(name)}`);
			const chooser = page.locator('.print-preview-sidebar input[data-fieldname="print_format"]:visible');
			await expect(chooser).toBeVisible();
			const preview = page.frameLocator("iframe.print-format-container:visible");
			await expect(preview.locator(".print-format")).toContainText(name, { timeout: 60_000 });
			await page.evaluate((format) => {
				$('.print-preview-sidebar input[data-fieldname="print_format"]:visible').val(format).trigger("change");
			}, format.name);
			await expect(chooser).toHaveValue(format.name);
			await expect(preview.locator(".print-format")).toContainText(name, { timeout: 60_000 });
			await page.waitForTimeout(500);
			problems.push(...(await ranOrBuilt(page, `desk print view ${format.name}`)));
			counts.prints += 1;
		}
		expect(problems, "no script from a typed value ran, no element of one was built").toEqual([]);
	} finally {
		await admin.dispose();
		await page.close();
	}
});

test("every report shows what was typed as text", async ({ as }) => {
	test.setTimeout(300_000);
	const page = await as("admin");
	const desk = new DeskPage(page);
	const problems = [];
	page.on("dialog", (dialog) => problems.push(`a dialog opened: ${dialog.message()}`) && dialog.dismiss());
	const admin = await Api.as("admin");
	try {
		const reports = (
			await admin.call("frappe.client.get_list", {
				doctype: "Report",
				filters: { module: ["in", MODULES], report_type: "Script Report", disabled: 0 },
				fields: ["name"],
				limit_page_length: 0,
			})
		).map((row) => row.name);
		expect(reports.length).toBeGreaterThan(0);
		for (const report of reports) {
			await desk.goto(`${DESK}/query-report/${encodeURIComponent(report)}`, { idle: false });
			await page.waitForFunction(
				(report) =>
					window.frappe?.query_report?.report_name === report &&
					document.querySelector(".report-wrapper .dt-scrollable, .report-wrapper .no-result:not(.hide)"),
				report,
				{ timeout: 60_000 },
			);
			await page.waitForLoadState("networkidle");
			await page.waitForTimeout(500);
			problems.push(...(await ranOrBuilt(page, `report ${report}`)));
			counts.reports += 1;
		}
		expect(problems, "no script from a typed value ran, no element of one was built").toEqual([]);
	} finally {
		await admin.dispose();
	}
});

test("the list of every doctype shows what was typed as text", async ({ as }) => {
	test.setTimeout(300_000);
	const page = await as("admin");
	const problems = [];
	page.on("dialog", (dialog) => problems.push(`a dialog opened: ${dialog.message()}`) && dialog.dismiss());
	const list = new ListPage(page);
	for (const doctype of Object.keys(records)) {
		await list.open(doctype);
		await page.waitForTimeout(300);
		problems.push(...(await ranOrBuilt(page, `list ${doctype}`)));
		// the report view of the same list shows every column the list settings pick
		counts.lists += 1;
	}
	await list.open("AI System");
	await page.screenshot({ path: shotFile("markup-list") });
	expect(problems, "no script from a typed value ran, no element of one was built").toEqual([]);
});
