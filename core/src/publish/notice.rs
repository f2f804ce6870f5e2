//! The public notice (公示): the publishable view of a batch of results, signed by the
//! publishing unit, carrying the draw record's hash so that anyone can link a result to
//! the draw it came from.
//!
//! Bytes (docs/publication.md §Notice): `hash = tagged_hash("shuangsuiji/v1/notice",
//! JCS(notice))`; the signature is Ed25519 (RFC 8032, verified strictly) over the 32 bytes
//! of `hash` — or, in an `sm2-sm3` notice (its `suite` member), SM3 for every hash and an
//! SM2 signature (default identifier) over the same 32 bytes. The CSV is a deterministic rendering of the JSON, so it is checked by
//! re-rendering a verified notice, not signed separately.

use super::disclose::{escape_segment, Disclosure};
use super::policy::Override;
use super::result::{FieldKind, FollowUp, OutcomeCode};
use crate::encoding::canonical::{canonical_json, Digest32};
use crate::encoding::Suite;
use crate::encoding::SuiteSigner;
use crate::registers::fields::dates::iso;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

/// Format tag of notices.
pub const NOTICE_FORMAT: &str = "shuangsuiji/notice/v1";

/// Domain tag of the notice hash.
pub const NOTICE_TAG: &str = "shuangsuiji/v1/notice";

/// A field as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum PublishedValue {
    /// The value as entered.
    Clear(serde_json::Value),
    /// The masked text and the commitment to the full value.
    Masked {
        /// E.g. `138****1234`.
        text: String,
        /// Commitment.
        digest: Digest32,
    },
    /// A commitment only.
    Committed {
        /// Commitment.
        digest: Digest32,
    },
    /// A commitment, marked 依法不予公示.
    Withheld {
        /// Commitment.
        digest: Digest32,
    },
}

impl PublishedValue {
    /// The commitment, if the value is not in clear.
    pub fn digest(&self) -> Option<Digest32> {
        match self {
            PublishedValue::Clear(_) => None,
            PublishedValue::Masked { digest, .. }
            | PublishedValue::Committed { digest }
            | PublishedValue::Withheld { digest } => Some(*digest),
        }
    }
}

/// One result in the notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum NoticeEntry {
    /// Published, field by field; keys are JSON pointers within the result.
    Published {
        /// Result id.
        id: String,
        /// Fields by pointer (`/target/name`, `/team/0/badge` …).
        fields: BTreeMap<String, PublishedValue>,
    },
    /// Withheld as a whole; the commitment is to the full result.
    Withheld {
        /// Result id.
        id: String,
        /// Commitment.
        digest: Digest32,
    },
}

impl NoticeEntry {
    /// The result id.
    pub fn id(&self) -> &str {
        match self {
            NoticeEntry::Published { id, .. } | NoticeEntry::Withheld { id, .. } => id,
        }
    }
}

/// The publishing unit's public key in its one spelling: Ed25519 as 64 lower-case hex
/// digits, SM2 as `04‖x‖y`, 130 (checked under the notice's suite when it is verified).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PublisherKey(pub String);

/// What the caller says about a notice: who publishes, when, for which draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeHeader {
    /// Notice id.
    pub notice_id: String,
    /// The publishing unit (谁公开).
    pub publisher: String,
    /// Publication date (passed in: the core has no clock).
    #[serde(with = "iso")]
    pub published_on: Date,
    /// Hash of the draw record every result belongs to.
    pub draw_record: Digest32,
}

/// The notice body: everything that is signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "PublicNoticeWire")]
pub struct PublicNotice {
    /// [`NOTICE_FORMAT`].
    pub format: String,
    /// Header.
    #[serde(flatten)]
    pub header: NoticeHeader,
    /// The signer's public key.
    pub publisher_key: PublisherKey,
    /// Policy name.
    pub policy_name: String,
    /// [`super::RedactionPolicy::digest`].
    pub policy_digest: Digest32,
    /// Overrides applied in this notice, published for accountability.
    pub overrides: Vec<Override>,
    /// The results, in id order.
    pub results: Vec<NoticeEntry>,
    /// The suite (absent: `ed25519-sha256`; never written out), the draw's.
    #[serde(default, skip_serializing_if = "Suite::is_default")]
    pub suite: Suite,
}

