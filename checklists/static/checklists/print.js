// The 备案表's 打印 button: the browser's print dialog (the page's own CSS lays it out on A4).
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  }
})();
