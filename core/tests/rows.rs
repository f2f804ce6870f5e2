//! Registers from rows (a database, a cursor, an Arrow table; docs/embedding.md): the same
//! registers as the file path, byte for byte; a stream of rows draws the same record; every
//! problem names its row and the source's column.
#![cfg(feature = "import")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::*;
use shuangsuiji::draw::*;
use shuangsuiji::import::{self, Rows, TargetRows};
use shuangsuiji::registers::{ProblemKind, RiskLevel, Target, TargetRegister};
use std::collections::BTreeMap;

/// A CSV text as a database would give it: its first line the header, then the rows.
fn rows_of(csv: &str) -> Rows {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let mut all: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let header = all.remove(0);
    Rows {
        header,
        rename: BTreeMap::new(),
        cells: all,
    }
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../examples/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The seed's Chinese column names need no mapping, and the registers are the file's.
#[test]
fn rows_with_the_templates_headers_give_the_files_registers() {
    let text = sample("targets.csv");
    let (from_rows, _) = import::targets_from_rows(&rows_of(&text), AS_OF).unwrap();
    let from_file = import::targets(text.as_bytes(), AS_OF).unwrap();
    assert_eq!(from_rows.root(), from_file.root());
    assert_eq!(from_rows.targets().len(), 10_000);

    let text = sample("items.csv");
    let (items, _) = import::items_from_rows(&rows_of(&text), "2017-80").unwrap();
    assert_eq!(
        items.hash(),
        import::items(text.as_bytes(), "2017-80").unwrap().hash()
    );

    let text = sample("inspectors.csv");
    let (inspectors, _) = import::inspectors_from_rows(&rows_of(&text), AS_OF).unwrap();
    assert_eq!(
        import::inspectors_to_csv(&inspectors),
        import::inspectors_to_csv(&import::inspectors(text.as_bytes(), AS_OF).unwrap())
    );
}

/// A query's own aliases, mapped; a column the register does not use, dropped by name.
#[test]
fn renamed_and_dropped_columns() {
    let mut rows = rows_of(&import::targets_to_csv(
        &import::targets(sample("targets.csv").as_bytes(), AS_OF).unwrap(),
    ));
    rows.header[1] = "object_code".into(); // 对象编码 under an alias
    rows.header.push("created_at".into());
    for r in &mut rows.cells {
        r.push("2024-01-01 08:00:00".into());
    }
    let e = import::targets_from_rows(&rows, AS_OF).unwrap_err();
    let unknown: Vec<_> = e
        .problems
        .iter()
        .map(|p| p.column.clone().unwrap())
        .collect();
    assert_eq!(unknown, ["object_code", "created_at"], "{e}");
    rows.rename
        .insert("object_code".into(), Some("对象编码".into()));
    rows.rename.insert("created_at".into(), None);
    let (reg, _) = import::targets_from_rows(&rows, AS_OF).unwrap();
    assert_eq!(reg.targets().len(), 10_000);

    rows.rename
        .insert("not_there".into(), Some("风险等级".into()));
    let e = import::targets_from_rows(&rows, AS_OF).unwrap_err();
    assert_eq!(e.problems.len(), 1);
    assert_eq!(e.problems[0].column.as_deref(), Some("not_there"));
}

/// Every problem at once: each names the source row (from 1) and the source's column.
#[test]
fn problems_name_row_and_source_column() {
    let mut rows = Rows {
        header: vec!["名称".into(), "fx".into(), "code".into()],
        rename: BTreeMap::new(),
        cells: vec![
            vec!["甲公司".into(), "低".into(), "91350100M000100Y43".into()],
            vec!["乙公司".into(), "极高".into(), "".into()],
            vec!["丙公司".into(), "低".into(), "91350100M000100Y4X".into()],
            vec!["丁公司".into(), "低".into()],
        ],
    };
    rows.rename.insert("名称".into(), Some("企业名称".into()));
    rows.rename.insert("fx".into(), Some("风险等级".into()));
    rows.rename.insert("code".into(), Some("uscc".into()));
    let e = import::targets_from_rows(&rows, AS_OF).unwrap_err();
    assert_eq!(
        e.problems.len(),
        1,
        "a short row is a problem of its own: {e}"
    );
    assert_eq!(e.problems[0].row, Some(4));
    rows.cells.pop();
    let e = import::targets_from_rows(&rows, AS_OF).unwrap_err();
    let seen: Vec<_> = e
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref(), p.kind))
        .collect();
    assert!(
        seen.contains(&(Some(2), Some("fx"), ProblemKind::UnknownValue)),
        "{seen:?}"
    );
    assert!(
        seen.contains(&(Some(3), Some("code"), ProblemKind::InvalidUscc)),
        "{seen:?}"
    );
    assert!(e.to_string().contains("(column fx)"), "{e}");
}

/// A stream of rows (a query read in batches, twice) as the draw's target source.
struct Stream {
    rows: Rows,
    parser: TargetRows,
}

impl TargetSource for Stream {
    fn as_of(&self) -> time::Date {
        self.parser.as_of()
    }

    fn scan(&self, f: &mut dyn FnMut(&Target) -> Result<(), DrawError>) -> Result<(), DrawError> {
        for (i, cells) in self.rows.cells.iter().enumerate() {
            let t = self
                .parser
                .target(i + 1, cells)
                .map_err(DrawError::Register)?;
            f(&t)?;
        }
        Ok(())
    }
}

/// The offline draw of `w` under the common plan, from `source`.
fn draw_from(w: &World, source: &dyn TargetSource) -> Result<DrawRecord, DrawError> {
    let c = w.commitment(plan(), 4, BeaconChoice::Offline, 0);
    draw(DrawInputs {
        commitment: &c,
        item_list: &w.items,
        targets: source,
        inspectors: &w.inspectors,
        reveals: &World::reveals(4),
        beacon: None,
        published: &[],
    })
}

