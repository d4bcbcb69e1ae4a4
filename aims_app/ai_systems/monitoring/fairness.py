"""Fairness of an AI system's decisions, from a CSV of outcomes (A.7.4, A.6.2.4), with fairlearn's definitions.

One row per decision: one or more group columns, the prediction, optionally the true label and a score. The
outcome files are taken as they are: the prediction's favourable values are chosen (words or numbers, e.g.
"Low" of Low/Medium/High risk, "approved"), and so are the label's positive values, those for which the
favourable outcome is right ("no" for did not reoffend, "repaid"); without a choice the column holds 1 and 0
(or true and false) and 1 is favourable, or positive. Each group column is a dimension, and with more than one
column their intersection is one too. Per group: count, selection rate (the share given the favourable
outcome), impact ratio against the most favoured group (the highest selection rate, as in the four-fifths
rule and New York City Local Law 144 bias audits), with labels the true and false positive rates, the false
negative rate and the positive predictive value, and with a score the scoring rate (the share scoring above
the median of all rows) and its impact ratio, as Local Law 144 defines them. Per dimension: demographic parity
difference and ratio, and with labels the equalized odds difference. Groups with fewer rows than the minimum
count are reported but neither compared against nor counted as most favoured.

The file is read in chunks, only the chosen columns, groups as categories and outcomes as small integers, and
each chunk is reduced as it is read to counts per combination of groups, label and prediction, and per group
and score: memory holds one chunk and the counts, whatever the file's length, and fairlearn computes on the
counts as sample weights.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import BinaryIO

import numpy as np
import pandas as pd
from fairlearn.metrics import (
	MetricFrame,
	demographic_parity_difference,
	demographic_parity_ratio,
	equalized_odds_difference,
	false_negative_rate,
	false_positive_rate,
	selection_rate,
	true_positive_rate,
)
from sklearn.metrics import precision_score

from aims_app.messages import Joined, Message, MessageError, _

CHUNK_ROWS = 200_000
BINARY_VALUES = {"0.0": 0, "1.0": 1, "false": 0, "true": 1}  # as `canonical` writes them
INTERSECTION = " × "
ROWS = "_rows"
SCORE_SUM = "_score_sum"
SCORE = "_score"
# An outcome column's distinct values kept for messages, and how many of them a message lists.
VALUES_KEPT = 1000
VALUES_LISTED = 12

PASS = "Pass"
FAIL = "Fail"
TOO_FEW = "Too few to judge"
NOT_JUDGED = "Not judged"


@dataclass(frozen=True)
class Columns:
	groups: tuple[str, ...]
	prediction: str
	label: str | None = None
	score: str | None = None
	favourable: tuple[str, ...] = ()  # the prediction's favourable values; none chosen: 1 of 1 and 0
	positive: tuple[str, ...] = ()  # the label's positive values; none chosen: 1 of 1 and 0

	@property
	def chosen(self) -> list[str]:
		return [*self.groups, self.prediction, *(c for c in (self.label, self.score) if c)]


@dataclass(frozen=True)
class Thresholds:
	min_group_count: int
	min_impact_ratio: float
	max_parity_difference: float | None = None  # None: not judged
	max_equalized_odds_difference: float | None = None


@dataclass(frozen=True)
class GroupResult:
	dimension: str
	group: str
	count: int
	selected: int
	selection_rate: float
	impact_ratio: float | None
	true_positive_rate: float | None
	false_positive_rate: float | None
	false_negative_rate: float | None
	positive_predictive_value: float | None  # None also where the group has no favourable prediction
	mean_score: float | None
	scoring_rate: float | None
	scoring_impact_ratio: float | None
	outcome: str  # PASS, FAIL or TOO_FEW


@dataclass(frozen=True)
class DimensionResult:
	dimension: str
	most_favoured: str | None
	lowest_impact_ratio: float | None
	parity_difference: float | None
	parity_ratio: float | None
	equalized_odds_difference: float | None
	outcome: str  # PASS, FAIL or NOT_JUDGED


@dataclass
class Evaluation:
	rows: int
	groups: list[GroupResult] = field(default_factory=list)
	dimensions: list[DimensionResult] = field(default_factory=list)
	reasons: list[Message] = field(default_factory=list)

	@property
	def outcome(self) -> str:
		outcomes = {d.outcome for d in self.dimensions}
		if FAIL in outcomes:
			return FAIL
		return PASS if PASS in outcomes else NOT_JUDGED

	@property
	def lowest_impact_ratio(self) -> float | None:
		ratios = [g.impact_ratio for g in self.groups if g.outcome != TOO_FEW and g.impact_ratio is not None]
		return min(ratios) if ratios else None


def refuse(template: str, **params):
	raise MessageError(Message(template, params))


def check_columns(header: list[str], columns: Columns):
	"""Every chosen column is in the file, and none is chosen twice."""
	if not columns.groups:
		refuse(_("Choose at least one group column."))
	if columns.positive and not columns.label:
		refuse(_("Positive label values are chosen, but no label column: name the column that holds them."))
	seen = set()
	for column in columns.chosen:
		if column in seen:
			refuse(_("Column {column} is chosen twice; each role needs its own column."), column=column)
		seen.add(column)
		if column not in header:
			near = [h for h in header if h.strip().lower() == column.strip().lower()]
			if near:
				refuse(
					_("Column {column} is not in the file; did you mean {near}?"), column=column, near=near[0]
				)
			refuse(
				_("Column {column} is not in the file. Its columns are: {header}."),
				column=column,
				header=Joined(tuple(header)),
			)


def csv_line(row: int) -> int:
	"""The line in the file of data row `row` (0-based), the header being line 1."""
	return row + 2


def per_category(values: pd.Series, convert) -> np.ndarray:
	"""`convert` applied once per distinct value of a categorical column, spread back over its rows (NaN for
	an empty cell): the columns are read as categories so that a million rows cost a few conversions."""
	converted = np.array([convert(category) for category in values.cat.categories] + [np.nan], dtype=float)
	return converted[values.cat.codes.to_numpy()]  # code -1 (empty) picks the trailing NaN


def first_bad_row(bad: np.ndarray) -> int:
	return int(np.flatnonzero(bad)[0])


def canonical(value) -> str:
	"""A value as it is compared with the chosen ones: a number by its value (1, 1.0 and 1e0 alike), a word
	without case or the spaces around it."""
	text = str(value).strip()
	try:
		return repr(float(text))
	except ValueError:
		return text.casefold()


def in_order(value: str):
	"""Sort key of values shown in a message: numbers by value first, then words alphabetically."""
	try:
		return (0, float(value), "")
	except ValueError:
		return (1, 0.0, value.casefold())


def refuse_empty(values: pd.Series, column: str, offset: int, template: str):
	empty = np.isnan(per_category(values, lambda v: np.nan if str(v).strip() == "" else 0))
	if empty.any():
		refuse(template, column=column, line=csv_line(offset + first_bad_row(empty)))


@dataclass
class Outcome:
	"""An outcome column as it is read, chunk by chunk: the prediction or the label, the values chosen as 1
	(favourable, or positive), and its distinct values read so far (the first VALUES_KEPT, as written, for
	messages)."""

	column: str
	chosen: tuple[str, ...]
	unchosen: str  # the refusal of a column with other values than 1 and 0 when none is chosen
	seen: dict[str, str] = field(default_factory=dict)
	found: set[str] = field(default_factory=set)
	more: bool = False

	def codes(self, values: pd.Series, offset: int) -> np.ndarray:
		"""1 and 0 as int8: the chosen values 1 and every other value 0; with none chosen, the column's 1 and 0
		(or true and false) as they are."""
		refuse_empty(
			values,
			self.column,
			offset,
			_("Column {column}, line {line}: the value is empty; every row needs one."),
		)
		present = self.remember(values.cat.categories)
		if self.chosen:
			wanted = {canonical(v) for v in self.chosen}
			self.found.update(wanted.intersection(present))
			return per_category(values, lambda v: float(canonical(v) in wanted)).astype(np.int8)
		codes = per_category(values, lambda v: BINARY_VALUES.get(canonical(v), np.nan))
		if np.isnan(codes).any():
			refuse(self.unchosen, column=self.column, values=self.listed())
		return codes.astype(np.int8)

	def remember(self, categories: pd.Index) -> set[str]:
		"""The chunk's values added to those seen; returns them (canonical)."""
		present = {canonical(v): str(v).strip() for v in categories}
		for key, shown in present.items():
			if key in self.seen:
				continue
			if len(self.seen) == VALUES_KEPT:
				self.more = True
				break
			self.seen[key] = shown
		return set(present)

	def listed(self) -> Joined:
		"""The values found, as a message lists them: the first VALUES_LISTED, and how many more."""
		values = sorted(self.seen.values(), key=in_order)
		if len(values) <= VALUES_LISTED:
			return Joined(tuple(values))
		more = f"{len(values) - VALUES_LISTED}{'+' if self.more else ''}"
		return Joined((*values[:VALUES_LISTED], Message(_("and {count} more"), {"count": more})))

	def check_found(self):
		"""Every chosen value occurs in the column: one that does not is a typo or the wrong column."""
		missing = [v for v in self.chosen if canonical(v) not in self.found]
		if missing:
			refuse(
				_("{value} is not a value of column {column}, which holds {values}."),
				value=missing[0],
				column=self.column,
				values=self.listed(),
			)


