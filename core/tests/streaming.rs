//! A register streamed from a CSV file gives the same draw, byte for byte, as the same
//! register in memory; an invalid streamed row stops the draw naming its row.
#![cfg(feature = "import")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::*;
use shuangsuiji::draw::*;
use shuangsuiji::import::{targets_to_csv, TargetCsvFile};

/// A CSV source that gives `bytes(pass)` on each pass (counted from 1 in `pass`): a file
/// read the same way each time, or one that changes under the draw.
fn by_pass<'a>(
    pass: &'a std::cell::Cell<usize>,
    bytes: impl Fn(usize) -> Vec<u8> + 'a,
) -> shuangsuiji::import::TargetCsvStream<impl Fn() -> Result<std::io::Cursor<Vec<u8>>, String> + 'a>
{
    shuangsuiji::import::TargetCsvStream::new(
        move || {
            pass.set(pass.get() + 1);
            Ok(std::io::Cursor::new(bytes(pass.get())))
        },
        AS_OF,
    )
}

fn temp(name: &str, body: &str) -> std::path::PathBuf {
    let p = std::env::temp_dir().join(format!("shuangsuiji-{}-{name}", std::process::id()));
    std::fs::write(&p, body).unwrap();
    p
}

#[test]
fn streamed_register_draws_the_same_bytes() {
    let w = World::new(targets(300), inspectors(12, 0));
    let path = temp("targets.csv", &targets_to_csv(&w.targets));
    let source = TargetCsvFile::new(&path, AS_OF);
    let c = w.commitment(plan(), 4, BeaconChoice::Offline, 0);
    let reveals = World::reveals(4);
    let mem = draw(DrawInputs {
        commitment: &c,
        item_list: &w.items,
        targets: &w.targets,
        inspectors: &w.inspectors,
        reveals: &reveals,
        beacon: None,
        published: &[],
    })
    .unwrap();
    let streamed = draw(DrawInputs {
        commitment: &c,
        item_list: &w.items,
        targets: &source,
        inspectors: &w.inspectors,
        reveals: &reveals,
        beacon: None,
        published: &[],
    })
    .unwrap();
    assert_eq!(
        mem.canonical_bytes().unwrap(),
        streamed.canonical_bytes().unwrap()
    );
    std::fs::remove_file(path).ok();
}

#[test]
fn streamed_problems_stop_the_draw() {
    let w = World::new(targets(40), inspectors(6, 0));
    let csv = targets_to_csv(&w.targets);
    let c = w.commitment(plan(), 4, BeaconChoice::Offline, 0);
    let reveals = World::reveals(4);
    let draw_from = |source: &TargetCsvFile| {
        draw(DrawInputs {
            commitment: &c,
            item_list: &w.items,
            targets: source,
            inspectors: &w.inspectors,
            reveals: &reveals,
            beacon: None,
            published: &[],
        })
    };
    let run = |body: &str, name: &str| {
        let path = temp(name, body);
        let r = draw_from(&TargetCsvFile::new(&path, AS_OF));
        std::fs::remove_file(path).ok();
        r
    };
    // A bad region on the 4th data row (line 5).
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    lines[4] = lines[4]
        .replace(",410102,", ",4101,")
        .replace(",410103,", ",4101,")
        .replace(",410105,", ",4101,");
    match run(&(lines.join("\n") + "\n"), "bad.csv") {
        Err(DrawError::Register(p)) => {
            assert_eq!(p.row, Some(5));
            assert_eq!(p.field, "region");
        }
        other => panic!("{other:?}"),
    }
    // Rows out of id order.
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    lines.swap(2, 3);
    assert!(matches!(
        run(&(lines.join("\n") + "\n"), "unsorted.csv"),
        Err(DrawError::Unsorted { .. })
    ));
    // A file that is not there.
    let r = draw_from(&TargetCsvFile::new("/nonexistent/targets.csv", AS_OF));
    assert!(matches!(r, Err(DrawError::Source(_))));
}

/// What a host without files streams from (the page's Worker reading a `File` in slices):
/// the same draw as the register in memory.
#[test]
fn a_reader_source_draws_the_same_bytes() {
    let w = World::new(targets(200), inspectors(12, 0));
    let csv = targets_to_csv(&w.targets).into_bytes();
    let opened = std::cell::Cell::new(0);
    let source = by_pass(&opened, |_| csv.clone());
    let c = w.commitment(plan(), 4, BeaconChoice::Offline, 0);
    let reveals = World::reveals(4);
    let inputs = |targets: &dyn TargetSource| {
        draw(DrawInputs {
            commitment: &c,
            item_list: &w.items,
            targets,
            inspectors: &w.inspectors,
            reveals: &reveals,
            beacon: None,
            published: &[],
        })
        .unwrap()
        .canonical_bytes()
        .unwrap()
    };
    assert_eq!(inputs(&w.targets), inputs(&source));
    // Two passes: root and census, then selection (hashed again, as the source may change).
    assert_eq!(opened.get(), 2);
}

