//! Calendar dates as they appear in registers: always civil dates (no time, no zone), so
//! that the draw never depends on a clock.

use time::{Date, Month};

/// Parses `2020-01-02`, `2020/1/2`, `2020.1.2` or `2020年1月2日`; `None` for anything
/// else, including impossible dates such as 2023-02-29.
///
/// ```
/// use shuangsuiji::registers::fields::parse_date;
/// let d = parse_date("2023年8月23日").unwrap();
/// assert_eq!(d.to_string(), "2023-08-23");
/// assert_eq!(parse_date("2023/8/23"), Some(d));
/// assert_eq!(parse_date("2023-02-29"), None);
/// ```
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    let t = t.strip_suffix('日').unwrap_or(t);
    let mut parts = t.split(['-', '/', '.', '年', '月']);
    let y: i32 = parts.next()?.trim().parse().ok()?;
    let m: u8 = parts.next()?.trim().parse().ok()?;
    let d: u8 = parts.next()?.trim().parse().ok()?;
    if parts.next().is_some() || !(1900..=2999).contains(&y) {
        return None;
    }
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

/// `YYYY-MM-DD`.
pub(crate) fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Serde adapter: dates as `YYYY-MM-DD` strings, the only form in canonical bytes.
pub(crate) mod iso {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_date(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        strict(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("{s:?} is not a YYYY-MM-DD date")))
    }

    /// Only the canonical form is accepted inside JSON, so a record has one spelling.
    pub(crate) fn strict(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        parse_date(s)
    }
}

/// Serde adapter for `Option<Date>`.
pub(crate) mod iso_opt {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&format_date(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let s = Option::<String>::deserialize(d)?;
        match s {
            None => Ok(None),
            Some(s) => iso::strict(&s)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("{s:?} is not a YYYY-MM-DD date"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms_and_refuses_impossible_dates() {
        let d = Date::from_calendar_date(2020, Month::January, 2).unwrap();
        for t in [
            "2020-01-02",
            "2020/1/2",
            "2020.1.2",
            "2020年1月2日",
            " 2020-1-2 ",
        ] {
            assert_eq!(parse_date(t), Some(d), "{t}");
        }
        for t in [
            "2023-02-29",
            "2020-13-01",
            "2020-00-10",
            "20200102",
            "",
            "2020-01-02-03",
        ] {
            assert_eq!(parse_date(t), None, "{t}");
        }
        assert_eq!(format_date(d), "2020-01-02");
        assert_eq!(iso::strict("2020-1-2"), None);
    }
}
