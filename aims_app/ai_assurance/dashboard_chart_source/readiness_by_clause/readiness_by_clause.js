// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Readiness by Clause"] = {
	method: "aims_app.ai_assurance.dashboard_chart_source.readiness_by_clause.readiness_by_clause.get",
	filters: [
		// ERPNext's Company, where ERPNext is installed (aims_app/integrations/company.py)
		...frappe.boot.aims_company_filters,
	],
};
