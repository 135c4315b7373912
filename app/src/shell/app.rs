//! The application component: contexts, layout and routes.
use super::NotInApp;
use crate::{
    auth::api::{SignOut, get_current_user},
    i18n::*,
    prefs::{DisplayPrefs, TextSize, initial_text_size},
    tr,
};
use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_i18n::Locale as _;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::{
    components::{Outlet, ParentRoute, Route, Router, Routes},
    hooks::use_location,
    path,
};
use leptos_use::{SameSite, UseCookieOptions, UseLocalesOptions};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(RwSignal::new(initial_text_size()));
    // German unless the person picked English: the browser's language list is
    // not consulted. The choice is kept for a year on the whole site.
    let cookie_options = UseCookieOptions::default()
        .path("/")
        .max_age(365_i64 * 24 * 3600 * 1000)
        .same_site(SameSite::Lax);
    let no_accept_language = UseLocalesOptions::default().ssr_lang_header_getter(|| None);
    view! {
        <I18nContextProvider cookie_options=cookie_options ssr_lang_header_getter=no_accept_language>
            <Router>
                <Layout />
            </Router>
        </I18nContextProvider>
    }
}

#[component]
fn Layout() -> impl IntoView {
    let i18n = use_i18n();
    super::set_content_language(i18n.get_locale_untracked().as_str());
    let text_size = expect_context::<RwSignal<TextSize>>();
    // Effects run only in the browser: this marks the page as interactive.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <Title formatter=|text: String| if text.is_empty() { "Jobfair".to_owned() } else { format!("{text} · Jobfair") } />
        <div class="app" data-text-size=move || text_size.get().as_str() data-hydrated=move || hydrated.get().then_some("true")>
            <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
            <header class="site-header">
                <div class="header-inner">
                    <a class="brand" href="/">{t!(i18n, app_name)}</a>
                    <MainNav />
                    <DisplayPrefs />
                </div>
            </header>
            <main id="main" tabindex="-1">
                <PageRoutes />
            </main>
            <footer class="site-footer">
                <p>{t!(i18n, footer.tagline)}</p>
                <p>{t!(i18n, footer.privacy)}</p>
            </footer>
        </div>
    }
}

/// The app's pages, in one group per [`super::areas::Area`]: each area's
/// browser bundle knows only its own group (`build.rs` says which), the
/// server and development builds know all. Each group is one pathless
/// parent, so it is a single route with or without `erase_components`
/// (which turns siblings into a list).
#[cfg(routes_door)]
#[component(transparent)]
fn DoorRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use crate::checkin::pages::{DoorListPage, ScannerPage};
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/door") view=DoorListPage />
            <Route path=path!("/door/:slug") view=ScannerPage />
        </ParentRoute>
    }
    .into_inner()
}

#[cfg(routes_organise)]
#[component(transparent)]
fn OrganiseRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use crate::{
        bookings::pages::FairBookingsPage,
        checkin::pages::LiveDoorPage,
        fairs::pages::{DashboardPage, FairPlanPage, OrganisePage},
    };
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/organise") view=OrganisePage />
            <Route path=path!("/organise/fairs/:id") view=FairPlanPage />
            <Route path=path!("/organise/fairs/:id/dashboard") view=DashboardPage />
            <Route path=path!("/organise/fairs/:id/bookings") view=FairBookingsPage />
            <Route path=path!("/organise/fairs/:id/door") view=LiveDoorPage />
        </ParentRoute>
    }
    .into_inner()
}

#[cfg(routes_editors)]
#[component(transparent)]
fn EditorsRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use crate::{floorplan::pages::FloorPlanEditorPage, invitations::pages::InvitationsPage};
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/organise/fairs/:id/invitations") view=InvitationsPage />
            <Route path=path!("/organise/fairs/:id/halls/:hall") view=FloorPlanEditorPage />
        </ParentRoute>
    }
    .into_inner()
}

#[cfg(routes_staff)]
#[component(transparent)]
fn StaffRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use crate::{
        admin::pages::ApprovalsPage,
        auth::pages::DeleteAccountPage,
        bookings::pages::{BookBoothPage, ConfirmationPage, MyBookingsPage},
        employers::pages::{EmployerJobsPage, EmployerProfilePage},
        mail_viewer::pages::{MailListPage, MailPage},
        organisations::pages::{AcceptInvitePage, AccountPage},
    };
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/account") view=AccountPage />
            <Route path=path!("/admin/approvals") view=ApprovalsPage />
            <Route path=path!("/account/delete") view=DeleteAccountPage />
            <Route path=path!("/invite/:token") view=AcceptInvitePage />
            <Route path=path!("/mail") view=MailListPage />
            <Route path=path!("/mail/:id") view=MailPage />
            <Route path=path!("/fairs/:slug/book") view=BookBoothPage />
            <Route path=path!("/bookings") view=MyBookingsPage />
            <Route path=path!("/bookings/:id/confirmation") view=ConfirmationPage />
            <Route path=path!("/employer/:org/profile") view=EmployerProfilePage />
            <Route path=path!("/employer/:org/fairs/:slug/jobs") view=EmployerJobsPage />
        </ParentRoute>
    }
    .into_inner()
}

