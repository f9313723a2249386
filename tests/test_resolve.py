"""How refs resolve and how problems across files are reported (through `accord.check.check`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from accord.check import check
from accord.model.findings import CheckResult, Finding

from conftest import MINIMAL_ORG, RepoWriter

AS_OF = date(2026, 11, 23)


def objective(oid: str, owner: str = "ben", *, supports: str = "", extra: str = "") -> str:
    """The YAML of one objective (list item at indent 2) with one key result `kr`."""
    lines = [
        f"  - id: {oid}",
        f"    title: Objective {oid}",
        f"    owner: {owner}",
        "    why_now: It matters this quarter because customers noticed.",
    ]
    if supports:
        lines.append(f"    supports: [{supports}]")
    lines += [
        "    key_results:",
        "      - id: kr",
        f"        title: Measure of {oid}",
        f"        owner: {owner}",
        "        start: 0",
        "        target: 10",
    ]
    return "\n".join(lines) + "\n" + extra


def team(*objectives: str) -> str:
    """A team file holding the given objectives."""
    return "objectives:\n" + "".join(objectives)


def checked(write_repo: RepoWriter, files: dict[str, str | bytes]) -> CheckResult:
    """Check a repository made of MINIMAL_ORG and `files`."""
    return check(write_repo({"okrs/org.yaml": MINIMAL_ORG, **files}), as_of=AS_OF)


def codes(result: CheckResult) -> list[str]:
    """The rule codes of a result's findings, in order."""
    return [f.rule for f in result.findings]


def only(result: CheckResult, rule: str) -> Finding:
    """The single finding of `rule` in `result`."""
    found = [f for f in result.findings if f.rule == rule]
    assert len(found) == 1, result.findings
    return found[0]


def test_ref_resolves_in_own_cycle_before_the_enclosing_one(write_repo: RepoWriter) -> None:
    """An unprefixed ref to an id in both cycles names the one in the file's own cycle."""
    result = checked(
        write_repo,
        {
            "okrs/2026/company.yaml": team(objective("growth", "ada")),
            "okrs/2026-q4/company.yaml": team(objective("growth", "ada")),
            "okrs/2026-q4/ops.yaml": team(objective("crews", supports="growth")),
        },
    )
    assert result.errors == 0, result.findings
    assert result.model is not None
    assert result.model.objectives["2026-q4/crews"].supports == ("2026-q4/growth",)


def test_ref_falls_back_to_the_enclosing_cycle(write_repo: RepoWriter) -> None:
    """An unprefixed ref that is not in the file's own cycle resolves in the enclosing cycle."""
    result = checked(
        write_repo,
        {
            "okrs/2026/company.yaml": team(objective("growth", "ada")),
            "okrs/2026-q4/ops.yaml": team(objective("crews", supports="growth")),
        },
    )
    assert result.errors == 0, result.findings
    assert result.model is not None
    assert result.model.objectives["2026-q4/crews"].supports == ("2026/growth",)


def test_key_result_ref_resolves_to_the_key_result(write_repo: RepoWriter) -> None:
    """`objective.kr` names a key result, and a key result may support another one."""
    extra = "        supports: [growth.kr]\n"
    result = checked(
        write_repo,
        {
            "okrs/2026/company.yaml": team(objective("growth", "ada")),
            "okrs/2026-q4/ops.yaml": team(objective("crews", extra=extra)),
        },
    )
    assert result.errors == 0, result.findings
    assert result.model is not None
    kr = result.model.objectives["2026-q4/crews"].key_results[0]
    assert kr.supports == ("2026/growth.kr",)


def test_prefixed_ref_looks_only_in_the_named_cycle(write_repo: RepoWriter) -> None:
    """`2026/x` names 2026's x even when the own cycle has an x too."""
    result = checked(
        write_repo,
        {
            "okrs/2026/company.yaml": team(objective("growth", "ada")),
            "okrs/2026-q4/company.yaml": team(objective("growth", "ada")),
            "okrs/2026-q4/ops.yaml": team(objective("crews", supports="2026/growth")),
        },
    )
    assert result.errors == 0, result.findings
    assert result.model is not None
    assert result.model.objectives["2026-q4/crews"].supports == ("2026/growth",)


def test_prefixed_ref_does_not_fall_back_to_other_cycles(write_repo: RepoWriter) -> None:
    """`2026/x` is an E104 when x exists only in 2026-q4, and the message names only 2026."""
    result = checked(
        write_repo,
        {
            "okrs/2026-q4/company.yaml": team(objective("growth", "ada")),
            "okrs/2026-q4/ops.yaml": team(objective("crews", supports="2026/growth")),
        },
    )
    finding = only(result, "E104")
    assert "no such objective in 2026" in finding.message
    assert "2026-q4" not in finding.message.split("—", 1)[1]


