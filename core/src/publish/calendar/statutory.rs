//! Provisional working days for a year whose State Council notice is not out yet.
//!
//! A result made in late November has its 20-working-day deadline in the next year, whose
//! notice (放假安排) appears only in November or December. Rather than give no date, the
//! deadline is estimated from the law the notices implement — 《全国年节及纪念日放假办法》
//! as amended in 2024 (国务院令第795号, in force from 2025-01-01):
//!
//! - 第二条 days off for all citizens: 元旦 1 day (1 January); 春节 4 days (农历除夕 and
//!   正月初一至初三); 清明节 1 day; 劳动节 2 days (1–2 May); 端午节 1 day (农历五月初五);
//!   中秋节 1 day (农历八月十五); 国庆节 3 days (1–3 October);
//! - 第六条 a day off for all citizens that falls on a Saturday or Sunday is made up on a
//!   working day (补假): here, the next weekdays after the festival; a day two festivals
//!   share (中秋 within 国庆) is made up likewise, as the notices did in 2009 and 2020.
//!
//! What no rule predicts — the weekends worked to join days into a longer break (调休上班)
//! and the exact placement of 补假 — is left out, so the estimate is marked provisional
//! with its reason until the year's notice is loaded. Lunar dates come from a bundled table
//! (`core/data/calendar/lunar-festivals.json`); 清明 from the solar-term formula, both
//! checked against the notices of 2019–2026 by the tests.

use super::{CalendarError, CalendarYear, DaysOff, WorkingCalendar};
use crate::registers::fields::dates::iso;
use serde::Deserialize;
use std::sync::OnceLock;
use time::{Date, Month, Weekday};

/// The first year the 2024 amendment governs; earlier years all have notices.
pub const PROVISIONAL_FROM_YEAR: i32 = 2025;

const LUNAR: &str = include_str!("../../../data/calendar/lunar-festivals.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LunarFile {
    format: String,
    #[allow(dead_code)]
    source: String,
    years: Vec<LunarYear>,
}

/// The Gregorian dates of one year's lunar festivals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LunarYear {
    /// The Gregorian year.
    pub year: i32,
    /// 正月初一.
    #[serde(with = "iso")]
    pub spring_festival: Date,
    /// 五月初五.
    #[serde(with = "iso")]
    pub dragon_boat: Date,
    /// 八月十五.
    #[serde(with = "iso")]
    pub mid_autumn: Date,
}

fn lunar_table() -> &'static [LunarYear] {
    static T: OnceLock<Vec<LunarYear>> = OnceLock::new();
    T.get_or_init(|| match serde_json::from_str::<LunarFile>(LUNAR) {
        Ok(f) if f.format == "shuangsuiji/lunar-festivals/v1" => f.years,
        // The tests read the bundled file; a broken one leaves no year covered.
        _ => Vec::new(),
    })
}

/// The lunar festivals of `year`, if the table has it.
pub fn lunar_year(year: i32) -> Option<LunarYear> {
    lunar_table().iter().find(|l| l.year == year).copied()
}

/// 清明 (the solar term): day of April by the 寿星 formula for 2001–2099,
/// `floor(Y·0.2422 + 4.81) − floor(Y/4)` with `Y = year − 2000`, in integers
/// (0.2422 = 2422/10000, 4.81 = 48100/10000).
pub fn qingming(year: i32) -> Option<Date> {
    if !(2001..=2099).contains(&year) {
        return None;
    }
    let y = year - 2000;
    let day = (y * 2422 + 48_100) / 10_000 - y / 4;
    Date::from_calendar_date(year, Month::April, u8::try_from(day).ok()?).ok()
}

fn date(y: i32, m: Month, d: u8) -> Option<Date> {
    Date::from_calendar_date(y, m, d).ok()
}

fn weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The statutory festivals of `year` (第二条), each as its days off.
fn festivals(year: i32) -> Option<Vec<(&'static str, Vec<Date>)>> {
    let l = lunar_year(year)?;
    let days = |from: Date, n: u8| -> Vec<Date> {
        (0..n)
            .filter_map(|i| from.checked_add(time::Duration::days(i64::from(i))))
            .collect()
    };
    Some(vec![
        ("元旦", vec![date(year, Month::January, 1)?]),
        ("春节", days(l.spring_festival.previous_day()?, 4)),
        ("清明节", vec![qingming(year)?]),
        ("劳动节", days(date(year, Month::May, 1)?, 2)),
        ("端午节", vec![l.dragon_boat]),
        ("中秋节", vec![l.mid_autumn]),
        ("国庆节", days(date(year, Month::October, 1)?, 3)),
    ])
}

