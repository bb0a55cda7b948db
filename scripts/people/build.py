#!/usr/bin/env python3
"""Builds data/people/people.tsv, the knowledge base of public figures, from public data sets.

Every source is a file of a public GitHub repository (see data/people/README.md for each one's
licence and the commit used). The script reads them from one of two places:

  --mirror DIR    git snapshots laid out as DIR/<owner>+<name>/repo (bare repositories), read
                  at the commit pinned in SOURCES below (or at HEAD with --head);
  --fixtures DIR  plain files laid out as DIR/<owner>+<name>/<path>, for the test.

Sources that are absent are skipped with a message, so a fixture needs only the sources it
tests. Output: tab-separated lines `name, aliases, gender, countries, offices` (see
data/people/README.md), sorted by name, written to --out (default data/people/people.tsv) or
to standard output with --out -.

Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COUNTRIES_FILE = ROOT / "data" / "gazetteer" / "countries.tsv"
STATES_FILE = ROOT / "data" / "gazetteer" / "us_states.tsv"
SUPPLEMENT_FILE = Path(__file__).resolve().parent / "supplement.tsv"

# People whose last office ended before this year are left out.
FIRST_YEAR = 1980

CONGRESS = "unitedstates/congress-legislators"
CONGRESS_HISTORICAL = "comishkidd7/summer22"
IFG = "instituteforgov/ifg-ministers-database-public"
EPS = "every-politician-scrapers"

# Pinned commits of the snapshots the shipped file was built from.
COMMITS = {
    CONGRESS: "dfa9622263dd4c8d08636926e498f1845704d7eb",
    CONGRESS_HISTORICAL: "82ce2a38fbd419d0afc3f4cda5c3dedfc53cfe96",
    IFG: "92e227025645607913912d9d8312b7421a437bd3",
}

# Office-holder lists (Wikidata, via EveryPolitician's scrapers): repository -> country
# (canonical name as data/gazetteer/countries.tsv spells it; empty for international posts).
HOLDERS = {
    f"{EPS}/us-cabinet": "United States",
    f"{EPS}/united-kingdom-cabinet": "United Kingdom",
    f"{EPS}/canada-cabinet": "Canada",
    f"{EPS}/australia-cabinet": "Australia",
    f"{EPS}/france-cabinet": "France",
    f"{EPS}/russia-cabinet": "Russia",
    f"{EPS}/ukraine-cabinet": "Ukraine",
    f"{EPS}/belarus-ministers": "Belarus",
    f"{EPS}/china-ministers": "China",
    f"{EPS}/israel-ministers": "Israel",
    f"{EPS}/iran-ministers": "Iran",
    f"{EPS}/iraq-ministers": "Iraq",
    f"{EPS}/syria": "Syria",
    f"{EPS}/saudi-ministers": "Saudi Arabia",
    f"{EPS}/egypt-ministers": "Egypt",
    f"{EPS}/turkey-ministers": "Turkey",
    f"{EPS}/india-ministers": "India",
    f"{EPS}/pakistan-ministers": "Pakistan",
    f"{EPS}/japan-ministers": "Japan",
    f"{EPS}/south-korea-ministers": "South Korea",
    f"{EPS}/north-korea": "North Korea",
    f"{EPS}/brazil-ministers": "Brazil",
    f"{EPS}/mexico-ministers": "Mexico",
    f"{EPS}/italy-ministers": "Italy",
    f"{EPS}/spain-ministers": "Spain",
    f"{EPS}/poland-cabinet": "Poland",
    f"{EPS}/south-africa-cabinet": "South Africa",
    f"{EPS}/world": "",
}

# Words that open a peer's or a knight's style rather than a name.
STYLES = ("lord ", "lady ", "baroness ", "baron ", "viscount ", "earl ", "sir ", "dame ")
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


class SourceError(Exception):
    """A source file that cannot be read as its format says."""


# ---------------------------------------------------------------------------------------------
# Reading sources


class Reader:
    """Reads a source file from a mirror of git snapshots or from a fixture directory."""

    def __init__(self, mirror: Path | None, fixtures: Path | None, head: bool):
        self.mirror = mirror
        self.fixtures = fixtures
        self.head = head
        self.used: list[str] = []

    def read(self, repo: str, path: str) -> str | None:
        folder = repo.replace("/", "+")
        if self.fixtures is not None:
            p = self.fixtures / folder / path
            return self._used(repo, p.read_text(encoding="utf-8") if p.is_file() else None)
        assert self.mirror is not None
        git_dir = self.mirror / folder / "repo"
        if not git_dir.is_dir():
            return None
        rev = "HEAD" if self.head else COMMITS.get(repo, "HEAD")
        run = subprocess.run(
            ["git", f"--git-dir={git_dir}", "show", f"{rev}:{path}"],
            capture_output=True,
        )
        if run.returncode != 0:
            return None
        return self._used(repo, run.stdout.decode("utf-8"))

    def _used(self, repo: str, text: str | None) -> str | None:
        if text is not None and repo not in self.used:
            self.used.append(repo)
        return text

    def commit(self, repo: str) -> str:
        if self.fixtures is not None or self.mirror is None:
            return "fixture"
        git_dir = self.mirror / repo.replace("/", "+") / "repo"
        rev = "HEAD" if self.head else COMMITS.get(repo, "HEAD")
        run = subprocess.run(
            ["git", f"--git-dir={git_dir}", "rev-parse", rev], capture_output=True, text=True
        )
        return run.stdout.strip() or "absent"


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ---------------------------------------------------------------------------------------------
# A YAML reader for the simple block structure of the congress-legislators files: mappings and
# sequences by indentation, plain or quoted scalars, no flow collections, anchors or multi-line
# strings (the files use none).


def _scalar(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('\\"', '"')
    if " #" in text:
        text = text.split(" #", 1)[0].rstrip()
    return text


def _yaml_lines(text: str) -> list[tuple[int, str, int]]:
    """(indent, content, line number) of every significant line; `- key: v` becomes a `-`
    marker and `key: v` two columns further in."""
    out: list[tuple[int, str, int]] = []
    for no, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#") or stripped == "---":
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        while stripped == "-" or (stripped.startswith("- ") and _KEY.match(stripped[2:].lstrip())):
            out.append((indent, "-", no))
            rest = stripped[1:].lstrip()
            indent += len(stripped) - len(rest)
            stripped = rest
        if stripped:
            out.append((indent, stripped, no))
    return out


_KEY = re.compile(r"[A-Za-z0-9_][\w\-]*:(\s|$)")


def parse_yaml(text: str):
    lines = _yaml_lines(text)
    value, i = _block(lines, 0, lines[0][0] if lines else 0)
    if i != len(lines):
        raise SourceError(f"line {lines[i][2]}: unexpected indentation")
    return value


def _block(lines, i, indent):
    if i < len(lines) and lines[i][1].startswith("-") and lines[i][0] == indent:
        return _sequence(lines, i, indent)
    return _mapping(lines, i, indent)


def _sequence(lines, i, indent):
    items = []
    while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("-"):
        content = lines[i][1]
        if content == "-":
            i += 1
            if i < len(lines) and lines[i][0] > indent:
                item, i = _block(lines, i, lines[i][0])
            else:
                item = None
        else:
            item, i = _scalar(content[1:]), i + 1
        items.append(item)
    return items, i


def _mapping(lines, i, indent):
    out: dict = {}
    while i < len(lines) and lines[i][0] == indent and not lines[i][1].startswith("- "):
        content, no = lines[i][1], lines[i][2]
        if content == "-":
            break
        key, sep, rest = content.partition(":")
        if not sep:
            raise SourceError(f"line {no}: expected `key: value`")
        i += 1
        if rest.strip():
            out[key.strip()] = _scalar(rest)
        elif i < len(lines) and lines[i][0] > indent:
            out[key.strip()], i = _block(lines, i, lines[i][0])
        elif i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("-"):
            out[key.strip()], i = _sequence(lines, i, indent)
        else:
            out[key.strip()] = None
    return out, i


# ---------------------------------------------------------------------------------------------
# People


@dataclass
class Office:
    title: str
    start: int | None
    end: int | None  # None: still held

    def render(self) -> str:
        start = "" if self.start is None else str(self.start)
        end = "" if self.end is None else str(self.end)
        return f"{self.title}:{start}-{end}"


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    gender: str = ""
    countries: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    qid: str = ""
    # Alternative full forms kept apart for disambiguation (given names with middle names).
    long_forms: list[str] = field(default_factory=list)
    # The sources the record came from: within one source, two records are two people.
    sources: set[str] = field(default_factory=set)

    def add_alias(self, alias: str) -> None:
        alias = clean(alias)
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def add_country(self, country: str) -> None:
        if country and country not in self.countries:
            self.countries.append(country)


def clean(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "")
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text)  # "John Smith (politician)"
    text = text.replace("\t", " ").replace("|", " ")
    return " ".join(text.split())


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", plain).split())


def year(date: str | None) -> int | None:
    m = re.match(r"\s*(\d{4})", date or "")
    return int(m.group(1)) if m else None


def initials(names: str) -> str:
    """ "Herbert Walker" -> "H. W."; initials stay as they are."""
    return " ".join(w if w.endswith(".") else f"{w[0]}." for w in names.split() if w)


def gender_of(value: str | None) -> str:
    v = (value or "").strip().lower()
    return {"f": "f", "female": "f", "m": "m", "male": "m"}.get(v, "")


def is_styled(name: str) -> bool:
    return name.lower().startswith(STYLES)


def held_until(end: str | None, as_of: dt.date) -> int | None:
    """The office's last year, or None if it runs past `as_of`."""
    if not end:
        return None
    try:
        d = dt.date.fromisoformat(end[:10])
    except ValueError:
        return year(end)
    return None if d > as_of else d.year


