"""Docs are tested like code: every command and rule code is in the README, every rule code
has a section in site/docs/rules.md, and every rule has its case folders."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from accord.cli.main import cli
from accord.model.organisation import Settings
from accord.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DESIGN = ROOT.parent / "shared" / "design"
RULES_DOC = ROOT / "site" / "docs" / "rules.md"
CASES = ROOT / "tests" / "data" / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())
ERROR_CODES = [f"E{n}" for n in range(100, 112)]
WARNING_CODES = sorted(r.code for r in RULES)


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


def test_the_rules_are_registered() -> None:
    """The registry holds W201 to W222, each code once."""
    assert sorted({f"W{n}" for n in range(201, 223)}) == WARNING_CODES


@pytest.mark.parametrize("code", ERROR_CODES + WARNING_CODES)
def test_every_rule_code_has_a_section_in_the_rules_page(code: str) -> None:
    """site/docs/rules.md has a `## CODE: title` section for every E and W code."""
    text = RULES_DOC.read_text(encoding="utf-8")
    assert re.search(rf"^## {code}: \S", text, re.M), f"no '## {code}: ...' in {RULES_DOC}"


def test_the_rules_page_has_no_unknown_codes() -> None:
    """Every `## CODE` section of the rules page names a code that exists."""
    text = RULES_DOC.read_text(encoding="utf-8")
    documented = re.findall(r"^## ([EW]\d{3})\b", text, re.M)
    assert documented == ERROR_CODES + WARNING_CODES


@pytest.mark.parametrize("field", dataclasses.fields(Settings), ids=lambda f: f.name)
def test_every_setting_is_documented_with_its_default(field: dataclasses.Field[object]) -> None:
    """The rules page lists every setting with the default the code uses."""
    text = RULES_DOC.read_text(encoding="utf-8")
    assert re.search(rf"^  {field.name}: {field.default}\b", text, re.M)


@pytest.mark.parametrize("code", WARNING_CODES)
def test_every_warning_has_a_firing_and_a_silent_case(code: str) -> None:
    """Each W code has a case folder that fires it (W2xx-*) and a near miss (ok-W2xx-*)."""
    assert [n for n in CASE_NAMES if n.startswith(f"{code}-")], f"no {code}-<slug> case"
    assert [n for n in CASE_NAMES if n.startswith(f"ok-{code}-")], f"no ok-{code}-<slug> case"


@pytest.mark.parametrize("code", ERROR_CODES)
def test_every_error_has_a_case(code: str) -> None:
    """Each E code has a case folder that fires it (E1xx-*)."""
    assert [n for n in CASE_NAMES if n.startswith(f"{code}-")], f"no {code}-<slug> case"