def test_ref_to_an_undeclared_cycle_says_so(write_repo: RepoWriter) -> None:
    """A ref prefixed by a cycle that org.yaml does not declare names that cycle as unknown."""
    result = checked(
        write_repo,
        {"okrs/2026-q4/ops.yaml": team(objective("crews", supports="2027/growth"))},
    )
    assert "no cycle '2027'" in only(result, "E104").message


def test_unknown_ref_suggests_the_nearest_id(write_repo: RepoWriter) -> None:
    """An E104 suggests the closest existing objective id."""
    result = checked(
        write_repo,
        {
            "okrs/2026/company.yaml": team(objective("regional-growth", "ada")),
            "okrs/2026-q4/ops.yaml": team(objective("crews", supports="regional-grwth")),
        },
    )
    finding = only(result, "E104")
    assert finding.message.endswith("(did you mean 'regional-growth'?)")
    assert finding.location.file == "okrs/2026-q4/ops.yaml"
    assert (finding.location.line, finding.location.column) == (6, 16)


def test_unknown_ref_without_a_near_id_has_no_suggestion(write_repo: RepoWriter) -> None:
    """When nothing is close, the E104 message makes no suggestion."""
    result = checked(
        write_repo,
        {
            "okrs/2026/company.yaml": team(objective("growth", "ada")),
            "okrs/2026-q4/ops.yaml": team(objective("crews", supports="zzz")),
        },
    )
    assert "did you mean" not in only(result, "E104").message


def test_self_ref_is_a_loop(write_repo: RepoWriter) -> None:
    """An objective that supports itself is reported as E106, not as an unknown ref."""
    result = checked(
        write_repo, {"okrs/2026-q4/ops.yaml": team(objective("crews", supports="crews"))}
    )
    assert codes(result) == ["E106"]
    assert "names itself" in result.findings[0].message


def test_supports_loop_lists_the_loop(write_repo: RepoWriter) -> None:
    """A loop across objectives is one E106 whose message walks the loop back to its start."""
    result = checked(
        write_repo,
        {
            "okrs/2026-q4/ops.yaml": team(
                objective("a", supports="b"),
                objective("b", supports="c"),
                objective("c", supports="a"),
            ),
        },
    )
    assert codes(result) == ["E106"]
    assert "a -> b -> c -> a" in result.findings[0].message


def test_problems_in_one_file_do_not_hide_problems_in_others(write_repo: RepoWriter) -> None:
    """Two broken files (a YAML error and a schema error) are both reported in one run."""
    broken_yaml = "objectives:\n  - id: [unclosed\n"
    missing_title = team(objective("crews")).replace("    title: Objective crews\n", "")
    result = checked(
        write_repo,
        {
            "okrs/2026/company.yaml": broken_yaml,
            "okrs/2026-q4/ops.yaml": missing_title,
            "okrs/2026-q4/sales.yaml": team(objective("deals", "dee")),
        },
    )
    files = {f.location.file: f.rule for f in result.findings}
    assert files == {
        "okrs/2026/company.yaml": "E100",
        "okrs/2026-q4/ops.yaml": "E102",
        "okrs/2026-q4/sales.yaml": "E103",
    }


def test_ref_into_a_file_that_failed_the_schema_is_not_also_unknown(write_repo: RepoWriter) -> None:
    """A ref to an objective or key result of a file with schema errors gives no extra E104."""
    broken = team(objective("growth", "ada")).replace(
        "        target: 10\n", "        target: ten\n"
    )
    result = checked(
        write_repo,
        {
            "okrs/2026/company.yaml": broken,
            "okrs/2026-q4/ops.yaml": team(
                objective("crews", supports="growth", extra="        supports: [growth.kr]\n")
            ),
        },
    )
    assert codes(result) == ["E102"]
    assert result.findings[0].location.file == "okrs/2026/company.yaml"


def test_duplicate_objective_ids_across_teams_are_reported_on_the_second(
    write_repo: RepoWriter,
) -> None:
    """Two teams using one objective id in a cycle give an E105 that points back at the first."""
    result = checked(
        write_repo,
        {
            "okrs/2026-q4/ops.yaml": team(objective("crews")),
            "okrs/2026-q4/sales.yaml": team(objective("crews", "cy")),
        },
    )
    finding = only(result, "E105")
    assert finding.location.file == "okrs/2026-q4/sales.yaml"
    assert "okrs/2026-q4/ops.yaml" in finding.message


def test_same_objective_id_in_different_cycles_is_fine(write_repo: RepoWriter) -> None:
    """Objective ids are unique per cycle, so the annual and quarterly files may reuse one."""
    result = checked(
        write_repo,
        {
            "okrs/2026/ops.yaml": team(objective("crews")),
            "okrs/2026-q4/ops.yaml": team(objective("crews")),
        },
    )
    assert result.errors == 0, result.findings


