//! Which pages are the app and which are plain public pages.
//!
//! Jobseekers and visitors open public pages on cheap phones with prepaid
//! data: those are server-rendered HTML with forms that post, and carry no
//! wasm at all. Staff pages (organisers, employers, the door, the mail
//! viewer, the account) load the app. The shell asks [`app_area`] for the
//! request's path; the browser's router knows only the app's routes, so a
//! link from the app to a public page loads that page from the server.
//!
//! The app itself comes in one bundle per [`Area`], so a door phone does not
//! download the floor-plan editor and an organiser not the QR decoder. Each
//! bundle's router knows only its area's routes; a link to another area
//! loads that page (and its bundle) from the server.

/// A part of the app with a bundle of its own (see `scripts/lib/areas.sh`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// The door list and the scanner.
    Door,
    /// An organiser's fairs: the list, a fair's plan, dashboard, bookings
    /// and live door.
    Organise,
    /// The organisers' two large editors: the floor plan of a hall and the
    /// invitation lists (with the CSV import).
    Editors,
    /// The rest: the account, approvals, booking a booth, an employer's
    /// pages, invitations to an organisation, the mail viewer.
    Staff,
}

impl Area {
    /// The name in the bundle list and in the bundle's file names.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Door => "door",
            Area::Organise => "organise",
            Area::Editors => "editors",
            Area::Staff => "staff",
        }
    }
}

/// The app area of the page at `path`, whose bundle it loads (wasm and
/// hydration); `None` for a public page, which loads no app.
pub fn app_area(path: &str) -> Option<Area> {
    let path = path.trim_end_matches('/');
    let under = |area: &str| path == area || path.starts_with(&format!("{area}/"));
    // Choosing a password from a mailed link is a public page, though the
    // rest of the account is the app.
    if path.starts_with("/account/verify/") {
        return None;
    }
    if under("/door") {
        return Some(Area::Door);
    }
    if under("/organise") {
        let mut segments = path.trim_start_matches('/').split('/').skip(3);
        return Some(match (segments.next(), segments.next()) {
            (Some("halls"), Some(_)) | (Some("invitations"), None) => Area::Editors,
            _ => Area::Organise,
        });
    }
    const STAFF_AREAS: [&str; 6] = [
        "/account",
        "/admin",
        "/mail",
        "/bookings",
        "/employer",
        "/invite",
    ];
    if STAFF_AREAS.iter().any(|area| under(area)) {
        return Some(Area::Staff);
    }
    // Booking a booth is the employers' app; the rest of a fair is public.
    let mut segments = path.trim_start_matches('/').split('/');
    matches!(
        (
            segments.next(),
            segments.next(),
            segments.next(),
            segments.next()
        ),
        (Some("fairs"), Some(_), Some("book"), None)
    )
    .then_some(Area::Staff)
}

#[cfg(test)]
mod tests {
    use super::{Area, app_area};

    #[test]
    fn public_pages_carry_no_app() {
        for path in [
            "/",
            "",
            "/login",
            "/signup",
            "/password/forgot",
            "/password/reset/abc",
            "/account/verify/abc",
            "/fairs/flughafen-frankfurt",
            "/fairs/flughafen-frankfurt/register",
            "/fairs/flughafen-frankfurt/exhibitors",
            "/fairs/flughafen-frankfurt/exhibitors/4",
            "/tickets/abc",
            "/unsubscribe/abc",
            "/no-such-page",
            "/organiser-of-nothing",
            "/fairs/book",
        ] {
            assert!(app_area(path).is_none(), "{path}");
        }
    }

    #[test]
    fn staff_pages_load_the_app() {
        for path in [
            "/account",
            "/account/",
            "/account/delete",
            "/admin/approvals",
            "/invite/abc",
            "/organise",
            "/organise/fairs/3",
            "/organise/fairs/3/halls/2",
            "/organise/fairs/3/door",
            "/door",
            "/door/jobtag-kassel",
            "/mail",
            "/mail/12",
            "/bookings",
            "/bookings/4/confirmation",
            "/employer/5/profile",
            "/employer/5/fairs/x/jobs",
            "/fairs/flughafen-frankfurt/book",
        ] {
            assert!(app_area(path).is_some(), "{path}");
        }
    }

    #[test]
    fn each_staff_page_belongs_to_one_bundle() {
        for (path, area) in [
            ("/door", Area::Door),
            ("/door/jobtag-kassel", Area::Door),
            ("/organise", Area::Organise),
            ("/organise/fairs/3", Area::Organise),
            ("/organise/fairs/3/halls/2", Area::Editors),
            ("/organise/fairs/3/invitations", Area::Editors),
            ("/organise/fairs/3/dashboard", Area::Organise),
            ("/organise/fairs/3/bookings", Area::Organise),
            ("/organise/fairs/3/door", Area::Organise),
            ("/account", Area::Staff),
            ("/admin/approvals", Area::Staff),
            ("/mail/12", Area::Staff),
            ("/bookings/4/confirmation", Area::Staff),
            ("/employer/5/profile", Area::Staff),
            ("/invite/abc", Area::Staff),
            ("/fairs/flughafen-frankfurt/book", Area::Staff),
            ("/account/delete", Area::Staff),
        ] {
            assert_eq!(app_area(path), Some(area), "{path}");
        }
        assert_eq!(app_area("/doorway"), None);
        assert_eq!(app_area("/organiser"), None);
    }
}