# ---------------------------------------------------------------------------------------------
# Sources


def load_states() -> dict[str, str]:
    states = {}
    for line in STATES_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        states[cols[1]] = cols[0]
    return states


def congress_person(rec: dict, states: dict[str, str], as_of: dt.date, kind: str) -> Person | None:
    name = rec.get("name") or {}
    ids = rec.get("id") or {}
    first, last = name.get("first") or "", name.get("last") or ""
    middle, nick = name.get("middle") or "", name.get("nickname") or ""
    suffix = name.get("suffix") or ""
    if not last:
        return None
    wiki = clean(ids.get("wikipedia"))
    short = clean(f"{nick or first} {last}")
    p = Person(name=wiki or short, qid=ids.get("wikidata") or "")
    for alias in (
        name.get("official_full"),
        short,
        f"{first} {last}",
        f"{first} {middle} {last}",
        f"{nick} {last}" if nick else "",
        f"{first} {middle} {last} {suffix}" if suffix else "",
        f"{nick or first} {last} {suffix}" if suffix else "",
    ):
        p.add_alias(alias or "")
    if middle:
        p.long_forms.append(clean(f"{nick or first} {initials(middle)} {last}"))
        p.add_alias(f"{first} {initials(middle)} {last}")
    p.gender = gender_of((rec.get("bio") or {}).get("gender"))
    p.add_country("United States")
    for term in rec.get("terms") or []:
        title = congress_title(term, states, kind)
        if title:
            p.offices.append(Office(title, year(term.get("start")), held_until(term.get("end"), as_of)))
    return p


