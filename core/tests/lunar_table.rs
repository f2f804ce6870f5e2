//! The bundled lunar-festival table, on which provisional publication deadlines rest
//! (《全国年节及纪念日放假办法》第二条: 春节, 端午节, 中秋节 by the lunar calendar), re-derived
//! for every year from ICU4X's Chinese calendar: a wrong row cannot pass.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use icu_calendar::cal::ChineseTraditional;
use icu_calendar::Date;
use shuangsuiji::publish::calendar_lunar_year;

/// The Gregorian date of lunar month `m`, day `d` (not a leap month) in Gregorian `year`.
fn lunar(year: i32, m: u8, d: u8) -> String {
    let mut day = Date::try_new_iso(year, 1, 1).unwrap();
    for _ in 0..366 {
        let c = day.to_calendar(ChineseTraditional::new());
        let month = c.month();
        if !month.to_input().is_leap() && month.number() == m && c.day_of_month().0 == d {
            return format!(
                "{:04}-{:02}-{:02}",
                day.era_year().year,
                day.month().ordinal,
                day.day_of_month().0
            );
        }
        day = Date::from_rata_die(day.to_rata_die() + 1, icu_calendar::Iso);
    }
    panic!("no {m}/{d} in {year}");
}

#[test]
fn every_row_agrees_with_icu4x() {
    for year in 2019..=2060 {
        let row = calendar_lunar_year(year).unwrap_or_else(|| panic!("{year} missing"));
        assert_eq!(
            row.spring_festival.to_string(),
            lunar(year, 1, 1),
            "{year} 春节"
        );
        assert_eq!(
            row.dragon_boat.to_string(),
            lunar(year, 5, 5),
            "{year} 端午"
        );
        assert_eq!(
            row.mid_autumn.to_string(),
            lunar(year, 8, 15),
            "{year} 中秋"
        );
    }
}
