/*
 * "Copy link" on a take-away list. Optional: the address is written out on the page, so
 * without JavaScript (or clipboard access) nothing is lost and the button stays hidden.
 */
(function () {
  "use strict";

  var buttons = document.querySelectorAll("[data-copy-link]");
  if (!navigator.clipboard) {
    return;
  }
  for (var i = 0; i < buttons.length; i += 1) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function (event) {
      var button = event.currentTarget;
      var status = button.parentNode.querySelector(".copy-status");
      var link = button.getAttribute("data-copy-link");
      navigator.clipboard.writeText(link).then(
        function () { status.textContent = "Link copied."; },
        function () { status.textContent = "Could not copy. The link is written above."; }
      );
    });
  }
})();
