// ESIS screens of the fake ESIS: progressive enhancement only. Without JavaScript every page
// works; with it, a [Kopieer sleutel] button copies the autorisatiesleutel that is shown once.
"use strict";
document.querySelectorAll("button[data-kopieer]").forEach((knop) => {
  const veld = document.getElementById(knop.dataset.kopieer);
  const status = document.getElementById("kopieer-status");
  if (!veld) return;
  knop.hidden = false;
  knop.addEventListener("click", async () => {
    veld.select();
    try {
      await navigator.clipboard.writeText(veld.value);
    } catch (e) {
      document.execCommand("copy");
    }
    if (status) status.textContent = "De autorisatiesleutel is gekopieerd.";
  });
});
