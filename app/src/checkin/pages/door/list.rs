//! The list of fairs whose door the person may run.
use crate::{checkin::api::get_door_fairs, i18n::*, parts::error_message};
use leptos::prelude::*;
use leptos_meta::Title;

/// The door list fairs the person may run.
#[component]
pub fn DoorListPage() -> impl IntoView {
    let i18n = use_i18n();
    let fairs = Resource::new(|| (), |_| get_door_fairs());
    view! {
        <Title text=t_string!(i18n, door.list_title).to_string() />
        <section class="page">
            <h1>{t!(i18n, door.list_title)}</h1>
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || fairs.get().map(|result| match result {
                    Ok(fairs) if fairs.is_empty() => view! { <p>{t!(i18n, door.no_fairs)}</p> }.into_any(),
                    Ok(fairs) => view! {
                        <ul class="card-list">
                            {fairs.into_iter().map(|f| view! {
                                <li class="card">
                                    <h2><a href=format!("/door/{}", f.slug)>{f.title}</a></h2>
                                    <p class="meta">{f.when}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
