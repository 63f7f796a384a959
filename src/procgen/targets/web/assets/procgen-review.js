/*
 * procgen-review.js: the check-your-answers page of a procgen web form, its live fee total and
 * the submission (docs/targets/web.md). procgen-form.js calls ProcgenFormReview(F) with its
 * internals (rules, state, navigation); like it, this writes text only through textContent.
 */
(function (root) {
  "use strict";

  root.ProcgenFormReview = function (F) {
    var E = F.E, R = F.R, M = F.M, $ = F.$, fmt = F.fmt, isEmpty = F.isEmpty, form = F.form;
    var own = F.own;  // an id's own entry in a map, never an inherited member
    var C = F.C;  // the pure check: also the fee arithmetic (C.fees) and the place (C.place)

    /* ---- check your answers, fees -------------------------------------------------------- */

    function display(rule, v) {
      if (isEmpty(v)) return M.not_answered;
      if (rule.kind === "boolean") return v ? M.yes : M.no;
      if (rule.options) {
        return (Array.isArray(v) ? v : [v]).map(function (x) { return own(rule.options, String(x)) || String(x); }).join(", ");
      }
      if (rule.kind === "money") return money(v);
      if (rule.kind === "date" && F.C.shaped(rule.kind, v)) {
        return new Date(v + "T00:00:00Z").toLocaleDateString(R.lang === "en" ? "en-GB" : R.lang,
          { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
      }
      return String(v);
    }

    function money(n) {
      var s = String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, R.lang === "vi" ? "." : ",");
      return s + " ₫";
    }

    function row(dl, label, value, target, step) {
      var div = document.createElement("div"), dt = document.createElement("dt");
      var dd = document.createElement("dd"), act = document.createElement("dd"), a = document.createElement("a");
      dt.textContent = label;
      value.split("\n").forEach(function (line, i) {
        if (i) dd.appendChild(document.createElement("br"));
        dd.appendChild(document.createTextNode(line));
      });
      a.href = "#" + target;
      a.textContent = M.change;
      var hidden = document.createElement("span");
      hidden.className = "pg-visually-hidden";
      hidden.textContent = " " + label;
      a.appendChild(hidden);
      a.addEventListener("click", function (ev) { ev.preventDefault(); F.changeFrom(step, target); });
      act.className = "pg-summary-action";
      act.appendChild(a);
      div.appendChild(dt); div.appendChild(dd); div.appendChild(act);
      dl.appendChild(div);
    }

    function summary() {
      var state = F.state();
      var box = $("pg-summary");
      while (box.firstChild) box.removeChild(box.firstChild);
      F.visibleSteps().forEach(function (step) {
        var h = document.createElement("h3"), dl = document.createElement("dl"), section;
        h.textContent = step.title;
        dl.className = "pg-summary-list";
        box.appendChild(h);
        // The answers of a block used with a heading (the building site's address) go under
        // that heading, as they were asked; the list resumes after it.
        function under(heading) {
          if (heading === section) return;
          if (dl.firstChild) box.appendChild(dl);
          section = heading;
          if (heading) {
            var h4 = document.createElement("h4");
            h4.textContent = heading;
            box.appendChild(h4);
          }
          dl = document.createElement("dl");
          dl.className = "pg-summary-list";
        }
        step.fields.forEach(function (id) {
          if (!state.visible[id]) return;
          var rule = R.fields[id];
          under(rule.section);
          if (rule.kind !== "group") {
            row(dl, rule.label, display(rule, state.answers[id]), F.firstControl(F.fieldWrap(id)).id, step.id);
            return;
          }
          state.rows[id].forEach(function (r, i) {
            var lines = rule.order.filter(function (c) { return r.visible[c]; }).map(function (c) {
              return rule.fields[c].label + ": " + display(rule.fields[c], r.row[c]);
            });
            row(dl, fmt(M.entry, { label: rule.label, n: i + 1 }), lines.join("\n"), F.firstControl(r.entry).id, step.id);
          });
          if (!state.rows[id].length) row(dl, rule.label, M.not_answered, "f-" + id, step.id);
        });
        step.documents.forEach(function (id) {
          if (!state.docs[id]) return;
          var input = $("d-" + id), file = input.files && input.files[0];
          under(undefined);
          row(dl, R.documents[id].label, file ? file.name : M.not_answered, "d-" + id, step.id);
        });
        if (dl.firstChild) box.appendChild(dl);
      });
      fees();
    }

    // The province whose amounts and offices apply (R.localities; see ProcgenCheck.place).
    function where() {
      var picker = $("pg-locality");
      return C.place(F.state().answers, picker ? picker.value : null);
    }

    function amountText(row) {
      if (row.exempt) return M.fee_exempt;
      if (row.amount === null) return M.fee_unknown;
      if (row.placeholder) return M.local_fee_placeholder;
      return money(row.amount);
    }

    function totalText(q) {
      if (!q.complete) return fmt(M.total_plus_local, { amount: money(q.known) });
      if (q.provisional) return fmt(M.total_provisional, { amount: money(q.known) });
      return money(q.total);
    }

    function fees() {
      var q = C.fees(F.state().answers, F.today(), where());
      q.rows.forEach(function (row) {
        var tr = form.querySelector('[data-fee="' + row.id + '"]');
        tr.hidden = !row.applies;
        tr.querySelector(".pg-amount").textContent = amountText(row);
      });
      var cell = $("pg-fee-total");
      if (cell) cell.textContent = totalText(q);
      return q;
    }

    // The confirmation keeps what was due when the application was sent.
    function sentFees() {
      var list = $("pg-sent-fees");
      if (!list) return;
      var q = C.fees(F.state().answers, F.today(), where());
      while (list.firstChild) list.removeChild(list.firstChild);
      function line(label, value) {
        var div = document.createElement("div"), dt = document.createElement("dt"), dd = document.createElement("dd");
        dt.textContent = label; dd.textContent = value;
        div.appendChild(dt); div.appendChild(dd); list.appendChild(div);
      }
      q.rows.forEach(function (row, i) { if (row.applies) line(R.fees[i].label, amountText(row)); });
      line(M.total, totalText(q));
    }

    function office(o) {
      var li = document.createElement("li"), name = document.createElement("span");
      name.className = "pg-office-name";
      name.textContent = o.name;
      li.appendChild(name);
      function add(node) { li.appendChild(document.createElement("br")); li.appendChild(node); }
      if (o.placeholder) {
        var note = document.createElement("span");
        note.className = "pg-office-note";
        note.textContent = M.local_office_placeholder;
        add(note);
        return li;
      }
      [["address", M.local_address], ["hours", M.local_hours], ["phone", M.local_phone]].forEach(function (k) {
        if (o[k[0]]) add(document.createTextNode(k[1] + ": " + o[k[0]]));
      });
      [["map", M.local_map], ["url", M.local_web]].forEach(function (k) {
        if (!o[k[0]] || !/^https?:\/\//.test(o[k[0]])) return;
        var a = document.createElement("a"), hidden = document.createElement("span");
        a.href = o[k[0]]; a.rel = "noopener noreferrer"; a.textContent = k[1];
        hidden.className = "pg-visually-hidden"; hidden.textContent = ": " + o.name;
        a.appendChild(hidden);
        add(a);
      });
      return li;
    }

    // The start page's local amounts and every offices block, for the province now known.
    function local() {
      var L = R.localities;
      if (!L || L.site) return;
      var p = where();
      form.querySelectorAll("[data-local-fee]").forEach(function (td) {
        if (!td.hasAttribute("data-national")) td.setAttribute("data-national", td.textContent);
        var amount = p ? own(p.fees, td.getAttribute("data-local-fee")) : undefined;
        td.textContent = !p ? td.getAttribute("data-national")
          : amountText({ exempt: false, amount: amount ? amount.amount : null, placeholder: amount ? amount.placeholder : false });
      });
      document.querySelectorAll("[data-offices]").forEach(function (box) {
        if (!box.hasAttribute("data-note")) {
          var first = box.querySelector(".pg-offices-note");
          box.setAttribute("data-note", first ? first.textContent : "");
        }
        while (box.firstChild) box.removeChild(box.firstChild);
        if (p && p.offices.length) {
          var ul = document.createElement("ul");
          ul.className = "pg-office-list";
          p.offices.forEach(function (o) { ul.appendChild(office(o)); });
          box.appendChild(ul);
        } else {
          var para = document.createElement("p");
          para.className = "pg-offices-note";
          para.textContent = p ? M.fee_unknown : box.getAttribute("data-note");
          box.appendChild(para);
        }
      });
    }

    /* ---- submission -------------------------------------------------------------------- */

    function part(boundary, name, value, type, filename) {
      var head = "--" + boundary + '\r\nContent-Disposition: form-data; name="' + name.replace(/["\r\n\\]/g, "_") + '"';
      if (filename !== undefined) head += '; filename="' + filename.replace(/["\r\n\\]/g, "_") + '"';
      if (type) head += "\r\nContent-Type: " + type;
      return [head + "\r\n\r\n", value, "\r\n"];
    }

    // What is sent, as one object: field id → typed answer (a group: a list of entry
    // objects), the shown questions of the shown steps only. A draft saves exactly this.
    function answers() {
      var state = F.state(), out = Object.create(null);
      F.visibleSteps().forEach(function (step) {
        step.fields.forEach(function (id) {
          var v = state.answers[id];
          if (state.visible[id] && !isEmpty(v)) out[id] = v;
        });
      });
      return out;
    }

    function body() {
      var state = F.state();
      var boundary = "procgen-" + Math.random().toString(36).slice(2) + Date.now().toString(36);
      var parts = [];
      // What the server put in the form for itself (its CSRF token: a hidden _csrf input)
      // travels as it would in the browser's own post: one text part per hidden input whose
      // name begins with "_" (the server's own; a yes/no's hidden "false" is the form's).
      Array.prototype.forEach.call(form.querySelectorAll('input[type=hidden][name^="_"]'), function (el) {
        parts = parts.concat(part(boundary, el.name, el.value));
      });
      F.visibleSteps().forEach(function (step) {
        step.fields.forEach(function (id) {
          var v = state.answers[id], rule = R.fields[id];
          if (!state.visible[id] || isEmpty(v)) return;
          if (rule.kind === "group") {
            // One application/json part per entry, all named by the group (the OpenAPI
            // encoding: docs/targets/openapi.md, "Multipart encoding").
            v.forEach(function (entry) {
              parts = parts.concat(part(boundary, id, JSON.stringify(entry), "application/json"));
            });
          } else if (Array.isArray(v)) {
            v.forEach(function (x) { parts = parts.concat(part(boundary, id, String(x))); });
          } else {
            parts = parts.concat(part(boundary, id, String(v)));
          }
        });
        step.documents.forEach(function (id) {
          var input = $("d-" + id), file = input.files && input.files[0];
          if (state.docs[id] && file) parts = parts.concat(part(boundary, id, file, file.type || "application/octet-stream", file.name));
        });
      });
      parts.push("--" + boundary + "--\r\n");
      return { blob: new Blob(parts), type: "multipart/form-data; boundary=" + boundary };
    }

    // The API's 422 problem: {"errors": [{"pointer": "#/field" | "#/group/0/child", "detail"}]}.
    // Its problems are shown like the form's own, each linking to its question.
    function rejected(text) {
      var problem;
      try { problem = JSON.parse(text); } catch (e) { return false; }
      var list = ((problem && problem.errors) || []).map(function (e) {
        var path = String(e.pointer || "").replace(/^#\//, "").split("/");
        var id = own(R.documents, path[0]) ? "d-" + path[0] : path.length === 3 ? "f-" + path.join("-") : "f-" + path[0];
        var target = $(id) && $(id).closest(".pg-field") ? F.firstControl($(id).closest(".pg-field")) : $(id);
        return target ? { wrap: target.closest(".pg-field"), target: target.id, message: String(e.detail || e.code || M.send_failed) } : null;
      }).filter(Boolean);
      if (!list.length) return false;
      F.report(list);
      return true;
    }

    function submit(ev) {
      ev.preventDefault();
      F.refresh();
      var steps = F.visibleSteps();
      for (var i = 0; i < steps.length; i++) {
        var list = F.problems(steps[i]);
        if (list.length) { F.show(steps[i].id); F.report(list); return; }
      }
      var status = $("pg-send-status"), button = $("pg-submit");
      var b = body();
      status.textContent = M.sending;
      button.disabled = true;
      fetch(form.getAttribute("action"), { method: "POST", body: b.blob, headers: { "Content-Type": b.type }, credentials: "same-origin" })
        .then(function (res) {
          return res.text().then(function (text) {
            if (res.status === 422 && rejected(text)) return null;
            if (!res.ok) throw new Error(String(res.status));
            return text;
          });
        })
        .then(function (text) {
          if (text === null) { status.textContent = ""; button.disabled = false; return; }
          var ref = null;
          // The API answers with its ApplicationStatus: the reference is its application_id.
          try {
            var j = JSON.parse(text), id = j && typeof j === "object" ? j.application_id : null;
            ref = typeof id === "string" || typeof id === "number" ? String(id) : null;
          } catch (e) { ref = null; }
          $("pg-sent-reference").textContent = ref ? fmt(M.reference, { ref: ref }) : "";
          sentFees();
          local();
          F.show("sent");
          $("pg-sent").focus();
        })
        .catch(function () { status.textContent = M.send_failed; button.disabled = false; });
    }

    return { summary: summary, fees: fees, local: local, submit: submit, answers: answers };
  };
})(globalThis);
