//! A draw whose target register is streamed from a database, for Rust embedders
//! (docs/embedding.md §6). The sample registers are loaded into SQLite tables with the
//! seed's Chinese column names; the draw reads the target register through a
//! [`TargetSource`] that runs `SELECT … ORDER BY id` on each of its two passes and parses
//! each row with [`TargetRows`] (the importer's rules, row by row); the record must equal
//! the vector's; the outcome is written back into the tables of docs/embedding.md. Run from
//! the repository root:
//!
//! ```sh
//! cargo run -p shuangsuiji-cli --example sqlite_draw
//! ```
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use shuangsuiji::draw::{outcome_tables, Cell, TargetSource};
use shuangsuiji::import::{self, TargetRows};
use shuangsuiji::registers::fields::parse_date;
use shuangsuiji::registers::Target;
use shuangsuiji::{draw, BeaconRound, DrawError, DrawInputs, Reveal, SignedCommitment};
use std::collections::BTreeMap;
use std::error::Error;

/// Loads a sample CSV into a table named `table`, one TEXT column per header cell; empty
/// cells are NULL, as a host system stores them.
fn load(db: &Connection, table: &str, csv_path: &str) -> Result<(), Box<dyn Error>> {
    let mut rdr = csv::Reader::from_path(csv_path)?;
    let header: Vec<String> = rdr.headers()?.iter().map(str::to_string).collect();
    let columns: Vec<String> = header.iter().map(|h| format!("\"{h}\" TEXT")).collect();
    db.execute(
        &format!("CREATE TABLE \"{table}\" ({})", columns.join(", ")),
        [],
    )?;
    let marks = vec!["?"; header.len()].join(", ");
    let mut insert = db.prepare(&format!("INSERT INTO \"{table}\" VALUES ({marks})"))?;
    for rec in rdr.records() {
        let rec = rec?;
        insert.execute(rusqlite::params_from_iter(
            rec.iter().map(|c| (!c.is_empty()).then_some(c)),
        ))?;
    }
    Ok(())
}

/// The target register as a query: each pass runs it and parses one row at a time, so the
/// register is never held whole.
struct SqliteTargets<'a> {
    db: &'a Connection,
    sql: &'a str,
    as_of: time::Date,
}

/// A SQLite value as the text of a template cell (NULL is empty); text that is not UTF-8
/// is an error, never repaired.
fn text(v: ValueRef<'_>) -> Result<String, DrawError> {
    Ok(match v {
        ValueRef::Null => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => import::whole_number_text(f).unwrap_or_else(|| f.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8(t.to_vec())
            .map_err(|_| DrawError::Source("a cell that is not UTF-8".into()))?,
    })
}

impl TargetSource for SqliteTargets<'_> {
    fn as_of(&self) -> time::Date {
        self.as_of
    }

    fn scan(&self, f: &mut dyn FnMut(&Target) -> Result<(), DrawError>) -> Result<(), DrawError> {
        let source = |e: rusqlite::Error| DrawError::Source(e.to_string());
        let mut stmt = self.db.prepare(self.sql).map_err(source)?;
        let header: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
        let parser = TargetRows::new(&header, &BTreeMap::new(), self.as_of)
            .map_err(|e| DrawError::Source(e.to_string()))?;
        let mut rows = stmt.query([]).map_err(source)?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(source)? {
            n += 1;
            let cells = (0..header.len())
                .map(|i| text(row.get_ref(i).map_err(source)?))
                .collect::<Result<Vec<_>, _>>()?;
            f(&parser.target(n, &cells).map_err(DrawError::Register)?)?;
        }
        Ok(())
    }
}

fn json(path: &str) -> Result<serde_json::Value, Box<dyn Error>> {
    Ok(serde_json::from_slice(&std::fs::read(path)?)?)
}

fn main() -> Result<(), Box<dyn Error>> {
    let db = Connection::open_in_memory()?;
    load(&db, "检查对象名录库", "examples/data/targets.csv")?;

    let registers = json("tests/vectors/registers.json")?;
    let input = |k: &str| {
        registers
            .pointer(&format!("/inputs/{k}"))
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let as_of = parse_date(&input("as_of")).ok_or("registers.json: bad as_of")?;
    let items = import::items(&std::fs::read(input("items"))?, &input("item_list_version"))?;
    let mut key = [0u8; 32];
    hex::decode_to_slice(input("personal_salt_key"), &mut key)?;
    let inspectors = import::inspectors(&std::fs::read(input("inspectors"))?, as_of)?;
    let public = inspectors.public_view(&key);

    // The id is 对象编码, else the USCC; SQLite's default BINARY collation is byte order.
    let targets = SqliteTargets {
        db: &db,
        sql:
            "SELECT * FROM \"检查对象名录库\" ORDER BY COALESCE(\"对象编码\", \"统一社会信用代码\")",
        as_of,
    };
    let vector = json("tests/vectors/draw-sample.json")?;
    let field = |p: &str| {
        vector
            .pointer(p)
            .cloned()
            .ok_or(format!("draw-sample.json: no {p}"))
    };
    let commitment: SignedCommitment = serde_json::from_value(field("/inputs/commitment")?)?;
    let reveals: Vec<Reveal> = serde_json::from_value(field("/inputs/reveals")?)?;
    let beacon: BeaconRound = serde_json::from_value(field("/inputs/beacon")?)?;
    let record = draw(DrawInputs {
        commitment: &commitment,
        item_list: &items,
        targets: &targets,
        inspectors: &public,
        reveals: &reveals,
        beacon: Some(&beacon),
        published: &[],
    })?;
    let bytes = record.canonical_bytes()?;
    if bytes != std::fs::read("tests/vectors/draw-sample.record.json")? {
        return Err("the streamed draw differs from the vector's record".into());
    }
    println!(
        "与向量一致 The streamed draw equals the vector: record {}, {} targets selected",
        record.hash()?,
        record.selected_ids().count()
    );

    // Write-back: the documented tables, filled from the sealed record.
    let doc = std::fs::read_to_string("docs/embedding.md")?;
    let ddl = doc
        .split("```sql\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .ok_or("docs/embedding.md: no sql block")?;
    db.execute_batch(ddl)?;
    let sealed = shuangsuiji::SealedRecord::new(record)?;
    for t in outcome_tables(&sealed)? {
        let marks = vec!["?"; t.columns.len()].join(", ");
        let mut insert = db.prepare(&format!(
            "INSERT INTO {} ({}) VALUES ({marks})",
            t.name,
            t.columns.join(", ")
        ))?;
        for row in &t.rows {
            insert.execute(rusqlite::params_from_iter(row.iter().map(|c| match c {
                Cell::Text(s) => rusqlite::types::Value::Text(s.clone()),
                Cell::Int(n) => rusqlite::types::Value::Integer(*n),
                Cell::Null => rusqlite::types::Value::Null,
            })))?;
        }
        let n: i64 = db.query_row(&format!("SELECT COUNT(*) FROM {}", t.name), [], |r| {
            r.get(0)
        })?;
        println!("写回 written back: {} {n} 行 rows", t.name);
    }
    Ok(())
}
