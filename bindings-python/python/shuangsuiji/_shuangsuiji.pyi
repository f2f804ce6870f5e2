"""Type stubs of the native module ``shuangsuiji._shuangsuiji`` (re-exported by ``shuangsuiji``)."""

from __future__ import annotations

import datetime
import os
from typing import Callable, Tuple, Any, Dict, List, Optional, Sequence, Union, final

from typing_extensions import Self

JSON = Any
"""A plain JSON value: dict, list, str, int, float, bool or None."""
DateLike = Union[datetime.date, str]
"""A ``datetime.date`` or ``"YYYY-MM-DD"``."""
JsonInput = Union[Dict[str, Any], str, bytes]
"""A dict in the core's JSON form, or JSON text (str, or UTF-8 bytes). Inside a dict, bytes
are refused (FormatError): ids and text are str, digests 64 hex digits."""
PathLike = Union[str, "os.PathLike[str]"]
Rows = Any
"""A DB-API 2.0 cursor after ``execute`` (its ``description`` names the columns; read in
``fetchmany`` batches), or any iterable of tuples/lists (with ``header``) or mappings."""
ArrowData = Any
"""Anything with ``__arrow_c_stream__`` or ``__arrow_c_array__``: a pyarrow Table or
RecordBatchReader, a polars or pandas DataFrame, a DuckDB result …"""
Columns = Optional[Dict[str, Optional[str]]]
"""Source column → the template's (Chinese) or English column name it holds, or None to
drop it. Columns already named as the template or the English field names need no entry."""

__version__: str
ALGORITHM: str
PUBLICATION_WORKING_DAYS: int

# --- errors ------------------------------------------------------------------------------

class ShuangsuijiError(ValueError):
    """Base of every error raised by shuangsuiji (a ValueError)."""

    kind: str
    """The core's stable kind (docs/errors.md), the same as JavaScript's ``kind``;
    ``input`` for a FormatError."""
    cause_kind: Optional[str]
    """The kind of the wrapped error (``root`` under ``rerun``), or None."""
    message_zh: str
    """The message in Chinese (``str(e)`` is the English one)."""

class FormatError(ShuangsuijiError):
    """A value passed in does not have the shape of the expected type."""

class ValidationError(ShuangsuijiError):
    """Register or item-list problems, every one of them."""

    problems: List[Dict[str, Any]]
    """Each problem: register, row (file row, header = 1, or None), record, field, kind, message."""

class DrawError(ShuangsuijiError):
    """A draw cannot be made."""

class PlanError(DrawError):
    """The draw plan cannot be run as written."""

    problems: List[str]

class BeaconError(DrawError):
    """The beacon round cannot be used."""

class VerifyError(ShuangsuijiError):
    """A record does not verify; the message names the first failing check."""

class SignatureError(VerifyError):
    """A signature filed from outside (``add_signature``) is refused."""

class PublishError(ShuangsuijiError):
    """A batch of results cannot be published."""

class PolicyError(PublishError):
    """A redaction policy cannot be used."""

class NoticeError(ShuangsuijiError):
    """A notice, its CSV or a disclosure does not verify."""

class AuditError(ShuangsuijiError):
    """An audit-log proof or checkpoint does not verify."""

class PrivacyError(ShuangsuijiError):
    """A draw/v3 class proof or sealed view refused by the public or the auditor check
    (``kind``: sealed_leaf, not_one_class, population, missing_opening, extra_opening,
    bad_opening, two_strata, outcome, class_proof, auditor)."""

class TrustError(ShuangsuijiError):
    """A trust file that breaks its rules."""

    problems: List[str]
    """Each problem as ``field: what is wrong``."""

class CalendarError(ShuangsuijiError):
    """The working-day calendar cannot answer."""

    needs_year: int

# --- registers ---------------------------------------------------------------------------

