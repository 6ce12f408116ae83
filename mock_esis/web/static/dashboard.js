// The journal refreshes itself every 2 seconds (without JS: the "Vernieuwen" link does it).
(function () {
  "use strict";
  var list = document.getElementById("journaal-lijst");
  if (!list || !window.fetch || !window.DOMParser) { return; }
  var choice = document.getElementById("live-keuze");
  var live = document.getElementById("live");
  if (choice) { choice.hidden = false; }
  window.setInterval(function () {
    if (live && !live.checked) { return; }
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (answer) { return answer.ok ? answer.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("journaal-lijst");
        if (fresh && fresh.innerHTML !== list.innerHTML) { list.innerHTML = fresh.innerHTML; }
      })
      .catch(function () { /* the next round tries again */ });
  }, 2000);
})();
