"""A large, realistic inventory card, made up deterministically: the shape of a public-sector AI use-case
inventory (agencies, bureaus, vendors, many systems sharing a few models and datasets) with what real files
hold and a naive importer trips over. No Frappe here: the tests and benchmarks/inventory_import.py write it.

The awkward cases, each in a share of the records:
- table rows without their optional fields (a dataset row without `usage`, a model row without its role);
- text that looks like markup (`<Includes number of providers>`), or holds "&", "<" and quotes;
- plain-text descriptions over several lines, with Windows line breaks, decomposed Unicode (NFD) and
  whitespace around them;
- names at the length limit of their field;
- the same model, dataset and supplier used by many systems, and a dataset listed twice by one system;
- one vendor under two names ("Palantir", "Palantir Technologies"), what it supplies given per system;
- what the list does not say recorded as Unknown (stage, our role, level of automation).
"""

import random
import unicodedata

from aims_app.ai_systems.inventory.card import CARD_VERSION

AGENCIES = (
	"Department of Agriculture",
	"Department of Commerce",
	"Department of Energy",
	"Department of Health and Human Services",
	"Department of Homeland Security",
	"Department of the Interior",
	"Department of Labor",
	"Department of State",
	"Department of Transportation",
	"Department of Veterans Affairs",
	"General Services Administration",
	"Social Security Administration",
)
TASKS = (
	("Classify", "incoming correspondence by topic and route it to the right office"),
	("Summarise", "public comments received on proposed rules"),
	("Detect", "anomalies in grant payments for a reviewer to examine"),
	("Translate", "forms and notices for people with limited English"),
	("Forecast", "call centre volumes to plan staffing"),
	("Extract", "fields from scanned applications into the case system"),
	("Answer", "staff questions about internal policy with cited sources"),
	("Prioritise", "inspections by the risk a site presents"),
)
VENDORS = (
	"Palantir",
	"Palantir Technologies",
	"Microsoft",
	"Amazon Web Services",
	"OpenAI",
	"Booz Allen Hamilton",
)
STAGES = (
	"Concept",
	"Design and development",
	"Verification and validation",
	"Deployment",
	"Operation and monitoring",
)
MODEL_TYPES = ("Classification", "Large language model", "Computer vision", "Regression", "Other")
USAGES = ("Training", "Validation", "Production input")
# Characters a plain-text file holds that a careless comparison gets wrong.
AWKWARD_TEXT = (
	"Counts claims <Includes number of providers> per region.",
	"Flags a payment when score < 0.5 and the amount is > 10,000.",
	'R&D team\'s "smart" triage (pilot).',
	"Café-style kiosks in Zürich and Québec offices.",
)
NAME_LENGTH = 140


def sample_card(count: int, owners: tuple[str, ...], seed: int = 42030) -> dict:
	"""A card of `count` AI systems owned by `owners` (users that exist), with their models, datasets and
	suppliers; the same arguments always give the same card."""
	rng = random.Random(seed)
	suppliers = [{"supplier_name": name} for name in VENDORS]
	models = [model(i, rng) for i in range(max(1, count // 10))]
	datasets = [dataset(i, rng) for i in range(max(1, count // 8))]
	systems = [system(i, rng, owners, models, datasets) for i in range(count)]
	return {
		"version": CARD_VERSION,
		"suppliers": suppliers,
		"models": models,
		"datasets": datasets,
		"systems": systems,
	}


def model(index: int, rng: random.Random) -> dict:
	record = {
		"inventory_id": f"model-{index:05d}",
		"model_name": f"Model {index}",
		"model_type": rng.choice(MODEL_TYPES),
		"origin": "Internal",
	}
	if index % 3 == 0:
		record |= {"origin": "Third party", "ai_supplier": VENDORS[index % len(VENDORS)]}
	if index % 5 == 0:
		record["description"] = AWKWARD_TEXT[index % len(AWKWARD_TEXT)]
	return record


def dataset(index: int, rng: random.Random) -> dict:
	record = {
		"inventory_id": f"dataset-{index:05d}",
		"dataset_name": f"Case records {2015 + index % 10}, extract {index}",
		"source_type": rng.choice(("Internal", "Public or open", "User-generated")),
	}
	if index % 4 == 0:
		record["provenance"] = messy(AWKWARD_TEXT[index % len(AWKWARD_TEXT)] + "\nExported nightly.")
	return record


def system(index: int, rng: random.Random, owners, models, datasets) -> dict:
	agency = AGENCIES[index % len(AGENCIES)]
	verb, task = TASKS[index % len(TASKS)]
	name = f"{verb} {task.split(' ', 1)[0]} ({agency}, #{index})"
	if index % 97 == 0:
		name = (name + " " + "extended title" * 20)[:NAME_LENGTH]
	record = {
		"inventory_id": f"use-case-{index:05d}",
		"system_name": name,
		"system_owner": owners[index % len(owners)],
		"organisational_unit": f"{agency} / Bureau {index % 7}",
		"lifecycle_stage": "Unknown" if index % 10 == 3 else rng.choice(STAGES),
		"purpose": f"{verb} {task}.",
		"our_role": "Unknown" if index % 9 < 5 else "Deployer",
		"automation_level": "Unknown",
		"human_oversight": "Staff review every output before it is used." if index % 2 else None,
	}
	if index % 6 == 1:
		record |= {
			"personal_data": "Yes, the GDPR does not apply",
			"impacts": "Rights-impacting: decides who is contacted first.",
			"operational_since": f"{2018 + index % 7}-0{1 + index % 9}-15",
			"technique": "Natural language processing",
		}
	if index % 3 == 0:
		record["description"] = messy(f"{AWKWARD_TEXT[index % len(AWKWARD_TEXT)]}\nOutputs: a ranked list.")
	if index % 11 == 0:
		record["foreseeable_misuse"] = AWKWARD_TEXT[0]
	record["models"] = [model_row(models[index % len(models)], index)]
	record["datasets"] = dataset_rows(datasets, index)
	if index % 4 == 0:
		record["suppliers"] = [supplier_row(index)]
	return record


def model_row(model: dict, index: int) -> dict:
	row = {"model": model["inventory_id"]}
	if index % 2:
		row["purpose_in_system"] = "Scores cases"
	return row


def dataset_rows(datasets: list[dict], index: int) -> list[dict]:
	"""Mostly one row without `usage`; some list a dataset twice, for training and in production."""
	first = datasets[index % len(datasets)]["inventory_id"]
	if index % 5 == 0:
		return [{"dataset": first, "usage": "Training"}, {"dataset": first, "usage": "Production input"}]
	row = {"dataset": first}
	if index % 3 == 0:
		row["usage"] = USAGES[index % len(USAGES)]
	return [row]


def supplier_row(index: int) -> dict:
	row = {"supplier": VENDORS[index % len(VENDORS)]}
	if index % 3 == 0:
		row["supply_type"] = "Platform or infrastructure" if index % 2 else "Complete AI system"
	if index % 8 == 0:
		row["supplies"] = "Hosted platform <Includes number of providers>"
	return row


def messy(text: str) -> str:
	"""Text as a spreadsheet export writes it: Windows line breaks, decomposed accents, stray spaces."""
	return "  " + unicodedata.normalize("NFD", text).replace("\n", "\r\n") + " \r\n"
