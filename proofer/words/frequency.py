"""Word frequency in web English, from the wordfreq data package (shipped in its wheel)."""

from __future__ import annotations

from wordfreq import zipf_frequency

# wordfreq's Zipf scale: log10 of uses per billion words. 3 is about one use in a million
# words; words wordfreq never saw are 0, and the rarest words it lists are about 1.
ATTESTED = 1.0

# A plural at least this much rarer than its singular (Zipf units: 2.5 is about 300 times)
# is out of use in web English, for the speller and for the grammar rule alike. Measured on
# the dev sets: learner slips are 2.7-4 below ('pollutions', 'knowledges', 'medias',
# 'livestocks'); plurals edited and technical prose uses are 0.7-2.4 below ('sponsorships',
# 'coverages', 'workflows', 'configs', 'multicores'). No unknown word of CWEB, go-blog or
# general-prose is this far below its singular.
UNUSED_PLURAL_GAP = 2.5


class WordFrequency:
    """Zipf frequencies of English words, looked up once per word."""

    def __init__(self) -> None:
        self._seen: dict[str, float] = {}

    def zipf(self, word: str) -> float:
        """Zipf frequency of `word` (case-insensitive; a phrase is estimated from its words)."""
        key = word.lower()
        value = self._seen.get(key)
        if value is None:
            value = zipf_frequency(key, "en")
            self._seen[key] = value
        return value

    def attested(self, word: str) -> bool:
        """wordfreq lists the word: it is in use in web English."""
        return self.zipf(word) >= ATTESTED
