"""Recorders of what the store hands its TOML libraries, for tests that count work
instead of timing it."""

from __future__ import annotations

from typing import Any

import pytest
import tomli
import tomli_w


def parsed_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text `tomli.loads` is given from now on."""
    seen: list[str] = []
    real = tomli.loads

    def loads(text: str, **kwargs: Any) -> dict[str, Any]:
        seen.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(tomli, "loads", loads)
    return seen


def dumps_calls(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every value `tomli_w.dumps` is given from now on."""
    seen: list[Any] = []
    real = tomli_w.dumps

    def dumps(value: Any, **kwargs: Any) -> str:
        seen.append(value)
        return real(value, **kwargs)

    monkeypatch.setattr(tomli_w, "dumps", dumps)
    return seen
