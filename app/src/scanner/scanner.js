// Browser parts of the scanner (app/src/scanner/) that Rust reaches through
// wasm-bindgen: IndexedDB (the door pack and the offline queue survive a reload), random
// nonces, feedback by sound and vibration, and the camera with the
// browser's BarcodeDetector or, where there is none, frames handed to the
// QR decoder in wasm.
const DB = "jobfair-door";
const STORE = "kv";

function openDb() {
  return new Promise(function (resolve, reject) {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = function () {
      request.result.createObjectStore(STORE);
    };
    request.onsuccess = function () { resolve(request.result); };
    request.onerror = function () { reject(request.error); };
  });
}

function run(mode, work) {
  return openDb().then(function (db) {
    return new Promise(function (resolve, reject) {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = function () { db.close(); resolve(request.result); };
      tx.onerror = function () { db.close(); reject(tx.error); };
    });
  });
}

export function kvGet(key) {
  return run("readonly", function (store) { return store.get(key); })
    .then(function (value) { return typeof value === "string" ? value : null; })
    .catch(function () { return null; });
}

export function kvPut(key, value) {
  return run("readwrite", function (store) { return store.put(value, key); })
    .then(function () { return true; })
    .catch(function () { return false; });
}

export function kvDelete(key) {
  return run("readwrite", function (store) { return store.delete(key); })
    .then(function () { return true; })
    .catch(function () { return false; });
}

/// Keeps the scanner for use without network: registers the service worker
/// and stores this page and the files it loaded (as the ticket page does).
/// Marks the page `data-offline-ready` when done.
export function keepForOffline() {
  if (!("serviceWorker" in navigator) || !("caches" in window)) return;
  navigator.serviceWorker
    .register("/sw.js")
    .then(function () { return navigator.serviceWorker.ready; })
    .then(function () {
      const assets = performance
        .getEntriesByType("resource")
        .map(function (entry) { return new URL(entry.name); })
        .filter(function (url) {
          return url.origin === location.origin && (url.pathname.indexOf("/pkg/") === 0 || url.pathname === "/favicon.svg");
        })
        .map(function (url) { return url.pathname; });
      // Preloaded files are listed twice, and addAll refuses duplicates.
      const unique = Array.from(new Set([location.pathname].concat(assets)));
      return caches.open("jobfair-tickets-v1").then(function (cache) {
        return cache.addAll(unique);
      });
    })
    .then(function () { document.documentElement.setAttribute("data-offline-ready", "true"); })
    .catch(function () { /* offline use is a bonus; the scanner works without */ });
}

export function randomNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

export function nowMillis() {
  return performance.now();
}

export function isOnline() {
  return navigator.onLine !== false;
}

export function sleep(ms) {
  return new Promise(function (resolve) { setTimeout(resolve, ms); });
}

let audio = null;
/// A high short beep for "admitted", a low long one for "refused", and a
/// vibration pattern to match (where the phone has one).
export function feedback(ok) {
  try {
    if (navigator.vibrate) navigator.vibrate(ok ? 120 : [300, 100, 300]);
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = ok ? 880 : 220;
    gain.gain.value = 0.15;
    tone.connect(gain);
    gain.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + (ok ? 0.15 : 0.5));
  } catch (e) {
    // No sound on this device: the screen still shows the result.
  }
}

let stream = null;
let timer = null;

/// Starts the camera into `video`; every code read is passed to `onText`.
/// Without BarcodeDetector, frames go to `decode(luma, width, height)`.
/// Resolves to "detector", "wasm", or an error name when there is no camera.
export async function startCamera(video, onText, decode) {
  stopCamera(video);
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: "environment", width: { ideal: 1280 } },
      audio: false,
    });
  } catch (e) {
    return e && e.name ? e.name : "NoCamera";
  }
  video.srcObject = stream;
  video.setAttribute("playsinline", "");
  await video.play().catch(function () {});
  let detector = null;
  if ("BarcodeDetector" in window) {
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (formats.indexOf("qr_code") >= 0) detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch (e) {
      detector = null;
    }
  }
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let busy = false;
  timer = setInterval(async function () {
    if (busy || !video.videoWidth) return;
    busy = true;
    try {
      if (detector) {
        const codes = await detector.detect(video);
        if (codes.length) onText(codes[0].rawValue);
      } else {
        // Scaled to at most 640 pixels wide: enough for a ticket held up
        // to the phone, and quick to decode on a cheap one.
        const scale = Math.min(1, 640 / video.videoWidth);
        const width = Math.round(video.videoWidth * scale);
        const height = Math.round(video.videoHeight * scale);
        canvas.width = width;
        canvas.height = height;
        context.drawImage(video, 0, 0, width, height);
        const rgba = context.getImageData(0, 0, width, height).data;
        const luma = new Uint8Array(width * height);
        for (let i = 0, j = 0; i < luma.length; i++, j += 4) {
          luma[i] = (rgba[j] * 77 + rgba[j + 1] * 150 + rgba[j + 2] * 29) >> 8;
        }
        const text = decode(luma, width, height);
        if (text) onText(text);
      }
    } finally {
      busy = false;
    }
  }, 200);
  return detector ? "detector" : "wasm";
}

export function stopCamera(video) {
  if (timer) clearInterval(timer);
  timer = null;
  if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
  stream = null;
  if (video) video.srcObject = null;
}
