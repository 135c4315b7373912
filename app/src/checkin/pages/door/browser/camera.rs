//! The camera button: starts or stops the scanner's camera reader, whose
//! codes go to the same check as typed ones.
use crate::{
    checkin::pages::door::state::Door,
    i18n::*,
    scanner::reader::{CodeReader, camera::CameraMode},
};
use leptos::{prelude::*, task::spawn_local};
use leptos_i18n::I18nContext;

pub fn toggle_camera(
    door: Door,
    i18n: I18nContext<Locale>,
    reader: CodeReader,
    video_ref: NodeRef<leptos::html::Video>,
) {
    let Some(video) = video_ref.get_untracked() else {
        return;
    };
    if door.camera_on.get_untracked() {
        reader.stop_camera(&video);
        door.camera_on.set(false);
        door.camera_note.set(None);
        return;
    }
    door.camera_on.set(true);
    spawn_local(async move {
        match reader.start_camera(&video).await {
            CameraMode::Detector | CameraMode::Wasm => door.camera_note.set(None),
            CameraMode::Unavailable(_) => {
                door.camera_on.set(false);
                door.camera_note
                    .set(Some(t_string!(i18n, door.camera_unavailable).to_string()));
            }
        }
    });
}
