"""State-changing operations of the documents layer. Each runs in one transaction and
writes its audit row there; import them from here."""

from .certificates import (
    certificate_for_signing,
    certificate_issue_demo,
    certificate_register_pkcs11,
    certificate_revoke,
)
from .results import result_draft, result_preview, result_sign, result_update
from .slips import SLIP_FOR_ACTION, register_generate, slip_generate, slips_enqueue
from .store import ReusedDocument, store_add, store_add_result, store_reuse

__all__ = [
    "SLIP_FOR_ACTION",
    "ReusedDocument",
    "certificate_for_signing",
    "certificate_issue_demo",
    "certificate_register_pkcs11",
    "certificate_revoke",
    "register_generate",
    "result_draft",
    "result_preview",
    "result_sign",
    "result_update",
    "slip_generate",
    "slips_enqueue",
    "store_add",
    "store_add_result",
    "store_reuse",
]
