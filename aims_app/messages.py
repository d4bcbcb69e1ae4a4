"""Messages of the pure rules: an English template marked for translation, and the values that fill it.

The rules have no Frappe import, so they cannot translate; they return a `Message` and the Frappe layer
(aims_app/translation.py) translates its template and fills it in where it is shown. Templates are
literals inside `_()` (or `N_()` where `_` is Frappe's), which is how Frappe's extractor finds them for
aims_app/locale/main.pot. A parameter may itself be a Message (a translatable phrase inside a sentence)
or a Joined list of values and Messages.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field


def _(message: str) -> str:
	"""Marks a message for translation; the Frappe layer translates it when it is shown."""
	return message


N_ = _  # the same marker, for modules whose `_` is Frappe's translating one


@dataclass(frozen=True)
class Message:
	"""A template to translate and fill in with `params` ({name} placeholders)."""

	template: str
	params: Mapping = field(default_factory=dict)

	def render(self, translate=lambda template: template) -> str:
		"""The message filled in, each template (this one and those of Message parameters) passed
		through `translate`; English when none is given."""
		return translate(self.template).format(
			**{name: render_value(value, translate) for name, value in self.params.items()}
		)

	def __str__(self) -> str:
		return self.render()


@dataclass(frozen=True)
class Joined:
	"""Values and Messages shown one after the other, e.g. the names in a listing."""

	items: tuple
	separator: str = ", "

	def render(self, translate=lambda template: template) -> str:
		return self.separator.join(str(render_value(item, translate)) for item in self.items)

	def __str__(self) -> str:
		return self.render()


def render_value(value, translate):
	return value.render(translate) if isinstance(value, Message | Joined) else value


class MessageError(ValueError):
	"""A refusal raised by a pure rule, carrying its Message; str() gives it in English."""

	def __init__(self, message: Message):
		super().__init__(str(message))
		self.message = message
