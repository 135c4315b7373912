//! Booth bookings over HTTP: who may call the booking endpoints, and the
//! link in a booking mail.
use crate::support::*;
use app::db::Backend;
use reqwest::StatusCode;

/// The booking endpoints as an outsider meets them: no session, another
/// employer's booking, an employer trying the organiser's decision.
#[tokio::test]
async fn booking_endpoints_check_who_is_calling() {
    let app = spawn_app(Backend::Sqlite).await;
    app.seed_demo().await;
    let anonymous = app.request_booking(1, 1, None).await;
    assert!(anonymous.contains("Unauthenticated"), "{anonymous}");

    let employer = app.sign_in("arbeitgeber@jobfair.demo").await;
    let (own, other) = app
        .own_and_other_confirmed_booking("arbeitgeber@jobfair.demo")
        .await;
    let mine = app
        .call(
            "bookings/confirmation",
            &[("booking_id", &own.to_string())],
            Some(&employer),
        )
        .await;
    assert!(mine.contains("\"number\""), "{mine}");
    let theirs = app
        .call(
            "bookings/confirmation",
            &[("booking_id", &other.to_string())],
            Some(&employer),
        )
        .await;
    assert!(
        theirs.contains("NotFound") && !theirs.contains("\"number\""),
        "{theirs}"
    );
    let cancel = app
        .call(
            "bookings/cancel",
            &[("booking_id", &other.to_string())],
            Some(&employer),
        )
        .await;
    assert!(cancel.contains("Forbidden"), "{cancel}");
    let decide = app
        .call(
            "bookings/decide",
            &[("booking_id", &other.to_string()), ("decision", "reject")],
            Some(&employer),
        )
        .await;
    assert!(decide.contains("Forbidden"), "{decide}");
    let fair_list = app
        .call("bookings/fair", &[("fair_id", "1")], Some(&employer))
        .await;
    assert!(fair_list.contains("Forbidden"), "{fair_list}");
}

/// The mail an employer gets about a booking request links to the page
/// with their bookings, and the link opens it.
async fn the_booking_mail_links_to_the_bookings_page(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;
    let employer = app.sign_in("arbeitgeber@jobfair.demo").await;
    let organisation = app.organisation_of("arbeitgeber@jobfair.demo").await;
    let booth = app.free_booth("flughafen-frankfurt").await;
    let answer = app
        .request_booking(organisation, booth, Some(&employer))
        .await;
    assert!(
        !answer.contains("Forbidden") && !answer.contains("Invalid"),
        "{answer}"
    );
    let mails = app.mails_to("arbeitgeber@jobfair.demo").await;
    let mail = mails
        .last()
        .unwrap_or_else(|| panic!("no booking mail to the employer"));
    let link = mail
        .body_text
        .split_whitespace()
        .find(|word| word.starts_with("http") && word.contains("/bookings"))
        .unwrap_or_else(|| panic!("no bookings link in {}", mail.body_text));
    let path = reqwest::Url::parse(link)
        .map(|url| url.path().to_owned())
        .unwrap_or_else(|e| panic!("{link}: {e}"));
    assert_eq!(path, "/bookings", "{link}");
    let page = app.get(&path, Some(&employer)).await;
    assert_eq!(page.status(), StatusCode::OK, "{link}");
    let html = body(page).await;
    assert!(html.contains("Meine Standbuchungen"), "{html}");
}

crate::on_both_databases!(the_booking_mail_links_to_the_bookings_page);
