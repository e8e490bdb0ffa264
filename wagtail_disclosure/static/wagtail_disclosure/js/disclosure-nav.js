/* The 公开目录 tree (includes/disclosure_nav.html) is a <details>, folded in the HTML so that
   a phone shows the content first and the tree opens with a tap, with or without scripts.
   Where the tree stands beside the content (the breakpoint of disclosure.css), this opens it.
   Loaded right after the tree, so it runs before the page is first drawn. */
(function () {
  "use strict";
  var tree = document.getElementById("wd-tree");
  if (tree && window.matchMedia && window.matchMedia("(min-width: 56.25em)").matches) {
    tree.open = true;
  }
})();
