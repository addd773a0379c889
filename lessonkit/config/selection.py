"""Which rules run: selection in layers like ruff's (the defaults, then the file's `select` / `extend-select` /
`ignore`, then the command line's), with codes, code prefixes, readable names or ALL."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..rules import all_rules
from .schema import ConfigError


@dataclass(frozen=True)
class Layer:
    select: Optional[tuple[str, ...]] = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@lru_cache(maxsize=256)
def enabled_codes(layers: tuple[Layer, ...], origin: Optional[str]) -> frozenset[str]:
    rules = all_rules()
    enabled = {code for code, rule in rules.items() if rule.default_enabled}
    for layer in layers:
        if layer.select is not None:
            enabled = resolve(layer.select, origin)
        enabled |= resolve(layer.extend_select, origin)
        enabled -= resolve(layer.ignore, origin)
    return frozenset(enabled)


def resolve(selectors: tuple[str, ...], origin: Optional[str] = None) -> set[str]:
    """Codes matching selectors: exact codes, code prefixes ('LK2'), readable names, group names ('formatting'),
    or 'ALL'."""
    rules = all_rules()
    codes: set[str] = set()
    for selector in selectors:
        key = selector.strip()
        if key.upper() == "ALL":
            codes |= set(rules)
            continue
        matched = {code for code, rule in rules.items() if code.startswith(key.upper()) or key.lower() in (rule.name, rule.group)}
        if not matched:
            where = f"{origin}: " if origin else ""
            raise ConfigError(f"{where}unknown rule or prefix '{selector}' (see `lessonkit rules`)")
        codes |= matched
    return codes


