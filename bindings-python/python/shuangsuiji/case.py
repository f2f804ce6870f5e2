"""The case workflow (抽查任务) in Python: the steps of ``shuangsuiji case …``, one Rust
implementation (the ``shuangsuiji-case`` crate). A case is a directory (docs/case.md);
each step checks the steps before it, writes atomically, and logs.

Times are the system clock's unless ``now`` (Unix seconds) is given: a hand-set time is
the rehearsal clock, which only a case (or key folder) made for rehearsal accepts.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from . import _shuangsuiji as _n

PathLike = Union[str, "os.PathLike[str]"]


def _text(p: PathLike) -> str:
    return Path(p).read_text(encoding="utf-8")


class Case:
    """An existing case directory."""

    def __init__(self, path: PathLike) -> None:
        self.path = str(path)

    @classmethod
    def new(
        cls,
        path: PathLike,
        *,
        items: PathLike,
        targets: PathLike,
        inspectors: PathLike,
        plan: PathLike,
        list_version: str,
        as_of: str,
        unit: str,
        origin: str,
        log_key: PathLike,
        witnesses: Sequence[Tuple[str, str]] = (),
        witness_quorum: Optional[int] = None,
        margin: int = 3600,
        salt: Optional[str] = None,
        now: Optional[int] = None,
        suite: Optional[str] = None,
        draw: int = 3,
    ) -> "Case":
        """Makes a case; ``now`` given makes it a rehearsal case; ``suite="sm2-sm3"`` a
        draw under SM3 and SM2 (its signers' and participants' keys of that suite);
        ``draw=3`` (the default) a draw/v3 case: ``public/targets.sealed.json`` published,
        the full register, view key and declared conflicts in ``private/``; ``draw=2`` a
        draw/v2 case (``public/targets.public.json`` with classes)."""
        _n.case_new(
            str(path),
            Path(items).read_bytes(),
            Path(targets).read_bytes(),
            Path(inspectors).read_bytes(),
            _text(plan),
            list_version=list_version,
            as_of=as_of,
            unit=unit,
            origin=origin,
            log_key=str(Path(log_key).resolve()),
            now=now,
            witnesses=list(witnesses),
            witness_quorum=witness_quorum,
            margin=margin,
            salt=salt,
            suite=suite,
            draw=draw,
        )
        return cls(path)

    def add_participant(self, participant_json: PathLike) -> None:
        _n.case_add_participant(self.path, _text(participant_json))

    def add_signer(self, public_json: PathLike) -> None:
        _n.case_add_signer(self.path, _text(public_json))

    def commit(
        self,
        *,
        round: Optional[int] = None,
        now: Optional[int] = None,
        published: Optional[Dict[str, Any]] = None,
        ceremony: bool = False,
    ) -> Dict[str, Any]:
        """Builds the commitment: a drand round (the first after now + margin, or
        ``round``), or ``published`` future public draws (``{"draws": [...]}``,
        docs/spec/draw-v2.md §15), or a live ``ceremony`` (§16)."""
        spec = None if published is None else json.dumps(published, ensure_ascii=False)
        return _n.case_commit(self.path, now, round, None, spec, ceremony)

    def add_signature(self, signature: Union[PathLike, str], *, now: Optional[int] = None) -> None:
        _n.case_add_signature(self.path, _maybe_file(signature), now)

    def add_reveal(self, reveal: Union[PathLike, str], *, now: Optional[int] = None) -> None:
        _n.case_add_reveal(self.path, _maybe_file(reveal), now)

    def witness_request(self, *, now: Optional[int] = None) -> Dict[str, Any]:
        return _n.case_witness_request(self.path, now)

    def add_cosignature(self, line: str) -> int:
        return _n.case_add_cosignature(self.path, line)

    def beacon(self, round: Union[Dict[str, Any], str]) -> int:
        """Files drand's JSON for the round the commitment names (a dict or its text)."""
        return _n.case_beacon(self.path, round if isinstance(round, str) else json.dumps(round))

    def draw(self, *, now: Optional[int] = None) -> str:
        return _n.case_draw(self.path, now)

    def redraw(self, reason: str, *, note: Optional[str] = None, now: Optional[int] = None) -> str:
        return _n.case_redraw(self.path, reason, now, note)

    def verify(self, trust: Optional[Union[Dict[str, Any], str]] = None) -> Dict[str, Any]:
        t = None if trust is None else (trust if isinstance(trust, str) else json.dumps(trust))
        return _n.case_verify(self.path, t)

    def trust_draft(self, name: str) -> Dict[str, Any]:
        result: Dict[str, Any] = json.loads(_n.case_trust_draft(self.path, name))
        return result

    def print(self, trust: Optional[Union[Dict[str, Any], str]] = None) -> List[str]:
        t = None if trust is None else (trust if isinstance(trust, str) else json.dumps(trust))
        return [str(Path(self.path) / p) for p in _n.case_print(self.path, t)]

    def dispatch(self) -> Tuple[int, int]:
        return _n.case_dispatch(self.path)

    def status(self, *, now: Optional[int] = None) -> Dict[str, Any]:
        return _n.case_status(self.path, now)

    def file(self, name: str) -> Path:
        """A file of the case (``commitment.json``, ``record.json`` …)."""
        return Path(self.path) / name


def _maybe_file(v: Union[PathLike, str]) -> str:
    if isinstance(v, str) and v.lstrip().startswith("{"):
        return v
    return _text(v)


def new_signer(
    dir: PathLike, name: str, role: str, *, rehearsal: bool = False, suite: Optional[str] = None
) -> Dict[str, Any]:
    """A signer's key folder, on the signer's own machine; returns its public part."""
    result: Dict[str, Any] = json.loads(_n.keys_new_signer(str(dir), name, role, rehearsal, suite))
    return result


def new_participant(
    dir: PathLike, id: str, role: str, *, rehearsal: bool = False, suite: Optional[str] = None
) -> Dict[str, Any]:
    """A participant's secret and key, on its own machine; returns its public part."""
    result: Dict[str, Any] = json.loads(_n.keys_new_participant(str(dir), id, role, rehearsal, suite))
    return result


def sign(
    dir: PathLike,
    document: PathLike,
    *,
    now: Optional[int] = None,
    targets: Optional[PathLike] = None,
    inspectors: Optional[PathLike] = None,
) -> str:
    """Signs a commitment or record file; a record needs the public register files.
    Returns the signature's JSON text, to hand back."""
    return _n.keys_sign(
        str(dir),
        Path(document).read_bytes(),
        now,
        None if targets is None else _text(targets),
        None if inspectors is None else _text(inspectors),
    )


def reveal(dir: PathLike, commitment: PathLike, *, now: Optional[int] = None) -> str:
    """The participant's signed reveal for a commitment file; returns its JSON text."""
    return _n.keys_reveal(str(dir), Path(commitment).read_bytes(), now)
