// Nothing a user typed runs in the desk. Frappe 15 formats a Data, Small Text, Text or Long Text value as HTML
// (lists, the report view, read-only form fields, table cells), and its own sanitiser lets through a value that
// parses as JSON or one saved on submit. For the fields of the AIMS doctypes, text holding markup ("<" before a
// letter, "/", "!" or "?", as aims_app/markup_rules.py reads it) is escaped before Frappe formats it, so it shows
// as typed; other text ("R&D", "score < 0.5") and every other doctype are left to Frappe.
(() => {
	const MODULES = new Set(["AIMS Library", "AI Governance", "AI Systems", "AI Risk", "AI Assurance"]);
	const TAG_START = /<[A-Za-z/!?]/;
	const formatters = frappe.form.formatters;

	const ours = (df) => {
		const doctype = df && df.parent;
		return Boolean(doctype && MODULES.has(locals.DocType?.[doctype]?.module));
	};
	const inert = (format) =>
		function (value, df, ...rest) {
			if (typeof value === "string" && TAG_START.test(value) && ours(df)) {
				value = frappe.utils.escape_html(value);
			}
			return format.call(this, value, df, ...rest);
		};

	for (const fieldtype of ["Data", "SmallText", "Text", "LongText"]) {
		if (formatters[fieldtype]) formatters[fieldtype] = inert(formatters[fieldtype]);
	}
})();
