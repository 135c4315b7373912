//! Venue-local time: fairs store UTC seconds and a time-zone name.
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;

pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::Europe::Berlin)
}

fn local(unix: i64, tz: Tz) -> DateTime<Tz> {
    tz.from_utc_datetime(
        &DateTime::<Utc>::from_timestamp(unix, 0)
            .unwrap_or_default()
            .naive_utc(),
    )
}

/// "10.03.2027 · 09:00–16:00", or with both dates when it spans days.
pub fn format_range(starts_at: i64, ends_at: i64, zone_name: &str) -> String {
    let tz = zone(zone_name);
    let (start, end) = (local(starts_at, tz), local(ends_at, tz));
    if start.date_naive() == end.date_naive() {
        format!(
            "{} · {}–{}",
            start.format("%d.%m.%Y"),
            start.format("%H:%M"),
            end.format("%H:%M")
        )
    } else {
        format!(
            "{} – {}",
            start.format("%d.%m.%Y %H:%M"),
            end.format("%d.%m.%Y %H:%M")
        )
    }
}

pub fn iso(unix: i64, zone_name: &str) -> String {
    local(unix, zone(zone_name)).to_rfc3339()
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

    #[test]
    fn a_one_day_fair_shows_venue_local_times() {
        // 2027-03-10 08:00 UTC is 09:00 in Berlin (winter time).
        let start = unix_at("Europe/Berlin", 2027, 3, 10, 9, 0).unwrap_or_default();
        assert_eq!(start, 1_804_665_600);
        let end = start + 7 * 3600;
        assert_eq!(
            format_range(start, end, "Europe/Berlin"),
            "10.03.2027 · 09:00–16:00"
        );
        assert_eq!(iso(start, "Europe/Berlin"), "2027-03-10T09:00:00+01:00");
    }

    #[test]
    fn summer_time_is_respected_and_spans_show_both_dates() {
        let start = unix_at("Europe/Berlin", 2027, 6, 1, 10, 0).unwrap_or_default();
        assert_eq!(iso(start, "Europe/Berlin"), "2027-06-01T10:00:00+02:00");
        let text = format_range(start, start + 26 * 3600, "Europe/Berlin");
        assert_eq!(text, "01.06.2027 10:00 – 02.06.2027 12:00");
    }
}
