//! Truthful refusals: 4xx for who may not and for bad input, public pages
//! that publish only what is confirmed, a removed member out at once.
use crate::support::*;
use app::db::Backend;
use reqwest::{StatusCode, header};

async fn refusals_and_bad_input_answer_4xx(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;
    let anonymous = app.post_form("/api/mail/list", &[], None).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    let employer = app.sign_in("arbeitgeber@jobfair.demo").await;
    let airport = app.fair_id("flughafen-frankfurt").await;
    let foreign = app
        .post_form(
            "/api/fairs/dashboard",
            &[("fair_id", &airport.to_string())],
            Some(&employer),
        )
        .await;
    assert!(
        matches!(
            foreign.status(),
            StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
        ),
        "{}",
        foreign.status()
    );

    let invalid = app.sign_up_as("organiser", "X", "keine-adresse", "Y").await;
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body(invalid).await.contains("InvalidEmail"),
        "field errors as before"
    );

    // A taken address is answered as a new one would be: no way to learn
    // who has an account (its owner hears of it by mail).
    let taken = app.sign_up("organisator@jobfair.demo").await;
    let new = app.sign_up("noch.niemand@example.org").await;
    assert_eq!(taken.status(), new.status());
    assert_eq!(
        taken.headers().get(header::LOCATION),
        new.headers().get(header::LOCATION)
    );
    assert!(session_cookie(&taken).is_none() && session_cookie(&new).is_none());
    assert!(!body(taken).await.contains("EmailTaken"));

    let unreadable = app
        .post_form("/api/mail/show", &[("id", "keine-zahl")], Some(&employer))
        .await;
    assert_eq!(unreadable.status(), StatusCode::BAD_REQUEST);

    let mut last = StatusCode::OK;
    let mut retry_after = None;
    for _ in 0..7 {
        let response = app
            .post_form(
                "/api/auth/sign_in",
                &[
                    ("email", "team@jobfair.demo"),
                    ("password", "falsch-falsch"),
                ],
                None,
            )
            .await;
        last = response.status();
        retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after.is_some(), "a throttle says when to try again");
}

async fn public_exhibitor_pages_show_only_confirmed_bookings(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;
    // The demo's Lahntal Maschinenbau holds a booth request at the airport
    // that the organiser has not decided.
    let held = app.organisation_named("Lahntal Maschinenbau GmbH").await;
    let directory = body(app.get("/fairs/flughafen-frankfurt/exhibitors", None).await).await;
    assert!(
        directory.contains("SkyCater Frankfurt GmbH"),
        "confirmed exhibitors are listed"
    );
    assert!(
        !directory.contains("Lahntal Maschinenbau"),
        "a held request publishes nothing"
    );
    let page = app
        .get(
            &format!("/fairs/flughafen-frankfurt/exhibitors/{held}"),
            None,
        )
        .await;
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
}

async fn a_removed_door_staff_member_is_out_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;
    let agency = app
        .organisation_named("Agentur für Arbeit Frankfurt am Main")
        .await;
    let door_staff = app.user_id("einlass@jobfair.demo").await;
    let staff = app.sign_in("einlass@jobfair.demo").await;
    let form = [
        ("organisation_id", agency.to_string()),
        ("user_id", door_staff.to_string()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();

    // Another organisation's owner and the member themselves are refused.
    let stranger = app.sign_in("kammer@jobfair.demo").await;
    let refused = app
        .post_form("/api/organisations/remove_member", &form, Some(&stranger))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let own = app
        .post_form("/api/organisations/remove_member", &form, Some(&staff))
        .await;
    assert_eq!(own.status(), StatusCode::FORBIDDEN);

    let owner = app.sign_in("organisator@jobfair.demo").await;
    let removed = app
        .post_form("/api/organisations/remove_member", &form, Some(&owner))
        .await;
    assert_eq!(removed.status(), StatusCode::OK);
    let me = app.call("auth/me", &[], Some(&staff)).await;
    assert_eq!(me.trim(), "null", "the session ended");
    let pack = app
        .post_form("/api/door/pack", &[("slug", "jobtag-kassel")], Some(&staff))
        .await;
    assert_eq!(pack.status(), StatusCode::UNAUTHORIZED);
    let again = app.sign_in("einlass@jobfair.demo").await;
    let pack = app
        .post_form("/api/door/pack", &[("slug", "jobtag-kassel")], Some(&again))
        .await;
    assert_eq!(
        pack.status(),
        StatusCode::FORBIDDEN,
        "no door access any more"
    );
}

crate::on_both_databases!(
    refusals_and_bad_input_answer_4xx,
    public_exhibitor_pages_show_only_confirmed_bookings,
    a_removed_door_staff_member_is_out_at_once,
);
