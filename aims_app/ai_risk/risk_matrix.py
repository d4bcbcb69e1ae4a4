"""The organisation's risk matrix: scales, the level of each cell, and the appetite.

A matrix is likelihood levels × impact levels (each scale numbered 1..n), a level name for every
cell, and an ordered list of level names from lowest to highest. The appetite is one of those names:
a risk whose level ranks above it needs a decision by top management.
"""

from dataclasses import dataclass

from aims_app.messages import Message, MessageError, _

# Stored in English like any value typed in the settings; marked so that the desk shows the defaults translated.
DEFAULT_LIKELIHOODS = (_("Rare"), _("Unlikely"), _("Possible"), _("Likely"), _("Almost certain"))
DEFAULT_IMPACTS = (_("Negligible"), _("Minor"), _("Moderate"), _("Major"), _("Severe"))
DEFAULT_LEVELS = (_("Low"), _("Medium"), _("High"), _("Critical"))
DEFAULT_APPETITE = "Medium"


@dataclass(frozen=True)
class RiskMatrix:
	likelihoods: tuple[str, ...]
	impacts: tuple[str, ...]
	levels: tuple[str, ...]
	cells: dict[tuple[int, int], str]
	appetite: str

	def level_for(self, likelihood: int, impact: int) -> str:
		"""The level of a scored risk; a MessageError names the score that falls outside the matrix."""
		if not 1 <= likelihood <= len(self.likelihoods):
			raise MessageError(
				Message(
					_("Likelihood {value} is outside the matrix (1 to {size})."),
					{"value": likelihood, "size": len(self.likelihoods)},
				)
			)
		if not 1 <= impact <= len(self.impacts):
			raise MessageError(
				Message(
					_("Impact {value} is outside the matrix (1 to {size})."),
					{"value": impact, "size": len(self.impacts)},
				)
			)
		return self.cells[(likelihood, impact)]

	def rank(self, level: str) -> int:
		return self.levels.index(level)

	def exceeds_appetite(self, level: str) -> bool:
		return self.rank(level) > self.rank(self.appetite)


def default_cell_level(likelihood: int, impact: int) -> str:
	"""The conventional 5×5 banding by score (likelihood × impact)."""
	score = likelihood * impact
	if score >= 15:
		return "Critical"
	if score >= 8:
		return "High"
	if score >= 4:
		return "Medium"
	return "Low"


def default_matrix() -> RiskMatrix:
	cells = {
		(likelihood, impact): default_cell_level(likelihood, impact)
		for likelihood in range(1, len(DEFAULT_LIKELIHOODS) + 1)
		for impact in range(1, len(DEFAULT_IMPACTS) + 1)
	}
	return RiskMatrix(DEFAULT_LIKELIHOODS, DEFAULT_IMPACTS, DEFAULT_LEVELS, cells, DEFAULT_APPETITE)


def matrix_problems(matrix: RiskMatrix) -> list[Message]:
	"""Everything that makes a matrix unusable for scoring; empty when it is sound."""
	problems = []
	if not matrix.likelihoods:
		problems.append(Message(_("The likelihood scale has no levels.")))
	if not matrix.impacts:
		problems.append(Message(_("The impact scale has no levels.")))
	if not matrix.levels:
		problems.append(Message(_("No risk levels are defined.")))
	if len(set(matrix.levels)) != len(matrix.levels):
		problems.append(Message(_("Risk level names must be unique.")))
	if matrix.appetite not in matrix.levels:
		problems.append(
			Message(
				_("Risk appetite {appetite!r} is not one of the risk levels."), {"appetite": matrix.appetite}
			)
		)
	for likelihood in range(1, len(matrix.likelihoods) + 1):
		for impact in range(1, len(matrix.impacts) + 1):
			level = matrix.cells.get((likelihood, impact))
			cell = {"likelihood": likelihood, "impact": impact, "level": level}
			if level is None:
				problems.append(
					Message(_("Cell likelihood {likelihood} × impact {impact} has no level."), cell)
				)
			elif level not in matrix.levels:
				problems.append(
					Message(
						_("Cell likelihood {likelihood} × impact {impact} has unknown level {level!r}."), cell
					)
				)
	extra = [
		cell
		for cell in matrix.cells
		if not (1 <= cell[0] <= len(matrix.likelihoods) and 1 <= cell[1] <= len(matrix.impacts))
	]
	for likelihood, impact in sorted(extra):
		problems.append(
			Message(
				_("Cell likelihood {likelihood} × impact {impact} lies outside the scales."),
				{"likelihood": likelihood, "impact": impact},
			)
		)
	return problems
