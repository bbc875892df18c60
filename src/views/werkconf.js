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
})();