fn stream(rows: Rows) -> Stream {
    let parser = TargetRows::new(&rows.header, &rows.rename, AS_OF).unwrap();
    Stream { rows, parser }
}

#[test]
fn streamed_rows_draw_the_same_bytes_and_refuse_disorder() {
    let w = World::new(targets(300), inspectors(12, 0));
    let rows = rows_of(&import::targets_to_csv(&w.targets));
    let run = |source: &dyn TargetSource| draw_from(&w, source);
    let mem = run(&w.targets).unwrap();
    let streamed = run(&stream(rows.clone())).unwrap();
    assert_eq!(
        mem.canonical_bytes().unwrap(),
        streamed.canonical_bytes().unwrap()
    );

    let mut shuffled = rows.clone();
    shuffled.cells.swap(10, 11);
    assert!(matches!(
        run(&stream(shuffled)),
        Err(DrawError::Unsorted { .. })
    ));

    let mut bad = rows;
    let risk = bad.header.iter().position(|h| h == "风险等级").unwrap();
    bad.cells[6][risk] = "极高".into();
    match run(&stream(bad)) {
        Err(DrawError::Register(p)) => {
            assert_eq!(p.row, Some(7));
            assert_eq!(p.column.as_deref(), Some("风险等级"));
        }
        other => panic!("{other:?}"),
    }
}

/// A live table that changes between the draw's two passes (a row updated while the draw
/// runs): the second pass is hashed again and the draw refused, never a selection from a
/// register other than the committed one.
struct Changing {
    first: Stream,
    second: Stream,
    passes: std::cell::Cell<usize>,
}

impl TargetSource for Changing {
    fn as_of(&self) -> time::Date {
        AS_OF
    }

    fn scan(&self, f: &mut dyn FnMut(&Target) -> Result<(), DrawError>) -> Result<(), DrawError> {
        self.passes.set(self.passes.get() + 1);
        if self.passes.get() == 1 {
            self.first.scan(f)
        } else {
            self.second.scan(f)
        }
    }
}

#[test]
fn a_source_that_changes_between_passes_is_refused() {
    let w = World::new(targets(300), inspectors(12, 0));
    let rows = rows_of(&import::targets_to_csv(&w.targets));
    let mut updated = rows.clone();
    let risk = updated.header.iter().position(|h| h == "风险等级").unwrap();
    let was = updated.cells[100][risk].clone();
    updated.cells[100][risk] = if was == "高" { "低" } else { "高" }.into();
    let source = Changing {
        first: stream(rows),
        second: stream(updated),
        passes: std::cell::Cell::new(0),
    };
    let got = draw_from(&w, &source);
    match got {
        Err(DrawError::Source(m)) => assert!(m.contains("changed between"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(source.passes.get(), 2);
}

/// One enterprise under two 对象编码 in a stream: refused as a register in memory refuses it
/// (one USCC, one entry), before anything is drawn.
#[test]
fn a_streamed_uscc_twice_is_refused() {
    let w = World::new(targets(300), inspectors(12, 0));
    let mut rows = rows_of(&import::targets_to_csv(&w.targets));
    let id = rows.header.iter().position(|h| h == "对象编码").unwrap();
    let mut again = rows.cells[0].clone();
    again[id] = "ZZ-0001".into(); // sorts after every USCC
    rows.cells.push(again.clone());
    let got = draw_from(&w, &stream(rows.clone()));
    match got {
        Err(DrawError::Register(p)) => {
            assert_eq!((p.kind, p.field.as_str()), (ProblemKind::Duplicate, "uscc"));
            assert_eq!(p.record.as_deref(), Some("ZZ-0001"));
        }
        other => panic!("{other:?}"),
    }
    // The same rows in memory: the same rule.
    let e = import::targets_from_rows(&rows, AS_OF).unwrap_err();
    assert!(e
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::Duplicate && p.field == "uscc"));
}

/// A source that names one register as itself (`in_memory`) while its own scan gives
/// another: the draw reads only the register named, entries and root alike, so the scan
/// cannot slip other entries past the committed root; and naming an uncommitted register
/// is refused on its root.
struct Posing<'a> {
    named: &'a TargetRegister,
    scanned: &'a TargetRegister,
}

impl TargetSource for Posing<'_> {
    fn as_of(&self) -> time::Date {
        self.scanned.as_of()
    }

    fn scan(&self, f: &mut dyn FnMut(&Target) -> Result<(), DrawError>) -> Result<(), DrawError> {
        self.scanned.targets().iter().try_for_each(f)
    }

    fn in_memory(&self) -> Option<&TargetRegister> {
        Some(self.named)
    }
}

#[test]
fn a_source_posing_as_a_register_draws_from_that_register_only() {
    let w = World::new(targets(300), inspectors(12, 0));
    let mut other = w.targets.targets().to_vec();
    for t in &mut other {
        t.risk = RiskLevel::High;
    }
    let other = TargetRegister::new(AS_OF, other).unwrap();
    assert_ne!(other.root(), w.targets.root());
    let honest = draw_from(&w, &w.targets).unwrap();
    let posing = draw_from(
        &w,
        &Posing {
            named: &w.targets,
            scanned: &other,
        },
    )
    .unwrap();
    assert_eq!(
        honest.canonical_bytes().unwrap(),
        posing.canonical_bytes().unwrap()
    );
    let refused = draw_from(
        &w,
        &Posing {
            named: &other,
            scanned: &w.targets,
        },
    );
    assert!(
        matches!(refused, Err(DrawError::Root { .. })),
        "{refused:?}"
    );
}
