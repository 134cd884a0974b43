"""Which sentences can carry an event, read from their words alone, before any parse.

Parsing is most of the cost of coding, and most news sentences cannot give an
event: the coder only codes a verb or noun of the lexicon, and a verb entry that
needs an object, a particle or a preposition ("hold talks", "pull out", "call
for") only fires when that word is there too. This test asks the same question
of the bare words, erring on the side of keeping: a sentence it drops has no
word any lexicon entry could fire on, so parsing it could not have coded an event.

>>> from herodotus.coding.lexicon import Lexicon
>>> words = TriggerWords.build(Lexicon.load(), {"met": frozenset({"meet"})})
>>> words.can_carry(["kim", "met", "putin", "."])
True
>>> words.can_carry(["the", "weather", "was", "mild", "."])
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from herodotus.coding.coder import lemma_candidates
from herodotus.coding.lexicon import Lexicon, NounEntry, VerbEntry


@dataclass(frozen=True)
class TriggerWords:
    """The lexicon seen from the surface: every form that may be one of its lemmas."""

    verbs: Mapping[str, tuple[VerbEntry, ...]]
    nouns: Mapping[str, tuple[NounEntry, ...]]
    # Irregular forms and the lemmas the model's lemmatizer gives them ("met" -> "meet").
    exceptions: Mapping[str, frozenset[str]]
    # Words and lemmas without which a sentence holds no quotation (marks, speech verbs).
    quote_cues: frozenset[str] = frozenset()
    # Each word seen so far and its lemmas that some entry has: most words have none,
    # and a sentence without such a word is answered from this table alone.
    _heads: dict[str, frozenset[str]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    # Words remembered in ``_heads``; past it the table starts afresh.
    MAX_REMEMBERED = 200_000

    @classmethod
    def build(
        cls,
        lexicon: Lexicon,
        exceptions: Mapping[str, frozenset[str]],
        quote_cues: Iterable[str] = (),
    ) -> TriggerWords:
        return cls(lexicon.verbs, lexicon.nouns, exceptions, frozenset(quote_cues))

    def lemmas(self, word: str) -> frozenset[str]:
        """Every lemma a lowercase word may have: itself, suffix rules, the model's exceptions."""
        return frozenset(lemma_candidates(word, word)) | self.exceptions.get(word, frozenset())

    def entry_lemmas(self, word: str) -> frozenset[str]:
        """The lemmas a lowercase word may have that some verb or noun entry has."""
        found = self._heads.get(word)
        if found is None:
            found = frozenset(
                lemma for lemma in self.lemmas(word) if lemma in self.verbs or lemma in self.nouns
            )
            if len(self._heads) >= self.MAX_REMEMBERED:
                self._heads.clear()
            self._heads[word] = found
        return found

    def can_carry(self, words: Sequence[str]) -> bool:
        """Whether some lexicon entry could fire on these lowercase words of a sentence."""
        heads = [lemma for w in words for lemma in self.entry_lemmas(w)]
        if not heads:
            return False
        present: set[str] = set(words).union(*(self.lemmas(w) for w in words))
        for lemma in heads:
            if any(_verb_fits(e, present) for e in self.verbs.get(lemma, ())):
                return True
            if any(_noun_fits(e, present) for e in self.nouns.get(lemma, ())):
                return True
        return False

    def could_quote(self, words: Sequence[str]) -> bool:
        """Whether these lowercase words could hold a quotation (a mark, a speech verb)."""
        cues = self.quote_cues
        return any(w in cues or not cues.isdisjoint(self.lemmas(w)) for w in words)


def _verb_fits(entry: VerbEntry, present: set[str]) -> bool:
    """The words an entry needs besides its verb (object, particle, preposition) are there."""
    return (
        (entry.objects is None or not entry.objects.isdisjoint(present))
        and (entry.particle is None or entry.particle in present)
        and (entry.prep is None or entry.prep in present)
    )


def _noun_fits(entry: NounEntry, present: set[str]) -> bool:
    """A noun entry that needs a modifier ("hunger strike") has one of them there."""
    return entry.modifiers is None or not entry.modifiers.isdisjoint(present)