def outcomes_of(columns: Columns) -> list[Outcome]:
	"""The prediction, and the label if there is one."""
	prediction = Outcome(
		columns.prediction,
		columns.favourable,
		_(
			"The prediction column {column} holds {values}; choose under Favourable Values which of them are favourable."
		),
	)
	if not columns.label:
		return [prediction]
	label = Outcome(
		columns.label,
		columns.positive,
		_(
			"The label column {column} holds {values}; choose under Positive Label Values which of them are positive."
		),
	)
	return [prediction, label]


def group_values(values: pd.Series, column: str, offset: int) -> pd.Series:
	refuse_empty(
		values,
		column,
		offset,
		_("Column {column}, line {line}: the group is empty; every row needs a group."),
	)
	stripped = values.cat.categories.astype(str).str.strip()
	if stripped.is_unique:
		return values.cat.rename_categories(stripped)
	return values.astype(str).str.strip().astype("category")


def score_values(values: pd.Series, column: str, offset: int) -> np.ndarray:
	numbers = per_category(values, lambda v: pd.to_numeric(v, errors="coerce"))
	bad = np.isnan(numbers)
	if bad.any():
		first = first_bad_row(bad)
		refuse(
			_("Column {column}, line {line}: {value} is not a number."),
			column=column,
			line=csv_line(offset + first),
			value=repr("" if pd.isna(values.iloc[first]) else str(values.iloc[first])),
		)
	return numbers


