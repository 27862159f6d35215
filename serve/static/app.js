// timecite serve: small enhancements only; every page works without it.
// - "Copy citation" buttons (hidden without JavaScript) fetch the footnote
//   from /api/cite and put it on the clipboard.
// - The moment page scrolls to the highlighted sentence.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.copy[data-cite]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const answer = await fetch(button.dataset.cite + "?style=footnote");
      const text = await answer.text();
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = "Copied";
      } catch (e) {
        window.prompt("Citation", text);
      }
    });
  }
  const moment = document.getElementById("moment");
  if (moment) {
    moment.scrollIntoView({block: "center"});
    moment.setAttribute("tabindex", "-1");
    moment.focus({preventScroll: true});
  }
});