def congress_title(term: dict, states: dict[str, str], kind: str) -> str:
    t = term.get("type")
    if t == "prez":
        return "President of the United States"
    if t == "viceprez":
        return "Vice President of the United States"
    state = states.get(term.get("state") or "", term.get("state") or "")
    if t == "sen":
        return f"US Senator ({state})"
    if t == "rep":
        return f"US Representative ({state})"
    return ""


def from_congress(reader: Reader, as_of: dt.date) -> list[Person]:
    states = load_states()
    people: list[Person] = []
    for path, kind in (("legislators-current.yaml", "congress"), ("executive.yaml", "executive")):
        text = reader.read(CONGRESS, path)
        if text is None:
            print(f"build.py: {CONGRESS}:{path} absent, skipped", file=sys.stderr)
            continue
        try:
            records = parse_yaml(text)
        except SourceError as e:
            raise SourceError(f"{CONGRESS}:{path}: {e}") from None
        for rec in records or []:
            p = congress_person(rec, states, as_of, kind)
            if p:
                p.sources.add(kind)
                people.append(p)
    return people


def from_congress_historical(reader: Reader, as_of: dt.date) -> list[Person]:
    """The CSV variant of legislators-historical (one row a person, the last term only)."""
    text = reader.read(CONGRESS_HISTORICAL, "legislators-historical.csv")
    if text is None:
        print(f"build.py: {CONGRESS_HISTORICAL} absent, skipped", file=sys.stderr)
        return []
    states = load_states()
    people = []
    for row in csv_rows(text):
        rec = {
            "id": {"wikipedia": row.get("wikipedia_id")},
            "name": {
                "first": row.get("first_name"),
                "last": row.get("last_name"),
                "middle": row.get("middle_name"),
                "nickname": row.get("nickname"),
                "suffix": row.get("suffix"),
                "official_full": row.get("full_name"),
            },
            "bio": {"gender": row.get("gender")},
            "terms": [{"type": row.get("type"), "state": row.get("state")}],
        }
        p = congress_person(rec, states, as_of, "congress")
        if p:
            # The row gives the last term's office but not its years.
            p.sources.add("congress")
            people.append(p)
    return people


