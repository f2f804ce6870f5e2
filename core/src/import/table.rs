//! Reading a template file into rows of text: CSV (UTF-8 or GB18030) or XLSX, header row
//! found by name, the templates' quirks smoothed over.

use crate::validate::{Problem, ProblemKind, RegisterName, ValidationErrors};
use std::collections::HashMap;
use std::io::Cursor;

/// One data row: its 1-based row number in the file and its cells by column key.
pub(crate) struct Row {
    pub(crate) number: usize,
    cells: HashMap<&'static str, String>,
}

impl Row {
    /// The cell of a column, trimmed; empty when the column is absent.
    pub(crate) fn get(&self, key: &str) -> &str {
        self.cells.get(key).map(String::as_str).unwrap_or("")
    }
}

/// The file kinds the importers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated text, UTF-8 (with or without BOM) or GB18030.
    Csv,
    /// Office Open XML workbook; the first sheet is read.
    Xlsx,
}

impl Format {
    /// XLSX files are ZIP archives (`PK\x03\x04`); anything else is read as CSV.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }
}

/// Header spellings: template headers with every kind of white space removed and
/// brackets made half-width, plus English aliases.
pub(crate) type Columns = &'static [(&'static str, &'static [&'static str])];

/// Removes all white space (the templates write "检 查对 象", "抽 查\n事 项") and makes
/// full-width brackets half-width.
pub(crate) fn normalize_header(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

/// Maps full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space to ASCII, for
/// code-like cells (ids, USCCs, region codes, dates, phone numbers), then trims.
pub(crate) fn to_ascii_form(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            c => crate::names::ascii_form(c),
        })
        .collect::<String>()
        .trim()
        .to_string()
}

fn decode_text(bytes: &[u8]) -> String {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => s.to_string(),
        // Files saved by Excel or WPS on Chinese Windows are GBK/GB18030.
        Err(_) => encoding_rs::GB18030.decode(body).0.into_owned(),
    }
}

/// The file-level problem of a file with no recognisable header row.
fn no_header(register: RegisterName, required: &[&str]) -> ValidationErrors {
    file_problem(
        register,
        None,
        format!(
            "no header row found; expected columns such as {}",
            required.join(", ")
        ),
    )
}

fn file_problem(register: RegisterName, row: Option<usize>, message: String) -> ValidationErrors {
    ValidationErrors {
        problems: vec![Problem {
            register,
            row,
            record: None,
            field: "file".into(),
            kind: ProblemKind::File,
            message,
        }],
    }
}

fn raw_rows(
    bytes: &[u8],
    format: Format,
    register: RegisterName,
) -> Result<Vec<Vec<String>>, ValidationErrors> {
    match format {
        Format::Csv => {
            let text = decode_text(bytes);
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            // The csv reader skips blank lines; rows are placed at their real line numbers
            // (padding with empty rows) so that every problem names the line a person sees.
            let mut rows: Vec<Vec<String>> = Vec::new();
            let mut lines = LineCounter::default();
            for rec in rdr.records() {
                let rec = rec.map_err(|e| {
                    let line = e.position().map(|p| lines.line_at(&text, p.byte()));
                    file_problem(register, line, format!("unreadable CSV: {e}"))
                })?;
                let line = rec
                    .position()
                    .map_or(rows.len() + 1, |p| lines.line_at(&text, p.byte()));
                while rows.len() + 1 < line {
                    rows.push(Vec::new());
                }
                rows.push(rec.iter().map(str::to_string).collect());
            }
            Ok(rows)
        }
        Format::Xlsx => {
            use calamine::{Reader, Xlsx};
            let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|e| file_problem(register, None, format!("unreadable XLSX: {e}")))?;
            let name =
                wb.sheet_names().first().cloned().ok_or_else(|| {
                    file_problem(register, None, "the workbook has no sheet".into())
                })?;
            let range = wb
                .worksheet_range(&name)
                .map_err(|e| file_problem(register, None, format!("sheet {name:?}: {e}")))?;
            // Ranges start at the first used cell; pad so row numbers match the sheet.
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut rows: Vec<Vec<String>> = (0..r0).map(|_| Vec::new()).collect();
            for r in range.rows() {
                let mut cells: Vec<String> = (0..c0).map(|_| String::new()).collect();
                cells.extend(r.iter().map(cell_text));
                rows.push(cells);
            }
            Ok(rows)
        }
    }
}

