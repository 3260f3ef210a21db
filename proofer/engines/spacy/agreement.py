"""Subject–verb agreement in clear cases, read from spaCy's dependency parse.

Only subjects whose number is certain are used: he/she/it, you/we/they, plural nouns
that are not invariant ("news", "series"), singular count nouns that are not collective
("team", "staff"), and "one/each of ...". Coordinated subjects, measure phrases
("ten dollars is") and inverted or subjunctive clauses are left alone.
"""

from __future__ import annotations

from lemminflect import getAllLemmas, getInflection
from spacy.tokens import Token

from proofer.lexicon import default_lexicon

SINGULAR, PLURAL = "singular", "plural"

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_PLURAL_PRONOUNS = frozenset({"we", "they"})
_SINGULAR_OF_HEADS = frozenset({"one", "each", "every"})
# Pronouns and determiners standing as subjects whose number is open ("all", "who").
_OPEN_NUMBER_WORDS = frozenset({"all", "any", "most", "some", "more", "enough", "none", "half"})
_RELATIVES = frozenset({"who", "which", "that", "what", "whatever"})


def _words(name: str) -> frozenset[str]:
    return default_lexicon().words(name)


def _open_number_noun(lemma: str) -> bool:
    """A singular noun whose verb may be plural: collective ("team"), quantity ("lot"),
    partitive ("part"), number words, or a noun that is also a plural ("fish", "data")."""
    return (
        lemma in _OPEN_NUMBER_WORDS
        or lemma in _RELATIVES
        or lemma in _words("collective_noun")
        or lemma in _words("partitive_noun")
        or lemma in _words("quantity_noun")
        or lemma in _words("irregular_plural")
        or lemma in _words("unchanged_plural")
        or lemma in _words("invariant_plural")
    )


def clause_subject(verb: Token) -> Token | None:
    """The subject of the clause whose first finite verb or auxiliary is `verb`."""
    head = verb.head if verb.dep_ in ("aux", "auxpass") else verb
    subjects = [c for c in head.children if c.dep_ in _SUBJECT_DEPS]
    if len(subjects) != 1 or subjects[0].i > verb.i:
        return None
    earlier_aux = [
        c for c in head.children if c.dep_ in ("aux", "auxpass") and subjects[0].i < c.i < verb.i
    ]
    return None if earlier_aux else subjects[0]


def subject_number(subject: Token) -> str | None:
    """SINGULAR, PLURAL, or None when the number is not certain."""
    lower = subject.lower_
    edge = subject.left_edge
    open_quantifier = edge.lower_ in _words("number_quantifier")
    if open_quantifier and edge.i + 1 < subject.i and edge.nbor().pos_ == "DET":
        return None  # "Each the functions returns": the missing "of" decides the number
    if any(c.dep_ in ("conj", "cc", "nummod", "appos") for c in subject.children):
        return None
    if subject.pos_ == "PRON":
        if lower in _words("singular_indefinite_pronoun") or lower in ("he", "she", "it"):
            return SINGULAR
        if lower in _PLURAL_PRONOUNS:
            return PLURAL
        if lower in _SINGULAR_OF_HEADS and _has_of(subject):
            return SINGULAR
        return None
    if lower in _SINGULAR_OF_HEADS and _has_of(subject):
        return SINGULAR
    if not (subject.is_lower or _capitalised_first_word(subject)) or not _determined(subject):
        return None
    if subject.tag_ == "NNS" and not _invariant(lower) and lower != subject.lemma_:
        return PLURAL
    if (
        subject.tag_ == "NN"
        and not _open_number_noun(subject.lemma_)
        and not _open_number_noun(lower)
        and not lower.endswith("s")
    ):
        return SINGULAR
    return None


def bare_noun_number(subject: Token) -> str | None:
    """The number of a subject noun without a determiner ("professor oppose", "animals is").

    Only used against the verb form that a bare noun of that number can never take:
    a bare singular count noun with a plural verb, a bare plural with a singular verb.
    """
    if any(c.dep_ != "amod" for c in subject.children) or not subject.is_alpha:
        return None
    if not (subject.is_lower or _capitalised_first_word(subject)):
        return None
    before = subject.left_edge.i - 1
    if before >= subject.sent.start and subject.doc[before].pos_ not in (
        "PUNCT", "CCONJ", "SCONJ", "ADV"
    ):
        return None  # "Seeing consistencies between samples allows": part of a larger subject
    lower = subject.lower_
    if subject.tag_ == "NNS" and not _invariant(lower) and lower != subject.lemma_:
        return PLURAL
    if (
        subject.tag_ == "NN"
        and not _open_number_noun(subject.lemma_)
        and not _open_number_noun(lower)
        and not lower.endswith("s")
    ):
        return SINGULAR
    return None


def _invariant(lower: str) -> bool:
    """A noun that looks plural but takes a singular verb ("news", "maths", "ethics")."""
    return (
        lower in _words("invariant_plural")
        or lower in _words("singular_plural_form")
        or lower.endswith("ics")
    )


