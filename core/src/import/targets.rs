//! 附件2 检查对象名录库, extended with the fields a draw needs.

use super::rows::RowHeader;
use super::rows::Rows;
use super::table::{each_row, stream_csv, to_ascii_form, Columns, Input, Row, Sheet};
use super::RowProblems;
use crate::draw::error::DrawError;
use crate::draw::run::TargetSource;
use crate::registers::fields::dates::parse_date;
use crate::registers::target::{
    CreditClass, IsoDate, RiskLevel, Target, TargetKind, TargetRegister, TargetStatus,
};
use crate::registers::validate::{Collector, Problem, ProblemKind, RegisterName, ValidationErrors};
use std::collections::{BTreeMap, HashMap};
use time::Date;

pub(crate) const COLUMNS: Columns = &[
    ("no", &["序号", "no"]),
    ("id", &["对象编码", "id"]),
    ("uscc", &["统一社会信用代码", "uscc"]),
    ("name", &["企业名称", "对象名称", "name"]),
    ("established", &["成立日期", "established"]),
    ("address", &["住所", "address"]),
    ("region", &["行政区划代码", "行政区划", "region"]),
    ("industry", &["行业", "行业代码", "industry"]),
    ("kind", &["对象类型", "kind"]),
    ("credit", &["信用类别", "信用等级", "credit"]),
    ("risk", &["风险等级", "risk"]),
    ("department", &["所属部门", "监管部门", "department"]),
    ("status", &["状态", "登记状态", "status"]),
    ("last_inspected", &["检查记录", "last_inspected"]),
    ("grade", &["等级", "治安管理等级", "分级", "grade"]),
];

/// Only the name: the seed's own template (附件2: 序号, 企业名称, 成立日期, 住所) has no id,
/// region, industry, kind, credit, risk, department or status column. What a sheet does
/// not state is "unknown", never guessed (docs/import.md).
const REQUIRED: &[&str] = &["name"];

/// Reads a target register file (CSV or XLSX) as of the register date `as_of`.
/// The id is 对象编码, else the USCC, else derived from 企业名称, 成立日期 and 住所
/// ([`derived_target_id`]).
///
/// # Errors
/// Every problem of every row, with row numbers; nothing partial.
pub fn targets(bytes: &[u8], as_of: Date) -> Result<TargetRegister, ValidationErrors> {
    targets_with_notes(bytes, as_of).map(|(r, _)| r)
}

/// As [`targets`], with what the import derived or assumed, for the person importing:
/// each derived id with its row, and how many entries do not state each attribute.
///
/// # Errors
/// As [`targets`].
pub fn targets_with_notes(
    bytes: &[u8],
    as_of: Date,
) -> Result<(TargetRegister, Vec<String>), ValidationErrors> {
    targets_from(Input::File(bytes), as_of, &mut |_| {})
}

/// How far [`targets_with_progress`] has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportProgress {
    /// Data rows read so far: every [`PROGRESS_EVERY`] rows, then once with the total.
    Rows(usize),
    /// All rows read; the register's cross-entry rules (unique ids and USCCs, id order)
    /// are being checked over this many entries.
    Checking(usize),
}

/// Rows between two [`ImportProgress::Rows`] reports.
pub const PROGRESS_EVERY: usize = 1 << 16;

