//! Reading a template file into rows of text: CSV (UTF-8 or GB18030) or XLSX, header row
//! found by name, the templates' quirks smoothed over.

use crate::registers::validate::{Problem, ProblemKind, RegisterName, ValidationErrors};
use std::collections::HashMap;
use std::io::Cursor;

/// One data row: its 1-based row number in the file and its cells by column key.
pub(crate) struct Row {
    pub(crate) number: usize,
    /// The row's cells, one after the other: one allocation for the text and one for the
    /// list below, where a `String` per cell made the rows of a million-row sheet twice the
    /// size of the targets read from them.
    text: String,
    /// A dozen cells at most, so a list rather than a hash map (a table and a hash per
    /// lookup): each column's key and the cell's range in `text`.
    cells: Vec<(&'static str, std::ops::Range<usize>)>,
}

impl Row {
    /// An empty row with room for `columns` cells.
    pub(crate) fn new(number: usize, columns: usize) -> Row {
        Row {
            number,
            text: String::new(),
            cells: Vec::with_capacity(columns),
        }
    }

    /// Adds the cell of column `key`.
    pub(crate) fn push(&mut self, key: &'static str, value: &str) {
        let start = self.text.len();
        self.text.push_str(value);
        self.cells.push((key, start..self.text.len()));
    }

    /// The cell of a column, trimmed; empty when the column is absent. Two columns under one
    /// header: the later cell.
    pub(crate) fn get(&self, key: &str) -> &str {
        // Length and first byte first: most keys differ in one of them, and a dozen lookups
        // per row over a dozen cells made string comparison the top of the import profile.
        let first = key.as_bytes().first();
        self.cells
            .iter()
            .rev()
            .find(|(k, _)| k.len() == key.len() && k.as_bytes().first() == first && *k == key)
            .and_then(|(_, at)| self.text.get(at.clone()))
            .unwrap_or("")
    }

    /// Whether every cell is in column `key`.
    fn only(&self, key: &str) -> bool {
        self.cells.iter().all(|(k, _)| *k == key)
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
    if s.is_ascii() {
        // Most id, code and date cells: nothing to fold.
        return s.trim().to_string();
    }
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            c => crate::registers::fields::names::ascii_form(c),
        })
        .collect::<String>()
        .trim()
        .to_string()
}

fn decode_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        // Files saved by Excel or WPS on Chinese Windows are GBK/GB18030.
        Err(_) => std::borrow::Cow::Owned(encoding_rs::GB18030.decode(body).0.into_owned()),
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

pub(super) fn file_problem(
    register: RegisterName,
    row: Option<usize>,
    message: String,
) -> ValidationErrors {
    ValidationErrors {
        problems: vec![Problem {
            register,
            row,
            record: None,
            field: "file".into(),
            column: None,
            kind: ProblemKind::File,
            message,
        }],
    }
}

/// A row as read: its 1-based number in the file, and its cells with their 0-based column.
/// Sparse on purpose: an XLSX cell's position is whatever the file says (a lone cell at
/// `XFD1048576` in a file of a few hundred bytes), so nothing is allocated for the cells
/// between the ones that are there.
type RawRow = (usize, Vec<(usize, String)>);

fn raw_rows(
    bytes: &[u8],
    format: Format,
    register: RegisterName,
) -> Result<Vec<RawRow>, ValidationErrors> {
    match format {
        Format::Csv => {
            let mut rows: Vec<RawRow> = Vec::new();
            csv_records(&decode_text(bytes), register, |line, rec| {
                rows.push((line, rec.iter().map(str::to_string).enumerate().collect()));
            })?;
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
            let unreadable = |e| file_problem(register, None, format!("sheet {name:?}: {e}"));
            // Cell by cell, not `worksheet_range`: a range is as wide and as tall as the cells
            // farthest apart, whatever lies between them.
            let mut reader = wb.worksheet_cells_reader(&name).map_err(unreadable)?;
            // By position, so a position a malformed file gives twice holds its last value,
            // as in a range.
            let mut cells = std::collections::BTreeMap::new();
            while let Some(cell) = reader.next_cell().map_err(unreadable)? {
                let text = cell_text(cell.get_value());
                let at = cell.get_position();
                if text.is_empty() {
                    cells.remove(&at);
                } else {
                    cells.insert(at, text);
                }
            }
            let mut rows: Vec<RawRow> = Vec::new();
            for ((r, c), text) in cells {
                let number = usize::try_from(r).unwrap_or(usize::MAX).saturating_add(1);
                let c = usize::try_from(c).unwrap_or(usize::MAX);
                match rows.last_mut() {
                    Some((n, row)) if *n == number => row.push((c, text)),
                    _ => rows.push((number, vec![(c, text)])),
                }
            }
            Ok(rows)
        }
    }
}

