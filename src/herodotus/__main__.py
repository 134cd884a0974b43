"""``python -m herodotus`` runs the command line."""

from herodotus.cli import main

if __name__ == "__main__":
    main()