/// The public pages: plain HTML from the server, rendered whole before
/// sending (no streaming scripts), forms that post, no wasm. They exist
/// only on the server, so the browser bundle does not carry them.
#[cfg(feature = "ssr")]
#[component(transparent)]
fn PublicRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use crate::{
        auth::pages::{
            ForgotPasswordPage, ResetPasswordPage, SignInPage, SignUpPage, VerifyEmailPage,
        },
        employers::pages::{DirectoryPage, ExhibitorPageView},
        fairs::pages::{HomePage, PublicFairPage},
        invitations::pages::UnsubscribePage,
        registration::pages::{RegisterPage, TicketPageView},
    };
    use leptos_router::SsrMode;
    view! {
        <ParentRoute path=path!("") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
            <Route path=path!("/login") view=SignInPage ssr=SsrMode::Async />
            <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async />
            <Route path=path!("/password/forgot") view=ForgotPasswordPage ssr=SsrMode::Async />
            <Route path=path!("/password/reset/:token") view=ResetPasswordPage ssr=SsrMode::Async />
            <Route path=path!("/account/verify/:token") view=VerifyEmailPage ssr=SsrMode::Async />
            <Route path=path!("/fairs/:slug") view=PublicFairPage ssr=SsrMode::Async />
            <Route path=path!("/fairs/:slug/register") view=RegisterPage ssr=SsrMode::Async />
            <Route path=path!("/tickets/:token") view=TicketPageView ssr=SsrMode::Async />
            <Route path=path!("/unsubscribe/:token") view=UnsubscribePage ssr=SsrMode::Async />
            <Route path=path!("/fairs/:slug/exhibitors") view=DirectoryPage ssr=SsrMode::Async />
            <Route path=path!("/fairs/:slug/exhibitors/:org") view=ExhibitorPageView ssr=SsrMode::Async />
        </ParentRoute>
    }
    .into_inner()
}

/// The server knows every page; an address it does not know is a 404.
#[cfg(feature = "ssr")]
#[component]
fn PageRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotInApp>
            <PublicRoutes />
            <DoorRoutes />
            <OrganiseRoutes />
            <EditorsRoutes />
            <StaffRoutes />
        </Routes>
    }
}

// The browser knows only the app's pages, and an area's bundle only its
// area's: a page it is sent to that it does not know is loaded from the
// server ([`NotInApp`]).

/// Every area (development builds).
#[cfg(all(not(feature = "ssr"), routes_every))]
#[component]
fn PageRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotInApp>
            <DoorRoutes />
            <OrganiseRoutes />
            <EditorsRoutes />
            <StaffRoutes />
        </Routes>
    }
}

#[cfg(all(not(routes_every), routes_door))]
#[component]
fn PageRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotInApp>
            <DoorRoutes />
        </Routes>
    }
}

#[cfg(all(not(routes_every), routes_organise))]
#[component]
fn PageRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotInApp>
            <OrganiseRoutes />
        </Routes>
    }
}

#[cfg(all(not(routes_every), routes_editors))]
#[component]
fn PageRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotInApp>
            <EditorsRoutes />
        </Routes>
    }
}

#[cfg(all(not(routes_every), routes_staff))]
#[component]
fn PageRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotInApp>
            <StaffRoutes />
        </Routes>
    }
}

/// Links for the signed-out, or the account and sign-out for the signed-in.
/// The person is looked up again on every navigation, so signing in or out
/// (which navigates) shows at once.
#[component]
fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let user = Resource::new(move || location.pathname.get(), |_| get_current_user());
    view! {
        <nav class="main-nav" aria-label=tr!(i18n, nav.label)>
            <ul>
                <li>
                    <a href="/">{t!(i18n, nav.home)}</a>
                </li>
                <Transition fallback=|| ()>
                    {move || {
                        user.get()
                            .map(|result| match result.ok().flatten() {
                                Some(user) => {
                                    view! {
                                        <li>
                                            <a href="/organise">{t!(i18n, nav.organise)}</a>
                                        </li>
                                        <li>
                                            <a href="/door">{t!(i18n, nav.door)}</a>
                                        </li>
                                        <li>
                                            <a href="/account" title=tr!(i18n, nav.signed_in_as, name = user.display_name.clone())>
                                                {t!(i18n, nav.account)}
                                            </a>
                                        </li>
                                        <li>
                                            // A plain post: signing out leaves the app for
                                            // the start page, a page load either way, and
                                            // no bundle carries a server action for it.
                                            <form method="post" action=SignOut::url() class="inline-form">
                                                <button type="submit" class="link-button">{t!(i18n, nav.sign_out)}</button>
                                            </form>
                                        </li>
                                    }
                                        .into_any()
                                }
                                None => {
                                    view! {
                                        <li>
                                            <a href="/login">{t!(i18n, nav.sign_in)}</a>
                                        </li>
                                        <li>
                                            <a href="/signup">{t!(i18n, nav.sign_up)}</a>
                                        </li>
                                    }
                                        .into_any()
                                }
                            })
                    }}
                </Transition>
            </ul>
        </nav>
    }
}
