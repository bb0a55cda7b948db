// whosaid's page works without this script; it only adds keyboard shortcuts:
// "/" focuses the search box, Escape leaves it, "j"/"k" move between results.
(function () {
  "use strict";
  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }
  function move(step) {
    var items = Array.prototype.slice.call(document.querySelectorAll(".hit"));
    if (!items.length) return;
    var current = items.findIndex(function (h) { return h.contains(document.activeElement); });
    var next = Math.max(0, Math.min(items.length - 1, current + step));
    if (current === -1) next = step > 0 ? 0 : items.length - 1;
    var target = items[next];
    target.setAttribute("tabindex", "-1");
    target.focus();
    target.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var box = document.getElementById("q") || document.getElementById("quote");
    if (e.key === "/" && !typing(document.activeElement)) {
      if (box) {
        e.preventDefault();
        box.focus();
        box.select();
      }
    } else if (e.key === "Escape" && typing(document.activeElement)) {
      document.activeElement.blur();
    } else if ((e.key === "j" || e.key === "k") && !typing(document.activeElement)) {
      move(e.key === "j" ? 1 : -1);
    }
  });
  // A changed filter select narrows at once.
  Array.prototype.forEach.call(document.querySelectorAll("select[data-submit]"), function (s) {
    s.addEventListener("change", function () { s.form.submit(); });
  });
})();
