"""Placeholder: further CLI subcommands register themselves here."""
