//! The mainland-China working-day calendar (工作日) and the publication deadline.
//!
//! 豫政〔2019〕22号 二（六）: results are published "在抽查检查结果产生之日起20个工作日内".
//! Working days are not weekdays: each year the 国务院办公厅 publishes which days are
//! off (放假) and which weekend days are worked instead (调休上班). Those notices are facts
//! that no rule predicts, so they ship as data (`core/data/calendar/`), and a date the data
//! does not cover is an error, never a guess.
//!
//! The last days of a year are only final once the *next* year's notice is known: the
//! notice for year Y+1 may move New Year's Day into late December of Y (2018-12-29 was
//! worked and 2018-12-31 was off under the 2019 notice). So a date on or after 25 December
//! of the last loaded year is not covered until the next year is added.

pub mod statutory;

use crate::registers::fields::dates::{format_date, iso, iso_opt};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use time::{Date, Month, Weekday};

/// 豫政〔2019〕22号 二（六）: publication within 20 working days of the result.
pub const PUBLICATION_WORKING_DAYS: u32 = 20;

/// The bundled notices, 2019 through 2026.
const BUNDLED: &str = include_str!("../../../data/calendar/cn-2019-2026.json");

/// The data format tag, so that a file for another format is refused rather than misread.
pub const CALENDAR_FORMAT: &str = "shuangsuiji/calendar/v1";

/// From this day of December on, a date waits for the next year's notice.
const PROVISIONAL_FROM_DAY: u8 = 25;

/// Why a calendar could not be built or could not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The JSON could not be read as calendar data.
    #[error("calendar data is not valid JSON for {CALENDAR_FORMAT}: {0}")]
    Json(String),
    /// The `format` field names another format.
    #[error("calendar data has format {0:?}, expected {CALENDAR_FORMAT:?}")]
    Format(String),
    /// A year appears twice (in the data or when extending).
    #[error("year {0} is already in the calendar")]
    DuplicateYear(i32),
    /// A year lists no day off at all: certainly incomplete data (every notice has some).
    #[error("year {0} lists no days off")]
    EmptyYear(i32),
    /// A date lies outside the year it is filed under (or the December before it).
    #[error("{date} is filed under year {year} but lies outside it")]
    DateOutsideYear {
        /// The year entry.
        year: i32,
        /// The stray date, `YYYY-MM-DD`.
        date: String,
    },
    /// A span ends before it starts.
    #[error("days off {from}..{to} end before they start")]
    ReversedSpan {
        /// First day, `YYYY-MM-DD`.
        from: String,
        /// Last day, `YYYY-MM-DD`.
        to: String,
    },
    /// A 调休 make-up working day on a weekday, which would change nothing: a typo.
    #[error("make-up working day {0} is not a Saturday or Sunday")]
    MakeUpOnWeekday(String),
    /// A date is both off and worked.
    #[error("{0} is listed both as a day off and as a working day")]
    Conflict(String),
    /// The calendar does not cover this date (year not loaded, or late December waiting for
    /// the next year's notice).
    #[error(
        "{date} is not covered by the calendar: add the State Council notice for {needs_year}"
    )]
    NotCovered {
        /// The date asked about, `YYYY-MM-DD`.
        date: String,
        /// The year whose notice is missing.
        needs_year: i32,
    },
}

/// One span of days off as a notice words it (inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaysOff {
    /// The festival (元旦, 春节 …).
    pub name: String,
    /// First day off.
    #[serde(with = "iso")]
    pub from: Date,
    /// Last day off.
    #[serde(with = "iso")]
    pub to: Date,
}

/// One weekend day worked (调休上班).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MakeUpDay {
    /// The festival it pays for.
    pub name: String,
    /// The Saturday or Sunday worked.
    #[serde(with = "iso")]
    pub date: Date,
}

/// A notice the year's data comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeRef {
    /// Title.
    pub title: String,
    /// 文号, when known.
    #[serde(default)]
    pub number: String,
    /// Where it was published.
    #[serde(default)]
    pub url: String,
}

