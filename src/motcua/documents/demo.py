"""Demo signing keys: the demo certificate authority and a certificate for each agency whose leaders approve
results, so that the demo's results are signed and verify. Idempotent (existing keys are kept)."""

from __future__ import annotations

from .signing_keys import agencies_that_resolve, create_signing_keys, signing_dir


def load(*, stdout) -> None:
    done = create_signing_keys(agencies=agencies_that_resolve())
    if done.ca_created or done.agencies_created:
        stdout.write(
            f"Signing keys: {len(done.agencies_created)} agency certificate(s) from the DEMO certificate "
            f"authority in {signing_dir()} (trusted only while MOTCUA_SIGNATURE_TRUST_ROOTS is unset)."
        )
