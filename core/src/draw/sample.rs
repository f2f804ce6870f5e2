//! The selection primitive (spec §5.1) on a plain id list, one id per line, as the CLI's
//! `sample`, Python's `sample_ids` and WASM's `sampleIds` read it — one reading of the
//! lines for every runtime, so the same file gives the same sample everywhere.
//!
//! An id is hashed as written, so a line that is not an id in its one spelling (a
//! full-width digit, a decomposed letter, a space inside) would give a ticket for a
//! different id without a word; it is refused with its line number instead. An id listed
//! twice would hold two places of the sample; that is refused too.

use crate::draw::select::{lowest_tickets, Ticketed};
use crate::encoding::canonical::Digest32;
use crate::registers::fields::ids::check_id;
use crate::registers::validate::{Problem, ProblemKind, RegisterName, ValidationErrors};

/// The `take` lowest tickets under `subseed` of the ids on `lines`, ascending (ties by id).
/// Each line is trimmed of white space (and line 1 of a UTF-8 byte-order mark); blank lines
/// are skipped. Streams: O(`take`) memory whatever the number of lines (plus one line).
///
/// # Errors
/// The first line that is not a valid id (spec §1.2), with its 1-based line number; or an
/// id that appears twice among those sampled.
pub fn sample_lines<S: AsRef<str>>(
    subseed: &Digest32,
    lines: impl IntoIterator<Item = S>,
    take: usize,
) -> Result<Vec<Ticketed>, ValidationErrors> {
    let mut bad: Option<Problem> = None;
    let ids = lines
        .into_iter()
        .enumerate()
        .map_while(|(n, line)| {
            let text = line.as_ref();
            let text = match n {
                0 => text.strip_prefix('\u{feff}').unwrap_or(text),
                _ => text,
            };
            let id = text.trim();
            if id.is_empty() {
                return Some(None);
            }
            match check_id(id) {
                Ok(()) => Some(Some(id.to_string())),
                Err(reason) => {
                    bad = Some(problem(
                        n + 1,
                        id,
                        ProblemKind::InvalidId,
                        reason.to_string(),
                    ));
                    None
                }
            }
        })
        .flatten();
    let picked = match take {
        // Nothing to keep, but every line is still checked.
        0 => {
            ids.for_each(drop);
            Vec::new()
        }
        _ => lowest_tickets(subseed, ids, take),
    };
    if let Some(p) = bad {
        return Err(ValidationErrors { problems: vec![p] });
    }
    // Copies of one id have one ticket, so they sit side by side in the sample.
    let twice = picked.windows(2).find_map(|w| match w {
        [a, b] if a.target == b.target => Some(&a.target),
        _ => None,
    });
    if let Some(id) = twice {
        return Err(ValidationErrors {
            problems: vec![Problem {
                register: RegisterName::IdList,
                row: None,
                record: Some(id.clone()),
                field: "id".into(),
                column: None,
                kind: ProblemKind::Duplicate,
                message: format!("{id} appears more than once"),
            }],
        });
    }
    Ok(picked)
}

/// [`sample_lines`] over a reader (a file, a pipe), streamed: the CLI and the Python package
/// read id files through this one function. A line that cannot be read (not UTF-8, an I/O
/// error) stops the sample and is reported with its number; nothing is sampled from a file
/// that was not read to its end.
///
/// # Errors
/// As [`sample_lines`], and a [`ProblemKind::File`] problem for a line that cannot be read.
pub fn sample_reader(
    subseed: &Digest32,
    reader: impl std::io::BufRead,
    take: usize,
) -> Result<Vec<Ticketed>, ValidationErrors> {
    let mut unread = None;
    let lines = reader
        .lines()
        .enumerate()
        .map_while(|(n, l)| l.map_err(|e| unread = Some((n + 1, e))).ok());
    let picked = sample_lines(subseed, lines, take);
    match unread {
        Some((line, e)) => Err(ValidationErrors {
            problems: vec![Problem {
                register: RegisterName::IdList,
                row: Some(line),
                record: None,
                field: "line".into(),
                column: None,
                kind: ProblemKind::File,
                message: format!("cannot be read: {e}"),
            }],
        }),
        None => picked,
    }
}

fn problem(line: usize, id: &str, kind: ProblemKind, reason: String) -> Problem {
    Problem {
        register: RegisterName::IdList,
        row: Some(line),
        record: Some(id.to_string()),
        field: "id".into(),
        column: None,
        kind,
        message: format!("{id:?} {reason}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: Digest32 = Digest32([5; 32]);

    /// A reader gives the sample its lines give; a line that is not UTF-8 is named by number
    /// and nothing is sampled, even when the bad line comes after the sample is complete.
    #[test]
    fn a_reader_is_read_to_its_end_or_refused() {
        let text = "T001\nT002\r\nT003\n";
        assert_eq!(
            sample_reader(&SEED, text.as_bytes(), 2).unwrap(),
            sample_lines(&SEED, text.lines(), 2).unwrap()
        );
        let bad: &[u8] = b"T001\nT002\n\xffT003\nT004\n";
        let e = sample_reader(&SEED, bad, 1).unwrap_err();
        let p = &e.problems[0];
        assert_eq!(
            (p.kind, p.row, p.field.as_str()),
            (ProblemKind::File, Some(3), "line")
        );
        assert!(p.message.contains("UTF-8"), "{}", p.message);
    }

    /// Spec §1.2 on plain id lists: look-alike spellings are refused with the line, never
    /// hashed as other ids; trimming, blank lines and a byte-order mark are not spellings.
    #[test]
    fn lines_are_ids_in_their_one_spelling() {
        let plain = sample_lines(&SEED, ["T001", "T002", "T003"], 2).unwrap();
        let padded =
            sample_lines(&SEED, ["\u{feff}T001 ", "", "  T002", "T003\r", "   "], 2).unwrap();
        assert_eq!(plain, padded);
        assert_eq!(plain, lowest_tickets(&SEED, ["T001", "T002", "T003"], 2));

        for (lines, line) in [
            (vec!["T001", "Ｔ002"], 2),
            (vec!["T001", "", "T0 02"], 3),
            (vec!["Cafe\u{301}"], 1),
            (vec!["T001", "\u{feff}T002"], 2),
        ] {
            let e = sample_lines(&SEED, lines.clone(), 5).unwrap_err();
            let p = &e.problems[0];
            assert_eq!(
                (p.kind, p.row),
                (ProblemKind::InvalidId, Some(line)),
                "{lines:?}"
            );
        }
    }

    #[test]
    fn a_sample_of_none_still_checks_every_line() {
        assert_eq!(sample_lines(&SEED, ["T001"], 0).unwrap(), vec![]);
        assert!(sample_lines(&SEED, ["T001", "Ｔ002"], 0).is_err());
    }

    #[test]
    fn an_id_sampled_twice_is_refused() {
        let e = sample_lines(&SEED, ["T001", "T002", "T001"], 3).unwrap_err();
        assert_eq!(e.problems[0].kind, ProblemKind::Duplicate);
        assert_eq!(e.problems[0].record.as_deref(), Some("T001"));
    }
}