/// Each record of a CSV text with its 1-based line, in file order, through one reused record
/// (no allocation per cell): the million-row path.
fn csv_records(
    text: &str,
    register: RegisterName,
    mut each: impl FnMut(usize, &csv::StringRecord),
) -> Result<(), ValidationErrors> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // The csv reader skips blank lines; rows keep their real line numbers so that every
    // problem names the line a person sees.
    let mut lines = LineCounter::default();
    let mut rec = csv::StringRecord::new();
    let mut count = 0usize;
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                count += 1;
                let line = rec
                    .position()
                    .map_or(count, |p| lines.line_at(text, p.byte()));
                each(line, &rec);
            }
            Err(e) => {
                let line = e.position().map(|p| lines.line_at(text, p.byte()));
                return Err(file_problem(register, line, format!("unreadable CSV: {e}")));
            }
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

/// A number typed into a cell as the text it stands for: phone numbers, region codes and
/// badges stored as numbers print without ".0" (`350102.0` → `350102`). `None` for a number
/// that is not whole or too large to be exact; every source of cells (XLSX, database rows,
/// Arrow) reads numbers by this one rule.
pub fn whole_number_text(f: f64) -> Option<String> {
    (f.fract() == 0.0 && f.abs() < 1e15).then(|| format!("{}", f as i64))
}

fn cell_text(d: &calamine::DataRef<'_>) -> String {
    use calamine::DataRef;
    match d {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => whole_number_text(*f).unwrap_or_else(|| f.to_string()),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(dt) => excel_serial_to_date(dt),
        DataRef::Error(e) => format!("#{e:?}"),
    }
}

/// A date-formatted cell as `YYYY-MM-DD`, in the workbook's own date system (1900, with its
/// leap-year bug, or the 1904 system of old Mac workbooks, four years and a day apart;
/// calamine knows which). A serial Excel cannot show as a date (negative, past 9999-12-31,
/// not finite), or the 1900 system's 29 February 1900, stays a number, so the date check
/// reports it; converting it would overflow (the XLSX fuzzer found `1.3e221` in a
/// date-formatted cell).
pub(super) fn excel_serial_to_date(dt: &calamine::ExcelDateTime) -> String {
    const LAST: f64 = 2_958_465.0; // 9999-12-31
    let serial = dt.as_f64();
    if !(0.0..=LAST).contains(&serial) {
        return serial.to_string();
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    time::Month::try_from(m)
        .ok()
        .and_then(|m| time::Date::from_calendar_date(i32::from(y), m, d).ok())
        .map_or_else(
            || serial.to_string(),
            crate::registers::fields::dates::format_date,
        )
}

/// Header spellings normalised, to column keys.
pub(super) fn header_lookup(columns: Columns) -> HashMap<String, &'static str> {
    columns
        .iter()
        .flat_map(|(key, names)| names.iter().map(move |n| (normalize_header(n), *key)))
        .collect()
}