/// A notice as written (header members inline), read member by member: serde cannot
/// refuse unknown members next to `flatten`, and a notice must not verify with a member
/// its format does not define.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicNoticeWire {
    format: String,
    notice_id: String,
    publisher: String,
    #[serde(with = "iso")]
    published_on: Date,
    draw_record: Digest32,
    publisher_key: PublisherKey,
    policy_name: String,
    policy_digest: Digest32,
    overrides: Vec<Override>,
    results: Vec<NoticeEntry>,
    #[serde(default)]
    suite: Suite,
}

impl From<PublicNoticeWire> for PublicNotice {
    fn from(w: PublicNoticeWire) -> Self {
        PublicNotice {
            format: w.format,
            header: NoticeHeader {
                notice_id: w.notice_id,
                publisher: w.publisher,
                published_on: w.published_on,
                draw_record: w.draw_record,
            },
            publisher_key: w.publisher_key,
            policy_name: w.policy_name,
            policy_digest: w.policy_digest,
            overrides: w.overrides,
            results: w.results,
            suite: w.suite,
        }
    }
}

/// Why a notice or a disclosure does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NoticeError {
    /// The format tag is not [`NOTICE_FORMAT`].
    #[error("notice format {0:?} is not {NOTICE_FORMAT:?}")]
    Format(String),
    /// The publisher key is not a public key of the notice's suite in its one spelling.
    #[error("publisher key is not a valid public key of the notice's suite")]
    BadKey,
    /// The signature does not verify (Ed25519 RFC 8032 strict, or SM2).
    #[error("signature does not verify against the publisher key")]
    BadSignature,
    /// The CSV is not the rendering of this notice.
    #[error("CSV differs from the rendering of the signed notice")]
    CsvMismatch,
    /// The notice has no commitment at this path.
    #[error("the notice has no commitment at {0}")]
    NoCommitment(String),
    /// The disclosed value does not open the commitment.
    #[error("disclosed value does not match the commitment at {0}")]
    DigestMismatch(String),
    /// The value opens the commitment, but the masked text the notice shows is not its mask:
    /// the public was shown something else than the value committed to.
    #[error(
        "the notice shows {shown:?} at {path}, but the mask of the disclosed value is {expected:?}"
    )]
    MaskMismatch {
        /// The field.
        path: String,
        /// The masked text in the notice.
        shown: String,
        /// The mask of the disclosed value.
        expected: String,
    },
    /// The notice names another draw record than the one it is checked against.
    #[error("the notice is for draw record {notice}, not {record}")]
    RecordMismatch {
        /// The notice's draw record.
        notice: Digest32,
        /// The record checked against.
        record: Digest32,
    },
    /// The notice is under another suite than the record it publishes (one draw, one
    /// suite).
    #[error("draw record {record} is under suite {suite}; the notice is {notice_suite} (one draw, one suite)")]
    OtherSuite {
        /// The record.
        record: Digest32,
        /// Its suite.
        suite: String,
        /// The notice's suite.
        notice_suite: String,
    },
}

impl PublicNotice {
    /// `tagged_hash(NOTICE_TAG, JCS(self))` under the notice's suite.
    pub fn hash(&self) -> Digest32 {
        self.suite
            .tagged_hash(NOTICE_TAG, &[&self.canonical_bytes()])
    }

    /// RFC 8785 bytes of the notice.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        canonical_json(self).unwrap_or_default()
    }

    /// Signs the notice hash.
    pub(crate) fn sign(self, key: &dyn SuiteSigner) -> SignedNotice {
        let sig = key.sign_message(&self.hash().0);
        SignedNotice {
            notice: self,
            signature: SignatureHex(sig),
        }
    }

    /// The table for people: one row per result, fixed columns (docs/publication.md).
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        push_row(&mut out, CSV_COLUMNS.iter().map(|(h, _)| h.to_string()));
        for e in &self.results {
            match e {
                NoticeEntry::Withheld { id, .. } => {
                    let cells = std::iter::once(id.clone())
                        .chain(std::iter::once("withheld".to_string()))
                        .chain(CSV_COLUMNS.iter().skip(2).map(|_| String::new()));
                    push_row(&mut out, cells);
                }
                NoticeEntry::Published { id, fields } => {
                    let cells = CSV_COLUMNS.iter().map(|(_, col)| match col {
                        Col::Id => id.clone(),
                        Col::Status => "published".into(),
                        Col::Field(kind, ptr) => render(*kind, fields.get(*ptr)),
                        Col::Team(kind, leaf) => {
                            let vals: Vec<String> = (0..)
                                .map(|i| fields.get(&format!("/team/{i}/{leaf}")))
                                .take_while(Option::is_some)
                                .map(|v| render(*kind, v))
                                .collect();
                            vals.join("、")
                        }
                    });
                    push_row(&mut out, cells);
                }
            }
        }
        out
    }
}

