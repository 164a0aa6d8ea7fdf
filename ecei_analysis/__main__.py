"""``python -m ecei_analysis`` runs the command line."""

from .cli import console

raise SystemExit(console())
