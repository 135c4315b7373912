//! Never two bookings of one booth, nor more booths than allowed per
//! employer, also when employers race for them.
use super::common::*;

async fn fifty_requests_for_one_booth_give_one_hold(db: TestDb) {
    let w = world(db, 1).await;
    let mut employers = Vec::new();
    for n in 0..50 {
        employers.push(employer(&w, n).await);
    }
    let booth = w.booths[0];
    let attempts = employers.into_iter().map(|(org, user)| {
        let state = w.state.clone();
        tokio::spawn(async move { bookings::request_booth(&state, &user, org, booth, &[]).await })
    });
    let (holds, taken) = tally(futures::future::join_all(attempts).await);
    assert_eq!((holds, taken), (1, 49));
    assert_eq!(active_bookings(&w).await, 1);
}

async fn two_hundred_employers_for_fifty_booths_give_fifty_holds(db: TestDb) {
    let w = world(db, 50).await;
    let mut employers = Vec::new();
    for n in 0..200 {
        employers.push(employer(&w, n).await);
    }
    let attempts = employers.into_iter().enumerate().map(|(n, (org, user))| {
        let state = w.state.clone();
        let booth = w.booths[n % 50];
        tokio::spawn(async move { bookings::request_booth(&state, &user, org, booth, &[]).await })
    });
    let (holds, taken) = tally(futures::future::join_all(attempts).await);
    assert_eq!((holds, taken), (50, 150));
    assert_eq!(active_bookings(&w).await, 50);
    assert_eq!(
        count(&w, "SELECT COUNT(DISTINCT booth_id) FROM booth_bookings").await,
        50
    );
}

async fn one_employer_holds_no_more_booths_than_allowed_also_when_racing(db: TestDb) {
    let w = world(db, 12).await;
    let greedy = employer(&w, 1).await;
    let max = w.state.config.max_booths_per_employer;
    let attempts = w.booths.iter().map(|&booth| {
        let state = w.state.clone();
        let (org, user) = greedy.clone();
        tokio::spawn(async move { bookings::request_booth(&state, &user, org, booth, &[]).await })
    });
    let answers = futures::future::join_all(attempts).await;
    let held = answers.iter().filter(|a| matches!(a, Ok(Ok(_)))).count() as i64;
    let refused = answers
        .iter()
        .filter(|a| {
            matches!(a, Ok(Err(ServiceError::Invalid(e)))
                if e.get("form") == Some(Problem::TooManyBooths { max: max as u32 }))
        })
        .count() as i64;
    assert_eq!((held, refused), (max, 12 - max));
    assert_eq!(active_bookings(&w).await, max);
    // Another employer is not affected by the first one's limit.
    let other = employer(&w, 2).await;
    let free = count(
        &w,
        "SELECT MIN(id) FROM booths WHERE id NOT IN (SELECT booth_id FROM booth_bookings)",
    )
    .await;
    assert!(request(&w, &other, free).await.is_ok());
}

app::on_both_databases!(
    fifty_requests_for_one_booth_give_one_hold,
    two_hundred_employers_for_fifty_booths_give_fifty_holds,
    one_employer_holds_no_more_booths_than_allowed_also_when_racing,
);
