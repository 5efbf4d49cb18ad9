"""The same command under the name `create-signing-keys` (Django finds command modules by file name)."""

from motcua.documents.management.commands.create_signing_keys import Command

__all__ = ["Command"]