def from_ifg(reader: Reader, as_of: dt.date) -> list[Person]:
    """UK ministers since 1979 and the seats they held (Institute for Government)."""
    texts = {n: reader.read(IFG, f"data/{n}.csv") for n in ("person", "post", "appointment", "representation", "constituency")}
    if texts["person"] is None:
        print(f"build.py: {IFG} absent, skipped", file=sys.stderr)
        return []
    names: dict[str, list[dict]] = {}
    for row in csv_rows(texts["person"]):
        names.setdefault(row["id"], []).append(row)
    posts = {r["id"]: r for r in csv_rows(texts["post"] or "")}
    seats = {r["id"]: r["name"] for r in csv_rows(texts["constituency"] or "")}
    people: dict[str, Person] = {}
    for pid, rows in names.items():
        plain = [r for r in rows if not is_styled(r["display_name"])]
        best = (plain or rows)[-1]
        p = Person(name=clean(best["display_name"]))
        for r in rows:
            p.add_alias(r["display_name"])
            p.add_alias(r["name"])
        p.gender = gender_of(best.get("gender"))
        p.add_country("United Kingdom")
        p.sources.add("ifg")
        people[pid] = p
    for row in csv_rows(texts["appointment"] or ""):
        p, post = people.get(row["person_id"]), posts.get(row["post_id"])
        if p and post:
            title = office_title(clean(post["display_name"]), "United Kingdom")
            p.offices.append(Office(title, year(row["start_date"]), held_until(row["end_date"], as_of)))
    for row in csv_rows(texts["representation"] or ""):
        p = people.get(row["person_id"])
        if not p:
            continue
        if row["house"] == "Commons":
            seat = seats.get(row["constituency_id"], "")
            title = f"UK MP ({seat})" if seat else "UK MP"
        else:
            title = "Member of the House of Lords"
        p.offices.append(Office(title, year(row["start_date"]), held_until(row["end_date"], as_of)))
    return list(people.values())