enum Col {
    Id,
    Status,
    Field(FieldKind, &'static str),
    Team(FieldKind, &'static str),
}

const CSV_COLUMNS: [(&str, Col); 19] = [
    ("result_id", Col::Id),
    ("status", Col::Status),
    ("target_id", Col::Field(FieldKind::TargetId, "/target/id")),
    (
        "target_name",
        Col::Field(FieldKind::TargetName, "/target/name"),
    ),
    (
        "target_uscc",
        Col::Field(FieldKind::TargetUscc, "/target/uscc"),
    ),
    (
        "target_address",
        Col::Field(FieldKind::TargetAddress, "/target/address"),
    ),
    (
        "contact_name",
        Col::Field(FieldKind::ContactName, "/target/contact/name"),
    ),
    (
        "contact_id_number",
        Col::Field(FieldKind::ContactIdNumber, "/target/contact/id_number"),
    ),
    (
        "contact_mobile",
        Col::Field(FieldKind::ContactMobile, "/target/contact/mobile"),
    ),
    ("items", Col::Field(FieldKind::Items, "/items")),
    (
        "team_inspector_ids",
        Col::Team(FieldKind::InspectorId, "inspector_id"),
    ),
    ("team_names", Col::Team(FieldKind::InspectorName, "name")),
    ("team_badges", Col::Team(FieldKind::InspectorBadge, "badge")),
    (
        "inspection_date",
        Col::Field(FieldKind::InspectionDate, "/inspection_date"),
    ),
    (
        "result_date",
        Col::Field(FieldKind::ResultDate, "/result_date"),
    ),
    (
        "entered_by",
        Col::Field(FieldKind::EnteredBy, "/entered_by"),
    ),
    ("outcome", Col::Field(FieldKind::Outcome, "/outcome")),
    ("findings", Col::Field(FieldKind::Findings, "/findings")),
    ("follow_up", Col::Field(FieldKind::FollowUp, "/follow_up")),
];

/// The kind of the field at a pointer within a result (`/target/contact/mobile`,
/// `/team/2/name`), as the CSV columns name them.
fn kind_at(pointer: &str) -> Option<FieldKind> {
    CSV_COLUMNS.iter().find_map(|(_, col)| match col {
        Col::Field(kind, ptr) if *ptr == pointer => Some(*kind),
        Col::Team(kind, leaf) => {
            let (i, l) = pointer.strip_prefix("/team/")?.split_once('/')?;
            (i.parse::<usize>().is_ok() && l == *leaf).then_some(*kind)
        }
        _ => None,
    })
}

/// One cell: clear values in their Chinese wording, masks as masked, commitments as a note.
fn render(kind: FieldKind, v: Option<&PublishedValue>) -> String {
    match v {
        None => String::new(),
        Some(PublishedValue::Masked { text, .. }) => text.clone(),
        Some(PublishedValue::Committed { .. }) => "〔已承诺，可依申请核验〕".into(),
        Some(PublishedValue::Withheld { .. }) => "〔依法不予公示〕".into(),
        Some(PublishedValue::Clear(j)) => match (kind, j) {
            (FieldKind::Outcome, _) => serde_json::from_value::<OutcomeCode>(j.clone())
                .map(|c| c.label().to_string())
                .unwrap_or_default(),
            (FieldKind::FollowUp, _) => serde_json::from_value::<Vec<FollowUp>>(j.clone())
                .map(|f| f.iter().map(FollowUp::label).collect::<Vec<_>>().join("；"))
                .unwrap_or_default(),
            (_, serde_json::Value::String(s)) => s.clone(),
            (_, serde_json::Value::Array(a)) => a
                .iter()
                .filter_map(|x| x.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            (_, other) => other.to_string(),
        },
    }
}

/// RFC 4180 row, CRLF-terminated; cells with `,` `"` CR or LF are quoted.
fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells
        .map(|c| {
            if c.contains([',', '"', '\r', '\n']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c
            }
        })
        .collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// A 64-byte signature (Ed25519, or SM2 `r‖s` in an `sm2-sm3` notice), hex in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignatureHex(pub [u8; 64]);

impl Serialize for SignatureHex {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(self.0))
    }
}

impl<'de> Deserialize<'de> for SignatureHex {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let mut out = [0u8; 64];
        hex::decode_to_slice(&s, &mut out)
            .map_err(|_| serde::de::Error::custom("expected 128 hex digits"))?;
        Ok(SignatureHex(out))
    }
}