/// Every statutory day off of `year` under the 2024 rule (第二条), or `None` outside the
/// provisional years and the lunar table: a notice loaded for the year must give each one.
pub fn statutory_days(year: i32) -> Option<Vec<Date>> {
    if year < PROVISIONAL_FROM_YEAR {
        return None;
    }
    Some(festivals(year)?.into_iter().flat_map(|(_, d)| d).collect())
}

/// The provisional arrangement of `year`: the statutory days off, and for each one on a
/// weekend a weekday off right after its festival (第六条). No 调休 working weekends.
///
/// # Errors
/// [`CalendarError::NotCovered`] for a year before [`PROVISIONAL_FROM_YEAR`] or beyond the
/// lunar table.
pub fn provisional_year(year: i32) -> Result<CalendarYear, CalendarError> {
    let not_covered = || CalendarError::NotCovered {
        date: format!("{year}-01-01"),
        needs_year: year,
    };
    if year < PROVISIONAL_FROM_YEAR {
        return Err(not_covered());
    }
    let fs = festivals(year).ok_or_else(not_covered)?;
    let all: Vec<Date> = fs.iter().flat_map(|(_, d)| d.iter().copied()).collect();
    let mut days_off = Vec::new();
    let mut taken: Vec<Date> = all.clone();
    // Statutory days of the festivals handled so far: a day two festivals share (中秋 on
    // 1–3 October) is one day off for two, so the later festival owes one (as the 2009 and
    // 2020 notices made it up).
    let mut seen: Vec<Date> = Vec::new();
    for (name, ds) in &fs {
        let (Some(first), Some(last)) = (ds.first(), ds.last()) else {
            continue;
        };
        days_off.push(DaysOff {
            name: (*name).to_string(),
            from: *first,
            to: *last,
        });
        let owed = ds
            .iter()
            .filter(|d| weekend(**d) || seen.contains(d))
            .count();
        seen.extend(ds.iter().copied());
        let mut d = *last;
        for _ in 0..owed {
            loop {
                d = d.next_day().ok_or_else(not_covered)?;
                if !weekend(d) && !taken.contains(&d) {
                    break;
                }
            }
            taken.push(d);
            days_off.push(DaysOff {
                name: format!("{name}补假"),
                from: d,
                to: d,
            });
        }
    }
    Ok(CalendarYear {
        year,
        notices: vec![super::NoticeRef {
            title: "暂定：按《全国年节及纪念日放假办法》（2024年修订）估算，未含调休 provisional: the statutory holidays, without 调休".into(),
            number: "国务院令第795号".into(),
            url: String::new(),
        }],
        days_off,
        working_days: Vec::new(),
    })
}

/// A publication deadline, with the years it had to estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The last day to publish.
    pub date: Date,
    /// Years whose notice is not loaded and were estimated ([`provisional_year`]); empty
    /// when the date is final.
    pub provisional_years: Vec<i32>,
}

impl WorkingCalendar {
    /// [`WorkingCalendar::publish_by`], or, where a year's notice is missing, the same
    /// count over that year's provisional arrangement, said in `provisional_years`.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] for a year neither loaded nor estimable.
    pub fn publish_by_or_provisional(
        &self,
        result_date: Date,
        n_working_days: u32,
    ) -> Result<Deadline, CalendarError> {
        match self.publish_by(result_date, n_working_days) {
            Ok(date) => {
                return Ok(Deadline {
                    date,
                    provisional_years: Vec::new(),
                })
            }
            Err(CalendarError::NotCovered { .. }) => {}
            Err(e) => return Err(e),
        }
        let mut cal = self.clone();
        let mut estimated = Vec::new();
        // A 20-working-day count reaches at most into the year after the result's.
        let first = result_date.year();
        for y in first..=first.saturating_add(2) {
            if !cal.years.contains_key(&y) {
                cal.add_year(provisional_year(y)?)?;
                estimated.push(y);
            }
            if let Ok(date) = cal.publish_by(result_date, n_working_days) {
                return Ok(Deadline {
                    date,
                    provisional_years: estimated,
                });
            }
        }
        cal.publish_by(result_date, n_working_days)
            .map(|date| Deadline {
                date,
                provisional_years: estimated,
            })
    }
}

