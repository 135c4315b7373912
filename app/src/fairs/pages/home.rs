use crate::{fairs::api::upcoming_fairs, i18n::*, parts::error_message, tr};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The start page: what Jobfair is, and the fairs one can go to.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let fairs = Resource::new(|| (), |_| upcoming_fairs());
    view! {
        <Title text=String::new() />
        <Meta name="description" content=tr!(i18n, home.lead) />
        <section class="hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p class="lead">{t!(i18n, home.lead)}</p>
        </section>
        <section class="page" aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">{t!(i18n, home.upcoming)}</h2>
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || fairs.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, home.none)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="fair-list">
                            {list.into_iter().map(|fair| view! {
                                <li class="card fair-card">
                                    <h3><a href=format!("/fairs/{}", fair.slug)>{fair.title}</a></h3>
                                    <dl class="facts">
                                        <dt>{t!(i18n, home.when)}</dt>
                                        <dd><time datetime=fair.starts_at_iso>{fair.when}</time></dd>
                                        <dt>{t!(i18n, home.venue)}</dt>
                                        <dd>{fair.venue_name} ", " {fair.venue_address}</dd>
                                    </dl>
                                    <p class="meta">{t!(i18n, home.exhibitors, count = fair.exhibitor_count)}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                })}
            </Suspense>
        </section>
        <section class="page callout" aria-labelledby="organisers-heading">
            <h2 id="organisers-heading">{t!(i18n, home.for_organisers)}</h2>
            <p>{t!(i18n, home.for_organisers_text)}</p>
            <p><a class="button primary" href="/signup">{t!(i18n, home.cta_sign_up)}</a></p>
        </section>
    }
}
