//! A sealed draw as rows for the host system's own tables (docs/embedding.md, which gives
//! the `CREATE TABLE` statements): the system that keeps its inspection tasks in a
//! database stores who is inspected, for which items, by whom and in which batch, each row
//! keyed by the record hash so that a stored task always points at the record that proves
//! it. One function here, so every binding writes the same rows.

use super::error::DrawError;
use super::record::SealedRecord;
use super::select::Ticketed;
use std::collections::HashMap;

/// One cell of a write-back row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A count or position.
    Int(i64),
    /// SQL NULL.
    Null,
}

/// One table of the write-back layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeTable {
    /// The table's name in docs/embedding.md.
    pub name: &'static str,
    /// Its columns, in order.
    pub columns: &'static [&'static str],
    /// Its rows, in the record's order.
    pub rows: Vec<Vec<Cell>>,
}

/// The write-back tables' names and columns, in the order [`outcome_tables`] returns them.
pub const OUTCOME_LAYOUT: [(&str, &[&str]); 4] = [
    (
        "ssj_draw_item",
        &[
            "record_hash",
            "plan_id",
            "item_id",
            "item_name",
            "department",
        ],
    ),
    (
        "ssj_draw_target",
        &[
            "record_hash",
            "target_id",
            "role",
            "stratum",
            "rank",
            "ticket",
            "batch",
        ],
    ),
    (
        "ssj_draw_member",
        &[
            "record_hash",
            "target_id",
            "position",
            "inspector_id",
            "department",
            "role",
        ],
    ),
    (
        "ssj_draw_exclusion",
        &["record_hash", "target_id", "reason"],
    ),
];

/// The columns that hold counts and positions ([`Cell::Int`] or NULL); every other
/// column holds text.
pub const OUTCOME_INT_COLUMNS: [&str; 3] = ["rank", "batch", "position"];

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn int(n: usize) -> Cell {
    Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The draw's outcome as the four write-back tables: the plan's items; every selected
/// target (`must_include` for the 100 % list, `selected` per stratum) and every alternate
/// (`alternate`, in the order they replace a selected target), with its rank in its list
/// (from 1), its ticket and its batch (from 1; NULL when the plan has none or for an
/// alternate); the team members in draw order; the exclusions with their reason as the
/// record writes it (JSON).
///
/// # Errors
/// Only if an exclusion reason cannot be encoded canonically (a bug, reported).
pub fn outcome_tables(sealed: &SealedRecord) -> Result<Vec<OutcomeTable>, DrawError> {
    let rec = &sealed.record;
    let hash = sealed.hash.to_hex();
    let plan = &rec.commitment.commitment.plan;
    let [items, targets, members, exclusions] = OUTCOME_LAYOUT;

    let item_rows = rec
        .item_list
        .items()
        .iter()
        .filter(|i| plan.items.contains(&i.id))
        .map(|i| {
            vec![
                text(&hash),
                text(&plan.id),
                text(&i.id),
                text(&i.name),
                text(&i.department),
            ]
        })
        .collect();

    let batches: HashMap<&str, usize> = rec
        .batches
        .iter()
        .enumerate()
        .flat_map(|(i, b)| b.iter().map(move |t| (t.as_str(), i + 1)))
        .collect();
    let batch_of = |target: &str| batches.get(target).map_or(Cell::Null, |&i| int(i));
    let listed = |role: &'static str, stratum: &str, list: &[Ticketed], batch: bool| {
        list.iter()
            .enumerate()
            .map(|(i, t)| {
                vec![
                    text(&hash),
                    text(&t.target),
                    text(role),
                    text(stratum),
                    int(i + 1),
                    text(t.ticket.to_hex()),
                    if batch {
                        batch_of(&t.target)
                    } else {
                        Cell::Null
                    },
                ]
            })
            .collect::<Vec<_>>()
    };
    let mut target_rows = listed("must_include", "", &rec.must_include, true);
    for s in &rec.strata {
        target_rows.extend(listed("selected", &s.key, &s.selected, true));
        target_rows.extend(listed("alternate", &s.key, &s.alternates, false));
    }

    let member_rows = rec
        .teams
        .iter()
        .flat_map(|team| {
            let hash = &hash;
            team.members.iter().enumerate().map(move |(i, m)| {
                vec![
                    text(hash),
                    text(&team.target),
                    int(i + 1),
                    text(&m.inspector),
                    text(&m.department),
                    text(m.role.to_string()),
                ]
            })
        })
        .collect();

    let exclusion_rows = rec
        .exclusions
        .iter()
        .map(|e| {
            let reason = crate::encoding::canonical_json(&e.reason)
                .map_err(|x| DrawError::Encoding(x.to_string()))?;
            let reason =
                String::from_utf8(reason).map_err(|x| DrawError::Encoding(x.to_string()))?;
            Ok(vec![text(&hash), text(&e.target), Cell::Text(reason)])
        })
        .collect::<Result<Vec<_>, DrawError>>()?;

    Ok([
        (items, item_rows),
        (targets, target_rows),
        (members, member_rows),
        (exclusions, exclusion_rows),
    ]
    .into_iter()
    .map(|((name, columns), rows)| OutcomeTable {
        name,
        columns,
        rows,
    })
    .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row has its table's columns, every selected target and alternate appears once
    /// with its role, and every team member once (docs/embedding.md §write-back).
    #[test]
    fn tables_cover_the_record() {
        let record: crate::draw::DrawRecord = serde_json::from_str(
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../tests/vectors/draw-sample.record.json"
            ))
            .unwrap_or_default(),
        )
        .unwrap_or_else(|e| panic!("sample record: {e}"));
        let sealed = SealedRecord::new(record).unwrap_or_else(|e| panic!("{e}"));
        let tables = outcome_tables(&sealed).unwrap_or_else(|e| panic!("{e}"));
        for t in &tables {
            assert!(
                t.rows.iter().all(|r| r.len() == t.columns.len()),
                "{}",
                t.name
            );
        }
        let rec = &sealed.record;
        let role_count = |role: &str| {
            tables[1]
                .rows
                .iter()
                .filter(|r| r[2] == Cell::Text(role.into()))
                .count()
        };
        assert_eq!(
            role_count("selected") + role_count("must_include"),
            rec.selected_ids().count()
        );
        assert_eq!(
            role_count("alternate"),
            rec.strata.iter().map(|s| s.alternates.len()).sum::<usize>()
        );
        assert_eq!(
            tables[2].rows.len(),
            rec.teams.iter().map(|t| t.members.len()).sum::<usize>()
        );
        assert_eq!(
            tables[0].rows.len(),
            rec.commitment.commitment.plan.items.len()
        );
        assert_eq!(tables[3].rows.len(), rec.exclusions.len());
        if !rec.batches.is_empty() {
            assert!(tables[1]
                .rows
                .iter()
                .filter(|r| r[2] != Cell::Text("alternate".into()))
                .all(|r| matches!(r[6], Cell::Int(n) if n >= 1)));
        }
    }
}
