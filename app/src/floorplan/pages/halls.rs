//! The halls of a fair on its planning page: each with a link to its floor
//! plan editor, and a form for a new hall.
use super::FloorPlan;
use crate::{
    floorplan::{Hall, api::AddHall},
    i18n::*,
    parts::{FormAlert, TextField, action_error, field_problem},
    tr,
};
use leptos::prelude::*;

#[component]
pub fn HallsSection(fair_id: i64, halls: Vec<Hall>, add: ServerAction<AddHall>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(add);
    view! {
        <section class="card" aria-labelledby="halls-heading">
            <h2 id="halls-heading">{t!(i18n, floorplan.halls)}</h2>
            {if halls.is_empty() {
                view! { <p>{t!(i18n, floorplan.no_halls)}</p> }.into_any()
            } else {
                halls.into_iter().map(|hall| {
                    let href = format!("/organise/fairs/{fair_id}/halls/{}", hall.id);
                    let count = hall.booths.len();
                    let name = hall.name.clone();
                    view! {
                        <article class="hall-card">
                            <h3>{hall.name.clone()}</h3>
                            <p class="meta">{t!(i18n, floorplan.booth_count, count = count)}</p>
                            <FloorPlan hall />
                            <p><a class="button" href=href>{t!(i18n, floorplan.edit_plan_of, hall = name.clone())}</a></p>
                        </article>
                    }
                }).collect_view().into_any()
            }}
            <ActionForm action=add attr:class="form compact" attr:novalidate=true>
                <h3>{t!(i18n, floorplan.add_hall)}</h3>
                <FormAlert error=error />
                <input type="hidden" name="fair_id" value=fair_id />
                <TextField name="hall[name]" id="new-hall-name" required=true label=tr!(i18n, floorplan.hall_name)
                    problem=field_problem(error, "name") />
                <div class="field-row">
                    <TextField name="hall[width_m]" id="new-hall-width" required=true input_type="text"
                        label=tr!(i18n, floorplan.hall_width) problem=field_problem(error, "width_m") />
                    <TextField name="hall[depth_m]" id="new-hall-depth" required=true input_type="text"
                        label=tr!(i18n, floorplan.hall_depth) problem=field_problem(error, "depth_m") />
                </div>
                <button type="submit" class="button primary" disabled=add.pending()>{t!(i18n, floorplan.add_hall)}</button>
            </ActionForm>
        </section>
    }
}
