"""The same command under the name `verify-pdf` (Django finds command modules by file name)."""

from motcua.documents.management.commands.verify_pdf import Command

__all__ = ["Command"]
