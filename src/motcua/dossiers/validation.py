"""Vietnamese identity and contact data for dossiers: the rules live in `motcua.core.identity` (accounts check
the same numbers)."""

from motcua.core.identity import PROVINCE_CODES, normalize_phone, validate_personal_id

__all__ = ["PROVINCE_CODES", "normalize_phone", "validate_personal_id"]
