//! Employer logos: uploaded with a plain form, checked, served safely.
use crate::support::*;
use app::db::Backend;
use reqwest::{StatusCode, header};

/// Logos: the employer's people upload a picture with a plain form; the
/// type is read from the bytes, size is limited, others may not, and the
/// picture is served with headers that keep it a picture.
#[tokio::test]
async fn employer_logos_are_checked_and_served_safely() {
    let app = spawn_app(Backend::Sqlite).await;
    app.seed_demo().await;
    let employer = app.sign_in("arbeitgeber@jobfair.demo").await;
    let org = app.organisation_of("arbeitgeber@jobfair.demo").await;
    let png = {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, 2, 2);
        encoder.set_color(png::ColorType::Grayscale);
        let mut writer = encoder.write_header().unwrap_or_else(|e| panic!("{e}"));
        writer
            .write_image_data(&[0, 255, 255, 0])
            .unwrap_or_else(|e| panic!("{e}"));
        writer.finish().unwrap_or_else(|e| panic!("{e}"));
        out
    };
    let upload = |bytes: Vec<u8>, name: &'static str, cookie: Option<String>, org: i64| {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name)
            .mime_str("image/png")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut request = app
            .client
            .post(format!("{}/employer/{org}/logo", app.base))
            .multipart(reqwest::multipart::Form::new().part("logo", part));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.send()
    };
    assert_eq!(
        app.get(&format!("/logos/{org}"), None).await.status(),
        StatusCode::NOT_FOUND
    );
    // Not a picture, whatever its name and claimed type says.
    let fake = upload(
        b"<svg onload=alert(1)></svg>".to_vec(),
        "logo.png",
        Some(employer.clone()),
        org,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        location(&fake),
        format!("/employer/{org}/profile?logo_error=unsupported")
    );
    let huge = [png.clone(), vec![0; 600 * 1024]].concat();
    let too_large = upload(huge, "logo.png", Some(employer.clone()), org)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        location(&too_large),
        format!("/employer/{org}/profile?logo_error=too_large")
    );
    assert_eq!(
        app.get(&format!("/logos/{org}"), None).await.status(),
        StatusCode::NOT_FOUND,
        "nothing stored"
    );
    // Nobody else, and nobody signed out.
    let other = app.sign_in("organisator@jobfair.demo").await;
    let forbidden = upload(png.clone(), "logo.png", Some(other), org)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    let anonymous = upload(png.clone(), "logo.png", None, org)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(location(&anonymous), "/login");

    let saved = upload(png.clone(), "firmenlogo.png", Some(employer.clone()), org)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        location(&saved),
        format!("/employer/{org}/profile?logo=saved")
    );
    let served = app.get(&format!("/logos/{org}"), None).await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(header_of(&served, header::CONTENT_TYPE), "image/png");
    assert_eq!(
        header_of(&served, header::X_CONTENT_TYPE_OPTIONS),
        "nosniff"
    );
    assert!(header_of(&served, header::CONTENT_SECURITY_POLICY).contains("sandbox"));
    assert_eq!(
        served.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
        png
    );
    let profile = app
        .call(
            "employers/profile",
            &[("organisation_id", &org.to_string())],
            Some(&employer),
        )
        .await;
    assert!(profile.contains("\"has_logo\":true"), "{profile}");
}
