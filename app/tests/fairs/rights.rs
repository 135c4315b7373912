//! Who may change a fair: planners of an organising organisation, and
//! co-organisers until removed.
use super::common::*;

async fn only_planners_of_an_organising_organisation_may_change_a_fair(db: TestDb) {
    let w = world(db).await;
    let (fair, slot_id, hall_id) = planned_fair(&w).await;
    let door = person(&w.state.db, "einlass@aa-kassel.de", w.org, Role::DoorStaff).await;
    let colleague = person(&w.state.db, "team@aa-kassel.de", w.org, Role::Organiser).await;
    let other_org = organisation(&w.state.db, OrgKind::Organiser, "Jobcenter Göttingen").await;
    let stranger = person(
        &w.state.db,
        "chefin@jobcenter-goe.de",
        other_org,
        Role::Owner,
    )
    .await;
    let employer_org =
        organisation(&w.state.db, OrgKind::Employer, "Nordhessen Logistik GmbH").await;
    let employer = person(&w.state.db, "hr@nh-logistik.de", employer_org, Role::Owner).await;

    for outsider in [&door, &stranger, &employer] {
        let forbidden = |r: Result<_, ServiceError>| matches!(r, Err(ServiceError::Forbidden));
        assert!(
            forbidden(fairs::update_fair(&w.state, outsider, fair, &fair_form()).await),
            "{}",
            outsider.email
        );
        assert!(forbidden(
            fairs::change_status(&w.state, outsider, fair, "published")
                .await
                .map(|_| ())
        ));
        assert!(forbidden(
            fairs::add_slot(
                &w.state,
                outsider,
                fair,
                &slot("12:30", "14:00", "50", "open")
            )
            .await
            .map(|_| ())
        ));
        assert!(forbidden(
            fairs::update_slot(
                &w.state,
                outsider,
                slot_id,
                &slot("09:00", "12:00", "1", "open")
            )
            .await
        ));
        assert!(forbidden(
            fairs::delete_slot(&w.state, outsider, slot_id).await
        ));
        assert!(forbidden(
            floorplan::add_hall(&w.state, outsider, fair, &hall("Foyer", "10", "10"))
                .await
                .map(|_| ())
        ));
        assert!(forbidden(
            floorplan::save_booth(
                &w.state,
                outsider,
                hall_id,
                None,
                &booth("X1", "0", "0", "2", "2")
            )
            .await
            .map(|_| ())
        ));
        assert!(forbidden(
            fairs::add_co_organiser(&w.state, outsider, fair, other_org).await
        ));
        assert!(forbidden(
            views::plan(&w.state, outsider, fair, app::i18n::Locale::de)
                .await
                .map(|_| ())
        ));
        assert!(forbidden(
            views::dashboard(&w.state, outsider, fair, app::i18n::Locale::de)
                .await
                .map(|_| ())
        ));
        assert!(forbidden(
            export::registrations(&w.state, outsider, fair, Separator::Semicolon, Locale::de)
                .await
                .map(|_| ())
        ));
    }
    // Creating a fair for someone else's organisation, or as an employer.
    assert!(matches!(
        fairs::create_fair(&w.state, &stranger, w.org, &fair_form()).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        fairs::create_fair(&w.state, &employer, employer_org, &fair_form()).await,
        Err(ServiceError::Forbidden)
    ));
    assert_eq!(count(&w.state, "time_slots").await, 1);
    assert_eq!(count(&w.state, "booths").await, 0);
    // An organiser (not owner) of the lead organisation plans too.
    ok(fairs::add_slot(
        &w.state,
        &colleague,
        fair,
        &slot("12:30", "14:00", "50", "open"),
    )
    .await);
    assert!(matches!(
        views::plan(&w.state, &w.owner, 9_999, app::i18n::Locale::de).await,
        Err(ServiceError::NotFound)
    ));
}

async fn a_co_organiser_has_the_same_rights_until_removed(db: TestDb) {
    let w = world(db).await;
    let (fair, _, hall_id) = planned_fair(&w).await;
    let chamber = organisation(&w.state.db, OrgKind::Organiser, "IHK Kassel-Marburg").await;
    let chamber_planner =
        person(&w.state.db, "messe@ihk-kassel.de", chamber, Role::Organiser).await;
    let employer_org =
        organisation(&w.state.db, OrgKind::Employer, "Nordhessen Logistik GmbH").await;

    let plan = ok(views::plan(&w.state, &w.owner, fair, app::i18n::Locale::de).await);
    assert!(plan.candidates.iter().any(|c| c.organisation_id == chamber));
    assert!(
        !plan
            .candidates
            .iter()
            .any(|c| c.organisation_id == employer_org),
        "employers are not offered"
    );
    let employer = fairs::add_co_organiser(&w.state, &w.owner, fair, employer_org).await;
    assert_eq!(
        problem(employer, "organisation_id"),
        Some(Problem::InvalidChoice)
    );

    assert!(matches!(
        views::plan(&w.state, &chamber_planner, fair, app::i18n::Locale::de).await,
        Err(ServiceError::Forbidden)
    ));
    ok(fairs::add_co_organiser(&w.state, &w.owner, fair, chamber).await);
    let twice = fairs::add_co_organiser(&w.state, &w.owner, fair, chamber).await;
    assert_eq!(
        problem(twice, "organisation_id"),
        Some(Problem::AlreadyMember)
    );

    let mut edit = fair_form();
    edit.description_de = "Gemeinsam mit der IHK.".into();
    ok(fairs::update_fair(&w.state, &chamber_planner, fair, &edit).await);
    ok(floorplan::save_booth(
        &w.state,
        &chamber_planner,
        hall_id,
        None,
        &booth("C1", "0", "0", "3", "3"),
    )
    .await);
    ok(fairs::add_slot(
        &w.state,
        &chamber_planner,
        fair,
        &slot("12:30", "14:00", "50", "open"),
    )
    .await);
    let mine = ok(views::my_fairs(&w.state, &chamber_planner, app::i18n::Locale::de).await);
    assert_eq!(mine.len(), 1, "the fair appears in the co-organiser's list");
    // The lead organisation cannot be removed; the co-organiser can.
    let lead = fairs::remove_co_organiser(&w.state, &chamber_planner, fair, w.org).await;
    assert_eq!(problem(lead, FORM), Some(Problem::InvalidChoice));
    ok(fairs::remove_co_organiser(&w.state, &w.owner, fair, chamber).await);
    assert!(matches!(
        fairs::update_fair(&w.state, &chamber_planner, fair, &edit).await,
        Err(ServiceError::Forbidden)
    ));
}

app::on_both_databases!(
    only_planners_of_an_organising_organisation_may_change_a_fair,
    a_co_organiser_has_the_same_rights_until_removed,
);
