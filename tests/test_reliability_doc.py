"""RELIABILITY.md stays true: every test it names exists and runs in CI: in the
default `pytest` run, or, marked slow, in the `pytest -m slow` run that .ci/run makes;
never skipped behind an environment variable."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DOC = ROOT / "RELIABILITY.md"
CI = ROOT / ".ci" / "run"
_REF = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def references() -> list[tuple[str, str]]:
    return sorted(set(_REF.findall(DOC.read_text(encoding="utf-8"))))


def test_the_document_names_tests() -> None:
    assert len(references()) >= 40


@functools.cache
def parsed(file: str) -> ast.Module:
    """Each test file parsed once (the document names many tests of each)."""
    return ast.parse((ROOT / file).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("file", "name"), references())
def test_every_named_test_exists_and_runs_in_ci(file: str, name: str) -> None:
    tree = parsed(file)
    found: ast.AST | None = None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names = [node.name]
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        else:
            continue
        if name in names:
            found = node
    assert found is not None, f"{file}::{name} is named in RELIABILITY.md but does not exist"
    assert name.startswith("test_")
    decorators = getattr(found, "decorator_list", [])
    marks = " ".join(ast.unparse(d) for d in decorators)
    if isinstance(found, ast.Assign):
        marks += ast.unparse(found.value)
    if "slow" in marks:
        assert "pytest -q -m slow" in CI.read_text(encoding="utf-8"), (
            f"{file}::{name} is slow and CI does not run the slow tests"
        )
    assert "environ" not in marks, f"{file}::{name} is skipped unless a variable is set"
