frappe.ready(function () {
	const questionnaire = {{ questionnaire }};
	const access_key = new URLSearchParams(window.location.search).get("access_key");

	// One row per question sent, in order; the server takes the questions from the assessment and refuses a
	// different number of answers, so rows are neither added nor removed here. The grid writes its cells as
	// HTML: the question's text goes in escaped.
	const answers = frappe.web_form.fields_dict.answers;
	answers.df.cannot_add_rows = 1;
	answers.df.cannot_delete_rows = 1;
	answers.df.data = questionnaire.questions.map((q, i) => ({
		name: frappe.utils.get_random(10),
		idx: i + 1,
		__islocal: 1,
		topic: frappe.utils.escape_html(q.topic || ""),
		question: frappe.utils.escape_html(q.question || ""),
	}));
	answers.grid.refresh();
	// The questions in full above the table, whose cells show only their start.
	const $questions = $('<ol class="supplier-questions"></ol>');
	for (const q of questionnaire.questions) {
		$("<li>")
			.append($("<strong>").text(q.topic + ": "))
			.append(document.createTextNode(q.question))
			.appendTo($questions);
	}
	$questions.insertBefore(answers.$wrapper);

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
