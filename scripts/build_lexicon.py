#!/usr/bin/env python3
"""Build rules/lexicon/derived.yaml: the word classes derived from maintained resources.

    .venv/bin/python scripts/build_lexicon.py            # write the file
    .venv/bin/python scripts/build_lexicon.py --check    # exit 1 if the file is out of date

Sources (each class says which it used):
- lemminflect (a runtime dependency): inflections, irregular pasts and participles,
  invariant and irregular plurals;
- wordfreq (a development dependency; its data ships in the wheel): how common a word is,
  and how often a noun's plural is used compared with its singular (countability);
- Princeton WordNet 3.0 as packaged by Debian (`apt-get install wordnet-base`, files in
  /usr/share/wordnet, or --wordnet DIR): the semantic field of a noun's senses (group,
  quantity, person, artifact, time ...), hypernyms (containers), the usage examples of
  its glosses ("a barrage of questions") and the sentence frames of verbs ("Somebody
  ----s that CLAUSE", "Somebody ----s somebody something").

When WordNet is absent, the classes that need it are copied unchanged from the existing
file (and --check only compares the others), so the script runs everywhere.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "rules" / "lexicon" / "derived.yaml"
DEFAULT_WORDNET = Path("/usr/share/wordnet")

# WordNet lexicographer files (the fixed numbering of the WordNet database format).
NOUN_FIELDS = {
    3: "Tops", 4: "act", 5: "animal", 6: "artifact", 7: "attribute", 8: "body", 9: "cognition",
    10: "communication", 11: "event", 12: "feeling", 13: "food", 14: "group",
    15: "location", 16: "motive", 17: "object", 18: "person", 19: "phenomenon",
    20: "plant", 21: "possession", 22: "process", 23: "quantity", 24: "relation",
    25: "shape", 26: "state", 27: "substance", 28: "time",
}
# WordNet's generic verb frames (the database format's fixed numbering).
FRAME_THAT_CLAUSE = 26  # "Somebody ----s that CLAUSE"
FRAME_IT_THAT_CLAUSE = 34  # "It ----s that CLAUSE"
FRAME_TWO_OBJECTS = 14  # "Somebody ----s somebody something"
FRAME_THING_TO_SOMEBODY = 15  # "Somebody ----s something to somebody"


# ---------------------------------------------------------------- word frequency


def zipf(word: str) -> float:
    """How common a word is: log10 of its frequency per billion words (wordfreq)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


# ---------------------------------------------------------------- lemminflect


@dataclass(frozen=True)
class Inflections:
    """lemminflect's inflection table: lemma -> Penn tag -> forms, per part of speech."""

    verbs: dict[str, dict[str, tuple[str, ...]]]
    nouns: dict[str, dict[str, tuple[str, ...]]]


