//! The hall editor's page: loads the fair's plan and opens the editor on
//! the hall the address names.
use super::editor::Editor;
use crate::{
    error::AppError,
    fairs::{api::get_fair_plan, pages::fair_id_param},
    i18n::*,
    parts::error_message,
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn FloorPlanEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let fair_id = fair_id_param();
    let params = use_params_map();
    let hall_id = Memo::new(move |_| {
        params.with(|p| {
            p.get("hall")
                .and_then(|h| h.parse::<i64>().ok())
                .unwrap_or(0)
        })
    });
    let plan = Resource::new(move || fair_id.get(), get_fair_plan);
    view! {
        <Title text=tr!(i18n, floorplan.editor_title) />
        <section class="page wide">
            <p class="breadcrumb">
                <a href="/organise">{t!(i18n, plan.my_fairs)}</a> " › "
                <a href=move || format!("/organise/fairs/{}", fair_id.get())>{t!(i18n, plan.title)}</a>
            </p>
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || plan.get().map(|result| {
                    let hall = result.and_then(|p| p.halls.into_iter().find(|h| h.id == hall_id.get()).ok_or(AppError::NotFound));
                    match hall {
                        Ok(hall) => view! { <Editor fair_id=fair_id.get() hall /> }.into_any(),
                        Err(e) => view! {
                            <h1>{t!(i18n, floorplan.editor_title)}</h1>
                            <p class="form-alert" role="alert">{error_message(i18n, &e)}</p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
