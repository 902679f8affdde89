// The agency field (agencies.widgets.AgencyInput): as the user types, the names of matching agencies in their
// scope fill the field's datalist, from agencies:names. Without script the full name is typed.
(function () {
  "use strict";
  var timers = new WeakMap();

  function suggest(input) {
    var typed = input.value.trim();
    var url = input.dataset.agencyPicker;
    var list = document.getElementById(input.getAttribute("list"));
    if (!url || !list || typed.length < 1) {
      return;
    }
    fetch(url + "?q=" + encodeURIComponent(typed), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { names: [] }; })
      .then(function (answer) {
        list.replaceChildren.apply(list, answer.names.map(function (name) {
          var option = document.createElement("option");
          option.value = name;
          return option;
        }));
      })
      .catch(function () { /* no suggestions: the full name can still be typed */ });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches("[data-agency-picker]")) {
      return;
    }
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { suggest(input); }, 200));
  });
})();