def _participles(forms: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """lemminflect leaves out the participle of a verb whose participle is its past."""
    return forms.get("VBN") or forms.get("VBD", ())


@cache
def inflections() -> Inflections:
    import lemminflect
    from lemminflect import getAllInflections

    table = Path(lemminflect.__file__).parent / "resources" / "infl_lu.csv.gz"
    verbs: dict[str, dict[str, tuple[str, ...]]] = {}
    nouns: dict[str, dict[str, tuple[str, ...]]] = {}
    with gzip.open(table, "rt", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            lemma, upos = row[0], row[1]
            if not lemma.isalpha() or not lemma.islower():
                continue
            if upos == "verb":
                verbs[lemma] = getAllInflections(lemma, upos="VERB")
            elif upos == "noun":
                nouns[lemma] = getAllInflections(lemma, upos="NOUN")
    return Inflections(verbs, nouns)


def verb_lemmas(min_zipf: float) -> Iterator[str]:
    for lemma in sorted(inflections().verbs):
        if zipf(lemma) >= min_zipf:
            yield lemma


def irregular_past() -> list[str]:
    """Simple past forms that are not also the participle ("broke", "went", not "got":
    "gotten" is over 10 times rarer than "got", which serves as the participle too)."""
    verbs = inflections().verbs
    out = set()
    for lemma in verb_lemmas(3.5):
        forms = verbs[lemma]
        if len(forms.get("VBD", ())) > 1:
            continue  # spelling variants ("learned", "learnt") are participles as well
        participles = _participles(forms)
        for past in forms.get("VBD", ()):
            if past == lemma or past in participles:
                continue
            # "has got": when the separate participle is over 10 times rarer than the
            # past ("gotten"), the past form serves as the participle too
            if max(zipf(p) for p in participles) < zipf(past) - 1.0:
                continue
            out.add(past)
    return sorted(w for w in out if zipf(w) >= 3.0 and w.isalpha())


def irregular_participle() -> list[str]:
    """Past participles that are not also the simple past or a verb's base form."""
    verbs = inflections().verbs
    out = set()
    for lemma in verb_lemmas(3.5):
        forms = verbs[lemma]
        for participle in _participles(forms):
            if (
                participle != lemma
                and participle not in forms.get("VBD", ())
                and participle not in verbs
            ):
                out.add(participle)
    return sorted(w for w in out if zipf(w) >= 3.0 and w.isalpha())


def invariant_plural() -> list[str]:
    """Nouns ending in -s whose singular and plural are the same word ("news", "series").

    lemminflect lists the word as its own singular and plural; singulars that merely end
    in -s ("campus", "analysis", "chess") are left out, and so is a regular plural unless
    it is more common than its singular ("physics", "savings").
    """
    nouns = inflections().nouns
    out = []
    for lemma, forms in nouns.items():
        if not lemma.endswith("s") or lemma.endswith(("ss", "us", "is", "ness")):
            continue
        if lemma not in forms.get("NNS", ()) or zipf(lemma) < 3.0:
            continue
        stems = [lemma[:-1], lemma[:-2]] if lemma.endswith("es") else [lemma[:-1]]
        regular = [s for s in stems if lemma in nouns.get(s, {}).get("NNS", ())]
        if regular and zipf(lemma) < max(zipf(s) for s in regular):
            continue
        out.append(lemma)
    return sorted(out)


def irregular_plural() -> list[str]:
    """Plural nouns without a final -s ("people", "children", "data", "criteria")."""
    out = set()
    for lemma, forms in inflections().nouns.items():
        for plural in forms.get("NNS", ()):
            if plural != lemma and not plural.endswith("s") and zipf(plural) >= 3.0:
                out.add(plural)
    return sorted(out)


@cache
def everyday_plurals() -> dict[str, str]:
    """The lexicon's own $everyday_plural map ("person" -> "people")."""
    closed = yaml.safe_load((OUTPUT.parent / "closed.yaml").read_text("utf-8"))
    return {str(k): str(v) for k, v in closed["everyday_plural"]["pairs"].items()}


def plural_share(lemma: str) -> float | None:
    """zipf(most common plural) - zipf(singular): near 0 for count nouns, far below for mass."""
    forms = inflections().nouns.get(lemma, {})
    plurals = [p for p in forms.get("NNS", ()) if p != lemma]
    if lemma in everyday_plurals():
        plurals.append(everyday_plurals()[lemma])
    if not plurals:
        return None
    return max(zipf(p) for p in plurals) - zipf(lemma)


def only_noun(word: str) -> bool:
    """lemminflect knows the word as a noun and never as an adjective or adverb."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    return "NOUN" in lemmas and "ADJ" not in lemmas and "ADV" not in lemmas


# ---------------------------------------------------------------- WordNet


@dataclass
class WordNet:
    """A reader for the WordNet 3.0 database files (index.*, data.*)."""

    root: Path
    _index: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    _data: dict[str, bytes] = field(default_factory=dict)

    def senses(self, word: str, pos: str) -> list[int]:
        """Synset offsets of `word` ("n" or "v"), most frequent sense first."""
        if pos not in self._index:
            index: dict[str, list[int]] = {}
            for line in (self.root / f"index.{_POS_FILE[pos]}").read_text("utf-8").splitlines():
                if line.startswith(" "):
                    continue
                parts = line.split()
                synset_count = int(parts[2])
                index[parts[0]] = [int(o) for o in parts[-synset_count:]]
            self._index[pos] = index
        return self._index[pos].get(word, [])

    def words(self, pos: str) -> list[str]:
        self.senses("", pos)
        return sorted(self._index[pos])

    def synset(self, offset: int, pos: str) -> Synset:
        if pos not in self._data:
            self._data[pos] = (self.root / f"data.{_POS_FILE[pos]}").read_bytes()
        data = self._data[pos]
        line = data[offset : data.index(b"\n", offset)].decode("utf-8")
        return Synset.parse(line)

    def hypernym_closure(self, offset: int) -> set[int]:
        seen: set[int] = set()
        todo = [offset]
        while todo:
            current = todo.pop()
            for parent in self.synset(current, "n").hypernyms:
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen


_POS_FILE = {"n": "noun", "v": "verb"}


@dataclass(frozen=True)
class Synset:
    lexfile: int
    words: tuple[str, ...]
    hypernyms: tuple[int, ...]
    frames: frozenset[int]
    gloss: str

    @staticmethod
    def parse(line: str) -> Synset:
        head, _, gloss = line.partition(" | ")
        parts = head.split()
        lexfile = int(parts[1])
        word_count = int(parts[3], 16)
        words = tuple(parts[4 + 2 * i].lower() for i in range(word_count))
        at = 4 + 2 * word_count
        pointer_count = int(parts[at])
        hypernyms = []
        for i in range(pointer_count):
            symbol, target = parts[at + 1 + 4 * i], parts[at + 2 + 4 * i]
            if symbol in ("@", "@i"):
                hypernyms.append(int(target))
        rest = parts[at + 1 + 4 * pointer_count :]
        frames: set[int] = set()
        if rest and rest[0].isdigit():
            for i in range(int(rest[0])):
                frames.add(int(rest[2 + 3 * i]))
        return Synset(lexfile, words, tuple(hypernyms), frozenset(frames), gloss)


def _first_senses(wordnet: WordNet, word: str, pos: str, count: int) -> list[Synset]:
    return [wordnet.synset(o, pos) for o in wordnet.senses(word, pos)[:count]]


def _noun_field(wordnet: WordNet, word: str) -> str | None:
    senses = _first_senses(wordnet, word, "n", 1)
    return NOUN_FIELDS.get(senses[0].lexfile) if senses else None


def _common_nouns(wordnet: WordNet, min_zipf: float) -> Iterator[str]:
    for word in wordnet.words("n"):
        if word.isalpha() and word.islower() and zipf(word) >= min_zipf:
            yield word


def unchanged_plural(wordnet: WordNet) -> list[str]:
    """Nouns whose plural may be the word itself ("sheep", "fish", "aircraft").

    lemminflect lists the word among its own plurals and any other plural is rare
    (wordfreq: "fishes" next to "fish"), and WordNet's first sense is an animal or an
    artifact (mass nouns are listed so too, but are not things one counts).
    """
    out = []
    for lemma, forms in inflections().nouns.items():
        if lemma not in forms.get("NNS", ()) or lemma.endswith("s") or zipf(lemma) < 3.0:
            continue
        other = plural_share(lemma)
        if other is not None and other > -1.0:
            continue  # "eggs" is the everyday plural of "egg"; "fishes" is rare next to "fish"
        if _noun_field(wordnet, lemma) in ("animal", "artifact"):
            out.append(lemma)
    return sorted(out)


def quantity_noun(wordnet: WordNet) -> list[str]:
    """Nouns that measure, contain or gather what follows "of": "a pile of", "a cup of".

    One of the noun's first two senses is an indefinite quantity ("pile", "smattering"),
    a unit, a large number ("dozen"), a collection, an animal group or a gathering
    ("flock", "crowd"); or it is a container with a measure named after it ("cup":
    "cupful").
    """
    roots = {
        wordnet.senses(word, "n")[0]
        for word in (
            "indefinite_quantity", "collection", "animal_group", "gathering",
            "unit_of_measurement", "large_integer",
        )
    }
    container = wordnet.senses("container", "n")[0]
    # "a barrage of questions": the noun before "of" and a plural after it
    out: set[str] = set()
    large_number = wordnet.senses("large_integer", "n")[0]
    for word in _common_nouns(wordnet, 2.5):
        offsets = wordnet.senses(word, "n")
        if offsets and large_number in wordnet.hypernym_closure(offsets[0]):
            out.add(word)  # "hundred", "dozen": numbers, also adjectives to lemminflect
            continue
        if not only_noun(word):
            continue
        gathers = any(roots & ({o} | wordnet.hypernym_closure(o)) for o in offsets[:2])
        holds = bool(wordnet.senses(word + "ful", "n")) and any(
            container in wordnet.hypernym_closure(o) for o in offsets[:2]
        )
        if gathers or holds:
            out.add(word)
    return sorted(w for w in out if zipf(w) >= 2.5)


def of_phrase_noun(wordnet: WordNet) -> list[str]:
    """Nouns that WordNet's own usage examples put before "of" and a plural: "a barrage of
    questions", "a slew of journalists", "a flood of letters"."""
    example = re.compile(r'"(?:[^"]*\s)?(?:a|an)\s+(?:\w+\s+)?([a-z]+)\s+of\s+[a-z]+[^s"]s\b')
    out: set[str] = set()
    for word in _common_nouns(wordnet, 2.5):
        for offset in wordnet.senses(word, "n"):
            synset = wordnet.synset(offset, "n")
            out.update(
                m.group(1) for m in example.finditer(synset.gloss) if m.group(1) in synset.words
            )
    return sorted(w for w in out if zipf(w) >= 2.5)


def collective_noun(wordnet: WordNet) -> list[str]:
    """Singular nouns naming a group, which may take a plural verb ("the team are")."""
    return sorted(
        w
        for w in _common_nouns(wordnet, 3.5)
        if _noun_field(wordnet, w) == "group" and not w.endswith("s") and only_noun(w)
    )


def measure_noun(wordnet: WordNet) -> list[str]:
    """Units of time, money and measure ("minute", "dollar", "mile"): "ten minutes is".

    One of the word's first two senses is a unit of measurement or of time in WordNet (or
    its first sense a period of time: "week", "year"), and
    the word is mostly a noun: never an adjective or adverb, or with a plural in common use
    ("minute", "minutes"). Abbreviations of two letters are left out.
    """
    roots = {wordnet.senses(w, "n")[0] for w in ("unit_of_measurement", "time_unit")}
    period = wordnet.senses("time_period", "n")[0]
    return sorted(
        w
        for w in _common_nouns(wordnet, 3.5)
        if len(w) > 2
        and (only_noun(w) or (plural_share(w) or -9.0) > -1.0)
        and (
            any(roots & wordnet.hypernym_closure(o) for o in wordnet.senses(w, "n")[:2])
            or period in wordnet.hypernym_closure(wordnet.senses(w, "n")[0])
        )
    )


def mass_noun(wordnet: WordNet) -> list[str]:
    """Nouns whose plural is rare next to the singular: "information", "advice", "music".

    The plural is at least 60 times rarer than the singular (wordfreq), or lemminflect
    knows no plural but the word itself ("furniture"); the word is common
    and a noun in WordNet and lemminflect, never an adjective or adverb nor an inflected
    verb ("saw", "felt"), and its first sense is not a person, place, group, unit, time,
    animal, plant or body part (whose singular is common for other reasons: "staff").
    """
    from lemminflect import getAllLemmas

    countable_fields = {
        "person", "location", "group", "quantity", "time", "animal", "plant", "body", "object",
    }
    out = []
    for word in _common_nouns(wordnet, 3.5):
        share = plural_share(word)
        if share is None and inflections().nouns.get(word, {}).get("NNS") == (word,):
            share = -9.0  # lemminflect knows no plural but the word itself ("furniture")
        if share is None or share > -1.8 or not only_noun(word):
            continue
        if any(lemma != word for lemma in getAllLemmas(word).get("VERB", ())):
            continue
        if _noun_field(wordnet, word) not in countable_fields:
            out.append(word)
    return sorted(out)


def count_noun(wordnet: WordNet) -> list[str]:
    """Everyday countable nouns for people, things and places ("friend", "car", "city").

    Common (zipf >= 4.2), never an adjective or adverb, not an -ing form, the plural in
    everyday use (at most 4 times rarer than the singular: "space" and "food", often
    uncounted, are out), and WordNet's first sense names a person, an artifact, a place,
    an animal or an object (or is one of WordNet's top nouns, "person").
    """
    fields = {"Tops", "person", "artifact", "location", "animal", "object"}
    return [w for w in _countable(wordnet, fields, -0.6) if not w.endswith("ing")]


def abstract_count_noun(wordnet: WordNet) -> list[str]:
    """Everyday countable nouns for thoughts, messages and acts ("idea", "problem", "job").

    Common (zipf >= 4.2), never an adjective or adverb, the plural at most 5 times rarer
    than the singular, and WordNet's first sense a thought, message, act, state or event.
    Such nouns are also used uncounted ("a lot of opportunity").
    """
    fields = {"cognition", "communication", "act", "state", "event"}
    return _countable(wordnet, fields, -0.7)


def _countable(wordnet: WordNet, kinds: set[str], min_share: float) -> list[str]:
    out = []
    for word in _common_nouns(wordnet, 4.2):
        share = plural_share(word)
        if share is None or share < -1.0 or not only_noun(word):
            continue
        field = _noun_field(wordnet, word)
        if field in kinds and share >= min_share:
            out.append(word)
    return sorted(out)


def person_noun(wordnet: WordNet) -> list[str]:
    """Countable nouns for people ("student", "user", "teacher"): WordNet's first sense is
    a person, the word is common (zipf >= 3.5) and its plural in everyday use."""
    out = []
    for word in _common_nouns(wordnet, 3.5):
        share = plural_share(word)
        countable = share is not None and share >= -1.0 and only_noun(word)
        if countable and _noun_field(wordnet, word) == "person":
            out.append(word)
    return sorted(out)


VERB_COGNITION, VERB_COMMUNICATION, VERB_PERCEPTION, VERB_EMOTION = 31, 32, 39, 37


def place_verb(wordnet: WordNet) -> list[str]:
    """Verbs of going and staying without an object ("arrive", "remain", "wait", "sit"):
    WordNet's first sense has an intransitive frame ("Somebody ----s", "... PP",
    "... Adjective") and no transitive one; "they stayed there days"."""
    intransitive = {1, 2, 4, 6, 7, 22}
    transitive = {8, 9, 10, 11}
    out = []
    for lemma in verb_lemmas(3.5):
        senses = _first_senses(wordnet, lemma, "v", 1)
        if senses and senses[0].frames & intransitive and not senses[0].frames & transitive:
            out.append(lemma)
    return out


def _verbs_with_frames(wordnet: WordNet, frames: set[int], senses: int) -> list[str]:
    out = []
    for lemma in verb_lemmas(3.5):
        if any(s.frames & frames for s in _first_senses(wordnet, lemma, "v", senses)):
            out.append(lemma)
    return out


def clause_verb(wordnet: WordNet) -> list[str]:
    """Verbs of thinking, saying and perceiving that take a "that" clause in their first
    sense ("think", "say", "know", "hope", "notice"): frame "Somebody ----s that CLAUSE"."""
    fields = {VERB_COGNITION, VERB_COMMUNICATION, VERB_PERCEPTION, VERB_EMOTION}
    return [
        lemma
        for lemma in verb_lemmas(3.5)
        if any(
            FRAME_THAT_CLAUSE in s.frames and s.lexfile in fields
            for s in _first_senses(wordnet, lemma, "v", 2)
        )
    ]


def ditransitive_verb(wordnet: WordNet) -> list[str]:
    """Verbs that take two objects ("give them answers", "send him a card") in one of their
    first two senses."""
    return _verbs_with_frames(wordnet, {FRAME_TWO_OBJECTS, FRAME_THING_TO_SOMEBODY}, 2)


# ---------------------------------------------------------------- the file


@dataclass(frozen=True)
class ClassBuilder:
    name: str
    source: str
    build: Callable[[], list[str]] | None = None
    build_wordnet: Callable[[WordNet], list[str]] | None = None

    @property
    def doc(self) -> str:
        function = self.build or self.build_wordnet
        assert function is not None and function.__doc__
        return " ".join(function.__doc__.split("\n\n")[0].split())


BUILDERS = (
    ClassBuilder("irregular_past", "lemminflect, wordfreq", build=irregular_past),
    ClassBuilder("irregular_participle", "lemminflect, wordfreq", build=irregular_participle),
    ClassBuilder("invariant_plural", "lemminflect, wordfreq", build=invariant_plural),
    ClassBuilder("irregular_plural", "lemminflect, wordfreq", build=irregular_plural),
    ClassBuilder("unchanged_plural", "lemminflect, WordNet, wordfreq",
                 build_wordnet=unchanged_plural),
    ClassBuilder("mass_noun", "wordfreq, lemminflect, WordNet", build_wordnet=mass_noun),
    ClassBuilder("count_noun", "wordfreq, lemminflect, WordNet", build_wordnet=count_noun),
    ClassBuilder("abstract_count_noun", "wordfreq, lemminflect, WordNet",
                 build_wordnet=abstract_count_noun),
    ClassBuilder("person_noun", "WordNet, wordfreq, lemminflect", build_wordnet=person_noun),
    ClassBuilder("collective_noun", "WordNet, wordfreq", build_wordnet=collective_noun),
    ClassBuilder("quantity_noun", "WordNet, wordfreq", build_wordnet=quantity_noun),
    ClassBuilder("of_phrase_noun", "WordNet usage examples, wordfreq",
                 build_wordnet=of_phrase_noun),
    ClassBuilder("measure_noun", "WordNet, wordfreq, lemminflect", build_wordnet=measure_noun),
    ClassBuilder("clause_verb", "WordNet verb frames, wordfreq", build_wordnet=clause_verb),
    ClassBuilder("ditransitive_verb", "WordNet verb frames, wordfreq",
                 build_wordnet=ditransitive_verb),
    ClassBuilder("place_verb", "WordNet verb fields, wordfreq", build_wordnet=place_verb),
)

HEADER = """\
# Word classes derived from maintained resources. GENERATED: do not edit by hand.
# Rebuild with `.venv/bin/python scripts/build_lexicon.py` (see its docstring for the
# sources); tests/test_lexicon.py checks that this file matches what the script builds.
"""


def render(classes: dict[str, dict[str, object]]) -> str:
    """The YAML text: one class per block, its words wrapped at 100 columns."""
    lines = [HEADER]
    for name, entry in classes.items():
        lines.append(f"{name}:")
        lines.append(f"  doc: {yaml.safe_dump(entry['doc'], width=10**6).splitlines()[0]}")
        lines.append(f"  source: {entry['source']}")
        words = list(entry["words"])  # type: ignore[call-overload]
        lines.append(f"  count: {len(words)}")
        lines.append("  words: [")
        row = "   "
        for word in words:
            item = f" {word},"
            if len(row) + len(item) > 100:
                lines.append(row)
                row = "   "
            row += item
        lines.append(row)
        lines.append("  ]")
        lines.append("")
    return "\n".join(lines)


Classes = dict[str, dict[str, object]]


def build(wordnet_dir: Path, existing: Classes) -> Classes:
    wordnet = WordNet(wordnet_dir) if (wordnet_dir / "data.noun").is_file() else None
    classes: dict[str, dict[str, object]] = {}
    for builder in BUILDERS:
        if builder.build is not None:
            words = builder.build()
        elif wordnet is not None and builder.build_wordnet is not None:
            words = builder.build_wordnet(wordnet)
        elif builder.name in existing:
            classes[builder.name] = existing[builder.name]
            continue
        else:
            raise SystemExit(f"{builder.name} needs WordNet: apt-get install wordnet-base")
        classes[builder.name] = {"doc": builder.doc, "source": builder.source, "words": words}
    return classes


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the file, write nothing")
    parser.add_argument("--wordnet", type=Path, default=DEFAULT_WORDNET)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(list(argv) if argv is not None else None)
    existing = yaml.safe_load(args.output.read_text("utf-8")) if args.output.is_file() else {}
    text = render(build(args.wordnet, existing or {}))
    if args.check:
        current = args.output.read_text("utf-8") if args.output.is_file() else ""
        if current != text:
            print(f"{args.output} is out of date: run scripts/build_lexicon.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
