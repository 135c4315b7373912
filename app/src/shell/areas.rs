//! Which pages are the app and which are plain public pages.
//!
//! Jobseekers and visitors open public pages on cheap phones with prepaid
//! data: those are server-rendered HTML with forms that post, and carry no
//! wasm at all. Staff pages (organisers, employers, the door, the mail
//! viewer, the account) load the app. The shell asks [`needs_app`] for the
//! request's path; the browser's router knows only the app's routes, so a
//! link from the app to a public page loads that page from the server.

/// Whether the page at `path` loads the app (wasm and hydration).
pub fn needs_app(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    // Choosing a password from a mailed link is a public page, though the
    // rest of the account is the app.
    if path.starts_with("/account/verify/") {
        return false;
    }
    const APP_AREAS: [&str; 8] = [
        "/account",
        "/admin",
        "/organise",
        "/door",
        "/mail",
        "/bookings",
        "/employer",
        "/invite",
    ];
    if APP_AREAS
        .iter()
        .any(|area| path == *area || path.starts_with(&format!("{area}/")))
    {
        return true;
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
}

#[cfg(test)]
mod tests {
    use super::needs_app;

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
            assert!(!needs_app(path), "{path}");
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
            assert!(needs_app(path), "{path}");
        }
    }
}
