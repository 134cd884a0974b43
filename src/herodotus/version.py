"""Version numbers in one place: the package, the coder and the database schema."""

__version__ = "0.1.0"
# Bumped whenever a change to lexicons or rules can change the events coded.
CODER_VERSION = "herodotus-0.1.0"