/// 1-based line where a record starts. The csv reader reports the offset where it began
/// reading, before the blank lines it skips, and its line counter ignores them; so line
/// breaks are counted here, incrementally (records arrive in file order).
#[derive(Default)]
struct LineCounter {
    byte: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, byte: u64) -> usize {
        let b = text.as_bytes();
        let start = usize::try_from(byte).unwrap_or(usize::MAX).min(b.len());
        let skipped = b.get(start..).map_or(0, |r| {
            r.iter().take_while(|&&c| c == b'\n' || c == b'\r').count()
        });
        let end = (start + skipped).max(self.byte);
        self.line += b
            .get(self.byte..end)
            .map_or(0, |r| r.iter().filter(|&&c| c == b'\n').count());
        self.byte = end;
        self.line + 1
    }
}

fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Phone numbers and codes typed as numbers: whole floats print without ".0".
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_serial_to_date(dt.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Excel's 1900 date system: serial 1 = 1900-01-01, with the 1900 leap-year bug, so day 0
/// is 1899-12-30 for every serial after February 1900. A serial Excel cannot show as a date
/// (negative, past 9999-12-31, not finite) stays a number, so the date check reports it;
/// converting it would overflow (the XLSX fuzzer found `1.3e221` in a date-formatted cell).
pub(super) fn excel_serial_to_date(serial: f64) -> String {
    const LAST: f64 = 2_958_465.0; // 9999-12-31
    if !(0.0..=LAST).contains(&serial) {
        return serial.to_string();
    }
    let base = time::macros::date!(1899 - 12 - 30);
    match base.checked_add(time::Duration::days(serial.floor() as i64)) {
        Some(d) => crate::dates::format_date(d),
        None => serial.to_string(),
    }
}

/// Finds the header row (the first row naming at least two known columns), then
/// returns the data rows below it, skipping blank rows, numbering-only rows and the
/// templates' "填表人：" footer.
/// Header spellings normalised, to column keys.
fn header_lookup(columns: Columns) -> HashMap<String, &'static str> {
    columns
        .iter()
        .flat_map(|(key, names)| names.iter().map(move |n| (normalize_header(n), *key)))
        .collect()
}

/// The column keys of a row, if it is a header row (names at least two known columns).
pub(crate) fn header_keys<'r>(
    lookup: &HashMap<String, &'static str>,
    r: impl Iterator<Item = &'r str>,
) -> Option<Vec<Option<&'static str>>> {
    let keys: Vec<Option<&'static str>> = r
        .map(|h| lookup.get(&normalize_header(h)).copied())
        .collect();
    (keys.iter().flatten().count() >= 2).then_some(keys)
}

