// The error summary (templates/_error_summary.html): focused when the page loads, so a failed save is the
// first thing read and seen; each line moves the focus to its field. Without script the summary is still at
// the top and its links still jump to their fields.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.scrollIntoView({ block: "start" });
  summary.focus({ preventScroll: true });
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-target]");
    var field = link && document.getElementById(link.getAttribute("data-error-target"));
    if (!field) {
      return;
    }
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  });
})();
