// The site's REST API as one e2e user: what a check sets up before it clicks, and what it removes after. It logs
// in with a session of its own (the browser's sessions carry the desk's CSRF token, an API client has none).
import { expect, request } from "@playwright/test";
import { baseURL, password, users } from "./desk.js";

export class Api {
	static async as(role) {
		const api = new Api();
		api.context = await request.newContext({ baseURL });
		const login = await api.context.post("/api/method/login", { data: { usr: users[role], pwd: password } });
		expect(login.status(), `${users[role]} logs in to the API`).toBe(200);
		return api;
	}

	async call(method, args = {}) {
		const response = await this.context.post(`/api/method/${method}`, { data: args });
		if (!response.ok()) throw new Error(`${method}: ${response.status()} ${await response.text()}`);
		return (await response.json()).message;
	}

	// The doctype's metadata as the desk loads it: the doctype and its child tables.
	async meta(doctype) {
		const response = await this.context.get("/api/method/frappe.desk.form.load.getdoctype", {
			params: { doctype },
		});
		if (!response.ok()) throw new Error(`meta of ${doctype}: ${response.status()} ${await response.text()}`);
		return (await response.json()).docs;
	}

	// A raw request whose refusal is expected: the status and the message the user would be shown.
	async attempt(method, args = {}) {
		const response = await this.context.post(`/api/method/${method}`, { data: args });
		const body = await response.json().catch(() => ({}));
		const messages = JSON.parse(body._server_messages || "[]").map((m) => JSON.parse(m).message || "");
		return { status: response.status(), message: [body.exception || "", ...messages].join(" "), body };
	}

	async insert(doc) {
		return this.call("frappe.client.insert", { doc });
	}

	// A private file attached to a record, uploaded as the desk's attach control uploads it.
	async upload(doctype, name, fileName, content) {
		const response = await this.context.post("/api/method/upload_file", {
			multipart: {
				file: { name: fileName, mimeType: "text/csv", buffer: Buffer.from(content) },
				doctype,
				docname: name,
				is_private: "1",
			},
		});
		if (!response.ok()) throw new Error(`upload of ${fileName}: ${response.status()} ${await response.text()}`);
		return (await response.json()).message;
	}

	async get(doctype, name) {
		return this.call("frappe.client.get", { doctype, name });
	}

	async list(doctype, filters = {}, fields = ["name"], limit = 20) {
		return this.call("frappe.client.get_list", {
			doctype,
			filters,
			fields,
			limit_page_length: limit,
			order_by: "modified desc",
		});
	}

	async workflow(doctype, name, action) {
		return this.call("frappe.model.workflow.apply_workflow", { doc: await this.get(doctype, name), action });
	}

	async dispose() {
		await this.context.dispose();
	}
}

// A record inserted as `role` and recorded in `made` (with the workflow action that cancels it, if signed).
export async function inserted(role, doc, made, cancel = null) {
	const api = await Api.as(role);
	const saved = await api.insert(doc);
	await api.dispose();
	made.add(doc.doctype, saved.name, cancel);
	return saved;
}

// What a check made, removed when it ends: a signed record is cancelled through its workflow's Cancel action
// where it has one (the app refuses any other cancel), or a plain cancel.
export class Made {
	constructor() {
		this.records = [];
	}

	// `unlink`: link fields emptied before the deletions, where two records point at each other.
	add(doctype, name, cancel = null, unlink = null) {
		this.records.push({ doctype, name, cancel, unlink });
		return name;
	}

	// Signed records are cancelled first, links that make a cycle emptied, then everything deleted, newest
	// first, over as many rounds as links between the records need.
	async removeAll() {
		const admin = await Api.as("admin");
		const problems = [];
		const attempt = (what, step) =>
			step().then(
				() => true,
				(error) => problems.push(`${what}: ${error.message.slice(0, 300)}`) && false,
			);
		const records = [...this.records].reverse();
		for (const { doctype, name, cancel } of records) {
			await attempt(`cancel ${doctype} ${name}`, async () => {
				const doc = await admin.get(doctype, name);
				if (doc.docstatus !== 1) return;
				if (cancel) await admin.workflow(doctype, name, cancel);
				else await admin.call("frappe.client.cancel", { doctype, name });
			});
		}
		for (const { doctype, name, unlink } of records.filter((record) => record.unlink)) {
			await attempt(`unlink ${doctype} ${name}`, () =>
				admin.call("frappe.client.set_value", { doctype, name, fieldname: unlink }),
			);
		}
		let left = records;
		while (left.length) {
			const failures = [];
			for (const record of left) {
				const deleted = await admin
					.call("frappe.client.delete", { doctype: record.doctype, name: record.name })
					.then(() => true, (error) => failures.push(`delete ${record.doctype} ${record.name}: ${error.message.slice(0, 300)}`) && false);
				if (!deleted) record.failed = true;
			}
			const still = left.filter((record) => record.failed && !(record.failed = false));
			if (still.length === left.length) {
				problems.push(...failures);
				break;
			}
			left = still;
		}
		await admin.dispose();
		if (problems.length) throw new Error(`cleanup failed:\n${problems.join("\n")}`);
	}
}
