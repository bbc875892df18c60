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
    source.addEventListener("point", function (e) {
      var d = JSON.parse(e.data);
      var holder = document.createElement("template");
      holder.innerHTML = d[lang] || d.nl;
      var li = holder.content.firstElementChild;
      var old = document.getElementById("punt-" + d.id);
      var list = wall.querySelector('[data-points="' + d.list + '"]');
      if (old && old.parentNode === list) {
        old.replaceWith(li);
      } else {
        if (old) { old.remove(); }
        if (list) { li.classList.add("arrived"); list.appendChild(li); }
      }
      recount();
    });
    source.addEventListener("removed", function (e) {
      var old = document.getElementById("punt-" + JSON.parse(e.data).id);
      if (old) { old.remove(); }
      recount();
    });
    source.addEventListener("reload", function () { window.location.reload(); });
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
})();
