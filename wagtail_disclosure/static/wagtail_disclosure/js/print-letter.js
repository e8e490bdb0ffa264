/* "Print" buttons of letters (文书). A button with data-wd-print="ID" prints only the letter
   wrapper of that id (class wd-letter); data-wd-print="" prints the page. The buttons are
   hidden until this script runs: without it, the browser's own print prints every letter,
   each on its own page. */
(function () {
  "use strict";
  var root = document.documentElement;
  function clear() {
    root.classList.remove("wd-printing-one");
    var targets = document.querySelectorAll(".wd-print-target");
    for (var i = 0; i < targets.length; i++) { targets[i].classList.remove("wd-print-target"); }
  }
  window.addEventListener("afterprint", clear);
  var buttons = document.querySelectorAll("[data-wd-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function (event) {
      var id = event.currentTarget.getAttribute("data-wd-print");
      var target = id ? document.getElementById(id) : null;
      clear();
      if (target) {
        target.classList.add("wd-print-target");
        root.classList.add("wd-printing-one");
      }
      window.print();
    });
  }
}());
