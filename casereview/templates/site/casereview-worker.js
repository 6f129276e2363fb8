// casereview: the site's search when it is opened from disk (a file: address). Chromium
// refuses `new Worker()` there, so the theme's search worker runs in a hidden frame of the
// page instead: the same script, the same messages. mkdocs-material's offline plugin names
// the iframe-worker shim for this, but that is fetched from another host and writes an inline
// script into its frame, which the site's Content-Security-Policy rightly blocks; this file
// is part of the site and runs no inline code (the frame's document is written by this
// script from outside, then loads the worker from the site's own files).
(() => {
  if (location.protocol !== "file:") {
    return;
  }
  // the worker's `importScripts` (lunr's languages other than English), one after another;
  // a promise, as a frame cannot load scripts synchronously (the theme's worker awaits it)
  function loader(frame) {
    return (...urls) => urls.reduce((done, url) => done.then(() => new Promise((resolve) => {
      const script = frame.document.createElement("script");
      script.src = url;
      script.onload = resolve;
      frame.document.body.appendChild(script);
    })), Promise.resolve());
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.title = "Search";
      document.body.appendChild(this.frame);
      const inside = this.frame.contentWindow;
      inside.postMessage = (data) => this.receive(data);
      inside.importScripts = loader(inside);
      this.ready = new Promise((resolve, reject) => {
        const script = inside.document.createElement("script");
        script.src = new URL(url, location.href).href;
        script.onload = resolve;
        script.onerror = reject;
        inside.document.body.appendChild(script);
      });
    }

    receive(data) {
      const event = new MessageEvent("message", { data });
      this.dispatchEvent(event);
      if (this.onmessage) {
        this.onmessage(event);
      }
    }

    postMessage(data) {
      this.ready.then(() => this.frame.contentWindow.dispatchEvent(
        new MessageEvent("message", { data: structuredClone(data) })));
    }

    terminate() {
      this.frame.remove();
    }
  }
  window.Worker = FrameWorker;
})();
