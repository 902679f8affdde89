// Progressive enhancement for the checklist items page: "Add a row" adds an empty item row in the page
// instead of a round trip to the server. Without JavaScript the button submits and the server adds the row.
(function () {
  "use strict";
  var button = document.querySelector("[data-add-row]");
  var template = document.getElementById("item-empty-row");
  var rows = document.getElementById("item-rows");
  var total = document.querySelector("input[name$='-TOTAL_FORMS']");
  if (!button || !template || !rows || !total) {
    return;
  }
  button.addEventListener("click", function (event) {
    event.preventDefault();
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var added = rows.lastElementChild;
    var first = added && added.querySelector("textarea, input:not([type=hidden])");
    if (first) {
      first.focus();
    }
  });
})();
