"""Document models, split by concern; import them from here."""

from motcua.documents.models.generated import DocumentKind, GeneratedDocument
from motcua.documents.models.results import Result, ResultCounter, ResultTemplate
from motcua.documents.models.signing import SigningCertificate
from motcua.documents.models.store import StoredDocument, StoredDocumentUse

__all__ = [
    "DocumentKind",
    "GeneratedDocument",
    "Result",
    "ResultCounter",
    "ResultTemplate",
    "SigningCertificate",
    "StoredDocument",
    "StoredDocumentUse",
]
