//! Halls and booths: types shared by server and browser, and the pure rules
//! of the floor plan (grid, bounds, overlap), so the editor can warn before it
//! asks the server, which checks again inside its transaction.
use crate::error::{FieldErrors, Problem};
pub use crate::units::{euros_text, metres_text};
use serde::{Deserialize, Serialize};

/// Geometry is stored in decimetres; the editor snaps to half a metre.
pub const GRID_DM: i64 = 5;
/// Smallest booth side: one metre.
pub const MIN_SIDE_DM: i64 = 10;
/// Largest hall side: 500 m.
pub const MAX_HALL_DM: i64 = 5000;
pub const LABEL_MAX: usize = 12;
pub const HALL_NAME_MAX: usize = 60;
/// Highest booth price in euros.
pub const PRICE_MAX_EUR: u32 = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BoothCategory {
    Standard,
    Corner,
    Premium,
}

impl BoothCategory {
    pub const ALL: [BoothCategory; 3] = [Self::Standard, Self::Corner, Self::Premium];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Corner => "corner",
            Self::Premium => "premium",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

/// What a booth can come with, booked along with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Extra {
    Power,
    Table,
    /// A screen for company films.
    Screen,
}

impl Extra {
    pub const ALL: [Extra; 3] = [Self::Power, Self::Table, Self::Screen];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Power => "power",
            Self::Table => "table",
            Self::Screen => "screen",
        }
    }

    /// Parses the stored comma list, ignoring unknown words.
    pub fn parse_list(stored: &str) -> Vec<Extra> {
        Self::ALL
            .into_iter()
            .filter(|e| stored.split(',').any(|w| w.trim() == e.as_str()))
            .collect()
    }

    pub fn to_list(extras: &[Extra]) -> String {
        Self::ALL
            .into_iter()
            .filter(|e| extras.contains(e))
            .map(Extra::as_str)
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Whether a booth can still be booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Availability {
    Free,
    /// Requested by an employer, waiting for the organiser.
    Held,
    Booked,
}

/// A rectangle on the hall's grid, in decimetres from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rect {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub depth: i64,
}

impl Rect {
    /// True when the two share any area; touching edges is fine (booths in a
    /// row share walls).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.depth
            && other.y < self.y + self.depth
    }

    pub fn fits_in(&self, hall_width: i64, hall_depth: i64) -> bool {
        self.x >= 0
            && self.y >= 0
            && self.x + self.width <= hall_width
            && self.y + self.depth <= hall_depth
    }

    /// Area in square metres.
    pub fn area_m2(&self) -> f64 {
        (self.width * self.depth) as f64 / 100.0
    }

    /// The same rectangle moved by whole grid steps, kept inside the hall.
    pub fn nudged(&self, dx_steps: i64, dy_steps: i64, hall: (i64, i64)) -> Rect {
        Rect {
            x: (self.x + dx_steps * GRID_DM).clamp(0, (hall.0 - self.width).max(0)),
            y: (self.y + dy_steps * GRID_DM).clamp(0, (hall.1 - self.depth).max(0)),
            ..*self
        }
    }

    /// The same rectangle grown or shrunk by whole grid steps, kept inside
    /// the hall and at least one metre wide.
    pub fn resized(&self, dw_steps: i64, dd_steps: i64, hall: (i64, i64)) -> Rect {
        Rect {
            width: (self.width + dw_steps * GRID_DM)
                .clamp(MIN_SIDE_DM, (hall.0 - self.x).max(MIN_SIDE_DM)),
            depth: (self.depth + dd_steps * GRID_DM)
                .clamp(MIN_SIDE_DM, (hall.1 - self.y).max(MIN_SIDE_DM)),
            ..*self
        }
    }
}

/// Rounds decimetres to the nearest grid line.
pub fn snap(dm: f64) -> i64 {
    ((dm / GRID_DM as f64).round() as i64) * GRID_DM
}

