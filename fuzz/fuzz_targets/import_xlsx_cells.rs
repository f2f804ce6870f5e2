//! The XLSX importers on workbooks built from arbitrary cells. Mutating a ZIP byte by byte
//! mostly exercises checksum errors; here the fuzzer chooses what the sheet holds (text,
//! numbers, dates, booleans, formulas, at any position, over one of the sample templates) so
//! the cell conversion, header search and row checks are what gets explored. A register
//! that imports must export to CSV and import again to the same root.
#![no_main]
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use rust_xlsxwriter::{Format, Formula, Workbook};

#[path = "round_trip.rs"]
mod round_trip;
use std::sync::OnceLock;

const TEMPLATES: [&str; 3] = [
    include_str!("../seeds/import_files/targets-head.csv"),
    include_str!("../seeds/import_files/inspectors.csv"),
    include_str!("../seeds/import_files/items.csv"),
];

#[derive(Arbitrary, Debug)]
enum Value {
    Blank,
    Text(String),
    /// A cell copied from any of the templates, so headers and plausible values recur.
    Borrowed(u16),
    Number(f64),
    Int(i64),
    Bool(bool),
    /// A number shown as a date, as Excel stores dates.
    Date(f64),
    Formula(String),
}

#[derive(Arbitrary, Debug)]
struct Cell {
    row: u8,
    col: u8,
    value: Value,
}

#[derive(Arbitrary, Debug)]
struct Input {
    /// 0–2: start from that template; otherwise an empty sheet.
    template: u8,
    /// How many of the template's rows to keep.
    keep_rows: u8,
    cells: Vec<Cell>,
    /// Which importer reads the workbook.
    register: u8,
    /// A cell anywhere on the sheet, up to XFD1048576: the importer reads cells, not the
    /// range between them, so a far cell must cost one cell (last, so that inputs from
    /// before it was added decode as they did).
    far: Option<(u32, u16, u16)>,
}

fn template_rows(t: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(t.as_bytes())
        .records()
        .filter_map(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .collect()
}

fn borrowed(n: u16) -> &'static str {
    static ALL: OnceLock<Vec<String>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        TEMPLATES
            .iter()
            .flat_map(|t| template_rows(t).into_iter().take(4).flatten())
            .collect()
    });
    all.get(usize::from(n) % all.len().max(1))
        .map_or("", String::as_str)
}

/// The workbook, or None when the writer itself refuses the cells (too long a string…).
fn workbook(input: &Input) -> Option<Vec<u8>> {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet();
    if let Some(t) = TEMPLATES.get(usize::from(input.template)) {
        for (r, row) in template_rows(t)
            .iter()
            .take(usize::from(input.keep_rows))
            .enumerate()
        {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32, c as u16, v).ok()?;
                }
            }
        }
    }
    for cell in input.cells.iter().take(64) {
        let (r, c) = (u32::from(cell.row), u16::from(cell.col));
        match &cell.value {
            Value::Blank => ws.write_blank(r, c, &Format::new()).map(|_| ()),
            Value::Text(s) => ws.write_string(r, c, s).map(|_| ()),
            Value::Borrowed(n) => ws.write_string(r, c, borrowed(*n)).map(|_| ()),
            Value::Number(f) => ws.write_number(r, c, *f).map(|_| ()),
            Value::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
            Value::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
            Value::Date(f) => ws.write_number_with_format(r, c, *f, &date).map(|_| ()),
            Value::Formula(s) => ws.write_formula(r, c, Formula::new(s)).map(|_| ()),
        }
        .ok()?;
    }
    if let Some((r, c, n)) = input.far {
        ws.write_string(r % 1_048_576, c % 16_384, borrowed(n))
            .ok()?;
    }
    wb.save_to_buffer().ok()
}

fuzz_target!(|input: Input| {
    let Some(bytes) = workbook(&input) else {
        return;
    };
    match input.register % 3 {
        0 => round_trip::targets(&bytes),
        1 => round_trip::inspectors(&bytes),
        _ => round_trip::items(&bytes),
    }
});
