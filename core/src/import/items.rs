//! 附件1 (随机抽查事项清单) and the 豫政办〔2017〕80号 table.

use super::rows::Rows;
use super::table::{read_rows, to_ascii_form, Columns, Input};
use super::{split_list, RowProblems};
use crate::registers::fields::ratio::BasisPoints;
use crate::registers::item::{Category, Frequency, Item, ItemList, LegalBasis, Level, Method};
use crate::registers::validate::{ProblemKind, RegisterName, ValidationErrors};
use std::collections::HashMap;

pub(crate) const COLUMNS: Columns = &[
    ("no", &["序号", "no"]),
    ("id", &["事项编码", "事项代码", "id"]),
    ("department", &["部门", "抽查主体", "department"]),
    ("name", &["抽查事项", "抽查事项名称", "name"]),
    ("target_scope", &["检查对象", "抽查对象", "target_scope"]),
    ("content", &["检查内容", "抽查内容", "content"]),
    ("category", &["事项类别", "category"]),
    ("methods", &["检查方式", "抽查方式", "methods"]),
    ("levels", &["检查部门实施层级", "实施层级", "levels"]),
    ("legal_basis", &["检查依据", "抽查依据", "legal_basis"]),
    ("ratio", &["抽查比例", "ratio"]),
    ("frequency", &["抽查频次", "frequency"]),
    ("remarks", &["备注", "remarks"]),
];

/// The seed's 附件1 has no 事项编码, 抽查比例 or 抽查频次: an item's id is then derived
/// from its department and 抽查事项 ([`derived_item_id`]), and ratio and frequency are "not
/// stated" (a general item without a stated cap is refused by every plan).
const REQUIRED: &[&str] = &[
    "department",
    "name",
    "target_scope",
    "content",
    "category",
    "methods",
    "legal_basis",
];

/// The id of an item with no 事项编码: `I-` and the first 16 hex digits of
/// `tagged_hash("shuangsuiji/v1/derived-item-id", lp(key(部门)) || lp(key(抽查事项)))`, with
/// `key` as for a derived target id (one spelling, no white space). Not the 序号: a row
/// inserted in next year's list must not hand an old item's id to another item. Reported
/// per row so that the department can keep it.
pub fn derived_item_id(department: &str, name: &str) -> String {
    use crate::encoding::canonical::{lp, tagged_hash};
    use crate::import::targets::id_key;
    let h = tagged_hash(
        "shuangsuiji/v1/derived-item-id",
        &[
            &lp(id_key(department).as_bytes()),
            &lp(id_key(name).as_bytes()),
        ],
    );
    format!("I-{}", &h.to_hex()[..16])
}

/// Reads an item list file (CSV or XLSX, detected from the bytes) as version `version`.
///
/// # Errors
/// Every problem of every row, with row numbers; nothing partial.
pub fn items(bytes: &[u8], version: &str) -> Result<ItemList, ValidationErrors> {
    items_with_notes(bytes, version).map(|(l, _)| l)
}

/// As [`items`], with what the import derived (ids) or left unstated (ratio, frequency).
///
/// # Errors
/// As [`items`].
pub fn items_with_notes(
    bytes: &[u8],
    version: &str,
) -> Result<(ItemList, Vec<String>), ValidationErrors> {
    items_from(Input::File(bytes), version)
}

/// As [`items_with_notes`], from rows a database, a cursor or an Arrow table gave.
///
/// # Errors
/// Every unknown column, every problem of every row; nothing partial.
pub fn items_from_rows(
    rows: &Rows,
    version: &str,
) -> Result<(ItemList, Vec<String>), ValidationErrors> {
    items_from(Input::Rows(rows), version)
}

fn items_from(
    input: Input<'_>,
    version: &str,
) -> Result<(ItemList, Vec<String>), ValidationErrors> {
    let sheet = read_rows(input, RegisterName::ItemList, COLUMNS, REQUIRED)?;
    let rows = &sheet.rows;
    let mut p = RowProblems::new(RegisterName::ItemList);
    let mut out = Vec::new();
    let mut at: HashMap<String, Vec<usize>> = HashMap::new();
    let mut notes = Vec::new();
    for row in rows {
        let mut id = to_ascii_form(row.get("id"));
        if id.is_empty() {
            id = derived_item_id(row.get("department"), row.get("name"));
            notes.push(format!(
                "第 {} 行：无事项编码，由部门和抽查事项派生为 {id} · row {}: no 事项编码, id derived from department and item name: {id}",
                row.number, row.number
            ));
        }
        at.entry(id.clone()).or_default().push(row.number);
        p.example_row(row, &id);
        let department = p.required(row, &id, "department", "department");
        let name = p.required(row, &id, "name", "name");
        let content = p.required(row, &id, "content", "content");
        let category = p.parsed(
            row,
            &id,
            "category",
            "category",
            ProblemKind::UnknownValue,
            Category::parse,
        );
        let methods = match Method::parse_list(row.get("methods")) {
            Ok(m) => m,
            Err(e) => {
                p.push(
                    row,
                    &id,
                    "methods",
                    ProblemKind::UnknownValue,
                    e.to_string(),
                );
                vec![]
            }
        };
        let levels = Level::parse_list(row.get("levels"));
        let legal_basis = LegalBasis::parse_list(row.get("legal_basis"));
        let ratio = match row.get("ratio") {
            "" => None,
            r => {
                let v = BasisPoints::parse(&to_ascii_form(r));
                if v.is_none() {
                    p.push(
                        row,
                        &id,
                        "ratio",
                        ProblemKind::RatioOutOfRange,
                        format!("{r:?} is not a ratio such as 5% or 0.5%"),
                    );
                }
                v
            }
        };
        let ftext = row.get("frequency");
        let frequency = Frequency::parse(ftext).unwrap_or_else(|| Frequency {
            text: ftext.to_string(),
            tiers: vec![],
        });
        if let Some(category) = category {
            out.push(Item {
                id,
                department,
                name,
                target_scope: split_list(row.get("target_scope")),
                content,
                category,
                methods,
                levels,
                legal_basis,
                ratio,
                frequency,
                remarks: row.get("remarks").to_string(),
            });
        }
    }
    let unstated = |key: &str| rows.iter().filter(|r| r.get(key).is_empty()).count();
    let n = unstated("ratio");
    if n > 0 {
        notes.push(format!("{n} 个事项未载明抽查比例（记为未知；一般检查事项未载明比例上限时不能抽取）· {n} items do not state 抽查比例: unknown; a general item without its cap is never drawn"));
    }
    let n = unstated("frequency");
    if n > 0 {
        notes.push(format!(
            "{n} 个事项未载明抽查频次（记为未知）· {n} items do not state 抽查频次: unknown"
        ));
    }
    let built = ItemList::new(version, out);
    sheet.name_columns(p.finish(|| at, built).map(|l| (l, notes)))
}