def _capitalised_first_word(token: Token) -> bool:
    """A common noun capitalised only because it opens the sentence ("History tells")."""
    return (
        token.i == token.sent.start
        and (token.i == 0 or token.doc[token.i - 1].text in (".", "!", "?"))
        and token.pos_ == "NOUN"
        and token.text[:1].isupper()
        and token.text[1:].islower()
        and bool(getAllLemmas(token.lower_))
    )


def relative_antecedent(subject: Token) -> Token | None:
    """For "who/which/that" subjecting a relative clause, the noun right before it."""
    if subject.lower_ not in ("who", "which", "that") or subject.head.dep_ != "relcl":
        return None
    antecedent = subject.head.head
    if antecedent.i != subject.i - 1 or antecedent.pos_ != "NOUN" or _has_of(antecedent):
        return None  # "one of the people who are": the clause may belong to "people"
    verb = subject.head
    if verb.i != subject.i + 1 or verb.tag_ not in ("VBZ", "VBP") or not verb.is_lower:
        return None
    if antecedent.dep_ == "pobj" or verb.lower_ == "read":
        return None  # "things about a program that are": the clause may skip the nearest noun
    return antecedent


def verb_number(verb: Token) -> str | None:
    """The number a finite present-tense verb or was/were shows, else None."""
    lower = verb.lower_
    if lower in ("was", "is", "has", "does") or (verb.tag_ == "VBZ" and lower.endswith("s")):
        return SINGULAR
    if lower in ("were", "are", "have", "do") or verb.tag_ in ("VBP", "VB"):
        return PLURAL
    if verb_read_as_noun(verb):
        return PLURAL
    return None


def verb_read_as_noun(token: Token) -> bool:
    """A base-form verb the tagger called a noun but parsed as the clause's predicate,
    right after its subject ("My brother work at the hospital")."""
    if token.tag_ != "NN" or token.dep_ != "ROOT" or not token.is_lower:
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or subjects[0].i != token.i - 1:
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is None or following.pos_ not in ("ADP", "DET", "ADV", "PRON"):
        return False
    return token.lower_ in getAllLemmas(token.lower_).get("VERB", ())


def agreement_mismatch(verb: Token) -> bool:
    """True when `verb` clearly disagrees in number with its subject."""
    if verb.tag_ == "NN":
        if not verb_read_as_noun(verb):
            return False
    elif verb.tag_ not in ("VBZ", "VBP", "VBD", "VB") or (
        verb.tag_ == "VBD" and verb.lower_ not in ("was", "were")
    ):
        return False
    if _in_exempt_clause(verb) or _not_a_plain_verb(verb):
        return False
    subject = clause_subject(verb)
    if subject is None or not _plain_subject(subject, verb):
        return False
    if verb.tag_ == "VB" and not _bare_clause_subject(subject, verb):
        return False
    wanted, shown = _wanted_number(subject, verb), verb_number(verb)
    if wanted is None or shown is None or wanted == shown:
        return False
    if verb.lower_ == "were" and wanted == SINGULAR and _irrealis(verb):
        return False  # "if it were", "I wish he were", "as it were"
    return subject.lower_ not in ("i", "you")  # "I have", "you have" are fine


def _not_a_plain_verb(verb: Token) -> bool:
    """The word may not be a finite verb of its own: not a dictionary verb form (archaic
    "seeth", a misspelling), modal "need"/"dare" ("a person need not"), a noun after an
    adjective ("negative affect on"), or a verb after two nouns, which opens a relative
    clause without "that" ("the tasks hosts have", "the knowledge participants need")."""
    lower = verb.lower_
    if verb.tag_ != "NN" and not (
        getAllLemmas(lower, upos="VERB") or getAllLemmas(lower, upos="AUX")
    ):
        return True
    if verb.lemma_ in ("need", "dare") and verb.dep_ == "aux":
        return True
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is None:
        return False
    if before.tag_ == "JJ":
        return True
    return (
        before.pos_ == "NOUN"
        and verb.i > 1
        and verb.doc[verb.i - 2].pos_ == "NOUN"
        and before.tag_ == "NNS"
        and verb_number(verb) == PLURAL
    )


def _wanted_number(subject: Token, verb: Token) -> str | None:
    """The number the verb must show for this subject, when it is certain."""
    antecedent = relative_antecedent(subject)
    if antecedent is not None:
        return subject_number(antecedent)
    number = subject_number(subject)
    if number is not None:
        return number
    bare = bare_noun_number(subject)
    # A bare singular noun with "is" is fine ("Water is"); only the plural verb is wrong.
    return bare if bare is not None and bare != verb_number(verb) else None