/// The notice and its signature, as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedNotice {
    /// The signed body.
    pub notice: PublicNotice,
    /// The publisher's signature over `notice.hash()` (Ed25519, or SM2 under `sm2-sm3`).
    pub signature: SignatureHex,
}

impl SignedNotice {
    /// Verifies the signature with the key inside the notice; returns the notice hash.
    /// Whether that key is the publisher's must be checked out of band (e.g. against the
    /// unit's published key).
    ///
    /// # Errors
    /// A wrong format tag, an invalid key or a signature that does not verify.
    pub fn verify(&self) -> Result<Digest32, NoticeError> {
        if self.notice.format != NOTICE_FORMAT {
            return Err(NoticeError::Format(self.notice.format.clone()));
        }
        let suite = self.notice.suite;
        let key = &self.notice.publisher_key.0;
        if suite.key_problem(key).is_some() {
            return Err(NoticeError::BadKey);
        }
        let h = self.notice.hash();
        suite
            .verify(key, &h.0, &hex::encode(self.signature.0))
            .map_err(|e| match e {
                crate::encoding::SignatureError::InvalidPoint { .. }
                | crate::encoding::SignatureError::BadKeyHex => NoticeError::BadKey,
                _ => NoticeError::BadSignature,
            })?;
        Ok(h)
    }

    /// Verifies the notice, then that `csv` is its rendering.
    ///
    /// # Errors
    /// As [`SignedNotice::verify`], or [`NoticeError::CsvMismatch`].
    pub fn verify_csv(&self, csv: &str) -> Result<(), NoticeError> {
        self.verify()?;
        if csv == self.notice.to_csv() {
            Ok(())
        } else {
            Err(NoticeError::CsvMismatch)
        }
    }

    /// Verifies the notice, then that `d` opens the commitment at its path.
    ///
    /// # Errors
    /// As [`SignedNotice::verify`]; [`NoticeError::NoCommitment`] if the notice has none at
    /// that path; [`NoticeError::DigestMismatch`] for a wrong value or salt;
    /// [`NoticeError::MaskMismatch`] when the notice's masked text is not the mask of the
    /// disclosed value.
    pub fn verify_disclosure(&self, d: &Disclosure) -> Result<(), NoticeError> {
        self.verify()?;
        self.check_opening(d)
    }

    /// Verifies the notice once, then every disclosure; stops at the first failure.
    ///
    /// # Errors
    /// As [`SignedNotice::verify_disclosure`].
    pub fn verify_disclosures(&self, ds: &[Disclosure]) -> Result<(), NoticeError> {
        self.verify()?;
        ds.iter().try_for_each(|d| self.check_opening(d))
    }

    /// Whether `d` opens the commitment at its path, assuming a verified notice; for a
    /// masked field, also that the text shown is the mask of the disclosed value.
    pub(crate) fn check_opening(&self, d: &Disclosure) -> Result<(), NoticeError> {
        let found = self.notice.results.iter().find_map(|e| {
            let prefix = format!("/{}", escape_segment(e.id()));
            let rest = d.path.strip_prefix(&prefix)?;
            match e {
                NoticeEntry::Withheld { digest, .. } if rest.is_empty() => Some((*digest, None)),
                NoticeEntry::Published { fields, .. } if rest.starts_with('/') => {
                    let v = fields.get(rest)?;
                    let shown = match v {
                        PublishedValue::Masked { text, .. } => Some((rest, text)),
                        _ => None,
                    };
                    Some((v.digest()?, shown))
                }
                _ => None,
            }
        });
        let Some((committed, shown)) = found else {
            return Err(NoticeError::NoCommitment(d.path.clone()));
        };
        if committed != d.digest_in(self.notice.suite) {
            return Err(NoticeError::DigestMismatch(d.path.clone()));
        }
        if let Some((pointer, text)) = shown {
            let expected = kind_at(pointer)
                .and_then(super::mask::mask_for)
                .zip(d.value.as_str())
                .map(|(mask, value)| mask(value));
            if expected.as_deref() != Some(text.as_str()) {
                return Err(NoticeError::MaskMismatch {
                    path: d.path.clone(),
                    shown: text.clone(),
                    expected: expected.unwrap_or_else(|| "(no mask for this field)".into()),
                });
            }
        }
        Ok(())
    }
}