def from_holders(reader: Reader, as_of: dt.date) -> list[Person]:
    people: dict[tuple[str, str], Person] = {}
    for repo, country in HOLDERS.items():
        text = reader.read(repo, "html/holders21.csv")
        if text is None:
            continue
        bio = {r["id"]: r for r in csv_rows(reader.read(repo, "html/bio.csv") or "")}
        spellings: dict[str, str] = {}
        for r in csv_rows(reader.read(repo, "data/wikidata.csv") or ""):
            if r.get("wdid") and r.get("name"):
                spellings[r["wdid"]] = r["name"]
        for row in csv_rows(text):
            qid, label = row.get("personID") or "", clean(row.get("person"))
            if not label or not row.get("position"):
                continue
            key = (qid or fold(label), country)
            p = people.get(key)
            if p is None:
                wiki = row.get("enwiki") or bio.get(qid, {}).get("enwiki")
                p = people[key] = Person(name=clean(wiki) or label, qid=qid)
                p.add_country(country)
                p.sources.add("holders")
            p.add_alias(label)
            if qid in spellings:
                p.add_alias(spellings[qid])
            p.gender = p.gender or gender_of(row.get("gender") or bio.get(qid, {}).get("gender"))
            title = office_title(clean(row["position"]), country)
            p.offices.append(Office(title, year(row.get("start")), held_until(row.get("end"), as_of)))
    return list(people.values())


# Head-of-state and head-of-government titles written "TITLE of COUNTRY".
OF_COUNTRY = {"President", "Vice President", "Prime Minister", "Chancellor", "Deputy Prime Minister"}
WITH_THE = {"United States", "United Kingdom", "Netherlands", "Philippines", "United Arab Emirates"}


def office_title(position: str, country: str) -> str:
    if not country or country.lower() in position.lower():
        return position
    if position in OF_COUNTRY:
        the = "the " if country in WITH_THE else ""
        return f"{position} of {the}{country}"
    return f"{position} ({country})"


def from_supplement(path: Path) -> list[Person]:
    """Hand-compiled records in the output format (heads of state and government, foreign
    ministers and international officials that the other sources lack)."""
    if not path.is_file():
        return []
    people = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 5:
            raise SourceError(f"{path}:{no}: expected 5 tab-separated columns, found {len(cols)}")
        name, aliases, gender, countries, offices = cols
        p = Person(name=clean(name), gender=gender_of(gender), sources={"supplement"})
        for a in aliases.split("|"):
            p.add_alias(a)
        for c in countries.split("|"):
            p.add_country(c.strip())
        for o in offices.split("|"):
            m = re.fullmatch(r"(.+):(\d{4})?-(\d{4})?", o.strip())
            if not m:
                raise SourceError(f"{path}:{no}: bad office {o!r}: expected TITLE:START-END")
            p.offices.append(Office(m.group(1), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None))
        people.append(p)
    return people


# ---------------------------------------------------------------------------------------------
# Merging and output


def merge(people: list[Person]) -> list[Person]:
    """One record a person: records with one Wikidata id, or with one canonical name and a
    shared country (and no two different ids), are the same person. Aliases never merge: two
    people may share one ("George Bush")."""
    by_qid: dict[str, Person] = {}
    by_name: dict[tuple[str, str], Person] = {}
    out: list[Person] = []
    for p in people:
        target = by_qid.get(p.qid) if p.qid else None
        if target is None:
            for c in p.countries or [""]:
                target = by_name.get((fold(p.name), c))
                if target and not (target.qid and p.qid and target.qid != p.qid) and not (target.sources & p.sources):
                    break
                target = None
        if target is None:
            out.append(p)
            target = p
        else:
            absorb(target, p)
        if target.qid:
            by_qid[target.qid] = target
        for c in target.countries or [""]:
            by_name.setdefault((fold(target.name), c), target)
    return out


def absorb(target: Person, p: Person) -> None:
    target.add_alias(p.name)
    for a in p.aliases:
        target.add_alias(a)
    target.gender = target.gender or p.gender
    for c in p.countries:
        target.add_country(c)
    target.offices.extend(p.offices)
    target.qid = target.qid or p.qid
    target.long_forms.extend(p.long_forms)
    target.sources |= p.sources


def tidy_offices(offices: list[Office]) -> list[Office]:
    """Joins spells of one office that touch or overlap; drops exact repeats."""
    by_title: dict[str, list[Office]] = {}
    for o in offices:
        by_title.setdefault(o.title, []).append(o)
    out = []
    for title, spells in by_title.items():
        spells.sort(key=lambda o: (o.start is None, o.start or 0))
        merged: list[Office] = []
        for o in spells:
            last = merged[-1] if merged else None
            if last and o.start is not None and last.start is not None and (last.end is None or o.start <= last.end):
                if last.end is not None and (o.end is None or o.end > last.end):
                    last.end = o.end
                continue
            if last and o.start is None and last.start is None:
                continue
            merged.append(Office(title, o.start, o.end))
        out.extend(merged)
    out.sort(key=lambda o: (o.start is None, o.start or 0, o.title))
    return out


