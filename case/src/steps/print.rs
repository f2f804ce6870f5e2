//! The documents printed from a sealed record: the 抽查记录 (internal and public), the
//! dispatch lists per inspecting unit, and the 检查告知书 per target. Written into the
//! case (`print/`, `dispatch/`, `notices/`); all but the public record are private files.

use super::new::Inputs;
use crate::error::{CaseError, Result};
use crate::layout;
use crate::print::{dispatch, record, View};
use crate::store::{Store, Txn};
use shuangsuiji::registers::InspectorRegister;
use shuangsuiji::trust::TrustFile;
use shuangsuiji::{import, SealedRecord};

fn sealed(store: &Store) -> Result<SealedRecord> {
    let s: SealedRecord = store
        .read_json(layout::RECORD)
        .map_err(|_| CaseError::Refused("尚无抽取记录 · there is no record yet".into()))?;
    let c = &s.record.commitment.commitment;
    let missing: Vec<&str> = c
        .signers
        .iter()
        .filter(|x| !s.signatures.iter().any(|e| e.signer == x.name))
        .map(|x| x.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(CaseError::NotYet {
            step: "打印或派发",
            step_en: "print or dispatch",
            missing: format!("记录尚缺签名：{}", missing.join("、")),
            missing_en: format!(
                "the record still lacks signatures by {}",
                missing.join(", ")
            ),
        });
    }
    Ok(s)
}

/// The inspector register with personal data, as the case keeps it, read as of the
/// registers' date.
pub(crate) fn private_inspectors(store: &Store, s: &SealedRecord) -> Result<InspectorRegister> {
    let as_of = s
        .record
        .commitment
        .commitment
        .as_of
        .ok_or_else(|| CaseError::Refused("draw/v1 record without a register date".into()))?;
    let name = store
        .list("private")?
        .into_iter()
        .find(|n| n.starts_with("inspectors."))
        .ok_or_else(|| CaseError::Refused("private/inspectors.* is missing".into()))?;
    let bytes = store.read(&format!("private/{name}"))?;
    import::inspectors(&bytes, as_of).map_err(|e| {
        CaseError::invalid(
            "执法检查人员名录库",
            "the inspector register",
            e.problems.iter().map(ToString::to_string).collect(),
        )
    })
}

/// A rehearsal case's documents say so at the top, so none is taken for a real draw's.
fn marked(store: &Store, html: String) -> Result<String> {
    let case = super::commit::case_file(store)?;
    Ok(if case.rehearsal {
        html.replacen(
            "<body>\n",
            "<body>\n<p style=\"border:2px dashed #000;text-align:center;font-weight:bold\">演练 REHEARSAL — 非真实抽取 not a real draw</p>\n",
            1,
        )
    } else {
        html
    })
}

/// A file name from a department's name: letters and digits of any script kept.
fn file_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Writes the 抽查记录, internal and public, under the verdict `trust` gives; returns their
/// paths (relative to the case).
///
/// # Errors
/// When the record is missing or unsigned.
pub fn print_record(store: &Store, trust: Option<&TrustFile>) -> Result<Vec<String>> {
    let s = sealed(store)?;
    let inp = Inputs::load(store)?;
    let verdict = super::seal::verdict(store, trust)?;
    let inspectors = private_inspectors(store, &s)?;
    let mut txn = Txn::default();
    let mut out = Vec::new();
    for (view, rel) in [
        (View::Internal, "print/record.internal.html"),
        (View::Public, "print/record.public.html"),
    ] {
        let html = record::record_html(&record::RecordPrint {
            sealed: &s,
            targets: &inp.targets,
            inspectors: Some(&inspectors),
            verdict: &verdict,
            view,
        })
        .map_err(CaseError::Refused)?;
        let html = marked(store, html)?;
        match view {
            View::Internal => txn.put_private(rel, html.into_bytes()),
            View::Public => txn.put(rel, html.into_bytes()),
        }
        out.push(rel.to_string());
    }
    store.commit(txn)?;
    Ok(out)
}

/// Writes each inspecting unit's list (CSV and HTML) and every target's notice; returns
/// the number of lists and notices.
///
/// # Errors
/// When the record is missing or unsigned.
pub fn dispatch_all(store: &Store) -> Result<(usize, usize)> {
    let s = sealed(store)?;
    let inp = Inputs::load(store)?;
    let inspectors = private_inspectors(store, &s)?;
    let lists = dispatch::lists(&s, &inp.targets, &inspectors);
    let mut txn = Txn::default();
    for (n, (dept, visits)) in lists.iter().enumerate() {
        let base = format!("dispatch/{:02}-{}", n + 1, file_name(dept));
        txn.put_private(
            &format!("{base}.xlsx"),
            dispatch::list_xlsx(&s, dept, visits).map_err(CaseError::Refused)?,
        );
        txn.put_private(
            &format!("{base}.csv"),
            dispatch::list_csv(&s, visits).into_bytes(),
        );
        txn.put_private(
            &format!("{base}.html"),
            marked(store, dispatch::list_html(&s, dept, visits))?.into_bytes(),
        );
    }
    let mut notices = 0;
    for (n, team) in s.record.teams.iter().enumerate() {
        if let Some(html) = dispatch::notice_html(&s, &inp.targets, &inspectors, &team.target) {
            // Numbered like the dispatch lists: two ids that map to one file name (A.1, A_1)
            // can never overwrite each other.
            txn.put_private(
                &format!("notices/{:03}-{}.html", n + 1, file_name(&team.target)),
                marked(store, html)?.into_bytes(),
            );
            notices += 1;
        }
    }
    store.commit(txn)?;
    Ok((lists.len(), notices))
}
