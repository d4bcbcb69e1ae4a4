// Runs inside the workspace block's shadow root (root_element), see aims_app/ai_governance/dashboard.py.
const esc = (text) => frappe.utils.escape_html(String(text));
// the user's language, for the labels' hyphenation
root_element.querySelector(".aims-heat-map").lang = frappe.boot.lang || "en";
root_element.querySelector(".aims-heat-map-title").textContent = __("Risk Heat Map");
const body = root_element.querySelector(".aims-heat-map-body");

frappe.xcall("aims_app.ai_governance.dashboard.risk_heat_map").then((map) => {
	const header = map.impacts.map((label) => `<th>${esc(__(label))}</th>`).join("");
	const rows = map.rows
		.map((row) => {
			const cells = row.cells
				.map((cell) => {
					const title = `${__(row.label)} × ${__(map.impacts[cell.impact - 1])}: ${__(cell.level)}`;
					return `<td class="${cell.count ? "" : "empty"}" style="background:${esc(cell.colour)}"
						title="${esc(title)}" data-likelihood="${row.likelihood}" data-impact="${cell.impact}"
						data-level="${esc(cell.level)}">${cell.count || ""}</td>`;
				})
				.join("");
			return `<tr><th class="likelihood">${esc(__(row.label))}</th>${cells}</tr>`;
		})
		.join("");
	const legend = map.levels
		.map(
			(level) => `<span><span class="swatch" style="background:${esc(level.colour)}"></span>${esc(
				__(level.level)
			)}${level.above_appetite ? " " + esc(__("(above appetite)")) : ""}</span>`
		)
		.join("");
	const off_matrix = map.off_matrix
		? `<span>${esc(__("{0} risks scored outside the current matrix", [map.off_matrix]))}</span>`
		: "";
	body.innerHTML = `
		<table>
			<tr><th class="likelihood"></th>${header}</tr>
			${rows}
		</table>
		<div class="legend">
			<span>${esc(__("{0} open risks at their current score; rows: likelihood, columns: impact", [map.total]))}</span>
			<span class="above-appetite">${esc(__("Above the appetite, not accepted: {0}", [map.above_appetite]))}</span>
			${legend}${off_matrix}
		</div>`;
});
