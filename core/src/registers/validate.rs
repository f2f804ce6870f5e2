//! Validation problems: every problem of a register at once, each naming the register,
//! the record, the field and — for files — the row.

use serde::Serialize;

/// Which register (or list) a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RegisterName {
    /// 随机抽查事项清单.
    ItemList,
    /// 检查对象名录库.
    Targets,
    /// 执法检查人员名录库.
    Inspectors,
    /// 检查结果 entered in a sheet (`import::results`).
    Results,
    /// A plain id list sampled on its own (one id per line; [`crate::draw::sample_lines`]).
    IdList,
}

impl std::fmt::Display for RegisterName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RegisterName::ItemList => "item list (事项清单)",
            RegisterName::Targets => "target register (检查对象名录库)",
            RegisterName::Inspectors => "inspector register (执法检查人员名录库)",
            RegisterName::Results => "results sheet (检查结果)",
            RegisterName::IdList => "id list",
        })
    }
}

/// The kind of a problem, for programs that react to it; the message is for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// A required field is empty.
    Missing,
    /// An id is not printable ASCII, is empty or too long.
    InvalidId,
    /// A department, industry or expertise name not in its one spelling (NFC, no
    /// full-width ASCII, no invisible or look-alike characters, no edge spaces; spec §1.7).
    InvalidName,
    /// Two records share an id (or a USCC).
    Duplicate,
    /// The USCC fails GB 32100-2015 (length, alphabet or check character).
    InvalidUscc,
    /// Not a six-digit GB/T 2260 region code.
    InvalidRegion,
    /// Not a date, or an impossible one (2023-02-30).
    InvalidDate,
    /// Dates in the wrong order (valid until before valid from; established in the future).
    DateOrder,
    /// A ratio outside (0, 10000] basis points.
    RatioOutOfRange,
    /// No longer raised: a general item whose list states no cap is kept as "not stated"
    /// and refused by every draw plan (`DrawPlan::check`). Kept so that the kind's wire
    /// name stays reserved.
    GeneralItemWithoutCap,
    /// An active inspector whose enforcement qualification has expired or not begun.
    QualificationNotValid,
    /// A value outside the field's list (category, kind, status …).
    UnknownValue,
    /// A frequency text that cannot be read as counts per period.
    UnreadableFrequency,
    /// A file-level problem: missing column, unreadable sheet, bad encoding.
    File,
}

/// One problem in one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The register or list.
    pub register: RegisterName,
    /// 1-based row in the source file (header = row 1), when the data came from a file;
    /// for rows from a database, a cursor or an Arrow table, the n-th row the source gave
    /// (the first is row 1).
    pub row: Option<usize>,
    /// The record's id, when it has a readable one.
    pub record: Option<String>,
    /// The field, by its English name (the import docs map it to the Chinese header).
    pub field: String,
    /// The source's own name for the column that held the field, for rows read from a
    /// database, a cursor or an Arrow table (`SELECT 风险等级 AS risk_level` names
    /// `risk_level`); `None` for files and in-memory records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// What kind of problem.
    pub kind: ProblemKind,
    /// What is wrong, for a person.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.register)?;
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(rec) = &self.record {
            write!(f, ", record {rec}")?;
        }
        write!(f, ", field {}", self.field)?;
        if let Some(column) = &self.column {
            write!(f, " (column {column})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// All problems found; never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{} problem(s); first: {}", .problems.len(), .problems.first().map(ToString::to_string).unwrap_or_default())]
pub struct ValidationErrors {
    /// Every problem, in record order.
    pub problems: Vec<Problem>,
}

/// Collects problems for one register while records are checked.
pub(crate) struct Collector {
    register: RegisterName,
    pub(crate) problems: Vec<Problem>,
}

impl Collector {
    pub(crate) fn new(register: RegisterName) -> Self {
        Collector {
            register,
            problems: Vec::new(),
        }
    }

    pub(crate) fn push(
        &mut self,
        record: &str,
        field: &str,
        kind: ProblemKind,
        message: impl Into<String>,
    ) {
        self.push_at(None, record, field, kind, message);
    }

    /// Like `push`, for a problem found at a file row.
    pub(crate) fn push_at(
        &mut self,
        row: Option<usize>,
        record: &str,
        field: &str,
        kind: ProblemKind,
        message: impl Into<String>,
    ) {
        self.problems.push(Problem {
            register: self.register,
            row,
            record: (!record.is_empty()).then(|| record.to_string()),
            field: field.to_string(),
            column: None,
            kind,
            message: message.into(),
        });
    }

    pub(crate) fn finish(self) -> Result<(), ValidationErrors> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors {
                problems: self.problems,
            })
        }
    }
}