/// Reads "2,5" or "2.5" metres as decimetres; only half metres are allowed.
pub fn parse_metres(raw: &str, min_dm: i64, max_dm: i64) -> Result<i64, Problem> {
    let text = raw.trim().replace(',', ".");
    if text.is_empty() {
        return Err(Problem::Required);
    }
    let metres: f64 = text.parse().map_err(|_| Problem::NotANumber)?;
    if !metres.is_finite() {
        return Err(Problem::NotANumber);
    }
    let dm = (metres * 10.0).round() as i64;
    let range = Problem::OutOfRange {
        min: (min_dm / 10) as u32,
        max: (max_dm / 10) as u32,
    };
    if dm < min_dm || dm > max_dm {
        return Err(range);
    }
    Ok(snap(dm as f64))
}

/// Reads a price in euros ("600", "600,50") as cents.
pub fn parse_euros(raw: &str) -> Result<i64, Problem> {
    let text = raw
        .trim()
        .replace('€', "")
        .replace(['.', ' '], "")
        .replace(',', ".");
    if text.is_empty() {
        return Ok(0);
    }
    let euros: f64 = text.trim().parse().map_err(|_| Problem::NotANumber)?;
    if !euros.is_finite() || euros < 0.0 || euros > PRICE_MAX_EUR as f64 {
        return Err(Problem::OutOfRange {
            min: 0,
            max: PRICE_MAX_EUR,
        });
    }
    Ok((euros * 100.0).round() as i64)
}

/// A booth's area as people write it: "12" or "13,5" (square metres).
pub fn area_text(rect: &Rect) -> String {
    crate::units::square_metres_text(rect.width * rect.depth)
}

/// A booth as the floor plan shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Booth {
    pub id: i64,
    pub hall_id: i64,
    pub label: String,
    pub rect: Rect,
    pub category: BoothCategory,
    pub price_cents: i64,
    pub extras: Vec<Extra>,
    pub availability: Availability,
    /// The employer's name once the booking is confirmed.
    pub exhibitor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hall {
    pub id: i64,
    pub fair_id: i64,
    pub name: String,
    pub width_dm: i64,
    pub depth_dm: i64,
    pub booths: Vec<Booth>,
}

/// A hall as its form sends it: name and size in metres.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HallForm {
    pub name: String,
    pub width_m: String,
    pub depth_m: String,
}

/// A checked hall: name and size in decimetres.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HallDraft {
    pub name: String,
    pub width_dm: i64,
    pub depth_dm: i64,
}

pub fn check_hall(form: &HallForm) -> Result<HallDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = crate::validation::collect(
        &mut errors,
        "name",
        crate::validation::required_text(&form.name, HALL_NAME_MAX),
    );
    let width = crate::validation::collect(
        &mut errors,
        "width_m",
        parse_metres(&form.width_m, MIN_SIDE_DM, MAX_HALL_DM),
    );
    let depth = crate::validation::collect(
        &mut errors,
        "depth_m",
        parse_metres(&form.depth_m, MIN_SIDE_DM, MAX_HALL_DM),
    );
    match (name, width, depth) {
        (Some(name), Some(width_dm), Some(depth_dm)) => Ok(HallDraft {
            name,
            width_dm,
            depth_dm,
        }),
        _ => Err(errors),
    }
}

/// A booth as the editor's form sends it: text as typed, metres and euros.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothForm {
    pub label: String,
    pub x_m: String,
    pub y_m: String,
    pub width_m: String,
    pub depth_m: String,
    pub category: String,
    pub price_eur: String,
    #[serde(default)]
    pub power: Option<String>,
    #[serde(default)]
    pub table: Option<String>,
    #[serde(default)]
    pub screen: Option<String>,
}

impl BoothForm {
    pub fn from_booth(booth: &Booth) -> Self {
        let on = |e: Extra| booth.extras.contains(&e).then(|| "on".to_owned());
        BoothForm {
            label: booth.label.clone(),
            x_m: metres_text(booth.rect.x),
            y_m: metres_text(booth.rect.y),
            width_m: metres_text(booth.rect.width),
            depth_m: metres_text(booth.rect.depth),
            category: booth.category.as_str().to_owned(),
            price_eur: euros_text(booth.price_cents),
            power: on(Extra::Power),
            table: on(Extra::Table),
            screen: on(Extra::Screen),
        }
    }
}

