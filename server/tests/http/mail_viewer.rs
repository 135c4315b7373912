//! The mail viewer's HTML frame: the mail's HTML at its own address, with
//! the viewer's reader rules and a policy of its own.
use crate::support::*;
use app::db::Backend;
use reqwest::{StatusCode, header};

/// A ticket mail in the viewer: the frame loads the mail's own address,
/// which serves the whole mail (its QR code in place) with a policy that
/// lets nothing run, to its reader only.
async fn the_mail_viewer_frames_the_whole_mail(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;
    let email = "lea.brandt@example.org";
    let reader = app.sign_up_verified(email).await;
    let slot = app.open_slot("flughafen-frankfurt").await;
    let answer = app
        .register(&Registration::new(
            "flughafen-frankfurt",
            slot,
            "Lea Brandt",
            email,
        ))
        .await;
    assert!(answer.contains("\"Ticket\""), "{answer}");
    let mail = app
        .mails_to(email)
        .await
        .into_iter()
        .rev()
        .find(|m| m.body_html.contains("cid:"))
        .unwrap_or_else(|| panic!("no ticket mail to {email}"));
    let (_, short_code) = app.ticket_of(email).await;

    let page = body(app.get(&format!("/mail/{}", mail.id), Some(&reader)).await).await;
    let frame = format!("src=\"/mail/{}/html\"", mail.id);
    assert!(page.contains(&frame), "{page}");
    assert!(!page.contains("srcdoc"), "{page}");

    let path = format!("/mail/{}/html", mail.id);
    let response = app.get(&path, Some(&reader)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header_of(&response, header::CONTENT_TYPE).starts_with("text/html"));
    let policy = header_of(&response, header::CONTENT_SECURITY_POLICY);
    for part in ["default-src 'none'", "sandbox", "frame-ancestors 'self'"] {
        assert!(policy.contains(part), "{policy}");
    }
    assert!(!policy.contains("script"), "{policy}");
    assert_eq!(header_of(&response, header::X_FRAME_OPTIONS), "SAMEORIGIN");
    let html = body(response).await;
    assert!(html.contains(&short_code), "the short code");
    assert!(
        html.contains("data:image/png;base64,"),
        "the QR code in place"
    );
    let tail: String = mail
        .body_html
        .chars()
        .rev()
        .take(200)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(html.ends_with(&tail), "the mail to its end: {html}");

    // The viewer's rules: nobody signed out, nobody else.
    assert_eq!(
        app.get(&path, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let stranger = app.sign_up_verified("fremd@example.org").await;
    assert_eq!(
        app.get(&path, Some(&stranger)).await.status(),
        StatusCode::NOT_FOUND
    );
}

crate::on_both_databases!(the_mail_viewer_frames_the_whole_mail);