/// One year's arrangement, from that year's notice (and any notice amending it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarYear {
    /// The year the notice is for.
    pub year: i32,
    /// Sources.
    #[serde(default)]
    pub notices: Vec<NoticeRef>,
    /// Spans off; may begin in the December before.
    pub days_off: Vec<DaysOff>,
    /// Weekend days worked; may lie in the December before.
    #[serde(default)]
    pub working_days: Vec<MakeUpDay>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    format: String,
    /// Where the calendar applies, for the reader; not used.
    #[serde(default)]
    #[allow(dead_code)]
    jurisdiction: Option<String>,
    /// The working-day rule in words, for the reader; not used.
    #[serde(default)]
    #[allow(dead_code)]
    rule: Option<String>,
    years: Vec<CalendarYear>,
}

/// A working-day calendar built from State Council notices.
///
/// Invariant: every loaded year passed [`WorkingCalendar::add_year`]'s checks; `off` and
/// `worked` are disjoint.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    years: BTreeMap<i32, CalendarYear>,
    off: BTreeSet<Date>,
    worked: BTreeSet<Date>,
}

impl WorkingCalendar {
    /// The bundled mainland-China calendar, 2019–2026 (parsed once per process).
    ///
    /// # Errors
    /// Only if the bundled data were broken, which the tests rule out.
    pub fn mainland_china() -> Result<&'static WorkingCalendar, CalendarError> {
        static CAL: OnceLock<Result<WorkingCalendar, CalendarError>> = OnceLock::new();
        CAL.get_or_init(|| WorkingCalendar::from_json(BUNDLED))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A calendar from JSON in the `shuangsuiji/calendar/v1` format (docs/publication.md).
    ///
    /// # Errors
    /// Unreadable JSON, a wrong format tag, or any check of [`WorkingCalendar::add_year`].
    pub fn from_json(json: &str) -> Result<Self, CalendarError> {
        let mut cal = WorkingCalendar::default();
        cal.extend_from_json(json)?;
        Ok(cal)
    }

    /// Adds every year of a JSON file, e.g. next year's notice (all or nothing).
    ///
    /// # Errors
    /// As [`WorkingCalendar::from_json`]; on error the calendar is unchanged.
    pub fn extend_from_json(&mut self, json: &str) -> Result<(), CalendarError> {
        let file: CalendarFile =
            serde_json::from_str(json).map_err(|e| CalendarError::Json(e.to_string()))?;
        if file.format != CALENDAR_FORMAT {
            return Err(CalendarError::Format(file.format));
        }
        let mut next = self.clone();
        for y in file.years {
            next.add_year(y)?;
        }
        *self = next;
        Ok(())
    }

    /// Adds one year's arrangement.
    ///
    /// # Errors
    /// A year already present or without days off, a date outside the year (or its
    /// preceding December), a reversed span, a make-up day on a weekday, or a date both
    /// off and worked.
    pub fn add_year(&mut self, year: CalendarYear) -> Result<(), CalendarError> {
        let y = year.year;
        if self.years.contains_key(&y) {
            return Err(CalendarError::DuplicateYear(y));
        }
        if year.days_off.is_empty() {
            return Err(CalendarError::EmptyYear(y));
        }
        // A notice may reach back into the December before (元旦 spans), never further.
        let in_scope = |d: Date| {
            d.year() == y || (Some(d.year()) == y.checked_sub(1) && d.month() == Month::December)
        };
        let mut off = BTreeSet::new();
        for span in &year.days_off {
            for d in [span.from, span.to] {
                if !in_scope(d) {
                    return Err(CalendarError::DateOutsideYear {
                        year: y,
                        date: format_date(d),
                    });
                }
            }
            if span.to < span.from {
                return Err(CalendarError::ReversedSpan {
                    from: format_date(span.from),
                    to: format_date(span.to),
                });
            }
            let mut d = span.from;
            while d <= span.to {
                off.insert(d);
                match d.next_day() {
                    Some(n) => d = n,
                    None => break,
                }
            }
        }
        let mut worked = BTreeSet::new();
        for m in &year.working_days {
            if !in_scope(m.date) {
                return Err(CalendarError::DateOutsideYear {
                    year: y,
                    date: format_date(m.date),
                });
            }
            if !is_weekend(m.date) {
                return Err(CalendarError::MakeUpOnWeekday(format_date(m.date)));
            }
            worked.insert(m.date);
        }
        let clash = off
            .iter()
            .find(|d| worked.contains(*d) || self.worked.contains(*d))
            .or_else(|| worked.iter().find(|d| self.off.contains(*d)));
        if let Some(d) = clash {
            return Err(CalendarError::Conflict(format_date(*d)));
        }
        self.off.extend(off);
        self.worked.extend(worked);
        self.years.insert(y, year);
        Ok(())
    }

