//! Builds the application: database, state, router and listener.
use crate::{http_extras, settings::Settings};
use app::{
    App,
    clock::{Clock, SystemClock},
    db::Db,
    mail::delivery::{DeliverySettings, SmtpMailer},
    shell,
    state::{AppConfig, AppState},
};
use axum::{
    Router,
    extract::FromRef,
    routing::{MethodRouter, get, post},
};
use leptos::prelude::*;
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, file_and_error_handler_with_context, generate_route_list,
};
use secrecy::ExposeSecret;
use std::{
    future::Future,
    net::SocketAddr,
    sync::{Arc, OnceLock},
};
use tokio::net::TcpListener;

/// The largest request body accepted (logos have their own, smaller limit).
pub const REQUEST_BODY_LIMIT: usize = 8 * 1024 * 1024;

/// What axum handlers share.
#[derive(Clone)]
pub struct ServerState {
    pub app: AppState,
    pub leptos_options: LeptosOptions,
    pub trust_proxy_headers: bool,
    pub page_cache: Arc<crate::page_cache::PageCache>,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(state: &ServerState) -> Self {
        state.leptos_options.clone()
    }
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    /// The SMTP delivery, when configured; otherwise mail waits in the
    /// outbox for the mail viewer.
    mail: Option<(Arc<SmtpMailer>, DeliverySettings)>,
}

impl Application {
    /// Connects to and migrates the configured database, fills it with the
    /// demo when asked to, and binds the listener.
    pub async fn build(settings: &Settings) -> anyhow::Result<Application> {
        let db = Db::connect(settings.database_url(), settings.database_max_connections).await?;
        db.migrate().await?;
        if settings.demo_data {
            app::demo::seed_if_empty(&db, &SystemClock).await?;
        }
        Self::build_with(settings, db, Arc::new(SystemClock), settings.app_config()?).await
    }

    /// Builds around an existing database and clock (tests use this).
    pub async fn build_with(
        settings: &Settings,
        db: Db,
        clock: Arc<dyn Clock>,
        config: AppConfig,
    ) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(&settings.listen_addr).await?;
        let address = listener.local_addr()?;
        let leptos_options = LeptosOptions::builder()
            .output_name("jobfair")
            .site_root(settings.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(address)
            .env(leptos::config::Env::PROD)
            .hash_files(build_has_hashed_files())
            .build();
        let mail = match &settings.smtp_url {
            Some(url) => Some((
                Arc::new(SmtpMailer::from_url(
                    url.expose_secret(),
                    &settings.mail_from,
                    settings
                        .smtp_ca_file
                        .as_deref()
                        .map(std::fs::read)
                        .transpose()?
                        .as_deref(),
                )?),
                settings.delivery_settings(),
            )),
            None => None,
        };
        if config.admin_emails.is_empty() {
            tracing::warn!("no ADMIN_EMAILS set: nobody can approve new organiser organisations");
        }
        let state = AppState::new(db, clock, config);
        let router = router(ServerState {
            app: state.clone(),
            leptos_options,
            trust_proxy_headers: settings.trust_proxy_headers,
            page_cache: Arc::new(crate::page_cache::PageCache::new(
                std::time::Duration::from_millis(settings.page_cache_millis),
            )),
        });
        Ok(Application {
            listener,
            router,
            state,
            mail,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then lets open requests finish and
    /// closes the database pool.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let db = self.state.db.clone();
        let (stop_worker, stop) = tokio::sync::watch::channel(false);
        let housekeeping = crate::housekeeping::spawn(self.state.clone(), stop.clone());
        let hold_expiry = crate::housekeeping::spawn_hold_expiry(self.state.clone(), stop.clone());
        let worker = self.mail.map(|(mailer, settings)| {
            crate::mail_worker::spawn(db.clone(), self.state.clock.clone(), mailer, settings, stop)
        });
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await?;
        let _ = stop_worker.send(true);
        if let Some(worker) = worker {
            let _ = worker.await;
        }
        let _ = housekeeping.await;
        let _ = hold_expiry.await;
        db.close().await;
        Ok(())
    }
}

/// Whether the build beside this binary gave its files content-hashed
/// names: cargo-leptos then writes `hash.txt` next to the server binary
/// (the release build does; test binaries have none and use plain names).
fn build_has_hashed_files() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|file| file.exists())
}

/// The app's routes, generated once per process. Generating them switches
/// resource loading off for the whole process while it runs (Leptos's
/// `SuppressResourceLoad` is a global flag), so a server in the same process
/// that renders a page at that moment waits for a resource that never loads:
/// the page never finishes. The HTTP tests run many servers in one process
/// and saw exactly that on PostgreSQL. Once, before any server serves, is
/// safe: every router waits for this list.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The routes outside Leptos's pages and server functions: files, exports,
/// the door API, one-click unsubscribe, a mail's HTML for the viewer. One
/// list, so the authorisation matrix test can enumerate what the router
/// serves.
fn plain_routes() -> Vec<(&'static str, MethodRouter<ServerState>)> {
    vec![
        ("/healthz", get(http_extras::healthz)),
        ("/prefs", post(http_extras::set_prefs)),
        ("/unsubscribe/{token}", post(crate::unsubscribe::one_click)),
        (
            "/tickets/{token}/calendar.ics",
            get(crate::tickets::calendar),
        ),
        ("/sw.js", get(crate::tickets::service_worker)),
        ("/employer/{org}/logo", post(crate::logos::upload)),
        ("/logos/{org}", get(crate::logos::serve)),
        ("/mail/{id}/html", get(crate::mail_html::html)),
        ("/fairs/{slug}/ticket-keys.json", get(crate::tickets::keys)),
        ("/api/v1/checkins", post(crate::checkin_api::check_in)),
        ("/api/v1/door-pack", get(crate::checkin_api::door_pack)),
        (
            "/organise/fairs/{id}/export/registrations.csv",
            get(crate::exports::registrations),
        ),
        (
            "/organise/fairs/{id}/export/exhibitors.csv",
            get(crate::exports::exhibitors),
        ),
    ]
}

/// The paths of [`plain_routes`] (for the authorisation matrix test).
pub fn plain_route_paths() -> Vec<&'static str> {
    plain_routes().into_iter().map(|(path, _)| path).collect()
}

fn router(state: ServerState) -> Router {
    let routes = route_list();
    let app_state = state.app.clone();
    let context = move || provide_context(app_state.clone());
    let options = state.leptos_options.clone();
    let files = crate::assets::pkg_service(&state.leptos_options.site_root);
    let router = plain_routes()
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
        .nest_service("/pkg", files)
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<ServerState, _>(
            context, shell,
        ))
        .layer(axum::middleware::from_fn(
            crate::status_codes::truthful_status,
        ))
        .layer(axum::middleware::from_fn(
            crate::origin_check::refuse_cross_site,
        ))
        // Set on purpose: a case worker's list of 20,000 invitations is about
        // 2.5 MB of CSV; nothing else comes near.
        .layer(axum::extract::DefaultBodyLimit::max(REQUEST_BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::kept_forms::keep_failed_forms,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::page_cache::cache_public_pages,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http_extras::client_ip,
        ));
    let secure = state.app.config.secure_cookies;
    http_extras::with_common_layers(router.with_state(state), secure)
}