/// A checked booth, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoothDraft {
    pub label: String,
    pub rect: Rect,
    pub category: BoothCategory,
    pub price_cents: i64,
    pub extras: Vec<Extra>,
}

/// The other booths of the hall, as the check needs them.
pub struct Neighbour<'a> {
    pub id: i64,
    pub label: &'a str,
    pub rect: Rect,
}

/// Checks a booth form against the hall and the other booths in it.
/// `editing` is the booth's own id when it is moved or changed.
pub fn check_booth(
    form: &BoothForm,
    hall: (i64, i64),
    others: &[Neighbour<'_>],
    editing: Option<i64>,
) -> Result<BoothDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let label = crate::validation::collect(
        &mut errors,
        "label",
        crate::validation::required_text(&form.label, LABEL_MAX),
    );
    let x = crate::validation::collect(&mut errors, "x_m", parse_metres(&form.x_m, 0, hall.0));
    let y = crate::validation::collect(&mut errors, "y_m", parse_metres(&form.y_m, 0, hall.1));
    let width = crate::validation::collect(
        &mut errors,
        "width_m",
        parse_metres(&form.width_m, MIN_SIDE_DM, hall.0.max(MIN_SIDE_DM)),
    );
    let depth = crate::validation::collect(
        &mut errors,
        "depth_m",
        parse_metres(&form.depth_m, MIN_SIDE_DM, hall.1.max(MIN_SIDE_DM)),
    );
    let category = crate::validation::collect(
        &mut errors,
        "category",
        BoothCategory::parse(&form.category).ok_or(Problem::InvalidChoice),
    );
    let price_cents =
        crate::validation::collect(&mut errors, "price_eur", parse_euros(&form.price_eur));
    let (
        Some(label),
        Some(x),
        Some(y),
        Some(width),
        Some(depth),
        Some(category),
        Some(price_cents),
    ) = (label, x, y, width, depth, category, price_cents)
    else {
        return Err(errors);
    };
    let rect = Rect { x, y, width, depth };
    let others = others.iter().filter(|o| Some(o.id) != editing);
    if others.clone().any(|o| o.label.eq_ignore_ascii_case(&label)) {
        errors.add("label", Problem::Taken);
    }
    if !rect.fits_in(hall.0, hall.1) {
        errors.add(crate::error::FORM, Problem::OutsideHall);
    } else if others.clone().any(|o| o.rect.overlaps(&rect)) {
        errors.add(crate::error::FORM, Problem::Overlaps);
    }
    let checked = |name: &Option<String>| {
        name.as_deref()
            .is_some_and(|v| !v.is_empty() && v != "false")
    };
    let extras = [
        (Extra::Power, &form.power),
        (Extra::Table, &form.table),
        (Extra::Screen, &form.screen),
    ]
    .into_iter()
    .filter(|(_, value)| checked(value))
    .map(|(extra, _)| extra)
    .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(BoothDraft {
        label,
        rect,
        category,
        price_cents,
        extras,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: i64, y: i64, width: i64, depth: i64) -> Rect {
        Rect { x, y, width, depth }
    }

    fn form(label: &str, x: &str, y: &str, w: &str, d: &str) -> BoothForm {
        BoothForm {
            label: label.into(),
            x_m: x.into(),
            y_m: y.into(),
            width_m: w.into(),
            depth_m: d.into(),
            category: "standard".into(),
            price_eur: "600".into(),
            ..Default::default()
        }
    }

    #[test]
    fn touching_booths_do_not_overlap_but_sharing_area_does() {
        let a = rect(0, 0, 40, 30);
        assert!(!a.overlaps(&rect(40, 0, 40, 30)));
        assert!(!a.overlaps(&rect(0, 30, 40, 30)));
        assert!(a.overlaps(&rect(35, 25, 10, 10)));
        assert!(a.overlaps(&rect(10, 10, 10, 10)), "inside");
        assert!(rect(10, 10, 10, 10).overlaps(&a), "symmetric");
    }

    #[test]
    fn metres_accept_comma_and_snap_to_half_metres() {
        assert_eq!(parse_metres("2,5", 0, 100), Ok(25));
        assert_eq!(parse_metres("2.4", 0, 100), Ok(25));
        assert_eq!(parse_metres(" 4 ", 0, 100), Ok(40));
        assert_eq!(parse_metres("vier", 0, 100), Err(Problem::NotANumber));
        assert_eq!(parse_metres("", 0, 100), Err(Problem::Required));
        assert_eq!(
            parse_metres("11", 0, 100),
            Err(Problem::OutOfRange { min: 0, max: 10 })
        );
        assert_eq!(parse_metres("NaN", 0, 100), Err(Problem::NotANumber));
        assert_eq!(metres_text(25), "2,5");
        assert_eq!(metres_text(40), "4");
        assert_eq!(
            area_text(&Rect {
                x: 0,
                y: 0,
                width: 40,
                depth: 30
            }),
            "12"
        );
        assert_eq!(
            area_text(&Rect {
                x: 0,
                y: 0,
                width: 45,
                depth: 30
            }),
            "13,5"
        );
    }

    #[test]
    fn euros_read_german_notation() {
        assert_eq!(parse_euros("600"), Ok(60_000));
        assert_eq!(parse_euros("1.200,50 €"), Ok(120_050));
        assert_eq!(parse_euros(""), Ok(0));
        assert!(parse_euros("-5").is_err());
        assert_eq!(euros_text(120_050), "1200,50");
    }

    #[test]
    fn a_booth_must_fit_the_hall_and_not_overlap() {
        let others = [Neighbour {
            id: 1,
            label: "A01",
            rect: rect(0, 0, 40, 30),
        }];
        let hall = (200, 100);
        assert!(check_booth(&form("A02", "4", "0", "4", "3"), hall, &others, None).is_ok());
        let overlap = check_booth(&form("A02", "3", "0", "4", "3"), hall, &others, None);
        assert_eq!(
            overlap.err().and_then(|e| e.get("form")),
            Some(Problem::Overlaps)
        );
        let outside = check_booth(&form("A02", "18", "0", "4", "3"), hall, &others, None);
        assert_eq!(
            outside.err().and_then(|e| e.get("form")),
            Some(Problem::OutsideHall)
        );
        let same_label = check_booth(&form("a01", "8", "0", "4", "3"), hall, &others, None);
        assert_eq!(
            same_label.err().and_then(|e| e.get("label")),
            Some(Problem::Taken)
        );
        // Moving a booth onto its own old place is fine.
        assert!(check_booth(&form("A01", "0,5", "0", "4", "3"), hall, &others, Some(1)).is_ok());
    }

    #[test]
    fn extras_are_read_from_checkboxes_and_stored_as_a_list() {
        let mut f = form("A01", "0", "0", "4", "3");
        f.power = Some("on".into());
        f.screen = Some("on".into());
        let draft = check_booth(&f, (100, 100), &[], None).map(|d| d.extras);
        assert_eq!(draft, Ok(vec![Extra::Power, Extra::Screen]));
        assert_eq!(
            Extra::to_list(&[Extra::Screen, Extra::Power]),
            "power,screen"
        );
        assert_eq!(
            Extra::parse_list("table, power,unknown"),
            vec![Extra::Power, Extra::Table]
        );
    }

    #[test]
    fn keyboard_moves_stay_on_the_grid_and_inside_the_hall() {
        let booth = rect(0, 0, 40, 30);
        assert_eq!(booth.nudged(1, 0, (100, 100)), rect(5, 0, 40, 30));
        assert_eq!(booth.nudged(-1, -1, (100, 100)), booth);
        assert_eq!(booth.nudged(100, 0, (100, 100)).x, 60);
        assert_eq!(booth.resized(-10, 0, (100, 100)).width, MIN_SIDE_DM);
        assert_eq!(booth.resized(1, 1, (100, 100)), rect(0, 0, 45, 35));
    }
}
