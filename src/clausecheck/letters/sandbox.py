"""Jinja2's sandbox with limits, so a district's wording template cannot loop, recurse or allocate without end.

The sandbox already keeps a template away from Python's internals; these limits keep it within the time
and memory a letter needs. A string or list may not grow past MAX_VALUE characters or items (through
`*`, `+`, `~`, `%` or a filter), a width, count or repeat given to a filter or method may not exceed
MAX_ARGUMENT, a power may not have more than MAX_POWER_BITS bits, `range` counts towards MAX_ITERATIONS
per text, a text may not render to more than MAX_OUTPUT characters, and rendering stops after
TIME_LIMIT seconds (where the platform has interval timers). Each limit raises TemplateLimit, which the
wording module reports at the template's file and line.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from jinja2.compiler import CodeGenerator
from jinja2.sandbox import SandboxedEnvironment

if TYPE_CHECKING:
    from types import FrameType

    from jinja2 import Template, nodes
    from jinja2.compiler import Frame
    from jinja2.runtime import Context

MAX_VALUE = 200_000
MAX_ARGUMENT = 10_000
MAX_POWER_BITS = 4_096
MAX_ITERATIONS = 1_000_000
MAX_OUTPUT = 1_000_000
TIME_LIMIT = 5.0

# A width or precision in a %-format or a {}-format ("%0999999d", "{:>999999}").
_FORMAT_NUMBERS = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d*))?|\{[^{}]*?:[^{}]*?(\d+)(?:\.(\d+))?[^{}]*\}")


class TemplateLimit(Exception):
    """A template went past one of the sandbox's limits."""


def _size(value: object) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _check_value(value: object) -> object:
    size = _size(value)
    if size is not None and size > MAX_VALUE:
        raise TemplateLimit(f"a value grew to {size:,} characters or items, past the limit of {MAX_VALUE:,}")
    return value


def _check_arguments(arguments: tuple, keywords: dict) -> None:
    for value in (*arguments, *keywords.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
            raise TemplateLimit(f"a number given to a filter or method ({value:,}) is past the limit of "
                                f"{MAX_ARGUMENT:,}")
        if isinstance(value, str) and _format_too_wide(value):
            raise TemplateLimit(f"a format asks for a width past the limit of {MAX_ARGUMENT:,}")


def _format_too_wide(text: str) -> bool:
    if "%" not in text and "{" not in text:
        return False
    return any(number and int(number) > MAX_ARGUMENT
               for match in _FORMAT_NUMBERS.finditer(text) for number in match.groups() if number)


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles `a ~ b` through the environment, so that joining strings is bounded like `+`."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_join((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class BoundedEnvironment(SandboxedEnvironment):
    """A SandboxedEnvironment whose operators, calls, filters, `range` and `~` are bounded."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset(["*", "**", "+", "%", "//"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.iterations = 0
        self.globals["range"] = self._range
        for name, function in list(self.filters.items()):
            self.filters[name] = self._bounded_filter(function)

    def _range(self, *arguments: int) -> Iterator[int]:
        _check_arguments(arguments, {})
        for number in range(*arguments):
            self.iterations += 1
            if self.iterations > MAX_ITERATIONS:
                raise TemplateLimit(f"loops ran past {MAX_ITERATIONS:,} steps")
            yield number

    def _bounded_filter(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """`function`, a jinja2 filter, with its arguments and its result bounded."""
        start = 2 if hasattr(function, "jinja_pass_arg") else 1  # the context, if passed, then the value

        def bounded(*arguments: Any, **keywords: Any) -> Any:
            _check_arguments(arguments[start:], keywords)
            return _check_value(function(*arguments, **keywords))

        for attribute in ("jinja_pass_arg", "__name__", "__doc__"):
            if hasattr(function, attribute):
                setattr(bounded, attribute, getattr(function, attribute))
        return bounded

    def bounded_join(self, parts: tuple) -> str:
        texts = [str(part) for part in parts]
        if sum(len(text) for text in texts) > MAX_VALUE:
            raise TemplateLimit(f"a joined text grew past the limit of {MAX_VALUE:,} characters")
        return "".join(texts)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        numbers = all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in (left, right))
        if operator == "**" and numbers and isinstance(left, int) and isinstance(right, int):
            if right > 0 and abs(left) > 1 and right * max(abs(left).bit_length(), 1) > MAX_POWER_BITS:
                raise TemplateLimit(f"a power would have more than {MAX_POWER_BITS:,} bits")
        elif operator == "*":
            size = _size(left) if _size(left) is not None else _size(right)
            factor = right if _size(left) is not None else left
            if size is not None and isinstance(factor, int) and size * max(factor, 0) > MAX_VALUE:
                raise TemplateLimit(f"repeating a value would pass the limit of {MAX_VALUE:,} characters")
            if numbers and isinstance(left, int) and isinstance(right, int) \
                    and abs(left).bit_length() + abs(right).bit_length() > MAX_POWER_BITS:
                raise TemplateLimit(f"a product would have more than {MAX_POWER_BITS:,} bits")
        elif operator == "%" and isinstance(left, str):
            if _format_too_wide(left):
                raise TemplateLimit(f"a format asks for a width past the limit of {MAX_ARGUMENT:,}")
            if "*" in left:  # widths given as arguments: "%*d" % (width, value)
                _check_arguments(right if isinstance(right, tuple) else (right,), {})
        elif operator == "+" and _size(left) is not None and _size(right) is not None \
                and _size(left) + _size(right) > MAX_VALUE:
            raise TemplateLimit(f"a joined value would pass the limit of {MAX_VALUE:,} characters")
        return _check_value(super().call_binop(context, operator, left, right))

    def call(__self, __context: Context, __obj: Any, *arguments: Any, **keywords: Any) -> Any:
        _check_arguments(arguments, keywords)
        return _check_value(SandboxedEnvironment.call(__self, __context, __obj, *arguments, **keywords))

    def wrap_str_format(self, value: Any) -> Any:
        """`"...".format`, which the sandbox wraps when it is looked up: its widths are bounded too."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and _format_too_wide(value.__self__):
            raise TemplateLimit(f"a format asks for a width past the limit of {MAX_ARGUMENT:,}")
        return wrapped


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise TemplateLimit in this thread after `seconds`, where interval timers exist (the main thread
    on Unix); elsewhere the other limits still hold."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(number: int, frame: FrameType | None) -> None:
        raise TemplateLimit(f"rendering took longer than {seconds:g} s (a loop without end?)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_bounded(environment: BoundedEnvironment, template: Template, context: dict[str, Any]) -> str:
    """Render `template` within the limits: at most MAX_OUTPUT characters and TIME_LIMIT seconds."""
    environment.iterations = 0
    parts: list[str] = []
    length = 0
    with _deadline(TIME_LIMIT):
        for part in template.generate(**context):
            length += len(part)
            if length > MAX_OUTPUT:
                raise TemplateLimit(f"the text grew past {MAX_OUTPUT:,} characters")
            parts.append(part)
    return "".join(parts)
