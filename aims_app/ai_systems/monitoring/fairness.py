"""Fairness of an AI system's decisions, from a CSV of outcomes (A.7.4, A.6.2.4), with fairlearn's definitions.

One row per decision: one or more group columns, the binary prediction (1 = selected, the favourable
outcome), optionally the true label (binary) and a score. Each group column is a dimension, and with more
than one column their intersection is one too. Per group: count, selection rate, impact ratio against the
most favoured group (the highest selection rate, as in the four-fifths rule and New York City Local Law 144
bias audits) and, with labels, true and false positive rates. Per dimension: demographic parity difference
and ratio, and with labels the equalized odds difference. Groups with fewer rows than the minimum count are
reported but neither compared against nor counted as most favoured.

The file is read in chunks, only the chosen columns, groups as categories and predictions as small integers,
and each chunk is reduced to counts per combination of groups, label and prediction as it is read: memory
holds one chunk, whatever the file's length, and fairlearn computes on the counts as sample weights.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

import numpy as np
import pandas as pd
from fairlearn.metrics import (
	MetricFrame,
	demographic_parity_difference,
	demographic_parity_ratio,
	equalized_odds_difference,
	false_positive_rate,
	selection_rate,
	true_positive_rate,
)

from aims_app.messages import Joined, Message, MessageError, _

CHUNK_ROWS = 200_000
BINARY_VALUES = {"0": 0, "1": 1, "0.0": 0, "1.0": 1, "false": 0, "true": 1}
INTERSECTION = " × "
ROWS = "_rows"
SCORE_SUM = "_score_sum"

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
	mean_score: float | None
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


def shown(values: pd.Series, row: int) -> str:
	value = values.iloc[row]
	return "(empty)" if pd.isna(value) or str(value).strip() == "" else repr(str(value))


def binary_codes(values: pd.Series, column: str, offset: int) -> np.ndarray:
	"""0/1 (also true/false) as int8, or a refusal naming the first row that is neither."""
	codes = per_category(values, lambda v: BINARY_VALUES.get(str(v).strip().lower(), np.nan))
	bad = np.isnan(codes)
	if bad.any():
		first = first_bad_row(bad)
		refuse(
			_(
				"Column {column}, line {line}: {value} is not binary; use 1 for selected and 0 for not (or true/false)."
			),
			column=column,
			line=csv_line(offset + first),
			value=shown(values, first),
		)
	return codes.astype(np.int8)


def group_values(values: pd.Series, column: str, offset: int) -> pd.Series:
	empty = np.isnan(per_category(values, lambda v: np.nan if str(v).strip() == "" else 0))
	if empty.any():
		refuse(
			_("Column {column}, line {line}: the group is empty; every row needs a group."),
			column=column,
			line=csv_line(offset + first_bad_row(empty)),
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
	return numbers.astype(np.float32)


def read_outcomes(
	stream: BinaryIO, columns: Columns, progress: Callable[[int, float], None] | None = None
) -> pd.DataFrame:
	"""The chosen columns of a CSV, checked row by row and counted as they are read: one row per combination
	of groups, label and prediction, with how many decisions had it (`ROWS`) and the sum of their scores
	(`SCORE_SUM`). `progress(rows read, share of the file read)` is called after each chunk."""
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
	parts, offset = [], 0
	try:
		for chunk in reader:
			parts.append(counted(checked_chunk(chunk, columns, offset), columns))
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
	return pd.concat(parts).groupby(outcome_keys(columns), observed=True, as_index=False).sum()


def outcome_keys(columns: Columns) -> list[str]:
	return [*columns.groups, *([columns.label] if columns.label else []), columns.prediction]


def checked_chunk(chunk: pd.DataFrame, columns: Columns, offset: int) -> pd.DataFrame:
	part = {column: group_values(chunk[column], column, offset) for column in columns.groups}
	part[columns.prediction] = binary_codes(chunk[columns.prediction], columns.prediction, offset)
	if columns.label:
		part[columns.label] = binary_codes(chunk[columns.label], columns.label, offset)
	part[SCORE_SUM] = (
		score_values(chunk[columns.score], columns.score, offset) if columns.score else np.zeros(len(chunk))
	)
	return pd.DataFrame(part)


def counted(part: pd.DataFrame, columns: Columns) -> pd.DataFrame:
	"""A chunk reduced to its counts: fairlearn's metrics take them as sample weights."""
	counts = part.groupby(outcome_keys(columns), observed=True).agg(
		**{ROWS: (SCORE_SUM, "size"), SCORE_SUM: (SCORE_SUM, "sum")}
	)
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


def evaluate(frame: pd.DataFrame, columns: Columns, thresholds: Thresholds) -> Evaluation:
	"""`frame` as read_outcomes counts it."""
	result = Evaluation(rows=int(frame[ROWS].sum()))
	for dimension, group_columns in dimensions(columns):
		groups, summary = evaluate_dimension(frame, columns, thresholds, dimension, group_columns)
		result.groups.extend(groups)
		result.dimensions.append(summary)
		result.reasons.extend(reasons_for(summary, groups, thresholds))
	return result


def evaluate_dimension(frame, columns: Columns, thresholds: Thresholds, dimension: str, group_columns):
	y_pred = frame[columns.prediction]
	y_true = frame[columns.label] if columns.label else y_pred
	metrics = {"count": weighted_count, "selection_rate": selection_rate}
	if columns.label:
		metrics.update(tpr=true_positive_rate, fpr=false_positive_rate)
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
	groups = []
	for key, row in by_group.iterrows():
		ratio = row["selection_rate"] / top_rate if top_rate else None
		if row["count"] < thresholds.min_group_count:
			outcome = TOO_FEW
		else:
			outcome = FAIL if ratio is not None and ratio < thresholds.min_impact_ratio else PASS
		groups.append(
			GroupResult(
				dimension=dimension,
				group=group_name(key),
				count=int(row["count"]),
				selected=round(row["selection_rate"] * row["count"]),
				selection_rate=float(row["selection_rate"]),
				impact_ratio=optional(ratio),
				true_positive_rate=optional(row.get("tpr")),
				false_positive_rate=optional(row.get("fpr")),
				mean_score=optional(scores.get(key)) if scores is not None else None,
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