def test_dependencies_resolve_to_a_team_or_a_ref(write_repo: RepoWriter) -> None:
    """`depends_on.on` may name a team, or an objective whose team becomes the dependency's team."""
    deps = (
        "    depends_on:\n"
        "      - on: sales\n"
        "        need: Renewal dates\n"
        "      - on: deals.kr\n"
        "        need: The signed numbers\n"
    )
    crews = objective("crews").replace("    key_results:\n", deps + "    key_results:\n")
    result = checked(
        write_repo,
        {
            "okrs/2026-q4/ops.yaml": team(crews),
            "okrs/2026-q4/sales.yaml": team(objective("deals", "cy")),
        },
    )
    assert result.errors == 0, result.findings
    assert result.model is not None
    first, second = result.model.objectives["2026-q4/crews"].depends_on
    assert (first.team, first.target) == ("sales", None)
    assert (second.team, second.target) == ("sales", "2026-q4/deals.kr")


def test_findings_are_sorted_by_file_then_line(write_repo: RepoWriter) -> None:
    """Findings come sorted by file path, then by line as a number (9 before 10)."""
    result = checked(
        write_repo,
        {
            "okrs/2026-q4/ops.yaml": team(
                objective("crews", owner="nobody"), objective("later", owner="nobody-else")
            ),
            "okrs/2026/company.yaml": team(objective("growth", owner="nemo")),
            "okrs/2026-q4/sales.yaml": team(objective("deals", "cy", supports="missing")),
        },
    )
    places = [(f.location.file, f.location.line) for f in result.findings]
    assert places == [
        ("okrs/2026/company.yaml", 4),
        ("okrs/2026/company.yaml", 9),
        ("okrs/2026-q4/ops.yaml", 4),
        ("okrs/2026-q4/ops.yaml", 9),
        ("okrs/2026-q4/ops.yaml", 14),
        ("okrs/2026-q4/ops.yaml", 19),
        ("okrs/2026-q4/sales.yaml", 6),
    ]


def test_a_broken_org_yaml_still_reports_team_file_problems(write_repo: RepoWriter) -> None:
    """With an invalid org.yaml, team files are still read and their syntax errors reported."""
    org = MINIMAL_ORG.replace("name: Example Co\n", "", 1)
    repo = write_repo(
        {"okrs/org.yaml": org, "okrs/2026-q4/ops.yaml": "objectives: [\n", "okrs/README.md": "x"}
    )
    result = check(repo, as_of=AS_OF)
    assert result.model is None
    assert [(f.location.file, f.rule) for f in result.findings] == [
        ("okrs/2026-q4/ops.yaml", "E100"),
        ("okrs/org.yaml", "E102"),
    ]


def test_non_yaml_files_are_ignored(write_repo: RepoWriter) -> None:
    """A README.md or other non-YAML file under okrs/ is neither read nor counted."""
    repo = write_repo(
        {"okrs/org.yaml": MINIMAL_ORG, "okrs/README.md": "# OKRs\n", "okrs/2026/x.txt": ""}
    )
    result = check(Path(repo), as_of=AS_OF)
    assert result.errors == 0, result.findings
    assert result.files == 1


def test_ref_into_a_cycle_with_an_unparsable_file_is_not_judged(write_repo: RepoWriter) -> None:
    """While a file of a cycle cannot be parsed, refs into that cycle give no E104 (ids unknown)."""
    result = checked(
        write_repo,
        {
            "okrs/2026/company.yaml": "objectives:\n  - id: [growth\n",
            "okrs/2026-q4/ops.yaml": team(objective("crews", supports="growth")),
        },
    )
    assert codes(result) == ["E100"]


def test_unknown_ref_is_still_reported_beside_an_unparsable_file_elsewhere(
    write_repo: RepoWriter,
) -> None:
    """An unparsable file in another cycle does not silence unknown refs that never look there."""
    result = checked(
        write_repo,
        {
            "okrs/2026/company.yaml": "objectives:\n  - id: [growth\n",
            "okrs/2026-q4/ops.yaml": team(objective("crews", supports="2026-q4/nowhere")),
        },
    )
    assert codes(result) == ["E100", "E104"]


def test_ref_into_a_misnamed_file_is_not_also_unknown(write_repo: RepoWriter) -> None:
    """A ref to an objective of a file refused for its name (E107) gives no extra E104."""
    result = checked(
        write_repo,
        {
            "okrs/2026/compnay.yaml": team(objective("growth", "ada")),
            "okrs/2026-q4/ops.yaml": team(objective("crews", supports="growth")),
        },
    )
    assert codes(result) == ["E107"]
