/*
 * Exit this page, after the GOV.UK Design System pattern.
 *
 * Every page has links marked data-exit-this-page (the sticky button and a skip link).
 * Without JavaScript they are plain links to a neutral site. With it, leaving also:
 *  - blanks the page at once, so nothing stays on screen while the next site loads;
 *  - uses location.replace, so Back does not return to the page that was left;
 *  - works by pressing Shift three times within 5 seconds, with a polite countdown
 *    read out by screen readers.
 */
(function () {
  "use strict";

  var PRESSES_TO_EXIT = 3;
  var PRESS_WINDOW_MS = 5000;

  var links = document.querySelectorAll("[data-exit-this-page]");
  if (!links.length) {
    return;
  }
  var exitUrl = links[0].href;
  var status = document.getElementById("exit-this-page-status");
  var presses = 0;
  var expiry = null;

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  function exitNow(event) {
    if (event) {
      event.preventDefault();
    }
    document.body.hidden = true;
    document.title = "Exit this page";
    window.location.replace(exitUrl);
  }

  function resetPresses() {
    presses = 0;
    if (expiry) {
      window.clearTimeout(expiry);
      expiry = null;
    }
  }

  for (var i = 0; i < links.length; i += 1) {
    links[i].addEventListener("click", exitNow);
  }

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      return;
    }
    presses += 1;
    if (presses >= PRESSES_TO_EXIT) {
      resetPresses();
      say("Exiting this page.");
      exitNow();
      return;
    }
    if (presses === 1) {
      expiry = window.setTimeout(function () {
        resetPresses();
        say("Exit this page expired.");
      }, PRESS_WINDOW_MS);
    }
    var left = PRESSES_TO_EXIT - presses;
    say("Shift, press " + left + " more time" + (left === 1 ? "" : "s") + " to exit.");
  });
})();