def recent(p: Person) -> bool:
    """Held an office in FIRST_YEAR or later (or one without dates)."""
    return any(o.end is None or o.end >= FIRST_YEAR for o in p.offices)


def disambiguate(people: list[Person]) -> None:
    """A person whose name another person also goes by is named by the fuller form with
    initials ("George H. W. Bush", as "George Bush" is also George W. Bush)."""
    users: dict[str, set[int]] = {}
    for i, p in enumerate(people):
        for n in (p.name, *p.aliases):
            users.setdefault(fold(n), set()).add(i)
    for i, p in enumerate(people):
        if len(users.get(fold(p.name), ())) > 1:
            longer = [f for f in p.long_forms if len(users.get(fold(f), ())) <= 1]
            if longer:
                old, p.name = p.name, longer[0]
                p.aliases = [a for a in p.aliases if a != p.name]
                p.add_alias(old)


def render(p: Person) -> str:
    aliases = [a for a in p.aliases if fold(a) != fold(p.name) or a != p.name]
    cols = [
        p.name,
        "|".join(aliases),
        p.gender,
        "|".join(p.countries),
        "|".join(o.render() for o in p.offices),
    ]
    return "\t".join(cols)


HEADER = """\
# Public figures: politicians and office holders since {first} (see data/people/README.md).
# Built by scripts/people/build.py; do not edit by hand (add people with --people FILE).
# Sources: {sources}
# name\taliases (|)\tgender (f|m|empty)\tcountries (|)\toffices (|, TITLE:START-END, END empty while held)
"""


def check_countries(people: list[Person]) -> None:
    known = {
        line.split("\t", 1)[0]
        for line in COUNTRIES_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for p in people:
        for c in p.countries:
            if c not in known:
                raise SourceError(f"{p.name}: country {c!r} is not in {COUNTRIES_FILE.name}")


def build(reader: Reader, as_of: dt.date) -> tuple[str, int]:
    people: list[Person] = []
    people += from_congress(reader, as_of)
    people += from_congress_historical(reader, as_of)
    people += from_holders(reader, as_of)
    people += from_ifg(reader, as_of)
    people += from_supplement(reader.fixtures / "supplement.tsv" if reader.fixtures else SUPPLEMENT_FILE)
    merged = merge(people)
    check_countries(merged)
    for p in merged:
        p.offices = tidy_offices(p.offices)
    kept = [p for p in merged if recent(p)]
    disambiguate(kept)
    kept.sort(key=lambda p: (fold(p.name), p.name, "|".join(p.countries)))
    sources = ", ".join(f"{r}@{reader.commit(r)[:12]}" for r in reader.used)
    text = HEADER.format(first=FIRST_YEAR, sources=sources)
    text += "".join(render(p) + "\n" for p in kept)
    return text, len(kept)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--mirror", type=Path, help="folder of git snapshots (<owner>+<name>/repo)")
    src.add_argument("--fixtures", type=Path, help="folder of plain source files (<owner>+<name>/<path>)")
    ap.add_argument("--head", action="store_true", help="read the snapshots' HEAD, not the pinned commits")
    ap.add_argument("--as-of", default=dt.date.today().isoformat(), help="offices ending after this date are open (YYYY-MM-DD)")
    ap.add_argument("--out", default=str(ROOT / "data" / "people" / "people.tsv"), help="output file, or - for standard output")
    args = ap.parse_args(argv)
    try:
        as_of = dt.date.fromisoformat(args.as_of)
        text, n = build(Reader(args.mirror, args.fixtures, args.head), as_of)
    except (SourceError, ValueError) as e:
        print(f"build.py: {e}", file=sys.stderr)
        return 2
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"build.py: {n} people, {len(text.encode())} bytes -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
