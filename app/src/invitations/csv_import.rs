//! Reading a case worker's list: CSV with `;` or `,`, a header row in German
//! or English (name, e-mail, language, slot), UTF-8 with or without BOM.
use super::model::{InviteRow, MAX_ROWS};
use crate::error::{FORM, FieldErrors, Problem};

/// Largest accepted file.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

#[derive(Clone, Copy)]
enum Column {
    Name,
    Email,
    Locale,
    Slot,
}

fn column(header: &str) -> Option<Column> {
    match header
        .trim()
        .to_lowercase()
        .replace(['-', '_', ' '], "")
        .as_str()
    {
        "name" | "teilnehmer" | "teilnehmerin" | "vollständigername" => Some(Column::Name),
        "email" | "mail" | "emailadresse" => Some(Column::Email),
        "sprache" | "language" | "lang" | "locale" => Some(Column::Locale),
        "zeitfenster" | "slot" | "timeslot" | "uhrzeit" => Some(Column::Slot),
        _ => None,
    }
}

/// Reads the rows; a file that is not such a list is refused as a whole.
pub fn read_rows(text: &str) -> Result<Vec<InviteRow>, FieldErrors> {
    let refuse = |p: Problem| FieldErrors::one(FORM, p);
    if text.len() > MAX_BYTES {
        return Err(refuse(Problem::TooLong {
            max: (MAX_BYTES / 1024 / 1024) as u32,
        }));
    }
    let text = text.trim_start_matches('\u{feff}');
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() >= first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| refuse(Problem::InvalidChoice))?
        .clone();
    let columns: Vec<Option<Column>> = headers.iter().map(column).collect();
    if !columns.iter().any(|c| matches!(c, Some(Column::Email))) {
        return Err(refuse(Problem::InvalidChoice));
    }
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let Ok(record) = record else {
            return Err(refuse(Problem::InvalidChoice));
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(refuse(Problem::TooLong {
                max: MAX_ROWS as u32,
            }));
        }
        let mut row = InviteRow {
            line: (index + 2) as u32,
            ..InviteRow::default()
        };
        for (value, column) in record.iter().zip(&columns) {
            let target = match column {
                Some(Column::Name) => &mut row.name,
                Some(Column::Email) => &mut row.email,
                Some(Column::Locale) => &mut row.locale,
                Some(Column::Slot) => &mut row.slot,
                None => continue,
            };
            *target = value.to_owned();
        }
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_excel_lists_are_read() {
        let text = "\u{feff}Name;E-Mail;Sprache;Zeitfenster\r\nAyşe Demir;ayse@example.org;de;09:00\r\n;;;\r\n\"Weber, Jan\";jan@example.org;en;\r\n";
        let rows = read_rows(text).unwrap_or_default();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].line, rows[0].name.as_str(), rows[0].slot.as_str()),
            (2, "Ayşe Demir", "09:00")
        );
        assert_eq!(
            (rows[1].line, rows[1].name.as_str(), rows[1].locale.as_str()),
            (4, "Weber, Jan", "en")
        );
    }

    #[test]
    fn comma_lists_in_english_work_and_lists_without_addresses_do_not() {
        let rows = read_rows("name,email\nJan Weber,jan@example.org\n").unwrap_or_default();
        assert_eq!(rows[0].email, "jan@example.org");
        assert!(read_rows("Vorname;Nachname\nJan;Weber\n").is_err());
    }
}
