// werkconf: small improvements on pages that work without it.
(function () {
  "use strict";
  // Message progress: follow the outbox without reloading the page.
  var box = document.getElementById("voortgang");
  if (box) {
    var text = document.getElementById("voortgang-tekst");
    var bar = box.querySelector("progress");
    var pattern = document.getElementById("voortgang-sjabloon").innerHTML;
    var poll = function () {
      fetch(box.getAttribute("data-url"), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (c) {
          text.textContent = pattern
            .replace("{0}", c.sent).replace("{1}", c.total)
            .replace("{2}", c.pending).replace("{3}", c.failed);
          bar.max = c.total;
          bar.value = c.sent + c.failed;
          if (c.pending > 0) { setTimeout(poll, 1500); }
        })
        .catch(function () { setTimeout(poll, 5000); });
    };
    setTimeout(poll, 1000);
  }

  // The wall: points arrive live (server-sent events); on a wide screen one insight is
  // shown at a time, paging by itself (arrow keys page by hand, space pauses).
  var wall = document.querySelector("[data-wall-events]");
  if (wall && window.EventSource) {
    var lang = document.documentElement.lang || "nl";
    var count = wall.querySelector(".wall-count");
    var recount = function () {
      if (count) {
        var n = wall.querySelectorAll("li.point").length;
        count.textContent = count.textContent.replace(/^\d+/, String(n));
      }
    };
    var source = new EventSource(wall.getAttribute("data-wall-events"));
    // Connected: changes from now on arrive (tests wait for this before changing things).
    source.addEventListener("open", function () { wall.setAttribute("data-live", "open"); });
    var onlyPinned = wall.hasAttribute("data-only-pinned");
    source.addEventListener("point", function (e) {
      var d = JSON.parse(e.data);
      var old = document.getElementById("punt-" + d.id);
      if (d.hidden || (onlyPinned && !d.pinned)) {
        if (old) { old.remove(); }
        recount();
        return;
      }
      var holder = document.createElement("template");
      holder.innerHTML = d[lang] || d.nl;
      var li = holder.content.firstElementChild;
      var list = wall.querySelector('[data-points="' + d.list + '"]');
      var samePlace = old && old.parentNode === list &&
        old.classList.contains("pinned") === !!d.pinned;
      if (samePlace) {
        old.replaceWith(li);
      } else {
        if (old) { old.remove(); }
        if (list) {
          li.classList.add("arrived");
          // Pinned points first (after the other pinned ones), the rest in arrival order.
          var firstLoose = d.pinned ? list.querySelector("li.point:not(.pinned)") : null;
          list.insertBefore(li, firstLoose);
        }
      }
      recount();
    });
    source.addEventListener("removed", function (e) {
      var old = document.getElementById("punt-" + JSON.parse(e.data).id);
      if (old) { old.remove(); }
      recount();
    });
    // A burst of reloads (the vote opened and closed, a stream that fell behind) is one
    // reload, half a second after the first.
    var reloading = false;
    source.addEventListener("reload", function () {
      if (reloading) { return; }
      reloading = true;
      setTimeout(function () { window.location.reload(); }, 500);
    });
    // The vote: the ranking and each point's dots as they change.
    source.addEventListener("votes", function (e) {
      var d = JSON.parse(e.data);
      var live = wall.querySelector(".wall-vote-live");
      if (live) { live.innerHTML = d[lang] || d.nl; }
      var label = d.dots;
      var points = wall.querySelectorAll("li.point");
      for (var i = 0; i < points.length; i++) {
        var li = points[i];
        var n = d.counts[li.id.replace(/^punt-/, "")] || 0;
        var badge = li.querySelector(".dot-badge");
        if (!n) { if (badge) { badge.remove(); } continue; }
        if (!badge) {
          badge = document.createElement("span");
          badge.className = "badge dot-badge";
          li.insertBefore(badge, li.querySelector("p"));
        }
        badge.textContent = label.replace("{0}", String(n));
      }
    });
  }
  var pages = wall ? wall.querySelectorAll(".wall-insight") : [];
  if (pages.length > 1 && window.matchMedia("(min-width: 1200px)").matches) {
    var at = 0, paused = false;
    var show = function (k) {
      at = (k + pages.length) % pages.length;
      for (var i = 0; i < pages.length; i++) { pages[i].hidden = i !== at; }
    };
    document.body.classList.add("paged");
    show(0);
    setInterval(function () { if (!paused) { show(at + 1); } }, 20000);
    document.addEventListener("keydown", function (e) {
      if (e.key === "ArrowRight") { show(at + 1); }
      if (e.key === "ArrowLeft") { show(at - 1); }
      if (e.key === " ") { paused = !paused; e.preventDefault(); }
    });
  }

  // The ballot: how many dots are left, as they are put.
  var ballot = document.querySelector("form.ballot[data-dots]");
  if (ballot) {
    var left = ballot.querySelector(".dots-left");
    var dots = parseInt(ballot.getAttribute("data-dots"), 10);
    var leftText = left ? left.textContent.replace(/\d+/, "{0}") : "";
    var recountDots = function () {
      var used = 0;
      var inputs = ballot.querySelectorAll("input[name^='p-']");
      for (var i = 0; i < inputs.length; i++) {
        var input = inputs[i];
        if (input.type === "checkbox") { used += input.checked ? 1 : 0; }
        else { used += Math.max(0, parseInt(input.value, 10) || 0); }
      }
      if (left) {
        left.textContent = leftText.replace("{0}", String(Math.max(0, dots - used)));
        left.classList.toggle("over", used > dots);
      }
    };
    ballot.addEventListener("change", recountDots);
    ballot.addEventListener("input", recountDots);
  }

  // A form that asks first (closing the vote): the question is on the page too.
  var asking = document.querySelectorAll("form[data-confirm]");
  for (var a = 0; a < asking.length; a++) {
    asking[a].addEventListener("submit", function (e) {
      if (!window.confirm(this.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  }

  // Capture on a phone: a point is kept on this device first (localStorage), shown as
  // waiting, and sent without a reload; what could not be sent (no network, the page
  // closed) goes as soon as the page is open with a network again. Every point carries
  // its form's key, so sending it twice stores it once.
  var queueBox = document.querySelector(".capture-queue");
  var forms = document.querySelectorAll("form[data-capture]");
  if (queueBox && forms.length && window.localStorage && window.fetch) {
    var store = "werkconf-capture:" + window.location.pathname;
    var load = function () {
      try { return JSON.parse(localStorage.getItem(store)) || []; } catch (e) { return []; }
    };
    var save = function (q) { localStorage.setItem(store, JSON.stringify(q)); };
    var newKey = function () {
      if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
      return "k" + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
    };
    var listFor = function (item) {
      return document.querySelector('[data-points="' + item.group + "-" + item.question + '"]');
    };
    var showPending = function (item) {
      if (document.getElementById("wacht-" + item.key)) { return; }
      var list = listFor(item);
      if (!list) { return; }
      var li = document.createElement("li");
      li.className = "point pending";
      li.id = "wacht-" + item.key;
      var p = document.createElement("p");
      p.textContent = item.text;
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = queueBox.getAttribute("data-pending");
      li.appendChild(p);
      li.appendChild(badge);
      list.appendChild(li);
    };
    var showCount = function () {
      var n = load().length;
      queueBox.hidden = n === 0;
      queueBox.querySelector(".queue-count").textContent =
        queueBox.getAttribute("data-waiting").replace("{0}", String(n));
    };
    var token = function () {
      var field = document.querySelector('input[name="csrf"]');
      return field ? field.value : "";
    };
    // One send at a time; a flush asked for meanwhile runs right after it. Failed sends
    // are tried again after 2 s, doubling up to 15 s, and at once when the network returns.
    var sending = false, again = false, retryIn = 2000;
    var later = function () {
      setTimeout(flush, retryIn);
      retryIn = Math.min(retryIn * 2, 15000);
    };
    var done = function () {
      sending = false;
      if (again) { again = false; flush(); }
    };
    var flush = function () {
      var q = load();
      if (sending) { again = true; return; }
      if (q.length === 0) { showCount(); return; }
      sending = true;
      var item = q[0];
      var body = new URLSearchParams();
      ["group", "question", "text", "taker_name", "taker_organisation", "with_whom", "first_step", "key"]
        .forEach(function (f) { body.append(f, item[f] || ""); });
      body.append("csrf", token());
      fetch(item.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
        body: body.toString()
      }).then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (d) { return { status: r.status, d: d }; });
      }).then(function (res) {
        var pending = document.getElementById("wacht-" + item.key);
        if (res.status === 200) {
          retryIn = 2000;
          save(load().filter(function (x) { return x.key !== item.key; }));
          if (pending) { pending.remove(); }
          if (!document.getElementById("punt-" + res.d.id)) {
            var holder = document.createElement("template");
            holder.innerHTML = res.d.html;
            var list = listFor(item);
            if (list) { list.appendChild(holder.content.firstElementChild); }
          }
          again = true;
          done();
        } else if (res.status === 422 || res.status === 409) {
          // Refused as it is: back into its form with the reason, nothing lost.
          save(load().filter(function (x) { return x.key !== item.key; }));
          if (pending) { pending.remove(); }
          var form = document.querySelector('form[data-capture] input[name="group"][value="' + item.group + '"]');
          form = form && form.form;
          var message = res.d.error || (res.d.errors && Object.keys(res.d.errors).map(function (k) { return res.d.errors[k]; }).join(" "));
          if (form) {
            form.querySelector("textarea[name=text]").value = item.text;
            var note = form.querySelector(".capture-error") || document.createElement("p");
            note.className = "error-message capture-error";
            note.setAttribute("role", "alert");
            note.textContent = message || "";
            form.insertBefore(note, form.firstChild);
          }
          showCount();
          again = true;
          done();
        } else {
          // The form token expired (403) or the server is away: try again later.
          showCount();
          if (res.status === 403) {
            fetch(window.location.href, { credentials: "same-origin" })
              .then(function (r) { return r.text(); })
              .then(function (html) {
                var m = html.match(/name="csrf" value="([^"]+)"/);
                if (m) { document.querySelectorAll('input[name="csrf"]').forEach(function (f) { f.value = m[1]; }); }
              });
          }
          queueBox.setAttribute("data-last-status", String(res.status));
          later();
          done();
        }
      }).catch(function (err) {
        queueBox.setAttribute("data-last-status", "network: " + err);
        showCount();
        later();
        done();
      });
    };
    forms.forEach(function (form) {
      form.addEventListener("submit", function (e) {
        var text = form.querySelector("textarea[name=text]");
        if (!text.value.trim()) { return; } // the browser's own check, or the server's message
        e.preventDefault();
        var item = { action: form.getAttribute("action").split("#")[0] };
        ["group", "question", "text", "taker_name", "taker_organisation", "with_whom", "first_step", "key"]
          .forEach(function (f) { var el = form.elements[f]; item[f] = el ? el.value : ""; });
        var q = load();
        q.push(item);
        save(q);
        showPending(item);
        form.reset();
        form.elements.key.value = newKey();
        var old = form.querySelector(".capture-error");
        if (old) { old.remove(); }
        showCount();
        flush();
        text.focus();
      });
    });
    load().forEach(showPending);
    window.addEventListener("online", function () { retryIn = 2000; flush(); });
    flush();
  }
})();