/// As [`targets_with_notes`], telling `progress` how far it has come, for a register large
/// enough that a person waits for it (the CLI prints it; the clock stays with the caller).
///
/// # Errors
/// As [`targets`].
pub fn targets_with_progress(
    bytes: &[u8],
    as_of: Date,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<(TargetRegister, Vec<String>), ValidationErrors> {
    targets_from(Input::File(bytes), as_of, progress)
}

/// As [`targets_with_notes`], from rows a database, a cursor or an Arrow table gave.
/// Row numbers count the source's rows from 1; each problem names the source column.
///
/// # Errors
/// Every unknown column, every problem of every row; nothing partial.
pub fn targets_from_rows(
    rows: &Rows,
    as_of: Date,
) -> Result<(TargetRegister, Vec<String>), ValidationErrors> {
    targets_from(Input::Rows(rows), as_of, &mut |_| {})
}

fn targets_from(
    input: Input<'_>,
    as_of: Date,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<(TargetRegister, Vec<String>), ValidationErrors> {
    let mut p = RowProblems::new(RegisterName::Targets);
    let mut read = Read::default();
    // Each row becomes a target as it is read; the rows are not kept (at a million rows
    // they were as large as the targets).
    let header = each_row(
        input,
        RegisterName::Targets,
        COLUMNS,
        REQUIRED,
        &mut |row| {
            read.row(&mut p, &row);
            if read.rows % PROGRESS_EVERY == 0 {
                progress(ImportProgress::Rows(read.rows));
            }
        },
    )?;
    progress(ImportProgress::Rows(read.rows));
    let sheet = Sheet::without_rows(header);
    // A source that names its columns states 状态 by having the column (so a stream and a
    // table of the same rows agree); a file, by filling it for some entry.
    let status_column = sheet.has_column("status").unwrap_or(read.status_stated);
    let mut out = read.targets;
    let mut numbers = read.numbers;
    let mut unparsed = read.unparsed;
    if status_column && !read.status_empty.is_empty() {
        for &(n, at) in &read.status_empty {
            let id = match at {
                Place::Target(i) => out.get(i).map(|t| t.id.as_str()),
                Place::Unparsed(i) => unparsed.get(i).map(|(id, _)| id.as_str()),
            };
            p.missing_at(n, id.unwrap_or(""), "status");
        }
        p.sort_by_row();
        // Their entries are unreadable, as a refused cell makes any entry.
        let mut drop = vec![false; out.len()];
        for &(n, at) in &read.status_empty {
            let Place::Target(i) = at else { continue };
            if let (Some(d), Some(t)) = (drop.get_mut(i), out.get(i)) {
                *d = true;
                unparsed.push((t.id.clone(), n));
            }
        }
        let mut keep = drop.iter().map(|d| !d);
        out.retain(|_| keep.next().unwrap_or(true));
        let mut keep = drop.iter().map(|d| !d);
        numbers.retain(|_| keep.next().unwrap_or(true));
    }
    let notes = target_notes(
        &read.derived,
        read.derived_count,
        read.rows,
        status_column,
        &out,
    );
    progress(ImportProgress::Checking(out.len()));
    let built = TargetRegister::new_or_back(as_of, out);
    let built = match built {
        Ok(r) => Ok(r),
        Err((e, out)) => {
            // A row's entry has the row's id (parse_row takes it from row_id).
            let mut at: HashMap<String, Vec<usize>> = HashMap::new();
            for (t, n) in out.iter().zip(&numbers) {
                at.entry(t.id.clone()).or_default().push(*n);
            }
            for (id, n) in unparsed {
                at.entry(id).or_default().push(n);
            }
            for rows in at.values_mut() {
                rows.sort_unstable();
            }
            return sheet.name_columns(p.finish(|| at, Err(e)));
        }
    };
    sheet.name_columns(p.finish(HashMap::new, built).map(|r| (r, notes)))
}

/// What the rows of a target sheet gave, gathered as they are read.
#[derive(Default)]
struct Read {
    targets: Vec<Target>,
    /// The row of each target.
    numbers: Vec<usize>,
    /// The id and row of each row that gave no target.
    unparsed: Vec<(String, usize)>,
    /// The rows with an empty 状态 cell, each with where the row went.
    status_empty: Vec<(usize, Place)>,
    /// Whether some row fills 状态.
    status_stated: bool,
    /// The first rows whose id is derived (row, id), and how many there are.
    derived: Vec<(usize, String)>,
    derived_count: usize,
    rows: usize,
}

/// Where a row went: a place in `Read::targets` or in `Read::unparsed`.
#[derive(Clone, Copy)]
enum Place {
    Target(usize),
    Unparsed(usize),
}

impl Read {
    fn row(&mut self, p: &mut RowProblems, row: &Row) {
        self.rows += 1;
        // An empty 状态 reads as active for now; if another row fills 状态, it is a gap.
        let stated = !row.get("status").is_empty();
        self.status_stated |= stated;
        let t = parse_row(p, row, stated);
        if row.get("id").is_empty() && row.get("uscc").is_empty() {
            self.derived_count += 1;
            if self.derived.len() < MAX_ID_NOTES {
                let id = t.as_ref().map_or_else(|| row_id(row), |t| t.id.clone());
                self.derived.push((row.number, id));
            }
        }
        match t {
            Some(t) => {
                if !stated {
                    self.status_empty
                        .push((row.number, Place::Target(self.targets.len())));
                }
                self.targets.push(t);
                self.numbers.push(row.number);
            }
            None => {
                if !stated {
                    self.status_empty
                        .push((row.number, Place::Unparsed(self.unparsed.len())));
                }
                self.unparsed.push((row_id(row), row.number));
            }
        }
    }
}

/// Most derived-id notes listed one by one.
const MAX_ID_NOTES: usize = 1_000;

/// Derived ids (with their rows) and attributes not stated, Chinese first.
fn target_notes(
    derived: &[(usize, String)],
    derived_count: usize,
    rows: usize,
    status_column: bool,
    out: &[Target],
) -> Vec<String> {
    // One line per derived id up to a screenful; a register of millions gets a count.
    let mut notes: Vec<String> = derived
        .iter()
        .map(|(n, id)| {
            format!(
                "第 {n} 行：无对象编码和统一社会信用代码，编码由企业名称、成立日期、住所派生为 {id} · row {n}: no 对象编码 or USCC, id derived from name, date and address: {id}"
            )
        })
        .collect();
    if derived_count > derived.len() {
        let more = derived_count - derived.len();
        notes.push(format!("另有 {more} 行的编码同样派生（导出 CSV 可见全部编码）· {more} more rows have derived ids (export the register to see them all)"));
    }
    let count = |f: &dyn Fn(&Target) -> bool| out.iter().filter(|t| f(t)).count();
    for (attribute, n) in [
        ("对象类型 kind", count(&|t| t.kind == TargetKind::Unknown)),
        ("行政区划代码 region", count(&|t| t.region.is_empty())),
        ("行业 industry", count(&|t| t.industry.is_empty())),
        (
            "信用类别 credit",
            count(&|t| t.credit == CreditClass::Unknown),
        ),
        ("风险等级 risk", count(&|t| t.risk == RiskLevel::Unknown)),
        ("所属部门 department", count(&|t| t.department.is_empty())),
    ] {
        if n > 0 {
            notes.push(format!(
                "{n} 条记录未载明{attribute}（记为未知，不推测；依赖它的抽查计划将被拒绝）· {n} entries do not state {attribute}: unknown, never guessed; a plan relying on it is refused"
            ));
        }
    }
    if rows > 0 && !status_column {
        notes.push(format!("表中未载明状态：{rows} 条记录均按“存续”处理 · the sheet states no 状态: all {rows} entries taken as active"));
    }
    notes
}

/// The id of a target with neither 对象编码 nor USCC: `D-` and the first 16 hex digits of
/// `tagged_hash("shuangsuiji/v1/derived-target-id", lp(key(name)) || lp(date) ||
/// lp(key(address)))`, where `key` is the one spelling of a name with every white space
/// removed (full-width forms folded, so "８８号" and "88号" agree) and `date` is 成立日期 as
/// YYYY-MM-DD when it reads as a date (so 2015/3/2, 2015-3-2 and an XLSX date cell agree),
/// else its key. Stable across imports and file formats, and reported for each row so
/// that the department can keep it.
pub fn derived_target_id(name: &str, established: &str, address: &str) -> String {
    use crate::encoding::canonical::{lp, tagged_hash};
    let date = parse_date(&to_ascii_form(established))
        .map(crate::registers::fields::dates::format_date)
        .unwrap_or_else(|| id_key(established));
    let h = tagged_hash(
        "shuangsuiji/v1/derived-target-id",
        &[
            &lp(id_key(name).as_bytes()),
            &lp(date.as_bytes()),
            &lp(id_key(address).as_bytes()),
        ],
    );
    format!("D-{}", &h.to_hex()[..16])
}

/// A name in its one spelling with every white space removed: what a derived id hashes.
pub(crate) fn id_key(s: &str) -> String {
    crate::registers::fields::names::normalise_name(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// An attribute the sheet may leave out: empty is `unknown`, anything else must parse.
fn stated<T>(
    p: &mut RowProblems,
    row: &Row,
    id: &str,
    key: &str,
    unknown: T,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    if row.get(key).is_empty() {
        Some(unknown)
    } else {
        p.parsed(row, id, key, key, ProblemKind::UnknownValue, parse)
    }
}

/// One row of the template as a target; problems go to `p`. `None` when a field the
/// entry cannot do without is unreadable (its problem is in `p`).
/// `status_column`: the sheet states 状态 for some entry, so an empty cell is a gap to
/// report, not "active".
fn parse_row(p: &mut RowProblems, row: &Row, status_column: bool) -> Option<Target> {
    let uscc = Some(to_ascii_form(row.get("uscc")).to_ascii_uppercase()).filter(|u| !u.is_empty());
    let id = row_id(row);
    p.example_row(row, &id);
    let established = match row.get("established") {
        "" => None,
        d => {
            let v = parse_date(&to_ascii_form(d));
            if v.is_none() {
                p.push(
                    row,
                    &id,
                    "established",
                    ProblemKind::InvalidDate,
                    format!("{d:?} is not a date"),
                );
            }
            v
        }
    };
    let kind = stated(p, row, &id, "kind", TargetKind::Unknown, TargetKind::parse);
    let credit = stated(
        p,
        row,
        &id,
        "credit",
        CreditClass::Unknown,
        CreditClass::parse,
    );
    let risk = stated(p, row, &id, "risk", RiskLevel::Unknown, RiskLevel::parse);
    // A register lists who is under supervision: a sheet without 状态 (the bare template)
    // has its entries taken as active, said in the notes; where the sheet states 状态, an
    // empty cell could hide a 注销 entry and is refused.
    let status = if status_column {
        p.parsed(
            row,
            &id,
            "status",
            "status",
            ProblemKind::UnknownValue,
            TargetStatus::parse,
        )
    } else {
        Some(TargetStatus::Active)
    };
    let mut last_inspected = BTreeMap::new();
    for entry in row
        .get("last_inspected")
        .split([';', '；'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let parsed = entry
            .split_once([':', '：'])
            .and_then(|(item, d)| Some((to_ascii_form(item), parse_date(&to_ascii_form(d))?)));
        match parsed {
            Some((item, d)) => {
                // Several visits for one item: the latest is what exclusion windows use.
                let e = last_inspected.entry(item).or_insert(IsoDate(d));
                e.0 = e.0.max(d);
            }
            None => p.push(
                row,
                &id,
                "last_inspected",
                ProblemKind::InvalidDate,
                format!("{entry:?} is not ITEM:YYYY-MM-DD"),
            ),
        }
    }
    if let (Some(kind), Some(credit), Some(risk), Some(status)) = (kind, credit, risk, status) {
        return Some(Target {
            id,
            uscc,
            name: row.get("name").to_string(),
            established,
            grade: Some(crate::registers::fields::names::normalise_name(
                row.get("grade"),
            ))
            .filter(|g| !g.is_empty()),
            address: row.get("address").to_string(),
            region: to_ascii_form(row.get("region")),
            industry: crate::registers::fields::names::normalise_name(row.get("industry")),
            kind,
            credit,
            risk,
            department: crate::registers::fields::names::normalise_name(row.get("department")),
            status,
            last_inspected,
        });
    }
    None
}

/// The id a row will have (对象编码, else the USCC, else derived).
fn row_id(row: &Row) -> String {
    let uscc = to_ascii_form(row.get("uscc")).to_ascii_uppercase();
    Some(to_ascii_form(row.get("id")))
        .filter(|i| !i.is_empty())
        .or_else(|| Some(uscc).filter(|u| !u.is_empty()))
        .unwrap_or_else(|| {
            derived_target_id(row.get("name"), row.get("established"), row.get("address"))
        })
}

/// A target register in a UTF-8 CSV file, read as a stream: the draw scans it twice and
/// never holds more than one row plus the selection. Rows must be sorted by id (as
/// [`super::targets_to_csv`] writes them); each entry is validated as it is read and the
/// first invalid one stops the draw ([`DrawError::Register`]). Duplicate ids show as
/// [`DrawError::Unsorted`].
#[derive(Debug, Clone)]
pub struct TargetCsvFile {
    path: std::path::PathBuf,
    as_of: Date,
}

impl TargetCsvFile {
    /// A source over `path`, validated as of `as_of`.
    pub fn new(path: impl Into<std::path::PathBuf>, as_of: Date) -> Self {
        TargetCsvFile {
            path: path.into(),
            as_of,
        }
    }
}

impl TargetSource for TargetCsvFile {
    fn as_of(&self) -> Date {
        self.as_of
    }

    fn scan(&self, f: &mut dyn FnMut(&Target) -> Result<(), DrawError>) -> Result<(), DrawError> {
        let file = std::fs::File::open(&self.path)
            .map_err(|e| DrawError::Source(format!("{}: {e}", self.path.display())))?;
        scan_csv(
            std::io::BufReader::with_capacity(1 << 20, file),
            self.as_of,
            f,
        )
    }
}

/// A target register in UTF-8 CSV from any byte source that can be read again from the
/// start: `open` is called once per pass. What a host without files streams from — the
/// browser's `File` read in slices inside a Worker, an object store, a pipe that can be
/// replayed — with the same rules as [`TargetCsvFile`]: rows sorted by id, each validated
/// as it is read, a source that changes between passes refused on its root.
pub struct TargetCsvStream<F> {
    open: F,
    as_of: Date,
}

impl<F> std::fmt::Debug for TargetCsvStream<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TargetCsvStream")
            .field("as_of", &self.as_of)
            .finish_non_exhaustive()
    }
}

impl<F, R> TargetCsvStream<F>
where
    F: Fn() -> Result<R, String>,
    R: std::io::Read,
{
    /// A source that reads the CSV through `open` (a fresh reader from the first byte, or
    /// the reason it cannot give one), validated as of `as_of`.
    pub fn new(open: F, as_of: Date) -> Self {
        TargetCsvStream { open, as_of }
    }
}

impl<F, R> TargetSource for TargetCsvStream<F>
where
    F: Fn() -> Result<R, String>,
    R: std::io::Read,
{
    fn as_of(&self) -> Date {
        self.as_of
    }

    fn scan(&self, f: &mut dyn FnMut(&Target) -> Result<(), DrawError>) -> Result<(), DrawError> {
        let reader = (self.open)().map_err(DrawError::Source)?;
        scan_csv(reader, self.as_of, f)
    }
}

/// One pass over a streamed CSV: each row validated and handed to `f`; the first problem
/// (of the file or of a row) stops the pass.
fn scan_csv(
    reader: impl std::io::Read,
    as_of: Date,
    f: &mut dyn FnMut(&Target) -> Result<(), DrawError>,
) -> Result<(), DrawError> {
    let streamed = stream_csv(reader, RegisterName::Targets, COLUMNS, REQUIRED, |row| {
        let t = streamed_target(&row, as_of, true).map_err(DrawError::Register)?;
        f(&t)
    });
    match streamed {
        Ok(r) => r,
        Err(e) => Err(DrawError::Register(Box::new(
            e.problems
                .into_iter()
                .next()
                .unwrap_or_else(|| crate::registers::validate::Problem {
                    register: RegisterName::Targets,
                    row: None,
                    record: None,
                    field: "file".into(),
                    column: None,
                    kind: ProblemKind::File,
                    message: "unreadable".into(),
                }),
        ))),
    }
}

/// One streamed row as a validated target (the checks a register makes of each entry;
/// duplicates and order are the draw's to see): the first problem, with the row's number.
fn streamed_target(row: &Row, as_of: Date, status_column: bool) -> Result<Target, Box<Problem>> {
    let mut p = RowProblems::new(RegisterName::Targets);
    let t = parse_row(&mut p, row, status_column);
    let mut c = Collector::new(RegisterName::Targets);
    if let Some(t) = &t {
        t.check(&mut c, as_of);
    }
    let mut problems = p.take();
    problems.extend(c.problems.into_iter().map(|mut x| {
        x.row = Some(row.number);
        x
    }));
    match (problems.into_iter().next(), t) {
        (None, Some(t)) => Ok(t),
        (Some(first), _) => Err(Box::new(first)),
        (None, None) => Err(Box::new(Problem {
            register: RegisterName::Targets,
            row: Some(row.number),
            record: None,
            field: "row".into(),
            column: None,
            kind: ProblemKind::Missing,
            message: "unreadable".into(),
        })),
    }
}

/// Targets read one row at a time from a source too large to hold, a database query
/// ordered by id above all: what an embedder's [`TargetSource`] calls on each row it
/// fetches (docs/embedding.md). The same columns, rules and checks of each entry as
/// [`targets_from_rows`]; what spans entries (id order, one id and one USCC per entry) the
/// draw checks as it reads, so a stream and a table of the same rows draw the same bytes or
/// the stream is refused.
#[derive(Debug, Clone)]
pub struct TargetRows {
    header: RowHeader,
    as_of: Date,
    status_column: bool,
}

impl TargetRows {
    /// Resolves the source's header (every unknown column, missing required column and
    /// bad rename at once), for rows validated as of `as_of`.
    ///
    /// # Errors
    /// The header's problems.
    pub fn new(
        header: &[String],
        rename: &BTreeMap<String, Option<String>>,
        as_of: Date,
    ) -> Result<Self, ValidationErrors> {
        let header = RowHeader::resolve(header, rename, RegisterName::Targets, COLUMNS, REQUIRED)?;
        let status_column = header.has("status");
        Ok(TargetRows {
            header,
            as_of,
            status_column,
        })
    }

    /// The register date the rows are validated as of.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// Row `number` (1-based, in source order) as a validated target.
    ///
    /// # Errors
    /// The row's first problem, naming its row and source column.
    pub fn target(&self, number: usize, cells: &[String]) -> Result<Target, Box<Problem>> {
        let row = self.header.row(number, cells)?;
        streamed_target(&row, self.as_of, self.status_column).map_err(|mut p| {
            self.header.name_column(&mut p);
            p
        })
    }
}
