//! The ticket as an iCalendar event (RFC 5545), for "add to calendar" on the
//! ticket page and as a mail attachment. Small enough to write by hand:
//! one event with escaped text and folded lines.
use chrono::{DateTime, Utc};

pub struct CalendarEvent<'a> {
    /// Stable across downloads, so calendars update instead of duplicating.
    pub uid: &'a str,
    pub starts_at: i64,
    pub ends_at: i64,
    pub title: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    pub stamp: i64,
}

fn utc(unix: i64) -> String {
    DateTime::<Utc>::from_timestamp(unix, 0)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// Escapes TEXT values: backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

pub fn calendar(event: &CalendarEvent<'_>) -> String {
    let mut out = String::new();
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Jobfair//Ticket//DE".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", escape(event.uid)),
        format!("DTSTAMP:{}", utc(event.stamp)),
        format!("DTSTART:{}", utc(event.starts_at)),
        format!("DTEND:{}", utc(event.ends_at)),
        format!("SUMMARY:{}", escape(event.title)),
        format!("LOCATION:{}", escape(event.location)),
        format!("DESCRIPTION:{}", escape(event.description)),
        format!("URL:{}", event.url),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_is_escaped_folded_and_in_utc() {
        let description = "Ticket ABCD-EFGH; bitte mitbringen, danke. ".repeat(4);
        let ics = calendar(&CalendarEvent {
            uid: "ticket-7@jobfair",
            starts_at: 1_804_662_000,
            ends_at: 1_804_674_600,
            title: "Jobmesse, Flughafen",
            location: "Terminal 1; Halle B",
            description: &description,
            url: "https://jobfair.example/tickets/x",
            stamp: 1_800_000_000,
        });
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.contains("SUMMARY:Jobmesse\\, Flughafen\r\n"));
        assert!(ics.contains("LOCATION:Terminal 1\\; Halle B\r\n"));
        assert!(ics.contains("DTSTART:20270310T070000Z\r\n"));
        assert!(ics.lines().all(|l| l.len() <= 75));
        assert!(ics.contains("\r\n "), "long lines are folded");
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }
}