/// A result published after its deadline (豫政〔2019〕22号 二（六）: within 20 working days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateResult {
    /// The result id.
    pub result_id: String,
    /// 结果产生之日.
    pub result_date: Date,
    /// Its deadline (provisional where a year was estimated).
    pub deadline: Deadline,
}

impl WorkingCalendar {
    /// The results of `results` (id, result date) that a publication on `published_on` makes
    /// late: published after the `n_working_days`-th working day after their result date.
    /// A publisher may still publish them, but only saying why (the CLI refuses without an
    /// overdue reason, and logs it).
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] for a deadline neither loaded nor estimable.
    pub fn late_results(
        &self,
        results: &[(String, Date)],
        published_on: Date,
        n_working_days: u32,
    ) -> Result<Vec<LateResult>, CalendarError> {
        let mut late = Vec::new();
        for (id, d) in results {
            let deadline = self.publish_by_or_provisional(*d, n_working_days)?;
            if published_on > deadline.date {
                late.push(LateResult {
                    result_id: id.clone(),
                    result_date: *d,
                    deadline,
                });
            }
        }
        Ok(late)
    }
}

/// [`WorkingCalendar::publish_by_or_provisional`] on the bundled calendar.
///
/// # Errors
/// As that method.
pub fn publish_by_or_provisional(
    result_date: Date,
    n_working_days: u32,
) -> Result<Deadline, CalendarError> {
    WorkingCalendar::mainland_china()?.publish_by_or_provisional(result_date, n_working_days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn notices() -> &'static WorkingCalendar {
        WorkingCalendar::mainland_china().unwrap()
    }

    /// The lunar table and the 清明 formula against the State Council notices 2019–2026:
    /// each festival's day is a day off in its year's notice.
    #[test]
    fn festival_dates_agree_with_the_notices() {
        for y in 2019..=2026 {
            let l = lunar_year(y).unwrap();
            for (what, d) in [
                ("春节", l.spring_festival),
                ("端午", l.dragon_boat),
                ("中秋", l.mid_autumn),
                ("清明", qingming(y).unwrap()),
            ] {
                assert!(!notices().is_working_day(d).unwrap(), "{what} {d} of {y}");
            }
        }
        assert_eq!(qingming(2027), Some(date!(2027 - 04 - 05)));
        assert_eq!(qingming(2028), Some(date!(2028 - 04 - 04)));
    }

    /// 《全国年节及纪念日放假办法》（2024年修订）第二条: every statutory day of 2025 and 2026
    /// is a day off in that year's notice (the notices add 调休 around them, never less).
    #[test]
    fn statutory_days_are_off_in_the_notices_under_the_2024_rule() {
        for y in 2025..=2026 {
            let p = provisional_year(y).unwrap();
            let statutory: Vec<Date> = p
                .days_off
                .iter()
                .filter(|s| !s.name.ends_with("补假"))
                .flat_map(|s| {
                    let mut v = Vec::new();
                    let mut d = s.from;
                    while d <= s.to {
                        v.push(d);
                        d = d.next_day().unwrap();
                    }
                    v
                })
                .collect();
            assert_eq!(
                statutory.len(),
                13,
                "13 days off in 2025 and 2026 (no festival shares a day)"
            );
            for d in statutory {
                assert!(!notices().is_working_day(d).unwrap(), "{d}");
            }
        }
        assert!(
            provisional_year(2024).is_err(),
            "the 2024 rule starts in 2025"
        );
        assert!(provisional_year(2061).is_err(), "beyond the lunar table");
    }

    /// 第六条: a statutory day on a weekend is made up on the next weekday after the festival.
    #[test]
    fn weekend_holidays_are_made_up_on_the_next_weekdays() {
        // 2027: 劳动节 1–2 May is a Saturday and Sunday → 3 and 4 May off.
        let p = provisional_year(2027).unwrap();
        let made_up: Vec<(String, Date)> = p
            .days_off
            .iter()
            .filter(|s| s.name.ends_with("补假"))
            .map(|s| (s.name.clone(), s.from))
            .collect();
        assert!(
            made_up.contains(&("劳动节补假".into(), date!(2027 - 05 - 03))),
            "{made_up:?}"
        );
        assert!(
            made_up.contains(&("劳动节补假".into(), date!(2027 - 05 - 04))),
            "{made_up:?}"
        );
        // 国庆 2027: 1 Oct Friday, 2–3 Oct weekend → 4 and 5 Oct off.
        assert!(made_up.contains(&("国庆节补假".into(), date!(2027 - 10 - 04))));
        assert!(made_up.contains(&("国庆节补假".into(), date!(2027 - 10 - 05))));
        assert!(p.working_days.is_empty(), "调休 is not predicted");
        // 2028: 中秋 falls on 3 October, a day of 国庆: one day is owed for it (and one for
        // Sunday 1 October).
        let p = provisional_year(2028).unwrap();
        let national: Vec<Date> = p
            .days_off
            .iter()
            .filter(|s| s.name == "国庆节补假")
            .map(|s| s.from)
            .collect();
        assert_eq!(national, vec![date!(2028 - 10 - 04), date!(2028 - 10 - 05)]);
    }

    /// Issue 17 §5: `deadline 2026-12-10` had no date for want of the 2027 notice; it now
    /// has a provisional one, said to be provisional, and a covered date stays final.
    #[test]
    fn a_deadline_across_a_missing_year_is_provisional() {
        let d = publish_by_or_provisional(date!(2026 - 12 - 10), 20).unwrap();
        assert_eq!(d.date, date!(2027 - 01 - 08));
        assert_eq!(d.provisional_years, vec![2027]);
        let f = publish_by_or_provisional(date!(2024 - 03 - 04), 20).unwrap();
        assert_eq!(f.date, date!(2024 - 04 - 01));
        assert!(f.provisional_years.is_empty());
        // Once the year is loaded the estimate gives way to the notice.
        let mut cal = notices().clone();
        cal.add_year(provisional_year(2027).unwrap()).unwrap();
        let loaded = cal
            .publish_by_or_provisional(date!(2026 - 12 - 10), 20)
            .unwrap();
        assert!(loaded.provisional_years.is_empty());
    }

    /// The deadline report across a missing year: provisional lines, said so, with days left
    /// counted on the estimate (`deadline RESULTS.json` no longer stops at the year's end).
    #[test]
    fn the_deadline_report_marks_provisional_lines() {
        let items = vec![
            super::super::DeadlineItem {
                result_id: "dec".into(),
                result_date: date!(2026 - 12 - 10),
                published_on: None,
            },
            super::super::DeadlineItem {
                result_id: "mar".into(),
                result_date: date!(2026 - 03 - 02),
                published_on: Some(date!(2026 - 03 - 10)),
            },
        ];
        let r = notices()
            .deadline_report(&items, date!(2026 - 12 - 11), 20, 5)
            .unwrap();
        let dec = r.lines.iter().find(|l| l.result_id == "dec").unwrap();
        assert_eq!(dec.publish_by, date!(2027 - 01 - 08));
        assert_eq!(dec.provisional_years, vec![2027]);
        assert_eq!(dec.working_days_left, Some(19));
        let mar = r.lines.iter().find(|l| l.result_id == "mar").unwrap();
        assert!(mar.provisional_years.is_empty());
    }

    /// 豫政〔2019〕22号 二（六）: a publication after the 20th working day is late.
    #[test]
    fn late_results_are_those_published_after_their_deadline() {
        let rs = vec![
            ("on-time".to_string(), date!(2024 - 03 - 04)),
            ("late".to_string(), date!(2024 - 02 - 01)),
        ];
        let late = notices()
            .late_results(&rs, date!(2024 - 04 - 01), 20)
            .unwrap();
        assert_eq!(late.len(), 1);
        assert_eq!(late[0].result_id, "late");
        assert!(late[0].deadline.date < date!(2024 - 04 - 01));
        assert!(notices()
            .late_results(&rs[..1], date!(2024 - 04 - 02), 20)
            .unwrap()
            .iter()
            .any(|l| l.result_id == "on-time"));
    }
}
