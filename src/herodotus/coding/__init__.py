"""Event coding: the lexicon (data files) to CAMEO, CAMEO to PLOVER, Goldstein and
quad class, and modality."""

from herodotus.coding.coder import Coded, DependencyCoder
from herodotus.coding.lexicon import Lexicon, NounEntry, VerbEntry
from herodotus.coding.ontology import CameoCode, Ontology

__all__ = ["CameoCode", "Coded", "DependencyCoder", "Lexicon", "NounEntry", "Ontology", "VerbEntry"]