    /// The years loaded, ascending.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }

    /// `Ok(())` if the calendar can answer for `d`.
    fn check_covered(&self, d: Date) -> Result<(), CalendarError> {
        let y = d.year();
        if !self.years.contains_key(&y) {
            return Err(CalendarError::NotCovered {
                date: format_date(d),
                needs_year: y,
            });
        }
        if d.month() == Month::December
            && d.day() >= PROVISIONAL_FROM_DAY
            && !self.years.contains_key(&(y + 1))
        {
            return Err(CalendarError::NotCovered {
                date: format_date(d),
                needs_year: y + 1,
            });
        }
        Ok(())
    }

    /// Whether `d` is a working day.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] for a date the loaded notices do not settle.
    pub fn is_working_day(&self, d: Date) -> Result<bool, CalendarError> {
        self.check_covered(d)?;
        Ok(self.worked.contains(&d) || (!is_weekend(d) && !self.off.contains(&d)))
    }

    /// The `n`-th working day after `result_date`: the last day to publish.
    ///
    /// The day the result arises is not counted (期间开始之日不计入, as for every period in
    /// Chinese law), so with `n = 20` a result of Monday 2024-03-04 must be published by
    /// Monday 2024-04-01. `n = 0` gives `result_date` itself.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] if any day up to the deadline is not covered.
    pub fn publish_by(
        &self,
        result_date: Date,
        n_working_days: u32,
    ) -> Result<Date, CalendarError> {
        self.check_covered(result_date)?;
        let mut d = result_date;
        let mut left = n_working_days;
        while left > 0 {
            d = d.next_day().ok_or_else(|| CalendarError::NotCovered {
                date: format_date(d),
                needs_year: d.year() + 1,
            })?;
            if self.is_working_day(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }

    /// Working days in `(after, until]`; zero when `until <= after`.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] for an uncovered day in between.
    pub fn working_days_between(&self, after: Date, until: Date) -> Result<u32, CalendarError> {
        let mut n = 0u32;
        let mut d = after;
        while d < until {
            d = d.next_day().ok_or_else(|| CalendarError::NotCovered {
                date: format_date(d),
                needs_year: d.year() + 1,
            })?;
            if self.is_working_day(d)? {
                n = n.saturating_add(1);
            }
        }
        Ok(n)
    }
}

/// [`WorkingCalendar::publish_by`] on the bundled mainland-China calendar.
///
/// # Errors
/// As [`WorkingCalendar::publish_by`].
///
/// ```
/// use shuangsuiji::publish::{publish_by, PUBLICATION_WORKING_DAYS};
/// use shuangsuiji::registers::fields::parse_date;
/// // 20 working days after 2024-03-04 (豫政〔2019〕22号 二（六）).
/// let by = publish_by(parse_date("2024-03-04").unwrap(), PUBLICATION_WORKING_DAYS).unwrap();
/// assert_eq!(by.to_string(), "2024-04-01");
/// ```
pub fn publish_by(result_date: Date, n_working_days: u32) -> Result<Date, CalendarError> {
    WorkingCalendar::mainland_china()?.publish_by(result_date, n_working_days)
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// A result whose publication is tracked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineItem {
    /// The result id.
    pub result_id: String,
    /// 抽查检查结果产生之日.
    #[serde(with = "iso")]
    pub result_date: Date,
    /// When it was published, if it was.
    #[serde(default, with = "iso_opt", skip_serializing_if = "Option::is_none")]
    pub published_on: Option<Date>,
}

/// Where a result stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeadlineStatus {
    /// Not published and the deadline has passed.
    Overdue,
    /// Not published; at most the warning number of working days left.
    DueSoon,
    /// Not published; more time left.
    Pending,
    /// Published after the deadline.
    PublishedLate,
    /// Published by the deadline.
    PublishedOnTime,
}

/// One line of a [`DeadlineReport`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineLine {
    /// The result id.
    pub result_id: String,
    /// The result date.
    #[serde(with = "iso")]
    pub result_date: Date,
    /// The last day to publish.
    #[serde(with = "iso")]
    pub publish_by: Date,
    /// The status on the report date.
    pub status: DeadlineStatus,
    /// For unpublished results not yet overdue: working days left after the report date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_days_left: Option<u32>,
    /// Years whose notice is not loaded and were estimated for this line
    /// (`statutory::provisional_year`): the deadline and the days left are provisional.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub provisional_years: Vec<i32>,
}

