"""The same command under the name `import-dossiers` (Django finds command modules by file name)."""

from motcua.dossiers.management.commands.import_dossiers import Command

__all__ = ["Command"]