def agreeing_form(verb: Token) -> str:
    """The form of `verb` that agrees with its subject, keeping the tense."""
    subject = clause_subject(verb)
    wanted = _wanted_number(subject, verb) if subject is not None else None
    lower = verb.lower_
    singular = {"were": "was", "are": "is", "have": "has", "do": "does"}
    plural = {"was": "were", "is": "are", "has": "have", "does": "do"}
    if wanted == SINGULAR:
        if lower in singular:
            return singular[lower]
        forms = getInflection(verb.lemma_ or lower, tag="VBZ")
        return forms[0] if forms else verb.text
    if lower in plural:
        return plural[lower]
    return verb.lemma_ or verb.text


def _irrealis(verb: Token) -> bool:
    """An "if", "wish", "as if" or "though" earlier in the sentence: "were" may be subjunctive."""
    before = verb.doc[verb.sent.start : verb.i]
    return any(t.lower_ in _words("irrealis_trigger") for t in before)


def _plain_subject(subject: Token, verb: Token) -> bool:
    """Subject and verb are cleanly adjacent: nothing between them but the subject's own
    modifiers (and adverbs), no punctuation, no coordination before the subject, and no
    noun/verb ambiguity ("the second matches requests")."""
    between = verb.doc[subject.i + 1 : verb.i]
    subtree = {t.i for t in subject.subtree}
    if len(between) > 8 or any(
        t.is_punct or (t.pos_ == "VERB" and not _reduced_relative(t, subject))
        for t in between
    ):
        return False
    if any(t.i not in subtree and t.pos_ not in ("ADV", "PART", "AUX") for t in between):
        return False
    start = subject.left_edge.i
    if start > verb.sent.start and (
        (
            verb.doc[start - 1].pos_ == "CCONJ"
            and start - 1 > verb.sent.start
            # ", but history tell us": a new clause, when the subject is a bare noun that
            # cannot hide a coordination ("the length of each bar and row ordering are")
            and not (
                verb.doc[start - 2].text == ","
                and all(c.dep_ == "amod" for c in subject.children)
            )
        )
        or (subject.pos_ == "PRON" and verb.doc[start - 1].lower_ in _words("preposition"))
    ):
        return False  # "Go 1 and every release after it have ..."
    head = verb.head if verb.dep_ in ("aux", "auxpass") else verb
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in head.children):
        return False  # "As an example consider ..."
    if subject.left_edge.pos_ not in ("DET", "PRON", "NOUN", "PROPN", "ADJ", "NUM"):
        return False
    # "the second matches requests": an -s word that is also a plural noun, right after
    # another such word, may be a noun.
    return not (
        verb.tag_ == "VBZ"
        and verb.lower_ not in ("is", "was", "has", "does")
        and getAllLemmas(verb.lower_, upos="NOUN")
        and verb.doc[verb.i - 1].tag_ in ("VBZ", "NNS", "NNPS")
    )


def _reduced_relative(verb: Token, subject: Token) -> bool:
    """A participle describing the subject ("the points made in the lecture") or a noun
    inside it ("the list of required documents")."""
    if verb.tag_ not in ("VBN", "VBG"):
        return False
    if verb.dep_ == "acl":
        return verb.head.i == subject.i and verb.tag_ == "VBN"
    return verb.dep_ == "amod" and verb.head.i in {t.i for t in subject.subtree}


def _bare_clause_subject(subject: Token, verb: Token) -> bool:
    """A base-form verb right after a subject that opens its clause ("my brother go")."""
    if verb.dep_ != "ROOT" or verb.i != subject.i + 1:
        return False
    start = subject.left_edge.i
    return start == verb.sent.start or verb.doc[start - 1].pos_ not in ("ADP", "VERB", "SCONJ")


def _determined(noun: Token) -> bool:
    """The noun has a determiner or possessive ("the answers", "my brother")."""
    return any(c.dep_ in ("det", "poss") for c in noun.children)


def _has_of(token: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def _in_exempt_clause(verb: Token) -> bool:
    head = verb.head if verb.dep_ in ("aux", "auxpass") else verb
    if verb.tag_ == "VB" and (head.dep_ != "ROOT" or any(c.dep_ == "aux" for c in head.children)):
        return True
    if any(c.dep_ == "expl" for c in head.children):
        return True
    marks = {c.lower_ for c in head.children if c.dep_ == "mark"}
    if "lest" in marks or ("that" in marks and _subjunctive_context(verb)):
        return True
    governor = head.head
    governors = _words("causative_verb") | _words("subjunctive_trigger")
    if governor.i != head.i and governor.lemma_ in governors:
        return True
    sentence = verb.sent
    return sentence.text.rstrip().endswith("?")


def _subjunctive_context(verb: Token) -> bool:
    """A base form after "insist that", "it is important that" ... may be subjunctive."""
    if verb.tag_ not in ("VB", "VBP") or verb.lower_ in ("are", "were"):
        return False
    before = verb.doc[verb.sent.start : verb.i]
    return any(t.lemma_.lower() in _words("subjunctive_trigger") for t in before)
