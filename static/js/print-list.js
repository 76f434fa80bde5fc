/*
 * "Print this list": a shortcut to the browser's own Print. Optional: without JavaScript
 * the browser's menu still prints the list, and the button stays hidden.
 */
(function () {
  "use strict";

  if (typeof window.print !== "function") {
    return;
  }
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i += 1) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