/// Required columns the header lacks, as a file problem.
pub(crate) fn check_required(
    keys: &[Option<&'static str>],
    columns: Columns,
    required: &[&str],
    register: RegisterName,
    row: usize,
) -> Result<(), ValidationErrors> {
    let missing: Vec<String> = required
        .iter()
        .filter(|k| !keys.contains(&Some(**k)))
        .map(|k| {
            columns
                .iter()
                .find(|(c, _)| c == k)
                .and_then(|(_, n)| n.first())
                .map_or(k.to_string(), |n| format!("{n} ({k})"))
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(file_problem(
            register,
            Some(row),
            format!("missing column(s): {}", missing.join(", ")),
        ))
    }
}

/// A data row from its cells, or `None` for the rows the templates leave: blank,
/// numbering-only, and the "填表人：" footer.
pub(crate) fn data_row<'r>(
    keys: &[Option<&'static str>],
    r: impl Iterator<Item = &'r str> + Clone,
    number: usize,
) -> Option<Row> {
    let mut cells = HashMap::new();
    for (k, v) in keys.iter().zip(r.clone()) {
        if let Some(k) = k {
            let v = v.trim_matches(|c: char| c.is_whitespace());
            if !v.is_empty() {
                cells.insert(*k, v.to_string());
            }
        }
    }
    let filled: Vec<&str> = r.map(str::trim).filter(|c| !c.is_empty()).collect();
    let numbering_only = cells.keys().all(|k| *k == "no");
    let footer = filled
        .first()
        .is_some_and(|c| c.starts_with("填表人") || c.starts_with("审核人"))
        && filled.len() <= 2;
    if filled.is_empty() || numbering_only || footer {
        return None;
    }
    Some(Row { number, cells })
}

/// Finds the header row (the first row naming at least two known columns), then
/// returns the data rows below it.
pub(crate) fn read_rows(
    bytes: &[u8],
    format: Format,
    register: RegisterName,
    columns: Columns,
    required: &[&str],
) -> Result<Vec<Row>, ValidationErrors> {
    let raw = raw_rows(bytes, format, register)?;
    let lookup = header_lookup(columns);
    let header = raw
        .iter()
        .enumerate()
        .find_map(|(i, r)| header_keys(&lookup, r.iter().map(String::as_str)).map(|k| (i, k)));
    let Some((hrow, keys)) = header else {
        return Err(no_header(register, required));
    };
    check_required(&keys, columns, required, register, hrow + 1)?;
    Ok(raw
        .iter()
        .enumerate()
        .skip(hrow + 1)
        .filter_map(|(i, r)| data_row(&keys, r.iter().map(String::as_str), i + 1))
        .collect())
}

/// Streams the data rows of a UTF-8 CSV file to `f`, in file order, holding one row at a
/// time (for registers too large for memory; GB18030 and XLSX files go through the
/// in-memory importers).
pub(crate) fn stream_csv<E>(
    reader: impl std::io::Read,
    register: RegisterName,
    columns: Columns,
    required: &[&str],
    mut f: impl FnMut(Row) -> Result<(), E>,
) -> Result<Result<(), E>, ValidationErrors> {
    let lookup = header_lookup(columns);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut rec = csv::StringRecord::new();
    let mut keys: Option<Vec<Option<&'static str>>> = None;
    let mut n = 0usize;
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(file_problem(
                    register,
                    Some(n + 1),
                    format!("unreadable CSV (streamed files must be UTF-8): {e}"),
                ))
            }
        }
        n += 1;
        let line = rec
            .position()
            .map_or(n, |p| usize::try_from(p.line()).unwrap_or(n));
        match &keys {
            None => {
                if let Some(k) = header_keys(&lookup, rec.iter()) {
                    check_required(&k, columns, required, register, line)?;
                    keys = Some(k);
                }
            }
            Some(k) => {
                if let Some(row) = data_row(k, rec.iter(), line) {
                    if let Err(e) = f(row) {
                        return Ok(Err(e));
                    }
                }
            }
        }
    }
    if keys.is_none() {
        return Err(no_header(register, required));
    }
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_normalisation_and_ascii_forms() {
        assert_eq!(normalize_header("检 查对 象"), normalize_header("检查对象"));
        assert_eq!(normalize_header("职务（职级）"), "职务(职级)");
        assert_eq!(normalize_header("抽 查\n事 项"), "抽查事项");
        assert_eq!(
            to_ascii_form("９１３５０１００Ｍ０００１００Ｙ４３\u{3000}"),
            "91350100M000100Y43"
        );
    }

    #[test]
    fn gb18030_text_is_decoded() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("企业名称,成立日期\n");
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode_text(&bytes), "企业名称,成立日期\n");
    }

    #[test]
    fn excel_serials() {
        assert_eq!(excel_serial_to_date(43831.0), "2020-01-01");
    }
}
