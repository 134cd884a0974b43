"""Actors: the knowledge base of countries, organisations, people and roles, and
their resolution in text on the story's date."""

from herodotus.actors.kb import Entry, KnowledgeBase, Role
from herodotus.actors.resolve import ActorResolver, Mention

__all__ = ["ActorResolver", "Entry", "KnowledgeBase", "Mention", "Role"]
