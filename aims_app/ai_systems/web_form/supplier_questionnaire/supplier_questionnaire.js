frappe.ready(function () {
	const questionnaire = {{ questionnaire }};
	const access_key = new URLSearchParams(window.location.search).get("access_key");

	frappe.web_form.set_value(
		"answers",
		questionnaire.questions.map((q) => ({ topic: q.topic, question: q.question }))
	);

	const $documents = $(`
		<div class="supplier-documents form-group">
			<label class="control-label">${__("Supporting documents")}</label>
			<p class="help-box small text-muted">${__("Types accepted: {0}. Up to {1} MB each.", [
				frappe.utils.escape_html(questionnaire.file_types || ""),
				questionnaire.file_size_mb,
			])}</p>
			<input type="file" class="supplier-document-input" multiple>
			<ul class="supplier-document-list"></ul>
		</div>`).insertAfter(".web-form .form-layout");

	$documents.find("input").on("change", (event) => {
		for (const file of event.target.files) {
			const reader = new FileReader();
			reader.onload = () =>
				frappe.call({
					type: "POST",
					method: "aims_app.ai_systems.doctype.ai_supplier_response.ai_supplier_response.attach_document",
					args: { access_key, filename: file.name, content: reader.result },
					callback: (r) => {
						if (!r.exc) {
							$("<li>").text(__("Attached: {0}", [r.message])).appendTo(".supplier-document-list");
						}
					},
				});
			reader.readAsDataURL(file);
		}
		event.target.value = "";
	});
});
