"""State-changing operations on dossiers. Every function here runs in one transaction,
checks the actor, the state and (for officials' actions) the expected version, and writes
the dossier's audit row (``DossierEvent``) and notification jobs in that transaction.

Split by concern into small modules; import them from here.
"""

from .apology import dossier_apologize
from .attachments import attachment_add, attachment_remove
from .checklist import DocumentInput
from .closing import dossier_refuse, dossier_stop, dossier_withdraw, withdrawable
from .drafts import dossier_draft_delete, dossier_draft_save
from .intake import (
    ApplicantInput,
    dossier_intake,
    dossier_receive,
    dossier_submit,
)
from .linking import dossiers_link_to_citizen
from .messages import dossier_message_post
from .pauses import (
    dossier_fulfil_obligation,
    dossier_request_obligation,
    dossier_request_supplement,
    dossier_supplement,
)
from .reuse import attachment_add_reused
from .warnings import dossiers_warn_due_soon
from .workflow import (
    dossier_approve,
    dossier_assign,
    dossier_forward,
    dossier_resolve,
    dossier_return_result,
    dossier_send_back,
)

__all__ = [
    "ApplicantInput",
    "DocumentInput",
    "attachment_add",
    "attachment_add_reused",
    "attachment_remove",
    "dossier_apologize",
    "dossier_approve",
    "dossier_assign",
    "dossier_draft_delete",
    "dossier_draft_save",
    "dossier_forward",
    "dossier_fulfil_obligation",
    "dossier_intake",
    "dossier_message_post",
    "dossier_receive",
    "dossier_refuse",
    "dossier_request_obligation",
    "dossier_request_supplement",
    "dossier_resolve",
    "dossier_return_result",
    "dossier_send_back",
    "dossier_stop",
    "dossier_submit",
    "dossier_supplement",
    "dossier_withdraw",
    "dossiers_link_to_citizen",
    "dossiers_warn_due_soon",
    "withdrawable",
]