@dataclass(frozen=True)
class Counts:
	"""An outcomes file as read_outcomes reduces it. `outcomes`: one row per combination of groups, label and
	prediction, with how many decisions had it (ROWS) and the sum of their scores (SCORE_SUM); `scores`, with a
	score column: one row per combination of groups and score (SCORE), with how many decisions had it."""

	outcomes: pd.DataFrame
	scores: pd.DataFrame | None = None


def read_outcomes(
	stream: BinaryIO, columns: Columns, progress: Callable[[int, float], None] | None = None
) -> Counts:
	"""The chosen columns of a CSV, checked row by row and counted as they are read. `progress(rows read,
	share of the file read)` is called after each chunk."""
	try:
		header = [str(c) for c in pd.read_csv(stream, nrows=0).columns]
	except (pd.errors.EmptyDataError, UnicodeDecodeError, pd.errors.ParserError):
		refuse(_("The file is not a CSV with a header row."))
	check_columns(header, columns)
	stream.seek(0, 2)
	size = stream.tell() or 1
	stream.seek(0)
	reader = pd.read_csv(
		stream,
		usecols=columns.chosen,
		dtype=dict.fromkeys(columns.chosen, "category"),
		chunksize=CHUNK_ROWS,
		keep_default_na=False,
		na_values=[""],
	)
	outcomes = outcomes_of(columns)
	parts, offset = [], 0
	try:
		for chunk in reader:
			parts.append(counted(checked_chunk(chunk, columns, outcomes, offset), columns))
			offset += len(chunk)
			if progress:
				progress(offset, min(stream.tell() / size, 1.0))
	except pd.errors.ParserError as error:
		refuse(
			_("The file could not be read as CSV after line {line}: {error}"),
			line=offset + 1,
			error=str(error),
		)
	if not offset:
		refuse(_("The file has a header but no rows."))
	for outcome in outcomes:
		outcome.check_found()
	return Counts(
		outcomes=summed([p[0] for p in parts], outcome_keys(columns)),
		scores=summed([p[1] for p in parts], [*columns.groups, SCORE]) if columns.score else None,
	)


