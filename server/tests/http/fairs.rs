//! Fairs over HTTP: the public page with its preview metadata, the CSV
//! exports, and the planning server functions checking caller and input.
use crate::support::*;
use app::db::Backend;
use reqwest::{StatusCode, header};

/// The fair the planning calls create (and break).
const WIESBADEN: NewFair<'static> = NewFair {
    organisation_id: 1,
    title_de: "Jobmesse Wiesbaden",
    venue_name: "RMCC Wiesbaden",
    venue_address: "Friedrich-Ebert-Allee 1, 65185 Wiesbaden",
    starts: "2030-05-04T09:00",
    ends: "2030-05-04T15:00",
    registration_opens: "2030-04-01T08:00",
    registration_closes: "2030-05-04T12:00",
};

async fn fair_pages_and_exports(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;

    // The public page: complete HTML with preview metadata in the head.
    let response = app.get("/fairs/flughafen-frankfurt", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = body(response).await;
    let head = html.split("</head>").next().unwrap_or_default();
    assert!(
        head.contains(r#"property="og:title" content="Jobmesse am Flughafen Frankfurt""#),
        "{head}"
    );
    assert!(head.contains(r#"rel="canonical""#), "{head}");
    assert!(
        head.contains("<title>Jobmesse am Flughafen Frankfurt · Jobfair</title>"),
        "{head}"
    );
    assert!(html.contains("Halle B: 12 Stände, 6 belegt, 5 frei"));
    assert!(html.contains("SkyCater Frankfurt GmbH"));
    assert!(html.contains("nur mit Einladung"));
    assert_eq!(
        app.get("/fairs/gibt-es-nicht", None).await.status(),
        StatusCode::NOT_FOUND
    );

    // Exports: sign-in first, planners only, Excel-friendly bytes.
    let path = "/organise/fairs/1/export/registrations.csv";
    let anonymous = app.get(path, None).await;
    assert!(anonymous.status().is_redirection());
    let organiser = app.sign_in("organisator@jobfair.demo").await;
    let response = app.get(path, Some(&organiser)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header_of(&response, header::CONTENT_TYPE),
        "text/csv; charset=utf-8"
    );
    let disposition = header_of(&response, header::CONTENT_DISPOSITION);
    assert!(
        disposition.contains("flughafen-frankfurt-anmeldungen.csv"),
        "{disposition}"
    );
    let bytes = response.bytes().await.unwrap_or_default();
    assert_eq!(&bytes[..3], b"\xef\xbb\xbf");
    let text = String::from_utf8_lossy(&bytes[3..]).to_string();
    assert_eq!(text.lines().count(), 37, "header and 36 registrations");
    assert!(text.starts_with("Name;E-Mail;Zeitfenster;Status;Sprache;Angemeldet am\r\n"));
    let comma = body(
        app.get(
            "/organise/fairs/1/export/exhibitors.csv?separator=comma",
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert!(
        comma.starts_with("\u{feff}Firma,Halle,Stand,Buchung,Angebote\r\n"),
        "{comma}"
    );
    let employer = app.sign_in("arbeitgeber@jobfair.demo").await;
    assert_eq!(
        app.get(path, Some(&employer)).await.status(),
        StatusCode::FORBIDDEN
    );

    // Planning server functions check the caller and the input.
    let unauthenticated = body(app.create_fair(&WIESBADEN, None).await).await;
    assert!(
        unauthenticated.contains("Unauthenticated"),
        "{unauthenticated}"
    );
    let as_employer = body(app.create_fair(&WIESBADEN, Some(&employer)).await).await;
    assert!(as_employer.contains("Forbidden"), "{as_employer}");
    let created = app.create_fair(&WIESBADEN, Some(&organiser)).await;
    assert!(
        created.status().is_success() || created.status().is_redirection(),
        "{}",
        created.status()
    );
    let broken = NewFair {
        ends: "2030-05-04T08:00",
        ..WIESBADEN
    };
    let refused = body(app.create_fair(&broken, Some(&organiser)).await).await;
    assert!(refused.contains("EndBeforeStart"), "{refused}");
    let overlap = app
        .call(
            "floorplan/booth/save",
            &[
                ("hall_id", "1"),
                ("booth[label]", "Z1"),
                ("booth[x_m]", "2"),
                ("booth[y_m]", "3"),
                ("booth[width_m]", "4"),
                ("booth[depth_m]", "3"),
                ("booth[category]", "standard"),
                ("booth[price_eur]", "500"),
            ],
            Some(&organiser),
        )
        .await;
    assert!(overlap.contains("Overlaps"), "{overlap}");
}

crate::on_both_databases!(fair_pages_and_exports);
