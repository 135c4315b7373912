//! Fresh, migrated databases for tests: a temporary SQLite file, or a new
//! PostgreSQL database per test (dropped afterwards), so parallel test runs
//! never share state.
use super::{Backend, Db};
use std::sync::atomic::{AtomicU32, Ordering};

/// The server used for PostgreSQL tests; `JOBFAIR_TEST_PG_URL` overrides it.
pub fn postgres_admin_url() -> String {
    std::env::var("JOBFAIR_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A test database that removes itself when dropped.
pub struct TestDb {
    pub db: Db,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFile(std::path::PathBuf),
    Postgres { name: String },
}

impl std::ops::Deref for TestDb {
    type Target = Db;
    fn deref(&self) -> &Db {
        &self.db
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("jf_test_{}_{}_{:x}", std::process::id(), n, nanos)
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => Self::sqlite().await,
            Backend::Postgres => Self::postgres().await,
        }
    }

    pub async fn sqlite() -> TestDb {
        let path = std::env::temp_dir().join(format!("{}.db", unique_name()));
        let url = format!("sqlite://{}", path.display());
        let db = match Db::connect_waiting(&url, 8, std::time::Duration::from_secs(120)).await {
            Ok(db) => db,
            Err(e) => panic!("cannot open test SQLite database {url}: {e}"),
        };
        if let Err(e) = db.migrate().await {
            panic!("migrating the test SQLite database failed: {e}");
        }
        TestDb {
            db,
            cleanup: Cleanup::SqliteFile(path),
        }
    }

    pub async fn postgres() -> TestDb {
        let admin_url = postgres_admin_url();
        let name = unique_name();
        let admin = match Db::connect(&admin_url, 1).await {
            Ok(db) => db,
            Err(e) => panic!(
                "PostgreSQL is not reachable at {admin_url} ({e}). Start it, or point \
                 JOBFAIR_TEST_PG_URL at a server where this user may create databases."
            ),
        };
        if let Err(e) = sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(admin.pool())
            .await
        {
            panic!("cannot create test database {name} on {admin_url}: {e}");
        }
        admin.close().await;
        let url = replace_database(&admin_url, &name);
        let db = match Db::connect_waiting(&url, 8, std::time::Duration::from_secs(120)).await {
            Ok(db) => db,
            Err(e) => panic!("cannot connect to new test database {name}: {e}"),
        };
        if let Err(e) = db.migrate().await {
            panic!("migrating test database {name} failed: {e}");
        }
        TestDb {
            db,
            cleanup: Cleanup::Postgres { name },
        }
    }
}

/// `postgres://user@host:port/old?x` with the database name replaced.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let prefix = match base.rfind('/') {
        Some(i) if i > "postgres://".len() => &base[..i],
        _ => base,
    };
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Cleanup::Postgres { name } => {
                // Drop runs inside the test's runtime; use a thread with its own.
                let name = name.clone();
                let admin_url = postgres_admin_url();
                let _ = std::thread::spawn(move || {
                    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    rt.block_on(async move {
                        if let Ok(admin) = Db::connect(&admin_url, 1).await {
                            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            )))
                            .execute(admin.pool())
                            .await;
                            admin.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::replace_database;

    #[test]
    fn database_name_is_replaced() {
        assert_eq!(
            replace_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            replace_database("postgres://u:p@h/test?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
    }
}

/// An organisation, for tests.
pub async fn organisation(db: &Db, kind: crate::organisations::OrgKind, name: &str) -> i64 {
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let id = crate::organisations::store::insert_organisation(&mut tx, kind, name, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    id
}

/// The fair most service tests plan: the job fair in Kassel on
/// 10 March 2027, 09:00–16:00 (Berlin), registration from 1 January until
/// noon on the day.
pub fn kassel_fair_form() -> crate::fairs::FairForm {
    crate::fairs::FairForm {
        title_de: "Jobmesse Kassel".into(),
        venue_name: "Messe Kassel".into(),
        venue_address: "Damaschkestraße 55, 34121 Kassel".into(),
        starts: "2027-03-10T09:00".into(),
        ends: "2027-03-10T16:00".into(),
        registration_opens: "2027-01-01T08:00".into(),
        registration_closes: "2027-03-10T12:00".into(),
        ..Default::default()
    }
}

/// A person with a role in an organisation, for tests that call services
/// directly (the password hash is not a real one, so sign-in fails).
pub async fn person(
    db: &Db,
    email: &str,
    org: i64,
    role: crate::organisations::Role,
) -> crate::auth::CurrentUser {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, locale, created_at, email_verified_at) \
         VALUES ($1, $1, 'x', 'de', 0, 0) RETURNING id",
    )
    .bind(email)
    .fetch_one(db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    crate::organisations::store::insert_membership(&mut tx, org, id, role, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    crate::auth::CurrentUser {
        id,
        email: email.into(),
        display_name: email.into(),
        email_verified: true,
    }
}

/// Runs each named `async fn(TestDb)` of a test file twice, as
/// `name::sqlite` and `name::postgres`, each on a fresh database.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::db::testing::TestDb::sqlite().await).await
            }
            #[tokio::test]
            async fn postgres() {
                super::$name($crate::db::testing::TestDb::postgres().await).await
            }
        }
    )*};
}
