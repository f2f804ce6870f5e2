//! Import and export of the 附件1 / 附件2 templates as CSV and XLSX (feature `import`).
//!
//! This is the edge of the crate: bytes in, validated registers out. Nothing partial is
//! returned — a file with any bad row yields every problem, each with its row number.
//! Column headers are matched after removing white space (the templates write
//! "检 查对 象"), in Chinese as in the templates or by the English field name; the
//! accepted spellings are listed in `docs/import.md`.

mod export;
mod inspectors;
mod items;
mod results;
mod rows;
mod table;
mod targets;
mod template;

pub use export::{inspectors_to_csv, items_to_csv, targets_to_csv};
pub use inspectors::{
    inspectors, inspectors_from_rows, inspectors_with_notes, REGISTER_QUALIFICATION,
};
pub use items::{derived_item_id, items, items_from_rows, items_with_notes};
pub use results::{
    results, results_from_rows, results_headers, results_template_csv, results_template_rows,
    SENSITIVITY_LABELS,
};
pub use rows::{RowHeader, Rows};
pub use table::{whole_number_text, Format};
pub use targets::{
    derived_target_id, targets, targets_from_rows, targets_with_notes, targets_with_progress,
    ImportProgress, TargetCsvFile, TargetCsvStream, TargetRows, PROGRESS_EVERY,
};
pub use template::{
    template_columns, template_csv, template_title, TemplateColumn, TemplateKind, EXAMPLE_MARK,
};

use crate::registers::validate::{Collector, Problem, ProblemKind, RegisterName, ValidationErrors};
use std::collections::HashMap;
use table::Row;

/// The JSON document in `bytes`, without its UTF-8 byte-order mark, when `bytes` holds one
/// (the first character after the mark and white space is `{`); `None` for a CSV or XLSX
/// file. One rule for every binding that accepts a register or list in either form.
pub fn json_document(bytes: &[u8]) -> Option<&[u8]> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    body.iter()
        .find(|c| !c.is_ascii_whitespace())
        .is_some_and(|c| *c == b'{')
        .then_some(body)
}

/// Gathers row-level problems while one file is read.
pub(crate) struct RowProblems(Collector);

impl RowProblems {
    fn new(register: RegisterName) -> Self {
        RowProblems(Collector::new(register))
    }

    fn push(
        &mut self,
        row: &Row,
        record: &str,
        field: &str,
        kind: ProblemKind,
        message: impl Into<String>,
    ) {
        self.0
            .push_at(Some(row.number), record, field, kind, message);
    }

    /// A required cell found empty after the row was read (a file states 状态 by filling
    /// it for some entry, which is known at the end only).
    fn missing_at(&mut self, row: usize, record: &str, field: &str) {
        self.0
            .push_at(Some(row), record, field, ProblemKind::Missing, "is empty");
    }

    /// Problems in row order (stable: a row's own problems keep their order).
    fn sort_by_row(&mut self) {
        self.0.problems.sort_by_key(|p| p.row.unwrap_or(0));
    }

    /// The problems found so far.
    fn take(self) -> Vec<Problem> {
        self.0.problems
    }

    /// A required text cell; records a problem when empty.
    fn required(&mut self, row: &Row, record: &str, key: &str, field: &str) -> String {
        let v = row.get(key);
        if v.is_empty() {
            self.push(row, record, field, ProblemKind::Missing, "is empty");
        }
        v.to_string()
    }

    /// A cell read by `parse`; records `UnknownValue` (or `InvalidDate`) when it does not parse.
    /// Refuses the template's example row (its name starts with [`EXAMPLE_MARK`]).
    fn example_row(&mut self, row: &Row, record: &str) {
        if row.get("name").starts_with(EXAMPLE_MARK) {
            self.push(
                row,
                record,
                "name",
                ProblemKind::UnknownValue,
                "是模板的示例行，请删除 · is the template's example row: delete it",
            );
        }
    }

    fn parsed<T>(
        &mut self,
        row: &Row,
        record: &str,
        key: &str,
        field: &str,
        kind: ProblemKind,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let v = row.get(key);
        if v.is_empty() {
            self.push(row, record, field, ProblemKind::Missing, "is empty");
            return None;
        }
        let out = parse(&table::to_ascii_form(v));
        if out.is_none() {
            self.push(row, record, field, kind, format!("{v:?} is not understood"));
        }
        out
    }

    /// Merges register validation problems, giving each the row of its record (the last
    /// row with that id for duplicates, the first otherwise), and returns every problem.
    /// `rows` (each record id with its rows) is asked for only when the register refused
    /// the records: a valid register of millions never builds it.
    fn finish<T>(
        self,
        rows: impl FnOnce() -> HashMap<String, Vec<usize>>,
        built: Result<T, ValidationErrors>,
    ) -> Result<T, ValidationErrors> {
        let mut problems = self.take();
        match built {
            Ok(v) if problems.is_empty() => Ok(v),
            Ok(_) => Err(ValidationErrors { problems }),
            Err(e) => {
                let rows = rows();
                for mut p in e.problems {
                    if let Some(ids) = p.record.as_ref().and_then(|r| rows.get(r)) {
                        p.row = if p.kind == ProblemKind::Duplicate {
                            ids.last().copied()
                        } else {
                            ids.first().copied()
                        };
                    }
                    problems.push(p);
                }
                problems.sort_by_key(|p| p.row.unwrap_or(0));
                Err(ValidationErrors { problems })
            }
        }
    }
}

/// Splits a list cell on the separators the templates use.
/// The cell is converted first, so a full-width `｜` splits as `|` does (and an element never
/// holds a separator, which would split differently on re-import).
pub(crate) fn split_list(s: &str) -> Vec<String> {
    crate::registers::fields::names::normalise_name(s)
        .split(crate::registers::fields::names::LIST_SEPARATORS)
        .map(crate::registers::fields::names::normalise_name)
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests;