@final
class ItemList:
    """随机抽查事项清单: a validated, versioned item list."""

    def __new__(cls, items: Sequence[Dict[str, Any]], version: str) -> Self:
        """Validates items (dicts in the core's JSON form); raises ValidationError."""
    @staticmethod
    def read(path: PathLike, version: str) -> ItemList:
        """Reads a CSV (UTF-8/GB18030) or XLSX 附件1 file in Rust; raises ValidationError."""
    @staticmethod
    def from_bytes(data: bytes, version: str) -> ItemList:
        """Like ``read``, from the file's bytes."""
    @staticmethod
    def from_rows(
        rows: Rows,
        version: str,
        *,
        columns: Columns = None,
        header: Optional[Sequence[str]] = None,
        batch_size: int = 10000,
    ) -> ItemList:
        """From a database's rows, validated in Rust; every problem names its row and source column."""
    @staticmethod
    def from_arrow(data: ArrowData, version: str, *, columns: Columns = None) -> ItemList:
        """From an Arrow table or stream, column by column (no Python object per row)."""
    @staticmethod
    def from_dict(d: JsonInput) -> ItemList:
        """From the JSON form ``{"version", "items"}``."""
    @staticmethod
    def from_json(s: Union[str, bytes]) -> ItemList:
        """From JSON text."""
    @property
    def version(self) -> str:
        """The version label."""
    @property
    def hash(self) -> str:
        """Content hash (hex)."""
    def hash_in(self, suite: str) -> str:
        """The content hash (hex) under a suite (``"ed25519-sha256"`` or ``"sm2-sm3"``)."""
    def __len__(self) -> int: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON form as plain Python objects."""
    def to_json(self, pretty: bool = False) -> str:
        """Canonical (RFC 8785) JSON text, or pretty JSON with a final newline."""
    def to_csv(self) -> str:
        """The 附件1 CSV rendering."""

@final
class TargetRegister:
    """检查对象名录库: a validated target register as of a date."""

    def __new__(cls, targets: Sequence[Dict[str, Any]], as_of: DateLike) -> Self:
        """Validates targets (dicts in the core's JSON form); raises ValidationError."""
    @staticmethod
    def read(
        path: PathLike,
        as_of: DateLike,
        *,
        progress: Optional[Callable[[str, int], object]] = None,
    ) -> TargetRegister:
        """Reads a CSV or XLSX 附件2 file in Rust (no Python object per row).

        ``progress(step, count)`` hears ``("rows", n)`` every 65,536 rows and at the end,
        then ``("checking", n)``; an exception it raises is raised when the import returns.
        """
    @staticmethod
    def from_bytes(
        data: bytes,
        as_of: DateLike,
        *,
        progress: Optional[Callable[[str, int], object]] = None,
    ) -> TargetRegister:
        """Like ``read``, from the file's bytes."""
    @staticmethod
    def from_rows(
        rows: Rows,
        as_of: DateLike,
        *,
        columns: Columns = None,
        header: Optional[Sequence[str]] = None,
        batch_size: int = 10000,
    ) -> TargetRegister:
        """From a database's rows, validated in Rust; every problem names its row and source column."""
    @staticmethod
    def from_arrow(data: ArrowData, as_of: DateLike, *, columns: Columns = None) -> TargetRegister:
        """From an Arrow table or stream, column by column (no Python object per row)."""
    @staticmethod
    def from_dict(d: JsonInput) -> TargetRegister:
        """From the published JSON form ``{"as_of", "targets"}``."""
    @staticmethod
    def from_json(s: Union[str, bytes]) -> TargetRegister:
        """From JSON text (e.g. targets.public.json)."""
    @property
    def as_of(self) -> datetime.date:
        """The register date."""
    @property
    def root(self) -> str:
        """Merkle root (hex)."""
    def root_in(self, suite: str) -> str:
        """The Merkle root (hex) under a suite (``"ed25519-sha256"`` or ``"sm2-sm3"``)."""
    def leaf_bytes(self, index: int) -> bytes:
        """The Merkle leaf bytes of entry ``index`` (id order)."""
    def get(self, id: str) -> Optional[Dict[str, Any]]:
        """The entry with this id, or None."""
    def __len__(self) -> int: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON form as plain Python objects."""
    def to_json(self, pretty: bool = False) -> str:
        """Canonical (RFC 8785) JSON text, or pretty JSON with a final newline."""
    def to_csv(self) -> str:
        """The 附件2 CSV rendering."""

@final
class InspectorRegister:
    """执法检查人员名录库 with personal data (kept by the keeper, never published)."""

    def __new__(cls, inspectors: Sequence[Dict[str, Any]], as_of: DateLike) -> Self:
        """Validates inspectors (dicts in the core's JSON form); raises ValidationError."""
    @staticmethod
    def read(path: PathLike, as_of: DateLike) -> InspectorRegister:
        """Reads a CSV or XLSX inspector file in Rust."""
    @staticmethod
    def from_bytes(data: bytes, as_of: DateLike) -> InspectorRegister:
        """Like ``read``, from the file's bytes."""
    @staticmethod
    def from_rows(
        rows: Rows,
        as_of: DateLike,
        *,
        columns: Columns = None,
        header: Optional[Sequence[str]] = None,
        batch_size: int = 10000,
    ) -> InspectorRegister:
        """From a database's rows, validated in Rust; every problem names its row and source column."""
    @staticmethod
    def from_arrow(data: ArrowData, as_of: DateLike, *, columns: Columns = None) -> InspectorRegister:
        """From an Arrow table or stream, column by column (no Python object per row)."""
    @staticmethod
    def from_dict(d: JsonInput) -> InspectorRegister:
        """From the JSON form ``{"as_of", "inspectors"}``."""
    @staticmethod
    def from_json(s: Union[str, bytes]) -> InspectorRegister:
        """From JSON text."""
    def public_view(self, key: bytes) -> PublicInspectorRegister:
        """The public view under the keeper's 32-byte salt key."""
    def root(self, key: bytes) -> str:
        """The root (hex) under the keeper's key; equal to the public view's root."""
    @property
    def as_of(self) -> datetime.date:
        """The register date."""
    def __len__(self) -> int: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON form (with personal data)."""
    def to_json(self, pretty: bool = False) -> str:
        """Canonical (RFC 8785) JSON text, or pretty JSON with a final newline."""
    def to_csv(self) -> str:
        """The CSV rendering of the template."""

@final
class PublicInspectorRegister:
    """The public view of the inspector register: what a draw reads and a verifier sees."""

    def __new__(cls, inspectors: Sequence[Dict[str, Any]], as_of: DateLike) -> Self:
        """Builds a view from published entries; raises ValidationError."""
    @staticmethod
    def from_dict(d: JsonInput) -> PublicInspectorRegister:
        """From the published JSON form ``{"as_of", "inspectors"}``."""
    @staticmethod
    def from_json(s: Union[str, bytes]) -> PublicInspectorRegister:
        """From JSON text (e.g. inspectors.public.json)."""
    @property
    def root(self) -> str:
        """Merkle root (hex)."""
    def root_in(self, suite: str) -> str:
        """The Merkle root (hex) under a suite (``"ed25519-sha256"`` or ``"sm2-sm3"``)."""
    def without_conflicts(self) -> PublicInspectorRegister:
        """The view a draw/v3 publishes: the same entries without their declared conflicts."""
    @property
    def as_of(self) -> datetime.date:
        """The register date."""
    def leaf_bytes(self, index: int) -> bytes:
        """The Merkle leaf bytes of entry ``index`` (id order)."""
    def __len__(self) -> int: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON form as plain Python objects."""
    def to_json(self, pretty: bool = False) -> str:
        """Canonical (RFC 8785) JSON text, or pretty JSON with a final newline."""

def personal_salt(key: bytes, inspector_id: str) -> str:
    """The salt (hex) of an inspector's personal digest under the keeper's key."""

def personal_digest(salt: str, personal: Dict[str, Any]) -> str:
    """The digest (hex) published instead of an inspector's personal data."""

# --- draw ----------------------------------------------------------------------------------

@final
class SignedCommitment:
    """A signed pre-draw commitment, as published before the reveal."""

    def __new__(cls, commitment: JsonInput) -> Self:
        """Wraps a commitment (core JSON form) with its hash and no signatures."""
    @staticmethod
    def from_dict(d: JsonInput) -> SignedCommitment:
        """From the JSON form ``{"commitment", "hash", "signatures"}``."""
    @staticmethod
    def from_json(s: Union[str, bytes]) -> SignedCommitment:
        """From JSON text."""
    def sign(self, signer: str, secret_key: bytes) -> None:
        """Adds the signature of ``signer`` with a 32-byte secret key of the suite."""
    def signing_message(self) -> bytes:
        """The bytes a signer signs (``context || hash``), for a signature made by another tool."""
    def add_signature(self, entry: Dict[str, str]) -> None:
        """Files a signature made elsewhere ``{"signer", "public_key", "signature"}``,
        checked under the suite and the listed key first. Raises SignatureError."""
    @property
    def suite(self) -> str:
        """The cryptographic suite: ``"ed25519-sha256"`` or ``"sm2-sm3"``."""
    def sign_as_participant(self, participant: str, secret_key: bytes) -> None:
        """draw/v2: adds a participant's signature with its 32-byte secret key of the suite."""
    def participant_signing_message(self) -> bytes:
        """draw/v2: the bytes a participant signs, for a signature made by another tool."""
    def add_participant_signature(self, entry: Dict[str, str]) -> None:
        """draw/v2: files a participant's signature made elsewhere. Raises SignatureError."""
    @property
    def participant_signatures(self) -> List[Dict[str, str]]:
        """draw/v2: the participants' signatures ``{"signer", "public_key", "signature"}``."""
    @property
    def hash(self) -> str:
        """The commitment hash (hex)."""
    @property
    def commitment(self) -> Dict[str, Any]:
        """The commitment."""
    @property
    def signatures(self) -> List[Dict[str, str]]:
        """The signatures ``{"signer", "public_key", "signature"}``."""
    def to_dict(self) -> Dict[str, Any]:
        """The JSON form as plain Python objects."""
    def to_json(self, pretty: bool = False) -> str:
        """Canonical (RFC 8785) JSON text, or pretty JSON with a final newline."""

@final
class DrawRecord:
    """The outcome of a draw and every input needed to re-run it."""

    @staticmethod
    def from_dict(d: JsonInput) -> DrawRecord:
        """From the JSON form."""
    @staticmethod
    def from_json(s: Union[str, bytes]) -> DrawRecord:
        """From JSON text."""
    @property
    def hash(self) -> str:
        """The record hash (hex)."""
    @property
    def seed(self) -> str:
        """The seed (hex)."""
    def canonical_bytes(self) -> bytes:
        """The canonical (RFC 8785) bytes that are hashed and signed."""
    def selected_ids(self) -> List[str]:
        """Every selected target id: the 100 % list, then each stratum's selection."""
    def to_dict(self) -> Dict[str, Any]:
        """The JSON form as plain Python objects."""
    def to_json(self, pretty: bool = False) -> str:
        """The canonical bytes as str (default), or pretty JSON with a final newline."""

@final
class SealedRecord:
    """A draw record with the responsible people's signatures."""

    def __new__(cls, record: DrawRecord) -> Self:
        """Seals a record: its hash and no signatures yet."""
    @staticmethod
    def from_dict(d: JsonInput) -> SealedRecord:
        """From the JSON form ``{"record", "hash", "signatures"}``."""
    @staticmethod
    def from_json(s: Union[str, bytes]) -> SealedRecord:
        """From JSON text (e.g. record.json)."""
    def sign(self, signer: str, secret_key: bytes) -> None:
        """Adds the signature of ``signer`` with a 32-byte secret key of the suite."""
    def signing_message(self) -> bytes:
        """The bytes a signer signs (``context || hash``), for a signature made by another tool."""
    def add_signature(self, entry: Dict[str, str]) -> None:
        """Files a signature made elsewhere ``{"signer", "public_key", "signature"}``,
        checked under the suite and the listed key first. Raises SignatureError."""
    @property
    def suite(self) -> str:
        """The cryptographic suite: ``"ed25519-sha256"`` or ``"sm2-sm3"``."""
    @property
    def hash(self) -> str:
        """The record hash (hex)."""
    @property
    def record(self) -> DrawRecord:
        """The record."""
    @property
    def signatures(self) -> List[Dict[str, str]]:
        """The signatures."""
    def to_dict(self) -> Dict[str, Any]:
        """The JSON form as plain Python objects."""
    def to_json(self, pretty: bool = False) -> str:
        """Canonical (RFC 8785) JSON text, or pretty JSON (what the CLI writes)."""
    def outcome_rows(self) -> Dict[str, Tuple[List[str], List[Tuple[Any, ...]]]]:
        """The outcome as write-back rows: ``{table: (columns, rows)}`` (docs/embedding.md)."""
    def to_arrow(self, table: str) -> Any:
        """One outcome table as an Arrow table (``__arrow_c_stream__``)."""

@final
class Verified:
    """What a successful verification establishes."""

    record_hash: str
    seed: str
    selected: int
    beacon: bool
    commitment_hash: str
    """Compare with the commitment published before the beacon round."""
    committed_at: int
    beacon_round: Optional[int]
    suite: str
    """``"ed25519-sha256"`` or ``"sm2-sm3"``."""
    classes: str
    """How far the classes were checked: ``"not_sealed"`` (draw/v1, v2), ``"public"`` (draw/v3
    from the sealed view; each class being the register's is the auditor's), ``"auditor"``."""
    def to_dict(self) -> Dict[str, Any]:
        """As a dict."""

def commit(
    plan: JsonInput,
    item_list: ItemList,
    targets: Union[TargetRegister, SealedKeeper],
    inspectors: PublicInspectorRegister,
    participants: Sequence[Dict[str, str]],
    signers: Sequence[Dict[str, str]],
    committed_at: Union[int, datetime.datetime],
    beacon: Optional[Dict[str, Any]] = None,
    supersedes: Optional[Dict[str, str]] = None,
    log_checkpoint: Optional[str] = None,
    version: int = 2,
    suite: Optional[str] = None,
) -> SignedCommitment:
    """Builds and hashes the pre-draw commitment (unsigned; call ``.sign`` and, in draw/v2,
    ``.sign_as_participant``). ``version=1`` makes a draw/v1 commitment (never anchored);
    ``version=3`` a draw/v3 commitment to a ``SealedKeeper``'s sealed view (classes and
    declared conflicts kept out of the published files; ``inspectors`` then without
    conflicts); ``suite="sm2-sm3"`` a draw under SM3 and SM2 (docs/spec/suites.md)."""

def reveal(participant: str, secret: bytes) -> Dict[str, str]:
    """A participant's unsigned reveal ``{"participant", "secret"}`` (draw/v1)."""

def signed_reveal(
    participant: str, secret: bytes, commitment_hash: str, secret_key: bytes, suite: Optional[str] = None
) -> Dict[str, str]:
    """draw/v2: a participant's reveal signed with its key, bound to the commitment hash."""

def commit_secret(participant: str, secret: bytes, suite: Optional[str] = None) -> str:
    """The commitment (hex) of a participant's 32-byte secret under the suite."""

def reveal_signing_message(
    participant: str, secret: bytes, commitment_hash: str, suite: Optional[str] = None
) -> bytes:
    """draw/v2: the bytes a participant signs when it reveals, for a signature made by another tool."""

def public_key_hex(secret_key: bytes, suite: Optional[str] = None) -> str:
    """The public key (hex) of a 32-byte secret key: Ed25519, or SM2 ``04‖x‖y`` under ``"sm2-sm3"``."""

def quicknet(round: int) -> Dict[str, Any]:
    """The drand quicknet chain parameters with the round to commit to."""

def verify_round(spec: JsonInput, committed_at: Union[int, datetime.datetime], round: JsonInput) -> bytes:
    """Checks a drand round against the committed spec; returns the 32-byte randomness."""

def seal_targets(
    targets: TargetRegister, view_key: bytes, inspectors: Optional[PublicInspectorRegister] = None
) -> Dict[str, Any]:
    """The sealed (public) target view under a 32-byte view key: classes become Pedersen
    commitments, and each entry commits to the inspectors who declared a conflict with it in
    ``inspectors`` (the keeper's view with its conflicts; None: none declared)
    (docs/spec/privacy.md). Keep the key private; give it to the auditor."""

def sealed_root(sealed_view: JsonInput, suite: Optional[str] = None) -> str:
    """The sealed view's root under the suite; raises PrivacyError for a malformed view."""

def prove_classes(
    plan: JsonInput,
    item_list: ItemList,
    targets: TargetRegister,
    view_key: bytes,
    seed: str,
    suite: Optional[str] = None,
) -> Dict[str, Any]:
    """The draw/v3 selection over the full register and its class proof."""

def check_classes_public(
    plan: JsonInput,
    item_list: ItemList,
    sealed_view: JsonInput,
    seed: str,
    proof: JsonInput,
    suite: Optional[str] = None,
) -> Dict[str, Any]:
    """The public check of a class proof against the sealed view; returns the verdict,
    raises PrivacyError. The seed is taken as given: compare the verdict's targets root with
    the draw's commitment, whose seed it must be."""

def check_classes_auditor(
    plan: JsonInput,
    item_list: ItemList,
    targets: TargetRegister,
    view_key: bytes,
    sealed_view: JsonInput,
    seed: str,
    proof: JsonInput,
    suite: Optional[str] = None,
) -> Dict[str, Any]:
    """The auditor's check: re-seal and re-prove from the full register and the view key;
    raises PrivacyError naming the first entry that differs."""

def class_disclosure(proof: JsonInput, register: int) -> Dict[str, Any]:
    """What a class proof discloses over a register of ``register`` entries."""

def sm3_hex(data: bytes) -> str:
    """SM3 (GB/T 32905) of ``data``, 64 lower-case hex digits."""

def sm2_public_key(secret_key: bytes) -> str:
    """The SM2 public key ``04‖x‖y`` (130 hex digits) of a 32-byte secret scalar."""

def sm2_sign(secret_key: bytes, message: bytes, distid: Optional[str] = None) -> str:
    """The SM2 signature ``r‖s`` (128 hex digits) on ``message``, under ``distid``
    (None: ``1234567812345678``, GM/T 0009's default); deterministic."""

def sm2_verify(public_key: str, message: bytes, signature: str, distid: Optional[str] = None) -> bool:
    """Whether ``signature`` (``r‖s``, 128 lower-case hex digits) is an SM2 signature on
    ``message`` under ``public_key`` (``04‖x‖y``, lower-case hex) and ``distid``; FormatError
    when a value does not decode or is not in its one spelling."""

def sm2_signature_from_der(der: bytes) -> str:
    """The ``r‖s`` (128 hex digits) of a DER-encoded SM2 signature (OpenSSL, GmSSL)."""

def sm2_public_key_pem(public_key: str) -> str:
    """The public key as SubjectPublicKeyInfo PEM (id-ecPublicKey, curve SM2)."""

def sm2_public_key_from_pem(pem: str) -> str:
    """A SubjectPublicKeyInfo PEM block as ``04‖x‖y`` hex."""

def sm2_secret_key_from_pem(pem: str) -> bytes:
    """The 32-byte secret scalar of a PKCS#8 PEM block."""

def sm2_secret_key_pem(secret_key: bytes) -> str:
    """A 32-byte secret scalar as PKCS#8 PEM."""

def subseed(seed: str, purpose: str, suite: Optional[str] = None) -> str:
    """The sub-seed (hex) of a seed for one purpose, e.g. ``"target/low"``."""

def ticket(subseed: str, target_id: str, suite: Optional[str] = None) -> str:
    """The ticket (hex) of a target id under a sub-seed. Raises FormatError when
    ``target_id`` is not an id in its one spelling (printable ASCII, no space)."""

def check_plan(plan: JsonInput, item_list: ItemList) -> None:
    """Checks a plan against an item list; raises PlanError listing every problem."""

def draw(
    commitment: SignedCommitment,
    item_list: ItemList,
    targets: Union[TargetRegister, SealedKeeper, TargetCsvFile, TargetQuery],
    inspectors: PublicInspectorRegister,
    reveals: Sequence[Dict[str, str]],
    beacon: Optional[JsonInput] = None,
    published_numbers: Optional[Sequence[Dict[str, Any]]] = None,
) -> DrawRecord:
    """Runs the draw (without the GIL); raises DrawError, PlanError or BeaconError.
    ``published_numbers``: in published-numbers mode, ``{"source", "issue", "numbers"}``
    per named public draw."""

def verify(
    record: Union[SealedRecord, JsonInput],
    targets: Union[TargetRegister, SealedKeeper, TargetCsvFile, TargetQuery],
    inspectors: PublicInspectorRegister,
) -> Verified:
    """Verifies a sealed record by re-running everything; raises VerifyError."""

def verify_sealed(
    record: Union[SealedRecord, JsonInput],
    sealed_view: JsonInput,
    inspectors: PublicInspectorRegister,
) -> Verified:
    """draw/v3: verifies a sealed record from the sealed target view, as the public does
    (``classes == "public"``); raises VerifyError."""

def audit_sealed(
    record: Union[SealedRecord, JsonInput],
    targets: TargetRegister,
    view_key: bytes,
    inspectors: PublicInspectorRegister,
) -> Verified:
    """draw/v3: verifies a sealed record from the full register, the 32-byte view key and the
    keeper's inspector view with its declared conflicts, as the auditor does, every class and
    recusal set included (``classes == "auditor"``); raises VerifyError."""

def verify_trusted(
    record: Union[SealedRecord, JsonInput],
    targets: Union[TargetRegister, TargetCsvFile, TargetQuery],
    inspectors: PublicInspectorRegister,
    trust: Optional[JsonInput] = None,
    anchor: Optional[JsonInput] = None,
    prior_records: Optional[Sequence[Union[SealedRecord, JsonInput]]] = None,
    announcements: Optional[Sequence[Dict[str, Any]]] = None,
) -> Dict[str, Any]:
    """Verifies as ``verify`` does and assesses the record against a trust file
    (docs/spec/trust.md). Returns the verdict: ``level`` ("anchored", "not_anchored" or
    "failed"), ``unanchored`` (each with ``kind``, ``message``, ``message_zh``), ``beacon``,
    ``signers``, ``participants`` (draw/v2), ``anchored_time``, ``plan_commitments`` (draw/v2,
    with the anchor's log), ``published_numbers`` (published-numbers mode: each draw with its
    numbers, ``compared`` when ``announcements`` matched), ``verified`` or ``error``. Never
    raises for a record
    that does not verify; raises TrustError for a trust file that breaks its rules."""

def template_csv(what: str) -> str:
    """A blank CSV template ("items", "targets" or "inspectors") the importer reads as written."""

def import_notes(what: str, data: bytes, as_of: Optional[DateLike] = None, version: str = "1") -> List[str]:
    """What importing the file's bytes derives (ids) or finds unstated, Chinese first."""

def results_template_csv(record: SealedRecord, targets: TargetRegister) -> str:
    """The results sheet of a sealed record: one row per drawn target, items and team filled in."""

def import_results_rows(
    rows: Rows,
    record: SealedRecord,
    targets: TargetRegister,
    inspectors: InspectorRegister,
    *,
    columns: Columns = None,
    header: Optional[Sequence[str]] = None,
) -> List[Dict[str, Any]]:
    """Results from the host system's rows, checked as a results sheet is."""
def import_results_arrow(
    data: ArrowData,
    record: SealedRecord,
    targets: TargetRegister,
    inspectors: InspectorRegister,
    *,
    columns: Columns = None,
) -> List[Dict[str, Any]]:
    """Results from an Arrow table or stream, checked as a results sheet is."""
@final
class TargetCsvFile:
    """A target register in a UTF-8 CSV file sorted by id (``TargetRegister.to_csv``, the
    demo's ``targets.public.csv``), read as a stream on each pass and never held whole."""

    def __new__(cls, path: Union[str, os.PathLike[str]], as_of: DateLike) -> Self: ...

@final
class SealedKeeper:
    """draw/v3, the keeper: the full register sealed once under a 32-byte view key, the
    conflicts declared in ``inspectors`` (the keeper's view) sealed as recusal sets. Give it
    as ``targets`` to ``commit(version=3)``, ``draw`` and (the auditor) ``verify``; publish
    ``view()`` and ``inspectors.without_conflicts()``, never the register or the key.
    Raises PrivacyError when a declaration names a target outside the register."""

    def __new__(cls, targets: TargetRegister, view_key: bytes, inspectors: PublicInspectorRegister) -> Self: ...
    def view(self) -> Dict[str, Any]:
        """The sealed view to publish."""
    def root(self, suite: Optional[str] = None) -> str:
        """The sealed view's root (hex): the ``targets`` root a draw/v3 commits to."""

@final
class TargetQuery:
    """A target register streamed from a query on each pass of the draw: ``query()`` runs
    the SELECT (ordered by id in byte order) and returns its cursor or rows."""

    def __new__(
        cls,
        query: Callable[[], Rows],
        as_of: DateLike,
        *,
        columns: Columns = None,
        header: Optional[Sequence[str]] = None,
        batch_size: int = 10000,
    ) -> Self: ...

def import_results(data: bytes, record: SealedRecord, targets: TargetRegister, inspectors: InspectorRegister) -> List[Dict[str, Any]]:
    """A filled results sheet read into results (as ``publish`` takes them), checked against the record."""

# --- publication -------------------------------------------------------------------------

@final
class SignedNotice:
    """A public notice of inspection results and its signature."""

    @staticmethod
    def from_dict(d: JsonInput) -> SignedNotice:
        """From the JSON form ``{"notice", "signature"}``."""
    @staticmethod
    def from_json(s: Union[str, bytes]) -> SignedNotice:
        """From JSON text."""
    def verify(self) -> str:
        """Verifies the signature; returns the notice hash (hex). Raises NoticeError."""
    def verify_csv(self, csv: str) -> None:
        """Verifies the notice and that ``csv`` is its rendering."""
    def verify_disclosure(self, disclosure: Dict[str, Any]) -> None:
        """Verifies the notice and that the disclosure opens its commitment."""
    def verify_disclosures(self, disclosures: Sequence[Dict[str, Any]]) -> None:
        """Verifies the notice once, then every disclosure."""
    @property
    def hash(self) -> str:
        """The notice hash (hex)."""
    @property
    def signature(self) -> str:
        """The Ed25519 signature (hex)."""
    def canonical_bytes(self) -> bytes:
        """The canonical bytes of the signed notice body."""
    def to_csv(self) -> str:
        """The table for people: one row per result."""
    def credit_feed(self) -> Dict[str, Any]:
        """The credit feed (信用信息归集) of the verified notice. Raises NoticeError."""
    def credit_feed_csv(self) -> str:
        """The credit feed as CSV. Raises NoticeError."""
    def to_dict(self) -> Dict[str, Any]:
        """The JSON form as plain Python objects."""
    def to_json(self, pretty: bool = False) -> str:
        """Canonical (RFC 8785) JSON text, or pretty JSON with a final newline."""

@final
class Publication:
    """The outcome of ``publish``."""

    @property
    def notice(self) -> SignedNotice:
        """The signed notice, for the public."""
    @property
    def disclosures(self) -> List[Dict[str, Any]]:
        """Every commitment's opening, for the publisher's archive only."""
    def to_dict(self) -> Dict[str, Any]:
        """The JSON form as plain Python objects."""
    def to_json(self, pretty: bool = False) -> str:
        """Canonical (RFC 8785) JSON text, or pretty JSON with a final newline."""

def publish(
    results: Sequence[Dict[str, Any]],
    *,
    notice_id: str,
    publisher: str,
    published_on: DateLike,
    draw_record: Union[str, DrawRecord, SealedRecord],
    signing_key: bytes,
    policy: Optional[JsonInput] = None,
    insecure_test_seed: Optional[bytes] = None,
    suite: Optional[str] = None,
) -> Publication:
    """Publishes results under a policy (default policy if None), signed with ``signing_key``
    (32 bytes: an Ed25519 seed, or under ``suite="sm2-sm3"`` an SM2 scalar, for an sm2-sm3
    draw: SM3 commitments and an SM2-signed notice).

    Salts come from the OS random generator; ``insecure_test_seed`` (32 bytes) is refused
    unless SHUANGSUIJI_INSECURE_TEST_SALTS=1 (tests only).
    """

def default_policy() -> Dict[str, Any]:
    """The default redaction policy."""

def validate_policy(policy: JsonInput) -> None:
    """Checks a policy; raises PolicyError."""

def policy_digest(policy: JsonInput, *, suite: Optional[str] = None) -> str:
    """The digest (hex) of a policy, as published in a notice."""

def disclosure_commitment(salt: bytes, path: str, value: JSON, *, suite: Optional[str] = None) -> str:
    """The commitment (hex) a disclosure of ``value`` at ``path`` with ``salt`` opens, under the
    notice's ``suite`` (``sm2-sm3``: SM3); ``SignedNotice.verify_disclosure`` reads it itself."""

def mask_name(name: str) -> str:
    """姓名 mask."""

def mask_phone(phone: str) -> str:
    """Mobile number mask."""

def mask_id_number(id: str) -> str:
    """身份证号 mask."""

def mask_badge(badge: str) -> str:
    """Badge number mask."""

def cut_address(address: str) -> str:
    """Address cut to its district."""

def publish_by(result_date: DateLike, n: int = 20) -> datetime.date:
    """The n-th working day after ``result_date``; raises CalendarError if not covered."""

def is_working_day(day: DateLike) -> bool:
    """Whether a date is a working day; raises CalendarError if not covered."""

# --- encodings ---------------------------------------------------------------------------

def canonical_json(value: JSON) -> bytes:
    """RFC 8785 canonical JSON bytes of a value."""

def tagged_hash(tag: str, *parts: bytes) -> str:
    """``SHA-256(len(tag) || tag || parts...)`` (hex)."""

# The audit log (全过程留痕): events are dicts {"kind", "actor", "time", "subject", "note"?}.

def audit_leaf_hash(event: Dict[str, Any], *, suite: Optional[str] = None) -> str:
    """RFC 6962 leaf hash (hex) of one event, in a log of ``suite`` (``sm2-sm3``: SM3)."""

def audit_root(events_list: Sequence[Dict[str, Any]], size: Optional[int] = None, *, suite: Optional[str] = None) -> str:
    """Root (hex) of the first ``size`` events (all by default)."""

def audit_inclusion_proof(events_list: Sequence[Dict[str, Any]], index: int, size: int, *, suite: Optional[str] = None) -> List[str]:
    """Inclusion proof of event ``index`` in the tree of ``size`` events."""

def audit_consistency_proof(events_list: Sequence[Dict[str, Any]], size1: int, size2: int, *, suite: Optional[str] = None) -> List[str]:
    """Consistency proof that the tree of ``size2`` events extends that of ``size1``."""

def verify_inclusion(leaf_hash: str, index: int, size: int, proof: Sequence[str], root: str, *, suite: Optional[str] = None) -> None:
    """Checks an inclusion proof; raises ``AuditError`` when it fails."""

def verify_consistency(size1: int, size2: int, root1: str, root2: str, proof: Sequence[str], *, suite: Optional[str] = None) -> None:
    """Checks a consistency proof; raises ``AuditError`` when it fails."""

def verify_checkpoint(text: str, verifier_key: str) -> Dict[str, Any]:
    """Verifies a signed checkpoint (C2SP note; Ed25519 or SM2, as the key's type says); returns ``{"origin", "size", "root", "suite"}``."""

def verify_event_in_checkpoint(event: Dict[str, Any], index: int, proof: Sequence[str], text: str, verifier_key: str) -> None:
    """Checks that an event is entry ``index`` of the log whose signed checkpoint is ``text``."""

def sample_ids(path: Union[str, "os.PathLike[str]"], subseed: str, take: int) -> List[Tuple[str, str]]:
    """The ``take`` lowest tickets of the ids in a file (one per line): ``[(id, ticket)]``.
    Raises ValidationError (register ``id_list``, ``row`` = the line) on a line that is not
    an id (kind ``invalid_id``) or cannot be read (kind ``file``, field ``line``: not UTF-8,
    an I/O error), or when an id is sampled twice (``duplicate``); OSError when the file
    cannot be opened."""

class CaseError(ShuangsuijiError):
    """A case step refused; nothing was written. ``kind``: io, locked, not_a_case, not_yet,
    done, invalid, refused."""

    problems: List[str]
    """Each problem, for ``kind == "invalid"`` (empty otherwise)."""

def case_new(
    case: str,
    items: bytes,
    targets: bytes,
    inspectors: bytes,
    plan: str,
    *,
    list_version: str,
    as_of: str,
    unit: str,
    origin: str,
    log_key: str,
    now: Optional[int] = None,
    witnesses: Sequence[Tuple[str, str]] = ...,
    witness_quorum: Optional[int] = None,
    margin: int = 3600,
    salt: Optional[str] = None,
    suite: Optional[str] = None,
    draw: int = 3,
) -> Dict[str, Any]:
    """Makes a case from the files' bytes and the plan's JSON text (every problem at once);
    a ``now`` given makes it a rehearsal case; ``draw=3`` (the default) seals the target
    register (draw/v3), ``draw=2`` publishes it with its classes."""

def case_add_participant(case: str, participant: str) -> None:
    """Files a participant's ``participant.json`` text."""

def case_add_signer(case: str, signer: str) -> None:
    """Files a signer's ``public.json`` text."""

def case_commit(case: str, now: Optional[int] = None, round: Optional[int] = None, log_key: Optional[str] = None, published: Optional[str] = None, ceremony: bool = False) -> Dict[str, Any]:
    """Builds the commitment: ``{"hash", "round", "round_time"}``."""

def case_add_signature(case: str, signature: str, now: Optional[int] = None, log_key: Optional[str] = None) -> None:
    """Files a signature made with ``keys_sign``."""

def case_add_reveal(case: str, reveal: str, now: Optional[int] = None, log_key: Optional[str] = None) -> None:
    """Files a reveal made with ``keys_reveal``."""

def case_witness_request(case: str, now: Optional[int] = None, log_key: Optional[str] = None) -> Dict[str, Any]:
    """Signs a checkpoint for the witnesses: ``{"size", "after_round", "checkpoint", "witnesses"}``."""

def case_add_cosignature(case: str, line: str) -> int:
    """Files one witness's cosignature line; returns the witness's time."""

def case_beacon(case: str, round: str) -> int:
    """Files the beacon round (drand's JSON text), checked; returns its number."""

def case_draw(case: str, now: Optional[int] = None, log_key: Optional[str] = None) -> str:
    """Runs the draw; returns the record hash."""

def case_redraw(case: str, reason: str, now: Optional[int] = None, note: Optional[str] = None, log_key: Optional[str] = None) -> str:
    """Sets the round aside for a re-draw; returns the superseded commitment's hash."""

def case_verify(case: str, trust: Optional[str] = None) -> Dict[str, Any]:
    """The verdict on the case's record under a trust file (JSON text)."""

def case_trust_draft(case: str, name: str) -> str:
    """A trust-file draft (JSON text) from the case's own keys."""

def case_print(case: str, trust: Optional[str] = None) -> List[str]:
    """Writes the printable 抽查记录; returns the files' paths in the case."""

def case_dispatch(case: str) -> Tuple[int, int]:
    """Writes dispatch lists and 检查告知书; returns (lists, notices)."""

def case_status(case: str, now: Optional[int] = None) -> Dict[str, Any]:
    """``{"plan_id", "steps": [{"name", "done", "detail"}], "next", "deadlines"}``."""

def keys_new_signer(dir: str, name: str, role: str, rehearsal: bool = False, suite: Optional[str] = None) -> str:
    """Makes a signer's key folder; returns its public part (JSON text)."""

def keys_new_participant(dir: str, id: str, role: str, rehearsal: bool = False, suite: Optional[str] = None) -> str:
    """Makes a participant's folder; returns its public part (JSON text)."""

def keys_sign(dir: str, document: bytes, now: Optional[int] = None, targets: Optional[str] = None, inspectors: Optional[str] = None) -> str:
    """Signs a commitment or record (bytes); returns the signature file's text."""

def keys_reveal(dir: str, commitment: bytes, now: Optional[int] = None) -> str:
    """The participant's signed reveal for a commitment (bytes); returns its text."""
