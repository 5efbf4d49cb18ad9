"""The same command under the name `rebuild-indicators` (Django finds command modules by file name)."""

from motcua.indicators.management.commands.rebuild_indicators import Command

__all__ = ["Command"]