def summed(parts: list[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
	return pd.concat(parts).groupby(keys, observed=True, as_index=False).sum()


def outcome_keys(columns: Columns) -> list[str]:
	return [*columns.groups, *([columns.label] if columns.label else []), columns.prediction]


def checked_chunk(
	chunk: pd.DataFrame, columns: Columns, outcomes: list[Outcome], offset: int
) -> pd.DataFrame:
	part = {column: group_values(chunk[column], column, offset) for column in columns.groups}
	for outcome in outcomes:
		part[outcome.column] = outcome.codes(chunk[outcome.column], offset)
	part[SCORE] = (
		score_values(chunk[columns.score], columns.score, offset) if columns.score else np.zeros(len(chunk))
	)
	return pd.DataFrame(part)


def counted(part: pd.DataFrame, columns: Columns) -> tuple[pd.DataFrame, pd.DataFrame | None]:
	"""A chunk reduced to its counts (fairlearn's metrics take them as sample weights), and with a score column
	to the counts of each group's scores."""
	outcomes = with_group_names(
		part.groupby(outcome_keys(columns), observed=True).agg(
			**{ROWS: (SCORE, "size"), SCORE_SUM: (SCORE, "sum")}
		),
		columns,
	)
	if not columns.score:
		return outcomes, None
	scores = part.groupby([*columns.groups, SCORE], observed=True).size().rename(ROWS)
	return outcomes, with_group_names(scores.to_frame(), columns)


def with_group_names(counts: pd.DataFrame, columns: Columns) -> pd.DataFrame:
	"""Counts with their groups as plain strings, so that those of all chunks add up."""
	counts = counts.reset_index()
	for column in columns.groups:
		counts[column] = counts[column].astype(str)
	return counts


def dimensions(columns: Columns) -> list[tuple[str, list[str]]]:
	"""Each group column alone, then (with more than one) their intersection."""
	single = [(column, [column]) for column in columns.groups]
	if len(columns.groups) > 1:
		single.append((INTERSECTION.join(columns.groups), list(columns.groups)))
	return single


def group_name(key) -> str:
	return INTERSECTION.join(str(k) for k in key) if isinstance(key, tuple) else str(key)


def optional(number) -> float | None:
	return None if number is None or pd.isna(number) else float(number)


def weighted_count(y_true, y_pred, sample_weight) -> float:
	return float(np.sum(sample_weight))


def weights(metrics: dict, counts: pd.Series) -> dict:
	return {name: {"sample_weight": counts.to_numpy()} for name in metrics}


def evaluate(counts: Counts, columns: Columns, thresholds: Thresholds) -> Evaluation:
	"""`counts` as read_outcomes gives them."""
	frame = counts.outcomes
	result = Evaluation(rows=int(frame[ROWS].sum()))
	median = median_score(counts.scores) if counts.scores is not None else None
	for dimension, group_columns in dimensions(columns):
		scoring = scoring_rates(counts.scores, group_columns, median) if median is not None else None
		groups, summary = evaluate_dimension(frame, columns, thresholds, dimension, group_columns, scoring)
		result.groups.extend(groups)
		result.dimensions.append(summary)
		result.reasons.extend(reasons_for(summary, groups, thresholds))
	return result


def group_metrics(columns: Columns) -> dict[str, Callable]:
	"""The metrics per group, as fairlearn and scikit-learn define them (1 the favourable prediction, or the
	positive label); the positive predictive value of a group with no favourable prediction is left out
	(None) by evaluate_dimension."""
	metrics = {"count": weighted_count, "selection_rate": selection_rate}
	if columns.label:
		metrics.update(
			tpr=partial(true_positive_rate, pos_label=1),
			fpr=partial(false_positive_rate, pos_label=1),
			fnr=partial(false_negative_rate, pos_label=1),
			ppv=partial(precision_score, pos_label=1, zero_division=0),
		)
	return metrics


def median_score(scores: pd.DataFrame) -> float:
	"""The median score of all rows (with an even count, the mean of the two middle ones), from their counts."""
	by_score = scores.groupby(SCORE)[ROWS].sum().sort_index()
	ends = by_score.cumsum().to_numpy()
	total = int(ends[-1])

	def nth(n: int) -> float:  # the n-th score in order, from 0
		return float(by_score.index[np.searchsorted(ends, n, side="right")])

	return (nth((total - 1) // 2) + nth(total // 2)) / 2


def scoring_rates(scores: pd.DataFrame, group_columns: list[str], median: float) -> pd.Series:
	"""Per group, the share of its rows scoring above the median of all rows: the scoring rate of New York
	City Local Law 144 bias audits."""
	above = scores[ROWS].where(scores[SCORE] > median, 0)
	totals = scores.assign(_above=above).groupby(group_columns, observed=True)[["_above", ROWS]].sum()
	return totals["_above"] / totals[ROWS]


def evaluate_dimension(
	frame, columns: Columns, thresholds: Thresholds, dimension: str, group_columns, scoring: pd.Series | None
):
	y_pred = frame[columns.prediction]
	y_true = frame[columns.label] if columns.label else y_pred
	metrics = group_metrics(columns)
	sensitive = frame[group_columns] if len(group_columns) > 1 else frame[group_columns[0]]
	by_group = MetricFrame(
		metrics=metrics,
		y_true=y_true,
		y_pred=y_pred,
		sensitive_features=sensitive,
		sample_params=weights(metrics, frame[ROWS]),
	).by_group
	by_group = by_group[by_group["count"] > 0]
	scores = None
	if columns.score:
		totals = frame.groupby(group_columns, observed=True)[[SCORE_SUM, ROWS]].sum()
		scores = totals[SCORE_SUM] / totals[ROWS]
	judged = by_group[by_group["count"] >= thresholds.min_group_count]
	top_rate = judged["selection_rate"].max() if len(judged) else None
	top_scoring = scoring[judged.index].max() if scoring is not None and len(judged) else None
	groups = []
	for key, row in by_group.iterrows():
		ratio = row["selection_rate"] / top_rate if top_rate else None
		if row["count"] < thresholds.min_group_count:
			outcome = TOO_FEW
		else:
			outcome = FAIL if ratio is not None and ratio < thresholds.min_impact_ratio else PASS
		selected = round(row["selection_rate"] * row["count"])
		scoring_rate = optional(scoring.get(key)) if scoring is not None else None
		groups.append(
			GroupResult(
				dimension=dimension,
				group=group_name(key),
				count=int(row["count"]),
				selected=selected,
				selection_rate=float(row["selection_rate"]),
				impact_ratio=optional(ratio),
				true_positive_rate=optional(row.get("tpr")),
				false_positive_rate=optional(row.get("fpr")),
				false_negative_rate=optional(row.get("fnr")),
				positive_predictive_value=optional(row.get("ppv")) if selected else None,
				mean_score=optional(scores.get(key)) if scores is not None else None,
				scoring_rate=scoring_rate,
				scoring_impact_ratio=scoring_rate / top_scoring
				if scoring_rate is not None and top_scoring
				else None,
				outcome=outcome,
			)
		)
	return groups, summarise(frame, columns, thresholds, dimension, group_columns, judged, groups)


def summarise(frame, columns, thresholds, dimension, group_columns, judged, groups) -> DimensionResult:
	if len(judged) < 2:
		return DimensionResult(dimension, None, None, None, None, None, NOT_JUDGED)
	sizes = frame.groupby(group_columns, observed=True)[ROWS].transform("sum")
	rows = frame[sizes >= thresholds.min_group_count]
	sensitive = rows[group_columns] if len(group_columns) > 1 else rows[group_columns[0]]
	y_pred = rows[columns.prediction]
	y_true = rows[columns.label] if columns.label else y_pred
	weight = rows[ROWS].to_numpy()
	parity_difference = demographic_parity_difference(
		y_true, y_pred, sensitive_features=sensitive, sample_weight=weight
	)
	odds = (
		equalized_odds_difference(y_true, y_pred, sensitive_features=sensitive, sample_weight=weight)
		if columns.label
		else None
	)
	ratios = [g.impact_ratio for g in groups if g.outcome != TOO_FEW]
	failed = any(g.outcome == FAIL for g in groups)
	if thresholds.max_parity_difference is not None and parity_difference > thresholds.max_parity_difference:
		failed = True
	if odds is not None and thresholds.max_equalized_odds_difference is not None:
		failed = failed or odds > thresholds.max_equalized_odds_difference
	return DimensionResult(
		dimension=dimension,
		most_favoured=group_name(judged["selection_rate"].idxmax()),
		lowest_impact_ratio=min(ratios),
		parity_difference=float(parity_difference),
		parity_ratio=float(
			demographic_parity_ratio(y_true, y_pred, sensitive_features=sensitive, sample_weight=weight)
		),
		equalized_odds_difference=optional(odds),
		outcome=FAIL if failed else PASS,
	)


def reasons_for(summary: DimensionResult, groups: list[GroupResult], thresholds: Thresholds) -> list[Message]:
	"""What made a dimension fail, or why it was not judged, as sentences for the report."""
	reasons = [
		Message(
			_("{dimension} = {group}: impact ratio {ratio} is below {minimum} (selection rate {rate})."),
			{
				"dimension": g.dimension,
				"group": g.group,
				"ratio": round(g.impact_ratio, 3),
				"minimum": thresholds.min_impact_ratio,
				"rate": round(g.selection_rate, 3),
			},
		)
		for g in groups
		if g.outcome == FAIL
	]
	if summary.outcome == NOT_JUDGED:
		reasons.append(
			Message(
				_("{dimension}: fewer than two groups have at least {minimum} rows, so nothing is compared."),
				{"dimension": summary.dimension, "minimum": thresholds.min_group_count},
			)
		)
		return reasons
	if (
		thresholds.max_parity_difference is not None
		and summary.parity_difference > thresholds.max_parity_difference
	):
		reasons.append(
			Message(
				_("{dimension}: demographic parity difference {value} is above {maximum}."),
				{
					"dimension": summary.dimension,
					"value": round(summary.parity_difference, 3),
					"maximum": thresholds.max_parity_difference,
				},
			)
		)
	odds, maximum = summary.equalized_odds_difference, thresholds.max_equalized_odds_difference
	if odds is not None and maximum is not None and odds > maximum:
		reasons.append(
			Message(
				_("{dimension}: equalized odds difference {value} is above {maximum}."),
				{"dimension": summary.dimension, "value": round(odds, 3), "maximum": maximum},
			)
		)
	return reasons
