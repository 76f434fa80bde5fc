/*
 * Exit this page, after the GOV.UK Design System component.
 *
 * Every page has links marked data-exit-this-page (the sticky button and a skip link).
 * Without JavaScript they are plain links to a neutral site. With it, leaving also:
 *  - blanks the page at once, so nothing stays on screen while the next site loads;
 *  - uses location.replace, so Back does not return to the page that was left;
 *  - works by pressing Shift three times, each within 5 seconds of the last, with a
 *    polite countdown for screen readers and three dots beside the button.
 *
 * A Shift press counts only on its own: if any other key goes down or up while Shift is
 * held (Shift+Tab, a capital letter), that press does not count, and any key other than
 * Shift starts the count again. So typing "TQ1 1AA" never leaves the page.
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
  var title = document.title;
  var presses = 0;
  // True from a Shift keydown until its keyup, unless another key comes in between.
  var shiftAlone = false;
  var shiftCode = null;
  var expiry = null;
  var indicator = null;
  var lights = [];

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  // Three dots beside the button, lit one per counted press. The status region speaks the
  // count, so the dots are hidden from screen readers.
  function buildIndicator() {
    var button = document.querySelector(".exit-this-page [data-exit-this-page]");
    if (!button) {
      return;
    }
    indicator = document.createElement("span");
    indicator.className = "exit-indicator";
    indicator.setAttribute("aria-hidden", "true");
    indicator.hidden = true;
    for (var n = 0; n < PRESSES_TO_EXIT; n += 1) {
      var light = document.createElement("span");
      light.className = "exit-indicator__light";
      indicator.appendChild(light);
      lights.push(light);
    }
    button.parentNode.insertBefore(indicator, button);
  }

  function showPresses() {
    if (!indicator) {
      return;
    }
    indicator.hidden = presses === 0;
    for (var n = 0; n < lights.length; n += 1) {
      lights[n].classList.toggle("exit-indicator__light--on", n < presses);
    }
  }

  function stopTimer() {
    if (expiry) {
      window.clearTimeout(expiry);
      expiry = null;
    }
  }

  function resetPresses(message) {
    stopTimer();
    if (presses > 0) {
      presses = 0;
      say(message);
    }
    showPresses();
  }

  function exitNow(event) {
    if (event) {
      event.preventDefault();
    }
    stopTimer();
    presses = 0;
    shiftAlone = false;
    showPresses();
    say("Exiting this page.");
    document.body.hidden = true;
    document.title = "Exit this page";
    window.location.replace(exitUrl);
  }

  function countPress() {
    presses += 1;
    if (presses >= PRESSES_TO_EXIT) {
      exitNow();
      return;
    }
    showPresses();
    // Each counted press gives another 5 seconds for the next one.
    stopTimer();
    expiry = window.setTimeout(function () {
      expiry = null;
      resetPresses("Exit this page expired.");
    }, PRESS_WINDOW_MS);
    var left = PRESSES_TO_EXIT - presses;
    say("Shift, press " + left + " more time" + (left === 1 ? "" : "s") + " to exit.");
  }

  function isShift(event) {
    return event.key === "Shift";
  }

  // Any key but Shift, going down or coming up: the Shift held now does not count (Shift+Tab,
  // a capital letter), and the count starts again.
  function otherKey(event) {
    if (!isShift(event)) {
      shiftAlone = false;
      resetPresses("");
      return true;
    }
    return false;
  }

  buildIndicator();

  for (var i = 0; i < links.length; i += 1) {
    links[i].addEventListener("click", exitNow);
  }

  // Capture, so a handler that stops a key on its way down cannot hide it from us.
  document.addEventListener(
    "keydown",
    function (event) {
      if (otherKey(event) || event.repeat) {
        return;
      }
      // The other Shift key going down as well, or Ctrl, Alt or Cmd held: not Shift alone.
      var otherShift = shiftCode !== null && shiftCode !== event.code;
      shiftCode = event.code;
      shiftAlone = !otherShift && !(event.ctrlKey || event.altKey || event.metaKey);
    },
    true
  );

  document.addEventListener(
    "keyup",
    function (event) {
      if (otherKey(event)) {
        return;
      }
      var alone = shiftAlone && event.code === shiftCode;
      shiftAlone = false;
      shiftCode = null;
      if (alone) {
        countPress();
      }
    },
    true
  );

  // Leaving the window (Alt+Tab, another app) mid-press loses the keyup: start again.
  window.addEventListener("blur", function () {
    shiftAlone = false;
    shiftCode = null;
  });

  // Coming Back to this page from the browser's memory (the back-forward cache) must not
  // leave a half-counted sequence or a blank page.
  // A first load has nothing to undo, and Shift presses made while it finishes must count.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    stopTimer();
    presses = 0;
    shiftAlone = false;
    shiftCode = null;
    showPresses();
    say("");
    document.body.hidden = false;
    document.title = title;
  });
})();
