/*
 * procgen-draft.js: "Save and continue later" for a procgen web form (docs/targets/web.md,
 * "Drafts"). procgen-form.js calls ProcgenFormDraft(F) with its internals. The first save
 * POSTs {answers, step} to {api}/procedures/{id}/drafts, later ones PUT to the draft,
 * {api}/procedures/{id}/drafts/{token}; a page opened at #draft=TOKEN GETs the draft and
 * fills the form with it. The
 * answers are exactly what a submission sends (files are not kept). Like the rest of the
 * runtime, this writes text only through textContent and DOM nodes.
 */
(function (root) {
  "use strict";
  var TOKEN = /^[A-Za-z0-9_-]{43}$/;

  root.ProcgenFormDraft = function (F) {
    var R = F.R, M = F.M, fmt = F.fmt;
    var token = null, busy = false;

    var DRAFTS = "/procedures/" + encodeURIComponent(R.procedure) + "/drafts";
    function address(path) { return R.api + path; }
    function request(method, path, payload) {
      var init = { method: method, headers: { Accept: "application/json" }, credentials: "same-origin" };
      if (payload !== undefined) {
        init.body = JSON.stringify(payload);
        init.headers["Content-Type"] = "application/json";
      }
      return fetch(address(path), init);
    }
    // A reply's draft: an object (when saved: with a well-formed token), else an error.
    function draft(res, saving) {
      return res.text().then(function (text) {
        var d = JSON.parse(text);
        if (!d || typeof d !== "object" || Array.isArray(d)) throw new Error("not a draft");
        if (saving && (typeof d.token !== "string" || !TOKEN.test(d.token))) throw new Error("no token");
        return d;
      });
    }

    /* ---- the status region of the page shown ------------------------------------------- */

    function region() {
      var page = F.page();
      return page ? page.querySelector("[data-draft-status]") : null;
    }
    function clear(box) { while (box.firstChild) box.removeChild(box.firstChild); }
    // lines: each a text or a list of texts and nodes, one paragraph each.
    function say(lines) {
      var box = region();
      document.querySelectorAll("[data-draft-status]").forEach(function (b) { if (b !== box) clear(b); });
      if (!box) return;
      clear(box);
      lines.forEach(function (line) {
        var p = document.createElement("p");
        (Array.isArray(line) ? line : [line]).forEach(function (n) {
          p.appendChild(typeof n === "string" ? document.createTextNode(n) : n);
        });
        box.appendChild(p);
      });
    }

    function day(iso) {
      var d = new Date(iso);
      if (typeof iso !== "string" || isNaN(d.getTime())) return null;
      return d.toLocaleDateString(R.lang === "en" ? "en-GB" : R.lang, { day: "numeric", month: "long", year: "numeric" });
    }

    function saved(d) {
      var link = document.createElement("a");
      link.href = location.href.split("#")[0] + "#draft=" + d.token;
      link.textContent = link.href;
      var lines = [M.draft_saved, [link]], until = day(d.expires_at);
      if (until) lines.push(fmt(M.draft_expires, { date: until }));
      if (Object.keys(R.documents).length) lines.push(M.draft_files);
      say(lines);
    }

    /* ---- saving ------------------------------------------------------------------------- */

    function save() {
      if (busy) return;  // the button keeps its focus: it is not disabled, a second click waits
      busy = true;
      F.refresh();
      var current = F.current();
      var payload = { answers: F.answers(), step: current === "start" || current === "sent" ? null : current };
      say([M.draft_saving]);
      function post() { return request("POST", DRAFTS, payload); }
      var sent = token === null ? post() : request("PUT", DRAFTS + "/" + token, payload).then(function (res) {
        if (res.status !== 404) return res;
        token = null;  // it expired meanwhile: a new draft, a new link
        return post();
      });
      sent.then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return draft(res, true);
      }).then(function (d) {
        token = d.token;
        saved(d);
      }).catch(function () { say([M.draft_save_failed]); })
        .then(function () { busy = false; });
    }

    /* ---- resuming ----------------------------------------------------------------------- */

    function restore() {
      var m = /^#draft=(.*)$/.exec(location.hash);
      if (!m) return;
      if (!TOKEN.test(m[1])) { say([M.draft_not_found]); return; }
      var wanted = m[1];
      request("GET", DRAFTS + "/" + wanted).then(function (res) {
        if (res.status === 404 || res.status === 410) return null;
        if (!res.ok) throw new Error(String(res.status));
        return draft(res, false);
      }).then(function (d) {
        if (d === null || (d.procedure !== undefined && d.procedure !== R.procedure)) {
          say([M.draft_not_found]);
          return;
        }
        var answers = d.answers && typeof d.answers === "object" && !Array.isArray(d.answers) ? d.answers : {};
        token = wanted;
        F.fill(answers);
        F.resume(typeof d.step === "string" ? d.step : null);
        say([M.draft_restored]);
      }).catch(function () { say([M.draft_restore_failed]); });
    }

    return { save: save, restore: restore };
  };
})(globalThis);
