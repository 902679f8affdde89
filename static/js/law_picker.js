// The law picker (agencies.widgets.LawPicker): a search box over the checkboxes, and the count of laws
// chosen. Events are delegated from the document, so item rows added on the page work too.
(function () {
  "use strict";
  document.documentElement.classList.add("js-law-picker");

  function filter(picker, query) {
    var needle = query.trim().toLowerCase();
    picker.querySelectorAll(".law-picker-section").forEach(function (section) {
      var shown = 0;
      section.querySelectorAll(".form-check").forEach(function (row) {
        var box = row.querySelector("input");
        var match = !needle || box.checked || row.textContent.toLowerCase().indexOf(needle) !== -1;
        row.hidden = !match;
        shown += match ? 1 : 0;
      });
      section.hidden = shown === 0;
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-law-search]")) {
      filter(event.target.closest("[data-law-picker]"), event.target.value);
    }
  });
  // Enter in the search box filters; it must not submit the whole form.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("[data-law-search]")) {
      event.preventDefault();
    }
  });
})();