/// Overdue and due-soon results on a given day, most urgent first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineReport {
    /// The report date (passed in: the core has no clock).
    #[serde(with = "iso")]
    pub as_of: Date,
    /// The publication period used, in working days.
    pub working_days: u32,
    /// Lines sorted by status (overdue first), then deadline, then id.
    pub lines: Vec<DeadlineLine>,
}

impl DeadlineReport {
    /// Lines with a given status.
    pub fn with_status(&self, s: DeadlineStatus) -> impl Iterator<Item = &DeadlineLine> {
        self.lines.iter().filter(move |l| l.status == s)
    }
}

impl WorkingCalendar {
    /// The report of `items` on `today`: deadlines at `working_days` after each result,
    /// "due soon" when at most `due_soon_within` working days remain.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] for a result whose deadline neither the notices nor
    /// the provisional estimate can settle.
    pub fn deadline_report(
        &self,
        items: &[DeadlineItem],
        today: Date,
        working_days: u32,
        due_soon_within: u32,
    ) -> Result<DeadlineReport, CalendarError> {
        let mut lines = Vec::with_capacity(items.len());
        // Deadlines first (estimating a year whose notice is not loaded, and saying so), then
        // the days left, counted on the calendar with the same estimates.
        let deadlines: Vec<statutory::Deadline> = items
            .iter()
            .map(|it| self.publish_by_or_provisional(it.result_date, working_days))
            .collect::<Result<_, _>>()?;
        let mut cal = self.clone();
        let mut estimated: Vec<i32> = deadlines
            .iter()
            .flat_map(|d| d.provisional_years.iter().copied())
            .collect();
        estimated.sort_unstable();
        estimated.dedup();
        for y in &estimated {
            cal.add_year(statutory::provisional_year(*y)?)?;
        }
        for (it, d) in items.iter().zip(deadlines) {
            let by = d.date;
            let (status, left) = match it.published_on {
                Some(p) if p <= by => (DeadlineStatus::PublishedOnTime, None),
                Some(_) => (DeadlineStatus::PublishedLate, None),
                None if today > by => (DeadlineStatus::Overdue, None),
                None => {
                    let left = cal.working_days_between(today, by)?;
                    (
                        if left <= due_soon_within {
                            DeadlineStatus::DueSoon
                        } else {
                            DeadlineStatus::Pending
                        },
                        Some(left),
                    )
                }
            };
            lines.push(DeadlineLine {
                result_id: it.result_id.clone(),
                result_date: it.result_date,
                publish_by: by,
                status,
                working_days_left: left,
                provisional_years: d.provisional_years,
            });
        }
        lines.sort_by(|a, b| {
            (a.status, a.publish_by, &a.result_id).cmp(&(b.status, b.publish_by, &b.result_id))
        });
        Ok(DeadlineReport {
            as_of: today,
            working_days,
            lines,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn cal() -> &'static WorkingCalendar {
        WorkingCalendar::mainland_china().unwrap()
    }

    fn working(d: Date) -> bool {
        cal().is_working_day(d).unwrap()
    }

    #[test]
    fn bundled_data_loads_every_year_2019_to_2026() {
        assert_eq!(
            cal().years().collect::<Vec<_>>(),
            (2019..=2026).collect::<Vec<_>>()
        );
    }

    #[test]
    fn make_up_working_days_on_weekends() {
        // 国办发明电〔2018〕15号 as changed 2019-03-22: Sunday 28 April and Sunday 5 May 2019 worked.
        assert!(working(date!(2019 - 04 - 28)) && working(date!(2019 - 05 - 05)));
        assert!(
            !working(date!(2019 - 05 - 03)),
            "Friday 3 May 2019 off under the changed 劳动节"
        );
        // 国办发明电〔2025〕7号: Saturday 14 and 28 February 2026, Sunday 4 January 2026 worked.
        assert!(
            working(date!(2026 - 02 - 14))
                && working(date!(2026 - 02 - 28))
                && working(date!(2026 - 01 - 04))
        );
        // A plain weekend stays off.
        assert!(!working(date!(2026 - 03 - 07)) && !working(date!(2026 - 03 - 08)));
    }

    #[test]
    fn holidays_spanning_a_month_or_year_end() {
        // 国办发明电〔2024〕12号: 春节 28 January – 4 February 2025.
        for d in [
            date!(2025 - 01 - 28),
            date!(2025 - 01 - 31),
            date!(2025 - 02 - 03),
            date!(2025 - 02 - 04),
        ] {
            assert!(!working(d), "{d}");
        }
        assert!(working(date!(2025 - 01 - 27)) && working(date!(2025 - 02 - 05)));
        // 国办发明电〔2022〕16号: 元旦 31 December 2022 – 2 January 2023; 3 January worked.
        assert!(!working(date!(2023 - 01 - 02)) && working(date!(2023 - 01 - 03)));
        // 国办发明电〔2021〕11号: 劳动节 30 April – 4 May 2022.
        assert!(!working(date!(2022 - 05 - 04)) && working(date!(2022 - 05 - 05)));
    }

    #[test]
    fn amendments_and_traps() {
        // 2020 春节 extended to 2 February: Saturday 1 February 2020 is no longer worked,
        // Friday 31 January off; Sunday 19 January still worked.
        assert!(
            !working(date!(2020 - 01 - 31))
                && !working(date!(2020 - 02 - 01))
                && working(date!(2020 - 02 - 03))
        );
        assert!(working(date!(2020 - 01 - 19)));
        // 国办发明电〔2023〕7号 only *encourages* leave on 除夕 (9 February 2024): a working day.
        assert!(working(date!(2024 - 02 - 09)));
        // 2025: 国庆节、中秋节 1–8 October; Saturday 11 October worked.
        assert!(!working(date!(2025 - 10 - 08)) && working(date!(2025 - 10 - 11)));
    }

    #[test]
    fn publish_by_counts_working_days_after_the_result_date() {
        // 豫政〔2019〕22号 二（六）: within 20 working days of the result.
        assert_eq!(
            publish_by(date!(2024 - 03 - 04), PUBLICATION_WORKING_DAYS).unwrap(),
            date!(2024 - 04 - 01)
        );
        // Across 国庆节 2024 (1–7 October off; 29 September and 12 October worked).
        assert_eq!(
            publish_by(date!(2024 - 09 - 27), 1).unwrap(),
            date!(2024 - 09 - 29)
        );
        assert_eq!(
            publish_by(date!(2024 - 09 - 30), 1).unwrap(),
            date!(2024 - 10 - 08)
        );
        // A result on a holiday still starts counting the next day.
        assert_eq!(
            publish_by(date!(2026 - 02 - 16), 1).unwrap(),
            date!(2026 - 02 - 24)
        );
        assert_eq!(
            publish_by(date!(2026 - 02 - 16), 0).unwrap(),
            date!(2026 - 02 - 16)
        );
    }

    #[test]
    fn dates_outside_the_notices_are_errors_not_guesses() {
        assert_eq!(
            publish_by(date!(2018 - 06 - 01), 20),
            Err(CalendarError::NotCovered {
                date: "2018-06-01".into(),
                needs_year: 2018
            })
        );
        // The 2027 notice may move 元旦 into late December 2026.
        assert_eq!(
            cal().is_working_day(date!(2026 - 12 - 28)),
            Err(CalendarError::NotCovered {
                date: "2026-12-28".into(),
                needs_year: 2027
            })
        );
        assert!(cal().is_working_day(date!(2026 - 12 - 24)).is_ok());
        assert!(matches!(
            publish_by(date!(2026 - 12 - 01), 20),
            Err(CalendarError::NotCovered {
                needs_year: 2027,
                ..
            })
        ));
    }

    #[test]
    fn user_can_add_a_year_and_bad_data_is_refused() {
        let mut c = cal().clone();
        let next = r#"{"format":"shuangsuiji/calendar/v1","years":[{"year":2027,
            "days_off":[{"name":"元旦","from":"2027-01-01","to":"2027-01-03"}],
            "working_days":[]}]}"#;
        c.extend_from_json(next).unwrap();
        assert!(c.is_working_day(date!(2026 - 12 - 28)).unwrap());
        assert!(!c.is_working_day(date!(2027 - 01 - 01)).unwrap());
        assert_eq!(
            c.extend_from_json(next),
            Err(CalendarError::DuplicateYear(2027))
        );

