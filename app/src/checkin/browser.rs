//! The browser side of the scanner: bindings to `door.js` (IndexedDB,
//! camera, feedback) and the QR decoder for camera frames, in wasm.
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/checkin/door.js")]
extern "C" {
    #[wasm_bindgen(js_name = kvGet)]
    fn kv_get(key: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = kvPut)]
    fn kv_put(key: &str, value: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = keepForOffline)]
    pub fn keep_for_offline();
    #[wasm_bindgen(js_name = randomNonce)]
    pub fn random_nonce() -> String;
    #[wasm_bindgen(js_name = nowSeconds)]
    pub fn now_seconds() -> f64;
    #[wasm_bindgen(js_name = nowMillis)]
    pub fn now_millis() -> f64;
    #[wasm_bindgen(js_name = isOnline)]
    pub fn is_online() -> bool;
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_promise(ms: u32) -> js_sys::Promise;
    pub fn feedback(ok: bool);
    #[wasm_bindgen(js_name = startCamera)]
    fn start_camera_promise(
        video: &web_sys::HtmlVideoElement,
        on_text: &Closure<dyn FnMut(String)>,
        decode: &Closure<dyn FnMut(Vec<u8>, u32, u32) -> Option<String>>,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = stopCamera)]
    pub fn stop_camera(video: &web_sys::HtmlVideoElement);
}

/// A stored value of the device (IndexedDB), if any.
pub async fn load(key: &str) -> Option<String> {
    JsFuture::from(kv_get(key)).await.ok()?.as_string()
}

/// Stores a value on the device; false when the browser refused.
pub async fn save(key: &str, value: &str) -> bool {
    JsFuture::from(kv_put(key, value))
        .await
        .map(|v| v.as_bool().unwrap_or(false))
        .unwrap_or(false)
}

pub async fn sleep(ms: u32) {
    let _ = JsFuture::from(sleep_promise(ms)).await;
}

/// Reads a QR code from a camera frame (RGBA bytes, width, height).
pub type FrameDecoder = Closure<dyn FnMut(Vec<u8>, u32, u32) -> Option<String>>;

/// Starts the camera; the closures must live as long as it runs. Returns
/// "detector", "wasm" or the browser's error name.
pub async fn start_camera(
    video: &web_sys::HtmlVideoElement,
    on_text: &Closure<dyn FnMut(String)>,
    decode: &FrameDecoder,
) -> String {
    JsFuture::from(start_camera_promise(video, on_text, decode))
        .await
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Reads a QR code from a greyscale camera frame.
pub fn decode_qr(luma: &[u8], width: u32, height: u32) -> Option<String> {
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
