//! The camera as a code reader: the browser's BarcodeDetector where there
//! is one, otherwise frames handed to the QR decoder in wasm (rqrr). The
//! JavaScript part (`scanner.js`) runs the camera and the frame loop.
use super::{CodeReader, RepeatFilter};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/scanner/scanner.js")]
extern "C" {
    #[wasm_bindgen(js_name = startCamera)]
    fn start_camera_promise(
        video: &web_sys::HtmlVideoElement,
        on_text: &Closure<dyn FnMut(String)>,
        decode: &Closure<dyn FnMut(Vec<u8>, u32, u32) -> Option<String>>,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = stopCamera)]
    fn stop_camera(video: &web_sys::HtmlVideoElement);
    #[wasm_bindgen(js_name = nowMillis)]
    fn now_millis() -> f64;
}

/// How the camera reads codes, or why it does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CameraMode {
    Detector,
    Wasm,
    /// No camera, or none allowed: the browser's error name.
    Unavailable(String),
}

type Closures = (
    Closure<dyn FnMut(String)>,
    Closure<dyn FnMut(Vec<u8>, u32, u32) -> Option<String>>,
);

thread_local! {
    /// The callbacks the running camera calls; they live as long as it runs.
    static RUNNING: RefCell<Option<Closures>> = const { RefCell::new(None) };
}

impl CodeReader {
    /// Starts the camera into `video`; each code read (once while it is
    /// held up, see [`RepeatFilter`]) is reported to the reader's callback.
    pub async fn start_camera(&self, video: &web_sys::HtmlVideoElement) -> CameraMode {
        let reader = *self;
        let mut repeats = RepeatFilter::default();
        let on_text = Closure::<dyn FnMut(String)>::new(move |text: String| {
            if repeats.is_new(&text, now_millis()) {
                reader.report(text);
            }
        });
        let decode = Closure::<dyn FnMut(Vec<u8>, u32, u32) -> Option<String>>::new(
            |luma: Vec<u8>, width: u32, height: u32| decode_qr(&luma, width, height),
        );
        let mode = JsFuture::from(start_camera_promise(video, &on_text, &decode))
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        RUNNING.with(|c| *c.borrow_mut() = Some((on_text, decode)));
        match mode.as_str() {
            "detector" => CameraMode::Detector,
            "wasm" => CameraMode::Wasm,
            _ => CameraMode::Unavailable(mode),
        }
    }

    /// Stops the camera and lets its callbacks go.
    pub fn stop_camera(&self, video: &web_sys::HtmlVideoElement) {
        stop_camera(video);
        RUNNING.with(|c| c.borrow_mut().take());
    }
}

/// Reads a QR code from a greyscale camera frame.
fn decode_qr(luma: &[u8], width: u32, height: u32) -> Option<String> {
    let (w, h) = (width as usize, height as usize);
    if w == 0 || h == 0 || luma.len() < w * h {
        return None;
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| luma[y * w + x]);
    image
        .detect_grids()
        .into_iter()
        .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}
