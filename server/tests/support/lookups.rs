//! What the HTTP tests look up in the demo's data (ids the pages do not
//! show), each a named question instead of SQL in the test.
use super::TestApp;

impl TestApp {
    async fn id_of(&self, sql: &'static str, bind: &str) -> i64 {
        sqlx::query_scalar(sql)
            .bind(bind.to_owned())
            .fetch_one(self.db.pool())
            .await
            .unwrap_or_else(|e| panic!("{sql} ({bind}): {e}"))
    }

    /// The fair at `slug`.
    pub async fn fair_id(&self, slug: &str) -> i64 {
        self.id_of("SELECT id FROM fairs WHERE slug = $1", slug)
            .await
    }

    /// The first time slot of the fair at `slug`.
    pub async fn first_slot(&self, slug: &str) -> i64 {
        self.id_of(
            "SELECT s.id FROM time_slots s JOIN fairs f ON f.id = s.fair_id WHERE f.slug = $1",
            slug,
        )
        .await
    }

    /// The slot of the fair at `slug` that anyone may register for.
    pub async fn open_slot(&self, slug: &str) -> i64 {
        self.id_of(
            "SELECT s.id FROM time_slots s JOIN fairs f ON f.id = s.fair_id \
             WHERE f.slug = $1 AND s.entry_mode = 'open'",
            slug,
        )
        .await
    }

    /// The organisation called `name`.
    pub async fn organisation_named(&self, name: &str) -> i64 {
        self.id_of("SELECT id FROM organisations WHERE name = $1", name)
            .await
    }

    /// The account of `email`.
    pub async fn user_id(&self, email: &str) -> i64 {
        self.id_of("SELECT id FROM users WHERE email = $1", email)
            .await
    }

    /// The organisation the account `email` is a member of.
    pub async fn organisation_of(&self, email: &str) -> i64 {
        self.id_of(
            "SELECT m.organisation_id FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE u.email = $1",
            email,
        )
        .await
    }

    /// A confirmed booking of the organisation `email` belongs to, and one
    /// of another organisation.
    pub async fn own_and_other_confirmed_booking(&self, email: &str) -> (i64, i64) {
        sqlx::query_as(
            "SELECT (SELECT b.id FROM booth_bookings b JOIN memberships m ON m.organisation_id = b.organisation_id \
                     JOIN users u ON u.id = m.user_id WHERE u.email = $1 AND b.status = 'confirmed' LIMIT 1), \
                    (SELECT b.id FROM booth_bookings b WHERE b.status = 'confirmed' AND b.organisation_id NOT IN \
                     (SELECT m.organisation_id FROM memberships m JOIN users u ON u.id = m.user_id \
                      WHERE u.email = $1) LIMIT 1)",
        )
        .bind(email.to_owned())
        .fetch_one(self.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// A booth of the fair at `slug` that nobody holds or has booked.
    pub async fn free_booth(&self, slug: &str) -> i64 {
        self.id_of(
            "SELECT b.id FROM booths b JOIN halls h ON h.id = b.hall_id JOIN fairs f ON f.id = h.fair_id \
             WHERE f.slug = $1 AND NOT EXISTS (SELECT 1 FROM booth_bookings k WHERE k.booth_id = b.id \
             AND k.status IN ('held', 'confirmed')) ORDER BY b.id LIMIT 1",
            slug,
        )
        .await
    }

    /// The valid ticket of the registration of `email`: its signed text and
    /// short code.
    pub async fn ticket_of(&self, email: &str) -> (String, String) {
        sqlx::query_as(
            "SELECT t.payload, t.short_code FROM tickets t JOIN registrations r ON r.id = t.registration_id \
             WHERE r.email = $1 AND t.revoked_at IS NULL",
        )
        .bind(email.to_owned())
        .fetch_one(self.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
    }
}
