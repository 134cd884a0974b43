"""The exception hierarchy: every error the library raises on purpose.

    HerodotusError              base class; adapters catch it and map it
    ├── InputError              input that cannot be read at all (missing path)
    │   └── AllRejectedError    a batch in which every record was rejected
    ├── DataError               a packaged data file or user dictionary is malformed
    ├── StoreError              the database cannot be opened or migrated
    ├── GoldFormatError         a gold file does not follow the gold format
    ├── ModelError              the spaCy model cannot be loaded
    └── ClusterError            a Dask cluster cannot be reached or loses its workers

A single bad record is not an exception: readers yield a ``Reject`` for it and
the batch goes on.
"""


class HerodotusError(Exception):
    """Base class of every error Herodotus raises deliberately."""


class InputError(HerodotusError):
    """Input that cannot be read at all, such as a path that does not exist."""


class AllRejectedError(InputError):
    """Every record of a batch was rejected; nothing was ingested."""

    def __init__(self, rejected: int, first_reason: str) -> None:
        super().__init__(f"all {rejected} record(s) were rejected; first reason: {first_reason}")
        self.rejected = rejected
        self.first_reason = first_reason


class DataError(HerodotusError):
    """A packaged data file or a user dictionary is malformed."""


class StoreError(HerodotusError):
    """The event database cannot be opened, migrated or written."""


class GoldFormatError(HerodotusError):
    """A gold file does not follow the documented gold format."""


class ModelError(HerodotusError):
    """The spaCy language model cannot be loaded."""


class ClusterError(HerodotusError):
    """A Dask cluster cannot be started or reached, has no workers, or loses them."""
