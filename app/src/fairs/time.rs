//! Venue-local time: fairs store UTC seconds and a time-zone name. Shown
//! to a reader through [`crate::language::dates`].
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;

pub const DEFAULT_ZONE: &str = "Europe/Berlin";

pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::Europe::Berlin)
}

/// A known IANA time-zone name, e.g. `Europe/Berlin`.
pub fn is_known_zone(name: &str) -> bool {
    name.parse::<Tz>().is_ok()
}

/// Reads what `<input type="datetime-local">` sends ("2027-03-10T09:00",
/// seconds optional) as a venue-local time.
pub fn parse_local(raw: &str, zone_name: &str) -> Option<i64> {
    let text = raw.trim();
    let naive = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M"))
        .ok()?;
    zone(zone_name)
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.timestamp())
}

/// The value for `<input type="datetime-local">`.
pub fn input_value(unix: i64, zone_name: &str) -> String {
    at(unix, zone(zone_name))
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// The venue-local calendar day of a moment, as a sortable number.
pub fn day_number(unix: i64, zone_name: &str) -> i32 {
    use chrono::Datelike;
    at(unix, zone(zone_name)).date_naive().num_days_from_ce()
}

/// A moment in the venue's time zone (what [`crate::language::dates`]
/// formats for the reader).
pub fn local(unix: i64, zone_name: &str) -> DateTime<Tz> {
    at(unix, zone(zone_name))
}

fn at(unix: i64, tz: Tz) -> DateTime<Tz> {
    tz.from_utc_datetime(
        &DateTime::<Utc>::from_timestamp(unix, 0)
            .unwrap_or_default()
            .naive_utc(),
    )
}

pub fn iso(unix: i64, zone_name: &str) -> String {
    at(unix, zone(zone_name)).to_rfc3339()
}

/// Unix seconds of a wall-clock time at the venue (the earlier one when a
/// clock change makes it ambiguous).
pub fn unix_at(
    zone_name: &str,
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
) -> Option<i64> {
    zone(zone_name)
        .with_ymd_and_hms(year, month, day, hour, minute, 0)
        .earliest()
        .map(|t| t.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{i18n::Locale, language::dates::range as format_range};

    #[test]
    fn a_one_day_fair_shows_venue_local_times() {
        // 2027-03-10 08:00 UTC is 09:00 in Berlin (winter time).
        let start = unix_at("Europe/Berlin", 2027, 3, 10, 9, 0).unwrap_or_default();
        assert_eq!(start, 1_804_665_600);
        let end = start + 7 * 3600;
        assert_eq!(
            format_range(Locale::de, start, end, "Europe/Berlin"),
            "10.03.2027 · 09:00–16:00"
        );
        assert_eq!(iso(start, "Europe/Berlin"), "2027-03-10T09:00:00+01:00");
    }

    #[test]
    fn form_times_are_read_in_the_venue_zone() {
        let at = parse_local("2027-03-10T09:00", "Europe/Berlin");
        assert_eq!(at, Some(1_804_665_600));
        assert_eq!(
            input_value(1_804_665_600, "Europe/Berlin"),
            "2027-03-10T09:00"
        );
        assert_eq!(parse_local("2027-03-10T09:00:00", "Europe/Berlin"), at);
        assert_eq!(parse_local("10.03.2027", "Europe/Berlin"), None);
        assert_eq!(parse_local("2027-02-30T09:00", "Europe/Berlin"), None);
        assert!(is_known_zone("Europe/Lisbon"));
        assert!(!is_known_zone("Mars/Olympus"));
    }

    #[test]
    fn summer_time_is_respected_and_spans_show_both_dates() {
        let start = unix_at("Europe/Berlin", 2027, 6, 1, 10, 0).unwrap_or_default();
        assert_eq!(iso(start, "Europe/Berlin"), "2027-06-01T10:00:00+02:00");
        let text = format_range(Locale::de, start, start + 26 * 3600, "Europe/Berlin");
        assert_eq!(text, "01.06.2027 10:00 – 02.06.2027 12:00");
    }
}
