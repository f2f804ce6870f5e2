//! GB/T 2260 administrative divisions (bundled, `core/data/gb2260-201904.tsv`), for
//! cutting an address to its county-level division.
//!
//! An address is personal data when it is a person's home (个人隐私, 公安厅 notice 二（三）);
//! the public sees it only to the county. Guessing the county from the shape of
//! the text (the first 区 or 县) fails open — "紫荆苑B区", "高新区", a shop named "…超市"
//! pass as counties and keep the estate or the shop — so only names in the national list
//! count, and whatever is not recognised is cut off.

use std::sync::OnceLock;

/// The bundled list: `code<TAB>name` per line.
const DATA: &str = include_str!("../../data/gb2260-201904.tsv");

/// The list's revision (year and month of the Ministry of Civil Affairs' publication).
pub const GB2260_REVISION: &str = "201904";

struct Division {
    code: u32,
    name: &'static str,
}

fn divisions() -> &'static [Division] {
    static LIST: OnceLock<Vec<Division>> = OnceLock::new();
    LIST.get_or_init(|| {
        DATA.lines()
            .filter_map(|l| {
                let (code, name) = l.split_once('\t')?;
                Some(Division {
                    code: code.parse().ok()?,
                    name: name.trim(),
                })
            })
            .collect()
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Province,
    Prefecture,
    County,
}

fn level(code: u32) -> Level {
    if code.is_multiple_of(10_000) {
        Level::Province
    } else if code.is_multiple_of(100) {
        Level::Prefecture
    } else {
        Level::County
    }
}

/// The division of `level` whose name `rest` starts with, among those `within` admits,
/// if exactly one name is the longest such match (two divisions of one name in scope are
/// ambiguous, and an ambiguous name is not recognised).
fn match_at(rest: &str, lvl: Level, within: impl Fn(u32) -> bool) -> Option<(u32, usize)> {
    let mut best: Option<(u32, usize)> = None;
    let mut ambiguous = false;
    for d in divisions()
        .iter()
        .filter(|d| level(d.code) == lvl && within(d.code) && rest.starts_with(d.name))
    {
        let len = d.name.len();
        match best {
            Some((_, l)) if l > len => {}
            Some((_, l)) if l == len => ambiguous = true,
            _ => {
                best = Some((d.code, len));
                ambiguous = false;
            }
        }
    }
    best.filter(|_| !ambiguous)
}

/// The length in bytes of the longest prefix of `address` that is a recognised province,
/// prefecture and county-level division (each optional, in that order), ending after the
/// last one recognised; 0 when none is.
pub(crate) fn division_prefix(address: &str) -> usize {
    let mut end = 0;
    let province = match_at(address, Level::Province, |_| true);
    if let Some((_, n)) = province {
        end = n;
    }
    let prov = province.map(|(c, _)| c / 10_000);
    let prefecture = match_at(&address[end..], Level::Prefecture, |c| {
        prov.is_none_or(|p| c / 10_000 == p)
    });
    if let Some((_, n)) = prefecture {
        end += n;
    }
    let pref = prefecture.map(|(c, _)| c / 100);
    // A county needs a recognised parent: a bare county name is ambiguous nationwide.
    if pref.is_some() || prov.is_some() {
        let county = match_at(&address[end..], Level::County, |c| match pref {
            Some(p) => c / 100 == p,
            None => prov.is_some_and(|p| c / 10_000 == p),
        });
        if let Some((_, n)) = county {
            end += n;
        }
    }
    end
}
