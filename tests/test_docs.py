"""Docs are tested like code: every command and every rule code is in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accord.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DESIGN = ROOT.parent / "shared" / "design"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_documented(name: str) -> None:
    """Each command of the CLI has help text and a place in the README."""
    assert cli.commands[name].help, f"accord {name} has no help text"
    assert f"accord {name}" in README


def test_the_design_commands_are_all_in_the_readme() -> None:
    """Every command cli.md names appears in the README, built or planned."""
    design = DESIGN / "cli.md"
    if not design.exists():
        pytest.skip("the shared design pages are not beside this checkout")
    names = set(re.findall(r"`accord (\w+)", design.read_text(encoding="utf-8")))
    assert names, "cli.md lists no commands"
    assert sorted(n for n in names if f"accord {n}" not in README) == []


def test_every_rule_code_is_in_the_readme() -> None:
    """Every E and W code has a line in the README's rule table."""
    design = DESIGN / "rules.md"
    if not design.exists():
        pytest.skip("the shared design pages are not beside this checkout")
    codes = set(re.findall(r"^\| ([EW]\d{3}) \|", design.read_text(encoding="utf-8"), re.M))
    assert len(codes) == 25
    assert sorted(c for c in codes if not re.search(rf"\b{c}\b", README)) == []


def test_quickstart_is_exactly_two_commands() -> None:
    """The README opens with a Quickstart block of exactly two commands."""
    section = README.split("## Quickstart", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    assert block.group(1).strip().splitlines() == ["make site", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run calls the same test command as the Quickstart's second line."""
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