        let bad = |body: &str| {
            WorkingCalendar::from_json(&format!(
                r#"{{"format":"shuangsuiji/calendar/v1","years":[{body}]}}"#
            ))
            .unwrap_err()
        };
        assert_eq!(
            bad(r#"{"year":2030,"days_off":[]}"#),
            CalendarError::EmptyYear(2030)
        );
        assert!(matches!(
            bad(r#"{"year":2030,"days_off":[{"name":"x","from":"2030-01-03","to":"2030-01-01"}]}"#),
            CalendarError::ReversedSpan { .. }
        ));
        assert!(matches!(
            bad(r#"{"year":2030,"days_off":[{"name":"x","from":"2028-01-01","to":"2028-01-01"}]}"#),
            CalendarError::DateOutsideYear { .. }
        ));
        // The year before i32::MIN does not exist; asking must not overflow.
        assert!(matches!(
            bad(
                r#"{"year":-2147483648,"days_off":[{"name":"x","from":"2030-01-01","to":"2030-01-01"}]}"#
            ),
            CalendarError::DateOutsideYear { .. }
        ));
        // 2030-01-07 is a Monday.
        assert_eq!(
            bad(
                r#"{"year":2030,"days_off":[{"name":"x","from":"2030-01-01","to":"2030-01-01"}],"working_days":[{"name":"x","date":"2030-01-07"}]}"#
            ),
            CalendarError::MakeUpOnWeekday("2030-01-07".into())
        );
        assert_eq!(
            bad(
                r#"{"year":2030,"days_off":[{"name":"x","from":"2030-01-05","to":"2030-01-06"}],"working_days":[{"name":"x","date":"2030-01-05"}]}"#
            ),
            CalendarError::Conflict("2030-01-05".into())
        );
        assert!(matches!(
            WorkingCalendar::from_json(r#"{"format":"other","years":[]}"#),
            Err(CalendarError::Format(_))
        ));
    }

    #[test]
    fn deadline_report_orders_overdue_then_due_soon() {
        let items = vec![
            DeadlineItem {
                result_id: "R-ok".into(),
                result_date: date!(2024 - 03 - 01),
                published_on: Some(date!(2024 - 03 - 10)),
            },
            DeadlineItem {
                result_id: "R-late".into(),
                result_date: date!(2024 - 01 - 02),
                published_on: Some(date!(2024 - 03 - 10)),
            },
            DeadlineItem {
                result_id: "R-over".into(),
                result_date: date!(2024 - 01 - 02),
                published_on: None,
            },
            DeadlineItem {
                result_id: "R-soon".into(),
                result_date: date!(2024 - 03 - 04),
                published_on: None,
            },
            DeadlineItem {
                result_id: "R-new".into(),
                result_date: date!(2024 - 03 - 25),
                published_on: None,
            },
        ];
        // On 2024-03-26 R-soon (due 2024-04-01) has 4 working days left.
        let r = cal()
            .deadline_report(&items, date!(2024 - 03 - 26), PUBLICATION_WORKING_DAYS, 5)
            .unwrap();
        let got: Vec<_> = r
            .lines
            .iter()
            .map(|l| (l.result_id.as_str(), l.status, l.working_days_left))
            .collect();
        assert_eq!(
            got,
            vec![
                ("R-over", DeadlineStatus::Overdue, None),
                ("R-soon", DeadlineStatus::DueSoon, Some(4)),
                ("R-new", DeadlineStatus::Pending, Some(19)),
                ("R-late", DeadlineStatus::PublishedLate, None),
                ("R-ok", DeadlineStatus::PublishedOnTime, None),
            ]
        );
        assert_eq!(r.with_status(DeadlineStatus::Overdue).count(), 1);
    }
}
