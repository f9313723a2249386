"""Resolving the refs written in team files and statements (E104, and E106 for a self-ref)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from accord.model.findings import Finding
from accord.model.location import Location
from accord.model.organisation import Org
from accord.model.refs import Ref, did_you_mean, format_ref, parse_ref, resolve_ref
from accord.read.load import RepoFiles

_KIND = {
    "supports": "supports", "depends_on": "depends on", "matches": "matches",
    "carried_from": "carried_from",
}  # fmt: skip


@dataclass(frozen=True)
class Site:
    """One ref as written: who wrote it, in which field, in which cycle, and where."""

    owner: str
    field: str
    text: str
    cycle: str
    where: Location


@dataclass
class Links:
    """Resolves refs against the known objectives and key results, collecting E104s."""

    org: Org
    known: Mapping[str, str]  # objective and key result keys -> the team that owns them
    unverified: set[str]
    findings: list[Finding] = field(default_factory=list)
    places: dict[tuple[str, str], Location] = field(default_factory=dict)

    def ref(self, site: Site) -> str | None:
        """The key a ref names, or None (with a finding unless its target failed to load)."""
        parsed = parse_ref(site.text)
        cycles = self.org.enclosing(site.cycle)
        if parsed is not None:
            key = resolve_ref(parsed, cycles, self.known)
            if key == site.owner:
                message = f"{_KIND[site.field]} '{site.text}' names itself: remove it"
                self.findings.append(Finding("E106", site.where, message))
                return None
            if key is not None:
                self.places.setdefault((site.owner, key), site.where)
                return key
            searched = [parsed.cycle] if parsed.cycle else cycles
            unreadable = any(f"{cycle}/*" in self.unverified for cycle in searched)
            if unreadable or resolve_ref(parsed, cycles, self.unverified):
                return None
        self.findings.append(Finding("E104", site.where, self._unknown(site, parsed, cycles)))
        return None

    def keys(self, sites: list[Site]) -> tuple[str, ...]:
        """The keys these refs resolve to, in order, each once; unresolved refs left out."""
        keys = (self.ref(site) for site in sites)
        return tuple(dict.fromkeys(key for key in keys if key is not None))

    def team_or_ref(self, site: Site) -> tuple[str | None, str | None]:
        """A dependency's team id, or its target key and the team that owns it."""
        if site.text in self.org.teams:
            return site.text, None
        key = self.ref(site)
        return (self.known[key], key) if key else (None, None)

    def where(self, owner: str, target: str) -> Location | None:
        """Where `owner` names `target` (None for a key result's link to its objective)."""
        return self.places.get((owner, target))

    def _unknown(self, site: Site, ref: Ref | None, cycles: list[str]) -> str:
        if ref is not None and ref.cycle and ref.cycle not in self.org.cycles:
            hint = did_you_mean(ref.cycle, self.org.cycles)
            return f"{_KIND[site.field]} '{site.text}' — no cycle '{ref.cycle}'{hint}"
        searched = [ref.cycle] if ref and ref.cycle else cycles
        noun = "key result" if ref and ref.kr else "objective"
        choices = _local_ids(self.known, searched, kr=bool(ref and ref.kr))
        if site.field == "depends_on":
            noun = "team, objective or key result"
            choices = [*choices, *self.org.teams]
        places = " or ".join(searched) or site.cycle
        hint = did_you_mean(ref.local if ref else site.text, choices)
        elsewhere = self._elsewhere(ref.local, site.cycle) if ref and not hint else None
        if elsewhere:
            hint = f" (did you mean '{elsewhere}'?)"
        return f"{_KIND[site.field]} '{site.text}' — no such {noun} in {places}{hint}"

    def _elsewhere(self, local: str, cycle: str) -> str | None:
        """The same id in another cycle, as it would be written from `cycle`."""
        found = sorted(key for key in self.known if key.split("/", 1)[1] == local)
        return show(found[0], cycle) if found else None


def _local_ids(known: Iterable[str], cycles: list[str], kr: bool) -> list[str]:
    prefixes = tuple(f"{c}/" for c in cycles)
    return [
        key.split("/", 1)[1]
        for key in known
        if key.startswith(prefixes) and ("." in key.split("/", 1)[1]) == kr
    ]


def show(key: str, cycle: str) -> str:
    """A key as a person would write it from `cycle`: without the prefix when it is local."""
    prefix, local = key.split("/", 1)
    return local if prefix == cycle else format_ref(prefix, local)


def harvest_keys(files: RepoFiles, broken: set[str]) -> set[str]:
    """Keys in team files that failed to load, read leniently; `cycle/*` for unreadable ones."""
    keys = {f"{file.cycle}/*" for file in files.teams if file.doc is None}
    for file in files.teams:
        if file.doc is not None and file.doc.path in broken:
            keys |= lenient_keys(file.doc.data, file.cycle)
    return keys


def lenient_keys(data: Any, cycle: str) -> set[str]:
    """Objective and key result keys from whatever of a team file's data is well-formed."""
    keys: set[str] = set()
    items = data.get("objectives") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            key = f"{cycle}/{item['id']}"
            keys.add(key)
            results = item.get("key_results")
            for kr in results if isinstance(results, list) else ():
                if isinstance(kr, dict) and isinstance(kr.get("id"), str):
                    keys.add(f"{key}.{kr['id']}")
    return keys
