// procgen serve --watch: reload the page when the procedure it shows is recompiled.
// The server sends one "reload" event naming the procedures an edit changed ("*": all).
(function () {
  "use strict";
  var script = document.currentScript;
  var watched = script ? script.getAttribute("data-watch") : "*";
  if (!window.EventSource) return;
  var events = new EventSource("/_preview/events");
  events.addEventListener("reload", function (e) {
    var changed = String(e.data).split(" ");
    if (watched === "*" || changed.indexOf("*") >= 0 || changed.indexOf(watched) >= 0) {
      events.close();
      window.location.reload();
    }
  });
})();
