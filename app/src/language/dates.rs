//! Dates and times for the reader, in the venue's time zone: the patterns
//! (`chrono` format strings) come from the language's translation file
//! (`language.date`, `language.moment`, …), so a new language brings its own.
use crate::{fairs::time::local, i18n::Locale};
use leptos_i18n::td_string;

/// "10.03.2027, 09:00"
pub fn moment(locale: Locale, unix: i64, zone: &str) -> String {
    local(unix, zone)
        .format(td_string!(locale, language.moment))
        .to_string()
}

/// "10.03.2027"
pub fn date(locale: Locale, unix: i64, zone: &str) -> String {
    local(unix, zone)
        .format(td_string!(locale, language.date))
        .to_string()
}

/// "10.03." — the day of a chart point.
pub fn day(locale: Locale, unix: i64, zone: &str) -> String {
    local(unix, zone)
        .format(td_string!(locale, language.day))
        .to_string()
}

/// "09:00"
pub fn clock(locale: Locale, unix: i64, zone: &str) -> String {
    local(unix, zone)
        .format(td_string!(locale, language.time))
        .to_string()
}

/// "09:00–12:00": a slot's times without its day.
pub fn clock_range(locale: Locale, starts_at: i64, ends_at: i64, zone: &str) -> String {
    format!(
        "{}–{}",
        clock(locale, starts_at, zone),
        clock(locale, ends_at, zone)
    )
}

/// "10.03.2027 · 09:00–16:00", or both dates and times when it spans days.
pub fn range(locale: Locale, starts_at: i64, ends_at: i64, zone: &str) -> String {
    let (start, end) = (local(starts_at, zone), local(ends_at, zone));
    if start.date_naive() == end.date_naive() {
        td_string!(
            locale,
            language.same_day,
            date = start.format(td_string!(locale, language.date)),
            start = start.format(td_string!(locale, language.time)),
            end = end.format(td_string!(locale, language.time))
        )
        .to_string()
    } else {
        let pattern = td_string!(locale, language.date_time);
        td_string!(
            locale,
            language.span,
            start = start.format(pattern),
            end = end.format(pattern)
        )
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fairs::time::unix_at;

    #[test]
    fn german_dates_read_as_before() {
        let start = unix_at("Europe/Berlin", 2027, 3, 10, 9, 0).unwrap_or_default();
        let zone = "Europe/Berlin";
        assert_eq!(
            range(Locale::de, start, start + 7 * 3600, zone),
            "10.03.2027 · 09:00–16:00"
        );
        assert_eq!(moment(Locale::de, start, zone), "10.03.2027, 09:00");
        assert_eq!(date(Locale::de, start, zone), "10.03.2027");
        assert_eq!(day(Locale::de, start, zone), "10.03.");
        assert_eq!(clock(Locale::de, start, zone), "09:00");
        assert_eq!(
            clock_range(Locale::de, start, start + 3 * 3600, zone),
            "09:00–12:00"
        );
        let summer = unix_at(zone, 2027, 6, 1, 10, 0).unwrap_or_default();
        assert_eq!(
            range(Locale::de, summer, summer + 26 * 3600, zone),
            "01.06.2027 10:00 – 02.06.2027 12:00"
        );
    }
}