/// The known columns of a header row, as (column, key) in column order: the row is a
/// header row if it names at least two.
pub(crate) type Keys = Vec<(usize, &'static str)>;

/// The column keys of a row of (column, text) cells in column order, if it is a header row.
pub(crate) fn header_keys<'r>(
    lookup: &HashMap<String, &'static str>,
    r: impl Iterator<Item = (usize, &'r str)>,
) -> Option<Keys> {
    let keys: Keys = r
        .filter_map(|(c, h)| lookup.get(&normalize_header(h)).map(|k| (c, *k)))
        .collect();
    (keys.len() >= 2).then_some(keys)
}

/// Required columns the header lacks, as a file problem.
pub(crate) fn check_required(
    keys: &[(usize, &'static str)],
    columns: Columns,
    required: &[&str],
    register: RegisterName,
    row: usize,
) -> Result<(), ValidationErrors> {
    let missing: Vec<String> = required
        .iter()
        .filter(|k| !keys.iter().any(|(_, key)| key == *k))
        .map(|k| {
            columns
                .iter()
                .find(|(c, _)| c == k)
                .and_then(|(_, n)| n.first())
                .map_or(k.to_string(), |n| format!("{n} ({k})"))
        })
        .collect();
    if !missing.is_empty() {
        return Err(file_problem(
            register,
            Some(row),
            format!("missing column(s): {}", missing.join(", ")),
        ));
    }
    // Two columns for one field: which one a reader sees and which one is imported must
    // not differ, so neither is taken.
    let mut seen = std::collections::BTreeSet::new();
    let twice: Vec<&str> = keys
        .iter()
        .filter(|(_, k)| !seen.insert(*k))
        .map(|(_, k)| *k)
        .collect();
    if twice.is_empty() {
        Ok(())
    } else {
        Err(file_problem(
            register,
            Some(row),
            format!(
                "表头中同一字段出现两次 a field has two columns: {}",
                twice.join(", ")
            ),
        ))
    }
}

/// A cell without white space at either end (Unicode White_Space, so U+3000 too): ASCII
/// white space is cut first, and only a cell that then still starts or ends with a byte that
/// could be white space goes through the full trim.
pub(crate) fn trim_cell(v: &str) -> &str {
    let t = v.trim_ascii();
    let plain = |b: Option<&u8>| b.is_none_or(|b| b.is_ascii() && *b != 0x0b);
    if plain(t.as_bytes().first()) && plain(t.as_bytes().last()) {
        t
    } else {
        t.trim()
    }
}

/// A data row from its cells, or `None` for the rows the templates leave: blank,
/// numbering-only, and the "填表人：" footer.
pub(crate) fn data_row<'r>(
    keys: &[(usize, &'static str)],
    r: impl Iterator<Item = (usize, &'r str)> + Clone,
    number: usize,
) -> Option<Row> {
    let mut row = Row::new(number, keys.len());
    for (c, v) in r.clone() {
        // Keys are in column order, one per column. Two columns under one header: the
        // later cell is kept (`Row::get` reads from the end).
        let key = keys.binary_search_by_key(&c, |(k, _)| *k).ok();
        if let Some(&(_, k)) = key.and_then(|i| keys.get(i)) {
            let v = trim_cell(v);
            if !v.is_empty() {
                row.push(k, v);
            }
        }
    }
    let mut filled = r.map(|(_, c)| trim_cell(c)).filter(|c| !c.is_empty());
    let first = filled.next();
    let few = filled.nth(1).is_none();
    let numbering_only = row.only("no");
    let footer = first.is_some_and(|c| c.starts_with("填表人") || c.starts_with("审核人")) && few;
    if first.is_none() || numbering_only || footer {
        return None;
    }
    Some(row)
}

/// What an importer reads: a template file's bytes, or rows already split into cells.
#[derive(Clone, Copy)]
pub(crate) enum Input<'a> {
    /// A CSV or XLSX file, its format sniffed from the bytes.
    File(&'a [u8]),
    /// Rows from a database, a cursor or an Arrow table.
    Rows(&'a super::rows::Rows),
}

/// The data rows of an input, and (for row sources) the source's name of each column.
pub(crate) struct Sheet {
    pub(crate) rows: Vec<Row>,
    header: Option<super::rows::RowHeader>,
}

impl Sheet {
    /// `result` with each problem naming the source column of its field, for row sources.
    pub(crate) fn name_columns<T>(
        &self,
        result: Result<T, ValidationErrors>,
    ) -> Result<T, ValidationErrors> {
        match &self.header {
            Some(h) => result.map_err(|e| h.name_columns(e)),
            None => result,
        }
    }

    /// For a row source, whether it has a column for `key`; `None` for a file.
    pub(crate) fn has_column(&self, key: &str) -> Option<bool> {
        self.header.as_ref().map(|h| h.has(key))
    }

    /// The header of an input whose rows went elsewhere ([`each_row`]).
    pub(crate) fn without_rows(header: Option<super::rows::RowHeader>) -> Self {
        Sheet {
            rows: Vec::new(),
            header,
        }
    }

    pub(crate) fn of_rows(rows: Vec<Row>, header: super::rows::RowHeader) -> Self {
        Sheet {
            rows,
            header: Some(header),
        }
    }
}

/// The data rows of `input`: for a file, those below its header row (the first row naming
/// at least two known columns); for rows, every row, under the header the source states.
pub(crate) fn read_rows(
    input: Input<'_>,
    register: RegisterName,
    columns: Columns,
    required: &[&str],
) -> Result<Sheet, ValidationErrors> {
    let mut rows = Vec::new();
    let header = each_row(input, register, columns, required, &mut |row| {
        rows.push(row)
    })?;
    Ok(Sheet { rows, header })
}

/// Gives each data row of `input` to `f` in order, as [`read_rows`] finds them, without
/// keeping them: a CSV file's rows are made one record at a time, so an importer that keeps
/// only what it builds from a row holds one row, not the sheet. Returns the source's header
/// for row sources (`None` for files). On an error, `f` may have seen rows of the refused
/// input (a CSV whose header lacks a required column is known to at the end only).
pub(crate) fn each_row(
    input: Input<'_>,
    register: RegisterName,
    columns: Columns,
    required: &[&str],
    f: &mut dyn FnMut(Row),
) -> Result<Option<super::rows::RowHeader>, ValidationErrors> {
    let bytes = match input {
        Input::File(bytes) => bytes,
        Input::Rows(rows) => {
            let sheet = super::rows::read(rows, register, columns, required)?;
            sheet.rows.into_iter().for_each(&mut *f);
            return Ok(sheet.header);
        }
    };
    let format = Format::sniff(bytes);
    let lookup = header_lookup(columns);
    if format == Format::Csv {
        csv_rows(bytes, register, columns, required, &lookup, f)?;
        return Ok(None);
    }
    let raw = raw_rows(bytes, format, register)?;
    let header = raw
        .iter()
        .enumerate()
        .find_map(|(i, (n, r))| header_keys(&lookup, cells(r)).map(|k| (i, *n, k)));
    let Some((hrow, number, keys)) = header else {
        return Err(no_header(register, required));
    };
    check_required(&keys, columns, required, register, number)?;
    raw.iter()
        .skip(hrow + 1)
        .filter_map(|(n, r)| data_row(&keys, cells(r), *n))
        .for_each(f);
    Ok(None)
}

/// A CSV file's data rows, streamed to `f`: the header is the first record that names two
/// known columns, the records after it are data rows. Problems as `raw_rows` then the header
/// give them: an unreadable record anywhere before a header's missing columns.
fn csv_rows(
    bytes: &[u8],
    register: RegisterName,
    columns: Columns,
    required: &[&str],
    lookup: &HashMap<String, &'static str>,
    f: &mut dyn FnMut(Row),
) -> Result<(), ValidationErrors> {
    let mut records = HeaderThenRows::new(lookup);
    csv_records(&decode_text(bytes), register, |line, rec| {
        if let Some(row) = records.record(line, rec) {
            f(row);
        }
    })?;
    let Some((number, keys)) = records.header else {
        return Err(no_header(register, required));
    };
    check_required(&keys, columns, required, register, number)
}

/// What both CSV paths do with each record: look for the header (the first record naming two
/// known columns) until it is found, then make data rows.
struct HeaderThenRows<'l> {
    lookup: &'l HashMap<String, &'static str>,
    /// The header's line and its keys, once found.
    header: Option<(usize, Keys)>,
}

impl<'l> HeaderThenRows<'l> {
    fn new(lookup: &'l HashMap<String, &'static str>) -> Self {
        HeaderThenRows {
            lookup,
            header: None,
        }
    }

    /// The data row of a record after the header; `None` for the header, the records before
    /// it and the rows `data_row` leaves out.
    fn record(&mut self, line: usize, rec: &csv::StringRecord) -> Option<Row> {
        let cells = rec.iter().enumerate();
        match &self.header {
            Some((_, k)) => data_row(k, cells, line),
            None => {
                self.header = header_keys(self.lookup, cells).map(|k| (line, k));
                None
            }
        }
    }
}

/// The (column, text) cells of a read row.
fn cells(r: &[(usize, String)]) -> impl Iterator<Item = (usize, &str)> + Clone {
    r.iter().map(|(c, t)| (*c, t.as_str()))
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
    let mut records = HeaderThenRows::new(&lookup);
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
        let before = records.header.is_some();
        let row = records.record(line, &rec);
        if let (false, Some((_, k))) = (before, &records.header) {
            // Streamed: the header's problems first, before any row reaches `f`.
            check_required(k, columns, required, register, line)?;
        }
        if let Some(row) = row {
            if let Err(e) = f(row) {
                return Ok(Err(e));
            }
        }
    }
    if records.header.is_none() {
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
    fn cells_trimmed_as_unicode_trims() {
        for v in [
            "",
            " ",
            "\u{3000}",
            "\u{3000}a\u{3000}",
            " a ",
            "\u{b}a\u{b}",
            "\ta b\r\n",
            "é ",
            " \u{85}x\u{a0}",
            "x\u{2003}",
            "中\u{200b}",
        ] {
            assert_eq!(trim_cell(v), v.trim(), "{v:?}");
        }
    }

    #[test]
    fn gb18030_text_is_decoded() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("企业名称,成立日期\n");
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode_text(&bytes), "企业名称,成立日期\n");
    }

    /// Both of Excel's date systems; serials no date system shows stay numbers.
    #[test]
    fn excel_serials() {
        use calamine::{ExcelDateTime, ExcelDateTimeType::DateTime};
        let date = |v, is_1904| excel_serial_to_date(&ExcelDateTime::new(v, DateTime, is_1904));
        assert_eq!(date(43831.0, false), "2020-01-01");
        assert_eq!(date(43831.0 - 1462.0, true), "2020-01-01");
        assert_eq!(date(61.0, false), "1900-03-01");
        assert_eq!(date(60.0, false), "60"); // 1900-02-29, Lotus's leap-year bug
        assert_eq!(date(-1.0, false), "-1");
        assert_eq!(date(1.27e221, false), 1.27e221_f64.to_string());
    }
}
