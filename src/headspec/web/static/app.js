// headspec page helpers: example text, highlight linking, auto-submitting pickers. No data is
// ever inserted as HTML: only textContent and classList are used.
(function () {
  "use strict";
  var example = document.getElementById("fill-example");
  if (example) {
    example.addEventListener("click", function () {
      var text = document.getElementById("text");
      text.value = example.getAttribute("data-example");
      text.focus();
    });
  }
  // Hovering a decoded value lights up the text it came from, and the other way round.
  var marks = document.querySelectorAll("#source-text mark");
  function light(field, on) {
    marks.forEach(function (m) {
      if ((" " + m.getAttribute("data-fields") + " ").indexOf(" " + field + " ") >= 0) {
        m.classList.toggle("active", on);
      }
    });
  }
  document.querySelectorAll("dd[data-field]").forEach(function (dd) {
    var field = dd.getAttribute("data-field");
    dd.addEventListener("mouseenter", function () { light(field, true); });
    dd.addEventListener("mouseleave", function () { light(field, false); });
  });
  document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
  // Facets fold away on narrow screens so the results come first.
  var facets = document.querySelector("details.facets");
  if (facets && window.matchMedia("(max-width: 860px)").matches) { facets.open = false; }
})();
