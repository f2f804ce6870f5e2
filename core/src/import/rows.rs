//! Rows already split into cells — a database result set, a DB-API cursor, an Arrow
//! table — read by the same rules as a template file (docs/embedding.md).
//!
//! A file may carry columns the importer does not know (the templates have 备注 and
//! more); a query names its columns on purpose, so here every column must be known,
//! renamed to a known one, or dropped by name: a misspelt 风险等级 would otherwise leave
//! every target's risk "unknown" without a word.

use super::table::{check_required, file_problem, header_lookup, normalize_header, Columns, Row};
use crate::registers::validate::{Problem, ProblemKind, RegisterName, ValidationErrors};
use std::collections::{BTreeMap, HashMap};

/// A table of text cells under a header, as a database gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// The source's column names, in order (a cursor's `description`, a `SELECT`'s
    /// aliases, an Arrow schema's fields).
    pub header: Vec<String>,
    /// Source column → the template's (Chinese) or English column name it holds, or
    /// `None` to drop the column. Columns named as the templates or the English field
    /// names need no entry.
    pub rename: BTreeMap<String, Option<String>>,
    /// The cells, one vector per row in header order; SQL NULL is the empty string.
    pub cells: Vec<Vec<String>>,
}

/// A source's header resolved to column keys, kept to read rows one at a time (a stream
/// from a database) and to name the source column of each problem.
#[derive(Debug, Clone)]
pub struct RowHeader {
    register: RegisterName,
    /// The key of each source column, `None` for a dropped one.
    keys: Vec<Option<&'static str>>,
    /// Key → the source's name of its column.
    sources: HashMap<&'static str, String>,
}

impl RowHeader {
    /// Resolves `header` under `rename` against the register's columns. Every unknown
    /// column, every rename of a column the source lacks or to a name no template uses,
    /// each missing required column and each field given twice is reported at once.
    pub(crate) fn resolve(
        header: &[String],
        rename: &BTreeMap<String, Option<String>>,
        register: RegisterName,
        columns: Columns,
        required: &[&str],
    ) -> Result<Self, ValidationErrors> {
        let lookup = header_lookup(columns);
        let mut problems = Vec::new();
        let mut keys = Vec::with_capacity(header.len());
        let mut found = Vec::new();
        for (i, source) in header.iter().enumerate() {
            let named = match rename.get(source) {
                Some(None) => {
                    keys.push(None);
                    continue;
                }
                Some(Some(to)) => to,
                None => source,
            };
            match lookup.get(&normalize_header(named)) {
                Some(key) => {
                    keys.push(Some(*key));
                    found.push((i, *key));
                }
                None => {
                    keys.push(None);
                    problems.push(header_problem(
                        register,
                        source,
                        format!(
                            "未知的列 {named:?}：请映射为模板列名或英文字段名，或映射为 None 以舍弃 · unknown column {named:?}: map it to a template or English column name, or to None to drop it"
                        ),
                    ));
                }
            }
        }
        for (source, to) in rename {
            if !header.contains(source) {
                problems.push(header_problem(
                    register,
                    source,
                    format!("映射中的列 {source:?} 不在数据源中 · the mapping names column {source:?}, which the source does not have"),
                ));
            } else if to.as_deref().is_some_and(|t| t.trim().is_empty()) {
                problems.push(header_problem(
                    register,
                    source,
                    "映射目标为空 · mapped to an empty name".to_string(),
                ));
            }
        }
        if let Err(e) = check_required(&found, columns, required, register, 0) {
            problems.extend(e.problems.into_iter().map(|mut p| {
                p.row = None;
                p
            }));
        }
        if !problems.is_empty() {
            return Err(ValidationErrors { problems });
        }
        let sources = found
            .iter()
            .filter_map(|(i, key)| Some((*key, header.get(*i)?.clone())))
            .collect();
        Ok(RowHeader {
            register,
            keys,
            sources,
        })
    }

    /// Row `number` (1-based, in source order) from its cells, trimmed; empty cells are
    /// absent, as in a file.
    pub(crate) fn row(&self, number: usize, cells: &[String]) -> Result<Row, Box<Problem>> {
        if cells.len() != self.keys.len() {
            let mut p = file_problem(
                self.register,
                Some(number),
                format!(
                    "该行有 {} 个单元格，表头有 {} 列 · the row has {} cells, the header {} columns",
                    cells.len(),
                    self.keys.len(),
                    cells.len(),
                    self.keys.len()
                ),
            );
            return Err(Box::new(p.problems.remove(0)));
        }
        let mut row = Row::new(number, self.keys.len());
        for (key, v) in self.keys.iter().zip(cells) {
            let v = super::table::trim_cell(v);
            if let (Some(key), false) = (key, v.is_empty()) {
                row.push(key, v);
            }
        }
        Ok(row)
    }

    /// Names the source column of each problem whose field is one of the source's columns.
    pub(crate) fn name_columns(&self, mut e: ValidationErrors) -> ValidationErrors {
        e.problems.iter_mut().for_each(|p| self.name_column(p));
        e
    }

    /// Names the source column of one problem, when its field is one of the columns.
    pub(crate) fn name_column(&self, p: &mut Problem) {
        if p.column.is_none() {
            p.column = self.sources.get(p.field.as_str()).cloned();
        }
    }

    /// Whether the source has a column for `key`.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.sources.contains_key(key)
    }
}

fn header_problem(register: RegisterName, source: &str, message: String) -> Problem {
    Problem {
        register,
        row: None,
        record: None,
        field: "header".into(),
        column: Some(source.to_string()),
        kind: ProblemKind::File,
        message,
    }
}

/// Every row of `rows`, numbered from 1; every malformed row is reported at once.
pub(crate) fn read(
    rows: &Rows,
    register: RegisterName,
    columns: Columns,
    required: &[&str],
) -> Result<super::table::Sheet, ValidationErrors> {
    let header = RowHeader::resolve(&rows.header, &rows.rename, register, columns, required)?;
    let mut out = Vec::with_capacity(rows.cells.len());
    let mut problems = Vec::new();
    for (i, cells) in rows.cells.iter().enumerate() {
        match header.row(i + 1, cells) {
            Ok(r) => out.push(r),
            Err(p) => problems.push(*p),
        }
    }
    if !problems.is_empty() {
        return Err(ValidationErrors { problems });
    }
    Ok(super::table::Sheet::of_rows(out, header))
}