/// A source that gives other rows on its second pass (a file rewritten, a table changed
/// mid-draw) is refused on the second pass's root, however valid the new rows are.
#[test]
fn a_source_that_changes_between_passes_is_refused() {
    use shuangsuiji::import::TargetCsvStream;
    let w = World::new(targets(60), inspectors(12, 0));
    let csv = targets_to_csv(&w.targets);
    let first = csv.clone().into_bytes();
    let mut lines: Vec<&str> = csv.lines().collect();
    lines.remove(7);
    let second = (lines.join("\n") + "\n").into_bytes();
    let pass = std::cell::Cell::new(0);
    let source = by_pass(&pass, |n| if n == 1 { &first } else { &second }.clone());
    let c = w.commitment(plan(), 4, BeaconChoice::Offline, 0);
    let r = draw(DrawInputs {
        commitment: &c,
        item_list: &w.items,
        targets: &source,
        inspectors: &w.inspectors,
        reveals: &World::reveals(4),
        beacon: None,
        published: &[],
    });
    match r {
        Err(DrawError::Source(m)) => assert!(m.contains("two passes"), "{m}"),
        other => panic!("{other:?}"),
    }
    // And a source that cannot open says why.
    let closed = TargetCsvStream::new(
        || Err::<std::io::Cursor<Vec<u8>>, _>("the file was closed".to_string()),
        AS_OF,
    );
    let r = draw(DrawInputs {
        commitment: &c,
        item_list: &w.items,
        targets: &closed,
        inspectors: &w.inspectors,
        reveals: &World::reveals(4),
        beacon: None,
        published: &[],
    });
    assert!(matches!(r, Err(DrawError::Source(m)) if m == "the file was closed"));
}

/// The attack on the USCC check's own pass: a committed register that lists one enterprise
/// under two ids, served whole on the first and last passes but without the second entry on
/// the pass that compares USCCs. That pass is hashed too, so the source is refused; served
/// the same on every pass, the duplicate is refused by name.
#[test]
fn the_uscc_check_pass_cannot_be_shown_another_register() {
    use shuangsuiji::encoding::MerkleTree;
    use shuangsuiji::import::TargetCsvStream;
    let w = World::new(targets(80), inspectors(12, 0));
    let csv = targets_to_csv(&w.targets);
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let mut cells: Vec<String> = lines[1].split(',').map(str::to_string).collect();
    cells[1] = "ZZ-0001".into(); // 对象编码: sorts after every USCC
    lines.push(cells.join(","));
    let with_dup = (lines.join("\n") + "\n").into_bytes();
    let without = csv.into_bytes();
    // The operator commits to the register with the duplicate (its streamed root).
    let whole = TargetCsvStream::new(
        || Ok::<_, String>(std::io::Cursor::new(with_dup.clone())),
        AS_OF,
    );
    let mut tree = MerkleTree::new();
    whole
        .scan(&mut |t| {
            tree.push_leaf(&t.leaf_bytes());
            Ok(())
        })
        .unwrap();
    let mut c = w.commitment(plan(), 4, BeaconChoice::Offline, 0).commitment;
    c.roots.targets = tree.root();
    let c = SignedCommitment::new(c).unwrap();
    let reveals = World::reveals(4);
    let run = |source: &dyn TargetSource| {
        draw(DrawInputs {
            commitment: &c,
            item_list: &w.items,
            targets: source,
            inspectors: &w.inspectors,
            reveals: &reveals,
            beacon: None,
            published: &[],
        })
    };
    let pass = std::cell::Cell::new(0);
    let two_faced = by_pass(&pass, |n| if n == 2 { &without } else { &with_dup }.clone());
    match run(&two_faced) {
        Err(DrawError::Source(m)) => assert!(m.contains("USCC check pass"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(pass.get(), 2, "refused at the end of the USCC check pass");
    match run(&whole) {
        Err(DrawError::Register(p)) => {
            assert_eq!(p.field, "uscc");
            assert_eq!(p.record.as_deref(), Some("ZZ-0001"));
        }
        other => panic!("{other:?}"),
    }
}
