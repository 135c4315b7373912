//! Employer profiles and jobs: the public directory, and who edits them.
use super::common::*;

async fn profiles_and_jobs_fill_the_public_directory(db: TestDb) {
    let w = world(db, 3).await;
    let (a, b) = (employer(&w, 1).await, employer(&w, 2).await);
    let a_booking = booking_id(
        &request(&w, &a, w.booths[0])
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let b_booking = booking_id(
        &request(&w, &b, w.booths[2])
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let profile = ProfileForm {
        name: "Logistik Kassel GmbH".into(),
        address: "Am Hafen 1, 34117 Kassel".into(),
        industry: "logistics".into(),
        website: "https://logistik-kassel.example".into(),
        description: "Lager, Umschlag, Transport.".into(),
        languages: "tr,de".into(),
        film_url: "https://logistik-kassel.example/film".into(),
    };
    employers::save_profile(&w.state, &a.1, a.0, &profile)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let saved = employers::profile(&w.state, &a.1, a.0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (saved.name.as_str(), saved.languages.clone()),
        (
            "Logistik Kassel GmbH",
            vec!["de".to_owned(), "tr".to_owned()]
        )
    );
    // Saving again overwrites, and a bad form changes nothing.
    let bad = ProfileForm {
        website: "javascript:alert(1)".into(),
        name: "".into(),
        ..profile.clone()
    };
    assert_eq!(
        problem(
            employers::save_profile(&w.state, &a.1, a.0, &bad).await,
            "website"
        ),
        Some(Problem::InvalidUrl)
    );
    assert_eq!(
        employers::profile(&w.state, &a.1, a.0)
            .await
            .map(|p| p.name)
            .ok()
            .as_deref(),
        Some("Logistik Kassel GmbH")
    );
    // The logo: kept as uploaded, refused when it is no picture.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    employers::save_logo(&w.state, &a.1, a.0, &png)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        employers::logo(&w.state, a.0).await.ok().flatten(),
        Some(("image/png".to_owned(), png))
    );
    assert_eq!(
        problem(
            employers::save_logo(&w.state, &a.1, a.0, b"GIF89a").await,
            "logo"
        ),
        Some(Problem::UnsupportedFile)
    );
    assert!(matches!(
        employers::save_logo(&w.state, &b.1, a.0, b"\x89PNG\r\n\x1a\n").await,
        Err(ServiceError::Forbidden)
    ));
    assert!(
        employers::profile(&w.state, &a.1, a.0)
            .await
            .map(|p| p.has_logo)
            .unwrap_or_default()
    );

    let slug: String = sqlx::query_scalar("SELECT slug FROM fairs WHERE id = $1")
        .bind(w.fair)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or_default();
    employers::add_job(
        &w.state,
        &a.1,
        a.0,
        &slug,
        &job("Fachkraft für Lagerlogistik", "apprenticeship", "de"),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    employers::add_job(
        &w.state,
        &a.1,
        a.0,
        &slug,
        &job("Staplerfahrer/in", "mini_job", ""),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    employers::add_job(
        &w.state,
        &b.1,
        b.0,
        &slug,
        &job("Kauffrau für Büromanagement", "full_time", "en"),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        problem(
            employers::add_job(&w.state, &a.1, a.0, &slug, &job("", "gig", "")).await,
            "title"
        ),
        Some(Problem::Required)
    );

    // Held requests publish nothing; once the organiser confirms, they show.
    let held = employers::directory(
        &w.state,
        &slug,
        &DirectoryFilter::default(),
        app::i18n::Locale::de,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(held.total, 0, "a held request publishes nothing");
    assert!(matches!(
        employers::exhibitor_page(&w.state, &slug, a.0, app::i18n::Locale::de).await,
        Err(ServiceError::NotFound)
    ));
    for booking in [a_booking, b_booking] {
        bookings::decide(&w.state, &w.organiser, booking, true, "")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let all = employers::directory(
        &w.state,
        &slug,
        &DirectoryFilter::default(),
        app::i18n::Locale::de,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all.total, 2);
    let names: Vec<&str> = all.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Firma 2 GmbH", "Logistik Kassel GmbH"]);
    let kassel = &all.entries[1];
    assert_eq!(kassel.booths, ["Halle 1 · A1"]);
    assert_eq!(kassel.jobs.len(), 2);
    let filtered = |industry: &str, kind: &str, language: &str| {
        let filter = DirectoryFilter {
            industry: industry.into(),
            kind: kind.into(),
            language: language.into(),
        };
        let state = w.state.clone();
        let slug = slug.clone();
        async move {
            employers::directory(&state, &slug, &filter, app::i18n::Locale::de)
                .await
                .map(|d| d.entries.into_iter().map(|e| e.name).collect::<Vec<_>>())
                .unwrap_or_default()
        }
    };
    assert_eq!(
        filtered("logistics", "", "").await,
        ["Logistik Kassel GmbH"]
    );
    assert_eq!(filtered("", "full_time", "").await, ["Firma 2 GmbH"]);
    assert_eq!(filtered("", "", "tr").await, ["Logistik Kassel GmbH"]);
    assert!(filtered("it", "", "").await.is_empty());

    let page = employers::exhibitor_page(&w.state, &slug, a.0, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.booth_ids, vec![w.booths[0]]);
    assert_eq!(
        page.profile.film_url,
        "https://logistik-kassel.example/film"
    );
    assert_eq!(
        page.jobs
            .iter()
            .map(|j| j.title.as_str())
            .collect::<Vec<_>>(),
        ["Fachkraft für Lagerlogistik", "Staplerfahrer/in"]
    );
    // Not an exhibitor there: no page.
    let c = employer(&w, 3).await;
    assert!(matches!(
        employers::exhibitor_page(&w.state, &slug, c.0, app::i18n::Locale::de).await,
        Err(ServiceError::NotFound)
    ));
}

async fn only_the_employers_people_edit_its_profile_and_jobs(db: TestDb) {
    let w = world(db, 2).await;
    let (a, b) = (employer(&w, 1).await, employer(&w, 2).await);
    request(&w, &a, w.booths[0])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let slug: String = sqlx::query_scalar("SELECT slug FROM fairs WHERE id = $1")
        .bind(w.fair)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or_default();
    let job_id = employers::add_job(&w.state, &a.1, a.0, &slug, &job("Lager", "full_time", ""))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let form = ProfileForm {
        name: "Übernahme AG".into(),
        ..ProfileForm::default()
    };
    assert!(matches!(
        employers::profile(&w.state, &b.1, a.0).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        employers::save_profile(&w.state, &b.1, a.0, &form).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        employers::add_job(&w.state, &b.1, a.0, &slug, &job("X", "full_time", "")).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        employers::delete_job(&w.state, &b.1, a.0, job_id).await,
        Err(ServiceError::Forbidden)
    ));
    // b acting for itself cannot delete a's job either.
    assert!(matches!(
        employers::delete_job(&w.state, &b.1, b.0, job_id).await,
        Err(ServiceError::NotFound)
    ));
    // Organisers do not edit employers' profiles.
    assert!(matches!(
        employers::save_profile(&w.state, &w.organiser, a.0, &form).await,
        Err(ServiceError::Forbidden)
    ));
    // Jobs only at fairs the employer exhibits at.
    assert_eq!(
        problem(
            employers::add_job(&w.state, &b.1, b.0, &slug, &job("Y", "full_time", "")).await,
            "form"
        ),
        Some(Problem::BookingClosed)
    );
    assert!(matches!(
        employers::jobs_page(&w.state, &b.1, b.0, &slug, app::i18n::Locale::de).await,
        Err(ServiceError::Forbidden)
    ));
    let mine = employers::jobs_page(&w.state, &a.1, a.0, &slug, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mine.jobs.len(), 1);
    employers::delete_job(&w.state, &a.1, a.0, job_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count(&w, "SELECT COUNT(*) FROM jobs").await, 0);
}

app::on_both_databases!(
    profiles_and_jobs_fill_the_public_directory,
    only_the_employers_people_edit_its_profile_and_jobs,
);
