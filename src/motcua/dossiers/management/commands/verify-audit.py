"""The same command under the name `verify-audit` (Django finds command modules by file name)."""

from motcua.dossiers.management.commands.verify_audit import Command

__all__ = ["Command"]
